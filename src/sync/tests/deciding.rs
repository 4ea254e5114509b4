//! What a team decides with, shared: dot votes, ratings, KPIs and the
//! company's belief travel to every peer, and votes cast at once all count.

use super::{assert_converged, first_of, sync, three_people};
use crate::model::{Kpi, LaneKind, Measure, validate};

#[test]
fn three_people_voting_on_one_card_at_once_each_keep_their_dots() {
    let mut people = three_people();
    let pain = first_of(&people[0].map, LaneKind::PainPoints);
    for (person, (name, dots)) in people.iter_mut().zip([("Ana", 2), ("Ben", 1), ("Cy", 3)]) {
        person.edit(|map| {
            map.set_votes(&pain, name, dots).unwrap();
        });
    }
    sync(&mut people);
    let map = assert_converged(&people);
    let votes = &map.card(&pain).unwrap().1.votes;
    assert_eq!(
        votes.iter().collect::<Vec<_>>(),
        [("Ana", 2), ("Ben", 1), ("Cy", 3)]
    );
    // Taking my dots off leaves the others'.
    people[1].edit(|map| {
        map.set_votes(&pain, "Ben", 0).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(map.card(&pain).unwrap().1.votes.total(), 5);
}

#[test]
fn ratings_kpis_and_the_company_belief_reach_every_peer() {
    let mut people = three_people();
    let idea = first_of(&people[0].map, LaneKind::Opportunities);
    let stage = people[0].map.stages[0].id.clone();
    let point = people[0].map.stages[0].points[0].id.clone();
    people[0].edit(|map| {
        map.set_impact(&idea, Some(5)).unwrap();
        map.set_effort(&idea, Some(2)).unwrap();
        map.set_company_score(&point, Some(2)).unwrap();
        let mut csat = Kpi::new(Measure::Csat, 71.5);
        csat.target = Some(85.0);
        let mut days = Kpi::new(Measure::Custom("Days to refund".into()), 6.0);
        days.lower_is_better = true;
        map.set_kpis(&stage, vec![csat, days]).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    let card = map.card(&idea).unwrap().1;
    assert_eq!((card.impact, card.effort), (Some(5), Some(2)));
    assert_eq!(map.point(&point).unwrap().1.company, Some(2));
    assert_eq!(map.stages[0].kpis, people[0].map.stages[0].kpis);
    assert_eq!(map.stages[0].kpis.len(), 2);
    // Cleared again, everywhere.
    people[2].edit(|map| {
        map.set_company_score(&point, None).unwrap();
        map.set_kpis(&stage, Vec::new()).unwrap();
        map.set_impact(&idea, None).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(map.point(&point).unwrap().1.company, None);
    assert!(map.stages[0].kpis.is_empty());
    assert_eq!(map.card(&idea).unwrap().1.impact, None);
}

#[test]
fn out_of_range_values_from_a_peer_are_clamped_or_dropped() {
    let [mut ana, _, _] = three_people();
    let idea = first_of(&ana.map, LaneKind::Opportunities);
    let stage = ana.map.stages[0].id.clone();
    // Writing an invalid map, as a buggy or newer peer might.
    ana.edit(|map| {
        let card = map.card_mut(&idea).unwrap();
        card.impact = Some(9);
        card.votes.set("Ana", 2);
        map.stages[0].points[0].company = Some(-7);
        map.stage_mut(&stage).unwrap().kpis = vec![
            Kpi::new(Measure::Nps, 400.0),
            Kpi::new(Measure::Ces, 5.5),
            Kpi::new(Measure::Custom(String::new()), 1.0),
        ];
    });
    let map = ana.replica.to_map();
    assert_eq!(validate(&map), Vec::new());
    assert_eq!(map.card(&idea).unwrap().1.impact, Some(5));
    assert_eq!(map.stages[0].points[0].company, Some(-3));
    assert_eq!(map.stages[0].kpis, [Kpi::new(Measure::Ces, 5.5)]);
}
