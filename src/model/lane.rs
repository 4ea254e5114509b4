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
    /// A service blueprint's line drawn under this lane, between it and the
    /// next (format version 2). A map has at most one line of each kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_below: Option<BlueprintLine>,
}

/// The lines of a service blueprint, which divide what the customer does
/// from what is done for them, in sight and out of sight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlueprintLine {
    /// Line of interaction: below it, what the customer meets (frontstage).
    Interaction,
    /// Line of visibility: below it, what the customer does not see (backstage).
    Visibility,
    /// Line of internal interaction: below it, the systems and teams
    /// that support the backstage (support processes).
    InternalInteraction,
}

impl BlueprintLine {
    /// Every line, top to bottom as a blueprint draws them.
    pub const ALL: [Self; 3] = [
        Self::Interaction,
        Self::Visibility,
        Self::InternalInteraction,
    ];

    /// Its name in menus: "Line of visibility".
    pub fn label(self) -> &'static str {
        match self {
            Self::Interaction => "Line of interaction",
            Self::Visibility => "Line of visibility",
            Self::InternalInteraction => "Line of internal interaction",
        }
    }

    /// Its name in a field of the file: `Visibility`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Interaction => "Interaction",
            Self::Visibility => "Visibility",
            Self::InternalInteraction => "InternalInteraction",
        }
    }
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

/// Keeps each kind of blueprint line only under the first lane that has it,
/// top to bottom: how lanes put together from parts (a merge, two people's
/// edits) come back to one line of each kind.
pub fn keep_first_lines(lanes: &mut [Lane]) {
    let mut seen = Vec::new();
    for lane in lanes {
        if let Some(line) = lane.line_below {
            if seen.contains(&line) {
                lane.line_below = None;
            } else {
                seen.push(line);
            }
        }
    }
}
