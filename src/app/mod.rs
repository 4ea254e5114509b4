//! The app shell: wires the document, the canvas, the menus and the
//! preferences together in an eframe window.

mod clipboard;
mod disk_changes;
mod document;
mod export;
mod files;
mod menus;
mod prefs;
mod recovery;
mod startup;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

pub use disk_changes::Conflict;
pub use document::{Document, Origin};
pub use export::ExportDialog;
pub use files::Pending;
pub use prefs::{Preferences, SavedView};
pub use recovery::{AUTOSAVE_DELAY, describe as describe_recovery_copy, install_panic_hook};

use crate::edit::{Created, Edit};
use crate::model::LaneKind;
use crate::render::Theme;
use crate::samples;
use crate::ui::inline_edit::{InlineEdit, Target};
use crate::ui::{Canvas, Inspector, Selection, UiCommand, default_lane_name};

/// The journeymap editor.
pub struct JourneyApp {
    /// The open map with its history.
    pub document: Document,
    /// How it is shown.
    pub canvas: Canvas,
    /// What is selected.
    pub selection: Selection,
    /// The side panel with the selection's fields.
    inspector: Inspector,
    /// What is remembered between runs.
    pub prefs: Preferences,
    /// A message the user has to acknowledge, e.g. why a file did not open.
    pub error: Option<String>,
    /// A short status message, e.g. where the map was saved.
    pub notice: Option<String>,
    /// The action waiting on the unsaved-changes prompt, while it is shown.
    pub prompt: Option<Pending>,
    /// The action to do once the save under way succeeds.
    after_save: Option<Pending>,
    /// A native file dialog running on another thread.
    dialog: Option<Receiver<files::DialogAnswer>>,
    /// A save running on another thread.
    saving: Option<files::SaveJob>,
    /// Whether the user chose to quit (changes saved or let go).
    quitting: bool,
    /// The export dialog, while it is open.
    export_dialog: Option<ExportDialog>,
    /// An image export running on another thread.
    exporting: Option<export::ExportJob>,
    /// Text to put on the system clipboard at the end of the frame.
    pub to_clipboard: Option<String>,
    /// Window commands to send at the end of the frame.
    ctx_commands: Vec<egui::ViewportCommand>,
    /// The window title last sent, to send it only when it changes.
    title: String,
    /// The recovery copy kept while there are unsaved changes, if on.
    autosave: Option<recovery::Autosave>,
    /// Recovery copies left by editors that are gone, offered in turn.
    recovery_offers: Vec<(crate::io::recovery::Orphan, String)>,
    /// A save refused because the file changed on disk, while asked about.
    pub conflict: Option<Conflict>,
    /// The file changed on disk while the window was in the background:
    /// the state it is in now, while the reload offer is shown.
    reload_offer: Option<crate::io::DiskState>,
    /// A changed file the user chose not to reload, so as not to ask again.
    declined_reload: Option<crate::io::DiskState>,
}

impl JourneyApp {
    /// The app showing `document`.
    pub fn new(document: Document, prefs: Preferences) -> Self {
        Self {
            document,
            canvas: Canvas::default(),
            selection: Selection::default(),
            inspector: Inspector::default(),
            prefs,
            error: None,
            notice: None,
            prompt: None,
            after_save: None,
            dialog: None,
            saving: None,
            quitting: false,
            ctx_commands: Vec::new(),
            to_clipboard: None,
            export_dialog: None,
            exporting: None,
            title: String::new(),
            autosave: None,
            recovery_offers: Vec::new(),
            conflict: None,
            reload_offer: None,
            declined_reload: None,
        }
    }

    /// The app as started from the command line: `file` if given, else the
    /// most recent file, else the default sample.
    pub fn start(prefs: Preferences, file: Option<&Path>) -> Self {
        let mut app = Self::new(default_document(), prefs);
        let wanted = file
            .map(Path::to_owned)
            .or_else(|| app.prefs.recent.first().cloned());
        if let Some(path) = wanted {
            app.open(&path);
        }
        if let Some(view) = &app.prefs.view
            && app.document.path() == Some(view.file.as_path())
        {
            app.canvas.restore(view.zoom, view.pan.into());
        }
        app
    }

    /// The preferences to store at exit, with the current view of the file.
    pub fn prefs_to_store(&self) -> Preferences {
        let mut prefs = self.prefs.clone();
        prefs.view = self.document.path().map(|file| SavedView {
            file: file.to_owned(),
            zoom: self.canvas.zoom,
            pan: self.canvas.pan.into(),
        });
        prefs
    }

    /// Opens the map at `path`, discarding the current one. If it cannot be
    /// read, the error is shown (with line:column) and the current map stays.
    pub fn open(&mut self, path: &Path) {
        match Document::open(path) {
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
                self.error = Some(format!(
                    "Could not open {}:\n\n{}",
                    path.display(),
                    details.join("\n")
                ));
            }
        }
    }

    /// Opens a bundled sample, discarding the current map.
    pub fn open_sample(&mut self, name: &str) {
        match samples::find(name).map(Document::from_sample) {
            Some(Ok(document)) => self.replace_document(document),
            Some(Err(error)) => {
                self.error = Some(format!("The bundled sample {name} is damaged: {error}"));
            }
            None => self.error = Some(format!("There is no bundled sample named {name}.")),
        }
    }

    /// Whether the user chose to quit.
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// Whether a modal window (a prompt, an error, a dialog, an offer) is
    /// open, which takes the keyboard and the clicks from the map.
    pub fn is_modal_open(&self) -> bool {
        self.prompt.is_some()
            || self.error.is_some()
            || self.export_dialog.is_some()
            || self.conflict.is_some()
            || self.reload_offer.is_some()
            || !self.recovery_offers.is_empty()
    }

    /// Whether a recovery copy left by a gone editor is being offered.
    pub fn is_offering_recovery(&self) -> bool {
        !self.recovery_offers.is_empty()
    }

    /// Whether the "changed on disk, reload?" offer is shown.
    pub fn is_offering_reload(&self) -> bool {
        self.reload_offer.is_some()
    }

    /// The theme the preferences ask for.
    pub fn theme(&self) -> Theme {
        if self.prefs.dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// Applies an edit as one undo step and selects what it created.
    pub fn apply(&mut self, edit: Edit) -> Option<Created> {
        match self.document.apply(edit) {
            Ok(created) => {
                match &created {
                    Created::Cards(cards) => {
                        self.selection = Selection {
                            cards: cards.clone(),
                            ..Selection::default()
                        }
                    }
                    Created::Point(point) => self.selection = Selection::only_point(point.clone()),
                    Created::Stage(stage) => {
                        self.selection = Selection {
                            stage: Some(stage.clone()),
                            ..Selection::default()
                        };
                    }
                    Created::Lane(lane) => {
                        self.selection = Selection {
                            lane: Some(lane.clone()),
                            ..Selection::default()
                        }
                    }
                    Created::Nothing => {}
                }
                self.notice = None;
                self.forget_missing_selection();
                Some(created)
            }
            Err(error) => {
                self.error = Some(format!("That edit could not be made: {error}."));
                None
            }
        }
    }

    /// Carries out a menu or keyboard command.
    pub fn run_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::New => self.request(Pending::New),
            UiCommand::Open => self.request(Pending::OpenDialog),
            UiCommand::Save => self.save(),
            UiCommand::SaveAs => self.ask_where_to_save(),
            UiCommand::ExportImage => self.open_export_dialog(),
            UiCommand::Quit => self.request(Pending::Quit),
            UiCommand::Undo => {
                self.document.undo();
                self.forget_missing_selection();
            }
            UiCommand::Redo => {
                self.document.redo();
                self.forget_missing_selection();
            }
            UiCommand::Cut => self.cut(),
            UiCommand::Copy => {
                self.copy();
            }
            // The paste arrives as an event with the clipboard's text.
            UiCommand::Paste => self.ctx_commands.push(egui::ViewportCommand::RequestPaste),
            UiCommand::Duplicate => {
                let copies =
                    crate::ui::gesture::duplicate(&self.selection.cards, &self.document.map);
                if let Some(edit) = copies {
                    self.apply(edit);
                }
            }
            UiCommand::Delete => self.delete_selection(),
            UiCommand::EditInPlace => self.canvas.start_typing(),
            UiCommand::SelectAll => self.select_all(),
            UiCommand::SelectNone => self.selection = Selection::default(),
            UiCommand::AddStage => self.add_stage(),
            UiCommand::FitToWindow => self.canvas.fit_to_window(),
            UiCommand::ActualSize => self.canvas.zoom_to(1.0, None),
            UiCommand::ZoomIn => self
                .canvas
                .zoom_to(self.canvas.zoom * crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ZoomOut => self
                .canvas
                .zoom_to(self.canvas.zoom / crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            // Shown by the app shell's modal slot (being reshaped).
            UiCommand::ShowShortcuts | UiCommand::GettingStarted | UiCommand::About => {}
        }
    }

    /// Adds a stage after the selected one (or at the end) and starts
    /// typing its name.
    pub fn add_stage(&mut self) {
        let map = &self.document.map;
        let index = self
            .selection
            .stage
            .as_ref()
            .and_then(|id| map.stage_index(id))
            .map_or(map.stages.len(), |i| i + 1);
        if let Some(Created::Stage(id)) = self.apply(Edit::AddStage {
            index,
            name: "New stage".into(),
        }) {
            self.canvas.inline = Some(InlineEdit::new(Target::StageName(id), ""));
        }
    }

    /// Adds a lane of `kind` below the selected one (or at the bottom) and
    /// starts typing its name.
    pub fn add_lane(&mut self, kind: LaneKind) {
        let map = &self.document.map;
        let index = self
            .selection
            .lane
            .as_ref()
            .and_then(|id| map.lane_index(id))
            .map_or(map.lanes.len(), |i| i + 1);
        let name = default_lane_name(kind).to_owned();
        if let Some(Created::Lane(id)) = self.apply(Edit::AddLane { index, name, kind }) {
            self.canvas.inline = Some(InlineEdit::new(Target::LaneName(id), ""));
        }
    }

    /// Drops selected items that an undo or redo removed.
    fn forget_missing_selection(&mut self) {
        let map = &self.document.map;
        self.selection.cards.retain(|id| map.card(id).is_some());
        self.selection.points.retain(|id| map.point(id).is_some());
        if self
            .selection
            .stage
            .as_ref()
            .is_some_and(|id| map.stage(id).is_none())
        {
            self.selection.stage = None;
        }
        if self
            .selection
            .lane
            .as_ref()
            .is_some_and(|id| map.lane(id).is_none())
        {
            self.selection.lane = None;
        }
        if let Some((stage, lane)) = &self.selection.cell
            && (map.stage(stage).is_none() || map.lane(lane).is_none())
        {
            self.selection.cell = None;
        }
    }

    fn error_dialog(&mut self, ctx: &egui::Context) {
        let Some(message) = &self.error else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("journeymap-error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Something went wrong");
            ui.add_space(6.0);
            ui.label(message);
            ui.add_space(10.0);
            if ui.button("OK").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape) || i.key_pressed(egui::Key::Enter))
            {
                close = true;
            }
        });
        if close {
            self.error = None;
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.document.is_dirty() { "*" } else { "" };
        let title = format!("{marker}{} — journeymap", self.document.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set: the file name, `*` when unsaved.
    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// One frame of the whole window. Separate from [`eframe::App::ui`] so
    /// that tests can drive the real app headless.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quitting
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(Pending::Quit);
        }
        self.poll_jobs();
        self.poll_export();
        if self.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let came_back = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if came_back {
            self.check_disk_on_focus();
        }
        if !self.is_modal_open() {
            for command in UiCommand::pressed(&ctx, self.canvas.inline.is_some()) {
                self.run_command(command);
            }
            let dropped: Vec<PathBuf> = ctx.input(|i| {
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_owned())
                    .collect()
            });
            if let Some(path) = dropped.into_iter().next() {
                self.request(Pending::OpenFile(path));
            }
            self.clipboard_events(&ctx);
        }
        ctx.set_visuals(if self.prefs.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        let theme = self.theme();
        let inspector_edits = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                self.inspector.show(ui, &self.document.map, &self.selection)
            })
            .inner;
        for edit in inspector_edits {
            self.apply(edit);
        }
        let output = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                self.canvas.show(
                    ui,
                    &self.document.map,
                    self.document.state(),
                    &theme,
                    &mut self.selection,
                )
            })
            .inner;
        for edit in output.edits {
            // A stage or lane added from the right-click menu is named at once.
            match self.apply(edit) {
                Some(Created::Stage(id)) => {
                    self.canvas.inline = Some(InlineEdit::new(Target::StageName(id), ""));
                }
                Some(Created::Lane(id)) => {
                    self.canvas.inline = Some(InlineEdit::new(Target::LaneName(id), ""));
                }
                _ => {}
            }
        }
        for command in output.commands {
            self.run_command(command);
        }
        self.export_window(&ctx);
        self.unsaved_prompt(&ctx);
        self.recovery_offer_window(&ctx);
        self.conflict_window(&ctx);
        self.reload_offer_window(&ctx);
        self.error_dialog(&ctx);
        self.autosave(&ctx);
        self.update_title(&ctx);
        for command in self.ctx_commands.drain(..) {
            ctx.send_viewport_cmd(command);
        }
        if let Some(text) = self.to_clipboard.take() {
            ctx.copy_text(text);
        }
    }
}

/// The map shown before any file is opened.
fn default_document() -> Document {
    samples::find(samples::DEFAULT_SAMPLE)
        .and_then(|sample| Document::from_sample(sample).ok())
        .unwrap_or_else(|| {
            Document::new(crate::model::JourneyMap::default(), Origin::Sample("empty"))
        })
}

impl eframe::App for JourneyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.guarded(|app| app.frame_ui(ui));
        startup::after_frame(ui.ctx());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs_to_store());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: the user saved or let go of every change.
        self.end_recovery();
    }
}

/// Where recovery copies are kept: `recovery` in the platform's data folder
/// for journeymap (on Linux `$XDG_DATA_HOME/journeymap/recovery`).
pub fn recovery_root() -> Option<PathBuf> {
    eframe::storage_dir("journeymap").map(|dir| dir.join("recovery"))
}

/// Opens the editor window with `file` (or the last file, or a sample).
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    startup::started();
    install_panic_hook();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("journeymap")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "journeymap",
        options,
        Box::new(move |cc| {
            let prefs: Preferences = cc
                .storage
                .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY))
                .unwrap_or_default();
            let app = JourneyApp::start(prefs, file.as_deref());
            let app = match recovery_root() {
                Some(root) => app.with_recovery(&root),
                None => app,
            };
            Ok(Box::new(app))
        }),
    )
}
