//! The lists of the insights slide, side by side: the biggest perception
//! gaps, the top pain points (by dots, then severity) and the top
//! opportunities (by dots, with impact and effort). A list the map has
//! nothing for is left out, heading and all.

use std::sync::Arc;

use egui::{Galley, Shape, Stroke, pos2, vec2};

use super::{Block, Ink, LISTED, secondary, signed_text, translated};
use crate::model::insights::{Gap, Insights, Voted};
use crate::render::matrix::quadrant;

/// The widest a list's column is, at 1080p: wider lines are hard to read.
const MOST_WIDTH_PX: f32 = 620.0;

/// One entry: an optional figure before it, its text and a muted line of
/// what it is.
struct Entry {
    figure: Option<String>,
    text: String,
    detail: String,
}

/// The lists at text `size`, side by side in `width`; `None` when the map
/// has none of them.
pub(super) fn lay_out(
    ink: &mut Ink<'_, '_>,
    insights: &Insights<'_>,
    size: f32,
    width: f32,
) -> Option<Block> {
    let lists: Vec<(&str, Vec<Entry>)> = [
        (
            "Biggest perception gaps",
            insights.gaps.iter().take(LISTED).map(gap_entry).collect(),
        ),
        (
            "Top pain points",
            (insights.top_pain_points.iter().take(LISTED))
                .map(pain_entry)
                .collect(),
        ),
        (
            "Top opportunities",
            (insights.top_opportunities.iter().take(LISTED))
                .map(opportunity_entry)
                .collect(),
        ),
    ]
    .into_iter()
    .filter(|(_, entries): &(&str, Vec<Entry>)| !entries.is_empty())
    .collect();
    if lists.is_empty() {
        return None;
    }
    let gap = ink.px(48.0);
    let count = f32::from(u8::try_from(lists.len()).unwrap_or(u8::MAX));
    let column = ((width - gap * (count - 1.0)) / count).min(ink.px(MOST_WIDTH_PX));
    let mut shapes = Vec::new();
    let mut height = 0.0_f32;
    let mut left = 0.0;
    for (heading, entries) in lists {
        let list = list(ink, heading, &entries, size, column);
        height = height.max(list.size.y);
        shapes.extend(translated(list.shapes, vec2(left, 0.0)));
        left += column + gap;
    }
    Some(Block {
        size: vec2(left - gap, height),
        shapes,
    })
}

/// One list: its heading over a rule, then its entries.
fn list(ink: &mut Ink<'_, '_>, heading: &str, entries: &[Entry], size: f32, width: f32) -> Block {
    let small = secondary(size, ink.unit);
    let heading = ink.text(heading, size * 1.15, width, 1);
    let mut y = heading.size().y + ink.px(6.0);
    let mut shapes = vec![
        Shape::galley(pos2(0.0, 0.0), heading, ink.theme.text),
        Shape::hline(0.0..=width, y, Stroke::new(ink.px(2.0), ink.theme.company)),
    ];
    y += size * 0.6;
    // The figures, each as wide as the widest, so the texts line up.
    let figures: Vec<Option<Arc<Galley>>> = entries
        .iter()
        .map(|entry| {
            (entry.figure.as_ref()).map(|figure| ink.text(figure, size * 1.2, f32::INFINITY, 1))
        })
        .collect();
    let indent = figures
        .iter()
        .flatten()
        .map(|figure| figure.size().x + size * 0.6)
        .fold(0.0, f32::max);
    for (entry, figure) in entries.iter().zip(figures) {
        let text = ink.text(&entry.text, size, width - indent, 2);
        let detail = ink.text(&entry.detail, small, width - indent, 2);
        if let Some(figure) = figure {
            // On the text's first baseline, more or less: the figure is larger.
            let drop = (text.rows.first().map_or(0.0, |row| row.height()) - figure.size().y) / 2.0;
            shapes.push(Shape::galley(pos2(0.0, y + drop), figure, ink.theme.text));
        }
        let text_height = text.size().y;
        shapes.push(Shape::galley(pos2(indent, y), text, ink.theme.text));
        y += text_height + size * 0.1;
        let detail_height = detail.size().y;
        shapes.push(Shape::galley(pos2(indent, y), detail, ink.theme.muted));
        y += detail_height + size * 0.7;
    }
    Block {
        size: vec2(width, y - size * 0.7),
        shapes,
    }
}

/// `−4  “won’t return”`, `After the game · customer −2, company +2`.
fn gap_entry(gap: &Gap<'_>) -> Entry {
    let label = gap.point.label.trim();
    let text = if label.is_empty() {
        format!("At {}", gap.stage.name)
    } else {
        format!("“{label}”")
    };
    Entry {
        figure: Some(signed_text(gap.size())),
        text,
        detail: format!(
            "{} · customer {}, company {}",
            gap.stage.name,
            signed_text(gap.point.score),
            signed_text(gap.company)
        ),
    }
}

/// `Queue at the till`, `Check out · 5 dots · critical`.
fn pain_entry(voted: &Voted<'_>) -> Entry {
    let card = voted.card;
    let mut detail = vec![voted.stage.name.clone()];
    detail.extend(dots(card.votes.total()));
    detail.extend(card.severity.map(|s| s.label().to_owned()));
    Entry {
        figure: None,
        text: card.text.clone(),
        detail: detail.join(" · "),
    }
}

/// `Tap to pay`, `Check out · 3 dots · impact 4, effort 2 · Quick wins`.
fn opportunity_entry(voted: &Voted<'_>) -> Entry {
    let card = voted.card;
    let mut detail = vec![voted.stage.name.clone()];
    detail.extend(dots(card.votes.total()));
    match (card.impact, card.effort) {
        (Some(impact), Some(effort)) => {
            detail.push(format!("impact {impact}, effort {effort}"));
            detail.push(quadrant(impact, effort).to_owned());
        }
        (Some(impact), None) => detail.push(format!("impact {impact}")),
        (None, Some(effort)) => detail.push(format!("effort {effort}")),
        (None, None) => {}
    }
    Entry {
        figure: None,
        text: card.text.clone(),
        detail: detail.join(" · "),
    }
}

/// `1 dot`, `5 dots`, or nothing for none.
fn dots(total: u32) -> Option<String> {
    match total {
        0 => None,
        1 => Some("1 dot".to_owned()),
        n => Some(format!("{n} dots")),
    }
}
