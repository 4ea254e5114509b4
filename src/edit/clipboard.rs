//! Cards on the clipboard. Copied cards travel as RON text, so they paste
//! between two running journeymaps, through a chat message or a text editor;
//! plain text pastes as one card per line, so notes typed elsewhere become
//! cards at once.
//!
//! A copied block keeps its shape: pasted at a cell, each card lands the
//! same number of stages to the right and lanes down from it as it was from
//! the block's top-left card, like cells pasted in a spreadsheet.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Edit;
use crate::io::{Position, RECURSION_LIMIT, versions};
use crate::model::{Card, CardId, JourneyMap, LaneId, StageId, Votes};

/// The first field of copied cards, followed by the clip format's version.
const MARKER: &str = "journeymap_cards";
/// The newest clip format this version reads. A clip is written with the
/// lowest version that holds its cards, as map files are: 2 once a card
/// uses a field of format version 2 (see [`crate::io::versions`]).
const CLIP_VERSION: u32 = 2;
/// The most text a paste reads: far more than any real clip.
const MAX_PASTE_BYTES: usize = 4 * 1024 * 1024;
/// The most cards one paste of plain text makes.
const MAX_PASTED_LINES: usize = 500;

/// Why a paste made no edit, in words for a status line.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PasteError {
    /// Nothing selected to paste at.
    #[error("select a cell or a card to paste into")]
    NoTarget,
    /// The target cell's lane holds no cards.
    #[error("an emotion lane holds points, not cards: select another cell to paste into")]
    NotACardLane,
    /// Only whitespace on the clipboard.
    #[error("the clipboard holds no text to paste")]
    Empty,
    /// More text than any real clip.
    #[error("the clipboard holds {0} bytes, more than a paste reads")]
    TooLarge(usize),
    /// More lines than a paste turns into cards.
    #[error("the clipboard holds {0} lines; paste at most {MAX_PASTED_LINES} at once")]
    TooManyLines(usize),
    /// Copied cards that do not parse.
    #[error("the copied cards could not be read: {at}: {message}")]
    Malformed {
        /// Where in the clipboard text.
        at: Position,
        /// What is wrong.
        message: String,
    },
    /// Cards copied by a newer journeymap.
    #[error("the cards were copied from a newer journeymap (clip version {0})")]
    Newer(u32),
}

/// Where a paste goes: a cell, and the position in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteTarget {
    /// The cell's stage.
    pub stage: StageId,
    /// The cell's lane.
    pub lane: LaneId,
    /// Position within the cell.
    pub index: usize,
}

impl PasteTarget {
    /// The target for a selection: right after the last selected card, or
    /// the end of the selected cell.
    pub fn for_selection(
        map: &JourneyMap,
        cards: &[CardId],
        cell: Option<&(StageId, LaneId)>,
    ) -> Option<Self> {
        if let Some((stage, card)) = cards.last().and_then(|id| map.card(id)) {
            let index = stage.cards_in(&card.lane).position(|c| c.id == card.id)? + 1;
            return Some(Self {
                stage: stage.id.clone(),
                lane: card.lane.clone(),
                index,
            });
        }
        let (stage, lane) = cell?;
        let index = map.stage(stage)?.cards_in(lane).count();
        Some(Self {
            stage: stage.clone(),
            lane: lane.clone(),
            index,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clip {
    journeymap_cards: u32,
    cards: Vec<ClipCard>,
}

/// A copied card and its place relative to the block's top-left cell.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClipCard {
    stages_right: usize,
    lanes_down: usize,
    card: Card,
}

#[derive(Deserialize)]
struct ClipVersion {
    journeymap_cards: u32,
}

/// The clipboard text for `cards`, in map order, or `None` if none exist.
pub fn copy(map: &JourneyMap, cards: &[CardId]) -> Option<String> {
    let mut placed: Vec<(usize, usize, usize, &Card)> = Vec::new();
    for (stage_index, stage) in map.stages.iter().enumerate() {
        for (position, card) in stage.cards.iter().enumerate() {
            if cards.contains(&card.id) {
                let lane_index = map.lane_index(&card.lane)?;
                placed.push((stage_index, lane_index, position, card));
            }
        }
    }
    let first_stage = placed.iter().map(|p| p.0).min()?;
    let first_lane = placed.iter().map(|p| p.1).min()?;
    placed.sort_by_key(|&(stage, lane, position, _)| (stage, lane, position));
    let cards: Vec<ClipCard> = placed
        .into_iter()
        .map(|(stage, lane, _, card)| {
            // Dots were put on the card copied, not on its copies.
            let mut card = card.clone();
            card.votes = Votes::new();
            ClipCard {
                stages_right: stage - first_stage,
                lanes_down: lane - first_lane,
                card,
            }
        })
        .collect();
    let newer = cards
        .iter()
        .any(|c| versions::card_field(&c.card).is_some());
    let clip = Clip {
        journeymap_cards: if newer {
            versions::INSIGHTS_VERSION
        } else {
            versions::FIRST_VERSION
        },
        cards,
    };
    let pretty = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .struct_names(false);
    ron::ser::to_string_pretty(&clip, pretty).ok()
}

/// The edit that pastes `text` at `target`: copied cards keep their shape
/// and fields (those a lane does not allow are dropped); other text becomes
/// one card per non-empty line, without list bullets.
pub fn paste(
    map: &JourneyMap,
    text: &str,
    target: Option<&PasteTarget>,
) -> Result<Edit, PasteError> {
    let target = target.ok_or(PasteError::NoTarget)?;
    let start_stage = map.stage_index(&target.stage).ok_or(PasteError::NoTarget)?;
    let start_lane = map.lane_index(&target.lane).ok_or(PasteError::NoTarget)?;
    if !map.lanes[start_lane].kind.holds_cards() {
        return Err(PasteError::NotACardLane);
    }
    if text.len() > MAX_PASTE_BYTES {
        return Err(PasteError::TooLarge(text.len()));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(PasteError::Empty);
    }
    let cards = if is_clip(text) {
        parse_clip(text)?
    } else {
        lines_as_cards(text, &target.lane)?
    };

    let mut next_index: HashMap<(usize, usize), usize> = HashMap::new();
    let mut inserts = Vec::new();
    for ClipCard {
        stages_right,
        lanes_down,
        mut card,
    } in cards
    {
        let stage = start_stage
            .saturating_add(stages_right)
            .min(map.stages.len() - 1);
        // A card whose lane is missing here, or holds no cards, goes into
        // the target cell's lane instead.
        let lane = Some(start_lane.saturating_add(lanes_down))
            .filter(|&l| map.lanes.get(l).is_some_and(|lane| lane.kind.holds_cards()))
            .unwrap_or(start_lane);
        card.lane = map.lanes[lane].id.clone();
        let cell = (stage, lane);
        let index = next_index.entry(cell).or_insert_with(|| {
            if cell == (start_stage, start_lane) {
                target.index
            } else {
                map.stages[stage].cards_in(&card.lane).count()
            }
        });
        inserts.push((map.stages[stage].id.clone(), *index, card));
        *index += 1;
    }
    Ok(Edit::InsertCards(inserts))
}

fn is_clip(text: &str) -> bool {
    text.strip_prefix('(')
        .is_some_and(|rest| rest.trim_start().starts_with(MARKER))
}

fn parse_clip(text: &str) -> Result<Vec<ClipCard>, PasteError> {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    match options.from_str::<Clip>(text) {
        Ok(clip) if clip.journeymap_cards > CLIP_VERSION => {
            Err(PasteError::Newer(clip.journeymap_cards))
        }
        Ok(clip) => Ok(clip.cards),
        Err(error) => {
            if let Ok(ClipVersion { journeymap_cards }) = options.from_str(text)
                && journeymap_cards > CLIP_VERSION
            {
                return Err(PasteError::Newer(journeymap_cards));
            }
            Err(PasteError::Malformed {
                at: Position {
                    line: error.span.start.line,
                    column: error.span.start.col,
                },
                message: error.code.to_string(),
            })
        }
    }
}

fn lines_as_cards(text: &str, lane: &LaneId) -> Result<Vec<ClipCard>, PasteError> {
    let lines: Vec<&str> = text
        .lines()
        .map(|raw| {
            let trimmed = raw.trim();
            ["- ", "* ", "• ", "– "]
                .iter()
                .find_map(|bullet| trimmed.strip_prefix(bullet))
                .unwrap_or(trimmed)
                .trim()
        })
        .filter(|line| !line.is_empty())
        .collect();
    if lines.len() > MAX_PASTED_LINES {
        return Err(PasteError::TooManyLines(lines.len()));
    }
    Ok(lines
        .into_iter()
        .map(|line| ClipCard {
            stages_right: 0,
            lanes_down: 0,
            // The id is replaced when the card is inserted.
            card: Card::new(CardId::new("pasted"), lane.clone(), line),
        })
        .collect())
}

#[cfg(test)]
mod tests;
