//! When somebody else changes the open file — a `git pull`, another editor —
//! journeymap never saves over it silently: saving asks first, and coming
//! back to the window offers to reload.

use std::path::PathBuf;

use super::{Document, JourneyApp};
use crate::io::DiskState;

/// A save refused because the file changed on disk, waiting for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The file.
    pub path: PathBuf,
    /// Whether it is gone rather than changed.
    pub deleted: bool,
}

/// What the user chose in the conflict prompt.
enum Resolution {
    Reload,
    Overwrite,
    SaveAs,
    Cancel,
}

impl JourneyApp {
    /// Reloads the document's file from disk, dropping unsaved changes but
    /// keeping the view, as the user asked.
    pub fn reload(&mut self) {
        let Some(path) = self.document.path().map(ToOwned::to_owned) else {
            return;
        };
        match Document::open(&path) {
            Ok(document) => {
                let (zoom, pan) = (self.canvas.zoom, self.canvas.pan);
                self.replace_document(document);
                self.canvas.restore(zoom, pan);
                self.notice = Some(format!("Reloaded {}", path.display()));
            }
            Err(error) => {
                self.error = Some(format!(
                    "Could not reload {}: {error}\n\nYour version is still here.",
                    path.display()
                ));
            }
        }
    }

    /// Offers to reload if the document's file changed on disk while the
    /// window was in the background. Called when the window gets focus back.
    pub fn check_disk_on_focus(&mut self) {
        let (Some(path), Some(known)) = (self.document.path(), self.document.disk()) else {
            return;
        };
        let Ok(now) = DiskState::read(path) else {
            return;
        };
        if now != known && now != DiskState::Missing && self.declined_reload != Some(now) {
            self.reload_offer = Some(now);
        }
    }

    /// The "changed on disk: reload?" offer, while it is shown.
    pub(super) fn reload_offer_window(&mut self, ctx: &egui::Context) {
        let Some(state) = self.reload_offer else {
            return;
        };
        let mut reload = None;
        egui::Modal::new(egui::Id::unique("journeymap-reload")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(format!("{} changed on disk", self.document.display_name()));
            ui.add_space(6.0);
            ui.label(if self.document.is_dirty() {
                "Another program changed the file. Reload it to see their version: your unsaved \
                 changes here would be lost. If you keep yours, saving will ask before it \
                 replaces theirs."
            } else {
                "Another program changed the file. Reload it to see their version."
            });
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button("Reload").clicked() {
                    reload = Some(true);
                }
                if ui.button("Keep mine").clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    reload = Some(false);
                }
            });
        });
        match reload {
            None => {}
            Some(true) => {
                self.reload_offer = None;
                self.reload();
            }
            Some(false) => {
                self.reload_offer = None;
                self.declined_reload = Some(state);
            }
        }
    }

    /// The prompt after a save found the file changed or gone on disk.
    pub(super) fn conflict_window(&mut self, ctx: &egui::Context) {
        let Some(conflict) = self.conflict.clone() else {
            return;
        };
        let name = self.document.display_name();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("journeymap-conflict")).show(ctx, |ui| {
            ui.set_max_width(500.0);
            if conflict.deleted {
                ui.heading(format!("{name} was deleted or moved"));
                ui.add_space(6.0);
                ui.label(format!(
                    "{} is no longer there. Nothing was saved yet; your map is still here.",
                    conflict.path.display()
                ));
            } else {
                ui.heading(format!("{name} changed on disk"));
                ui.add_space(6.0);
                ui.label(
                    "Somebody else changed the file since you opened it (a git pull, or another \
                     editor). Nothing was saved yet. Reload their version (losing your changes), \
                     overwrite it with yours, or save yours under another name.",
                );
            }
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if !conflict.deleted && ui.button("Reload").clicked() {
                    choice = Some(Resolution::Reload);
                }
                let overwrite = if conflict.deleted {
                    "Save it here again"
                } else {
                    "Overwrite"
                };
                if ui.button(overwrite).clicked() {
                    choice = Some(Resolution::Overwrite);
                }
                if ui.button("Save as…").clicked() {
                    choice = Some(Resolution::SaveAs);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(Resolution::Cancel);
                }
            });
        });
        let Some(choice) = choice else { return };
        self.conflict = None;
        match choice {
            Resolution::Reload => {
                self.after_save = None;
                self.reload();
            }
            Resolution::Overwrite => self.overwrite(conflict.path),
            Resolution::SaveAs => self.ask_where_to_save(),
            Resolution::Cancel => self.after_save = None,
        }
    }
}
