//! Whatever a user does to a map, it saves and opens again as the same,
//! valid map: random sequences of the model's operations (with ids of things
//! that exist, of things of another kind, and of nothing), then a real save
//! and load.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::io;
use journeymap::model::{
    Card, CardId, Channel, Colour, EditError, EmotionPoint, JourneyMap, Kpi, LaneId, LaneKind,
    MAX_SCORE, MIN_SCORE, Measure, Persona, PointId, Severity, StageId, validate,
};
use journeymap::samples;
use proptest::prelude::*;
use proptest::sample::Index;

/// Saves `map` into a fresh folder, reads it back and checks it is the same
/// map in the same canonical bytes.
fn assert_saves_and_reopens_equal(map: &JourneyMap) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    io::save_map(&path, map).expect("save");
    let reopened = io::read_map(&path).expect("the saved map opens again");
    assert_eq!(&reopened, map);
    let bytes = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(io::to_ron(&reopened).expect("serialize"), bytes);
}

#[test]
fn adding_to_a_map_whose_ids_reach_the_largest_number_still_saves_and_reopens() {
    // A valid hand-written file: ids are any 1-64 letters and digits, so
    // `s18446744073709551615` (u64::MAX after the `s`) is allowed.
    let text = "(version: 1, lanes: [(id: \"l18446744073709551615\", name: \"Doing\", kind: Text)], \
                stages: [(id: \"s18446744073709551615\", name: \"Research\", \
                cards: [(id: \"c18446744073709551615\", lane: \"l18446744073709551615\", text: \"a\")])])";
    let mut map = io::parse_map(text).expect("a valid map");
    let stage = map.add_stage(1, "Buy");
    let lane = map.add_lane(1, "Feeling", LaneKind::Text);
    let card = map.add_card(&stage, &lane, 0, "b").expect("card");
    assert_ne!(stage.as_str(), "s18446744073709551615");
    assert_ne!(lane.as_str(), "l18446744073709551615");
    assert_ne!(card.as_str(), "c18446744073709551615");
    assert_eq!(validate(&map), Vec::new());
    assert_saves_and_reopens_equal(&map);
}

// ---- random sequences of operations ----------------------------------------

/// Which item an operation is about: one that fits the operation (a
/// touchpoint for a channel, an emotion lane for a point…), any of its kind,
/// any id in the map (maybe of another kind), or a made-up one that may
/// name nothing.
#[derive(Clone, Debug)]
enum Pick {
    Fit(Index),
    Own(Index),
    AnyKind(Index),
    Made(String),
}

/// One model operation, with its ids still to be picked from the map.
#[derive(Clone, Debug)]
enum Op {
    AddStage(usize, String),
    RenameStage(Pick, String),
    SetStageColour(Pick, Option<Colour>),
    SetStageNotes(Pick, String, String, String),
    MoveStage(Pick, usize),
    RemoveStage(Pick),
    AddLane(usize, String, LaneKind),
    RenameLane(Pick, String),
    SetLaneColour(Pick, Option<Colour>),
    MoveLane(Pick, usize),
    RemoveLane(Pick),
    AddCard(Pick, Pick, usize, String),
    InsertCard(Pick, usize, Box<CardSpec>),
    SetCardText(Pick, String),
    SetCardNotes(Pick, String),
    SetMomentOfTruth(Pick, bool),
    SetChannel(Pick, Option<Channel>),
    SetSeverity(Pick, Option<Severity>),
    MoveCard(Pick, Pick, Pick, usize),
    RemoveCard(Pick),
    Link(Pick, Pick),
    Unlink(Pick),
    AddPoint(Pick, Pick, usize, i8, String),
    InsertPoint(Pick, usize, Pick, i8, String),
    SetScore(Pick, i8),
    SetPointLabel(Pick, String),
    SetCompanyScore(Pick, Option<i8>),
    SetImpact(Pick, Option<u8>),
    SetEffort(Pick, Option<u8>),
    SetVotes(Pick, String, u32),
    SetKpis(Pick, Vec<Kpi>),
    MovePoint(Pick, Pick, usize),
    RemovePoint(Pick),
    SetTitle(String),
    SetScenario(String),
    SetPersona(Persona),
}

/// A whole card as a paste or an undo inserts it, with a fresh id.
#[derive(Clone, Debug)]
struct CardSpec {
    lane: Pick,
    text: String,
    notes: String,
    channel: Option<Channel>,
    severity: Option<Severity>,
    answers: Option<Pick>,
    moment_of_truth: bool,
    impact: Option<u8>,
    effort: Option<u8>,
    votes: Vec<(String, u32)>,
}

/// Pieces of text that stress the file format: line endings (a lone CR, CRLF),
/// quotes and escapes, a byte-order mark, RON syntax, combining marks,
/// emoji, bidi controls, NUL and DEL.
const TRICKY: &[&str] = &[
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\"",
    "\\",
    "'",
    "\u{feff}",
    "\0",
    "\u{7f}",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "(version: 2)",
    "Some(",
    ")",
    "]",
    "#",
    " ",
    "é",
    "e\u{301}",
    "\u{301}",
    "👍🏽",
    "\u{202e}",
    "\u{2028}",
    "\u{200b}",
    "x",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z ]{0,12}",
        2 => any::<String>(),
        3 => prop::collection::vec(prop::sample::select(TRICKY), 0..6)
            .prop_map(|parts| parts.concat()),
    ]
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        6 => any::<Index>().prop_map(Pick::Fit),
        2 => any::<Index>().prop_map(Pick::Own),
        1 => any::<Index>().prop_map(Pick::AnyKind),
        1 => "[a-z]{0,2}[0-9]{0,2}|.{0,3}".prop_map(Pick::Made),
    ]
}

/// Positions mostly in range, sometimes far past the end.
fn index() -> impl Strategy<Value = usize> {
    prop_oneof![9 => 0usize..6, 1 => Just(usize::MAX)]
}

/// Scores mostly in range, sometimes anything an `i8` holds.
fn score() -> impl Strategy<Value = i8> {
    prop_oneof![4 => MIN_SCORE..=MAX_SCORE, 1 => any::<i8>()]
}

fn colour() -> impl Strategy<Value = Option<Colour>> {
    proptest::option::of(any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Colour::rgb(r, g, b)))
}

fn kind() -> impl Strategy<Value = LaneKind> {
    prop::sample::select(LaneKind::ALL.to_vec())
}

fn channel() -> impl Strategy<Value = Option<Channel>> {
    proptest::option::of(prop::sample::select(Channel::ALL.to_vec()))
}

fn severity() -> impl Strategy<Value = Option<Severity>> {
    proptest::option::of(prop::sample::select(Severity::ALL.to_vec()))
}

fn card_spec() -> impl Strategy<Value = CardSpec> {
    (
        pick(),
        text(),
        text(),
        channel(),
        severity(),
        proptest::option::of(pick()),
        any::<bool>(),
        (
            rating(),
            rating(),
            proptest::collection::vec((voter(), any::<u32>()), 0..3),
        ),
    )
        .prop_map(
            |(lane, text, notes, channel, severity, answers, moment_of_truth, decide)| CardSpec {
                lane,
                text,
                notes,
                channel,
                severity,
                answers,
                moment_of_truth,
                impact: decide.0,
                effort: decide.1,
                votes: decide.2,
            },
        )
}

fn persona() -> impl Strategy<Value = Persona> {
    let list = || prop::collection::vec(text(), 0..3);
    (text(), text(), text(), list(), list()).prop_map(|(name, role, quote, goals, expectations)| {
        Persona {
            name,
            role,
            quote,
            goals,
            expectations,
        }
    })
}

/// An impact or effort: mostly on the 1..=5 scale, sometimes not.
fn rating() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(prop_oneof![4 => 1u8..=5, 1 => any::<u8>()])
}

/// A voter: a name, or tricky text that may be refused.
fn voter() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["Ana", "Ben", "Chloé"]).prop_map(str::to_owned),
        1 => text(),
    ]
}

/// A KPI of any measure, its numbers mostly on the scale.
fn kpi() -> impl Strategy<Value = Kpi> {
    let measure = prop_oneof![
        Just(Measure::Nps),
        Just(Measure::Csat),
        Just(Measure::Ces),
        text().prop_map(Measure::Custom),
    ];
    let number = prop_oneof![4 => -100.0f64..100.0, 1 => any::<f64>()];
    (
        measure,
        number.clone(),
        proptest::option::of(number),
        any::<bool>(),
    )
        .prop_map(|(measure, value, target, lower_is_better)| Kpi {
            measure,
            value,
            target,
            lower_is_better,
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (index(), text()).prop_map(|(i, t)| Op::AddStage(i, t)),
        1 => (pick(), text()).prop_map(|(s, t)| Op::RenameStage(s, t)),
        1 => (pick(), colour()).prop_map(|(s, c)| Op::SetStageColour(s, c)),
        1 => (pick(), text(), text(), text()).prop_map(|(s, d, o, m)| Op::SetStageNotes(s, d, o, m)),
        1 => (pick(), index()).prop_map(|(s, i)| Op::MoveStage(s, i)),
        1 => pick().prop_map(Op::RemoveStage),
        3 => (index(), text(), kind()).prop_map(|(i, t, k)| Op::AddLane(i, t, k)),
        1 => (pick(), text()).prop_map(|(l, t)| Op::RenameLane(l, t)),
        1 => (pick(), colour()).prop_map(|(l, c)| Op::SetLaneColour(l, c)),
        1 => (pick(), index()).prop_map(|(l, i)| Op::MoveLane(l, i)),
        1 => pick().prop_map(Op::RemoveLane),
        6 => (pick(), pick(), index(), text()).prop_map(|(s, l, i, t)| Op::AddCard(s, l, i, t)),
        2 => (pick(), index(), card_spec()).prop_map(|(s, i, c)| Op::InsertCard(s, i, Box::new(c))),
        2 => (pick(), text()).prop_map(|(c, t)| Op::SetCardText(c, t)),
        1 => (pick(), text()).prop_map(|(c, t)| Op::SetCardNotes(c, t)),
        1 => (pick(), any::<bool>()).prop_map(|(c, f)| Op::SetMomentOfTruth(c, f)),
        1 => (pick(), channel()).prop_map(|(c, ch)| Op::SetChannel(c, ch)),
        1 => (pick(), severity()).prop_map(|(c, s)| Op::SetSeverity(c, s)),
        2 => (pick(), pick(), pick(), index()).prop_map(|(c, s, l, i)| Op::MoveCard(c, s, l, i)),
        1 => pick().prop_map(Op::RemoveCard),
        2 => (pick(), pick()).prop_map(|(o, p)| Op::Link(o, p)),
        1 => pick().prop_map(Op::Unlink),
        3 => (pick(), pick(), index(), score(), text())
            .prop_map(|(s, l, i, sc, t)| Op::AddPoint(s, l, i, sc, t)),
        1 => (pick(), index(), pick(), score(), text())
            .prop_map(|(s, i, l, sc, t)| Op::InsertPoint(s, i, l, sc, t)),
        1 => (pick(), score()).prop_map(|(p, s)| Op::SetScore(p, s)),
        1 => (pick(), text()).prop_map(|(p, t)| Op::SetPointLabel(p, t)),
        1 => (pick(), proptest::option::of(score())).prop_map(|(p, s)| Op::SetCompanyScore(p, s)),
        1 => (pick(), rating()).prop_map(|(c, r)| Op::SetImpact(c, r)),
        1 => (pick(), rating()).prop_map(|(c, r)| Op::SetEffort(c, r)),
        2 => (pick(), voter(), prop_oneof![4 => 0u32..5, 1 => any::<u32>()])
            .prop_map(|(c, v, d)| Op::SetVotes(c, v, d)),
        1 => (pick(), proptest::collection::vec(kpi(), 0..3)).prop_map(|(s, k)| Op::SetKpis(s, k)),
        1 => (pick(), pick(), index()).prop_map(|(p, s, i)| Op::MovePoint(p, s, i)),
        1 => pick().prop_map(Op::RemovePoint),
        1 => text().prop_map(Op::SetTitle),
        1 => text().prop_map(Op::SetScenario),
        1 => persona().prop_map(Op::SetPersona),
    ]
}

/// Every id in the map, of each kind (with the kind of lane it is or is in)
/// and all together.
struct Ids {
    stages: Vec<(String, Option<LaneKind>)>,
    lanes: Vec<(String, Option<LaneKind>)>,
    cards: Vec<(String, Option<LaneKind>)>,
    points: Vec<(String, Option<LaneKind>)>,
    all: Vec<String>,
}

impl Ids {
    fn of(map: &JourneyMap) -> Self {
        let stages = map
            .stages
            .iter()
            .map(|s| (s.id.to_string(), None))
            .collect();
        let lanes = map
            .lanes
            .iter()
            .map(|l| (l.id.to_string(), Some(l.kind)))
            .collect();
        let cards = map
            .cards()
            .map(|c| (c.id.to_string(), map.lane(&c.lane).map(|l| l.kind)))
            .collect();
        let points = map
            .stages
            .iter()
            .flat_map(|s| s.points.iter().map(|p| (p.id.to_string(), None)))
            .collect();
        let mut ids = Self {
            stages,
            lanes,
            cards,
            points,
            all: Vec::new(),
        };
        ids.all = [&ids.stages, &ids.lanes, &ids.cards, &ids.points]
            .into_iter()
            .flatten()
            .map(|(id, _)| id.clone())
            .collect();
        ids
    }

    /// The id `pick` names among `own`; `fits` tells which of them fit the
    /// operation (`None` for stages and points: any of them fits).
    fn resolve(
        &self,
        own: &[(String, Option<LaneKind>)],
        fits: impl Fn(LaneKind) -> bool,
        pick: &Pick,
    ) -> String {
        let from = |ids: Vec<&String>, index: &Index| {
            if ids.is_empty() {
                "missing".to_owned()
            } else {
                (*index.get(&ids)).clone()
            }
        };
        let fitting = own
            .iter()
            .filter(|(_, kind)| kind.is_none_or(&fits))
            .map(|(id, _)| id)
            .collect();
        match pick {
            Pick::Fit(index) => from(fitting, index),
            Pick::Own(index) => from(own.iter().map(|(id, _)| id).collect(), index),
            Pick::AnyKind(index) => from(self.all.iter().collect(), index),
            Pick::Made(id) => id.clone(),
        }
    }

    fn stage(&self, pick: &Pick) -> StageId {
        StageId::new(self.resolve(&self.stages, any_kind, pick))
    }

    fn lane(&self, pick: &Pick, fits: impl Fn(LaneKind) -> bool) -> LaneId {
        LaneId::new(self.resolve(&self.lanes, fits, pick))
    }

    fn card(&self, pick: &Pick, fits: impl Fn(LaneKind) -> bool) -> CardId {
        CardId::new(self.resolve(&self.cards, fits, pick))
    }

    fn point(&self, pick: &Pick) -> PointId {
        PointId::new(self.resolve(&self.points, any_kind, pick))
    }
}

/// Any lane or card fits.
fn any_kind(_: LaneKind) -> bool {
    true
}

/// Lanes that hold cards: every kind but the emotion curve.
fn cards(kind: LaneKind) -> bool {
    kind.holds_cards()
}

/// Lanes, or cards in lanes, of this kind.
fn of(wanted: LaneKind) -> impl Fn(LaneKind) -> bool {
    move |kind| kind == wanted
}

/// Applies `op` to `map` the way the editor would, and says whether the
/// model refused it.
#[expect(clippy::too_many_lines, reason = "one short arm per operation")]
fn apply(map: &mut JourneyMap, op: &Op) -> Result<(), EditError> {
    let ids = Ids::of(map);
    match op {
        Op::AddStage(index, name) => {
            map.add_stage(*index, name.as_str());
        }
        Op::RenameStage(s, name) => {
            map.rename_stage(&ids.stage(s), name.as_str())?;
        }
        Op::SetStageColour(s, colour) => {
            map.set_stage_colour(&ids.stage(s), *colour)?;
        }
        Op::SetStageNotes(s, description, owner, metrics) => {
            let stage = ids.stage(s);
            let stage = map
                .stage_mut(&stage)
                .ok_or_else(|| EditError::NoSuchStage(stage.clone()))?;
            stage.description.clone_from(description);
            stage.owner.clone_from(owner);
            stage.metrics.clone_from(metrics);
        }
        Op::MoveStage(s, index) => {
            map.move_stage(&ids.stage(s), *index)?;
        }
        Op::RemoveStage(s) => {
            map.remove_stage(&ids.stage(s))?;
        }
        Op::AddLane(index, name, kind) => {
            map.add_lane(*index, name.as_str(), *kind);
        }
        Op::RenameLane(l, name) => {
            map.rename_lane(&ids.lane(l, any_kind), name.as_str())?;
        }
        Op::SetLaneColour(l, colour) => {
            map.set_lane_colour(&ids.lane(l, any_kind), *colour)?;
        }
        Op::MoveLane(l, index) => {
            map.move_lane(&ids.lane(l, any_kind), *index)?;
        }
        Op::RemoveLane(l) => {
            map.remove_lane(&ids.lane(l, any_kind))?;
        }
        Op::AddCard(s, l, index, text) => {
            map.add_card(&ids.stage(s), &ids.lane(l, cards), *index, text.as_str())?;
        }
        Op::InsertCard(s, index, spec) => {
            let mut card = Card::new(
                CardId::new(map.fresh_id("c")),
                ids.lane(&spec.lane, cards),
                spec.text.as_str(),
            );
            card.notes.clone_from(&spec.notes);
            card.channel = spec.channel;
            card.severity = spec.severity;
            card.answers = spec
                .answers
                .as_ref()
                .map(|a| ids.card(a, of(LaneKind::PainPoints)));
            card.moment_of_truth = spec.moment_of_truth;
            card.impact = spec.impact;
            card.effort = spec.effort;
            card.votes = spec.votes.iter().cloned().collect();
            map.insert_card(&ids.stage(s), *index, card)?;
        }
        Op::SetCardText(c, text) => {
            map.set_card_text(&ids.card(c, any_kind), text.as_str())?;
        }
        Op::SetCardNotes(c, notes) => {
            map.set_card_notes(&ids.card(c, any_kind), notes.as_str())?;
        }
        Op::SetMomentOfTruth(c, flag) => {
            map.set_moment_of_truth(&ids.card(c, any_kind), *flag)?;
        }
        Op::SetChannel(c, channel) => {
            map.set_card_channel(&ids.card(c, of(LaneKind::Touchpoints)), *channel)?;
        }
        Op::SetSeverity(c, severity) => {
            map.set_card_severity(&ids.card(c, of(LaneKind::PainPoints)), *severity)?;
        }
        Op::MoveCard(c, s, l, index) => {
            map.move_card(
                &ids.card(c, any_kind),
                &ids.stage(s),
                &ids.lane(l, cards),
                *index,
            )?;
        }
        Op::RemoveCard(c) => {
            map.remove_card(&ids.card(c, any_kind))?;
        }
        Op::Link(o, p) => {
            map.link_opportunity(
                &ids.card(o, of(LaneKind::Opportunities)),
                &ids.card(p, of(LaneKind::PainPoints)),
            )?;
        }
        Op::Unlink(o) => {
            map.unlink_opportunity(&ids.card(o, of(LaneKind::Opportunities)))?;
        }
        Op::AddPoint(s, l, index, score, label) => {
            map.add_point(
                &ids.stage(s),
                &ids.lane(l, of(LaneKind::Emotion)),
                *index,
                *score,
                label.as_str(),
            )?;
        }
        Op::InsertPoint(s, index, l, score, label) => {
            let point = EmotionPoint {
                id: PointId::new(map.fresh_id("p")),
                lane: ids.lane(l, of(LaneKind::Emotion)),
                score: *score,
                company: None,
                future: None,
                label: label.clone(),
            };
            map.insert_point(&ids.stage(s), *index, point)?;
        }
        Op::SetScore(p, score) => {
            map.set_point_score(&ids.point(p), *score)?;
        }
        Op::SetPointLabel(p, label) => {
            map.set_point_label(&ids.point(p), label.as_str())?;
        }
        Op::SetCompanyScore(p, score) => {
            map.set_company_score(&ids.point(p), *score)?;
        }
        Op::SetImpact(c, impact) => {
            map.set_impact(&ids.card(c, of(LaneKind::Opportunities)), *impact)?;
        }
        Op::SetEffort(c, effort) => {
            map.set_effort(&ids.card(c, of(LaneKind::Opportunities)), *effort)?;
        }
        Op::SetVotes(c, voter, dots) => {
            map.set_votes(&ids.card(c, LaneKind::takes_votes), voter, *dots)?;
        }
        Op::SetKpis(s, kpis) => {
            map.set_kpis(&ids.stage(s), kpis.clone())?;
        }
        Op::MovePoint(p, s, index) => {
            map.move_point(&ids.point(p), &ids.stage(s), *index)?;
        }
        Op::RemovePoint(p) => {
            map.remove_point(&ids.point(p))?;
        }
        Op::SetTitle(title) => map.title.clone_from(title),
        Op::SetScenario(scenario) => map.scenario.clone_from(scenario),
        Op::SetPersona(persona) => map.persona.clone_from(persona),
    }
    Ok(())
}

/// The maps a sequence starts from: an empty map and every bundled sample.
fn start_map() -> impl Strategy<Value = JourneyMap> {
    let mut maps = vec![JourneyMap::default()];
    maps.extend(
        samples::SAMPLES
            .iter()
            .map(|sample| sample.map().expect("every sample loads")),
    );
    prop::sample::select(maps)
}

/// Cases per property: each is up to 48 operations and one real save and
/// load (an fsync), and 128 of them take about 4 s in a debug build, so
/// `cargo test` stays quick. Set `PROPTEST_CASES` higher for a longer hunt.
const CASES: u32 = 128;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    /// Each operation either succeeds and leaves a valid map, or is refused
    /// and leaves the map exactly as it was; at the end the map saves and
    /// opens again equal, in the same canonical bytes.
    #[test]
    fn any_sequence_of_edits_leaves_a_valid_map_that_saves_and_reopens_equal(
        start in start_map(),
        ops in prop::collection::vec(op(), 0..48),
    ) {
        let mut map = start;
        for op in &ops {
            let before = map.clone();
            if let Err(error) = apply(&mut map, op) {
                prop_assert_eq!(&map, &before, "{:?} was refused ({}) but changed the map", op, error);
            }
            prop_assert_eq!(validate(&map), Vec::new(), "after {:?}", op);
        }
        assert_saves_and_reopens_equal(&map);
    }
}
