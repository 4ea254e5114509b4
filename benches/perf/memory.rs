//! Peak memory of the editor holding a map: the bench binary runs itself
//! as a child process that opens the map file the way the editor does,
//! draws frames at fit-to-window and at 100 %, and reports the peak
//! resident set size (`VmHWM`, Linux) it reached. A process of its own, so
//! nothing the benchmarks allocated counts.
//!
//! The largest map journeymap draws is measured the same way, in the
//! editor (the time to its first frame and the peak memory) and in a whole
//! PNG export (its time and peak memory): `open/limit`, `memory/peak/limit`,
//! `export/whole/limit` and `memory/export_peak/limit`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use journeymap::app::{JourneyApp, Preferences};
use journeymap::export::{self, ExportOptions};
use journeymap::io;
use journeymap::model::JourneyMap;

use crate::editor::Editor;
use crate::maps::BenchMap;
use crate::{figures, filter};

/// Set (to the map file) in the child process that opens it in the editor.
const CHILD: &str = "JOURNEYMAP_BENCH_MEMORY_CHILD";
/// Set (to the map file) in the child process that exports it.
const EXPORT_CHILD: &str = "JOURNEYMAP_BENCH_EXPORT_CHILD";

/// Whether this process is a child that measures memory.
pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some() || std::env::var_os(EXPORT_CHILD).is_some()
}

/// The child: open the map, draw, print `first_frame_ms N` and
/// `peak_kib N`; or export it as PNG slides beside it and print
/// `export_ms N` and `peak_kib N`.
pub fn child() {
    if let Some(path) = std::env::var_os(EXPORT_CHILD) {
        export_child(Path::new(&path));
        return;
    }
    let Some(path) = std::env::var_os(CHILD) else {
        return;
    };
    let started = Instant::now();
    let app = JourneyApp::start(Preferences::default(), Some(Path::new(&path)));
    if let Some(error) = app.message() {
        eprintln!("perf: the editor could not open the map: {error}");
        std::process::exit(1);
    }
    let mut editor = Editor::with_app(app);
    editor.next_frame();
    println!(
        "first_frame_ms {}",
        started.elapsed().as_secs_f64() * 1000.0
    );
    for _ in 0..4 {
        editor.next_frame();
    }
    editor.actual_size_in_the_middle();
    for _ in 0..5 {
        editor.next_frame();
    }
    let Some(kib) = peak_kib() else {
        eprintln!("perf: /proc/self/status has no VmHWM (not Linux?)");
        std::process::exit(1);
    };
    println!("peak_kib {kib}");
}

/// Reads the map at `path` and exports it as the command line does.
fn export_child(path: &Path) {
    let started = Instant::now();
    let exported = io::read_map(path)
        .map_err(|error| error.to_string())
        .and_then(|map| {
            let out = path.with_extension("png");
            export::export(&map, &ExportOptions::default(), &out).map_err(|e| e.to_string())
        });
    if let Err(error) = exported {
        eprintln!("perf: could not export {}: {error}", path.display());
        std::process::exit(1);
    }
    println!("export_ms {}", started.elapsed().as_secs_f64() * 1000.0);
    let Some(kib) = peak_kib() else {
        std::process::exit(1);
    };
    println!("peak_kib {kib}");
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// Measures the peak memory of the editor with the sample (what it needs
/// with a small map), and the editor and the export with the largest map
/// journeymap draws (the 20,000-card map of the frame figures is larger:
/// the editor refuses it).
pub fn measure(maps: &[BenchMap]) {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("perf: no temporary folder: no memory figures");
        return;
    };
    if let Some(BenchMap { name, map }) = maps.first()
        && filter::wanted(&format!("memory/peak/{name}"))
    {
        run_children(
            dir.path(),
            name,
            map,
            &[(CHILD, "peak_kib ", "memory/peak")],
        );
    }
    let ids = [
        "open/limit",
        "memory/peak/limit",
        "export/whole/limit",
        "memory/export_peak/limit",
    ]
    .map(String::from);
    if filter::any_wanted(&ids) {
        let map = crate::maps::at_the_limit();
        run_children(
            dir.path(),
            "limit",
            &map,
            &[
                (CHILD, "first_frame_ms ", "open"),
                (CHILD, "peak_kib ", "memory/peak"),
                (EXPORT_CHILD, "export_ms ", "export/whole"),
                (EXPORT_CHILD, "peak_kib ", "memory/export_peak"),
            ],
        );
    }
}

/// Saves `map` as `name` in `dir` and runs the children `reads` name, a few
/// times each, recording each line they print that starts with a prefix
/// as the figure `FIGURE/name` (kibibytes as MiB, the rest in ms).
fn run_children(dir: &Path, name: &str, map: &JourneyMap, reads: &[(&str, &str, &str)]) {
    let runs = if crate::quick() { 1 } else { 3 };
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let path = dir.join(format!("{name}.ron"));
    if let Err(error) = io::save_map(&path, map) {
        eprintln!("perf: could not write {}: {error}", path.display());
        return;
    }
    let mut children: Vec<&str> = reads.iter().map(|(child, ..)| *child).collect();
    children.dedup();
    for child in children {
        for _ in 0..runs {
            let Ok(output) = Command::new(&exe).env(child, &path).output() else {
                eprintln!("perf: the child for {name} did not start");
                continue;
            };
            let stdout = String::from_utf8_lossy(&output.stdout);
            for (_, prefix, figure) in reads.iter().filter(|(c, ..)| *c == child) {
                let value = stdout
                    .lines()
                    .find_map(|l| l.strip_prefix(prefix))
                    .and_then(|n| n.trim().parse::<f64>().ok());
                let Some(value) = value else {
                    eprintln!(
                        "perf: the child for {name} failed: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    continue;
                };
                let id = format!("{figure}/{name}");
                if prefix.starts_with("peak_kib") {
                    figures::record(&id, "MiB", value / 1024.0);
                } else {
                    figures::record(&id, "ms", value);
                }
            }
        }
    }
}
