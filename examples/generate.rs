//! Writes a generated map for benchmarks and stress tests:
//!
//! ```sh
//! cargo run --release --example generate -- --stages 50 --lanes 10 --cards-per-cell 10 -o big.ron
//! ```
//!
//! The map has `--lanes` card lanes plus an emotion lane, so it holds
//! stages × lanes × cards-per-cell cards; the same `--seed` gives the same map.
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool reports on stdout and stderr"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use journeymap::generate::{Spec, generate};
use journeymap::io;

/// Write a generated journey map (valid, deterministic for a seed).
#[derive(Debug, Parser)]
struct Args {
    /// Stages (columns).
    #[arg(long)]
    stages: usize,
    /// Lanes that hold cards; an emotion lane is added.
    #[arg(long)]
    lanes: usize,
    /// Cards in every cell.
    #[arg(long)]
    cards_per_cell: usize,
    /// Picks the texts, channels, severities, links and scores.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The file to write (replaced if it exists).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = Spec {
        stages: args.stages,
        lanes: args.lanes,
        cards_per_cell: args.cards_per_cell,
        seed: args.seed,
    };
    // Refuse before building a map that could never be opened.
    if spec.card_count() > 100_000 {
        eprintln!(
            "generate: {} cards is more than a map file can hold; ask for at most 100000",
            spec.card_count()
        );
        return ExitCode::from(2);
    }
    let map = generate(&spec);
    let text = match io::to_ron(&map) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("generate: {error}");
            return ExitCode::FAILURE;
        }
    };
    if text.len() as u64 > io::MAX_FILE_BYTES {
        eprintln!(
            "generate: the map would be {} bytes, over the {} journeymap reads",
            text.len(),
            io::MAX_FILE_BYTES
        );
        return ExitCode::FAILURE;
    }
    if let Err(error) = io::write_atomically(&args.output, text.as_bytes(), io::Overwrite::Allow) {
        eprintln!("generate: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "{}: {} stages, {} lanes, {} cards, {} emotion points, {} bytes",
        args.output.display(),
        map.stages.len(),
        map.lanes.len(),
        map.card_count(),
        map.point_count(),
        text.len()
    );
    ExitCode::SUCCESS
}
