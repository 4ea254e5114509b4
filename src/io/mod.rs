//! The map file format: RON, versioned, canonical, validated.
//!
//! A map file is a RON struct that starts with `version: 1` or `version: 2`. Reading checks
//! the size before reading, accepts a UTF-8 byte-order mark and CRLF line
//! endings, refuses unknown fields and newer versions with a line:column, and
//! validates ids and references. Writing is canonical (same map, same bytes,
//! `\n` line endings on every OS) and atomic.

mod atomic;
mod canonical;
mod comments;
mod disk;
mod error;
#[cfg(any(test, feature = "test-support"))]
pub mod faults;
mod hint;
mod locate;
pub mod recovery;
pub mod versions;

use std::io::Read as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use atomic::{Overwrite, write_atomically};
pub use canonical::MAX_COLUMNS;
pub use comments::{Comments, Notes, Path as ItemPath, Step};
pub use disk::{DiskState, SaveOptions, backup_path, save_over};
pub use error::{Diagnostic, LoadError, Position, SaveError};

use crate::model::{self, JourneyMap, Lane, Persona, Stage};

/// The newest format version this journeymap reads and writes. A map is
/// written with the lowest version that can hold it ([`versions::needed`]).
pub const CURRENT_VERSION: u32 = versions::INSIGHTS_VERSION;

/// The largest file journeymap will read: 32 MiB, over ten times the size of
/// a 20,000-card map.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How deeply the RON parser may nest before it gives up (a map needs 6).
pub const RECURSION_LIMIT: usize = 64;

/// The most problems one load reports; more would only bury the first.
const MAX_PROBLEMS: usize = 50;

/// The file as written: the map's fields after `version`.
#[derive(Serialize)]
#[serde(rename = "Map")]
struct FileOut<'a> {
    version: u32,
    title: &'a str,
    persona: &'a Persona,
    scenario: &'a str,
    lanes: &'a [Lane],
    stages: &'a [Stage],
}

/// The file as read: strict, so a typo in a field name is an error.
#[derive(Deserialize)]
#[serde(rename = "Map", deny_unknown_fields)]
struct FileIn {
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    persona: Persona,
    #[serde(default)]
    scenario: String,
    #[serde(default)]
    lanes: Vec<Lane>,
    #[serde(default)]
    stages: Vec<Stage>,
}

/// Just the version, read leniently, to tell a newer file from a broken one.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// A map file as read: the map, and the comments to write back with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapFile {
    /// The map.
    pub map: JourneyMap,
    /// The file's comments, by the item each belongs to.
    pub comments: Comments,
}

/// Reads and validates the map at `path`. Files over [`MAX_FILE_BYTES`] are
/// refused before they are read.
pub fn read_map(path: &Path) -> Result<JourneyMap, LoadError> {
    parse_map_bytes(&read_map_bytes(path)?)
}

/// Reads and validates the map at `path` with its comments, as
/// [`read_map`] does.
pub fn read_file(path: &Path) -> Result<MapFile, LoadError> {
    parse_file_bytes(&read_map_bytes(path)?)
}

/// The bytes of the file at `path`, refusing files over [`MAX_FILE_BYTES`]
/// before reading them (and if they grow while being read).
pub fn read_map_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = std::fs::File::open(path).map_err(LoadError::Read)?;
    let size = file.metadata().map_err(LoadError::Read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { size });
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Parses and validates a map from the bytes of a file.
pub fn parse_map_bytes(bytes: &[u8]) -> Result<JourneyMap, LoadError> {
    parse_map(file_text(bytes)?)
}

/// Parses and validates a map and its comments from the bytes of a file.
pub fn parse_file_bytes(bytes: &[u8]) -> Result<MapFile, LoadError> {
    parse_file(file_text(bytes)?)
}

/// The bytes of a map file as text, refusing files over [`MAX_FILE_BYTES`].
fn file_text(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    utf8_text(bytes)
}

/// The bytes as UTF-8 text, or where the first byte that is not.
fn utf8_text(bytes: &[u8]) -> Result<&str, LoadError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = error.valid_up_to();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        LoadError::NotUtf8 {
            at: Position::of_offset(&prefix, valid),
            byte: bytes[valid],
        }
    })
}

/// Parses and validates a map from text. A leading byte-order mark is
/// skipped and CRLF line endings are read as LF.
pub fn parse_map(text: &str) -> Result<JourneyMap, LoadError> {
    load(text, false).map(|file| file.map)
}

/// Parses and validates a map and its comments from text, as
/// [`parse_map`] does.
pub fn parse_file(text: &str) -> Result<MapFile, LoadError> {
    load(text, true)
}

fn load(text: &str, with_comments: bool) -> Result<MapFile, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains("\r\n") {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };

    if text.trim().is_empty() {
        return Err(LoadError::Syntax {
            at: Position { line: 1, column: 1 },
            message: "the file is empty; a map starts with `(version: 1,`".to_owned(),
        });
    }
    // Read forgivingly where nothing is ambiguous: `channel: Email` is
    // read as `Some(Email)` (which is what journeymap writes).
    let options = ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    if locate::find_field(text, 0, "version").is_none() {
        return Err(LoadError::Syntax {
            at: Position { line: 1, column: 1 },
            message: "the map has no version: a map file starts with `(version: 1,` \
                      (add it as the first line inside the opening parenthesis)"
                .to_owned(),
        });
    }
    let file: FileIn = match options.from_str(text) {
        Ok(file) => file,
        Err(error) => {
            // A newer file may use fields this version does not know: say it
            // is newer rather than pointing at the first unknown field.
            if let Ok(VersionOnly { version }) = options.from_str::<VersionOnly>(text) {
                check_version(text, version)?;
            }
            return Err(syntax_error(text, &error));
        }
    };
    check_version(text, file.version)?;

    let mut map = JourneyMap {
        title: file.title,
        persona: file.persona,
        scenario: file.scenario,
        lanes: file.lanes,
        stages: file.stages,
        id_tag: model::IdTag::default(),
    };
    // Ids are optional for cards and points in a hand-written file.
    map.fill_missing_ids();
    let comments = if with_comments {
        Comments::read(text)
            .map_err(|at| LoadError::Syntax {
                at: Position::of_offset(text, at),
                message: "journeymap cannot tell which item the comments here belong to".to_owned(),
            })?
            .name_unnamed(&map)
    } else {
        Comments::default()
    };
    let mut problems = model::validate(&map);
    problems.extend(versions::problem(&map, file.version));
    if !problems.is_empty() {
        let problems = problems
            .iter()
            .take(MAX_PROBLEMS)
            .map(|problem| Diagnostic {
                at: locate::find_anchor(text, &problem.anchor)
                    .map(|at| Position::of_offset(text, at)),
                message: problem.message.clone(),
            })
            .collect();
        return Err(LoadError::Invalid { problems });
    }
    map.sort_cells();
    Ok(MapFile { map, comments })
}

fn check_version(text: &str, version: u32) -> Result<(), LoadError> {
    let at = || Position::of_offset(text, locate::find_field(text, 0, "version").unwrap_or(0));
    match version {
        0 => Err(LoadError::UnknownVersion {
            at: at(),
            found: version,
        }),
        v if v > CURRENT_VERSION => Err(LoadError::NewerVersion {
            at: at(),
            found: version,
        }),
        _ => Ok(()),
    }
}

fn syntax_error(text: &str, error: &ron::error::SpannedError) -> LoadError {
    let at = Position {
        line: error.span.start.line,
        column: error.span.start.col,
    };
    if let Some(hint) = hint::for_slip(text, at) {
        return LoadError::Syntax { at, message: hint };
    }
    let ends_at_the_end = {
        let end = Position {
            line: error.span.end.line,
            column: error.span.end.col,
        };
        offset_of(text, end).is_some_and(|offset| text[offset..].trim().is_empty())
    };
    let message = match &error.code {
        ron::Error::Eof => "the file ends too early: it looks truncated".to_owned(),
        // A map ends with `)`: an error in the last word of the file (a
        // field name cut in two, say) is the file being cut short.
        other if ends_at_the_end => {
            format!("the file ends in the middle of a word: the file looks truncated ({other})")
        }
        ron::Error::ExpectedStringEnd => {
            "this text is never closed with `\"`: the file looks truncated".to_owned()
        }
        ron::Error::ExceededRecursionLimit => format!(
            "the file is nested more than {RECURSION_LIMIT} levels deep; a journey map never is"
        ),
        other => other.to_string(),
    };
    LoadError::Syntax { at, message }
}

/// The byte offset of `at` (line and column from 1, columns in
/// characters) in `text`, if the text has that place.
fn offset_of(text: &str, at: Position) -> Option<usize> {
    let line_start = if at.line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(at.line - 2)
            .map(|(i, _)| i + 1)?
    };
    let line = &text[line_start..];
    let column = at.column.checked_sub(1)?;
    let within = line
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()))
        .nth(column)?;
    Some(line_start + within)
}

/// The map in canonical form: pretty RON, `\n` line endings, `version` first
/// (the lowest that can hold the map, see [`versions::needed`]), fields in
/// a fixed order, empty optional fields left out, a card or emotion point
/// on one line when it fits in [`MAX_COLUMNS`], a final newline.
pub fn to_ron(map: &JourneyMap) -> Result<String, SaveError> {
    to_ron_with(map, &Comments::default())
}

/// The map in canonical form, as [`to_ron`] writes it, with `comments` put
/// back before (or at the end of the line of) the items they belong to.
/// Comments of items the map no longer has are left out.
pub fn to_ron_with(map: &JourneyMap, comments: &Comments) -> Result<String, SaveError> {
    let file = FileOut {
        version: versions::needed(map),
        title: &map.title,
        persona: &map.persona,
        scenario: &map.scenario,
        lanes: &map.lanes,
        stages: &map.stages,
    };
    // Compact: journeymap lays the text out itself, and has less to read.
    let text = ron::ser::to_string(&file).map_err(|e| SaveError::Serialize(e.to_string()))?;
    canonical::lay_out(&plain_apostrophes(text), comments).ok_or_else(|| {
        SaveError::Serialize("the ron crate wrote text journeymap cannot lay out".to_owned())
    })
}

/// `text` (RON from the ron crate) with `\'` written as a plain `'`.
///
/// The ron crate escapes every character of a string as
/// [`char::escape_debug`] does, which escapes a single quote: `won't` would
/// be saved as `won\'t`. A single quote needs no escape inside a
/// double-quoted RON string, and the reader still accepts `\'` from files
/// saved that way. Every other escape is kept, and `\\` is passed over
/// whole, so a backslash followed by a quote stays `\\'`. Outside strings
/// the output has no backslashes: a map holds no `char` values.
fn plain_apostrophes(text: String) -> String {
    if !text.contains("\\'") {
        return text;
    }
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            plain.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => plain.push('\''),
            Some(escaped) => {
                plain.push('\\');
                plain.push(escaped);
            }
            None => plain.push('\\'),
        }
    }
    plain
}

/// Saves `map` to `path` atomically in canonical form.
pub fn save_map(path: &Path, map: &JourneyMap) -> Result<(), SaveError> {
    write_atomically(path, to_ron(map)?.as_bytes(), Overwrite::Allow)
}

#[cfg(test)]
mod comment_tests;
