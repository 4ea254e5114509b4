//! Synthetic journey maps of any size, for benchmarks and stress tests.
//!
//! [`generate`] builds a valid map from a [`Spec`]: a service blueprint with
//! `lanes` card lanes (text, touchpoints, pain points, opportunities,
//! front- and backstage…) plus one emotion lane, `cards_per_cell` cards in
//! every cell, card texts of realistic length, channels, severities,
//! opportunities linked to pain points, moments of truth, notes and an
//! emotion curve, and what a team decides with: the company's belief at
//! emotion points, stage KPIs, opportunities' impact and effort, and dot
//! votes. The same spec always gives the same map.

mod words;

use crate::model::{
    Card, CardId, Channel, Colour, EmotionPoint, IdTag, JourneyMap, Kpi, Lane, LaneId, LaneKind,
    MAX_SCORE, MIN_RATING, MIN_SCORE, Measure, PALETTE, Persona, PointId, Severity, Stage, StageId,
};

/// The size and seed of a generated map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Columns.
    pub stages: usize,
    /// Lanes that hold cards; an emotion lane is added to these.
    pub lanes: usize,
    /// Cards in every cell of a card lane.
    pub cards_per_cell: usize,
    /// Picks the texts, channels, severities, links and scores.
    pub seed: u64,
}

impl Spec {
    /// A map of `stages` × `lanes` cells with `cards_per_cell` cards each, seed 1.
    pub fn new(stages: usize, lanes: usize, cards_per_cell: usize) -> Self {
        Self {
            stages,
            lanes,
            cards_per_cell,
            seed: 1,
        }
    }

    /// How many cards the map will hold: stages × lanes × cards per cell
    /// (saturating).
    pub fn card_count(&self) -> usize {
        self.stages
            .saturating_mul(self.lanes)
            .saturating_mul(self.cards_per_cell)
    }
}

/// A small, fast, deterministic generator (`SplitMix64`): the same seed
/// gives the same map on every platform and in every version of Rust.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for picking words.
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The card lanes of a service blueprint, repeated (numbered) when more are asked for.
const LANE_CYCLE: [(&str, LaneKind); 10] = [
    ("Doing", LaneKind::Text),
    ("Thinking & saying", LaneKind::Text),
    ("Touchpoints", LaneKind::Touchpoints),
    ("Pain points", LaneKind::PainPoints),
    ("Opportunities", LaneKind::Opportunities),
    ("Frontstage", LaneKind::Text),
    ("Backstage", LaneKind::Text),
    ("Support processes", LaneKind::Text),
    ("Physical evidence", LaneKind::Text),
    ("Owner", LaneKind::Text),
];

/// The lane the emotion curve is drawn in goes after the touchpoints.
const EMOTION_LANE_AFTER: usize = 3;

/// A valid map of the size `spec` asks for (see the module documentation).
pub fn generate(spec: &Spec) -> JourneyMap {
    let mut rng = Rng(spec.seed);
    let lanes = lanes(spec.lanes);
    let emotion = lanes
        .iter()
        .find(|lane| lane.kind == LaneKind::Emotion)
        .map(|lane| lane.id.clone());
    let mut next_card = 0_usize;
    let mut next_point = 0_usize;
    let mut score = 0_i8;
    let mut stages = Vec::with_capacity(spec.stages);
    for index in 0..spec.stages {
        let mut stage = stage(&mut rng, index);
        let mut pains: Vec<CardId> = Vec::new();
        for lane in lanes.iter().filter(|lane| lane.kind.holds_cards()) {
            for _ in 0..spec.cards_per_cell {
                next_card += 1;
                let id = CardId::new(format!("c{next_card}"));
                let card = card(&mut rng, id, lane, &pains);
                if lane.kind == LaneKind::PainPoints {
                    pains.push(card.id.clone());
                }
                stage.cards.to_mut().push(card);
            }
        }
        if let Some(lane) = &emotion {
            for _ in 0..=rng.below(3) {
                next_point += 1;
                score = walk(&mut rng, score);
                stage.points.push(EmotionPoint {
                    id: PointId::new(format!("p{next_point}")),
                    lane: lane.clone(),
                    score,
                    company: None,
                    future: None,
                    label: rng.pick(&words::FEELINGS).to_owned(),
                });
            }
        }
        stages.push(stage);
    }
    let mut map = JourneyMap {
        title: format!(
            "Generated service blueprint: {} stages, {} lanes, {} cards",
            spec.stages,
            spec.lanes,
            spec.card_count()
        ),
        persona: persona(&mut rng),
        scenario: sentence(&mut rng, 2),
        lanes,
        stages,
        id_tag: IdTag::default(),
    };
    decide(&mut map, &mut Rng(spec.seed ^ DECIDING_SEED));
    map.sort_cells();
    map
}

/// Mixed into the seed of what a team decides with, drawn after the rest,
/// so that the rest of a map is what it was before those fields existed.
const DECIDING_SEED: u64 = 0x5ee0_f9a9;

/// The people who put dots on generated cards.
const VOTERS: [&str; 6] = ["Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima"];

/// Gives a map what a team decides with: a company belief at half the
/// emotion points, KPIs on half the stages, impact and effort on most
/// opportunities, and dots on a third of pain points and opportunities.
fn decide(map: &mut JourneyMap, rng: &mut Rng) {
    let kinds: Vec<(LaneId, LaneKind)> = (map.lanes.iter())
        .map(|lane| (lane.id.clone(), lane.kind))
        .collect();
    let kind_of = |lane: &LaneId| kinds.iter().find(|(id, _)| id == lane).map(|(_, k)| *k);
    for stage in &mut map.stages {
        for point in &mut stage.points {
            if rng.chance(50) {
                point.company = Some(walk(rng, point.score.saturating_add(1)));
            }
        }
        if rng.chance(50) {
            stage.kpis = kpis(rng);
        }
        for card in stage.cards.to_mut() {
            let kind = kind_of(&card.lane);
            if kind == Some(LaneKind::Opportunities) && rng.chance(70) {
                card.impact = Some(rating(rng));
                card.effort = Some(rating(rng));
            }
            if kind.is_some_and(LaneKind::takes_votes) && rng.chance(30) {
                for _ in 0..=rng.below(3) {
                    let dots = u32::try_from(1 + rng.below(3)).unwrap_or(1);
                    card.votes.set(rng.pick(&VOTERS), dots);
                }
            }
        }
    }
}

/// An impact or effort, 1..=5.
fn rating(rng: &mut Rng) -> u8 {
    u8::try_from(1 + rng.below(5)).unwrap_or(MIN_RATING)
}

/// One or two KPIs on their scales, some with targets.
fn kpis(rng: &mut Rng) -> Vec<Kpi> {
    let whole = |rng: &mut Rng, low: usize, span: usize| {
        f64::from(u32::try_from(low + rng.below(span)).unwrap_or(0))
    };
    let mut nps = Kpi::new(Measure::Nps, whole(rng, 0, 120) - 40.0);
    if rng.chance(60) {
        nps.target = Some(whole(rng, 20, 50));
    }
    let mut kpis = vec![nps];
    if rng.chance(50) {
        let mut csat = Kpi::new(Measure::Csat, whole(rng, 50, 50));
        csat.target = Some(85.0);
        kpis.push(csat);
    }
    kpis
}

/// `count` card lanes from [`LANE_CYCLE`] and the emotion lane.
fn lanes(count: usize) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = (0..count)
        .map(|i| {
            let (name, kind) = LANE_CYCLE[i % LANE_CYCLE.len()];
            let round = i / LANE_CYCLE.len();
            Lane {
                id: LaneId::new(format!("l{}", i + 1)),
                name: if round == 0 {
                    name.to_owned()
                } else {
                    format!("{name} {}", round + 1)
                },
                kind,
                colour: (kind == LaneKind::Text && round > 0)
                    .then_some(Colour::rgb(0xbb, 0xbb, 0xbb)),
                line_below: None,
            }
        })
        .collect();
    let feeling = Lane {
        id: LaneId::new("feeling"),
        name: "Feeling".to_owned(),
        kind: LaneKind::Emotion,
        colour: None,
        line_below: None,
    };
    lanes.insert(EMOTION_LANE_AFTER.min(lanes.len()), feeling);
    lanes
}

fn stage(rng: &mut Rng, index: usize) -> Stage {
    let phase = words::PHASES[index % words::PHASES.len()];
    let round = index / words::PHASES.len();
    let name = if round == 0 {
        phase.to_owned()
    } else {
        format!("{phase} {}", round + 1)
    };
    let mut stage = Stage::new(StageId::new(format!("s{}", index + 1)), name);
    if rng.chance(60) {
        stage.description = sentence(rng, 1);
    }
    if rng.chance(40) {
        stage.owner = format!("{} team", rng.pick(&words::TEAMS));
    }
    if rng.chance(40) {
        stage.metrics = format!("{} {}", rng.pick(&words::METRICS), 40 + rng.below(55));
    }
    if rng.chance(50) {
        // The palette the inspector offers, without its grey, as in the samples.
        stage.colour = Some(rng.pick(&PALETTE[..PALETTE.len() - 1]));
    }
    stage
}

fn card(rng: &mut Rng, id: CardId, lane: &Lane, pains: &[CardId]) -> Card {
    let text = match lane.kind {
        LaneKind::Text if lane.name.starts_with("Thinking") => {
            format!("“{}”", rng.pick(&words::THOUGHTS))
        }
        LaneKind::PainPoints => format!(
            "{} {}",
            capitalised(rng.pick(&words::OBJECTS)),
            rng.pick(&words::PROBLEMS)
        ),
        LaneKind::Opportunities => format!(
            "{} {} {}",
            rng.pick(&words::IMPROVEMENTS),
            rng.pick(&words::OBJECTS),
            rng.pick(&words::GOALS)
        ),
        _ => clause(rng),
    };
    let mut card = Card::new(id, lane.id.clone(), text);
    if rng.chance(35) {
        card.text.push_str(", ");
        card.text.push_str(rng.pick(&words::TAILS));
    }
    match lane.kind {
        LaneKind::Touchpoints if rng.chance(90) => {
            card.channel = Some(rng.pick(&Channel::ALL));
        }
        LaneKind::PainPoints if rng.chance(85) => {
            card.severity = Some(rng.pick(&Severity::ALL));
        }
        LaneKind::Opportunities if !pains.is_empty() && rng.chance(70) => {
            card.answers = Some(pains[rng.below(pains.len())].clone());
        }
        _ => {}
    }
    card.moment_of_truth = rng.chance(3);
    if rng.chance(10) {
        let count = 1 + rng.below(3);
        card.notes = sentence(rng, count);
    }
    card
}

/// The next score of the emotion curve: a step up or down, within range.
fn walk(rng: &mut Rng, score: i8) -> i8 {
    let step = match rng.below(5) {
        0 => -2,
        1 => -1,
        2 => 0,
        3 => 1,
        _ => 2,
    };
    score.saturating_add(step).clamp(MIN_SCORE, MAX_SCORE)
}

fn persona(rng: &mut Rng) -> Persona {
    Persona {
        name: format!(
            "{} {}",
            rng.pick(&words::FIRST_NAMES),
            rng.pick(&words::LAST_NAMES)
        ),
        role: format!("{} customer", rng.pick(&words::ROLES)),
        quote: rng.pick(&words::THOUGHTS).to_owned(),
        goals: (0..3).map(|_| capitalised(&clause(rng))).collect(),
        expectations: (0..3).map(|_| capitalised(&clause(rng))).collect(),
    }
}

/// "Compares the delivery slots on the app", possibly with a tail.
fn clause(rng: &mut Rng) -> String {
    format!(
        "{} the {} {}",
        rng.pick(&words::VERBS),
        rng.pick(&words::OBJECTS),
        rng.pick(&words::PLACES)
    )
}

/// `count` clauses as sentences.
fn sentence(rng: &mut Rng, count: usize) -> String {
    (0..count)
        .map(|_| {
            let mut text = clause(rng);
            if rng.chance(50) {
                text.push_str(", ");
                text.push_str(rng.pick(&words::TAILS));
            }
            text.push('.');
            text
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests;
