//! Sharing a map: what a local edit and a teammate's edit cost on a shared
//! document, without the network.
//!
//! The replica runs on a thread of its own, so the editor's frame pays
//! only for its own part; the thread's part is timed apart.
//!
//! - `sync/local_edit/N`: one card's text typed on a shared map, in the
//!   frame: the edit, its per-person undo step and handing it to the
//!   replica's thread.
//! - `sync/local_write/N`: the same until the replica's thread has written
//!   it and its change bytes are ready for the peers.
//! - `sync/remote_edit/N`: a teammate's edit of one card arriving as change
//!   bytes, until the merged map is ready for the next frame: applying them
//!   and re-reading the entries they touched, on the replica's thread.
//! - `sync/undo/N`: undoing my own edit on a shared map (per person: only
//!   what that edit changed), in the frame.

use criterion::Criterion;
use journeymap::app::Document;
use journeymap::edit::Edit;

use crate::figures::{bench, time};
use crate::filter;
use crate::maps::BenchMap;

/// The sharing benchmarks on every generated map.
pub fn sharing(criterion: &mut Criterion, maps: &[BenchMap]) {
    let mut group = criterion.benchmark_group("sync");
    for BenchMap { name, map } in maps {
        let ids = ["local_edit", "local_write", "remote_edit", "undo"]
            .map(|what| format!("sync/{what}/{name}"));
        if !filter::any_wanted(&ids) {
            continue;
        }
        let mut mine = Document::new(map.clone(), journeymap::app::Origin::Sample("bench"));
        let bytes = match mine.share() {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("perf: could not share {name}: {error}");
                continue;
            }
        };
        let mut theirs = match Document::joined(&bytes) {
            Ok(document) => document,
            Err(error) => {
                eprintln!("perf: could not join {name}: {error}");
                continue;
            }
        };
        let Some(card) = mine.map.cards().nth(mine.map.card_count() / 2) else {
            continue;
        };
        let card = card.id.clone();
        let mut turn = 0_u64;
        let id = format!("local_edit/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("sync/{id}"), || {
                turn += 1;
                let edit = Edit::SetCardText(card.clone(), format!("typed {turn}"));
                let elapsed = time(|| mine.apply(edit));
                // Keep the replica's work and outgoing list from piling up.
                let _ = mine.settle();
                mine.outgoing();
                elapsed
            });
        });
        let id = format!("local_write/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("sync/{id}"), || {
                turn += 1;
                let edit = Edit::SetCardText(card.clone(), format!("written {turn}"));
                let elapsed = time(|| {
                    let _ = mine.apply(edit);
                    let _ = mine.settle();
                });
                mine.outgoing();
                elapsed
            });
        });
        let id = format!("remote_edit/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("sync/{id}"), || {
                turn += 1;
                let edit = Edit::SetCardText(card.clone(), format!("theirs {turn}"));
                if let Err(error) = theirs.apply(edit) {
                    eprintln!("perf: their edit failed: {error}");
                }
                let _ = theirs.settle();
                let changes = theirs.outgoing();
                time(|| {
                    mine.receive(changes);
                    mine.settle()
                })
            });
        });
        let id = format!("undo/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("sync/{id}"), || {
                turn += 1;
                let edit = Edit::SetCardText(card.clone(), format!("undone {turn}"));
                if let Err(error) = mine.apply(edit) {
                    eprintln!("perf: my edit failed: {error}");
                }
                let _ = mine.settle();
                let elapsed = time(|| mine.undo());
                let _ = mine.settle();
                mine.outgoing();
                elapsed
            });
        });
    }
    group.finish();
}
