//! The shell's background work: opening and saving files, exporting,
//! native file dialogs and the changed-on-disk check. Each is a
//! [`Job`](crate::job::Job) that reports a [`Report`]; they are polled at
//! one point of the frame and their results handled in one place.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::files::FilePurpose;
use super::{Document, JourneyApp};
use crate::edit::StateId;
use crate::io::{DiskState, LoadError, SaveError};
use crate::job::{Job, Poll};

/// What a job is doing.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Work {
    /// Reading and checking a map file.
    Open(PathBuf),
    /// Reading a Mermaid journey or CSV of cards as a new map.
    Import(PathBuf),
    /// Reading the document's file again, keeping the view.
    Reload(PathBuf),
    /// Reading a map file to compare the document with.
    Compare(PathBuf),
    /// Writing the map, as it was in `state`, to `path`.
    Save {
        /// Where.
        path: PathBuf,
        /// The document state written.
        state: StateId,
    },
    /// Writing images.
    Export,
    /// A native file dialog is open, since `since`.
    Dialog(FilePurpose, Instant),
    /// Reading the document's file to see whether somebody changed it.
    DiskCheck,
}

/// What a job reports.
pub(super) enum Report {
    /// The file read and checked, or why it could not be.
    Opened(Box<Result<Document, LoadError>>),
    /// The file's new state, or why it was not written.
    Saved(Result<DiskState, SaveError>),
    /// `done` of `total` images written so far.
    Exporting {
        /// Images written.
        done: usize,
        /// Images in all.
        total: usize,
    },
    /// The images written, or why not.
    Exported(Result<Vec<PathBuf>, String>),
    /// The map to compare with, or why it could not be read.
    Compared(Box<Result<crate::model::JourneyMap, LoadError>>),
    /// The file imported as a map, or why it could not be.
    Imported(Box<Result<crate::model::JourneyMap, crate::interchange::ImportError>>),
    /// The native dialog's answer: a path, or none (cancelled, or no
    /// dialog could be shown).
    Chosen(Option<PathBuf>),
    /// The state of the document's file now.
    OnDisk(std::io::Result<DiskState>),
}

/// A job under way.
pub(super) struct Running {
    /// What it does.
    pub work: Work,
    /// Its thread.
    job: Job<Report>,
}

/// How fast a native dialog that answers "nothing" must have been for us to
/// believe it never showed: no person cancels a file dialog this quickly,
/// but rfd answers at once when neither a portal nor zenity is there.
const NOT_SHOWN_WITHIN: Duration = Duration::from_millis(250);

impl JourneyApp {
    /// Starts `work` in the background; `run` does it and reports.
    pub(super) fn start_job(
        &mut self,
        work: Work,
        run: impl FnOnce(&crate::job::Reporter<Report>) + Send + 'static,
    ) {
        self.jobs.push(Running {
            work,
            job: Job::spawn(run),
        });
    }

    /// Whether a job matching `is` is running.
    pub(super) fn is_running(&self, is: impl Fn(&Work) -> bool) -> bool {
        self.jobs.iter().any(|running| is(&running.work))
    }

    /// Whether background work is still running (open, save, export, a
    /// file dialog, the changed-on-disk check): the window keeps repainting
    /// until it reports, and shows a spinner.
    pub fn is_busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Takes in what the jobs report and acts on it.
    pub(super) fn poll_jobs(&mut self) {
        let mut i = 0;
        while let Some(running) = self.jobs.get(i) {
            match running.job.poll() {
                Poll::Running => i += 1,
                Poll::Message(Report::Exporting { done, total }) => {
                    self.export_progress = (done, total);
                }
                Poll::Message(report) => {
                    let running = self.jobs.remove(i);
                    self.finished(running.work, Some(report));
                }
                Poll::Gone => {
                    let running = self.jobs.remove(i);
                    self.finished(running.work, None);
                }
            }
        }
    }

    /// Acts on the end of `work`: its report, or `None` if its thread died.
    fn finished(&mut self, work: Work, report: Option<Report>) {
        match (work, report) {
            (Work::Open(path), Some(Report::Opened(result))) => self.opened(&path, *result),
            (Work::Import(path), Some(Report::Imported(result))) => self.imported(&path, *result),
            (Work::Import(path), _) => self.show_message(format!(
                "Could not import {}: reading it stopped unexpectedly.",
                path.display()
            )),
            (Work::Reload(path), Some(Report::Opened(result))) => self.reloaded(&path, *result),
            (Work::Compare(path), Some(Report::Compared(result))) => self.compared(path, *result),
            (Work::Compare(path), _) => self.show_message(format!(
                "Could not compare with {}: reading it stopped unexpectedly.",
                path.display()
            )),
            (Work::Save { path, state }, Some(Report::Saved(result))) => {
                self.saved(&path, state, result);
            }
            (Work::Save { path, .. }, _) => self.saved_failed(&path),
            (Work::Export, Some(Report::Exported(result))) => self.exported(result),
            (Work::Export, _) => {
                self.exported(Err("the export stopped unexpectedly".into()));
            }
            (Work::Dialog(purpose, since), Some(Report::Chosen(path))) => {
                if path.is_none() && since.elapsed() < NOT_SHOWN_WITHIN {
                    self.show_own_file_dialog(purpose);
                } else {
                    self.file_chosen(purpose, path);
                }
            }
            (Work::Dialog(purpose, _), _) => self.show_own_file_dialog(purpose),
            (Work::DiskCheck, Some(Report::OnDisk(Ok(now)))) => self.disk_checked(now),
            (Work::Open(path) | Work::Reload(path), _) => {
                self.show_message(format!(
                    "Could not open {}: reading it stopped unexpectedly.",
                    path.display()
                ));
            }
            // A check that could not read the file offers nothing: saving
            // checks again and says why.
            (Work::DiskCheck, _) => {}
        }
    }
}
