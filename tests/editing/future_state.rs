//! View ▸ Current state / Future state / Current and future in the real
//! editor: what the canvas draws, and edits made while one state is shown.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{Document, JourneyApp, Origin, Preferences};
use journeymap::model::{CardId, JourneyMap, JourneyState, LaneId, StateView};
use journeymap::render::Layout;
use journeymap::ui::Selection;

use super::helpers::*;

/// A check-in today (a queue at the desk) and in the future (a key on the
/// phone).
const MAP: &str = r#"(
    version: 2,
    title: "Hotel stay",
    lanes: [
        (id: "touch", name: "Touchpoints", kind: Touchpoints),
        (id: "feel", name: "Feeling", kind: Emotion),
        (id: "ideas", name: "Opportunities", kind: Opportunities),
    ],
    stages: [
        (
            id: "arrive",
            name: "Check in",
            cards: [
                (id: "c1", lane: "touch", text: "Taxi to the door"),
                (id: "c2", lane: "touch", text: "Queue at the front desk", state: Some(Current)),
                (id: "c3", lane: "touch", text: "Room key on the phone", state: Some(Future)),
                (id: "c4", lane: "touch", text: "Lift to the room"),
                (id: "c5", lane: "ideas", text: "Mobile check-in", leads_to: Some("c3")),
            ],
            points: [
                (id: "p1", lane: "feel", score: -2, future: Some(2), label: "tired"),
            ],
        ),
    ],
)
"#;

fn hotel() -> Harness<'static, JourneyApp> {
    let map = journeymap::io::parse_map(MAP).expect("the map loads");
    let document = Document::new(map, Origin::Sample("hotel"));
    harness_with(JourneyApp::new(document, Preferences::default()))
}

fn show(harness: &mut Harness<'_, JourneyApp>, item: &str) {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// The layout of the map as the canvas shows it.
fn seen_layout(harness: &mut Harness<'_, JourneyApp>) -> Layout {
    let (map, zoom) = {
        let app = harness.state_mut();
        let seen = app.seen_map();
        let map: JourneyMap = seen.map_or_else(|| app.document.map.clone(), |m| (*m).clone());
        (map, app.canvas.zoom)
    };
    harness
        .ctx
        .fonts_mut(|fonts| Layout::new(&map, fonts, zoom))
}

fn card_texts(layout: &Layout, map: &JourneyMap) -> Vec<String> {
    layout
        .cards
        .iter()
        .filter_map(|c| map.card(&c.id).map(|(_, card)| card.text.clone()))
        .collect()
}

#[test]
fn the_view_menu_switches_between_the_states_and_the_title_says_which() {
    let mut harness = hotel();
    let whole = map(&harness);
    show(&mut harness, "Future state");
    assert_eq!(harness.state().canvas.view, StateView::Future);
    let texts = card_texts(&seen_layout(&mut harness), &whole);
    assert!(texts.contains(&"Room key on the phone".to_owned()));
    assert!(!texts.contains(&"Queue at the front desk".to_owned()));
    assert!(harness.state().window_title().contains("future state"));
    show(&mut harness, "Current state");
    let texts = card_texts(&seen_layout(&mut harness), &whole);
    assert!(texts.contains(&"Queue at the front desk".to_owned()));
    assert!(!texts.contains(&"Room key on the phone".to_owned()));
    show(&mut harness, "Current and future");
    let layout = seen_layout(&mut harness);
    assert_eq!(layout.cards.len(), 5);
    let tagged: Vec<_> = layout.cards.iter().filter_map(|c| c.state).collect();
    assert_eq!(tagged, [JourneyState::Current, JourneyState::Future]);
    assert_eq!(map(&harness), whole, "switching views changes nothing");
}

#[test]
fn a_card_typed_in_the_future_view_is_the_futures_and_lands_after_the_card_seen_before_it() {
    let mut harness = hotel();
    show(&mut harness, "Future state");
    let key = CardId::new("c3");
    harness.state_mut().selection = Selection::only_card(key);
    harness.run();
    // N adds a card after the selected one and types it.
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "Welcome drink");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let after = map(&harness);
    let touch = LaneId::new("touch");
    let cell: Vec<(&str, Option<JourneyState>)> = after.stages[0]
        .cards_in(&touch)
        .map(|c| (c.text.as_str(), c.state))
        .collect();
    assert_eq!(
        cell,
        [
            ("Taxi to the door", None),
            ("Queue at the front desk", Some(JourneyState::Current)),
            ("Room key on the phone", Some(JourneyState::Future)),
            ("Welcome drink", Some(JourneyState::Future)),
            ("Lift to the room", None),
        ]
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(after.card_count() - 1, map(&harness).card_count());
}

#[test]
fn the_inspector_puts_a_card_in_one_state_and_links_an_opportunity_to_a_future_card() {
    let mut harness = hotel();
    let before = map(&harness);
    harness.state_mut().selection = Selection::only_card(CardId::new("c4"));
    harness.run();
    harness.get_by_label("Journey state").click();
    harness.run();
    harness
        .get_by_label("future only (the change brings it)")
        .click();
    harness.run();
    let card = |harness: &Harness<'_, JourneyApp>, id: &str| {
        map(harness).card(&CardId::new(id)).expect("card").1.clone()
    };
    assert_eq!(card(&harness, "c4").state, Some(JourneyState::Future));
    harness.state_mut().selection = Selection::only_card(CardId::new("c5"));
    harness.run();
    harness.get_by_label("Leads to (future)").click();
    harness.run();
    harness
        .get_by_label_contains("Check in: Lift to the room")
        .click();
    harness.run();
    assert_eq!(card(&harness, "c5").leads_to, Some(CardId::new("c4")));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before, "each choice is one undo step");
}
