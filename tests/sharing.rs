//! Two editors' documents sharing one map, without a network: what one
//! does reaches the other as change bytes, in the one place edits cross
//! into the replica, and undo is per person.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::app::{Document, Origin};
use journeymap::edit::Edit;
use journeymap::model::{JourneyMap, validate};
use journeymap::samples;

fn grocery() -> Document {
    Document::from_sample(samples::find("grocery-trip").expect("sample")).expect("valid")
}

/// Sends each side's outgoing changes to the other until both are quiet,
/// waiting each time for the replicas to write and merge them.
fn exchange(a: &mut Document, b: &mut Document) {
    for _ in 0..4 {
        a.settle().expect("a settles");
        b.settle().expect("b settles");
        let from_a = a.outgoing();
        let from_b = b.outgoing();
        b.receive(from_a);
        a.receive(from_b);
    }
    a.settle().expect("changes from b");
    b.settle().expect("changes from a");
}

fn texts(map: &JourneyMap) -> Vec<&str> {
    map.cards().map(|card| card.text.as_str()).collect()
}

fn add_card(document: &mut Document, text: &str) {
    let stage = document.map.stages[1].id.clone();
    let lane = document.map.lanes[0].id.clone();
    document
        .apply(Edit::AddCard {
            stage,
            lane,
            index: 0,
            text: text.to_owned(),
            state: None,
        })
        .expect("card added");
}

#[test]
fn both_people_adding_cards_at_once_see_both_and_undo_only_their_own() {
    let mut host = grocery();
    let bytes = host.share().expect("shared");
    let mut guest = Document::joined(&bytes).expect("joined");
    assert_eq!(guest.origin, Origin::Joined);
    assert_eq!(guest.map, host.map);

    add_card(&mut host, "Host's card");
    add_card(&mut guest, "Guest's card");
    exchange(&mut host, &mut guest);
    assert_eq!(host.map, guest.map);
    assert!(texts(&host.map).contains(&"Host's card"));
    assert!(texts(&host.map).contains(&"Guest's card"));
    assert!(
        host.is_dirty(),
        "a teammate's edit is unsaved in the host's file"
    );

    assert_eq!(guest.undo(), Some("add card"));
    exchange(&mut host, &mut guest);
    assert_eq!(host.map, guest.map);
    assert!(texts(&host.map).contains(&"Host's card"), "mine stays");
    assert!(!texts(&host.map).contains(&"Guest's card"));
    assert_eq!(host.undo(), Some("add card"));
    exchange(&mut host, &mut guest);
    assert_eq!(host.map, guest.map);
    assert_eq!(host.map, grocery().map);
    assert_eq!(validate(&host.map), Vec::new());
}

#[test]
fn garbage_from_the_network_is_refused_and_the_map_is_unchanged() {
    let mut host = grocery();
    host.share().expect("shared");
    let before = host.map.clone();
    host.receive(vec![b"\x85\x6f\x4a\x83garbage".to_vec()]);
    assert!(host.settle().is_err());
    assert_eq!(host.map, before);
}

#[test]
fn an_edit_made_while_a_teammates_change_is_merging_keeps_both() {
    let mut host = grocery();
    let bytes = host.share().expect("shared");
    let mut guest = Document::joined(&bytes).expect("joined");
    let first = host.map.stages[0].cards[0].id.clone();
    let last = host.map.stages[3].cards[0].id.clone();
    host.apply(Edit::SetCardText(first.clone(), "Host's text".into()))
        .expect("host edits");
    host.settle().expect("written");
    // The host's change reaches the guest, who types before the merged
    // map comes back from the replica.
    guest.receive(host.outgoing());
    guest
        .apply(Edit::SetCardText(last.clone(), "Guest's text".into()))
        .expect("guest edits");
    assert!(guest.settle().expect("merged"), "the host's change shows");
    let text = |document: &Document, id| document.map.card(id).expect("card").1.text.clone();
    assert_eq!(text(&guest, &first), "Host's text");
    assert_eq!(text(&guest, &last), "Guest's text");
    exchange(&mut host, &mut guest);
    assert_eq!(host.map, guest.map);
    assert_eq!(text(&host, &last), "Guest's text");
}
