//! The health strip under the stage headers (see
//! [`crate::render::layout::HealthStrip`]): a bar whose length is the
//! stage's share of the worst severity score, then its figures and KPIs,
//! a KPI green with ✔ when it meets its target and red with ✘ when not.

use egui::{CornerRadius, Rect, Shape, vec2};

use super::{View, hairline};
use crate::model::Severity;
use crate::render::layout::{Layout, Tone, health_first_line};
use crate::render::theme::Theme;

/// The strip, as far as it is in view.
pub(super) fn strip(layout: &Layout, theme: &Theme, view: &View, shapes: &mut Vec<Shape>) {
    let Some(strip) = &layout.health else {
        return;
    };
    let scale = layout.scale;
    let label = Rect::from_x_y_ranges(layout.label_column, strip.row);
    if view.visible.intersects(label) {
        shapes.push(Shape::rect_filled(
            label,
            CornerRadius::ZERO,
            theme.panel_fill,
        ));
        let pad = 10.0 * scale;
        shapes.push(Shape::galley(
            label.min + vec2(pad, pad),
            strip.label.clone(),
            theme.text,
        ));
    }
    for cell in &strip.cells {
        if !view.visible.intersects(cell.rect) {
            continue;
        }
        let inner = cell.rect.shrink2(vec2(1.0 * scale, 0.0));
        shapes.push(Shape::rect_filled(
            inner,
            CornerRadius::ZERO,
            theme.panel_fill,
        ));
        let bar = Rect::from_min_size(
            inner.min,
            vec2(inner.width() * cell.severity_share, 4.0 * scale),
        );
        if cell.severity_share > 0.0 {
            shapes.push(Shape::rect_filled(
                bar,
                CornerRadius::ZERO,
                theme.severity(Severity::High),
            ));
        }
        let mut at = health_first_line(cell, scale);
        for (galley, tone) in &cell.lines {
            let colour = match tone {
                Tone::Figures => theme.muted,
                Tone::Met => theme.met,
                Tone::Missed => theme.severity(Severity::Critical),
                Tone::Plain => theme.text,
            };
            shapes.push(Shape::galley(at, galley.clone(), colour));
            at.y += galley.size().y;
        }
    }
    let line = hairline(layout, theme.grid);
    let row = strip.row;
    if let (Some(first), Some(last)) = (strip.cells.first(), strip.cells.last()) {
        let x = first.rect.min.x..=last.rect.max.x;
        if view.visible.y_range().contains(row.max) {
            shapes.push(Shape::hline(x, row.max, line));
        }
    }
}
