//! The editor window, driven headless through `egui_kittest`: no display, no GPU.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Origin, Preferences};
use journeymap::model::LaneKind;
use journeymap::render::{Hit, Layout};
use journeymap::samples;

fn harness(app: JourneyApp) -> Harness<'static, JourneyApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn fresh_app() -> JourneyApp {
    JourneyApp::start(Preferences::default(), None)
}

#[test]
fn the_first_start_opens_the_default_sample() {
    let app = fresh_app();
    assert_eq!(app.document.origin, Origin::Sample(samples::DEFAULT_SAMPLE));
    let harness = harness(app);
    harness.get_by_label_contains("Journey map: Weekly grocery trip");
}

#[test]
fn a_file_named_on_the_command_line_is_opened_and_remembered() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("gear.ron");
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/team-gear.ron"),
        &path,
    )
    .expect("copy");
    let app = JourneyApp::start(Preferences::default(), Some(&path));
    assert_eq!(app.document.path(), Some(path.as_path()));
    assert_eq!(app.prefs.recent, std::slice::from_ref(&path));
    assert_eq!(app.document.display_name(), "gear.ron");

    // The next start without a file reopens it.
    let again = JourneyApp::start(app.prefs.clone(), None);
    assert_eq!(again.document.path(), Some(path.as_path()));
}

#[test]
fn a_recent_file_that_is_gone_is_explained_and_forgotten() {
    let prefs = Preferences {
        recent: vec!["/nonexistent/lost.ron".into()],
        ..Preferences::default()
    };
    let app = JourneyApp::start(prefs, None);
    assert!(app.prefs.recent.is_empty());
    assert_eq!(app.document.origin, Origin::Sample(samples::DEFAULT_SAMPLE));
    let message = app.message().expect("an explanation");
    assert!(message.contains("/nonexistent/lost.ron"), "{message}");
    assert!(message.contains("cannot read the file"), "{message}");
}

#[test]
fn a_file_that_fails_to_load_shows_its_error_and_leaves_the_map_alone() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("typo.ron");
    fs::write(&path, "(\n    version: 1,\n    titel: \"x\",\n)\n").expect("write");
    let mut harness = harness(fresh_app());
    let before = harness.state().document.map.clone();
    harness.state_mut().open(&path);
    harness.run();
    harness.get_by_label_contains("3:5: Unexpected field named `titel`");
    assert_eq!(harness.state().document.map, before);
    assert_eq!(
        harness.state().document.origin,
        Origin::Sample(samples::DEFAULT_SAMPLE)
    );

    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().message().is_none());
    assert!(
        harness
            .query_by_label_contains("Unexpected field")
            .is_none()
    );
}

#[test]
fn the_map_is_fitted_to_the_window_when_opened() {
    let harness = harness(fresh_app());
    let canvas = &harness.state().canvas;
    let rect = canvas.rect().expect("drawn");
    let size = canvas.map_size().expect("drawn");
    assert!(
        size.x <= rect.width() + 1.0 && size.y <= rect.height() + 1.0,
        "{size:?} fits {rect:?}"
    );
    assert!(
        size.x >= rect.width() - 40.0 || size.y >= rect.height() - 40.0,
        "and fills it: {size:?} in {rect:?}"
    );
}

#[test]
fn zooming_with_ctrl_scroll_keeps_the_point_under_the_cursor() {
    let mut harness = harness(fresh_app());
    let cursor = Pos2::new(700.0, 450.0);
    let before =
        harness.state().canvas.to_map(cursor).expect("drawn") / harness.state().canvas.zoom;
    let zoom_before = harness.state().canvas.zoom;
    harness.hover_at(cursor);
    harness.event(Event::Zoom(1.5));
    harness.run();
    let canvas = &harness.state().canvas;
    assert!(
        (canvas.zoom / zoom_before - 1.5).abs() < 0.01,
        "zoomed by 1.5: {}",
        canvas.zoom / zoom_before
    );
    let after = canvas.to_map(cursor).expect("drawn") / canvas.zoom;
    assert!(
        (after - before).length() < 1.0,
        "{before:?} moved to {after:?}"
    );
}

/// A screen point over empty background or an empty part of a cell, where
/// a drag pans instead of moving something.
fn empty_spot(harness: &Harness<'_, JourneyApp>) -> Pos2 {
    let app = harness.state();
    let layout = harness
        .ctx
        .fonts_mut(|f| Layout::new(&app.document.map, f, app.canvas.zoom));
    let placement = app.canvas.placement().expect("drawn");
    let rect = placement.rect.shrink(150.0);
    (0..200)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "a small grid")]
            let (x, y) = ((i % 20) as f32 / 20.0, (i / 20) as f32 / 10.0);
            rect.min + rect.size() * Vec2::new(x, y)
        })
        .find(|&p| match placement.hit(p, &layout) {
            Some(Hit::Cell { lane, .. }) => layout.lanes[lane].kind != LaneKind::Emotion,
            Some(Hit::Persona) | None => true,
            _ => false,
        })
        .expect("some empty background")
}

#[test]
fn dragging_the_background_pans_the_map() {
    let mut harness = harness(fresh_app());
    harness.state_mut().canvas.zoom_to(1.0, None);
    harness.run();
    let pan = harness.state().canvas.pan;
    let from = empty_spot(&harness);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from - Vec2::new(100.0, 80.0));
    harness.run();
    harness.drop_at(from - Vec2::new(100.0, 80.0));
    harness.run();
    let moved = harness.state().canvas.pan - pan;
    assert!(
        (moved - Vec2::new(-100.0, -80.0)).length() < 1.0,
        "panned by {moved:?}"
    );
}

#[test]
fn keyboard_shortcuts_zoom_in_out_to_100_and_to_fit() {
    let mut harness = harness(fresh_app());
    let fitted = harness.state().canvas.zoom;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!((harness.state().canvas.zoom - fitted * 1.25).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!((harness.state().canvas.zoom - fitted).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert!((harness.state().canvas.zoom - 1.0).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().canvas.zoom - fitted).abs() < 1e-4);
}

#[test]
fn the_view_menu_shows_each_command_with_its_shortcut_and_runs_it() {
    let mut harness = harness(fresh_app());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Actual size (100 %)").click();
    harness.run();
    assert!((harness.state().canvas.zoom - 1.0).abs() < 1e-4);
}

#[test]
fn a_sample_opens_from_the_file_menu() {
    let mut harness = harness(fresh_app());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open sample").hover();
    harness.run();
    // Samples are listed by their names, not their ids.
    harness
        .get_by_label("Calling support about a billing error")
        .click();
    harness.run();
    assert_eq!(
        harness.state().document.origin,
        Origin::Sample("billing-support")
    );
    harness.get_by_label_contains("Journey map: Calling support about a billing error");
    assert_eq!(
        harness.state().window_title(),
        "Calling support about a billing error (sample) — journeymap"
    );
}

#[test]
fn a_map_from_a_template_is_untitled_and_templates_are_listed_by_name() {
    let mut harness = harness(fresh_app());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New from template").hover();
    harness.run();
    harness.get_by_label("Service blueprint").click();
    harness.run();
    assert_eq!(
        harness.state().document.origin,
        Origin::Sample("service-blueprint")
    );
    assert_eq!(harness.state().window_title(), "Untitled — journeymap");
}

#[test]
fn the_dark_theme_is_a_preference() {
    let mut harness = harness(fresh_app());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert!(harness.state().prefs.dark);
}
