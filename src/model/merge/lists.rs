//! Lanes and stages: which are in the merged map, their fields, and their
//! order. A stage's cards and points are merged in [`super::cells`].

use std::collections::HashMap;

use super::super::diff::{lane_item, quote, stage_item};
use super::super::{
    BlueprintLine, Card, CardId, Colour, JourneyMap, Kpi, Lane, LaneId, LaneKind, Stage,
};
use super::cells::reordered;
use super::conflict::{Place, Report};
use super::order::merge_order;
use super::pick::{Fields, Presence, presence};
use super::{Side, Three, Touched, Version};

/// How one kind of listed item is merged.
struct Kind<'a, T> {
    /// The list in a map.
    list: fn(&'a JourneyMap) -> &'a [T],
    /// The item with this id in a version.
    find: fn(&Version<'a>, &str) -> Option<&'a T>,
    /// Its id.
    id: fn(&T) -> &str,
    /// Whether a side changed what is in the item (`id`).
    touched: fn(&Touched<'_>, &str) -> bool,
    /// Whether its own fields differ.
    differs: fn(&T, &T) -> bool,
    /// Merges its fields (base, ours, theirs).
    merge: fn(&T, &T, &T, &mut Fields) -> T,
    /// How a line names it.
    name: fn(&T) -> String,
    /// Its name, as a list of theirs' order shows it.
    label: fn(&T) -> &str,
    /// Where the card that shows a conflict about it goes.
    place: fn(&T) -> Place,
    /// How a line names the list: `lanes`, `stages`.
    list_name: &'static str,
}

/// The merged lanes, top to bottom.
pub(super) fn lanes(three: &Three<'_>, report: &mut Report) -> Vec<Lane> {
    let kind = Kind {
        list: |map| &map.lanes,
        find: |version, id| version.lanes.get(id).copied(),
        id: |lane| lane.id.as_str(),
        touched: |touched, id| touched.lanes.contains(id),
        differs: |one, other| one != other,
        merge: |base, ours, theirs, fields| Lane {
            id: ours.id.clone(),
            name: fields.take("name", &base.name, &ours.name, &theirs.name, String::clone),
            kind: fields.take_plain("kind", &base.kind, &ours.kind, &theirs.kind, |k| {
                LaneKind::label(*k).to_owned()
            }),
            colour: fields.take_plain("colour", &base.colour, &ours.colour, &theirs.colour, hex),
            line_below: fields.take_plain(
                "line_below",
                &base.line_below,
                &ours.line_below,
                &theirs.line_below,
                |line| line.map_or("no line", BlueprintLine::label).to_owned(),
            ),
        },
        name: lane_item,
        label: |lane| &lane.name,
        place: |lane| Place {
            lane: Some(lane.id.clone()),
            ..Place::default()
        },
        list_name: "lanes",
    };
    merge_list(three, &kind, report)
}

/// The merged stages, left to right, still without cards and points.
pub(super) fn stages(three: &Three<'_>, report: &mut Report) -> Vec<Stage> {
    let kind = Kind {
        list: |map| &map.stages,
        find: |version, id| version.stages.get(id).copied(),
        id: |stage| stage.id.as_str(),
        touched: |touched, id| touched.stages.contains(id),
        differs: |one, other| !same_fields(one, other),
        merge: merge_stage,
        name: stage_item,
        label: |stage| &stage.name,
        place: |stage| Place {
            stage: Some(stage.id.clone()),
            ..Place::default()
        },
        list_name: "stages",
    };
    merge_list(three, &kind, report)
}

/// Whether two stages' own fields (not their cards and points) are the same.
pub(super) fn same_fields(one: &Stage, other: &Stage) -> bool {
    one.name == other.name
        && one.description == other.description
        && one.colour == other.colour
        && one.owner == other.owner
        && one.metrics == other.metrics
        && one.kpis == other.kpis
}

fn merge_stage(base: &Stage, ours: &Stage, theirs: &Stage, fields: &mut Fields) -> Stage {
    let mut text = |name, pick: fn(&Stage) -> &String| {
        fields.take(name, pick(base), pick(ours), pick(theirs), String::clone)
    };
    let mut stage = Stage::new(ours.id.clone(), text("name", |s| &s.name));
    stage.description = text("description", |s| &s.description);
    stage.owner = text("owner", |s| &s.owner);
    stage.metrics = text("metrics", |s| &s.metrics);
    stage.colour = fields.take_plain("colour", &base.colour, &ours.colour, &theirs.colour, hex);
    stage.kpis = fields.take_plain("kpis", &base.kpis, &ours.kpis, &theirs.kpis, |kpis| {
        let each: Vec<String> = kpis.iter().map(Kpi::summary).collect();
        if each.is_empty() {
            "none".to_owned()
        } else {
            each.join("; ")
        }
    });
    stage
}

#[expect(
    clippy::ref_option,
    clippy::trivially_copy_pass_by_ref,
    reason = "a field's value is shown through a reference"
)]
fn hex(colour: &Option<Colour>) -> String {
    colour.map_or_else(|| "none".to_owned(), Colour::to_hex)
}

/// Merges one list: which items are in it, their fields, their order.
fn merge_list<'a, T: Clone>(three: &Three<'a>, kind: &Kind<'a, T>, report: &mut Report) -> Vec<T> {
    let [base, ours, theirs] = three.maps().map(kind.list);
    let ids = ours.iter().map(kind.id).chain(
        theirs
            .iter()
            .map(kind.id)
            .filter(|id| (kind.find)(&three.ours, id).is_none()),
    );
    let mut kept: HashMap<&str, T> = HashMap::new();
    for id in ids {
        let [b, o, t] = [&three.base, &three.ours, &three.theirs].map(|v| (kind.find)(v, id));
        let changed = |item: &T, side: Side| {
            b.is_some_and(|b| (kind.differs)(item, b)) || (kind.touched)(three.touched(side), id)
        };
        let item = match presence(b, o, t, changed) {
            Presence::Gone => continue,
            Presence::Added(item) => item.clone(),
            Presence::Both { base, ours, theirs } => {
                let mut fields = Fields::default();
                let merged = (kind.merge)(base.unwrap_or(ours), ours, theirs, &mut fields);
                if !fields.all_agree() {
                    let Place { stage, lane, .. } = (kind.place)(ours);
                    report.field_clash((kind.name)(ours), &fields.into_clashes(), stage, lane);
                }
                merged
            }
            Presence::Kept { item, changed_by } => {
                report.changed_and_removed((kind.name)(item), changed_by, (kind.place)(item));
                item.clone()
            }
        };
        kept.insert(id, item);
    }
    let in_result = |list: &'a [T]| -> Vec<&'a str> {
        list.iter()
            .map(kind.id)
            .filter(|id| kept.contains_key(id))
            .collect()
    };
    let ordered = merge_order(&in_result(base), &in_result(ours), &in_result(theirs));
    if ordered.clash {
        let theirs_order: Vec<String> = theirs
            .iter()
            .filter(|item| kept.contains_key((kind.id)(item)))
            .map(|item| quote((kind.label)(item)))
            .collect();
        let text = format!(
            "theirs' order of {}: {}",
            kind.list_name,
            theirs_order.join(", ")
        );
        let card = Card::new(CardId::default(), LaneId::default(), text);
        report.conflict(reordered(kind.list_name.to_owned()), card, Place::default());
    }
    ordered
        .ids
        .iter()
        .filter_map(|id| kept.remove(id))
        .collect()
}
