//! `journeymap diff A B`: what changed between two maps, item by item.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;

use journeymap::model::{CardId, Change, JourneyMap, LaneId, PointId, StageId, Subject, diff};
use journeymap::{io, samples};

mod support;
use support::{journeymap, stderr};

fn grocery() -> JourneyMap {
    samples::find("grocery-trip")
        .and_then(|s| s.map().ok())
        .expect("sample")
}

fn lines(old: &JourneyMap, new: &JourneyMap) -> Vec<String> {
    diff(old, new).iter().map(ToString::to_string).collect()
}

#[test]
fn the_same_map_has_no_differences() {
    let map = grocery();
    assert!(diff(&map, &map.clone()).is_empty());
}

#[test]
fn each_kind_of_change_is_one_line_naming_the_item() {
    let old = grocery();
    let mut new = old.clone();
    let first = new.stages[0].id.clone();
    let doing = new.lanes[0].id.clone();
    // A card's text, a card moved to the next stage, a card added, a card
    // removed, a point's score, a stage moved to the end, the persona.
    let edited = new.stages[0].cards[0].id.clone();
    new.set_card_text(&edited, "Writes the list on paper")
        .expect("text");
    let moving = new.stages[0].cards[1].clone();
    let second = new.stages[1].id.clone();
    new.move_card(&moving.id, &second, &moving.lane, 0)
        .expect("move");
    let added = new
        .add_card(&first, &doing, 0, "Checks the weather")
        .expect("add");
    let last_stage = new.stages.len() - 1;
    let removed = new.stages[last_stage].cards[0].clone();
    new.remove_card(&removed.id).expect("remove");
    let point = new.stages[0].points[0].clone();
    new.set_point_score(&point.id, -2).expect("score");
    new.move_stage(&first, last_stage).expect("move stage");
    new.persona.name = "Priya R.".to_owned();

    let got = lines(&old, &new);
    let stage0 = &old.stages[0];
    let first_card = &stage0.cards[0];
    let lane_of = |id: &LaneId| old.lane(id).expect("lane").name.clone();
    let expected = vec![
        "changed persona name: \"Priya Raman\" → \"Priya R.\"".to_owned(),
        format!(
            "moved stage {} \"{}\": now {} of {}",
            stage0.id,
            stage0.name,
            last_stage + 1,
            last_stage + 1
        ),
        format!(
            "changed card {} \"{}\": text → \"Writes the list on paper\"",
            first_card.id, first_card.text
        ),
        format!(
            "moved card {} \"{}\": \"{}\" / \"{}\" → \"{}\" / \"{}\"",
            moving.id,
            moving.text,
            stage0.name,
            lane_of(&moving.lane),
            old.stages[1].name,
            lane_of(&moving.lane)
        ),
        format!(
            "removed card {} \"{}\": from \"{}\" / \"{}\"",
            removed.id,
            removed.text,
            old.stages[last_stage].name,
            lane_of(&removed.lane)
        ),
        format!(
            "added card {added} \"Checks the weather\": in \"{}\" / \"Doing\"",
            stage0.name
        ),
        format!(
            "changed point {} \"{}\": score {:+} → -2",
            point.id, point.label, point.score
        ),
    ];
    assert_eq!(got, expected);
    let kinds: Vec<Change> = diff(&old, &new).iter().map(|d| d.change).collect();
    assert_eq!(kinds.iter().filter(|c| **c == Change::Moved).count(), 2);
}

#[test]
fn a_card_reordered_within_its_cell_is_one_move() {
    let old = grocery();
    let mut new = old.clone();
    let stage = &old.stages[0];
    let lane = stage.cards[0].lane.clone();
    let in_cell: Vec<_> = stage.cards_in(&lane).map(|c| c.id.clone()).collect();
    assert!(in_cell.len() >= 2, "the first cell holds two cards");
    new.move_card(&in_cell[0], &stage.id, &lane, in_cell.len())
        .expect("move");
    let got = lines(&old, &new);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(&format!("moved card {}", in_cell[0])),
        "{got:?}"
    );
}

#[test]
fn diff_exits_0_for_the_same_meaning_1_for_differences_2_for_trouble() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = grocery();
    let text = io::to_ron(&map).expect("saves");
    fs::write(dir.path().join("a.ron"), &text).expect("write");
    // Comments and layout do not count.
    let relaid = format!("// our trip\n{}", text.replace("        ", "\t"));
    fs::write(dir.path().join("b.ron"), relaid).expect("write");
    let same = journeymap(&["diff", "a.ron", "b.ron"], dir.path());
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(same.stdout.is_empty());

    let mut changed = map.clone();
    changed.title = "Saturday shop".to_owned();
    fs::write(
        dir.path().join("c.ron"),
        io::to_ron(&changed).expect("saves"),
    )
    .expect("write");
    let differ = journeymap(&["diff", "a.ron", "c.ron"], dir.path());
    assert_eq!(differ.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&differ.stdout),
        "changed title: \"Weekly grocery trip\" → \"Saturday shop\"\n"
    );

    fs::write(dir.path().join("bad.ron"), "(version: 1, title: 3)").expect("write");
    let trouble = journeymap(&["diff", "a.ron", "bad.ron"], dir.path());
    assert_eq!(trouble.status.code(), Some(2));
    assert!(
        stderr(&trouble).starts_with("bad.ron:1:"),
        "{}",
        stderr(&trouble)
    );
}

#[test]
fn a_quote_in_a_text_does_not_end_its_quoting() {
    let old = grocery();
    let mut new = old.clone();
    let id = new.stages[0].cards[0].id.clone();
    new.set_card_text(&id, "She said \"no\"").expect("text");
    let got = lines(&old, &new);
    assert!(got[0].ends_with(r#"text → "She said \"no\"""#), "{got:?}");
}

#[test]
fn each_difference_names_the_item_it_is_about_for_the_canvas_to_mark() {
    let old = grocery();
    let mut new = old.clone();
    new.title = "Another trip".to_owned();
    new.set_card_text(&CardId::new("c1"), "Edited")
        .expect("text");
    new.remove_card(&CardId::new("c2")).expect("remove");
    new.set_point_score(&PointId::new("p1"), 3).expect("score");
    new.rename_lane(&LaneId::new("doing"), "Does")
        .expect("rename");
    new.move_stage(&StageId::new("plan"), 3).expect("move");
    let about: Vec<(Change, Subject)> = diff(&old, &new)
        .into_iter()
        .map(|d| (d.change, d.subject))
        .collect();
    for expected in [
        (Change::Changed, Subject::Map),
        (Change::Changed, Subject::Card(CardId::new("c1"))),
        (Change::Removed, Subject::Card(CardId::new("c2"))),
        (Change::Changed, Subject::Point(PointId::new("p1"))),
        (Change::Changed, Subject::Lane(LaneId::new("doing"))),
        (Change::Moved, Subject::Stage(StageId::new("plan"))),
    ] {
        assert!(about.contains(&expected), "{expected:?} not in {about:?}");
    }
}
