//! Both sides may make up the same id for different new items (both added
//! a `c12`): theirs' then gets a fresh id before the merge, so that both
//! are kept.

use std::borrow::Cow;
use std::collections::HashMap;

use super::super::{CardId, JourneyMap, LaneId, PointId, Stage, StageId};
use super::conflict::Renamed;
use super::fresh::FreshIds;

/// The four kinds of item, which share one namespace of ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Lane,
    Stage,
    Card,
    Point,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Lane => "lane",
            Self::Stage => "stage",
            Self::Card => "card",
            Self::Point => "point",
        }
    }

    /// The prefix [`JourneyMap::fresh_id`] gives this kind's ids.
    fn prefix(self) -> &'static str {
        match self {
            Self::Lane => "l",
            Self::Stage => "s",
            Self::Card => "c",
            Self::Point => "p",
        }
    }
}

/// Each id of the map with the kind of item it names.
fn kinds(map: &JourneyMap) -> HashMap<&str, Kind> {
    let mut kinds: HashMap<&str, Kind> = map
        .lanes
        .iter()
        .map(|l| (l.id.as_str(), Kind::Lane))
        .collect();
    for stage in &map.stages {
        kinds.insert(stage.id.as_str(), Kind::Stage);
        kinds.extend(stage.cards.iter().map(|c| (c.id.as_str(), Kind::Card)));
        kinds.extend(stage.points.iter().map(|p| (p.id.as_str(), Kind::Point)));
    }
    kinds
}

/// `theirs`, with every item it added whose id ours uses for another item
/// (or base for another kind of item) given a fresh id, and the lanes and
/// links that named it following it. An item both sides added the same
/// way, in the same stage, is one item and keeps its id.
pub(super) fn clashing_additions<'a>(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &'a JourneyMap,
    fresh: &mut FreshIds<'_>,
) -> (Cow<'a, JourneyMap>, Vec<Renamed>) {
    let base_kinds = kinds(base);
    let ours_kinds = kinds(ours);
    let mut clashing: Vec<(&str, Kind)> = kinds(theirs)
        .into_iter()
        .filter(|&(id, kind)| {
            base_kinds.get(id) != Some(&kind)
                && match ours_kinds.get(id) {
                    None => base_kinds.contains_key(id),
                    Some(&also) => also != kind || !added_alike(ours, theirs, id, kind),
                }
        })
        .collect();
    if clashing.is_empty() {
        return (Cow::Borrowed(theirs), Vec::new());
    }
    // In the order of the ids, not of a hash map: the same merge gives the
    // same ids every time.
    clashing.sort_by(|a, b| super::order::by_id(a.0, b.0));
    let renamed: Vec<Renamed> = clashing
        .into_iter()
        .map(|(id, kind)| Renamed {
            kind: kind.name(),
            from: id.to_owned(),
            to: fresh.id(kind.prefix()),
        })
        .collect();
    let mut theirs = theirs.clone();
    apply(&mut theirs, &renamed);
    (Cow::Owned(theirs), renamed)
}

/// Whether both sides added the item `id` of this kind the same way.
fn added_alike(ours: &JourneyMap, theirs: &JourneyMap, id: &str, kind: Kind) -> bool {
    let same_stage = |one: &Stage, other: &Stage| {
        (
            &one.name,
            &one.description,
            &one.colour,
            &one.owner,
            &one.metrics,
            &one.kpis,
        ) == (
            &other.name,
            &other.description,
            &other.colour,
            &other.owner,
            &other.metrics,
            &other.kpis,
        )
    };
    match kind {
        Kind::Lane => {
            let id = LaneId::new(id);
            ours.lane(&id).is_some_and(|o| theirs.lane(&id) == Some(o))
        }
        Kind::Stage => {
            let id = StageId::new(id);
            match (ours.stage(&id), theirs.stage(&id)) {
                (Some(o), Some(t)) => same_stage(o, t),
                _ => false,
            }
        }
        Kind::Card => {
            let id = CardId::new(id);
            match (ours.card(&id), theirs.card(&id)) {
                (Some((os, o)), Some((ts, t))) => os.id == ts.id && o == t,
                _ => false,
            }
        }
        Kind::Point => {
            let id = PointId::new(id);
            match (ours.point(&id), theirs.point(&id)) {
                (Some((os, o)), Some((ts, t))) => os.id == ts.id && o == t,
                _ => false,
            }
        }
    }
}

/// Gives the items of `map` their new ids, and the cards and points in a
/// renamed lane, and the links to a renamed card, the new ids too.
fn apply(map: &mut JourneyMap, renamed: &[Renamed]) {
    let of = |kind: &str| -> HashMap<&str, &str> {
        renamed
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect()
    };
    let (lanes, stages, cards, points) = (of("lane"), of("stage"), of("card"), of("point"));
    for lane in &mut map.lanes {
        if let Some(to) = lanes.get(lane.id.as_str()) {
            lane.id = LaneId::new(*to);
        }
    }
    for stage in &mut map.stages {
        if let Some(to) = stages.get(stage.id.as_str()) {
            stage.id = StageId::new(*to);
        }
        let needs_new_ids = |card: &super::super::Card| {
            cards.contains_key(card.id.as_str())
                || lanes.contains_key(card.lane.as_str())
                || [&card.answers, &card.leads_to]
                    .into_iter()
                    .flatten()
                    .any(|a| cards.contains_key(a.as_str()))
        };
        if stage.cards.iter().any(needs_new_ids) {
            for card in stage.cards.to_mut() {
                if let Some(to) = cards.get(card.id.as_str()) {
                    card.id = CardId::new(*to);
                }
                if let Some(to) = lanes.get(card.lane.as_str()) {
                    card.lane = LaneId::new(*to);
                }
                for link in [&mut card.answers, &mut card.leads_to] {
                    if let Some(to) = link.as_ref().and_then(|a| cards.get(a.as_str())) {
                        *link = Some(CardId::new(*to));
                    }
                }
            }
        }
        for point in &mut stage.points {
            if let Some(to) = points.get(point.id.as_str()) {
                point.id = PointId::new(*to);
            }
            if let Some(to) = lanes.get(point.lane.as_str()) {
                point.lane = LaneId::new(*to);
            }
        }
    }
}
