//! Undo on a shared map: take back one person's edit and nothing else.
//!
//! On a map edited alone, undo puts back the whole map as it was. On a
//! shared map that would also take back what teammates did since, so undo
//! there is an inverse edit: every field the edit changed (a card's text,
//! its cell, a stage's name…) is set back, unless someone changed that
//! field again since, in which case their value stays. Items the edit made
//! are removed unless someone has changed them; items it removed come back
//! where they were. Redo is the same with `from` and `to` swapped.

use std::collections::{HashMap, HashSet};

use crate::model::{
    Card, CardId, Cards, EmotionPoint, JourneyMap, LaneId, LaneKind, PointId, Stage, StageId, Votes,
};

/// Takes `current` from `from` (the map just after the edit) back to `to`
/// (just before it) wherever `current` still says what `from` says. The
/// result is a valid map: a link, card or point whose target, stage or
/// lane is gone is not put back.
pub fn revert(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    field(&mut current.title, &from.title, &to.title);
    field(&mut current.scenario, &from.scenario, &to.scenario);
    let (persona, was, goal) = (&mut current.persona, &from.persona, &to.persona);
    field(&mut persona.name, &was.name, &goal.name);
    field(&mut persona.role, &was.role, &goal.role);
    field(&mut persona.quote, &was.quote, &goal.quote);
    field(&mut persona.goals, &was.goals, &goal.goals);
    field(
        &mut persona.expectations,
        &was.expectations,
        &goal.expectations,
    );
    lanes(current, from, to);
    stages(current, from, to);
    cards(current, from, to);
    points(current, from, to);
    remove_made_structure(current, from, to);
    // A line put back under a lane while a teammate drew it under another.
    crate::model::keep_first_lines(&mut current.lanes);
    current.sort_cells();
}

/// Sets `current` to `to` if it still is `from` and the edit changed it.
fn field<T: PartialEq + Clone>(current: &mut T, from: &T, to: &T) {
    if current == from && from != to {
        current.clone_from(to);
    }
}

/// The id of the item before `index` in `items`, if any.
fn before<T>(items: &[T], index: usize, id: impl Fn(&T) -> &str) -> Option<&str> {
    index.checked_sub(1).and_then(|i| items.get(i)).map(id)
}

/// Where to insert an item that followed `predecessor`: just after it if
/// `items` still has it, else at `fallback` (clamped).
fn insertion<T>(
    items: &[T],
    predecessor: Option<&str>,
    fallback: usize,
    id: impl Fn(&T) -> &str,
) -> usize {
    match predecessor {
        None => 0,
        Some(previous) => items
            .iter()
            .position(|item| id(item) == previous)
            .map_or(fallback.min(items.len()), |i| i + 1),
    }
}

fn lanes(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    for (index, goal) in to.lanes.iter().enumerate() {
        let was = from.lane(&goal.id);
        let Some(lane) = current.lanes.iter_mut().find(|l| l.id == goal.id) else {
            if was.is_none() {
                // The edit removed it: it comes back where it was.
                let previous = before(&to.lanes, index, |l| l.id.as_str());
                let at = insertion(&current.lanes, previous, index, |l| l.id.as_str());
                current.lanes.insert(at, goal.clone());
            }
            continue;
        };
        let Some(was) = was else { continue };
        field(&mut lane.name, &was.name, &goal.name);
        field(&mut lane.colour, &was.colour, &goal.colour);
        field(&mut lane.line_below, &was.line_below, &goal.line_below);
    }
    let ids = |lanes: &[crate::model::Lane]| -> Vec<String> {
        lanes.iter().map(|l| l.id.as_str().to_owned()).collect()
    };
    reorder(
        &mut current.lanes,
        &ids(&from.lanes),
        &ids(&to.lanes),
        |l| l.id.as_str(),
    );
}

fn stages(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    for (index, goal) in to.stages.iter().enumerate() {
        let was = from.stage(&goal.id);
        let Some(stage) = current.stages.iter_mut().find(|s| s.id == goal.id) else {
            if was.is_none() {
                // Its cards and points come back one by one, below.
                let mut stage = Stage::new(goal.id.clone(), goal.name.clone());
                stage.description.clone_from(&goal.description);
                stage.owner.clone_from(&goal.owner);
                stage.metrics.clone_from(&goal.metrics);
                stage.kpis.clone_from(&goal.kpis);
                stage.colour = goal.colour;
                let previous = before(&to.stages, index, |s| s.id.as_str());
                let at = insertion(&current.stages, previous, index, |s| s.id.as_str());
                current.stages.insert(at, stage);
            }
            continue;
        };
        let Some(was) = was else { continue };
        field(&mut stage.name, &was.name, &goal.name);
        field(&mut stage.description, &was.description, &goal.description);
        field(&mut stage.owner, &was.owner, &goal.owner);
        field(&mut stage.metrics, &was.metrics, &goal.metrics);
        field(&mut stage.kpis, &was.kpis, &goal.kpis);
        field(&mut stage.colour, &was.colour, &goal.colour);
    }
    let ids = |stages: &[Stage]| -> Vec<String> {
        stages.iter().map(|s| s.id.as_str().to_owned()).collect()
    };
    reorder(
        &mut current.stages,
        &ids(&from.stages),
        &ids(&to.stages),
        |s| s.id.as_str(),
    );
}

/// Puts the items the edit moved back in the order `to` has them: those
/// outside the longest run of items whose order the edit kept. Each goes
/// back after the item it followed in `to`, unless someone has moved it
/// since (it no longer follows what it followed in `from`).
fn reorder<T>(items: &mut Vec<T>, from: &[String], to: &[String], id: fn(&T) -> &str) {
    if from == to {
        return;
    }
    let from_at: HashMap<&str, usize> = from
        .iter()
        .enumerate()
        .map(|(i, item)| (item.as_str(), i))
        .collect();
    let order: Vec<Option<usize>> = to
        .iter()
        .map(|item| from_at.get(item.as_str()).copied())
        .collect();
    let kept = crate::sync::order::longest_increasing(&order);
    // Whether each item still follows what it followed just after the edit,
    // taken before any is moved back.
    let unmoved: HashSet<String> = items
        .iter()
        .enumerate()
        .filter(|(now, item)| {
            from_at.get(id(item)).is_some_and(|&was| {
                was.checked_sub(1).map(|i| from[i].as_str())
                    == now.checked_sub(1).map(|i| id(&items[i]))
            })
        })
        .map(|(_, item)| id(item).to_owned())
        .collect();
    for (index, goal) in to.iter().enumerate() {
        if kept[index] {
            continue;
        }
        let Some(now) = items.iter().position(|item| id(item) == goal) else {
            continue;
        };
        if from_at.contains_key(goal.as_str()) && !unmoved.contains(goal) {
            continue;
        }
        let item = items.remove(now);
        let previous = index.checked_sub(1).map(|i| to[i].as_str());
        let at = insertion(items, previous, index, id);
        items.insert(at, item);
    }
}

/// Where an item sits: its stage's index in the map, its own index there.
type Place = (usize, usize);

fn find_card(map: &JourneyMap, id: &CardId) -> Option<Place> {
    map.stages.iter().enumerate().find_map(|(s, stage)| {
        stage
            .cards
            .iter()
            .position(|card| &card.id == id)
            .map(|c| (s, c))
    })
}

fn find_point(map: &JourneyMap, id: &PointId) -> Option<Place> {
    map.stages.iter().enumerate().find_map(|(s, stage)| {
        stage
            .points
            .iter()
            .position(|point| &point.id == id)
            .map(|p| (s, p))
    })
}

fn lane_kind(map: &JourneyMap, lane: &LaneId) -> Option<LaneKind> {
    map.lane(lane).map(|lane| lane.kind)
}

fn card_id(card: &Card) -> &str {
    card.id.as_str()
}

fn point_id(point: &EmotionPoint) -> &str {
    point.id.as_str()
}

/// Where an item is in a map: its stage's id, the id of the item before it
/// in that stage (if any), and the item.
type Spot<'a, T> = (&'a StageId, Option<&'a str>, &'a T);

/// Where each item of `map` is (its cards, or its points: `of`), by id,
/// in the stages for which `changed` holds.
fn spots<T>(
    map: &JourneyMap,
    of: fn(&Stage) -> &[T],
    id: fn(&T) -> &str,
    changed: impl Fn(&Stage) -> bool,
) -> HashMap<&str, Spot<'_, T>> {
    map.stages
        .iter()
        .filter(move |stage| changed(stage))
        .flat_map(|stage| {
            let items = of(stage);
            items.iter().enumerate().map(move |(i, item)| {
                let previous = before(items, i, id);
                (id(item), (&stage.id, previous, item))
            })
        })
        .collect()
}

/// Puts each stage's items (cards, or points: `of` and `of_mut`) the edit
/// reordered back in the order `to` has them (see [`reorder`]).
fn reorder_in_stages<T>(
    current: &mut JourneyMap,
    (from, to): (&JourneyMap, &JourneyMap),
    of: fn(&Stage) -> &[T],
    of_mut: fn(&mut Stage) -> &mut Vec<T>,
    id: fn(&T) -> &str,
) {
    let empty: &[T] = &[];
    for goal_stage in &to.stages {
        let was = from.stage(&goal_stage.id).map_or(empty, of);
        let goal = of(goal_stage);
        // Most stages the edit did not touch (their items are the very
        // same): compare before copying ids.
        if std::ptr::eq(was, goal) || was.iter().map(id).eq(goal.iter().map(id)) {
            continue;
        }
        let ids =
            |items: &[T]| -> Vec<String> { items.iter().map(|item| id(item).to_owned()).collect() };
        if let Some(stage) = current.stage_mut(&goal_stage.id) {
            reorder(of_mut(stage), &ids(was), &ids(goal), id);
        }
    }
}

/// A stage's cards.
fn cards_of(stage: &Stage) -> &[Card] {
    &stage.cards
}

/// A stage's emotion points.
fn points_of(stage: &Stage) -> &[EmotionPoint] {
    &stage.points
}

/// The ids whose item differs between `from` and `to`, or sits in another
/// stage or after another item; only these (and the order of the stages
/// that hold them) have anything to take back.
fn changed_ids<'a, T: PartialEq>(
    from: &HashMap<&'a str, Spot<'a, T>>,
    to: &HashMap<&'a str, Spot<'a, T>>,
) -> HashSet<&'a str> {
    let differs = |id: &str| from.get(id) != to.get(id);
    from.keys()
        .chain(to.keys())
        .copied()
        .filter(|id| differs(id))
        .collect()
}

/// Whether `stage` of one map holds cards the edit may have changed: its
/// cards are not shared with the same stage in `other`, the map on the other
/// side of the edit. A card the edit moved left both its stages changed, so
/// the stages left out hold no card the edit touched.
fn cards_changed(stage: &Stage, other: &JourneyMap) -> bool {
    other
        .stage(&stage.id)
        .is_none_or(|same| !same.cards.shares_with(&stage.cards))
}

fn cards(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    let (was, goal) = (
        spots(from, cards_of, card_id, |stage| cards_changed(stage, to)),
        spots(to, cards_of, card_id, |stage| cards_changed(stage, from)),
    );
    let changed = changed_ids(&was, &goal);
    if changed.is_empty() {
        return;
    }
    // Each stage's cards as they were, to tell below which stages changed.
    let untouched: Vec<Cards> = current.stages.iter().map(|s| s.cards.clone()).collect();
    // Cards the edit made go, unless someone changed them since.
    let made: HashSet<&str> = changed
        .iter()
        .copied()
        .filter(|id| !goal.contains_key(id))
        .collect();
    for stage in current.stages.iter_mut().filter(|_| !made.is_empty()) {
        let goes = |card: &Card| {
            let id = card.id.as_str();
            made.contains(id)
                && was
                    .get(id)
                    .is_some_and(|(s, _, c)| **s == stage.id && *c == card)
        };
        if stage.cards.iter().any(goes) {
            let keep: Vec<bool> = stage.cards.iter().map(|card| !goes(card)).collect();
            let mut kept = keep.into_iter();
            stage.cards.to_mut().retain(|_| kept.next().unwrap_or(true));
        }
    }
    // An edit changes a card or two: comparing each card's id with theirs
    // beats hashing 20,000 ids.
    let few: Option<Vec<&str>> = (changed.len() <= 8).then(|| changed.iter().copied().collect());
    let is_changed = |id: &str| match &few {
        Some(few) => few.contains(&id),
        None => changed.contains(id),
    };
    let present: HashSet<String> = current
        .cards()
        .filter(|card| is_changed(card.id.as_str()))
        .map(|card| card.id.as_str().to_owned())
        .collect();
    for goal_stage in &to.stages {
        for (index, goal_card) in goal_stage.cards.iter().enumerate() {
            let id = goal_card.id.as_str();
            if !changed.contains(id) {
                continue;
            }
            let previous = before(&goal_stage.cards, index, card_id);
            let Some(&(was_stage, _, was_card)) = was.get(id) else {
                // The edit removed it: it comes back where it was.
                let holds = lane_kind(current, &goal_card.lane).is_some_and(LaneKind::holds_cards);
                let stage = current.stages.iter_mut().find(|s| s.id == goal_stage.id);
                if let (false, true, Some(stage)) = (present.contains(id), holds, stage) {
                    let at = insertion(&stage.cards, previous, index, card_id);
                    stage.cards.to_mut().insert(at, goal_card.clone());
                }
                continue;
            };
            if was_card == goal_card && *was_stage == goal_stage.id {
                continue; // only its place in the stage changed: see below
            }
            if present.contains(id) {
                restore_card(
                    current,
                    was_stage,
                    was_card,
                    &goal_stage.id,
                    goal_card,
                    previous,
                    index,
                );
            }
        }
    }
    reorder_in_stages(current, (from, to), cards_of, |s| s.cards.to_mut(), card_id);
    tidy_cards(current, &untouched);
    current.unlink_stray_leads_to();
}

/// Sets back each voter's dots the edit changed, unless that voter has
/// voted again since: undoing my vote leaves a teammate's vote alone.
fn restore_votes(current: &mut Votes, from: &Votes, to: &Votes) {
    let voters: HashSet<&str> = from.iter().chain(to.iter()).map(|(v, _)| v).collect();
    for voter in voters {
        if current.of(voter) == from.of(voter) {
            current.set(voter, to.of(voter));
        }
    }
}

/// Sets back the fields of one card the edit changed, and its cell, where
/// nobody has changed them since.
fn restore_card(
    current: &mut JourneyMap,
    was_stage: &StageId,
    was: &Card,
    goal_stage: &StageId,
    goal: &Card,
    previous: Option<&str>,
    index: usize,
) {
    let Some((s, c)) = find_card(current, &goal.id) else {
        return;
    };
    let card = &mut current.stages[s].cards.to_mut()[c];
    let still_there = card.lane == was.lane;
    field(&mut card.text, &was.text, &goal.text);
    field(&mut card.notes, &was.notes, &goal.notes);
    field(&mut card.channel, &was.channel, &goal.channel);
    field(&mut card.severity, &was.severity, &goal.severity);
    field(&mut card.answers, &was.answers, &goal.answers);
    field(&mut card.leads_to, &was.leads_to, &goal.leads_to);
    field(&mut card.state, &was.state, &goal.state);
    field(&mut card.impact, &was.impact, &goal.impact);
    field(&mut card.effort, &was.effort, &goal.effort);
    restore_votes(&mut card.votes, &was.votes, &goal.votes);
    field(
        &mut card.moment_of_truth,
        &was.moment_of_truth,
        &goal.moment_of_truth,
    );
    let moved = was_stage != goal_stage || was.lane != goal.lane;
    let still_there = still_there && &current.stages[s].id == was_stage;
    let target = current.stages.iter().position(|st| &st.id == goal_stage);
    let fits = lane_kind(current, &goal.lane).is_some_and(LaneKind::holds_cards);
    if let (true, true, true, Some(target)) = (moved, still_there, fits, target) {
        let mut card = current.stages[s].cards.to_mut().remove(c);
        card.lane = goal.lane.clone();
        let cards = current.stages[target].cards.to_mut();
        let at = insertion(cards, previous, index, card_id);
        cards.insert(at, card);
    }
}

/// Clears what the map's rules do not allow after cards came back or
/// moved: a link to a card that is not a pain point, a channel outside
/// touchpoints, a severity outside pain points. Only the stages whose cards
/// changed since `untouched` (each stage's cards before) can break the
/// rules, unless a pain point left them: then a link anywhere may.
fn tidy_cards(map: &mut JourneyMap, untouched: &[Cards]) {
    let kinds: HashMap<LaneId, LaneKind> = map
        .lanes
        .iter()
        .map(|lane| (lane.id.clone(), lane.kind))
        .collect();
    let is_pain = |card: &Card| kinds.get(&card.lane) == Some(&LaneKind::PainPoints);
    let pains: HashSet<CardId> = map.pain_points().map(|card| card.id.clone()).collect();
    let changed = |index: usize, stage: &Stage| {
        untouched
            .get(index)
            .is_none_or(|was| !was.shares_with(&stage.cards))
    };
    let pain_left = map.stages.iter().enumerate().any(|(index, stage)| {
        changed(index, stage)
            && untouched.get(index).is_some_and(|was| {
                was.iter()
                    .any(|card| is_pain(card) && !pains.contains(&card.id))
            })
    });
    // What each card may keep: (channel, severity, link).
    let allowed = |card: &Card| {
        let kind = kinds.get(&card.lane).copied();
        let linked = card
            .answers
            .as_ref()
            .is_some_and(|target| pains.contains(target));
        (
            kind == Some(LaneKind::Touchpoints),
            kind == Some(LaneKind::PainPoints),
            kind == Some(LaneKind::Opportunities) && linked,
        )
    };
    let untidy = |card: &Card| {
        let (channel, severity, link) = allowed(card);
        (!channel && card.channel.is_some())
            || (!severity && card.severity.is_some())
            || (!link && card.answers.is_some())
    };
    let in_scope: Vec<bool> = map
        .stages
        .iter()
        .enumerate()
        .map(|(index, stage)| pain_left || changed(index, stage))
        .collect();
    for (stage, in_scope) in map.stages.iter_mut().zip(in_scope) {
        // Only stages with something to clear get their own copy of their
        // cards.
        if !in_scope || !stage.cards.iter().any(untidy) {
            continue;
        }
        for card in stage.cards.to_mut() {
            let (channel, severity, link) = allowed(card);
            if !channel {
                card.channel = None;
            }
            if !severity {
                card.severity = None;
            }
            if !link {
                card.answers = None;
            }
        }
    }
}

fn points(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    let (was, goal) = (
        spots(from, points_of, point_id, |_| true),
        spots(to, points_of, point_id, |_| true),
    );
    let changed = changed_ids(&was, &goal);
    if changed.is_empty() {
        return;
    }
    // Points the edit made go, unless someone changed them since.
    let made: HashSet<&str> = changed
        .iter()
        .copied()
        .filter(|id| !goal.contains_key(id))
        .collect();
    for stage in &mut current.stages {
        stage.points.retain(|point| {
            let id = point.id.as_str();
            !(made.contains(id)
                && was
                    .get(id)
                    .is_some_and(|(s, _, p)| **s == stage.id && *p == point))
        });
    }
    for goal_stage in &to.stages {
        for (index, goal_point) in goal_stage.points.iter().enumerate() {
            let id = goal_point.id.as_str();
            if !changed.contains(id) {
                continue;
            }
            let previous = before(&goal_stage.points, index, point_id);
            let Some((s, p)) = find_point(current, &goal_point.id) else {
                // The edit removed it: it comes back where it was.
                let emotion = lane_kind(current, &goal_point.lane) == Some(LaneKind::Emotion);
                let taken = current.card(&CardId::new(id)).is_some();
                let stage = current.stages.iter_mut().find(|s| s.id == goal_stage.id);
                if let (false, true, false, Some(stage)) =
                    (was.contains_key(id), emotion, taken, stage)
                {
                    let at = insertion(&stage.points, previous, index, point_id);
                    stage.points.insert(at, goal_point.clone());
                }
                continue;
            };
            let Some(&(was_stage, _, was_point)) = was.get(id) else {
                continue;
            };
            let point = &mut current.stages[s].points[p];
            field(&mut point.score, &was_point.score, &goal_point.score);
            field(&mut point.label, &was_point.label, &goal_point.label);
            field(&mut point.company, &was_point.company, &goal_point.company);
            field(&mut point.future, &was_point.future, &goal_point.future);
            let moved = *was_stage != goal_stage.id;
            let still_there = &current.stages[s].id == was_stage;
            let target = current.stages.iter().position(|st| st.id == goal_stage.id);
            if let (true, true, Some(target)) = (moved, still_there, target) {
                let point = current.stages[s].points.remove(p);
                let points = &mut current.stages[target].points;
                let at = insertion(points, previous, index, point_id);
                points.insert(at, point);
            }
        }
    }
    reorder_in_stages(current, (from, to), points_of, |s| &mut s.points, point_id);
}

/// Lanes and stages the edit made go last, once their cards have: only if
/// nobody has put anything in them or changed them since.
fn remove_made_structure(current: &mut JourneyMap, from: &JourneyMap, to: &JourneyMap) {
    for made in from.lanes.iter().filter(|l| to.lane(&l.id).is_none()) {
        let used = current.cards().any(|card| card.lane == made.id)
            || current
                .stages
                .iter()
                .any(|s| s.points.iter().any(|p| p.lane == made.id));
        if !used && current.lane(&made.id) == Some(made) {
            current.lanes.retain(|lane| lane.id != made.id);
        }
    }
    for made in from.stages.iter().filter(|s| to.stage(&s.id).is_none()) {
        let unchanged = current.stage(&made.id).is_some_and(|stage| {
            stage.cards.is_empty()
                && stage.points.is_empty()
                && stage.name == made.name
                && stage.description == made.description
                && stage.owner == made.owner
                && stage.metrics == made.metrics
                && stage.kpis == made.kpis
                && stage.colour == made.colour
        });
        if unchanged {
            current.stages.retain(|stage| stage.id != made.id);
        }
    }
}
