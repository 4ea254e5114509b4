//! Driving the real editor headless: a harness at 100 %, clicks, drags and
//! keys at map positions.
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::JourneyMap;
use journeymap::render::Layout;

/// The editor's window as it first appears, at the zoom it starts with.
pub fn harness_at_start(app: JourneyApp) -> Harness<'static, JourneyApp> {
    build(app, 4)
}

/// The editor's window as it first appears, letting `run` take up to
/// `max_steps` frames to settle.
fn build(app: JourneyApp, max_steps: u64) -> Harness<'static, JourneyApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(max_steps)
        // Short frames, so two clicks in consecutive frames are a double-click.
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// The editor at 100 % with the map's top-left corner in view.
pub fn harness_with(app: JourneyApp) -> Harness<'static, JourneyApp> {
    at_100(harness_at_start(app))
}

/// An editor at 100 % for a shared map: `run` allows more frames, as the
/// session wakes the window whenever a teammate does something.
pub fn harness_for_sharing(app: JourneyApp) -> Harness<'static, JourneyApp> {
    at_100(build(app, 40))
}

fn at_100(mut harness: Harness<'static, JourneyApp>) -> Harness<'static, JourneyApp> {
    // Work at 100 % with the map's top-left corner in view, where cards
    // are large enough to aim at and nothing is under the frozen headers.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.state_mut().canvas.pan = egui::Vec2::ZERO;
    harness.run();
    harness
}

pub fn harness() -> Harness<'static, JourneyApp> {
    harness_with(JourneyApp::start(Preferences::default(), None))
}

/// The layout as the canvas drew it in the last frame.
pub fn layout(harness: &Harness<'_, JourneyApp>) -> Layout {
    let app = harness.state();
    harness
        .ctx
        .fonts_mut(|fonts| Layout::new(&app.document.map, fonts, app.canvas.zoom))
}

/// A body position of the layout, on screen, where the user can see it.
pub fn to_screen(harness: &Harness<'_, JourneyApp>, at: Pos2) -> Pos2 {
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
pub fn click_at(harness: &mut Harness<'_, JourneyApp>, at: Pos2, clicks: usize) {
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
pub fn drag(harness: &mut Harness<'_, JourneyApp>, from: Pos2, to: Pos2) {
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

pub fn type_text(harness: &mut Harness<'_, JourneyApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

pub fn press(harness: &mut Harness<'_, JourneyApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

pub fn map(harness: &Harness<'_, JourneyApp>) -> JourneyMap {
    harness.state().document.map.clone()
}

/// Steps until background work (saving, exporting) is done.
pub fn settle(harness: &mut Harness<'_, JourneyApp>) {
    // Process queued input first: a click on Save starts the save.
    harness.step();
    // A safety limit, not a speed goal: a debug-build 4K export on a busy
    // 2-core machine takes several seconds.
    let deadline = Instant::now() + Duration::from_mins(2);
    while harness.state().is_busy() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    // Let dialogs fade out (a few frames more than `run` allows).
    harness.run_steps(10);
    assert!(
        !harness.state().is_busy(),
        "the background work did not finish"
    );
}

/// A key press (no release), as eframe sends it.
pub fn key_event(modifiers: Modifiers, key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// Sends `events` in ONE frame, as a fast typist or a busy computer does,
/// through the input hook eframe calls before each frame, then lets the
/// editor take the keys that wait (kittest on its own gives each queued
/// event a frame of its own).
pub fn in_one_frame(harness: &mut Harness<'_, JourneyApp>, events: Vec<Event>) {
    harness.input_mut().events.extend(events);
    for _ in 0..100 {
        let ctx = harness.ctx.clone();
        let mut raw = std::mem::take(harness.input_mut());
        eframe::App::raw_input_hook(harness.state_mut(), &ctx, &mut raw);
        *harness.input_mut() = raw;
        harness.step();
        if !harness.state().keys_waiting() {
            break;
        }
    }
    harness.run();
}

/// The first lane of `kind` and the middle of the empty part of its cell in
/// the first stage, below its cards, in map coordinates.
pub fn empty_spot(layout: &Layout, kind: journeymap::model::LaneKind) -> (usize, Pos2) {
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == kind)
        .expect("a lane of that kind");
    let cell = layout.cell(0, lane).expect("cell");
    let lowest = layout
        .cards
        .iter()
        .filter(|c| c.stage == 0 && c.lane == lane)
        .map(|c| c.rect.max.y)
        .fold(cell.min.y, f32::max);
    let spot = Rect::from_min_max(egui::pos2(cell.min.x, lowest), cell.max).center();
    assert!(
        cell.contains(spot) && spot.y > lowest,
        "the cell has room below its cards"
    );
    (lane, spot)
}

/// The emotion lane, and a spot in the second stage at the height of
/// `score`, right at the column's left edge, away from the faces.
pub fn emotion_spot(layout: &Layout, score: i8) -> (usize, Pos2) {
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == journeymap::model::LaneKind::Emotion)
        .expect("emotion lane");
    let column = layout.stages[1].column;
    let y = layout.score_y(lane, score).expect("y of the score");
    (lane, egui::pos2(column.min + 6.0, y))
}
