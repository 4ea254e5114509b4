//! The benchmarks: editor frames, the egui demo for reference, load and
//! save, and export at 1080p and 4K.

use std::time::Instant;

use criterion::{Criterion, SamplingMode};
use egui::{Pos2, RawInput, Rect};
use journeymap::edit::Edit;
use journeymap::export::{self, ExportOptions, Preset};
use journeymap::io;
use journeymap::model::{JourneyState, StateView};

use crate::editor::{Editor, WINDOW};
use crate::figures::{self, bench, time};
use crate::filter;
use crate::maps::BenchMap;
use crate::{canonical, compare};

/// Editor frames at fit-to-window, at 100 % in the middle of the map,
/// while dragging a card there, and right after an edit; and at both
/// zooms with a screen reader listening (the accessibility tree is built,
/// with a node for every card in view).
pub fn frames(criterion: &mut Criterion, maps: &[BenchMap]) {
    let mut group = criterion.benchmark_group("frame");
    group.sampling_mode(SamplingMode::Flat);
    for BenchMap { name, map } in maps {
        let ids = ["fit+reader", "100%+reader"].map(|view| format!("frame/{view}/{name}"));
        if filter::any_wanted(&ids) {
            let mut editor = Editor::with_screen_reader(map.clone());
            for (i, id) in ids.iter().enumerate() {
                if i == 1 {
                    editor.actual_size_in_the_middle();
                }
                let id = id.trim_start_matches("frame/");
                group.bench_function(id, |b| {
                    bench(b, &format!("frame/{id}"), || editor.next_frame());
                });
            }
        }
    }
    for BenchMap { name, map } in maps {
        let ids = ["fit", "100%", "drag", "edit", "edit_future"]
            .map(|view| format!("frame/{view}/{name}"));
        if !filter::any_wanted(&ids) {
            continue;
        }
        let mut editor = Editor::new(map.clone());
        for (view, setup) in [
            ("fit", None),
            (
                "100%",
                Some(Editor::actual_size_in_the_middle as fn(&mut Editor)),
            ),
        ] {
            if let Some(setup) = setup {
                setup(&mut editor);
            }
            let id = format!("{view}/{name}");
            group.bench_function(&id, |b| {
                bench(b, &format!("frame/{id}"), || editor.next_frame());
            });
        }
        if !editor.start_dragging_a_card() {
            eprintln!("perf: no card in view on {name}: no drag figure");
            continue;
        }
        let id = format!("drag/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("frame/{id}"), || editor.next_frame());
        });
        if !editor.drop_card() {
            eprintln!("perf: dropping the dragged card on {name} did not move it");
            continue;
        }
        // The frame after an edit: the edit itself (with its undo step)
        // and laying the map out again. The dropped card moves back and
        // forth between two cells; frames without change in between let
        // egui forget the text it laid out, as when the user pauses.
        let Some(moves) = editor.moves_of_the_selected_card() else {
            eprintln!("perf: no card selected after the drop on {name}: no edit figure");
            continue;
        };
        let id = format!("edit/{name}");
        let mut turn = 0;
        group.bench_function(&id, |b| {
            bench(b, &format!("frame/{id}"), || {
                editor.settle();
                turn += 1;
                let edit = moves[turn % 2].clone();
                time(|| editor.app.apply(edit)) + editor.next_frame()
            });
        });
        // The same with the future state shown: the map the canvas shows is
        // made again after every edit, leaving out the today-only card.
        let id = format!("edit_future/{name}");
        if filter::wanted(&format!("frame/{id}")) {
            let first = editor.app.document.map.cards().next().map(|c| c.id.clone());
            if let Some(first) = first {
                editor
                    .app
                    .apply(Edit::SetCardState(first, Some(JourneyState::Current)));
            }
            editor.app.show_state(StateView::Future);
            group.bench_function(&id, |b| {
                bench(b, &format!("frame/{id}"), || {
                    editor.settle();
                    turn += 1;
                    let edit = moves[turn % 2].clone();
                    time(|| editor.app.apply(edit)) + editor.next_frame()
                });
            });
        }
    }
    group.finish();
}

/// egui's own demo windows (its `demo_with_tessellate__realistic`
/// benchmark) in the same window: what a frame of a typical egui app costs
/// on this machine.
pub fn reference_frame(criterion: &mut Criterion) {
    if !filter::wanted("reference/egui_demo_frame") {
        return;
    }
    let ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    let mut frame = || {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| demo.ui(ui));
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    criterion.bench_function("reference/egui_demo_frame", |b| {
        bench(b, "reference/egui_demo_frame", || time(&mut frame));
    });
}

/// Loading (read, parse, validate) and saving (serialise, atomic write).
pub fn files(criterion: &mut Criterion, maps: &[BenchMap]) {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("perf: no temporary folder for load and save: {error}");
            return;
        }
    };
    let mut group = criterion.benchmark_group("file");
    group.sampling_mode(SamplingMode::Flat);
    for BenchMap { name, map } in maps {
        if !filter::any_wanted(&[format!("file/load/{name}"), format!("file/save/{name}")]) {
            continue;
        }
        let path = dir.path().join(format!("{name}.ron"));
        if let Err(error) = io::save_map(&path, map) {
            eprintln!("perf: could not write {}: {error}", path.display());
            continue;
        }
        match io::read_map(&path) {
            Ok(read) if read == *map => {}
            _ => {
                eprintln!("perf: {} does not read back as written", path.display());
                continue;
            }
        }
        let id = format!("load/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || time(|| io::read_map(&path)));
        });
        let id = format!("save/{name}");
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| io::save_map(&path, map))
            });
        });
    }
    mermaid_import(&mut group);
    csv_import(&mut group, maps);
    compare::diff_maps(&mut group, maps);
    compare::stats(&mut group, maps);
    compare::merge_maps(&mut group, maps);
    canonical::fmt_maps(&mut group, maps);
    group.finish();
}

/// `import` of a 1,000-task Mermaid journey (20 sections of 50 tasks, with
/// actors), as the command does it short of writing: read into a map and
/// made RON; and `export -o OUT.mmd` of that map.
fn mermaid_import(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    use journeymap::interchange::mermaid;
    use std::fmt::Write as _;
    if !filter::any_wanted(&[
        "file/import_mermaid/1000_tasks".to_owned(),
        "file/export_mermaid/1000_tasks".to_owned(),
    ]) {
        return;
    }
    let mut text = String::from("journey\n    title A thousand tasks\n");
    for section in 1..=20 {
        let _ = writeln!(text, "    section Stage {section}");
        for task in 1..=50 {
            let score = (section + task) % 5 + 1;
            let _ = writeln!(
                text,
                "      Task {task} of stage {section}: {score}: Customer, Agent {}",
                task % 3
            );
        }
    }
    let Ok(map) = mermaid::parse_journey(&text, "bench") else {
        eprintln!("perf: the 1,000-task Mermaid journey does not import");
        return;
    };
    group.bench_function("import_mermaid/1000_tasks", |b| {
        bench(b, "file/import_mermaid/1000_tasks", || {
            time(|| {
                mermaid::parse_journey(&text, "bench")
                    .ok()
                    .and_then(|map| io::to_ron(&map).ok())
            })
        });
    });
    group.bench_function("export_mermaid/1000_tasks", |b| {
        bench(b, "file/export_mermaid/1000_tasks", || {
            time(|| mermaid::to_journey(&map))
        });
    });
}

/// `import` of each map's cards written as CSV (a row per card), as the
/// command does it short of writing: read into a map and made RON.
fn csv_import(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    maps: &[BenchMap],
) {
    use journeymap::interchange::spreadsheet;
    for BenchMap { name, map } in maps {
        let id = format!("import_csv/{name}");
        if !filter::wanted(&format!("file/{id}")) {
            continue;
        }
        let text = spreadsheet::to_cards(map);
        if spreadsheet::parse_cards(&text, "bench").is_err() {
            eprintln!("perf: the cards of {name} do not import from CSV");
            continue;
        }
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| {
                    spreadsheet::parse_cards(&text, "bench")
                        .ok()
                        .and_then(|map| io::to_ron(&map).ok())
                })
            });
        });
    }
}

/// Export at 1080p and 4K: rendering (layout, paint, tessellate,
/// rasterise) and PNG encoding of the same pixels, timed apart. The
/// encoding alone is the floor: an export can never be faster.
pub fn export(criterion: &mut Criterion, maps: &[BenchMap]) {
    let mut group = criterion.benchmark_group("export");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    for BenchMap { name, map } in maps {
        for (size, preset) in [("1080p", Preset::Slide1080p), ("4k", Preset::Slide4k)] {
            let ids = ["render", "png_encode"].map(|what| format!("export/{what}_{size}/{name}"));
            if !filter::any_wanted(&ids) {
                continue;
            }
            let options = ExportOptions {
                size: preset.size(1.0),
                ..ExportOptions::default()
            };
            // The image to encode. Every render starts from nothing (a new
            // egui context), so this one counts as a render too.
            let id = format!("render_{size}/{name}");
            let started = Instant::now();
            let image = match export::render_first(map, &options) {
                Ok(image) => image,
                Err(error) => {
                    eprintln!("perf: could not export {name} at {size}: {error}");
                    continue;
                }
            };
            if filter::wanted(&format!("export/{id}")) {
                let time = started.elapsed().as_secs_f64() * 1000.0;
                figures::record(&format!("export/{id}"), "ms", time);
            }
            group.bench_function(&id, |b| {
                bench(b, &format!("export/{id}"), || {
                    time(|| export::render_first(map, &options))
                });
            });
            let id = format!("png_encode_{size}/{name}");
            group.bench_function(&id, |b| {
                bench(b, &format!("export/{id}"), || {
                    time(|| export::encode_png(&image))
                });
            });
        }
        vector(&mut group, name, map);
    }
    readable_set(&mut group);
    group.finish();
}

/// A 200-card journey of 20 stages with ten emotion points a stage (the
/// test map `tests/maps/moving-house.ron`) exported as the slide preset
/// splits it on its own: planning the set and rendering every slide.
fn readable_set(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    let id = "png_auto_1080p/moving-house_200";
    if !filter::wanted(&format!("export/{id}")) {
        return;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/maps/moving-house.ron");
    let map = match io::read_map(path.as_ref()) {
        Ok(map) => map,
        Err(error) => {
            eprintln!("perf: {path}: {error}");
            return;
        }
    };
    let options = ExportOptions::default();
    group.bench_function(id, |b| {
        bench(b, &format!("export/{id}"), || {
            time(|| export::render(&map, &options))
        });
    });
}

/// A PNG set split two stages a slide (every slide rendered, not encoded),
/// and PDF and SVG at 1080p, all in one slide and split two stages a slide:
/// laying out, painting and writing the whole file, from a new egui
/// context each time, as one `journeymap export` does. Up to 1,000 cards:
/// beyond, one slide is a wall of text no room reads.
fn vector(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    map: &journeymap::model::JourneyMap,
) {
    if map.card_count() > 1_000 {
        return;
    }
    let split = ExportOptions {
        split: export::Split::every(2),
        ..ExportOptions::default()
    };
    let whole = ExportOptions::default();
    let png = format!("png_split2_1080p/{name}");
    group.bench_function(&png, |b| {
        bench(b, &format!("export/{png}"), || {
            time(|| export::render(map, &split))
        });
    });
    let auto = format!("png_auto_1080p/{name}");
    group.bench_function(&auto, |b| {
        bench(b, &format!("export/{auto}"), || {
            time(|| export::render(map, &whole))
        });
    });
    for (id, options) in [("1080p", whole), ("split2_1080p", split)] {
        let pdf = format!("pdf_{id}/{name}");
        group.bench_function(&pdf, |b| {
            bench(b, &format!("export/{pdf}"), || {
                time(|| export::pdf(map, &options))
            });
        });
        let svg = format!("svg_{id}/{name}");
        group.bench_function(&svg, |b| {
            bench(b, &format!("export/{svg}"), || {
                time(|| export::svgs(map, &options))
            });
        });
    }
    insights(group, name, map);
}

/// The insights slides (`export --insights`): laying out and painting them
/// alone, their text laid out from nothing; and the rasterised PNGs of a whole export with them, to set
/// against `png_auto_1080p`.
fn insights(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    map: &journeymap::model::JourneyMap,
) {
    let options = ExportOptions {
        insights: true,
        ..ExportOptions::default()
    };
    let id = format!("insights_1080p/{name}");
    if filter::wanted(&format!("export/{id}")) {
        group.bench_function(&id, |b| {
            bench(b, &format!("export/{id}"), || {
                // A new context each time (not timed), so that no text
                // comes from egui's cache of laid-out galleys.
                let ctx = journeymap::render::fonts::headless_context(false, 1.0);
                time(|| ctx.fonts_mut(|fonts| export::insights_slides(fonts, map, &options)))
            });
        });
    }
    let png = format!("png_auto_insights_1080p/{name}");
    group.bench_function(&png, |b| {
        bench(b, &format!("export/{png}"), || {
            time(|| export::render(map, &options))
        });
    });
}

/// The shell's new paths: a frame of journeymap's own file dialog open on
/// a folder of 10,000 maps (the listing is read on its own thread and
/// capped; only the rows in view are drawn), and routing a frame of 200
/// typed keys through the key queue.
pub fn shell(criterion: &mut Criterion) {
    if filter::wanted("shell/file_dialog_frame/10k") {
        dialog_frame(criterion);
    }
    if filter::wanted("shell/key_queue/200") {
        let events: Vec<egui::Event> = (0..200)
            .map(|i| {
                if i % 20 == 19 {
                    egui::Event::Key {
                        key: egui::Key::Enter,
                        physical_key: None,
                        pressed: true,
                        repeat: false,
                        modifiers: egui::Modifiers::NONE,
                    }
                } else {
                    egui::Event::Text("x".into())
                }
            })
            .collect();
        criterion.bench_function("shell/key_queue/200", |b| {
            bench(b, "shell/key_queue/200", || {
                let mut queue = journeymap::app::KeyQueue::default();
                let mut frame = events.clone();
                time(|| {
                    // Every frame until nothing waits, as the editor does.
                    while queue.route(&mut frame, true) {
                        frame.clear();
                    }
                })
            });
        });
    }
}

fn dialog_frame(criterion: &mut Criterion) {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("perf: no temporary folder for the file dialog: {error}");
            return;
        }
    };
    for i in 0..10_000 {
        if let Err(error) = std::fs::write(dir.path().join(format!("map-{i:05}.ron")), "") {
            eprintln!("perf: could not fill the folder: {error}");
            return;
        }
    }
    let ctx = egui::Context::default();
    let mut dialog = journeymap::ui::FileDialog::open(Some(dir.path()), &["ron"]);
    let mut frame = || {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            ..RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            dialog.show(ui.ctx());
        });
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // A second of frames: the listing (on its own thread) arrives in
    // about 0.1 s.
    for _ in 0..200 {
        frame();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    criterion.bench_function("shell/file_dialog_frame/10k", |b| {
        bench(b, "shell/file_dialog_frame/10k", || time(&mut frame));
    });
}
