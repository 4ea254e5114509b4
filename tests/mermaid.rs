//! Mermaid `journey` diagrams: `journeymap import` and `export -o OUT.mmd`,
//! run as a user runs them.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;

mod support;
use support::{journeymap, stderr};

use journeymap::interchange::mermaid;
use journeymap::io;

/// The example of Mermaid's own documentation ("User Journey Diagram").
const WORKING_DAY: &str = "\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
";

#[test]
fn the_documentation_example_imports_as_worked_out_by_hand_and_checks() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("day.mmd"), WORKING_DAY).expect("write");
    let output = journeymap(&["import", "day.mmd", "-o", "day.ron"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let check = journeymap(&["check", "day.ron"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let map = io::read_map(&dir.path().join("day.ron")).expect("the imported map loads");
    assert_eq!(map.title, "My working day");
    let stages: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(stages, ["Go to work", "Go home"]);
    let lanes: Vec<_> = map.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lanes, ["Doing", "Feeling", "Who"]);
    // 5, 3, 1 | 5, 5 on Mermaid's scale.
    let scores: Vec<Vec<i8>> = map
        .stages
        .iter()
        .map(|s| s.points.iter().map(|p| p.score).collect())
        .collect();
    assert_eq!(scores, [vec![3, 0, -3], vec![3, 3]]);
    let work = &map.stages[0];
    let doing: Vec<_> = work
        .cards_in(&map.lanes[0].id)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(doing, ["Make tea", "Go upstairs", "Do work"]);
    let who: Vec<_> = work
        .cards_in(&map.lanes[2].id)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(who, ["Me", "Cat"]);
    // Two actors in the diagram: no single persona.
    assert_eq!(map.persona.name, "");
}

#[test]
fn a_map_exported_to_mermaid_imports_back_the_same_journey() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("day.mmd"), WORKING_DAY).expect("write");
    let imported = journeymap(&["import", "day.mmd", "-o", "day.ron"], dir.path());
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let exported = journeymap(&["export", "day.ron", "-o", "back.mmd"], dir.path());
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let back = fs::read_to_string(dir.path().join("back.mmd")).expect("read back");
    assert_eq!(back, WORKING_DAY);
}

#[test]
fn every_sample_exports_to_mermaid_and_its_curve_comes_back() {
    for sample in journeymap::samples::SAMPLES {
        let map = sample.map().expect("sample loads");
        let text = mermaid::to_journey(&map);
        let back = mermaid::parse_journey(&text, "fallback")
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", sample.name));
        assert_eq!(back.stages.len(), map.stages.len(), "{}", sample.name);
        let emotion = map
            .lanes
            .iter()
            .find(|l| l.kind == journeymap::model::LaneKind::Emotion);
        for (stage, again) in map.stages.iter().zip(&back.stages) {
            let scores: Vec<i8> = emotion.map_or_else(Vec::new, |lane| {
                stage
                    .points_in(&lane.id)
                    .map(|p| mermaid::score_from_mermaid(mermaid::score_to_mermaid(p.score)))
                    .collect()
            });
            let again: Vec<i8> = again.points.iter().map(|p| p.score).collect();
            assert_eq!(again, scores, "{}: {}", sample.name, stage.name);
        }
        assert!(io::to_ron(&back).is_ok());
        assert!(
            journeymap::model::validate(&back).is_empty(),
            "{}",
            sample.name
        );
    }
}

#[test]
fn a_bad_score_is_reported_at_its_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = WORKING_DAY.replace("Go upstairs: 3", "Go upstairs: 3.5");
    fs::write(dir.path().join("day.mmd"), text).expect("write");
    let output = journeymap(&["import", "day.mmd", "-o", "day.ron"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("day.mmd:5:20: task `Go upstairs` has score `3.5`"),
        "{message}"
    );
    assert!(message.contains("whole numbers from 1 to 5"), "{message}");
    assert!(!dir.path().join("day.ron").exists());
}

#[test]
fn other_diagrams_and_stray_lines_are_refused_with_their_place() {
    let flowchart = mermaid::parse_journey("\n%% a comment\nflowchart LR\n  A --> B\n", "t")
        .expect_err("a flowchart is not a journey");
    assert_eq!((flowchart.at.line, flowchart.at.column), (3, 1));
    assert!(
        flowchart.message.contains("not `flowchart`"),
        "{}",
        flowchart.message
    );

    let stray = mermaid::parse_journey("journey\n  section A\n    just words\n", "t")
        .expect_err("a line that is no statement");
    assert_eq!((stray.at.line, stray.at.column), (3, 5));
    assert!(
        stray.message.contains("NAME: SCORE: ACTORS"),
        "{}",
        stray.message
    );

    let empty = mermaid::parse_journey("", "t").expect_err("nothing");
    assert_eq!((empty.at.line, empty.at.column), (1, 1));
    let bare =
        mermaid::parse_journey("journey\n  title Only a title\n", "t").expect_err("no tasks");
    assert!(
        bare.message.contains("nothing to import"),
        "{}",
        bare.message
    );
}

#[test]
fn front_matter_descriptions_comments_and_tasks_before_a_section_are_read() {
    let text = "\
---
title: ignored front matter
---
journey
    %% a comment
    accTitle: Checkout
    accDescr {
        Buying online,
        from cart to receipt
    }
    Browse: 4
    section Pay
      Enter card: 2: Shopper
";
    let map = mermaid::parse_journey(text, "fallback").expect("reads");
    assert_eq!(map.title, "Checkout");
    assert_eq!(map.scenario, "Buying online, from cart to receipt");
    let stages: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(stages, ["", "Pay"]);
    assert_eq!(map.persona.name, "Shopper");
    assert_eq!(map.stages[1].points[0].score, -2);
    assert!(journeymap::model::validate(&map).is_empty());
}

#[test]
fn import_does_not_replace_a_map_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("day.mmd"), WORKING_DAY).expect("write");
    fs::write(dir.path().join("day.ron"), "precious").expect("write");
    let refused = journeymap(&["import", "day.mmd", "-o", "day.ron"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        fs::read_to_string(dir.path().join("day.ron")).expect("read"),
        "precious"
    );
    let forced = journeymap(
        &["import", "day.mmd", "-o", "day.ron", "--force"],
        dir.path(),
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
}

#[test]
fn names_that_look_like_mermaid_statements_export_as_tasks() {
    let mut map = mermaid::parse_journey(WORKING_DAY, "t").expect("reads");
    let labels = ["section Checkout", "title: x", "%% not a comment"];
    for (point, label) in map.stages[0].points.iter_mut().zip(labels) {
        label.clone_into(&mut point.label);
    }
    map.stages[1].name = "Pay: now".to_owned();
    map.stages[1].points[0].label = "a # b ; c".to_owned();
    let text = mermaid::to_journey(&map);
    let back = mermaid::parse_journey(&text, "t").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let names: Vec<_> = back.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Go to work", "Pay now"], "{text}");
    let tasks: Vec<_> = back.stages[0]
        .points
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(
        tasks,
        ["· section Checkout", "· title x", "· %% not a comment"],
        "{text}"
    );
    assert_eq!(back.stages[1].points[0].label, "a b c");
}

mod properties {
    use journeymap::interchange::mermaid;
    use journeymap::{io, model};
    use proptest::prelude::*;

    /// Words with the characters Mermaid reads as syntax, and some that
    /// are not ASCII.
    fn word() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 :#;%{},é→✓-]{0,12}"
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("journey".to_owned()),
            word().prop_map(|w| format!("title {w}")),
            word().prop_map(|w| format!("  section {w}")),
            (word(), 0u8..8).prop_map(|(w, n)| format!("    {w}: {n}")),
            (word(), 1u8..6, word()).prop_map(|(w, n, a)| format!("    {w}: {n}: {a}, {a}")),
            word().prop_map(|w| format!("accTitle: {w}")),
            word().prop_map(|w| format!("accDescr {{ {w}")),
            Just("}".to_owned()),
            word().prop_map(|w| format!("%% {w}")),
            Just("---".to_owned()),
            word(),
        ]
    }

    proptest! {
        /// Whatever the lines, reading never panics; a map it makes is
        /// valid, saves and loads back equal, and its Mermaid reads back
        /// with the same stages.
        #[test]
        fn import_and_export_keep_their_promises(
            lines in proptest::collection::vec(line(), 0..24),
            start in proptest::bool::ANY,
        ) {
            let mut text = if start { "journey\n".to_owned() } else { String::new() };
            text.push_str(&lines.join("\n"));
            let Ok(map) = mermaid::parse_journey(&text, "t") else {
                return Ok(());
            };
            prop_assert!(model::validate(&map).is_empty());
            let saved = io::to_ron(&map).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let reloaded = io::parse_map(&saved).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&reloaded, &map);
            let again = mermaid::to_journey(&map);
            let back = mermaid::parse_journey(&again, "t")
                .map_err(|e| TestCaseError::fail(format!("{e}\n{again}")))?;
            prop_assert_eq!(back.stages.len(), map.stages.len());
        }
    }
}
