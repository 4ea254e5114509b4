//! A service blueprint's lines (issue 12, item 8): a lane's `line_below`
//! draws the line of interaction, of visibility or of internal interaction
//! under it. It is a format version 2 field; a map has one line of each
//! kind; it travels through edits, undo, diff and merge, and is drawn in
//! every export as real text.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::edit::{Edit, History};
use journeymap::export::{self, ExportOptions};
use journeymap::io::{self, Position};
use journeymap::model::{BlueprintLine, JourneyMap, LaneId, diff, merge, validate};
use journeymap::samples;

#[path = "support/parse.rs"]
mod parse;
use parse::{load, load_error, position_of};

#[path = "support/svg.rs"]
mod svg;
use svg::svg_texts;

/// A version 1 map in canonical form: three lanes, one card.
const MAP: &str = r#"(
    version: 1,
    title: "Hotel stay",
    persona: (
        name: "Ines",
        role: "Business traveller",
        quote: "",
        goals: [],
        expectations: [],
    ),
    scenario: "",
    lanes: [
        (
            id: "guest",
            name: "Guest actions",
            kind: Text,
        ),
        (
            id: "front",
            name: "Front desk",
            kind: Touchpoints,
        ),
        (
            id: "back",
            name: "Housekeeping",
            kind: Text,
        ),
    ],
    stages: [
        (
            id: "arrive",
            name: "Check in",
            cards: [
                (id: "c1", lane: "front", text: "Greeted by name", channel: Some(Store)),
            ],
        ),
    ],
)
"#;

fn saved(map: &JourneyMap) -> String {
    io::to_ron(map).expect("the map saves")
}

fn lane(id: &str) -> LaneId {
    LaneId::new(id)
}

/// Each lane's id and line, top to bottom.
fn lines(map: &JourneyMap) -> Vec<(String, Option<BlueprintLine>)> {
    map.lanes
        .iter()
        .map(|l| (l.id.to_string(), l.line_below))
        .collect()
}

/// `MAP` as version 2 with `field` added after the lane `name` line.
fn v2_with(name: &str, field: &str) -> String {
    MAP.replace("version: 1", "version: 2").replace(
        &format!("name: \"{name}\",\n"),
        &format!("name: \"{name}\",\n            {field}\n"),
    )
}

#[test]
fn a_line_below_a_lane_round_trips_and_makes_the_file_version_2() {
    let mut map = load(MAP);
    map.set_line_below(&lane("front"), Some(BlueprintLine::Visibility))
        .expect("the lane exists");
    let text = saved(&map);
    assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
    assert!(
        text.contains(
            "            kind: Touchpoints,\n            line_below: Some(Visibility),\n"
        ),
        "{text}"
    );
    let again = load(&text);
    assert_eq!(again, map);
    assert_eq!(saved(&again), text);
}

#[test]
fn a_map_without_lines_stays_version_1_byte_for_byte() {
    assert_eq!(saved(&load(MAP)), MAP);
    let mut map = load(MAP);
    map.set_line_below(&lane("guest"), Some(BlueprintLine::Interaction))
        .and_then(|_| map.set_line_below(&lane("guest"), None))
        .expect("the lane exists");
    assert_eq!(saved(&map), MAP);
}

#[test]
fn a_hand_written_line_may_leave_out_some() {
    let text = v2_with("Front desk", "line_below: InternalInteraction,");
    let map = load(&text);
    assert_eq!(
        map.lane(&lane("front")).and_then(|l| l.line_below),
        Some(BlueprintLine::InternalInteraction)
    );
    assert!(saved(&map).contains("line_below: Some(InternalInteraction),"));
}

#[test]
fn a_version_1_file_with_a_line_is_refused_at_the_field() {
    let text =
        v2_with("Front desk", "line_below: Some(Visibility),").replace("version: 2", "version: 1");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "line_below"));
    assert!(
        error.to_string().contains(
            "`line_below` is new in format version 2, but the file says `version: 1`: \
             change it to `version: 2`"
        ),
        "{error}"
    );
}

#[test]
fn an_unknown_line_is_an_error_at_its_line() {
    let text = v2_with("Front desk", "line_below: Some(Visible),");
    let error = load_error(&text);
    assert_eq!(
        error.position().map(|p| p.line),
        position_of(&text, "line_below").map(|p| p.line),
        "{error}"
    );
}

#[test]
fn the_same_line_under_two_lanes_is_refused_at_the_second_naming_both() {
    let text = v2_with("Guest actions", "line_below: Some(Visibility),").replace(
        "name: \"Front desk\",\n",
        "name: \"Front desk\",\n            line_below: Some(Visibility),\n",
    );
    let error = load_error(&text);
    let second = text.rfind("line_below").expect("written twice");
    assert_eq!(
        error.position(),
        Some(Position::of_offset(&text, second)),
        "{error}"
    );
    assert!(
        error.to_string().contains(
            "lane `front` has the line of visibility below it, but lane `guest` already has it"
        ),
        "{error}"
    );
}

#[test]
fn drawing_a_line_another_lane_has_moves_it_and_undo_puts_it_back() {
    let mut map = load(MAP);
    let mut history = History::default();
    history
        .apply(
            &mut map,
            Edit::SetLineBelow(lane("guest"), Some(BlueprintLine::Visibility)),
        )
        .expect("applies");
    let before = map.clone();
    history
        .apply(
            &mut map,
            Edit::SetLineBelow(lane("front"), Some(BlueprintLine::Visibility)),
        )
        .expect("applies");
    assert_eq!(
        lines(&map),
        [
            ("guest".to_owned(), None),
            ("front".to_owned(), Some(BlueprintLine::Visibility)),
            ("back".to_owned(), None),
        ]
    );
    assert!(validate(&map).is_empty());
    assert_eq!(history.undo(&mut map), Some("set blueprint line"));
    assert_eq!(map, before);
}

#[test]
fn a_diff_names_the_line_that_changed() {
    let old = load(MAP);
    let mut new = old.clone();
    new.set_line_below(&lane("front"), Some(BlueprintLine::Visibility))
        .expect("the lane exists");
    let got: Vec<String> = diff(&old, &new).iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("lane front \"Front desk\""), "{got:?}");
    assert!(
        got[0].contains("line below none → line of visibility"),
        "{got:?}"
    );
}

#[test]
fn lines_drawn_on_two_sides_of_a_merge_both_arrive() {
    let base = load(MAP);
    let mut ours = base.clone();
    ours.set_line_below(&lane("guest"), Some(BlueprintLine::Interaction))
        .expect("ours");
    ours.rename_lane(&lane("front"), "Reception")
        .expect("ours renames");
    let mut theirs = base.clone();
    theirs
        .set_line_below(&lane("front"), Some(BlueprintLine::Visibility))
        .expect("theirs");
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        lines(&merged.map),
        [
            ("guest".to_owned(), Some(BlueprintLine::Interaction)),
            ("front".to_owned(), Some(BlueprintLine::Visibility)),
            ("back".to_owned(), None),
        ]
    );
    assert_eq!(
        merged.map.lane(&lane("front")).map(|l| l.name.as_str()),
        Some("Reception")
    );
}

#[test]
fn one_line_drawn_under_different_lanes_on_two_sides_merges_to_a_valid_map() {
    let base = load(MAP);
    let mut ours = base.clone();
    ours.set_line_below(&lane("guest"), Some(BlueprintLine::Visibility))
        .expect("ours");
    let mut theirs = base.clone();
    theirs
        .set_line_below(&lane("back"), Some(BlueprintLine::Visibility))
        .expect("theirs");
    let merged = merge(&base, &ours, &theirs);
    assert!(validate(&merged.map).is_empty());
    // The first lane keeps it, top to bottom, as on a shared map.
    assert_eq!(
        lines(&merged.map),
        [
            ("guest".to_owned(), Some(BlueprintLine::Visibility)),
            ("front".to_owned(), None),
            ("back".to_owned(), None),
        ]
    );
}

#[test]
fn the_blueprint_template_has_a_feeling_lane_and_the_three_lines_in_order() {
    let map = samples::find("service-blueprint")
        .and_then(|s| s.map().ok())
        .expect("the template loads");
    let names: Vec<(&str, Option<BlueprintLine>)> = map
        .lanes
        .iter()
        .map(|l| (l.name.as_str(), l.line_below))
        .collect();
    assert_eq!(
        names,
        [
            ("Physical evidence", None),
            ("Customer actions", None),
            ("Feeling", Some(BlueprintLine::Interaction)),
            ("Frontstage", Some(BlueprintLine::Visibility)),
            ("Backstage", Some(BlueprintLine::InternalInteraction)),
            ("Support processes", None),
        ]
    );
    assert!(
        map.cards()
            .any(|c| c.channel == Some(journeymap::model::Channel::InPerson)),
        "a face-to-face touchpoint shows the in-person channel"
    );
}

#[test]
fn an_svg_of_a_blueprint_holds_each_line_label_as_text_on_every_slide() {
    let mut map = samples::find("service-blueprint")
        .and_then(|s| s.map().ok())
        .expect("the template loads");
    let options = ExportOptions {
        split: export::Split::every(2),
        ..ExportOptions::default()
    };
    map.stages.truncate(4);
    let svgs = export::svgs(&map, &options).expect("svg");
    assert_eq!(svgs.len(), 2);
    for svg in &svgs {
        let text = svg_text(svg);
        for label in [
            "LINE OF INTERACTION",
            "LINE OF VISIBILITY",
            "LINE OF INTERNAL INTERACTION",
        ] {
            assert!(text.contains(label), "{label} is not text in {text}");
        }
    }
}

/// The text of every `<text>` element, in order, each run of spaces and
/// line breaks as one space.
fn svg_text(svg: &str) -> String {
    let joined = svg_texts(svg).join(" ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}
