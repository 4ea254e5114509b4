//! Comments through reading and canonical writing.

use super::{Comments, MAX_COLUMNS, parse_file, to_ron, to_ron_with};
use crate::model::{CardId, LaneId, StageId};

/// A hand-written map with a comment at every kind of place.
const COMMENTED: &str = r#"// Grocery trip, transcribed from the workshop wall.
/* Second header line. */
(
    version: 1, // the format
    title: "Weekly shop",
    persona: ( // who we met
        // her name is made up
        name: "Maria",
        goals: [
            "Feed the family", // the first thing she said
            // the second
            "Spend less",
        ],
    ),
    lanes: [
        // rows
        (id: "doing", name: "Doing", kind: Text),
        (id: "feeling", name: "Feeling", kind: Emotion), /* the curve */
    ],
    stages: [
        ( // the first column
            id: "plan",
            name: "Plan",
            cards: [
                // she always starts here
                (id: "list", lane: "doing", text: "Writes a list"), // on paper
                (lane: "doing", text: "Checks the fridge"), // no id: one is made
                (
                    id: "app",
                    // the app is new
                    lane: "doing",
                    text: "Opens the app",
                ),
            ],
            points: [
                // calm at first
                (lane: "feeling", score: 1),
            ],
            // nothing else in this stage yet
        ),
    ],
)
// the end
"#;

fn comments_of(text: &str) -> Vec<String> {
    let mut texts: Vec<String> = parse_file(text)
        .expect("loads")
        .comments
        .texts()
        .map(str::to_owned)
        .collect();
    texts.sort();
    texts
}

fn fmt(text: &str) -> String {
    let file = parse_file(text).expect("loads");
    to_ron_with(&file.map, &file.comments).expect("writes")
}

#[test]
fn a_hand_written_map_keeps_every_comment_through_fmt() {
    let written = fmt(COMMENTED);
    assert_eq!(comments_of(&written), comments_of(COMMENTED));
    assert_eq!(
        comments_of(COMMENTED).len(),
        17,
        "{:?}",
        comments_of(COMMENTED)
    );
}

#[test]
fn fmt_of_a_formatted_commented_map_changes_nothing() {
    let once = fmt(COMMENTED);
    assert_eq!(fmt(&once), once);
}

#[test]
fn comments_stay_before_or_at_the_end_of_the_line_of_their_item() {
    let written = fmt(COMMENTED);
    for expected in [
        "// Grocery trip, transcribed from the workshop wall.\n/* Second header line. */\n(\n    version: 1, // the format\n",
        "    persona: ( // who we met\n        // her name is made up\n        name: \"Maria\",\n",
        "            \"Feed the family\", // the first thing she said\n            // the second\n            \"Spend less\",\n",
        "                // she always starts here\n                (id: \"list\", lane: \"doing\", text: \"Writes a list\"), // on paper\n",
        "                    // the app is new\n                    lane: \"doing\",\n",
        "            // nothing else in this stage yet\n        ),\n",
        ")\n// the end\n",
    ] {
        assert!(written.contains(expected), "{expected}\nnot in\n{written}");
    }
}

#[test]
fn a_card_written_without_an_id_keeps_its_comment_and_gets_its_id() {
    let written = fmt(COMMENTED);
    assert!(
        written.contains(
            "(id: \"c1\", lane: \"doing\", text: \"Checks the fridge\"), // no id: one is made\n"
        ),
        "{written}"
    );
    assert!(
        written.contains("                // calm at first\n                (id: \"p1\", "),
        "{written}"
    );
}

#[test]
fn a_comment_on_a_deleted_card_goes_with_it() {
    let mut file = parse_file(COMMENTED).expect("loads");
    file.map
        .remove_card(&CardId::new("list"))
        .expect("the card is there");
    let written = to_ron_with(&file.map, &file.comments).expect("writes");
    assert!(!written.contains("she always starts here"), "{written}");
    assert!(!written.contains("on paper"), "{written}");
    assert!(written.contains("// the app is new"), "{written}");
}

#[test]
fn a_comment_follows_its_card_to_another_stage() {
    let text = COMMENTED.replace(
        "    ],\n)\n// the end",
        "        (id: \"shop\", name: \"Shop\"),\n    ],\n)\n// the end",
    );
    let mut file = parse_file(&text).expect("loads");
    file.map
        .move_card(
            &CardId::new("list"),
            &StageId::new("shop"),
            &LaneId::new("doing"),
            0,
        )
        .expect("moves");
    let written = to_ron_with(&file.map, &file.comments).expect("writes");
    let shop = written.find("id: \"shop\"").expect("the new stage");
    let comment = written.find("// she always starts here").expect("kept");
    assert!(comment > shop, "{written}");
}

#[test]
fn a_card_goes_on_one_line_only_when_it_fits() {
    let long = "x".repeat(MAX_COLUMNS);
    let text = COMMENTED.replace("Writes a list", &long);
    let written = fmt(&text);
    assert!(
        written.contains(&format!(
            "                (\n                    id: \"list\",\n                    lane: \"doing\",\n                    text: \"{long}\",\n                ), // on paper\n"
        )),
        "{written}"
    );
    for line in written.lines().filter(|l| l.contains("(id: ")) {
        let card = line.split(" //").next().unwrap_or(line);
        assert!(card.chars().count() <= MAX_COLUMNS, "{line}");
    }
}

#[test]
fn a_card_exactly_as_wide_as_the_limit_stays_on_one_line() {
    let line = |text: &str| {
        format!("                (id: \"list\", lane: \"doing\", text: \"{text}\"),")
            .chars()
            .count()
    };
    let fill = "y".repeat(MAX_COLUMNS - line(""));
    assert_eq!(line(&fill), MAX_COLUMNS);
    let written = fmt(&COMMENTED.replace("Writes a list", &fill));
    assert!(
        written.contains(&format!("text: \"{fill}\"), // on paper")),
        "{written}"
    );
    let over = format!("{fill}y");
    let written = fmt(&COMMENTED.replace("Writes a list", &over));
    assert!(
        written.contains(&format!("text: \"{over}\",\n")),
        "{written}"
    );
}

#[test]
fn a_map_without_comments_is_written_as_without_them() {
    let file = parse_file(COMMENTED).expect("loads");
    assert_eq!(
        to_ron_with(&file.map, &Comments::default()).expect("writes"),
        to_ron(&file.map).expect("writes")
    );
    assert!(!to_ron(&file.map).expect("writes").contains("//"));
}

#[test]
fn comment_markers_inside_text_are_not_comments() {
    let text = COMMENTED.replace("Writes a list", "See https://example.com /* not */");
    assert_eq!(comments_of(&text), comments_of(COMMENTED));
    let written = fmt(&text);
    assert!(
        written.contains("text: \"See https://example.com /* not */\""),
        "{written}"
    );
}

#[test]
fn crlf_line_endings_do_not_end_up_in_comments() {
    let text = COMMENTED.replace('\n', "\r\n");
    assert_eq!(fmt(&text), fmt(COMMENTED));
}
