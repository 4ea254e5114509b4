//! The app shell: wires the document, the canvas, the menus and the
//! preferences together in an eframe window.

mod document;
mod prefs;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use document::{Document, Origin};
pub use prefs::Preferences;

use crate::render::{Marks, Theme};
use crate::samples::{self, SAMPLES, SampleKind};
use crate::ui::{Canvas, UiCommand};

/// The journeymap editor.
pub struct JourneyApp {
    /// The open map.
    pub document: Document,
    /// How it is shown.
    pub canvas: Canvas,
    /// What is remembered between runs.
    pub prefs: Preferences,
    /// A message the user has to acknowledge, e.g. why a file did not open.
    pub error: Option<String>,
    /// The answer of a file dialog running on another thread.
    picked_file: Option<mpsc::Receiver<Option<PathBuf>>>,
    /// The window title last sent, to send it only when it changes.
    title: String,
}

impl JourneyApp {
    /// The app showing `document`, with default preferences.
    pub fn new(document: Document, prefs: Preferences) -> Self {
        Self {
            document,
            canvas: Canvas::default(),
            prefs,
            error: None,
            picked_file: None,
            title: String::new(),
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
        app
    }

    /// Opens the map at `path`. If it cannot be read, the error is shown (with
    /// line:column) and the current map stays as it is.
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

    /// Opens a bundled sample.
    pub fn open_sample(&mut self, name: &str) {
        match samples::find(name).map(Document::from_sample) {
            Some(Ok(document)) => self.replace_document(document),
            Some(Err(error)) => {
                self.error = Some(format!("The bundled sample {name} is damaged: {error}"));
            }
            None => self.error = Some(format!("There is no bundled sample named {name}.")),
        }
    }

    fn replace_document(&mut self, document: Document) {
        self.document = document;
        self.canvas.fit_to_window();
    }

    /// The theme the preferences ask for.
    pub fn theme(&self) -> Theme {
        if self.prefs.dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// Carries out a menu or keyboard command.
    pub fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::Open => self.pick_file(),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::FitToWindow => self.canvas.fit_to_window(),
            UiCommand::ActualSize => self.canvas.zoom_to(1.0, None),
            UiCommand::ZoomIn => self
                .canvas
                .zoom_to(self.canvas.zoom * crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ZoomOut => self
                .canvas
                .zoom_to(self.canvas.zoom / crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
        }
    }

    /// Asks for a file in the native dialog, on another thread so the
    /// window keeps drawing.
    fn pick_file(&mut self) {
        if self.picked_file.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let start_in = self
            .document
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned);
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new().add_filter("Journey map", &["ron"]);
            if let Some(folder) = start_in {
                dialog = dialog.set_directory(folder);
            }
            let _ = sender.send(dialog.pick_file());
        });
        self.picked_file = Some(receiver);
    }

    fn poll_file_dialog(&mut self) {
        let Some(receiver) = &self.picked_file else {
            return;
        };
        match receiver.try_recv() {
            Ok(picked) => {
                self.picked_file = None;
                if let Some(path) = picked {
                    self.open(&path);
                }
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.picked_file = None,
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let mut chosen = None;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if UiCommand::Open.menu_button(ui) {
                    chosen = Some(UiCommand::Open);
                }
                ui.menu_button("Open sample", |ui| {
                    for sample in SAMPLES.iter().filter(|s| s.kind == SampleKind::Map) {
                        if ui.button(sample.name).clicked() {
                            self.open_sample(sample.name);
                        }
                    }
                });
                ui.menu_button("New from template", |ui| {
                    for sample in SAMPLES.iter().filter(|s| s.kind == SampleKind::Template) {
                        if ui.button(sample.name).clicked() {
                            self.open_sample(sample.name);
                        }
                    }
                });
                ui.add_enabled_ui(!self.prefs.recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in self.prefs.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                self.open(&path);
                            }
                        }
                    });
                });
                ui.separator();
                if UiCommand::Quit.menu_button(ui) {
                    chosen = Some(UiCommand::Quit);
                }
            });
            ui.menu_button("View", |ui| {
                for command in [
                    UiCommand::FitToWindow,
                    UiCommand::ActualSize,
                    UiCommand::ZoomIn,
                    UiCommand::ZoomOut,
                ] {
                    if command.menu_button(ui) {
                        chosen = Some(command);
                    }
                }
                ui.separator();
                if ui
                    .checkbox(&mut self.prefs.dark.clone(), UiCommand::ToggleTheme.label())
                    .clicked()
                {
                    chosen = Some(UiCommand::ToggleTheme);
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!("{:.0} %", self.canvas.zoom * 100.0));
            });
        });
        if let Some(command) = chosen {
            self.run_command(ui.ctx(), command);
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
        let title = format!("{} — journeymap", self.document.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// The map shown before any file is opened.
fn default_document() -> Document {
    samples::find(samples::DEFAULT_SAMPLE)
        .and_then(|sample| Document::from_sample(sample).ok())
        .unwrap_or_else(|| Document {
            map: crate::model::JourneyMap::default(),
            origin: Origin::Sample("empty"),
        })
}

impl eframe::App for JourneyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }
}

impl JourneyApp {
    /// One frame of the whole window. Separate from [`eframe::App::ui`] so
    /// that tests can drive the real app headless.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_file_dialog();
        if self.picked_file.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        for command in UiCommand::pressed(&ctx) {
            self.run_command(&ctx, command);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.first() {
            self.open(path);
        }
        ctx.set_visuals(if self.prefs.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        let theme = self.theme();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.canvas
                .show(ui, &self.document.map, &theme, &Marks::default());
        });
        self.error_dialog(&ctx);
        self.update_title(&ctx);
    }
}

/// Opens the editor window with `file` (or the last file, or a sample).
pub fn run(file: Option<PathBuf>) -> eframe::Result {
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
            Ok(Box::new(JourneyApp::start(prefs, file.as_deref())))
        }),
    )
}
