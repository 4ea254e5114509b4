//! The inspector's fields for deciding: the company's belief at an emotion
//! point, an opportunity's impact and effort, dot votes, a stage's KPIs.

use egui::RichText;

use super::{ListHeight, picker};
use crate::edit::Edit;
use crate::model::{
    Card, EmotionPoint, Kpi, MAX_DOTS, MAX_RATING, MAX_SCORE, MIN_RATING, MIN_SCORE, Measure, Stage,
};

/// Who votes when no name is known: the facilitator entering a workshop's
/// count of paper dots.
pub const WORKSHOP_VOTER: &str = "Workshop";

/// What the company believes the customer feels at `point`.
pub(super) fn company_score(ui: &mut egui::Ui, point: &EmotionPoint, edits: &mut Vec<Edit>) {
    let mut company = point.company;
    let shown = company.map_or_else(|| "not recorded".to_owned(), |c| format!("{c:+}"));
    picker(ui, "Company believes", &shown, ListHeight::All, |ui| {
        ui.selectable_value(&mut company, None, "not recorded");
        for score in (MIN_SCORE..=MAX_SCORE).rev() {
            ui.selectable_value(&mut company, Some(score), format!("{score:+}"));
        }
    });
    if company != point.company {
        edits.push(Edit::SetCompanyScore(point.id.clone(), company));
    }
    if let Some(company) = point.company {
        let gap = i16::from(company) - i16::from(point.score);
        let text = match gap {
            0 => "No perception gap here".to_owned(),
            gap if gap > 0 => format!("The company thinks it is {gap} better than it feels"),
            gap => format!("The company thinks it is {} worse than it feels", -gap),
        };
        ui.label(RichText::new(text).small().weak());
    }
}

/// The words after an impact rating in its list.
fn impact_words(rating: u8) -> &'static str {
    match rating {
        1 => "a little better",
        2 => "better",
        3 => "clearly better",
        4 => "much better",
        _ => "transforms the journey",
    }
}

/// The words after an effort rating in its list.
fn effort_words(rating: u8) -> &'static str {
    match rating {
        1 => "a quick win",
        2 => "days",
        3 => "weeks",
        4 => "months",
        _ => "a programme",
    }
}

/// An opportunity's impact and effort, each 1..=5 or unrated.
pub(super) fn ratings(ui: &mut egui::Ui, card: &Card, edits: &mut Vec<Edit>) {
    type Words = fn(u8) -> &'static str;
    let rows: [(&str, Option<u8>, Words); 2] = [
        ("Impact", card.impact, impact_words),
        ("Effort", card.effort, effort_words),
    ];
    for (caption, current, words) in rows {
        let mut rating = current;
        let label = |r: u8| format!("{r} – {}", words(r));
        let shown = rating.map_or_else(|| "not rated".to_owned(), label);
        picker(ui, caption, &shown, ListHeight::All, |ui| {
            ui.selectable_value(&mut rating, None, "not rated");
            for r in MIN_RATING..=MAX_RATING {
                ui.selectable_value(&mut rating, Some(r), label(r));
            }
        });
        if rating != current {
            edits.push(if caption == "Impact" {
                Edit::SetImpact(card.id.clone(), rating)
            } else {
                Edit::SetEffort(card.id.clone(), rating)
            });
        }
    }
}

/// The dots on a pain point or opportunity: everyone's total, and the
/// dots `voter` put there, which this editor changes.
pub(super) fn votes(ui: &mut egui::Ui, card: &Card, voter: &str, edits: &mut Vec<Edit>) {
    let total = card.votes.total();
    let each: Vec<String> = (card.votes.iter())
        .map(|(name, dots)| format!("{name} {dots}"))
        .collect();
    let summary = match total {
        0 => "No dots yet".to_owned(),
        1 => format!("1 dot ({})", each.join(", ")),
        n => format!("{n} dots ({})", each.join(", ")),
    };
    ui.label(RichText::new("Dot votes").small().weak());
    ui.label(summary);
    let mine = card.votes.of(voter);
    let mut dots = mine;
    ui.horizontal(|ui| {
        let caption = ui.label(format!("Dots from {voter}"));
        if ui
            .add_enabled(dots > 0, egui::Button::new("− dot"))
            .clicked()
        {
            dots -= 1;
        }
        ui.add(egui::DragValue::new(&mut dots).range(0..=MAX_DOTS))
            .labelled_by(caption.id);
        if ui
            .add_enabled(dots < MAX_DOTS, egui::Button::new("+ dot"))
            .clicked()
        {
            dots += 1;
        }
    });
    ui.add_space(4.0);
    if dots != mine {
        edits.push(Edit::SetVotes {
            card: card.id.clone(),
            voter: voter.to_owned(),
            dots,
        });
    }
}

/// A stage's KPIs, each with its measure, value, optional target and
/// direction, and a button to add one.
///
/// A custom KPI's name is kept in `name_draft` (the KPI's index and the
/// text) while it is typed, and becomes one edit when the field loses focus.
pub(super) fn kpis(
    ui: &mut egui::Ui,
    stage: &Stage,
    name_draft: &mut Option<(usize, String)>,
    edits: &mut Vec<Edit>,
) {
    ui.label(RichText::new("KPIs").small().weak());
    let mut kpis = stage.kpis.clone();
    let mut removed = None;
    for (index, kpi) in kpis.iter_mut().enumerate() {
        ui.push_id(index, |ui| {
            if kpi_row(ui, index, kpi, name_draft) {
                removed = Some(index);
            }
        });
    }
    if let Some(index) = removed {
        kpis.remove(index);
    }
    if ui.button("Add KPI").clicked() {
        kpis.push(Kpi::new(Measure::Nps, 0.0));
    }
    ui.add_space(4.0);
    if kpis != stage.kpis {
        edits.push(Edit::SetKpis(stage.id.clone(), kpis));
    }
}

/// One KPI's fields; returns whether its Remove button was clicked.
fn kpi_row(
    ui: &mut egui::Ui,
    index: usize,
    kpi: &mut Kpi,
    name_draft: &mut Option<(usize, String)>,
) -> bool {
    let number = index + 1;
    let mut kind = kpi.measure.kind();
    picker(
        ui,
        &format!("KPI {number} measures"),
        kpi_label(kind),
        ListHeight::All,
        |ui| {
            for choice in Measure::choices() {
                let kind_of = choice.kind();
                ui.selectable_value(&mut kind, kind_of, kpi_label(kind_of));
            }
        },
    );
    if kind != kpi.measure.kind() {
        let name = match &kpi.measure {
            Measure::Custom(name) => name.clone(),
            _ => "My number".to_owned(),
        };
        kpi.measure = match kind {
            "nps" => Measure::Nps,
            "csat" => Measure::Csat,
            "ces" => Measure::Ces,
            _ => Measure::Custom(name),
        };
        let (low, high) = kpi.measure.range();
        kpi.value = kpi.value.clamp(low, high);
        kpi.target = kpi.target.map(|t| t.clamp(low, high));
    }
    if let Measure::Custom(name) = &mut kpi.measure {
        let mut draft = match name_draft {
            Some((at, text)) if *at == index => text.clone(),
            _ => name.clone(),
        };
        let caption = ui.label(RichText::new(format!("KPI {number} name")).small().weak());
        let field = ui
            .add(egui::TextEdit::singleline(&mut draft).hint_text("e.g. Days to refund"))
            .labelled_by(caption.id);
        if field.lost_focus() {
            *name_draft = None;
            if !draft.trim().is_empty() {
                *name = draft;
            }
        } else if field.has_focus() {
            *name_draft = Some((index, draft));
        }
    }
    let (low, high) = kpi.measure.range();
    let step = if matches!(kpi.measure, Measure::Ces) {
        0.1
    } else {
        1.0
    };
    ui.horizontal(|ui| {
        let value = ui.label(format!("KPI {number} value"));
        ui.add(
            egui::DragValue::new(&mut kpi.value)
                .range(low..=high)
                .speed(step),
        )
        .labelled_by(value.id);
        let mut has_target = kpi.target.is_some();
        let target_box = ui.checkbox(&mut has_target, format!("KPI {number} target"));
        if target_box.changed() {
            kpi.target = has_target.then_some(kpi.value);
        }
        if let Some(target) = &mut kpi.target {
            ui.add(egui::DragValue::new(target).range(low..=high).speed(step))
                .labelled_by(target_box.id);
        }
    });
    let removed = ui
        .horizontal(|ui| {
            ui.checkbox(
                &mut kpi.lower_is_better,
                format!("KPI {number} lower is better"),
            );
            ui.button(format!("Remove KPI {number}")).clicked()
        })
        .inner;
    ui.add_space(4.0);
    removed
}

/// How a measure is offered in the list.
fn kpi_label(kind: &str) -> &'static str {
    match kind {
        "nps" => "NPS (−100 to 100)",
        "csat" => "CSAT (%)",
        "ces" => "CES (1 to 7)",
        _ => "A number of our own",
    }
}
