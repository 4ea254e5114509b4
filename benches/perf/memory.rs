//! Peak memory of the editor holding a map: the bench binary runs itself
//! as a child process that opens the map file the way the editor does,
//! draws frames at fit-to-window and at 100 %, and reports the peak
//! resident set size (`VmHWM`, Linux) it reached. A process of its own, so
//! nothing the benchmarks allocated counts.

use std::path::Path;
use std::process::Command;

use journeymap::app::{JourneyApp, Preferences};
use journeymap::io;

use crate::editor::Editor;
use crate::maps::{BenchMap, LARGEST};
use crate::{figures, filter};

/// Set (to the map file) in the child process.
const CHILD: &str = "JOURNEYMAP_BENCH_MEMORY_CHILD";

/// Whether this process is the child that measures memory.
pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// The child: open the map, draw, print `peak_kib N`.
pub fn child() {
    let Some(path) = std::env::var_os(CHILD) else {
        return;
    };
    let app = JourneyApp::start(Preferences::default(), Some(Path::new(&path)));
    if let Some(error) = app.message() {
        eprintln!("perf: the editor could not open the map: {error}");
        std::process::exit(1);
    }
    let mut editor = Editor::with_app(app);
    for _ in 0..5 {
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

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// Measures the peak memory with the largest map, and with the sample for
/// comparison (what the editor needs with a small map).
pub fn measure(maps: &[BenchMap]) {
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("perf: no temporary folder: no memory figures");
        return;
    };
    let runs = if crate::quick() { 1 } else { 3 };
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let wanted = maps
        .iter()
        .filter(|m| m.name == LARGEST || maps.first().is_some_and(|first| first.name == m.name));
    for BenchMap { name, map } in wanted {
        if !filter::wanted(&format!("memory/peak/{name}")) {
            continue;
        }
        let path = dir.path().join(format!("{name}.ron"));
        if let Err(error) = io::save_map(&path, map) {
            eprintln!("perf: could not write {}: {error}", path.display());
            continue;
        }
        for _ in 0..runs {
            let output = Command::new(&exe).env(CHILD, &path).output();
            let kib = output.ok().and_then(|output| {
                String::from_utf8_lossy(&output.stdout)
                    .lines()
                    .find_map(|l| l.strip_prefix("peak_kib "))
                    .and_then(|n| n.trim().parse::<u32>().ok())
            });
            match kib {
                Some(kib) => figures::record(
                    &format!("memory/peak/{name}"),
                    "MiB",
                    f64::from(kib) / 1024.0,
                ),
                None => eprintln!("perf: the memory child for {name} failed"),
            }
        }
    }
}
