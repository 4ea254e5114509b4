//! Remote changes into the shown map, entry by entry.
//!
//! Reading the whole document takes half a second at 20,000 cards, far
//! over a frame. Remote changes usually touch a few cards, so the patches
//! automerge logs while applying them name the entries (cards, points, the
//! title…) that changed, and only those are read again and put in place in
//! the map the editor already shows. The result is exactly what reading the
//! whole document gives ([`super::read::map`], tested on random concurrent
//! edits); when lanes or stages come or go, or a lane changes kind, every
//! card's place may change, and the whole document is read instead.

use std::collections::{HashMap, HashSet};

use automerge::hydrate::{Map, Value};
use automerge::{Automerge, ObjId, ObjType, Patch, PatchAction, Prop, ROOT, ReadDoc};

use super::{layout, read};
use crate::model::{Card, CardId, JourneyMap, LaneKind, Stage, is_well_formed};

/// What remote changes touched since the map was last brought up to date.
#[derive(Debug, Default)]
pub struct Touched {
    /// Something outside the known layout: read the whole document.
    everything: bool,
    /// The title, scenario or persona.
    header: bool,
    /// Any lane or stage field, their order, or which exist.
    structure: bool,
    /// Ids of the cards touched (created, changed, moved or deleted).
    cards: HashSet<String>,
    /// Ids of the emotion points touched.
    points: HashSet<String>,
}

impl Touched {
    /// Notes the entries that `patches` (logged while applying remote
    /// changes) touched.
    pub fn note(&mut self, patches: &[Patch]) {
        for patch in patches {
            let (collection, entry) = match patch.path.as_slice() {
                [] => (key_of(&patch.action), None),
                [(_, first)] => (prop_key(first), key_of(&patch.action)),
                [(_, first), (_, second), ..] => (prop_key(first), prop_key(second)),
            };
            match (collection, entry) {
                (Some(layout::TITLE | layout::SCENARIO | layout::PERSONA), _) => {
                    self.header = true;
                }
                (Some(layout::LANES | layout::STAGES), _) => self.structure = true,
                (Some(layout::CARDS), Some(id)) => {
                    self.cards.insert(id.to_owned());
                }
                (Some(layout::POINTS), Some(id)) => {
                    self.points.insert(id.to_owned());
                }
                _ => self.everything = true,
            }
        }
    }

    /// Whether nothing was touched.
    pub fn is_empty(&self) -> bool {
        !self.everything
            && !self.header
            && !self.structure
            && self.cards.is_empty()
            && self.points.is_empty()
    }
}

/// The key a map patch puts, deletes or marks as conflicting.
fn key_of(action: &PatchAction) -> Option<&str> {
    match action {
        PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Some(key),
        PatchAction::Increment { prop, .. } | PatchAction::Conflict { prop } => prop_key(prop),
        _ => None,
    }
}

fn prop_key(prop: &Prop) -> Option<&str> {
    match prop {
        Prop::Map(key) => Some(key),
        Prop::Seq(_) => None,
    }
}

/// Brings `map`, the map last read from (or written to) `doc`, up to date
/// with what `touched` says changed, reading only those entries.
pub fn refresh(doc: &Automerge, touched: &Touched, map: &mut JourneyMap) {
    if touched.is_empty() {
        return;
    }
    if touched.everything || (touched.structure && !refresh_structure(doc, map)) {
        *map = read::map(doc);
        return;
    }
    if touched.header {
        refresh_header(doc, map);
    }
    let kinds: HashMap<String, LaneKind> = map
        .lanes
        .iter()
        .map(|lane| (lane.id.as_str().to_owned(), lane.kind))
        .collect();
    let mut points = touched.points.clone();
    if !touched.cards.is_empty() {
        refresh_cards(doc, &touched.cards, &kinds, map);
        // A card wins an id over a point: one that went may free a point.
        points.extend(touched.cards.iter().cloned());
    }
    if !points.is_empty() {
        refresh_points(doc, &points, &kinds, map);
    }
}

/// The entry `key` of the root map `collection`, as an object id.
fn entry(doc: &Automerge, collection: &str, key: &str) -> Option<ObjId> {
    let (_, parent) = doc.get(ROOT, collection).ok()??;
    match doc.get(&parent, key).ok()?? {
        (automerge::Value::Object(ObjType::Map), id) => Some(id),
        _ => None,
    }
}

/// The fields of a map object.
fn fields(doc: &Automerge, obj: &ObjId) -> Option<Map> {
    match ReadDoc::hydrate(doc, obj, None).ok()? {
        Value::Map(fields) => Some(fields),
        _ => None,
    }
}

/// A root object, hydrated.
fn root_value(doc: &Automerge, key: &str) -> Option<Value> {
    match doc.get(ROOT, key).ok()?? {
        (automerge::Value::Object(_), obj) => ReadDoc::hydrate(doc, &obj, None).ok(),
        (automerge::Value::Scalar(value), _) => Some(Value::Scalar(value.into_owned())),
    }
}

fn refresh_header(doc: &Automerge, map: &mut JourneyMap) {
    map.title = read::text(root_value(doc, layout::TITLE).as_ref());
    map.scenario = read::text(root_value(doc, layout::SCENARIO).as_ref());
    map.persona = read::persona(root_value(doc, layout::PERSONA).as_ref());
}

/// Reads the lanes and stages again. When the same lanes (with the same
/// kinds) and stages exist, only their fields and order changed: they are
/// updated in place, each stage keeping its cards. Otherwise returns false.
fn refresh_structure(doc: &Automerge, map: &mut JourneyMap) -> bool {
    let mut taken = HashSet::new();
    let lanes = read::lanes(root_value(doc, layout::LANES).as_ref(), &mut taken);
    let stages = read::stages(root_value(doc, layout::STAGES).as_ref(), &mut taken);
    let lane_kinds = |lanes: &[crate::model::Lane]| -> HashSet<(String, LaneKind)> {
        lanes
            .iter()
            .map(|lane| (lane.id.as_str().to_owned(), lane.kind))
            .collect()
    };
    let stage_ids = |stages: &[Stage]| -> HashSet<String> {
        stages
            .iter()
            .map(|stage| stage.id.as_str().to_owned())
            .collect()
    };
    if lanes.len() != map.lanes.len()
        || stages.len() != map.stages.len()
        || lane_kinds(&lanes) != lane_kinds(&map.lanes)
        || stage_ids(&stages) != stage_ids(&map.stages)
    {
        return false;
    }
    map.lanes = lanes;
    let mut old: HashMap<String, Stage> = std::mem::take(&mut map.stages)
        .into_iter()
        .map(|stage| (stage.id.as_str().to_owned(), stage))
        .collect();
    for mut stage in stages {
        if let Some(kept) = old.remove(stage.id.as_str()) {
            stage.cards = kept.cards;
            stage.points = kept.points;
        }
        map.stages.push(stage);
    }
    true
}

/// Whether `id` is taken by a lane or stage, which win it over cards and
/// points.
fn taken_by_structure(map: &JourneyMap, id: &str) -> bool {
    map.lanes.iter().any(|lane| lane.id.as_str() == id)
        || map.stages.iter().any(|stage| stage.id.as_str() == id)
}

fn is_pain_point(kinds: &HashMap<String, LaneKind>, lane: &str) -> bool {
    kinds.get(lane) == Some(&LaneKind::PainPoints)
}

/// Takes the touched cards out of the map and puts back, in order, those
/// the document still places in a stage, then mends the links to pain
/// points that came or went as the whole read would.
fn refresh_cards(
    doc: &Automerge,
    touched: &HashSet<String>,
    kinds: &HashMap<String, LaneKind>,
    map: &mut JourneyMap,
) {
    let mut pains_before: HashSet<String> = HashSet::new();
    let mut cards_before: HashSet<String> = HashSet::new();
    for stage in &mut map.stages {
        if !stage
            .cards
            .iter()
            .any(|card| touched.contains(card.id.as_str()))
        {
            continue;
        }
        stage.cards.to_mut().retain(|card| {
            let keep = !touched.contains(card.id.as_str());
            if !keep {
                cards_before.insert(card.id.as_str().to_owned());
                if is_pain_point(kinds, card.lane.as_str()) {
                    pains_before.insert(card.id.as_str().to_owned());
                }
            }
            keep
        });
    }
    let str_kinds: HashMap<&str, LaneKind> = kinds
        .iter()
        .map(|(id, &kind)| (id.as_str(), kind))
        .collect();
    let mut pains_after: HashSet<String> = HashSet::new();
    let mut placed: Vec<String> = Vec::new();
    for id in touched {
        if !is_well_formed(id) || taken_by_structure(map, id) {
            continue;
        }
        let Some(fields) = entry(doc, layout::CARDS, id).and_then(|obj| fields(doc, &obj)) else {
            continue;
        };
        let Some((stage_id, card)) = read::card(id, &fields, &str_kinds) else {
            continue;
        };
        let Some(stage) = map.stages.iter_mut().find(|s| s.id.as_str() == stage_id) else {
            continue;
        };
        if is_pain_point(kinds, card.lane.as_str()) {
            pains_after.insert(id.clone());
        }
        let pos = read::pos(&fields);
        insert_in_order(doc, layout::CARDS, stage.cards.to_mut(), card, &pos, |c| {
            c.id.as_str()
        });
        placed.push(id.clone());
    }
    let pains = (&pains_before, &pains_after);
    mend_links(doc, map, kinds, &placed, pains, &ANSWERS);
    let cards_after: HashSet<String> = placed.iter().cloned().collect();
    let cards = (&cards_before, &cards_after);
    mend_links(doc, map, kinds, &placed, cards, &LEADS_TO);
}

/// A link from one card to another that a read shows only while its
/// target is there: what an opportunity answers (a pain point) and the
/// card it leads to (any card).
struct Link {
    /// The card's register that stores it.
    key: &'static str,
    /// The link as the map holds it.
    get: fn(&Card) -> &Option<CardId>,
    /// Sets the link in the map.
    set: fn(&mut Card, Option<CardId>),
    /// Whether a card in a lane of this kind may be its target.
    target_kind: fn(LaneKind) -> bool,
}

const ANSWERS: Link = Link {
    key: layout::ANSWERS,
    get: |card| &card.answers,
    set: |card, link| card.answers = link,
    target_kind: |kind| kind == LaneKind::PainPoints,
};

const LEADS_TO: Link = Link {
    key: layout::LEADS_TO,
    get: |card| &card.leads_to,
    set: |card, link| card.leads_to = link,
    target_kind: LaneKind::holds_cards,
};

/// Makes every card's `link` what the whole read gives: a link is shown
/// only while its target is there (and of the kind it must be), so one
/// hidden while its target was away shows again once the target is back.
/// `before` and `after` are the touched cards that could be targets
/// before and after the refresh.
fn mend_links(
    doc: &Automerge,
    map: &mut JourneyMap,
    kinds: &HashMap<String, LaneKind>,
    placed: &[String],
    (before, after): (&HashSet<String>, &HashSet<String>),
    link: &Link,
) {
    let gone: HashSet<&String> = before.difference(after).collect();
    let came: HashSet<&String> = after.difference(before).collect();
    let links_placed = placed.iter().any(|id| {
        map.card(&CardId::new(id.as_str()))
            .is_some_and(|(_, card)| (link.get)(card).is_some())
    });
    if gone.is_empty() && came.is_empty() && !links_placed {
        return;
    }
    let is_target = |card: &Card| {
        kinds
            .get(card.lane.as_str())
            .is_some_and(|&k| (link.target_kind)(k))
    };
    let targets: HashSet<String> = map
        .cards()
        .filter(|card| is_target(card))
        .map(|card| card.id.as_str().to_owned())
        .collect();
    // The link a card should show, where it is not the one it shows.
    let mended = |card: &Card| -> Option<Option<CardId>> {
        if kinds.get(card.lane.as_str()) != Some(&LaneKind::Opportunities) {
            return None;
        }
        match (link.get)(card) {
            Some(target) if !targets.contains(target.as_str()) => Some(None),
            None if !came.is_empty() => {
                let stored = entry(doc, layout::CARDS, card.id.as_str())
                    .and_then(|obj| string_field(doc, &obj, link.key));
                stored
                    .filter(|target| came.contains(target))
                    .map(|target| Some(CardId::new(target)))
            }
            _ => None,
        }
    };
    for stage in &mut map.stages {
        // Only stages whose links change get their own copy of their cards.
        let changes: Vec<(usize, Option<CardId>)> = stage
            .cards
            .iter()
            .enumerate()
            .filter_map(|(at, card)| mended(card).map(|link| (at, link)))
            .collect();
        if changes.is_empty() {
            continue;
        }
        let cards = stage.cards.to_mut();
        for (at, to) in changes {
            (link.set)(&mut cards[at], to);
        }
    }
}

/// Takes the touched points out of the map and puts back, in order, those
/// the document still places in an emotion lane.
fn refresh_points(
    doc: &Automerge,
    touched: &HashSet<String>,
    kinds: &HashMap<String, LaneKind>,
    map: &mut JourneyMap,
) {
    for stage in &mut map.stages {
        stage
            .points
            .retain(|point| !touched.contains(point.id.as_str()));
    }
    let str_kinds: HashMap<&str, LaneKind> = kinds
        .iter()
        .map(|(id, &kind)| (id.as_str(), kind))
        .collect();
    for id in touched {
        if !is_well_formed(id)
            || taken_by_structure(map, id)
            || map.card(&CardId::new(id.as_str())).is_some()
        {
            continue;
        }
        let Some(fields) = entry(doc, layout::POINTS, id).and_then(|obj| fields(doc, &obj)) else {
            continue;
        };
        let Some((stage_id, point)) = read::point(id, &fields, &str_kinds) else {
            continue;
        };
        let Some(stage) = map.stages.iter_mut().find(|s| s.id.as_str() == stage_id) else {
            continue;
        };
        let pos = read::pos(&fields);
        insert_in_order(doc, layout::POINTS, &mut stage.points, point, &pos, |p| {
            p.id.as_str()
        });
    }
}

/// Puts `item`, whose order key is `pos`, among `items` (a stage's cards
/// or points, already in the whole read's order: by order key, then id),
/// where the whole read would: the keys of the others are looked up in
/// the document's `collection`.
fn insert_in_order<T>(
    doc: &Automerge,
    collection: &str,
    items: &mut Vec<T>,
    item: T,
    pos: &str,
    id: impl Fn(&T) -> &str,
) {
    let key = (pos, id(&item));
    let at = items.partition_point(|other| {
        let other_pos = pos_of(doc, collection, id(other));
        (other_pos.as_str(), id(other)) < key
    });
    items.insert(at, item);
}

/// A plain string field of an object.
fn string_field(doc: &Automerge, obj: &ObjId, key: &str) -> Option<String> {
    match doc.get(obj, key).ok()?? {
        (automerge::Value::Scalar(value), _) => value.as_str().map(str::to_owned),
        _ => None,
    }
}

/// The order key of an entry of `collection`; empty (first) if it has none,
/// as the whole read takes it.
fn pos_of(doc: &Automerge, collection: &str, id: &str) -> String {
    entry(doc, collection, id)
        .and_then(|obj| string_field(doc, &obj, layout::POS))
        .unwrap_or_default()
}
