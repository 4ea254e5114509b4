//! [`Cards`]: a stage's cards, shared between copies of a map until one of
//! them changes.

use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Card;

/// The cards of one stage, in order. Reading them is reading a `Vec<Card>`
/// (through `Deref`); changing them goes through [`Cards::to_mut`].
///
/// Copies of a map share each stage's cards until one copy changes them:
/// then that copy gets its own vector of that stage's cards only (copy on
/// write). An undo step, a save or an export takes a copy of the whole map,
/// so on a 20,000-card map a copy costs one reference count per stage
/// instead of 20,000 cards, and two copies compare equal at a glance where
/// they still share. The value is plain data all the same: a change made
/// through one copy is never seen through another.
#[derive(Clone, Default)]
pub struct Cards(Arc<Vec<Card>>);

impl Cards {
    /// No cards.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cards to change. If another copy of the map still shares them,
    /// this copy gets its own vector first (this stage's cards only), so
    /// take it only where something does change.
    pub fn to_mut(&mut self) -> &mut Vec<Card> {
        Arc::make_mut(&mut self.0)
    }

    /// Whether `self` and `other` are the same cards by construction: one
    /// is a copy of the other and neither has changed since. Cards that are
    /// not shared may still be equal.
    pub fn shares_with(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Cards {
    type Target = Vec<Card>;

    fn deref(&self) -> &Vec<Card> {
        &self.0
    }
}

impl PartialEq for Cards {
    fn eq(&self, other: &Self) -> bool {
        self.shares_with(other) || self.0 == other.0
    }
}

impl Eq for Cards {}

impl std::fmt::Debug for Cards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<Vec<Card>> for Cards {
    fn from(cards: Vec<Card>) -> Self {
        Self(Arc::new(cards))
    }
}

impl FromIterator<Card> for Cards {
    fn from_iter<I: IntoIterator<Item = Card>>(cards: I) -> Self {
        Self::from(cards.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Cards {
    type Item = &'a Card;
    type IntoIter = std::slice::Iter<'a, Card>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for Cards {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Cards {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Card>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardId, LaneId};

    fn card(id: &str) -> Card {
        Card::new(CardId::new(id), LaneId::new("doing"), id)
    }

    #[test]
    fn a_change_to_a_copy_is_not_seen_in_the_original() {
        let original = Cards::from(vec![card("c1"), card("c2")]);
        let mut copy = original.clone();
        assert!(copy.shares_with(&original));
        copy.to_mut()[0].text = "changed".to_owned();
        assert_eq!(original[0].text, "c1");
        assert_eq!(copy[0].text, "changed");
        assert!(!copy.shares_with(&original));
        assert_ne!(copy, original);
    }

    #[test]
    fn cards_made_apart_are_equal_when_they_say_the_same() {
        let one = Cards::from(vec![card("c1")]);
        let other: Cards = std::iter::once(card("c1")).collect();
        assert!(!one.shares_with(&other));
        assert_eq!(one, other);
    }
}
