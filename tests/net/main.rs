//! Live co-editing over the network, in one process on loopback: a host
//! and joiners, join codes, dropped connections and hostile bytes.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

mod peers;
mod presence;
mod proxy;
mod security;

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use journeymap::model::{Card, CardId, JourneyMap};
use journeymap::net::{HostOptions, Mirror, Person, Session, SessionEvent, Status};
use journeymap::samples;
use journeymap::sync::Replica;

/// How long a test waits for something before it fails. Generous: it only
/// bounds a failing test, the passing ones are done in far less.
const PATIENCE: Duration = Duration::from_secs(20);

/// Loopback, so that the tests never leave this machine.
const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn sample() -> JourneyMap {
    samples::find("grocery-trip")
        .expect("sample")
        .map()
        .expect("valid")
}

fn document(map: &JourneyMap) -> Vec<u8> {
    Replica::new(map).expect("replica").save()
}

/// A host on loopback of `map`.
fn host(map: &JourneyMap) -> Session {
    Session::host(
        document(map),
        HostOptions {
            bind: Some(LOOPBACK),
            ..HostOptions::default()
        },
    )
    .expect("host")
}

/// A session and what the test has heard from it.
struct Peer {
    session: Session,
    mirror: Option<Mirror>,
    status: Option<Status>,
    /// Who else is here, as last reported.
    people: Vec<Person>,
}

impl Peer {
    fn new(session: Session) -> Self {
        Self {
            session,
            mirror: None,
            status: None,
            people: Vec::new(),
        }
    }

    fn pump(&mut self) {
        for event in self.session.poll() {
            match event {
                SessionEvent::Document(bytes) => {
                    self.mirror = Some(Mirror::load(&bytes).expect("document"));
                }
                SessionEvent::Changes(changes) => self
                    .mirror
                    .as_mut()
                    .expect("the document comes before changes")
                    .apply(&changes)
                    .expect("changes"),
                SessionEvent::Status(status) => self.status = Some(status),
                SessionEvent::People(people) => self.people = people,
            }
        }
    }

    /// Waits until `done` holds of this peer, or fails the test.
    fn wait(&mut self, what: &str, done: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.pump();
            if done(self) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; status {:?}",
                self.status
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn map(&self) -> JourneyMap {
        self.mirror.as_ref().expect("joined").map().expect("map")
    }

    fn joined(&mut self) {
        self.wait("the document", |peer| peer.mirror.is_some());
    }

    fn has_card(&self, text: &str) -> bool {
        self.mirror.as_ref().is_some_and(|mirror| {
            mirror
                .map()
                .is_ok_and(|map| map.cards().any(|card| card.text == text))
        })
    }

    /// Adds a card with `text` to the first cell and sends it. Its id is
    /// made of the text: `fresh_id` would give two peers adding at once the
    /// same id.
    fn add_card(&mut self, text: &str) {
        let mut map = self.map();
        let stage = map.stages[0].id.clone();
        let lane = map.lanes[0].id.clone();
        let id: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
        let card = Card::new(CardId::new(id), lane, text);
        map.insert_card(&stage, usize::MAX, card).expect("add");
        let changes = self
            .mirror
            .as_mut()
            .expect("joined")
            .edit(&map)
            .expect("edit");
        self.session.send_changes(changes);
    }
}
