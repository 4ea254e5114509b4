//! Never losing a map: autosave and recovery after a crash or a panic,
//! saves under disk faults, and files changed by somebody else.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Origin, Preferences};
use journeymap::edit::Edit;
use journeymap::io::faults::{self, Fault};
use journeymap::io::{self, recovery};
use journeymap::samples;

use crate::helpers::*;

/// A map file and a recovery folder, each in its own temporary folder.
struct Workshop {
    files: tempfile::TempDir,
    recovery: tempfile::TempDir,
}

impl Workshop {
    fn new() -> Self {
        let workshop = Self {
            files: tempfile::tempdir().expect("tempdir"),
            recovery: tempfile::tempdir().expect("tempdir"),
        };
        let map = samples::find("grocery-trip")
            .expect("sample")
            .map()
            .expect("valid");
        io::save_map(&workshop.file(), &map).expect("save");
        workshop
    }

    fn file(&self) -> PathBuf {
        self.files.path().join("grocery.ron")
    }

    /// The editor as started from the command line, with this workshop's
    /// recovery folder.
    fn start(&self, file: Option<&Path>) -> Harness<'static, JourneyApp> {
        harness_with(
            JourneyApp::start(Preferences::default(), file).with_recovery(self.recovery.path()),
        )
    }

    fn open_file(&self) -> Harness<'static, JourneyApp> {
        self.start(Some(&self.file()))
    }
}

fn rename_map(harness: &mut Harness<'_, JourneyApp>, title: &str) {
    harness
        .state_mut()
        .apply(Edit::SetTitleAndScenario(title.into(), "Saturday".into()));
    harness.run();
}

fn copy_file(harness: &Harness<'_, JourneyApp>) -> PathBuf {
    harness
        .state()
        .recovery_folder()
        .expect("autosave is on")
        .join("unsaved.ron")
}

/// Lets egui's clock run (a frame is 50 ms) until the recovery copy holds
/// the map with `title`.
fn wait_for_autosave(harness: &mut Harness<'_, JourneyApp>, title: &str) {
    let file = copy_file(harness);
    let deadline = Instant::now() + Duration::from_mins(1);
    while Instant::now() < deadline {
        harness.step();
        if let Ok(copy) = recovery::read_copy(&file)
            && copy.map.title == title
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the recovery copy was never written");
}

#[test]
fn an_edit_is_autosaved_a_few_seconds_later_and_restored_after_a_crash() {
    let workshop = Workshop::new();
    let on_disk = fs::read_to_string(workshop.file()).expect("read");
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Saturday big shop");
    harness.run_steps(10); // half a second
    assert!(!copy_file(&harness).exists(), "not on every keystroke");
    wait_for_autosave(&mut harness, "Saturday big shop");
    drop(harness); // the editor dies without exiting

    let mut harness = workshop.start(None);
    assert!(harness.state().is_offering_recovery());
    harness.get_by_label_contains("found unsaved changes to grocery.ron");
    harness.get_by_label_contains("“Saturday big shop”");
    harness.get_by_label("Restore").click();
    harness.run();

    let app = harness.state();
    assert!(!app.is_offering_recovery());
    assert_eq!(app.document.map.title, "Saturday big shop");
    assert_eq!(app.document.origin, Origin::File(workshop.file()));
    assert!(app.document.is_dirty(), "restored, not saved");
    assert_eq!(fs::read_to_string(workshop.file()).expect("read"), on_disk);
    assert!(
        recovery::orphans(workshop.recovery.path()).is_empty(),
        "the old copy is gone, now held by this editor's own"
    );
    assert!(copy_file(&harness).exists());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness),
        io::read_map(&workshop.file()).expect("read"),
        "undo shows the file's version"
    );
}

#[test]
fn discarding_a_recovery_copy_deletes_it_and_leaves_the_file_alone() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Never mind");
    wait_for_autosave(&mut harness, "Never mind");
    drop(harness);

    let mut harness = workshop.open_file();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!harness.state().is_offering_recovery());
    assert!(!harness.state().document.is_dirty());
    assert_ne!(map(&harness).title, "Never mind");
    drop(harness);
    assert!(recovery::orphans(workshop.recovery.path()).is_empty());
}

#[test]
fn saving_or_undoing_to_the_saved_state_removes_the_recovery_copy() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "First");
    wait_for_autosave(&mut harness, "First");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(!copy_file(&harness).exists(), "saved: nothing to recover");

    rename_map(&mut harness, "Second");
    wait_for_autosave(&mut harness, "Second");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(!copy_file(&harness).exists(), "back to the saved state");

    harness.state_mut().end_recovery();
    drop(harness);
    assert_eq!(
        fs::read_dir(workshop.recovery.path())
            .expect("folder")
            .count(),
        0,
        "a clean exit leaves nothing behind"
    );
}

#[test]
fn an_untitled_map_is_recovered_too() {
    let workshop = Workshop::new();
    let mut harness = workshop.start(None);
    assert!(harness.state().document.path().is_none(), "a sample");
    rename_map(&mut harness, "Drafted in the workshop");
    wait_for_autosave(&mut harness, "Drafted in the workshop");
    drop(harness);

    let mut harness = workshop.start(None);
    harness.get_by_label_contains("never saved");
    harness.get_by_label("Restore").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.map.title, "Drafted in the workshop");
    assert!(app.document.path().is_none());
    assert!(app.document.is_dirty(), "quitting will ask to save it");
}

#[test]
fn a_panic_in_the_ui_loop_keeps_the_map_and_the_next_start_says_what_happened() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    // Straight after an edit, before autosave's delay.
    rename_map(&mut harness, "Edited just before the crash");
    assert!(!copy_file(&harness).exists());
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        harness
            .state_mut()
            .guarded(|_| panic!("the canvas lost its layout"));
    }));
    assert!(crashed.is_err(), "the panic goes on after the copy is kept");
    drop(harness);

    let mut harness = workshop.start(None);
    harness.get_by_label_contains("the canvas lost its layout");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(map(&harness).title, "Edited just before the crash");
}

#[test]
fn a_full_disk_keeps_the_map_open_and_unsaved_and_the_file_whole() {
    let workshop = Workshop::new();
    let on_disk = fs::read_to_string(workshop.file()).expect("read");
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Precious");
    {
        let _full = faults::inject(workshop.files.path(), Fault::DiskFull);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut harness);
    }
    harness.get_by_label_contains("the disk is full");
    harness.get_by_label_contains("Your changes are still here, not saved.");
    assert!(harness.state().document.is_dirty());
    assert_eq!(map(&harness).title, "Precious");
    assert_eq!(fs::read_to_string(workshop.file()).expect("read"), on_disk);

    harness.get_by_label("OK").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(
        !harness.state().document.is_dirty(),
        "saves once there is room"
    );
}

#[test]
fn a_read_only_folder_or_a_locked_file_is_reported_and_nothing_is_lost() {
    for (fault, words) in [
        (Fault::ReadOnly, "not allowed to write there"),
        (Fault::Locked, "another program is using the file"),
    ] {
        let workshop = Workshop::new();
        let on_disk = fs::read_to_string(workshop.file()).expect("read");
        let mut harness = workshop.open_file();
        rename_map(&mut harness, "Precious");
        let _fault = faults::inject(workshop.files.path(), fault);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut harness);
        harness.get_by_label_contains(words);
        assert!(harness.state().document.is_dirty());
        assert_eq!(fs::read_to_string(workshop.file()).expect("read"), on_disk);
    }
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup_unless_turned_off() {
    let workshop = Workshop::new();
    let before = fs::read_to_string(workshop.file()).expect("read");
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Kept");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let backup = workshop.files.path().join("grocery.ron.bak");
    assert_eq!(fs::read_to_string(&backup).expect("backup"), before);

    fs::remove_file(&backup).expect("remove");
    harness.state_mut().prefs.backup = false;
    rename_map(&mut harness, "Not kept");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(!backup.exists());
}

/// Somebody else's version of the workshop's file, written behind the
/// editor's back.
fn their_change(workshop: &Workshop) -> String {
    let mut theirs = io::read_map(&workshop.file()).expect("read");
    theirs.title = "Their version after git pull".into();
    io::save_map(&workshop.file(), &theirs).expect("save");
    fs::read_to_string(workshop.file()).expect("read")
}

#[test]
fn saving_over_somebody_elses_change_asks_first_and_can_overwrite() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Ours");
    let theirs = their_change(&workshop);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    harness.get_by_label_contains("changed on disk");
    assert_eq!(fs::read_to_string(workshop.file()).expect("read"), theirs);
    assert!(harness.state().document.is_dirty());

    harness.get_by_label("Overwrite").click();
    settle(&mut harness);
    assert_eq!(io::read_map(&workshop.file()).expect("read").title, "Ours");
    assert!(!harness.state().document.is_dirty());
    let backup = workshop.files.path().join("grocery.ron.bak");
    assert_eq!(
        fs::read_to_string(backup).expect("backup"),
        theirs,
        "their version is kept as the backup"
    );
}

#[test]
fn saving_over_somebody_elses_change_can_reload_theirs_instead() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Ours");
    their_change(&workshop);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    harness.get_by_label("Reload").click();
    // The file is read again in the background.
    settle(&mut harness);
    assert_eq!(map(&harness).title, "Their version after git pull");
    assert!(!harness.state().document.is_dirty());
}

#[test]
fn saving_a_file_deleted_since_it_was_opened_asks_before_writing_it_again() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Ours");
    fs::remove_file(workshop.file()).expect("delete");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    harness.get_by_label_contains("was deleted or moved");
    assert!(!workshop.file().exists());
    harness.get_by_label("Save it here again").click();
    settle(&mut harness);
    assert_eq!(io::read_map(&workshop.file()).expect("read").title, "Ours");
}

fn leave_and_come_back(harness: &mut Harness<'_, JourneyApp>) {
    harness.event(Event::WindowFocused(false));
    harness.run();
    harness.event(Event::WindowFocused(true));
    // The file is read in the background.
    settle(harness);
}

#[test]
fn coming_back_to_the_window_offers_to_reload_a_file_changed_on_disk() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    leave_and_come_back(&mut harness);
    assert!(!harness.state().is_offering_reload(), "nothing changed");

    their_change(&workshop);
    leave_and_come_back(&mut harness);
    assert!(harness.state().is_offering_reload());
    harness.get_by_label("Reload").click();
    // The file is read again in the background.
    settle(&mut harness);
    assert_eq!(map(&harness).title, "Their version after git pull");
}

#[test]
fn keeping_mine_over_a_changed_file_asks_once_and_saving_still_asks() {
    let workshop = Workshop::new();
    let mut harness = workshop.open_file();
    rename_map(&mut harness, "Ours");
    their_change(&workshop);
    leave_and_come_back(&mut harness);
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert_eq!(map(&harness).title, "Ours");
    leave_and_come_back(&mut harness);
    assert!(!harness.state().is_offering_reload(), "not asked again");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert!(
        harness.state().is_asking_about_conflict(),
        "never a silent overwrite"
    );
}
