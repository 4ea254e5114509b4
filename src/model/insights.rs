//! Insights: figures derived from a map, never stored in it. The health of
//! each stage (pain points, their weighted severity, mean emotion, moments
//! of truth, the biggest perception gap, KPIs), the biggest gaps between
//! what the customer feels and what the company believes, and the most
//! voted pain points and opportunities.
//!
//! `journeymap stats`, the health strip, the insights panel and the
//! insights slide all read these, so they always agree.

use super::{Card, EmotionPoint, JourneyMap, LaneKind, Severity, Stage};

/// How much a pain point weighs in a severity score: 1 for low (or no
/// severity given), 2 medium, 3 high, 4 critical.
pub fn severity_weight(severity: Option<Severity>) -> u32 {
    match severity {
        None | Some(Severity::Low) => 1,
        Some(Severity::Medium) => 2,
        Some(Severity::High) => 3,
        Some(Severity::Critical) => 4,
    }
}

/// The gap at one emotion point where the company's belief is recorded.
#[derive(Clone, Copy, Debug)]
pub struct Gap<'a> {
    /// The stage the point is in.
    pub stage: &'a Stage,
    /// The point.
    pub point: &'a EmotionPoint,
    /// What the company believes the customer feels there.
    pub company: i8,
}

impl Gap<'_> {
    /// The company's belief minus the customer's score: positive when the
    /// company thinks the moment is better than the customer feels it.
    pub fn size(&self) -> i8 {
        self.company - self.point.score
    }
}

/// A pain point or opportunity (with dots on it, in [`Insights::most_voted`]).
#[derive(Clone, Copy, Debug)]
pub struct Voted<'a> {
    /// The stage the card is in.
    pub stage: &'a Stage,
    /// The card.
    pub card: &'a Card,
    /// Pain points or opportunities.
    pub kind: LaneKind,
}

/// The health of one stage.
#[derive(Clone, Debug)]
pub struct StageHealth<'a> {
    /// The stage.
    pub stage: &'a Stage,
    /// How many pain-point cards it has.
    pub pain_points: usize,
    /// Its pain points weighted by severity ([`severity_weight`]), summed.
    pub severity_score: u32,
    /// The mean score of its emotion points, if it has any.
    pub mean_emotion: Option<f64>,
    /// Its biggest perception gap (by size, the first of equals), if any
    /// point records the company's belief.
    pub biggest_gap: Option<Gap<'a>>,
    /// How many of its cards are moments of truth.
    pub moments_of_truth: usize,
}

/// Everything derived from one map.
#[derive(Clone, Debug)]
pub struct Insights<'a> {
    /// Each stage's health, left to right.
    pub stages: Vec<StageHealth<'a>>,
    /// Pain-point cards in the whole map.
    pub pain_points: usize,
    /// The whole map's severity score.
    pub severity_score: u32,
    /// The mean score of every emotion point, if there are any.
    pub mean_emotion: Option<f64>,
    /// Moments of truth in the whole map.
    pub moments_of_truth: usize,
    /// Every recorded gap, biggest first (by size; equals in map order).
    pub gaps: Vec<Gap<'a>>,
    /// Every pain point and opportunity with dots, most dots first (equals
    /// in map order).
    pub most_voted: Vec<Voted<'a>>,
    /// Every pain point, the most voted first, then the most severe
    /// (equals in map order): the top pain points of the insights slide.
    pub top_pain_points: Vec<Voted<'a>>,
    /// Every opportunity, the most voted first, then the highest impact,
    /// then the least effort (unrated last; equals in map order).
    pub top_opportunities: Vec<Voted<'a>>,
}

impl<'a> Insights<'a> {
    /// The insights of `map`, in one pass over its cards and points.
    pub fn of(map: &'a JourneyMap) -> Self {
        let stages = stage_health(map);
        let mut kinds = LaneKinds::new(map);
        let mut gaps = Vec::new();
        let mut most_voted = Vec::new();
        let (mut top_pain_points, mut top_opportunities) = (Vec::new(), Vec::new());
        let (mut score_sum, mut point_count) = (0_i64, 0_u32);
        for stage in &map.stages {
            for card in &stage.cards {
                let kind = kinds.of(card);
                let voted = |kind| Voted { stage, card, kind };
                match kind {
                    Some(LaneKind::PainPoints) => top_pain_points.push(voted(LaneKind::PainPoints)),
                    Some(LaneKind::Opportunities) => {
                        top_opportunities.push(voted(LaneKind::Opportunities));
                    }
                    _ => {}
                }
                if let Some(kind) = kind.filter(|_| !card.votes.is_empty()) {
                    most_voted.push(voted(kind));
                }
            }
            for point in &stage.points {
                score_sum += i64::from(point.score);
                point_count += 1;
                if let Some(company) = point.company {
                    gaps.push(Gap {
                        stage,
                        point,
                        company,
                    });
                }
            }
        }
        // Stable sorts: equals stay in map order.
        gaps.sort_by_key(|gap| std::cmp::Reverse(gap.size().abs()));
        most_voted.sort_by_key(|voted| std::cmp::Reverse(voted.card.votes.total()));
        top_pain_points.sort_by_key(|voted| {
            let card = voted.card;
            std::cmp::Reverse((
                card.votes.total(),
                card.severity.map(|s| severity_weight(Some(s))),
            ))
        });
        top_opportunities.sort_by_key(|voted| {
            let card = voted.card;
            // Least effort first: an unrated effort sorts after every rating.
            let ease = card.effort.map(std::cmp::Reverse);
            std::cmp::Reverse((card.votes.total(), card.impact, ease))
        });
        Self {
            pain_points: stages.iter().map(|s| s.pain_points).sum(),
            severity_score: stages.iter().map(|s| s.severity_score).sum(),
            moments_of_truth: stages.iter().map(|s| s.moments_of_truth).sum(),
            mean_emotion: mean(score_sum, point_count),
            stages,
            gaps,
            most_voted,
            top_pain_points,
            top_opportunities,
        }
    }

    /// The biggest gap in the whole map, if any is recorded.
    pub fn biggest_gap(&self) -> Option<Gap<'a>> {
        self.gaps.first().copied()
    }
}

/// Each stage's health, left to right: what the health strip shows,
/// without the lists of [`Insights`] (a frame of the editor needs only
/// this, on maps of tens of thousands of cards).
pub fn stage_health(map: &JourneyMap) -> Vec<StageHealth<'_>> {
    let mut kinds = LaneKinds::new(map);
    (map.stages.iter())
        .map(|stage| StageHealth::of(stage, &mut kinds))
        .collect()
}

impl<'a> StageHealth<'a> {
    /// The health of `stage`, the kinds of its cards' lanes from `kinds`.
    fn of(stage: &'a Stage, kinds: &mut LaneKinds<'_>) -> Self {
        let mut health = StageHealth {
            stage,
            pain_points: 0,
            severity_score: 0,
            mean_emotion: None,
            biggest_gap: None,
            moments_of_truth: 0,
        };
        for card in &stage.cards {
            if kinds.of(card) == Some(LaneKind::PainPoints) {
                health.pain_points += 1;
                health.severity_score += severity_weight(card.severity);
            }
            if card.moment_of_truth {
                health.moments_of_truth += 1;
            }
        }
        let mut sum = 0_i64;
        for point in &stage.points {
            sum += i64::from(point.score);
            let Some(company) = point.company else {
                continue;
            };
            let gap = Gap {
                stage,
                point,
                company,
            };
            let bigger =
                (health.biggest_gap).is_none_or(|biggest| gap.size().abs() > biggest.size().abs());
            if bigger {
                health.biggest_gap = Some(gap);
            }
        }
        let count = u32::try_from(stage.points.len()).unwrap_or(u32::MAX);
        health.mean_emotion = mean(sum, count);
        health
    }
}

/// The kind of each card's lane. A stage keeps its cards in lane order,
/// so the lanes are searched once per run of cards in one lane, not once
/// per card.
struct LaneKinds<'m> {
    map: &'m JourneyMap,
    last: Option<(&'m super::LaneId, Option<LaneKind>)>,
}

impl<'m> LaneKinds<'m> {
    fn new(map: &'m JourneyMap) -> Self {
        Self { map, last: None }
    }

    /// The kind of `card`'s lane; `None` for a lane the map does not have.
    fn of(&mut self, card: &Card) -> Option<LaneKind> {
        match self.last {
            Some((lane, kind)) if *lane == card.lane => kind,
            _ => {
                let lane = (self.map.lanes.iter()).find(|lane| lane.id == card.lane);
                let kind = lane.map(|lane| lane.kind);
                self.last = lane.map(|lane| (&lane.id, kind));
                kind
            }
        }
    }
}

/// `sum / count`, or `None` for no values.
fn mean(sum: i64, count: u32) -> Option<f64> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a sum of at most millions of scores of ±3 is exact in an f64"
    )]
    let sum = sum as f64;
    (count > 0).then(|| sum / f64::from(count))
}

/// `value` rounded to two decimals, as reports show a mean.
pub fn two_decimals(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardId, Lane, LaneId, PointId, StageId};

    fn lane(id: &str, kind: LaneKind) -> Lane {
        Lane {
            id: LaneId::new(id),
            name: id.to_owned(),
            kind,
            colour: None,
            line_below: None,
        }
    }

    fn point(id: &str, score: i8, company: Option<i8>) -> EmotionPoint {
        EmotionPoint {
            id: PointId::new(id),
            lane: LaneId::new("feel"),
            score,
            company,
            future: None,
            label: String::new(),
        }
    }

    #[test]
    fn a_stage_is_summed_up_from_its_cards_and_points() {
        let mut stage = Stage::new(StageId::new("s1"), "Pay");
        let mut pain = Card::new(CardId::new("c1"), LaneId::new("pain"), "Queue");
        pain.severity = Some(Severity::Critical);
        pain.moment_of_truth = true;
        pain.votes.set("Ana", 2);
        let unrated = Card::new(CardId::new("c2"), LaneId::new("pain"), "Noise");
        let mut idea = Card::new(CardId::new("c3"), LaneId::new("ideas"), "Tap to pay");
        idea.votes.set("Ben", 3);
        stage.cards = vec![pain, unrated, idea].into();
        stage.points = vec![point("p1", -2, Some(1)), point("p2", 1, Some(-1))];
        let map = JourneyMap {
            lanes: vec![
                lane("pain", LaneKind::PainPoints),
                lane("ideas", LaneKind::Opportunities),
                lane("feel", LaneKind::Emotion),
            ],
            stages: vec![stage, Stage::new(StageId::new("s2"), "Leave")],
            ..JourneyMap::default()
        };
        let insights = Insights::of(&map);
        let pay = &insights.stages[0];
        assert_eq!((pay.pain_points, pay.severity_score), (2, 5));
        assert_eq!(pay.mean_emotion, Some(-0.5));
        assert_eq!(pay.biggest_gap.map(|g| g.size()), Some(3));
        assert_eq!(pay.moments_of_truth, 1);
        let leave = &insights.stages[1];
        assert_eq!(
            (leave.mean_emotion, leave.biggest_gap.is_none()),
            (None, true)
        );
        let sizes: Vec<i8> = insights.gaps.iter().map(Gap::size).collect();
        assert_eq!(sizes, [3, -2]);
        let voted: Vec<&str> = (insights.most_voted.iter())
            .map(|v| v.card.id.as_str())
            .collect();
        assert_eq!(voted, ["c3", "c1"]);
    }

    #[test]
    fn top_pain_points_go_by_dots_then_severity_and_opportunities_by_dots_then_ratings() {
        let mut stage = Stage::new(StageId::new("s1"), "Pay");
        let pain = |id: &str, severity, dots| {
            let mut card = Card::new(CardId::new(id), LaneId::new("pain"), id);
            card.severity = severity;
            if dots > 0 {
                card.votes.set("Ana", dots);
            }
            card
        };
        let idea = |id: &str, impact, effort, dots| {
            let mut card = Card::new(CardId::new(id), LaneId::new("ideas"), id);
            (card.impact, card.effort) = (impact, effort);
            if dots > 0 {
                card.votes.set("Ben", dots);
            }
            card
        };
        stage.cards = vec![
            pain("low", Some(Severity::Low), 0),
            pain("unrated", None, 0),
            pain("critical", Some(Severity::Critical), 0),
            pain("voted", Some(Severity::Low), 2),
            idea("unrated-idea", None, None, 0),
            idea("hard", Some(5), Some(5), 0),
            idea("easy", Some(5), Some(1), 0),
            idea("liked", Some(1), Some(5), 1),
        ]
        .into();
        let map = JourneyMap {
            lanes: vec![
                lane("pain", LaneKind::PainPoints),
                lane("ideas", LaneKind::Opportunities),
            ],
            stages: vec![stage],
            ..JourneyMap::default()
        };
        let insights = Insights::of(&map);
        let ids = |list: &[Voted<'_>]| -> Vec<String> {
            list.iter().map(|v| v.card.id.as_str().to_owned()).collect()
        };
        assert_eq!(
            ids(&insights.top_pain_points),
            ["voted", "critical", "low", "unrated"]
        );
        assert_eq!(
            ids(&insights.top_opportunities),
            ["liked", "easy", "hard", "unrated-idea"]
        );
    }

    #[test]
    fn pain_points_are_counted_by_their_lane_whatever_order_the_cards_are_in() {
        for sample in crate::samples::SAMPLES {
            let Ok(mut map) = sample.map() else {
                continue;
            };
            // Cards out of lane order, as a hand-edited file may have them.
            for stage in &mut map.stages {
                let cards = stage.cards.to_mut();
                cards.reverse();
                let half = cards.len() / 2;
                cards[..half].reverse();
            }
            let is_pain = |card: &Card| {
                map.lanes
                    .iter()
                    .any(|lane| lane.id == card.lane && lane.kind == LaneKind::PainPoints)
            };
            for (stage, health) in map.stages.iter().zip(stage_health(&map)) {
                let pains: Vec<&Card> = stage.cards.iter().filter(|c| is_pain(c)).collect();
                let score: u32 = pains.iter().map(|c| severity_weight(c.severity)).sum();
                assert_eq!(
                    (health.pain_points, health.severity_score),
                    (pains.len(), score),
                    "{} {}",
                    sample.name,
                    stage.name
                );
            }
        }
    }

    #[test]
    fn means_are_reported_to_two_decimals() {
        assert!((two_decimals(1.0 / 3.0) - 0.33).abs() < f64::EPSILON);
        assert!((two_decimals(-2.0 / 3.0) + 0.67).abs() < f64::EPSILON);
    }
}
