//! Who is here: each editor's name, colour, selection and view reach the
//! others; a host without an editor is counted but not listed; somebody
//! who leaves is gone from the list.

use journeymap::model::{CardId, PALETTE};
use journeymap::net::{Presence, Selected, Session, Typing, Viewpoint};

use super::{Peer, host, sample};

fn ann() -> Presence {
    Presence {
        name: "Ann".to_owned(),
        colour: PALETTE[4],
        selected: Selected {
            cards: vec![CardId::new("c1")],
            ..Selected::default()
        },
        typing: None,
        view: Viewpoint::new(1.5, [400.0, 300.0]),
        leading: false,
    }
}

#[test]
fn a_joiners_name_selection_and_view_reach_the_others() {
    let mut server = Peer::new(host(&sample()));
    let link = server.session.link().clone();
    let mut ann_peer = Peer::new(Session::join(&link).expect("join"));
    let mut bob = Peer::new(Session::join(&link).expect("join"));
    ann_peer.joined();
    bob.joined();
    ann_peer.session.set_presence(ann());
    bob.wait("Ann in Bob's list", |bob| {
        bob.people.iter().any(|p| p.presence == ann())
    });
    // The host has no editor: it is not a person in the list.
    bob.session.set_presence(Presence::default());
    ann_peer.wait("Bob in Ann's list, alone", |ann| ann.people.len() == 1);
    assert_eq!(ann_peer.people[0].name(), "Someone");

    let typing = Presence {
        typing: Some(Typing::Card(CardId::new("c1"))),
        leading: true,
        ..ann()
    };
    ann_peer.session.set_presence(typing.clone());
    bob.wait("Ann typing, at Bob's", |bob| {
        bob.people.iter().any(|p| p.presence == typing)
    });
    server.wait("both people at the host", |server| server.people.len() == 2);

    drop(ann_peer);
    bob.wait("Ann gone from Bob's list", |bob| {
        bob.people.iter().all(|p| p.presence.name != "Ann")
    });
}
