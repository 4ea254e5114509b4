//! Where everything of a map sits, in map coordinates at a given scale.
//!
//! The layout is computed from the map and the fonts only; the canvas and
//! the image export both paint from it, and hit-testing uses it, so what is
//! clicked is what is seen. Text is laid out at the final scale (not scaled
//! afterwards), so it stays crisp at every zoom and export size.

mod cells;
mod curve_ends;
mod emotion_labels;
mod faces;
mod grid;
mod health;
mod persona;
mod placing;
mod texts;

use std::sync::Arc;

use egui::epaint::FontsView;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rangef, Rect, pos2, vec2};

use crate::model::{
    BlueprintLine, CardId, Channel, Colour, JourneyMap, JourneyState, LaneId, LaneKind, MAX_SCORE,
    MIN_SCORE, PointId, Severity, Stage, StageId,
};

pub use curve_ends::{CurveEnd, CurveEnds};
pub use health::{HealthStrip, Tone, first_line as health_first_line};
pub use texts::TextCache;
use texts::Texts;

/// Sizes at scale 1, in points.
pub(super) mod size {
    pub const MARGIN: f32 = 24.0;
    pub const LABEL_WIDTH: f32 = 168.0;
    pub const COLUMN_WIDTH: f32 = 236.0;
    pub const CELL_PAD: f32 = 10.0;
    pub const CARD_PAD: f32 = 8.0;
    pub const CARD_GAP: f32 = 8.0;
    pub const CARD_MIN_HEIGHT: f32 = 34.0;
    pub const ICON_WIDTH: f32 = 24.0;
    pub const STRIPE: f32 = 5.0;
    pub const STAR_WIDTH: f32 = 16.0;
    pub const MIN_ROW: f32 = 64.0;
    pub const EMOTION_ROW: f32 = 188.0;
    pub const FACE_RADIUS: f32 = 12.0;
    /// The least radius of an emotion face: a stage's column must be wide
    /// enough for its points' faces this large.
    pub const MIN_FACE_RADIUS: f32 = 8.0;
    /// Between two neighbouring faces, at least.
    pub const FACE_GAP: f32 = 3.0;
    /// Between an emotion face and its label.
    pub const FACE_LABEL_GAP: f32 = 3.0;
    pub const BAND: f32 = 8.0;
    pub const PERSONA_MIN_WIDTH: f32 = 960.0;
    pub const TEXT: f32 = 13.5;
    pub const SMALL: f32 = 11.5;
    pub const CAPTION: f32 = 10.5;
    pub const STAGE_NAME: f32 = 17.0;
    pub const LANE_NAME: f32 = 14.5;
    pub const TITLE: f32 = 24.0;
    pub const PERSONA_NAME: f32 = 17.0;
    pub const ICON: f32 = 16.0;
    /// Above and below a blueprint line's label, in the band between two
    /// lanes that the line runs through.
    pub const LINE_PAD: f32 = 6.0;
}

/// The parts of a layout that a slide adapts to its frame, rather than
/// scaling the editor's layout: how wide a stage's column is, how much
/// taller each lane's row is than its content, and whether the persona is
/// shown. The editor uses [`Proportions::EDITOR`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proportions {
    /// The width of every stage's column, at scale 1.
    pub column_width: f32,
    /// The least width of the persona strip, at scale 1.
    pub persona_min_width: f32,
    /// Around the map, at scale 1.
    pub margin: f32,
    /// What every lane's row gets on top of its content, at scale 1, so
    /// that the map fills a slide's height.
    pub row_extra: f32,
    /// The least height of a lane's row, at scale 1: the editor keeps
    /// room to drop a card into an empty lane; a slide does not.
    pub min_row: f32,
    /// The least height of an emotion lane's row, at scale 1.
    pub emotion_row: f32,
    /// What an emotion lane's row gets on top of `row_extra`, at scale 1:
    /// a slide gives the curve the larger share of its spare height, so
    /// that its scores stand apart on a projector.
    pub emotion_extra: f32,
    /// Whether the strip at the top shows the persona and scenario, or
    /// only the title (the later slides of a split set).
    pub persona: bool,
    /// How much larger than the scale text is set: 1 in the editor; more
    /// on a slide, whose text must be large against its padding.
    pub text: f32,
    /// The width a card needs, at scale 1: a column as wide as two or
    /// more holds a cell's cards side by side, in rows, as many as fit at
    /// this width (each then gets an even share of the column), rather
    /// than one long line of text above another. The editor's cards are as
    /// wide as their column.
    pub card_width: f32,
}

impl Proportions {
    /// The editor's: fixed columns, rows as tall as their content.
    pub const EDITOR: Self = Self {
        column_width: size::COLUMN_WIDTH,
        persona_min_width: size::PERSONA_MIN_WIDTH,
        margin: size::MARGIN,
        row_extra: 0.0,
        min_row: size::MIN_ROW,
        emotion_row: size::EMOTION_ROW,
        emotion_extra: 0.0,
        persona: true,
        text: 1.0,
        card_width: f32::INFINITY,
    };

    /// The width of `stages` columns with the lane labels and the margins,
    /// at scale 1: nothing across the map depends on its text.
    pub fn width(&self, stages: usize) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
        let columns = stages.max(1) as f32 * self.column_width;
        let strip = (size::LABEL_WIDTH + columns).max(self.persona_min_width);
        2.0 * self.margin + strip
    }

    /// A slide's: `stages` columns as wide as make the map `width` wide,
    /// no least strip width, a narrow margin (the slide has its own), rows
    /// as tall as their content, and a shorter emotion lane (it takes the
    /// larger share of a slide's spare height: see
    /// [`Proportions::emotion_extra`]).
    pub fn slide(width: f32, stages: usize) -> Self {
        let margin = size::MARGIN * 0.5;
        #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
        let column_width = (width - 2.0 * margin - size::LABEL_WIDTH) / stages.max(1) as f32;
        Self {
            column_width,
            persona_min_width: 0.0,
            margin,
            row_extra: 0.0,
            min_row: 0.0,
            emotion_row: size::EMOTION_ROW * 0.75,
            emotion_extra: 0.0,
            persona: true,
            text: Self::SLIDE_TEXT,
            card_width: Self::SLIDE_CARD,
        }
    }

    /// These proportions with columns wide enough for the faces of the
    /// most crowded of `stages` ([`Self::has_room_for_faces`]): the
    /// editor's columns widen for a stage of many points.
    #[must_use]
    pub fn with_room_for_faces(mut self, stages: &[Stage]) -> Self {
        let least = faces::column_for_faces(faces::crowd(stages));
        self.column_width = self.column_width.max(least);
        self
    }

    /// Whether the columns are wide enough for every point of `stages` to
    /// be drawn as a face of the least radius, apart from its neighbours.
    pub fn has_room_for_faces(&self, stages: &[Stage]) -> bool {
        self.column_width >= faces::column_for_faces(faces::crowd(stages))
    }

    /// The width a card needs on a slide, at scale 1: about fifty
    /// characters of a slide's card text a line.
    pub const SLIDE_CARD: f32 = 2.0 * size::COLUMN_WIDTH;

    /// How much larger than the scale a slide's text is set.
    pub const SLIDE_TEXT: f32 = 1.35;
}

/// A drawn map: every item's place and laid-out text.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Points per map unit: 1 on screen at 100 %, the pixels-per-point of an export.
    pub scale: f32,
    /// The proportions it was laid out in.
    pub proportions: Proportions,
    /// The whole map, from (0, 0).
    pub size: egui::Vec2,
    /// The persona and scenario strip at the top.
    pub persona: PersonaLayout,
    /// The vertical range of the stage header row.
    pub header_row: Rangef,
    /// The horizontal range of the lane label column.
    pub label_column: Rangef,
    /// Stage headers and columns, left to right.
    pub stages: Vec<StageLayout>,
    /// Lane labels and rows, top to bottom.
    pub lanes: Vec<LaneLayout>,
    /// The service blueprint's lines between lanes, top to bottom.
    pub lines: Vec<LineLayout>,
    /// Every card.
    pub cards: Vec<CardLayout>,
    /// Every emotion point, stage by stage.
    pub points: Vec<PointLayout>,
    /// The radius of the emotion faces: smaller than usual where a
    /// stage's points are crowded.
    face_radius: f32,
    /// Where each emotion curve runs on beyond the stages laid out (a
    /// slide of a split set); empty for a whole map.
    pub curve_ends: Vec<CurveEnds>,
    /// The health strip under the stage headers, if the map shows one.
    pub health: Option<HealthStrip>,
    /// Where each cell's cards are in `cards`, for [`Self::recycle`].
    placed_cells: Vec<placing::PlacedCell>,
}

/// The persona strip.
#[derive(Clone, Debug)]
pub struct PersonaLayout {
    /// The strip's area.
    pub rect: Rect,
    /// Text blocks and where they go.
    pub texts: Vec<(Pos2, Arc<Galley>, TextRole)>,
}

/// How a piece of text is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// Main text colour.
    Main,
    /// Secondary text colour.
    Muted,
}

/// A stage's header and column.
#[derive(Clone, Debug)]
pub struct StageLayout {
    /// The stage.
    pub id: StageId,
    /// The header cell in the header row.
    pub header: Rect,
    /// The column's horizontal range (cells below the header).
    pub column: Rangef,
    /// The stage name.
    pub name: Arc<Galley>,
    /// Description, owner and metrics, if any.
    pub details: Option<Arc<Galley>>,
    /// The header band's colour, if the stage has one.
    pub colour: Option<Colour>,
}

/// A lane's label and row.
#[derive(Clone, Debug)]
pub struct LaneLayout {
    /// The lane.
    pub id: LaneId,
    /// What it holds.
    pub kind: LaneKind,
    /// The label cell in the label column.
    pub label: Rect,
    /// The row's vertical range.
    pub row: Rangef,
    /// The lane name.
    pub name: Arc<Galley>,
    /// The label's accent colour, if the lane has one.
    pub colour: Option<Colour>,
}

/// A service blueprint's line: a band between a lane's row and the next
/// one, with the line across its middle and its label at the left, in the
/// lane label column.
#[derive(Clone, Debug)]
pub struct LineLayout {
    /// Which line.
    pub line: BlueprintLine,
    /// Index of the lane it is drawn under in [`Layout::lanes`].
    pub lane: usize,
    /// The band's vertical range: under the lane's row, above the next.
    pub band: Rangef,
    /// The y of the line: through the middle of the label's last line.
    pub y: f32,
    /// Its name, in capitals: "LINE OF VISIBILITY".
    pub label: Arc<Galley>,
    /// Where the label's top-left goes.
    pub label_pos: Pos2,
}

impl LineLayout {
    /// The area the label is drawn in.
    pub fn label_rect(&self) -> Rect {
        Rect::from_min_size(self.label_pos, self.label.size())
    }
}

/// A card's box and text.
#[derive(Clone, Debug)]
pub struct CardLayout {
    /// The card.
    pub id: CardId,
    /// Index of its stage in [`Layout::stages`].
    pub stage: usize,
    /// Index of its lane in [`Layout::lanes`].
    pub lane: usize,
    /// Its position in its cell, from 0.
    pub index_in_cell: usize,
    /// The card's box.
    pub rect: Rect,
    /// The card text, laid out to fit the box.
    pub text: Arc<Galley>,
    /// Where the text's top-left goes.
    pub text_pos: Pos2,
    /// A second line: what an opportunity answers, or a pain point's severity.
    pub footer: Option<(Pos2, Arc<Galley>)>,
    /// A touchpoint's channel icon and its centre.
    pub icon: Option<(Pos2, Arc<Galley>, Channel)>,
    /// A pain point's severity.
    pub severity: Option<Severity>,
    /// Whether it is a moment of truth.
    pub moment_of_truth: bool,
    /// The one state of the journey it belongs to, if only one: tagged
    /// where both states are shown.
    pub state: Option<JourneyState>,
}

/// An emotion point's place.
#[derive(Clone, Debug)]
pub struct PointLayout {
    /// The point.
    pub id: PointId,
    /// Index of its stage in [`Layout::stages`].
    pub stage: usize,
    /// Index of its lane in [`Layout::lanes`].
    pub lane: usize,
    /// The face's centre.
    pub center: Pos2,
    /// Its score.
    pub score: i8,
    /// What the company believes the customer feels there, if recorded.
    pub company: Option<i8>,
    /// What the customer should feel there in the future state, if recorded
    /// and shown beside today's.
    pub future: Option<i8>,
    /// Its label, centred on the face horizontally: above the face when
    /// the score is positive, below it otherwise, so that it never lies
    /// across the zero line.
    pub label: Arc<Galley>,
    /// Where the label's top-left goes.
    pub label_pos: Pos2,
}

impl PointLayout {
    /// The area the label is drawn in.
    pub fn label_rect(&self) -> Rect {
        Rect::from_min_size(self.label_pos, self.label.size())
    }
}

/// What is under a position of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// An emotion point (index into [`Layout::points`]).
    Point(usize),
    /// A card (index into [`Layout::cards`]).
    Card(usize),
    /// A stage header (index into [`Layout::stages`]).
    StageHeader(usize),
    /// A lane label (index into [`Layout::lanes`]).
    LaneLabel(usize),
    /// An empty part of a cell.
    Cell {
        /// Index into [`Layout::stages`].
        stage: usize,
        /// Index into [`Layout::lanes`].
        lane: usize,
    },
    /// The persona strip.
    Persona,
}

/// Lays out text in the placeholder colour, so the painter picks the theme's.
pub(super) fn text(fonts: &mut FontsView<'_>, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
    text_in(fonts, text, FontId::proportional(size), wrap)
}

/// A header in the bold family ([`super::fonts::BOLD`]).
pub(super) fn bold(fonts: &mut FontsView<'_>, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
    text_in(fonts, text, FontId::new(size, super::fonts::bold()), wrap)
}

fn text_in(fonts: &mut FontsView<'_>, text: &str, font: FontId, wrap: f32) -> Arc<Galley> {
    fonts.layout(text.to_owned(), font, Color32::PLACEHOLDER, wrap)
}

pub(super) fn italic(fonts: &mut FontsView<'_>, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
    let mut job = LayoutJob::default();
    job.append(
        text,
        0.0,
        TextFormat {
            font_id: FontId::proportional(size),
            color: Color32::PLACEHOLDER,
            italics: true,
            ..TextFormat::default()
        },
    );
    job.wrap.max_width = wrap;
    fonts.layout_job(job)
}

/// The glyph drawn for a channel; all are in egui's bundled emoji font.
pub fn channel_glyph(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "🌐",
        Channel::App => "📱",
        Channel::Phone => "📞",
        Channel::Email => "📧",
        Channel::Chat => "💬",
        Channel::Store => "🏬",
        Channel::Social => "👥",
        Channel::Mail => "📮",
        Channel::InPerson => "👋",
        Channel::Other => "✱",
    }
}

/// The arrow before the pain point an opportunity answers.
pub const ANSWERS_ARROW: &str = "↪";

/// The width of the row of severity dots before a pain point's footer, at scale 1.
pub const SEVERITY_DOTS_WIDTH: f32 = 36.0;

impl Layout {
    /// The height of card text at scale 1.
    pub const CARD_TEXT: f32 = size::TEXT;
    /// The height of secondary text at scale 1: stage descriptions, owner
    /// and metrics, what an opportunity answers, goals, emotion labels.
    pub const SECONDARY_TEXT: f32 = size::SMALL;
    /// The least radius of an emotion face at scale 1: where a stage holds
    /// so many points that faces would touch, they are drawn smaller, down
    /// to this; a column must be wide enough for them this large.
    pub const MIN_FACE_RADIUS: f32 = size::MIN_FACE_RADIUS;

    /// Lays out `map` at `scale` (1 = 100 %).
    pub fn new(map: &JourneyMap, fonts: &mut FontsView<'_>, scale: f32) -> Self {
        Self::with_links_from(map, map, fonts, scale)
    }

    /// Lays out `map` at `scale`, reusing the text `cache` kept from the
    /// last layout, for `fonts` at `pixels_per_point`: after an edit, only
    /// the text that changed is laid out again.
    pub fn with_cache(
        map: &JourneyMap,
        fonts: &mut FontsView<'_>,
        scale: f32,
        cache: &mut TextCache,
        pixels_per_point: f32,
    ) -> Self {
        let mut texts = Texts::cached(fonts, cache, pixels_per_point);
        let proportions = Proportions::EDITOR.with_room_for_faces(&map.stages);
        let layout = Self::build(map, map, &mut texts, scale, proportions);
        texts.finish();
        layout
    }

    /// Lays out `part` of a map (e.g. some of its stages, for one slide of
    /// a split export), naming the pain points its opportunities answer
    /// from the `whole` map, where they may be on another slide.
    pub fn with_links_from(
        part: &JourneyMap,
        whole: &JourneyMap,
        fonts: &mut FontsView<'_>,
        scale: f32,
    ) -> Self {
        Self::build(
            part,
            whole,
            &mut Texts::new(fonts),
            scale,
            Proportions::EDITOR.with_room_for_faces(&part.stages),
        )
    }

    /// Lays out `part` of `whole` at `scale` in a slide's `proportions`.
    pub fn shaped(
        part: &JourneyMap,
        whole: &JourneyMap,
        fonts: &mut FontsView<'_>,
        scale: f32,
        proportions: Proportions,
    ) -> Self {
        Self::build(part, whole, &mut Texts::new(fonts), scale, proportions)
    }

    fn build(
        part: &JourneyMap,
        whole: &JourneyMap,
        texts: &mut Texts<'_, '_>,
        scale: f32,
        proportions: Proportions,
    ) -> Self {
        let map = part;
        texts.set_factor(proportions.text);
        let s = |points: f32| points * scale;
        let column_width = s(proportions.column_width);
        let margin = proportions.margin;
        let label_column = Rangef::new(s(margin), s(margin + size::LABEL_WIDTH));
        let columns: Vec<Rangef> = (0..map.stages.len())
            .map(|i| {
                #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
                let left = label_column.max + column_width * i as f32;
                Rangef::new(left, left + column_width)
            })
            .collect();
        let grid_right = columns
            .last()
            .map_or(label_column.max + column_width, |c| c.max);
        let strip_width = (grid_right - label_column.min).max(s(proportions.persona_min_width));
        let origin = pos2(label_column.min, s(margin));
        let persona =
            persona::persona_layout(map, texts, scale, origin, strip_width, proportions.persona);
        let header_top = persona.rect.max.y + s(margin.min(size::MARGIN * 0.75));
        let (stages, header_row) = grid::stage_headers(map, texts, scale, &columns, header_top);
        let health = health::health_strip(map, texts, scale, &columns, header_row.max);
        let rows = grid::lane_rows(
            map,
            whole,
            texts,
            scale,
            &columns,
            label_column,
            health.as_ref().map_or(header_row.max, |h| h.row.max),
            &proportions,
        );
        let size = vec2(
            label_column.min + strip_width + s(margin),
            rows.bottom.max(header_row.max) + s(margin),
        );
        Self {
            scale,
            proportions,
            size,
            persona,
            header_row,
            label_column,
            stages,
            lanes: rows.lanes,
            lines: rows.lines,
            cards: rows.cards.cards,
            points: rows.points,
            face_radius: faces::scaled_radius(&map.stages, column_width, scale),
            curve_ends: rows.curve_ends,
            health,
            placed_cells: rows.cards.cells,
        }
    }

    /// Gives this layout's cards to `cache`, for the next layout made with
    /// it to take over those of the cells that stay the same, rather than
    /// place every card afresh.
    pub fn recycle(self, cache: &mut TextCache) {
        cache.recycle(placing::Recycled {
            cards: self.cards,
            cells: self.placed_cells,
        });
    }

    /// The width of `map` laid out at scale 1. Nothing across the map
    /// depends on its text (its columns widen only for a stage of many
    /// emotion points), so at scale `s` it is `s` times this: an export
    /// finds its scale from it without laying the map out first.
    pub fn natural_width(map: &JourneyMap) -> f32 {
        (Proportions::EDITOR.with_room_for_faces(&map.stages)).width(map.stages.len())
    }

    /// The cards of the cells whose cards reach into `area`, in order, with
    /// their index in [`Self::cards`]. Every card that intersects `area` is
    /// among them, found without looking at every card of the map.
    pub fn cards_near(&self, area: Rect) -> impl Iterator<Item = (usize, &CardLayout)> {
        placing::ranges_near(&self.cards, &self.placed_cells, area)
            .into_iter()
            .flatten()
            .filter_map(|i| Some((i, self.cards.get(i)?)))
    }

    /// The area of all cells: right of the labels, below the headers.
    pub fn grid(&self) -> Rect {
        let right = self
            .stages
            .last()
            .map_or(self.label_column.max, |s| s.column.max);
        let top = self
            .health
            .as_ref()
            .map_or(self.header_row.max, |h| h.row.max);
        let bottom = (self.lanes.last().map(|l| l.row.max))
            .into_iter()
            .chain(self.lines.last().map(|l| l.band.max))
            .fold(top, f32::max);
        Rect::from_min_max(pos2(self.label_column.max, top), pos2(right, bottom))
    }

    /// The cell of a stage and a lane.
    pub fn cell(&self, stage: usize, lane: usize) -> Option<Rect> {
        Some(Rect::from_x_y_ranges(
            self.stages.get(stage)?.column,
            self.lanes.get(lane)?.row,
        ))
    }

    /// Pixels per point of text size: the scale, times the text factor of
    /// the proportions.
    pub fn text_scale(&self) -> f32 {
        self.scale * self.proportions.text
    }

    /// The radius of an emotion face.
    pub fn face_radius(&self) -> f32 {
        self.face_radius
    }

    /// The y of `score` in the emotion lane `lane`.
    pub fn score_y(&self, lane: usize, score: i8) -> Option<f32> {
        let row = self.lanes.get(lane)?.row;
        Some(score_y(row, self.scale, self.text_scale(), score))
    }

    /// The score nearest to `y` in the emotion lane `lane`, within −3..=+3.
    pub fn score_at(&self, lane: usize, y: f32) -> Option<i8> {
        let row = self.lanes.get(lane)?.row;
        let (top, bottom) = (
            score_y(row, self.scale, self.text_scale(), MAX_SCORE),
            score_y(row, self.scale, self.text_scale(), MIN_SCORE),
        );
        let fraction = ((y - top) / (bottom - top)).clamp(0.0, 1.0);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "rounded and clamped to -3..=3"
        )]
        let score =
            (f32::from(MAX_SCORE) - fraction * f32::from(MAX_SCORE - MIN_SCORE)).round() as i8;
        Some(score.clamp(MIN_SCORE, MAX_SCORE))
    }

    /// What is at `pos` (map coordinates): points first, then cards, headers,
    /// labels, empty cells and the persona strip.
    pub fn hit(&self, pos: Pos2) -> Option<Hit> {
        let reach = self.face_radius() + 3.0 * self.scale;
        if let Some(i) = self
            .points
            .iter()
            .position(|p| p.center.distance(pos) <= reach)
        {
            return Some(Hit::Point(i));
        }
        let area = Rect::from_min_max(pos, pos);
        if let Some((i, _)) = self.cards_near(area).find(|(_, c)| c.rect.contains(pos)) {
            return Some(Hit::Card(i));
        }
        if let Some(i) = self.stages.iter().position(|s| s.header.contains(pos)) {
            return Some(Hit::StageHeader(i));
        }
        if let Some(i) = self.lanes.iter().position(|l| l.label.contains(pos)) {
            return Some(Hit::LaneLabel(i));
        }
        let stage = self.stages.iter().position(|s| s.column.contains(pos.x));
        let lane = self.lanes.iter().position(|l| l.row.contains(pos.y));
        if let (Some(stage), Some(lane)) = (stage, lane) {
            return Some(Hit::Cell { stage, lane });
        }
        self.persona.rect.contains(pos).then_some(Hit::Persona)
    }
}

/// The y of a score within an emotion row: +3 near the top, −3 near the
/// bottom, leaving room for the face and its label (text at `text_scale`),
/// which goes above a face at +3 and below one at −3.
pub(super) fn score_y(row: Rangef, scale: f32, text_scale: f32, score: i8) -> f32 {
    let room = (size::FACE_RADIUS + 10.0) * scale + size::SMALL * 1.4 * text_scale;
    let (top, bottom) = (row.min + room, row.max - room);
    let fraction =
        f32::from(MAX_SCORE - score.clamp(MIN_SCORE, MAX_SCORE)) / f32::from(MAX_SCORE - MIN_SCORE);
    top + (bottom - top) * fraction
}
