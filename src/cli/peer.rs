//! `journeymap peer LINK`: a headless peer, for scripts and tests. It
//! joins, optionally adds a card, waits until the map has the cards it
//! expects, and prints how many cards it has.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use ring::rand::{SecureRandom as _, SystemRandom};

use super::Outcome;
use crate::model::{Card, CardId, JourneyMap, LaneKind};
use crate::net::{JoinLink, Mirror, Session, SessionEvent, Status};

/// The arguments of `journeymap peer`.
#[derive(Debug, Args)]
pub struct PeerArgs {
    /// The session's link (or short code).
    #[arg(value_name = "LINK")]
    pub link: JoinLink,
    /// Add a card with this text to the first stage's first lane of cards.
    #[arg(long, value_name = "TEXT")]
    pub add_card: Option<String>,
    /// Wait until the map has at least N cards (default: until this peer's
    /// card, if any, is in).
    #[arg(long, value_name = "N")]
    pub expect: Option<usize>,
    /// Give up after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

/// Runs the peer; exits 1 if it was refused or the cards did not arrive.
pub fn run(args: &PeerArgs, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let session = match Session::join(&args.link) {
        Ok(session) => session,
        Err(error) => {
            writeln!(err, "journeymap: {error}")?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let mut mirror: Option<Mirror> = None;
    let mut added = args.add_card.is_none();
    loop {
        for event in session.poll() {
            match event {
                SessionEvent::Document(bytes) => match Mirror::load(&bytes) {
                    Ok(loaded) => mirror = Some(loaded),
                    Err(error) => {
                        writeln!(err, "journeymap: {error}")?;
                        return Ok(ExitCode::FAILURE);
                    }
                },
                SessionEvent::Changes(changes) => {
                    if let Some(mirror) = mirror.as_mut()
                        && let Err(error) = mirror.apply(&changes)
                    {
                        writeln!(err, "journeymap: refused changes from a peer: {error}")?;
                    }
                }
                SessionEvent::Status(Status::Refused { reason }) => {
                    writeln!(err, "journeymap: {reason}")?;
                    return Ok(ExitCode::FAILURE);
                }
                SessionEvent::Status(_) | SessionEvent::People(_) => {}
            }
        }
        let map = mirror.as_ref().and_then(|mirror| mirror.map().ok());
        if let (Some(mirror), Some(map), Some(text)) = (mirror.as_mut(), &map, &args.add_card)
            && !added
        {
            let Some(edited) = with_card(map, text) else {
                writeln!(err, "journeymap: the map has no stage or no lane of cards")?;
                return Ok(ExitCode::FAILURE);
            };
            match mirror.edit(&edited) {
                Ok(changes) => session.send_changes(changes),
                Err(error) => {
                    writeln!(err, "journeymap: {error}")?;
                    return Ok(ExitCode::FAILURE);
                }
            }
            added = true;
            continue;
        }
        let count = map.as_ref().map(JourneyMap::card_count);
        if let Some(count) = count
            && added
            && args.expect.is_none_or(|expected| count >= expected)
        {
            writeln!(out, "{count}")?;
            // Dropping the session waits (briefly) until the host has our card.
            drop(session);
            return Ok(ExitCode::SUCCESS);
        }
        if Instant::now() >= deadline {
            writeln!(
                err,
                "journeymap: gave up after {} s with {} cards",
                args.timeout,
                count.map_or_else(|| "no map and no".to_owned(), |count| count.to_string())
            )?;
            writeln!(out, "{}", count.unwrap_or(0))?;
            return Ok(ExitCode::FAILURE);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `map` with a card of `text` in the first stage's first lane that holds
/// cards. Its id is random: two peers adding cards at once must not both
/// take the same `fresh_id`.
fn with_card(map: &JourneyMap, text: &str) -> Option<JourneyMap> {
    let mut map = map.clone();
    let stage = map.stages.first()?.id.clone();
    let lane = map
        .lanes
        .iter()
        .find(|lane| lane.kind != LaneKind::Emotion)?
        .id
        .clone();
    let mut random = [0; 4];
    let _ = SystemRandom::new().fill(&mut random);
    let id = format!("{}-{}", map.fresh_id("c"), u32::from_be_bytes(random));
    map.insert_card(&stage, usize::MAX, Card::new(CardId::new(id), lane, text))
        .ok()?;
    Some(map)
}
