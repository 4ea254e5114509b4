//! Reordering by dragging headers, the right-click menu, the clipboard
//! between two editors, arrow keys and the selection rectangle.

use egui::{Event, Key, Modifiers, OutputCommand, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::JourneyApp;
use journeymap::model::Severity;

use crate::helpers::*;

/// Drags between two screen positions in a few steps.
fn drag_on_screen(harness: &mut Harness<'_, JourneyApp>, from: Pos2, to: Pos2) {
    harness.drag_at(from);
    harness.run();
    for step in 1..=4u8 {
        harness.hover_at(from + (to - from) * (f32::from(step) / 4.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

/// Right-clicks a body position given in map coordinates.
fn right_click_at(harness: &mut Harness<'_, JourneyApp>, at: Pos2) {
    let pos = to_screen(harness, at);
    harness.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// Where stage header `i` is drawn on screen (headers stay at the top).
fn header_on_screen(harness: &Harness<'_, JourneyApp>, i: usize) -> egui::Rect {
    let placement = harness.state().canvas.placement().expect("drawn");
    layout(harness).stages[i]
        .header
        .translate(placement.header_offset)
}

/// Pans so that a body rectangle (map coordinates) is well inside the view.
fn bring_into_view(harness: &mut Harness<'_, JourneyApp>, rect: egui::Rect) {
    harness.state_mut().canvas.pan = vec2(0.0, 400.0 - rect.center().y);
    harness.run();
}

/// The text the last frame put on the system clipboard.
fn copied_text(harness: &Harness<'_, JourneyApp>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn dragging_a_stage_header_past_the_next_one_swaps_them_in_one_step() {
    let mut harness = harness();
    let before = map(&harness);
    let first = header_on_screen(&harness, 0);
    let second = header_on_screen(&harness, 1);
    let beyond_middle = egui::pos2(second.center().x + 20.0, second.center().y);

    drag_on_screen(&mut harness, first.center(), beyond_middle);

    let after = map(&harness);
    assert_eq!(after.stages[0].id, before.stages[1].id);
    assert_eq!(after.stages[1].id, before.stages[0].id);
    assert_eq!(
        after.stages[1].cards, before.stages[0].cards,
        "cards go along"
    );
    assert_eq!(harness.state().document.history().undo_depth(), 1);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn dragging_a_lane_label_down_moves_the_lane() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let placement = harness.state().canvas.placement().expect("drawn");
    let label = layout.lanes[0].label.translate(placement.label_offset);
    let third = layout.lanes[2].row;
    let target = egui::pos2(label.center().x, placement.origin.y + third.center() + 5.0);

    drag_on_screen(&mut harness, label.center(), target);

    let after = map(&harness);
    assert_eq!(after.lanes[2].id, before.lanes[0].id, "now third");
    assert_eq!(after.lanes[0].id, before.lanes[1].id);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn the_right_click_menu_of_a_card_deletes_it() {
    let mut harness = harness();
    let before = map(&harness);
    let card = layout(&harness).cards[0].clone();

    right_click_at(&mut harness, card.rect.center());
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&card.id)
    );
    // A menu entry's name ends with its shortcut.
    harness.get_by_label("Delete Delete").click();
    harness.run();

    assert!(map(&harness).card(&card.id).is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn the_right_click_menu_of_a_pain_point_sets_its_severity() {
    let mut harness = harness();
    let layout = layout(&harness);
    let pain = layout
        .cards
        .iter()
        .find(|c| c.severity.is_some_and(|s| s.label() != "low"))
        .expect("a pain point")
        .clone();
    bring_into_view(&mut harness, pain.rect);

    right_click_at(&mut harness, pain.rect.center());
    // The inspector has a "Severity" box too; the menu's is a button.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Severity")
        .hover();
    harness.run();
    harness.get_by_label("low").click();
    harness.run();

    let after = map(&harness);
    let (_, card) = after.card(&pain.id).expect("card");
    assert_eq!(card.severity.map(Severity::label), Some("low"));
}

#[test]
fn the_right_click_menu_of_a_stage_moves_it_right() {
    let mut harness = harness();
    let before = map(&harness);
    let header = header_on_screen(&harness, 0);
    harness.event(Event::PointerMoved(header.center()));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: header.center(),
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
    harness.get_by_label("Move right").click();
    harness.run();

    assert_eq!(map(&harness).stages[1].id, before.stages[0].id);
}

#[test]
fn cards_copied_in_one_editor_paste_into_another() {
    let mut from = harness();
    let mut to = harness();
    let source = layout(&from).cards[0].clone();
    let text = map(&from).card(&source.id).expect("card").1.text.clone();

    click_at(&mut from, source.rect.center(), 1);
    from.event(Event::Copy);
    from.step();
    let clip = copied_text(&from).expect("the copy reached the clipboard");
    assert!(clip.contains("journeymap_cards"), "RON text: {clip}");

    // In the other editor, paste after the first card of the second stage.
    let target = layout(&to)
        .cards
        .iter()
        .find(|c| c.stage == 1)
        .expect("a card")
        .clone();
    click_at(&mut to, target.rect.center(), 1);
    let before = map(&to);
    to.event(Event::Paste(clip));
    to.run();

    let after = map(&to);
    assert_eq!(after.cards().count(), before.cards().count() + 1);
    let pasted = &to.state().selection.cards;
    assert_eq!(pasted.len(), 1, "the pasted card is selected");
    let (stage, card) = after.card(&pasted[0]).expect("pasted");
    assert_eq!(card.text, text);
    assert_eq!(stage.id, after.stages[1].id);
    assert_eq!(
        map(&from).cards().count(),
        before.cards().count(),
        "copy keeps"
    );
}

#[test]
fn cut_removes_the_card_and_paste_puts_it_back_elsewhere() {
    let mut harness = harness();
    let before = map(&harness);
    let card = layout(&harness).cards[0].clone();
    click_at(&mut harness, card.rect.center(), 1);
    harness.event(Event::Cut);
    harness.step();
    let clip = copied_text(&harness).expect("cut copies");
    harness.run();
    assert!(map(&harness).card(&card.id).is_none(), "cut removes");

    let other = layout(&harness)
        .cards
        .iter()
        .find(|c| c.stage == 2 && c.lane == card.lane)
        .expect("a card in the same lane further on")
        .clone();
    click_at(&mut harness, other.rect.center(), 1);
    harness.event(Event::Paste(clip));
    harness.run();

    let after = map(&harness);
    assert_eq!(after.cards().count(), before.cards().count());
    let (stage, _) = after
        .card(&harness.state().selection.cards[0])
        .expect("pasted");
    assert_eq!(stage.id, after.stages[2].id);
}

#[test]
fn pasting_with_nothing_selected_explains_what_to_do() {
    let mut harness = harness();
    let before = map(&harness);
    harness.event(Event::Paste("A note".into()));
    harness.run();
    assert_eq!(map(&harness), before);
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("select a cell"), "{notice}");
}

#[test]
fn arrow_keys_walk_the_cards_of_a_cell_and_on_to_the_next_stage() {
    let mut harness = harness();
    let layout = layout(&harness);
    let first = &layout.cards[0];
    let below = layout
        .cards
        .iter()
        .find(|c| c.stage == first.stage && c.lane == first.lane && c.index_in_cell == 1)
        .expect("two cards in the first cell");
    let right = layout
        .cards
        .iter()
        .find(|c| c.stage == first.stage + 1 && c.lane == first.lane && c.index_in_cell == 0)
        .expect("a card in the next stage");
    click_at(&mut harness, first.rect.center(), 1);

    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&below.id)
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&right.id)
    );
}

#[test]
fn arrow_keys_scroll_the_selection_into_view() {
    let mut harness = harness();
    let layout = layout(&harness);
    let last_stage = layout.stages.len() - 1;
    click_at(&mut harness, layout.cards[0].rect.center(), 1);
    for _ in 0..last_stage {
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    let selected = harness.state().selection.cards[0].clone();
    let card = layout
        .cards
        .iter()
        .find(|c| c.id == selected)
        .expect("selected card");
    assert_eq!(card.stage, last_stage);
    let placement = harness.state().canvas.placement().expect("drawn");
    let on_screen = placement.body_to_screen(card.rect);
    assert!(
        placement.body_clip.contains_rect(on_screen),
        "{on_screen:?} is not inside {:?}",
        placement.body_clip
    );
}

#[test]
fn shift_dragging_draws_a_rectangle_that_selects_the_cards_it_touches() {
    let mut harness = harness();
    let layout = layout(&harness);
    let cell: Vec<_> = layout
        .cards
        .iter()
        .filter(|c| c.stage == 0 && c.lane == layout.cards[0].lane)
        .collect();
    assert!(cell.len() >= 2, "the first cell has several cards");
    // From the gap left of the first card to inside the second.
    let from = cell[0].rect.left_top() - vec2(6.0, 4.0);
    let to = cell[1].rect.center();
    let (from, to) = (to_screen(&harness, from), to_screen(&harness, to));

    harness.event(Event::ModifiersChanged(Modifiers::SHIFT));
    drag_on_screen(&mut harness, from, to);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();

    let selected = &harness.state().selection.cards;
    assert!(selected.contains(&cell[0].id) && selected.contains(&cell[1].id));
    assert_eq!(selected.len(), 2, "{selected:?}");
}

#[test]
fn the_edit_menu_duplicates_the_selected_card() {
    let mut harness = harness();
    let before = map(&harness).cards().count();
    let card = layout(&harness).cards[0].rect.center();
    click_at(&mut harness, card, 1);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Duplicate").click();
    harness.run();
    assert_eq!(map(&harness).cards().count(), before + 1);
}
