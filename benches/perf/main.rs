//! `cargo bench --bench perf`: how fast the editor, the file format and the
//! export are, on the largest sample and on generated maps of 1,000, 5,000
//! and 20,000 cards. `cargo bench --bench perf -- --quick` finishes in under
//! a minute; either way the run ends with one line per figure:
//!
//! ```text
//! bench NAME median VALUE UNIT
//! ```
//!
//! Criterion (rather than divan) runs the benchmarks: it takes `--quick`
//! and name filters on the command line, compares each run with the last
//! one, and `iter_custom` lets a benchmark time just the part it measures
//! (one frame of an editor that stays open, one export stage). Criterion's
//! quick mode keeps only two batch totals, so the medians printed at the end
//! are this harness's own: the median of every timed iteration.
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark reports on stdout and stderr"
)]

mod canonical;
mod compare;
mod editor;
mod figures;
mod filter;
mod maps;
mod memory;
mod network;
mod sharing;
mod suites;

use std::time::{Duration, Instant};

use criterion::Criterion;

fn main() {
    if memory::is_child() {
        memory::child();
        return;
    }
    let start = Instant::now();
    // Criterion's quick mode measures each benchmark for up to its
    // measurement time: a second keeps the whole quick run under a minute.
    let measurement = if quick() { 1 } else { 3 };
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(measurement))
        .nresamples(10_000)
        .configure_from_args();
    let maps = maps::all();
    suites::frames(&mut criterion, &maps);
    suites::reference_frame(&mut criterion);
    suites::shell(&mut criterion);
    suites::files(&mut criterion, &maps);
    suites::export(&mut criterion, &maps);
    sharing::sharing(&mut criterion, &maps);
    sharing::shared_frames(&mut criterion, &maps);
    network::network(&maps);
    criterion.final_summary();
    memory::measure(&maps);
    eprintln!("perf: ran in {:.0} s", start.elapsed().as_secs_f64());
    figures::print();
}

/// Whether criterion runs in quick mode (`-- --quick`).
pub fn quick() -> bool {
    std::env::args().any(|arg| arg == "--quick")
}
