//! The names in the document and how model values are spelled there (see
//! the layout in the module documentation of [`super`]).

use std::collections::HashMap;

use automerge::{ScalarValue, TextEncoding, hydrate};

use crate::model::{
    BlueprintLine, Card, Channel, Colour, EmotionPoint, JourneyState, Kpi, Lane, LaneKind, Measure,
    Severity, Stage, StageId,
};

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
pub const LINE_BELOW: &str = "line_below";
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
pub const LEADS_TO: &str = "leads_to";
pub const STATE: &str = "state";
pub const FUTURE: &str = "future";
pub const MOMENT_OF_TRUTH: &str = "moment_of_truth";
pub const SCORE: &str = "score";
pub const LABEL: &str = "label";
pub const COMPANY: &str = "company";
pub const IMPACT: &str = "impact";
pub const EFFORT: &str = "effort";
/// The start of a card's key for one voter's dots: `vote:Ana`.
pub const VOTE_PREFIX: &str = "vote:";
pub const KPIS: &str = "kpis";
pub const MEASURE: &str = "measure";
pub const VALUE: &str = "value";
pub const TARGET: &str = "target";
pub const LOWER_IS_BETTER: &str = "lower_is_better";

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

/// The blueprint line written as `name`, if it is one: its name in map files.
pub fn parse_line(name: &str) -> Option<BlueprintLine> {
    BlueprintLine::ALL.into_iter().find(|&l| l.name() == name)
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
        Channel::InPerson => "InPerson",
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

/// A card's state of the journey as written in the document.
pub fn state_name(state: JourneyState) -> &'static str {
    match state {
        JourneyState::Current => "Current",
        JourneyState::Future => "Future",
    }
}

/// The state of the journey written as `name`, if it is one.
pub fn parse_state(name: &str) -> Option<JourneyState> {
    [JourneyState::Current, JourneyState::Future]
        .into_iter()
        .find(|&state| state_name(state) == name)
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
        if let Some(line) = lane.line_below {
            fields.insert(LINE_BELOW, line.name().into());
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
        if !stage.kpis.is_empty() {
            fields.insert(KPIS, kpis(&stage.kpis));
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
        if let Some(target) = &card.leads_to {
            fields.insert(LEADS_TO, target.as_str().into());
        }
        if let Some(state) = card.state {
            fields.insert(STATE, state_name(state).into());
        }
        if let Some(impact) = card.impact {
            fields.insert(IMPACT, i64::from(impact).into());
        }
        if let Some(effort) = card.effort {
            fields.insert(EFFORT, i64::from(effort).into());
        }
        let mut fields: HashMap<String, hydrate::Value> = fields
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect();
        for (voter, dots) in card.votes.iter() {
            fields.insert(vote_key(voter), i64::from(dots).into());
        }
        hydrate::Value::Map(fields.into())
    }

    /// An emotion point in `stage` with its order key.
    pub fn point(&self, point: &EmotionPoint, stage: &StageId, pos: &str) -> hydrate::Value {
        let mut fields = HashMap::from([
            (STAGE, stage.as_str().into()),
            (LANE, point.lane.as_str().into()),
            (POS, pos.into()),
            (SCORE, i64::from(point.score).into()),
            (LABEL, self.text(&point.label)),
        ]);
        if let Some(company) = point.company {
            fields.insert(COMPANY, i64::from(company).into());
        }
        if let Some(future) = point.future {
            fields.insert(FUTURE, i64::from(future).into());
        }
        fields.into()
    }
}

/// The card's key for `voter`'s dots. Each voter has a register of their
/// own right in the card, not in a map of votes that two peers voting
/// first at once would each create, one overwriting the other.
pub fn vote_key(voter: &str) -> String {
    format!("{VOTE_PREFIX}{voter}")
}

/// A stage's KPIs as written in the document: a list of maps, written
/// whole when any of them changes (two people editing a stage's KPIs at
/// once end with one person's list, on every peer).
pub fn kpis(kpis: &[Kpi]) -> hydrate::Value {
    let items: Vec<hydrate::Value> = kpis.iter().map(kpi).collect();
    items.into()
}

fn kpi(kpi: &Kpi) -> hydrate::Value {
    let mut fields = HashMap::from([
        (MEASURE, kpi.measure.kind().into()),
        (VALUE, ScalarValue::F64(kpi.value).into()),
    ]);
    if let Measure::Custom(name) = &kpi.measure {
        fields.insert(NAME, name.as_str().into());
    }
    if let Some(target) = kpi.target {
        fields.insert(TARGET, ScalarValue::F64(target).into());
    }
    if kpi.lower_is_better {
        fields.insert(LOWER_IS_BETTER, ScalarValue::Boolean(true).into());
    }
    fields.into()
}

/// The measure written as `kind` (with `name` for the team's own), if it is one.
pub fn parse_measure(kind: &str, name: &str) -> Option<Measure> {
    match kind {
        "nps" => Some(Measure::Nps),
        "csat" => Some(Measure::Csat),
        "ces" => Some(Measure::Ces),
        "custom" => Some(Measure::Custom(name.to_owned())),
        _ => None,
    }
}

/// A colour as written in the document.
pub fn hex(colour: Colour) -> hydrate::Value {
    colour.to_hex().as_str().into()
}
