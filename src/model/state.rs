//! Current and future state: one map holds the journey as it is today and
//! as the team wants it to be.
//!
//! A card without a [`JourneyState`] belongs to both: it is unchanged. A
//! card marked [`JourneyState::Current`] is today's only (the change takes
//! it away); one marked [`JourneyState::Future`] is the future's only (the
//! change brings it). An emotion point may carry a future score, what the
//! customer should feel there once the change is made; without one, the
//! future keeps today's score. A [`StateView`] picks which of them is seen.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{Card, CardId, EditError, JourneyMap, LaneKind, PointId};

/// Which state of the journey a card belongs to alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum JourneyState {
    /// Today's journey only: the change takes the card away.
    Current,
    /// The improved journey only: the change brings the card.
    Future,
}

impl JourneyState {
    /// A short human name, as the inspector and the card's tag show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Current => "current only",
            Self::Future => "future only",
        }
    }
}

/// Which state of the journey is shown: View ▸ Current / Future / Both,
/// and `export --state`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StateView {
    /// Today's journey: future-only cards and future scores are hidden.
    Current,
    /// The improved journey: current-only cards are hidden and the curve
    /// follows the future scores.
    Future,
    /// Everything: future-only and current-only cards are tagged, and the
    /// future curve is drawn beside today's.
    #[default]
    Both,
}

impl StateView {
    /// Every view, in menu order.
    pub const ALL: [Self; 3] = [Self::Current, Self::Future, Self::Both];

    /// The menu's name for the view.
    pub fn label(self) -> &'static str {
        match self {
            Self::Current => "Current state",
            Self::Future => "Future state",
            Self::Both => "Current and future",
        }
    }

    /// Whether a card is seen in this view.
    pub fn shows(self, card: &Card) -> bool {
        !matches!(
            (self, card.state),
            (Self::Current, Some(JourneyState::Future))
                | (Self::Future, Some(JourneyState::Current))
        )
    }
}

impl JourneyMap {
    /// Whether the map records a future state: a card of one state only,
    /// or a future score.
    pub fn has_future_state(&self) -> bool {
        self.stages.iter().any(|stage| {
            stage.cards.iter().any(|card| card.state.is_some())
                || stage.points.iter().any(|point| point.future.is_some())
        })
    }

    /// The map as `view` shows it, with every item's id unchanged.
    ///
    /// - [`StateView::Current`]: future-only cards are left out and no
    ///   point has a future score.
    /// - In both of those, the cards left are not marked as of one state:
    ///   all are of the state shown.
    /// - [`StateView::Future`]: current-only cards are left out; each
    ///   point's score is its future score (or today's, where none is
    ///   recorded) and it has no company belief or future score, since
    ///   those are about today; a point whose score changes loses its
    ///   label, today's word for the feeling.
    /// - [`StateView::Both`]: the map itself.
    ///
    /// A map with no future state is itself in every view, and is not
    /// copied; stages whose cards are all shown keep sharing them.
    pub fn seen_in(&self, view: StateView) -> Cow<'_, Self> {
        if view == StateView::Both || !self.has_future_state() {
            return Cow::Borrowed(self);
        }
        let mut seen = self.clone();
        for stage in &mut seen.stages {
            // The cards left are all of the one state shown: none is tagged.
            if stage.cards.iter().any(|card| card.state.is_some()) {
                let cards = stage.cards.to_mut();
                cards.retain(|card| view.shows(card));
                for card in cards {
                    card.state = None;
                }
            }
            for point in &mut stage.points {
                if view == StateView::Future {
                    // Today's word for the feeling does not name a changed one.
                    if point.future.is_some_and(|future| future != point.score) {
                        point.label.clear();
                    }
                    point.score = point.future.unwrap_or(point.score);
                    point.company = None;
                }
                point.future = None;
            }
        }
        Cow::Owned(seen)
    }
}

impl JourneyMap {
    /// Puts a card in one state of the journey only, or in both (`None`),
    /// and returns the state it was in.
    pub fn set_card_state(
        &mut self,
        id: &CardId,
        state: Option<JourneyState>,
    ) -> Result<Option<JourneyState>, EditError> {
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.state, state))
    }

    /// Sets or clears the card an opportunity leads to and returns the old one.
    pub fn set_leads_to(
        &mut self,
        opportunity: &CardId,
        target: Option<CardId>,
    ) -> Result<Option<CardId>, EditError> {
        self.require_card_kind(opportunity, LaneKind::Opportunities)?;
        if let Some(target) = &target
            && self.card(target).is_none()
        {
            return Err(EditError::NoSuchCard(target.clone()));
        }
        let card = self.card_or_err(opportunity)?;
        Ok(std::mem::replace(&mut card.leads_to, target))
    }

    /// Sets or clears what the customer should feel at a point in the
    /// future state (−3..=+3) and returns the old value.
    pub fn set_future_score(
        &mut self,
        id: &PointId,
        score: Option<i8>,
    ) -> Result<Option<i8>, EditError> {
        self.replace_optional_score(id, score, |point| &mut point.future)
    }
}

/// Where an item at `shown` among the shown cards of a cell goes among all
/// the cell's cards, hidden ones included: before the card shown there, or
/// just after the last shown card when `shown` is past them (so that a
/// card added at the end of what is seen lands there, not after cards the
/// view hides).
pub fn index_among_all(all: &[&Card], view: StateView, shown: usize) -> usize {
    let mut seen = 0;
    let mut after_last_seen = 0;
    for (index, card) in all.iter().enumerate() {
        if !view.shows(card) {
            continue;
        }
        if seen == shown {
            return index;
        }
        seen += 1;
        after_last_seen = index + 1;
    }
    if seen == 0 {
        all.len()
    } else {
        after_last_seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardId, LaneId};

    fn card(id: &str, state: Option<JourneyState>) -> Card {
        let mut card = Card::new(CardId::new(id), LaneId::new("l"), id);
        card.state = state;
        card
    }

    #[test]
    fn each_view_shows_the_unchanged_cards_and_its_own() {
        let (now, later, both) = (
            card("a", Some(JourneyState::Current)),
            card("b", Some(JourneyState::Future)),
            card("c", None),
        );
        assert!(StateView::Current.shows(&now) && !StateView::Current.shows(&later));
        assert!(!StateView::Future.shows(&now) && StateView::Future.shows(&later));
        for view in StateView::ALL {
            assert!(view.shows(&both));
        }
        assert!(StateView::Both.shows(&now) && StateView::Both.shows(&later));
    }

    #[test]
    fn a_shown_index_lands_before_the_card_shown_there_or_after_the_last_shown() {
        let cards = [
            card("a", None),
            card("gone", Some(JourneyState::Current)),
            card("b", None),
            card("gone2", Some(JourneyState::Current)),
        ];
        let all: Vec<&Card> = cards.iter().collect();
        let view = StateView::Future;
        assert_eq!(index_among_all(&all, view, 0), 0);
        assert_eq!(index_among_all(&all, view, 1), 2);
        assert_eq!(index_among_all(&all, view, 2), 3);
        assert_eq!(index_among_all(&all[1..2], view, 0), 1);
        assert_eq!(index_among_all(&[], view, 0), 0);
    }
}
