//! journeymap in a real git repository: `git-setup`, then `git merge` and
//! `git diff` running `journeymap merge` and `journeymap git-diff`.
//!
//! Each test makes its own repository in a temporary folder, with `HOME`
//! there too and the system config off, so no one's git config leaks in.
//! Without git installed the tests say so and pass.

#![expect(
    clippy::expect_used,
    clippy::print_stderr,
    reason = "test helpers fail the test with a message; a missing git is said on stderr"
)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use journeymap::io;
use journeymap::model::{CardId, JourneyMap, LaneId, StageId};
use journeymap::samples;

/// A command run in `dir` (the test's temporary folder, or `folder` in
/// it) with no config but the repository's own.
fn isolated(program: &str, dir: &Path, folder: &str) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir.join(folder))
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap_or(dir))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_EXTERNAL_DIFF");
    command
}

fn run(mut command: Command) -> Output {
    command.output().expect("run")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let mut command = isolated("git", dir, "");
    command.args(args);
    run(command)
}

/// Runs git and fails the test if git fails.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let done = git(dir, args);
    assert!(
        done.status.success(),
        "git {args:?}: {}",
        text(&done.stderr)
    );
    text(&done.stdout)
}

fn journeymap(dir: &Path, args: &[&str]) -> Output {
    journeymap_in(dir, "", args)
}

/// Runs journeymap in `folder` of `dir`.
fn journeymap_in(dir: &Path, folder: &str, args: &[&str]) -> Output {
    let mut command = isolated(env!("CARGO_BIN_EXE_journeymap"), dir, folder);
    command.args(args);
    run(command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn has_git() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("git is not installed: skipping the git end-to-end test");
    }
    found
}

/// A repository in `dir` on branch `main` holding trip.ron (the grocery
/// sample), committed, with `journeymap git-setup` run and committed.
fn repository(dir: &Path) -> JourneyMap {
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    git_ok(dir, &["config", "user.name", "Test"]);
    git_ok(dir, &["config", "user.email", "test@example.com"]);
    let map = samples::find("grocery-trip")
        .and_then(|s| s.map().ok())
        .expect("sample");
    io::save_map(&dir.join("trip.ron"), &map).expect("save");
    let setup = journeymap(dir, &["git-setup"]);
    assert_eq!(setup.status.code(), Some(0), "{}", text(&setup.stderr));
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "trip"]);
    map
}

/// Commits `map` as trip.ron on a new branch `name` made from main.
fn branch(dir: &Path, name: &str, map: &JourneyMap) {
    git_ok(dir, &["checkout", "-q", "-b", name, "main"]);
    io::save_map(&dir.join("trip.ron"), map).expect("save");
    git_ok(dir, &["commit", "-q", "-am", name]);
}

fn read_trip(dir: &Path) -> JourneyMap {
    io::read_map(&dir.join("trip.ron")).expect("trip.ron is a valid map")
}

#[test]
fn git_merges_two_branches_that_each_added_a_card_to_one_stage() {
    if !has_git() {
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    let base = repository(dir);
    let (plan, doing) = (StageId::new("plan"), LaneId::new("doing"));
    // Both editors make up the same id for their new card; a line merge
    // would see both inserted at the same place and stop.
    let mut one = base.clone();
    one.add_card(&plan, &doing, 0, "Checks the pantry")
        .expect("add");
    let mut other = base.clone();
    other
        .add_card(&plan, &doing, 0, "Asks the family what they need")
        .expect("add");
    branch(dir, "one", &one);
    branch(dir, "other", &other);
    git_ok(dir, &["checkout", "-q", "one"]);

    let merged = git(dir, &["merge", "-q", "--no-edit", "other"]);
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    let check = journeymap(dir, &["check", "trip.ron"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let map = read_trip(dir);
    let texts: Vec<&str> = map.stages[0]
        .cards_in(&doing)
        .map(|c| c.text.as_str())
        .collect();
    assert!(texts.contains(&"Checks the pantry"), "{texts:?}");
    assert!(
        texts.contains(&"Asks the family what they need"),
        "{texts:?}"
    );
    assert_eq!(map.card_count(), base.card_count() + 2);
    assert_eq!(git_ok(dir, &["status", "--porcelain"]), "");
}

#[test]
fn a_real_conflict_stops_git_merge_with_a_valid_map_showing_both_sides() {
    if !has_git() {
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    let base = repository(dir);
    let c1 = CardId::new("c1");
    let mut one = base.clone();
    one.set_card_text(&c1, "Writes the list on paper")
        .expect("text");
    let mut other = base.clone();
    other
        .set_card_text(&c1, "Dictates the list to her phone")
        .expect("text");
    branch(dir, "one", &one);
    branch(dir, "other", &other);
    git_ok(dir, &["checkout", "-q", "one"]);

    let merged = git(dir, &["merge", "--no-edit", "other"]);
    assert!(!merged.status.success());
    let said = format!("{}{}", text(&merged.stdout), text(&merged.stderr));
    assert!(
        said.contains("CONFLICT") && said.contains("trip.ron"),
        "{said}"
    );
    assert!(
        said.contains("journeymap merge: conflict: changed both ways card c1"),
        "{said}"
    );
    assert_eq!(git_ok(dir, &["status", "--porcelain"]), "UU trip.ron\n");
    let map = read_trip(dir);
    assert_eq!(
        map.card(&c1).expect("c1").1.text,
        "Writes the list on paper"
    );
    assert!(
        map.cards()
            .any(|c| c.text == "CONFLICT: theirs' card c1: Dictates the list to her phone")
    );
}

#[test]
fn git_diff_lists_what_changed_item_by_item() {
    if !has_git() {
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    let mut map = repository(dir);
    map.set_card_text(&CardId::new("c1"), "Writes the list on paper")
        .expect("text");
    io::save_map(&dir.join("trip.ron"), &map).expect("save");
    // A new map, and a file that is not a valid map (yet).
    let new = JourneyMap {
        title: "Next trip".to_owned(),
        ..JourneyMap::default()
    };
    io::save_map(&dir.join("new.ron"), &new).expect("save");
    fs::write(dir.join("half.ron"), "(version: 1, title: \"Half\"").expect("write");
    git_ok(dir, &["add", "-N", "new.ron", "half.ron"]);

    let shown = git_ok(dir, &["diff"]);
    assert!(
        shown.contains(
            "diff --journeymap a/trip.ron b/trip.ron\n\
             changed card c1 \"Builds the week’s list and clips coupons in the store app\": \
             text → \"Writes the list on paper\"\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "diff --journeymap a/new.ron b/new.ron\n(a new file)\n\
             changed title: \"\" → \"Next trip\"\n"
        ),
        "{shown}"
    );
    assert!(shown.contains("b/half.ron:1:"), "{shown}");
    assert!(shown.contains("+(version: 1, title: \"Half\""), "{shown}");
    let plain = git_ok(dir, &["diff", "--no-ext-diff", "trip.ron"]);
    assert!(
        plain.contains(
            "+                (id: \"c1\", lane: \"doing\", text: \"Writes the list on paper\"),\n"
        ),
        "{plain}"
    );
}

#[test]
fn git_setup_twice_leaves_one_attributes_line_and_the_drivers_set() {
    if !has_git() {
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    git_ok(dir, &["init", "-q"]);
    fs::write(dir.join(".gitattributes"), "*.png binary").expect("write");
    fs::create_dir(dir.join("maps")).expect("mkdir");
    for _ in 0..2 {
        // From a folder inside the repository.
        let setup = journeymap_in(dir, "maps", &["git-setup"]);
        assert_eq!(setup.status.code(), Some(0), "{}", text(&setup.stderr));
    }
    assert_eq!(
        fs::read_to_string(dir.join(".gitattributes")).expect("read"),
        "*.png binary\n*.ron merge=journeymap diff=journeymap\n"
    );
    let exe = fs::canonicalize(env!("CARGO_BIN_EXE_journeymap")).expect("exe");
    let exe = format!("'{}'", exe.display());
    let config = |key: &str| git_ok(dir, &["config", "--local", "--get-all", key]);
    assert_eq!(
        config("merge.journeymap.driver"),
        format!("{exe} merge %O %A %B\n")
    );
    assert_eq!(
        config("diff.journeymap.command"),
        format!("{exe} git-diff\n")
    );
    assert!(!config("merge.journeymap.name").is_empty());
}

#[test]
fn git_setup_outside_a_repository_exits_2() {
    if !has_git() {
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let setup = journeymap(folder.path(), &["git-setup"]);
    assert_eq!(setup.status.code(), Some(2));
    assert!(text(&setup.stderr).contains("not inside a git repository"));
    assert!(!folder.path().join(".gitattributes").exists());
}
