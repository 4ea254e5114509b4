//! `journeymap import FILE.mmd|FILE.csv -o OUT.ron`: a Mermaid journey,
//! or a CSV of cards, as a new map.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{Outcome, write_new};
use crate::interchange::{mermaid, spreadsheet};
use crate::io::{self, Position};

/// Reads `file` as a Mermaid journey (`.mmd`, `.mermaid`) or a CSV of cards
/// (`.csv`) and writes it to `output` as a map.
/// Nothing is written when the file cannot be read or the map would not
/// be valid.
pub fn run(
    file: &Path,
    output: &Path,
    force: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Outcome {
    let problem = |err: &mut dyn Write, at: Option<Position>, message: &str| -> Outcome {
        match at {
            Some(at) => writeln!(err, "{}:{at}: {message}", file.display())?,
            None => writeln!(err, "{}: {message}", file.display())?,
        }
        Ok(ExitCode::FAILURE)
    };
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let csv = match extension.as_deref() {
        Some("csv") => true,
        Some("mmd" | "mermaid") => false,
        _ => {
            writeln!(
                err,
                "journeymap: {}: import reads a Mermaid journey (.mmd) or a CSV of cards (.csv)",
                file.display()
            )?;
            return Ok(ExitCode::from(2));
        }
    };
    let bytes = match io::read_map_bytes(file) {
        Ok(bytes) => bytes,
        Err(error) => return problem(err, None, &error.to_string()),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]).into_owned();
            let at = Position::of_offset(&valid, valid.len());
            return problem(err, Some(at), "this is not UTF-8 text; save it as UTF-8");
        }
    };
    let fallback_title = file.file_stem().map_or_else(
        || "Imported journey".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let read = if csv {
        spreadsheet::parse_cards(text, &fallback_title).map_err(|e| (e.at, e.message))
    } else {
        mermaid::parse_journey(text, &fallback_title).map_err(|e| (e.at, e.message))
    };
    let map = match read {
        Ok(map) => map,
        Err((at, message)) => return problem(err, Some(at), &message),
    };
    let ron = match io::to_ron(&map) {
        Ok(ron) => ron,
        Err(error) => return problem(err, None, &error.to_string()),
    };
    // The map must read back as `check` reads it, or nothing is written.
    if let Err(error) = io::parse_map(&ron) {
        return problem(
            err,
            None,
            &format!("the imported map is not valid: {error}"),
        );
    }
    let what = format!(
        "imported {} stages, {} lanes, {} cards",
        map.stages.len(),
        map.lanes.len(),
        map.card_count()
    );
    write_new(output, ron.as_bytes(), force, &what, out, err)
}
