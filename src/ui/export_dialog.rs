//! File ▸ Export slides…: the options of `journeymap export` with a live
//! preview. A widget: it returns what the user chose; the app shell asks
//! where to write the images and runs the export.

use std::num::NonZeroUsize;

use crate::export::{self, ExportOptions, FileFormat, Preset, Size, Split};
use crate::job::{Job, Poll};
use crate::model::StateView;

/// The export dialog's state: the options and the preview.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent yes-or-no choices, as the command line's flags are"
)]
pub struct ExportDialog {
    /// PNG images, a PDF deck or SVG files.
    pub format: FileFormat,
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
    /// Add the insights slides (health table, gaps, top pain points and
    /// opportunities, opportunity matrix) after the map's.
    pub insights: bool,
    /// How the slides split the map.
    pub split: SplitChoice,
    /// Stages a slide with [`SplitChoice::Every`].
    pub split_size: usize,
    /// Which state of the journey the slides show: the canvas's view
    /// until the user picks another here.
    pub state: StateView,
    preview: Option<egui::TextureHandle>,
    preview_of: Option<ExportOptions>,
    preview_job: Option<Job<(ExportOptions, Option<egui::ColorImage>)>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            format: FileFormat::Png,
            size: Preset::Slide1080p,
            scale: 2.0,
            dark: false,
            transparent: false,
            legend: true,
            insights: false,
            split: SplitChoice::Automatic,
            split_size: 3,
            state: StateView::Both,
            preview: None,
            preview_of: None,
            preview_job: None,
        }
    }
}

/// The dialog's choice of how slides split the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitChoice {
    /// As few slides as keep the text readable.
    Automatic,
    /// The whole map on one slide.
    One,
    /// [`ExportDialog::split_size`] stages a slide.
    Every,
}

/// What the user chose in the export dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportAction {
    /// Export…: ask where, then export with [`ExportDialog::options`].
    Export,
    /// Cancel or Esc.
    Close,
}

impl ExportDialog {
    /// The export options chosen.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size: self.size.size(self.scale),
            dark: self.dark,
            transparent: self.transparent,
            legend: self.legend,
            split: match (self.split, NonZeroUsize::new(self.split_size)) {
                (SplitChoice::One, _) => Split::One,
                (SplitChoice::Every, Some(n)) => Split::Every(n),
                (SplitChoice::Automatic | SplitChoice::Every, _) => Split::Automatic,
            },
            state: self.state,
            insights: self.insights,
        }
    }

    /// Follows the canvas to a new view of current and future state.
    pub fn set_state(&mut self, state: StateView) {
        self.state = state;
    }

    /// Shows the dialog with a preview of `map`; returns the user's choice.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        map: &crate::model::JourneyMap,
    ) -> Option<ExportAction> {
        refresh_preview(self, ctx, map);
        let mut action = None;
        egui::Modal::new(egui::Id::unique("journeymap-export")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Export slides");
            ui.add_space(6.0);
            options_ui(ui, self, map.has_future_state());
            ui.add_space(8.0);
            preview_ui(ui, self);
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    action = Some(ExportAction::Export);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    action = Some(ExportAction::Close);
                }
            });
        });
        action
    }
}

fn options_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog, has_future: bool) {
    egui::Grid::new("export-options")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Format");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.format, FileFormat::Png, "PNG images");
                ui.radio_value(&mut dialog.format, FileFormat::Pdf, "PDF, a page a slide");
                ui.radio_value(&mut dialog.format, FileFormat::Svg, "SVG to edit");
            });
            ui.end_row();
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
            if has_future {
                ui.label("Journey");
                ui.horizontal(|ui| {
                    for state in StateView::ALL {
                        ui.radio_value(&mut dialog.state, state, state.label());
                    }
                });
                ui.end_row();
            }
            ui.label("Insights");
            ui.checkbox(&mut dialog.insights, "Insights slides")
                .on_hover_text(
                    "After the map: the health of each stage, the biggest perception gaps, \
                     the top pain points and opportunities, and the opportunity matrix",
                );
            ui.end_row();
            ui.label("Split");
            ui.horizontal(|ui| {
                let slides = dialog.size != Preset::Full;
                if slides {
                    ui.radio_value(&mut dialog.split, SplitChoice::Automatic, "Readable")
                        .on_hover_text("As few slides as keep card text 16 px high at 1080p");
                    ui.radio_value(&mut dialog.split, SplitChoice::One, "One slide");
                } else if ui
                    .radio(dialog.split != SplitChoice::Every, "One image")
                    .clicked()
                {
                    // A whole-map image is never split on its own.
                    dialog.split = SplitChoice::Automatic;
                }
                ui.radio_value(&mut dialog.split, SplitChoice::Every, "Every");
                ui.add_enabled(
                    dialog.split == SplitChoice::Every,
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
/// in the background.
fn refresh_preview(dialog: &mut ExportDialog, ctx: &egui::Context, map: &crate::model::JourneyMap) {
    if let Some(job) = &dialog.preview_job {
        match job.poll() {
            Poll::Message((options, image)) => {
                dialog.preview_job = None;
                dialog.preview_of = Some(options);
                dialog.preview = image.map(|image| {
                    ctx.load_texture("export-preview", image, egui::TextureOptions::LINEAR)
                });
            }
            Poll::Running => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Poll::Gone => {
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
    dialog.preview_job = Some(Job::run(move || {
        let image = export::render_first(&map, &small).ok().map(|image| {
            let size = [image.width() as usize, image.height() as usize];
            egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw())
        });
        (options, image)
    }));
    ctx.request_repaint_after(std::time::Duration::from_millis(50));
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::export::Size;

    /// The dialog over the default sample, and the last choice it gave.
    fn harness() -> Harness<'static, (ExportDialog, Option<ExportAction>)> {
        let map = crate::samples::find(crate::samples::DEFAULT_SAMPLE)
            .and_then(|sample| sample.map().ok())
            .unwrap_or_default();
        let mut harness = Harness::new_ui_state(
            move |ui, (dialog, action): &mut (ExportDialog, Option<ExportAction>)| {
                if let Some(chosen) = dialog.show(ui.ctx(), &map) {
                    *action = Some(chosen);
                }
            },
            (ExportDialog::default(), None),
        );
        harness.run_steps(3);
        harness
    }

    #[test]
    fn the_options_chosen_are_the_options_exported() {
        let mut harness = harness();
        harness.get_by_label("Slide 3840×2160").click();
        harness.run_steps(3);
        harness.get_by_label("Dark").click();
        harness.run_steps(3);
        let options = harness.state().0.options();
        assert_eq!(
            options.size,
            Size::Slide {
                width: 3840,
                height: 2160
            }
        );
        assert!(options.dark);
        harness.get_by_label("Export…").click();
        harness.run_steps(3);
        assert_eq!(harness.state().1, Some(ExportAction::Export));
    }

    #[test]
    fn the_insights_checkbox_asks_for_the_insights_slides() {
        let mut harness = harness();
        assert!(!harness.state().0.options().insights, "off unless asked");
        harness.get_by_label("Insights slides").click();
        harness.run_steps(3);
        assert!(harness.state().0.options().insights);
    }

    #[test]
    fn escape_closes_the_dialog() {
        let mut harness = harness();
        harness.key_press(egui::Key::Escape);
        harness.run_steps(3);
        assert_eq!(harness.state().1, Some(ExportAction::Close));
    }
}
