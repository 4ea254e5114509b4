//! Properties of the three-way merge, over random edits of the samples:
//! a side that changed nothing changes nothing, a merge without conflicts
//! does not depend on which side is ours, and every merge is a valid map.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::model::{
    IdTag, JourneyMap, LaneKind, MAX_SCORE, MIN_SCORE, Severity, merge, validate,
};
use journeymap::samples;
use proptest::prelude::*;
use proptest::sample::Index;

/// One edit, with the items it is about still to be picked from the map.
#[derive(Clone, Debug)]
enum Edit {
    SetCardText(Index, String),
    SetSeverity(Index, Option<Severity>),
    SetNotes(Index, String),
    AddCard(Index, Index, usize, String),
    RemoveCard(Index),
    MoveCard(Index, Index, Index, usize),
    Link(Index, Index),
    AddStage(usize, String),
    RenameStage(Index, String),
    MoveStage(Index, usize),
    RemoveStage(Index),
    AddLane(usize, String, LaneKind),
    RenameLane(Index, String),
    MoveLane(Index, usize),
    RemoveLane(Index),
    AddPoint(Index, Index, usize, i8),
    SetScore(Index, i8),
    RemovePoint(Index),
    SetTitle(String),
    SetPersonaName(String),
}

fn text() -> impl Strategy<Value = String> {
    "[a-z]{1,3}( [a-z]{1,3})?"
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = || 0usize..5;
    let i = any::<Index>;
    let severity = proptest::option::of(prop::sample::select(Severity::ALL.to_vec()));
    let kind = prop::sample::select(LaneKind::ALL.to_vec());
    let score = MIN_SCORE..=MAX_SCORE;
    prop_oneof![
        4 => (i(), text()).prop_map(|(c, t)| Edit::SetCardText(c, t)),
        2 => (i(), severity).prop_map(|(c, s)| Edit::SetSeverity(c, s)),
        1 => (i(), text()).prop_map(|(c, t)| Edit::SetNotes(c, t)),
        4 => (i(), i(), at(), text()).prop_map(|(s, l, n, t)| Edit::AddCard(s, l, n, t)),
        2 => i().prop_map(Edit::RemoveCard),
        3 => (i(), i(), i(), at()).prop_map(|(c, s, l, n)| Edit::MoveCard(c, s, l, n)),
        1 => (i(), i()).prop_map(|(o, p)| Edit::Link(o, p)),
        1 => (at(), text()).prop_map(|(n, t)| Edit::AddStage(n, t)),
        1 => (i(), text()).prop_map(|(s, t)| Edit::RenameStage(s, t)),
        1 => (i(), at()).prop_map(|(s, n)| Edit::MoveStage(s, n)),
        1 => i().prop_map(Edit::RemoveStage),
        1 => (at(), text(), kind).prop_map(|(n, t, k)| Edit::AddLane(n, t, k)),
        1 => (i(), text()).prop_map(|(l, t)| Edit::RenameLane(l, t)),
        1 => (i(), at()).prop_map(|(l, n)| Edit::MoveLane(l, n)),
        1 => i().prop_map(Edit::RemoveLane),
        2 => (i(), i(), at(), score.clone()).prop_map(|(s, l, n, v)| Edit::AddPoint(s, l, n, v)),
        2 => (i(), score).prop_map(|(p, v)| Edit::SetScore(p, v)),
        1 => i().prop_map(Edit::RemovePoint),
        1 => text().prop_map(Edit::SetTitle),
        1 => text().prop_map(Edit::SetPersonaName),
    ]
}

/// The item `index` picks among `items`, if there are any.
fn pick<T: Clone>(items: &[T], index: Index) -> Option<T> {
    (!items.is_empty()).then(|| index.get(items).clone())
}

/// Applies an edit as the editor would; an edit the model refuses (or
/// with nothing to pick) changes nothing.
fn apply(map: &mut JourneyMap, edit: &Edit) {
    let cards: Vec<_> = map.cards().map(|c| c.id.clone()).collect();
    let pains: Vec<_> = map.pain_points().map(|c| c.id.clone()).collect();
    let stages: Vec<_> = map.stages.iter().map(|s| s.id.clone()).collect();
    let lanes_of = |wanted: fn(LaneKind) -> bool| -> Vec<_> {
        let lanes = map.lanes.iter().filter(|l| wanted(l.kind));
        lanes.map(|l| l.id.clone()).collect()
    };
    let (lanes, card_lanes) = (lanes_of(|_| true), lanes_of(LaneKind::holds_cards));
    let emotion = lanes_of(|k| k == LaneKind::Emotion);
    let opportunities: Vec<_> = (map.cards())
        .filter(|c| {
            map.lane(&c.lane)
                .is_some_and(|l| l.kind == LaneKind::Opportunities)
        })
        .map(|c| c.id.clone())
        .collect();
    let points: Vec<_> = (map.stages.iter())
        .flat_map(|s| s.points.iter().map(|p| p.id.clone()))
        .collect();
    // Refusals are part of the game: the map is then unchanged.
    let _ = match edit {
        Edit::SetCardText(c, t) => {
            pick(&cards, *c).map(|c| map.set_card_text(&c, t.as_str()).map(drop))
        }
        Edit::SetSeverity(c, s) => {
            pick(&pains, *c).map(|c| map.set_card_severity(&c, *s).map(drop))
        }
        Edit::SetNotes(c, t) => {
            pick(&cards, *c).map(|c| map.set_card_notes(&c, t.as_str()).map(drop))
        }
        Edit::AddCard(s, l, n, t) => pick(&stages, *s)
            .zip(pick(&card_lanes, *l))
            .map(|(s, l)| map.add_card(&s, &l, *n, t.as_str()).map(drop)),
        Edit::RemoveCard(c) => pick(&cards, *c).map(|c| map.remove_card(&c).map(drop)),
        Edit::MoveCard(c, s, l, n) => pick(&cards, *c)
            .zip(pick(&stages, *s).zip(pick(&card_lanes, *l)))
            .map(|(c, (s, l))| map.move_card(&c, &s, &l, *n)),
        Edit::Link(o, p) => pick(&opportunities, *o)
            .zip(pick(&pains, *p))
            .map(|(o, p)| map.link_opportunity(&o, &p).map(drop)),
        Edit::AddStage(n, t) => {
            map.add_stage(*n, t.as_str());
            None
        }
        Edit::RenameStage(s, t) => {
            pick(&stages, *s).map(|s| map.rename_stage(&s, t.as_str()).map(drop))
        }
        Edit::MoveStage(s, n) => pick(&stages, *s).map(|s| map.move_stage(&s, *n).map(drop)),
        Edit::RemoveStage(s) => pick(&stages, *s).map(|s| map.remove_stage(&s).map(drop)),
        Edit::AddLane(n, t, k) => {
            map.add_lane(*n, t.as_str(), *k);
            None
        }
        Edit::RenameLane(l, t) => {
            pick(&lanes, *l).map(|l| map.rename_lane(&l, t.as_str()).map(drop))
        }
        Edit::MoveLane(l, n) => pick(&lanes, *l).map(|l| map.move_lane(&l, *n).map(drop)),
        Edit::RemoveLane(l) => pick(&lanes, *l).map(|l| map.remove_lane(&l).map(drop)),
        Edit::AddPoint(s, l, n, v) => pick(&stages, *s)
            .zip(pick(&emotion, *l))
            .map(|(s, l)| map.add_point(&s, &l, *n, *v, "").map(drop)),
        Edit::SetScore(p, v) => pick(&points, *p).map(|p| map.set_point_score(&p, *v).map(drop)),
        Edit::RemovePoint(p) => pick(&points, *p).map(|p| map.remove_point(&p).map(drop)),
        Edit::SetTitle(t) => {
            map.title.clone_from(t);
            None
        }
        Edit::SetPersonaName(t) => {
            map.persona.name.clone_from(t);
            None
        }
    };
}

/// `base` edited by `edits`, with new ids ending in `tag`, so that two
/// sides never make up the same id.
fn edited(base: &JourneyMap, edits: &[Edit], tag: &str) -> JourneyMap {
    let mut map = base.clone();
    map.id_tag = IdTag::new(tag);
    for edit in edits {
        apply(&mut map, edit);
    }
    map.id_tag = IdTag::default();
    map
}

/// The maps the edits start from: an empty map and every bundled sample.
fn base_map() -> impl Strategy<Value = JourneyMap> {
    let mut maps = vec![JourneyMap::default()];
    maps.extend(
        samples::SAMPLES
            .iter()
            .map(|s| s.map().expect("every sample loads")),
    );
    prop::sample::select(maps)
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 0..12)
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    /// `merge(base, x, base) == x` and `merge(base, base, x) == x`, with
    /// nothing to report.
    #[test]
    fn a_side_that_changed_nothing_changes_nothing(base in base_map(), changes in edits()) {
        let changed = edited(&base, &changes, "-x");
        for merged in [merge(&base, &changed, &base), merge(&base, &base, &changed)] {
            prop_assert_eq!(&merged.map, &changed);
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            prop_assert!(merged.renamed.is_empty());
        }
    }

    /// Whichever side is ours, a merge has conflicts or not; without
    /// them it is the same map. Every merge is valid.
    #[test]
    fn merges_without_conflicts_do_not_depend_on_which_side_is_ours(
        base in base_map(),
        ours in edits(),
        theirs in edits(),
    ) {
        let (x, y) = (edited(&base, &ours, "-x"), edited(&base, &theirs, "-y"));
        let (one, other) = (merge(&base, &x, &y), merge(&base, &y, &x));
        prop_assert_eq!(validate(&one.map), Vec::new());
        prop_assert_eq!(validate(&other.map), Vec::new());
        prop_assert_eq!(one.conflicts.is_empty(), other.conflicts.is_empty());
        if one.conflicts.is_empty() {
            prop_assert_eq!(&one.map, &other.map);
        }
    }
}
