//! Autosave to a recovery copy a few seconds after the last edit, a last
//! copy when the UI loop panics, and the offer to restore after a crash.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, SystemTime};

use super::modal::Modal;
use super::{Document, JourneyApp, Origin};
use crate::edit::{Edit, StateId};
use crate::io::SaveError;
use crate::io::recovery::{self, RecoveryCopy, Session, Source};
use crate::job::{Job, Poll};
use crate::samples;

/// How long after the last edit the recovery copy is written: long enough
/// not to write on every keystroke of a burst, short enough to lose little.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

/// After a failed write, how long before autosave tries again.
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// The recovery copy of this editor's document, kept up to date.
pub(super) struct Autosave {
    session: Session,
    /// The document state last seen, and when (in egui's time) it changed.
    seen: Option<StateId>,
    changed_at: f64,
    /// The state the recovery copy on disk holds, if there is one.
    written: Option<StateId>,
    /// A write under way on another thread, and the state it writes.
    writing: Option<(StateId, Job<Result<(), SaveError>>)>,
    /// After a failure: don't write again before this time.
    retry_at: f64,
    /// Whether the user was told that autosave is failing.
    told: bool,
}

impl Autosave {
    fn new(session: Session) -> Self {
        Self {
            session,
            seen: None,
            changed_at: 0.0,
            written: None,
            writing: None,
            retry_at: 0.0,
            told: false,
        }
    }
}

impl JourneyApp {
    /// Turns on autosave into a session under `root` (the platform's data
    /// folder in the real app; a temporary folder in tests), and queues
    /// the recovery copies that editors which are gone left there.
    #[must_use]
    pub fn with_recovery(mut self, root: &Path) -> Self {
        for orphan in recovery::orphans(root) {
            let text = match &orphan.copy {
                Some(Ok(copy)) => describe(copy),
                Some(Err(error)) => format!(
                    "{error}\n\nIt is kept in {} if you want to look at it.",
                    orphan.folder().display()
                ),
                None => "Nothing was unsaved, so nothing was lost.".to_owned(),
            };
            self.show_modal(Modal::Recovery(Box::new(orphan), text));
        }
        match Session::start(root) {
            Ok(session) => {
                *CRASH_FOLDER.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some(session.folder().to_owned());
                self.autosave = Some(Autosave::new(session));
            }
            Err(error) => {
                self.show_message(format!(
                    "Autosave is off: journeymap could not make its recovery folder in {}: \
                     {error}.\n\nSave your work often.",
                    root.display()
                ));
            }
        }
        self
    }

    /// The folder of this editor's recovery session, if autosave is on.
    pub fn recovery_folder(&self) -> Option<&Path> {
        self.autosave.as_ref().map(|a| a.session.folder())
    }

    /// Ends the recovery session after a clean exit: the copy goes with it.
    pub fn end_recovery(&mut self) {
        if let Some(autosave) = self.autosave.take() {
            let mut folder = CRASH_FOLDER.lock().unwrap_or_else(PoisonError::into_inner);
            if folder.as_deref() == Some(autosave.session.folder()) {
                *folder = None;
            }
            drop(folder);
            let _ = autosave.session.end();
        }
    }

    /// Keeps the recovery copy in step with the document: written a few
    /// seconds after the last edit, removed once nothing is unsaved.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if let Some(failure) = self.autosave_step(ctx) {
            self.show_message(failure);
        }
    }

    /// One step of [`Self::autosave`]; returns what to tell the user when
    /// a write failed (once, until one succeeds again).
    fn autosave_step(&mut self, ctx: &egui::Context) -> Option<String> {
        let mut failed = None;
        let now = ctx.input(|i| i.time);
        let dirty = self.document.is_dirty();
        let state = self.document.state();
        let auto = self.autosave.as_mut()?;
        if let Some((written, job)) = &auto.writing {
            let result = match job.poll() {
                Poll::Running => {
                    ctx.request_repaint_after(Duration::from_millis(50));
                    return None;
                }
                Poll::Message(result) => result,
                Poll::Gone => Err(SaveError::Serialize(
                    "the autosave was interrupted".to_owned(),
                )),
            };
            match result {
                Ok(()) => {
                    auto.written = Some(*written);
                    auto.told = false;
                }
                Err(error) => {
                    auto.retry_at = now + RETRY_AFTER.as_secs_f64();
                    if !auto.told {
                        auto.told = true;
                        failed = Some(format!(
                            "Autosave failed: {error}.\n\nYour map is still open; save it \
                             yourself (Ctrl+S). journeymap tries again in half a minute."
                        ));
                    }
                }
            }
            auto.writing = None;
        }
        if auto.seen != Some(state) {
            auto.seen = Some(state);
            auto.changed_at = now;
        }
        if !dirty {
            if auto.written.take().is_some() {
                let _ = auto.session.clear();
            }
            return failed;
        }
        if auto.written == Some(state) {
            return failed;
        }
        let due = (auto.changed_at + AUTOSAVE_DELAY.as_secs_f64()).max(auto.retry_at);
        if now < due {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
            return failed;
        }
        let file = auto.session.copy_file();
        let source = source_of(&self.document);
        let map = self.document.map.clone();
        let job = Job::run(move || recovery::write_copy(&file, &source, &map));
        auto.writing = Some((state, job));
        ctx.request_repaint_after(Duration::from_millis(50));
        failed
    }

    /// Runs `frame` (one frame of the UI); if it panics, the map is first
    /// written to the recovery copy with what went wrong, so that the next
    /// start offers it, and then the panic goes on.
    pub fn guarded<R>(&mut self, frame: impl FnOnce(&mut Self) -> R) -> R {
        match catch_unwind(AssertUnwindSafe(|| frame(self))) {
            Ok(result) => result,
            Err(payload) => {
                let report = take_panic_report().unwrap_or_else(|| {
                    payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "an unknown error".to_owned())
                });
                self.keep_after_crash(&report);
                resume_unwind(payload)
            }
        }
    }

    /// Writes the recovery copy now, if anything is unsaved, and the crash
    /// report. Best effort: the process is going down.
    fn keep_after_crash(&mut self, report: &str) {
        let Some(auto) = &self.autosave else { return };
        if self.document.is_dirty() {
            let source = source_of(&self.document);
            let _ = recovery::write_copy(&auto.session.copy_file(), &source, &self.document.map);
        }
        let _ = auto.session.record_crash(report);
    }

    /// Opens a recovered map as an unsaved document: over its file (one
    /// undo step back to the file's version) if the file still opens.
    pub fn restore(&mut self, copy: RecoveryCopy) {
        let document = match copy.source {
            Source::File(path) => match Document::open(&path) {
                Ok(mut document) => {
                    let _ = document.apply(Edit::ReplaceMap(Box::new(copy.map)));
                    document
                }
                Err(_) => Document::unsaved(copy.map, Origin::File(path)),
            },
            Source::Untitled(name) => {
                let name = samples::find(&name).map_or("untitled", |sample| sample.name);
                Document::unsaved(copy.map, Origin::Sample(name))
            }
        };
        if let Some(path) = document.path() {
            self.prefs.remember(path);
        }
        self.replace_document(document);
        self.write_recovery_copy_now();
    }

    /// Writes the recovery copy on this thread, now.
    fn write_recovery_copy_now(&mut self) {
        let Some(auto) = &mut self.autosave else {
            return;
        };
        if !self.document.is_dirty() {
            return;
        }
        let source = source_of(&self.document);
        match recovery::write_copy(&auto.session.copy_file(), &source, &self.document.map) {
            Ok(()) => auto.written = Some(self.document.state()),
            Err(error) => {
                self.show_message(format!(
                    "The restored map could not be autosaved: {error}.\n\nSave it yourself \
                     (Ctrl+S); the recovery copy it came from is kept."
                ));
            }
        }
    }

    /// Whether this editor's recovery copy holds the current document (or
    /// nothing needs one).
    pub(super) fn recovery_copy_is_current(&self) -> bool {
        !self.document.is_dirty()
            || self
                .autosave
                .as_ref()
                .is_some_and(|auto| auto.written == Some(self.document.state()))
    }
}

/// Where a document's map belongs, for its recovery copy.
fn source_of(document: &Document) -> Source {
    match &document.origin {
        Origin::File(path) => Source::File(path.clone()),
        Origin::Sample(name) => Source::Untitled((*name).to_owned()),
        Origin::Joined => Source::Untitled("shared".to_owned()),
        Origin::Imported(_) => Source::Untitled("imported".to_owned()),
    }
}

/// What a recovery copy is, so the user can decide: whose, from when, how
/// big, and how it relates to the file on disk now.
pub fn describe(copy: &RecoveryCopy) -> String {
    let when = ago(copy.written);
    let what = format!(
        "“{}”: {} stages, {} lanes, {} cards.",
        copy.map.title,
        copy.map.stages.len(),
        copy.map.lanes.len(),
        copy.map.card_count()
    );
    match &copy.source {
        Source::File(path) => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            // Whether it is there, without reading a map that may be large.
            let disk = match std::fs::metadata(path) {
                Ok(_) => "",
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    " The file itself is no longer there."
                }
                Err(_) => " The file itself cannot be read now.",
            };
            format!(
                "journeymap found unsaved changes to {name}, kept {when}.\n\n{what} The file is \
                 in {}.{disk}\n\nRestore opens the changes on top of the file, unsaved (undo \
                 shows the file's version). Discard deletes them.",
                path.parent()
                    .map_or_else(String::new, |p| p.display().to_string())
            )
        }
        Source::Untitled(sample) => format!(
            "journeymap found an unsaved map, kept {when}. It was started from the {sample} \
             template or sample and never saved.\n\n{what}\n\nRestore opens it, unsaved. \
             Discard deletes it."
        ),
    }
}

/// How long ago `time` was, in words: "2 minutes ago".
fn ago(time: SystemTime) -> String {
    let seconds = SystemTime::now()
        .duration_since(time)
        .unwrap_or_default()
        .as_secs();
    let (count, unit) = match seconds {
        0..60 => return "less than a minute ago".to_owned(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

/// The last panic's message and place, from the hook, if it happened on
/// this thread.
static LAST_PANIC: Mutex<Option<(ThreadId, String)>> = Mutex::new(None);

/// The recovery session folder of the editor running in this process, for
/// the panic hook.
static CRASH_FOLDER: Mutex<Option<std::path::PathBuf>> = Mutex::new(None);

/// Records every panic's message and place for [`JourneyApp::guarded`]
/// before the usual hook prints it. A panic on the thread that installed
/// the hook (the window's) also writes the crash report at once: a panic
/// outside the frame (in winit, say, when the X window is destroyed) ends
/// the editor without passing through [`JourneyApp::guarded`], and the
/// next start must still say what went wrong. Panics of background jobs
/// are not crashes: their jobs report them.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let window_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let report = info.to_string();
        let thread = std::thread::current().id();
        if thread == window_thread
            && let Some(folder) = CRASH_FOLDER
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .as_deref()
        {
            let _ = recovery::record_crash_in(folder, &report);
        }
        *LAST_PANIC.lock().unwrap_or_else(PoisonError::into_inner) = Some((thread, report));
        previous(info);
    }));
}

fn take_panic_report() -> Option<String> {
    let last = LAST_PANIC
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    last.filter(|(thread, _)| *thread == std::thread::current().id())
        .map(|(_, report)| report)
}
