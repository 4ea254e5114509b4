//! The subcommands that read maps and say what is in them: `check`,
//! `fmt` and `diff`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Outcome, exit_status, report, summary};
use crate::io::{self, Overwrite};

/// `journeymap check FILE...`: each map's summary, or its problems.
pub fn check(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let mut all_valid = true;
    let mut fonts = crate::render::fonts::FontChain::proportional();
    for file in files {
        let loaded =
            io::read_map_bytes(file).and_then(|bytes| Ok((io::parse_map_bytes(&bytes)?, bytes)));
        match loaded {
            Ok((map, bytes)) => {
                writeln!(out, "{}: ok ({})", file.display(), summary(&map))?;
                let text = String::from_utf8_lossy(&bytes);
                for (at, chr) in fonts.undrawn_in_file(&text) {
                    writeln!(
                        err,
                        "{}:{}: warning: U+{:04X} {chr:?} cannot be drawn by any of \
                         journeymap's fonts; it shows as a box",
                        file.display(),
                        io::Position::of_offset(&text, at),
                        u32::from(chr)
                    )?;
                }
            }
            Err(error) => {
                report(file, &error, err)?;
                all_valid = false;
            }
        }
    }
    Ok(exit_status(all_valid))
}

/// `journeymap fmt [--check] FILE...`: rewrites (or lists) the maps
/// that are not in canonical form, keeping their comments.
pub fn fmt(
    files: &[PathBuf],
    check_only: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Outcome {
    let mut ok = true;
    for file in files {
        let result =
            io::read_map_bytes(file).and_then(|bytes| Ok((io::parse_file_bytes(&bytes)?, bytes)));
        let (read, bytes) = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                report(file, &error, err)?;
                ok = false;
                continue;
            }
        };
        let canonical = match io::to_ron_with(&read.map, &read.comments) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "{}: {error}", file.display())?;
                ok = false;
                continue;
            }
        };
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if check_only {
            writeln!(out, "{}", file.display())?;
            ok = false;
        } else if let Err(error) =
            io::write_atomically(file, canonical.as_bytes(), Overwrite::Allow)
        {
            writeln!(err, "{}: {error}", file.display())?;
            ok = false;
        } else {
            writeln!(out, "{}: formatted", file.display())?;
        }
    }
    Ok(exit_status(ok))
}

/// `journeymap diff A B`: what changed, item by item.
pub fn diff(old: &Path, new: &Path, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let mut maps = Vec::new();
    for file in [old, new] {
        match io::read_map(file) {
            Ok(map) => maps.push(map),
            Err(error) => {
                report(file, &error, err)?;
                return Ok(ExitCode::from(2));
            }
        }
    }
    let [before, after] = maps.as_slice() else {
        return Ok(ExitCode::from(2));
    };
    let differences = crate::model::diff(before, after);
    for difference in &differences {
        writeln!(out, "{difference}")?;
    }
    Ok(if differences.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
