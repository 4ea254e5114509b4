//! Remote changes out of the document: it is read as a journey map and
//! repaired by the rules in the module documentation of [`super`], the same
//! way on every peer.

use std::collections::{HashMap, HashSet};

use automerge::hydrate::{Map, Value};
use automerge::{ReadDoc, ScalarValue};

use super::layout;
use crate::model::{
    Card, CardId, Colour, EmotionPoint, IdTag, JourneyMap, Kpi, Lane, LaneId, LaneKind, MAX_DOTS,
    MAX_RATING, MAX_SCORE, MAX_VOTER_LEN, MIN_RATING, MIN_SCORE, Measure, Persona, PointId, Stage,
    StageId, Votes, is_well_formed,
};

/// The map the document says, repaired so that it is valid.
pub fn map<D: ReadDoc>(doc: &D) -> JourneyMap {
    let root = match doc.hydrate(automerge::ROOT, None) {
        Ok(Value::Map(root)) => root,
        _ => Map::default(),
    };
    let mut taken: HashSet<String> = HashSet::new();
    let lanes = lanes(root.get(layout::LANES), &mut taken);
    let mut stages = stages(root.get(layout::STAGES), &mut taken);
    let kinds: HashMap<&str, LaneKind> = lanes.iter().map(|l| (l.id.as_str(), l.kind)).collect();
    let index: HashMap<String, usize> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str().to_owned(), i))
        .collect();
    place_cards(
        root.get(layout::CARDS),
        &kinds,
        &index,
        &mut stages,
        &mut taken,
    );
    place_points(
        root.get(layout::POINTS),
        &kinds,
        &index,
        &mut stages,
        &mut taken,
    );
    let mut map = JourneyMap {
        title: text(root.get(layout::TITLE)),
        persona: persona(root.get(layout::PERSONA)),
        scenario: text(root.get(layout::SCENARIO)),
        lanes,
        stages,
        id_tag: IdTag::default(),
    };
    map.unlink_stray_leads_to();
    map
}

pub(super) fn persona(value: Option<&Value>) -> Persona {
    let Some(Value::Map(fields)) = value else {
        return Persona::default();
    };
    Persona {
        name: text(fields.get(layout::NAME)),
        role: text(fields.get(layout::ROLE)),
        quote: text(fields.get(layout::QUOTE)),
        goals: texts(fields.get(layout::GOALS)),
        expectations: texts(fields.get(layout::EXPECTATIONS)),
    }
}

/// The entries of a map of items whose ids are well formed and not yet
/// taken by an item of another kind, with their fields.
fn entries<'a>(value: Option<&'a Value>, taken: &HashSet<String>) -> Vec<(&'a str, &'a Map)> {
    let Some(Value::Map(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|(id, item)| match &item.value {
            Value::Map(fields) if is_well_formed(id) && !taken.contains(id) => {
                Some((id.as_str(), fields))
            }
            _ => None,
        })
        .collect()
}

/// Sorts items by their order key, then id, and returns the items.
fn in_order<T>(mut items: Vec<(String, &str, T)>) -> Vec<T> {
    items.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    items.into_iter().map(|(_, _, item)| item).collect()
}

pub(super) fn lanes(value: Option<&Value>, taken: &mut HashSet<String>) -> Vec<Lane> {
    let items = entries(value, taken)
        .into_iter()
        .map(|(id, fields)| {
            let lane = Lane {
                id: LaneId::new(id),
                name: text(fields.get(layout::NAME)),
                kind: string(fields.get(layout::KIND))
                    .and_then(layout::parse_kind)
                    .unwrap_or(LaneKind::Text),
                colour: colour(fields.get(layout::COLOUR)),
                line_below: string(fields.get(layout::LINE_BELOW)).and_then(layout::parse_line),
            };
            (pos(fields), id, lane)
        })
        .collect();
    let mut lanes = in_order(items);
    crate::model::keep_first_lines(&mut lanes);
    taken.extend(lanes.iter().map(|lane| lane.id.as_str().to_owned()));
    lanes
}

pub(super) fn stages(value: Option<&Value>, taken: &mut HashSet<String>) -> Vec<Stage> {
    let items = entries(value, taken)
        .into_iter()
        .map(|(id, fields)| {
            let mut stage = Stage::new(StageId::new(id), text(fields.get(layout::NAME)));
            stage.description = text(fields.get(layout::DESCRIPTION));
            stage.owner = text(fields.get(layout::OWNER));
            stage.metrics = text(fields.get(layout::METRICS));
            stage.kpis = kpis(fields.get(layout::KPIS));
            stage.colour = colour(fields.get(layout::COLOUR));
            (pos(fields), id, stage)
        })
        .collect();
    let stages = in_order(items);
    taken.extend(stages.iter().map(|stage| stage.id.as_str().to_owned()));
    stages
}

/// Puts each card whose stage and lane exist into its stage, with only what
/// its lane allows, then clears links to cards that are not pain points.
fn place_cards(
    value: Option<&Value>,
    kinds: &HashMap<&str, LaneKind>,
    index: &HashMap<String, usize>,
    stages: &mut [Stage],
    taken: &mut HashSet<String>,
) {
    let mut per_stage: Vec<Vec<(String, &str, Card)>> = stages.iter().map(|_| Vec::new()).collect();
    for (id, fields) in entries(value, taken) {
        let Some((stage, card)) = card(id, fields, kinds) else {
            continue;
        };
        let Some(&at) = index.get(stage) else {
            continue;
        };
        per_stage[at].push((pos(fields), id, card));
    }
    let mut pain_points: HashSet<CardId> = HashSet::new();
    for (stage, cards) in stages.iter_mut().zip(per_stage) {
        stage.cards = in_order(cards).into();
        pain_points.extend(
            stage
                .cards
                .iter()
                .filter(|card| kinds.get(card.lane.as_str()) == Some(&LaneKind::PainPoints))
                .map(|card| card.id.clone()),
        );
    }
    for card in stages
        .iter_mut()
        .flat_map(|stage| stage.cards.to_mut().iter_mut())
    {
        if card
            .answers
            .as_ref()
            .is_some_and(|target| !pain_points.contains(target))
        {
            card.answers = None;
        }
        taken.insert(card.id.as_str().to_owned());
    }
}

/// Puts each point whose stage and emotion lane exist into its stage, its
/// score clamped to the scale.
fn place_points(
    value: Option<&Value>,
    kinds: &HashMap<&str, LaneKind>,
    index: &HashMap<String, usize>,
    stages: &mut [Stage],
    taken: &mut HashSet<String>,
) {
    let mut per_stage: Vec<Vec<(String, &str, EmotionPoint)>> =
        stages.iter().map(|_| Vec::new()).collect();
    for (id, fields) in entries(value, taken) {
        let Some((stage, point)) = point(id, fields, kinds) else {
            continue;
        };
        let Some(&at) = index.get(stage) else {
            continue;
        };
        per_stage[at].push((pos(fields), id, point));
    }
    for (stage, points) in stages.iter_mut().zip(per_stage) {
        stage.points = in_order(points);
        taken.extend(stage.points.iter().map(|p| p.id.as_str().to_owned()));
    }
}

/// The card stored as `fields`, with only what its lane allows, and the id
/// of its stage; `None` if its lane is gone or holds no cards.
pub(super) fn card<'a>(
    id: &str,
    fields: &'a Map,
    kinds: &HashMap<&str, LaneKind>,
) -> Option<(&'a str, Card)> {
    let stage = string(fields.get(layout::STAGE))?;
    let lane = string(fields.get(layout::LANE))?;
    let kind = *kinds.get(lane)?;
    if !kind.holds_cards() {
        return None;
    }
    let mut card = Card::new(
        CardId::new(id),
        LaneId::new(lane),
        text(fields.get(layout::TEXT)),
    );
    card.notes = text(fields.get(layout::NOTES));
    card.state = string(fields.get(layout::STATE)).and_then(layout::parse_state);
    card.moment_of_truth = matches!(
        fields.get(layout::MOMENT_OF_TRUTH),
        Some(Value::Scalar(ScalarValue::Boolean(true)))
    );
    if kind == LaneKind::Touchpoints {
        card.channel = string(fields.get(layout::CHANNEL)).and_then(layout::parse_channel);
    }
    if kind == LaneKind::PainPoints {
        card.severity = string(fields.get(layout::SEVERITY)).and_then(layout::parse_severity);
    }
    if kind == LaneKind::Opportunities {
        card.answers = string(fields.get(layout::ANSWERS)).map(CardId::new);
        card.leads_to = string(fields.get(layout::LEADS_TO))
            .filter(|id| is_well_formed(id))
            .map(CardId::new);
        card.impact = rating(fields.get(layout::IMPACT));
        card.effort = rating(fields.get(layout::EFFORT));
    }
    if kind.takes_votes() {
        card.votes = votes(fields);
    }
    Some((stage, card))
}

/// The emotion point stored as `fields`, its score clamped to the scale,
/// and the id of its stage; `None` if its lane is gone or not an emotion lane.
pub(super) fn point<'a>(
    id: &str,
    fields: &'a Map,
    kinds: &HashMap<&str, LaneKind>,
) -> Option<(&'a str, EmotionPoint)> {
    let stage = string(fields.get(layout::STAGE))?;
    let lane = string(fields.get(layout::LANE))?;
    if kinds.get(lane) != Some(&LaneKind::Emotion) {
        return None;
    }
    let point = EmotionPoint {
        id: PointId::new(id),
        lane: LaneId::new(lane),
        score: score(fields.get(layout::SCORE)).unwrap_or(0),
        company: score(fields.get(layout::COMPANY)),
        future: score(fields.get(layout::FUTURE)),
        label: text(fields.get(layout::LABEL)),
    };
    Some((stage, point))
}

/// An integer register as an emotion score, clamped to the scale; `None`
/// if there is none or it is not a number.
fn score(value: Option<&Value>) -> Option<i8> {
    let Some(Value::Scalar(score)) = value else {
        return None;
    };
    let score = score.as_i64()?.clamp(MIN_SCORE.into(), MAX_SCORE.into());
    i8::try_from(score).ok()
}

/// An opportunity's impact or effort, clamped to 1..=5.
fn rating(value: Option<&Value>) -> Option<u8> {
    let Some(Value::Scalar(rating)) = value else {
        return None;
    };
    let rating = rating.as_i64()?.clamp(MIN_RATING.into(), MAX_RATING.into());
    u8::try_from(rating).ok()
}

/// A card's votes, from its `vote:<voter>` registers: each voter with a
/// well-formed name and a positive count, capped as [`Votes::set`] caps it.
fn votes(fields: &Map) -> Votes {
    let mut dots_by = Votes::new();
    for (key, entry) in fields.iter() {
        let Some(voter) = key.strip_prefix(layout::VOTE_PREFIX) else {
            continue;
        };
        let Value::Scalar(dots) = &entry.value else {
            continue;
        };
        let dots = dots.as_i64().unwrap_or(0).clamp(0, MAX_DOTS.into());
        let named = !voter.trim().is_empty() && voter.chars().count() <= MAX_VOTER_LEN;
        if named && let Ok(dots) = u32::try_from(dots) {
            dots_by.set(voter, dots);
        }
    }
    dots_by
}

/// A stage's KPIs: those whose measure is known and whose numbers are on
/// its scale; anything else is left out.
pub(super) fn kpis(value: Option<&Value>) -> Vec<Kpi> {
    let Some(Value::List(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match &item.value {
            Value::Map(fields) => kpi(fields),
            _ => None,
        })
        .collect()
}

fn kpi(fields: &Map) -> Option<Kpi> {
    let number = |key| match fields.get(key) {
        Some(Value::Scalar(ScalarValue::F64(n))) => Some(*n),
        // A peer may write a whole number as an integer: those on a
        // KPI's scale fit in an i32, which an f64 holds exactly.
        Some(Value::Scalar(n)) => (n.as_i64())
            .and_then(|n| i32::try_from(n).ok())
            .map(f64::from),
        _ => None,
    };
    let name = text(fields.get(layout::NAME));
    let measure = layout::parse_measure(string(fields.get(layout::MEASURE))?, &name)?;
    if matches!(&measure, Measure::Custom(name) if name.trim().is_empty()) {
        return None;
    }
    let value = number(layout::VALUE).filter(|&v| measure.allows(v))?;
    let target = number(layout::TARGET).filter(|&t| measure.allows(t));
    let lower_is_better = matches!(
        fields.get(layout::LOWER_IS_BETTER),
        Some(Value::Scalar(ScalarValue::Boolean(true)))
    );
    Some(Kpi {
        measure,
        value,
        target,
        lower_is_better,
    })
}

/// A text object's text, or a plain string's; empty for anything else.
pub(super) fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::Text(text)) => String::from(text),
        Some(Value::Scalar(ScalarValue::Str(text))) => text.to_string(),
        _ => String::new(),
    }
}

/// A list of texts; anything in it that is not a text reads as empty.
fn texts(value: Option<&Value>) -> Vec<String> {
    let Some(Value::List(items)) = value else {
        return Vec::new();
    };
    items.iter().map(|item| text(Some(&item.value))).collect()
}

/// A plain string register.
pub(super) fn string(value: Option<&Value>) -> Option<&str> {
    match value {
        Some(Value::Scalar(ScalarValue::Str(text))) => Some(text.as_str()),
        _ => None,
    }
}

fn colour(value: Option<&Value>) -> Option<Colour> {
    string(value).and_then(Colour::from_hex)
}

/// An item's order key; a missing one sorts first.
pub(super) fn pos(fields: &Map) -> String {
    string(fields.get(layout::POS))
        .unwrap_or_default()
        .to_owned()
}
