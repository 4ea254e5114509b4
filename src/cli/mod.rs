//! The `journeymap` command line: open the editor, or check, format and
//! create maps without a window.

use std::io::{self as stdio, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod export;
mod git;
mod import;
mod maps;
mod merge;
mod peer;
mod serve;
mod stats;
pub use export::ExportArgs;
pub use peer::PeerArgs;
pub use serve::ServeArgs;
pub use stats::to_json as stats_json;

use crate::io::{self, Overwrite};
use crate::model::JourneyMap;
use crate::samples::{self, SampleKind};

const MANUAL: &str = "\
journeymap draws customer journey maps: the stages a customer goes through, \
what they do, think and feel at each one, the touchpoints they use, their \
pain points and the opportunities these open. Maps are plain-text RON files \
meant to be committed to git, reviewed in diffs and edited by hand.

With no subcommand, journeymap opens FILE in the editor (or, the first time, \
a bundled sample). The subcommands work without a window, for scripts and CI.

Exit status: 0 when everything is fine, 1 when a map is invalid (or would be \
reformatted, with `fmt --check`), 2 when the command line itself is wrong.";

const EXAMPLES: &str = "\
Examples:
  journeymap samples                         list the bundled maps and templates
  journeymap new --from grocery-trip -o grocery.ron
  journeymap check maps/*.ron                lint maps, e.g. in CI
  journeymap fmt maps/*.ron                  rewrite maps in canonical form
  journeymap fmt --check maps/*.ron          fail if any map is not canonical
  journeymap export grocery.ron -o slide.png --preset slide-4k
  journeymap export grocery.ron -o part.png --split 3   part-1.png, part-2.png, …
  journeymap import trip.mmd -o trip.ron     a Mermaid journey diagram as a map
  journeymap export trip.ron -o trip.mmd     and back
  journeymap import cards.csv -o trip.ron    a CSV of cards, a row each, as a map
  journeymap stats grocery.ron               each stage's health, the biggest gaps
  journeymap stats grocery.ron --json        the same figures for a script
  journeymap diff old.ron new.ron            what changed, card by card
  journeymap merge base.ron a.ron b.ron      b's changes since base merged into a.ron
  journeymap git-setup                       let git merge and diff maps card by card
  journeymap serve grocery.ron --port 7878   share a map on this network";

/// The command line, as parsed by clap.
#[derive(Debug, Parser)]
#[command(
    name = "journeymap",
    version,
    about = "Draw customer journey maps; files are RON that lives in git.",
    long_about = MANUAL,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, open the editor.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The map to open in the editor.
    pub file: Option<PathBuf>,
    /// Open the map a teammate shares: their join link
    /// (`journeymap://HOST:PORT/CODE`), or the address and code they read
    /// out, in quotes (`"192.168.1.20:7878 K7QD-M2XA-9FHT-3WPB"`).
    #[arg(long, value_name = "LINK", conflicts_with = "file")]
    pub join: Option<String>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check that maps are valid: well-formed RON, known fields, a version
    /// this journeymap reads, unique ids, no reference to a missing stage,
    /// lane or card, emotion scores from -3 to +3.
    ///
    /// Prints `FILE: ok (S stages, L lanes, C cards)` for each valid map and
    /// `FILE:LINE:COL: message` for each problem (to stderr). Exits 1 if any
    /// map is invalid.
    Check {
        /// The maps to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Rewrite maps in canonical form: the layout journeymap itself saves,
    /// so that diffs only show real changes.
    ///
    /// Files are replaced atomically, and only if they are valid maps.
    /// With --check nothing is written: the files that would change are
    /// listed and the exit status is 1 if there are any.
    Fmt {
        /// List the files that are not in canonical form instead of rewriting them.
        #[arg(long)]
        check: bool,
        /// The maps to format.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Export a map as PNG images for slides: a 1080p or 4K slide with the
    /// map fitted in, or the whole map at 1×, 2× or 3×.
    ///
    /// Rendered on the CPU with the editor's own painter: no window, no GPU.
    /// Prints the path of each image written.
    Export(ExportArgs),
    /// Read a Mermaid `journey` diagram (.mmd) or a CSV of cards (.csv)
    /// into a new map.
    ///
    /// Mermaid: each section becomes a stage; each task becomes a card in
    /// the "Doing" lane and a point on the "Feeling" curve (scores 1–5
    /// become -3, -2, 0, +2, +3); each stage's actors are cards in a "Who"
    /// lane. CSV: a header row naming the columns stage, lane, text and
    /// optionally channel, severity, answers, notes; then a row per card.
    /// A problem is reported as `FILE:LINE:COL: message`, with exit status
    /// 1, and nothing is written. `export MAP -o OUT.mmd|OUT.csv` writes
    /// one back.
    Import {
        /// The Mermaid (`.mmd`) or CSV (`.csv`) file to read.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the new map.
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
        /// Replace OUT.ron if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the health of each stage and of the whole map.
    ///
    /// For each stage: its pain points (how many, and their total weighted
    /// by severity: low or unrated 1, medium 2, high 3, critical 4), the
    /// mean emotion score (-3 to +3), the biggest perception gap (what the
    /// company believes the customer feels minus what the customer
    /// reports, at the point where they differ most), its moments of truth
    /// and its KPIs against their targets. Then the whole map's totals, its
    /// biggest perception gaps and its most voted pain points and
    /// opportunities.
    ///
    /// With --json the same figures are one JSON object: `{"stages": [{"id",
    /// "name", "pain_points", "severity_score", "mean_emotion",
    /// "perception_gap", "moments_of_truth", "kpis"}…], "map": {…}}`. A
    /// figure a stage has no data for (no emotion points, no company
    /// belief) is null; means are rounded to two decimals. Exits 1 if FILE
    /// is not a valid map, with its problems listed as `check` lists them.
    Stats {
        /// The map.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List what changed from map A to map B, item by item.
    ///
    /// Cards, stages, lanes and emotion points are matched by id: each line
    /// says what was added, removed, changed or moved, naming its id and
    /// text. Only meaning counts: layout, comments and the order of fields
    /// do not. Exits 0 when the maps mean the same, 1 when they differ and
    /// 2 when a file cannot be read as a map (its problems are listed as
    /// `check` lists them).
    Diff {
        /// The map before.
        #[arg(value_name = "A")]
        old: PathBuf,
        /// The map after.
        #[arg(value_name = "B")]
        new: PathBuf,
    },
    /// Merge two maps changed from a common ancestor: git's merge driver
    /// for maps (`journeymap git-setup` sets it up).
    ///
    /// BASE is the common ancestor, OURS and THEIRS the maps changed from
    /// it. The title, the persona's fields and each lane, stage, card and
    /// emotion point are matched by id, and each field is merged on its
    /// own: a change made on one side is taken, so two people editing
    /// different cards, or different fields of one card, or adding cards
    /// to one stage, merge cleanly. Both sides' new items are kept (theirs
    /// get a fresh id if ours used the same one). A conflict (a field
    /// changed two ways, a card moved to two places, an item changed on one
    /// side and removed on the other, a list reordered two ways) keeps
    /// ours, or the changed item, and shows theirs in a card whose text
    /// starts with `CONFLICT:`.
    ///
    /// The merged map, always valid, is written over OURS (or to OUT)
    /// atomically, in canonical form. Exits 0 for a clean merge; 1 with
    /// conflicts, each listed on stderr as `journeymap merge: conflict:
    /// …`; 2 when a file cannot be read as a map (its problems listed as
    /// `check` lists them), and then nothing is written.
    Merge {
        /// The common ancestor.
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our map: the merged map replaces it unless -o is given.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their map.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Write the merged map here instead of over OURS.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Make git merge and diff the maps of this repository item by item.
    ///
    /// Adds `*.ron merge=journeymap diff=journeymap` to the repository's
    /// .gitattributes (once; other lines are kept) and sets, in the
    /// repository's own git config, the merge driver and the diff command
    /// for maps to this journeymap, named by its absolute path. Then
    /// `git merge` and `git pull` merge maps as `merge` does (a conflict
    /// stops the merge as usual, with `CONFLICT:` cards in the map to
    /// resolve), and `git diff` lists changes as `diff` does (`git diff
    /// --no-ext-diff` shows the text). Run it again after moving
    /// journeymap; running it twice changes nothing. Exits 2 outside a git
    /// repository.
    GitSetup,
    /// git's external diff command for maps, set up by `git-setup`: git
    /// passes PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE.
    #[command(hide = true)]
    GitDiff {
        /// What git passes.
        #[arg(num_args = 1..=9, required = true, allow_hyphen_values = true)]
        args: Vec<PathBuf>,
    },
    /// Host a map for a live session: editors join with the link it prints.
    ///
    /// Prints one line, `join LINK`, and keeps running until interrupted
    /// (Ctrl+C or SIGTERM). Others join with `journeymap --join LINK` or
    /// File ▸ Join a shared map…, with the link or the short code
    /// `HOST:PORT CODE` read out from it.
    /// Connections are encrypted, and only peers that know the code get
    /// in. By default only peers on this machine or the local network are
    /// let in; --bind ADDR listens on ADDR and lets in peers from anywhere.
    ///
    /// FILE is loaded as `check` loads it and refused the same way. What the
    /// peers do is written to FILE (atomically, the previous version kept
    /// as FILE.bak) within 2 seconds, and at exit. The session's code, port
    /// and history are kept in `$XDG_DATA_HOME/journeymap/sessions/`, so
    /// `serve FILE` again (after a crash, say) keeps the same link, and the
    /// editors rejoin and catch up. Changes made to FILE meanwhile (a git
    /// pull) are merged in.
    ///
    /// With --via URL the map goes to a team's automerge-repo sync server
    /// instead (see README) and the link is the server's.
    Serve(ServeArgs),
    /// Join a session without a window: for scripts and tests.
    #[command(hide = true)]
    Peer(PeerArgs),
    /// List the bundled sample maps and templates.
    Samples,
    /// Write a new map file from a bundled sample or template.
    ///
    /// Refuses to overwrite an existing file unless --force is given.
    New {
        /// The sample or template to start from (see `journeymap samples`).
        #[arg(long, value_name = "NAME", default_value = "blank")]
        from: String,
        /// Where to write the new map.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Parses the arguments, runs the command and returns the exit status.
///
/// Results go to stdout and problems to stderr. If stdout is closed early
/// (`journeymap samples | head -1`), the command stops quietly.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    // Not locked for the whole command: the editor, `serve` and `peer` run
    // a session whose thread logs to stderr, and would wait for the lock
    // forever. Each write takes the lock for itself.
    let out = &mut stdio::stdout();
    let err = &mut stdio::stderr();
    let result = match cli.command {
        Some(Command::Check { files }) => maps::check(&files, out, err),
        Some(Command::Fmt { check, files }) => maps::fmt(&files, check, out, err),
        Some(Command::Export(args)) => export::run(&args, out, err),
        Some(Command::Serve(args)) => serve::run(&args, out, err),
        Some(Command::Diff { old, new }) => maps::diff(&old, &new, out, err),
        Some(Command::Stats { file, json }) => stats::run(&file, json, out, err),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
        }) => merge::run(&base, &ours, &theirs, output.as_deref(), err),
        Some(Command::GitSetup) => git::setup(out, err),
        Some(Command::GitDiff { args }) => git::external_diff(&args, out, err),
        Some(Command::Import {
            file,
            output,
            force,
        }) => import::run(&file, &output, force, out, err),
        Some(Command::Peer(args)) => peer::run(&args, out, err),
        Some(Command::Samples) => list_samples(out),
        Some(Command::New {
            from,
            output,
            force,
        }) => new_map(&from, &output, force, out, err),
        None => open_editor(cli.file, cli.join, err),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(error) if error.kind() == stdio::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "journeymap: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the editor window; returns when it is closed.
fn open_editor(file: Option<PathBuf>, join: Option<String>, err: &mut impl Write) -> Outcome {
    if let Some(link) = &join
        && let Err(error) = link.parse::<crate::net::JoinLink>()
    {
        writeln!(err, "journeymap: {error}")?;
        return Ok(ExitCode::from(2));
    }
    match crate::app::run(file, join) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            writeln!(err, "journeymap: cannot open the editor window: {error}")?;
            writeln!(
                err,
                "(the subcommands check, fmt, samples and new work without a window)"
            )?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What a subcommand returns: its exit status, or a failure to write output.
type Outcome = stdio::Result<ExitCode>;

fn summary(map: &JourneyMap) -> String {
    format!(
        "{} stages, {} lanes, {} cards",
        map.stages.len(),
        map.lanes.len(),
        map.card_count()
    )
}

/// Writes every problem of a map that failed to load, one line each.
fn report(file: &Path, error: &io::LoadError, err: &mut impl Write) -> stdio::Result<()> {
    for diagnostic in error.diagnostics() {
        report_one(file, &diagnostic, err)?;
    }
    Ok(())
}

/// Prints `FILE:LINE:COL: message`, or `FILE: message` without a place.
fn report_one(file: &Path, diagnostic: &io::Diagnostic, err: &mut impl Write) -> stdio::Result<()> {
    match diagnostic.at {
        Some(at) => writeln!(err, "{}:{at}: {}", file.display(), diagnostic.message),
        None => writeln!(err, "{}: {}", file.display(), diagnostic.message),
    }
}

fn exit_status(all_ok: bool) -> ExitCode {
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn list_samples(out: &mut impl Write) -> Outcome {
    for sample in samples::SAMPLES {
        let kind = match sample.kind {
            SampleKind::Map => "map",
            SampleKind::Template => "template",
        };
        match sample.map() {
            Ok(map) => writeln!(
                out,
                "{:<24}{kind:<10}{} ({})",
                sample.name,
                map.title,
                summary(&map)
            )?,
            Err(error) => writeln!(out, "{:<24}{kind:<10}(damaged: {error})", sample.name)?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn new_map(
    from: &str,
    output: &Path,
    force: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Outcome {
    let Some(sample) = samples::find(from) else {
        let names: Vec<_> = samples::SAMPLES.iter().map(|s| s.name).collect();
        writeln!(
            err,
            "journeymap: there is no sample named `{from}`; choose one of: {}",
            names.join(", ")
        )?;
        return Ok(ExitCode::from(2));
    };
    let what = format!("new map from `{from}`");
    write_new(output, sample.source.as_bytes(), force, &what, out, err)
}

/// Writes `bytes` to a new file `output` (replacing it only with `force`),
/// and says so: `OUTPUT: WHAT`.
fn write_new(
    output: &Path,
    bytes: &[u8],
    force: bool,
    what: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Outcome {
    let overwrite = if force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    match io::write_atomically(output, bytes, overwrite) {
        Ok(()) => {
            writeln!(out, "{}: {what}", output.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(io::SaveError::AlreadyExists { .. }) => {
            writeln!(
                err,
                "journeymap: {} already exists; pass --force to replace it",
                output.display()
            )?;
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            writeln!(err, "journeymap: {error}")?;
            Ok(ExitCode::FAILURE)
        }
    }
}
