//! Saving over a file the user has open: never over somebody else's changes
//! (a `git pull`, another editor), keeping the previous version as a backup.

use std::ffi::OsString;
use std::fs;
use std::hash::{DefaultHasher, Hasher as _};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Overwrite, SaveError, write_atomically};

/// What a map file held when journeymap last read or wrote it, to tell
/// later whether somebody else has changed it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskState {
    /// There was no file.
    Missing,
    /// The file's size and a hash of its bytes. Content rather than the
    /// modification time: a checkout can restore an old time, and a fast
    /// second save can keep the same one.
    Content {
        /// Size in bytes.
        len: u64,
        /// Hash of the bytes.
        hash: u64,
    },
}

impl DiskState {
    /// The state of a file holding `bytes`.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        Self::Content {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }

    /// The state of the file at `path` now. Reads at most
    /// [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES) and a byte: a larger file
    /// cannot be a map journeymap opened or saved, and its state (of that
    /// much) differs from any such map's.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        use std::io::Read as _;
        let file = match fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Self::Missing),
            Err(error) => return Err(error),
        };
        let mut bytes = Vec::new();
        file.take(super::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok(Self::of_bytes(&bytes))
    }

    /// The state of a file holding `bytes`, or of no file.
    fn of(bytes: Option<&[u8]>) -> Self {
        bytes.map_or(Self::Missing, Self::of_bytes)
    }
}

/// The file's bytes, or `None` if there is no file.
fn read_if_present(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// How [`save_over`] treats the file it replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SaveOptions {
    /// Keep the version being replaced as `FILE.bak` (see [`backup_path`]).
    pub backup: bool,
    /// Refuse with [`SaveError::ChangedOnDisk`] unless the file is still in
    /// this state; `None` replaces whatever is there (the user said so).
    pub expect: Option<DiskState>,
}

/// Where the previous version of `path` is kept: `journey.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map_or_else(OsString::new, OsString::from);
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `bytes` to `path` atomically, first checking that the file is as
/// expected and keeping its previous version if asked. Returns the file's
/// new state. On any error the file is unchanged.
pub fn save_over(path: &Path, bytes: &[u8], options: SaveOptions) -> Result<DiskState, SaveError> {
    let fail = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let old = read_if_present(path).map_err(fail)?;
    if let Some(expected) = options.expect {
        let now = DiskState::of(old.as_deref());
        if now != expected {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_owned(),
                deleted: now == DiskState::Missing,
            });
        }
    }
    if options.backup
        && let Some(old) = old.as_deref().filter(|old| *old != bytes)
    {
        let backup = backup_path(path);
        write_atomically(&backup, old, Overwrite::Allow).map_err(|error| match error {
            SaveError::Write { source, .. } => SaveError::Backup {
                path: backup.clone(),
                source,
            },
            other => other,
        })?;
    }
    write_atomically(path, bytes, Overwrite::Allow)?;
    Ok(DiskState::of_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::MAX_FILE_BYTES;

    #[test]
    fn the_state_of_a_file_larger_than_any_map_is_read_no_further_than_the_cap() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("huge.ron");
        let file = fs::File::create(&path).expect("create");
        // Sparse: four times the cap, made in no time.
        file.set_len(4 * MAX_FILE_BYTES).expect("grow");
        let prefix = vec![0_u8; usize::try_from(MAX_FILE_BYTES + 1).expect("fits")];
        assert_eq!(
            DiskState::read(&path).expect("read"),
            DiskState::of_bytes(&prefix)
        );
        assert_eq!(
            DiskState::read(&folder.path().join("gone.ron")).expect("read"),
            DiskState::Missing
        );
    }
}
