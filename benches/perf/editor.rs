//! The real editor, headless: `JourneyApp::frame_ui` in a plain
//! `egui::Context` frame, then tessellated as eframe does before handing
//! the triangles to the GPU. No window, no GPU.

use std::time::{Duration, Instant};

use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2, vec2};
use journeymap::app::{Document, JourneyApp, Origin, Preferences};
use journeymap::edit::Edit;
use journeymap::model::JourneyMap;
use journeymap::render::Layout;

/// The window: a full-HD laptop screen at 1 pixel per point.
pub const WINDOW: Vec2 = vec2(1920.0, 1080.0);

/// The editor in a window of [`WINDOW`].
pub struct Editor {
    ctx: egui::Context,
    /// The app, as eframe would hold it.
    pub app: JourneyApp,
    time: f64,
    /// Where the pointer is hovering or dragging, per frame in turn.
    path: Vec<Pos2>,
    step: usize,
}

impl Editor {
    /// The editor showing `map` fitted to the window, as when it is opened.
    pub fn new(map: JourneyMap) -> Self {
        let document = Document::new(map, Origin::Sample("bench"));
        Self::with_app(JourneyApp::new(document, Preferences::default()))
    }

    /// The editor showing `map` fitted to the window, with the
    /// accessibility tree built every frame, as while a screen reader runs.
    pub fn with_screen_reader(map: JourneyMap) -> Self {
        let document = Document::new(map, Origin::Sample("bench"));
        let ctx = egui::Context::default();
        ctx.enable_accesskit();
        Self::with_context(ctx, JourneyApp::new(document, Preferences::default()))
    }

    /// The editor around an app made elsewhere (e.g. one that opened a file).
    pub fn with_app(app: JourneyApp) -> Self {
        Self::with_context(egui::Context::default(), app)
    }

    fn with_context(ctx: egui::Context, app: JourneyApp) -> Self {
        let mut editor = Self {
            ctx,
            app,
            time: 0.0,
            path: Vec::new(),
            step: 0,
        };
        editor.settle();
        editor.hover_across_the_map();
        editor
    }

    /// Runs one frame with `events` and returns its CPU time: the UI pass
    /// and the tessellation of what it painted.
    pub fn frame(&mut self, events: Vec<Event>) -> Duration {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        self.time += 1.0 / 60.0;
        let start = Instant::now();
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        std::hint::black_box(&primitives);
        drop(primitives);
        let time = start.elapsed();
        output.textures_delta.clear();
        time
    }

    /// The next frame: the pointer moves to the next point of its path, as
    /// when the user moves the mouse (the editor repaints for that).
    pub fn next_frame(&mut self) -> Duration {
        let at = self.path[self.step % self.path.len()];
        self.step += 1;
        self.frame(vec![Event::PointerMoved(at)])
    }

    /// A few frames without input, for fitting and layout to settle.
    pub fn settle(&mut self) {
        for _ in 0..3 {
            self.frame(Vec::new());
        }
    }

    /// Shows the map at 100 % with its centre in the middle of the canvas.
    pub fn actual_size_in_the_middle(&mut self) {
        self.app.canvas.zoom_to(1.0, None);
        self.settle();
        if let (Some(rect), Some(size)) = (self.app.canvas.rect(), self.app.canvas.map_size()) {
            self.app.canvas.pan = (rect.size() - size) / 2.0;
        }
        self.settle();
        self.hover_across_the_map();
    }

    /// The pointer wanders over the visible part of the map.
    fn hover_across_the_map(&mut self) {
        let Some(body) = self.app.canvas.placement().map(|p| p.body_clip) else {
            return;
        };
        self.path = (0..16)
            .map(|i| {
                #[expect(clippy::cast_precision_loss, reason = "16 steps")]
                let t = i as f32 / 16.0;
                body.lerp_inside(vec2(0.2 + 0.6 * t, 0.5 + 0.3 * (t * 6.3).sin()))
            })
            .collect();
    }

    /// Presses on the card nearest the middle of the canvas and starts
    /// dragging it; afterwards each [`Self::next_frame`] moves it across
    /// neighbouring cells. Returns `false` if no card is in view.
    pub fn start_dragging_a_card(&mut self) -> bool {
        let Some(placement) = self.app.canvas.placement() else {
            return false;
        };
        let layout = self
            .ctx
            .fonts_mut(|fonts| Layout::new(&self.app.document.map, fonts, self.app.canvas.zoom));
        let middle = placement.body_clip.center();
        let Some(card) = layout
            .cards
            .iter()
            .map(|card| placement.body_to_screen(card.rect))
            .filter(|rect| placement.body_clip.contains_rect(*rect))
            .min_by(|a, b| {
                let (a, b) = (a.center().distance(middle), b.center().distance(middle));
                a.total_cmp(&b)
            })
        else {
            return false;
        };
        let grab = card.center();
        self.frame(vec![Event::PointerMoved(grab)]);
        self.frame(vec![button(grab, true)]);
        for dx in [4.0, 12.0, 24.0] {
            self.frame(vec![Event::PointerMoved(grab + vec2(dx, 0.0))]);
        }
        // Back and forth over the neighbouring cells, so the drop line moves.
        let column = layout.stages.first().map_or(100.0, |s| s.column.span());
        self.path = (0..16)
            .map(|i| {
                #[expect(clippy::cast_precision_loss, reason = "16 steps")]
                let t = (i as f32 / 16.0 * std::f32::consts::TAU).sin();
                grab + vec2(t * column * 1.2, t * 40.0)
            })
            .collect();
        true
    }

    /// Releases the dragged card a column and a bit right of where it was
    /// grabbed; returns whether that moved it (so the frames timed before
    /// were really a card drag).
    pub fn drop_card(&mut self) -> bool {
        let before = self.app.document.history().undo_depth();
        // A quarter of the way along the path.
        let far = self.path[self.path.len() / 4];
        self.frame(vec![Event::PointerMoved(far), button(far, false)]);
        self.settle();
        self.app.document.history().undo_depth() > before
    }

    /// Two edits that move the selected card to the next stage and back
    /// (same lane, first in the cell).
    pub fn moves_of_the_selected_card(&self) -> Option<[Edit; 2]> {
        let map = &self.app.document.map;
        let card = self.app.selection.cards.first()?;
        let (stage, found) = map.card(card)?;
        let here = map.stage_index(&stage.id)?;
        let there = if here + 1 < map.stages.len() {
            here + 1
        } else {
            here.checked_sub(1)?
        };
        let to = |stage: usize| Edit::MoveCard {
            card: card.clone(),
            stage: map.stages[stage].id.clone(),
            lane: found.lane.clone(),
            index: 0,
        };
        Some([to(there), to(here)])
    }
}

fn button(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}
