//! The app shell: wires the document, the canvas, the menus and the
//! preferences together in an eframe window.

mod clipboard;
mod command;
mod disk_changes;
mod document;
mod export;
mod files;
mod jobs;
mod key_queue;
mod menus;
mod modal;
mod native_dialog;
mod notice;
mod people;
mod prefs;
mod recovery;
mod sharing;
mod startup;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use command::Command;
pub use disk_changes::Conflict;
pub use document::{Document, Origin};
pub use files::{FilePurpose, Pending};
pub use key_queue::KeyQueue;
pub use modal::Modal;
pub use notice::Notice;
pub use prefs::{Preferences, SavedView};
pub use recovery::{AUTOSAVE_DELAY, describe as describe_recovery_copy, install_panic_hook};
pub use sharing::{SHARE_PORT, describe as describe_session};

use crate::edit::{Created, Edit};
use crate::model::{JourneyMap, LaneKind, StateView};
use crate::render::Theme;
use crate::samples;
use crate::ui::inline_edit::{InlineEdit, Target};
use crate::ui::present::{PresentAction, Presentation};
use crate::ui::{Canvas, ExportDialog, Inspector, Selection, UiCommand, default_lane_name};

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
    /// A short message at the bottom of the window, e.g. where the map was
    /// saved, with an Undo button after a deletion.
    notice: Option<Notice>,
    /// The one modal window, if one is open.
    modal: Option<Modal>,
    /// Modal windows that wait for the open one to close, in order.
    waiting_modals: VecDeque<Modal>,
    /// The action to do once the save under way succeeds.
    after_save: Option<Pending>,
    /// Background work under way.
    jobs: Vec<jobs::Running>,
    /// Images written of all, while an export runs.
    export_progress: (usize, usize),
    /// The export dialog's options, kept from one export to the next.
    export: ExportDialog,
    /// Whether journeymap's fonts (with the bundled fallbacks) are set.
    fonts_installed: bool,
    /// Whether the user chose to quit (changes saved or let go).
    quitting: bool,
    /// Commands queued this frame, run at its end.
    commands: Vec<Command>,
    /// Text to put on the system clipboard at the end of the frame.
    pub to_clipboard: Option<String>,
    /// Window commands to send at the end of the frame.
    ctx_commands: Vec<egui::ViewportCommand>,
    /// The window title last sent, to send it only when it changes.
    title: String,
    /// The recovery copy kept while there are unsaved changes, if on.
    autosave: Option<recovery::Autosave>,
    /// A changed file the user chose not to reload, so as not to ask again.
    declined_reload: Option<crate::io::DiskState>,
    /// Keys typed in one frame that wait for the next, so that each reaches
    /// the field it was typed into.
    keys: KeyQueue,
    /// The session the map is shared in, if it is.
    sharing: Option<sharing::Sharing>,
    /// The slides shown full screen, while presenting.
    presenting: Option<Presentation>,
    /// The file the map is compared with (File ▸ Compare with…), if any.
    compare: Option<crate::ui::compare::Comparison>,
    /// The map as the canvas's view of current and future state shows it.
    seen: crate::ui::state_view::SeenMap,
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
            notice: None,
            modal: None,
            waiting_modals: VecDeque::new(),
            after_save: None,
            jobs: Vec::new(),
            export_progress: (0, 0),
            export: ExportDialog::default(),
            fonts_installed: false,
            quitting: false,
            commands: Vec::new(),
            to_clipboard: None,
            ctx_commands: Vec::new(),
            title: String::new(),
            autosave: None,
            declined_reload: None,
            keys: KeyQueue::default(),
            sharing: None,
            presenting: None,
            compare: None,
            seen: crate::ui::state_view::SeenMap::default(),
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

    /// Opens a bundled sample, discarding the current map.
    pub fn open_sample(&mut self, name: &str) {
        match samples::find(name).map(Document::from_sample) {
            Some(Ok(document)) => self.replace_document(document),
            Some(Err(error)) => {
                self.show_message(format!("The bundled sample {name} is damaged: {error}"));
            }
            None => self.show_message(format!("There is no bundled sample named {name}.")),
        }
    }

    /// Whether the user chose to quit.
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// Cuts this frame's keyboard events after the first key that moves the
    /// keyboard elsewhere; the rest wait for the next frame (see
    /// [`KeyQueue`]). eframe calls it before each frame, through
    /// [`eframe::App::raw_input_hook`].
    pub fn route_keys(&mut self, ctx: &egui::Context, raw: &mut egui::RawInput) {
        let typing = self.canvas.wants_keyboard() || ctx.egui_wants_keyboard_input();
        self.keys.route(&mut raw.events, typing);
    }

    /// Whether keys typed in an earlier frame still wait to be handled.
    pub fn keys_waiting(&self) -> bool {
        self.keys.is_waiting()
    }

    /// The theme the preferences ask for.
    pub fn theme(&self) -> Theme {
        Theme::for_dark(self.prefs.dark)
    }

    /// The map as the canvas shows it (View ▸ Current state or Future
    /// state), or `None` when that is the whole map.
    pub fn seen_map(&mut self) -> Option<Arc<JourneyMap>> {
        let state = self.document.state();
        self.seen.get(&self.document.map, state, self.canvas.view)
    }

    /// Applies an edit made on the map as the canvas shows it: see
    /// [`crate::ui::state_view`].
    pub fn apply_seen(&mut self, edit: Edit) -> Option<Created> {
        let edit =
            crate::ui::state_view::onto_whole_map(edit, &self.document.map, self.canvas.view);
        self.apply(edit)
    }

    /// Shows one state of the journey, or both; selected cards it hides are
    /// no longer selected.
    pub fn show_state(&mut self, view: StateView) {
        self.canvas.view = view;
        self.export.set_state(view);
        if let Some(seen) = self.seen_map() {
            self.selection.cards.retain(|id| seen.card(id).is_some());
        }
    }

    /// Applies an edit as one undo step and selects what it created.
    pub fn apply(&mut self, edit: Edit) -> Option<Created> {
        // Deleting a stage or lane takes its cards: say so, with Undo,
        // wherever it was deleted from (keys, menus, inspector).
        let deletion = notice::deletion_notice(&self.document.map, &edit);
        match self.document.apply(edit) {
            Ok(created) => {
                match &created {
                    Created::Cards(cards) => {
                        self.selection = Selection {
                            cards: cards.clone(),
                            ..Selection::default()
                        }
                    }
                    // A new point's label is typed at once, like a card's text.
                    Created::Point(point) => {
                        self.selection = Selection::only_point(point.clone());
                        self.canvas.inline =
                            Some(InlineEdit::new(Target::PointLabel(point.clone()), ""));
                    }
                    // A new stage or lane is named at once, wherever it was
                    // added from (menu, shortcut, right-click menu).
                    Created::Stage(stage) => {
                        self.selection = Selection {
                            stage: Some(stage.clone()),
                            ..Selection::default()
                        };
                        self.canvas.inline =
                            Some(InlineEdit::new(Target::StageName(stage.clone()), ""));
                    }
                    Created::Lane(lane) => {
                        self.selection = Selection {
                            lane: Some(lane.clone()),
                            ..Selection::default()
                        };
                        self.canvas.inline =
                            Some(InlineEdit::new(Target::LaneName(lane.clone()), ""));
                    }
                    Created::Nothing => {}
                }
                self.notice = None;
                self.forget_missing_selection();
                if created != Created::Nothing {
                    self.canvas.reveal_selection();
                }
                if let Some(deletion) = deletion {
                    self.notify_with_undo(deletion);
                }
                Some(created)
            }
            Err(error) => {
                self.show_message(format!("That edit could not be made: {error}."));
                None
            }
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
        self.apply(Edit::AddStage {
            index,
            name: "New stage".into(),
        });
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
        self.apply(Edit::AddLane { index, name, kind });
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

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.document.is_dirty() { "*" } else { "" };
        let shared = self
            .session_summary()
            .map(|summary| format!(" — shared, {summary}"))
            .unwrap_or_default();
        let state = match self.canvas.view {
            StateView::Both => "",
            StateView::Current => " — current state",
            StateView::Future => " — future state",
        };
        let title = format!(
            "{marker}{}{state}{shared} — journeymap",
            self.document.display_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The file the map is compared with, if it is (File ▸ Compare with…).
    pub fn compared_with(&self) -> Option<&Path> {
        self.compare
            .as_ref()
            .map(crate::ui::compare::Comparison::path)
    }

    /// While comparing: the panel with the legend and what only the other
    /// file has, and the changes marked on the canvas.
    fn comparison_panel(&mut self, ui: &mut egui::Ui) {
        let Some(comparison) = &mut self.compare else {
            self.canvas.mark_changes(None);
            return;
        };
        let (map, state) = (&self.document.map, self.document.state());
        let action = egui::Panel::left("compare")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| comparison.panel(ui, map, state))
            .inner;
        self.canvas
            .mark_changes(Some(comparison.changes(map, state)));
        if action == crate::ui::compare::PanelAction::Close {
            self.queue(UiCommand::EndComparison);
        }
    }

    /// The window title as last set: the file name, `*` when unsaved.
    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// One frame of the whole window. Separate from [`eframe::App::ui`] so
    /// that tests can drive the real app headless.
    ///
    /// Input is read first (shortcuts are queued, so that no widget also
    /// takes their keys), then everything is drawn, then the queued
    /// commands run, at this one point.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // From the next frame on; the first frame draws little text.
            crate::render::fonts::install(&ctx);
            self.fonts_installed = true;
        }
        self.poll_jobs();
        self.poll_sharing(&ctx);
        self.read_input(&ctx);
        let theme = self.theme();
        ctx.set_visuals(theme.visuals());
        if self.presenting.is_some() {
            self.present_frame(ui, &theme);
            self.finish_frame(&ctx);
            return;
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        if self.sharing.is_some() {
            egui::Panel::top("people").show(ui, |ui| self.people_strip(ui));
        }
        let inspector_edits = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                let voter = if self.prefs.name.trim().is_empty() {
                    crate::ui::WORKSHOP_VOTER
                } else {
                    self.prefs.name.trim()
                };
                self.inspector
                    .show(ui, &self.document.map, &self.selection, voter)
            })
            .inner;
        for edit in inspector_edits {
            self.apply(edit);
        }
        self.comparison_panel(ui);
        if self.prefs.insights {
            let picked = egui::Panel::bottom("insights")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| crate::ui::insights::show(ui, &self.document.map))
                .inner;
            if let Some(selection) = picked {
                self.selection = selection;
            }
        }
        self.look_with_others();
        let seen = self.seen_map();
        let output = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                self.canvas.show(
                    ui,
                    seen.as_deref().unwrap_or(&self.document.map),
                    self.document.state(),
                    &theme,
                    &mut self.selection,
                )
            })
            .inner;
        self.after_canvas();
        for edit in output.edits {
            self.apply_seen(edit);
        }
        for command in output.commands {
            self.queue(command);
        }
        self.notice_toast(&ctx);
        self.modal_window(&ctx);

        if self.run_queued_commands() {
            // What they changed is drawn in the next frame.
            ctx.request_repaint();
        }
        self.finish_frame(&ctx);
    }

    /// The end of every frame: changes go to teammates and the recovery
    /// copy, the title and window follow, the clipboard is filled.
    fn finish_frame(&mut self, ctx: &egui::Context) {
        self.send_shared_changes();
        self.send_presence();
        self.autosave(ctx);
        self.update_title(ctx);
        if self.keys.is_waiting() {
            ctx.request_repaint();
        }
        if self.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        for command in self.ctx_commands.drain(..) {
            ctx.send_viewport_cmd(command);
        }
        if let Some(text) = self.to_clipboard.take() {
            ctx.copy_text(text);
        }
    }

    /// Starts View ▸ Present: the window goes full screen.
    fn start_presenting(&mut self) {
        self.presenting = Some(Presentation::default());
        self.ctx_commands
            .push(egui::ViewportCommand::Fullscreen(true));
    }

    /// A frame of the presentation, which takes the whole window; Esc
    /// leaves it and the window's full screen.
    fn present_frame(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        // Teammates' edits still arrive and show on the slides.
        let state = self.document.state();
        let seen = self.seen_map();
        let map = seen.as_deref().unwrap_or(&self.document.map);
        let left = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                self.presenting
                    .as_mut()
                    .and_then(|p| p.show(ui, map, state, theme))
            })
            .inner;
        if left == Some(PresentAction::Leave) {
            self.presenting = None;
            self.ctx_commands
                .push(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// The presentation under way, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presenting.as_ref()
    }

    /// Reads this frame's input that belongs to the window rather than to a
    /// widget: closing, coming back, shortcuts, dropped files, the clipboard.
    fn read_input(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quitting
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.show_modal(Modal::Unsaved(Pending::Quit));
        }
        let came_back = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if came_back {
            self.check_disk_on_focus();
        }
        // A presentation reads its own keys.
        if self.is_modal_open() || self.presenting.is_some() {
            return;
        }
        self.inspector.route_tab(ctx, self.canvas.wants_keyboard());
        for command in UiCommand::pressed(ctx, self.canvas.wants_keyboard()) {
            self.queue(command);
        }
        let dropped: Option<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            self.queue(Command::OpenFile(path));
        }
        self.clipboard_events(ctx);
    }
}

/// The map shown before any file is opened.
fn default_document() -> Document {
    samples::find(samples::DEFAULT_SAMPLE)
        .and_then(|sample| Document::from_sample(sample).ok())
        .unwrap_or_else(|| Document::new(JourneyMap::default(), Origin::Sample("empty")))
}

impl eframe::App for JourneyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.guarded(|app| app.frame_ui(ui));
        startup::after_frame(ui.ctx());
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.route_keys(ctx, raw_input);
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

/// Opens the editor window with `file` (or the last file, or a sample),
/// or joins the shared map at `join`.
pub fn run(file: Option<PathBuf>, join: Option<String>) -> eframe::Result {
    startup::started();
    install_panic_hook();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder {
            // The icon, and the id that docks match to journeymap.desktop.
            icon: crate::ui::icon::window_icon().map(Arc::new),
            ..egui::ViewportBuilder::default()
        }
        .with_app_id("journeymap")
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
            let app = match &join {
                // The shared map shows once it arrives; meanwhile the
                // default sample, not the last file.
                Some(link) => {
                    let mut app = JourneyApp::new(default_document(), prefs);
                    if let Err(error) = app.join(link) {
                        app.show_message(error);
                    }
                    app
                }
                None => JourneyApp::start(prefs, file.as_deref()),
            };
            let app = match recovery_root() {
                Some(root) => app.with_recovery(&root),
                None => app,
            };
            Ok(Box::new(app))
        }),
    )
}
