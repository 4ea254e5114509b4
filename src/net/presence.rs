//! Who is here: every peer says so every few seconds through samod's
//! ephemeral messages, which the host (or a sync server) passes on to the
//! others; a peer not heard from for a while has left.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ring::rand::{SecureRandom as _, SystemRandom};

/// How often a peer says it is here.
pub(crate) const HEARTBEAT: Duration = Duration::from_secs(2);

/// How long a peer counts as here after it last said so.
const EXPIRY: Duration = Duration::from_secs(5);

/// The CBOR head of a heartbeat: an array of two, the text
/// `journeymap/here` and a byte string of 8. automerge-repo's JavaScript
/// peers only pass on ephemeral messages that are CBOR.
const HEAD: &[u8] = b"\x82\x6fjourneymap/here\x48";

/// This peer's heartbeat and the others' last ones.
pub(crate) struct Presence {
    me: [u8; 8],
    seen: HashMap<[u8; 8], Instant>,
}

impl Presence {
    pub(crate) fn new() -> Self {
        let mut me = [0; 8];
        // A failed random source leaves zeros: the count may then be off by
        // one, nothing worse.
        let _ = SystemRandom::new().fill(&mut me);
        Self {
            me,
            seen: HashMap::new(),
        }
    }

    /// The message that says I am here.
    pub(crate) fn heartbeat(&self) -> Vec<u8> {
        let mut message = HEAD.to_vec();
        message.extend_from_slice(&self.me);
        message
    }

    /// Notes a heartbeat; anything else is ignored.
    pub(crate) fn hear(&mut self, message: &[u8], now: Instant) {
        let Some(id) = message.strip_prefix(HEAD) else {
            return;
        };
        if let Ok(id) = <[u8; 8]>::try_from(id)
            && id != self.me
        {
            self.seen.insert(id, now);
        }
    }

    /// Everybody heard from lately, me included.
    pub(crate) fn people(&mut self, now: Instant) -> usize {
        self.seen
            .retain(|_, heard| now.saturating_duration_since(*heard) < EXPIRY);
        self.seen.len() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_counted_once_and_forgotten_when_silent() {
        let now = Instant::now();
        let mut me = Presence::new();
        let other = Presence::new();
        assert_eq!(me.people(now), 1);
        me.hear(&other.heartbeat(), now);
        me.hear(&other.heartbeat(), now);
        me.hear(&me.heartbeat(), now);
        me.hear(b"\xa0 not ours", now);
        assert_eq!(me.people(now), 2);
        assert_eq!(me.people(now + EXPIRY), 1);
    }
}
