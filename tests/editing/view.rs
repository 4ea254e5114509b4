//! Zooming and scrolling: a wheel notch zooms a little, the frozen headers
//! and labels stay small at high zoom, and what was just added is in view.

use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, vec2};
use journeymap::app::{Document, JourneyApp, Origin, Preferences};
use journeymap::model::JourneyMap;
use journeymap::ui::placement::MAX_FROZEN_SHARE;

use super::helpers::*;

fn wheel(harness: &mut egui_kittest::Harness<'_, JourneyApp>, notches: f32) {
    let rect = harness.state().canvas.rect().expect("drawn");
    harness.event(Event::PointerMoved(rect.center()));
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: vec2(0.0, notches),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    // egui spreads a wheel notch over a few frames.
    for _ in 0..60 {
        harness.step();
    }
}

fn wheel_twice(harness: &mut egui_kittest::Harness<'_, JourneyApp>) {
    let rect = harness.state().canvas.rect().expect("drawn");
    harness.event(Event::PointerMoved(rect.center()));
    harness.run();
    let notch = Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: vec2(0.0, 1.0),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::COMMAND,
    };
    harness.input_mut().events.extend([notch.clone(), notch]);
    for _ in 0..60 {
        harness.step();
    }
}

#[test]
fn one_ctrl_wheel_notch_zooms_by_ten_to_twenty_percent() {
    let mut harness = harness();
    let before = harness.state().canvas.zoom;
    wheel(&mut harness, 1.0);
    let ratio = harness.state().canvas.zoom / before;
    assert!((1.10..=1.20).contains(&ratio), "one notch zoomed ×{ratio}");
    let before = harness.state().canvas.zoom;
    wheel(&mut harness, -1.0);
    let ratio = before / harness.state().canvas.zoom;
    assert!(
        (1.10..=1.20).contains(&ratio),
        "one notch back zoomed ÷{ratio}"
    );
    // winit on X11 reports a notch twice in one frame: still one notch.
    let before = harness.state().canvas.zoom;
    wheel_twice(&mut harness);
    let ratio = harness.state().canvas.zoom / before;
    assert!(
        (1.10..=1.20).contains(&ratio),
        "an X11 notch zoomed ×{ratio}"
    );
}

#[test]
fn at_high_zoom_the_frozen_headers_and_labels_take_at_most_a_fifth_of_the_canvas() {
    let mut harness = harness();
    harness.state_mut().canvas.zoom = journeymap::ui::canvas::MAX_ZOOM;
    harness.state_mut().canvas.pan = vec2(-2000.0, -1500.0);
    harness.run();
    let placement = harness.state().canvas.placement().expect("drawn");
    let rect = placement.rect;
    assert!(
        placement.header_strip.height() <= MAX_FROZEN_SHARE * rect.height() + 0.5,
        "headers {} of {}",
        placement.header_strip.height(),
        rect.height()
    );
    assert!(
        placement.label_strip.width() <= MAX_FROZEN_SHARE * rect.width() + 0.5,
        "labels {} of {}",
        placement.label_strip.width(),
        rect.width()
    );
}

#[test]
fn a_new_stage_is_scrolled_into_view_beside_its_name_field() {
    // A wide map at 100 %, looking at its first stages.
    let mut map = journeymap::samples::find("grocery-trip")
        .expect("sample")
        .map()
        .expect("valid");
    let template = map.stages[0].clone();
    for i in 0..12 {
        let mut stage = template.clone();
        stage.id = journeymap::model::StageId::new(format!("extra-{i}"));
        stage.name = format!("Extra {i}");
        stage.cards.to_mut().clear();
        stage.points.clear();
        map.stages.push(stage);
    }
    let app = JourneyApp::new(
        Document::new(map, Origin::Sample("grocery-trip")),
        Preferences::default(),
    );
    let mut harness = harness_with(app);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    let map: JourneyMap = harness.state().document.map.clone();
    let last = map.stages.len() - 1;
    let layout = layout(&harness);
    let placement = harness.state().canvas.placement().expect("drawn");
    let header = egui::Rect::from_x_y_ranges(layout.stages[last].column, layout.header_row)
        .translate(placement.header_offset);
    assert!(
        placement.header_clip.contains_rect(header.shrink(1.0)),
        "the new stage's header {header:?} is in view in {:?}",
        placement.header_clip
    );
    assert!(harness.state().canvas.inline.is_some(), "its name is typed");
}
