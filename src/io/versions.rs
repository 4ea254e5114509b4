//! Which format version a map needs: the lowest that can hold it.
//!
//! Version 2 added fields (a company score on emotion points, stage KPIs,
//! opportunities' impact and effort, dot votes; the future state: a card's
//! `state`, a point's `future` score and an opportunity's `leads_to`; a
//! service blueprint's `line_below` a lane) and the `InPerson` channel. A
//! map that uses none of them is written as version 1, so files
//! and samples that do not use them stay byte for byte what they were, and
//! journeymaps that read only version 1 still open them.

use crate::model::{Card, Channel, EmotionPoint, JourneyMap, Problem};

/// The first version, which every journeymap reads.
pub const FIRST_VERSION: u32 = 1;

/// The version that added the fields listed in the module documentation.
pub const INSIGHTS_VERSION: u32 = 2;

/// The lowest format version that can represent `map`.
pub fn needed(map: &JourneyMap) -> u32 {
    if first_newer_field(map).is_some() {
        INSIGHTS_VERSION
    } else {
        FIRST_VERSION
    }
}

/// The first item (in file order) that uses a version 2 field, as the item's
/// id and the field's name.
fn first_newer_field(map: &JourneyMap) -> Option<(&str, &'static str)> {
    let lane = (map.lanes.iter())
        .find(|lane| lane.line_below.is_some())
        .map(|lane| (lane.id.as_str(), "line_below"));
    lane.or_else(|| first_newer_stage_field(map))
}

/// The first item of the stages (in file order) that uses a version 2
/// field, as in [`first_newer_field`].
fn first_newer_stage_field(map: &JourneyMap) -> Option<(&str, &'static str)> {
    map.stages.iter().find_map(|stage| {
        if !stage.kpis.is_empty() {
            return Some((stage.id.as_str(), "kpis"));
        }
        let card = (stage.cards.iter())
            .find_map(|card| card_field(card).map(|field| (card.id.as_str(), field)));
        let point = || {
            (stage.points.iter())
                .find_map(|point| point_field(point).map(|field| (point.id.as_str(), field)))
        };
        card.or_else(point)
    })
}

/// The first field of `card` that needs version 2, if any.
pub fn card_field(card: &Card) -> Option<&'static str> {
    if card.channel == Some(Channel::InPerson) {
        Some("channel")
    } else if card.impact.is_some() {
        Some("impact")
    } else if card.effort.is_some() {
        Some("effort")
    } else if !card.votes.is_empty() {
        Some("votes")
    } else if card.state.is_some() {
        Some("state")
    } else if card.leads_to.is_some() {
        Some("leads_to")
    } else {
        None
    }
}

/// The first field of `point` that needs version 2, if any.
fn point_field(point: &EmotionPoint) -> Option<&'static str> {
    if point.company.is_some() {
        Some("company")
    } else if point.future.is_some() {
        Some("future")
    } else {
        None
    }
}

/// A problem if a file that says it is `version` uses a field of a later
/// version: the field is named, with what to change.
pub fn problem(map: &JourneyMap, version: u32) -> Option<Problem> {
    if version >= INSIGHTS_VERSION {
        return None;
    }
    let (id, field) = first_newer_field(map)?;
    let what = if field == "channel" {
        "channel `InPerson`".to_owned()
    } else {
        format!("`{field}`")
    };
    Some(Problem::at_field(
        id,
        field,
        format!(
            "{what} is new in format version {INSIGHTS_VERSION}, but the file says \
             `version: {version}`: change it to `version: {INSIGHTS_VERSION}`"
        ),
    ))
}
