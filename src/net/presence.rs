//! Who is here, and what they are doing: every peer says so through
//! samod's ephemeral messages, which the host (or a sync server) passes on
//! to the others, at once when it changes and every few seconds anyway; a
//! peer not heard from for a while has left.
//!
//! The message is small, versioned CBOR (see `wire`); a peer's message is
//! hostile input, so it is bounded and anything that does not read is
//! ignored.

mod wire;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ring::rand::{SecureRandom as _, SystemRandom};

use crate::model::{CardId, Colour, LaneId, PALETTE, PointId, StageId};

/// How often a peer says it is here.
pub(crate) const HEARTBEAT: Duration = Duration::from_secs(2);

/// How long a peer counts as here after it last said so.
pub const EXPIRY: Duration = Duration::from_secs(5);

/// The shortest time between two presence messages: at most 10 a second.
pub(crate) const MIN_GAP: Duration = Duration::from_millis(100);

/// The most people a session keeps track of: more are not listed, so that
/// a hostile peer inventing ids cannot fill the memory.
const MAX_PEOPLE: usize = 100;

/// The longest name, in characters; longer names are cut.
pub const MAX_NAME_CHARS: usize = 60;

/// The most selected items a presence message carries.
pub const MAX_SELECTED: usize = 200;

/// The largest presence message, in bytes; larger ones are ignored.
pub const MAX_PRESENCE_BYTES: usize = 4096;

/// Identifies one editor in a session: random, drawn when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId([u8; 8]);

impl PersonId {
    /// The id whose bytes are `bytes` (tests make up people with it).
    pub fn from_bytes(bytes: [u8; 8]) -> Self {
        Self(bytes)
    }
}

/// What one person shows the others: who they are, what they selected,
/// what they type in and where they look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    /// Their name, as they typed it (at most [`MAX_NAME_CHARS`]); empty if
    /// they have not given one.
    pub name: String,
    /// Their colour: their selection is outlined in it.
    pub colour: Colour,
    /// What they selected.
    pub selected: Selected,
    /// The field they are typing in, if any.
    pub typing: Option<Typing>,
    /// Where they look, if they have the map in view.
    pub view: Option<Viewpoint>,
    /// Whether they ask everyone to follow their view.
    pub leading: bool,
}

impl Default for Presence {
    fn default() -> Self {
        Self {
            name: String::new(),
            colour: PALETTE[0],
            selected: Selected::default(),
            typing: None,
            view: None,
            leading: false,
        }
    }
}

/// Someone else in the session, as their editor last said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Which editor.
    pub id: PersonId,
    /// What they show.
    pub presence: Presence,
}

impl Person {
    /// Their name, or "Someone" if they gave none.
    pub fn name(&self) -> &str {
        if self.presence.name.is_empty() {
            "Someone"
        } else {
            &self.presence.name
        }
    }
}

/// The selected items one person shows the others (empty cells are not
/// shown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selected {
    /// Selected cards.
    pub cards: Vec<CardId>,
    /// Selected emotion points.
    pub points: Vec<PointId>,
    /// A selected stage header.
    pub stage: Option<StageId>,
    /// A selected lane label.
    pub lane: Option<LaneId>,
}

/// The field someone is typing in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typing {
    /// A card's text.
    Card(CardId),
    /// A new card in a cell.
    NewCard {
        /// The cell's stage.
        stage: StageId,
        /// The cell's lane.
        lane: LaneId,
    },
    /// An emotion point's label.
    Point(PointId),
    /// A stage's name.
    Stage(StageId),
    /// A lane's name.
    Lane(LaneId),
}

/// Where someone looks: their zoom and the map point at the centre of
/// their view. Kept to a thousandth of zoom and a whole point, so that a
/// view that did not really move is not sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewpoint {
    /// The zoom in thousandths: 1000 is 100 %.
    zoom: u32,
    /// The map point (in points at 100 %) at the centre of the view.
    centre: [i32; 2],
}

/// The widest range of view centres a viewpoint carries, in points.
const MAX_CENTRE: f32 = 10_000_000.0;

impl Viewpoint {
    /// The view at `zoom` (1 is 100 %) centred on the map point `centre`
    /// (in points at 100 %); `None` if the numbers are not usable.
    pub fn new(zoom: f32, centre: [f32; 2]) -> Option<Self> {
        let usable = |v: f32| v.is_finite() && v.abs() < MAX_CENTRE;
        let usable_zoom = zoom.is_finite() && (0.01..=100.0).contains(&zoom);
        if !usable_zoom || !centre.iter().all(|v| usable(*v)) {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked to be in range above"
        )]
        Some(Self {
            zoom: (zoom * 1000.0).round() as u32,
            centre: centre.map(|v| v.round() as i32),
        })
    }

    /// The zoom: 1 is 100 %.
    #[expect(clippy::cast_precision_loss, reason = "a zoom in thousandths is small")]
    pub fn zoom(self) -> f32 {
        self.zoom as f32 / 1000.0
    }

    /// The map point (in points at 100 %) at the centre of the view.
    #[expect(clippy::cast_precision_loss, reason = "bounded by MAX_CENTRE")]
    pub fn centre(self) -> [f32; 2] {
        self.centre.map(|v| v as f32)
    }
}

/// One peer as last heard.
struct Heard {
    at: Instant,
    /// Its presence, if it is a person at an editor (not `journeymap
    /// serve` or a headless peer, which are counted but not listed).
    presence: Option<Presence>,
    /// When it was first heard, to list people in the order they came.
    order: u64,
}

/// This peer's presence and the others' last ones.
pub(crate) struct Roster {
    me: PersonId,
    mine: Option<Presence>,
    seen: HashMap<PersonId, Heard>,
    heard: u64,
}

impl Roster {
    pub(crate) fn new() -> Self {
        let mut me = [0; 8];
        // A failed random source leaves zeros: the count may then be off by
        // one, nothing worse.
        let _ = SystemRandom::new().fill(&mut me);
        Self {
            me: PersonId(me),
            mine: None,
            seen: HashMap::new(),
            heard: 0,
        }
    }

    /// Sets what this editor shows; returns whether it changed.
    pub(crate) fn set(&mut self, presence: Presence) -> bool {
        let changed = self.mine.as_ref() != Some(&presence);
        self.mine = Some(presence);
        changed
    }

    /// The message that says I am here, and what I show.
    pub(crate) fn heartbeat(&self) -> Vec<u8> {
        wire::encode(self.me, self.mine.as_ref())
    }

    /// Notes a presence message; anything else is ignored.
    pub(crate) fn hear(&mut self, message: &[u8], now: Instant) {
        let Some((id, presence)) = wire::decode(message) else {
            return;
        };
        if id == self.me {
            return;
        }
        if let Some(heard) = self.seen.get_mut(&id) {
            heard.at = now;
            heard.presence = presence;
        } else if self.seen.len() < MAX_PEOPLE {
            self.heard += 1;
            self.seen.insert(
                id,
                Heard {
                    at: now,
                    presence,
                    order: self.heard,
                },
            );
        }
    }

    /// Forgets peers not heard from for [`EXPIRY`].
    pub(crate) fn expire(&mut self, now: Instant) {
        self.seen
            .retain(|_, heard| now.saturating_duration_since(heard.at) < EXPIRY);
    }

    /// Everybody heard from lately, me included.
    pub(crate) fn count(&self) -> usize {
        self.seen.len() + 1
    }

    /// The other people at editors, in the order they came.
    pub(crate) fn people(&self) -> Vec<Person> {
        let mut people: Vec<(u64, Person)> = self
            .seen
            .iter()
            .filter_map(|(id, heard)| {
                let presence = heard.presence.clone()?;
                Some((heard.order, Person { id: *id, presence }))
            })
            .collect();
        people.sort_by_key(|(order, _)| *order);
        people.into_iter().map(|(_, person)| person).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Presence {
        Presence {
            name: name.to_owned(),
            ..Presence::default()
        }
    }

    #[test]
    fn people_are_counted_once_and_forgotten_when_silent() {
        let now = Instant::now();
        let mut me = Roster::new();
        let other = Roster::new();
        assert_eq!(me.count(), 1);
        me.hear(&other.heartbeat(), now);
        me.hear(&other.heartbeat(), now);
        me.hear(&me.heartbeat(), now);
        me.hear(b"\xa0 not ours", now);
        assert_eq!(me.count(), 2);
        me.expire(now + EXPIRY);
        assert_eq!(me.count(), 1);
    }

    #[test]
    fn only_people_at_editors_are_listed_in_the_order_they_came() {
        let now = Instant::now();
        let mut me = Roster::new();
        let server = Roster::new();
        let (mut ana, mut bo) = (Roster::new(), Roster::new());
        ana.set(named("Ana"));
        bo.set(named("Bo"));
        for message in [
            bo.heartbeat(),
            server.heartbeat(),
            ana.heartbeat(),
            bo.heartbeat(),
        ] {
            me.hear(&message, now);
        }
        assert_eq!(me.count(), 4);
        let names: Vec<_> = me.people().iter().map(|p| p.name().to_owned()).collect();
        assert_eq!(names, ["Bo", "Ana"]);
    }

    #[test]
    fn a_peer_inventing_ids_cannot_fill_the_memory() {
        let now = Instant::now();
        let mut me = Roster::new();
        for _ in 0..MAX_PEOPLE * 3 {
            me.hear(&Roster::new().heartbeat(), now);
        }
        assert_eq!(me.count(), MAX_PEOPLE + 1);
    }

    #[test]
    fn viewpoints_refuse_numbers_that_are_not_a_view() {
        assert!(Viewpoint::new(f32::NAN, [0.0, 0.0]).is_none());
        assert!(Viewpoint::new(1.0, [f32::INFINITY, 0.0]).is_none());
        assert!(Viewpoint::new(1.0e9, [0.0, 0.0]).is_none());
        let view = Viewpoint::new(1.25, [300.4, -20.6]);
        assert_eq!(view.map(Viewpoint::zoom), Some(1.25));
        assert_eq!(view.map(Viewpoint::centre), Some([300.0, -21.0]));
    }
}
