//! The merge's building blocks; whole merges are tested in `tests/merge.rs`.

use super::order::{by_id, merge_order};

#[test]
fn a_reorder_on_one_side_is_taken() {
    let base = ["a", "b", "c"];
    let reordered = ["c", "a", "b"];
    let merged = merge_order(&base, &base, &reordered);
    assert_eq!(merged.ids, reordered);
    assert!(!merged.clash);
    assert_eq!(merge_order(&base, &reordered, &base).ids, reordered);
}

#[test]
fn reorders_both_ways_keep_ours_and_clash() {
    let merged = merge_order(&["a", "b", "c"], &["b", "a", "c"], &["a", "c", "b"]);
    assert_eq!(merged.ids, ["b", "a", "c"]);
    assert!(merged.clash);
}

#[test]
fn items_added_after_the_same_item_stay_together_in_id_order() {
    let base = ["a", "b"];
    let ours = ["a", "c10", "c11", "b"];
    let theirs = ["a", "c9", "b"];
    let merged = merge_order(&base, &ours, &theirs);
    assert_eq!(merged.ids, ["a", "c9", "c10", "c11", "b"]);
    assert_eq!(merge_order(&base, &theirs, &ours).ids, merged.ids);
}

#[test]
fn an_item_one_side_moved_in_goes_after_what_it_follows_there() {
    // `x` was moved into this list by theirs; ours removed `b`.
    let merged = merge_order(&["a", "c"], &["a", "c"], &["a", "x", "c"]);
    assert_eq!(merged.ids, ["a", "x", "c"]);
}

#[test]
fn ids_sort_by_their_number() {
    let mut ids = vec!["c10", "c9", "s2", "c10-x", "c1"];
    ids.sort_by(|a, b| by_id(a, b));
    assert_eq!(ids, ["c1", "c9", "c10", "c10-x", "s2"]);
}
