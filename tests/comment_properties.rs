//! Comments through `fmt`, for generated maps with comments sprinkled at
//! every kind of place a line can hold one: before any line, and at the end
//! of any line.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::generate::{Spec, generate};
use journeymap::io;
use proptest::prelude::*;

/// The canonical text of `map` with comments put in: before line `n` the
/// comment `before[n]`, and at the end of line `n` the comment `after[n]`,
/// where given. Each comment's text is unique.
fn sprinkle(
    text: &str,
    before: &[Option<Comment>],
    after: &[Option<Comment>],
) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut written = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(Some(comment)) = before.get(n) {
            let comment = comment.text(n, "before");
            out.push_str(&comment);
            out.push('\n');
            written.push(comment);
        }
        out.push_str(line);
        if let Some(Some(comment)) = after.get(n) {
            let comment = comment.text(n, "after");
            out.push(' ');
            out.push_str(&comment);
            written.push(comment);
        }
        out.push('\n');
    }
    (out, written)
}

/// A comment's kind and words.
#[derive(Clone, Debug)]
struct Comment {
    block: bool,
    words: String,
}

impl Comment {
    /// The comment as written, made unique by `n` and `place`. (Spaces at
    /// the end of a line are not part of a `//` comment: `fmt` drops them.)
    fn text(&self, n: usize, place: &str) -> String {
        if self.block {
            format!("/* {place} {n}: {} */", self.words)
        } else {
            format!("// {place} {n}: {}", self.words)
                .trim_end()
                .to_owned()
        }
    }
}

fn comment() -> impl Strategy<Value = Option<Comment>> {
    // Words that look like RON, and comment markers that are only text
    // inside a comment: `//` in a block, `/*` in a line comment.
    let words = prop::sample::select(vec![
        "note",
        "(id: \"c9\")",
        "text: \"x\",",
        "see https://example.com",
        "“curly”",
        "],",
        "a // b",
        "",
    ]);
    prop::option::weighted(
        0.2,
        (any::<bool>(), prop::collection::vec(words, 0..4)).prop_map(|(block, words)| Comment {
            block,
            words: words.join(" "),
        }),
    )
}

fn sorted(mut texts: Vec<String>) -> Vec<String> {
    texts.sort();
    texts
}

fn fmt(text: &str) -> (String, Vec<String>) {
    let file = io::parse_file(text).expect("the commented map loads");
    let written = io::to_ron_with(&file.map, &file.comments).expect("writes");
    let kept = io::parse_file(&written)
        .expect("the written map loads")
        .comments
        .texts()
        .map(str::to_owned)
        .collect();
    (written, kept)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fmt_keeps_every_comment_and_changes_nothing_the_second_time(
        stages in 1_usize..4,
        lanes in 1_usize..4,
        cards in 0_usize..3,
        seed in any::<u64>(),
        before in prop::collection::vec(comment(), 0..400),
        after in prop::collection::vec(comment(), 0..400),
    ) {
        let map = generate(&Spec { stages, lanes, cards_per_cell: cards, seed });
        let canonical = io::to_ron(&map).expect("writes");
        let (commented, comments) = sprinkle(&canonical, &before, &after);

        let (once, kept) = fmt(&commented);
        prop_assert_eq!(sorted(kept), sorted(comments), "{}", once);
        prop_assert_eq!(&io::parse_map(&once).expect("loads"), &map);
        let (twice, _) = fmt(&once);
        prop_assert_eq!(twice, once);
    }
}
