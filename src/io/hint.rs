//! What to do about the slips people make when they write a map by hand:
//! curly quotes from a word processor, `#` comments, fractional scores.
//! Each hint replaces the parser's own message ("Expected string") with
//! one that says how to fix the file.

use super::Position;

/// A hint for the syntax error at `at` in `text`, if it is a known slip.
pub(super) fn for_slip(text: &str, at: Position) -> Option<String> {
    let line = text.lines().nth(at.line.checked_sub(1)?)?;
    // The parser stops at or just after the slip: look at the rest of the
    // line from one character before where it stopped (columns count
    // from 1).
    let from = line
        .char_indices()
        .nth(at.column.saturating_sub(2))
        .map_or(line.len(), |(i, _)| i);
    let near = &line[from..];
    let curly = |c: char| matches!(c, '“' | '”' | '‘' | '’' | '«' | '»');
    if near.chars().take(3).any(curly) || near.trim_start().starts_with(curly) {
        return Some(
            "text must be in straight double quotes (\"like this\"); this line has curly \
             quotes (“ ”), which word processors put in"
                .to_owned(),
        );
    }
    if line.trim_start().starts_with('#') || near.trim_start().starts_with('#') {
        return Some("RON comments start with //, not # (or use /* … */)".to_owned());
    }
    if fractional_score_near(line, from) {
        return Some(
            "scores are whole numbers from -3 to +3 (e.g. `score: 1`), not fractions".to_owned(),
        );
    }
    None
}

/// Whether `line` has `score: N.M` that ends at or after byte `at`, where
/// the parser stopped (at the point, or just after the number).
fn fractional_score_near(line: &str, at: usize) -> bool {
    let Some(field) = line.find("score") else {
        return false;
    };
    let value = line[field + "score".len()..].trim_start_matches([':', ' ']);
    let start = line.len() - value.len();
    let number: &str = value
        .split(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .next()
        .unwrap_or_default();
    number.contains('.') && (field..=start + number.len() + 1).contains(&at)
}

#[cfg(test)]
mod tests {
    use crate::io::{LoadError, parse_map};

    /// The message and line:column of the error a map with `slip` gives.
    fn error_of(text: &str) -> (String, usize, usize) {
        match parse_map(text) {
            Err(LoadError::Syntax { at, message }) => (message, at.line, at.column),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    const HEAD: &str = "(\n    version: 1,\n    title: \"Trip\",\n";

    #[test]
    fn curly_quotes_say_to_use_straight_ones() {
        let (message, line, _) = error_of(&format!("{HEAD}    scenario: “Saturday”,\n)\n"));
        assert!(message.contains("straight double quotes"), "{message}");
        assert_eq!(line, 4);
    }

    #[test]
    fn a_hash_comment_says_how_ron_comments_start() {
        let (message, line, _) =
            error_of(&format!("{HEAD}    # the shop\n    scenario: \"x\",\n)\n"));
        assert!(message.contains("RON comments start with //"), "{message}");
        assert_eq!(line, 4);
    }

    #[test]
    fn a_fractional_score_says_scores_are_whole_numbers() {
        let text = "(\n    version: 1,\n    lanes: [(id: \"feel\", name: \"Feeling\", kind: Emotion)],\n    \
                    stages: [(id: \"s1\", name: \"Buy\", points: [\n        (id: \"p1\", lane: \"feel\",\n         \
                    score: 1.5, label: \"ok\"),\n    ])],\n)\n";
        let (message, line, _) = error_of(text);
        assert!(message.contains("whole numbers"), "{message}");
        assert_eq!(line, 6);
    }

    #[test]
    fn a_missing_version_is_reported_at_the_start_with_the_fix() {
        let (message, line, column) = error_of("(\n    title: \"Trip\",\n)\n");
        assert!(message.contains("(version: 1,"), "{message}");
        assert_eq!((line, column), (1, 1));
    }

    #[test]
    fn a_channel_may_be_written_without_some() {
        let text = "(\n    version: 1,\n    lanes: [(id: \"tp\", name: \"Touchpoints\", kind: Touchpoints)],\n    \
                    stages: [(id: \"s1\", name: \"Buy\", cards: [\n        (id: \"c1\", lane: \"tp\", text: \"Call\", channel: Email),\n        \
                    (id: \"c2\", lane: \"tp\", text: \"Chat\", channel: Some(Chat)),\n    ])],\n)\n";
        let map = parse_map(text).expect("both spellings load");
        let channels: Vec<_> = map.cards().map(|c| c.channel).collect();
        assert_eq!(
            channels,
            [
                Some(crate::model::Channel::Email),
                Some(crate::model::Channel::Chat)
            ]
        );
    }
}
