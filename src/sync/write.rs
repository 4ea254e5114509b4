//! Local edits into the document: the map before and after, diffed by id,
//! written as the fewest changes that make the document say `after`.

use std::collections::{HashMap, HashSet};

use automerge::transaction::Transactable;
use automerge::{AutomergeError, ObjId, ObjType, ROOT, ReadDoc, TextEncoding, Value};

use super::layout::{self, Builder};
use super::order;
use crate::model::{
    BlueprintLine, Card, CardId, Colour, EmotionPoint, JourneyMap, Lane, LaneId, Persona, Stage,
    StageId, Votes,
};

type Result<T = ()> = std::result::Result<T, AutomergeError>;

/// Creates the root objects of a new document, so that every peer that
/// starts from it edits the same objects.
pub fn init<T: Transactable>(tx: &mut T) -> Result {
    tx.put(ROOT, layout::FORMAT_KEY, layout::FORMAT)?;
    for key in [layout::TITLE, layout::SCENARIO] {
        tx.put_object(ROOT, key, ObjType::Text)?;
    }
    for key in [
        layout::PERSONA,
        layout::LANES,
        layout::STAGES,
        layout::CARDS,
        layout::POINTS,
    ] {
        tx.put_object(ROOT, key, ObjType::Map)?;
    }
    Ok(())
}

/// Writes what differs between `before` and `after` (by id) into the
/// document, which is taken to say `before`.
pub fn changes<T: Transactable>(tx: &mut T, before: &JourneyMap, after: &JourneyMap) -> Result {
    let build = Builder::new(tx.text_encoding());
    if before.title != after.title {
        set_text(tx, &ROOT, layout::TITLE, &after.title)?;
    }
    if before.scenario != after.scenario {
        set_text(tx, &ROOT, layout::SCENARIO, &after.scenario)?;
    }
    persona(tx, &before.persona, &after.persona)?;
    ordered(tx, &build, &before.lanes, &after.lanes)?;
    ordered(tx, &build, &before.stages, &after.stages)?;
    placed::<T, Card>(tx, &build, before, after)?;
    placed::<T, EmotionPoint>(tx, &build, before, after)
}

fn persona<T: Transactable>(tx: &mut T, before: &Persona, after: &Persona) -> Result {
    if before == after {
        return Ok(());
    }
    let obj = map_obj(tx, &ROOT, layout::PERSONA)?;
    for (key, old, new) in [
        (layout::NAME, &before.name, &after.name),
        (layout::ROLE, &before.role, &after.role),
        (layout::QUOTE, &before.quote, &after.quote),
    ] {
        if old != new {
            set_text(tx, &obj, key, new)?;
        }
    }
    if before.goals != after.goals {
        set_texts(tx, &obj, layout::GOALS, &after.goals)?;
    }
    if before.expectations != after.expectations {
        set_texts(tx, &obj, layout::EXPECTATIONS, &after.expectations)?;
    }
    Ok(())
}

/// What lanes and stages have in common: they are ordered by a `pos` key
/// and stored under their own root key, by id.
trait Ordered: Sized {
    /// The root key of their map.
    const ROOT_KEY: &'static str;
    fn id(&self) -> &str;
    fn build(&self, build: &Builder, pos: &str) -> automerge::hydrate::Value;
    /// Whether the item's own fields differ from `old` (for a stage, not
    /// its cards or points, which are written on their own).
    fn fields_differ(&self, old: &Self) -> bool;
    /// Writes the fields that differ from `old`.
    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result;
}

impl Ordered for Lane {
    const ROOT_KEY: &'static str = layout::LANES;

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn build(&self, build: &Builder, pos: &str) -> automerge::hydrate::Value {
        build.lane(self, pos)
    }

    fn fields_differ(&self, old: &Self) -> bool {
        self != old
    }

    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result {
        if old.name != self.name {
            set_text(tx, obj, layout::NAME, &self.name)?;
        }
        if old.kind != self.kind {
            tx.put(obj, layout::KIND, layout::kind_name(self.kind))?;
        }
        if old.colour != self.colour {
            set_str(
                tx,
                obj,
                layout::COLOUR,
                self.colour.map(Colour::to_hex).as_deref(),
            )?;
        }
        if old.line_below != self.line_below {
            let line = self.line_below.map(BlueprintLine::name);
            set_str(tx, obj, layout::LINE_BELOW, line)?;
        }
        Ok(())
    }
}

impl Ordered for Stage {
    const ROOT_KEY: &'static str = layout::STAGES;

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn build(&self, build: &Builder, pos: &str) -> automerge::hydrate::Value {
        build.stage(self, pos)
    }

    fn fields_differ(&self, old: &Self) -> bool {
        self.name != old.name
            || self.description != old.description
            || self.colour != old.colour
            || self.owner != old.owner
            || self.metrics != old.metrics
            || self.kpis != old.kpis
    }

    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result {
        for (key, old, new) in [
            (layout::NAME, &old.name, &self.name),
            (layout::DESCRIPTION, &old.description, &self.description),
            (layout::OWNER, &old.owner, &self.owner),
            (layout::METRICS, &old.metrics, &self.metrics),
        ] {
            if old != new {
                set_text(tx, obj, key, new)?;
            }
        }
        if old.colour != self.colour {
            set_str(
                tx,
                obj,
                layout::COLOUR,
                self.colour.map(Colour::to_hex).as_deref(),
            )?;
        }
        if old.kpis != self.kpis {
            if self.kpis.is_empty() {
                remove(tx, obj, layout::KPIS)?;
            } else {
                tx.batch_create_object(obj, layout::KPIS, &layout::kpis(&self.kpis), false)?;
            }
        }
        Ok(())
    }
}

/// Writes the lanes (or stages): deletes those gone, creates the new ones,
/// gives new order keys only to those that moved, and writes the fields
/// that changed.
fn ordered<T: Transactable, O: Ordered>(
    tx: &mut T,
    build: &Builder,
    before: &[O],
    after: &[O],
) -> Result {
    let same_order =
        before.len() == after.len() && before.iter().zip(after).all(|(a, b)| a.id() == b.id());
    if same_order && !before.iter().zip(after).any(|(a, b)| b.fields_differ(a)) {
        return Ok(());
    }
    let obj = map_obj(tx, &ROOT, O::ROOT_KEY)?;
    let old: HashMap<&str, (usize, &O)> = before
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id(), (i, item)))
        .collect();
    let kept: HashSet<&str> = after.iter().map(O::id).collect();
    for item in before.iter().filter(|item| !kept.contains(item.id())) {
        tx.delete(&obj, item.id())?;
    }
    let order: Vec<Option<usize>> = after
        .iter()
        .map(|item| old.get(item.id()).map(|&(i, _)| i))
        .collect();
    let keys = order::reposition(&order, |i| pos_of(tx, &obj, after[i].id()));
    for (item, key) in after.iter().zip(keys) {
        let existing = match old.get(item.id()) {
            Some(&(_, old_item)) => object(tx, &obj, item.id())?.map(|id| (id, old_item)),
            None => None,
        };
        let Some((id, old_item)) = existing else {
            let pos = key.unwrap_or_else(fallback_key);
            tx.batch_create_object(&obj, item.id(), &item.build(build, &pos), false)?;
            continue;
        };
        if let Some(pos) = key {
            tx.put(&id, layout::POS, pos)?;
        }
        item.write_fields(tx, &id, old_item)?;
    }
    Ok(())
}

/// What cards and emotion points have in common: they sit in a stage and a
/// lane, in order, and are stored flat under their own root key.
trait Placed: PartialEq + Sized {
    /// The root key of their map.
    const ROOT_KEY: &'static str;
    /// The stage's items of this kind.
    fn of(stage: &Stage) -> &[Self];
    /// Whether two stages hold the same items of this kind.
    fn same_in(one: &Stage, other: &Stage) -> bool {
        Self::of(one) == Self::of(other)
    }
    fn id(&self) -> &str;
    fn lane(&self) -> &LaneId;
    fn build(&self, build: &Builder, stage: &StageId, pos: &str) -> automerge::hydrate::Value;
    /// Writes the fields (other than the placement) that differ from `old`.
    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result;
}

impl Placed for Card {
    const ROOT_KEY: &'static str = layout::CARDS;

    fn of(stage: &Stage) -> &[Self] {
        &stage.cards
    }

    /// At a glance where copies of a map still share a stage's cards.
    fn same_in(one: &Stage, other: &Stage) -> bool {
        one.cards == other.cards
    }

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn lane(&self) -> &LaneId {
        &self.lane
    }

    fn build(&self, build: &Builder, stage: &StageId, pos: &str) -> automerge::hydrate::Value {
        build.card(self, stage, pos)
    }

    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result {
        if old.text != self.text {
            set_text(tx, obj, layout::TEXT, &self.text)?;
        }
        if old.notes != self.notes {
            set_text(tx, obj, layout::NOTES, &self.notes)?;
        }
        if old.channel != self.channel {
            set_str(
                tx,
                obj,
                layout::CHANNEL,
                self.channel.map(layout::channel_name),
            )?;
        }
        if old.severity != self.severity {
            set_str(
                tx,
                obj,
                layout::SEVERITY,
                self.severity.map(layout::severity_name),
            )?;
        }
        if old.answers != self.answers {
            set_str(
                tx,
                obj,
                layout::ANSWERS,
                self.answers.as_ref().map(CardId::as_str),
            )?;
        }
        if old.leads_to != self.leads_to {
            set_str(
                tx,
                obj,
                layout::LEADS_TO,
                self.leads_to.as_ref().map(CardId::as_str),
            )?;
        }
        if old.state != self.state {
            set_str(tx, obj, layout::STATE, self.state.map(layout::state_name))?;
        }
        if old.moment_of_truth != self.moment_of_truth {
            tx.put(obj, layout::MOMENT_OF_TRUTH, self.moment_of_truth)?;
        }
        if old.impact != self.impact {
            set_int(tx, obj, layout::IMPACT, self.impact.map(i64::from))?;
        }
        if old.effort != self.effort {
            set_int(tx, obj, layout::EFFORT, self.effort.map(i64::from))?;
        }
        if old.votes != self.votes {
            write_votes(tx, obj, &old.votes, &self.votes)?;
        }
        Ok(())
    }
}

impl Placed for EmotionPoint {
    const ROOT_KEY: &'static str = layout::POINTS;

    fn of(stage: &Stage) -> &[Self] {
        &stage.points
    }

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn lane(&self) -> &LaneId {
        &self.lane
    }

    fn build(&self, build: &Builder, stage: &StageId, pos: &str) -> automerge::hydrate::Value {
        build.point(self, stage, pos)
    }

    fn write_fields<T: Transactable>(&self, tx: &mut T, obj: &ObjId, old: &Self) -> Result {
        if old.score != self.score {
            tx.put(obj, layout::SCORE, i64::from(self.score))?;
        }
        if old.label != self.label {
            set_text(tx, obj, layout::LABEL, &self.label)?;
        }
        if old.company != self.company {
            set_int(tx, obj, layout::COMPANY, self.company.map(i64::from))?;
        }
        if old.future != self.future {
            set_int(tx, obj, layout::FUTURE, self.future.map(i64::from))?;
        }
        Ok(())
    }
}

/// Writes the cards (or points) of the stages whose cards differ: only
/// those stages are looked at, so a one-card edit in a big map is cheap.
fn placed<T: Transactable, P: Placed>(
    tx: &mut T,
    build: &Builder,
    before: &JourneyMap,
    after: &JourneyMap,
) -> Result {
    let old_stages: HashMap<&StageId, &Stage> = before.stages.iter().map(|s| (&s.id, s)).collect();
    let new_stages: HashMap<&StageId, &Stage> = after.stages.iter().map(|s| (&s.id, s)).collect();
    let differs =
        |stage: &Stage, other: Option<&&Stage>| other.is_none_or(|o| !P::same_in(o, stage));
    let dirty_after: Vec<&Stage> = after
        .stages
        .iter()
        .filter(|s| differs(s, old_stages.get(&s.id)))
        .collect();
    let dirty_before: Vec<&Stage> = before
        .stages
        .iter()
        .filter(|s| differs(s, new_stages.get(&s.id)))
        .collect();
    if dirty_after.is_empty() && dirty_before.is_empty() {
        return Ok(());
    }
    let obj = map_obj(tx, &ROOT, P::ROOT_KEY)?;
    // Where each item of a changed stage was: stage, index, the item.
    let old: HashMap<&str, (&StageId, usize, &P)> = dirty_before
        .iter()
        .flat_map(|stage| {
            P::of(stage)
                .iter()
                .enumerate()
                .map(|(i, item)| (item.id(), (&stage.id, i, item)))
        })
        .collect();
    let kept: HashSet<&str> = dirty_after
        .iter()
        .flat_map(|stage| P::of(stage).iter().map(P::id))
        .collect();
    for id in old.keys().filter(|id| !kept.contains(*id)) {
        tx.delete(&obj, *id)?;
    }
    for stage in dirty_after {
        let items = P::of(stage);
        // An item keeps its key only if it stays in the same cell.
        let order: Vec<Option<usize>> = items
            .iter()
            .map(|item| {
                old.get(item.id())
                    .filter(|(s, _, o)| *s == &stage.id && o.lane() == item.lane())
                    .map(|&(_, i, _)| i)
            })
            .collect();
        let keys = order::reposition(&order, |i| pos_of(tx, &obj, items[i].id()));
        for (item, key) in items.iter().zip(keys) {
            let existing = match old.get(item.id()) {
                Some(&(_, _, old_item)) if key.is_some() || old_item != item => {
                    object(tx, &obj, item.id())?.map(|id| Some((id, old_item)))
                }
                Some(_) => Some(None), // unchanged, in place
                None => None,
            };
            match existing {
                Some(None) => {}
                Some(Some((id, old_item))) => {
                    if let Some(pos) = key {
                        // The whole placement at once, so that concurrent
                        // moves resolve to one peer's cell, not a mix.
                        tx.put(&id, layout::STAGE, stage.id.as_str())?;
                        tx.put(&id, layout::LANE, item.lane().as_str())?;
                        tx.put(&id, layout::POS, pos)?;
                    }
                    item.write_fields(tx, &id, old_item)?;
                }
                None => {
                    let pos = key.unwrap_or_else(fallback_key);
                    tx.batch_create_object(
                        &obj,
                        item.id(),
                        &item.build(build, &stage.id, &pos),
                        false,
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The key of an item the document should have had but did not: the map
/// passed as `before` was not the one read from it. The item is written
/// rather than lost, in the middle of its sequence.
fn fallback_key() -> String {
    order::between(None, None).unwrap_or_default()
}

/// The map object at `key` of `parent`, if there is one.
fn object<T: ReadDoc>(tx: &T, parent: &ObjId, key: &str) -> Result<Option<ObjId>> {
    Ok(match tx.get(parent, key)? {
        Some((Value::Object(ObjType::Map), id)) => Some(id),
        _ => None,
    })
}

/// The order key of the item at `key` of `parent`.
fn pos_of<T: ReadDoc>(tx: &T, parent: &ObjId, key: &str) -> Option<String> {
    let id = object(tx, parent, key).ok()??;
    match tx.get(&id, layout::POS).ok()?? {
        (Value::Scalar(value), _) => value.as_str().map(str::to_owned),
        (Value::Object(_), _) => None,
    }
}

/// The map object at `key` of `parent`, made if missing or of another type.
fn map_obj<T: Transactable>(tx: &mut T, parent: &ObjId, key: &str) -> Result<ObjId> {
    match object(tx, parent, key)? {
        Some(id) => Ok(id),
        None => tx.put_object(parent, key, ObjType::Map),
    }
}

/// Sets a string register, or removes it for `None`.
fn set_str<T: Transactable>(tx: &mut T, obj: &ObjId, key: &str, value: Option<&str>) -> Result {
    match value {
        Some(value) => tx.put(obj, key, value),
        None if tx.get(obj, key)?.is_some() => tx.delete(obj, key),
        None => Ok(()),
    }
}

/// Sets an integer register, or removes it for `None`.
fn set_int<T: Transactable>(tx: &mut T, obj: &ObjId, key: &str, value: Option<i64>) -> Result {
    match value {
        Some(value) => tx.put(obj, key, value),
        None => remove(tx, obj, key),
    }
}

/// Removes the value at `key` of `obj`, if there is one.
fn remove<T: Transactable>(tx: &mut T, obj: &ObjId, key: &str) -> Result {
    if tx.get(obj, key)?.is_some() {
        tx.delete(obj, key)
    } else {
        Ok(())
    }
}

/// Writes only the voters whose dots changed, each in their own register
/// of the card ([`layout::vote_key`]), so that two peers voting at once both count.
fn write_votes<T: Transactable>(tx: &mut T, card: &ObjId, old: &Votes, new: &Votes) -> Result {
    for (voter, _) in old.iter().filter(|(voter, _)| new.of(voter) == 0) {
        remove(tx, card, &layout::vote_key(voter))?;
    }
    for (voter, dots) in new.iter().filter(|&(voter, dots)| old.of(voter) != dots) {
        tx.put(card, layout::vote_key(voter), i64::from(dots))?;
    }
    Ok(())
}

/// Makes the text at `key` of `obj` say `new`, splicing only what changed.
fn set_text<T: Transactable>(tx: &mut T, obj: &ObjId, key: &str, new: &str) -> Result {
    if let Some((Value::Object(ObjType::Text), id)) = tx.get(obj, key)? {
        let old = tx.text(&id)?;
        return splice(tx, &id, &old, new);
    }
    let id = tx.put_object(obj, key, ObjType::Text)?;
    tx.splice_text(&id, 0, 0, new)
}

/// Makes the list of texts at `key` of `obj` say `new`: the texts that
/// differ are spliced in place, the extra ones removed or inserted.
fn set_texts<T: Transactable>(tx: &mut T, obj: &ObjId, key: &str, new: &[String]) -> Result {
    let list = match tx.get(obj, key)? {
        Some((Value::Object(ObjType::List), id)) => id,
        _ => tx.put_object(obj, key, ObjType::List)?,
    };
    let old: Vec<String> = (0..tx.length(&list))
        .map(|i| match tx.get(&list, i) {
            Ok(Some((Value::Object(ObjType::Text), id))) => tx.text(&id).unwrap_or_default(),
            Ok(Some((Value::Scalar(value), _))) => value.as_str().unwrap_or_default().to_owned(),
            _ => String::new(),
        })
        .collect();
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (old.len() - prefix - suffix, new.len() - prefix - suffix);
    for k in 0..old_mid.min(new_mid) {
        let at = prefix + k;
        if let Some((Value::Object(ObjType::Text), id)) = tx.get(&list, at)? {
            splice(tx, &id, &old[at], &new[at])?;
        } else {
            let id = tx.put_object(&list, at, ObjType::Text)?;
            tx.splice_text(&id, 0, 0, &new[at])?;
        }
    }
    for _ in new_mid..old_mid {
        tx.delete(&list, prefix + new_mid)?;
    }
    let inserted = &new[prefix + old_mid..prefix + new_mid];
    for (at, text) in (prefix + old_mid..).zip(inserted) {
        let id = tx.insert_object(&list, at, ObjType::Text)?;
        tx.splice_text(&id, 0, 0, text)?;
    }
    Ok(())
}

/// One splice from `old` to `new`: their common prefix and suffix stay, so
/// that concurrent edits of other parts of the text merge.
fn splice<T: Transactable>(tx: &mut T, id: &ObjId, old: &str, new: &str) -> Result {
    if old == new {
        return Ok(());
    }
    let encoding = tx.text_encoding();
    if !matches!(
        encoding,
        TextEncoding::UnicodeCodePoint | TextEncoding::Utf8CodeUnit | TextEncoding::Utf16CodeUnit
    ) {
        // Grapheme indexing: let automerge diff it, in its own units.
        return tx.update_text(id, new);
    }
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let removed = &old[prefix..old.len() - suffix];
    let inserted = &new[prefix..new.len() - suffix];
    let width = |text: &str| match encoding {
        TextEncoding::Utf8CodeUnit => text.len(),
        TextEncoding::Utf16CodeUnit => text.encode_utf16().count(),
        _ => text.chars().count(),
    };
    let delete = isize::try_from(width(removed)).unwrap_or(isize::MAX);
    tx.splice_text(id, width(&old[..prefix]), delete, inserted)
}
