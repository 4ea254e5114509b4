//! `journeymap stats FILE [--json]`: each stage's health and the whole
//! map's, checked against figures worked out by hand.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::path::Path;

use serde_json::json;

mod support;
use support::{journeymap, stderr};

/// A published journey transcribed by hand (its source is cited in the
/// map's scenario): CADRE's "Mapping the emergency room patient".
const EMERGENCY_ROOM: &str = "tests/maps/emergency-room-visit.ron";

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(args: &[&str]) -> String {
    let output = journeymap(args, here());
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The figures, worked out by hand from the map file:
///
/// - Pain points: arrive none; assess one High (3); bed Medium (2) and
///   Critical (4) = 6; treat High (3) and Medium (2) = 5; leave none.
///   The map: 5 pain points, severity 3 + 6 + 5 = 14.
/// - Mean emotion: arrive (−3 − 3) / 2 = −3; assess (1 + 1 − 2) / 3 = 0;
///   bed (−2 + 0 + 1 − 2 + 2) / 5 = −0.2; treat (2 − 2 − 1 − 2 + 2 + 3) / 6
///   = 0.333… → 0.33; leave 3. The map: (−6 + 0 − 1 + 2 + 3) / 17 = −2 / 17
///   = −0.1176… → −0.12.
/// - Moments of truth: the triage nurse (assess) and the doctor (treat).
/// - The source records no company belief, KPIs or votes: null and empty.
#[test]
fn stats_json_agrees_with_the_figures_worked_out_by_hand() {
    let text = stdout(&["stats", EMERGENCY_ROOM, "--json"]);
    let figures: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let stage = |id: &str, name: &str, pains: u32, severity: u32, mean: f64, mot: u32| {
        json!({
            "id": id,
            "name": name,
            "pain_points": pains,
            "severity_score": severity,
            "mean_emotion": mean,
            "perception_gap": null,
            "moments_of_truth": mot,
            "kpis": [],
        })
    };
    let expected = json!({
        "stages": [
            stage("arrive", "Arrive", 0, 0, -3.0, 0),
            stage("assess", "Get assessed", 1, 3, 0.0, 1),
            stage("bed", "Get a bed", 2, 6, -0.2, 0),
            stage("treat", "Get diagnosed & treated", 2, 5, 0.33, 1),
            stage("leave", "Leave", 0, 0, 3.0, 0),
        ],
        "map": {
            "title": "Mapping the emergency room patient",
            "stages": 5,
            "cards": 17,
            "pain_points": 5,
            "severity_score": 14,
            "mean_emotion": -0.12,
            "perception_gap": null,
            "moments_of_truth": 2,
            "biggest_gaps": [],
            "most_voted": [],
        },
    });
    assert_eq!(figures, expected, "{text}");
}

#[test]
fn stats_prints_a_row_per_stage_and_the_whole_map() {
    let text = stdout(&["stats", EMERGENCY_ROOM]);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[0], "Mapping the emergency room patient");
    let row = |name: &str| {
        rows.iter()
            .find(|row| row.starts_with(name))
            .map(|row| row.split_whitespace().rev().take(5).collect::<Vec<_>>())
            .expect("a row")
    };
    // Read from the right: MoT, gap, emotion, severity, pains.
    assert_eq!(row("Get a bed"), ["0", "-", "-0.20", "6", "2"]);
    assert_eq!(row("Get diagnosed"), ["1", "-", "+0.33", "5", "2"]);
    assert_eq!(row("Whole map"), ["2", "-", "-0.12", "14", "5"]);
    assert!(text.lines().all(|line| line == line.trim_end()));
}

#[test]
fn stats_of_a_broken_map_lists_its_problems_and_exits_1() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("broken.ron");
    std::fs::write(
        &path,
        "(version: 1, stages: [(id: \"s1\", name: \"A\", oops: 1)])",
    )
    .expect("write");
    let output = journeymap(&["stats", "broken.ron", "--json"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).starts_with("broken.ron:1:"),
        "{}",
        stderr(&output)
    );
}
