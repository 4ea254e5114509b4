//! `journeymap merge BASE OURS THEIRS [-o OUT]`: the three-way merge of
//! maps, as git's merge driver runs it (`%O %A %B`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{Outcome, report};
use crate::io::{self, Overwrite};
use crate::model;

/// Merges what `ours` and `theirs` changed since `base` and writes the
/// result over `ours`, or to `output`. Exit status 0 for a clean merge, 1
/// with conflicts (listed on stderr; the merged map is still written) and
/// 2 when a file cannot be read as a map or the result cannot be written
/// (then nothing is written).
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    err: &mut impl Write,
) -> Outcome {
    let mut maps = Vec::with_capacity(3);
    for file in [base, ours, theirs] {
        match io::read_file(file) {
            Ok(read) => maps.push(read),
            Err(error) => report(file, &error, err)?,
        }
    }
    let [base_file, our_file, their_file] = maps.as_slice() else {
        writeln!(err, "journeymap merge: nothing was merged or written")?;
        return Ok(ExitCode::from(2));
    };
    let merged = model::merge(&base_file.map, &our_file.map, &their_file.map);
    // Each item keeps its comments, ours' where both sides have some; an
    // item of theirs that was given a new id takes its comments along.
    let their_comments = their_file.comments.clone().renamed(|list, id| {
        merged
            .renamed
            .iter()
            .find(|r| list.strip_suffix('s') == Some(r.kind) && r.from == id)
            .map(|r| r.to.clone())
    });
    let comments = our_file.comments.clone().or(&their_comments);
    let target = output.unwrap_or(ours);
    // A merge that broke the map would be a bug; git then keeps ours and
    // reports a conflict, which loses nothing.
    if let Some(problem) = model::validate(&merged.map).first() {
        writeln!(
            err,
            "journeymap merge: the merged map would not be valid ({}); nothing was written",
            problem.message
        )?;
        return Ok(ExitCode::from(2));
    }
    let written = io::to_ron_with(&merged.map, &comments)
        .and_then(|ron| io::write_atomically(target, ron.as_bytes(), Overwrite::Allow));
    if let Err(error) = written {
        writeln!(err, "journeymap merge: {error}")?;
        return Ok(ExitCode::from(2));
    }
    for renamed in &merged.renamed {
        writeln!(err, "journeymap merge: {renamed}")?;
    }
    for conflict in &merged.conflicts {
        writeln!(err, "journeymap merge: conflict: {conflict}")?;
    }
    Ok(if merged.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
