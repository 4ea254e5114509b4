//! RON text as a tree of values with the comments around each entry: what
//! the comment keeper reads comments from, and what the canonical writer
//! lays out.

use super::lex::{Tok, Token, tokens};

/// The comments around one entry (a field, a list item, the whole file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes<S> {
    /// On the lines before the entry (for the whole file: before it starts).
    pub before: Vec<S>,
    /// After the entry on its last line (for the whole file: after it ends).
    pub after: Vec<S>,
    /// On the line of the entry's opening bracket, after it.
    pub open: Vec<S>,
    /// After the entry's last item, before its closing bracket.
    pub close: Vec<S>,
}

impl<S> Notes<S> {
    /// Whether there are no comments here.
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
            && self.after.is_empty()
            && self.open.is_empty()
            && self.close.is_empty()
    }

    /// Every comment here, in the order they are written.
    pub fn iter(&self) -> impl Iterator<Item = &S> {
        self.before
            .iter()
            .chain(&self.open)
            .chain(&self.close)
            .chain(&self.after)
    }
}

/// A value and the comments around it.
#[derive(Debug)]
pub(in crate::io) struct Node<'a> {
    /// The value.
    pub kind: Kind<'a>,
    /// Its comments.
    pub notes: Notes<&'a str>,
}

/// A RON value.
#[derive(Debug)]
pub(in crate::io) enum Kind<'a> {
    /// A string, number, identifier or character, as written.
    Atom(&'a str),
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct {
        /// The name before the parenthesis, if any.
        name: Option<&'a str>,
        /// The fields in order.
        fields: Vec<(&'a str, Node<'a>)>,
    },
    /// `Name(value, …)` or `(value, …)`, such as `Some("#bbb")`.
    Tuple {
        /// The name before the parenthesis, if any.
        name: Option<&'a str>,
        /// The members in order.
        items: Vec<Node<'a>>,
    },
    /// `[value, …]`
    List(Vec<Node<'a>>),
    /// `{key: value, …}`
    Map(Vec<(&'a str, Node<'a>)>),
}

/// Where the text stops making sense, as a byte offset.
pub(in crate::io) type Offset = usize;

/// The tree of `text`, a whole RON file: the root's `before` holds the
/// comments before it, its `after` those after it.
pub(in crate::io) fn parse(text: &str) -> Result<Node<'_>, Offset> {
    let tokens = tokens(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        last_line: 1,
        end: text.len(),
    };
    let mut before = Vec::new();
    while let Some(token) = parser.peek() {
        match token.tok {
            Tok::Comment(text) => before.push(text),
            Tok::Attribute => {}
            _ => break,
        }
        parser.at += 1;
    }
    let mut root = parser.value(0)?;
    root.notes.before = before;
    while let Some(token) = parser.next() {
        match token.tok {
            Tok::Comment(text) => root.notes.after.push(text),
            _ => return Err(token.offset),
        }
    }
    Ok(root)
}

/// The deepest a file may nest; the RON reader refuses deeper files first.
const MAX_DEPTH: usize = crate::io::RECURSION_LIMIT;

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    at: usize,
    /// The line the last token taken ends on.
    last_line: usize,
    /// The text's length, the offset reported when it ends too early.
    end: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Option<Token<'a>> {
        let token = self.peek()?;
        self.at += 1;
        self.last_line = token.end_line;
        Some(token)
    }

    fn next_or_end(&mut self) -> Result<Token<'a>, Offset> {
        self.next().ok_or(self.end)
    }

    /// The comments from here on, taken.
    fn comments(&mut self) -> Vec<&'a str> {
        let mut found = Vec::new();
        while let Some(Token {
            tok: Tok::Comment(text),
            ..
        }) = self.peek()
        {
            found.push(text);
            self.next();
        }
        found
    }

    /// The comments from here on that start on the line the last token
    /// ended on, taken.
    fn comments_on_this_line(&mut self) -> Vec<&'a str> {
        let mut found = Vec::new();
        while let Some(Token {
            tok: Tok::Comment(text),
            line,
            ..
        }) = self.peek()
        {
            if line != self.last_line {
                break;
            }
            found.push(text);
            self.next();
        }
        found
    }

    /// The next non-comment token, not taken.
    fn peek_past_comments(&self, skip: usize) -> Option<Token<'a>> {
        self.tokens[self.at..]
            .iter()
            .filter(|t| !matches!(t.tok, Tok::Comment(_)))
            .nth(skip)
            .copied()
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, Offset> {
        let token = self.next_or_end()?;
        if depth > MAX_DEPTH {
            return Err(token.offset);
        }
        let kind = match token.tok {
            Tok::Atom(text) => {
                if self.peek().map(|t| t.tok) == Some(Tok::Open(b'(')) {
                    self.next();
                    return self.parenthesised(Some(text), depth);
                }
                Kind::Atom(text)
            }
            Tok::Open(b'(') => return self.parenthesised(None, depth),
            Tok::Open(b'[') => {
                let (items, notes) =
                    self.entries(b']', depth, |parser, _| Ok(((), parser.value(depth + 1)?)))?;
                return Ok(Node {
                    kind: Kind::List(items.into_iter().map(|((), node)| node).collect()),
                    notes,
                });
            }
            Tok::Open(_) => {
                let (entries, notes) =
                    self.entries(b'}', depth, |parser, before| parser.labelled(depth, before))?;
                return Ok(Node {
                    kind: Kind::Map(entries),
                    notes,
                });
            }
            _ => return Err(token.offset),
        };
        Ok(Node {
            kind,
            notes: Notes::default(),
        })
    }

    /// A struct or tuple after its `(`.
    fn parenthesised(&mut self, name: Option<&'a str>, depth: usize) -> Result<Node<'a>, Offset> {
        let is_struct = matches!(
            (self.peek_past_comments(0), self.peek_past_comments(1)),
            (
                Some(Token {
                    tok: Tok::Atom(_),
                    ..
                }),
                Some(Token {
                    tok: Tok::Colon,
                    ..
                })
            ) | (
                Some(Token {
                    tok: Tok::Close(_),
                    ..
                }),
                _
            )
        );
        if is_struct {
            let (fields, notes) =
                self.entries(b')', depth, |parser, before| parser.labelled(depth, before))?;
            Ok(Node {
                kind: Kind::Struct { name, fields },
                notes,
            })
        } else {
            let (items, notes) =
                self.entries(b')', depth, |parser, _| Ok(((), parser.value(depth + 1)?)))?;
            Ok(Node {
                kind: Kind::Tuple {
                    name,
                    items: items.into_iter().map(|((), node)| node).collect(),
                },
                notes,
            })
        }
    }

    /// A `label: value` entry of a struct or map; comments around the
    /// colon go to `before`.
    fn labelled(
        &mut self,
        depth: usize,
        before: &mut Vec<&'a str>,
    ) -> Result<(&'a str, Node<'a>), Offset> {
        let label = self.atom()?;
        before.extend(self.comments());
        self.colon()?;
        before.extend(self.comments());
        Ok((label, self.value(depth + 1)?))
    }

    /// The entries of a container up to its `close`, each read by `entry`
    /// (which may add comments it meets to the entry's `before`), with the
    /// comments around each given to it. Returns the container's own
    /// comments: on its opening line, and before its closing bracket.
    #[expect(
        clippy::type_complexity,
        reason = "the entries and the container's notes, as they are read"
    )]
    fn entries<K>(
        &mut self,
        close: u8,
        depth: usize,
        mut entry: impl FnMut(&mut Self, &mut Vec<&'a str>) -> Result<(K, Node<'a>), Offset>,
    ) -> Result<(Vec<(K, Node<'a>)>, Notes<&'a str>), Offset> {
        let mut entries = Vec::new();
        let mut notes = Notes {
            open: self.comments_on_this_line(),
            ..Notes::default()
        };
        loop {
            let mut before = self.comments();
            let Some(token) = self.peek() else {
                return Err(self.end);
            };
            if token.tok == Tok::Close(close) {
                self.next();
                notes.close = before;
                return Ok((entries, notes));
            }
            if depth > MAX_DEPTH {
                return Err(token.offset);
            }
            let (key, mut node) = entry(self, &mut before)?;
            // Comments between the value and its comma, and after the
            // comma on the same line, follow the entry.
            let mut after = self.comments();
            let separator = self.peek().ok_or(self.end)?;
            match separator.tok {
                Tok::Comma => {
                    self.next();
                    after.extend(self.comments_on_this_line());
                }
                Tok::Close(c) if c == close => {}
                _ => return Err(separator.offset),
            }
            before.append(&mut node.notes.before);
            node.notes.before = before;
            node.notes.after.append(&mut after);
            entries.push((key, node));
        }
    }

    fn atom(&mut self) -> Result<&'a str, Offset> {
        let token = self.next_or_end()?;
        match token.tok {
            Tok::Atom(text) => Ok(text),
            _ => Err(token.offset),
        }
    }

    fn colon(&mut self) -> Result<(), Offset> {
        let token = self.next_or_end()?;
        match token.tok {
            Tok::Colon => Ok(()),
            _ => Err(token.offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'t, 'a>(node: &'t Node<'a>) -> &'t [(&'a str, Node<'a>)] {
        match &node.kind {
            Kind::Struct { fields, .. } => fields,
            other => panic!("not a struct: {other:?}"),
        }
    }

    #[test]
    fn a_comment_belongs_to_the_entry_it_comes_before_or_ends_the_line_of() {
        let root = parse(
            "// head\n(\n    // about a\n    a: 1, // a's\n    b: Some(\"x\") /* b's */,\n    // dangling\n) // tail\n",
        )
        .expect("parses");
        assert_eq!(root.notes.before, ["// head"]);
        assert_eq!(root.notes.after, ["// tail"]);
        assert_eq!(root.notes.close, ["// dangling"]);
        let fields = fields(&root);
        assert_eq!(fields[0].1.notes.before, ["// about a"]);
        assert_eq!(fields[0].1.notes.after, ["// a's"]);
        assert_eq!(fields[1].1.notes.after, ["/* b's */"]);
    }

    #[test]
    fn a_comment_on_an_opening_line_belongs_to_the_container() {
        let root =
            parse("( // the map\n    list: [ // the list\n        1,\n    ],\n)").expect("parses");
        assert_eq!(root.notes.open, ["// the map"]);
        assert_eq!(fields(&root)[0].1.notes.open, ["// the list"]);
    }

    #[test]
    fn a_comment_on_the_next_line_comes_before_the_next_entry() {
        let root = parse("(a: 1,\n// b's\nb: 2)").expect("parses");
        let fields = fields(&root);
        assert!(fields[0].1.notes.after.is_empty());
        assert_eq!(fields[1].1.notes.before, ["// b's"]);
    }

    #[test]
    fn text_that_is_not_ron_says_where() {
        assert_eq!(parse("(a: 1 b: 2)").err(), Some(6));
        assert_eq!(parse("(a: 1").err(), Some(5));
        assert_eq!(parse("(a: 1) x").err(), Some(7));
    }
}
