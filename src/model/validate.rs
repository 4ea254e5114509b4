//! Consistency checks for a map read from a file.
//!
//! The operations in [`super::ops`] keep a map consistent; a hand-edited or
//! broken file may not be. [`validate`] finds every problem and names the
//! item it is about, so that the loader can point at its line and column.

use std::collections::HashMap;

use super::{
    BlueprintLine, Card, CardId, EmotionPoint, JourneyMap, LaneKind, MAX_RATING, MAX_SCORE,
    MIN_RATING, MIN_SCORE, Measure, Stage, ids,
};

/// One thing wrong with a map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong and, where it helps, what to do about it.
    pub message: String,
    /// Where in the file the problem is.
    pub anchor: Anchor,
}

impl Problem {
    /// A problem with the field `field` of the item whose id is `id`.
    pub fn at_field(id: &str, field: &'static str, message: String) -> Self {
        Self {
            message,
            anchor: Anchor::Field {
                id: id.to_owned(),
                field,
            },
        }
    }
}

/// Where a [`Problem`] sits in the file, in terms of the items in it (the
/// parsed map has no positions; the loader finds these in the source text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The `nth` (from 0) place where `id: "<id>"` is written.
    Id {
        /// The id as written.
        id: String,
        /// Which occurrence, from 0.
        nth: usize,
    },
    /// The field `field` of the item whose id is `id`.
    Field {
        /// The id of the item.
        id: String,
        /// The field's name, e.g. `"lane"`.
        field: &'static str,
    },
}

/// Every problem in `map`, in the order of the file: duplicate or malformed
/// ids, a blueprint line drawn twice, cards and points in lanes that do not
/// exist or do not fit them, links to cards that are not pain points, scores
/// out of range.
pub fn validate(map: &JourneyMap) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_ids(map, &mut problems);
    check_lines(map, &mut problems);
    let lane_kinds: HashMap<&str, LaneKind> = map
        .lanes
        .iter()
        .map(|lane| (lane.id.as_str(), lane.kind))
        .collect();
    let card_lanes: HashMap<&CardId, Option<LaneKind>> = map
        .cards()
        .map(|card| (&card.id, lane_kinds.get(card.lane.as_str()).copied()))
        .collect();
    for stage in &map.stages {
        check_kpis(stage, &mut problems);
        for card in &stage.cards {
            check_card(card, &lane_kinds, &card_lanes, &mut problems);
        }
        for point in &stage.points {
            check_point(point, &lane_kinds, &mut problems);
        }
    }
    problems
}

/// A card's lane exists and holds cards; it carries only what its lane
/// allows; what it answers is a pain point.
fn check_card(
    card: &Card,
    lane_kinds: &HashMap<&str, LaneKind>,
    card_lanes: &HashMap<&CardId, Option<LaneKind>>,
    problems: &mut Vec<Problem>,
) {
    let id = &card.id;
    let mut problem =
        |field, message| problems.push(Problem::at_field(id.as_str(), field, message));
    let Some(&kind) = lane_kinds.get(card.lane.as_str()) else {
        problem(
            "lane",
            format!(
                "card `{id}` is in lane `{}`, which does not exist",
                card.lane
            ),
        );
        return;
    };
    if !kind.holds_cards() {
        problem(
            "lane",
            format!(
                "card `{id}` is in emotion lane `{}`, which holds points on the curve, not cards",
                card.lane
            ),
        );
    }
    if card.channel.is_some() && kind != LaneKind::Touchpoints {
        problem(
            "channel",
            format!("card `{id}` has a channel, but only touchpoints have one"),
        );
    }
    if card.severity.is_some() && kind != LaneKind::PainPoints {
        problem(
            "severity",
            format!("card `{id}` has a severity, but only pain points have one"),
        );
    }
    for (field, rating) in [("impact", card.impact), ("effort", card.effort)] {
        let Some(rating) = rating else { continue };
        if kind != LaneKind::Opportunities {
            problem(
                field,
                format!("card `{id}` has an {field}, but only opportunities have one"),
            );
        } else if !(MIN_RATING..=MAX_RATING).contains(&rating) {
            problem(
                field,
                format!(
                    "card `{id}` has {field} {rating}; it goes from {MIN_RATING} to {MAX_RATING}"
                ),
            );
        }
    }
    if !card.votes.is_empty() && !kind.takes_votes() {
        problem(
            "votes",
            format!("card `{id}` has votes, but only pain points and opportunities get them"),
        );
    } else if let Some(wrong) = card.votes.problem() {
        problem("votes", format!("card `{id}`: {wrong}"));
    }
    check_leads_to(card, kind, card_lanes, &mut problem);
    let Some(target) = &card.answers else { return };
    if kind != LaneKind::Opportunities {
        problem(
            "answers",
            format!("card `{id}` answers a pain point, but only opportunities can"),
        );
    }
    match card_lanes.get(target) {
        None => problem(
            "answers",
            format!("card `{id}` answers `{target}`, but there is no card `{target}`"),
        ),
        Some(Some(LaneKind::PainPoints)) => {}
        Some(_) => problem(
            "answers",
            format!("card `{id}` answers `{target}`, which is not a pain point"),
        ),
    }
}

/// What an opportunity leads to is a card of the map.
fn check_leads_to(
    card: &Card,
    kind: LaneKind,
    card_lanes: &HashMap<&CardId, Option<LaneKind>>,
    problem: &mut impl FnMut(&'static str, String),
) {
    let (id, Some(target)) = (&card.id, &card.leads_to) else {
        return;
    };
    if kind != LaneKind::Opportunities {
        problem(
            "leads_to",
            format!("card `{id}` leads to a future-state card, but only opportunities can"),
        );
    } else if !card_lanes.contains_key(target) {
        problem(
            "leads_to",
            format!("card `{id}` leads to `{target}`, but there is no card `{target}`"),
        );
    }
}

/// A point is in an emotion lane and its score is in range.
fn check_point(
    point: &EmotionPoint,
    lane_kinds: &HashMap<&str, LaneKind>,
    problems: &mut Vec<Problem>,
) {
    let id = &point.id;
    let mut problem =
        |field, message| problems.push(Problem::at_field(id.as_str(), field, message));
    match lane_kinds.get(point.lane.as_str()) {
        None => problem(
            "lane",
            format!(
                "emotion point `{id}` is in lane `{}`, which does not exist",
                point.lane
            ),
        ),
        Some(LaneKind::Emotion) => {}
        Some(_) => problem(
            "lane",
            format!(
                "emotion point `{id}` is in lane `{}`, which is not an emotion lane",
                point.lane
            ),
        ),
    }
    if !(MIN_SCORE..=MAX_SCORE).contains(&point.score) {
        problem(
            "score",
            format!(
                "emotion point `{id}` has score {}; scores go from {MIN_SCORE} to +{MAX_SCORE}",
                point.score
            ),
        );
    }
    for (field, name, score) in [
        ("company", "company score", point.company),
        ("future", "future score", point.future),
    ] {
        if let Some(score) = score.filter(|c| !(MIN_SCORE..=MAX_SCORE).contains(c)) {
            problem(
                field,
                format!(
                    "emotion point `{id}` has {name} {score}; \
                     scores go from {MIN_SCORE} to +{MAX_SCORE}"
                ),
            );
        }
    }
}

/// Each kind of blueprint line is drawn under one lane only.
fn check_lines(map: &JourneyMap, problems: &mut Vec<Problem>) {
    let mut drawn: HashMap<BlueprintLine, &str> = HashMap::new();
    for lane in &map.lanes {
        let Some(line) = lane.line_below else {
            continue;
        };
        let id = lane.id.as_str();
        if let Some(first) = drawn.get(&line) {
            problems.push(Problem::at_field(
                id,
                "line_below",
                format!(
                    "lane `{id}` has the {} below it, but lane `{first}` already has it; \
                     a blueprint has one line of each kind: remove one of them",
                    line.label().to_lowercase()
                ),
            ));
        } else {
            drawn.insert(line, id);
        }
    }
}

/// Each KPI's value and target are on its measure's scale, and a
/// number of the team's own has a name.
fn check_kpis(stage: &Stage, problems: &mut Vec<Problem>) {
    let id = stage.id.as_str();
    for kpi in &stage.kpis {
        let mut problem = |message| problems.push(Problem::at_field(id, "kpis", message));
        if let Measure::Custom(name) = &kpi.measure
            && name.trim().is_empty()
        {
            problem(format!(
                "stage `{id}` has a KPI of its own with no name: write `Custom(\"Days to refund\")`"
            ));
        }
        let (low, high) = kpi.measure.range();
        for (what, value) in
            std::iter::once(("value", kpi.value)).chain(kpi.target.map(|t| ("target", t)))
        {
            if kpi.measure.allows(value) {
                continue;
            }
            let scale = if value.is_finite() && matches!(kpi.measure, Measure::Custom(_)) {
                String::new()
            } else if value.is_finite() {
                format!("; {} goes from {low} to {high}", kpi.measure.name())
            } else {
                "; it must be a number".to_owned()
            };
            problem(format!(
                "stage `{id}` has {} {what} {value}{scale}",
                kpi.measure.name()
            ));
        }
    }
}

/// Malformed ids, and ids used by more than one item.
fn check_ids(map: &JourneyMap, problems: &mut Vec<Problem>) {
    let lane_ids = map.lanes.iter().map(|lane| ("lane", lane.id.as_str()));
    let stage_items = map.stages.iter().flat_map(|stage| {
        std::iter::once(("stage", stage.id.as_str()))
            .chain(stage.cards.iter().map(|card| ("card", card.id.as_str())))
            .chain(
                stage
                    .points
                    .iter()
                    .map(|point| ("emotion point", point.id.as_str())),
            )
    });
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (what, id) in lane_ids.chain(stage_items) {
        let count = seen.entry(id).or_insert(0);
        if !ids::is_well_formed(id) {
            problems.push(Problem {
                message: format!(
                    "{what} id `{id}` is not a valid id: use 1 to {} letters, digits, `-` or `_`",
                    ids::MAX_ID_LEN
                ),
                anchor: Anchor::Id {
                    id: id.to_owned(),
                    nth: *count,
                },
            });
        }
        if *count > 0 {
            problems.push(Problem {
                message: format!(
                    "{what} id `{id}` is already used; every id in a map must be unique"
                ),
                anchor: Anchor::Id {
                    id: id.to_owned(),
                    nth: *count,
                },
            });
        }
        *count += 1;
    }
}
