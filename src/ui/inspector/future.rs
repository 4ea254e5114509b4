//! The inspector's fields for the future state: which state a card
//! belongs to, the future-state card an opportunity leads to, and what the
//! customer should feel at an emotion point in the future.

use egui::RichText;

use super::{ListHeight, picker, shorten};
use crate::edit::Edit;
use crate::model::{Card, EmotionPoint, JourneyMap, JourneyState, MAX_SCORE, MIN_SCORE};

/// Which state of the journey a card is in: both, today's only or the
/// future's only.
pub(super) fn card_state(ui: &mut egui::Ui, card: &Card, edits: &mut Vec<Edit>) {
    let mut state = card.state;
    let words = |state: Option<JourneyState>| match state {
        None => "current and future",
        Some(JourneyState::Current) => "today only (the change removes it)",
        Some(JourneyState::Future) => "future only (the change brings it)",
    };
    picker(ui, "Journey state", words(state), ListHeight::All, |ui| {
        for option in [
            None,
            Some(JourneyState::Current),
            Some(JourneyState::Future),
        ] {
            ui.selectable_value(&mut state, option, words(option));
        }
    });
    if state != card.state {
        edits.push(Edit::SetCardState(card.id.clone(), state));
    }
}

/// The future-state card an opportunity leads to, picked from the cards
/// only the future has (and the one it leads to now, whatever it is).
pub(super) fn leads_to(ui: &mut egui::Ui, map: &JourneyMap, card: &Card, edits: &mut Vec<Edit>) {
    let targets: Vec<(String, crate::model::CardId)> = (map.stages.iter())
        .flat_map(|stage| {
            stage
                .cards
                .iter()
                .filter(|c| {
                    c.state == Some(JourneyState::Future) || Some(&c.id) == card.leads_to.as_ref()
                })
                .map(move |c| {
                    (
                        format!("{}: {}", stage.name, shorten(&c.text, 48)),
                        c.id.clone(),
                    )
                })
        })
        .collect();
    let current = (card.leads_to.as_ref())
        .and_then(|id| targets.iter().find(|(_, t)| t == id))
        .map(|(text, _)| text.clone());
    let mut target = card.leads_to.clone();
    picker(
        ui,
        "Leads to (future)",
        current.as_deref().unwrap_or("none"),
        ListHeight::Scroll,
        |ui| {
            ui.selectable_value(&mut target, None, "none");
            for (text, id) in &targets {
                ui.selectable_value(&mut target, Some(id.clone()), text);
            }
        },
    );
    if targets.is_empty() {
        ui.label(
            RichText::new("Mark a card \"future only\" to link the change it makes.")
                .small()
                .weak(),
        );
    }
    if target != card.leads_to {
        edits.push(Edit::SetLeadsTo(card.id.clone(), target));
    }
}

/// What the customer should feel at `point` in the future state.
pub(super) fn future_score(ui: &mut egui::Ui, point: &EmotionPoint, edits: &mut Vec<Edit>) {
    let mut future = point.future;
    let shown = future.map_or_else(|| "as today".to_owned(), |f| format!("{f:+}"));
    picker(ui, "Future feeling", &shown, ListHeight::All, |ui| {
        ui.selectable_value(&mut future, None, "as today");
        for score in (MIN_SCORE..=MAX_SCORE).rev() {
            ui.selectable_value(&mut future, Some(score), format!("{score:+}"));
        }
    });
    if future != point.future {
        edits.push(Edit::SetFutureScore(point.id.clone(), future));
    }
}
