//! Lanes: the rows of a journey map.

use serde::{Deserialize, Serialize};

use super::{Colour, LaneId};

/// A row of the map: one aspect of the journey, such as what the customer
/// does, the touchpoints they use or how they feel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// Stable id, referred to by the cards and points in this lane.
    pub id: LaneId,
    /// The label shown at the left of the row, e.g. "Doing".
    pub name: String,
    /// What the lane holds.
    pub kind: LaneKind,
    /// An optional accent colour for the lane label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
}

/// What a lane holds, which decides what its cards carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LaneKind {
    /// Free-text cards: what the customer does or thinks, backstage work, owners…
    Text,
    /// Touchpoints: each card may name the [`crate::model::Channel`] it happens in.
    Touchpoints,
    /// The emotion curve: [`crate::model::EmotionPoint`]s, not cards.
    Emotion,
    /// Pain points: each card may carry a [`crate::model::Severity`].
    PainPoints,
    /// Opportunities: each card may answer a pain point.
    Opportunities,
}

impl LaneKind {
    /// Every lane kind, in the order a menu lists them.
    pub const ALL: [Self; 5] = [
        Self::Text,
        Self::Touchpoints,
        Self::Emotion,
        Self::PainPoints,
        Self::Opportunities,
    ];

    /// A short human name for the kind.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Touchpoints => "touchpoints",
            Self::Emotion => "emotion",
            Self::PainPoints => "pain points",
            Self::Opportunities => "opportunities",
        }
    }

    /// Whether the lane's cards take dot votes: pain points and opportunities.
    pub fn takes_votes(self) -> bool {
        matches!(self, Self::PainPoints | Self::Opportunities)
    }

    /// Whether the lane holds cards (every kind but the emotion curve).
    pub fn holds_cards(self) -> bool {
        self != Self::Emotion
    }
}
