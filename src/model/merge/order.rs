//! The merged order of one list: the lanes, the stages, the cards of one
//! cell or the points of one stage in one emotion lane.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// A merged order, and whether both sides reordered the list in different
/// ways (then ours was kept).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Ordered<'a> {
    /// The ids in their merged order.
    pub ids: Vec<&'a str>,
    /// Whether the sides' orders clashed.
    pub clash: bool,
}

/// Merges the order of a list, given as the ids each version has in it,
/// in its order, of the items that end up in it (an item may be missing
/// from the base's list, and from one side's, but never from both sides').
///
/// The items both sides have keep the order of the side that changed their
/// order, if only one did (ours if both did, in different ways). An item
/// only one side has goes right after the item it follows on that side
/// among those; when both sides put items after the same one, ours and
/// theirs each stay together, the group whose first id comes first (`c9`
/// before `c10`) first.
pub(super) fn merge_order<'a>(base: &[&str], ours: &[&'a str], theirs: &[&'a str]) -> Ordered<'a> {
    let in_ours: HashSet<&str> = ours.iter().copied().collect();
    let in_theirs: HashSet<&str> = theirs.iter().copied().collect();
    let ours_common: Vec<&'a str> = ours
        .iter()
        .copied()
        .filter(|id| in_theirs.contains(id))
        .collect();
    let theirs_common: Vec<&'a str> = theirs
        .iter()
        .copied()
        .filter(|id| in_ours.contains(id))
        .collect();
    let base_common: Vec<&str> = base
        .iter()
        .copied()
        .filter(|id| in_ours.contains(id) && in_theirs.contains(id))
        .collect();
    let (common, clash) = if ours_common == theirs_common || theirs_common == base_common {
        (ours_common, false)
    } else if ours_common == base_common {
        (theirs_common, false)
    } else {
        (ours_common, true)
    };
    let ours_runs = runs(ours, &in_theirs);
    let theirs_runs = runs(theirs, &in_ours);
    let mut ids = Vec::with_capacity(ours.len().max(theirs.len()));
    let emit = |ids: &mut Vec<&'a str>, after: Option<&'a str>| {
        let mut groups = [ours_runs.get(&after), theirs_runs.get(&after)];
        if let [Some(one), Some(other)] = groups
            && by_id(one[0], other[0]) == Ordering::Greater
        {
            groups.swap(0, 1);
        }
        for group in groups.into_iter().flatten() {
            ids.extend(group);
        }
    };
    emit(&mut ids, None);
    for &id in &common {
        ids.push(id);
        emit(&mut ids, Some(id));
    }
    Ordered { ids, clash }
}

/// The items of `list` the other side does not have, grouped by the item
/// they follow among those it does (`None`: at the start).
fn runs<'a>(list: &[&'a str], other: &HashSet<&str>) -> HashMap<Option<&'a str>, Vec<&'a str>> {
    let mut runs: HashMap<Option<&'a str>, Vec<&'a str>> = HashMap::new();
    let mut after = None;
    for &id in list {
        if other.contains(id) {
            after = Some(id);
        } else {
            runs.entry(after).or_default().push(id);
        }
    }
    runs
}

/// Ids in a person's order: by the text before the first digit, then the
/// number that follows it (`c9` before `c10`), then the rest.
pub(super) fn by_id(one: &str, other: &str) -> Ordering {
    natural(one).cmp(&natural(other)).then(one.cmp(other))
}

fn natural(id: &str) -> (&str, Option<u128>, &str) {
    let digits_from = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let (prefix, rest) = id.split_at(digits_from);
    let digits_to = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, rest) = rest.split_at(digits_to);
    (prefix, digits.parse().ok(), rest)
}
