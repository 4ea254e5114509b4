//! Current and future state in one map: the fields in the file, what each
//! view shows, edits made while one state is shown, undo, diff and merge,
//! and exports of either state.

use journeymap::edit::{Edit, History};
use journeymap::export::{self, ExportOptions};
use journeymap::io;
use journeymap::model::{
    CardId, JourneyMap, JourneyState, LaneId, PointId, StageId, StateView, diff, merge,
};
use journeymap::ui::state_view::onto_whole_map;

#[path = "support/parse.rs"]
mod parse;
use parse::{load, load_error, position_of};

#[path = "support/svg.rs"]
mod svg;
use svg::svg_texts;

/// A hotel check-in today (a queue at the desk) and in the future (a key
/// on the phone), transcribed from a published hotel journey map.
const MAP: &str = r#"(
    version: 2,
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
                (id: "c1", lane: "touch", text: "Taxi to the door", channel: Some(InPerson)),
                (id: "c2", lane: "touch", text: "Queue at the front desk", state: Some(Current)),
                (id: "c3", lane: "touch", text: "Room key on the phone", state: Some(Future)),
                (id: "c4", lane: "touch", text: "Lift to the room"),
                (id: "c5", lane: "ideas", text: "Mobile check-in", leads_to: Some("c3")),
            ],
            points: [
                (id: "p1", lane: "feel", score: -2, future: Some(2), label: "tired"),
                (id: "p2", lane: "feel", score: 1, label: "in the room"),
            ],
        ),
    ],
)
"#;

/// The texts of the touchpoints cell, in order.
fn touchpoints(map: &JourneyMap) -> Vec<&str> {
    let touch = LaneId::new("touch");
    map.stages[0]
        .cards
        .iter()
        .filter(|card| card.lane == touch)
        .map(|card| card.text.as_str())
        .collect()
}

#[test]
fn the_future_state_fields_round_trip_byte_for_byte() {
    let map = load(MAP);
    assert_eq!(io::to_ron(&map).expect("saved"), MAP);
    let card = |id: &str| map.card(&CardId::new(id)).expect("card").1;
    assert_eq!(card("c3").state, Some(JourneyState::Future));
    assert_eq!(card("c5").leads_to, Some(CardId::new("c3")));
    assert_eq!(
        map.point(&PointId::new("p1")).expect("point").1.future,
        Some(2)
    );
}

#[test]
fn a_version_1_file_with_a_future_state_is_refused_at_the_field() {
    for field in [
        "state: Some(Future)",
        "leads_to: Some(\"c3\")",
        "future: Some(2)",
    ] {
        let name = field.split(':').next().unwrap_or_default();
        let mut text = MAP.replace("version: 2", "version: 1");
        // Leave only this one field of version 2 in the file.
        for other in [
            "state: Some(Current)",
            "state: Some(Future)",
            "leads_to: Some(\"c3\")",
            "future: Some(2)",
            "channel: Some(InPerson)",
        ] {
            if other != field {
                text = text.replace(&format!(", {other}"), "");
            }
        }
        let error = load_error(&text);
        assert_eq!(error.position(), position_of(&text, field), "{field}");
        assert!(
            error.to_string().contains(&format!(
                "`{name}` is new in format version 2, but the file says `version: 1`"
            )),
            "{error}"
        );
    }
}

#[test]
fn bad_future_state_values_are_errors_at_their_line() {
    for (from, to, at, message) in [
        (
            "future: Some(2)",
            "future: Some(5)",
            "future: Some(5)",
            "emotion point `p1` has future score 5; scores go from -3 to +3",
        ),
        (
            "leads_to: Some(\"c3\")",
            "leads_to: Some(\"c9\")",
            "leads_to: Some(\"c9\")",
            "card `c5` leads to `c9`, but there is no card `c9`",
        ),
        (
            "text: \"Lift to the room\"",
            "text: \"Lift to the room\", leads_to: Some(\"c3\")",
            "leads_to: Some(\"c3\")",
            "card `c4` leads to a future-state card, but only opportunities can",
        ),
    ] {
        let text = MAP.replace(from, to);
        let error = load_error(&text);
        assert!(error.to_string().contains(message), "{error}");
        assert_eq!(error.position(), position_of(&text, at), "{message}");
    }
}

#[test]
fn each_view_shows_its_own_cards_and_curve() {
    let map = load(MAP);
    let current = map.seen_in(StateView::Current);
    assert_eq!(
        touchpoints(&current),
        [
            "Taxi to the door",
            "Queue at the front desk",
            "Lift to the room"
        ]
    );
    assert_eq!(current.stages[0].points[0].score, -2);
    let future = map.seen_in(StateView::Future);
    assert_eq!(
        touchpoints(&future),
        [
            "Taxi to the door",
            "Room key on the phone",
            "Lift to the room"
        ]
    );
    let scores: Vec<i8> = future.stages[0].points.iter().map(|p| p.score).collect();
    assert_eq!(
        scores,
        [2, 1],
        "the future keeps today's score where none is set"
    );
    assert!(future.cards().all(|card| card.state.is_none()));
    assert_eq!(touchpoints(&map.seen_in(StateView::Both)).len(), 4);
}

#[test]
fn a_card_dropped_between_two_seen_cards_lands_between_them() {
    let map = load(MAP);
    // In the future view the cell shows taxi, key, lift: drop the taxi
    // card at the end, after the lift.
    let seen = map.seen_in(StateView::Future);
    let drop = Edit::MoveCard {
        card: CardId::new("c1"),
        stage: StageId::new("arrive"),
        lane: LaneId::new("touch"),
        index: 2,
    };
    let mut shown = seen.into_owned();
    drop.clone()
        .preview(&shown)
        .map(|m| shown = m)
        .expect("drop");
    assert_eq!(
        touchpoints(&shown),
        [
            "Room key on the phone",
            "Lift to the room",
            "Taxi to the door"
        ]
    );
    let mut whole = map.clone();
    History::default()
        .apply(&mut whole, onto_whole_map(drop, &map, StateView::Future))
        .expect("applied");
    assert_eq!(
        touchpoints(&whole),
        [
            "Queue at the front desk",
            "Room key on the phone",
            "Lift to the room",
            "Taxi to the door"
        ]
    );
    assert_eq!(
        touchpoints(&whole.seen_in(StateView::Future)),
        touchpoints(&shown)
    );
}

#[test]
fn a_card_added_in_the_future_view_is_the_futures_and_a_dragged_face_sets_the_future_score() {
    let map = load(MAP);
    let add = Edit::AddCard {
        stage: StageId::new("arrive"),
        lane: LaneId::new("touch"),
        index: 1,
        text: "Welcome drink".into(),
        state: None,
    };
    let mut whole = map.clone();
    let mut history = History::default();
    history
        .apply(&mut whole, onto_whole_map(add, &map, StateView::Future))
        .expect("added");
    let added = whole
        .cards()
        .find(|card| card.text == "Welcome drink")
        .expect("card");
    assert_eq!(added.state, Some(JourneyState::Future));
    assert_eq!(
        touchpoints(&whole.seen_in(StateView::Future))[1],
        "Welcome drink"
    );
    assert!(!touchpoints(&whole.seen_in(StateView::Current)).contains(&"Welcome drink"));

    let drag = Edit::SetScore(PointId::new("p2"), 3);
    let edit = onto_whole_map(drag, &whole, StateView::Future);
    assert_eq!(edit, Edit::SetFutureScore(PointId::new("p2"), Some(3)));
    let before = whole.clone();
    history.apply(&mut whole, edit).expect("set");
    let point = whole.point(&PointId::new("p2")).expect("point").1;
    assert_eq!((point.score, point.future), (1, Some(3)));
    history.undo(&mut whole);
    assert_eq!(whole, before);
}

#[test]
fn deleting_the_future_card_unlinks_the_opportunity_and_undo_links_it_again() {
    let mut map = load(MAP);
    let original = map.clone();
    let mut history = History::default();
    history
        .apply(
            &mut map,
            Edit::Remove {
                cards: vec![CardId::new("c3")],
                points: vec![],
            },
        )
        .expect("removed");
    assert_eq!(map.card(&CardId::new("c5")).expect("card").1.leads_to, None);
    history.undo(&mut map);
    assert_eq!(map, original);
}

#[test]
fn diff_names_a_changed_state_and_merge_keeps_each_sides_change() {
    let base = load(MAP);
    let mut ours = base.clone();
    ours.set_card_state(&CardId::new("c4"), Some(JourneyState::Current))
        .expect("state");
    let mut theirs = base.clone();
    theirs
        .set_future_score(&PointId::new("p2"), Some(3))
        .expect("future");
    let said: Vec<String> = diff(&base, &ours).iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|line| line.contains("c4") && line.contains("state → current only")),
        "{said:?}"
    );
    let said: Vec<String> = diff(&base, &theirs)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        said.iter().any(|line| line.contains("future → +3")),
        "{said:?}"
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.map.card(&CardId::new("c4")).expect("card").1.state,
        Some(JourneyState::Current)
    );
    assert_eq!(
        merged
            .map
            .point(&PointId::new("p2"))
            .expect("point")
            .1
            .future,
        Some(3)
    );
}

/// The text of every `<text>` element of an SVG, joined.
fn svg_text(svg: &str) -> String {
    svg_texts(svg).join(" ")
}

#[test]
fn an_export_shows_the_state_it_is_asked_for_and_says_which() {
    let map = load(MAP);
    let text_of = |state| {
        let options = ExportOptions {
            state,
            split: export::Split::One,
            ..ExportOptions::default()
        };
        let svgs = export::svgs(&map, &options).expect("svg");
        svgs.iter().map(|svg| svg_text(svg)).collect::<String>()
    };
    let future = text_of(StateView::Future);
    assert!(future.contains("Room key on the phone"), "{future}");
    assert!(!future.contains("Queue at the front desk"), "{future}");
    assert!(future.contains("Hotel stay — future state"), "{future}");
    let current = text_of(StateView::Current);
    assert!(current.contains("Queue at the front desk"));
    assert!(!current.contains("Room key on the phone"));
    assert!(current.contains("Hotel stay — current state"));
    let both = text_of(StateView::Both);
    assert!(both.contains("Queue at the front desk") && both.contains("Room key on the phone"));
    assert!(
        both.contains("future only")
            && both.contains("today only")
            && both.contains("future feeling"),
        "the legend explains the marks: {both}"
    );
}
