//! Finding the items a validation problem names in the source text.
//!
//! serde gives the parsed map no positions, so the loader searches the text
//! for `id: "<id>"` and for field names after it. This is exact for files
//! journeymap writes and for ordinary hand edits.

use crate::model::Anchor;

/// The byte offset where `anchor` is written in `src`, if it can be found.
pub fn find_anchor(src: &str, anchor: &Anchor) -> Option<usize> {
    match anchor {
        Anchor::Id { id, nth } => find_id(src, id, *nth),
        Anchor::Field { id, field } => {
            let owner = find_id(src, id, 0)?;
            find_field(src, owner + 1, field).or(Some(owner))
        }
    }
}

/// The offset of the `nth` (from 0) `id: "<id>"` in `src`.
fn find_id(src: &str, id: &str, nth: usize) -> Option<usize> {
    let mut from = 0;
    let mut seen = 0;
    while let Some(at) = find_field(src, from, "id") {
        let colon = src[at..].find(':')? + at;
        let value = src[colon + 1..].trim_start();
        if value
            .strip_prefix('"')
            .and_then(|v| v.strip_prefix(id))
            .is_some_and(|v| v.starts_with('"'))
        {
            if seen == nth {
                return Some(at);
            }
            seen += 1;
        }
        from = colon + 1;
    }
    None
}

/// The offset of the next `field:` at or after `from`, with `field` a whole word.
pub fn find_field(src: &str, from: usize, field: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut start = from;
    while let Some(found) = src.get(start..)?.find(field) {
        let at = start + found;
        let end = at + field.len();
        let word_before = src[..at].chars().next_back().is_some_and(is_word);
        let word_after = src[end..].chars().next().is_some_and(is_word);
        if !word_before && !word_after && src[end..].trim_start().starts_with(':') {
            return Some(at);
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "(\n    stages: [\n        (id: \"a\", name: \"paid: yes\", lane: \"x\"),\n        (id:\"a\", lane: \"y\"),\n    ],\n)";

    #[test]
    fn finds_each_occurrence_of_an_id() {
        assert_eq!(find_id(SRC, "a", 0), SRC.find("id: \"a\""));
        assert_eq!(find_id(SRC, "a", 1), SRC.find("id:\"a\""));
        assert_eq!(find_id(SRC, "a", 2), None);
        assert_eq!(find_id(SRC, "b", 0), None);
    }

    #[test]
    fn finds_a_field_of_an_item_and_not_a_word_inside_text() {
        let anchor = Anchor::Field {
            id: "a".into(),
            field: "lane",
        };
        assert_eq!(find_anchor(SRC, &anchor), SRC.find("lane: \"x\""));
        assert_eq!(find_field(SRC, 0, "aid"), None);
    }
}
