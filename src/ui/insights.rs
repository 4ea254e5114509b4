//! The insights panel (View ▸ Insights): the journey's health stage by
//! stage, its biggest perception gaps, the opportunity matrix (impact ×
//! effort, drawn by [`crate::render::matrix`] as exports would) and the
//! most voted pain points and opportunities, all derived from the map
//! ([`crate::model::insights`]), as `journeymap stats` prints them.
//! Clicking a gap, an opportunity or a voted item selects it on the map.

use egui::{RichText, ScrollArea};

use super::Selection;
use crate::model::insights::{Gap, Insights, StageHealth, Voted, two_decimals};
use crate::model::{CardId, JourneyMap, Kpi, LaneKind};

/// How many gaps and voted items the panel lists.
const LISTED: usize = 5;

/// Shows the insights of `map`; returns the selection to make when a gap
/// or a voted item is clicked.
pub fn show(ui: &mut egui::Ui, map: &JourneyMap) -> Option<Selection> {
    let insights = Insights::of(map);
    let mut picked = None;
    ScrollArea::both().show(ui, |ui| {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.heading("Journey health");
                health_table(ui, &insights);
            });
            ui.separator();
            ui.vertical(|ui| {
                ui.heading("Biggest perception gaps");
                if insights.gaps.is_empty() {
                    ui.weak("No emotion point records what the company believes yet: select a face and set \"Company believes\".");
                }
                for gap in insights.gaps.iter().take(LISTED) {
                    if ui.link(gap_line(gap)).clicked() {
                        picked = Some(Selection::only_point(gap.point.id.clone()));
                    }
                }
            });
            ui.separator();
            ui.vertical(|ui| {
                ui.heading("Opportunity matrix");
                if let Some(card) = matrix(ui, map) {
                    picked = Some(Selection::only_card(card));
                }
            });
            ui.separator();
            ui.vertical(|ui| {
                ui.heading("Most voted");
                if insights.most_voted.is_empty() {
                    ui.weak("No dots yet: select a pain point or an opportunity and add dots in the inspector.");
                }
                for voted in insights.most_voted.iter().take(LISTED) {
                    if ui.link(voted_line(voted)).clicked() {
                        picked = Some(Selection::only_card(voted.card.id.clone()));
                    }
                }
            });
        });
    });
    picked
}

/// The matrix as the exports draw it, and its numbered list; returns the
/// opportunity clicked in the list.
fn matrix(ui: &mut egui::Ui, map: &JourneyMap) -> Option<CardId> {
    let theme = crate::render::Theme::for_dark(ui.visuals().dark_mode);
    let drawn = ui.ctx().fonts_mut(|fonts| {
        crate::render::matrix::opportunity_matrix(fonts, &theme, 1.0, 150.0, map)
    });
    let Some((size, shapes)) = drawn else {
        ui.weak("No opportunity is rated yet: select one and set its impact and effort in the inspector.");
        return None;
    };
    let mut picked = None;
    ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        ui.painter().extend(shapes.into_iter().map(|mut shape| {
            shape.translate(rect.min.to_vec2());
            shape
        }));
        ui.vertical(|ui| {
            for item in crate::render::matrix::rated(map) {
                let text: String = item.card.text.chars().take(48).collect();
                let line = format!(
                    "{}  {text} · impact {}, effort {} · {}",
                    item.number,
                    item.impact,
                    item.effort,
                    crate::render::matrix::quadrant(item.impact, item.effort)
                );
                if ui.link(line).clicked() {
                    picked = Some(item.card.id.clone());
                }
            }
        });
    });
    picked
}

/// A row per stage and one for the whole map.
fn health_table(ui: &mut egui::Ui, insights: &Insights<'_>) {
    egui::Grid::new("journey health")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for title in [
                "Stage",
                "Pain points",
                "Severity",
                "Emotion",
                "Gap",
                "Moments of truth",
                "KPIs",
            ] {
                ui.label(RichText::new(title).small().strong());
            }
            ui.end_row();
            for health in &insights.stages {
                health_row(ui, health);
            }
            ui.label(RichText::new("Whole map").strong());
            ui.label(insights.pain_points.to_string());
            ui.label(insights.severity_score.to_string());
            ui.label(signed_mean(insights.mean_emotion));
            ui.label(signed_gap(insights.biggest_gap().map(|g| g.size())));
            ui.label(insights.moments_of_truth.to_string());
            ui.label("");
            ui.end_row();
        });
}

fn health_row(ui: &mut egui::Ui, health: &StageHealth<'_>) {
    ui.label(&health.stage.name);
    ui.label(health.pain_points.to_string());
    ui.label(health.severity_score.to_string());
    ui.label(signed_mean(health.mean_emotion));
    ui.label(signed_gap(health.biggest_gap.map(|g| g.size())));
    ui.label(health.moments_of_truth.to_string());
    ui.horizontal(|ui| {
        for kpi in &health.stage.kpis {
            kpi_label(ui, kpi);
        }
    });
    ui.end_row();
}

/// A KPI, green when it meets its target and red when it misses it.
fn kpi_label(ui: &mut egui::Ui, kpi: &Kpi) {
    let text = kpi.summary();
    let text = match kpi.meets_target() {
        Some(true) => {
            RichText::new(format!("✔ {text}")).color(ui.visuals().widgets.active.fg_stroke.color)
        }
        Some(false) => RichText::new(format!("✘ {text}")).color(ui.visuals().error_fg_color),
        None => RichText::new(text),
    };
    ui.label(text);
}

fn signed_mean(mean: Option<f64>) -> String {
    mean.map_or_else(
        || "–".to_owned(),
        |m| {
            let m = two_decimals(m);
            if m > 0.0 {
                format!("+{m:.2}")
            } else {
                format!("{m:.2}").replace('-', "−")
            }
        },
    )
}

fn signed_gap(gap: Option<i8>) -> String {
    gap.map_or_else(|| "–".to_owned(), |g| format!("{g:+}").replace('-', "−"))
}

/// `+4  After the game · “won’t return”: customer −2, company +2`.
fn gap_line(gap: &Gap<'_>) -> String {
    format!(
        "{}  {} · “{}”: customer {}, company {}",
        signed_gap(Some(gap.size())),
        gap.stage.name,
        gap.point.label,
        signed_gap(Some(gap.point.score)),
        signed_gap(Some(gap.company))
    )
}

/// `5 dots  pain point “Queue at the till” (Check out)`.
fn voted_line(voted: &Voted<'_>) -> String {
    let dots = voted.card.votes.total();
    let kind = if voted.kind == LaneKind::Opportunities {
        "opportunity"
    } else {
        "pain point"
    };
    let text: String = voted.card.text.chars().take(60).collect();
    format!(
        "{dots} {}  {kind} “{text}” ({})",
        if dots == 1 { "dot" } else { "dots" },
        voted.stage.name
    )
}
