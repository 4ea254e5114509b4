//! `journeymap fmt` and saving from the editor: the canonical write of a
//! map with comments, laid out by journeymap over what serde writes.

use std::fmt::Write as _;

use journeymap::io;

use crate::figures::{bench, time};
use crate::filter;
use crate::maps::BenchMap;

/// The group the file figures are in.
type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// The canonical write of each map with a comment before every tenth card
/// and at the end of every stage's name line: the map and its comments as
/// read from a commented file, written back as `fmt` and Save write them.
pub fn fmt_maps(group: &mut Group<'_>, maps: &[BenchMap]) {
    for BenchMap { name, map } in maps {
        let id = format!("fmt/{name}");
        if !filter::wanted(&format!("file/{id}")) {
            continue;
        }
        let Some(file) = commented(map) else {
            eprintln!("perf: the commented {name} does not read back");
            continue;
        };
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| io::to_ron_with(&file.map, &file.comments))
            });
        });
    }
}

/// `map` read from its canonical text with comments put in, if that reads.
fn commented(map: &journeymap::model::JourneyMap) -> Option<io::MapFile> {
    let plain = io::to_ron(map).ok()?;
    let mut text = String::with_capacity(plain.len() * 11 / 10);
    let mut cards = 0;
    for line in plain.lines() {
        let item = line.trim_start();
        if item.starts_with("(id: \"c") || item.starts_with("id: \"c") {
            cards += 1;
            if cards % 10 == 0 {
                let _ = writeln!(text, "// card {cards}: checked with the team");
            }
        }
        text.push_str(line);
        if line.starts_with("            name: ") {
            text.push_str(" // the stage's name, as the workshop wrote it");
        }
        text.push('\n');
    }
    let file = io::parse_file(&text).ok()?;
    (file.map == *map && !file.comments.is_empty()).then_some(file)
}
