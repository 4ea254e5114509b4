//! Every edit is undone exactly and redone exactly, in one step.

use super::*;
use crate::model::{Card, LaneKind};
use crate::samples;

fn grocery() -> JourneyMap {
    samples::find("grocery-trip")
        .and_then(|s| s.map().ok())
        .expect("sample")
}

/// One of each kind of edit, valid on the grocery-trip sample.
#[expect(clippy::too_many_lines, reason = "one of each kind of edit, listed")]
fn every_edit(map: &JourneyMap) -> Vec<Edit> {
    let stage = map.stages[2].id.clone();
    let other_stage = map.stages[4].id.clone();
    let lane_of = |kind| {
        map.lanes
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| l.id.clone())
            .expect("lane")
    };
    let (text, touch, feel, pain, opp) = (
        lane_of(LaneKind::Text),
        lane_of(LaneKind::Touchpoints),
        lane_of(LaneKind::Emotion),
        lane_of(LaneKind::PainPoints),
        lane_of(LaneKind::Opportunities),
    );
    let first_in = |lane: &LaneId| {
        map.cards()
            .find(|c| &c.lane == lane)
            .map(|c| c.id.clone())
            .expect("card")
    };
    let pain_card = first_in(&pain);
    let opp_card = first_in(&opp);
    let touch_card = first_in(&touch);
    let point = map.stages[0].points[0].id.clone();
    vec![
        Edit::AddStage {
            index: 1,
            name: "Compare".into(),
        },
        Edit::RenameStage(stage.clone(), "Browse".into()),
        Edit::SetStageNotes {
            stage: stage.clone(),
            description: "d".into(),
            owner: "o".into(),
            metrics: "m".into(),
        },
        Edit::SetStageColour(stage.clone(), None),
        Edit::MoveStage(stage.clone(), 0),
        Edit::RemoveStage(map.stages[3].id.clone()),
        Edit::AddLane {
            index: 2,
            name: "Backstage 2".into(),
            kind: LaneKind::Text,
        },
        Edit::RenameLane(text.clone(), "Actions".into()),
        Edit::SetLaneColour(text.clone(), Some(Colour::rgb(1, 2, 3))),
        Edit::MoveLane(text.clone(), 3),
        Edit::RemoveLane(pain.clone()),
        Edit::AddCard {
            stage: stage.clone(),
            lane: text.clone(),
            index: 0,
            text: "New".into(),
            state: None,
        },
        Edit::InsertCards(vec![(
            other_stage.clone(),
            0,
            Card::new(CardId::new("x"), text.clone(), "Pasted"),
        )]),
        Edit::SetCardText(touch_card.clone(), "Changed".into()),
        Edit::SetCardNotes(touch_card.clone(), "Notes".into()),
        Edit::SetChannel(touch_card.clone(), Some(Channel::Chat)),
        Edit::SetSeverity(pain_card.clone(), Some(Severity::Low)),
        Edit::SetMomentOfTruth(touch_card.clone(), true),
        Edit::SetAnswers(opp_card.clone(), None),
        Edit::SetCardState(touch_card.clone(), Some(JourneyState::Future)),
        Edit::SetLeadsTo(opp_card.clone(), Some(touch_card.clone())),
        Edit::AddCard {
            stage: stage.clone(),
            lane: touch.clone(),
            index: 0,
            text: "Self check-in".into(),
            state: Some(JourneyState::Future),
        },
        Edit::MoveCard {
            card: pain_card.clone(),
            stage: other_stage.clone(),
            lane: text.clone(),
            index: 0,
        },
        Edit::MoveCards(vec![
            CardMove {
                card: pain_card.clone(),
                stage: other_stage.clone(),
                lane: text.clone(),
                index: 0,
            },
            CardMove {
                card: touch_card.clone(),
                stage: other_stage,
                lane: text,
                index: 1,
            },
        ]),
        Edit::Remove {
            cards: vec![pain_card, touch_card],
            points: vec![],
        },
        Edit::AddPoint {
            stage,
            lane: feel,
            index: 0,
            score: 3,
            label: "wow".into(),
        },
        Edit::SetScore(point.clone(), -3),
        Edit::SetFutureScore(point.clone(), Some(2)),
        Edit::SetPointLabel(point.clone(), "meh".into()),
        Edit::Remove {
            cards: vec![],
            points: vec![point],
        },
        Edit::SetPersona(Persona {
            name: "Someone".into(),
            ..Persona::default()
        }),
        Edit::SetTitleAndScenario("T".into(), "S".into()),
    ]
}

#[test]
fn every_edit_is_one_step_that_undo_and_redo_revert_exactly() {
    let original = grocery();
    for edit in every_edit(&original) {
        let label = edit.label();
        let mut map = original.clone();
        let mut history = History::default();
        history
            .apply(&mut map, edit)
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_ne!(map, original, "{label} changed nothing");
        assert!(
            crate::model::validate(&map).is_empty(),
            "{label} left the map inconsistent"
        );
        let after = map.clone();
        assert_eq!(history.undo_depth(), 1, "{label} is one step");
        assert_eq!(history.undo(&mut map), Some(label));
        assert_eq!(map, original, "undo {label}");
        assert_eq!(history.redo(&mut map), Some(label));
        assert_eq!(map, after, "redo {label}");
    }
}

#[test]
fn undoing_a_removed_stage_brings_back_the_links_to_its_pain_points() {
    let original = grocery();
    let (stage, pain) = original
        .stages
        .iter()
        .find_map(|stage| {
            let pain = stage
                .cards
                .iter()
                .find(|c| original.cards().any(|o| o.answers.as_ref() == Some(&c.id)))?;
            Some((stage.id.clone(), pain.id.clone()))
        })
        .expect("a stage with an answered pain point");
    let mut map = original.clone();
    let mut history = History::default();
    history
        .apply(&mut map, Edit::RemoveStage(stage))
        .expect("remove");
    assert!(!map.cards().any(|c| c.answers.as_ref() == Some(&pain)));
    history.undo(&mut map);
    assert_eq!(map, original);
}

#[test]
fn a_failed_edit_changes_nothing_and_adds_no_step() {
    let mut map = grocery();
    let original = map.clone();
    let mut history = History::default();
    let gone = CardId::new("nope");
    let real = map.cards().next().map(|c| c.id.clone()).expect("card");
    // The first removal succeeds before the second fails: all or nothing.
    let result = history.apply(
        &mut map,
        Edit::Remove {
            cards: vec![real, gone.clone()],
            points: vec![],
        },
    );
    assert_eq!(result, Err(EditError::NoSuchCard(gone)));
    assert_eq!(map, original);
    assert_eq!(history.undo_depth(), 0);
}

#[test]
fn an_edit_that_changes_nothing_adds_no_step_and_keeps_the_state() {
    let mut map = grocery();
    let mut history = History::default();
    let card = map
        .cards()
        .next()
        .map(|c| (c.id.clone(), c.text.clone()))
        .expect("card");
    let state = history.state();
    history
        .apply(&mut map, Edit::SetCardText(card.0, card.1))
        .expect("same text");
    assert_eq!(history.undo_depth(), 0);
    assert_eq!(history.state(), state);
}

#[test]
fn the_saved_state_is_recognised_after_undo_and_redo() {
    let mut map = grocery();
    let mut history = History::default();
    let saved = history.state();
    history
        .apply(
            &mut map,
            Edit::AddStage {
                index: 0,
                name: "A".into(),
            },
        )
        .expect("edit");
    assert_ne!(history.state(), saved);
    history.undo(&mut map);
    assert_eq!(
        history.state(),
        saved,
        "back to the saved state: nothing unsaved"
    );
    history.redo(&mut map);
    assert_ne!(history.state(), saved);
}

#[test]
fn a_new_edit_after_undo_clears_redo() {
    let mut map = grocery();
    let mut history = History::default();
    history
        .apply(
            &mut map,
            Edit::AddStage {
                index: 0,
                name: "A".into(),
            },
        )
        .expect("edit");
    history.undo(&mut map);
    assert_eq!(history.redo_label(), Some("add stage"));
    history
        .apply(
            &mut map,
            Edit::AddStage {
                index: 0,
                name: "B".into(),
            },
        )
        .expect("edit");
    assert_eq!(history.redo_label(), None);
    assert_eq!(history.redo(&mut map), None);
}

#[test]
fn the_oldest_steps_go_when_the_memory_budget_is_spent() {
    let mut map = grocery();
    let mut history = History::with_budget(1);
    for i in 0..5 {
        history
            .apply(
                &mut map,
                Edit::AddStage {
                    index: 0,
                    name: format!("S{i}"),
                },
            )
            .expect("edit");
    }
    assert_eq!(history.undo_depth(), 1, "at least one step is always kept");
    history.undo(&mut map);
    assert_eq!(map.stages[0].name, "S3");
}

#[test]
fn two_histories_never_share_a_state() {
    let (a, b) = (History::default(), History::default());
    assert_ne!(a.state(), b.state());
}

#[test]
fn reverting_an_edit_nobody_else_touched_gives_the_map_before_it() {
    let before = grocery();
    for edit in every_edit(&before) {
        let label = edit.label();
        let mut after = before.clone();
        edit.apply_in_place(&mut after).expect("edit applies");
        let mut current = after.clone();
        revert(&mut current, &after, &before);
        assert_eq!(current, before, "undoing {label}");
        revert(&mut current, &before, &after);
        assert_eq!(current, after, "redoing {label}");
    }
}

#[test]
fn reverting_my_edit_keeps_what_a_teammate_changed_since() {
    let start = grocery();
    let cards: Vec<Card> = start.cards().take(2).cloned().collect();
    let (mine, theirs) = (&cards[0], &cards[1]);
    // I change a card's text.
    let mut after = start.clone();
    after.set_card_text(&mine.id, "My words").unwrap();
    // A teammate then changes another card, my card's notes, and a stage.
    let mut current = after.clone();
    current.set_card_text(&theirs.id, "Their words").unwrap();
    current.set_card_notes(&mine.id, "Their note").unwrap();
    let stage = current.stages[0].id.clone();
    current.rename_stage(&stage, "Renamed by them").unwrap();

    revert(&mut current, &after, &start);
    let (_, card) = current.card(&mine.id).unwrap();
    assert_eq!(card.text, mine.text, "my edit is undone");
    assert_eq!(card.notes, "Their note", "their field on my card stays");
    assert_eq!(current.card(&theirs.id).unwrap().1.text, "Their words");
    assert_eq!(current.stages[0].name, "Renamed by them");
    assert_eq!(crate::model::validate(&current), Vec::new());
}

#[test]
fn a_field_a_teammate_changed_again_is_not_taken_back() {
    let start = grocery();
    let id = start.cards().next().unwrap().id.clone();
    let mut after = start.clone();
    after.set_card_text(&id, "Mine").unwrap();
    let mut current = after.clone();
    current.set_card_text(&id, "Theirs, on top").unwrap();
    revert(&mut current, &after, &start);
    assert_eq!(current.card(&id).unwrap().1.text, "Theirs, on top");
}

#[test]
fn undoing_my_new_card_keeps_it_if_a_teammate_wrote_in_it() {
    let start = grocery();
    let stage = start.stages[1].id.clone();
    let lane = start.lanes[0].id.clone();
    let mut after = start.clone();
    let id = after.add_card(&stage, &lane, 0, "").unwrap();
    let mut untouched = after.clone();
    revert(&mut untouched, &after, &start);
    assert!(untouched.card(&id).is_none(), "an untouched new card goes");
    let mut current = after.clone();
    current.set_card_text(&id, "They typed here").unwrap();
    revert(&mut current, &after, &start);
    assert!(
        current.card(&id).is_some(),
        "their words are not thrown away"
    );
}

#[test]
fn undoing_my_stage_deletion_brings_it_back_beside_a_teammates_new_stage() {
    let start = grocery();
    let gone = start.stages[2].clone();
    let mut after = start.clone();
    after.remove_stage(&gone.id).unwrap();
    let mut current = after.clone();
    let theirs = current.add_stage(0, "Theirs");
    revert(&mut current, &after, &start);
    let restored = current.stage(&gone.id).expect("stage is back");
    assert_eq!(restored, &gone, "with its cards and points");
    assert!(current.stage(&theirs).is_some(), "their stage stays");
    let order: Vec<&str> = current.stages.iter().map(|s| s.id.as_str()).collect();
    let at = order.iter().position(|id| *id == gone.id.as_str()).unwrap();
    assert_eq!(
        order[at - 1],
        start.stages[1].id.as_str(),
        "back where it was"
    );
    assert_eq!(crate::model::validate(&current), Vec::new());
}

#[test]
fn undoing_my_edit_after_any_teammate_edit_leaves_a_valid_map() {
    let start = grocery();
    for mine in every_edit(&start) {
        let my_label = mine.label();
        let mut after = start.clone();
        mine.apply_in_place(&mut after).expect("my edit applies");
        for theirs in every_edit(&start) {
            let their_label = theirs.label();
            let mut current = after.clone();
            if theirs.apply_in_place(&mut current).is_err() {
                continue;
            }
            let mut undone = current.clone();
            revert(&mut undone, &after, &start);
            assert_eq!(
                crate::model::validate(&undone),
                Vec::new(),
                "undoing my {my_label} after their {their_label}"
            );
            let mut redone = undone.clone();
            revert(&mut redone, &start, &after);
            assert_eq!(
                crate::model::validate(&redone),
                Vec::new(),
                "redoing my {my_label} after their {their_label}"
            );
        }
    }
}

#[test]
fn on_a_shared_map_undo_and_redo_take_back_only_my_own_edits() {
    let mut map = grocery();
    let mut history = History::default();
    let first = map.cards().next().unwrap().id.clone();
    let second = map.cards().nth(1).unwrap().id.clone();
    // An edit made before sharing, then sharing starts.
    history
        .apply(
            &mut map,
            Edit::SetCardText(first.clone(), "Before sharing".into()),
        )
        .unwrap();
    history.share(&map);
    history
        .apply(&mut map, Edit::SetCardText(second.clone(), "Mine".into()))
        .unwrap();
    // A teammate's edit arrives: not an undo step.
    let stage = map.stages[3].id.clone();
    map.rename_stage(&stage, "Renamed by a teammate").unwrap();
    history.changed_elsewhere();
    let shown = history.state();

    assert_eq!(history.undo(&mut map), Some("edit card"));
    assert_ne!(history.state(), shown, "undo makes a new state");
    assert_eq!(
        map.card(&second).unwrap().1.text,
        grocery().card(&second).unwrap().1.text
    );
    assert_eq!(map.stages[3].name, "Renamed by a teammate");
    assert_eq!(history.undo(&mut map), Some("edit card"));
    assert_eq!(
        map.card(&first).unwrap().1.text,
        grocery().card(&first).unwrap().1.text
    );
    assert_eq!(map.stages[3].name, "Renamed by a teammate");
    assert_eq!(history.undo(&mut map), None);
    history.redo(&mut map);
    history.redo(&mut map);
    assert_eq!(map.card(&first).unwrap().1.text, "Before sharing");
    assert_eq!(map.card(&second).unwrap().1.text, "Mine");
    assert_eq!(map.stages[3].name, "Renamed by a teammate");
}

/// The stages of `map` whose cards are the very cards `other` holds, not a
/// copy of them.
fn stages_sharing_cards(map: &JourneyMap, other: &JourneyMap) -> usize {
    map.stages
        .iter()
        .zip(&other.stages)
        .filter(|(one, two)| one.cards.shares_with(&two.cards))
        .count()
}

#[test]
fn an_undo_step_copies_only_the_stage_its_edit_changed() {
    let mut map = grocery();
    let stages = map.stages.len();
    let mut history = History::default();
    let card = map.stages[1].cards[0].id.clone();
    history
        .apply(&mut map, Edit::SetCardText(card, "Changed".into()))
        .unwrap();
    let before = history.last_before().unwrap();
    assert_eq!(stages_sharing_cards(before, &map), stages - 1);
    assert!(!before.stages[1].cards.shares_with(&map.stages[1].cards));
}

#[test]
fn undo_on_a_shared_map_copies_only_the_stages_it_sets_back() {
    let mut map = grocery();
    let stages = map.stages.len();
    let mut history = History::default();
    history.share(&map);
    let card = map.stages[1].cards[0].id.clone();
    history
        .apply(&mut map, Edit::SetCardText(card, "Changed".into()))
        .unwrap();
    let stage = map.stages[3].id.clone();
    map.rename_stage(&stage, "Renamed by a teammate").unwrap();
    history.changed_elsewhere();
    let shown = map.clone();
    history.undo(&mut map);
    assert_eq!(
        map.stages[1].cards[0].text,
        grocery().stages[1].cards[0].text
    );
    assert_eq!(stages_sharing_cards(&map, &shown), stages - 1);
}
