//! Editing the map in the real editor, headless: every gesture is one undo
//! step, and nothing unsaved is lost without asking.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

mod access;
mod deleting;
mod files;
mod future_state;
mod gestures;
mod help;
mod helpers;
mod keystrokes;
mod presence;
mod present;
mod safety;
mod together;
mod view;

use egui::{Event, Key, Modifiers, PointerButton, vec2};
use egui_kittest::kittest::Queryable as _;
use helpers::*;
use journeymap::model::LaneKind;

#[test]
fn a_stage_added_from_the_menu_is_named_by_typing_and_undone_step_by_step() {
    let mut harness = harness();
    let before = map(&harness);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Add stage").click();
    harness.run();
    type_text(&mut harness, "Compare offers");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let after = map(&harness);
    assert_eq!(after.stages.len(), before.stages.len() + 1);
    assert_eq!(
        after.stages.last().map(|s| s.name.as_str()),
        Some("Compare offers")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness).stages.last().map(|s| s.name.as_str()),
        Some("New stage"),
        "undo the name"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before, "undo the stage");
}

#[test]
fn double_clicking_an_empty_part_of_a_cell_adds_a_card_typed_at_once() {
    let mut harness = harness();
    let before = map(&harness);
    let (lane, empty_spot) = empty_spot(&layout(&harness), LaneKind::Text);
    click_at(&mut harness, empty_spot, 2);
    assert!(harness.state().canvas.is_typing_new_card());
    type_text(&mut harness, "Asks a neighbour");
    press(&mut harness, Modifiers::NONE, Key::Enter);

    let after = map(&harness);
    assert_eq!(after.card_count(), before.card_count() + 1);
    let stage = &after.stages[0];
    let texts: Vec<_> = stage
        .cards_in(&after.lanes[lane].id)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts.last(),
        Some(&"Asks a neighbour"),
        "added at the end of the cell"
    );
    let new = stage
        .cards_in(&after.lanes[lane].id)
        .last()
        .map(|c| c.id.clone());
    assert_eq!(
        harness.state().selection.cards,
        new.into_iter().collect::<Vec<_>>(),
        "and selected"
    );
    assert!(
        harness.state().window_title().starts_with('*'),
        "the title shows unsaved changes"
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before, "one undo step");
}

#[test]
fn escape_cancels_typing_and_adds_nothing() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let card = &layout.cards[0];
    click_at(&mut harness, card.rect.center(), 2);
    type_text(&mut harness, " and more");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(map(&harness), before);
    assert!(harness.state().canvas.inline.is_none());
}

#[test]
fn editing_a_card_in_place_changes_its_text() {
    let mut harness = harness();
    let layout = layout(&harness);
    let card = layout.cards[0].id.clone();
    click_at(&mut harness, layout.cards[0].rect.center(), 2);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Rewritten in the workshop");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        map(&harness)
            .card(&card)
            .map(|(_, c)| c.text.clone())
            .as_deref(),
        Some("Rewritten in the workshop")
    );
}

#[test]
fn dragging_a_card_moves_it_to_another_cell_in_one_step() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let card = layout
        .cards
        .iter()
        .find(|c| c.stage == 0)
        .expect("a card in the first stage")
        .clone();
    let target = layout.cell(1, card.lane).expect("the cell to the right");
    let lowest = layout
        .cards
        .iter()
        .filter(|c| c.stage == 1 && c.lane == card.lane)
        .map(|c| c.rect.max.y)
        .fold(target.min.y, f32::max);
    let drop = egui::pos2(target.center().x, f32::midpoint(lowest, target.max.y));
    drag(&mut harness, card.rect.center(), drop);

    let after = map(&harness);
    let (stage, moved) = after.card(&card.id).expect("still there");
    assert_eq!(stage.id, after.stages[1].id, "now in the next stage");
    assert_eq!(moved.lane, before.lanes[card.lane].id, "same lane");
    assert_eq!(
        stage.cards_in(&moved.lane).last().map(|c| &c.id),
        Some(&card.id),
        "at the end of the cell"
    );
    assert_eq!(
        harness.state().document.history().undo_depth(),
        1,
        "the drag is one step"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn dragging_an_emotion_point_sets_its_score_in_whole_steps() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let point = layout
        .points
        .iter()
        .find(|p| p.score < 3)
        .expect("a point below +3")
        .clone();
    let target = layout.score_y(point.lane, 3).expect("y of +3");
    let from = point.center;
    drag(
        &mut harness,
        from,
        from + vec2(0.0, target - point.center.y - 4.0),
    );

    let after = map(&harness);
    assert_eq!(after.point(&point.id).map(|(_, p)| p.score), Some(3));
    assert_eq!(
        harness.state().document.history().undo_depth(),
        1,
        "the drag is one step"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        map(&harness).point(&point.id).map(|(_, p)| p.score),
        Some(3),
        "Ctrl+Shift+Z redoes"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        map(&harness).point(&point.id).map(|(_, p)| p.score),
        Some(3),
        "Ctrl+Y redoes"
    );
}

#[test]
fn double_clicking_in_the_emotion_lane_adds_a_point_at_that_height_and_types_its_label() {
    let mut harness = harness();
    let before = map(&harness);
    let (lane, spot) = emotion_spot(&layout(&harness), -2);
    click_at(&mut harness, spot, 2);
    type_text(&mut harness, "Lost");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let after = map(&harness);
    assert_eq!(after.point_count(), before.point_count() + 1);
    let stage = &after.stages[1];
    let first = stage
        .points_in(&after.lanes[lane].id)
        .next()
        .expect("a point");
    assert_eq!(first.score, -2);
    assert_eq!(first.label, "Lost");
    assert_eq!(
        harness.state().selection.points,
        std::slice::from_ref(&first.id),
        "the new point is selected"
    );
}

#[test]
fn a_single_click_in_the_emotion_lane_selects_and_adds_no_point() {
    let mut harness = harness();
    let before = map(&harness);
    let (lane, spot) = emotion_spot(&layout(&harness), -2);
    click_at(&mut harness, spot, 1);
    assert_eq!(map(&harness), before, "no stray point");
    assert_eq!(
        harness.state().selection.cell,
        Some((before.stages[1].id.clone(), before.lanes[lane].id.clone())),
        "the cell is selected"
    );
}

#[test]
fn delete_removes_the_selected_card_and_undo_brings_it_back() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let card = layout.cards[2].clone();
    click_at(&mut harness, card.rect.center(), 1);
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&card.id)
    );
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(map(&harness).card(&card.id).is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn shift_click_selects_several_cards_and_escape_clears() {
    let mut harness = harness();
    let layout = layout(&harness);
    click_at(&mut harness, layout.cards[0].rect.center(), 1);
    let second = to_screen(&harness, layout.cards[1].rect.center());
    // Hold Shift during the click, as a keyboard does.
    harness.event(Event::ModifiersChanged(Modifiers::SHIFT));
    harness.event(Event::PointerMoved(second));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: second,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::SHIFT,
        });
    }
    harness.step();
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    assert_eq!(
        harness.state().selection.cards,
        [layout.cards[0].id.clone(), layout.cards[1].id.clone()]
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().selection.is_empty());
}

/// Every text the canvas drew in the last frame.
fn drawn_texts(harness: &egui_kittest::Harness<'_, journeymap::app::JourneyApp>) -> Vec<String> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_canvas_draws_the_map_as_edited_undone_and_redone() {
    let mut harness = harness();
    let card = layout(&harness).cards[0].id.clone();
    let old = map(&harness).card(&card).expect("card").1.text.clone();
    let edit = journeymap::edit::Edit::SetCardText(card, "Edited on the canvas".to_owned());
    harness.state_mut().apply(edit);
    harness.run();
    assert!(drawn_texts(&harness).contains(&"Edited on the canvas".to_owned()));
    assert!(!drawn_texts(&harness).contains(&old));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        drawn_texts(&harness).contains(&old),
        "the layout kept from before"
    );
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(drawn_texts(&harness).contains(&"Edited on the canvas".to_owned()));
}
