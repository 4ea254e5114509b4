//! The insights slides an export adds after the map with
//! [`ExportOptions::insights`]: the journey's health table, its biggest
//! perception gaps, the top pain points and the top opportunities
//! ([`crate::model::insights`], as `journeymap stats` and the editor's
//! panel show them), and the opportunity matrix when opportunities are
//! rated. Painted as epaint shapes at the slide's pixel size, like the map
//! slides, so PNG, PDF and SVG all show them, the text real text.
//!
//! Text keeps the map slides' least sizes (table and list text at least
//! [`CARD_TEXT_PX`], secondary text at least [`SECONDARY_TEXT_PX`] on a
//! 1080-pixel slide): a table too long for one slide gets smaller rows
//! down to those sizes, then goes on over more slides.

mod lists;
mod matrix;
mod table;

pub use table::kpi_text;

use std::sync::Arc;

use egui::epaint::FontsView;
use egui::epaint::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Shape, Vec2, vec2};

use super::slides::{CARD_TEXT_PX, SECONDARY_TEXT_PX};
use super::{ExportOptions, Size};
use crate::model::JourneyMap;
use crate::model::insights::Insights;
use crate::render::Theme;

/// The largest table and list text tried, on a 1080-pixel slide.
const LARGEST_TEXT_PX: f32 = 24.0;
/// How much smaller each try at fitting is, in pixels at 1080p.
const TEXT_STEP_PX: f32 = 1.0;
/// The slide's margin left and right, and at the bottom, at 1080p.
const MARGIN_PX: f32 = 64.0;
/// Above the slide's title, at 1080p.
const TOP_PX: f32 = 48.0;
/// The line over the title ("Insights"), at 1080p.
const EYEBROW_PX: f32 = 22.0;
/// The title: the map's, at 1080p.
const TITLE_PX: f32 = 40.0;
/// How many gaps, pain points and opportunities are listed.
pub const LISTED: usize = 5;

/// What an insights slide shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsightsKind {
    /// The health table and the lists (or, on a long map, one part of them).
    Figures,
    /// The opportunity matrix and its numbered legend.
    Matrix,
}

/// One insights slide, painted: shapes in slide pixels.
pub struct InsightsSlide {
    /// What it shows.
    pub kind: InsightsKind,
    /// Its size in pixels: the map slides' (a 960×540-point slide at the
    /// scale of a whole-map image).
    pub size: [u32; 2],
    /// Everything to draw, in order; the page colour is behind it.
    pub shapes: Vec<Shape>,
}

/// The insights slides of `map` for an export with `options`: none unless
/// [`ExportOptions::insights`] asks for them; then the figures (over more
/// than one slide when the table is long), and the matrix when any
/// opportunity is rated for impact and effort.
pub fn insights_slides(
    fonts: &mut FontsView<'_>,
    map: &JourneyMap,
    options: &ExportOptions,
) -> Vec<InsightsSlide> {
    if !options.insights {
        return Vec::new();
    }
    let frame = Frame::of(options);
    let theme = Theme::for_dark(options.dark);
    let insights = Insights::of(map);
    let mut ink = Ink {
        fonts,
        theme: &theme,
        unit: frame.unit,
    };
    let bodies = figures(&mut ink, &frame, map, &insights);
    let count = bodies.len();
    let mut slides: Vec<InsightsSlide> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let eyebrow = if count > 1 {
                format!("Insights ({}/{count})", i + 1)
            } else {
                "Insights".to_owned()
            };
            frame.slide(&mut ink, InsightsKind::Figures, &eyebrow, &map.title, body)
        })
        .collect();
    if let Some(body) = matrix::body(&mut ink, &frame, map) {
        slides.push(frame.slide(
            &mut ink,
            InsightsKind::Matrix,
            "Opportunity matrix",
            &map.title,
            body,
        ));
    }
    slides
}

/// The bodies of the figures slides: the table and the lists on one slide
/// at the largest text that fits; else the table alone (over as many
/// slides as it needs at the least size), then the lists.
fn figures(
    ink: &mut Ink<'_, '_>,
    frame: &Frame,
    map: &JourneyMap,
    insights: &Insights<'_>,
) -> Vec<Vec<Shape>> {
    let room = frame.room();
    let gap = 40.0 * frame.unit;
    let sizes = text_sizes(frame.unit);
    // A row is at least its text and its padding high: sizes at which the
    // stages cannot fit one slide need not be laid out to know it.
    #[expect(clippy::cast_precision_loss, reason = "a count of stages")]
    let rows = (map.stages.len() + 1) as f32;
    let may_fit = |size: f32| rows * size * 1.7 <= room.y;
    for &size in sizes.iter().filter(|&&size| may_fit(size)) {
        let table = table::Table::lay_out(ink, map, insights, size, room.x);
        let lists = lists::lay_out(ink, insights, size, room.x);
        let table_height = table.as_ref().map_or(0.0, table::Table::height);
        let lists_height = lists.as_ref().map_or(0.0, |block| block.size.y);
        let between = if table.is_some() && lists.is_some() {
            gap
        } else {
            0.0
        };
        if table_height + between + lists_height <= room.y {
            let mut shapes = table.map(table::Table::into_shapes).unwrap_or_default();
            if let Some(lists) = lists {
                shapes.extend(translated(lists.shapes, vec2(0.0, table_height + between)));
            }
            if shapes.is_empty() {
                shapes = nothing_yet(ink, room.x);
            }
            return vec![shapes];
        }
    }
    let mut bodies = Vec::new();
    let table = (sizes.iter())
        .filter(|&&size| may_fit(size))
        .find_map(|&size| {
            table::Table::lay_out(ink, map, insights, size, room.x)
                .filter(|table| table.height() <= room.y)
        })
        .map(|table| vec![table.into_shapes()]);
    bodies.extend(table.unwrap_or_else(|| {
        table::Table::lay_out(ink, map, insights, least_text(frame.unit), room.x)
            .map(|table| table.into_pages(room.y))
            .unwrap_or_default()
    }));
    let lists = sizes.iter().find_map(|&size| {
        lists::lay_out(ink, insights, size, room.x).filter(|block| block.size.y <= room.y)
    });
    bodies.extend(lists.map(|block| block.shapes));
    bodies
}

/// A line saying there is nothing to show, for a map without figures.
fn nothing_yet(ink: &mut Ink<'_, '_>, width: f32) -> Vec<Shape> {
    let words = "No figures yet: this map has no stages, pain points, emotion points, \
                 KPIs or opportunities to sum up.";
    let galley = ink.text(words, ink.px(CARD_TEXT_PX), width, 3);
    vec![Shape::galley(Pos2::ZERO, galley, ink.theme.muted)]
}

/// The table and list text sizes tried, largest first, down to the least.
fn text_sizes(unit: f32) -> Vec<f32> {
    let mut sizes = Vec::new();
    let mut px = LARGEST_TEXT_PX;
    while px >= CARD_TEXT_PX {
        sizes.push(px * unit);
        px -= TEXT_STEP_PX;
    }
    sizes
}

/// The least table and list text size.
fn least_text(unit: f32) -> f32 {
    CARD_TEXT_PX * unit
}

/// The secondary text that goes with `size`: three quarters of it, never
/// below the least secondary size.
fn secondary(size: f32, unit: f32) -> f32 {
    (size * 0.75).max(SECONDARY_TEXT_PX * unit)
}

/// An insights slide's frame: its size, margins and where its body starts.
struct Frame {
    size: Vec2,
    /// How many times 1080 pixels high the slide is.
    unit: f32,
}

impl Frame {
    /// The slide size of `options`: the preset's, or for a whole-map
    /// image a 960×540-point slide at its scale.
    fn of(options: &ExportOptions) -> Self {
        let size = match options.size {
            #[expect(clippy::cast_precision_loss, reason = "slide sizes are small")]
            Size::Slide { width, height } => vec2(width as f32, height as f32),
            Size::Full { scale } => vec2(960.0, 540.0) * scale,
        };
        Self {
            size: size.round(),
            unit: size.y / 1080.0,
        }
    }

    fn margin(&self) -> f32 {
        MARGIN_PX * self.unit
    }

    /// Where the body starts: under the eyebrow and the title.
    fn body_top(&self) -> f32 {
        (TOP_PX + EYEBROW_PX * 1.3 + TITLE_PX * 1.3 + 32.0) * self.unit
    }

    /// The body's room: the slide without its margins and title.
    fn room(&self) -> Vec2 {
        vec2(
            self.size.x - 2.0 * self.margin(),
            self.size.y - self.body_top() - self.margin(),
        )
    }

    /// A slide of `body` (shapes from the body's origin) under an eyebrow
    /// and the map's title.
    fn slide(
        &self,
        ink: &mut Ink<'_, '_>,
        kind: InsightsKind,
        eyebrow: &str,
        title: &str,
        body: Vec<Shape>,
    ) -> InsightsSlide {
        let width = self.room().x;
        let left = self.margin();
        let top = TOP_PX * self.unit;
        let eyebrow = ink.text(eyebrow, ink.px(EYEBROW_PX), width, 1);
        let title = ink.text(title, ink.px(TITLE_PX), width, 1);
        let title_top = top + eyebrow.size().y + 4.0 * self.unit;
        let rule_y = title_top + title.size().y + 12.0 * self.unit;
        let mut shapes = vec![
            Shape::galley(Pos2::new(left, top), eyebrow, ink.theme.muted),
            Shape::galley(Pos2::new(left, title_top), title, ink.theme.text),
            Shape::hline(
                left..=left + width,
                rule_y,
                egui::Stroke::new(2.0 * self.unit, ink.theme.grid),
            ),
        ];
        shapes.extend(translated(body, vec2(left, self.body_top())));
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a slide's size, rounded, positive and small"
        )]
        let size = [self.size.x as u32, self.size.y as u32];
        InsightsSlide { kind, size, shapes }
    }
}

/// What the slides are painted with: the fonts, the theme, and the size
/// of a 1080p pixel.
struct Ink<'f, 'v> {
    fonts: &'f mut FontsView<'v>,
    theme: &'f Theme,
    unit: f32,
}

impl Ink<'_, '_> {
    /// `px` pixels of a 1080p slide on this one.
    fn px(&self, px: f32) -> f32 {
        px * self.unit
    }

    /// Text in the placeholder colour (painted in the one its shape
    /// gives), wrapped at `wrap` to at most `rows` rows, elided after.
    fn text(&mut self, text: &str, size: f32, wrap: f32, rows: usize) -> Arc<Galley> {
        let mut job = LayoutJob::single_section(
            text.to_owned(),
            TextFormat::simple(FontId::proportional(size), Color32::PLACEHOLDER),
        );
        job.wrap = TextWrapping {
            max_width: wrap,
            max_rows: rows,
            ..TextWrapping::default()
        };
        self.fonts.layout_job(job)
    }

    /// A laid-out job, as is.
    fn job(&mut self, job: LayoutJob) -> Arc<Galley> {
        self.fonts.layout_job(job)
    }
}

/// Shapes drawn from an origin, and the size they take.
struct Block {
    size: Vec2,
    shapes: Vec<Shape>,
}

fn translated(shapes: Vec<Shape>, offset: Vec2) -> impl Iterator<Item = Shape> {
    shapes.into_iter().map(move |mut shape| {
        shape.translate(offset);
        shape
    })
}

/// A number as a slide writes it, with a real minus sign: `−1.5`.
fn minus(text: &str) -> String {
    text.replace('-', "\u{2212}")
}

/// A mean emotion to one decimal, signed: `+0.5`, `−1.5`, `0.0`.
pub fn mean_text(mean: f64) -> String {
    let tenths = (mean * 10.0).round() / 10.0;
    if tenths > 0.0 {
        format!("+{tenths:.1}")
    } else if tenths < 0.0 {
        minus(&format!("{tenths:.1}"))
    } else {
        "0.0".to_owned()
    }
}

/// A signed whole number: `+4`, `−2`, `0`.
pub fn signed_text(value: i8) -> String {
    if value == 0 {
        "0".to_owned()
    } else {
        minus(&format!("{value:+}"))
    }
}
