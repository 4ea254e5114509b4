//! A file dialog drawn by the app itself, for when no native one can be
//! shown (a Linux desktop with neither an XDG portal nor zenity).
//!
//! Written here rather than taken from `egui_file` 0.29 (the only file
//! dialog crate that builds with egui 0.37): its name field gets no focus
//! when it opens and offers no way to give it, Enter on a missing file
//! does nothing at all, it saves over a file without asking, a `~/` path is
//! not understood, and it reads the whole folder on the UI thread.

mod extensions;
mod listing;
mod verdict;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use egui::{Atom, Button, Id, Key, Modifiers, TextEdit};

pub use extensions::Extensions;
pub use listing::LIST_LIMIT;
use listing::{Entry, Listing};
use verdict::Verdict;

/// What the user did with a file dialog. Either way the caller closes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileDialogAction {
    /// Open, or save to, this file. In Save mode it has an allowed
    /// extension, its folder exists, and if the file exists the user
    /// agreed to replace it.
    Chosen(PathBuf),
    /// Esc or Cancel.
    Cancelled,
}

/// Whether the dialog picks an existing file or names one to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Open,
    Save,
}

/// A modal file dialog: a folder's sub-folders and files, and a name field
/// that has keyboard focus from the start, so that a typed name or path and
/// Enter is all it takes. It reads the disk but changes nothing on it, and
/// knows nothing of what the file is for.
///
/// ```no_run
/// # use journeymap::ui::{FileDialog, FileDialogAction};
/// # fn frame(ctx: &egui::Context, dialog: &mut Option<FileDialog>) {
/// // On File ▸ Open, when no native dialog could be shown:
/// // *dialog = Some(FileDialog::open(current_folder, &["ron"]));
/// // Every frame:
/// if let Some(open) = dialog {
///     match open.show(ctx) {
///         None => {}
///         Some(FileDialogAction::Chosen(path)) => { *dialog = None; /* open path */ }
///         Some(FileDialogAction::Cancelled) => *dialog = None,
///     }
/// }
/// # }
/// ```
#[derive(Debug)]
pub struct FileDialog {
    mode: Mode,
    title: String,
    extensions: Extensions,
    /// The folder shown.
    folder: PathBuf,
    /// Its listing; started by the next `show`, which has a context to wake.
    listing: Option<Listing>,
    /// The name field's text.
    name: String,
    /// The list row chosen with the arrow keys or a click.
    highlighted: Option<usize>,
    /// A row the list must scroll to, after an arrow key.
    scroll_to_highlighted: bool,
    /// Why the last Enter did nothing.
    error: Option<String>,
    /// An existing file the user is asked about replacing.
    replacing: Option<PathBuf>,
    /// Whether the name field still has to be given focus, with its text
    /// selected so that typing replaces a suggested name.
    focus_name: bool,
}

/// What the user asked for this frame, applied once the dialog is drawn.
enum Step {
    Navigate(PathBuf),
    Pick(usize),
    Submit,
    Replace,
    BackOut,
    Cancel,
}

impl FileDialog {
    /// Picks an existing file with one of `extensions` (without the dot,
    /// e.g. `&["ron"]`; empty allows every file), starting in `folder`.
    pub fn open(folder: Option<&Path>, extensions: &[&str]) -> Self {
        Self::new(Mode::Open, folder, String::new(), extensions)
    }

    /// Names a file to write, with one of `extensions` (the first is added
    /// to a name typed without any), starting in `folder` with
    /// `suggested_name` in the name field.
    pub fn save(folder: Option<&Path>, suggested_name: &str, extensions: &[&str]) -> Self {
        Self::new(Mode::Save, folder, suggested_name.to_owned(), extensions)
    }

    fn new(mode: Mode, folder: Option<&Path>, name: String, extensions: &[&str]) -> Self {
        Self {
            mode,
            title: match mode {
                Mode::Open => "Open".to_owned(),
                Mode::Save => "Save as".to_owned(),
            },
            extensions: Extensions::new(extensions),
            folder: start_folder(folder),
            listing: None,
            name,
            highlighted: None,
            scroll_to_highlighted: false,
            error: None,
            replacing: None,
            focus_name: true,
        }
    }

    /// Sets the heading, e.g. "Export as PNG". The default is "Open" or
    /// "Save as".
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Shows the dialog over everything else. Returns what the user did, if
    /// anything; the caller then stops showing it.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<FileDialogAction> {
        let listing = self.listing.get_or_insert_with(|| {
            Listing::start(self.folder.clone(), self.extensions.clone(), ctx)
        });
        listing.poll();
        let step = egui::Modal::new(Id::unique("journeymap-file-dialog"))
            .show(ctx, |ui| self.ui(ui))
            .inner;
        step.and_then(|step| self.apply(step))
    }

    /// Draws the dialog and returns what the user asked for.
    fn ui(&mut self, ui: &mut egui::Ui) -> Option<Step> {
        // Narrower on a small window, so that the buttons stay on screen.
        ui.set_width(
            560.0_f32
                .min(ui.ctx().content_rect().width() - 48.0)
                .max(240.0),
        );
        // Keys first, before the name field sees them.
        let mut step = self.keys(ui);
        ui.heading(&self.title);
        ui.add_space(4.0);
        ui.add_enabled_ui(self.replacing.is_none(), |ui| {
            ui.horizontal(|ui| {
                let parent = self.folder.parent().map(Path::to_path_buf);
                let up = ui
                    .add_enabled(parent.is_some(), Button::new("Up"))
                    .on_hover_text("Show the folder that holds this one");
                if let Some(parent) = parent.filter(|_| up.clicked()) {
                    step = Some(Step::Navigate(parent));
                }
                ui.add(egui::Label::new(self.folder.display().to_string()).truncate());
            });
            egui::Frame::group(ui.style()).show(ui, |ui| {
                if let Some(picked) = self.list(ui) {
                    step = Some(picked);
                }
            });
            ui.add_space(4.0);
            if let Some(submit) = self.name_field(ui) {
                step = Some(submit);
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.add_space(8.0);
        if let Some(clicked) = self.buttons(ui) {
            step = Some(clicked);
        }
        step
    }

    /// Esc, Enter in the replace question and the arrow keys.
    fn keys(&mut self, ui: &egui::Ui) -> Option<Step> {
        let key = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if self.replacing.is_some() {
            if key(Key::Escape) {
                return Some(Step::BackOut);
            }
            return key(Key::Enter).then_some(Step::Replace);
        }
        if key(Key::Escape) {
            return Some(Step::Cancel);
        }
        let count = self.listing.as_ref().map_or(0, |l| l.entries().len());
        let last = count.checked_sub(1);
        if key(Key::ArrowDown) {
            self.highlighted = match self.highlighted {
                None => last.map(|_| 0),
                Some(row) => last.map(|last| (row + 1).min(last)),
            };
            self.scroll_to_highlighted = true;
        }
        if key(Key::ArrowUp) {
            self.highlighted = match self.highlighted {
                None => last,
                Some(row) => Some(row.saturating_sub(1)),
            };
            self.scroll_to_highlighted = true;
        }
        None
    }

    /// The folder's entries, or why there are none.
    fn list(&mut self, ui: &mut egui::Ui) -> Option<Step> {
        let height = 280.0;
        ui.set_min_size(egui::vec2(ui.available_width(), height));
        let entries: &[Entry] = match &self.listing {
            None | Some(Listing::Reading(_)) => {
                ui.weak("Reading the folder…");
                return None;
            }
            Some(Listing::Failed(reason)) => {
                ui.colored_label(ui.visuals().error_fg_color, reason);
                return None;
            }
            Some(Listing::Read(contents)) => {
                if contents.entries.is_empty() {
                    ui.weak(format!(
                        "No folders or {} files here.",
                        self.extensions.describe()
                    ));
                }
                &contents.entries
            }
        };
        let row_height = ui.spacing().interact_size.y;
        let mut step = None;
        egui::ScrollArea::vertical()
            .id_salt("journeymap-file-dialog-list")
            .max_height(height)
            .auto_shrink([false, false])
            .show_rows(ui, row_height, entries.len(), |ui, rows| {
                if let Some(row) = self.highlighted.filter(|_| self.scroll_to_highlighted) {
                    // Rows out of view are not drawn: scroll to where it would be.
                    let pitch = row_height + ui.spacing().item_spacing.y;
                    #[expect(clippy::cast_precision_loss, reason = "at most 5,000 rows")]
                    let top = ui.max_rect().top() + (row as f32 - rows.start as f32) * pitch;
                    let rect = egui::Rect::from_x_y_ranges(
                        ui.max_rect().x_range(),
                        top..=top + row_height,
                    );
                    ui.scroll_to_rect(rect, None);
                    self.scroll_to_highlighted = false;
                }
                for row in rows {
                    let Some(entry) = entries.get(row) else { break };
                    let text = if entry.is_folder {
                        format!("{}/", entry.name)
                    } else {
                        entry.name.clone()
                    };
                    let response = ui.add(
                        Button::selectable(self.highlighted == Some(row), (text, Atom::grow()))
                            .truncate()
                            .min_size(egui::vec2(ui.available_width(), row_height)),
                    );
                    if response.double_clicked() {
                        step = Some(Step::Pick(row));
                    } else if response.clicked() {
                        self.highlighted = Some(row);
                        self.error = None;
                        if self.mode == Mode::Save && !entry.is_folder {
                            self.name.clone_from(&entry.name);
                        }
                    }
                }
            });
        if let Some(Listing::Read(contents)) = &self.listing
            && contents.left_out > 0
        {
            ui.weak(format!(
                "{} more not listed (only the first {LIST_LIMIT} are). \
                 Type a name to reach any of them.",
                contents.left_out
            ));
        }
        step
    }

    /// The name field, focused from the first frame; Enter submits it.
    fn name_field(&mut self, ui: &mut egui::Ui) -> Option<Step> {
        let id = Id::unique("journeymap-file-dialog-name");
        ui.horizontal(|ui| {
            let label = ui.label(match self.mode {
                Mode::Open => "File:",
                Mode::Save => "Name:",
            });
            let nothing_focused = ui.memory(|m| m.focused().is_none());
            if self.replacing.is_none() && (self.focus_name || nothing_focused) {
                // Before the field is drawn, so it takes this frame's typing.
                ui.memory_mut(|m| m.request_focus(id));
                if self.focus_name {
                    let mut state =
                        egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                    state
                        .cursor
                        .set_char_range(Some(egui::text::CCursorRange::select_all_str(&self.name)));
                    state.store(ui.ctx(), id);
                    self.focus_name = false;
                }
            }
            let example = format!(
                "A name, or a path such as ~/maps/journey.{}",
                self.extensions.first().unwrap_or("ron")
            );
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.name)
                        .id(id)
                        // Enter submits; it must not take the focus away.
                        .return_key(None)
                        .hint_text(example)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if response.changed() {
                self.highlighted = None;
                self.error = None;
            }
            (response.has_focus() && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)))
                .then_some(Step::Submit)
        })
        .inner
    }

    /// The replace question, or the filter note with Cancel and Open/Save.
    fn buttons(&self, ui: &mut egui::Ui) -> Option<Step> {
        let mut step = None;
        if let Some(path) = &self.replacing {
            let name = path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy();
            ui.label(format!("{name} already exists. Replace it?"));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    step = Some(Step::Replace);
                }
                if ui.button("Cancel").clicked() {
                    step = Some(Step::BackOut);
                }
            });
            return step;
        }
        ui.horizontal(|ui| {
            ui.weak(format!(
                "Showing folders and {} files.",
                self.extensions.describe()
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let confirm = match self.mode {
                    Mode::Open => "Open",
                    Mode::Save => "Save",
                };
                if ui.button(confirm).clicked() {
                    step = Some(Step::Submit);
                }
                if ui.button("Cancel").clicked() {
                    step = Some(Step::Cancel);
                }
            });
        });
        step
    }

    /// Does what the user asked for; returns the answer when there is one.
    fn apply(&mut self, step: Step) -> Option<FileDialogAction> {
        let verdict = match step {
            Step::Cancel => return Some(FileDialogAction::Cancelled),
            Step::Navigate(folder) => Verdict::Enter(folder),
            Step::Replace => return self.replacing.take().map(FileDialogAction::Chosen),
            Step::BackOut => {
                self.replacing = None;
                self.focus_name = true;
                return None;
            }
            Step::Pick(row) => self.pick(row)?,
            Step::Submit => match self.highlighted {
                // A row chosen with the arrows wins over the name field.
                Some(row) => self.pick(row)?,
                None => match self.mode {
                    Mode::Open => Verdict::of_open(&self.name, &self.folder, &self.extensions),
                    Mode::Save => Verdict::of_save(&self.name, &self.folder, &self.extensions),
                },
            },
        };
        self.error = None;
        match verdict {
            Verdict::Choose(path) => return Some(FileDialogAction::Chosen(path)),
            Verdict::Enter(folder) => {
                self.folder = folder;
                self.listing = None;
                self.highlighted = None;
                if self.mode == Mode::Open || !self.extensions.matches(Path::new(&self.name)) {
                    // A typed folder path has done its work; a suggested
                    // file name in Save mode stays.
                    self.name.clear();
                }
                self.focus_name = true;
            }
            Verdict::AskToReplace(path) => self.replacing = Some(path),
            Verdict::Refuse(reason) => self.error = Some(reason),
        }
        None
    }

    /// What picking list row `row` leads to.
    fn pick(&self, row: usize) -> Option<Verdict> {
        let entry = self.listing.as_ref()?.entries().get(row)?;
        Some(match (entry.is_folder, self.mode) {
            (true, _) => Verdict::Enter(entry.path.clone()),
            (false, Mode::Open) => Verdict::Choose(entry.path.clone()),
            (false, Mode::Save) => Verdict::AskToReplace(entry.path.clone()),
        })
    }
}

/// The folder to start in: `wanted` if it is one, else the home folder,
/// else the current one.
fn start_folder(wanted: Option<&Path>) -> PathBuf {
    let current = std::env::current_dir().ok();
    let wanted = wanted
        .filter(|path| !path.as_os_str().is_empty())
        .map(|path| match &current {
            Some(current) => verdict::tidy(&current.join(path)),
            None => path.to_path_buf(),
        });
    wanted
        .filter(|path| path.is_dir())
        .or_else(std::env::home_dir)
        .or(current)
        .unwrap_or_else(|| PathBuf::from("/"))
}
