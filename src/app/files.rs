//! Opening and saving without freezing the window, and never losing
//! unsaved changes without asking: the Save / Don't save / Cancel prompt.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::{Document, JourneyApp};
use crate::edit::StateId;
use crate::io::{self, DiskState, SaveError, SaveOptions};

/// Something that replaces or closes the document, which waits until its
/// unsaved changes are saved or let go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// File ▸ New: the blank template.
    New,
    /// File ▸ Open…: ask for a file.
    OpenDialog,
    /// Open this file.
    OpenFile(PathBuf),
    /// Open a bundled sample or template.
    OpenSample(&'static str),
    /// Quit journeymap.
    Quit,
}

/// A native file dialog's answer, arriving from its thread.
pub(super) enum DialogAnswer {
    /// The file to open, if one was chosen.
    Open(Option<PathBuf>),
    /// Where to save, if somewhere was chosen.
    SaveAs(Option<PathBuf>),
    /// Where to export an image, if somewhere was chosen.
    ExportTo(Option<PathBuf>),
}

/// A save running on another thread.
pub(super) struct SaveJob {
    result: Receiver<Result<DiskState, SaveError>>,
    path: PathBuf,
    state: StateId,
}

impl JourneyApp {
    /// Does `action` now, or first asks about unsaved changes.
    pub fn request(&mut self, action: Pending) {
        if self.document.is_dirty() {
            self.prompt = Some(action);
        } else {
            self.perform(action);
        }
    }

    /// Does `action`, discarding unsaved changes.
    fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => self.open_sample(BLANK),
            Pending::OpenDialog => self.ask_for_file_to_open(),
            Pending::OpenFile(path) => self.open(&path),
            Pending::OpenSample(name) => self.open_sample(name),
            Pending::Quit => {
                self.quitting = true;
                self.ctx_commands.push(egui::ViewportCommand::Close);
            }
        }
    }

    /// Saves to the document's file, or asks where if it has none.
    pub fn save(&mut self) {
        match self.document.path().map(Path::to_owned) {
            Some(path) => self.save_to(path),
            None => self.ask_where_to_save(),
        }
    }

    /// Saves the map to `path` on another thread; the result arrives in a
    /// later frame. The map is serialised now, so later edits are not part
    /// of this save and stay unsaved. Saving to the document's own file
    /// first checks that nobody else changed it since it was opened or last
    /// saved; if somebody did, the user is asked what to do.
    pub fn save_to(&mut self, path: PathBuf) {
        let expect = if self.document.path() == Some(path.as_path()) {
            self.document.disk()
        } else {
            None // Save as: the file dialog asked before replacing a file.
        };
        self.start_save(path, expect);
    }

    /// Saves over whatever is at `path` now: the user chose to overwrite
    /// somebody else's changes.
    pub(super) fn overwrite(&mut self, path: PathBuf) {
        self.start_save(path, None);
    }

    fn start_save(&mut self, path: PathBuf, expect: Option<DiskState>) {
        if self.saving.is_some() {
            return;
        }
        let text = match io::to_ron(&self.document.map) {
            Ok(text) => text,
            Err(error) => {
                self.error = Some(error.to_string());
                return;
            }
        };
        let (sender, receiver) = mpsc::channel();
        let target = path.clone();
        let options = SaveOptions {
            backup: self.prefs.backup,
            expect,
        };
        std::thread::spawn(move || {
            let _ = sender.send(io::save_over(&target, text.as_bytes(), options));
        });
        self.saving = Some(SaveJob {
            result: receiver,
            path,
            state: self.document.state(),
        });
    }

    /// Whether a save or a file dialog is still running.
    pub fn is_busy(&self) -> bool {
        self.saving.is_some() || self.dialog.is_some() || self.exporting.is_some()
    }

    fn ask_for_file_to_open(&mut self) {
        let folder = self
            .document
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned);
        self.spawn_dialog(move || {
            let mut dialog = rfd::FileDialog::new().add_filter("Journey map", &["ron"]);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            DialogAnswer::Open(dialog.pick_file())
        });
    }

    /// File ▸ Save as…: asks where, then saves there.
    pub fn ask_where_to_save(&mut self) {
        let folder = self
            .document
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned);
        let name = match self.document.path().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => format!("{}.ron", suggested_name(&self.document)),
        };
        self.spawn_dialog(move || {
            let mut dialog = rfd::FileDialog::new()
                .add_filter("Journey map", &["ron"])
                .set_file_name(name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            DialogAnswer::SaveAs(dialog.save_file().map(|path| path.with_extension("ron")))
        });
    }

    pub(super) fn spawn_dialog(&mut self, ask: impl FnOnce() -> DialogAnswer + Send + 'static) {
        if self.dialog.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(ask());
        });
        self.dialog = Some(receiver);
    }

    /// Takes in the answers of dialogs and saves that finished.
    pub(super) fn poll_jobs(&mut self) {
        if let Some(receiver) = &self.dialog {
            match receiver.try_recv() {
                Ok(answer) => {
                    self.dialog = None;
                    match answer {
                        DialogAnswer::Open(Some(path)) => self.open(&path),
                        DialogAnswer::SaveAs(Some(path)) => self.save_to(path),
                        DialogAnswer::ExportTo(Some(path)) => self.export_to(path),
                        DialogAnswer::ExportTo(None) => {}
                        DialogAnswer::Open(None) | DialogAnswer::SaveAs(None) => {
                            self.after_save = None;
                        }
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.dialog = None,
            }
        }
        let Some(job) = &self.saving else { return };
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(SaveError::Write {
                path: job.path.clone(),
                source: std::io::Error::other("the save was interrupted"),
            }),
        };
        let Some(job) = self.saving.take() else {
            return;
        };
        match result {
            Ok(disk) => {
                self.document.saved_as(job.path.clone(), job.state, disk);
                self.prefs.remember(&job.path);
                self.notice = Some(format!("Saved {}", job.path.display()));
                if let Some(next) = self.after_save.take() {
                    self.request(next);
                }
            }
            Err(SaveError::ChangedOnDisk { path, deleted }) => {
                // Asked about next; what was to follow the save still waits.
                self.conflict = Some(super::disk_changes::Conflict { path, deleted });
            }
            Err(error) => {
                self.after_save = None;
                self.error = Some(format!(
                    "{error}.\n\nYour changes are still here, not saved."
                ));
            }
        }
    }

    /// The Save / Don't save / Cancel prompt, while one is open.
    pub(super) fn unsaved_prompt(&mut self, ctx: &egui::Context) {
        let Some(action) = self.prompt.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("journeymap-unsaved")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(format!(
                "Save the changes to {}?",
                self.document.display_name()
            ));
            ui.add_space(6.0);
            ui.label("If you don't save, your changes since the last save are lost.");
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(Choice::Save);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(Choice::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        match choice {
            None => {}
            Some(Choice::Cancel) => self.prompt = None,
            Some(Choice::Discard) => {
                self.prompt = None;
                self.perform(action);
            }
            Some(Choice::Save) => {
                self.prompt = None;
                self.after_save = Some(action);
                self.save();
            }
        }
    }

    /// Replaces the document (after any prompt), resetting view state.
    pub(super) fn replace_document(&mut self, document: Document) {
        self.document = document;
        self.selection = crate::ui::Selection::default();
        self.canvas.reset();
    }
}

/// The prompt's buttons.
enum Choice {
    Save,
    Discard,
    Cancel,
}

/// A file name for a map that has none yet: its title, made safe.
pub(super) fn suggested_name(document: &Document) -> String {
    let title: String = document
        .map
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let title = title
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if !title.is_empty() {
        return title;
    }
    match &document.origin {
        super::Origin::Sample(name) => (*name).to_owned(),
        super::Origin::File(_) => "journey".to_owned(),
    }
}

/// The name of the blank template, for File ▸ New.
pub const BLANK: &str = "blank";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn a_map_without_a_file_is_offered_a_name_from_its_title() {
        let sample = samples::find("team-gear").expect("sample");
        let document = Document::from_sample(sample).expect("valid");
        assert_eq!(
            suggested_name(&document),
            "buying-team-gear-before-the-big-game"
        );
    }
}
