//! Help in the app: the shortcuts overlay (F1), getting started on an
//! empty map, and hints on empty cells.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::LaneKind;
use journeymap::ui::HelpWindow;

use super::helpers::*;

#[test]
fn f1_shows_every_shortcut_and_esc_closes_it() {
    let mut harness = harness();
    press(&mut harness, Modifiers::NONE, Key::F1);
    assert_eq!(harness.state().help_window(), Some(HelpWindow::Shortcuts));
    harness.get_by_label("Add stage");
    harness.get_by_label("New card after this");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().help_window(), None);
}

#[test]
fn the_help_menu_opens_about_with_the_version() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About journeymap").click();
    harness.run();
    harness.get_by_label_contains(env!("CARGO_PKG_VERSION"));
}

#[test]
fn an_empty_map_says_how_to_start() {
    let mut app = JourneyApp::start(Preferences::default(), None);
    app.open_sample("blank");
    let harness = harness_with(app);
    harness.get_by_label_contains("Double-click");
}

#[test]
fn hovering_an_empty_cell_hints_how_to_add_a_card() {
    let mut harness = harness();
    let (_, empty) = empty_spot(&layout(&harness), LaneKind::Text);
    harness.hover_at(to_screen(&harness, empty));
    // Tooltips show after the pointer rests a moment.
    for _ in 0..20 {
        harness.step();
    }
    harness.get_by_label("Double-click to add a card");
}
