//! Saving, reopening and the unsaved-changes prompt.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Origin, Preferences};
use journeymap::model::Subject;
use journeymap::ui::compare;

use crate::helpers::*;

#[test]
fn a_map_saved_to_a_file_reopens_with_the_edit_in_it() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("ours.ron");
    let mut harness = harness();
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Our trip".into(),
            "Saturday".into(),
        ));
    harness.run();
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    assert!(!harness.state().document.is_dirty());
    assert_eq!(harness.state().window_title(), "ours.ron — journeymap");
    assert_eq!(harness.state().document.origin, Origin::File(path.clone()));
    assert_eq!(harness.state().prefs.recent.first(), Some(&path));

    let reopened = JourneyApp::start(harness.state().prefs.clone(), None);
    assert_eq!(reopened.document.map, map(&harness));
    assert_eq!(reopened.document.map.title, "Our trip");

    // Ctrl+S saves again to the same file.
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Our trip 2".into(),
            String::new(),
        ));
    harness.run();
    // Not `press`: its `run` would fail while the save keeps the spinner
    // turning on a busy machine.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(!harness.state().document.is_dirty());
    assert!(
        std::fs::read_to_string(&path)
            .expect("saved")
            .contains("Our trip 2")
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_changes_unsaved() {
    let mut harness = harness();
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Precious".into(),
            String::new(),
        ));
    harness
        .state_mut()
        .save_to("/nonexistent/folder/map.ron".into());
    settle(&mut harness);
    assert!(harness.state().document.is_dirty());
    assert_eq!(map(&harness).title, "Precious");
    harness.get_by_label_contains("Your changes are still here, not saved.");
}

fn edit_something(harness: &mut Harness<'_, JourneyApp>) {
    harness.state_mut().apply(journeymap::edit::Edit::AddStage {
        index: 0,
        name: "Unsaved".into(),
    });
    harness.run();
}

#[test]
fn the_unsaved_changes_prompt_cancel_keeps_everything() {
    let mut harness = harness();
    edit_something(&mut harness);
    let edited = map(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label_contains("Save the changes to");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(map(&harness), edited);
    assert!(!harness.state().is_asking_to_save());
    assert!(
        harness
            .query_by_label_contains("Save the changes to")
            .is_none()
    );
}

#[test]
fn the_unsaved_changes_prompt_dont_save_discards_and_goes_on() {
    let mut harness = harness();
    edit_something(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(
        harness.state().document.origin,
        Origin::Sample("blank"),
        "File ▸ New went ahead"
    );
    assert!(!harness.state().document.is_dirty());
}

#[test]
fn the_unsaved_changes_prompt_save_saves_then_quits() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/grocery-trip.ron"),
        &path,
    )
    .expect("copy");
    let mut harness = harness_with(JourneyApp::start(Preferences::default(), Some(&path)));
    edit_something(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(
        !harness.state().is_quitting(),
        "not before the prompt is answered"
    );
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert!(harness.state().is_quitting());
    let saved = journeymap::io::read_map(&path).expect("saved map");
    assert_eq!(saved.stages[0].name, "Unsaved");
}

#[test]
fn quitting_without_changes_asks_nothing() {
    let mut harness = harness();
    press(&mut harness, Modifiers::COMMAND, Key::Q);
    assert!(harness.state().is_quitting());
    assert!(!harness.state().is_asking_to_save());
}

#[test]
fn the_last_file_reopens_at_the_zoom_and_place_it_was_left() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("ours.ron");
    let mut harness = harness();
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::Plus);
    harness.state_mut().canvas.pan = egui::vec2(-300.0, -200.0);
    harness.run();
    let (zoom, pan) = (harness.state().canvas.zoom, harness.state().canvas.pan);
    let stored = harness.state().prefs_to_store();

    let mut reopened = harness_at_start(JourneyApp::start(stored.clone(), None));
    assert!((reopened.state().canvas.zoom - zoom).abs() < 1e-6);
    assert_eq!(reopened.state().canvas.pan, pan);

    // Another file opens fitted to the window, as usual.
    let other = folder.path().join("other.ron");
    reopened.state_mut().save_to(other.clone());
    settle(&mut reopened);
    let fitted = harness_at_start(JourneyApp::start(stored, Some(&other)));
    assert!((fitted.state().canvas.zoom - zoom).abs() > 0.01);
}

#[test]
fn the_export_dialog_previews_and_exports_in_the_background() {
    let folder = tempfile::tempdir().expect("tempdir");
    let out = folder.path().join("slides.png");
    let mut harness = harness();
    // Steps, not `run`: the preview's spinner keeps the window repainting.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(3);
    harness.get_by_label("Slide 3840×2160").click();
    harness.run_steps(3);
    // The preview renders on another thread; the dialog stays responsive.
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
    while harness.query_by_label("Preview of the export").is_none() {
        assert!(std::time::Instant::now() < deadline, "no preview");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    let options = harness
        .state_mut()
        .export_dialog_mut()
        .expect("dialog open")
        .options();
    assert_eq!(
        options.size,
        journeymap::export::Size::Slide {
            width: 3840,
            height: 2160
        }
    );
    assert_eq!(
        options.split,
        journeymap::export::Split::Automatic,
        "as many slides as keep the text readable unless asked"
    );
    harness.get_by_label("One slide").click();
    harness.run_steps(3);
    let options = harness
        .state_mut()
        .export_dialog_mut()
        .expect("dialog open")
        .options();
    assert_eq!(options.split, journeymap::export::Split::One);

    // "Export…" asks where with a native dialog; tests give the path.
    harness.state_mut().export_to(out.clone());
    assert!(harness.state().is_exporting());
    settle(&mut harness);
    assert_eq!(harness.state().message(), None);
    let image = image::open(&out).expect("a PNG was written").to_rgba8();
    assert_eq!(image.dimensions(), (3840, 2160));
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("slides.png"), "{notice}");
}

#[test]
fn the_export_dialog_writes_a_pdf_deck_when_pdf_is_chosen() {
    let folder = tempfile::tempdir().expect("tempdir");
    let prefs = Preferences {
        own_file_dialog: true,
        ..Preferences::default()
    };
    let mut harness = harness_with(JourneyApp::start(prefs, None));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(3);
    harness.get_by_label("PDF, a page a slide").click();
    harness.run_steps(3);
    harness.get_by_label("Export…").click();
    harness.run_steps(3);
    // Where to, as a PDF: the name it suggests ends in .pdf.
    harness.get_by_label_contains("Export the PDF document as");
    assert!(
        harness
            .query_all_by(|node| node
                .value()
                .is_some_and(|v| std::path::Path::new(&v).extension() == Some("pdf".as_ref())))
            .next()
            .is_some(),
        "a .pdf name is suggested"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(2);
    // Without an extension: the format chosen gives it. Steps, not `run`:
    // the preview's spinner may still be going.
    let path = folder.path().join("deck").display().to_string();
    harness.event(egui::Event::Text(path));
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    settle(&mut harness);
    assert_eq!(harness.state().message(), None);
    let pdf = std::fs::read(folder.path().join("deck.pdf")).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("deck.pdf"), "{notice}");
}

#[test]
fn a_notice_about_one_map_goes_when_another_is_opened() {
    let mut harness = harness();
    // With nothing selected, a paste says where cards would go.
    harness.state_mut().selection = journeymap::ui::Selection::default();
    harness.state_mut().paste("A card");
    harness.run();
    assert!(harness.state().notice().is_some(), "a notice to begin with");
    harness.state_mut().open_sample("team-gear");
    harness.run();
    assert_eq!(harness.state().notice(), None);
}

#[test]
fn file_import_makes_a_new_unsaved_map_that_saves_beside_its_source() {
    let folder = tempfile::tempdir().expect("tempdir");
    let source = folder.path().join("day.mmd");
    std::fs::write(
        &source,
        "journey\n  title My working day\n  section Go to work\n    Make tea: 5: Me\n    Do work: 1: Me, Cat\n  section Go home\n    Sit down: 5: Me\n",
    )
    .expect("write");
    let prefs = Preferences {
        own_file_dialog: true,
        ..Preferences::default()
    };
    let mut harness = harness_with(JourneyApp::start(prefs, None));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import Mermaid or CSV…").click();
    harness.run();
    harness.get_by_label_contains("Import a Mermaid journey or a CSV of cards");
    // Its example path is one it imports, not a map file.
    assert!(
        harness
            .query_all_by(|node| node
                .placeholder()
                .is_some_and(|p| p.ends_with("journey.mmd")))
            .next()
            .is_some()
    );
    type_text(&mut harness, &source.display().to_string());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    settle(&mut harness);

    let app = harness.state();
    assert_eq!(app.document.origin, Origin::Imported(source.clone()));
    assert_eq!(app.window_title(), "day.mmd (imported) — journeymap");
    assert_eq!(app.document.map.title, "My working day");
    let stages: Vec<_> = app
        .document
        .map
        .stages
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(stages, ["Go to work", "Go home"]);
    // On the canvas: the card and the point on the curve.
    assert_eq!(harness.query_all_by_label_contains("Make tea").count(), 2);

    // Saving asks where, suggesting the map's title beside the source.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label_contains("Save the map as");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    let saved = folder.path().join("my-working-day.ron");
    assert_eq!(harness.state().document.origin, Origin::File(saved.clone()));
    let reread = journeymap::io::read_map(&saved).expect("the saved map loads");
    assert_eq!(reread, harness.state().document.map);
}

#[test]
fn a_file_that_does_not_import_says_where_and_keeps_the_map() {
    let folder = tempfile::tempdir().expect("tempdir");
    let source = folder.path().join("cards.csv");
    std::fs::write(&source, "stage,lane,text,channel\nA,Touch,Site,fax\n").expect("write");
    let mut harness = harness();
    let before = map(&harness);
    harness.state_mut().import_in_background(source);
    settle(&mut harness);
    assert_eq!(map(&harness), before);
    harness.get_by_label_contains("2:14: `fax` is not a channel");
}

#[test]
fn a_csv_dropped_on_the_window_is_imported() {
    let folder = tempfile::tempdir().expect("tempdir");
    let source = folder.path().join("stickies.csv");
    std::fs::write(
        &source,
        "stage,lane,text\nArrive,Doing,Signs in at the desk\n",
    )
    .expect("write");
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(source.clone())));
    settle(&mut harness);
    assert_eq!(harness.state().document.origin, Origin::Imported(source));
    assert_eq!(map(&harness).card_count(), 1);
    harness.get_by_label_contains("Signs in at the desk");
}

/// A file dropped on the window, as the platform hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn file_compare_with_marks_what_changed_and_shows_what_only_the_other_file_has() {
    let folder = tempfile::tempdir().expect("tempdir");
    let prefs = Preferences {
        own_file_dialog: true,
        ..Preferences::default()
    };
    let mut harness = harness_with(JourneyApp::start(prefs, None));
    let ours = map(&harness);
    let (stage, first) = ours
        .stages
        .iter()
        .find_map(|s| s.cards.first().map(|c| (s.id.clone(), c.clone())))
        .expect("a card");
    let second = ours
        .cards()
        .find(|c| c.id != first.id)
        .expect("another card")
        .clone();
    // The other file: without the first card, the second card's text as
    // it was, and a card this map does not have.
    let mut other = ours.clone();
    other.remove_card(&first.id).expect("remove");
    other
        .set_card_text(&second.id, "The text before")
        .expect("text");
    other
        .add_card(&stage, &first.lane, 0, "Only in the old file")
        .expect("add");
    let path = folder.path().join("older.ron");
    journeymap::io::save_map(&path, &other).expect("save");

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Compare with…").click();
    harness.run();
    harness.get_by_label_contains("Compare the map with another map file");
    type_text(&mut harness, &path.display().to_string());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    settle(&mut harness);

    assert_eq!(harness.state().compared_with(), Some(path.as_path()));
    harness.get_by_label("Compared with older.ron");
    harness.get_by_label("1 added · 1 changed · 0 moved · 1 removed");
    harness.get_by_label_contains("Only in the old file");
    let marked = harness.state().canvas.marked_changes().expect("marked");
    assert_eq!(
        marked.mark(&Subject::Card(first.id.clone())),
        Some((compare::ADDED, "new"))
    );
    assert_eq!(
        marked.mark(&Subject::Card(second.id.clone())),
        Some((compare::CHANGED, "changed"))
    );
    assert_eq!(map(&harness), ours, "comparing changes nothing");

    // An edit made while comparing is marked at once.
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetTitleAndScenario(
            "Another title".into(),
            ours.scenario.clone(),
        ));
    harness.run();
    harness.get_by_label("1 added · 2 changed · 0 moved · 1 removed");
    harness.get_by_label_contains("changed title");

    harness.get_by_label("End comparison").click();
    harness.run();
    assert_eq!(harness.state().compared_with(), None);
    assert!(harness.state().canvas.marked_changes().is_none());
    assert!(harness.query_by_label("Compared with older.ron").is_none());
}

#[test]
fn comparing_with_a_file_that_is_not_a_map_says_where_and_marks_nothing() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, "(version: 1,\n    title: 3,\n)\n").expect("write");
    let mut harness = harness();
    harness.state_mut().compare_in_background(path);
    settle(&mut harness);
    assert_eq!(harness.state().compared_with(), None);
    harness.get_by_label_contains("Could not compare with");
    harness.get_by_label_contains("2:11: Expected string");
}

#[test]
fn opening_another_map_ends_the_comparison() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("same.ron");
    let mut harness = harness();
    journeymap::io::save_map(&path, &map(&harness)).expect("save");
    harness.state_mut().compare_in_background(path.clone());
    settle(&mut harness);
    harness.get_by_label("The maps mean the same: no differences.");
    harness.state_mut().open(&path);
    harness.run();
    assert_eq!(harness.state().compared_with(), None);
}

#[test]
fn saving_keeps_the_files_comments_and_undo_brings_back_a_deleted_cards_comment() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("commented.ron");
    let text = r#"// Workshop of 12 May
(
    version: 1,
    title: "Commented", // the working title
    lanes: [
        (id: "doing", name: "Doing", kind: Text),
    ],
    stages: [
        (
            id: "plan",
            name: "Plan",
            cards: [
                // she starts on paper
                (lane: "doing", text: "Writes a list"),
                (id: "fridge", lane: "doing", text: "Checks the fridge"), // every time
            ],
        ),
    ],
)
"#;
    std::fs::write(&path, text).expect("write");
    let mut harness = harness_with(JourneyApp::start(Preferences::default(), Some(&path)));
    let first = map(&harness).cards().next().expect("a card").id.clone();

    harness.state_mut().apply(journeymap::edit::Edit::Remove {
        cards: vec![first],
        points: vec![],
    });
    harness.run();
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(!saved.contains("she starts on paper"), "{saved}");
    for kept in [
        "// Workshop of 12 May\n(",
        "title: \"Commented\", // the working title",
        "), // every time",
    ] {
        assert!(saved.contains(kept), "{kept} not in\n{saved}");
    }

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(
        saved.contains("// she starts on paper\n                (id: \"c1\", lane: \"doing\", text: \"Writes a list\"),"),
        "{saved}"
    );
    // Saved again unchanged: the same bytes.
    harness.state_mut().save_to(path.clone());
    settle(&mut harness);
    assert_eq!(std::fs::read_to_string(&path).expect("saved"), saved);
}
