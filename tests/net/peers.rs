//! Changes travel between a host and its joiners, and survive a lost
//! connection.

use std::net::SocketAddr;

use journeymap::net::{JoinLink, Session, Status};

use super::proxy::Proxy;
use super::{LOOPBACK, Peer, host, sample};

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

#[test]
fn a_joiner_cut_off_keeps_its_edits_and_both_sides_merge_when_it_is_back() {
    let mut host = Peer::new(host(&sample()));
    let code = host.session.link().code().expect("code").clone();
    let target = host_address(&host);
    let proxy = Proxy::new(target);
    let through_proxy = JoinLink::host(LOOPBACK, proxy.port(), code);
    let mut ann = Peer::new(Session::join(&through_proxy).expect("join"));
    ann.joined();
    host.joined();
    ann.wait("Ann connected", |ann| {
        matches!(ann.status, Some(Status::Connected { .. }))
    });

    proxy.cut();
    ann.wait("Ann offline", |ann| {
        matches!(ann.status, Some(Status::Offline { .. }))
    });
    ann.add_card("Written offline");
    host.add_card("Written at the host meanwhile");
    proxy.heal();

    ann.wait("the host's card at Ann's", |ann| {
        ann.has_card("Written at the host meanwhile")
    });
    host.wait("Ann's card at the host", |host| {
        host.has_card("Written offline")
    });
    assert_eq!(ann.map(), host.map());
    assert!(matches!(ann.status, Some(Status::Connected { .. })));
}

/// The host's loopback address, from its link.
fn host_address(host: &Peer) -> SocketAddr {
    let short = host.session.link().short_code();
    let address = short.split_whitespace().next().expect("address");
    address.parse().expect("socket address")
}
