//! The health strip: a row under the stage headers with each stage's
//! figures from [`crate::model::insights`] (pain points and their weighted
//! severity, mean emotion, the biggest perception gap, moments of truth)
//! and its KPIs, each coloured by whether it meets its target.
//!
//! A map gets the strip once it records what a team decides with (a KPI
//! or the company's belief at an emotion point): maps without such data
//! keep the look they had.

use std::sync::Arc;

use egui::{Galley, Rangef, Rect, pos2};

use super::{Texts, size};
use crate::model::insights::{StageHealth, stage_health, two_decimals};
use crate::model::{JourneyMap, Kpi};

/// The strip: its row and a cell per stage.
#[derive(Clone, Debug)]
pub struct HealthStrip {
    /// Its vertical range, between the header row and the first lane.
    pub row: Rangef,
    /// A cell per stage, left to right.
    pub cells: Vec<HealthCell>,
    /// "Health", in the lane label column.
    pub label: Arc<Galley>,
}

/// One stage's figures.
#[derive(Clone, Debug)]
pub struct HealthCell {
    /// The cell, in the stage's column.
    pub rect: Rect,
    /// The stage's severity score as a share (0..=1) of the largest of
    /// any stage in the strip: the length of the bar across the cell.
    pub severity_share: f32,
    /// The lines of figures, top to bottom, each with how it is coloured.
    pub lines: Vec<(Arc<Galley>, Tone)>,
}

/// How a line of the strip is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The figures: muted text.
    Figures,
    /// A KPI that meets its target.
    Met,
    /// A KPI that misses its target.
    Missed,
    /// A KPI without a target.
    Plain,
}

/// Whether `map` records what a team decides with, so that it shows the strip.
pub fn shows_strip(map: &JourneyMap) -> bool {
    map.stages.iter().any(|stage| {
        !stage.kpis.is_empty() || stage.points.iter().any(|point| point.company.is_some())
    })
}

/// The strip for `map`'s stages in `columns`, from `top`; `None` if the
/// map does not show one.
pub(super) fn health_strip(
    map: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    columns: &[Rangef],
    top: f32,
) -> Option<HealthStrip> {
    if !shows_strip(map) {
        return None;
    }
    let s = |points: f32| points * scale;
    let stages = stage_health(map);
    let column = columns.first().map_or(s(size::COLUMN_WIDTH), |c| c.span());
    let wrap = column - s(2.0 * size::CELL_PAD);
    let laid: Vec<Vec<(Arc<Galley>, Tone)>> = stages
        .iter()
        .map(|health| {
            let mut lines = vec![(
                texts.text(&figures(health), s(size::SMALL), wrap),
                Tone::Figures,
            )];
            lines.extend(
                health
                    .stage
                    .kpis
                    .iter()
                    .map(|kpi| (texts.text(&kpi_line(kpi), s(size::SMALL), wrap), tone(kpi))),
            );
            lines
        })
        .collect();
    let content = |lines: &Vec<(Arc<Galley>, Tone)>| -> f32 {
        lines.iter().map(|(galley, _)| galley.size().y).sum::<f32>()
    };
    let height = s(BAR + 3.0 * size::CELL_PAD * 0.5)
        + laid.iter().map(content).fold(0.0, f32::max)
        + s(size::CELL_PAD * 0.5);
    let row = Rangef::new(top, top + height);
    let most = stages.iter().map(|h| h.severity_score).max().unwrap_or(0);
    let cells = laid
        .into_iter()
        .zip(&stages)
        .zip(columns)
        .map(|((lines, health), column)| {
            #[expect(
                clippy::cast_precision_loss,
                reason = "severity scores are far below 2^24"
            )]
            let severity_share = if most == 0 {
                0.0
            } else {
                health.severity_score as f32 / most as f32
            };
            HealthCell {
                rect: Rect::from_x_y_ranges(*column, row),
                severity_share,
                lines,
            }
        })
        .collect();
    let label = texts.bold(
        "Health",
        s(size::LANE_NAME),
        s(size::LABEL_WIDTH - 2.0 * size::CELL_PAD),
    );
    Some(HealthStrip { row, cells, label })
}

/// The height of the severity bar at the top of a cell, at scale 1.
pub const BAR: f32 = 4.0;

/// Where a cell's first line goes: under the bar.
pub fn first_line(cell: &HealthCell, scale: f32) -> egui::Pos2 {
    pos2(
        cell.rect.min.x + size::CELL_PAD * scale,
        cell.rect.min.y + (BAR + size::CELL_PAD) * scale,
    )
}

/// `3 pains (severity 7) · mood −0.50 · gap +3 · ★ 1`.
fn figures(health: &StageHealth<'_>) -> String {
    let mut parts = vec![format!(
        "{} {} (severity {})",
        health.pain_points,
        if health.pain_points == 1 {
            "pain"
        } else {
            "pains"
        },
        health.severity_score
    )];
    if let Some(mean) = health.mean_emotion {
        let mean = two_decimals(mean);
        let sign = if mean > 0.0 { "+" } else { "" };
        parts.push(format!("mood {sign}{mean:.2}").replace('-', "−"));
    }
    if let Some(gap) = health.biggest_gap {
        parts.push(format!("gap {:+}", gap.size()).replace('-', "−"));
    }
    if health.moments_of_truth > 0 {
        parts.push(format!("★ {}", health.moments_of_truth));
    }
    parts.join(" · ")
}

/// `✔ NPS +12 (target +30)`, with a mark that reads without colour.
fn kpi_line(kpi: &Kpi) -> String {
    match kpi.meets_target() {
        Some(true) => format!("✔ {}", kpi.summary()),
        Some(false) => format!("✘ {}", kpi.summary()),
        None => kpi.summary(),
    }
}

fn tone(kpi: &Kpi) -> Tone {
    match kpi.meets_target() {
        Some(true) => Tone::Met,
        Some(false) => Tone::Missed,
        None => Tone::Plain,
    }
}
