//! A service blueprint's lines, shared: a line drawn on one peer is drawn
//! on every peer, a kind of line drawn under two lanes at once stays under
//! the first, and what a peer's bytes hold that is not a line reads as none.

use automerge::transaction::Transactable;
use automerge::{Automerge, ROOT, ReadDoc};

use super::{assert_converged, lane, sync, three_people};
use crate::model::{BlueprintLine, JourneyMap, validate};
use crate::sync::{Replica, layout};

fn line_under(map: &JourneyMap, id: &str) -> Option<BlueprintLine> {
    map.lane(&lane(id)).and_then(|l| l.line_below)
}

#[test]
fn a_line_drawn_on_one_peer_arrives_on_every_peer() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.set_line_below(&lane("touchpoints"), Some(BlueprintLine::Visibility))
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(
        line_under(&map, "touchpoints"),
        Some(BlueprintLine::Visibility)
    );
    // And taking it away does too.
    people[2].edit(|map| {
        map.set_line_below(&lane("touchpoints"), None).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(line_under(&map, "touchpoints"), None);
}

#[test]
fn one_line_drawn_under_two_lanes_at_once_stays_under_the_first() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.set_line_below(&lane("backstage"), Some(BlueprintLine::Visibility))
            .unwrap();
    });
    people[1].edit(|map| {
        map.set_line_below(&lane("touchpoints"), Some(BlueprintLine::Visibility))
            .unwrap();
        map.set_line_below(&lane("doing"), Some(BlueprintLine::Interaction))
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(
        line_under(&map, "touchpoints"),
        Some(BlueprintLine::Visibility)
    );
    assert_eq!(line_under(&map, "backstage"), None);
    assert_eq!(line_under(&map, "doing"), Some(BlueprintLine::Interaction));
}

#[test]
fn a_line_a_peer_wrote_that_is_not_one_reads_as_none() {
    let [ana, _, _] = three_people();
    let mut doc = Automerge::load(&ana.replica.save()).unwrap();
    let mut tx = doc.transaction();
    let (_, lanes) = tx.get(ROOT, layout::LANES).unwrap().unwrap();
    for (id, value) in [
        ("doing", automerge::ScalarValue::from("Sideways")),
        ("thinking", automerge::ScalarValue::from(7_i64)),
        ("touchpoints", automerge::ScalarValue::from("Visibility")),
    ] {
        let (_, obj) = tx.get(&lanes, id).unwrap().unwrap();
        tx.put(&obj, layout::LINE_BELOW, value).unwrap();
    }
    tx.commit();
    let map = Replica::load(&doc.save()).unwrap().to_map();
    assert_eq!(validate(&map), Vec::new());
    assert_eq!(line_under(&map, "doing"), None);
    assert_eq!(line_under(&map, "thinking"), None);
    assert_eq!(
        line_under(&map, "touchpoints"),
        Some(BlueprintLine::Visibility)
    );
}
