//! Behaviour of shared maps: peers that edit at once and then exchange sync
//! messages end up showing the same valid map.

use super::*;
use crate::model::{CardId, JourneyMap, LaneId, LaneKind, StageId, validate};

/// One peer: its replica and the map it shows, kept as the editor would.
struct Person {
    replica: Replica,
    map: JourneyMap,
}

impl Person {
    /// Makes an edit to the shown map and records it in the replica.
    fn edit(&mut self, change: impl FnOnce(&mut JourneyMap)) {
        let before = self.map.clone();
        change(&mut self.map);
        self.replica.update(&before, &self.map).unwrap();
    }

    /// Takes in what peers sent, as the editor does after a sync: only the
    /// entries they touched are read again, and that must give the same
    /// map as reading the whole document.
    fn refresh(&mut self) {
        self.replica.refresh(&mut self.map);
        let whole = self.replica.fork().to_map();
        assert_eq!(
            self.map, whole,
            "reading what peers touched differs from reading it all"
        );
    }
}

/// Three people sharing the grocery-trip sample, each on a peer of their own.
fn three_people() -> [Person; 3] {
    let map = crate::samples::find("grocery-trip").unwrap().map().unwrap();
    let first = Replica::new(&map).unwrap();
    let others = [first.fork(), first.fork()];
    let [second, third] = others;
    [first, second, third].map(|mut replica| Person {
        map: replica.to_map(),
        replica,
    })
}

/// Exchanges sync messages among `people` until none has anything to
/// send, then refreshes everyone's map.
fn sync(people: &mut [Person]) {
    let count = people.len();
    let mut peers: Vec<Vec<Peer>> = (0..count)
        .map(|_| (0..count).map(|_| Peer::new()).collect())
        .collect();
    for _round in 0..100 {
        let mut quiet = true;
        for from in 0..count {
            for to in (0..count).filter(|&to| to != from) {
                if let Some(message) = people[from]
                    .replica
                    .generate_sync_message(&mut peers[from][to])
                {
                    quiet = false;
                    people[to]
                        .replica
                        .receive_sync_message(&mut peers[to][from], &message)
                        .unwrap();
                }
            }
        }
        if quiet {
            for person in people.iter_mut() {
                person.refresh();
            }
            return;
        }
    }
    panic!("sync did not settle in 100 rounds");
}

/// Everyone shows the same map, and it is valid.
fn assert_converged(people: &[Person]) -> JourneyMap {
    let map = people[0].map.clone();
    assert_eq!(validate(&map), Vec::new(), "{map:#?}");
    for person in people {
        assert_eq!(person.map, map);
        assert_eq!(person.replica.fork().to_map(), map);
    }
    map
}

/// The first card in a lane of `kind`.
fn first_of(map: &JourneyMap, kind: LaneKind) -> CardId {
    map.cards()
        .find(|c| map.lane(&c.lane).is_some_and(|l| l.kind == kind))
        .map(|c| c.id.clone())
        .unwrap()
}

fn card(id: &str) -> CardId {
    CardId::new(id)
}

fn stage(id: &str) -> StageId {
    StageId::new(id)
}

fn lane(id: &str) -> LaneId {
    LaneId::new(id)
}

#[test]
fn two_people_editing_different_words_of_one_card_keep_both_edits() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.set_card_text(&card("c1"), "check the fridge and write a list")
            .unwrap();
    });
    sync(&mut people);
    people[0].edit(|map| {
        map.set_card_text(&card("c1"), "Check the FRIDGE and write a list")
            .unwrap();
    });
    people[1].edit(|map| {
        map.set_card_text(&card("c1"), "check the fridge and write a shopping list")
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(
        map.card(&card("c1")).unwrap().1.text,
        "Check the FRIDGE and write a shopping list"
    );
}

#[test]
fn one_card_moved_to_two_cells_at_once_is_one_card_in_one_cell() {
    let mut people = three_people();
    let cards = people[0].map.card_count();
    people[0].edit(|map| {
        map.move_card(&card("c1"), &stage("arrive"), &lane("thinking"), 0)
            .unwrap();
    });
    people[1].edit(|map| {
        map.move_card(&card("c1"), &stage("plan"), &lane("backstage"), 5)
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(map.card_count(), cards);
    assert_eq!(map.cards().filter(|c| c.id == card("c1")).count(), 1);
    let (home, moved) = map.card(&card("c1")).unwrap();
    let cell = (home.id.as_str(), moved.lane.as_str());
    assert!(
        cell == ("arrive", "thinking") || cell == ("plan", "backstage"),
        "{cell:?}"
    );
}

#[test]
fn a_stage_deleted_while_a_card_is_added_to_it_leaves_every_peer_valid_and_equal() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.remove_stage(&stage("arrive")).unwrap();
    });
    let mut added = None;
    people[1].edit(|map| {
        added = Some(map.add_card(&stage("arrive"), &lane("doing"), 0, "Find a trolley"));
    });
    people[2].edit(|map| {
        map.set_card_text(&card("c1"), "Plan meals").unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert!(map.stage(&stage("arrive")).is_none());
    let added = added.unwrap().unwrap();
    assert!(map.card(&added).is_none(), "the card went with its stage");
    assert_eq!(map.card(&card("c1")).unwrap().1.text, "Plan meals");
}

#[test]
fn stages_reordered_both_ways_at_once_lose_and_duplicate_nothing() {
    let mut people = three_people();
    let mut ids: Vec<StageId> = people[0].map.stages.iter().map(|s| s.id.clone()).collect();
    let first = ids[0].clone();
    let last = ids[ids.len() - 1].clone();
    people[0].edit(|map| {
        map.move_stage(&first, usize::MAX).unwrap();
    });
    people[1].edit(|map| {
        map.move_stage(&last, 0).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    let mut now: Vec<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
    assert_ne!(now, ids, "both moves show");
    now.sort();
    ids.sort();
    assert_eq!(now, ids);
}

#[test]
fn a_link_set_while_its_pain_point_is_removed_is_cleared_everywhere() {
    let mut people = three_people();
    let (opportunity, pain_point) = {
        let map = &people[0].map;
        let opportunity = map.cards().find(|c| c.answers.is_some()).unwrap();
        let other_pain = map
            .cards()
            .find(|c| {
                map.lane(&c.lane).unwrap().kind == LaneKind::PainPoints
                    && Some(&c.id) != opportunity.answers.as_ref()
            })
            .unwrap();
        (opportunity.id.clone(), other_pain.id.clone())
    };
    people[0].edit(|map| {
        map.remove_card(&pain_point).unwrap();
    });
    people[1].edit(|map| {
        map.link_opportunity(&opportunity, &pain_point).unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert!(map.card(&pain_point).is_none());
    assert_eq!(map.card(&opportunity).unwrap().1.answers, None);
}

#[test]
fn a_peer_that_edits_offline_loses_nothing_when_it_syncs() {
    let [mut ana, mut ben, mut carl] = three_people();
    let mut added = Vec::new();
    for i in 0..5 {
        carl.edit(|map| {
            added.push(map.add_card(&stage("plan"), &lane("doing"), i, format!("offline {i}")));
        });
    }
    carl.edit(|map| {
        map.rename_stage(&stage("plan"), "Plan the week").unwrap();
        map.title = "Grocery trip, revised offline".to_owned();
    });
    ana.edit(|map| {
        map.set_card_text(&card("c2"), "edited online").unwrap();
    });
    ben.edit(|map| {
        map.persona.goals.push("Spend less".to_owned());
    });
    let mut online = [ana, ben];
    sync(&mut online);
    let [ana, ben] = online;
    let mut people = [ana, ben, carl];
    sync(&mut people);
    let map = assert_converged(&people);
    for id in added {
        assert!(map.card(&id.unwrap()).is_some());
    }
    assert_eq!(map.stage(&stage("plan")).unwrap().name, "Plan the week");
    assert_eq!(map.title, "Grocery trip, revised offline");
    assert_eq!(map.card(&card("c2")).unwrap().1.text, "edited online");
    assert!(map.persona.goals.contains(&"Spend less".to_owned()));
}

#[test]
fn an_edit_made_on_a_map_older_than_the_replica_lands_where_it_was_made() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.set_card_text(&card("c1"), "one two three").unwrap();
    });
    sync(&mut people);
    // Ben types at the start; Ana receives it but edits before refreshing.
    people[1].edit(|map| {
        map.set_card_text(&card("c1"), "zero one two three")
            .unwrap();
    });
    let (mut from_ben, mut to_ana) = (Peer::new(), Peer::new());
    for _ in 0..10 {
        let [ana, ben, _] = &mut people;
        if let Some(message) = ben.replica.generate_sync_message(&mut from_ben) {
            ana.replica
                .receive_sync_message(&mut to_ana, &message)
                .unwrap();
        }
        if let Some(message) = ana.replica.generate_sync_message(&mut to_ana) {
            ben.replica
                .receive_sync_message(&mut from_ben, &message)
                .unwrap();
        }
    }
    assert!(people[0].replica.has_unseen_changes());
    people[0].edit(|map| {
        map.set_card_text(&card("c1"), "one two three four")
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    assert_eq!(
        map.card(&card("c1")).unwrap().1.text,
        "zero one two three four"
    );
}

#[test]
fn malformed_truncated_and_oversized_bytes_are_refused_without_panic() {
    let [mut ana, mut ben, _] = three_people();
    ben.edit(|map| map.title = "changed".to_owned());
    let mut peer = Peer::new();
    let message = ben.replica.generate_sync_message(&mut Peer::new()).unwrap();
    let mut garbage: Vec<Vec<u8>> = vec![
        Vec::new(),
        vec![0x42],
        vec![0x43; 100],
        b"not a sync message at all".to_vec(),
    ];
    for cut in [1, 2, 10, message.len() / 2, message.len() - 1] {
        garbage.push(message[..cut].to_vec());
    }
    // Deterministic noise, and the real message with bytes flipped.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut noise = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state.to_le_bytes()[0]
    };
    for _ in 0..50 {
        let len = usize::from(noise()) * 4;
        garbage.push((0..len).map(|_| noise()).collect());
        let mut flipped = message.clone();
        let at = usize::from(noise()) % flipped.len();
        flipped[at] ^= noise() | 1;
        garbage.push(flipped);
    }
    for bytes in &garbage {
        // Flipped bytes may still parse; only a panic would fail here.
        let _ = ana.replica.receive_sync_message(&mut Peer::new(), bytes);
    }
    for bytes in garbage.iter().take(9) {
        assert!(
            ana.replica.receive_sync_message(&mut peer, bytes).is_err(),
            "{bytes:?}"
        );
    }
    let oversized = vec![0x42; MAX_MESSAGE_BYTES + 1];
    assert!(matches!(
        ana.replica.receive_sync_message(&mut peer, &oversized),
        Err(SyncError::MessageTooLarge { .. })
    ));
    ana.refresh();
    assert_eq!(validate(&ana.map), Vec::new());

    let saved = ana.replica.save();
    for cut in [0, 1, 8, saved.len() / 2, saved.len() - 1] {
        assert!(Replica::load(&saved[..cut]).is_err(), "cut at {cut}");
    }
    for at in (0..saved.len()).step_by(97) {
        let mut flipped = saved.clone();
        flipped[at] ^= 0x5a;
        if let Ok(mut replica) = Replica::load(&flipped) {
            assert_eq!(validate(&replica.to_map()), Vec::new());
        }
    }
    let oversized = vec![0; MAX_LOAD_BYTES + 1];
    assert!(matches!(
        Replica::load(&oversized),
        Err(SyncError::DocumentTooLarge { .. })
    ));
    assert_eq!(Replica::load(&saved).unwrap().to_map(), ana.map);
}

#[test]
fn every_sample_round_trips_through_a_replica_and_its_saved_bytes() {
    for sample in crate::samples::SAMPLES {
        let map = sample.map().unwrap();
        let mut replica = Replica::new(&map).unwrap();
        assert_eq!(replica.to_map(), map, "{}", sample.name);
        let mut loaded = Replica::load(&replica.save()).unwrap();
        assert_eq!(loaded.to_map(), map, "{}", sample.name);
    }
}

#[test]
fn a_peer_joining_empty_receives_the_whole_map() {
    let [ana, _, _] = three_people();
    let joiner = Person {
        replica: Replica::empty(),
        map: JourneyMap::default(),
    };
    let mut people = [ana, joiner];
    sync(&mut people);
    assert_converged(&people);
}

#[test]
fn what_a_lane_kind_does_not_allow_is_dropped_and_scores_are_clamped() {
    let [mut ana, _, _] = three_people();
    // Writing an invalid map, as a buggy or newer peer might.
    ana.edit(|map| {
        let touch = map
            .lanes
            .iter()
            .position(|l| l.id == lane("touchpoints"))
            .unwrap();
        map.lanes[touch].kind = LaneKind::Text;
        map.stages[0].points[0].score = 3;
    });
    ana.edit(|map| map.stages[0].points[0].score = 100);
    let map = ana.replica.to_map();
    assert_eq!(validate(&map), Vec::new());
    assert!(map.cards().all(|c| c.channel.is_none()));
    assert_eq!(map.stages[0].points[0].score, 3);
}

#[test]
fn moving_cards_within_a_cell_keeps_the_order_on_every_peer() {
    let mut people = three_people();
    people[0].edit(|map| {
        map.move_card(&card("c2"), &stage("plan"), &lane("doing"), 0)
            .unwrap();
    });
    people[1].edit(|map| {
        map.add_card(&stage("plan"), &lane("doing"), 1, "between")
            .unwrap();
    });
    sync(&mut people);
    let map = assert_converged(&people);
    let plan = map.stage(&stage("plan")).unwrap();
    let doing = lane("doing");
    let texts: Vec<&str> = plan.cards_in(&doing).map(|c| c.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(plan.cards_in(&doing).next().unwrap().id, card("c2"));
}

/// Times `update` and `to_map` on the 20,000-card benchmark map; run with
/// `cargo test --release --lib sync::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, meaningful in release builds only"]
#[expect(clippy::print_stderr, reason = "the figures are the point")]
fn timing_at_twenty_thousand_cards() {
    use std::time::Instant;
    let spec = crate::generate::Spec {
        stages: 100,
        lanes: 20,
        cards_per_cell: 10,
        seed: 1,
    };
    let map = crate::generate::generate(&spec);
    let started = Instant::now();
    let mut replica = Replica::new(&map).unwrap();
    eprintln!(
        "new: {:?} for {} cards",
        started.elapsed(),
        map.card_count()
    );
    let started = Instant::now();
    let read = replica.to_map();
    eprintln!("to_map: {:?}", started.elapsed());
    assert_eq!(read, map);
    let saved = replica.save();
    eprintln!("saved: {} bytes, {} ops", saved.len(), replica.doc_ops());
    let message = replica.generate_sync_message(&mut Peer::new());
    let mut empty = Replica::empty();
    let mut peer = Peer::new();
    let mut largest = 0;
    let mut outgoing = Peer::new();
    let mut next = message;
    while let Some(bytes) = next {
        largest = largest.max(bytes.len());
        empty.receive_sync_message(&mut peer, &bytes).unwrap();
        if let Some(reply) = empty.generate_sync_message(&mut peer) {
            replica.receive_sync_message(&mut outgoing, &reply).unwrap();
        }
        next = replica.generate_sync_message(&mut outgoing);
    }
    eprintln!("largest sync message to a new peer: {largest} bytes");

    let mut before = read;
    let mut samples = Vec::new();
    for i in 0..20 {
        let mut after = before.clone();
        let id = after.stages[50].cards[i].id.clone();
        after.set_card_text(&id, format!("edited {i}")).unwrap();
        let started = Instant::now();
        replica.update(&before, &after).unwrap();
        samples.push(started.elapsed());
        before = after;
    }
    samples.sort();
    eprintln!(
        "update, one card's text: median {:?}, max {:?}",
        samples[10], samples[19]
    );
    let mut samples = Vec::new();
    for i in 0..20 {
        let mut after = before.clone();
        let id = after.stages[10 + i].cards[0].id.clone();
        let lane = after.stages[10 + i].cards[0].lane.clone();
        let to = after.stages[80 - i].id.clone();
        after.move_card(&id, &to, &lane, 3).unwrap();
        let started = Instant::now();
        replica.update(&before, &after).unwrap();
        samples.push(started.elapsed());
        before = after;
    }
    samples.sort();
    eprintln!(
        "update, one card moved: median {:?}, max {:?}",
        samples[10], samples[19]
    );
    let started = Instant::now();
    let read = replica.to_map();
    eprintln!("to_map after edits: {:?}", started.elapsed());
    assert_eq!(read, before);
    // A teammate's one-card edit arriving: applying the change, then
    // re-reading what it touched.
    let mut theirs = replica.fork();
    let mut shown = replica.to_map();
    let (mut applying, mut refreshing) = (Vec::new(), Vec::new());
    for i in 0..20 {
        let mut after = shown.clone();
        let id = after.stages[30].cards[i].id.clone();
        after.set_card_text(&id, format!("theirs {i}")).unwrap();
        theirs.update(&shown, &after).unwrap();
        let changes = theirs.take_local_changes();
        let started = Instant::now();
        replica.apply_changes(&changes).unwrap();
        applying.push(started.elapsed());
        let started = Instant::now();
        replica.refresh(&mut shown);
        refreshing.push(started.elapsed());
        assert_eq!(shown, after);
    }
    applying.sort();
    refreshing.sort();
    eprintln!(
        "remote one-card edit: apply median {:?}, refresh median {:?}",
        applying[10], refreshing[10]
    );
}

/// A small deterministic random number generator for the edit storm.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(n.max(1)).unwrap()).unwrap()
    }
}

/// One random edit of the kinds people make, through the model's own
/// operations (an edit the model refuses is simply not made).
fn random_edit(map: &mut JourneyMap, dice: &mut Dice, who: usize) {
    let cards: Vec<CardId> = map.cards().map(|c| c.id.clone()).collect();
    let stages: Vec<StageId> = map.stages.iter().map(|s| s.id.clone()).collect();
    let lanes: Vec<LaneId> = map
        .lanes
        .iter()
        .filter(|l| l.kind.holds_cards())
        .map(|l| l.id.clone())
        .collect();
    if cards.is_empty() || stages.is_empty() || lanes.is_empty() {
        return;
    }
    let card = &cards[dice.below(cards.len())];
    let stage = &stages[dice.below(stages.len())];
    let lane = &lanes[dice.below(lanes.len())];
    match dice.below(9) {
        0 | 1 => {
            let old = map.card(card).unwrap().1.text.clone();
            let cut = old
                .char_indices()
                .map(|(i, _)| i)
                .nth(dice.below(old.len()));
            let at = cut.unwrap_or(old.len());
            let text = format!("{}[{who}]{}", &old[..at], &old[at..]);
            let _ = map.set_card_text(card, text);
        }
        2 | 3 => {
            let _ = map.move_card(card, stage, lane, dice.below(4));
        }
        4 => {
            let _ = map.remove_card(card);
        }
        5 => {
            // Ids a peer makes are its own, as sharing will need.
            let mut new = crate::model::Card::new(
                CardId::new(map.fresh_id(&format!("p{who}c"))),
                lane.clone(),
                "new",
            );
            new.moment_of_truth = dice.below(2) == 0;
            let _ = map.insert_card(stage, dice.below(4), new);
        }
        6 => {
            let _ = map.move_stage(stage, dice.below(stages.len()));
        }
        7 => {
            let pain = cards.iter().find(|c| {
                map.card(c)
                    .is_some_and(|(_, c)| map.lane(&c.lane).unwrap().kind == LaneKind::PainPoints)
            });
            if let Some(pain) = pain.cloned() {
                let _ = map.link_opportunity(card, &pain);
            }
        }
        _ => {
            if dice.below(4) == 0 && stages.len() > 3 {
                let _ = map.remove_stage(stage);
            } else {
                let _ = map.rename_stage(stage, format!("stage by {who}"));
            }
        }
    }
}

#[test]
fn a_storm_of_random_concurrent_edits_converges_to_one_valid_map() {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut people = three_people();
    for round in 0..40 {
        for (who, person) in people.iter_mut().enumerate() {
            for _ in 0..=dice.below(3) {
                person.edit(|map| random_edit(map, &mut dice, who));
                assert_eq!(validate(&person.map), Vec::new());
            }
        }
        // Sometimes only two people are online together.
        if round % 3 == 0 {
            sync(&mut people);
        } else {
            let [a, b, _] = &mut people;
            let (mut ab, mut ba) = (Peer::new(), Peer::new());
            for _ in 0..10 {
                if let Some(m) = a.replica.generate_sync_message(&mut ab) {
                    b.replica.receive_sync_message(&mut ba, &m).unwrap();
                }
                if let Some(m) = b.replica.generate_sync_message(&mut ba) {
                    a.replica.receive_sync_message(&mut ab, &m).unwrap();
                }
            }
        }
    }
    sync(&mut people);
    let map = assert_converged(&people);
    assert!(map.stages.len() >= 3 && map.card_count() > 10, "{map:#?}");
}

#[test]
fn changes_taken_from_one_peer_and_applied_on_another_carry_the_edit() {
    let [mut ana, mut ben, _] = three_people();
    ana.edit(|map| {
        let stage = map.stages[1].id.clone();
        let lane = map.lanes[0].id.clone();
        map.add_card(&stage, &lane, 0, "Sent as change bytes")
            .unwrap();
    });
    let changes = ana.replica.take_local_changes();
    assert_eq!(changes.len(), 1, "one edit is one change");
    assert!(ana.replica.take_local_changes().is_empty(), "taken once");
    ben.replica.apply_changes(&changes).unwrap();
    // Applying the same change twice is harmless.
    ben.replica.apply_changes(&changes).unwrap();
    ben.refresh();
    assert_eq!(ben.map, ana.map);
}

#[test]
fn bytes_that_are_not_changes_are_refused_and_nothing_is_applied() {
    let [mut ana, mut ben, _] = three_people();
    ana.edit(|map| map.title = "Changed".into());
    let mut changes = ana.replica.take_local_changes();
    changes.push(b"not a change at all".to_vec());
    let error = ben.replica.apply_changes(&changes).unwrap_err();
    assert!(matches!(error, SyncError::BadChange(_)), "{error}");
    assert!(!ben.replica.has_unseen_changes());
    let huge = vec![vec![0_u8; MAX_MESSAGE_BYTES + 1]];
    assert!(matches!(
        ben.replica.apply_changes(&huge),
        Err(SyncError::MessageTooLarge { .. })
    ));
}

#[test]
fn every_peer_tags_its_new_ids_differently() {
    let [ana, ben, cleo] = three_people();
    let tags = [&ana, &ben, &cleo].map(|person| person.replica.id_tag());
    assert!(
        tags.iter()
            .all(|tag| tag.len() == 6 && tag.starts_with('-'))
    );
    assert!(
        tags.iter()
            .all(|tag| crate::model::is_well_formed(&format!("c1{tag}")))
    );
    assert_ne!(tags[0], tags[1]);
    assert_ne!(tags[1], tags[2]);
    assert_ne!(tags[0], tags[2]);
}

#[test]
fn two_people_adding_a_card_to_one_cell_at_once_keep_both() {
    let [mut ana, mut ben, cleo] = three_people();
    let stage = ana.map.stages[0].id.clone();
    let lane = ana.map.lanes[0].id.clone();
    ana.edit(|map| {
        map.add_card(&stage, &lane, 0, "Ana's card").unwrap();
    });
    ben.edit(|map| {
        map.add_card(&stage, &lane, 0, "Ben's card").unwrap();
    });
    let mut people = [ana, ben, cleo];
    sync(&mut people);
    for person in &people {
        let texts: Vec<&str> = person
            .map
            .cards()
            .map(|card| card.text.as_str())
            .filter(|text| text.ends_with("'s card"))
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert_eq!(validate(&person.map), Vec::new());
    }
}

#[test]
fn a_teammates_edit_leaves_the_other_stages_cards_shared_with_the_map_before_it() {
    let mut people = three_people();
    let card = people[0].map.stages[1].cards[0].id.clone();
    people[0].edit(|map| {
        map.set_card_text(&card, "Theirs").unwrap();
    });
    let before = people[1].map.clone();
    sync(&mut people);
    let after = &people[1].map;
    assert_eq!(after.stages[1].cards[0].text, "Theirs");
    for (now, was) in after.stages.iter().zip(&before.stages).skip(2) {
        assert!(
            now.cards.shares_with(&was.cards),
            "stage {} was copied",
            now.id
        );
    }
}

mod blueprint;
mod deciding;
mod future;
