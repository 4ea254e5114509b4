//! Copy and paste keep what users rely on: fields, shape, links, and a
//! clear reason when nothing can be pasted.

use super::*;
use crate::edit::{Created, History};
use crate::model::{LaneKind, Severity};

/// Three stages; lanes: Doing (text), Pains, Ideas (opportunities), Feeling.
struct Fixture {
    map: JourneyMap,
    stages: Vec<StageId>,
    doing: LaneId,
    pains: LaneId,
    ideas: LaneId,
    feeling: LaneId,
}

fn fixture() -> Fixture {
    let mut map = JourneyMap::default();
    let stages: Vec<StageId> = ["Search", "Buy", "Use"]
        .iter()
        .enumerate()
        .map(|(i, name)| map.add_stage(i, *name))
        .collect();
    let doing = map.add_lane(0, "Doing", LaneKind::Text);
    let pains = map.add_lane(1, "Pains", LaneKind::PainPoints);
    let ideas = map.add_lane(2, "Ideas", LaneKind::Opportunities);
    let feeling = map.add_lane(3, "Feeling", LaneKind::Emotion);
    Fixture {
        map,
        stages,
        doing,
        pains,
        ideas,
        feeling,
    }
}

fn add(map: &mut JourneyMap, stage: &StageId, lane: &LaneId, text: &str) -> CardId {
    let index = map.stage(stage).map_or(0, |s| s.cards_in(lane).count());
    map.add_card(stage, lane, index, text).expect("card added")
}

fn texts(map: &JourneyMap, stage: &StageId, lane: &LaneId) -> Vec<String> {
    map.stage(stage)
        .expect("stage")
        .cards_in(lane)
        .map(|c| c.text.clone())
        .collect()
}

fn paste_into(map: &mut JourneyMap, text: &str, target: &PasteTarget) -> Vec<CardId> {
    let edit = paste(map, text, Some(target)).expect("paste");
    match History::default().apply(map, edit).expect("applies") {
        Created::Cards(ids) => ids,
        other => panic!("a paste creates cards, not {other:?}"),
    }
}

fn end_of(map: &JourneyMap, stage: &StageId, lane: &LaneId) -> PasteTarget {
    PasteTarget::for_selection(map, &[], Some(&(stage.clone(), lane.clone()))).expect("target")
}

#[test]
fn copied_cards_paste_with_their_fields_and_new_ids() {
    let Fixture {
        mut map,
        stages,
        pains,
        ..
    } = fixture();
    let card = add(&mut map, &stages[0], &pains, "Queue at the till");
    map.set_card_severity(&card, Some(Severity::High))
        .expect("severity");
    map.set_moment_of_truth(&card, true).expect("flag");

    let text = copy(&map, std::slice::from_ref(&card)).expect("copied");
    let target = end_of(&map, &stages[2], &pains);
    let ids = paste_into(&mut map, &text, &target);

    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], card);
    let (stage, pasted) = map.card(&ids[0]).expect("pasted card");
    assert_eq!(stage.id, stages[2]);
    assert_eq!(pasted.text, "Queue at the till");
    assert_eq!(pasted.severity, Some(Severity::High));
    assert!(pasted.moment_of_truth);
    assert!(map.card(&card).is_some(), "copy leaves the original");
}

#[test]
fn a_copied_opportunity_keeps_impact_and_effort_but_not_the_dots_on_it() {
    let Fixture {
        mut map,
        stages,
        ideas,
        ..
    } = fixture();
    let idea = add(&mut map, &stages[0], &ideas, "Self-checkout");
    map.set_impact(&idea, Some(4)).expect("impact");
    map.set_effort(&idea, Some(2)).expect("effort");
    map.set_votes(&idea, "Ana", 3).expect("votes");

    let text = copy(&map, std::slice::from_ref(&idea)).expect("copied");
    assert!(text.contains("journeymap_cards: 2"), "{text}");
    assert!(
        !text.contains("Ana"),
        "voters' names stay in the map: {text}"
    );
    let target = end_of(&map, &stages[1], &ideas);
    let ids = paste_into(&mut map, &text, &target);

    let (_, pasted) = map.card(&ids[0]).expect("pasted");
    assert_eq!((pasted.impact, pasted.effort), (Some(4), Some(2)));
    assert!(pasted.votes.is_empty());
    let (_, original) = map.card(&idea).expect("original");
    assert_eq!(original.votes.total(), 3);
}

#[test]
fn cards_without_version_2_fields_are_copied_as_clip_version_1() {
    let Fixture {
        mut map,
        stages,
        pains,
        ..
    } = fixture();
    let pain = add(&mut map, &stages[0], &pains, "Queue");
    let text = copy(&map, &[pain]).expect("copied");
    assert!(text.contains("journeymap_cards: 1"), "{text}");
}

#[test]
fn a_block_keeps_its_shape_from_the_target_cell() {
    let Fixture {
        mut map,
        stages,
        doing,
        pains,
        ..
    } = fixture();
    let a = add(&mut map, &stages[0], &doing, "A");
    let b = add(&mut map, &stages[0], &doing, "B");
    let c = add(&mut map, &stages[1], &pains, "C");
    // Selection order does not matter: the clip is in map order.
    let text = copy(&map, &[c, b, a]).expect("copied");

    let target = end_of(&map, &stages[1], &doing);
    paste_into(&mut map, &text, &target);

    assert_eq!(texts(&map, &stages[1], &doing), ["A", "B"]);
    assert_eq!(texts(&map, &stages[2], &pains), ["C"]);
}

#[test]
fn a_block_that_overhangs_the_map_stays_inside_it() {
    let Fixture {
        mut map,
        stages,
        doing,
        ideas,
        feeling,
        ..
    } = fixture();
    let a = add(&mut map, &stages[0], &doing, "A");
    let b = add(&mut map, &stages[1], &ideas, "B");
    let text = copy(&map, &[a, b]).expect("copied");

    // One stage right of the last stage does not exist, and two lanes below
    // Ideas is past the last lane: B stays in the last stage, in Ideas.
    let target = end_of(&map, &stages[2], &ideas);
    paste_into(&mut map, &text, &target);

    assert_eq!(texts(&map, &stages[2], &ideas), ["A", "B"]);
    assert!(texts(&map, &stages[2], &feeling).is_empty());
}

#[test]
fn pasting_after_a_selected_card_inserts_right_after_it() {
    let Fixture {
        mut map,
        stages,
        doing,
        ..
    } = fixture();
    let first = add(&mut map, &stages[0], &doing, "first");
    add(&mut map, &stages[0], &doing, "last");
    let target =
        PasteTarget::for_selection(&map, std::slice::from_ref(&first), None).expect("target");

    paste_into(&mut map, "new one\nnew two", &target);

    assert_eq!(
        texts(&map, &stages[0], &doing),
        ["first", "new one", "new two", "last"]
    );
}

#[test]
fn a_pasted_pain_point_and_its_opportunity_stay_a_pair() {
    let Fixture {
        mut map,
        stages,
        pains,
        ideas,
        ..
    } = fixture();
    let pain = add(&mut map, &stages[0], &pains, "Queue");
    let idea = add(&mut map, &stages[0], &ideas, "Self-checkout");
    map.link_opportunity(&idea, &pain).expect("linked");
    let text = copy(&map, &[pain.clone(), idea]).expect("copied");

    let target = end_of(&map, &stages[1], &pains);
    let ids = paste_into(&mut map, &text, &target);

    let (_, new_pain) = map.card(&ids[0]).expect("pain");
    let (_, new_idea) = map.card(&ids[1]).expect("idea");
    assert_eq!(new_pain.text, "Queue");
    assert_eq!(new_idea.answers.as_ref(), Some(&new_pain.id));
}

#[test]
fn an_opportunity_pasted_into_another_map_loses_a_link_it_cannot_keep() {
    let Fixture {
        mut map,
        stages,
        pains,
        ideas,
        ..
    } = fixture();
    let pain = add(&mut map, &stages[0], &pains, "Queue");
    let idea = add(&mut map, &stages[0], &ideas, "Self-checkout");
    map.link_opportunity(&idea, &pain).expect("linked");
    let text = copy(&map, &[idea]).expect("copied");

    let mut other = fixture();
    let target = end_of(&other.map, &other.stages[0], &other.ideas);
    let ids = paste_into(&mut other.map, &text, &target);

    let (_, pasted) = other.map.card(&ids[0]).expect("pasted");
    assert_eq!(pasted.text, "Self-checkout");
    assert_eq!(pasted.answers, None);
    assert!(crate::model::validate(&other.map).is_empty());
}

#[test]
fn fields_a_lane_does_not_allow_are_dropped() {
    let Fixture {
        mut map,
        stages,
        doing,
        pains,
        ..
    } = fixture();
    let pain = add(&mut map, &stages[0], &pains, "Queue");
    map.set_card_severity(&pain, Some(Severity::Critical))
        .expect("severity");
    let text = copy(&map, &[pain]).expect("copied");

    let target = end_of(&map, &stages[1], &doing);
    let ids = paste_into(&mut map, &text, &target);

    let (_, pasted) = map.card(&ids[0]).expect("pasted");
    assert_eq!(pasted.lane, doing);
    assert_eq!(pasted.severity, None);
}

#[test]
fn plain_text_becomes_one_card_per_line_without_bullets() {
    let Fixture {
        mut map,
        stages,
        doing,
        ..
    } = fixture();
    let notes = "- Reads reviews\n\n  • Compares prices  \r\n* Asks a friend\nChecks stock";

    let target = end_of(&map, &stages[0], &doing);
    paste_into(&mut map, notes, &target);

    assert_eq!(
        texts(&map, &stages[0], &doing),
        [
            "Reads reviews",
            "Compares prices",
            "Asks a friend",
            "Checks stock"
        ]
    );
}

#[test]
fn a_paste_without_a_place_to_go_says_why() {
    let Fixture {
        map,
        stages,
        feeling,
        ..
    } = fixture();
    assert_eq!(paste(&map, "x", None), Err(PasteError::NoTarget));
    let emotion = end_of(&map, &stages[0], &feeling);
    assert_eq!(
        paste(&map, "x", Some(&emotion)),
        Err(PasteError::NotACardLane)
    );
}

#[test]
fn bad_clipboard_text_is_refused_with_a_reason() {
    let Fixture {
        map, stages, doing, ..
    } = fixture();
    let target = end_of(&map, &stages[0], &doing);

    assert_eq!(paste(&map, " \n\t", Some(&target)), Err(PasteError::Empty));
    let many = "card\n".repeat(MAX_PASTED_LINES + 1);
    assert_eq!(
        paste(&map, &many, Some(&target)),
        Err(PasteError::TooManyLines(MAX_PASTED_LINES + 1))
    );
    let huge = "x".repeat(MAX_PASTE_BYTES + 1);
    assert!(matches!(
        paste(&map, &huge, Some(&target)),
        Err(PasteError::TooLarge(_))
    ));

    let truncated =
        "(journeymap_cards: 1, cards: [(stages_right: 0,\n lanes_down: 0, card: (id: \"c1\"";
    match paste(&map, truncated, Some(&target)) {
        Err(PasteError::Malformed { at, .. }) => assert_eq!(at.line, 2),
        other => panic!("expected a position, got {other:?}"),
    }
    let newer = "(journeymap_cards: 3, cards: [], shapes: [])";
    assert_eq!(paste(&map, newer, Some(&target)), Err(PasteError::Newer(3)));
    let deep = format!("(journeymap_cards: 1, cards: {}", "[".repeat(10_000));
    assert!(matches!(
        paste(&map, &deep, Some(&target)),
        Err(PasteError::Malformed { .. })
    ));
}

#[test]
fn a_hostile_clip_cannot_place_cards_outside_the_map() {
    let Fixture {
        mut map,
        stages,
        doing,
        ..
    } = fixture();
    let clip = format!(
        "(journeymap_cards: 1, cards: [(stages_right: {max}, lanes_down: {max}, \
         card: (id: \"c-1\", lane: \"nowhere\", text: \"far\", answers: Some(\"c-1\")))])",
        max = usize::MAX
    );

    let target = end_of(&map, &stages[0], &doing);
    paste_into(&mut map, &clip, &target);

    assert_eq!(texts(&map, &stages[2], &doing), ["far"]);
    assert!(crate::model::validate(&map).is_empty());
}
