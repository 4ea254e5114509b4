//! No keystroke is lost: text typed in the same frame as the key that ends
//! it (Enter) or starts it (Ctrl+Shift+N, N, F2) reaches its field, in
//! order, in every editor.

use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use journeymap::model::LaneKind;
use journeymap::ui::Selection;

use super::helpers::*;

fn text(text: &str) -> Event {
    Event::Text(text.to_owned())
}

fn enter() -> Event {
    key_event(Modifiers::NONE, Key::Enter)
}

fn add_stage() -> Event {
    key_event(Modifiers::COMMAND | Modifiers::SHIFT, Key::N)
}

#[test]
fn a_stage_named_in_the_same_frame_as_its_shortcut_and_enter_keeps_every_letter() {
    let mut harness = harness();
    let before = map(&harness).stages.len();
    in_one_frame(
        &mut harness,
        vec![add_stage(), text("Charlie swift keys"), enter()],
    );
    let after = map(&harness);
    assert_eq!(after.stages.len(), before + 1);
    assert_eq!(
        after.stages.last().map(|s| s.name.as_str()),
        Some("Charlie swift keys")
    );
    assert!(harness.state().canvas.inline.is_none(), "typing ended");
}

#[test]
fn three_stages_typed_in_one_burst_are_all_named_exactly() {
    let mut harness = harness();
    let before = map(&harness).stages.len();
    let mut burst = Vec::new();
    for name in ["Alpha one", "Bravo two", "Charlie three"] {
        burst.extend([add_stage(), text(name), enter()]);
    }
    in_one_frame(&mut harness, burst);
    let names: Vec<String> = map(&harness).stages[before..]
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Alpha one", "Bravo two", "Charlie three"]);
}

#[test]
fn a_card_edited_with_f2_keeps_the_letters_typed_with_enter() {
    let mut harness = harness();
    let card = map(&harness)
        .cards()
        .next()
        .map(|c| c.id.clone())
        .expect("a card");
    harness.state_mut().selection = Selection::only_card(card.clone());
    harness.run();
    in_one_frame(&mut harness, vec![key_event(Modifiers::NONE, Key::F2)]);
    // Select what was there and type over it, ending with Enter, at once.
    in_one_frame(
        &mut harness,
        vec![
            key_event(Modifiers::COMMAND, Key::A),
            text("returns"),
            enter(),
        ],
    );
    assert_eq!(
        map(&harness).card(&card).map(|(_, c)| c.text.as_str()),
        Some("returns")
    );
}

#[test]
fn a_new_card_typed_into_an_empty_cell_keeps_the_letters_typed_with_enter() {
    let mut harness = harness();
    let before = map(&harness);
    let (stage, lane) = {
        let lane = before
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Text)
            .expect("a text lane");
        (before.stages[0].id.clone(), lane.id.clone())
    };
    harness.state_mut().selection = Selection {
        cell: Some((stage.clone(), lane.clone())),
        ..Selection::default()
    };
    harness.run();
    in_one_frame(
        &mut harness,
        vec![
            key_event(Modifiers::NONE, Key::Enter),
            text("returns"),
            enter(),
        ],
    );
    let after = map(&harness);
    assert_eq!(after.card_count(), before.card_count() + 1);
    let last = after.stages[0]
        .cards_in(&lane)
        .last()
        .map(|c| c.text.clone());
    assert_eq!(last.as_deref(), Some("returns"));
}

#[test]
fn a_lane_name_and_an_emotion_label_keep_the_letters_typed_with_enter() {
    let mut harness = harness();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Add lane").click();
    harness.run();
    harness.get_by_label_contains("doing, thinking").click();
    harness.run();
    in_one_frame(&mut harness, vec![text("Backstage systems"), enter()]);
    assert_eq!(
        map(&harness).lanes.last().map(|l| l.name.as_str()),
        Some("Backstage systems")
    );

    let point = map(&harness)
        .stages
        .iter()
        .flat_map(|s| &s.points)
        .next()
        .map(|p| p.id.clone())
        .expect("an emotion point");
    harness.state_mut().selection = Selection::only_point(point.clone());
    harness.run();
    in_one_frame(
        &mut harness,
        vec![
            key_event(Modifiers::NONE, Key::F2),
            key_event(Modifiers::COMMAND, Key::A),
            text("Relieved at last"),
            enter(),
        ],
    );
    assert_eq!(
        map(&harness).point(&point).map(|(_, p)| p.label.as_str()),
        Some("Relieved at last")
    );
}

#[test]
fn an_inspector_field_keeps_the_letters_typed_with_enter() {
    let mut harness = harness();
    harness.state_mut().selection = Selection::default();
    harness.run();
    // With nothing selected, the inspector shows the map's title.
    harness.get_by_label("Title").click();
    harness.run();
    in_one_frame(
        &mut harness,
        vec![
            key_event(Modifiers::COMMAND, Key::A),
            text("Weekly groceries"),
            enter(),
        ],
    );
    assert_eq!(map(&harness).title, "Weekly groceries");
}

#[test]
fn shift_enter_starts_a_new_line_and_does_not_end_typing() {
    let mut harness = harness();
    in_one_frame(
        &mut harness,
        vec![
            add_stage(),
            text("Two"),
            key_event(Modifiers::SHIFT, Key::Enter),
            text("lines"),
            enter(),
        ],
    );
    assert_eq!(
        map(&harness).stages.last().map(|s| s.name.as_str()),
        Some("Two\nlines")
    );
}

#[test]
fn n_on_a_selected_card_adds_a_new_card_after_it_and_keeps_the_first() {
    let mut harness = harness();
    let before = map(&harness);
    let (stage, card) = before
        .stages
        .iter()
        .find_map(|s| s.cards.first().map(|c| (s.id.clone(), c.clone())))
        .expect("a card");
    harness.state_mut().selection = Selection::only_card(card.id.clone());
    harness.run();
    in_one_frame(
        &mut harness,
        vec![
            key_event(Modifiers::NONE, Key::N),
            text("n"),
            text("bravo"),
            enter(),
        ],
    );
    let after = map(&harness);
    assert_eq!(
        after.card(&card.id).map(|(_, c)| c.text.as_str()),
        Some(card.text.as_str()),
        "the selected card is unchanged"
    );
    assert_eq!(after.card_count(), before.card_count() + 1);
    let stage = after.stage(&stage).expect("stage");
    let texts: Vec<&str> = stage
        .cards_in(&card.lane)
        .map(|c| c.text.as_str())
        .collect();
    let at = texts
        .iter()
        .position(|t| *t == card.text)
        .expect("the first card");
    assert_eq!(
        texts.get(at + 1),
        Some(&"bravo"),
        "right after it: {texts:?}"
    );
}
