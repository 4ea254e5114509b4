//! Other formats a journey comes from or goes to: Mermaid `journey`
//! diagrams (the text format many teams start from) and CSV of cards (the
//! spreadsheet where a workshop typed its stickies).

use std::path::Path;

use thiserror::Error;

use crate::io::{self, Diagnostic, Position};
use crate::model::JourneyMap;

pub mod mermaid;
pub mod spreadsheet;

/// Why a Mermaid or CSV text could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{at}: {message}")]
pub struct ReadError {
    /// Where in the file.
    pub at: Position,
    /// What is wrong, and how to fix it.
    pub message: String,
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Not a kind of file journeymap imports.
    #[error("journeymap imports a Mermaid journey (.mmd) or a CSV of cards (.csv)")]
    UnknownKind,
    /// The file could not be read, or is not what it says: the problem,
    /// with its place where it has one.
    #[error("{0}")]
    Bad(Diagnostic),
}

/// A format journeymap reads maps from and writes them to, besides its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `journey` diagram (`.mmd`, `.mermaid`).
    Mermaid,
    /// A CSV of cards, a row each (`.csv`).
    Csv,
}

impl Format {
    /// The format a file's extension names (in any case), if any.
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "mmd" | "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }

    /// `map` written in this format.
    pub fn write(self, map: &JourneyMap) -> String {
        match self {
            Self::Mermaid => mermaid::to_journey(map),
            Self::Csv => spreadsheet::to_cards(map),
        }
    }

    /// `text` read in this format; `title` names the map when the text
    /// names none.
    fn read(self, text: &str, title: &str) -> Result<JourneyMap, ReadError> {
        match self {
            Self::Mermaid => mermaid::parse_journey(text, title),
            Self::Csv => spreadsheet::parse_cards(text, title),
        }
    }
}

/// Reads the Mermaid journey or CSV of cards at `path` as a new map, titled
/// by the file's name when it names no title. The map is checked as a map
/// file is: one that would not load again is refused.
pub fn import(path: &Path) -> Result<JourneyMap, ImportError> {
    let format = Format::of(path).ok_or(ImportError::UnknownKind)?;
    let bad = |at, message: String| ImportError::Bad(Diagnostic { at, message });
    let bytes = io::read_map_bytes(path).map_err(|e| bad(None, e.to_string()))?;
    let text = std::str::from_utf8(&bytes).map_err(|error| {
        let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]).into_owned();
        let at = Position::of_offset(&valid, valid.len());
        bad(
            Some(at),
            "this is not UTF-8 text; save it as UTF-8".to_owned(),
        )
    })?;
    let title = path.file_stem().map_or_else(
        || "Imported journey".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let map = format
        .read(text, &title)
        .map_err(|e| bad(Some(e.at), e.message))?;
    let ron = io::to_ron(&map).map_err(|e| bad(None, e.to_string()))?;
    io::parse_map(&ron).map_err(|e| bad(None, format!("the imported map is not valid: {e}")))
}
