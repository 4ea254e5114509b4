//! What can go wrong reading or saving a map, in words a user can act on.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::{CURRENT_VERSION, MAX_FILE_BYTES};

/// A place in a file: line and column, both from 1, columns in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text's end).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One message about a file, with its position where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the file, if the problem has a place.
    pub at: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why a map could not be opened. The map in memory, if any, is untouched.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    /// The file is larger than any journey map should be.
    #[error(
        "the file is {size} bytes; journeymap opens maps of up to {} MiB, so this is not a map it can open",
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
    /// The map is valid but larger than journeymap draws.
    #[error(transparent)]
    TooLargeToDraw(#[from] crate::model::limits::TooLarge),
    /// The file is not UTF-8 text.
    #[error("{at}: {}", not_utf8_message(*byte))]
    NotUtf8 {
        /// Where the first invalid byte is.
        at: Position,
        /// The first invalid byte.
        byte: u8,
    },
    /// The text is not a well-formed map: a RON syntax error, an unknown or
    /// missing field, a value of the wrong type.
    #[error("{at}: {message}")]
    Syntax {
        /// Where the parser stopped.
        at: Position,
        /// What it expected.
        message: String,
    },
    /// The file was written by a newer journeymap.
    #[error("{at}: {}", newer_version_message(*found))]
    NewerVersion {
        /// Where `version` is written.
        at: Position,
        /// The version in the file.
        found: u32,
    },
    /// The version is not one journeymap ever wrote.
    #[error("{at}: {}", unknown_version_message(*found))]
    UnknownVersion {
        /// Where `version` is written.
        at: Position,
        /// The version in the file.
        found: u32,
    },
    /// The map parsed, but it is inconsistent (duplicate ids, dangling
    /// references, scores out of range…).
    #[error("{}", summary(problems))]
    Invalid {
        /// Every problem found, in file order.
        problems: Vec<Diagnostic>,
    },
}

fn summary(problems: &[Diagnostic]) -> String {
    match problems {
        [] => "the map is inconsistent".to_owned(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
    }
}

fn not_utf8_message(byte: u8) -> String {
    format!("the file is not UTF-8 text (byte 0x{byte:02x} here); save it as UTF-8")
}

fn newer_version_message(found: u32) -> String {
    format!(
        "this map is format version {found}, but this journeymap reads up to version {CURRENT_VERSION}; \
         update journeymap to open it (the file was not changed)"
    )
}

fn unknown_version_message(found: u32) -> String {
    format!("`version: {found}` is not a journeymap format version (the first is 1)")
}

impl LoadError {
    /// Every message of the error, one per problem, with positions.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let one = |at: &Position, message: String| {
            vec![Diagnostic {
                at: Some(*at),
                message,
            }]
        };
        match self {
            Self::Invalid { problems } => problems.clone(),
            Self::NotUtf8 { at, byte } => one(at, not_utf8_message(*byte)),
            Self::Syntax { at, message } => one(at, message.clone()),
            Self::NewerVersion { at, found } => one(at, newer_version_message(*found)),
            Self::UnknownVersion { at, found } => one(at, unknown_version_message(*found)),
            Self::Read(_) | Self::TooLarge { .. } | Self::TooLargeToDraw(_) => vec![Diagnostic {
                at: None,
                message: self.to_string(),
            }],
        }
    }

    /// Where the (first) problem is, if it has a place.
    pub fn position(&self) -> Option<Position> {
        self.diagnostics().first().and_then(|d| d.at)
    }
}

/// Why a map could not be saved. The file on disk is unchanged.
#[derive(Debug, Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("could not save {}: {}; the file on disk is unchanged", path.display(), explain(source))]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file exists and overwriting was not asked for.
    #[error("{} already exists; choose another name or allow overwriting", path.display())]
    AlreadyExists {
        /// The file that exists.
        path: PathBuf,
    },
    /// The map could not be turned into RON.
    #[error("could not write the map as RON: {0}")]
    Serialize(String),
    /// The file on disk is no longer the version that was opened or last
    /// saved: someone else changed, moved or deleted it.
    #[error("{} {} since it was opened or last saved; nothing was written", path.display(), if *deleted { "was deleted or moved" } else { "was changed by someone else" })]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// Whether it is gone rather than changed.
        deleted: bool,
    },
    /// The previous version could not be kept as a backup, so the file was
    /// not replaced.
    #[error("could not keep the previous version as {}: {}; the file on disk is unchanged (backups can be turned off in the File menu)", path.display(), explain(source))]
    Backup {
        /// The backup file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// What an operating-system error means for a save, in words a user can
/// act on, followed by the system's own message.
fn explain(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let advice = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "the disk is full: free some space or save somewhere else"
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "journeymap is not allowed to write there (the folder or file is read-only): save somewhere else"
        }
        ErrorKind::ResourceBusy => "another program is using the file: close it and save again",
        ErrorKind::NotFound => "the folder no longer exists: save somewhere else",
        _ if cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33)) => {
            "another program is using the file: close it and save again"
        }
        _ => return error.to_string(),
    };
    format!("{advice} ({error})")
}
