//! Cut, copy and paste of cards through the system clipboard, and the
//! selection commands that go with them.

use super::JourneyApp;
use crate::edit::{self, Edit, PasteTarget};
use crate::ui::Selection;

impl JourneyApp {
    /// Copies the selected cards; returns whether there were any.
    pub(super) fn copy(&mut self) -> bool {
        let text = edit::clipboard::copy(&self.document.map, &self.selection.cards);
        let copied = text.is_some();
        if let Some(text) = text {
            let count = self.selection.cards.len();
            self.notify(format!(
                "Copied {count} card{}",
                if count == 1 { "" } else { "s" }
            ));
            self.to_clipboard = Some(text);
        }
        copied
    }

    /// Copies the selected cards and deletes them, as one undo step.
    pub(super) fn cut(&mut self) {
        if self.copy() {
            let cards = std::mem::take(&mut self.selection.cards);
            self.apply(Edit::Remove {
                cards,
                points: Vec::new(),
            });
        }
    }

    /// Pastes clipboard text at the selection, or says why it cannot.
    pub fn paste(&mut self, text: &str) {
        let seen = self.seen_map();
        let map = seen.as_deref().unwrap_or(&self.document.map);
        let target =
            PasteTarget::for_selection(map, &self.selection.cards, self.selection.cell.as_ref());
        match edit::clipboard::paste(map, text, target.as_ref()) {
            Ok(edit) => {
                self.apply_seen(edit);
            }
            Err(why) => self.notify(format!("Nothing pasted: {why}.")),
        }
    }

    /// Deletes the selected cards and points, or the selected stage or lane
    /// (which says what went with it: see [`JourneyApp::apply`]).
    pub(super) fn delete_selection(&mut self) {
        let selection = std::mem::take(&mut self.selection);
        if let Some(stage) = selection.stage {
            self.apply(Edit::RemoveStage(stage));
        } else if let Some(lane) = selection.lane {
            self.apply(Edit::RemoveLane(lane));
        } else if !selection.cards.is_empty() || !selection.points.is_empty() {
            self.apply(Edit::Remove {
                cards: selection.cards,
                points: selection.points,
            });
        } else {
            self.selection = selection;
        }
    }

    /// Selects every card in the map.
    pub(super) fn select_all(&mut self) {
        let seen = self.seen_map();
        let map = seen.as_deref().unwrap_or(&self.document.map);
        self.selection = Selection {
            cards: map.cards().map(|c| c.id.clone()).collect(),
            ..Selection::default()
        };
    }

    /// The clipboard events eframe sends for Ctrl+C, Ctrl+X and Ctrl+V (and
    /// the menu's paste request), unless a text field is taking them.
    pub(super) fn clipboard_events(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() || self.canvas.wants_keyboard() {
            return;
        }
        let events: Vec<egui::Event> = ctx.input(|input| {
            input
                .events
                .iter()
                .filter(|event| {
                    matches!(
                        event,
                        egui::Event::Copy | egui::Event::Cut | egui::Event::Paste(_)
                    )
                })
                .cloned()
                .collect()
        });
        for event in events {
            match event {
                egui::Event::Copy => {
                    self.copy();
                }
                egui::Event::Cut => self.cut(),
                egui::Event::Paste(text) => self.paste(&text),
                _ => {}
            }
        }
    }
}
