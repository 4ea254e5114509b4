//! Saving without ever leaving a half-written file.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::SaveError;

/// Whether [`write_atomically`] may replace a file that already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace an existing file (Save).
    Allow,
    /// Fail with [`SaveError::AlreadyExists`] if the file exists (`new` without `--force`).
    Refuse,
}

/// Writes `bytes` to `path` so that, whatever happens, the file is either
/// the complete old version or the complete new one.
///
/// The bytes go to a temporary file in the same folder, which is flushed and
/// synced to disk and then renamed over the target. An existing file's
/// permissions are kept; a symlink is followed, so the file it points to is
/// replaced, not the link. On any error the temporary file is removed and
/// the original is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), SaveError> {
    let fail = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let target = resolve_symlink(path);
    let existing = fs::metadata(&target).ok();
    if overwrite == Overwrite::Refuse && existing.is_some() {
        return Err(SaveError::AlreadyExists {
            path: path.to_owned(),
        });
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();

    if let Some(error) = strike(Step::Create, &target) {
        return Err(fail(error));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(fail)?;
    if let Some(error) = strike(Step::Write, &target) {
        // Like a disk filling up: part of the new version is written first.
        temp.write_all(&bytes[..bytes.len() / 2]).map_err(fail)?;
        return Err(fail(error));
    }
    temp.write_all(bytes).map_err(fail)?;
    temp.flush().map_err(fail)?;
    if let Some(metadata) = &existing {
        fs::set_permissions(temp.path(), metadata.permissions()).map_err(fail)?;
    } else {
        give_new_file_default_permissions(temp.path()).map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;

    if let Some(error) = strike(Step::Replace, &target) {
        return Err(fail(error));
    }
    match overwrite {
        Overwrite::Allow => temp.persist(&target).map_err(|e| fail(e.error))?,
        Overwrite::Refuse => temp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                SaveError::AlreadyExists {
                    path: path.to_owned(),
                }
            } else {
                fail(e.error)
            }
        })?,
    };
    sync_folder(&folder);
    Ok(())
}

/// The step of an atomic save at which an injected fault strikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// Creating the temporary file beside the target.
    Create,
    /// Writing the bytes into the temporary file.
    Write,
    /// Renaming the temporary file over the target.
    Replace,
}

/// The error a fault injected by a test causes at `step` of saving `target`
/// (`io::faults`). The product is built without fault injection, and
/// there this is always `None` and compiles to nothing.
#[inline]
fn strike(step: Step, target: &Path) -> Option<io::Error> {
    #[cfg(any(test, feature = "test-support"))]
    return super::faults::strike(step, target);
    #[cfg(not(any(test, feature = "test-support")))]
    {
        let _ = (step, target);
        None
    }
}

/// The file a symlink points to, or `path` itself.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

/// Temporary files are created private (0600); a new map should be readable
/// like any other file the user creates (0644 under the usual umask).
#[cfg(unix)]
fn give_new_file_default_permissions(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn give_new_file_default_permissions(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Makes the rename itself durable. Best effort: some file systems cannot
/// sync a folder, and the data is already safely on disk by then.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
