//! Comparing and merging maps, once they are loaded: what `journeymap
//! diff` and `journeymap merge` (git's merge driver) do.

use journeymap::model::{Card, CardId, IdTag, JourneyMap, merge};

use crate::figures::{bench, time};
use crate::filter;
use crate::maps::BenchMap;

/// The group the file figures are in.
type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// `diff` of each map against a copy with one card's text changed, one
/// card moved to another stage and one card removed: what `journeymap diff`
/// does once both files are loaded.
pub fn diff_maps(group: &mut Group<'_>, maps: &[BenchMap]) {
    for BenchMap { name, map } in maps {
        let id = format!("diff/{name}");
        if !filter::wanted(&format!("file/{id}")) || map.stages.len() < 2 {
            continue;
        }
        let mut edited = map.clone();
        let cards: Vec<_> = map
            .cards()
            .take(3)
            .map(|c| (c.id.clone(), c.lane.clone()))
            .collect();
        let target = map.stages[map.stages.len() - 1].id.clone();
        let (Some((first, _)), Some((second, lane)), Some((third, _))) =
            (cards.first(), cards.get(1), cards.get(2))
        else {
            continue;
        };
        if edited.set_card_text(first, "changed").is_err()
            || edited.move_card(second, &target, lane, 0).is_err()
            || edited.remove_card(third).is_err()
        {
            continue;
        }
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| journeymap::model::diff(map, &edited))
            });
        });
    }
}

/// `stats --json` of each map once it is loaded: every stage's health,
/// the gaps and the most voted items, derived and written as JSON.
pub fn stats(group: &mut Group<'_>, maps: &[BenchMap]) {
    for BenchMap { name, map } in maps {
        let id = format!("stats/{name}");
        if !filter::wanted(&format!("file/{id}")) {
            continue;
        }
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| journeymap::cli::stats_json(map))
            });
        });
    }
}

/// `merge` of two copies of each map that each changed one card in 64
/// (about 310 of 20,000): ours the texts of some, theirs the notes of
/// others and whether the first are moments of truth; each also added a
/// card to every tenth stage, and theirs moved ten cards to the last stage.
/// Nothing conflicts, so every card is merged field by field and every
/// cell's order is merged.
pub fn merge_maps(group: &mut Group<'_>, maps: &[BenchMap]) {
    for BenchMap { name, map } in maps {
        let id = format!("merge/{name}");
        if !filter::wanted(&format!("file/{id}")) || map.stages.is_empty() {
            continue;
        }
        let (ours, theirs) = both_sides(map);
        let merged = merge(map, &ours, &theirs);
        let added = |side: &JourneyMap| side.card_count().saturating_sub(map.card_count());
        let expected = map.card_count() + added(&ours) + added(&theirs);
        if !merged.conflicts.is_empty() || merged.map.card_count() != expected {
            eprintln!("perf: the merge of {name} is not the clean merge it should be");
            continue;
        }
        group.bench_function(&id, |b| {
            bench(b, &format!("file/{id}"), || {
                time(|| merge(map, &ours, &theirs))
            });
        });
    }
}

/// Ours and theirs, as described at [`merge_maps`].
fn both_sides(map: &JourneyMap) -> (JourneyMap, JourneyMap) {
    let cards: Vec<&Card> = map.cards().collect();
    let every = |offset: usize| -> Vec<CardId> {
        (cards.iter().skip(offset).step_by(64))
            .map(|c| c.id.clone())
            .collect()
    };
    let (mut ours, mut theirs) = (map.clone(), map.clone());
    for id in every(0) {
        let _ = ours.set_card_text(&id, "Edited on our branch");
        let _ = theirs.set_moment_of_truth(&id, true);
    }
    for id in every(32) {
        let _ = theirs.set_card_notes(&id, "Noted on their branch");
    }
    let last = map.stages[map.stages.len() - 1].id.clone();
    for card in cards.iter().skip(16).step_by(640).take(10) {
        let _ = theirs.move_card(&card.id, &last, &card.lane, 0);
    }
    for (side, text, tag) in [
        (&mut ours, "Added on our branch", "-o"),
        (&mut theirs, "Added on their branch", "-t"),
    ] {
        // New ids of their own, as two editors of a shared map make them.
        side.id_tag = IdTag::new(tag);
        for stage in map.stages.iter().step_by(10) {
            if let Some(card) = stage.cards.first() {
                let _ = side.add_card(&stage.id, &card.lane, 0, text);
            }
        }
    }
    (ours, theirs)
}
