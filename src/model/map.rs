//! The journey map document and its persona.

use serde::{Deserialize, Serialize};

use super::{Card, CardId, EmotionPoint, Lane, LaneId, LaneKind, PointId, Stage, StageId};

/// What an editor adds to the end of the ids it makes for a shared map, so
/// that two people adding a card at the same moment never make the same id
/// (`c12-k3f9q` here, `c12-x81ab` there). Empty when the map is not shared.
/// It belongs to the editor, not the map: it is never saved, and maps that
/// differ only in it are equal.
#[derive(Clone, Debug, Default)]
pub struct IdTag(String);

impl IdTag {
    /// A tag of `-` and a few ASCII letters or digits; anything else would
    /// make ids that are not well formed, and gives no tag.
    pub fn new(tag: &str) -> Self {
        let well_formed = tag.len() <= 16
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        Self(if well_formed {
            tag.to_owned()
        } else {
            String::new()
        })
    }

    /// The tag as added to ids.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for IdTag {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for IdTag {}

/// A customer journey map: who the customer is, the stages they go through
/// (columns) and the lanes that describe each stage (rows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JourneyMap {
    /// The map's title, e.g. "Weekly grocery trip".
    pub title: String,
    /// The customer whose journey this is.
    pub persona: Persona,
    /// The situation the journey covers, in a sentence or two.
    pub scenario: String,
    /// Rows, top to bottom.
    pub lanes: Vec<Lane>,
    /// Columns, left to right; each holds its own cards and emotion points.
    pub stages: Vec<Stage>,
    /// What this editor adds to the ids it makes (see [`IdTag`]); not
    /// saved, and not part of what makes two maps equal.
    pub id_tag: IdTag,
}

/// The customer the journey is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Persona {
    /// The persona's name, e.g. "Maria Alvarez".
    pub name: String,
    /// Who they are, e.g. "Working parent of two".
    pub role: String,
    /// Something they would say, in their own words.
    pub quote: String,
    /// What they want to achieve.
    pub goals: Vec<String>,
    /// What they expect of the company along the way.
    pub expectations: Vec<String>,
}

impl JourneyMap {
    /// The stage with this id.
    pub fn stage(&self, id: &StageId) -> Option<&Stage> {
        self.stages.iter().find(|stage| &stage.id == id)
    }

    /// The stage with this id, for editing.
    pub fn stage_mut(&mut self, id: &StageId) -> Option<&mut Stage> {
        self.stages.iter_mut().find(|stage| &stage.id == id)
    }

    /// The position of the stage with this id, counted from the left.
    pub fn stage_index(&self, id: &StageId) -> Option<usize> {
        self.stages.iter().position(|stage| &stage.id == id)
    }

    /// The lane with this id.
    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|lane| &lane.id == id)
    }

    /// The lane with this id, for editing.
    pub fn lane_mut(&mut self, id: &LaneId) -> Option<&mut Lane> {
        self.lanes.iter_mut().find(|lane| &lane.id == id)
    }

    /// The position of the lane with this id, counted from the top.
    pub fn lane_index(&self, id: &LaneId) -> Option<usize> {
        self.lanes.iter().position(|lane| &lane.id == id)
    }

    /// The card with this id and the stage it is in.
    pub fn card(&self, id: &CardId) -> Option<(&Stage, &Card)> {
        self.stages.iter().find_map(|stage| {
            stage
                .cards
                .iter()
                .find(|card| &card.id == id)
                .map(|card| (stage, card))
        })
    }

    /// The card with this id, for editing.
    pub fn card_mut(&mut self, id: &CardId) -> Option<&mut Card> {
        // Only the stage holding it gets its own copy of its cards.
        let stage = self
            .stages
            .iter()
            .position(|stage| stage.cards.iter().any(|card| &card.id == id))?;
        self.stages[stage]
            .cards
            .to_mut()
            .iter_mut()
            .find(|card| &card.id == id)
    }

    /// The emotion point with this id and the stage it is in.
    pub fn point(&self, id: &PointId) -> Option<(&Stage, &EmotionPoint)> {
        self.stages.iter().find_map(|stage| {
            stage
                .points
                .iter()
                .find(|point| &point.id == id)
                .map(|point| (stage, point))
        })
    }

    /// The emotion point with this id, for editing.
    pub fn point_mut(&mut self, id: &PointId) -> Option<&mut EmotionPoint> {
        self.stages
            .iter_mut()
            .flat_map(|stage| stage.points.iter_mut())
            .find(|point| &point.id == id)
    }

    /// Every card of the map, stage by stage.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
        self.stages.iter().flat_map(|stage| stage.cards.iter())
    }

    /// Every card in a pain points lane, stage by stage.
    pub fn pain_points(&self) -> impl Iterator<Item = &Card> {
        // A map has a pain points lane or two: a search of them beats
        // hashing the lane of each of 20,000 cards.
        let lanes: Vec<&LaneId> = self
            .lanes
            .iter()
            .filter(|lane| lane.kind == LaneKind::PainPoints)
            .map(|lane| &lane.id)
            .collect();
        self.cards().filter(move |card| lanes.contains(&&card.lane))
    }

    /// The number of cards in the map (emotion points not included).
    pub fn card_count(&self) -> usize {
        self.stages.iter().map(|stage| stage.cards.len()).sum()
    }

    /// The number of emotion points in the map.
    pub fn point_count(&self) -> usize {
        self.stages.iter().map(|stage| stage.points.len()).sum()
    }
}
