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

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use cpu_time::ThreadTime;
use criterion::Criterion;
use journeymap::app::Document;
use journeymap::edit::Edit;
use journeymap::model::JourneyMap;
use journeymap::net::{HostOptions, JoinLink};

use crate::editor::Editor;
use crate::figures::{self, bench, time};
use crate::filter;
use crate::maps::BenchMap;
use crate::network::{self, Person};

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

/// The editor's frames on a shared map of each size, hosted on loopback
/// with one teammate joined, at 100 % as `frame/edit`:
///
/// - `frame/shared_edit/N`: my edit of a card's text and the frame after
///   it (the replica writes it on its own thread meanwhile).
/// - `frame/shared_undo/N`: undoing my own last edit (per person) and the
///   frame after it.
/// - `frame/remote_edit/N`: a teammate's edit of a card's text: the
///   slowest of the editor's frames from when it is sent until it shows
///   (taking the change in, and the frame that shows the merged map).
///
/// Both are the UI thread's own CPU time. On this 2-core machine the
/// replica's thread, the session's (which keeps its own copy of the
/// document) and the teammate's share the cores with the frame; the wall
/// clock, which counts that against the frame, is `…_wall`.
pub fn shared_frames(criterion: &mut Criterion, maps: &[BenchMap]) {
    let mut group = criterion.benchmark_group("frame");
    for BenchMap { name, map } in maps {
        let ids = ["shared_edit", "shared_undo", "remote_edit"]
            .map(|what| format!("frame/{what}/{name}"));
        if !filter::any_wanted(&ids) {
            continue;
        }
        let (mut editor, mut teammate) = match shared_editor(map) {
            Ok(pair) => pair,
            Err(error) => {
                eprintln!("perf: could not share {name} in the editor: {error}");
                continue;
            }
        };
        let (Some(mine), Some(theirs)) = (
            map.cards().nth(map.card_count() / 2),
            map.cards().nth(map.card_count() / 3),
        ) else {
            continue;
        };
        let (mine, theirs) = (mine.id.clone(), theirs.id.clone());
        let mut turn = 0_u64;
        let id = format!("shared_edit/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("frame/{id}"), || {
                // The last edit written and gone out, as when a person
                // types at a workshop's pace: the frame shares the machine
                // with writing this edit only.
                let _ = editor.app.document.settle();
                editor.settle();
                turn += 1;
                let edit = Edit::SetCardText(mine.clone(), format!("mine {turn}"));
                let cpu = ThreadTime::now();
                let wall = time(|| editor.app.apply(edit)) + editor.next_frame();
                figures::record(&format!("frame/{id}_wall"), "ms", millis(wall));
                cpu.elapsed()
            });
        });
        let id = format!("shared_undo/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("frame/{id}"), || {
                turn += 1;
                let edit = Edit::SetCardText(mine.clone(), format!("undone {turn}"));
                if let Err(error) = editor.app.document.apply(edit) {
                    eprintln!("perf: my edit failed: {error}");
                }
                let _ = editor.app.document.settle();
                editor.settle();
                let cpu = ThreadTime::now();
                let wall = time(|| editor.app.document.undo()) + editor.next_frame();
                figures::record(&format!("frame/{id}_wall"), "ms", millis(wall));
                cpu.elapsed()
            });
        });
        let id = format!("remote_edit/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("frame/{id}"), || {
                let _ = editor.app.document.settle();
                editor.settle();
                turn += 1;
                let text = format!("theirs {turn}");
                // Their edit is written on their machine before it is sent.
                if let Some(document) = &mut teammate.document {
                    if let Err(error) =
                        document.apply(Edit::SetCardText(theirs.clone(), text.clone()))
                    {
                        eprintln!("perf: their edit failed: {error}");
                    }
                    let _ = document.settle();
                }
                teammate.send();
                let shows = |editor: &Editor| {
                    editor
                        .app
                        .document
                        .map
                        .card(&theirs)
                        .is_some_and(|(_, card)| card.text == text)
                };
                let started = Instant::now();
                let (mut slowest, mut slowest_wall) = (Duration::ZERO, Duration::ZERO);
                while !shows(&editor) && started.elapsed() < PATIENCE {
                    teammate.poll();
                    let cpu = ThreadTime::now();
                    slowest_wall = slowest_wall.max(editor.next_frame());
                    slowest = slowest.max(cpu.elapsed());
                }
                figures::record(&format!("frame/{id}_wall"), "ms", millis(slowest_wall));
                slowest
            });
        });
    }
    group.finish();
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// How long to wait for the network before giving up on a figure.
const PATIENCE: Duration = Duration::from_secs(30);

/// An editor showing `map`, shared on loopback, and a teammate who has
/// joined and has the map.
fn shared_editor(map: &JourneyMap) -> Result<(Editor, Person), String> {
    let mut editor = Editor::new(map.clone());
    // A host who gave a name before, as after the first session.
    "Host".clone_into(&mut editor.app.prefs.name);
    editor.app.share_with(HostOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        ..HostOptions::default()
    });
    let link: JoinLink = editor
        .app
        .share_link()
        .ok_or("the editor did not share the map")?
        .parse()
        .map_err(|error| format!("the editor's link: {error}"))?;
    let mut teammate = network::join(&link)?;
    // The host read the code out and closed the window with Esc.
    editor.frame(vec![egui::Event::Key {
        key: egui::Key::Escape,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }]);
    if editor.app.is_modal_open() {
        return Err("the share window did not close with Esc".to_owned());
    }
    // As `frame/edit`: at 100 %, where cards can be read and edited.
    editor.actual_size_in_the_middle();
    let started = Instant::now();
    while teammate
        .map()
        .is_none_or(|shown| shown.card_count() != map.card_count())
    {
        if started.elapsed() > PATIENCE {
            return Err("the teammate never got the map".to_owned());
        }
        editor.next_frame();
        teammate.poll();
    }
    Ok((editor, teammate))
}
