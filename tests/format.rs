//! The file format: what loads, what is refused, and what the user is told.

use journeymap::io::{self, LoadError, MAX_FILE_BYTES, Position};
use journeymap::model::{CardId, Channel};

/// A small valid map in canonical form.
const MAP: &str = r##"(
    version: 1,
    title: "Team gear",
    persona: (
        name: "Sean",
        role: "Fan",
        quote: "I just need the jerseys by Sunday.",
        goals: [
            "Gear for the party",
        ],
        expectations: [],
    ),
    scenario: "Buying gear before the big game.",
    lanes: [
        (
            id: "touch",
            name: "Touchpoints",
            kind: Touchpoints,
        ),
        (
            id: "feel",
            name: "Feeling",
            kind: Emotion,
        ),
        (
            id: "pain",
            name: "Pain points",
            kind: PainPoints,
        ),
    ],
    stages: [
        (
            id: "call",
            name: "Call ahead",
            colour: Some("#4477aa"),
            cards: [
                (id: "c1", lane: "touch", text: "Store phone line", channel: Some(Phone)),
                (id: "c2", lane: "pain", text: "Calls go to voicemail", severity: Some(High)),
            ],
            points: [
                (id: "p1", lane: "feel", score: -2, label: "ignored"),
            ],
        ),
    ],
)
"##;

fn load_error(text: &str) -> LoadError {
    match io::parse_map(text) {
        Ok(_) => panic!("expected the map to be refused"),
        Err(error) => error,
    }
}

/// Line and column (from 1) of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<Position> {
    text.find(needle)
        .map(|offset| Position::of_offset(text, offset))
}

#[test]
fn a_valid_map_loads() {
    let map = io::parse_map(MAP).expect("valid");
    assert_eq!(map.title, "Team gear");
    let (_, card) = map.card(&CardId::new("c1")).expect("c1");
    assert_eq!(card.channel, Some(Channel::Phone));
}

#[test]
fn saving_an_unchanged_map_gives_back_the_same_bytes() {
    let map = io::parse_map(MAP).expect("valid");
    assert_eq!(io::to_ron(&map).expect("ron"), MAP);
}

#[test]
fn an_empty_file_is_refused_with_a_hint() {
    let error = load_error("");
    assert_eq!(
        error.to_string(),
        "1:1: the file is empty; a map starts with `(version: 1,`"
    );
}

#[test]
fn a_truncated_file_is_reported_at_its_end() {
    let cut = &MAP[..MAP.find("text: \"Calls").expect("needle")];
    let error = load_error(cut);
    let end_of_text = Position::of_offset(cut, cut.trim_end().len());
    assert_eq!(error.position(), Some(end_of_text));
    assert!(
        error
            .to_string()
            .contains("the file ends too early: it looks truncated"),
        "{error}"
    );
}

#[test]
fn a_file_cut_inside_a_field_name_is_reported_as_truncated() {
    // Cut after `lan` of `lane:`: the parser sees an unknown field `lan`,
    // but what happened is that the file was cut short.
    let cut = &MAP[..MAP.find("lane: \"pain\"").expect("needle") + 3];
    let error = load_error(cut);
    assert!(
        error
            .to_string()
            .contains("the file ends in the middle of a word: the file looks truncated"),
        "{error}"
    );
}

#[test]
fn a_file_cut_inside_a_string_points_at_the_string_that_is_never_closed() {
    let cut = &MAP[..MAP.find("phone line").expect("needle")];
    let error = load_error(cut);
    assert_eq!(error.position(), position_of(cut, "\"Store"));
    assert!(
        error
            .to_string()
            .contains("this text is never closed with `\"`: the file looks truncated"),
        "{error}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = MAP.as_bytes().to_vec();
    let offset = MAP.find("Sean").expect("needle");
    bytes[offset] = 0xff;
    let error = io::parse_map_bytes(&bytes).expect_err("not UTF-8");
    assert_eq!(error.position(), position_of(MAP, "Sean"));
    assert!(
        error
            .to_string()
            .contains("not UTF-8 text (byte 0xff here)"),
        "{error}"
    );
}

#[test]
fn an_unknown_field_is_an_error_at_its_line_and_column() {
    let text = MAP.replace("colour: Some", "colr: Some");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "colr"));
    assert!(error.to_string().contains("colr"), "{error}");
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_at_its_position() {
    let text = MAP.replace("score: -2", "score: \"low\"");
    let error = load_error(&text);
    assert_eq!(
        error.position().map(|p| p.line),
        position_of(&text, "\"low\"").map(|p| p.line)
    );
    assert!(error.to_string().contains("Expected integer"), "{error}");
}

#[test]
fn a_bad_colour_says_how_to_write_one() {
    let text = MAP.replace("#4477aa", "blue");
    let error = load_error(&text);
    assert!(
        error.to_string().contains("write it as \"#rrggbb\""),
        "{error}"
    );
    assert_eq!(
        error.position().map(|p| p.line),
        position_of(&text, "\"blue\"").map(|p| p.line)
    );
}

#[test]
fn a_score_out_of_range_names_the_point_and_its_line() {
    let text = MAP.replace("score: -2", "score: 5");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "score: 5"));
    assert!(
        error
            .to_string()
            .contains("emotion point `p1` has score 5; scores go from -3 to +3"),
        "{error}"
    );
}

#[test]
fn a_duplicate_id_is_reported_where_it_is_used_the_second_time() {
    let text = MAP.replace("id: \"c2\"", "id: \"c1\"");
    let error = load_error(&text);
    let second = text
        .match_indices("id: \"c1\"")
        .nth(1)
        .map(|(offset, _)| Position::of_offset(&text, offset));
    assert_eq!(error.position(), second);
    assert!(
        error.to_string().contains("card id `c1` is already used"),
        "{error}"
    );
}

#[test]
fn a_reference_to_a_missing_lane_names_the_card() {
    let text = MAP.replace("lane: \"pain\"", "lane: \"pains\"");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "lane: \"pains\""));
    assert!(
        error
            .to_string()
            .contains("card `c2` is in lane `pains`, which does not exist"),
        "{error}"
    );
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let text = MAP
        .replace("lane: \"pain\"", "lane: \"pains\"")
        .replace("score: -2", "score: 9");
    let error = load_error(&text);
    let lines: Vec<_> = error
        .diagnostics()
        .iter()
        .map(|d| d.at.map(|p| p.line))
        .collect();
    assert_eq!(
        lines,
        [
            position_of(&text, "\"pains\"").map(|p| p.line),
            position_of(&text, "score: 9").map(|p| p.line)
        ]
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused_naming_both_versions() {
    let text = MAP
        .replace("version: 1", "version: 7")
        .replace("label: \"ignored\"", "label: \"ignored\", mood: Grumpy");
    let error = load_error(&text);
    assert!(
        matches!(error, LoadError::NewerVersion { found: 7, .. }),
        "{error:?}"
    );
    assert_eq!(error.position(), Some(Position { line: 2, column: 5 }));
    assert!(
        error
            .to_string()
            .contains("this map is format version 7, but this journeymap reads up to version 2"),
        "{error}"
    );
}

#[test]
fn version_zero_is_not_a_version() {
    let error = load_error(&MAP.replace("version: 1", "version: 0"));
    assert!(
        matches!(error, LoadError::UnknownVersion { found: 0, .. }),
        "{error:?}"
    );
}

#[test]
fn a_missing_version_is_an_error() {
    let error = load_error(&MAP.replace("    version: 1,\n", ""));
    assert!(error.to_string().contains("version"), "{error}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for text in [
        format!("(version: 1, title: {deep})"),
        format!("(version: 1, unknown: {deep})"),
        format!("(version: 3, unknown: {deep})"),
        deep.clone(),
    ] {
        let error = load_error(&text);
        assert_eq!(error.position().map(|p| p.line), Some(1), "{error}");
    }
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
    let error = io::read_map(&path).expect_err("too large");
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error:?}");
    assert_eq!(error.position(), None);
    assert!(error.to_string().contains("up to 32 MiB"), "{error}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let windows = format!("\u{feff}{}", MAP.replace('\n', "\r\n"));
    let map = io::parse_map_bytes(windows.as_bytes()).expect("Windows file");
    assert_eq!(
        io::to_ron(&map).expect("ron"),
        MAP,
        "saving writes LF and no BOM"
    );
}

#[test]
fn positions_in_a_crlf_file_are_the_lines_a_user_sees() {
    let windows = MAP.replace('\n', "\r\n").replace("score: -2", "score: 5");
    let error = load_error(&windows);
    assert_eq!(
        error.position(),
        position_of(&MAP.replace("score: -2", "score: 5"), "score: 5")
    );
}

#[test]
fn a_file_that_does_not_exist_is_a_read_error() {
    let error = io::read_map(std::path::Path::new("/nonexistent/map.ron")).expect_err("missing");
    assert!(matches!(error, LoadError::Read(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("cannot read the file:"),
        "{error}"
    );
}

#[test]
fn the_example_in_the_readme_is_a_valid_map() {
    let readme = include_str!("../README.md");
    let start = readme.find("```ron\n").expect("a RON example") + "```ron\n".len();
    let example = &readme[start..start + readme[start..].find("```").expect("end of example")];
    let map = io::parse_map(example).unwrap_or_else(|error| panic!("README example: {error}"));
    assert_eq!(map.card_count(), 3);
    assert_eq!(map.point_count(), 1);
}

/// The saved line of `text` for the first card, given its text.
fn saved_with_card_text(text: &str) -> String {
    let mut map = io::parse_map(MAP).unwrap_or_else(|error| panic!("MAP is valid: {error}"));
    text.clone_into(&mut map.stages[0].cards.to_mut()[0].text);
    io::to_ron(&map).unwrap_or_else(|error| panic!("saves: {error}"))
}

#[test]
fn an_apostrophe_is_saved_as_itself() {
    let saved = saved_with_card_text("Store won't answer");
    assert!(saved.contains("text: \"Store won't answer\","), "{saved}");
    assert!(!saved.contains(r"\'"), "{saved}");
    let reopened = io::parse_map(&saved).expect("reloads");
    assert_eq!(reopened.stages[0].cards[0].text, "Store won't answer");
    assert_eq!(io::to_ron(&reopened).expect("ron"), saved, "canonical");
}

#[test]
fn quotes_backslashes_and_line_breaks_are_still_escaped_and_read_back() {
    for (text, written) in [
        (r#"They said "soon""#, r#""They said \"soon\"""#),
        (r"C:\maps\trip.ron", r#""C:\\maps\\trip.ron""#),
        (r"a backslash then \'", r#""a backslash then \\'""#),
        ("two\nlines\tand a tab", r#""two\nlines\tand a tab""#),
        ("'", r#""'""#),
    ] {
        let saved = saved_with_card_text(text);
        assert!(
            saved.contains(&format!("text: {written},")),
            "{text:?} should be written as {written}:\n{saved}"
        );
        let reopened = io::parse_map(&saved).expect("reloads");
        assert_eq!(reopened.stages[0].cards[0].text, text);
        assert_eq!(io::to_ron(&reopened).expect("ron"), saved, "canonical");
    }
}

#[test]
fn an_escaped_apostrophe_from_an_older_save_still_loads_and_is_saved_plain() {
    let old = MAP.replace("Store phone line", r"Store won\'t answer");
    let map = io::parse_map(&old).expect("an older save loads");
    assert_eq!(map.stages[0].cards[0].text, "Store won't answer");
    assert_eq!(
        io::to_ron(&map).expect("ron"),
        MAP.replace("Store phone line", "Store won't answer")
    );
}

#[test]
fn readmes_commented_example_is_canonical_and_saves_byte_for_byte() {
    // The map in README's "The file format" section.
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## The file format").expect("section")..];
    let start = section.find("```ron\n").expect("example") + "```ron\n".len();
    let end = section[start..].find("```\n").expect("end of example") + start;
    let example = &section[start..end];

    let file = io::parse_file(example).expect("README's example loads");
    assert_eq!(file.comments.texts().count(), 10);
    assert_eq!(
        io::to_ron_with(&file.map, &file.comments).expect("ron"),
        example
    );
}
