//! The fields a team decides with (company belief, KPIs, impact, effort,
//! dot votes) in the tools that compare maps: `diff` names each change,
//! a three-way merge takes each field from the side that changed it (and
//! each voter's dots on their own), and undo on a shared map takes back
//! only my own vote.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::edit::revert;
use journeymap::model::{
    CardId, JourneyMap, Kpi, LaneKind, Measure, PointId, StageId, diff, merge, validate,
};
use journeymap::samples;

fn grocery() -> JourneyMap {
    samples::find("grocery-trip")
        .and_then(|s| s.map().ok())
        .expect("the grocery-trip sample loads")
}

/// The first card in a lane of `kind`.
fn first_of(map: &JourneyMap, kind: LaneKind) -> CardId {
    map.cards()
        .find(|c| map.lane(&c.lane).is_some_and(|l| l.kind == kind))
        .map(|c| c.id.clone())
        .expect("the sample has a card of that kind")
}

fn first_point(map: &JourneyMap) -> PointId {
    map.stages[0].points[0].id.clone()
}

fn first_stage(map: &JourneyMap) -> StageId {
    map.stages[0].id.clone()
}

fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn diff_names_each_deciding_field_that_changed() {
    let old = grocery();
    let mut new = old.clone();
    let (idea, pain) = (
        first_of(&old, LaneKind::Opportunities),
        first_of(&old, LaneKind::PainPoints),
    );
    ok(new.set_impact(&idea, Some(4)));
    ok(new.set_effort(&idea, Some(2)));
    ok(new.set_votes(&pain, "Ana", 2));
    ok(new.set_votes(&pain, "Ben", 1));
    ok(new.set_company_score(&first_point(&old), Some(1)));
    let mut nps = Kpi::new(Measure::Nps, 12.0);
    nps.target = Some(30.0);
    ok(new.set_kpis(&first_stage(&old), vec![nps]));
    let lines: Vec<String> = diff(&old, &new).iter().map(ToString::to_string).collect();
    let all = lines.join("\n");
    for expected in [
        "impact → 4, effort → 2",
        "votes → 3 (\"Ana\" 2, \"Ben\" 1)",
        "kpis → NPS +12 (target +30)",
    ] {
        assert!(all.contains(expected), "{expected} is not in\n{all}");
    }
    let point = &old.stages[0].points[0];
    assert!(
        all.contains("company → +1") && all.contains(point.id.as_str()),
        "{all}"
    );
}

#[test]
fn votes_cast_in_two_branches_both_count_after_a_merge() {
    let base = grocery();
    let pain = first_of(&base, LaneKind::PainPoints);
    let mut ours = base.clone();
    ok(ours.set_votes(&pain, "Ana", 2));
    let mut theirs = base.clone();
    ok(theirs.set_votes(&pain, "Ben", 3));
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let votes = &ok(merged.map.card(&pain).ok_or("merged card")).1.votes;
    assert_eq!(votes.iter().collect::<Vec<_>>(), [("Ana", 2), ("Ben", 3)]);
}

#[test]
fn one_voter_counted_two_ways_is_a_conflict_that_keeps_ours() {
    let base = grocery();
    let pain = first_of(&base, LaneKind::PainPoints);
    let mut ours = base.clone();
    ok(ours.set_votes(&pain, "Ana", 2));
    let mut theirs = base.clone();
    ok(theirs.set_votes(&pain, "Ana", 4));
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(
        merged.conflicts[0].detail.contains("votes"),
        "{:?}",
        merged.conflicts
    );
    assert_eq!(
        ok(merged.map.card(&pain).ok_or("card")).1.votes.of("Ana"),
        2
    );
    assert_eq!(validate(&merged.map), Vec::new());
}

#[test]
fn kpis_ratings_and_the_company_belief_merge_from_the_side_that_changed_them() {
    let base = grocery();
    let idea = first_of(&base, LaneKind::Opportunities);
    let (point, stage) = (first_point(&base), first_stage(&base));
    let mut ours = base.clone();
    ok(ours.set_impact(&idea, Some(3)));
    ok(ours.set_company_score(&point, Some(2)));
    let mut theirs = base.clone();
    ok(theirs.set_effort(&idea, Some(5)));
    ok(theirs.set_kpis(&stage, vec![Kpi::new(Measure::Csat, 64.0)]));
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let card = ok(merged.map.card(&idea).ok_or("card")).1;
    assert_eq!((card.impact, card.effort), (Some(3), Some(5)));
    assert_eq!(
        ok(merged.map.point(&point).ok_or("point")).1.company,
        Some(2)
    );
    assert_eq!(merged.map.stages[0].kpis, [Kpi::new(Measure::Csat, 64.0)]);
}

#[test]
fn undoing_my_vote_on_a_shared_map_leaves_a_teammates_vote() {
    let before = grocery();
    let pain = first_of(&before, LaneKind::PainPoints);
    let mut after = before.clone();
    ok(after.set_votes(&pain, "Ana", 2));
    // Meanwhile Ben voted on the same card.
    let mut current = after.clone();
    ok(current.set_votes(&pain, "Ben", 1));
    revert(&mut current, &after, &before);
    let votes = &ok(current.card(&pain).ok_or("card")).1.votes;
    assert_eq!(votes.iter().collect::<Vec<_>>(), [("Ben", 1)]);
}
