//! Fresh ids for a merge: for theirs' items that need a new one and for
//! the `CONFLICT:` cards.

use std::collections::{HashMap, HashSet};

use super::super::{JourneyMap, ids};

/// Hands out ids that none of the three maps uses, nor any id handed out
/// before: a prefix (`c` for a card, as [`JourneyMap::fresh_id`] uses
/// them) and one more than the largest number used with it.
pub(super) struct FreshIds<'a> {
    maps: [&'a JourneyMap; 3],
    /// Every id in use, gathered only when the first fresh id is needed:
    /// most merges need none.
    taken: Option<HashSet<String>>,
    /// The next number to try, by prefix.
    next: HashMap<&'static str, u64>,
}

impl<'a> FreshIds<'a> {
    /// Ids fresh in all of `maps`.
    pub fn new(maps: [&'a JourneyMap; 3]) -> Self {
        Self {
            maps,
            taken: None,
            next: HashMap::new(),
        }
    }

    /// A fresh id starting with `prefix`.
    pub fn id(&mut self, prefix: &'static str) -> String {
        let maps = self.maps;
        let taken = self.taken.get_or_insert_with(|| all_ids(maps));
        let next = self.next.entry(prefix).or_insert_with(|| {
            let highest = taken
                .iter()
                .filter_map(|id| ids::number_between(id, prefix, ""))
                .max()
                .unwrap_or(0);
            highest.saturating_add(1)
        });
        // Past the largest number there is, the smallest free one is
        // searched; some number is always free.
        loop {
            let id = format!("{prefix}{next}");
            *next = next.checked_add(1).unwrap_or(1);
            if taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn all_ids(maps: [&JourneyMap; 3]) -> HashSet<String> {
    let mut taken = HashSet::new();
    for map in maps {
        taken.extend(map.lanes.iter().map(|l| l.id.to_string()));
        for stage in &map.stages {
            taken.insert(stage.id.to_string());
            taken.extend(stage.cards.iter().map(|c| c.id.to_string()));
            taken.extend(stage.points.iter().map(|p| p.id.to_string()));
        }
    }
    taken
}
