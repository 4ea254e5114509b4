//! The future state, shared: a card's state, a point's future score and
//! what an opportunity leads to travel to every peer, and a link whose
//! target a teammate deletes meanwhile goes on every peer alike.

use super::{assert_converged, first_of, sync, three_people};
use crate::model::{JourneyState, LaneKind};

#[test]
fn states_future_scores_and_links_reach_every_peer_and_can_be_cleared() {
    let mut people = three_people();
    let idea = first_of(&people[0].map, LaneKind::Opportunities);
    let touch = first_of(&people[0].map, LaneKind::Touchpoints);
    let point = people[0].map.stages[0].points[0].id.clone();
    people[0].edit(|map| {
        map.set_card_state(&touch, Some(JourneyState::Future))
            .unwrap();
        map.set_leads_to(&idea, Some(touch.clone())).unwrap();
        map.set_future_score(&point, Some(3)).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(
        map.card(&touch).unwrap().1.state,
        Some(JourneyState::Future)
    );
    assert_eq!(map.card(&idea).unwrap().1.leads_to, Some(touch.clone()));
    assert_eq!(map.point(&point).unwrap().1.future, Some(3));
    people[2].edit(|map| {
        map.set_card_state(&touch, None).unwrap();
        map.set_leads_to(&idea, None).unwrap();
        map.set_future_score(&point, None).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(map.card(&touch).unwrap().1.state, None);
    assert_eq!(map.card(&idea).unwrap().1.leads_to, None);
    assert_eq!(map.point(&point).unwrap().1.future, None);
}

#[test]
fn a_link_to_a_card_deleted_meanwhile_goes_on_every_peer() {
    let mut people = three_people();
    let idea = first_of(&people[0].map, LaneKind::Opportunities);
    let touch = first_of(&people[0].map, LaneKind::Touchpoints);
    people[0].edit(|map| {
        map.set_leads_to(&idea, Some(touch.clone())).unwrap();
    });
    people[1].edit(|map| {
        map.remove_card(&touch).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert!(map.card(&touch).is_none());
    assert_eq!(map.card(&idea).unwrap().1.leads_to, None);
}

#[test]
fn a_new_future_card_and_the_link_to_it_arrive_together() {
    let mut people = three_people();
    let idea = first_of(&people[0].map, LaneKind::Opportunities);
    let stage = people[0].map.stages[1].id.clone();
    let lane = people[0].map.card(&idea).unwrap().1.lane.clone();
    let mut new = None;
    people[0].edit(|map| {
        let id = map.add_card(&stage, &lane, 0, "Self check-in").unwrap();
        map.set_card_state(&id, Some(JourneyState::Future)).unwrap();
        map.set_leads_to(&idea, Some(id.clone())).unwrap();
        new = Some(id);
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(map.card(&idea).unwrap().1.leads_to, new);
}
