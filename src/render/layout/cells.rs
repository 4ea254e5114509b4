//! One stage's cards laid out cell by cell, kept from one layout to the
//! next while the stage's cards stay the same.
//!
//! After an edit the whole map is laid out again, but an edit changes one
//! stage or two: on a 20,000-card map, looking up every card's text again
//! took most of the frame. The cards of a stage are shared between copies of
//! the map until one changes them ([`crate::model::Cards`]), so a stage whose
//! cards are the very cards laid out last time, in the same lanes, at the
//! same scale, with the same texts of the pain points it answers, has the
//! same cells: they are kept, and only moved to where the stage now sits.

use egui::Rangef;
use std::collections::HashMap;

use super::placing::{self, Recycled};
use super::{CardLayout, Texts, grid, size};
use crate::model::{CardId, Cards, LaneId, LaneKind, Stage, StageId};

/// What a stage's cells were laid out from, apart from its cards.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Setting {
    /// The map's lanes, in order.
    pub lanes: Vec<(LaneId, LaneKind)>,
    /// The layout's scale, as bits (compared exactly).
    pub scale: u32,
    /// The width of a column in points, as bits.
    pub column_width: u32,
    /// The text factor ([`super::Proportions::text`]), as bits.
    pub text: u32,
    /// The width a card needs ([`super::Proportions::card_width`]), as bits.
    pub card_width: u32,
}

/// One stage's cells: for each lane, its cards with the column's left edge
/// and the row's top at 0.
#[derive(Clone, Debug)]
pub(super) struct StageCells {
    /// The cards laid out: kept, so that they stay shared with the map's
    /// while nobody changes them.
    cards: Cards,
    /// The pain points its opportunities answer, and the text each showed.
    links: Vec<(CardId, Option<String>)>,
    /// For each lane of the map, the cell's cards.
    pub lanes: Vec<Vec<CardLayout>>,
    /// The layout that last used them.
    used: u64,
    /// Unique to these cells (see [`placing::new_stamp`]).
    pub stamp: u64,
}

/// The cells kept from the last layout, by stage.
#[derive(Clone, Debug, Default)]
pub(super) struct CellCache {
    setting: Setting,
    stages: HashMap<StageId, StageCells>,
    /// The last layout's placed cards, for the next layout to take over.
    recycled: Option<Recycled>,
}

impl CellCache {
    /// Forgets every stage's cells, e.g. because the glyphs of their text
    /// are gone.
    pub fn clear(&mut self) {
        self.stages.clear();
        self.recycled = None;
    }

    /// Keeps a layout's placed cards for the next layout to take over.
    pub fn recycle(&mut self, cards: Recycled) {
        self.recycled = Some(cards);
    }

    /// The placed cards given back by [`Self::recycle`], if any.
    pub fn take_recycled(&mut self) -> Option<Recycled> {
        self.recycled.take()
    }

    /// Starts a layout in `setting`; cells laid out in another go.
    pub fn begin(&mut self, setting: Setting) {
        if self.setting != setting {
            self.stages.clear();
            self.setting = setting;
        }
    }

    /// Ends the layout numbered `generation`: cells of stages it did not
    /// show go.
    pub fn end(&mut self, generation: u64) {
        self.stages.retain(|_, cells| cells.used == generation);
    }

    /// Makes sure the cache holds the cells of every stage of `stages` as
    /// they would be laid out now, laying out afresh only the stages whose
    /// cards or links changed; marks them used by the layout `generation`.
    pub fn update(
        &mut self,
        texts: &mut Texts<'_, '_>,
        stages: &[Stage],
        pains: &PainTexts<'_>,
        scale: f32,
        generation: u64,
    ) {
        for stage in stages {
            if let Some(kept) = self.stages.get_mut(&stage.id)
                && kept.cards.shares_with(&stage.cards)
                && same_links(&kept.links, stage, pains)
            {
                kept.used = generation;
                continue;
            }
            let column_width = f32::from_bits(self.setting.column_width);
            let card_width = f32::from_bits(self.setting.card_width);
            let mut cells = lay_out(
                texts,
                stage,
                &self.setting.lanes,
                pains,
                scale,
                (column_width, card_width),
            );
            cells.used = generation;
            self.stages.insert(stage.id.clone(), cells);
        }
    }

    /// The cells of the stage with this id, as [`Self::update`] left them.
    pub fn get(&self, stage: &StageId) -> Option<&StageCells> {
        self.stages.get(stage)
    }
}

/// Where a card's footer names the pain point it answers: the pain points'
/// texts by id.
pub(super) type PainTexts<'a> = HashMap<&'a CardId, &'a str>;

/// The pain points `stage`'s cards answer, in order, and their texts.
fn links<'a>(
    stage: &'a Stage,
    pains: &PainTexts<'a>,
) -> impl Iterator<Item = (&'a CardId, Option<&'a str>)> {
    stage
        .cards
        .iter()
        .filter_map(|card| card.answers.as_ref())
        .map(|target| (target, pains.get(target).copied()))
}

/// Whether `stage`'s cards answer the pain points `kept` lists, whose
/// texts are still the same.
fn same_links(kept: &[(CardId, Option<String>)], stage: &Stage, pains: &PainTexts<'_>) -> bool {
    let mut now = links(stage, pains);
    kept.iter()
        .all(|(id, text)| now.next() == Some((id, text.as_deref())))
        && now.next().is_none()
}

/// `stage`'s cells laid out afresh, in the map's `lanes`, in a column
/// `column_width` points wide: side by side, in rows, where the column
/// holds more than one card `card_width` wide at scale 1.
pub(super) fn lay_out(
    texts: &mut Texts<'_, '_>,
    stage: &Stage,
    lanes: &[(LaneId, LaneKind)],
    pains: &PainTexts<'_>,
    scale: f32,
    (column_width, card_width): (f32, f32),
) -> StageCells {
    let s = |points: f32| points * scale;
    let lane_index: HashMap<&LaneId, usize> = lanes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id, i))
        .collect();
    // No more across than the fullest cell holds: two cards in a column
    // with room for three are each half of it, not two thirds with a
    // third left empty.
    let mut in_lane = vec![0_usize; lanes.len()];
    for card in &stage.cards {
        if let Some(&lane) = lane_index.get(&card.lane) {
            in_lane[lane] += 1;
        }
    }
    let fullest = in_lane.into_iter().max().unwrap_or(0).max(1);
    let across = cards_across(column_width / scale, card_width).min(fullest);
    #[expect(clippy::cast_precision_loss, reason = "a few cards across")]
    let card_width =
        (column_width - s(2.0 * size::CELL_PAD) - s(size::CARD_GAP) * (across - 1) as f32)
            / across as f32;
    // The `n`th card of a row goes in this column (its cell padding around it).
    let column = |n: usize| {
        #[expect(clippy::cast_precision_loss, reason = "a few cards across")]
        let left = s(size::CELL_PAD) + (card_width + s(size::CARD_GAP)) * n as f32;
        Rangef::new(
            left - s(size::CELL_PAD),
            left + card_width + s(size::CELL_PAD),
        )
    };
    let mut cells: Vec<Vec<CardLayout>> = vec![Vec::new(); lanes.len()];
    // Each lane's row of cards: its top, and the lowest bottom in it.
    let mut rows = vec![(s(size::CELL_PAD), s(size::CELL_PAD)); lanes.len()];
    for card in &stage.cards {
        let Some(&lane) = lane_index.get(&card.lane) else {
            continue;
        };
        let kind = lanes[lane].1;
        if !kind.holds_cards() {
            continue;
        }
        let answered = card.answers.as_ref().and_then(|id| pains.get(id).copied());
        let index_in_cell = cells[lane].len();
        let n = index_in_cell % across;
        let (top, bottom) = &mut rows[lane];
        if n == 0 && index_in_cell > 0 {
            *top = *bottom + s(size::CARD_GAP);
        }
        let laid = grid::card_layout(texts, scale, card, kind, answered, column(n), *top);
        *bottom = bottom.max(laid.rect.max.y);
        cells[lane].push(CardLayout {
            lane,
            index_in_cell,
            ..laid
        });
    }
    StageCells {
        cards: stage.cards.clone(),
        links: links(stage, pains)
            .map(|(id, text)| (id.clone(), text.map(str::to_owned)))
            .collect(),
        lanes: cells,
        used: 0,
        stamp: placing::new_stamp(),
    }
}

/// How many cards `card_width` wide a column `column_width` wide holds side
/// by side, at scale 1: at least one.
pub(super) fn cards_across(column_width: f32, card_width: f32) -> usize {
    let room = column_width - 2.0 * size::CELL_PAD + size::CARD_GAP;
    let across = (room / (card_width + size::CARD_GAP)).floor();
    if across.is_finite() && across > 1.0 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small positive count, capped"
        )]
        let across = across.min(64.0) as usize;
        across
    } else {
        1
    }
}

/// The height a cell's cards take, from the row's top to below the lowest
/// card's bottom padding.
pub(super) fn content_height(cards: &[CardLayout], scale: f32) -> f32 {
    let pad = size::CELL_PAD * scale;
    let gap = size::CARD_GAP * scale;
    cards
        .iter()
        .map(|card| card.rect.max.y + pad)
        .reduce(f32::max)
        .unwrap_or(2.0 * pad - gap)
}
