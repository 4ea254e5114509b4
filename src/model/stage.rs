//! Stages: the columns of a journey map.

use serde::{Deserialize, Serialize};

use super::{Card, Cards, Colour, EmotionPoint, Kpi, LaneId, StageId};

/// A column of the map: one phase of the journey, such as "Research" or
/// "Purchase". A stage holds its own cards and emotion points, so a change to
/// one stage is one small hunk in a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id, unique in the map.
    pub id: StageId,
    /// The stage header, e.g. "Research".
    pub name: String,
    /// What happens in this stage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The colour of the header band, if chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    /// Who in the company owns this stage, e.g. "E-commerce team".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// How the stage is measured, e.g. "CSAT 3.9 / 5".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metrics: String,
    /// The numbers the stage is measured by (NPS, CSAT…), with targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    /// The stage's cards. A card's cell is (this stage, its lane); cards of
    /// one cell keep their relative order.
    #[serde(default, skip_serializing_if = "cards_are_empty")]
    pub cards: Cards,
    /// The stage's points on the emotion curve, left to right per lane.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<EmotionPoint>,
}

impl Stage {
    /// An empty stage.
    pub fn new(id: StageId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            description: String::new(),
            colour: None,
            owner: String::new(),
            metrics: String::new(),
            kpis: Vec::new(),
            cards: Cards::new(),
            points: Vec::new(),
        }
    }

    /// The cards of one cell (this stage, `lane`), in order.
    pub fn cards_in<'a>(&'a self, lane: &'a LaneId) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards.iter().filter(move |card| &card.lane == lane)
    }

    /// The emotion points of this stage in `lane`, left to right.
    pub fn points_in<'a>(
        &'a self,
        lane: &'a LaneId,
    ) -> impl Iterator<Item = &'a EmotionPoint> + 'a {
        self.points.iter().filter(move |point| &point.lane == lane)
    }
}

/// Whether a stage has no cards, for serde's `skip_serializing_if`.
fn cards_are_empty(cards: &Cards) -> bool {
    cards.is_empty()
}
