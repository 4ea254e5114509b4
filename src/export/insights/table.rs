//! The health table of the insights slide: a row per stage (pain points,
//! severity score, mean emotion, perception gap, KPIs with their targets)
//! and the whole map's totals. A column the map has no data for is left
//! out; a table too long for one slide goes on over more, each with the
//! column names.

use std::sync::Arc;

use egui::epaint::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Rect, Shape, Stroke, pos2, vec2};

use super::{Ink, mean_text, minus, secondary, signed_text, translated};
use crate::model::insights::{Insights, StageHealth};
use crate::model::{JourneyMap, Kpi, LaneKind};

/// The most KPIs a stage's cell lists; more are counted.
const KPIS_LISTED: usize = 4;

/// The figures a table can show besides the stage's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    PainPoints,
    Severity,
    Emotion,
    Gap,
    Kpis,
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Self::PainPoints => "Pain points",
            Self::Severity => "Severity score",
            Self::Emotion => "Mean emotion",
            Self::Gap => "Perception gap",
            Self::Kpis => "KPIs",
        }
    }
}

/// One row, painted from its own top-left corner.
#[derive(Clone)]
struct Row {
    height: f32,
    shapes: Vec<Shape>,
}

/// The table laid out at one text size.
pub(super) struct Table {
    header: Row,
    rows: Vec<Row>,
    total: Row,
    width: f32,
    stripe: Color32,
    rule: Stroke,
    total_rule: Stroke,
}

/// A cell before it is placed: its text and whether it is a number
/// (right-aligned).
struct Cell {
    galley: Arc<Galley>,
    colour: Color32,
    number: bool,
}

impl Table {
    /// The table of `map` with text `size` pixels high, at most `width`
    /// wide; `None` when the map has no stages or no figures to show.
    pub(super) fn lay_out(
        ink: &mut Ink<'_, '_>,
        map: &JourneyMap,
        insights: &Insights<'_>,
        size: f32,
        width: f32,
    ) -> Option<Self> {
        let columns = columns(map, insights);
        if insights.stages.is_empty() || columns.is_empty() {
            return None;
        }
        let small = secondary(size, ink.unit);
        let gap = 1.4 * size;
        // The figures first: their columns are as wide as their widest text.
        let figures: Vec<Vec<Option<Cell>>> = (insights.stages.iter())
            .map(|health| {
                (columns.iter().filter(|c| **c != Column::Kpis))
                    .map(|column| Some(figure(ink, *column, health, size)))
                    .collect()
            })
            .collect();
        let totals: Vec<Option<Cell>> = (columns.iter().filter(|c| **c != Column::Kpis))
            .map(|column| Some(total_figure(ink, *column, insights, size)))
            .collect();
        let titles: Vec<Arc<Galley>> = (columns.iter())
            .map(|column| ink.text(column.title(), small, f32::INFINITY, 1))
            .collect();
        let mut widths: Vec<f32> = titles.iter().map(|title| title.size().x).collect();
        for row in figures.iter().chain([&totals]) {
            for (width, cell) in widths.iter_mut().zip(row) {
                if let Some(cell) = cell {
                    *width = width.max(cell.galley.size().x);
                }
            }
        }
        let has_kpis = columns.contains(&Column::Kpis);
        let name_title = ink.text("Stage", small, f32::INFINITY, 1);
        // The totals' name too: with short stage names it is the widest.
        let whole_width = ink.text("Whole map", size, f32::INFINITY, 1).size().x;
        let widest_name = (insights.stages.iter())
            .map(|health| {
                ink.text(&health.stage.name, size, f32::INFINITY, 1)
                    .size()
                    .x
            })
            .fold(name_title.size().x.max(whole_width), f32::max);
        let Widths {
            name: name_width,
            lefts,
            table: table_width,
        } = fit_widths(&mut widths, widest_name, has_kpis, gap, size, width);
        let pad = 0.35 * size;
        let header_cells = std::iter::once((0.0, name_width, text_cell(name_title, ink, false)))
            .chain(
                (titles.into_iter().zip(&columns).enumerate()).map(|(i, (title, column))| {
                    let number = *column != Column::Kpis;
                    (lefts[i], widths[i], text_cell(title, ink, number))
                }),
            )
            .map(|(left, w, mut cell)| {
                cell.colour = ink.theme.muted;
                (left, w, cell)
            })
            .collect();
        let header = place(header_cells, pad * 0.6);
        let rows = (insights.stages.iter().zip(figures))
            .map(|(health, row)| {
                let name = ink.text(&health.stage.name, size, name_width, 2);
                let mut cells = vec![(0.0, name_width, text_cell(name, ink, false))];
                for (i, cell) in row.into_iter().enumerate() {
                    if let Some(cell) = cell {
                        cells.push((lefts[i], widths[i], cell));
                    }
                }
                if has_kpis && !health.stage.kpis.is_empty() {
                    let i = widths.len() - 1;
                    let galley = ink.job(kpis(ink, &health.stage.kpis, size, widths[i]));
                    cells.push((lefts[i], widths[i], text_cell(galley, ink, false)));
                }
                place(cells, pad)
            })
            .collect();
        let whole = ink.text("Whole map", size, name_width, 1);
        let mut total_cells = vec![(0.0, name_width, text_cell(whole, ink, false))];
        for (i, cell) in totals.into_iter().enumerate() {
            if let Some(cell) = cell {
                total_cells.push((lefts[i], widths[i], cell));
            }
        }
        let total = place(total_cells, pad);
        Some(Self {
            header,
            rows,
            total,
            width: table_width,
            stripe: ink.theme.row_stripe,
            rule: Stroke::new(ink.px(1.5), ink.theme.grid),
            total_rule: Stroke::new(ink.px(2.0), ink.theme.muted),
        })
    }

    /// The whole table's height.
    pub(super) fn height(&self) -> f32 {
        self.header.height + self.rows.iter().map(|r| r.height).sum::<f32>() + self.total.height
    }

    /// The whole table, from its top-left corner.
    pub(super) fn into_shapes(self) -> Vec<Shape> {
        let rows: Vec<&Row> = self.rows.iter().collect();
        self.stack(&rows, true)
    }

    /// The table over slides with `room` pixels of height each: as many
    /// stages as fit on each, the column names on every one and the
    /// totals on the last.
    pub(super) fn into_pages(self, room: f32) -> Vec<Vec<Shape>> {
        let fewest = self.pages(room).len();
        // The same number of slides, the stages shared out evenly: the
        // least height a slide's table needs to hold them on that many.
        let (mut low, mut high) = (0.0, room);
        for _ in 0..16 {
            let middle = f32::midpoint(low, high);
            if self.pages(middle).len() <= fewest {
                high = middle;
            } else {
                low = middle;
            }
        }
        let pages = self.pages(high);
        let last = pages.len() - 1;
        pages
            .iter()
            .enumerate()
            .map(|(i, rows)| self.stack(rows, i == last))
            .collect()
    }

    /// The rows of each slide when a slide's table may be `room` high:
    /// each slide as many as fit, the totals after the last.
    fn pages(&self, room: f32) -> Vec<Vec<&Row>> {
        let mut pages: Vec<Vec<&Row>> = vec![Vec::new()];
        let mut used = self.header.height;
        for row in &self.rows {
            let current = pages.last().map_or(0, Vec::len);
            if used + row.height > room && current > 0 {
                pages.push(Vec::new());
                used = self.header.height;
            }
            used += row.height;
            if let Some(page) = pages.last_mut() {
                page.push(row);
            }
        }
        if used + self.total.height > room {
            pages.push(Vec::new());
        }
        pages
    }

    /// The column names, `rows` striped, and the totals if `with_total`.
    fn stack(&self, rows: &[&Row], with_total: bool) -> Vec<Shape> {
        let mut shapes = self.header.shapes.clone();
        let mut y = self.header.height;
        shapes.push(Shape::hline(0.0..=self.width, y, self.rule));
        for (i, row) in rows.iter().enumerate() {
            if i % 2 == 1 {
                let band = Rect::from_min_size(pos2(0.0, y), vec2(self.width, row.height));
                shapes.push(Shape::rect_filled(band, 0.0, self.stripe));
            }
            shapes.extend(translated(row.shapes.clone(), vec2(0.0, y)));
            y += row.height;
        }
        if with_total {
            shapes.push(Shape::hline(0.0..=self.width, y, self.total_rule));
            shapes.extend(translated(self.total.shapes.clone(), vec2(0.0, y)));
        }
        shapes
    }
}

/// A row of `cells` (each with its column's left edge and width), `pad`
/// above and below the tallest; numbers right-aligned.
fn place(cells: Vec<(f32, f32, Cell)>, pad: f32) -> Row {
    let height = cells
        .iter()
        .map(|(_, _, cell)| cell.galley.size().y)
        .fold(0.0, f32::max)
        + 2.0 * pad;
    let shapes = cells
        .into_iter()
        .map(|(left, column_width, cell)| {
            let x = if cell.number {
                left + column_width - cell.galley.size().x
            } else {
                left
            };
            Shape::galley(pos2(x, pad), cell.galley, cell.colour)
        })
        .collect();
    Row { height, shapes }
}

/// Where the columns go.
struct Widths {
    /// The stage names' column.
    name: f32,
    /// Where each figure's column starts.
    lefts: Vec<f32>,
    /// The whole table.
    table: f32,
}

/// Fits the columns into `width`: the figures' columns as wide as their
/// widest text (`widths`), the names' as its widest name but at most 30 %
/// of the table when KPIs follow, and the KPIs' what is left.
fn fit_widths(
    widths: &mut [f32],
    widest_name: f32,
    has_kpis: bool,
    gap: f32,
    size: f32,
    width: f32,
) -> Widths {
    let figures = if has_kpis {
        &widths[..widths.len() - 1]
    } else {
        &widths[..]
    };
    let figures_width: f32 = figures.iter().map(|w| w + gap).sum();
    let name = if has_kpis {
        widest_name.min(0.3 * width)
    } else {
        widest_name.min(width - figures_width)
    };
    if has_kpis && let Some(last) = widths.last_mut() {
        *last = (width - name - gap - figures_width).max(size * 8.0);
    }
    let mut lefts = vec![name + gap];
    for w in widths.iter() {
        let next = lefts.last().copied().unwrap_or_default() + w + gap;
        lefts.push(next);
    }
    let table = (lefts.last().copied().unwrap_or(width) - gap).min(width);
    Widths { name, lefts, table }
}

/// The columns the map has data for, in order.
fn columns(map: &JourneyMap, insights: &Insights<'_>) -> Vec<Column> {
    let has_lane = |kind| map.lanes.iter().any(|lane| lane.kind == kind);
    let mut columns = Vec::new();
    if has_lane(LaneKind::PainPoints) || insights.pain_points > 0 {
        columns.extend([Column::PainPoints, Column::Severity]);
    }
    if insights.mean_emotion.is_some() {
        columns.push(Column::Emotion);
    }
    if !insights.gaps.is_empty() {
        columns.push(Column::Gap);
    }
    if map.stages.iter().any(|stage| !stage.kpis.is_empty()) {
        columns.push(Column::Kpis);
    }
    columns
}

fn text_cell(galley: Arc<Galley>, ink: &Ink<'_, '_>, number: bool) -> Cell {
    Cell {
        galley,
        colour: ink.theme.text,
        number,
    }
}

/// A number, or a muted dash for none.
fn number_cell(ink: &mut Ink<'_, '_>, text: Option<String>, size: f32) -> Cell {
    let colour = if text.is_some() {
        ink.theme.text
    } else {
        ink.theme.muted
    };
    let text = text.unwrap_or_else(|| "–".to_owned());
    Cell {
        galley: ink.text(&text, size, f32::INFINITY, 1),
        colour,
        number: true,
    }
}

fn figure(ink: &mut Ink<'_, '_>, column: Column, health: &StageHealth<'_>, size: f32) -> Cell {
    let text = match column {
        Column::PainPoints => Some(health.pain_points.to_string()),
        Column::Severity => Some(health.severity_score.to_string()),
        Column::Emotion => health.mean_emotion.map(mean_text),
        Column::Gap => health.biggest_gap.map(|gap| signed_text(gap.size())),
        Column::Kpis => None,
    };
    number_cell(ink, text, size)
}

fn total_figure(ink: &mut Ink<'_, '_>, column: Column, insights: &Insights<'_>, size: f32) -> Cell {
    let text = match column {
        Column::PainPoints => Some(insights.pain_points.to_string()),
        Column::Severity => Some(insights.severity_score.to_string()),
        Column::Emotion => insights.mean_emotion.map(mean_text),
        Column::Gap => insights.biggest_gap().map(|gap| signed_text(gap.size())),
        Column::Kpis => None,
    };
    number_cell(ink, text, size)
}

/// A KPI as the slide writes it: `NPS +12 (target +30)`.
pub fn kpi_text(kpi: &Kpi) -> String {
    let show = |value| minus(&kpi.measure.show(value));
    let value = format!("{} {}", kpi.measure.name(), show(kpi.value));
    match kpi.target {
        Some(target) => format!("{value} (target {})", show(target)),
        None => value,
    }
}

/// A stage's KPIs, one a line, each marked ✓ in the theme's colour for a
/// met target or ✗ in red for a missed one.
fn kpis(ink: &Ink<'_, '_>, kpis: &[Kpi], size: f32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let format = |color: Color32| TextFormat::simple(FontId::proportional(size), color);
    let missed = ink.theme.severity(crate::model::Severity::High);
    for (i, kpi) in kpis.iter().take(KPIS_LISTED).enumerate() {
        let line_break = if i > 0 { "\n" } else { "" };
        job.append(
            &format!("{line_break}{}", kpi_text(kpi)),
            0.0,
            format(ink.theme.text),
        );
        match kpi.meets_target() {
            Some(true) => job.append(" ✓", 0.0, format(ink.theme.met)),
            Some(false) => job.append(" ✗", 0.0, format(missed)),
            None => {}
        }
    }
    if kpis.len() > KPIS_LISTED {
        let more = format!("\n+{} more", kpis.len() - KPIS_LISTED);
        job.append(&more, 0.0, format(ink.theme.muted));
    }
    job.wrap = TextWrapping {
        max_width: width,
        ..TextWrapping::default()
    };
    job
}
