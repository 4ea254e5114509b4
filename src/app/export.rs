//! File ▸ Export slides…: the dialog (a widget in `ui`), then the export
//! itself in the background with progress.

use std::path::PathBuf;

use super::JourneyApp;
use super::jobs::{Report, Work};
use super::modal::Modal;
use crate::export;

impl JourneyApp {
    /// File ▸ Export slides…: opens the dialog, with the options last used.
    pub fn open_export_dialog(&mut self) {
        if !matches!(self.modal, Some(Modal::Export)) {
            self.show_modal(Modal::Export);
        }
    }

    /// Starts exporting with the dialog's options to `out` in the
    /// background; the window stays responsive and shows progress.
    pub fn export_to(&mut self, out: PathBuf) {
        if self.is_exporting() {
            return;
        }
        if matches!(self.modal, Some(Modal::Export)) {
            self.modal = None;
        }
        let options = self.export.options();
        let map = self.document.map.clone();
        self.export_progress = (0, 0);
        self.start_job(Work::Export, move |report| {
            let result = export::export_with_progress(&map, &options, &out, |done, total| {
                report.send(Report::Exporting { done, total });
            });
            report.send(Report::Exported(result.map_err(|e| e.to_string())));
        });
    }

    /// Whether an export is running.
    pub fn is_exporting(&self) -> bool {
        self.is_running(|work| *work == Work::Export)
    }

    /// "Exporting 2 of 3…" while an export runs.
    pub(super) fn export_status(&self) -> Option<String> {
        if !self.is_exporting() {
            return None;
        }
        let (done, total) = self.export_progress;
        Some(if total > 1 {
            format!("Exporting {} of {total}…", done + 1)
        } else {
            "Exporting…".to_owned()
        })
    }

    /// The end of an export.
    pub(super) fn exported(&mut self, result: Result<Vec<PathBuf>, String>) {
        match result {
            Ok(paths) => self.notify(exported(&paths)),
            Err(error) => self.show_message(format!("Export failed: {error}.")),
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
