//! Cards and emotion points: what sits in the cells of a map.

use serde::{Deserialize, Serialize};

use super::{CardId, JourneyState, LaneId, PointId, Votes};

/// A note in one cell of the map. What it may carry beyond its text depends
/// on its lane's kind: a channel in a touchpoints lane, a severity in a pain
/// points lane, the pain point it answers in an opportunities lane.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable id, unique in the map. A hand-written file may leave it out:
    /// the loader gives it one.
    #[serde(default)]
    pub id: CardId,
    /// The lane (row) the card is in; its stage (column) is the one holding it.
    pub lane: LaneId,
    /// The card's text.
    pub text: String,
    /// The one state of the journey the card belongs to, if only one:
    /// today's (the change takes it away) or the future's (the change
    /// brings it). Without one, the card is in both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JourneyState>,
    /// Touchpoints only: where the interaction happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Pain points only: how much it hurts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Opportunities only: the pain point this opportunity answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<CardId>,
    /// Opportunities only: the future-state card this opportunity leads to,
    /// the change it makes to the journey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leads_to: Option<CardId>,
    /// Opportunities only: how much it would improve the journey, from
    /// [`MIN_RATING`] (a little) to [`MAX_RATING`] (transforms it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    /// Opportunities only: how much work it would take, from
    /// [`MIN_RATING`] (a quick win) to [`MAX_RATING`] (a programme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<u8>,
    /// Pain points and opportunities only: the team's dot votes, by person.
    #[serde(default, skip_serializing_if = "Votes::is_empty")]
    pub votes: Votes,
    /// A moment that makes or breaks the relationship.
    #[serde(default, skip_serializing_if = "is_false")]
    pub moment_of_truth: bool,
    /// Longer notes shown in the inspector, not on the card.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

impl Card {
    /// A plain card with text only.
    pub fn new(id: CardId, lane: LaneId, text: impl Into<String>) -> Self {
        Self {
            id,
            lane,
            text: text.into(),
            state: None,
            channel: None,
            severity: None,
            answers: None,
            leads_to: None,
            impact: None,
            effort: None,
            votes: Votes::new(),
            moment_of_truth: false,
            notes: String::new(),
        }
    }
}

/// The channel a touchpoint happens in. Ordered as declared, as a legend lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// A website.
    Web,
    /// A mobile app.
    App,
    /// A phone call.
    Phone,
    /// Email.
    Email,
    /// Live chat or messaging.
    Chat,
    /// In a store, branch or other physical place.
    Store,
    /// Social media.
    Social,
    /// Post: letters, parcels, flyers.
    Mail,
    /// Face to face, wherever it happens: a visit, a meeting, a delivery.
    InPerson,
    /// Anything else.
    Other,
}

impl Channel {
    /// Every channel, in the order a menu lists them.
    pub const ALL: [Self; 10] = [
        Self::Web,
        Self::App,
        Self::Phone,
        Self::Email,
        Self::Chat,
        Self::Store,
        Self::Social,
        Self::Mail,
        Self::InPerson,
        Self::Other,
    ];

    /// A short human name for the channel.
    pub fn label(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::App => "app",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Chat => "chat",
            Self::Store => "store",
            Self::Social => "social",
            Self::Mail => "mail",
            Self::InPerson => "in person",
            Self::Other => "other",
        }
    }
}

/// How badly a pain point hurts the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// An annoyance.
    Low,
    /// Noticeable friction.
    Medium,
    /// Puts the relationship at risk.
    High,
    /// Loses the customer.
    Critical,
}

impl Severity {
    /// Every severity, mildest first.
    pub const ALL: [Self; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// A short human name for the severity.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

/// The lowest emotion score: the customer is furious or in despair.
pub const MIN_SCORE: i8 = -3;
/// The highest emotion score: the customer is delighted.
pub const MAX_SCORE: i8 = 3;

/// The lowest impact or effort an opportunity is rated.
pub const MIN_RATING: u8 = 1;
/// The highest impact or effort an opportunity is rated.
pub const MAX_RATING: u8 = 5;

/// A point on the emotion curve: how the customer feels at one step of a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionPoint {
    /// Stable id, unique in the map. A hand-written file may leave it out:
    /// the loader gives it one.
    #[serde(default)]
    pub id: PointId,
    /// The emotion lane the point is drawn in.
    pub lane: LaneId,
    /// From [`MIN_SCORE`] (−3, furious) through 0 (neutral) to [`MAX_SCORE`] (+3, delighted).
    pub score: i8,
    /// What the company believes the customer feels here, on the same
    /// scale: the perception gap is the distance from `score`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<i8>,
    /// What the customer should feel here in the future state, on the same
    /// scale; without it, the future keeps today's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub future: Option<i8>,
    /// A word or two for the feeling, e.g. "relieved".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}
