//! Changes travel between a host and its joiners, and survive a lost
//! connection.

use journeymap::net::{Session, Status};

use super::{Peer, host, sample};

#[test]
fn a_card_added_by_one_joiner_reaches_the_other_and_the_host() {
    let map = sample();
    let mut host = Peer::new(host(&map));
    let link = host.session.link().clone();
    let mut ann = Peer::new(Session::join(&link).expect("join"));
    let mut bob = Peer::new(Session::join(&link).expect("join"));
    host.joined();
    ann.joined();
    bob.joined();
    assert_eq!(ann.map(), map, "a joiner starts from the host's map");

    ann.add_card("Ann's card");
    bob.wait("Ann's card at Bob's", |bob| bob.has_card("Ann's card"));
    host.wait("Ann's card at the host", |host| host.has_card("Ann's card"));
    bob.add_card("Bob's card");
    ann.wait("Bob's card at Ann's", |ann| ann.has_card("Bob's card"));
    assert_eq!(ann.map(), bob.map());
}

#[test]
fn everybody_sees_how_many_people_are_in_the_session() {
    let mut host = Peer::new(host(&sample()));
    let link = host.session.link().clone();
    let mut ann = Peer::new(Session::join(&link).expect("join"));
    let mut bob = Peer::new(Session::join(&link).expect("join"));
    let three = |peer: &Peer| peer.status == Some(Status::Connected { people: 3 });
    host.wait("three people at the host", three);
    ann.wait("three people at Ann's", three);
    bob.wait("three people at Bob's", three);
}
