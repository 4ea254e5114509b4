//! Order keys: fractional positions that sort as strings.
//!
//! Each stage, lane, card and point stores a `pos` key; a sequence is its
//! items sorted by `(pos, id)`, so every peer orders them the same even when
//! two peers chose the same key at once. Moving an item writes a new key
//! between its new neighbours' keys, touching nothing else. This is not a
//! CRDT, only the ordering inside one: the key is an ordinary register that
//! automerge merges.
//!
//! Keys are base-62 digit strings (`0-9A-Za-z`, which sort in ASCII order)
//! read as fractions after a point, and never end in `0`, so there is always
//! room for a key before any other.

/// The digits of a key, in sorting order.
const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Keys longer than this are treated as malformed and replaced when their
/// item moves: they could only come from a misbehaving peer.
const MAX_KEY_LEN: usize = 1024;

fn digit_value(digit: u8) -> Option<usize> {
    match digit {
        b'0'..=b'9' => Some(usize::from(digit - b'0')),
        b'A'..=b'Z' => Some(usize::from(digit - b'A') + 10),
        b'a'..=b'z' => Some(usize::from(digit - b'a') + 36),
        _ => None,
    }
}

/// Whether `key` is one this module could have made: digits only, not
/// ending in `0`, not absurdly long.
pub fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && !key.ends_with('0')
        && key.bytes().all(|b| digit_value(b).is_some())
}

/// A key strictly between `low` and `high` (`None`: unbounded), or `None`
/// if either is malformed or `low` is not below `high`.
pub fn between(low: Option<&str>, high: Option<&str>) -> Option<String> {
    let low = low.unwrap_or("");
    if !(low.is_empty() || is_key(low)) || high.is_some_and(|high| !is_key(high) || low >= high) {
        return None;
    }
    let mut out = Vec::new();
    midpoint(low.as_bytes(), high.map(str::as_bytes), &mut out);
    String::from_utf8(out).ok()
}

/// Appends to `out` the digits of a fraction between `low` and `high`,
/// where `low < high`, both well formed (`low` may be empty: zero).
fn midpoint(mut low: &[u8], mut high: Option<&[u8]>, out: &mut Vec<u8>) {
    loop {
        if let Some(upper) = high {
            // The common prefix, reading a short `low` as padded with zeros.
            let common = upper
                .iter()
                .enumerate()
                .take_while(|&(i, &d)| low.get(i).copied().unwrap_or(b'0') == d)
                .count();
            if common > 0 {
                out.extend_from_slice(&upper[..common]);
                low = low.get(common..).unwrap_or(&[]);
                high = Some(&upper[common..]);
                continue;
            }
        }
        let low_digit = low.first().and_then(|&d| digit_value(d)).unwrap_or(0);
        let high_digit = high.map_or(DIGITS.len(), |upper| {
            upper.first().and_then(|&d| digit_value(d)).unwrap_or(0)
        });
        if high_digit > low_digit + 1 {
            out.push(DIGITS[usize::midpoint(low_digit, high_digit)]);
            return;
        }
        // Consecutive digits: `high`'s first digit alone is between when
        // `high` goes on; otherwise keep `low`'s digit and go one deeper.
        if let Some(upper) = high
            && upper.len() > 1
        {
            out.push(upper[0]);
            return;
        }
        out.push(DIGITS[low_digit]);
        low = low.get(1..).unwrap_or(&[]);
        high = None;
    }
}

/// `count` increasing keys strictly between `low` and `high`, spread by
/// bisection so their length grows with the logarithm of `count`. Empty if
/// no key fits (see [`between`]).
pub fn spread(low: Option<&str>, high: Option<&str>, count: usize) -> Vec<String> {
    let mut keys = Vec::with_capacity(count);
    spread_into(low, high, count, &mut keys);
    if keys.len() == count {
        keys
    } else {
        Vec::new()
    }
}

fn spread_into(low: Option<&str>, high: Option<&str>, count: usize, keys: &mut Vec<String>) {
    if count == 0 {
        return;
    }
    let Some(middle) = between(low, high) else {
        return;
    };
    let left = (count - 1) / 2;
    spread_into(low, Some(&middle), left, keys);
    keys.push(middle.clone());
    spread_into(Some(&middle), high, count - 1 - left, keys);
}

/// New keys for a sequence after an edit, given for each item its index in
/// the sequence before the edit (`None` for an item that is new here), and
/// `key_of(i)`, the key the `i`th item has now (read only when needed).
///
/// Items whose relative order did not change keep their keys (a longest
/// increasing run of old indices); the others get keys between their kept
/// neighbours. Returns, for each item, `Some(new key)` or `None` to keep.
pub fn reposition(
    before: &[Option<usize>],
    mut key_of: impl FnMut(usize) -> Option<String>,
) -> Vec<Option<String>> {
    let mut kept = longest_increasing(before);
    let mut keys: Vec<Option<String>> = vec![None; before.len()];
    // The key of each kept item, read lazily and only at the edges of gaps.
    let mut known: Vec<Option<Option<String>>> = vec![None; before.len()];
    let mut read = |i: usize, known: &mut Vec<Option<Option<String>>>| {
        known[i]
            .get_or_insert_with(|| key_of(i).filter(|key| is_key(key)))
            .clone()
    };
    let mut start = 0;
    while start < before.len() {
        if kept[start] {
            start += 1;
            continue;
        }
        // A gap from `start`; its low edge is the kept item before it.
        let low_key = match start.checked_sub(1) {
            Some(i) => {
                let key = read(i, &mut known);
                if key.is_none() {
                    // A kept item without a usable key moves too.
                    kept[i] = false;
                    start = i;
                    continue;
                }
                key
            }
            None => None,
        };
        let mut end = start;
        loop {
            while end < before.len() && !kept[end] {
                end += 1;
            }
            if end == before.len() {
                break;
            }
            match read(end, &mut known) {
                Some(high) if low_key.as_deref().is_none_or(|low| low < high.as_str()) => break,
                // No room below this one (a tie from concurrent moves, or a
                // malformed key): it moves too.
                _ => kept[end] = false,
            }
        }
        let high_key = if end < before.len() {
            read(end, &mut known)
        } else {
            None
        };
        let fresh = spread(low_key.as_deref(), high_key.as_deref(), end - start);
        for (slot, key) in keys[start..end].iter_mut().zip(fresh) {
            *slot = Some(key);
        }
        start = end;
    }
    keys
}

/// Marks a longest strictly increasing subsequence of the `Some` values.
pub(crate) fn longest_increasing(values: &[Option<usize>]) -> Vec<bool> {
    // Patience sorting: `tails[k]` is the index of the smallest tail of an
    // increasing run of length k + 1; `previous` links each item to its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, value) in values.iter().enumerate() {
        let Some(value) = *value else { continue };
        let length = tails.partition_point(|&t| values[t].is_some_and(|v| v < value));
        previous[i] = length.checked_sub(1).map(|k| tails[k]);
        if length == tails.len() {
            tails.push(i);
        } else {
            tails[length] = i;
        }
    }
    let mut kept = vec![false; values.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = previous[i];
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_sorts_strictly_between() {
        let cases = [
            (None, None),
            (None, Some("V")),
            (Some("V"), None),
            (Some("1"), Some("2")),
            (Some("1"), Some("11")),
            (Some("z"), None),
            (Some("zz"), None),
            (None, Some("01")),
            (None, Some("001")),
            (Some("0z"), Some("1")),
            (Some("a"), Some("a1")),
            (Some("a0001"), Some("a001")),
        ];
        for (low, high) in cases {
            let key = between(low, high).unwrap();
            assert!(is_key(&key), "{key}");
            assert!(low.is_none_or(|low| low < key.as_str()), "{low:?} < {key}");
            assert!(
                high.is_none_or(|high| key.as_str() < high),
                "{key} < {high:?}"
            );
        }
    }

    #[test]
    fn between_refuses_what_it_cannot_order() {
        assert_eq!(between(Some("b"), Some("a")), None);
        assert_eq!(between(Some("a"), Some("a")), None);
        assert_eq!(between(Some("a0"), None), None);
        assert_eq!(between(None, Some("a b")), None);
        assert_eq!(between(None, Some("")), None);
    }

    #[test]
    fn repeated_inserts_at_one_place_stay_ordered_and_short() {
        // Always inserting right after the first key, and always at the
        // front, the worst cases for key growth.
        let mut after_first = vec![between(None, None).unwrap()];
        after_first.push(between(Some(&after_first[0]), None).unwrap());
        let mut at_front = vec![between(None, None).unwrap()];
        for _ in 0..500 {
            let key = between(Some(&after_first[0]), Some(&after_first[1])).unwrap();
            after_first.insert(1, key);
            let key = between(None, Some(&at_front[0])).unwrap();
            at_front.insert(0, key);
        }
        for keys in [&after_first, &at_front] {
            assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
            // Bisection adds a digit every five or six inserts at one spot.
            assert!(keys.iter().all(|key| key.len() <= 500 / 4), "{keys:?}");
        }
    }

    #[test]
    fn spread_keys_are_increasing_and_short() {
        let keys = spread(None, None, 20_000);
        assert_eq!(keys.len(), 20_000);
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(keys.iter().all(|key| key.len() <= 4), "{:?}", keys.last());
        let inside = spread(Some("a"), Some("a1"), 100);
        assert!(
            inside
                .iter()
                .all(|key| "a" < key.as_str() && key.as_str() < "a1")
        );
    }

    /// Applies `reposition` to items with `keys` in the order `before` and
    /// returns the keys in the new order.
    fn moved(keys: &[&str], after: &[usize]) -> Vec<String> {
        let before: Vec<Option<usize>> = after.iter().map(|&i| Some(i)).collect();
        let fresh = reposition(&before, |i| Some(keys[after[i]].to_owned()));
        after
            .iter()
            .zip(fresh)
            .map(|(&i, key)| key.unwrap_or_else(|| keys[i].to_owned()))
            .collect()
    }

    #[test]
    fn moving_one_item_rewrites_one_key() {
        let keys = ["1", "2", "3", "4", "5"];
        let before: Vec<Option<usize>> = [0, 3, 1, 2, 4].map(Some).to_vec();
        let fresh = reposition(&before, |i| Some(keys[before[i].unwrap()].to_owned()));
        assert_eq!(fresh.iter().filter(|key| key.is_some()).count(), 1);
        let result = moved(&keys, &[0, 3, 1, 2, 4]);
        assert!(
            result.windows(2).all(|pair| pair[0] < pair[1]),
            "{result:?}"
        );
    }

    #[test]
    fn unchanged_order_rewrites_nothing() {
        let before: Vec<Option<usize>> = (0..5).map(Some).collect();
        let fresh = reposition(&before, |_| panic!("no key needs reading"));
        assert!(fresh.iter().all(Option::is_none));
    }

    #[test]
    fn ties_and_malformed_keys_are_replaced_to_make_room() {
        // Two items share a key (two peers inserted at once) and a third
        // moves between them; another item has a malformed key.
        let keys = ["1", "5", "5", "bad key", "9"];
        let result = moved(&keys, &[0, 1, 4, 2, 3]);
        assert!(
            result.windows(2).all(|pair| pair[0] < pair[1]),
            "{result:?}"
        );
        assert!(result.iter().all(|key| is_key(key)), "{result:?}");
    }

    #[test]
    fn new_items_get_keys_between_their_neighbours() {
        let keys = ["2", "4"];
        let before = [None, Some(0), None, None, Some(1), None];
        let fresh = reposition(&before, |i| Some(keys[before[i].unwrap()].to_owned()));
        let result: Vec<String> = before
            .iter()
            .zip(fresh)
            .map(|(old, key)| key.unwrap_or_else(|| keys[old.unwrap()].to_owned()))
            .collect();
        assert!(
            result.windows(2).all(|pair| pair[0] < pair[1]),
            "{result:?}"
        );
        assert_eq!(&result[1], "2");
        assert_eq!(&result[4], "4");
    }
}
