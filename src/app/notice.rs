//! A short message at the bottom of the window: where the map was saved,
//! what was pasted, what a deletion took with it, with an Undo button.

use super::JourneyApp;
use super::command::Command;
use crate::edit::{Edit, StateId};
use crate::ui::UiCommand;

/// A short message that needs no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// What it says.
    pub text: String,
    /// Offers Undo while the map is still in this state (right after the
    /// edit the notice is about).
    pub undo: Option<StateId>,
}

impl JourneyApp {
    /// Shows `text` as a notice, replacing any other.
    pub(super) fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            undo: None,
        });
    }

    /// Shows `text` about the edit just made, with an Undo button.
    pub(super) fn notify_with_undo(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            undo: Some(self.document.state()),
        });
    }

    /// The notice shown, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|notice| notice.text.as_str())
    }

    /// Draws the notice at the bottom of the window, with Undo when it
    /// offers one and the map has not changed since, and a close button.
    pub(super) fn notice_toast(&mut self, ctx: &egui::Context) {
        let Some(notice) = &self.notice else { return };
        let can_undo = notice.undo == Some(self.document.state()) && notice.undo.is_some();
        let mut close = false;
        let mut undo = false;
        egui::Area::new(egui::Id::unique("journeymap-notice"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -16.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(&notice.text);
                        if can_undo && ui.button("Undo").clicked() {
                            undo = true;
                        }
                        close = ui.small_button("×").on_hover_text("Close").clicked();
                    });
                });
            });
        if undo {
            self.queue(Command::Ui(UiCommand::Undo));
        }
        if close || undo {
            self.notice = None;
        }
    }
}

/// What deleting the stage or lane that `edit` removes takes with it, as
/// the notice says it: "Deleted stage “Buy” with 6 cards and 2 points".
pub(super) fn deletion_notice(map: &crate::model::JourneyMap, edit: &Edit) -> Option<String> {
    match edit {
        Edit::RemoveStage(stage) => map
            .stage(stage)
            .map(|s| deleted("stage", &s.name, s.cards.len(), s.points.len())),
        Edit::RemoveLane(lane) => map.lane(lane).map(|l| {
            let cards = map.cards().filter(|c| &c.lane == lane).count();
            let points = map
                .stages
                .iter()
                .flat_map(|s| &s.points)
                .filter(|p| &p.lane == lane)
                .count();
            deleted("lane", &l.name, cards, points)
        }),
        _ => None,
    }
}

/// "Deleted stage “Buy” with 6 cards and 2 points".
fn deleted(what: &str, name: &str, cards: usize, points: usize) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let with = match (cards, points) {
        (0, 0) => String::new(),
        (cards, 0) => format!(" with {}", plural(cards, "card")),
        (0, points) => format!(" with {}", plural(points, "point")),
        (cards, points) => format!(
            " with {} and {}",
            plural(cards, "card"),
            plural(points, "point")
        ),
    };
    format!("Deleted {what} “{name}”{with}")
}

#[cfg(test)]
mod tests {
    use super::deleted;

    #[test]
    fn a_deletion_says_what_went_with_it() {
        assert_eq!(
            deleted("stage", "Buy", 6, 2),
            "Deleted stage “Buy” with 6 cards and 2 points"
        );
        assert_eq!(
            deleted("lane", "Doing", 1, 0),
            "Deleted lane “Doing” with 1 card"
        );
        assert_eq!(deleted("stage", "Empty", 0, 0), "Deleted stage “Empty”");
    }
}
