//! The `journeymap` command line, run as a user runs it.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod support;
use support::{journeymap, stderr};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_no_panic(output: &Output) {
    assert!(!stderr(output).contains("panicked"), "{}", stderr(output));
}

fn samples_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

#[test]
fn check_reports_each_valid_sample_with_its_size() {
    let output = journeymap(&["check", "grocery-trip.ron", "blank.ron"], &samples_dir());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("grocery-trip.ron: ok ("), "{text}");
    assert_eq!(lines[1], "blank.ron: ok (5 stages, 5 lanes, 0 cards)");
}

#[test]
fn check_points_at_the_line_and_column_and_exits_1() {
    let folder = tempfile::tempdir().expect("tempdir");
    fs::write(
        folder.path().join("typo.ron"),
        "(\n    version: 1,\n    titel: \"x\",\n)\n",
    )
    .expect("write");
    let output = journeymap(&["check", "typo.ron", "../nope.ron"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    let errors = stderr(&output);
    assert!(
        errors.contains("typo.ron:3:5: Unexpected field named `titel`"),
        "{errors}"
    );
    assert!(
        errors.contains("../nope.ron: cannot read the file:"),
        "{errors}"
    );
}

#[test]
fn check_of_an_oversized_file_has_no_position() {
    let folder = tempfile::tempdir().expect("tempdir");
    let file = fs::File::create(folder.path().join("huge.ron")).expect("create");
    file.set_len(journeymap::io::MAX_FILE_BYTES + 1)
        .expect("sparse");
    let output = journeymap(&["check", "huge.ron"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("huge.ron: the file is 33554433 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn fmt_refuses_an_oversized_file_before_reading_it() {
    let folder = tempfile::tempdir().expect("tempdir");
    // 64 GiB, sparse: reading it would exhaust memory; it must not be read.
    let file = fs::File::create(folder.path().join("huge.ron")).expect("create");
    file.set_len(64 << 30).expect("sparse");
    let output = journeymap(&["fmt", "huge.ron"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("huge.ron: the file is 68719476736 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    let folder = tempfile::tempdir().expect("tempdir");
    for args in [
        &["check"][..],
        &["fmt"],
        &["frobnicate", "x"],
        &["new", "--from", "nothing", "-o", "x.ron"],
    ] {
        let output = journeymap(args, folder.path());
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_no_panic(&output);
    }
}

#[test]
fn fmt_rewrites_a_map_in_canonical_form() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("messy.ron");
    fs::write(
        &path,
        "(version:1,title:\"Messy\",lanes:[],stages:[(id:\"a\",name:\"A\")])",
    )
    .expect("write");
    let output = journeymap(&["fmt", "messy.ron"], folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "messy.ron: formatted\n");
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("(\n    version: 1,\n    title: \"Messy\",\n"),
        "{text}"
    );
    let again = journeymap(&["fmt", "--check", "messy.ron"], folder.path());
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}

#[test]
fn fmt_check_lists_what_would_change_and_changes_nothing() {
    let folder = tempfile::tempdir().expect("tempdir");
    let messy = "(version: 1, title: \"Messy\")";
    fs::write(folder.path().join("messy.ron"), messy).expect("write");
    fs::copy(
        samples_dir().join("blank.ron"),
        folder.path().join("tidy.ron"),
    )
    .expect("copy");
    let output = journeymap(&["fmt", "--check", "tidy.ron", "messy.ron"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "messy.ron\n");
    assert_eq!(
        fs::read_to_string(folder.path().join("messy.ron")).expect("read"),
        messy
    );
}

#[test]
fn fmt_never_rewrites_an_invalid_or_newer_map() {
    let folder = tempfile::tempdir().expect("tempdir");
    let newer = "(version: 9, title: \"From the future\", holograms: [])";
    fs::write(folder.path().join("newer.ron"), newer).expect("write");
    let output = journeymap(&["fmt", "newer.ron"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("newer.ron:1:2: this map is format version 9"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(folder.path().join("newer.ron")).expect("read"),
        newer
    );
}

#[test]
fn every_sample_passes_check_and_fmt_check() {
    let names: Vec<String> = fs::read_dir(samples_dir())
        .expect("samples")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["check"];
    args.extend(names.iter().map(String::as_str));
    let output = journeymap(&args, &samples_dir());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    args[0] = "--check";
    args.insert(0, "fmt");
    let output = journeymap(&args, &samples_dir());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn samples_lists_every_bundled_map_and_template() {
    let output = journeymap(&["samples"], &samples_dir());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for sample in journeymap::samples::SAMPLES {
        assert!(
            text.lines().any(|line| line.starts_with(sample.name)),
            "{} missing:\n{text}",
            sample.name
        );
    }
    assert!(text.contains("template"), "{text}");
}

#[test]
fn new_writes_a_sample_and_refuses_to_overwrite_without_force() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = journeymap(
        &["new", "--from", "grocery-trip", "-o", "ours.ron"],
        folder.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = fs::read_to_string(folder.path().join("ours.ron")).expect("written");
    assert_eq!(
        written,
        fs::read_to_string(samples_dir().join("grocery-trip.ron")).expect("sample")
    );

    fs::write(folder.path().join("ours.ron"), "our work").expect("edit");
    let refused = journeymap(&["new", "-o", "ours.ron"], folder.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("ours.ron already exists; pass --force"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        fs::read_to_string(folder.path().join("ours.ron")).expect("kept"),
        "our work"
    );

    let forced = journeymap(&["new", "-o", "ours.ron", "--force"], folder.path());
    assert_eq!(forced.status.code(), Some(0));
    let blank = fs::read_to_string(samples_dir().join("blank.ron")).expect("blank");
    assert_eq!(
        fs::read_to_string(folder.path().join("ours.ron")).expect("new"),
        blank
    );
}

#[test]
fn help_reads_like_a_manual() {
    let output = journeymap(&["--help"], &samples_dir());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for needle in [
        "customer journey maps",
        "Exit status",
        "check",
        "fmt",
        "samples",
        "new",
        "Examples:",
    ] {
        assert!(text.contains(needle), "help lacks {needle:?}:\n{text}");
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_like_head_expects() {
    // `journeymap samples | head -1`: the reader goes away early.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["check", "grocery-trip.ron", "team-gear.ron"])
        .current_dir(samples_dir())
        .stdout(writer)
        .output()
        .expect("run journeymap");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn every_class_of_bad_input_gets_a_located_message_and_exit_1() {
    let good = fs::read_to_string(samples_dir().join("team-gear.ron")).expect("sample");
    let deep = format!(
        "(version: 1, title: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut not_utf8 = good.clone().into_bytes();
    not_utf8[40] = 0xff;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), ":1:1: the file is empty"),
        (
            "truncated",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "looks truncated",
        ),
        ("not-utf8", not_utf8, "is not UTF-8 text"),
        (
            "unknown-field",
            good.replacen("owner:", "ownr:", 1).into_bytes(),
            "Unexpected field named `ownr`",
        ),
        (
            "wrong-type",
            good.replacen("score: ", "score: \"", 1).into_bytes(),
            ":",
        ),
        (
            "score",
            good.replacen("score: -1,", "score: -9,", 1).into_bytes(),
            "scores go from -3 to +3",
        ),
        (
            "duplicate",
            good.replacen("id: \"c2\"", "id: \"c1\"", 1).into_bytes(),
            "is already used",
        ),
        (
            "dangling",
            good.replacen("answers: Some(\"", "answers: Some(\"zz", 1)
                .into_bytes(),
            "there is no card",
        ),
        (
            "future",
            good.replacen("version: 1,", "version: 3,", 1)
                .replacen("version: 2,", "version: 3,", 1)
                .into_bytes(),
            "reads up to version 2",
        ),
        ("deep", deep.into_bytes(), ":1:"),
    ];
    let folder = tempfile::tempdir().expect("tempdir");
    for (name, bytes, expected) in &cases {
        let file = format!("{name}.ron");
        fs::write(folder.path().join(&file), bytes).expect("write");
        let output = journeymap(&["check", &file], folder.path());
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {errors}");
        assert_no_panic(&output);
        let first = errors.lines().next().unwrap_or_default();
        let located = first
            .strip_prefix(&format!("{file}:"))
            .is_some_and(|rest| rest.split(':').take(2).all(|n| n.parse::<usize>().is_ok()));
        assert!(located, "{name}: no line:column in {first:?}");
        assert!(
            first.contains(expected),
            "{name}: {first:?} lacks {expected:?}"
        );
    }
}

#[test]
fn export_writes_a_slide_and_prints_its_path() {
    let folder = tempfile::tempdir().expect("tempdir");
    let sample = samples_dir().join("team-gear.ron");
    let out = folder.path().join("slide.png");
    let sample_arg = sample.to_string_lossy();
    let out_arg = out.to_string_lossy();
    let output = journeymap(
        &["export", &sample_arg, "-o", &out_arg, "--split", "1"],
        folder.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), out_arg);
    let image = image::open(&out).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1920, 1080));
}

#[test]
fn export_splits_a_dense_map_over_readable_slides_and_prints_each_path() {
    let folder = tempfile::tempdir().expect("tempdir");
    let sample = samples_dir().join("team-gear.ron");
    let out = folder.path().join("deck.png");
    let output = journeymap(
        &[
            "export",
            &sample.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
        folder.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert!(printed.len() > 1, "seven stages need more than one slide");
    for (i, path) in printed.iter().enumerate() {
        assert!(path.ends_with(&format!("deck-{}.png", i + 1)), "{path}");
        let image = image::open(path).expect("a PNG");
        assert_eq!((image.width(), image.height()), (1920, 1080));
    }
    let bad = journeymap(
        &[
            "export",
            &sample.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--split",
            "some",
        ],
        folder.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`some` is not `auto` or a number"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn export_split_writes_one_numbered_file_per_group() {
    let folder = tempfile::tempdir().expect("tempdir");
    let sample = samples_dir().join("grocery-trip.ron");
    let output = journeymap(
        &[
            "export",
            &sample.to_string_lossy(),
            "-o",
            "trip.png",
            "--split",
            "4",
            "--no-legend",
        ],
        folder.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        ["trip-1.png", "trip-2.png"]
    );
    assert!(folder.path().join("trip-2.png").is_file());
    assert!(!folder.path().join("trip.png").exists());
}

#[test]
fn export_explains_a_bad_map_a_bad_path_and_an_absurd_size() {
    let folder = tempfile::tempdir().expect("tempdir");
    fs::write(
        folder.path().join("broken.ron"),
        "(\n    version: 1,\n    title: \"x\n",
    )
    .expect("write");
    let broken = journeymap(&["export", "broken.ron", "-o", "x.png"], folder.path());
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).contains("broken.ron:3:"),
        "{}",
        stderr(&broken)
    );
    assert!(!folder.path().join("x.png").exists());

    let sample = samples_dir().join("team-gear.ron");
    let nowhere = journeymap(
        &[
            "export",
            &sample.to_string_lossy(),
            "-o",
            "no/such/folder/x.png",
        ],
        folder.path(),
    );
    assert_eq!(nowhere.status.code(), Some(1));
    assert!(
        stderr(&nowhere).contains("could not save"),
        "{}",
        stderr(&nowhere)
    );

    let huge = journeymap(
        &[
            "export",
            &sample.to_string_lossy(),
            "-o",
            "x.png",
            "--preset",
            "full",
            "--scale",
            "8",
        ],
        folder.path(),
    );
    assert_eq!(huge.status.code(), Some(1));
    assert!(stderr(&huge).contains("megapixels"), "{}", stderr(&huge));
    for output in [&broken, &nowhere, &huge] {
        assert_no_panic(output);
    }
}

#[test]
fn a_hand_written_map_with_cards_and_points_without_ids_checks_and_fmt_writes_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = r#"(
    version: 1,
    title: "Hand-written",
    lanes: [
        (id: "doing", name: "Doing", kind: Text),
        (id: "touch", name: "Touchpoints", kind: Touchpoints),
        (id: "feel", name: "Feeling", kind: Emotion),
    ],
    stages: [
        (id: "arrive", name: "Arrive", cards: [
            (lane: "doing", text: "Signs in"),
            (id: "c1", lane: "doing", text: "Waits"),
            (lane: "touch", text: "Reminder", channel: Email),
        ], points: [(lane: "feel", score: -1, label: "anxious")]),
    ],
)
"#;
    fs::write(dir.path().join("hand.ron"), text).expect("write");
    let check = journeymap(&["check", "hand.ron"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let unformatted = journeymap(&["fmt", "--check", "hand.ron"], dir.path());
    assert_eq!(unformatted.status.code(), Some(1));
    let fmt = journeymap(&["fmt", "hand.ron"], dir.path());
    assert_eq!(fmt.status.code(), Some(0), "{}", stderr(&fmt));
    let map = journeymap::io::read_map(&dir.path().join("hand.ron")).expect("loads");
    let ids: Vec<_> = map.cards().map(|c| c.id.to_string()).collect();
    // c1 was taken by hand, so the first card without one gets c2.
    assert_eq!(ids, ["c2", "c1", "c3"]);
    assert_eq!(map.stages[0].points[0].id.as_str(), "p1");
    assert_eq!(
        map.cards().nth(2).and_then(|c| c.channel),
        Some(journeymap::model::Channel::Email)
    );
    // Written in, so a second run changes nothing.
    let again = journeymap(&["fmt", "--check", "hand.ron"], dir.path());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn check_warns_of_characters_no_font_draws_and_still_passes() {
    let folder = tempfile::tempdir().expect("tempdir");
    fs::write(
        folder.path().join("glyphs.ron"),
        "(version: 1, title: \"Plan \u{E000} → ✓\",\n  // a comment may hold \u{E001}\n  stages: [(id: \"s1\", name: \"Go \u{E002}\")])\n",
    )
    .expect("write");
    let output = journeymap(&["check", "glyphs.ron"], folder.path());
    assert_eq!(output.status.code(), Some(0), "a warning, not a failure");
    let warnings = stderr(&output);
    assert_eq!(
        warnings.lines().collect::<Vec<_>>(),
        [
            "glyphs.ron:1:27: warning: U+E000 '\\u{e000}' cannot be drawn by any of journeymap's fonts; it shows as a box",
            "glyphs.ron:3:33: warning: U+E002 '\\u{e002}' cannot be drawn by any of journeymap's fonts; it shows as a box",
        ]
    );
}

#[test]
fn a_map_too_large_to_draw_is_refused_by_export_and_the_editor_but_checked_as_it_is() {
    use journeymap::generate::{Spec, generate};
    use journeymap::model::limits::MAX_CARDS;
    let folder = tempfile::tempdir().expect("tempdir");
    // 12,000 cards: a valid map, over what journeymap draws.
    let map = generate(&Spec::new(30, 10, 40));
    assert!(map.card_count() > MAX_CARDS);
    let text = journeymap::io::to_ron(&map).expect("written");
    fs::write(folder.path().join("huge.ron"), text).expect("write");

    let export = journeymap(&["export", "huge.ron", "-o", "huge.png"], folder.path());
    assert_eq!(export.status.code(), Some(1), "{}", stderr(&export));
    assert_no_panic(&export);
    let errors = stderr(&export);
    assert!(
        errors.contains(&format!(
            "huge.ron: the map has 12000 cards; journeymap draws maps of up to {MAX_CARDS}"
        )),
        "{errors}"
    );
    let written = fs::read_dir(folder.path()).expect("folder").count();
    assert_eq!(written, 1, "nothing but the map is in the folder");

    let check = journeymap(&["check", "huge.ron"], folder.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // The editor refuses it up front, with the same message.
    let opened = journeymap::app::Document::open(&folder.path().join("huge.ron"));
    let Err(error) = opened else {
        panic!("the editor opened a map it cannot draw");
    };
    assert!(
        error.to_string().starts_with("the map has 12000 cards"),
        "{error}"
    );
}
