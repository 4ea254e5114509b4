//! Other formats a journey comes from or goes to: Mermaid `journey`
//! diagrams (the text format many teams start from) and CSV of cards (the
//! spreadsheet where a workshop typed its stickies).

use std::path::Path;

use thiserror::Error;

use crate::io::{self, Position};
use crate::model::JourneyMap;

pub mod mermaid;
pub mod spreadsheet;

/// Why a file could not be imported: `FILE:LINE:COL: message` where there
/// is a place.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Not a kind of file journeymap imports.
    #[error("journeymap imports a Mermaid journey (.mmd) or a CSV of cards (.csv)")]
    UnknownKind,
    /// The file could not be read, or is not what it says.
    #[error("{}", match at { Some(at) => format!("{at}: {message}"), None => message.clone() })]
    Bad {
        /// Where in the file, if the problem has a place.
        at: Option<Position>,
        /// What is wrong, and how to fix it.
        message: String,
    },
}

/// Whether `path` is a file journeymap imports (`.mmd`, `.mermaid`, `.csv`).
pub fn imports(path: &Path) -> bool {
    kind(path).is_some()
}

/// `true` for CSV, `false` for Mermaid.
fn kind(path: &Path) -> Option<bool> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" => Some(true),
        "mmd" | "mermaid" => Some(false),
        _ => None,
    }
}

/// Reads the Mermaid journey or CSV of cards at `path` as a new map, titled
/// by the file's name when it names no title. The map is checked as a map
/// file is: one that would not load again is refused.
pub fn import(path: &Path) -> Result<JourneyMap, ImportError> {
    let csv = kind(path).ok_or(ImportError::UnknownKind)?;
    let bad = |at, message: String| ImportError::Bad { at, message };
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
    let map = if csv {
        spreadsheet::parse_cards(text, &title).map_err(|e| bad(Some(e.at), e.message))?
    } else {
        mermaid::parse_journey(text, &title).map_err(|e| bad(Some(e.at), e.message))?
    };
    let ron = io::to_ron(&map).map_err(|e| bad(None, e.to_string()))?;
    io::parse_map(&ron).map_err(|e| bad(None, format!("the imported map is not valid: {e}")))
}
