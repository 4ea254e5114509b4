//! Saving: atomic, canonical, and careful with the file that was there.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::path::Path;

use journeymap::io::{self, Overwrite, SaveError};
use journeymap::samples;

fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(folder)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sample_map() -> journeymap::model::JourneyMap {
    samples::find("blank").expect("blank").map().expect("valid")
}

#[test]
fn a_saved_map_reads_back_equal_and_leaves_no_temporary_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    let map = sample_map();
    io::save_map(&path, &map).expect("save");
    assert_eq!(io::read_map(&path).expect("load"), map);
    assert_eq!(entries(folder.path()), ["journey.ron"]);
}

#[test]
fn saving_over_a_file_replaces_it_whole() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    fs::write(&path, "x".repeat(100_000)).expect("old file");
    io::save_map(&path, &sample_map()).expect("save");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        io::to_ron(&sample_map()).expect("ron")
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("shared.ron");
    fs::write(&path, "old").expect("old file");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).expect("chmod");
    io::save_map(&path, &sample_map()).expect("save");
    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
}

#[cfg(unix)]
#[test]
fn a_new_file_is_readable_by_others_like_any_document() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("new.ron");
    io::save_map(&path, &sample_map()).expect("save");
    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_replaces_the_file_and_keeps_the_link() {
    let folder = tempfile::tempdir().expect("tempdir");
    let real = folder.path().join("real.ron");
    let link = folder.path().join("link.ron");
    fs::write(&real, "old").expect("old file");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    io::save_map(&link, &sample_map()).expect("save");
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(io::read_map(&real).expect("load"), sample_map());
}

#[test]
fn a_failed_save_says_why_and_leaves_what_was_there() {
    let folder = tempfile::tempdir().expect("tempdir");
    // A folder where the map should go: the rename over it must fail.
    let path = folder.path().join("journey.ron");
    fs::create_dir(&path).expect("folder in the way");
    fs::write(path.join("keep.txt"), "precious").expect("file inside");
    let error = io::save_map(&path, &sample_map()).expect_err("cannot replace a folder");
    assert!(matches!(error, SaveError::Write { .. }), "{error:?}");
    assert!(error.to_string().contains("journey.ron"), "{error}");
    assert!(
        error.to_string().ends_with("the file on disk is unchanged"),
        "{error}"
    );
    assert_eq!(
        fs::read_to_string(path.join("keep.txt")).expect("kept"),
        "precious"
    );
    assert_eq!(
        entries(folder.path()),
        ["journey.ron"],
        "no temporary file left behind"
    );
}

#[test]
fn saving_into_a_missing_folder_is_an_error_not_a_panic() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("no/such/folder/journey.ron");
    let error = io::save_map(&path, &sample_map()).expect_err("missing folder");
    assert!(error.to_string().starts_with("could not save"), "{error}");
}

#[test]
fn refusing_to_overwrite_leaves_the_existing_file_alone() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("mine.ron");
    fs::write(&path, "my map").expect("existing");
    let error = io::write_atomically(&path, b"other", Overwrite::Refuse).expect_err("exists");
    assert!(
        matches!(error, SaveError::AlreadyExists { .. }),
        "{error:?}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "my map");
    assert_eq!(entries(folder.path()), ["mine.ron"]);
}
