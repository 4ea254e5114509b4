//! Opening and saving without freezing the window, never losing unsaved
//! changes without asking, and asking for a file: with the desktop's own
//! dialog when it can show one, else with journeymap's.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::jobs::{Report, Work};
use super::modal::Modal;
use super::{Document, JourneyApp};
use crate::edit::StateId;
use crate::export::FileFormat;
use crate::io::{self, DiskState, LoadError, SaveError, SaveOptions};
use crate::ui::FileDialog;

/// Something that replaces or closes the document, which waits until its
/// unsaved changes are saved or let go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// File ▸ New: the blank template.
    New,
    /// File ▸ Open…: ask for a file.
    OpenDialog,
    /// File ▸ Import…: ask for a Mermaid journey or a CSV of cards.
    ImportDialog,
    /// Open this file.
    OpenFile(PathBuf),
    /// Open a bundled sample or template.
    OpenSample(&'static str),
    /// Quit journeymap.
    Quit,
    /// Join the shared map at this link.
    Join(Box<crate::net::JoinLink>),
}

/// What a file is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A map to open.
    Open,
    /// A Mermaid journey or CSV of cards to make a new map from.
    Import,
    /// A map to compare the open one with.
    Compare,
    /// Where to save the map.
    SaveAs,
    /// Where to write the export, in this format.
    Export(FileFormat),
}

impl JourneyApp {
    /// Does `action` now, or first asks about unsaved changes.
    pub fn request(&mut self, action: Pending) {
        if self.document.is_dirty() {
            self.show_modal(Modal::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    /// Does `action`, discarding unsaved changes.
    pub(super) fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => self.open_sample(BLANK),
            Pending::OpenDialog => self.choose_file(FilePurpose::Open),
            Pending::ImportDialog => self.choose_file(FilePurpose::Import),
            // A dropped Mermaid journey or CSV of cards is imported.
            Pending::OpenFile(path) if crate::interchange::Format::of(&path).is_some() => {
                self.import_in_background(path);
            }
            Pending::OpenFile(path) => self.open_in_background(path),
            Pending::OpenSample(name) => self.open_sample(name),
            Pending::Join(link) => self.join_now(&link),
            Pending::Quit => {
                self.quitting = true;
                self.ctx_commands.push(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens the map at `path` now, on this thread, discarding the current
    /// one: for the start, before the window shows. If it cannot be read,
    /// the error is shown (with line:column) and the current map stays.
    pub fn open(&mut self, path: &Path) {
        let result = Document::open(path);
        self.opened(path, result);
    }

    /// Reads and checks the map at `path` in the background, then opens it
    /// (or says why not); the window stays responsive meanwhile.
    pub fn open_in_background(&mut self, path: PathBuf) {
        if self.is_running(|work| matches!(work, Work::Open(_))) {
            return;
        }
        let target = path.clone();
        self.start_job(Work::Open(path), move |report| {
            report.send(Report::Opened(Box::new(Document::open(&target))));
        });
    }

    /// The end of opening `path`.
    pub(super) fn opened(&mut self, path: &Path, result: Result<Document, LoadError>) {
        match result {
            Ok(document) => {
                self.prefs.remember(path);
                self.replace_document(document);
            }
            Err(error) => {
                if !path.exists() {
                    self.prefs.forget(path);
                }
                let details: Vec<String> = error
                    .diagnostics()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                self.show_message(format!(
                    "Could not open {}:\n\n{}",
                    path.display(),
                    details.join("\n")
                ));
            }
        }
    }

    /// Reads a Mermaid journey or CSV of cards in the background, then
    /// opens it as a new, unsaved map (or says why not).
    pub fn import_in_background(&mut self, path: PathBuf) {
        if self.is_running(|work| matches!(work, Work::Import(_))) {
            return;
        }
        let source = path.clone();
        self.start_job(Work::Import(path), move |report| {
            report.send(Report::Imported(Box::new(crate::interchange::import(
                &source,
            ))));
        });
    }

    /// The end of importing `path`: the map opens unsaved, and saving asks
    /// where, suggesting its name beside it.
    pub(super) fn imported(
        &mut self,
        path: &Path,
        result: Result<crate::model::JourneyMap, crate::interchange::ImportError>,
    ) {
        match result {
            Ok(map) => {
                if let Err(error) = crate::model::limits::check(&map) {
                    self.show_message(format!("Could not import {}:\n\n{error}", path.display()));
                    return;
                }
                let document = Document::new(map, super::Origin::Imported(path.to_owned()));
                self.replace_document(document);
            }
            Err(error) => {
                self.show_message(format!("Could not import {}:\n\n{error}", path.display()));
            }
        }
    }

    /// Reads the map file at `path` in the background, then marks what
    /// changed from it to the open map (or says why it could not be read).
    pub fn compare_in_background(&mut self, path: PathBuf) {
        if self.is_running(|work| matches!(work, Work::Compare(_))) {
            return;
        }
        let source = path.clone();
        self.start_job(Work::Compare(path), move |report| {
            report.send(Report::Compared(Box::new(io::read_map(&source))));
        });
    }

    /// The end of reading `path` to compare with.
    pub(super) fn compared(
        &mut self,
        path: PathBuf,
        result: Result<crate::model::JourneyMap, LoadError>,
    ) {
        match result {
            Ok(other) => {
                self.compare = Some(crate::ui::compare::Comparison::new(path, other));
                // The panel takes room: the whole map, marks and all, in view.
                self.canvas.fit_to_window();
            }
            Err(error) => {
                let details: Vec<String> = error
                    .diagnostics()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                self.show_message(format!(
                    "Could not compare with {}:\n\n{}",
                    path.display(),
                    details.join("\n")
                ));
            }
        }
    }

    /// Saves to the document's file, or asks where if it has none.
    pub fn save(&mut self) {
        match self.document.path().map(Path::to_owned) {
            Some(path) => self.save_to(path),
            None => self.choose_file(FilePurpose::SaveAs),
        }
    }

    /// Saves the map to `path` in the background; the result arrives in a
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
        if self.is_running(|work| matches!(work, Work::Save { .. })) {
            return;
        }
        let text = match self.document.to_ron() {
            Ok(text) => text,
            Err(error) => {
                self.show_message(error.to_string());
                return;
            }
        };
        let options = SaveOptions {
            backup: self.prefs.backup,
            expect,
        };
        let target = path.clone();
        let work = Work::Save {
            path,
            state: self.document.state(),
        };
        self.start_job(work, move |report| {
            report.send(Report::Saved(io::save_over(
                &target,
                text.as_bytes(),
                options,
            )));
        });
    }

    /// The end of a save of the document as it was in `state`.
    pub(super) fn saved(
        &mut self,
        path: &Path,
        state: StateId,
        result: Result<DiskState, SaveError>,
    ) {
        match result {
            Ok(disk) => {
                self.document.saved_as(path.to_owned(), state, disk);
                self.prefs.remember(path);
                self.notify(format!("Saved {}", path.display()));
                if let Some(next) = self.after_save.take() {
                    self.request(next);
                }
            }
            Err(SaveError::ChangedOnDisk { path, deleted }) => {
                // Asked about next; what was to follow the save still waits.
                self.show_modal(Modal::Conflict(super::Conflict { path, deleted }));
            }
            Err(error) => {
                self.after_save = None;
                self.show_message(format!(
                    "{error}.\n\nYour changes are still here, not saved."
                ));
            }
        }
    }

    /// A save whose thread died.
    pub(super) fn saved_failed(&mut self, path: &Path) {
        self.saved(
            path,
            self.document.state(),
            Err(SaveError::Write {
                path: path.to_owned(),
                source: std::io::Error::other("the save was interrupted"),
            }),
        );
    }

    /// Asks the user for a file for `purpose`: with the desktop's native
    /// dialog when one can be shown, else (or if the preference says so)
    /// with journeymap's own.
    pub fn choose_file(&mut self, purpose: FilePurpose) {
        if self.is_running(|work| matches!(work, Work::Dialog(..))) {
            return;
        }
        if self.prefs.own_file_dialog || !super::native_dialog::can_show() {
            self.show_own_file_dialog(purpose);
            return;
        }
        let folder = self.folder_to_start_in();
        let name = self.suggested_file_name(purpose);
        self.start_job(Work::Dialog(purpose, Instant::now()), move |report| {
            report.send(Report::Chosen(super::native_dialog::ask(
                purpose,
                folder.as_deref(),
                &name,
            )));
        });
    }

    /// Opens journeymap's own file dialog for `purpose`.
    pub(super) fn show_own_file_dialog(&mut self, purpose: FilePurpose) {
        let folder = self.folder_to_start_in();
        let dialog = match purpose {
            FilePurpose::Open => FileDialog::open(folder.as_deref(), &["ron"]).title("Open a map"),
            FilePurpose::Import => FileDialog::open(folder.as_deref(), &["mmd", "csv"])
                .title("Import a Mermaid journey or a CSV of cards"),
            FilePurpose::Compare => FileDialog::open(folder.as_deref(), &["ron"])
                .title("Compare the map with another map file"),
            FilePurpose::SaveAs => FileDialog::save(
                folder.as_deref(),
                &self.suggested_file_name(purpose),
                &["ron"],
            )
            .title("Save the map as"),
            FilePurpose::Export(format) => FileDialog::save(
                folder.as_deref(),
                &self.suggested_file_name(purpose),
                &[format.extension()],
            )
            .title(format!("Export the {} as", format.description())),
        };
        self.show_modal(Modal::File(Box::new(dialog), purpose));
    }

    /// Acts on the file chosen for `purpose`, or on none (cancelled).
    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: Option<PathBuf>) {
        match (purpose, path) {
            (FilePurpose::Open, Some(path)) => self.open_in_background(path),
            (FilePurpose::Import, Some(path)) => self.import_in_background(path),
            (FilePurpose::Compare, Some(path)) => self.compare_in_background(path),
            (FilePurpose::SaveAs, Some(path)) => self.save_to(path.with_extension("ron")),
            (FilePurpose::Export(format), Some(path)) => {
                self.export_to(path.with_extension(format.extension()));
            }
            (FilePurpose::Open | FilePurpose::Import | FilePurpose::SaveAs, None) => {
                self.after_save = None;
            }
            (FilePurpose::Export(_) | FilePurpose::Compare, None) => {}
        }
    }

    /// The folder of the open file (or of the file a map was imported
    /// from), where file dialogs start.
    fn folder_to_start_in(&self) -> Option<PathBuf> {
        let file = match &self.document.origin {
            super::Origin::Imported(source) => Some(source.as_path()),
            _ => self.document.path(),
        };
        file.and_then(Path::parent).map(Path::to_owned)
    }

    /// The file name a dialog for `purpose` suggests.
    fn suggested_file_name(&self, purpose: FilePurpose) -> String {
        match (purpose, self.document.path().and_then(Path::file_name)) {
            (FilePurpose::Export(format), _) => {
                format!("{}.{}", suggested_name(&self.document), format.extension())
            }
            (_, Some(name)) => name.to_string_lossy().into_owned(),
            (_, None) => format!("{}.ron", suggested_name(&self.document)),
        }
    }

    /// Replaces the document (after any prompt), resetting view state.
    pub(super) fn replace_document(&mut self, document: Document) {
        if !document.is_shared() {
            // Another map: the session was for the one it replaces.
            self.stop_sharing();
        }
        self.document = document;
        // The comparison was of the map it replaces.
        self.compare = None;
        self.selection = crate::ui::Selection::default();
        self.canvas.reset();
        self.notice = None;
    }
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
        super::Origin::File(_) | super::Origin::Imported(_) | super::Origin::Joined => {
            "journey".to_owned()
        }
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
