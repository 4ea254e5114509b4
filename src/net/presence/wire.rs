//! The presence message on the wire: one CBOR array, so that
//! automerge-repo's JavaScript peers and sync server pass it on.
//!
//! ```text
//! [ "journeymap/presence", VERSION, h'PERSON ID (8 bytes)', FLAGS,
//!   NAME, COLOUR (0xRRGGBB), [CARD IDS], [POINT IDS], STAGE | null,
//!   LANE | null, TYPING | null, VIEW | null ]
//! ```
//!
//! FLAGS: 1 = a person at an editor (else only the first four items
//! follow: `journeymap serve` and headless peers are counted, not listed),
//! 2 = asks everyone to follow. TYPING is `[KIND, ID]` (0 card, 2 point, 3
//! stage, 4 lane) or `[1, STAGE, LANE]` for a new card in a cell. VIEW is
//! `[ZOOM in thousandths, X, Y]`, the map point at the centre of the view.
//!
//! A later version may add items at the end and flags: this version reads
//! what it knows and ignores the rest. Reading is bounded: a message over
//! [`MAX_PRESENCE_BYTES`], with more than [`MAX_SELECTED`] ids, a malformed
//! id or anything unexpected is ignored as a whole.

use minicbor::{Decoder, Encoder, data::Type};

use super::{
    MAX_NAME_CHARS, MAX_PRESENCE_BYTES, MAX_SELECTED, PersonId, Presence, Selected, Typing,
    Viewpoint,
};
use crate::model::{CardId, Colour, LaneId, MAX_ID_LEN, PointId, StageId, is_well_formed};

/// The first item of every presence message.
const HEAD: &str = "journeymap/presence";

/// The version this editor writes.
const VERSION: u32 = 1;

/// FLAGS: a person at an editor.
const PERSON: u8 = 1;
/// FLAGS: asks everyone to follow.
const LEADING: u8 = 2;

/// The bytes the selected ids may take, leaving room for the rest
/// (name, typing, view: under 512 bytes).
const ID_BUDGET: usize = MAX_PRESENCE_BYTES - 512;

type Written = Result<(), minicbor::encode::Error<std::convert::Infallible>>;

/// The message for person `id` showing `presence` (`None`: a peer that is
/// not a person at an editor). Selections too large for one message are
/// cut.
pub(super) fn encode(id: PersonId, presence: Option<&Presence>) -> Vec<u8> {
    let mut e = Encoder::new(Vec::new());
    let written = write(&mut e, id, presence);
    debug_assert!(written.is_ok(), "writing to a Vec cannot fail");
    e.into_writer()
}

fn write(e: &mut Encoder<Vec<u8>>, id: PersonId, presence: Option<&Presence>) -> Written {
    let Some(p) = presence else {
        e.array(4)?.str(HEAD)?.u32(VERSION)?.bytes(&id.0)?.u8(0)?;
        return Ok(());
    };
    let flags = PERSON | if p.leading { LEADING } else { 0 };
    let colour = u32::from_be_bytes([0, p.colour.r, p.colour.g, p.colour.b]);
    e.array(12)?
        .str(HEAD)?
        .u32(VERSION)?
        .bytes(&id.0)?
        .u8(flags)?;
    e.str(&clean_name(&p.name))?.u32(colour)?;
    // Ids in the budget, cards first.
    let mut budget = ID_BUDGET;
    let mut fits = |id: &str| {
        let cost = id.len() + 2;
        let fits = cost <= budget;
        budget = budget.saturating_sub(cost);
        fits
    };
    let cards: Vec<&str> = (p.selected.cards.iter().map(CardId::as_str))
        .take(MAX_SELECTED)
        .take_while(|id| fits(id))
        .collect();
    let points: Vec<&str> = (p.selected.points.iter().map(PointId::as_str))
        .take(MAX_SELECTED - cards.len())
        .take_while(|id| fits(id))
        .collect();
    for ids in [cards, points] {
        e.array(ids.len() as u64)?;
        for id in ids {
            e.str(id)?;
        }
    }
    optional(e, p.selected.stage.as_ref().map(StageId::as_str))?;
    optional(e, p.selected.lane.as_ref().map(LaneId::as_str))?;
    match &p.typing {
        None => {
            e.null()?;
        }
        Some(Typing::NewCard { stage, lane }) => {
            e.array(3)?.u8(1)?.str(stage.as_str())?.str(lane.as_str())?;
        }
        Some(Typing::Card(id)) => typing(e, 0, id.as_str())?,
        Some(Typing::Point(id)) => typing(e, 2, id.as_str())?,
        Some(Typing::Stage(id)) => typing(e, 3, id.as_str())?,
        Some(Typing::Lane(id)) => typing(e, 4, id.as_str())?,
    }
    match p.view {
        None => {
            e.null()?;
        }
        Some(view) => {
            e.array(3)?
                .u32(view.zoom)?
                .i32(view.centre[0])?
                .i32(view.centre[1])?;
        }
    }
    Ok(())
}

fn optional(e: &mut Encoder<Vec<u8>>, text: Option<&str>) -> Written {
    match text {
        Some(text) => e.str(text)?,
        None => e.null()?,
    };
    Ok(())
}

fn typing(e: &mut Encoder<Vec<u8>>, kind: u8, id: &str) -> Written {
    e.array(2)?.u8(kind)?.str(id)?;
    Ok(())
}

/// A name as shown: no control or direction-changing characters, no
/// spaces around, at most [`MAX_NAME_CHARS`] characters.
pub(crate) fn clean_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    kept.trim().chars().take(MAX_NAME_CHARS).collect()
}

/// Why a message was ignored: it is not a presence message this version
/// can read.
#[derive(Debug)]
struct Unreadable;

impl From<minicbor::decode::Error> for Unreadable {
    fn from(_: minicbor::decode::Error) -> Self {
        Self
    }
}

type Read<T> = Result<T, Unreadable>;

/// Fails unless `holds`.
fn check(holds: bool) -> Read<()> {
    if holds { Ok(()) } else { Err(Unreadable) }
}

/// Reads a presence message: who sent it and, for a person at an editor,
/// what they show. `None` for anything else.
pub(super) fn decode(message: &[u8]) -> Option<(PersonId, Option<Presence>)> {
    read(message).ok()
}

fn read(message: &[u8]) -> Read<(PersonId, Option<Presence>)> {
    check(message.len() <= MAX_PRESENCE_BYTES)?;
    let mut d = Decoder::new(message);
    let items = d.array()?.ok_or(Unreadable)?;
    check(items >= 4 && d.str()? == HEAD && d.u32()? >= 1)?;
    let id = PersonId(d.bytes()?.try_into().map_err(|_| Unreadable)?);
    let flags = d.u8()?;
    if flags & PERSON == 0 {
        return Ok((id, None));
    }
    check(items >= 12)?;
    let name = clean_name(d.str()?);
    let [_, r, g, b] = d.u32()?.to_be_bytes();
    let cards = ids(&mut d)?
        .into_iter()
        .map(CardId::new)
        .collect::<Vec<_>>();
    let points = ids(&mut d)?
        .into_iter()
        .map(PointId::new)
        .collect::<Vec<_>>();
    check(cards.len() + points.len() <= MAX_SELECTED)?;
    let stage = optional_id(&mut d)?.map(StageId::new);
    let lane = optional_id(&mut d)?.map(LaneId::new);
    let typing = read_typing(&mut d)?;
    let view = read_view(&mut d)?;
    let presence = Presence {
        name,
        colour: Colour::rgb(r, g, b),
        selected: Selected {
            cards,
            points,
            stage,
            lane,
        },
        typing,
        view,
        leading: flags & LEADING != 0,
    };
    Ok((id, Some(presence)))
}

/// One well-formed id.
fn id(d: &mut Decoder<'_>) -> Read<String> {
    let id = d.str()?;
    check(id.len() <= MAX_ID_LEN && is_well_formed(id))?;
    Ok(id.to_owned())
}

/// An array of at most [`MAX_SELECTED`] ids.
fn ids(d: &mut Decoder<'_>) -> Read<Vec<String>> {
    let count = d.array()?.ok_or(Unreadable)?;
    check(count <= MAX_SELECTED as u64)?;
    (0..count).map(|_| id(d)).collect()
}

/// Whether the next item is null, which is then read.
fn null(d: &mut Decoder<'_>) -> Read<bool> {
    if d.datatype()? == Type::Null {
        d.null()?;
        return Ok(true);
    }
    Ok(false)
}

/// An id or null.
fn optional_id(d: &mut Decoder<'_>) -> Read<Option<String>> {
    if null(d)? {
        return Ok(None);
    }
    id(d).map(Some)
}

/// The field being typed in, or null. A kind this version does not know
/// reads as not typing.
fn read_typing(d: &mut Decoder<'_>) -> Read<Option<Typing>> {
    if null(d)? {
        return Ok(None);
    }
    let items = d.array()?.ok_or(Unreadable)?;
    check(items >= 2)?;
    let kind = d.u8()?;
    let first = id(d)?;
    let typing = match kind {
        0 => Typing::Card(CardId::new(first)),
        1 if items >= 3 => Typing::NewCard {
            stage: StageId::new(first),
            lane: LaneId::new(id(d)?),
        },
        2 => Typing::Point(PointId::new(first)),
        3 => Typing::Stage(StageId::new(first)),
        4 => Typing::Lane(LaneId::new(first)),
        _ => {
            for _ in 2..items {
                d.skip()?;
            }
            return Ok(None);
        }
    };
    Ok(Some(typing))
}

/// The view, or null. Numbers that are no view read as no view.
fn read_view(d: &mut Decoder<'_>) -> Read<Option<Viewpoint>> {
    if null(d)? {
        return Ok(None);
    }
    check(d.array()?.ok_or(Unreadable)? >= 3)?;
    let zoom = d.u32()?;
    let (x, y) = (d.i32()?, d.i32()?);
    #[expect(clippy::cast_precision_loss, reason = "checked by Viewpoint::new")]
    Ok(Viewpoint::new(zoom as f32 / 1000.0, [x as f32, y as f32]))
}

#[cfg(test)]
mod tests;
