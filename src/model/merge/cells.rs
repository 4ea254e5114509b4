//! Cards and emotion points: which are in the merged map, their fields,
//! the cell (stage and lane) each is in, and their order in it.

use std::collections::{BTreeSet, HashMap};

use super::super::diff::{card_item, place, point_item, quote};
use super::super::{
    Card, CardId, Channel, EmotionPoint, JourneyMap, JourneyState, LaneId, Severity, Stage,
    StageId, Votes,
};
use super::conflict::{Conflict, ConflictKind, Place, Report, clash_detail};
use super::order::merge_order;
use super::pick::{Fields, Presence, presence};
use super::{Three, Version};

/// What cards and emotion points have in common for a merge: both sit in
/// a cell of a stage and are matched by id.
trait InCell: Clone + PartialEq + Sized + 'static {
    /// `cards` or `points`, for a line about a cell's order.
    const PLURAL: &'static str;
    fn id(&self) -> &str;
    fn lane(&self) -> &LaneId;
    /// The stage's items of this kind.
    fn of(stage: &Stage) -> &[Self];
    /// The item with this id in a version, and its stage.
    fn find<'a>(version: &Version<'a>, id: &str) -> Option<(&'a Stage, &'a Self)>;
    /// The item with its fields merged, in `lane`.
    fn merge(base: &Self, ours: &Self, theirs: &Self, lane: &LaneId, fields: &mut Fields) -> Self;
    /// How a line names it.
    fn name(&self) -> String;
    /// How a list of a cell's items, in order, names it: a card's text.
    fn words(&self) -> String;
    /// A card that shows theirs' version of it (before `CONFLICT: `).
    fn shown(theirs: &Self) -> Card;
}

impl InCell for Card {
    const PLURAL: &'static str = "cards";

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn lane(&self) -> &LaneId {
        &self.lane
    }

    fn of(stage: &Stage) -> &[Self] {
        &stage.cards
    }

    fn find<'a>(version: &Version<'a>, id: &str) -> Option<(&'a Stage, &'a Self)> {
        version.cards.get(id).copied()
    }

    fn merge(base: &Self, ours: &Self, theirs: &Self, lane: &LaneId, fields: &mut Fields) -> Self {
        let label = |name: Option<&'static str>| name.unwrap_or("none").to_owned();
        let answered = |id: &Option<CardId>| {
            id.as_ref()
                .map_or("nothing".to_owned(), ToString::to_string)
        };
        let yes_no = |flag: &bool| if *flag { "yes" } else { "no" }.to_owned();
        let rating = |r: &Option<u8>| r.map_or_else(|| "none".to_owned(), |r| r.to_string());
        let [b, o, t] = [base, ours, theirs];
        Self {
            id: ours.id.clone(),
            lane: lane.clone(),
            text: fields.take("text", &b.text, &o.text, &t.text, String::clone),
            state: fields.take_plain("state", &b.state, &o.state, &t.state, |s| {
                label(s.map(JourneyState::label))
            }),
            channel: fields.take_plain("channel", &b.channel, &o.channel, &t.channel, |c| {
                label(c.map(Channel::label))
            }),
            severity: fields.take_plain("severity", &b.severity, &o.severity, &t.severity, |s| {
                label(s.map(Severity::label))
            }),
            answers: fields.take_plain("answers", &b.answers, &o.answers, &t.answers, answered),
            leads_to: fields.take_plain(
                "leads to",
                &b.leads_to,
                &o.leads_to,
                &t.leads_to,
                answered,
            ),
            impact: fields.take_plain("impact", &b.impact, &o.impact, &t.impact, rating),
            effort: fields.take_plain("effort", &b.effort, &o.effort, &t.effort, rating),
            votes: merge_votes(&b.votes, &o.votes, &t.votes, fields),
            moment_of_truth: fields.take_plain(
                "moment of truth",
                &b.moment_of_truth,
                &o.moment_of_truth,
                &t.moment_of_truth,
                yes_no,
            ),
            notes: fields.take("notes", &b.notes, &o.notes, &t.notes, String::clone),
        }
    }

    fn name(&self) -> String {
        card_item(self)
    }

    fn words(&self) -> String {
        quote(&self.text)
    }

    fn shown(theirs: &Self) -> Card {
        let mut card = theirs.clone();
        card.text = format!("theirs' card {}: {}", theirs.id, theirs.text);
        card
    }
}

impl InCell for EmotionPoint {
    const PLURAL: &'static str = "points";

    fn id(&self) -> &str {
        self.id.as_str()
    }

    fn lane(&self) -> &LaneId {
        &self.lane
    }

    fn of(stage: &Stage) -> &[Self] {
        &stage.points
    }

    fn find<'a>(version: &Version<'a>, id: &str) -> Option<(&'a Stage, &'a Self)> {
        version.points.get(id).copied()
    }

    fn merge(base: &Self, ours: &Self, theirs: &Self, lane: &LaneId, fields: &mut Fields) -> Self {
        let [b, o, t] = [base, ours, theirs];
        let score = |c: &Option<i8>| c.map_or_else(|| "none".to_owned(), |c| format!("{c:+}"));
        Self {
            id: ours.id.clone(),
            lane: lane.clone(),
            score: fields.take_plain("score", &b.score, &o.score, &t.score, |s| format!("{s:+}")),
            company: fields.take_plain("company", &b.company, &o.company, &t.company, score),
            future: fields.take_plain("future", &b.future, &o.future, &t.future, score),
            label: fields.take("label", &b.label, &o.label, &t.label, String::clone),
        }
    }

    fn name(&self) -> String {
        point_item(self)
    }

    fn words(&self) -> String {
        if self.label.is_empty() {
            format!("{:+}", self.score)
        } else {
            format!("{:+} {}", self.score, quote(&self.label))
        }
    }

    fn shown(theirs: &Self) -> Card {
        let text = format!(
            "theirs' point {}: score {:+}, label {}",
            theirs.id,
            theirs.score,
            quote(&theirs.label)
        );
        Card::new(CardId::default(), theirs.lane.clone(), text)
    }
}

/// Votes merged voter by voter: each person's dots are taken from the side
/// that changed them, so two people voting in two branches keep both votes;
/// if both sides changed one person's dots differently, ours stay (a clash).
fn merge_votes(base: &Votes, ours: &Votes, theirs: &Votes, fields: &mut Fields) -> Votes {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let voters: BTreeSet<&str> = (ours.iter().chain(theirs.iter()))
        .chain(base.iter())
        .map(|(voter, _)| voter)
        .collect();
    let mut merged = Votes::new();
    for voter in voters {
        let [b, o, t] = [base, ours, theirs].map(|votes| votes.of(voter));
        let dots = fields.take_plain("votes", &b, &o, &t, |dots| format!("{voter} {dots}"));
        merged.set(voter, dots);
    }
    merged
}

/// Gives each stage of `map` (whose stages and lanes are merged) its
/// merged cards and points.
pub(super) fn fill(three: &Three<'_>, map: &mut JourneyMap, report: &mut Report) {
    let cards = merge_items::<Card>(three, report);
    let points = merge_items::<EmotionPoint>(three, report);
    let lanes: Vec<(LaneId, String)> = (map.lanes.iter())
        .map(|lane| (lane.id.clone(), lane.name.clone()))
        .collect();
    let cards = in_cells(three, &lanes, cards, &map.stages, report);
    let points = in_cells(three, &lanes, points, &map.stages, report);
    for ((stage, cards), points) in map.stages.iter_mut().zip(cards).zip(points) {
        stage.cards = cards.into();
        stage.points = points;
    }
}

/// Every card (or point) of the merged map by id, with its stage.
fn merge_items<'a, T: InCell>(
    three: &Three<'a>,
    report: &mut Report,
) -> HashMap<&'a str, (StageId, T)> {
    let [_, ours, theirs] = three.maps();
    let ids = (ours.stages.iter().flat_map(|s| T::of(s)).map(T::id)).chain(
        (theirs.stages.iter().flat_map(|s| T::of(s)).map(T::id))
            .filter(|id| T::find(&three.ours, id).is_none()),
    );
    let mut merged = HashMap::new();
    for id in ids {
        let [b, o, t] = [&three.base, &three.ours, &three.theirs].map(|v| T::find(v, id));
        let changed = |&(stage, item): &(&Stage, &T), _| {
            b.is_some_and(|(was_in, was)| was_in.id != stage.id || was != item)
        };
        let kept = match presence(b.as_ref(), o.as_ref(), t.as_ref(), changed) {
            Presence::Gone => continue,
            Presence::Added(&(stage, item)) => (stage.id.clone(), item.clone()),
            Presence::Kept {
                item: &(stage, item),
                changed_by,
            } => {
                let place = Place {
                    stage: Some(stage.id.clone()),
                    lane: Some(item.lane().clone()),
                    after: Some(CardId::new(item.id())),
                };
                report.changed_and_removed(item.name(), changed_by, place);
                (stage.id.clone(), item.clone())
            }
            Presence::Both { base, ours, theirs } => {
                both(three, base.unwrap_or(ours), ours, theirs, report)
            }
        };
        merged.insert(id, kept);
    }
    merged
}

/// An item both sides have: its fields merged, and its cell (stage and
/// lane together) taken from the side that moved it; ours, with a
/// conflict, if both moved it to different cells.
fn both<T: InCell>(
    three: &Three<'_>,
    &(base_stage, base): &(&Stage, &T),
    &(our_stage, ours): &(&Stage, &T),
    &(their_stage, theirs): &(&Stage, &T),
    report: &mut Report,
) -> (StageId, T) {
    let cell = |stage: &Stage, item: &T| (stage.id.clone(), item.lane().clone());
    let (was, our_cell, their_cell) = (
        cell(base_stage, base),
        cell(our_stage, ours),
        cell(their_stage, theirs),
    );
    let moved_both_ways = our_cell != their_cell && our_cell != was && their_cell != was;
    let (stage, lane) = if our_cell == was {
        their_cell
    } else {
        our_cell
    };
    let mut fields = Fields::default();
    let item = T::merge(base, ours, theirs, &lane, &mut fields);
    if !moved_both_ways && fields.all_agree() {
        return (stage, item);
    }
    let mut detail = clash_detail(&fields.into_clashes());
    let mut marker_at = Place {
        stage: Some(stage.clone()),
        lane: Some(lane.clone()),
        after: Some(CardId::new(ours.id())),
    };
    if moved_both_ways {
        let to = |map: &JourneyMap, stage: &Stage, item: &T| place(map, stage, item.lane());
        let moves = format!(
            "ours to {}, theirs to {}",
            to(three.ours.map, our_stage, ours),
            to(three.theirs.map, their_stage, theirs)
        );
        detail = if detail.is_empty() {
            moves
        } else {
            format!("{moves}; {detail}")
        };
        marker_at = Place {
            stage: Some(their_stage.id.clone()),
            lane: Some(theirs.lane().clone()),
            after: None,
        };
    }
    let kind = if moved_both_ways {
        ConflictKind::BothMoved
    } else {
        ConflictKind::BothChanged
    };
    let conflict = Conflict {
        kind,
        item: ours.name(),
        detail: format!("{detail}; kept ours"),
        marker: None,
    };
    report.conflict(conflict, T::shown(theirs), marker_at);
    (stage, item)
}

/// The items of each merged stage (in the order of `stages`), cell by
/// cell in the order of `lanes`, each cell in its merged order. An item
/// whose stage or lane is not in the merged map is left out.
fn in_cells<'a, T: InCell>(
    three: &Three<'a>,
    lanes: &[(LaneId, String)],
    mut merged: HashMap<&'a str, (StageId, T)>,
    stages: &[Stage],
    report: &mut Report,
) -> Vec<Vec<T>> {
    let [base, ours, theirs] = three.maps().map(|map| cells(map, &merged));
    let none = Vec::new();
    let mut filled = Vec::with_capacity(stages.len());
    for stage in stages {
        let mut items = Vec::new();
        for (lane, lane_name) in lanes {
            let key = (stage.id.as_str(), lane.as_str());
            let [b, o, t] = [&base, &ours, &theirs].map(|cells| cells.get(&key).unwrap_or(&none));
            if o.is_empty() && t.is_empty() {
                continue;
            }
            let ordered = merge_order(b, o, t);
            if ordered.clash {
                let item = format!(
                    "{} in {} / {}",
                    T::PLURAL,
                    quote(&stage.name),
                    quote(lane_name)
                );
                let theirs_order: Vec<String> = t
                    .iter()
                    .filter_map(|id| T::find(&three.theirs, id))
                    .map(|(_, item)| item.words())
                    .collect();
                let card = Card::new(
                    CardId::default(),
                    lane.clone(),
                    format!("theirs' order of {item}: {}", theirs_order.join(", ")),
                );
                let place = Place {
                    stage: Some(stage.id.clone()),
                    lane: Some(lane.clone()),
                    after: None,
                };
                report.conflict(reordered(item), card, place);
            }
            items.extend(
                ordered
                    .ids
                    .iter()
                    .filter_map(|id| merged.remove(id))
                    .map(|(_, item)| item),
            );
        }
        filled.push(items);
    }
    filled
}

/// The ids of a map's items by cell, in order: only items that are in the
/// same cell in the merged map.
fn cells<'a, T: InCell>(
    map: &'a JourneyMap,
    merged: &HashMap<&str, (StageId, T)>,
) -> HashMap<(&'a str, &'a str), Vec<&'a str>> {
    let mut cells: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for stage in &map.stages {
        for item in T::of(stage) {
            let same_cell = merged
                .get(item.id())
                .is_some_and(|(now_in, now)| now_in == &stage.id && now.lane() == item.lane());
            if same_cell {
                cells
                    .entry((stage.id.as_str(), item.lane().as_str()))
                    .or_default()
                    .push(item.id());
            }
        }
    }
    cells
}

/// The conflict of a list (`item`) that both sides reordered, in
/// different ways: ours' order was kept.
pub(super) fn reordered(item: String) -> Conflict {
    Conflict {
        kind: ConflictKind::BothReordered,
        item,
        detail: "kept ours' order".to_owned(),
        marker: None,
    }
}
