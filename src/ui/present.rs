//! View ▸ Present (F5): the map full screen as slides, drawn by the export's
//! slide layout and painter at the window's size, one slide at a time.
//! A widget: it returns when the presenter leaves; the app shell switches
//! full screen on and off.

use egui::{Key, Rect, Sense, Vec2, vec2};

use crate::edit::StateId;
use crate::export::{self, Drawing, ExportOptions, Size, Split};
use crate::model::JourneyMap;
use crate::render::{Theme, paint};

/// A presentation under way: which slide is shown, and the slides drawn
/// for the window's size.
#[derive(Default)]
pub struct Presentation {
    slide: usize,
    drawn: Option<Slides>,
}

/// The slides of one state of the map at one window size.
struct Slides {
    state: StateId,
    size: Vec2,
    dark: bool,
    drawings: Vec<Drawing>,
}

/// What the presenter did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentAction {
    /// Esc: back to the editor.
    Leave,
}

impl Presentation {
    /// The slide shown, from 0.
    pub fn slide(&self) -> usize {
        self.slide
    }

    /// How many slides the map makes at the window's size (0 before the
    /// first frame).
    pub fn slide_count(&self) -> usize {
        self.drawn
            .as_ref()
            .map_or(0, |slides| slides.drawings.len())
    }

    /// Shows the slide filling `ui` and reads the keys: →, Space or
    /// Page Down forward; ←, Page Up or Backspace back; a click forward;
    /// Esc leaves.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        state: StateId,
        theme: &Theme,
    ) -> Option<PresentAction> {
        let rect = ui.max_rect();
        let response = ui.allocate_rect(rect, Sense::click());
        self.draw_slides(ui.ctx(), map, state, rect.size(), theme.dark);
        let count = self.slide_count();
        let (forward, back, leave) = ui.input(|i| {
            let any = |keys: &[Key]| keys.iter().any(|&key| i.key_pressed(key));
            (
                any(&[Key::ArrowRight, Key::Space, Key::PageDown]),
                any(&[Key::ArrowLeft, Key::PageUp, Key::Backspace]),
                i.key_pressed(Key::Escape),
            )
        });
        if forward || response.clicked() {
            self.slide = (self.slide + 1).min(count.saturating_sub(1));
        }
        if back {
            self.slide = self.slide.saturating_sub(1);
        }
        self.slide = self.slide.min(count.saturating_sub(1));

        let painter = ui.painter_at(rect);
        // The page colour of an exported slide.
        let page = if theme.dark {
            theme.background
        } else {
            egui::Color32::WHITE
        };
        painter.rect_filled(rect, 0.0, page);
        if let Some(drawing) = self.drawn.as_ref().and_then(|s| s.drawings.get(self.slide)) {
            let offset = rect.min.to_vec2();
            painter
                .extend((drawing.shapes.iter().cloned()).map(|shape| paint::moved(shape, offset)));
        }
        let counter = format!("Slide {} of {count}", self.slide + 1);
        let corner = Rect::from_min_size(rect.max - vec2(150.0, 28.0), vec2(140.0, 22.0));
        ui.put(
            corner,
            egui::Label::new(egui::RichText::new(counter).weak().small()),
        );
        leave.then_some(PresentAction::Leave)
    }

    /// Lays the slides out and paints them again when the map, the
    /// window's size or the theme changed.
    fn draw_slides(
        &mut self,
        ctx: &egui::Context,
        map: &JourneyMap,
        state: StateId,
        size: Vec2,
        dark: bool,
    ) {
        let fresh = self
            .drawn
            .as_ref()
            .is_some_and(|s| s.state == state && s.size == size && s.dark == dark);
        if fresh {
            return;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a window's size in points, positive and small"
        )]
        let options = ExportOptions {
            size: Size::Slide {
                width: size.x.max(1.0) as u32,
                height: size.y.max(1.0) as u32,
            },
            dark,
            transparent: false,
            legend: true,
            split: Split::Automatic,
            state: crate::model::StateView::Both,
            insights: false,
        };
        let pages = export::pages(map, &options);
        let drawings = ctx.fonts_mut(|fonts| {
            pages
                .iter()
                .filter_map(|page| page.draw(fonts, &options).ok())
                .collect()
        });
        self.drawn = Some(Slides {
            state,
            size,
            dark,
            drawings,
        });
    }
}
