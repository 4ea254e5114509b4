//! What changed between two maps, item by item: the title, the persona's
//! fields, each lane, stage, card and emotion point, matched by id. Only
//! meaning counts: two files that load as the same map have no difference.

use std::collections::HashMap;
use std::fmt;

use super::{
    BlueprintLine, Card, CardId, EmotionPoint, JourneyMap, Lane, LaneId, PointId, Stage, StageId,
};

/// One difference between two maps, as a line a person reads. Texts are
/// quoted on one line, cut after 60 characters, with `\"` for a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What kind of change.
    pub change: Change,
    /// The item it is about, for marking it on the canvas.
    pub subject: Subject,
    /// The item, named by kind, id and text: `card c12 "Scans her card"`.
    pub item: String,
    /// What about it changed, when it was changed or moved.
    pub detail: String,
}

/// The item a [`Difference`] is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A field of the map itself: the title, the scenario, a persona field.
    Map,
    /// A lane.
    Lane(LaneId),
    /// A stage's own fields or place (not its cards and points).
    Stage(StageId),
    /// A card.
    Card(CardId),
    /// An emotion point.
    Point(PointId),
}

/// Added, removed, changed or moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// In the second map only.
    Added,
    /// In the first map only.
    Removed,
    /// In both, with a field that differs.
    Changed,
    /// In both, somewhere else.
    Moved,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let change = match self.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Moved => "moved",
        };
        if self.detail.is_empty() {
            write!(f, "{change} {}", self.item)
        } else {
            write!(f, "{change} {}: {}", self.item, self.detail)
        }
    }
}

/// Every difference from `old` to `new`, map fields first, then lanes,
/// stages, cards and points.
pub fn diff(old: &JourneyMap, new: &JourneyMap) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut field = |item: &str, before: &str, after: &str| {
        if before != after {
            out.push(changed(
                Subject::Map,
                item.to_owned(),
                format!("{} → {}", quote(before), quote(after)),
            ));
        }
    };
    field("title", &old.title, &new.title);
    field("scenario", &old.scenario, &new.scenario);
    field("persona name", &old.persona.name, &new.persona.name);
    field("persona role", &old.persona.role, &new.persona.role);
    field("persona quote", &old.persona.quote, &new.persona.quote);
    field(
        "persona goals",
        &old.persona.goals.join("; "),
        &new.persona.goals.join("; "),
    );
    field(
        "persona expectations",
        &old.persona.expectations.join("; "),
        &new.persona.expectations.join("; "),
    );
    lanes(old, new, &mut out);
    stages(old, new, &mut out);
    cards(old, new, &mut out);
    points(old, new, &mut out);
    out
}

fn changed(subject: Subject, item: String, detail: String) -> Difference {
    Difference {
        change: Change::Changed,
        subject,
        item,
        detail,
    }
}

pub(super) fn quote(text: &str) -> String {
    let one_line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "\\\"");
    let short: String = one_line.chars().take(60).collect();
    if short.len() < one_line.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// The ids of `old_order` that are also in `new_order` but not in their
/// longest common subsequence: the ones that moved.
fn moved_ids<'a>(old_order: &[&'a str], new_order: &[&'a str]) -> Vec<&'a str> {
    let (a, b) = (old_order, new_order);
    let mut lengths = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut kept = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            kept.push(a[i]);
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    a.iter()
        .copied()
        .filter(|id| b.contains(id) && !kept.contains(id))
        .collect()
}

pub(super) fn lane_item(lane: &Lane) -> String {
    format!("lane {} {}", lane.id, quote(&lane.name))
}

fn lanes(old: &JourneyMap, new: &JourneyMap, out: &mut Vec<Difference>) {
    let fields = |lane: &Lane, now: &Lane| {
        let mut details = Vec::new();
        if now.name != lane.name {
            details.push(format!("name → {}", quote(&now.name)));
        }
        if now.kind != lane.kind {
            details.push(format!("kind {} → {}", lane.kind.label(), now.kind.label()));
        }
        if now.colour != lane.colour {
            details.push("colour".to_owned());
        }
        if now.line_below != lane.line_below {
            let line = |line: Option<BlueprintLine>| {
                line.map_or("none", BlueprintLine::label).to_lowercase()
            };
            details.push(format!(
                "line below {} → {}",
                line(lane.line_below),
                line(now.line_below)
            ));
        }
        details
    };
    let added = |lane: &Lane| format!("{} lane", lane.kind.label());
    ordered(
        &old.lanes,
        &new.lanes,
        |l| l.id.as_str(),
        |l| (Subject::Lane(l.id.clone()), lane_item(l)),
        fields,
        added,
        out,
    );
}

pub(super) fn stage_item(stage: &Stage) -> String {
    format!("stage {} {}", stage.id, quote(&stage.name))
}

fn stages(old: &JourneyMap, new: &JourneyMap, out: &mut Vec<Difference>) {
    let fields = |stage: &Stage, now: &Stage| {
        let mut details = Vec::new();
        for (name, before, after) in [
            ("name", &stage.name, &now.name),
            ("description", &stage.description, &now.description),
            ("owner", &stage.owner, &now.owner),
            ("metrics", &stage.metrics, &now.metrics),
        ] {
            if before != after {
                details.push(format!("{name} → {}", quote(after)));
            }
        }
        if now.colour != stage.colour {
            details.push("colour".to_owned());
        }
        if now.kpis != stage.kpis {
            let kpis: Vec<String> = now.kpis.iter().map(super::Kpi::summary).collect();
            details.push(if kpis.is_empty() {
                "kpis → none".to_owned()
            } else {
                format!("kpis → {}", kpis.join("; "))
            });
        }
        details
    };
    let added = |_: &Stage| String::new();
    ordered(
        &old.stages,
        &new.stages,
        |s| s.id.as_str(),
        |s| (Subject::Stage(s.id.clone()), stage_item(s)),
        fields,
        added,
        out,
    );
}

/// The differences of a list in which order matters (lanes, stages): each
/// item removed, changed (`fields` says how), added (`added` says what it
/// is) or moved among the others, matched by `id`.
fn ordered<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
    item: impl Fn(&T) -> (Subject, String),
    fields: impl Fn(&T, &T) -> Vec<String>,
    added: impl Fn(&T) -> String,
    out: &mut Vec<Difference>,
) {
    let find = |list: &'a [T], key: &str| list.iter().find(|x| id(x) == key);
    for was in old {
        let (subject, name) = item(was);
        let Some(now) = find(new, id(was)) else {
            out.push(Difference {
                change: Change::Removed,
                subject,
                item: name,
                detail: String::new(),
            });
            continue;
        };
        let details = fields(was, now);
        if !details.is_empty() {
            out.push(changed(subject, name, details.join(", ")));
        }
    }
    for now in new.iter().filter(|n| find(old, id(n)).is_none()) {
        let (subject, name) = item(now);
        out.push(Difference {
            change: Change::Added,
            subject,
            item: name,
            detail: added(now),
        });
    }
    let ids = |list: &'a [T]| -> Vec<&'a str> { list.iter().map(&id).collect() };
    moves(&ids(old), &ids(new), out, |key| find(old, key).map(&item));
}

/// A "moved" line for each id that changed places among the others.
fn moves(
    old: &[&str],
    new: &[&str],
    out: &mut Vec<Difference>,
    item: impl Fn(&str) -> Option<(Subject, String)>,
) {
    for id in moved_ids(old, new) {
        let position = new.iter().position(|n| *n == id).map_or(0, |p| p + 1);
        if let Some((subject, item)) = item(id) {
            out.push(Difference {
                change: Change::Moved,
                subject,
                item,
                detail: format!("now {position} of {}", new.len()),
            });
        }
    }
}

/// Where a card or point is: its stage's and lane's names.
pub(super) fn place(map: &JourneyMap, stage: &Stage, lane: &LaneId) -> String {
    let lane = map.lane(lane).map_or(lane.as_str(), |l| l.name.as_str());
    format!("{} / {}", quote(&stage.name), quote(lane))
}

/// A cell: the map, the stage and the lane.
type Cell<'a> = (&'a JourneyMap, &'a Stage, &'a LaneId);

/// A "moved" line if the item is in another cell than it was.
fn moved_cell(
    subject: Subject,
    item: impl Fn() -> String,
    (was, is): (Cell<'_>, Cell<'_>),
) -> Option<Difference> {
    let same = was.1.id == is.1.id && was.2 == is.2;
    (!same).then(|| Difference {
        change: Change::Moved,
        subject,
        item: item(),
        detail: format!(
            "{} → {}",
            place(was.0, was.1, was.2),
            place(is.0, is.1, is.2)
        ),
    })
}

pub(super) fn card_item(card: &Card) -> String {
    format!("card {} {}", card.id, quote(&card.text))
}

/// Each card's stage and place in it, by id.
fn card_places(map: &JourneyMap) -> HashMap<&str, (usize, usize)> {
    let mut found = HashMap::new();
    for (s, stage) in map.stages.iter().enumerate() {
        for (c, card) in stage.cards.iter().enumerate() {
            found.insert(card.id.as_str(), (s, c));
        }
    }
    found
}

fn cards(old: &JourneyMap, new: &JourneyMap, out: &mut Vec<Difference>) {
    let (before, after) = (card_places(old), card_places(new));
    for stage in &old.stages {
        for card in &stage.cards {
            let Some(&(t, c)) = after.get(card.id.as_str()) else {
                out.push(Difference {
                    change: Change::Removed,
                    subject: Subject::Card(card.id.clone()),
                    item: card_item(card),
                    detail: format!("from {}", place(old, stage, &card.lane)),
                });
                continue;
            };
            let (now_stage, now) = (&new.stages[t], &new.stages[t].cards[c]);
            card_changes(old, card, now, out);
            let cells = ((old, stage, &card.lane), (new, now_stage, &now.lane));
            let subject = Subject::Card(card.id.clone());
            out.extend(moved_cell(subject, || card_item(card), cells));
        }
    }
    for stage in &new.stages {
        for card in stage
            .cards
            .iter()
            .filter(|c| !before.contains_key(c.id.as_str()))
        {
            out.push(Difference {
                change: Change::Added,
                subject: Subject::Card(card.id.clone()),
                item: card_item(card),
                detail: format!("in {}", place(new, stage, &card.lane)),
            });
        }
    }
    cell_orders(old, new, out);
}

fn card_changes(old: &JourneyMap, card: &Card, now: &Card, out: &mut Vec<Difference>) {
    let mut details = Vec::new();
    if now.text != card.text {
        details.push(format!("text → {}", quote(&now.text)));
    }
    if now.channel != card.channel {
        details.push(format!(
            "channel → {}",
            now.channel.map_or("none", super::Channel::label)
        ));
    }
    if now.severity != card.severity {
        details.push(format!(
            "severity → {}",
            now.severity.map_or("none", super::Severity::label)
        ));
    }
    if now.answers != card.answers {
        let answered = now.answers.as_ref().map_or_else(
            || "nothing".to_owned(),
            |id| match old.card(id) {
                Some((_, pain)) => format!("{id} {}", quote(&pain.text)),
                None => id.to_string(),
            },
        );
        details.push(format!("answers → {answered}"));
    }
    if now.leads_to != card.leads_to {
        let led = now.leads_to.as_ref().map_or_else(
            || "nothing".to_owned(),
            |id| match old.card(id) {
                Some((_, future)) => format!("{id} {}", quote(&future.text)),
                None => id.to_string(),
            },
        );
        details.push(format!("leads to → {led}"));
    }
    if now.state != card.state {
        details.push(format!(
            "state → {}",
            now.state
                .map_or("current and future", super::JourneyState::label)
        ));
    }
    let rating = |r: Option<u8>| r.map_or_else(|| "none".to_owned(), |r| r.to_string());
    if now.impact != card.impact {
        details.push(format!("impact → {}", rating(now.impact)));
    }
    if now.effort != card.effort {
        details.push(format!("effort → {}", rating(now.effort)));
    }
    if now.votes != card.votes {
        details.push(format!("votes → {}", votes_line(&now.votes)));
    }
    if now.moment_of_truth != card.moment_of_truth {
        details.push(if now.moment_of_truth {
            "now a moment of truth".to_owned()
        } else {
            "no longer a moment of truth".to_owned()
        });
    }
    if now.notes != card.notes {
        details.push(format!("notes → {}", quote(&now.notes)));
    }
    if !details.is_empty() {
        out.push(changed(
            Subject::Card(card.id.clone()),
            card_item(card),
            details.join(", "),
        ));
    }
}

/// Votes as a line reads them: `3 (Ana 2, Ben 1)`, or `none`.
pub(super) fn votes_line(votes: &super::Votes) -> String {
    if votes.is_empty() {
        return "none".to_owned();
    }
    let each: Vec<String> = votes
        .iter()
        .map(|(voter, dots)| format!("{} {dots}", quote(voter)))
        .collect();
    format!("{} ({})", votes.total(), each.join(", "))
}

/// The ids of a cell's cards, in order.
fn cell<'a>(stage: &'a Stage, lane: &'a Lane) -> Vec<&'a str> {
    stage.cards_in(&lane.id).map(|c| c.id.as_str()).collect()
}

/// Cards that stayed in their cell but changed places within it.
fn cell_orders(old: &JourneyMap, new: &JourneyMap, out: &mut Vec<Difference>) {
    for stage in &old.stages {
        let Some(now) = new.stage(&stage.id) else {
            continue;
        };
        if now.cards.shares_with(&stage.cards) {
            continue;
        }
        for lane in &old.lanes {
            let (was, is) = (cell(stage, lane), cell(now, lane));
            if was == is {
                continue;
            }
            let common: Vec<&str> = was.iter().filter(|id| is.contains(id)).copied().collect();
            let common_now: Vec<&str> = is.iter().filter(|id| was.contains(id)).copied().collect();
            moves(&common, &common_now, out, |id| {
                stage
                    .cards
                    .iter()
                    .find(|c| c.id.as_str() == id)
                    .map(|c| (Subject::Card(c.id.clone()), card_item(c)))
            });
        }
    }
}

pub(super) fn point_item(point: &EmotionPoint) -> String {
    format!("point {} {}", point.id, quote(&point.label))
}

fn points(old: &JourneyMap, new: &JourneyMap, out: &mut Vec<Difference>) {
    for stage in &old.stages {
        for point in &stage.points {
            let Some((now_stage, now)) = new.point(&point.id) else {
                out.push(Difference {
                    change: Change::Removed,
                    subject: Subject::Point(point.id.clone()),
                    item: point_item(point),
                    detail: format!("from {}", place(old, stage, &point.lane)),
                });
                continue;
            };
            let mut details = Vec::new();
            if now.score != point.score {
                details.push(format!("score {:+} → {:+}", point.score, now.score));
            }
            if now.label != point.label {
                details.push(format!("label → {}", quote(&now.label)));
            }
            if now.company != point.company {
                details.push(match (point.company, now.company) {
                    (Some(was), Some(is)) => format!("company {was:+} → {is:+}"),
                    (None, Some(is)) => format!("company → {is:+}"),
                    _ => "company → none".to_owned(),
                });
            }
            if now.future != point.future {
                details.push(match (point.future, now.future) {
                    (Some(was), Some(is)) => format!("future {was:+} → {is:+}"),
                    (None, Some(is)) => format!("future → {is:+}"),
                    _ => "future → none".to_owned(),
                });
            }
            if !details.is_empty() {
                out.push(changed(
                    Subject::Point(point.id.clone()),
                    point_item(point),
                    details.join(", "),
                ));
            }
            let cells = ((old, stage, &point.lane), (new, now_stage, &now.lane));
            let subject = Subject::Point(point.id.clone());
            out.extend(moved_cell(subject, || point_item(point), cells));
        }
    }
    for stage in &new.stages {
        for point in stage.points.iter().filter(|p| old.point(&p.id).is_none()) {
            out.push(Difference {
                change: Change::Added,
                subject: Subject::Point(point.id.clone()),
                item: point_item(point),
                detail: format!(
                    "in {}, score {:+}",
                    place(new, stage, &point.lane),
                    point.score
                ),
            });
        }
    }
}
