//! Recovery copies on disk: written per editor session, offered only once
//! that editor is gone, and never confused with a running editor's.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::path::PathBuf;

use journeymap::io::recovery::{self, Session, Source};
use journeymap::samples;

fn grocery() -> journeymap::model::JourneyMap {
    samples::find("grocery-trip")
        .expect("sample")
        .map()
        .expect("valid")
}

fn source() -> Source {
    Source::File(PathBuf::from("/maps/grocery.ron"))
}

#[test]
fn a_running_editors_copy_is_not_offered_but_a_gone_editors_is() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    recovery::write_copy(&session.copy_file(), &source(), &grocery()).expect("write");
    assert!(
        recovery::orphans(root.path()).is_empty(),
        "the editor is still running"
    );

    drop(session); // like a crash or a kill: the folder stays, the lock goes
    let orphans = recovery::orphans(root.path());
    assert_eq!(orphans.len(), 1);
    let copy = orphans[0]
        .copy
        .as_ref()
        .expect("a copy")
        .as_ref()
        .expect("readable");
    assert_eq!(copy.source, source());
    assert_eq!(copy.map, grocery());
    assert!(orphans[0].crash.is_none());
}

#[test]
fn an_orphan_being_offered_by_one_editor_is_not_offered_by_another() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    recovery::write_copy(&session.copy_file(), &source(), &grocery()).expect("write");
    drop(session);
    let first = recovery::orphans(root.path());
    assert_eq!(first.len(), 1);
    assert!(recovery::orphans(root.path()).is_empty());
    drop(first);
    assert_eq!(
        recovery::orphans(root.path()).len(),
        1,
        "offered again later"
    );
}

#[test]
fn a_clean_exit_leaves_nothing_to_recover() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    recovery::write_copy(&session.copy_file(), &source(), &grocery()).expect("write");
    session.end().expect("end");
    assert!(recovery::orphans(root.path()).is_empty());
    assert_eq!(fs::read_dir(root.path()).expect("root").count(), 0);
}

#[test]
fn a_gone_editor_with_nothing_unsaved_is_tidied_away_silently() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    recovery::write_copy(&session.copy_file(), &source(), &grocery()).expect("write");
    session.clear().expect("saved: the copy goes");
    drop(session);
    assert!(recovery::orphans(root.path()).is_empty());
    assert_eq!(fs::read_dir(root.path()).expect("root").count(), 0);
}

#[test]
fn a_crash_report_is_offered_even_with_nothing_unsaved() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    session
        .record_crash("panicked at src/ui/canvas.rs:1:1:\nboom")
        .expect("record");
    drop(session);
    let orphans = recovery::orphans(root.path());
    assert_eq!(orphans.len(), 1);
    assert!(orphans[0].copy.is_none());
    assert!(orphans[0].crash.as_deref().expect("crash").contains("boom"));
}

#[test]
fn a_damaged_copy_is_offered_as_an_error_with_its_position_and_kept() {
    let root = tempfile::tempdir().expect("tempdir");
    let session = Session::start(root.path()).expect("session");
    recovery::write_copy(&session.copy_file(), &source(), &grocery()).expect("write");
    let text = fs::read_to_string(session.copy_file()).expect("read");
    fs::write(session.copy_file(), &text[..text.len() / 2]).expect("truncate");
    let folder = session.folder().to_owned();
    drop(session);
    let orphans = recovery::orphans(root.path());
    let error = orphans[0]
        .copy
        .as_ref()
        .expect("a copy")
        .as_ref()
        .expect_err("damaged");
    assert!(error.position().is_some(), "{error}");
    drop(orphans);
    assert!(folder.exists(), "nothing is deleted without asking");
}

#[test]
fn the_newest_copy_is_offered_first() {
    let root = tempfile::tempdir().expect("tempdir");
    let old = Session::start(root.path()).expect("session");
    recovery::write_copy(&old.copy_file(), &source(), &grocery()).expect("write");
    let untitled = Session::start(root.path()).expect("session");
    // Copies record their time in whole seconds.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    recovery::write_copy(
        &untitled.copy_file(),
        &Source::Untitled("blank".into()),
        &grocery(),
    )
    .expect("write");
    drop((old, untitled));
    let orphans = recovery::orphans(root.path());
    let sources: Vec<_> = orphans
        .iter()
        .map(|o| {
            o.copy
                .as_ref()
                .expect("copy")
                .as_ref()
                .expect("ok")
                .source
                .clone()
        })
        .collect();
    assert_eq!(sources, [Source::Untitled("blank".into()), source()]);
}
