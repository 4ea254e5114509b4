//! File ▸ Export image…: the options of `journeymap export` with a live
//! preview, and the export itself on a background thread with progress.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::JourneyApp;
use super::files::DialogAnswer;
use crate::export::{self, ExportOptions, Preset, Size};

/// The export dialog's state: the options and the preview.
#[expect(
    clippy::struct_excessive_bools,
    reason = "one per checkbox or two-way choice of the dialog"
)]
pub struct ExportDialog {
    /// The image size.
    pub size: Preset,
    /// Pixels per point for [`Preset::Full`].
    pub scale: f32,
    /// Dark theme.
    pub dark: bool,
    /// Transparent background.
    pub transparent: bool,
    /// Draw the legend.
    pub legend: bool,
    /// One image per `split_size` stages instead of all on one.
    pub split: bool,
    /// Stages per image when split.
    pub split_size: usize,
    preview: Option<egui::TextureHandle>,
    preview_of: Option<ExportOptions>,
    preview_job: Option<Receiver<(ExportOptions, Option<egui::ColorImage>)>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            size: Preset::Slide1080p,
            scale: 2.0,
            dark: false,
            transparent: false,
            legend: true,
            split: false,
            split_size: 3,
            preview: None,
            preview_of: None,
            preview_job: None,
        }
    }
}

impl ExportDialog {
    /// The export options chosen.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size: self.size.size(self.scale),
            dark: self.dark,
            transparent: self.transparent,
            legend: self.legend,
            split: NonZeroUsize::new(self.split_size).filter(|_| self.split),
        }
    }
}

/// An export running on another thread.
pub(super) struct ExportJob {
    progress: Receiver<Progress>,
    done: usize,
    total: usize,
}

enum Progress {
    Wrote { done: usize, total: usize },
    Finished(Result<Vec<PathBuf>, String>),
}

/// What the dialog asks the app to do.
enum Action {
    None,
    Export,
    Close,
}

impl JourneyApp {
    /// File ▸ Export image…: opens the dialog.
    pub fn open_export_dialog(&mut self) {
        if self.export_dialog.is_none() {
            self.export_dialog = Some(ExportDialog::default());
        }
    }

    /// The options the export dialog shows, if it is open.
    pub fn export_dialog_mut(&mut self) -> Option<&mut ExportDialog> {
        self.export_dialog.as_mut()
    }

    /// Starts exporting with the dialog's options to `out` in the
    /// background; the window stays responsive and shows progress.
    pub fn export_to(&mut self, out: PathBuf) {
        if self.exporting.is_some() {
            return;
        }
        let options = self
            .export_dialog
            .as_ref()
            .map(ExportDialog::options)
            .unwrap_or_default();
        let map = self.document.map.clone();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let progress = sender.clone();
            let result = export::export_with_progress(&map, &options, &out, |done, total| {
                let _ = progress.send(Progress::Wrote { done, total });
            });
            let _ = sender.send(Progress::Finished(result.map_err(|e| e.to_string())));
        });
        self.exporting = Some(ExportJob {
            progress: receiver,
            done: 0,
            total: 0,
        });
        self.export_dialog = None;
    }

    /// Whether an export is running.
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// "Exporting 2 of 3…" while an export runs.
    pub(super) fn export_status(&self) -> Option<String> {
        let job = self.exporting.as_ref()?;
        Some(if job.total > 1 {
            format!("Exporting {} of {}…", job.done + 1, job.total)
        } else {
            "Exporting…".to_owned()
        })
    }

    /// Takes in the export's progress and result.
    pub(super) fn poll_export(&mut self) {
        let Some(job) = &mut self.exporting else {
            return;
        };
        loop {
            match job.progress.try_recv() {
                Ok(Progress::Wrote { done, total }) => (job.done, job.total) = (done, total),
                Ok(Progress::Finished(result)) => {
                    self.exporting = None;
                    match result {
                        Ok(paths) => self.notice = Some(exported(&paths)),
                        Err(error) => self.error = Some(format!("Export failed: {error}.")),
                    }
                    return;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.exporting = None;
                    self.error = Some("Export failed: the export stopped unexpectedly.".into());
                    return;
                }
            }
        }
    }

    /// Asks where to write the image, on a dialog thread.
    fn ask_where_to_export(&mut self) {
        let folder = self
            .document
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned);
        let name = format!("{}.png", super::files::suggested_name(&self.document));
        self.spawn_dialog(move || {
            let mut dialog = rfd::FileDialog::new()
                .add_filter("PNG image", &["png"])
                .set_file_name(name);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            DialogAnswer::ExportTo(dialog.save_file().map(|path| path.with_extension("png")))
        });
    }

    /// The dialog window, while it is open.
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.export_dialog else {
            return;
        };
        refresh_preview(dialog, ctx, &self.document.map);
        let mut action = Action::None;
        egui::Modal::new(egui::Id::unique("journeymap-export")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Export image");
            ui.add_space(6.0);
            options_ui(ui, dialog);
            ui.add_space(8.0);
            preview_ui(ui, dialog);
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    action = Action::Export;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    action = Action::Close;
                }
            });
        });
        match action {
            Action::None => {}
            Action::Export => self.ask_where_to_export(),
            Action::Close => self.export_dialog = None,
        }
    }
}

fn exported(paths: &[PathBuf]) -> String {
    match paths {
        [one] => format!("Exported {}", one.display()),
        [first, .., last] => format!(
            "Exported {} images: {} … {}",
            paths.len(),
            first.display(),
            last.display()
        ),
        [] => "Nothing exported".to_owned(),
    }
}

fn options_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog) {
    egui::Grid::new("export-options")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Size");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.size, Preset::Slide1080p, "Slide 1920×1080");
                ui.radio_value(&mut dialog.size, Preset::Slide4k, "Slide 3840×2160");
                ui.radio_value(&mut dialog.size, Preset::Full, "Whole map");
            });
            ui.end_row();
            if dialog.size == Preset::Full {
                ui.label("Scale");
                ui.add(
                    egui::Slider::new(&mut dialog.scale, 1.0..=3.0)
                        .step_by(1.0)
                        .suffix("×"),
                );
                ui.end_row();
            }
            ui.label("Theme");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.dark, false, "Light");
                ui.radio_value(&mut dialog.dark, true, "Dark");
            });
            ui.end_row();
            ui.label("Background");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.transparent, false, "Page colour");
                ui.radio_value(&mut dialog.transparent, true, "Transparent");
            });
            ui.end_row();
            ui.label("Legend");
            ui.checkbox(&mut dialog.legend, "Faces, severities, channels");
            ui.end_row();
            ui.label("Split");
            ui.horizontal(|ui| {
                ui.checkbox(&mut dialog.split, "One image per");
                ui.add_enabled(
                    dialog.split,
                    egui::DragValue::new(&mut dialog.split_size).range(1..=50),
                );
                ui.label("stages");
            });
            ui.end_row();
        });
}

fn preview_ui(ui: &mut egui::Ui, dialog: &ExportDialog) {
    let size = egui::vec2(480.0, 270.0);
    match &dialog.preview {
        Some(texture) => {
            let shown = texture.size_vec2() * (size.x / texture.size_vec2().x).min(1.0);
            ui.add(egui::Image::new((texture.id(), shown)).alt_text("Preview of the export"));
        }
        None if dialog.preview_job.is_none() && dialog.preview_of.is_some() => {
            ui.allocate_ui(size, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("No preview: the map could not be drawn with these options.");
                });
            });
        }
        None => {
            ui.allocate_ui(size, |ui| {
                ui.centered_and_justified(egui::Ui::spinner);
            });
        }
    }
    if dialog.preview_job.is_some() {
        ui.weak("Updating the preview…");
    }
}

/// Renders a small preview of the first image whenever the options change,
/// on another thread.
fn refresh_preview(dialog: &mut ExportDialog, ctx: &egui::Context, map: &crate::model::JourneyMap) {
    if let Some(job) = &dialog.preview_job {
        match job.try_recv() {
            Ok((options, image)) => {
                dialog.preview_job = None;
                dialog.preview_of = Some(options);
                dialog.preview = image.map(|image| {
                    ctx.load_texture("export-preview", image, egui::TextureOptions::LINEAR)
                });
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                // The preview thread died: say so rather than start another
                // one every frame (options changed later still retry).
                dialog.preview_job = None;
                dialog.preview = None;
                dialog.preview_of = Some(dialog.options());
            }
        }
    }
    let options = dialog.options();
    if dialog.preview_of == Some(options) {
        return;
    }
    // The preview is the first image drawn small: a slide with the same
    // proportions, or a thumbnail-sized slide for the whole map.
    let mut small = options;
    small.size = Size::Slide {
        width: 480,
        height: 270,
    };
    let map = map.clone();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let image = export::render_first(&map, &small).ok().map(|image| {
            let size = [image.width() as usize, image.height() as usize];
            egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw())
        });
        let _ = sender.send((options, image));
    });
    dialog.preview_job = Some(receiver);
    ctx.request_repaint_after(std::time::Duration::from_millis(50));
}
