//! Screen readers and the keyboard: the map's items are in the
//! accessibility tree, cards move with Alt+arrows, the selection grows with
//! Shift+arrows, and Tab reaches the inspector and comes back.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::{CardId, JourneyMap};
use journeymap::ui::Selection;

use super::helpers::*;

/// The editor with the whole sample map in view (fitted to the window).
fn whole_map() -> egui_kittest::Harness<'static, JourneyApp> {
    harness_at_start(JourneyApp::start(Preferences::default(), None))
}

/// The first card of the first stage, and its stage and lane index.
fn first_card(map: &JourneyMap) -> CardId {
    map.stages[0].cards[0].id.clone()
}

/// Where a card is: its stage's index, its lane, its place in the cell.
fn place(map: &JourneyMap, card: &CardId) -> (usize, String, usize) {
    let (stage, found) = map.card(card).expect("card");
    let index = stage
        .cards_in(&found.lane)
        .position(|c| &c.id == card)
        .expect("in its cell");
    (
        map.stage_index(&stage.id).expect("stage"),
        found.lane.to_string(),
        index,
    )
}

fn select_card(harness: &mut egui_kittest::Harness<'_, JourneyApp>, card: &CardId) {
    harness.state_mut().selection = Selection::only_card(card.clone());
    harness.run();
}

#[test]
fn cards_headers_lane_labels_and_emotion_points_are_found_by_their_labels() {
    let harness = whole_map();
    let map = map(&harness);
    let stage = &map.stages[0];

    let card = harness.get_by_label(&stage.cards[0].text);
    assert_eq!(card.accesskit_node().role(), Role::ListItem);
    assert_eq!(card.accesskit_node().role_description(), Some("card"));
    let description = card.accesskit_node().description().unwrap_or_default();
    assert!(
        description.contains(&format!("stage {}", stage.name)),
        "{description}"
    );

    let header_label = format!("Stage: {}", stage.name);
    let header = harness.get_by_label(&header_label);
    assert_eq!(header.accesskit_node().role(), Role::ColumnHeader);
    let lane_label = format!("Lane: {}", map.lanes[0].name);
    let label = harness.get_by_label(&lane_label);
    assert_eq!(label.accesskit_node().role(), Role::RowHeader);

    let point = &stage.points[0];
    let sign = if point.score > 0 { "+" } else { "" };
    let point_label = format!("Feeling {sign}{}: {}", point.score, point.label);
    let feeling = harness.get_by_label(&point_label);
    assert_eq!(
        feeling.accesskit_node().role_description(),
        Some("emotion point")
    );

    // Each lies inside the canvas's node.
    let canvas_label = format!("Journey map: {}", map.title);
    let canvas = harness.get_by_label(&canvas_label);
    let canvas = canvas.accesskit_node().id();
    for node in [card, header, label, feeling] {
        let node = node.accesskit_node();
        assert!(
            std::iter::successors(node.parent(), egui_kittest::kittest::AccessKitNode::parent)
                .any(|n| n.id() == canvas),
            "{:?} is inside the canvas",
            node.label()
        );
    }
}

#[test]
fn a_pain_point_says_its_kind_and_severity() {
    let harness = whole_map();
    let map = map(&harness);
    let pain = map
        .cards()
        .find(|c| c.severity.is_some())
        .expect("a pain point with a severity");
    let node = harness.get_by_label(&pain.text);
    assert_eq!(node.accesskit_node().role_description(), Some("pain point"));
    let severity = pain.severity.expect("severity").label();
    let description = node.accesskit_node().description().unwrap_or_default();
    assert!(
        description.starts_with(&format!("severity {severity}")),
        "{description}"
    );
}

#[test]
fn an_opportunity_says_which_pain_point_it_answers() {
    let harness = whole_map();
    let map = map(&harness);
    let (opportunity, pain) = map
        .cards()
        .find_map(|c| Some((c, map.card(c.answers.as_ref()?)?.1)))
        .expect("an opportunity that answers a pain point");
    let node = harness.get_by_label(&opportunity.text);
    assert_eq!(
        node.accesskit_node().role_description(),
        Some("opportunity")
    );
    let description = node.accesskit_node().description().unwrap_or_default();
    assert!(
        description.starts_with(&format!("answers {}", pain.text)),
        "{description}"
    );
}

#[test]
fn a_card_clicked_through_its_node_is_selected_and_is_the_screen_readers_focus() {
    let mut harness = whole_map();
    let map = map(&harness);
    let card = &map.stages[0].cards[0];
    harness.get_by_label(&card.text).click();
    harness.run();
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&card.id)
    );
    let node = harness.get_by_label(&card.text);
    assert_eq!(node.accesskit_node().is_selected(), Some(true));
    assert!(node.is_focused(), "announced as the focus");

    // The arrow keys move the screen reader's focus with the selection.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let next = map.stages[0].cards[1].text.clone();
    assert!(harness.get_by_label(&next).is_focused());
    assert!(!harness.get_by_label(&card.text).is_focused());
}

#[test]
fn alt_right_moves_the_selected_card_to_the_next_stage_and_ctrl_z_brings_it_back() {
    let mut harness = harness();
    let before = map(&harness);
    let card = first_card(&before);
    select_card(&mut harness, &card);
    let (stage, lane, _) = place(&before, &card);

    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    let after = map(&harness);
    let (moved_to, moved_lane, _) = place(&after, &card);
    assert_eq!(moved_to, stage + 1, "the next stage");
    assert_eq!(moved_lane, lane, "the same lane");
    assert_eq!(
        harness.state().selection.cards,
        std::slice::from_ref(&card),
        "still selected"
    );
    assert_eq!(
        harness.state().document.history().undo_label(),
        Some("move card")
    );

    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    assert_eq!(place(&map(&harness), &card).0, stage, "and back");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        place(&map(&harness), &card).0,
        stage + 1,
        "one step per key"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), before);
}

#[test]
fn alt_down_moves_the_selected_card_one_place_down_in_its_cell() {
    let mut harness = harness();
    let before = map(&harness);
    let card = first_card(&before);
    select_card(&mut harness, &card);
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    let (_, _, index) = place(&map(&harness), &card);
    assert_eq!(index, 1);
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(map(&harness), before);
}

#[test]
fn move_card_right_in_the_edit_menu_shows_its_keys_and_moves_the_card() {
    let mut harness = harness();
    let card = first_card(&map(&harness));
    select_card(&mut harness, &card);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Move card").hover();
    harness.run();
    let item = harness.get_by_label_contains("Move card right");
    assert!(
        item.accesskit_node()
            .label()
            .is_some_and(|l| l.contains("Alt+Right")),
        "with its shortcut"
    );
    item.click();
    harness.run();
    assert_eq!(place(&map(&harness), &card).0, 1);
}

#[test]
fn shift_right_extends_the_selection_and_shift_left_takes_it_back() {
    let mut harness = harness();
    let map = map(&harness);
    let card = first_card(&map);
    select_card(&mut harness, &card);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    let lane = &map.stages[0].cards[0].lane;
    let next = map.stages[1]
        .cards_in(lane)
        .next()
        .expect("a card in the next stage")
        .id
        .clone();
    assert_eq!(harness.state().selection.cards, [card.clone(), next]);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(harness.state().selection.cards, [card]);
}

/// The id of the inspector's field captioned `caption`.
fn field(harness: &egui_kittest::Harness<'_, JourneyApp>, caption: &str) -> egui::Id {
    let node = harness.get_by_label(caption);
    let (id, _) = node.accesskit_node().locate();
    let focused = harness.ctx.memory(egui::Memory::focused);
    assert!(
        focused.is_some_and(|f| f.accesskit_id() == id),
        "{caption} has the keyboard, not {focused:?}"
    );
    focused.expect("focused")
}

#[test]
fn tab_gives_the_inspector_the_keyboard_and_shift_tab_gives_it_back() {
    let mut harness = harness();
    let map = map(&harness);
    let card = first_card(&map);
    select_card(&mut harness, &card);

    press(&mut harness, Modifiers::NONE, Key::Tab);
    field(&harness, "Text");
    // Keys are text in the field, not the map's shortcuts.
    harness.key_press(Key::End);
    type_text(&mut harness, " now");
    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(place(&self::map(&harness), &card).0, 0, "the card stays");

    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(
        harness.ctx.memory(egui::Memory::focused),
        None,
        "back on the map"
    );
    let text = self::map(&harness)
        .card(&card)
        .expect("card")
        .1
        .text
        .clone();
    assert!(text.ends_with(" now"), "the field kept its text: {text}");
    assert_eq!(harness.state().selection.cards, std::slice::from_ref(&card));
    // The arrow keys are the map's again.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_ne!(harness.state().selection.cards, [card]);
}

#[test]
fn tab_goes_from_field_to_field_and_esc_returns_to_the_map_keeping_the_selection() {
    let mut harness = harness();
    let map = map(&harness);
    let stage = map.stages[0].id.clone();
    harness.state_mut().selection = Selection {
        stage: Some(stage.clone()),
        ..Selection::default()
    };
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Tab);
    field(&harness, "Name");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    field(&harness, "Description");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.ctx.memory(egui::Memory::focused), None);
    assert_eq!(harness.state().selection.stage, Some(stage), "kept");
}

#[test]
fn tab_while_typing_a_card_keeps_the_text_and_moves_into_the_inspector() {
    let mut harness = harness();
    let map = map(&harness);
    let card = first_card(&map);
    select_card(&mut harness, &card);
    press(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "Asks a neighbour");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    let after = self::map(&harness);
    assert_eq!(after.card_count(), map.card_count() + 1);
    let new = harness.state().selection.cards.clone();
    let [new] = new.as_slice() else {
        panic!("the new card is selected: {new:?}")
    };
    assert_eq!(
        after.card(new).expect("new card").1.text,
        "Asks a neighbour"
    );
    field(&harness, "Text");
}
