//! Saves under faults: a full disk, a read-only folder, a locked file,
//! somebody else's changes. Whatever happens, the file on disk is the old
//! version or the new one, and the user is told what to do.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::path::Path;

use journeymap::io::faults::{self, Fault};
use journeymap::io::{self, DiskState, SaveError, SaveOptions};

const OLD: &str = "the old version\n";
const NEW: &str = "the new version\n";

fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(folder)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder with `journey.ron` holding the old version.
fn folder_with_old_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    fs::write(&path, OLD).expect("old file");
    (folder, path)
}

fn save_new(path: &Path, options: SaveOptions) -> Result<DiskState, SaveError> {
    io::save_over(path, NEW.as_bytes(), options)
}

fn assert_untouched(folder: &Path, path: &Path) {
    assert_eq!(fs::read_to_string(path).expect("read"), OLD);
    assert_eq!(
        entries(folder),
        ["journey.ron"],
        "no temporary or half-written file is left behind"
    );
}

#[test]
fn a_full_disk_leaves_the_old_file_whole_and_says_so() {
    let (folder, path) = folder_with_old_file();
    let _fault = faults::inject(folder.path(), Fault::DiskFull);
    let error = save_new(&path, SaveOptions::default()).expect_err("the disk is full");
    let message = error.to_string();
    assert!(message.contains("the disk is full"), "{message}");
    assert!(message.contains("unchanged"), "{message}");
    assert_untouched(folder.path(), &path);
}

#[test]
fn a_read_only_folder_leaves_the_old_file_whole_and_says_so() {
    let (folder, path) = folder_with_old_file();
    let _fault = faults::inject(folder.path(), Fault::ReadOnly);
    let message = save_new(&path, SaveOptions::default())
        .expect_err("read-only")
        .to_string();
    assert!(message.contains("not allowed to write there"), "{message}");
    assert_untouched(folder.path(), &path);
}

#[test]
fn a_locked_file_is_not_replaced_and_the_user_is_told_why() {
    let (folder, path) = folder_with_old_file();
    let _fault = faults::inject(folder.path(), Fault::Locked);
    let message = save_new(&path, SaveOptions::default())
        .expect_err("locked")
        .to_string();
    assert!(
        message.contains("another program is using the file"),
        "{message}"
    );
    assert_untouched(folder.path(), &path);
}

#[test]
fn a_fault_ends_with_its_guard_and_touches_only_its_own_folder() {
    let (folder, path) = folder_with_old_file();
    let (other, other_path) = folder_with_old_file();
    {
        let _fault = faults::inject(folder.path(), Fault::DiskFull);
        save_new(&other_path, SaveOptions::default()).expect("another folder saves");
        assert!(save_new(&path, SaveOptions::default()).is_err());
    }
    save_new(&path, SaveOptions::default()).expect("saves once the fault is gone");
    assert_eq!(fs::read_to_string(&path).expect("read"), NEW);
    drop(other);
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup() {
    let (folder, path) = folder_with_old_file();
    let backup = SaveOptions {
        backup: true,
        expect: None,
    };
    save_new(&path, backup).expect("save");
    assert_eq!(fs::read_to_string(&path).expect("read"), NEW);
    let bak = folder.path().join("journey.ron.bak");
    assert_eq!(io::backup_path(&path), bak);
    assert_eq!(fs::read_to_string(&bak).expect("backup"), OLD);

    // Saving the same bytes again keeps the last *different* version.
    save_new(&path, backup).expect("save again");
    assert_eq!(fs::read_to_string(&bak).expect("backup"), OLD);
}

#[test]
fn no_backup_is_made_when_it_is_turned_off_or_there_was_no_file() {
    let (folder, path) = folder_with_old_file();
    save_new(&path, SaveOptions::default()).expect("save");
    let fresh = folder.path().join("fresh.ron");
    let backup = SaveOptions {
        backup: true,
        expect: None,
    };
    io::save_over(&fresh, NEW.as_bytes(), backup).expect("save a new file");
    assert_eq!(entries(folder.path()), ["fresh.ron", "journey.ron"]);
}

#[test]
fn a_backup_that_cannot_be_written_stops_the_save_before_the_file_is_touched() {
    let (folder, path) = folder_with_old_file();
    // A folder where the backup should go makes the backup fail.
    fs::create_dir(folder.path().join("journey.ron.bak")).expect("blocker");
    let error = save_new(
        &path,
        SaveOptions {
            backup: true,
            expect: None,
        },
    )
    .expect_err("backup fails");
    assert!(matches!(error, SaveError::Backup { .. }), "{error:?}");
    assert!(error.to_string().contains("turned off"), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("read"), OLD);
}

#[test]
fn a_file_changed_by_somebody_else_is_not_overwritten_without_asking() {
    let (folder, path) = folder_with_old_file();
    let opened = DiskState::read(&path).expect("state");
    fs::write(&path, "a teammate's version after git pull\n").expect("their change");
    let error = save_new(
        &path,
        SaveOptions {
            backup: true,
            expect: Some(opened),
        },
    )
    .expect_err("changed on disk");
    assert!(
        matches!(error, SaveError::ChangedOnDisk { deleted: false, .. }),
        "{error:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "a teammate's version after git pull\n"
    );
    assert_eq!(entries(folder.path()), ["journey.ron"]);
}

#[test]
fn a_file_deleted_since_it_was_opened_is_reported_as_gone() {
    let (_folder, path) = folder_with_old_file();
    let opened = DiskState::read(&path).expect("state");
    fs::remove_file(&path).expect("delete");
    let error = save_new(
        &path,
        SaveOptions {
            backup: false,
            expect: Some(opened),
        },
    )
    .expect_err("deleted");
    assert!(
        matches!(error, SaveError::ChangedOnDisk { deleted: true, .. }),
        "{error:?}"
    );
    assert!(!path.exists());
}

#[test]
fn a_file_still_as_expected_is_saved_and_its_new_state_returned() {
    let (_folder, path) = folder_with_old_file();
    let opened = DiskState::read(&path).expect("state");
    let saved = save_new(
        &path,
        SaveOptions {
            backup: false,
            expect: Some(opened),
        },
    )
    .expect("save");
    assert_eq!(saved, DiskState::read(&path).expect("state"));
    assert_ne!(saved, opened);
}
