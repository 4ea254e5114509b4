//! Three-way merge of maps, item by item: what git needs to merge two
//! branches that each changed a map since their common ancestor.
//!
//! Like [`super::diff`], it matches the title, the persona's fields, and
//! each lane, stage, card and emotion point by id, and compares every field
//! of an item on its own:
//!
//! - A change made on one side only is taken; the same change made on both
//!   sides is taken once. Two changes to different fields of one card (its
//!   text here, its severity there) are both taken.
//! - Items added on both sides are all kept. When both sides made up the
//!   same id for different items (both added a `c12`), theirs gets a fresh
//!   id (see [`Renamed`]).
//! - Order: a list (the lanes, the stages, the cards of one cell, the
//!   points of one stage's emotion lane) takes the order of the side that
//!   reordered it, if only one did. A new item goes after the item it
//!   follows on its side; two sides' new items after the same item go in
//!   the order of their ids (`c9` before `c10`), so the result does not
//!   depend on which side is which.
//! - A true conflict keeps ours and says so in a [`Conflict`]: a field
//!   changed two ways, an item moved to two places, an item changed on one
//!   side and removed on the other (then it is kept, which loses nothing),
//!   a list reordered two ways. Theirs is shown in the map as a card whose
//!   text starts with `CONFLICT:`, next to what it is about.
//! - The result is always a valid map ([`JourneyMap::repair`]): a link to a
//!   pain point removed on the other side is cleared, as removing it would.

mod cells;
mod conflict;
mod fresh;
mod lists;
mod order;
mod pick;
mod rename;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

pub use conflict::{Conflict, ConflictKind, Renamed};

use super::{Card, EmotionPoint, JourneyMap, Lane, Stage};
use conflict::Report;
use fresh::FreshIds;
use pick::Fields;

/// What [`merge`] made of three maps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged map; [`super::validate`] finds nothing wrong with it.
    pub map: JourneyMap,
    /// Every true conflict, in the order of the map: where ours was kept
    /// over theirs.
    pub conflicts: Vec<Conflict>,
    /// Items theirs added whose id ours had used for something else, and
    /// the id each now has.
    pub renamed: Vec<Renamed>,
}

/// Merges the changes `ours` and `theirs` each made to `base`.
pub fn merge(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> Merged {
    let mut fresh = FreshIds::new([base, ours, theirs]);
    let (theirs, renamed) = rename::clashing_additions(base, ours, theirs, &mut fresh);
    let three = Three::new(base, ours, &theirs);
    let mut report = Report::default();
    let mut map = JourneyMap {
        lanes: lists::lanes(&three, &mut report),
        stages: lists::stages(&three, &mut report),
        ..JourneyMap::default()
    };
    map_fields(&three, &mut map, &mut report);
    cells::fill(&three, &mut map, &mut report);
    let conflicts = report.place_markers(&mut map, &mut fresh);
    map.repair();
    Merged {
        map,
        conflicts,
        renamed,
    }
}

/// The title, the scenario and the persona's fields.
fn map_fields(three: &Three<'_>, map: &mut JourneyMap, report: &mut Report) {
    let [base, ours, theirs] = three.maps();
    let text = |field: &String| field.clone();
    let list = |items: &Vec<String>| items.join("; ");
    let mut fields = Fields::default();
    let mut one = |name: &'static str, pick: fn(&JourneyMap) -> &String| {
        fields.take(name, pick(base), pick(ours), pick(theirs), text)
    };
    map.title = one("title", |m| &m.title);
    map.scenario = one("scenario", |m| &m.scenario);
    map.persona.name = one("persona name", |m| &m.persona.name);
    map.persona.role = one("persona role", |m| &m.persona.role);
    map.persona.quote = one("persona quote", |m| &m.persona.quote);
    let [b, o, t] = [&base.persona, &ours.persona, &theirs.persona];
    map.persona.goals = fields.take("persona goals", &b.goals, &o.goals, &t.goals, list);
    map.persona.expectations = fields.take(
        "persona expectations",
        &b.expectations,
        &o.expectations,
        &t.expectations,
        list,
    );
    // The field is the whole item: `title: ours "A", theirs "B"`.
    for mut clash in fields.into_clashes() {
        let item = std::mem::take(&mut clash.field);
        report.field_clash(item.to_owned(), &[clash], None, None);
    }
}

/// Ours or theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Ours,
    Theirs,
}

impl Side {
    /// `ours` or `theirs`.
    fn name(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }

    /// The other side.
    fn other(self) -> Self {
        match self {
            Self::Ours => Self::Theirs,
            Self::Theirs => Self::Ours,
        }
    }
}

/// One of the three maps, with its items found by id.
struct Version<'a> {
    map: &'a JourneyMap,
    lanes: HashMap<&'a str, &'a Lane>,
    stages: HashMap<&'a str, &'a Stage>,
    cards: HashMap<&'a str, (&'a Stage, &'a Card)>,
    points: HashMap<&'a str, (&'a Stage, &'a EmotionPoint)>,
}

impl<'a> Version<'a> {
    fn new(map: &'a JourneyMap) -> Self {
        let mut cards = HashMap::with_capacity(map.card_count());
        let mut points = HashMap::with_capacity(map.point_count());
        for stage in &map.stages {
            cards.extend(stage.cards.iter().map(|c| (c.id.as_str(), (stage, c))));
            points.extend(stage.points.iter().map(|p| (p.id.as_str(), (stage, p))));
        }
        Self {
            map,
            lanes: map.lanes.iter().map(|l| (l.id.as_str(), l)).collect(),
            stages: map.stages.iter().map(|s| (s.id.as_str(), s)).collect(),
            cards,
            points,
        }
    }
}

/// The stages and lanes in which one side added a card or point, changed
/// one or moved one in: changes to what is in them, beyond their own fields.
#[derive(Default)]
struct Touched<'a> {
    stages: HashSet<&'a str>,
    lanes: HashSet<&'a str>,
}

impl<'a> Touched<'a> {
    fn new(side: &Version<'a>, base: &Version<'_>) -> Self {
        let mut touched = Self::default();
        for (id, (stage, card)) in &side.cards {
            let same = base
                .cards
                .get(id)
                .is_some_and(|(was_in, was)| was_in.id == stage.id && was == card);
            if !same {
                touched.stages.insert(stage.id.as_str());
                touched.lanes.insert(card.lane.as_str());
            }
        }
        for (id, (stage, point)) in &side.points {
            let same = base
                .points
                .get(id)
                .is_some_and(|(was_in, was)| was_in.id == stage.id && was == point);
            if !same {
                touched.stages.insert(stage.id.as_str());
                touched.lanes.insert(point.lane.as_str());
            }
        }
        touched
    }
}

/// The three maps of a merge, with what each side touched.
struct Three<'a> {
    base: Version<'a>,
    ours: Version<'a>,
    theirs: Version<'a>,
    ours_touched: Touched<'a>,
    theirs_touched: Touched<'a>,
}

impl<'a> Three<'a> {
    fn new(base: &'a JourneyMap, ours: &'a JourneyMap, theirs: &'a JourneyMap) -> Self {
        let [base, ours, theirs] = [base, ours, theirs].map(Version::new);
        Self {
            ours_touched: Touched::new(&ours, &base),
            theirs_touched: Touched::new(&theirs, &base),
            base,
            ours,
            theirs,
        }
    }

    fn maps(&self) -> [&'a JourneyMap; 3] {
        [self.base.map, self.ours.map, self.theirs.map]
    }

    fn touched(&self, side: Side) -> &Touched<'a> {
        match side {
            Side::Ours => &self.ours_touched,
            Side::Theirs => &self.theirs_touched,
        }
    }
}
