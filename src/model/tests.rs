//! Behaviour of the model's operations: every edit keeps the map consistent.

use super::*;

/// A small map: three stages, one lane of each kind, a pain point in
/// "visit" answered by an opportunity in "buy".
struct Fixture {
    map: JourneyMap,
    research: StageId,
    visit: StageId,
    buy: StageId,
    doing: LaneId,
    touch: LaneId,
    feel: LaneId,
    pain: LaneId,
    opp: LaneId,
    pain_card: CardId,
    opp_card: CardId,
}

fn fixture() -> Fixture {
    let mut map = JourneyMap::default();
    let research = map.add_stage(0, "Research");
    let visit = map.add_stage(1, "Visit");
    let buy = map.add_stage(2, "Buy");
    let doing = map.add_lane(0, "Doing", LaneKind::Text);
    let touch = map.add_lane(1, "Touchpoints", LaneKind::Touchpoints);
    let feel = map.add_lane(2, "Feeling", LaneKind::Emotion);
    let pain = map.add_lane(3, "Pain points", LaneKind::PainPoints);
    let opp = map.add_lane(4, "Opportunities", LaneKind::Opportunities);
    let pain_card = map
        .add_card(&visit, &pain, 0, "GPS stops at the mall entrance")
        .expect("pain");
    let opp_card = map
        .add_card(&buy, &opp, 0, "Send a store map with directions")
        .expect("opp");
    map.link_opportunity(&opp_card, &pain_card).expect("link");
    Fixture {
        map,
        research,
        visit,
        buy,
        doing,
        touch,
        feel,
        pain,
        opp,
        pain_card,
        opp_card,
    }
}

fn texts(map: &JourneyMap, stage: &StageId, lane: &LaneId) -> Vec<String> {
    map.stage(stage)
        .expect("stage")
        .cards_in(lane)
        .map(|c| c.text.clone())
        .collect()
}

fn assert_consistent(map: &JourneyMap) {
    assert_eq!(validate(map), Vec::new(), "the map should be consistent");
}

#[test]
fn fresh_ids_never_collide_with_existing_ones() {
    let mut map = JourneyMap::default();
    map.lanes.push(Lane {
        id: LaneId::new("c7"),
        name: "odd".into(),
        kind: LaneKind::Text,
        colour: None,
        line_below: None,
    });
    assert_eq!(map.fresh_id("c"), "c8");
    assert_eq!(map.fresh_id("s"), "s1");
}

#[test]
fn a_shared_map_makes_ids_that_end_in_its_tag() {
    let mut map = JourneyMap {
        id_tag: IdTag::new("-k3f9q"),
        ..JourneyMap::default()
    };
    assert_eq!(map.fresh_id("c"), "c1-k3f9q");
    let stage = map.add_stage(0, "Aware");
    assert_eq!(stage.as_str(), "s1-k3f9q");
    assert_eq!(map.fresh_id("s"), "s2-k3f9q");
    // Another peer's ids (and untagged ones) do not count, nor clash.
    map.add_stage(1, "Buy");
    let mut other = map.clone();
    other.id_tag = IdTag::new("-x81ab");
    assert_eq!(other.fresh_id("s"), "s1-x81ab");
    other.id_tag = IdTag::default();
    assert_eq!(other.fresh_id("s"), "s1");
    assert_eq!(map, other, "the tag is not part of the map");
    assert_eq!(IdTag::new("bad tag").as_str(), "");
}

#[test]
fn stages_are_added_where_asked_and_clamped_to_the_end() {
    let mut f = fixture();
    let first = f.map.add_stage(0, "Aware");
    let last = f.map.add_stage(99, "Loyalty");
    let names: Vec<_> = f.map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Aware", "Research", "Visit", "Buy", "Loyalty"]);
    assert_ne!(first, last);
    assert_consistent(&f.map);
}

#[test]
fn renaming_and_recolouring_a_stage_return_the_old_values() {
    let mut f = fixture();
    assert_eq!(
        f.map.rename_stage(&f.research, "Search").as_deref(),
        Ok("Research")
    );
    let blue = Colour::rgb(0x44, 0x77, 0xaa);
    assert_eq!(f.map.set_stage_colour(&f.research, Some(blue)), Ok(None));
    assert_eq!(f.map.set_stage_colour(&f.research, None), Ok(Some(blue)));
    let stage = f.map.stage(&f.research).expect("stage");
    assert_eq!(stage.name, "Search");
    assert_eq!(stage.colour, None);
    let missing = StageId::new("nope");
    assert_eq!(
        f.map.rename_stage(&missing, "x"),
        Err(EditError::NoSuchStage(missing))
    );
}

#[test]
fn moving_a_stage_reorders_the_columns() {
    let mut f = fixture();
    assert_eq!(f.map.move_stage(&f.buy, 0), Ok(2));
    let order: Vec<_> = f.map.stages.iter().map(|s| s.id.clone()).collect();
    assert_eq!(order, [f.buy.clone(), f.research.clone(), f.visit.clone()]);
    assert_eq!(f.map.move_stage(&f.buy, 99), Ok(0));
    assert_eq!(f.map.stages.last().map(|s| &s.id), Some(&f.buy));
}

#[test]
fn removing_a_stage_removes_its_cards_and_every_link_to_them() {
    let mut f = fixture();
    let (index, removed) = f.map.remove_stage(&f.visit).expect("remove");
    assert_eq!(index, 1);
    assert_eq!(removed.cards.len(), 1);
    let (_, opp) = f.map.card(&f.opp_card).expect("the opportunity stays");
    assert_eq!(
        opp.answers, None,
        "the link to the removed pain point is gone"
    );
    assert_consistent(&f.map);
}

#[test]
fn lanes_are_added_renamed_recoloured_and_moved() {
    let mut f = fixture();
    let thinking = f.map.add_lane(1, "Thinking", LaneKind::Text);
    assert_eq!(f.map.lane_index(&thinking), Some(1));
    assert_eq!(
        f.map
            .rename_lane(&thinking, "Thinking & feeling")
            .as_deref(),
        Ok("Thinking")
    );
    let red = Colour::rgb(0xee, 0x66, 0x77);
    assert_eq!(f.map.set_lane_colour(&thinking, Some(red)), Ok(None));
    assert_eq!(f.map.move_lane(&thinking, 99), Ok(1));
    assert_eq!(
        f.map.lanes.last().map(|l| l.name.as_str()),
        Some("Thinking & feeling")
    );
    assert_eq!(f.map.lanes.last().and_then(|l| l.colour), Some(red));
}

#[test]
fn moving_a_lane_keeps_the_cards_of_each_stage_in_lane_order() {
    let mut f = fixture();
    f.map
        .add_card(&f.visit, &f.doing, 0, "Drive 40 minutes")
        .expect("card");
    f.map.move_lane(&f.pain, 0).expect("move");
    let lanes: Vec<_> = f
        .map
        .stage(&f.visit)
        .expect("visit")
        .cards
        .iter()
        .map(|c| c.lane.clone())
        .collect();
    assert_eq!(lanes, [f.pain.clone(), f.doing.clone()]);
}

#[test]
fn removing_a_lane_removes_its_cards_and_points_in_every_stage_and_their_links() {
    let mut f = fixture();
    f.map
        .add_card(&f.research, &f.pain, 0, "Website hard to use")
        .expect("card");
    f.map
        .add_point(&f.research, &f.feel, 0, -1, "annoyed")
        .expect("point");
    let removed = f.map.remove_lane(&f.pain).expect("remove");
    assert_eq!(removed.index, 3);
    assert!(f.map.cards().all(|c| c.lane != f.pain));
    assert_eq!(f.map.card(&f.opp_card).expect("opp").1.answers, None);
    f.map.remove_lane(&f.feel).expect("remove emotion lane");
    assert_eq!(f.map.point_count(), 0);
    assert_consistent(&f.map);
}

#[test]
fn cards_are_added_at_a_position_within_their_cell() {
    let mut f = fixture();
    f.map
        .add_card(&f.research, &f.doing, 0, "Search online")
        .expect("a");
    f.map
        .add_card(&f.research, &f.doing, 99, "Call the store")
        .expect("b");
    f.map
        .add_card(&f.research, &f.doing, 1, "Find another number")
        .expect("c");
    f.map
        .add_card(&f.research, &f.touch, 0, "Website")
        .expect("other cell");
    assert_eq!(
        texts(&f.map, &f.research, &f.doing),
        ["Search online", "Find another number", "Call the store"]
    );
    assert_eq!(texts(&f.map, &f.research, &f.touch), ["Website"]);
    assert_consistent(&f.map);
}

#[test]
fn an_emotion_lane_takes_points_not_cards() {
    let mut f = fixture();
    assert_eq!(
        f.map.add_card(&f.research, &f.feel, 0, "x"),
        Err(EditError::LaneHoldsNoCards(f.feel.clone()))
    );
    assert_eq!(
        f.map.add_point(&f.research, &f.doing, 0, 1, "x"),
        Err(EditError::NotAnEmotionLane(f.doing.clone()))
    );
}

#[test]
fn card_details_are_only_set_where_the_lane_allows_them() {
    let mut f = fixture();
    let web = f
        .map
        .add_card(&f.research, &f.touch, 0, "Website")
        .expect("card");
    assert_eq!(f.map.set_card_channel(&web, Some(Channel::Web)), Ok(None));
    assert_eq!(
        f.map.set_card_severity(&web, Some(Severity::High)),
        Err(EditError::WrongLaneKind {
            card: web.clone(),
            needs: LaneKind::PainPoints
        })
    );
    assert_eq!(
        f.map.set_card_severity(&f.pain_card, Some(Severity::High)),
        Ok(None)
    );
    assert_eq!(f.map.set_moment_of_truth(&web, true), Ok(false));
    assert_eq!(
        f.map.set_card_text(&web, "Website search").as_deref(),
        Ok("Website")
    );
    assert_eq!(f.map.set_card_notes(&web, "No filters").as_deref(), Ok(""));
    let (_, card) = f.map.card(&web).expect("card");
    assert_eq!(
        (card.channel, card.moment_of_truth, card.text.as_str()),
        (Some(Channel::Web), true, "Website search")
    );
}

#[test]
fn moving_a_card_between_cells_and_within_a_cell() {
    let mut f = fixture();
    let a = f.map.add_card(&f.research, &f.doing, 0, "A").expect("a");
    f.map.add_card(&f.research, &f.doing, 1, "B").expect("b");
    f.map.add_card(&f.research, &f.doing, 2, "C").expect("c");
    f.map
        .move_card(&a, &f.research, &f.doing, 2)
        .expect("within");
    assert_eq!(texts(&f.map, &f.research, &f.doing), ["B", "C", "A"]);
    f.map.move_card(&a, &f.buy, &f.doing, 0).expect("between");
    assert_eq!(texts(&f.map, &f.research, &f.doing), ["B", "C"]);
    assert_eq!(texts(&f.map, &f.buy, &f.doing), ["A"]);
    assert_eq!(
        f.map.move_card(&a, &f.buy, &f.feel, 0),
        Err(EditError::LaneHoldsNoCards(f.feel.clone()))
    );
    assert_consistent(&f.map);
}

#[test]
fn a_pain_point_moved_out_of_its_lane_loses_its_severity_and_its_links() {
    let mut f = fixture();
    f.map
        .set_card_severity(&f.pain_card, Some(Severity::Critical))
        .expect("severity");
    f.map
        .move_card(&f.pain_card, &f.visit, &f.doing, 0)
        .expect("move");
    let (_, moved) = f.map.card(&f.pain_card).expect("card");
    assert_eq!(moved.severity, None);
    assert_eq!(f.map.card(&f.opp_card).expect("opp").1.answers, None);
    assert_consistent(&f.map);
}

#[test]
fn a_pain_point_moved_to_another_stage_keeps_its_links() {
    let mut f = fixture();
    f.map
        .move_card(&f.pain_card, &f.research, &f.pain, 0)
        .expect("move");
    assert_eq!(
        f.map.card(&f.opp_card).expect("opp").1.answers.as_ref(),
        Some(&f.pain_card)
    );
}

#[test]
fn removing_a_card_returns_it_and_unlinks_the_opportunities_answering_it() {
    let mut f = fixture();
    let (stage, index, card) = f.map.remove_card(&f.pain_card).expect("remove");
    assert_eq!(
        (stage, index, card.text.as_str()),
        (f.visit.clone(), 0, "GPS stops at the mall entrance")
    );
    assert_eq!(f.map.card(&f.opp_card).expect("opp").1.answers, None);
    assert_eq!(
        f.map.remove_card(&f.pain_card),
        Err(EditError::NoSuchCard(f.pain_card.clone()))
    );
    assert_consistent(&f.map);
}

#[test]
fn reinserting_a_removed_card_restores_it() {
    let mut f = fixture();
    let before = f.map.clone();
    let (stage, index, card) = f.map.remove_card(&f.opp_card).expect("remove");
    f.map.insert_card(&stage, index, card).expect("insert");
    assert_eq!(f.map, before);
}

#[test]
fn opportunities_link_only_to_pain_points() {
    let mut f = fixture();
    let other = f.map.add_card(&f.buy, &f.doing, 0, "Pay").expect("card");
    assert_eq!(
        f.map.link_opportunity(&f.opp_card, &other),
        Err(EditError::WrongLaneKind {
            card: other.clone(),
            needs: LaneKind::PainPoints
        })
    );
    assert_eq!(
        f.map.link_opportunity(&other, &f.pain_card),
        Err(EditError::WrongLaneKind {
            card: other,
            needs: LaneKind::Opportunities
        })
    );
    assert_eq!(
        f.map.unlink_opportunity(&f.opp_card),
        Ok(Some(f.pain_card.clone()))
    );
    assert_eq!(f.map.link_opportunity(&f.opp_card, &f.pain_card), Ok(None));
}

#[test]
fn emotion_points_are_added_scored_moved_and_removed() {
    let mut f = fixture();
    let low = f
        .map
        .add_point(&f.visit, &f.feel, 0, -2, "lost")
        .expect("low");
    let high = f
        .map
        .add_point(&f.visit, &f.feel, 1, 2, "found it")
        .expect("high");
    assert_eq!(f.map.set_point_score(&low, -3), Ok(-2));
    assert_eq!(
        f.map.set_point_score(&low, 4),
        Err(EditError::ScoreOutOfRange(4))
    );
    assert_eq!(
        f.map.add_point(&f.visit, &f.feel, 0, -4, "x"),
        Err(EditError::ScoreOutOfRange(-4))
    );
    assert_eq!(
        f.map.set_point_label(&high, "relieved").as_deref(),
        Ok("found it")
    );
    f.map.move_point(&high, &f.visit, 0).expect("reorder");
    let order: Vec<_> = f
        .map
        .stage(&f.visit)
        .expect("visit")
        .points_in(&f.feel)
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(order, [high.clone(), low.clone()]);
    f.map.move_point(&low, &f.buy, 0).expect("to another stage");
    assert_eq!(
        f.map.point(&low).map(|(s, p)| (s.id.clone(), p.score)),
        Some((f.buy.clone(), -3))
    );
    let (stage, index, point) = f.map.remove_point(&high).expect("remove");
    assert_eq!(
        (stage, index, point.label.as_str()),
        (f.visit.clone(), 0, "relieved")
    );
    assert_eq!(f.map.point_count(), 1);
    assert_consistent(&f.map);
}

#[test]
fn validation_names_dangling_references_and_duplicates() {
    let mut f = fixture();
    f.map
        .stage_mut(&f.research)
        .expect("stage")
        .cards
        .to_mut()
        .push(Card::new(f.pain_card.clone(), LaneId::new("gone"), "dup"));
    let messages: Vec<_> = validate(&f.map).into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            format!(
                "card id `{}` is already used; every id in a map must be unique",
                f.pain_card
            ),
            format!(
                "card `{}` is in lane `gone`, which does not exist",
                f.pain_card
            ),
        ]
    );
}

#[test]
fn a_pasted_card_keeps_only_what_its_lane_allows() {
    let mut f = fixture();
    let mut pasted = Card::new(
        CardId::new("c99"),
        f.opp.clone(),
        "Guide people in by phone",
    );
    pasted.answers = Some(f.opp_card.clone());
    pasted.channel = Some(Channel::Phone);
    f.map.insert_card(&f.visit, 0, pasted).expect("insert");
    let (_, card) = f.map.card(&CardId::new("c99")).expect("card");
    assert_eq!(card.channel, None, "opportunities have no channel");
    assert_eq!(
        card.answers, None,
        "an opportunity cannot answer another opportunity"
    );
    assert_consistent(&f.map);
}
