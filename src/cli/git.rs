//! journeymap in a git repository: `git-setup` makes git merge maps with
//! `journeymap merge` and diff them with `journeymap git-diff`.
//!
//! Why an external diff command rather than a `textconv`: a textconv turns
//! each version into text that git then compares line by line, so a card
//! moved to another stage would still read as a line removed here and one
//! added there, and a field changed as two whole lines. The external
//! command prints what `journeymap diff` prints: one line per change,
//! naming the item, saying which field changed to what or where it moved.
//! `git diff` uses it; `git log -p`, `git show` and `git add -p` keep
//! showing the canonical RON's own line diff (which is already readable),
//! and `git diff --no-ext-diff` shows that too.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use super::{Outcome, report};
use crate::io::{self, Overwrite};
use crate::model::{self, JourneyMap};

/// What git passes to an external diff for the side where the file is not.
const NO_FILE: &str = "/dev/null";

/// The line `git-setup` adds to `.gitattributes`.
pub const ATTRIBUTES_LINE: &str = "*.ron merge=journeymap diff=journeymap";

/// Runs git with `args` in `folder`.
fn git(folder: &Path, args: &[&OsStr]) -> std::io::Result<Output> {
    Command::new("git").current_dir(folder).args(args).output()
}

/// `journeymap git-setup`: adds [`ATTRIBUTES_LINE`] to the repository's
/// `.gitattributes` (once) and sets the merge and diff drivers in its own
/// config, naming this journeymap by its absolute path.
pub fn setup(out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let here = Path::new(".");
    let top = match git(
        here,
        &[OsStr::new("rev-parse"), OsStr::new("--show-toplevel")],
    ) {
        Ok(found) if found.status.success() => {
            PathBuf::from(String::from_utf8_lossy(&found.stdout).trim_end_matches(['\n', '\r']))
        }
        Ok(_) => {
            writeln!(
                err,
                "journeymap git-setup: this is not inside a git repository; run it in one"
            )?;
            return Ok(ExitCode::from(2));
        }
        Err(error) => {
            writeln!(err, "journeymap git-setup: cannot run git: {error}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let exe = match std::env::current_exe().and_then(std::fs::canonicalize) {
        Ok(exe) => exe,
        Err(error) => {
            writeln!(
                err,
                "journeymap git-setup: cannot tell where journeymap is: {error}"
            )?;
            return Ok(ExitCode::from(2));
        }
    };
    let Some(exe) = exe.to_str().map(shell_quote) else {
        writeln!(
            err,
            "journeymap git-setup: journeymap's path {} is not UTF-8, which git's config cannot hold",
            exe.display()
        )?;
        return Ok(ExitCode::from(2));
    };
    let attributes = top.join(".gitattributes");
    match add_attributes_line(&attributes) {
        Ok(true) => writeln!(out, "{}: added `{ATTRIBUTES_LINE}`", attributes.display())?,
        Ok(false) => writeln!(out, "{}: has `{ATTRIBUTES_LINE}`", attributes.display())?,
        Err(error) => {
            writeln!(err, "journeymap git-setup: {error}")?;
            return Ok(ExitCode::from(2));
        }
    }
    let settings = [
        (
            "merge.journeymap.name",
            "journeymap: maps merged item by item".to_owned(),
        ),
        ("merge.journeymap.driver", format!("{exe} merge %O %A %B")),
        ("diff.journeymap.command", format!("{exe} git-diff")),
    ];
    for (key, value) in &settings {
        let args = ["config", "--local", key, value.as_str()].map(OsStr::new);
        match git(&top, &args) {
            Ok(done) if done.status.success() => writeln!(out, "git config {key} {value}")?,
            Ok(done) => {
                let said = String::from_utf8_lossy(&done.stderr);
                writeln!(
                    err,
                    "journeymap git-setup: git config {key} failed: {}",
                    said.trim()
                )?;
                return Ok(ExitCode::from(2));
            }
            Err(error) => {
                writeln!(err, "journeymap git-setup: cannot run git: {error}")?;
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds [`ATTRIBUTES_LINE`] to the file at `path` (created if missing)
/// unless a line already says it; whether it was added.
fn add_attributes_line(path: &Path) -> Result<bool, io::SaveError> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(io::SaveError::Write {
                path: path.to_owned(),
                source,
            });
        }
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTES_LINE) {
        return Ok(false);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(ATTRIBUTES_LINE);
    text.push('\n');
    io::write_atomically(path, text.as_bytes(), Overwrite::Allow)?;
    Ok(true)
}

/// `text` as one word for a POSIX shell (git runs drivers with `sh -c`):
/// in single quotes, each `'` in it written `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `journeymap git-diff`: git's external diff command. git passes the path
/// alone for an unmerged file, else `PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX
/// NEW-MODE`, and for a rename the new path and a similarity after them.
/// `/dev/null` stands for the side where the file does not exist.
///
/// Prints a header naming the path, then what `journeymap diff` prints. A
/// side that is not a valid map (a half-edited file) gets its problems
/// listed and the plain text diff shown instead. Exits 0 unless the output
/// cannot be written: git stops the whole diff when the command fails.
pub fn external_diff(args: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let (path, old, new, new_path) = match args {
        [path] => {
            writeln!(out, "* Unmerged path {}", path.display())?;
            return Ok(ExitCode::SUCCESS);
        }
        [path, old, _, _, new, _, _] => (path, old, new, path),
        [path, old, _, _, new, _, _, new_path, _] => (path, old, new, new_path),
        _ => {
            writeln!(
                err,
                "journeymap git-diff: git passes 1, 7 or 9 arguments, not {}",
                args.len()
            )?;
            return Ok(ExitCode::from(2));
        }
    };
    let (a, b) = (Path::new("a").join(path), Path::new("b").join(new_path));
    writeln!(out, "diff --journeymap {} {}", a.display(), b.display())?;
    if old == Path::new(NO_FILE) {
        writeln!(out, "(a new file)")?;
    } else if new == Path::new(NO_FILE) {
        writeln!(out, "(the file was removed)")?;
    }
    match (read_side(old), read_side(new)) {
        (Ok(before), Ok(after)) => {
            let differences = model::diff(&before, &after);
            if differences.is_empty() {
                writeln!(out, "(the same map: only its layout differs)")?;
            }
            for difference in &differences {
                writeln!(out, "{difference}")?;
            }
        }
        (before, after) => {
            for (name, side) in [(&a, before), (&b, after)] {
                if let Err(error) = side {
                    report(name, &error, out)?;
                }
            }
            writeln!(out, "(not a valid map: its text diff follows)")?;
            text_diff(old, new, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The map in `file`; no map at all for `/dev/null`, git's name for the
/// side of an added or removed file.
fn read_side(file: &Path) -> Result<JourneyMap, io::LoadError> {
    if file == Path::new(NO_FILE) {
        Ok(JourneyMap::default())
    } else {
        io::read_map(file)
    }
}

/// git's own line diff of two files, written to `out`.
fn text_diff(old: &Path, new: &Path, out: &mut impl Write) -> std::io::Result<()> {
    let args = [
        OsStr::new("diff"),
        OsStr::new("--no-index"),
        OsStr::new("--no-ext-diff"),
        OsStr::new("--"),
        old.as_os_str(),
        new.as_os_str(),
    ];
    match git(Path::new("."), &args) {
        Ok(shown) => out.write_all(&shown.stdout),
        Err(error) => writeln!(out, "(cannot run git to show it: {error})"),
    }
}
