//! A short message at the bottom of the window: where the map was saved,
//! what was pasted, what a deletion took with it, with an Undo button.

use super::JourneyApp;
use super::command::Command;
use crate::edit::StateId;
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
