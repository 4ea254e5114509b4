//! RON text as tokens, comments included, each with the lines it starts and
//! ends on: what the comment keeper needs to tell which item a comment
//! belongs to. Values are kept as the text they are written as.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// A string, number, identifier or character, as written.
    Atom(&'a str),
    /// A `// …` comment (without its line end) or a `/* … */` comment.
    Comment(&'a str),
    /// An inner attribute such as `#![enable(implicit_some)]`.
    Attribute,
}

/// A token and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// What it is.
    pub tok: Tok<'a>,
    /// The line it starts on, from 1.
    pub line: usize,
    /// The line it ends on.
    pub end_line: usize,
    /// Its byte offset in the text.
    pub offset: usize,
}

/// The tokens of `text`, or the byte offset of the first thing that is not
/// RON (an unclosed string or comment, a stray character).
pub(super) fn tokens(text: &str) -> Result<Vec<Token<'_>>, usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    let mut line = 1;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_whitespace() {
            if byte == b'\n' {
                line += 1;
            }
            at += 1;
            continue;
        }
        let (tok, end) = match byte {
            b'(' | b'[' | b'{' => (Tok::Open(byte), at + 1),
            b')' | b']' | b'}' => (Tok::Close(byte), at + 1),
            b',' => (Tok::Comma, at + 1),
            b':' => (Tok::Colon, at + 1),
            b'/' => comment(text, at)?,
            b'#' => (Tok::Attribute, attribute_end(bytes, at)?),
            _ => {
                let end = atom_end(bytes, at)?;
                (Tok::Atom(&text[at..end]), end)
            }
        };
        let end_line = line + text[at..end].matches('\n').count();
        out.push(Token {
            tok,
            line,
            end_line,
            offset: at,
        });
        line = end_line;
        at = end;
    }
    Ok(out)
}

/// The comment starting at `at` and where it ends. A `//` comment ends
/// before its line end, with trailing spaces left out; `/* */` comments nest,
/// as RON's do.
fn comment(text: &str, at: usize) -> Result<(Tok<'_>, usize), usize> {
    let bytes = text.as_bytes();
    match bytes.get(at + 1) {
        Some(b'/') => {
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            Ok((Tok::Comment(text[at..end].trim_end()), end))
        }
        Some(b'*') => {
            let mut depth = 0usize;
            let mut i = at;
            while i + 1 < bytes.len() {
                match (bytes[i], bytes[i + 1]) {
                    (b'/', b'*') => {
                        depth += 1;
                        i += 2;
                    }
                    (b'*', b'/') => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            return Ok((Tok::Comment(&text[at..i]), i));
                        }
                    }
                    _ => i += 1,
                }
            }
            Err(at)
        }
        _ => Err(at),
    }
}

/// The end of the inner attribute `#![…]` starting at `at`.
fn attribute_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    if bytes.get(at + 1) != Some(&b'!') || bytes.get(at + 2) != Some(&b'[') {
        return Err(at);
    }
    let mut depth = 0usize;
    for (i, &byte) in bytes.iter().enumerate().skip(at + 2) {
        match byte {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
    }
    Err(at)
}

/// The end of the atom starting at `at`: a string, raw string, byte string,
/// character, or a run of anything else up to a space, bracket, comma,
/// colon or quote.
fn atom_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    match bytes[at] {
        b'"' => quoted_end(bytes, at, b'"'),
        b'\'' => quoted_end(bytes, at, b'\''),
        b'b' if matches!(bytes.get(at + 1), Some(b'"' | b'\'')) => {
            quoted_end(bytes, at + 1, bytes[at + 1])
        }
        b'b' if bytes.get(at + 1) == Some(&b'r') && is_raw_string(bytes, at + 1) => {
            raw_end(bytes, at + 1)
        }
        b'r' if is_raw_string(bytes, at) => raw_end(bytes, at),
        _ => {
            let end = bytes[at..]
                .iter()
                .position(|&b| {
                    b.is_ascii_whitespace()
                        || matches!(
                            b,
                            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' | b'"' | b'/'
                        )
                })
                .map_or(bytes.len(), |n| at + n);
            if end == at { Err(at) } else { Ok(end) }
        }
    }
}

/// The end of a string or character opened by `quote` at `at`, past its
/// closing quote; a backslash escapes the byte after it.
fn quoted_end(bytes: &[u8], at: usize, quote: u8) -> Result<usize, usize> {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(at)
}

/// Whether a raw string (`r"…"`, `r#"…"#`) starts at `at`, where an `r` is.
fn is_raw_string(bytes: &[u8], at: usize) -> bool {
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    bytes.get(at + 1 + hashes) == Some(&b'"')
}

/// The end of the raw string starting at `at`, past its closing `"#…`.
fn raw_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    let body = at + 2 + hashes;
    let mut i = body;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes.len() >= i + 1 + hashes
            && bytes[i + 1..i + 1 + hashes].iter().all(|&b| b == b'#')
        {
            return Ok(i + 1 + hashes);
        }
        i += 1;
    }
    Err(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok<'_>> {
        tokens(text)
            .expect("lexes")
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn comment_markers_inside_strings_are_text() {
        assert_eq!(
            kinds(r##"(a: "http://x /* y */", b: r#"q"# ) // end"##),
            vec![
                Tok::Open(b'('),
                Tok::Atom("a"),
                Tok::Colon,
                Tok::Atom("\"http://x /* y */\""),
                Tok::Comma,
                Tok::Atom("b"),
                Tok::Colon,
                Tok::Atom("r#\"q\"#"),
                Tok::Close(b')'),
                Tok::Comment("// end"),
            ]
        );
    }

    #[test]
    fn block_comments_nest_and_know_their_lines() {
        let tokens = tokens("/* a /* b */\n c */ x").expect("lexes");
        assert_eq!(tokens[0].tok, Tok::Comment("/* a /* b */\n c */"));
        assert_eq!((tokens[0].line, tokens[0].end_line), (1, 2));
        assert_eq!((tokens[1].tok, tokens[1].line), (Tok::Atom("x"), 2));
    }

    #[test]
    fn escaped_quotes_do_not_end_a_string() {
        assert_eq!(
            kinds(r#""say \"hi\"" 'x' '\''"#),
            vec![
                Tok::Atom(r#""say \"hi\"""#),
                Tok::Atom("'x'"),
                Tok::Atom(r"'\''"),
            ]
        );
    }

    #[test]
    fn an_unclosed_string_or_comment_says_where_it_starts() {
        assert_eq!(tokens("(a: \"open"), Err(4));
        assert_eq!(tokens("x /* open"), Err(2));
        assert_eq!(tokens("x / y"), Err(2));
    }
}
