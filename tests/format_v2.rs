//! Format version 2: the fields a team decides with (the company's belief
//! at each emotion point, stage KPIs, impact, effort, dot votes) and the
//! in-person channel. A map is written with the lowest version that holds
//! it, so maps without them stay version 1, byte for byte.

use journeymap::io;
use journeymap::model::{CardId, Channel, Kpi, Measure, PointId, StageId};

#[path = "support/parse.rs"]
mod parse;
use parse::{load, load_error, position_of};

/// A version 1 map in canonical form, with an opportunity.
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
        (
            id: "ideas",
            name: "Opportunities",
            kind: Opportunities,
        ),
    ],
    stages: [
        (
            id: "arrive",
            name: "Check in",
            cards: [
                (id: "c1", lane: "touch", text: "Front desk", channel: Some(Store)),
                (id: "c2", lane: "pain", text: "Twenty-minute queue", severity: Some(High)),
                (id: "c3", lane: "ideas", text: "Mobile key", answers: Some("c2")),
            ],
            points: [
                (id: "p1", lane: "feel", score: -2, label: "tired"),
            ],
        ),
    ],
)
"#;

fn saved(map: &journeymap::model::JourneyMap) -> String {
    io::to_ron(map).unwrap_or_else(|error| panic!("the map should save: {error}"))
}

#[test]
fn a_map_without_version_2_fields_is_still_written_as_version_1() {
    assert_eq!(saved(&load(MAP)), MAP);
}

#[test]
fn every_version_2_field_round_trips_and_makes_the_file_version_2() {
    let mut map = load(MAP);
    let stage = StageId::new("arrive");
    map.set_company_score(&PointId::new("p1"), Some(1))
        .and_then(|_| map.set_impact(&CardId::new("c3"), Some(4)))
        .and_then(|_| map.set_effort(&CardId::new("c3"), Some(2)))
        .and_then(|_| map.set_votes(&CardId::new("c2"), "Ana", 3))
        .and_then(|_| map.set_votes(&CardId::new("c2"), "Ben", 1))
        .and_then(|_| {
            let mut nps = Kpi::new(Measure::Nps, 12.0);
            nps.target = Some(30.0);
            let mut days = Kpi::new(Measure::Custom("Minutes to a key".into()), 20.0);
            days.lower_is_better = true;
            map.set_kpis(&stage, vec![nps, days])
        })
        .unwrap_or_else(|error| panic!("the edits should apply: {error}"));
    map.card_mut(&CardId::new("c1"))
        .unwrap_or_else(|| panic!("c1 is a card"))
        .channel = Some(Channel::InPerson);
    let text = saved(&map);
    assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
    for written in [
        "company: Some(1)",
        "impact: Some(4)",
        "effort: Some(2)",
        "\"Ana\": 3",
        "channel: Some(InPerson)",
        "measure: Nps",
        "target: Some(30.0)",
        "measure: Custom(\"Minutes to a key\")",
        "lower_is_better: true",
    ] {
        assert!(text.contains(written), "{written} is missing from\n{text}");
    }
    let again = load(&text);
    assert_eq!(again, map);
    assert_eq!(saved(&again), text);
}

#[test]
fn taking_the_last_version_2_field_away_writes_version_1_again() {
    let mut map = load(MAP);
    let point = PointId::new("p1");
    map.set_company_score(&point, Some(0))
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(saved(&map).contains("version: 2"));
    map.set_company_score(&point, None)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(saved(&map), MAP);
}

#[test]
fn a_hand_written_kpi_may_be_a_whole_number() {
    let text = MAP.replace("version: 1", "version: 2").replace(
        "name: \"Check in\"",
        "name: \"Check in\", kpis: [(measure: Csat, value: 81, target: 90)]",
    );
    let map = load(&text);
    let kpi = &map.stages[0].kpis[0];
    assert_eq!((kpi.value, kpi.target), (81.0, Some(90.0)));
    assert_eq!(kpi.meets_target(), Some(false));
}

#[test]
fn a_version_1_file_using_a_version_2_field_is_refused_naming_the_field_and_its_line() {
    let text = MAP.replace("label: \"tired\"", "company: 2, label: \"tired\"");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "company: 2"));
    assert!(
        error.to_string().contains(
            "`company` is new in format version 2, but the file says `version: 1`: \
             change it to `version: 2`"
        ),
        "{error}"
    );
    load(&text.replace("version: 1", "version: 2"));
}

#[test]
fn the_in_person_channel_needs_version_2_too() {
    let text = MAP.replace("channel: Some(Store)", "channel: InPerson");
    let error = load_error(&text);
    assert_eq!(error.position(), position_of(&text, "channel: InPerson"));
    assert!(
        error
            .to_string()
            .contains("channel `InPerson` is new in format version 2"),
        "{error}"
    );
}

/// `MAP` as version 2 with `field` added to the card or point `owner` (a
/// text that ends its line in `MAP`).
fn v2_with(owner: &str, field: &str) -> String {
    MAP.replace("version: 1", "version: 2")
        .replace(owner, &format!("{owner}, {field}"))
}

#[test]
fn values_off_their_scale_are_errors_at_their_line() {
    for (owner, field, message) in [
        (
            "label: \"tired\"",
            "company: 4",
            "emotion point `p1` has company score 4; scores go from -3 to +3",
        ),
        (
            "answers: Some(\"c2\")",
            "impact: 6",
            "card `c3` has impact 6; it goes from 1 to 5",
        ),
        (
            "answers: Some(\"c2\")",
            "effort: 0",
            "card `c3` has effort 0; it goes from 1 to 5",
        ),
        (
            "name: \"Check in\"",
            "kpis: [(measure: Nps, value: 140)]",
            "stage `arrive` has NPS value 140; NPS goes from -100 to 100",
        ),
        (
            "name: \"Check in\"",
            "kpis: [(measure: Ces, value: 4, target: 9)]",
            "stage `arrive` has CES target 9; CES goes from 1 to 7",
        ),
        (
            "name: \"Check in\"",
            "kpis: [(measure: Custom(\" \"), value: 4)]",
            "stage `arrive` has a KPI of its own with no name",
        ),
        (
            "severity: Some(High)",
            "votes: {\"Ana\": 0}",
            "card `c2`: \"Ana\" has 0 dots",
        ),
    ] {
        let text = v2_with(owner, field);
        let error = load_error(&text);
        assert_eq!(error.position(), position_of(&text, field), "{field}");
        assert!(error.to_string().contains(message), "{field}: {error}");
    }
}

#[test]
fn fields_a_lane_does_not_allow_are_errors() {
    for (owner, field, message) in [
        (
            "channel: Some(Store)",
            "votes: {\"Ana\": 1}",
            "card `c1` has votes, but only pain points and opportunities get them",
        ),
        (
            "severity: Some(High)",
            "impact: 3",
            "card `c2` has an impact, but only opportunities have one",
        ),
    ] {
        let text = v2_with(owner, field);
        let error = load_error(&text);
        assert_eq!(error.position(), position_of(&text, field), "{field}");
        assert!(error.to_string().contains(message), "{field}: {error}");
    }
}
