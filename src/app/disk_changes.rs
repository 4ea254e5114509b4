//! When somebody else changes the open file — a `git pull`, another editor —
//! journeymap never saves over it silently: saving asks first, and coming
//! back to the window offers to reload.

use std::path::PathBuf;

use super::jobs::{Report, Work};
use super::modal::Modal;
use super::{Document, JourneyApp};
use crate::io::{DiskState, LoadError};

/// A save refused because the file changed on disk, waiting for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The file.
    pub path: PathBuf,
    /// Whether it is gone rather than changed.
    pub deleted: bool,
}

impl JourneyApp {
    /// Reloads the document's file from disk in the background, dropping
    /// unsaved changes but keeping the view, as the user asked.
    pub fn reload(&mut self) {
        let Some(path) = self.document.path().map(ToOwned::to_owned) else {
            return;
        };
        let target = path.clone();
        self.start_job(Work::Reload(path), move |report| {
            report.send(Report::Opened(Box::new(Document::open(&target))));
        });
    }

    /// The end of a reload of `path`.
    pub(super) fn reloaded(&mut self, path: &std::path::Path, result: Result<Document, LoadError>) {
        match result {
            Ok(document) => {
                let (zoom, pan) = (self.canvas.zoom, self.canvas.pan);
                self.replace_document(document);
                self.canvas.restore(zoom, pan);
                self.notify(format!("Reloaded {}", path.display()));
            }
            Err(error) => {
                self.show_message(format!(
                    "Could not reload {}: {error}\n\nYour version is still here.",
                    path.display()
                ));
            }
        }
    }

    /// Looks, in the background, whether the document's file changed on
    /// disk while the window was in the background, to offer a reload.
    /// Called when the window gets focus back.
    pub fn check_disk_on_focus(&mut self) {
        let Some(path) = self.document.path().map(ToOwned::to_owned) else {
            return;
        };
        if self.document.disk().is_none() || self.is_running(|work| *work == Work::DiskCheck) {
            return;
        }
        self.start_job(Work::DiskCheck, move |report| {
            report.send(Report::OnDisk(DiskState::read(&path)));
        });
    }

    /// Offers a reload if the file is now in a state the document did not
    /// come from, and the user has not declined this very state.
    pub(super) fn disk_checked(&mut self, now: DiskState) {
        let Some(known) = self.document.disk() else {
            return;
        };
        if now != known
            && now != DiskState::Missing
            && self.declined_reload != Some(now)
            && !self.is_offering_reload()
        {
            self.show_modal(Modal::Reload(now));
        }
    }
}
