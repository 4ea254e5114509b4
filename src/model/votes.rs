//! Dot votes on a pain point or an opportunity, by person.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The most dots one person may put on one card.
pub const MAX_DOTS: u32 = 99;

/// The longest voter name, in characters.
pub const MAX_VOTER_LEN: usize = 64;

/// The dots on one card, by who put them there: `{"Ana": 2, "Ben": 1}`.
///
/// Keyed by person, so that in a shared session each peer writes only
/// their own entry and two people voting at once never overwrite each
/// other (the replica keeps one register per voter). Alone, a facilitator
/// enters a workshop's count under one name, such as "Workshop".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Votes(BTreeMap<String, u32>);

impl Votes {
    /// No votes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nobody has voted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All dots, from everyone.
    pub fn total(&self) -> u32 {
        self.0
            .values()
            .fold(0, |sum, &dots| sum.saturating_add(dots))
    }

    /// The dots `voter` put here.
    pub fn of(&self, voter: &str) -> u32 {
        self.0.get(voter).copied().unwrap_or(0)
    }

    /// Sets `voter`'s dots (clamped to [`MAX_DOTS`]); zero removes the entry.
    pub fn set(&mut self, voter: &str, dots: u32) {
        if dots == 0 {
            self.0.remove(voter);
        } else {
            self.0.insert(voter.to_owned(), dots.min(MAX_DOTS));
        }
    }

    /// Each voter and their dots, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(voter, &dots)| (voter.as_str(), dots))
    }

    /// What is wrong with an entry, for validation: an empty or overlong
    /// name, or a count outside 1..=[`MAX_DOTS`].
    pub fn problem(&self) -> Option<String> {
        self.iter().find_map(|(voter, dots)| {
            if voter.trim().is_empty() || voter.chars().count() > MAX_VOTER_LEN {
                Some(format!(
                    "a voter's name is 1 to {MAX_VOTER_LEN} characters, not {voter:?}"
                ))
            } else if !(1..=MAX_DOTS).contains(&dots) {
                Some(format!(
                    "{voter:?} has {dots} dots; one person puts 1 to {MAX_DOTS} dots on a card \
                     (leave a name out for none)"
                ))
            } else {
                None
            }
        })
    }
}

impl FromIterator<(String, u32)> for Votes {
    fn from_iter<I: IntoIterator<Item = (String, u32)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_has_their_own_count_and_zero_removes_it() {
        let mut votes = Votes::new();
        votes.set("Ana", 2);
        votes.set("Ben", 1);
        votes.set("Ana", 3);
        assert_eq!((votes.total(), votes.of("Ana"), votes.of("Cy")), (4, 3, 0));
        votes.set("Ana", 0);
        assert_eq!(votes.iter().collect::<Vec<_>>(), [("Ben", 1)]);
        votes.set("Dee", 1000);
        assert_eq!(votes.of("Dee"), MAX_DOTS);
    }

    #[test]
    fn an_empty_name_or_a_zero_count_is_a_problem() {
        let zero: Votes = [("Ana".to_owned(), 0)].into_iter().collect();
        assert!(zero.problem().is_some());
        let nameless: Votes = [(" ".to_owned(), 1)].into_iter().collect();
        assert!(nameless.problem().is_some());
        let fine: Votes = [("Ana".to_owned(), 2)].into_iter().collect();
        assert_eq!(fine.problem(), None);
    }
}
