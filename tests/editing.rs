//! Editing the map in the real editor, headless: every gesture is one undo
//! step, and nothing unsaved is lost without asking.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Origin, Preferences};
use journeymap::model::{JourneyMap, LaneKind};
use journeymap::render::Layout;

fn harness_with(app: JourneyApp) -> Harness<'static, JourneyApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        // Short frames, so two clicks in consecutive frames are a double-click.
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    // Work at 100 % with the map's top-left corner in view, where cards
    // are large enough to aim at and nothing is under the frozen headers.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.state_mut().canvas.pan = egui::Vec2::ZERO;
    harness.run();
    harness
}

fn harness() -> Harness<'static, JourneyApp> {
    harness_with(JourneyApp::start(Preferences::default(), None))
}

/// The layout as the canvas drew it in the last frame.
fn layout(harness: &Harness<'_, JourneyApp>) -> Layout {
    let app = harness.state();
    harness
        .ctx
        .fonts_mut(|fonts| Layout::new(&app.document.map, fonts, app.canvas.zoom))
}

/// A body position of the layout, on screen, where the user can see it.
fn to_screen(harness: &Harness<'_, JourneyApp>, at: Pos2) -> Pos2 {
    let placement = harness.state().canvas.placement().expect("drawn");
    let screen = placement.body_to_screen(Rect::from_min_max(at, at)).min;
    assert!(
        placement.body_clip.contains(screen),
        "{at:?} is out of view at {screen:?}"
    );
    screen
}

/// Clicks `clicks` times at a body position given in map coordinates, one
/// frame per click (a double-click is two clicks within egui's 0.3 s).
fn click_at(harness: &mut Harness<'_, JourneyApp>, at: Pos2, clicks: usize) {
    let pos = to_screen(harness, at);
    for _ in 0..clicks {
        harness.event(Event::PointerMoved(pos));
        for pressed in [true, false] {
            harness.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        harness.step();
    }
    harness.run();
}

/// Drags between two body positions given in map coordinates.
fn drag(harness: &mut Harness<'_, JourneyApp>, from: Pos2, to: Pos2) {
    let (from, to) = (to_screen(harness, from), to_screen(harness, to));
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        #[expect(clippy::cast_precision_loss, reason = "four steps")]
        harness.hover_at(from + (to - from) * (step as f32 / 4.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

fn type_text(harness: &mut Harness<'_, JourneyApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn press(harness: &mut Harness<'_, JourneyApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn map(harness: &Harness<'_, JourneyApp>) -> JourneyMap {
    harness.state().document.map.clone()
}

/// Steps until background work (saving) is done.
fn settle(harness: &mut Harness<'_, JourneyApp>) {
    // Process queued input first: a click on Save starts the save.
    harness.step();
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.state().is_busy() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    // Let dialogs fade out (a few frames more than `run` allows).
    harness.run_steps(10);
    assert!(!harness.state().is_busy(), "the save did not finish");
}

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
    let layout = layout(&harness);
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Text)
        .expect("text lane");
    let cell = layout.cell(0, lane).expect("cell");
    let lowest = layout
        .cards
        .iter()
        .filter(|c| c.stage == 0 && c.lane == lane)
        .map(|c| c.rect.max.y)
        .fold(cell.min.y, f32::max);
    let empty_spot = Rect::from_min_max(egui::pos2(cell.min.x, lowest), cell.max).center();
    assert!(
        cell.contains(empty_spot) && empty_spot.y > lowest,
        "the cell has room below its cards"
    );
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
fn clicking_in_the_emotion_lane_adds_a_point_at_that_height() {
    let mut harness = harness();
    let before = map(&harness);
    let layout = layout(&harness);
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Emotion)
        .expect("emotion lane");
    let column = layout.stages[1].column;
    let y = layout.score_y(lane, -2).expect("y of -2");
    // Right at the column's left edge, away from the existing faces.
    let spot = egui::pos2(column.min + 6.0, y);
    click_at(&mut harness, spot, 1);
    let after = map(&harness);
    assert_eq!(after.point_count(), before.point_count() + 1);
    let stage = &after.stages[1];
    let first = stage
        .points_in(&after.lanes[lane].id)
        .next()
        .expect("a point");
    assert_eq!(first.score, -2);
    assert_eq!(
        harness.state().selection.points,
        std::slice::from_ref(&first.id),
        "the new point is selected"
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

#[test]
fn a_map_saved_to_a_file_reopens_with_the_edit_in_it() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("ours.ron");
    let mut harness = harness();
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Our trip".into(),
            "Saturday".into(),
        ));
    harness.run();
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    assert!(!harness.state().document.is_dirty());
    assert_eq!(harness.state().window_title(), "ours.ron — journeymap");
    assert_eq!(harness.state().document.origin, Origin::File(path.clone()));
    assert_eq!(harness.state().prefs.recent.first(), Some(&path));

    let reopened = JourneyApp::start(harness.state().prefs.clone(), None);
    assert_eq!(reopened.document.map, map(&harness));
    assert_eq!(reopened.document.map.title, "Our trip");

    // Ctrl+S saves again to the same file.
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Our trip 2".into(),
            String::new(),
        ));
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(!harness.state().document.is_dirty());
    assert!(
        std::fs::read_to_string(&path)
            .expect("saved")
            .contains("Our trip 2")
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_changes_unsaved() {
    let mut harness = harness();
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Precious".into(),
            String::new(),
        ));
    harness
        .state_mut()
        .save_to("/nonexistent/folder/map.ron".into());
    settle(&mut harness);
    assert!(harness.state().document.is_dirty());
    assert_eq!(map(&harness).title, "Precious");
    harness.get_by_label_contains("Your changes are still here, not saved.");
}

fn edit_something(harness: &mut Harness<'_, JourneyApp>) {
    harness.state_mut().apply(journeymap::edit::Edit::AddStage {
        index: 0,
        name: "Unsaved".into(),
    });
    harness.run();
}

#[test]
fn the_unsaved_changes_prompt_cancel_keeps_everything() {
    let mut harness = harness();
    edit_something(&mut harness);
    let edited = map(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label_contains("Save the changes to");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(map(&harness), edited);
    assert!(harness.state().prompt.is_none());
    assert!(
        harness
            .query_by_label_contains("Save the changes to")
            .is_none()
    );
}

#[test]
fn the_unsaved_changes_prompt_dont_save_discards_and_goes_on() {
    let mut harness = harness();
    edit_something(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(
        harness.state().document.origin,
        Origin::Sample("blank"),
        "File ▸ New went ahead"
    );
    assert!(!harness.state().document.is_dirty());
}

#[test]
fn the_unsaved_changes_prompt_save_saves_then_quits() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/grocery-trip.ron"),
        &path,
    )
    .expect("copy");
    let mut harness = harness_with(JourneyApp::start(Preferences::default(), Some(&path)));
    edit_something(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(
        !harness.state().is_quitting(),
        "not before the prompt is answered"
    );
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert!(harness.state().is_quitting());
    let saved = journeymap::io::read_map(&path).expect("saved map");
    assert_eq!(saved.stages[0].name, "Unsaved");
}

#[test]
fn quitting_without_changes_asks_nothing() {
    let mut harness = harness();
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(harness.state().is_quitting());
    assert!(harness.state().prompt.is_none());
}
