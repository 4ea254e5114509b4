//! The file dialog driven headless, in temporary folders.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tempfile::TempDir;

use super::*;

/// The dialog and what it answered: once it answers it is not shown again,
/// as the app closes it.
struct Shown {
    dialog: FileDialog,
    action: Option<FileDialogAction>,
}

fn harness(dialog: FileDialog) -> Harness<'static, Shown> {
    let mut harness = Harness::builder()
        .with_size([800.0, 600.0])
        // Short frames, so two clicks a few frames apart are a double-click.
        .with_step_dt(0.01)
        .build_ui_state(
            |ui, shown: &mut Shown| {
                if shown.action.is_none() {
                    shown.action = shown.dialog.show(ui.ctx());
                }
            },
            Shown {
                dialog,
                action: None,
            },
        );
    settle(&mut harness);
    harness
}

/// Runs frames until the folder shown has been read by its thread.
fn settle(harness: &mut Harness<'_, Shown>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        harness.step();
        let shown = harness.state();
        let reading = matches!(shown.dialog.listing, None | Some(Listing::Reading(_)));
        if !reading || shown.action.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "the folder was never read");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run();
}

/// Types `text` and presses Enter in one frame, as a fast typist or a
/// paste does, then lets the dialog show whatever that led to.
fn type_and_enter(harness: &mut Harness<'_, Shown>, text: &str) {
    let events = &mut harness.input_mut().events;
    events.push(Event::Text(text.to_owned()));
    events.push(Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    settle(harness);
}

fn press(harness: &mut Harness<'_, Shown>, key: Key) {
    harness.key_press(key);
    settle(harness);
}

fn action(harness: &Harness<'_, Shown>) -> Option<FileDialogAction> {
    harness.state().action.clone()
}

/// A folder holding `files` (empty) and `folders`.
fn folder_with(files: &[&str], folders: &[&str]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        std::fs::write(dir.path().join(file), "").unwrap();
    }
    for folder in folders {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    dir
}

fn listed_names(harness: &Harness<'_, Shown>) -> Vec<String> {
    let listing = harness.state().dialog.listing.as_ref().unwrap();
    listing.entries().iter().map(|e| e.name.clone()).collect()
}

#[test]
fn folders_come_first_then_only_ron_files_and_nothing_hidden() {
    let dir = folder_with(
        &["b.ron", "A.ron", "notes.txt", "picture.png", ".hidden.ron"],
        &["zeta", ".git"],
    );
    let harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    assert_eq!(listed_names(&harness), ["zeta", "A.ron", "b.ron"]);
    harness.get_by_label("zeta/");
    harness.get_by_label("A.ron");
    harness.get_by_label(&dir.path().display().to_string());
    for hidden in ["notes.txt", "picture.png", ".hidden.ron", ".git/"] {
        assert!(
            harness.query_by_label(hidden).is_none(),
            "{hidden} is listed"
        );
    }
}

#[test]
fn a_huge_folder_lists_the_first_entries_and_says_how_many_are_left_out() {
    let dir = folder_with(&[], &[]);
    for i in 0..LIST_LIMIT + 3 {
        std::fs::write(dir.path().join(format!("{i}.ron")), "").unwrap();
    }
    let harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    assert_eq!(listed_names(&harness).len(), LIST_LIMIT);
    harness.get_by_label(&format!(
        "3 more not listed (only the first {LIST_LIMIT} are). Type a name to reach any of them."
    ));
}

#[test]
fn a_full_path_typed_at_once_opens_that_file() {
    let shown = folder_with(&[], &[]);
    let elsewhere = folder_with(&["journey.ron"], &[]);
    let mut harness = harness(FileDialog::open(Some(shown.path()), &["ron"]));
    let path = elsewhere.path().join("journey.ron");
    type_and_enter(&mut harness, &path.display().to_string());
    assert_eq!(action(&harness), Some(FileDialogAction::Chosen(path)));
}

#[test]
fn a_full_path_typed_in_save_replaces_the_suggested_name_and_gets_ron() {
    let shown = folder_with(&[], &[]);
    let elsewhere = folder_with(&[], &[]);
    let mut harness = harness(FileDialog::save(
        Some(shown.path()),
        "Untitled.ron",
        &["ron"],
    ));
    let typed = elsewhere.path().join("plan");
    type_and_enter(&mut harness, &typed.display().to_string());
    assert_eq!(
        action(&harness),
        Some(FileDialogAction::Chosen(elsewhere.path().join("plan.ron")))
    );
}

#[test]
fn a_bare_name_in_save_is_put_in_the_shown_folder_with_ron_added() {
    let dir = folder_with(&[], &[]);
    let mut harness = harness(FileDialog::save(Some(dir.path()), "Untitled.ron", &["ron"]));
    type_and_enter(&mut harness, "Journey v1.2");
    assert_eq!(
        action(&harness),
        Some(FileDialogAction::Chosen(
            dir.path().join("Journey v1.2.ron")
        ))
    );
}

#[test]
fn saving_over_an_existing_file_asks_first_and_enter_replaces_it() {
    let dir = folder_with(&["plan.ron"], &[]);
    let mut harness = harness(FileDialog::save(Some(dir.path()), "", &["ron"]));
    type_and_enter(&mut harness, "plan");
    assert_eq!(action(&harness), None);
    harness.get_by_label("plan.ron already exists. Replace it?");
    press(&mut harness, Key::Enter);
    assert_eq!(
        action(&harness),
        Some(FileDialogAction::Chosen(dir.path().join("plan.ron")))
    );
}

#[test]
fn esc_backs_out_of_replacing_and_the_name_field_takes_typing_again() {
    let dir = folder_with(&["plan.ron"], &[]);
    let mut harness = harness(FileDialog::save(Some(dir.path()), "plan.ron", &["ron"]));
    press(&mut harness, Key::Enter);
    harness.get_by_label("plan.ron already exists. Replace it?");
    press(&mut harness, Key::Escape);
    assert_eq!(action(&harness), None, "Esc only backs out of the question");
    assert!(
        harness
            .query_by_label("plan.ron already exists. Replace it?")
            .is_none()
    );
    type_and_enter(&mut harness, "other");
    assert_eq!(
        action(&harness),
        Some(FileDialogAction::Chosen(dir.path().join("other.ron")))
    );
}

#[test]
fn opening_a_missing_file_says_so_and_chooses_nothing() {
    let dir = folder_with(&[], &[]);
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    type_and_enter(&mut harness, "gone.ron");
    assert_eq!(action(&harness), None);
    harness.get_by_label(&format!(
        "There is no file named gone.ron in {}.",
        dir.path().display()
    ));
}

#[test]
fn opening_a_file_of_another_kind_is_refused() {
    let dir = folder_with(&["notes.txt"], &[]);
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    type_and_enter(&mut harness, "notes.txt");
    assert_eq!(action(&harness), None);
    harness.get_by_label("notes.txt is not a .ron file.");
}

#[test]
fn an_empty_name_or_a_missing_folder_is_refused_in_save() {
    let dir = folder_with(&[], &[]);
    let mut harness = harness(FileDialog::save(Some(dir.path()), "", &["ron"]));
    press(&mut harness, Key::Enter);
    harness.get_by_label("Type a name for the file.");
    type_and_enter(&mut harness, "missing/plan");
    assert_eq!(action(&harness), None);
    harness.get_by_label(&format!(
        "The folder {} does not exist. Create it first, or choose another folder.",
        dir.path().join("missing").display()
    ));
}

#[test]
fn an_unreadable_folder_says_why() {
    let dir = folder_with(&["plan.ron"], &["locked"]);
    let locked = dir.path().join("locked");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    // Root reads every folder: permissions cannot be tested then.
    if std::fs::read_dir(&locked).is_err() {
        type_and_enter(&mut harness, "locked");
        assert_eq!(harness.state().dialog.folder(), locked);
        harness.get_by_label("You don't have permission to read this folder.");
    }
    // A folder that turned out to be a file is said the same way.
    let file = dir.path().join("plan.ron");
    assert_eq!(harness.state_mut().dialog.apply(Step::Navigate(file)), None);
    settle(&mut harness);
    harness.get_by_label("This is a file, not a folder.");
    assert_eq!(action(&harness), None);
}

#[test]
fn esc_cancels() {
    let dir = folder_with(&["plan.ron"], &[]);
    let mut harness = harness(FileDialog::save(Some(dir.path()), "plan", &["ron"]));
    press(&mut harness, Key::Escape);
    assert_eq!(action(&harness), Some(FileDialogAction::Cancelled));
}

#[test]
fn the_cancel_button_cancels() {
    let dir = folder_with(&[], &[]);
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert_eq!(action(&harness), Some(FileDialogAction::Cancelled));
}

#[test]
fn double_clicking_a_folder_enters_it() {
    let dir = folder_with(&[], &["sub"]);
    std::fs::write(dir.path().join("sub/inner.ron"), "").unwrap();
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    harness.get_by_label("sub/").click();
    harness.get_by_label("sub/").click();
    settle(&mut harness);
    assert_eq!(harness.state().dialog.folder(), dir.path().join("sub"));
    harness.get_by_label("inner.ron");
    assert_eq!(action(&harness), None);
}

#[test]
fn typing_a_folder_shows_it_and_up_goes_back() {
    let dir = folder_with(&[], &["sub"]);
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    type_and_enter(&mut harness, "sub/");
    assert_eq!(harness.state().dialog.folder(), dir.path().join("sub"));
    assert_eq!(
        harness.state().dialog.name,
        "",
        "the typed folder is cleared"
    );
    harness.get_by_label("Up").click();
    settle(&mut harness);
    assert_eq!(harness.state().dialog.folder(), dir.path());
}

#[test]
fn arrow_keys_and_enter_pick_a_listed_file() {
    let dir = folder_with(&["a.ron", "b.ron"], &["sub"]);
    let mut harness = harness(FileDialog::open(Some(dir.path()), &["ron"]));
    for _ in 0..3 {
        press(&mut harness, Key::ArrowDown);
    }
    press(&mut harness, Key::ArrowUp);
    press(&mut harness, Key::Enter);
    assert_eq!(
        action(&harness),
        Some(FileDialogAction::Chosen(dir.path().join("a.ron")))
    );
}

#[test]
fn a_missing_start_folder_falls_back_to_an_existing_one() {
    let gone: &Path = Path::new("/no/such/folder/anywhere");
    let dialog = FileDialog::open(Some(gone), &["ron"]);
    assert!(dialog.folder().is_dir());
    let expected: Option<PathBuf> = std::env::home_dir().filter(|home| home.is_dir());
    if let Some(home) = expected {
        assert_eq!(dialog.folder(), home);
    }
}
