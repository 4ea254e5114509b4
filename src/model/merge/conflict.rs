//! What a merge could not settle: [`Conflict`]s, the `CONFLICT:` cards that
//! show theirs in the map, and the items of theirs given new ids.

use std::fmt;

use super::super::{Card, CardId, JourneyMap, LaneId, StageId};
use super::Side;
use super::fresh::FreshIds;
use super::pick::Clash;

/// A true conflict: ours was kept over theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What kind of conflict.
    pub kind: ConflictKind,
    /// The item, named as [`crate::model::Difference`] names it: `title`,
    /// `card c12 "Scans her card"`, `cards in "Shop" / "Doing"`.
    pub item: String,
    /// What each side did, and what the merge kept.
    pub detail: String,
    /// The `CONFLICT:` card that shows theirs in the merged map, if the
    /// map has a cell for one.
    pub marker: Option<CardId>,
}

/// The kinds of true conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// Both sides changed a field, in different ways.
    BothChanged,
    /// Both sides moved an item, to different places.
    BothMoved,
    /// One side changed an item the other removed; it is kept.
    ChangedAndRemoved,
    /// Both sides reordered a list, in different ways.
    BothReordered,
}

impl ConflictKind {
    /// How a line names the kind.
    fn label(self) -> &'static str {
        match self {
            Self::BothChanged => "changed both ways",
            Self::BothMoved => "moved both ways",
            Self::ChangedAndRemoved => "changed and removed",
            Self::BothReordered => "reordered both ways",
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.kind.label(), self.item, self.detail)?;
        match &self.marker {
            Some(marker) => write!(f, "; see card {marker}"),
            None => Ok(()),
        }
    }
}

/// An item theirs added with an id ours had used for something else, and
/// the fresh id it has in the merged map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// `lane`, `stage`, `card` or `point`.
    pub kind: &'static str,
    /// The id theirs gave it.
    pub from: String,
    /// Its id in the merged map.
    pub to: String,
}

impl fmt::Display for Renamed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "theirs' {} {} is now {}: ours has another item with that id",
            self.kind, self.from, self.to
        )
    }
}

/// A `CONFLICT:` card still to be put in the map.
struct Marker {
    /// The conflict it shows.
    conflict: usize,
    /// The card, without its id; its lane is where it wants to go.
    card: Card,
    /// The stage it wants to go in.
    stage: Option<StageId>,
    /// The card it goes right after, if that is in the same cell.
    after: Option<CardId>,
}

/// The conflicts found so far, and the cards that will show theirs.
#[derive(Default)]
pub(super) struct Report {
    conflicts: Vec<Conflict>,
    markers: Vec<Marker>,
}

/// Where a `CONFLICT:` card goes: a stage and a lane if the conflict is
/// about one (else the first of the map), and the card it follows.
#[derive(Default)]
pub(super) struct Place {
    pub stage: Option<StageId>,
    pub lane: Option<LaneId>,
    pub after: Option<CardId>,
}

impl Report {
    /// Notes a conflict, and a card that shows theirs: `card`, whose text
    /// (theirs' side of it) is prefixed with `CONFLICT:` and whose notes
    /// say what happened.
    pub fn conflict(&mut self, conflict: Conflict, mut card: Card, place: Place) {
        card.text = format!("CONFLICT: {}", card.text);
        let notes = std::mem::take(&mut card.notes);
        card.notes = format!(
            "journeymap merge: {conflict}. The map keeps ours; this card shows theirs. \
             Keep what you want, then delete this card."
        );
        if !notes.is_empty() {
            card.notes.push_str("\n\n");
            card.notes.push_str(&notes);
        }
        if let Some(lane) = place.lane {
            card.lane = lane;
        }
        self.markers.push(Marker {
            conflict: self.conflicts.len(),
            card,
            stage: place.stage,
            after: place.after,
        });
        self.conflicts.push(conflict);
    }

    /// Notes that `changed_by` changed the item named `item` and the other
    /// side removed it: it is kept, with a card that says so at `place`.
    pub fn changed_and_removed(&mut self, item: String, changed_by: Side, place: Place) {
        let (changer, remover) = (changed_by.name(), changed_by.other().name());
        let text = format!("{remover} removed {item}; {changer} changed it, so it is kept");
        let conflict = Conflict {
            kind: ConflictKind::ChangedAndRemoved,
            item,
            detail: format!("{changer} changed it, {remover} removed it; kept it"),
            marker: None,
        };
        let card = Card::new(CardId::default(), LaneId::default(), text);
        self.conflict(conflict, card, place);
    }

    /// Notes fields of `item` that both sides changed, shown in a card
    /// that lists theirs' values, in `stage` and `lane` if given.
    pub fn field_clash(
        &mut self,
        item: String,
        clashes: &[Clash],
        stage: Option<StageId>,
        lane: Option<LaneId>,
    ) {
        let values: Vec<String> = clashes
            .iter()
            .map(|c| named(c.field, &c.theirs_in_full))
            .collect();
        let text = format!("theirs' {item}: {}", values.join("; "));
        let conflict = Conflict {
            kind: ConflictKind::BothChanged,
            item,
            detail: format!("{}; kept ours", clash_detail(clashes)),
            marker: None,
        };
        let card = Card::new(CardId::default(), LaneId::default(), text);
        let place = Place {
            stage,
            lane,
            after: None,
        };
        self.conflict(conflict, card, place);
    }

    /// Puts every `CONFLICT:` card in the map (in its stage and lane if
    /// they are in the map, else in the first stage and card lane; none
    /// if the map has no cell for a card), and returns the conflicts, each
    /// naming its card.
    pub fn place_markers(self, map: &mut JourneyMap, fresh: &mut FreshIds<'_>) -> Vec<Conflict> {
        let Self {
            mut conflicts,
            markers,
        } = self;
        let first_card_lane = map
            .lanes
            .iter()
            .find(|lane| lane.kind.holds_cards())
            .map(|lane| lane.id.clone());
        let Some(first_card_lane) = first_card_lane else {
            return conflicts;
        };
        for Marker {
            conflict,
            mut card,
            stage,
            after,
        } in markers
        {
            let in_map = |stage: &StageId| map.stage_index(stage);
            let Some(stage) = stage
                .as_ref()
                .and_then(in_map)
                .or_else(|| (!map.stages.is_empty()).then_some(0))
            else {
                break;
            };
            if !map.lane(&card.lane).is_some_and(|l| l.kind.holds_cards()) {
                card.lane = first_card_lane.clone();
            }
            card.id = CardId::new(fresh.id("c"));
            if let Some(found) = conflicts.get_mut(conflict) {
                found.marker = Some(card.id.clone());
            }
            insert_after(map, stage, after.as_ref(), card);
        }
        conflicts
    }
}

/// How a line lists clashing fields: `text ours "A", theirs "B", …`.
pub(super) fn clash_detail(clashes: &[Clash]) -> String {
    let each: Vec<String> = clashes
        .iter()
        .map(|c| named(c.field, &format!("ours {}, theirs {}", c.ours, c.theirs)))
        .collect();
    each.join(", ")
}

/// `field value`, or the value alone for a field that is the whole item
/// (the title).
fn named(field: &str, value: &str) -> String {
    if field.is_empty() {
        value.to_owned()
    } else {
        format!("{field} {value}")
    }
}

/// Puts `card` in the stage at index `stage`, right after the card `after`
/// (and any `CONFLICT:` cards already after it) if that is in the same
/// cell, else at the end of its cell.
fn insert_after(map: &mut JourneyMap, stage: usize, after: Option<&CardId>, card: Card) {
    let cards = map.stages[stage].cards.to_mut();
    let next_to = after
        .and_then(|after| cards.iter().position(|c| &c.id == after))
        .filter(|&at| cards[at].lane == card.lane);
    let at = match next_to {
        Some(at) => {
            let markers_after = cards[at + 1..]
                .iter()
                .take_while(|c| c.lane == card.lane && c.text.starts_with("CONFLICT: "))
                .count();
            at + 1 + markers_after
        }
        None => cards
            .iter()
            .rposition(|c| c.lane == card.lane)
            .map_or(cards.len(), |last| last + 1),
    };
    cards.insert(at, card);
}
