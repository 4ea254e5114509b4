//! Making a map valid again after it was put together from parts, such as
//! a merge of two maps that were each valid but may not be together.

use std::collections::{HashMap, HashSet};

use super::ops::fit_card_to_lane;
use super::{
    Card, CardId, JourneyMap, LaneId, LaneKind, MAX_RATING, MAX_SCORE, MIN_RATING, MIN_SCORE,
    PointId, StageId, ids,
};

/// Where an item sits, to give it a new id.
enum Item {
    Lane(usize),
    Stage(usize),
    Card(usize, usize),
    Point(usize, usize),
}

impl JourneyMap {
    /// Makes the map one that [`super::validate`] finds nothing wrong
    /// with, by the rules a shared map is repaired by (see [`crate::sync`]),
    /// except that no item is lost to a clash of ids:
    ///
    /// - An id that is not well formed, or already used by an item before
    ///   it in the file, is replaced by a fresh one (links keep naming the
    ///   first item that has it).
    /// - A card whose lane is gone or holds no cards, and a point outside
    ///   an emotion lane, is dropped: there is no cell to show it in.
    /// - What a card's lane does not allow is dropped (a channel outside
    ///   touchpoints, a severity outside pain points, a link outside
    ///   opportunities), and so is a link to a card that is not a pain point.
    /// - A `leads_to` that names no card is dropped.
    /// - Scores (the customer's, the company's and the future's) are
    ///   clamped to −3..=+3,
    ///   and cards and points put in lane order.
    /// - A kind of blueprint line drawn under two lanes stays under the
    ///   first of them.
    ///
    /// A stage whose cards need nothing done keeps sharing them.
    pub fn repair(&mut self) {
        self.renew_clashing_ids();
        super::keep_first_lines(&mut self.lanes);
        let kinds: HashMap<LaneId, LaneKind> = self
            .lanes
            .iter()
            .map(|lane| (lane.id.clone(), lane.kind))
            .collect();
        let fits = |card: &Card| {
            kinds
                .get(&card.lane)
                .is_some_and(|&kind| kind.holds_cards() && carries_only_what_fits(card, kind))
        };
        for stage in &mut self.stages {
            if !stage.cards.iter().all(fits) {
                stage.cards.to_mut().retain_mut(|card| {
                    match kinds.get(&card.lane).copied().filter(|k| k.holds_cards()) {
                        Some(kind) => {
                            fit_card_to_lane(card, kind);
                            true
                        }
                        None => false,
                    }
                });
            }
            stage
                .points
                .retain(|point| kinds.get(&point.lane) == Some(&LaneKind::Emotion));
            for point in &mut stage.points {
                point.score = point.score.clamp(MIN_SCORE, MAX_SCORE);
                point.company = point.company.map(|c| c.clamp(MIN_SCORE, MAX_SCORE));
                point.future = point.future.map(|c| c.clamp(MIN_SCORE, MAX_SCORE));
            }
        }
        self.unlink_answers_to_other_than_pain_points();
        self.unlink_stray_leads_to();
        self.sort_cells();
    }

    /// Gives every item whose id is malformed, or taken by an item before
    /// it in the file, a fresh id.
    fn renew_clashing_ids(&mut self) {
        let clashing: Vec<Item> = {
            let mut seen: HashSet<&str> = HashSet::new();
            self.ids_in_file_order()
                .into_iter()
                .filter(|&(id, _)| !ids::is_well_formed(id) || !seen.insert(id))
                .map(|(_, item)| item)
                .collect()
        };
        for item in clashing {
            match item {
                Item::Lane(l) => self.lanes[l].id = LaneId::new(self.fresh_id("l")),
                Item::Stage(s) => self.stages[s].id = StageId::new(self.fresh_id("s")),
                Item::Card(s, c) => {
                    let id = CardId::new(self.fresh_id("c"));
                    self.stages[s].cards.to_mut()[c].id = id;
                }
                Item::Point(s, p) => self.stages[s].points[p].id = PointId::new(self.fresh_id("p")),
            }
        }
    }

    /// Every id with its item, in the order of the file.
    fn ids_in_file_order(&self) -> Vec<(&str, Item)> {
        let mut found: Vec<(&str, Item)> = (self.lanes.iter().enumerate())
            .map(|(l, lane)| (lane.id.as_str(), Item::Lane(l)))
            .collect();
        for (s, stage) in self.stages.iter().enumerate() {
            found.push((stage.id.as_str(), Item::Stage(s)));
            let cards = stage.cards.iter().enumerate();
            found.extend(cards.map(|(c, card)| (card.id.as_str(), Item::Card(s, c))));
            let points = stage.points.iter().enumerate();
            found.extend(points.map(|(p, point)| (point.id.as_str(), Item::Point(s, p))));
        }
        found
    }

    /// Clears every link to a card that is not a pain point (or not there).
    fn unlink_answers_to_other_than_pain_points(&mut self) {
        let pain_points: HashSet<CardId> = self.pain_points().map(|c| c.id.clone()).collect();
        let dangling = |card: &Card| {
            card.answers
                .as_ref()
                .is_some_and(|target| !pain_points.contains(target))
        };
        for stage in &mut self.stages {
            if stage.cards.iter().any(dangling) {
                for card in stage.cards.to_mut() {
                    if dangling(card) {
                        card.answers = None;
                    }
                }
            }
        }
    }
}

impl JourneyMap {
    /// Clears every `leads_to` that names no card of the map, or that a
    /// card outside an opportunities lane carries. A map with no such link
    /// is only looked through.
    pub fn unlink_stray_leads_to(&mut self) {
        if !self.cards().any(|card| card.leads_to.is_some()) {
            return;
        }
        let cards: HashSet<CardId> = self.cards().map(|c| c.id.clone()).collect();
        let opportunity_lanes: HashSet<LaneId> = (self.lanes.iter())
            .filter(|lane| lane.kind == LaneKind::Opportunities)
            .map(|lane| lane.id.clone())
            .collect();
        let stray = |card: &Card| {
            card.leads_to.as_ref().is_some_and(|target| {
                !cards.contains(target) || !opportunity_lanes.contains(&card.lane)
            })
        };
        for stage in &mut self.stages {
            if stage.cards.iter().any(stray) {
                for card in stage.cards.to_mut() {
                    if stray(card) {
                        card.leads_to = None;
                    }
                }
            }
        }
    }
}

/// Whether a card in a lane of `kind` carries only what that lane allows.
fn carries_only_what_fits(card: &Card, kind: LaneKind) -> bool {
    (card.channel.is_none() || kind == LaneKind::Touchpoints)
        && (card.severity.is_none() || kind == LaneKind::PainPoints)
        && ((card.answers.is_none()
            && card.leads_to.is_none()
            && card.impact.is_none()
            && card.effort.is_none())
            || kind == LaneKind::Opportunities)
        && (card.votes.is_empty() || kind.takes_votes())
        && card.votes.problem().is_none()
        && [card.impact, card.effort]
            .iter()
            .flatten()
            .all(|r| (MIN_RATING..=MAX_RATING).contains(r))
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Card, CardId, EmotionPoint, JourneyMap, Lane, LaneId, LaneKind, PointId, Severity, Stage,
        StageId, validate,
    };

    #[test]
    fn a_map_put_together_from_parts_is_made_valid_without_losing_a_card_to_a_clash() {
        let lane = |id: &str, kind| Lane {
            id: LaneId::new(id),
            name: id.to_owned(),
            kind,
            colour: None,
            line_below: None,
        };
        let card = |id: &str, lane: &str| Card::new(CardId::new(id), LaneId::new(lane), id);
        let mut stage = Stage::new(StageId::new("s1"), "Visit");
        let mut noted = card("c1", "doing");
        noted.severity = Some(Severity::High);
        let mut answering = card("c3", "opp");
        answering.answers = Some(CardId::new("gone"));
        stage.cards = vec![
            noted,
            card("c1", "doing"),
            card("c2", "nowhere"),
            answering,
            card("c4", "feel"),
        ]
        .into();
        stage.points = vec![EmotionPoint {
            id: PointId::new("p1"),
            lane: LaneId::new("feel"),
            score: 9,
            company: None,
            future: None,
            label: String::new(),
        }];
        let mut map = JourneyMap {
            lanes: vec![
                lane("doing", LaneKind::Text),
                lane("feel", LaneKind::Emotion),
                lane("opp", LaneKind::Opportunities),
            ],
            stages: vec![stage],
            ..JourneyMap::default()
        };
        assert!(!validate(&map).is_empty());
        map.repair();
        assert_eq!(validate(&map), Vec::new());
        let ids: Vec<&str> = map.cards().map(|c| c.id.as_str()).collect();
        // The second c1 has a fresh id; c2's lane is gone and c4's holds
        // no cards; c1 loses its severity and c3 its link.
        assert_eq!(ids, ["c1", "c5", "c3"]);
        assert_eq!(map.cards().next().and_then(|c| c.severity), None);
        assert_eq!(map.stages[0].points[0].score, 3);
        assert!(map.cards().all(|c| c.answers.is_none()));
    }
}
