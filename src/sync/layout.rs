//! The names in the document and how model values are spelled there (see
//! the layout in the module documentation of [`super`]).

use std::collections::HashMap;

use automerge::{ScalarValue, TextEncoding, hydrate};

use crate::model::{Card, Channel, Colour, EmotionPoint, Lane, LaneKind, Severity, Stage, StageId};

/// The layout's version, at the root as `format`. A document with a larger
/// one was written by a newer journeymap and is refused on load.
pub const FORMAT: i64 = 1;

pub const FORMAT_KEY: &str = "format";
pub const TITLE: &str = "title";
pub const SCENARIO: &str = "scenario";
pub const PERSONA: &str = "persona";
pub const LANES: &str = "lanes";
pub const STAGES: &str = "stages";
pub const CARDS: &str = "cards";
pub const POINTS: &str = "points";

pub const NAME: &str = "name";
pub const ROLE: &str = "role";
pub const QUOTE: &str = "quote";
pub const GOALS: &str = "goals";
pub const EXPECTATIONS: &str = "expectations";

pub const POS: &str = "pos";
pub const KIND: &str = "kind";
pub const COLOUR: &str = "colour";
pub const DESCRIPTION: &str = "description";
pub const OWNER: &str = "owner";
pub const METRICS: &str = "metrics";
pub const STAGE: &str = "stage";
pub const LANE: &str = "lane";
pub const TEXT: &str = "text";
pub const NOTES: &str = "notes";
pub const CHANNEL: &str = "channel";
pub const SEVERITY: &str = "severity";
pub const ANSWERS: &str = "answers";
pub const MOMENT_OF_TRUTH: &str = "moment_of_truth";
pub const SCORE: &str = "score";
pub const LABEL: &str = "label";

/// A lane kind as written in the document: its name in map files.
pub fn kind_name(kind: LaneKind) -> &'static str {
    match kind {
        LaneKind::Text => "Text",
        LaneKind::Touchpoints => "Touchpoints",
        LaneKind::Emotion => "Emotion",
        LaneKind::PainPoints => "PainPoints",
        LaneKind::Opportunities => "Opportunities",
    }
}

/// The lane kind written as `name`, if it is one.
pub fn parse_kind(name: &str) -> Option<LaneKind> {
    LaneKind::ALL.into_iter().find(|&k| kind_name(k) == name)
}

/// A channel as written in the document: its name in map files.
pub fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "Web",
        Channel::App => "App",
        Channel::Phone => "Phone",
        Channel::Email => "Email",
        Channel::Chat => "Chat",
        Channel::Store => "Store",
        Channel::Social => "Social",
        Channel::Mail => "Mail",
        Channel::Other => "Other",
    }
}

/// The channel written as `name`, if it is one.
pub fn parse_channel(name: &str) -> Option<Channel> {
    Channel::ALL.into_iter().find(|&c| channel_name(c) == name)
}

/// A severity as written in the document: its name in map files.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Low => "Low",
        Severity::Medium => "Medium",
        Severity::High => "High",
        Severity::Critical => "Critical",
    }
}

/// The severity written as `name`, if it is one.
pub fn parse_severity(name: &str) -> Option<Severity> {
    Severity::ALL
        .into_iter()
        .find(|&s| severity_name(s) == name)
}

/// Builds a new document object.
pub struct Builder {
    encoding: TextEncoding,
}

impl Builder {
    /// Text objects are made for a document indexing text by `encoding`.
    pub fn new(encoding: TextEncoding) -> Self {
        Self { encoding }
    }

    /// A text object holding `text`.
    pub fn text(&self, text: &str) -> hydrate::Value {
        hydrate::Value::text(self.encoding, text)
    }

    /// A lane with its order key.
    pub fn lane(&self, lane: &Lane, pos: &str) -> hydrate::Value {
        let mut fields = HashMap::from([
            (NAME, self.text(&lane.name)),
            (KIND, kind_name(lane.kind).into()),
            (POS, pos.into()),
        ]);
        if let Some(colour) = lane.colour {
            fields.insert(COLOUR, hex(colour));
        }
        fields.into()
    }

    /// A stage's own fields (not its cards and points) with its order key.
    pub fn stage(&self, stage: &Stage, pos: &str) -> hydrate::Value {
        let mut fields = HashMap::from([
            (NAME, self.text(&stage.name)),
            (DESCRIPTION, self.text(&stage.description)),
            (OWNER, self.text(&stage.owner)),
            (METRICS, self.text(&stage.metrics)),
            (POS, pos.into()),
        ]);
        if let Some(colour) = stage.colour {
            fields.insert(COLOUR, hex(colour));
        }
        fields.into()
    }

    /// A card in `stage` with its order key.
    pub fn card(&self, card: &Card, stage: &StageId, pos: &str) -> hydrate::Value {
        let mut fields = HashMap::from([
            (STAGE, stage.as_str().into()),
            (LANE, card.lane.as_str().into()),
            (POS, pos.into()),
            (TEXT, self.text(&card.text)),
            (NOTES, self.text(&card.notes)),
            (
                MOMENT_OF_TRUTH,
                ScalarValue::Boolean(card.moment_of_truth).into(),
            ),
        ]);
        if let Some(channel) = card.channel {
            fields.insert(CHANNEL, channel_name(channel).into());
        }
        if let Some(severity) = card.severity {
            fields.insert(SEVERITY, severity_name(severity).into());
        }
        if let Some(answers) = &card.answers {
            fields.insert(ANSWERS, answers.as_str().into());
        }
        fields.into()
    }

    /// An emotion point in `stage` with its order key.
    pub fn point(&self, point: &EmotionPoint, stage: &StageId, pos: &str) -> hydrate::Value {
        HashMap::from([
            (STAGE, stage.as_str().into()),
            (LANE, point.lane.as_str().into()),
            (POS, pos.into()),
            (SCORE, i64::from(point.score).into()),
            (LABEL, self.text(&point.label)),
        ])
        .into()
    }
}

/// A colour as written in the document.
pub fn hex(colour: Colour) -> hydrate::Value {
    colour.to_hex().as_str().into()
}
