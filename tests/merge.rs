//! `journeymap merge BASE OURS THEIRS [-o OUT]`: the three-way merge of
//! maps that git runs as its merge driver.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::path::Path;
use std::process::Output;

use journeymap::model::{Card, CardId, JourneyMap, LaneId, Severity, StageId, validate};
use journeymap::{io, samples};

mod support;
use support::{journeymap, stderr};

fn grocery() -> JourneyMap {
    samples::find("grocery-trip")
        .and_then(|s| s.map().ok())
        .expect("sample")
}

fn card(id: &str) -> CardId {
    CardId::new(id)
}

fn stage(id: &str) -> StageId {
    StageId::new(id)
}

fn lane(id: &str) -> LaneId {
    LaneId::new(id)
}

/// Writes the three maps into `dir` as base.ron, ours.ron and theirs.ron
/// and runs `journeymap merge base.ron ours.ron theirs.ron` with `extra`.
fn merge_files(
    dir: &Path,
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &JourneyMap,
    extra: &[&str],
) -> Output {
    for (name, map) in [
        ("base.ron", base),
        ("ours.ron", ours),
        ("theirs.ron", theirs),
    ] {
        io::save_map(&dir.join(name), map).expect("save");
    }
    let mut args = vec!["merge", "base.ron", "ours.ron", "theirs.ron"];
    args.extend(extra);
    journeymap(&args, dir)
}

/// Merges through the command into ours.ron; its exit code, its stderr and
/// the merged map, which `journeymap check` passes.
fn merged(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> (i32, String, JourneyMap) {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = merge_files(dir.path(), base, ours, theirs, &[]);
    let checked = journeymap(&["check", "ours.ron"], dir.path());
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    let map = io::read_map(&dir.path().join("ours.ron")).expect("merged map reads");
    (run.status.code().expect("exit code"), stderr(&run), map)
}

/// The ids of the cards in one cell, in order.
fn cell(map: &JourneyMap, stage_id: &str, lane_id: &str) -> Vec<String> {
    let lane_id = lane(lane_id);
    map.stage(&stage(stage_id))
        .expect("stage")
        .cards_in(&lane_id)
        .map(|c| c.id.to_string())
        .collect()
}

fn text_of(map: &JourneyMap, id: &str) -> String {
    map.card(&card(id)).expect("card").1.text.clone()
}

/// The `CONFLICT:` cards of a map: stage, lane and text.
fn conflict_cards(map: &JourneyMap) -> Vec<(String, String, String)> {
    map.stages
        .iter()
        .flat_map(|s| s.cards.iter().map(move |c| (s, c)))
        .filter(|(_, c)| c.text.starts_with("CONFLICT: "))
        .map(|(s, c)| (s.id.to_string(), c.lane.to_string(), c.text.clone()))
        .collect()
}

#[test]
fn edits_to_different_fields_and_new_cards_in_one_stage_merge_cleanly() {
    let base = grocery();
    let mut ours = base.clone();
    ours.set_card_text(&card("c7"), "Fees only at the last step")
        .expect("text");
    let ours_new = ours
        .add_card(&stage("plan"), &lane("doing"), 9, "Checks the pantry")
        .expect("add");
    let mut theirs = base.clone();
    theirs
        .set_card_severity(&card("c7"), Some(Severity::Critical))
        .expect("severity");
    let theirs_new = Card::new(card("c70"), lane("doing"), "Asks the family");
    theirs
        .insert_card(&stage("plan"), 9, theirs_new)
        .expect("insert");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(errors, "");
    let (_, c7) = map.card(&card("c7")).expect("c7");
    assert_eq!(c7.text, "Fees only at the last step");
    assert_eq!(c7.severity, Some(Severity::Critical));
    // Both new cards at the end of the cell, in the order of their ids.
    let mut expected = cell(&base, "plan", "doing");
    expected.extend([ours_new.to_string(), "c70".to_owned()]);
    assert_eq!(cell(&map, "plan", "doing"), expected);
    assert!(conflict_cards(&map).is_empty());
}

#[test]
fn both_sides_adding_cards_with_the_same_new_id_keeps_both_and_renames_theirs() {
    let base = grocery();
    let mut ours = base.clone();
    let ours_new = ours
        .add_card(&stage("plan"), &lane("doing"), 0, "Checks the pantry")
        .expect("add");
    let mut theirs = base.clone();
    // Theirs' new card with the same id is a pain point that theirs' new
    // opportunity answers: the link follows it to its new id.
    let theirs_pain = theirs
        .add_card(&stage("plan"), &lane("pain-points"), 0, "No list sharing")
        .expect("add");
    assert_eq!(ours_new, theirs_pain, "both sides make up the same id");
    theirs
        .link_opportunity(&card("c8"), &theirs_pain)
        .expect("link");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 0, "{errors}");
    let renamed = map
        .pain_points()
        .find(|c| c.text == "No list sharing")
        .expect("theirs' card is kept")
        .id
        .clone();
    assert_ne!(renamed, ours_new);
    assert_eq!(text_of(&map, ours_new.as_str()), "Checks the pantry");
    assert_eq!(
        map.card(&card("c8")).expect("c8").1.answers,
        Some(renamed.clone())
    );
    assert!(
        errors.contains(&format!(
            "journeymap merge: theirs' card {ours_new} is now {renamed}"
        )),
        "{errors}"
    );
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let base = grocery();
    let mut ours = base.clone();
    ours.set_card_severity(&card("c7"), Some(Severity::Critical))
        .expect("severity");
    ours.add_card(&stage("plan"), &lane("doing"), 9, "Checks the pantry")
        .expect("add");
    let theirs = ours.clone();

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(errors, "");
    assert_eq!(map, ours);
}

#[test]
fn a_field_changed_both_ways_keeps_ours_and_shows_theirs_next_to_it() {
    let base = grocery();
    let mut ours = base.clone();
    ours.set_card_text(&card("c1"), "Writes the list on paper")
        .expect("text");
    let mut theirs = base.clone();
    theirs
        .set_card_text(&card("c1"), "Dictates the list to her phone")
        .expect("text");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1);
    let line = errors.lines().next().expect("a line");
    assert!(
        line.starts_with(
            "journeymap merge: conflict: changed both ways card c1 \"Writes the list on paper\": \
             text ours \"Writes the list on paper\", theirs \"Dictates the list to her phone\"; kept ours; see card c"
        ),
        "{errors}"
    );
    assert_eq!(text_of(&map, "c1"), "Writes the list on paper");
    let doing = cell(&map, "plan", "doing");
    assert_eq!(doing[0], "c1");
    assert_eq!(
        text_of(&map, &doing[1]),
        "CONFLICT: theirs' card c1: Dictates the list to her phone",
        "theirs' version comes right after ours"
    );
    assert!(line.ends_with(&format!("see card {}", doing[1])), "{line}");
}

#[test]
fn a_card_moved_to_two_places_stays_where_ours_put_it_and_theirs_shows_where_it_went() {
    let base = grocery();
    let mut ours = base.clone();
    ours.move_card(&card("c1"), &stage("arrive"), &lane("doing"), 0)
        .expect("move");
    let mut theirs = base.clone();
    theirs
        .move_card(&card("c1"), &stage("shop"), &lane("doing"), 0)
        .expect("move");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1);
    assert!(
        errors.starts_with(
            "journeymap merge: conflict: moved both ways card c1 \"Builds the week’s list and \
             clips coupons in the store app\": ours to \"Park & enter\" / \"Doing\", theirs to \
             \"Find items\" / \"Doing\"; kept ours; see card c"
        ),
        "{errors}"
    );
    assert_eq!(map.card(&card("c1")).expect("c1").0.id, stage("arrive"));
    let shown = conflict_cards(&map);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        (shown[0].0.as_str(), shown[0].1.as_str()),
        ("shop", "doing")
    );
    assert!(
        shown[0]
            .2
            .contains(&base.card(&card("c1")).expect("c1").1.text)
    );
}

#[test]
fn a_card_changed_on_one_side_and_removed_on_the_other_is_kept() {
    let base = grocery();
    let mut ours = base.clone();
    ours.remove_card(&card("c1")).expect("remove");
    // Ours also removes a lane in which theirs changes a card.
    ours.remove_lane(&lane("thinking")).expect("remove lane");
    let mut theirs = base.clone();
    theirs
        .set_card_text(&card("c1"), "Builds the list with her partner")
        .expect("text");
    theirs
        .set_card_text(&card("c3"), "“Delivery fees? I’ll go in.”")
        .expect("text");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1);
    for item in ["card c1 ", "lane thinking ", "card c3 "] {
        assert!(
            errors.contains(&format!("conflict: changed and removed {item}")),
            "{item}: {errors}"
        );
    }
    assert!(errors.contains("theirs changed it, ours removed it; kept it"));
    assert_eq!(text_of(&map, "c1"), "Builds the list with her partner");
    assert!(map.lane(&lane("thinking")).is_some());
    assert_eq!(text_of(&map, "c3"), "“Delivery fees? I’ll go in.”");
    // Cards theirs left alone in the removed lane go with it.
    assert!(map.card(&card("c4")).is_none());
    let shown = conflict_cards(&map);
    assert!(
        shown
            .iter()
            .any(|(_, _, t)| t.starts_with("CONFLICT: ours removed card c1"))
    );
}

#[test]
fn stage_and_title_changed_both_ways_and_stages_reordered_both_ways_are_conflicts() {
    let base = grocery();
    let mut ours = base.clone();
    ours.rename_stage(&stage("shop"), "In the aisles")
        .expect("rename");
    ours.title = "Our trip".to_owned();
    ours.move_stage(&stage("plan"), 1).expect("move");
    let mut theirs = base.clone();
    theirs
        .rename_stage(&stage("shop"), "Shopping")
        .expect("rename");
    theirs.title = "Their trip".to_owned();
    theirs.move_stage(&stage("plan"), 2).expect("move");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1);
    let lines: Vec<&str> = errors.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with(
            "journeymap merge: conflict: reordered both ways stages: kept ours' order; see card c"
        )),
        "{errors}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "journeymap merge: conflict: changed both ways stage shop \"In the aisles\": name ours \"In the aisles\", theirs \"Shopping\"; kept ours; see card c"
        )),
        "{errors}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "journeymap merge: conflict: changed both ways title: ours \"Our trip\", theirs \"Their trip\"; kept ours"
        )),
        "{errors}"
    );
    assert_eq!(map.title, "Our trip");
    let ids =
        |map: &JourneyMap| -> Vec<String> { map.stages.iter().map(|s| s.id.to_string()).collect() };
    assert_eq!(ids(&map), ids(&ours));
    let shown = conflict_cards(&map);
    assert!(
        shown.contains(&(
            "shop".to_owned(),
            "doing".to_owned(),
            "CONFLICT: theirs' stage shop \"In the aisles\": name Shopping".to_owned()
        )),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|(_, _, t)| t == "CONFLICT: theirs' title: Their trip"),
        "{shown:?}"
    );
}

#[test]
fn the_merged_map_is_valid_when_one_side_removed_what_the_other_linked_to() {
    let base = grocery();
    let mut ours = base.clone();
    // c7 is the pain point c8 answers; ours removes it, theirs links a
    // new opportunity to it.
    ours.remove_card(&card("c7")).expect("remove");
    let mut theirs = base.clone();
    let answer = theirs
        .add_card(&stage("plan"), &lane("opportunities"), 9, "Price match")
        .expect("add");
    theirs.link_opportunity(&answer, &card("c7")).expect("link");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 0, "{errors}");
    assert_eq!(validate(&map), Vec::new());
    assert!(map.card(&card("c7")).is_none());
    assert_eq!(map.card(&answer).expect("kept").1.answers, None);
}

#[test]
fn a_file_that_is_not_a_map_exits_2_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = grocery();
    let mut theirs = base.clone();
    theirs.title = "Changed".to_owned();
    io::save_map(&dir.path().join("base.ron"), &base).expect("save");
    io::save_map(&dir.path().join("theirs.ron"), &theirs).expect("save");
    let broken = "(version: 1,\n    title: \"Half a merge\n";
    fs::write(dir.path().join("ours.ron"), broken).expect("write");

    for extra in [&[][..], &["-o", "out.ron"][..]] {
        let mut args = vec!["merge", "base.ron", "ours.ron", "theirs.ron"];
        args.extend(extra);
        let run = journeymap(&args, dir.path());
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        let errors = stderr(&run);
        assert!(errors.starts_with("ours.ron:2:"), "{errors}");
        assert_eq!(
            fs::read_to_string(dir.path().join("ours.ron")).expect("read"),
            broken
        );
        assert!(!dir.path().join("out.ron").exists());
    }
}

#[test]
fn without_o_the_merge_replaces_ours_and_with_o_it_goes_to_out() {
    let base = grocery();
    let mut ours = base.clone();
    ours.title = "Ours".to_owned();
    let mut theirs = base.clone();
    theirs.scenario = "Theirs".to_owned();
    let mut expected = ours.clone();
    expected.scenario = "Theirs".to_owned();
    let canonical = io::to_ron(&expected).expect("ron");

    let dir = tempfile::tempdir().expect("temp dir");
    let run = merge_files(dir.path(), &base, &ours, &theirs, &["-o", "out.ron"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(run.stdout.is_empty());
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).expect("read");
    assert_eq!(read("out.ron"), canonical);
    assert_eq!(read("ours.ron"), io::to_ron(&ours).expect("ron"));

    let run = merge_files(dir.path(), &base, &ours, &theirs, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(read("ours.ron"), canonical);
    assert_eq!(read("theirs.ron"), io::to_ron(&theirs).expect("ron"));
}

#[test]
fn stages_reordered_both_ways_show_theirs_order_in_a_conflict_card() {
    let base = grocery();
    let mut ours = base.clone();
    ours.move_stage(&stage("plan"), 1).expect("move");
    let mut theirs = base.clone();
    theirs.move_stage(&stage("plan"), 2).expect("move");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("conflict: reordered both ways stages: kept ours' order; see card c"),
        "{errors}"
    );
    let names: Vec<String> = theirs
        .stages
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect();
    let expected = format!("CONFLICT: theirs' order of stages: {}", names.join(", "));
    let shown = conflict_cards(&map);
    assert!(
        shown.iter().any(|(_, _, text)| *text == expected),
        "{expected}\nnot in {shown:?}"
    );
}

#[test]
fn a_cell_reordered_both_ways_shows_theirs_order_in_a_conflict_card_in_that_cell() {
    let mut base = grocery();
    let third = base
        .add_card(&stage("plan"), &lane("doing"), 2, "Checks the pantry")
        .expect("add");
    let mut ours = base.clone();
    ours.move_card(&card("c1"), &stage("plan"), &lane("doing"), 2)
        .expect("move");
    let mut theirs = base.clone();
    theirs
        .move_card(&third, &stage("plan"), &lane("doing"), 0)
        .expect("move");

    let (code, errors, map) = merged(&base, &ours, &theirs);
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains(
            "conflict: reordered both ways cards in \"Plan & decide\" / \"Doing\": kept ours' order; see card c"
        ),
        "{errors}"
    );
    let texts: Vec<String> = theirs
        .stage(&stage("plan"))
        .expect("stage")
        .cards_in(&lane("doing"))
        .map(|c| format!("\"{}\"", c.text))
        .collect();
    let expected = (
        "plan".to_owned(),
        "doing".to_owned(),
        format!(
            "CONFLICT: theirs' order of cards in \"Plan & decide\" / \"Doing\": {}",
            texts.join(", ")
        ),
    );
    let shown = conflict_cards(&map);
    assert!(shown.contains(&expected), "{expected:?}\nnot in {shown:?}");
    let ours_order: Vec<String> = ours
        .stage(&stage("plan"))
        .expect("stage")
        .cards_in(&lane("doing"))
        .map(|c| c.id.to_string())
        .collect();
    let merged_order: Vec<String> = cell(&map, "plan", "doing")
        .into_iter()
        .filter(|id| {
            map.card(&card(id))
                .is_some_and(|(_, c)| !c.text.starts_with("CONFLICT"))
        })
        .collect();
    assert_eq!(merged_order, ours_order);
}

#[test]
fn the_merged_file_keeps_each_sides_comments_with_their_items() {
    let base = grocery();
    let mut ours = base.clone();
    ours.title = "Ours".to_owned();
    let mut theirs = base.clone();
    let added = theirs
        .add_card(&stage("plan"), &lane("doing"), 0, "Asks the kids")
        .expect("add");
    theirs.remove_card(&card("c2")).expect("remove");
    let dir = tempfile::tempdir().expect("temp dir");
    // The text of `map` with `comment` on the line before card `id`.
    let commented = |map: &JourneyMap, id: &str, comment: &str| {
        let text = io::to_ron(map).expect("ron");
        let at = text.find(&format!("id: \"{id}\"")).expect("the card");
        let mut line = text[..at].rfind('\n').expect("a line") + 1;
        if text[line..at].trim().is_empty() {
            // A card over several lines: its `(` is on the line before.
            line = text[..line - 1].rfind('\n').expect("a line") + 1;
        }
        let indent = &text[line..line + text[line..].find('(').expect("the card's (")];
        format!("{}{indent}{comment}\n{}", &text[..line], &text[line..])
    };
    fs::write(dir.path().join("base.ron"), io::to_ron(&base).expect("ron")).expect("write");
    fs::write(
        dir.path().join("ours.ron"),
        commented(&ours, "c1", "// ours: c1 is the first step"),
    )
    .expect("write");
    let theirs_text = commented(&theirs, added.as_str(), "// theirs: new after the workshop");
    fs::write(dir.path().join("theirs.ron"), theirs_text).expect("write");

    let run = journeymap(&["merge", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let merged = fs::read_to_string(dir.path().join("ours.ron")).expect("read");
    for comment in [
        "// ours: c1 is the first step",
        "// theirs: new after the workshop",
    ] {
        let at = merged
            .find(comment)
            .unwrap_or_else(|| panic!("{comment} not in\n{merged}"));
        let next = merged[at..].lines().nth(1).unwrap_or_default().trim();
        assert!(next == "(" || next.starts_with("(id: \"c"), "{merged}");
    }
    assert!(merged.contains("title: \"Ours\""));
    assert!(!merged.contains("id: \"c2\""));
}

#[test]
fn a_comment_on_theirs_new_card_goes_with_it_when_its_id_is_renamed() {
    let base = grocery();
    let mut ours = base.clone();
    let ours_new = ours
        .add_card(&stage("plan"), &lane("doing"), 0, "Checks the pantry")
        .expect("add");
    let mut theirs = base.clone();
    let theirs_new = theirs
        .add_card(&stage("shop"), &lane("doing"), 0, "Asks for help")
        .expect("add");
    assert_eq!(ours_new, theirs_new, "both sides make up the same id");
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("base.ron"), io::to_ron(&base).expect("ron")).expect("write");
    fs::write(dir.path().join("ours.ron"), io::to_ron(&ours).expect("ron")).expect("write");
    let theirs_text = io::to_ron(&theirs).expect("ron").replacen(
        &format!("(id: \"{theirs_new}\""),
        &format!("// theirs: asked at the deli\n                (id: \"{theirs_new}\""),
        1,
    );
    fs::write(dir.path().join("theirs.ron"), theirs_text).expect("write");

    let run = journeymap(&["merge", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let merged = fs::read_to_string(dir.path().join("ours.ron")).expect("read");
    let at = merged
        .find("// theirs: asked at the deli\n")
        .unwrap_or_else(|| panic!("the comment is gone:\n{merged}"));
    let next = merged[at..].lines().nth(1).unwrap_or_default();
    assert!(next.contains("text: \"Asks for help\""), "{merged}");
    assert!(!next.contains(&format!("id: \"{ours_new}\"")), "{merged}");
}
