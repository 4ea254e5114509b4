//! Placing each cell's cards on the map, taking them over from the last
//! layout where the cell holds the same cards.
//!
//! A layout lists every card at its place on the map. After an edit, most
//! cells hold the very cards they held (their [`StageCells`] were kept), so
//! their placed cards are taken over from the last layout: moved, not
//! copied, and shifted where a row above grew. Making 20,000 placed cards
//! afresh, and dropping the last layout's, was half of the frame after an
//! edit on a 20,000-card map.

use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Rect, Vec2};

use super::CardLayout;
use super::cells::StageCells;

/// A number no other [`StageCells`] has: placed cards that came from
/// cells with the same stamp are the same cards, laid out the same way.
pub(super) fn new_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where one cell's cards went in a layout's card list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PlacedCell {
    /// The cell: its lane's index, then its stage's, the order in which
    /// cells are placed.
    cell: (usize, usize),
    /// The stamp of the stage cells the cards came from.
    stamp: u64,
    /// How many cards.
    len: usize,
    /// How far the cards were moved from their cell's origin.
    by: Vec2,
    /// The smallest rectangle holding all of the cards.
    bounds: Rect,
}

/// A layout's card list, given back for the next layout to take over.
#[derive(Clone, Debug, Default)]
pub(super) struct Recycled {
    /// The cards, cell after cell.
    pub cards: Vec<CardLayout>,
    /// Where each cell's cards are in `cards`, in the same order.
    pub cells: Vec<PlacedCell>,
}

/// Builds a layout's card list cell by cell, in the order of
/// [`PlacedCell::cell`], taking cards over from a recycled list.
pub(super) struct Placer {
    old_cards: std::vec::IntoIter<CardLayout>,
    old_cells: std::iter::Peekable<std::vec::IntoIter<PlacedCell>>,
    placed: Recycled,
}

impl Placer {
    /// A placer with room for `capacity` cards, taking cards over from
    /// `recycled` where it can.
    pub fn new(recycled: Option<Recycled>, capacity: usize) -> Self {
        let old = recycled.unwrap_or_default();
        Self {
            old_cards: old.cards.into_iter(),
            old_cells: old.cells.into_iter().peekable(),
            placed: Recycled {
                cards: Vec::with_capacity(capacity),
                cells: Vec::new(),
            },
        }
    }

    /// Places the cards of lane `lane` of `cells`, the stage at index
    /// `stage`, moved `by` from the cell's origin.
    pub fn place(&mut self, lane: usize, stage: usize, cells: &StageCells, by: Vec2) {
        let Some(cards) = cells.lanes.get(lane).filter(|cards| !cards.is_empty()) else {
            return;
        };
        let cell = (lane, stage);
        while let Some(gone) = self.old_cells.next_if(|old| old.cell < cell) {
            self.skip(gone.len);
        }
        let mut placed = PlacedCell {
            cell,
            stamp: cells.stamp,
            len: cards.len(),
            by,
            bounds: Rect::NOTHING,
        };
        match self.old_cells.next_if(|old| old.cell == cell) {
            Some(old) if old.stamp == placed.stamp && old.len == placed.len => {
                let shift = by - old.by;
                placed.bounds = old.bounds.translate(shift);
                let kept = self.old_cards.by_ref().take(old.len);
                if shift == Vec2::ZERO {
                    self.placed.cards.extend(kept);
                } else {
                    self.placed
                        .cards
                        .extend(kept.map(|card| card.shifted(shift)));
                }
            }
            other => {
                if let Some(old) = other {
                    self.skip(old.len);
                }
                let start = self.placed.cards.len();
                self.placed
                    .cards
                    .extend(cards.iter().map(|card| card.placed(stage, by)));
                placed.bounds = (self.placed.cards[start..].iter())
                    .fold(Rect::NOTHING, |bounds, card| bounds.union(card.rect));
            }
        }
        self.placed.cells.push(placed);
    }

    /// The cards placed, and where each cell's are.
    pub fn finish(self) -> Recycled {
        self.placed
    }

    /// Drops the next `count` old cards.
    fn skip(&mut self, count: usize) {
        self.old_cards.by_ref().take(count).for_each(drop);
    }
}

/// The index ranges in `cards` of the cells of `cells` whose cards reach
/// into `area`: every card that intersects `area` is in one of them. All
/// of `cards` when `cells` does not describe them.
pub(super) fn ranges_near(
    cards: &[CardLayout],
    cells: &[PlacedCell],
    area: Rect,
) -> Vec<std::ops::Range<usize>> {
    if cells.iter().map(|cell| cell.len).sum::<usize>() != cards.len() {
        return std::iter::once(0..cards.len()).collect();
    }
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for cell in cells {
        let range = start..start + cell.len;
        start = range.end;
        if !cell.bounds.intersects(area) {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => ranges.push(range),
        }
    }
    ranges
}

impl CardLayout {
    /// This card's layout moved by `by`, in `stage`.
    pub(super) fn placed(&self, stage: usize, by: Vec2) -> Self {
        Self {
            stage,
            ..self.clone()
        }
        .shifted(by)
    }

    /// This card's layout moved by `by`.
    fn shifted(mut self, by: Vec2) -> Self {
        self.rect = self.rect.translate(by);
        self.text_pos += by;
        if let Some((pos, _)) = &mut self.footer {
            *pos += by;
        }
        if let Some((pos, _, _)) = &mut self.icon {
            *pos += by;
        }
        self
    }
}
