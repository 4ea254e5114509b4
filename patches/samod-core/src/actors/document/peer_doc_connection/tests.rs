use super::*;
use crate::{DocumentId, actors::document::phase::request::Request};

fn document() -> Automerge {
    let mut doc = Automerge::new();
    doc.empty_commit(Default::default());
    doc
}

fn connection() -> PeerDocConnection {
    PeerDocConnection::new("remote".into(), ConnectionId::new())
}

#[test]
fn ordinary_generation_returns_one_message_then_an_empty_batch() {
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_write());
    let doc = document();
    let now = UnixTimestamp::now();
    let messages = conn.generate_sync_messages(now, &doc);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].0.heads, doc.get_heads());
    let state = conn.pop().unwrap();
    assert_eq!(state.last_sent, Some(now));
    assert_eq!(state.last_sent_heads, Some(doc.get_heads()));
    assert!(conn.generate_sync_messages(now, &doc).is_empty());
    assert!(conn.pop().is_none());
}

#[test]
fn fallback_reset_batch_converges_with_an_empty_legacy_peer() {
    let now = UnixTimestamp::now();
    let mut doc = document();
    let mut remote = Automerge::new();
    let mut remote_state = sync::State::new();
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_only());
    let mut hello = remote.generate_sync_message(&mut remote_state).unwrap();
    hello.flags = None;
    conn.receive_sync_message(now, &mut doc, hello).unwrap();
    conn.set_share_config(ShareConfig::read_write());

    let messages = conn.generate_sync_messages(now, &doc);
    assert_eq!(messages.len(), 2);
    assert!(messages[0].0.heads.is_empty());
    assert_eq!(messages[1].0.heads, doc.get_heads());
    assert_eq!(conn.state().last_sent_heads, Some(doc.get_heads()));
    let mut messages = messages.into_iter();
    remote
        .receive_sync_message(&mut remote_state, messages.next().unwrap().0)
        .unwrap();
    assert!(remote.generate_sync_message(&mut remote_state).is_none());
    assert_ne!(doc.get_heads(), remote.get_heads());
    remote
        .receive_sync_message(&mut remote_state, messages.next().unwrap().0)
        .unwrap();

    for _ in 0..20 {
        let reply = remote.generate_sync_message(&mut remote_state);
        let replied = reply.is_some();
        if let Some(mut reply) = reply {
            reply.flags = None;
            conn.receive_sync_message(now, &mut doc, reply).unwrap();
        }
        let messages = conn.generate_sync_messages(now, &doc);
        if !replied && messages.is_empty() {
            assert_eq!(doc.get_heads(), remote.get_heads());
            return;
        }
        for (message, _) in messages {
            remote
                .receive_sync_message(&mut remote_state, message)
                .unwrap();
        }
    }
    panic!("sync did not become quiescent");
}

#[test]
fn advertised_reset_support_needs_only_one_message() {
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_only());
    let mut doc = document();
    let now = UnixTimestamp::now();
    let hello = Automerge::new()
        .generate_sync_message(&mut sync::State::new())
        .unwrap();
    conn.receive_sync_message(now, &mut doc, hello).unwrap();
    conn.set_share_config(ShareConfig::read_write());

    let messages = conn.generate_sync_messages(now, &doc);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].0.heads, doc.get_heads());
    assert!(
        messages[0]
            .0
            .flags
            .unwrap()
            .contains(sync::MessageFlags::SYNC_RESET)
    );
    assert!(conn.generate_sync_messages(now, &doc).is_empty());
}

#[test]
fn empty_document_needs_no_follow_up_after_a_fallback_reset() {
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_only());
    let mut doc = Automerge::new();
    let now = UnixTimestamp::now();
    let mut hello = Automerge::new()
        .generate_sync_message(&mut sync::State::new())
        .unwrap();
    hello.flags = None;
    conn.receive_sync_message(now, &mut doc, hello).unwrap();
    conn.set_share_config(ShareConfig::read_write());

    let messages = conn.generate_sync_messages(now, &doc);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].0.heads.is_empty());
    assert!(conn.generate_sync_messages(now, &doc).is_empty());
}

#[test]
fn only_the_first_message_of_a_request_batch_initiates_a_request() {
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_only());
    let mut doc = document();
    let now = UnixTimestamp::now();
    let mut hello = Automerge::new()
        .generate_sync_message(&mut sync::State::new())
        .unwrap();
    hello.flags = None;
    conn.receive_sync_message(now, &mut doc, hello).unwrap();
    conn.set_share_config(ShareConfig::read_write());
    let mut request = Request::new(DocumentId::new(&mut rand::rng()), std::iter::once(&conn));

    let messages = request.generate_messages(now, &doc, &mut conn);
    assert_eq!(messages.len(), 2);
    let SyncMessage::Request { data } = &messages[0].0 else {
        panic!("first message must initiate the request");
    };
    assert!(sync::Message::decode(data).unwrap().heads.is_empty());
    let SyncMessage::Sync { data } = &messages[1].0 else {
        panic!("subsequent messages must continue sync");
    };
    assert_eq!(sync::Message::decode(data).unwrap().heads, doc.get_heads());
}

// journeymap's patch: generation is skipped for a settled peer.

#[test]
fn a_settled_peer_is_generated_for_again_only_after_a_change() {
    let mut conn = connection();
    conn.set_share_config(ShareConfig::read_write());
    let mut doc = document();
    let now = UnixTimestamp::now();
    assert_eq!(conn.generate_sync_messages(now, &doc).len(), 1);
    assert_eq!(conn.settled_at, Some(doc.get_heads()));
    assert!(conn.generate_sync_messages(now, &doc).is_empty());

    // A local change unsettles it: the heads differ.
    doc.empty_commit(Default::default());
    assert_eq!(conn.generate_sync_messages(now, &doc).len(), 1);

    // So does a message from the peer.
    let remote = Automerge::new();
    let mut remote_state = sync::State::new();
    let hello = remote.generate_sync_message(&mut remote_state).unwrap();
    conn.receive_sync_message(now, &mut doc, hello).unwrap();
    assert_eq!(conn.settled_at, None);
}

/// A tiny deterministic generator, so that a failure repeats.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % sides as u64) as usize
    }
}

/// A hub with several peers, messages delivered in a shuffled order: every
/// time the patched generation sends nothing, the unpatched generation
/// (automerge's own, on a copy of the state) would have sent nothing
/// either, and in the end everyone has every change.
#[test]
fn skipping_never_withholds_a_message_a_peer_needs() {
    use automerge::transaction::Transactable;
    const PEERS: usize = 4;
    let now = UnixTimestamp::now();
    for seed in 0..8 {
        let mut dice = Dice(seed);
        let mut hub = document();
        let mut conns: Vec<_> = (0..PEERS)
            .map(|i| {
                let mut conn = PeerDocConnection::new(
                    format!("peer-{i}").as_str().into(),
                    ConnectionId::new(),
                );
                conn.set_share_config(ShareConfig::read_write());
                conn
            })
            .collect();
        let mut peers: Vec<_> = (0..PEERS)
            .map(|_| (Automerge::new(), sync::State::new()))
            .collect();
        let mut to_hub: Vec<(usize, sync::Message)> = Vec::new();
        let mut to_peer: Vec<(usize, sync::Message)> = Vec::new();

        let hub_step = |hub: &Automerge,
                        conns: &mut Vec<PeerDocConnection>,
                        to_peer: &mut Vec<(usize, sync::Message)>| {
            for (i, conn) in conns.iter_mut().enumerate() {
                let mut unpatched = conn.sync_state.clone();
                let sent = conn.generate_sync_messages(now, hub);
                if sent.is_empty() {
                    assert!(
                        hub.generate_sync_message(&mut unpatched).is_none(),
                        "seed {seed}: the patch withheld a message for peer {i}"
                    );
                }
                to_peer.extend(sent.into_iter().map(|(msg, _)| (i, msg)));
            }
        };
        hub_step(&hub, &mut conns, &mut to_peer);

        for round in 0..300 {
            let edits = round < 220;
            match dice.roll(4) {
                0 if edits => {
                    let who = dice.roll(PEERS);
                    let (doc, state) = &mut peers[who];
                    let mut tx = doc.transaction();
                    tx.put(automerge::ROOT, format!("k{round}"), round as i64)
                        .unwrap();
                    tx.commit();
                    if let Some(msg) = doc.generate_sync_message(state) {
                        to_hub.push((who, msg));
                    }
                }
                1 if edits => {
                    hub.transact::<_, _, AutomergeError>(|tx| {
                        tx.put(automerge::ROOT, "hub", round as i64)?;
                        Ok(())
                    })
                    .unwrap();
                    hub_step(&hub, &mut conns, &mut to_peer);
                }
                2 if !to_hub.is_empty() => {
                    let (who, msg) = to_hub.remove(dice.roll(to_hub.len()));
                    conns[who].receive_sync_message(now, &mut hub, msg).unwrap();
                    hub_step(&hub, &mut conns, &mut to_peer);
                }
                _ if !to_peer.is_empty() => {
                    // A peer's own messages stay in order, as on a connection.
                    let who = to_peer[dice.roll(to_peer.len())].0;
                    let at = to_peer.iter().position(|(i, _)| *i == who).unwrap();
                    let (_, msg) = to_peer.remove(at);
                    let (doc, state) = &mut peers[who];
                    doc.receive_sync_message(state, msg).unwrap();
                    if let Some(reply) = doc.generate_sync_message(state) {
                        to_hub.push((who, reply));
                    }
                }
                _ => {}
            }
        }
        // Deliver everything left, in order, until nobody has more to say.
        while !to_hub.is_empty() || !to_peer.is_empty() {
            for (who, msg) in std::mem::take(&mut to_hub) {
                conns[who].receive_sync_message(now, &mut hub, msg).unwrap();
                hub_step(&hub, &mut conns, &mut to_peer);
            }
            for (who, msg) in std::mem::take(&mut to_peer) {
                let (doc, state) = &mut peers[who];
                doc.receive_sync_message(state, msg).unwrap();
                if let Some(reply) = doc.generate_sync_message(state) {
                    to_hub.push((who, reply));
                }
            }
        }
        for (doc, _) in &peers {
            assert_eq!(doc.get_heads(), hub.get_heads(), "seed {seed}");
        }
    }
}
