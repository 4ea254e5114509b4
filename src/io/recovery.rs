//! Recovery copies: the unsaved state of the open map, kept in the app's
//! data folder, so that a crash, a kill or a pulled plug loses seconds of a
//! workshop, not hours.
//!
//! Each running editor has a session folder under the recovery root,
//! holding a `lock` file that it keeps locked while it runs (the operating
//! system releases the lock when the process ends, however it ends), the
//! recovery copy of its map and, after a panic, a crash report. A folder
//! whose lock can be taken belongs to an editor that is gone: it is an
//! [`Orphan`], offered for recovery at the next start. A clean exit removes
//! its own folder; a recovery copy is never written over the user's file.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{LoadError, Overwrite, SaveError, parse_map, read_map_bytes, to_ron};
use crate::model::JourneyMap;

/// The recovery copy's name in a session folder.
const COPY_FILE: &str = "unsaved.ron";
/// The crash report's name in a session folder.
const CRASH_FILE: &str = "crash.txt";
/// The lock file's name in a session folder.
const LOCK_FILE: &str = "lock";

/// Where the map of a recovery copy belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A map file: restoring reopens it with the unsaved changes on top.
    File(PathBuf),
    /// A map never saved, opened from the named sample or template.
    Untitled(String),
}

/// A recovery copy as it is written.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Recovery", deny_unknown_fields)]
struct CopyFile {
    version: u32,
    source: Source,
    /// When it was written, in seconds since 1970.
    written: u64,
    /// The map, as the text of a map file.
    map: String,
}

/// The unsaved state of a map, read back from a recovery copy.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// Where the map belongs.
    pub source: Source,
    /// When the copy was written.
    pub written: SystemTime,
    /// The map with its unsaved changes.
    pub map: JourneyMap,
}

/// This running editor's session folder, locked for as long as it lives.
#[derive(Debug)]
pub struct Session {
    folder: PathBuf,
    _lock: File,
}

impl Session {
    /// Starts a session under `root`, creating the folders as needed.
    pub fn start(root: &Path) -> std::io::Result<Self> {
        fs::create_dir_all(root)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let name = format!("{}-{nanos}", std::process::id());
        // Made under a hidden name and locked before it is renamed into
        // place, so that no other editor ever sees it unlocked.
        let making = root.join(format!(".new-{name}"));
        fs::create_dir(&making)?;
        let lock = File::create(making.join(LOCK_FILE))?;
        lock.try_lock().map_err(|error| match error {
            TryLockError::Error(error) => error,
            TryLockError::WouldBlock => std::io::Error::other("the new session is locked"),
        })?;
        let folder = root.join(name);
        fs::rename(&making, &folder)?;
        Ok(Self {
            folder,
            _lock: lock,
        })
    }

    /// The session folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The file the recovery copy is written to, for [`write_copy`] on
    /// another thread.
    pub fn copy_file(&self) -> PathBuf {
        self.folder.join(COPY_FILE)
    }

    /// Removes the recovery copy: the map is saved, or nothing is unsaved.
    pub fn clear(&self) -> std::io::Result<()> {
        remove_if_present(&self.copy_file())
    }

    /// Writes what went wrong, to be shown at the next start.
    pub fn record_crash(&self, report: &str) -> Result<(), SaveError> {
        record_crash_in(&self.folder, report)
    }

    /// Ends the session after a clean exit: its folder goes, copy and all.
    pub fn end(self) -> std::io::Result<()> {
        fs::remove_dir_all(&self.folder)
    }
}

/// Writes what went wrong into the session folder `folder`, for the next
/// start to show: for a crash outside the frame, where only the folder is
/// known (see [`Session::folder`]).
pub fn record_crash_in(folder: &Path, report: &str) -> Result<(), SaveError> {
    super::write_atomically(
        &folder.join(CRASH_FILE),
        report.as_bytes(),
        Overwrite::Allow,
    )
}

/// Writes `map`, belonging to `source`, atomically as the recovery copy
/// `file` (see [`Session::copy_file`]).
pub fn write_copy(file: &Path, source: &Source, map: &JourneyMap) -> Result<(), SaveError> {
    let written = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let copy = CopyFile {
        version: super::CURRENT_VERSION,
        source: source.clone(),
        written,
        map: to_ron(map)?,
    };
    let text = ron::ser::to_string_pretty(&copy, ron::ser::PrettyConfig::new())
        .map_err(|e| SaveError::Serialize(e.to_string()))?;
    super::write_atomically(file, text.as_bytes(), Overwrite::Allow)
}

/// The session folder of an editor that is gone, with what it left: a
/// recovery copy, a crash report, or both. Its lock is held until it is
/// dropped, so two editors starting at once do not both offer it.
#[derive(Debug)]
pub struct Orphan {
    folder: PathBuf,
    _lock: File,
    /// The recovery copy, if there is one; an error if it cannot be read.
    pub copy: Option<Result<RecoveryCopy, LoadError>>,
    /// What went wrong, if the editor recorded a crash.
    pub crash: Option<String>,
}

impl Orphan {
    /// The session folder, where the copy stays if it is kept for later.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Deletes the folder: the copy was restored (and is now the new
    /// session's) or the user let it go.
    pub fn discard(self) -> std::io::Result<()> {
        fs::remove_dir_all(&self.folder)
    }
}

/// The sessions under `root` whose editors are gone and left something to
/// recover, newest first. Folders of gone editors with nothing in them are
/// removed; folders of running editors are left alone.
pub fn orphans(root: &Path) -> Vec<Orphan> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let folder = entry.path();
        if !folder.is_dir() {
            continue;
        }
        let Ok(lock) = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(folder.join(LOCK_FILE))
        else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue; // a running editor's, or one starting up
        }
        let starting = entry.file_name().to_string_lossy().starts_with('.');
        let copy_file = folder.join(COPY_FILE);
        let copy = copy_file.exists().then(|| read_copy(&copy_file));
        let crash = fs::read_to_string(folder.join(CRASH_FILE)).ok();
        if starting || (copy.is_none() && crash.is_none()) {
            drop(lock);
            let _ = fs::remove_dir_all(&folder);
            continue;
        }
        found.push(Orphan {
            folder,
            _lock: lock,
            copy,
            crash,
        });
    }
    found.sort_by_key(|orphan| {
        std::cmp::Reverse(match &orphan.copy {
            Some(Ok(copy)) => copy.written,
            _ => UNIX_EPOCH,
        })
    });
    found
}

/// Reads a recovery copy back, with the same limits and checks as a map.
pub fn read_copy(file: &Path) -> Result<RecoveryCopy, LoadError> {
    let bytes = read_map_bytes(file)?;
    let options = ron::Options::default().with_recursion_limit(super::RECURSION_LIMIT);
    let text = super::utf8_text(&bytes)?;
    let copy: CopyFile = options
        .from_str(text)
        .map_err(|error| super::syntax_error(text, &error))?;
    Ok(RecoveryCopy {
        source: copy.source,
        written: UNIX_EPOCH + Duration::from_secs(copy.written),
        map: parse_map(&copy.map)?,
    })
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}
