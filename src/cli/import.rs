//! `journeymap import FILE.mmd|FILE.csv -o OUT.ron`: a Mermaid journey,
//! or a CSV of cards, as a new map.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{Outcome, report_one, write_new};
use crate::interchange::{self, ImportError};
use crate::io;

/// Reads `file` as a Mermaid journey (`.mmd`, `.mermaid`) or a CSV of cards
/// (`.csv`) and writes it to `output` as a map. Nothing is written when the
/// file cannot be read or the map would not be valid.
pub fn run(
    file: &Path,
    output: &Path,
    force: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Outcome {
    let map = match interchange::import(file) {
        Ok(map) => map,
        Err(error @ ImportError::UnknownKind) => {
            writeln!(err, "journeymap: {}: {error}", file.display())?;
            return Ok(ExitCode::from(2));
        }
        Err(ImportError::Bad(diagnostic)) => {
            report_one(file, &diagnostic, err)?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let ron = match io::to_ron(&map) {
        Ok(ron) => ron,
        Err(error) => {
            writeln!(err, "{}: {error}", file.display())?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let what = format!(
        "imported {} stages, {} lanes, {} cards",
        map.stages.len(),
        map.lanes.len(),
        map.card_count()
    );
    write_new(output, ron.as_bytes(), force, &what, out, err)
}
