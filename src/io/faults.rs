//! Disk faults injected on purpose, so that tests can show what a user sees
//! when a disk fills up, a folder is read-only or a file is locked — and that
//! nothing is lost — without needing root, a full disk or another OS.
//!
//! A fault applies to saves into one folder (each test uses its own temporary
//! folder, so tests running in parallel do not see each other's faults) and
//! lasts until its [`FaultGuard`] is dropped. With no fault injected, the
//! check in the save path is one uncontended lock of an empty list.
//!
//! Test scaffolding: only built with the `test-support` feature (which
//! `cargo test` turns on), so the product has no such check at all.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::atomic::Step;

/// A way for a save to fail, as the operating system would report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The disk fills up halfway through writing the new version.
    DiskFull,
    /// The folder may not be written to: the temporary file cannot be made.
    ReadOnly,
    /// Another program holds the file: it cannot be replaced.
    Locked,
}

static FAULTS: Mutex<Vec<(PathBuf, Fault)>> = Mutex::new(Vec::new());

/// Removes its fault when dropped.
#[must_use = "the fault is removed as soon as the guard is dropped"]
pub struct FaultGuard {
    folder: PathBuf,
    fault: Fault,
}

impl Drop for FaultGuard {
    fn drop(&mut self) {
        let mut faults = FAULTS.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(i) = faults
            .iter()
            .position(|(folder, fault)| *folder == self.folder && *fault == self.fault)
        {
            faults.remove(i);
        }
    }
}

/// Makes every save into `folder` fail with `fault` until the guard drops.
pub fn inject(folder: &Path, fault: Fault) -> FaultGuard {
    let folder = folder.to_owned();
    FAULTS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((folder.clone(), fault));
    FaultGuard { folder, fault }
}

/// The error an injected fault causes at `step` of saving `target`, if any.
pub(super) fn strike(step: Step, target: &Path) -> Option<io::Error> {
    let faults = FAULTS.lock().unwrap_or_else(PoisonError::into_inner);
    let fault = faults
        .iter()
        .find(|(folder, _)| target.starts_with(folder))
        .map(|(_, fault)| *fault)?;
    match (fault, step) {
        (Fault::ReadOnly, Step::Create)
        | (Fault::DiskFull, Step::Write)
        | (Fault::Locked, Step::Replace) => Some(os_error(fault)),
        _ => None,
    }
}

/// The error the operating system gives for `fault`, with its own message.
fn os_error(fault: Fault) -> io::Error {
    #[cfg(unix)]
    let code = match fault {
        Fault::DiskFull => 28, // ENOSPC
        Fault::ReadOnly => 13, // EACCES
        Fault::Locked => 16,   // EBUSY
    };
    #[cfg(windows)]
    let code = match fault {
        Fault::DiskFull => 112, // ERROR_DISK_FULL
        Fault::ReadOnly => 5,   // ERROR_ACCESS_DENIED
        Fault::Locked => 32,    // ERROR_SHARING_VIOLATION
    };
    #[cfg(any(unix, windows))]
    return io::Error::from_raw_os_error(code);
    #[cfg(not(any(unix, windows)))]
    io::Error::other(match fault {
        Fault::DiskFull => "no space left on device",
        Fault::ReadOnly => "permission denied",
        Fault::Locked => "the file is in use",
    })
}
