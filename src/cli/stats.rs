//! `journeymap stats FILE [--json]`: the health of each stage and of the
//! whole map, the biggest perception gaps and the most voted items, as a
//! table for people or as JSON for scripts. The figures are
//! [`crate::model::insights`]'s, as the editor and exports show them.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::{Outcome, report};
use crate::io;
use crate::model::insights::{Gap, Insights, StageHealth, Voted, two_decimals};
use crate::model::{Kpi, LaneKind};

/// How many gaps and voted items a report lists.
const LISTED: usize = 5;

/// `journeymap stats FILE [--json]`.
pub fn run(file: &Path, json: bool, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let map = match io::read_map(file) {
        Ok(map) => map,
        Err(error) => {
            report(file, &error, err)?;
            return Ok(ExitCode::FAILURE);
        }
    };
    if json {
        match to_json(&map) {
            Ok(text) => writeln!(out, "{text}")?,
            Err(error) => {
                writeln!(err, "journeymap: cannot write the figures as JSON: {error}")?;
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        table(&map.title, &Insights::of(&map), out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The figures of `stats --json` for `map`, as pretty JSON.
pub fn to_json(map: &crate::model::JourneyMap) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&Report::of(map, &Insights::of(map)))
}

/// The JSON document.
#[derive(Serialize)]
struct Report<'a> {
    stages: Vec<StageFigures<'a>>,
    map: MapFigures<'a>,
}

#[derive(Serialize)]
struct StageFigures<'a> {
    id: &'a str,
    name: &'a str,
    pain_points: usize,
    severity_score: u32,
    mean_emotion: Option<f64>,
    perception_gap: Option<i8>,
    moments_of_truth: usize,
    kpis: Vec<KpiFigures<'a>>,
}

#[derive(Serialize)]
struct KpiFigures<'a> {
    measure: &'static str,
    name: &'a str,
    value: f64,
    target: Option<f64>,
    lower_is_better: bool,
    met: Option<bool>,
}

#[derive(Serialize)]
struct MapFigures<'a> {
    title: &'a str,
    stages: usize,
    cards: usize,
    pain_points: usize,
    severity_score: u32,
    mean_emotion: Option<f64>,
    perception_gap: Option<i8>,
    moments_of_truth: usize,
    biggest_gaps: Vec<GapFigures<'a>>,
    most_voted: Vec<VotedFigures<'a>>,
}

#[derive(Serialize)]
struct GapFigures<'a> {
    stage: &'a str,
    point: &'a str,
    label: &'a str,
    customer: i8,
    company: i8,
    gap: i8,
}

#[derive(Serialize)]
struct VotedFigures<'a> {
    id: &'a str,
    text: &'a str,
    kind: &'static str,
    stage: &'a str,
    votes: u32,
}

impl<'a> Report<'a> {
    fn of(map: &'a crate::model::JourneyMap, insights: &Insights<'a>) -> Self {
        Self {
            stages: insights.stages.iter().map(StageFigures::of).collect(),
            map: MapFigures {
                title: &map.title,
                stages: map.stages.len(),
                cards: map.card_count(),
                pain_points: insights.pain_points,
                severity_score: insights.severity_score,
                mean_emotion: insights.mean_emotion.map(two_decimals),
                perception_gap: insights.biggest_gap().map(|gap| gap.size()),
                moments_of_truth: insights.moments_of_truth,
                biggest_gaps: (insights.gaps.iter().take(LISTED))
                    .map(GapFigures::of)
                    .collect(),
                most_voted: (insights.most_voted.iter().take(LISTED))
                    .map(VotedFigures::of)
                    .collect(),
            },
        }
    }
}

impl<'a> StageFigures<'a> {
    fn of(health: &StageHealth<'a>) -> Self {
        Self {
            id: health.stage.id.as_str(),
            name: &health.stage.name,
            pain_points: health.pain_points,
            severity_score: health.severity_score,
            mean_emotion: health.mean_emotion.map(two_decimals),
            perception_gap: health.biggest_gap.map(|gap| gap.size()),
            moments_of_truth: health.moments_of_truth,
            kpis: health.stage.kpis.iter().map(KpiFigures::of).collect(),
        }
    }
}

impl<'a> KpiFigures<'a> {
    fn of(kpi: &'a Kpi) -> Self {
        Self {
            measure: kpi.measure.kind(),
            name: kpi.measure.name(),
            value: kpi.value,
            target: kpi.target,
            lower_is_better: kpi.lower_is_better,
            met: kpi.meets_target(),
        }
    }
}

impl<'a> GapFigures<'a> {
    fn of(gap: &Gap<'a>) -> Self {
        Self {
            stage: gap.stage.id.as_str(),
            point: gap.point.id.as_str(),
            label: &gap.point.label,
            customer: gap.point.score,
            company: gap.company,
            gap: gap.size(),
        }
    }
}

impl<'a> VotedFigures<'a> {
    fn of(voted: &Voted<'a>) -> Self {
        Self {
            id: voted.card.id.as_str(),
            text: &voted.card.text,
            kind: kind_name(voted.kind),
            stage: voted.stage.id.as_str(),
            votes: voted.card.votes.total(),
        }
    }
}

fn kind_name(kind: LaneKind) -> &'static str {
    if kind == LaneKind::Opportunities {
        "opportunity"
    } else {
        "pain point"
    }
}

/// A signed figure, `-` for none.
fn signed(value: Option<f64>) -> String {
    value.map_or_else(
        || "-".to_owned(),
        |v| {
            let v = two_decimals(v);
            if v > 0.0 {
                format!("+{v:.2}")
            } else {
                format!("{v:.2}")
            }
        },
    )
}

fn gap_text(gap: Option<i8>) -> String {
    gap.map_or_else(|| "-".to_owned(), |g| format!("{g:+}"))
}

/// A KPI for the table: `NPS +12 (target +30, missed)`.
fn kpi_text(kpi: &Kpi) -> String {
    let value = format!("{} {}", kpi.measure.name(), kpi.measure.show(kpi.value));
    match (kpi.target, kpi.meets_target()) {
        (Some(target), Some(met)) => format!(
            "{value} (target {}, {})",
            kpi.measure.show(target),
            if met { "met" } else { "missed" }
        ),
        _ => value,
    }
}

/// The table for people: a row per stage and the whole map, then the
/// biggest gaps and the most voted items.
fn table(title: &str, insights: &Insights<'_>, out: &mut impl Write) -> std::io::Result<()> {
    let names = insights.stages.iter().map(|s| s.stage.name.chars().count());
    let width = names.chain([9]).max().unwrap_or(9).min(32) + 2;
    writeln!(out, "{title}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}{:>6}{:>10}{:>9}{:>6}{:>6}  KPIs",
        "Stage", "Pains", "Severity", "Emotion", "Gap", "MoT"
    )?;
    for health in &insights.stages {
        let name: String = health.stage.name.chars().take(width - 2).collect();
        let kpis: Vec<String> = health.stage.kpis.iter().map(kpi_text).collect();
        let row = format!(
            "{name:<width$}{:>6}{:>10}{:>9}{:>6}{:>6}  {}",
            health.pain_points,
            health.severity_score,
            signed(health.mean_emotion),
            gap_text(health.biggest_gap.map(|g| g.size())),
            health.moments_of_truth,
            kpis.join("; ")
        );
        writeln!(out, "{}", row.trim_end())?;
    }
    writeln!(
        out,
        "{:<width$}{:>6}{:>10}{:>9}{:>6}{:>6}",
        "Whole map",
        insights.pain_points,
        insights.severity_score,
        signed(insights.mean_emotion),
        gap_text(insights.biggest_gap().map(|g| g.size())),
        insights.moments_of_truth
    )?;
    if !insights.gaps.is_empty() {
        writeln!(out)?;
        writeln!(out, "Biggest perception gaps (company minus customer)")?;
        for gap in insights.gaps.iter().take(LISTED) {
            writeln!(
                out,
                "  {:+}  {} / {:?}: customer {:+}, company {:+}",
                gap.size(),
                gap.stage.name,
                gap.point.label,
                gap.point.score,
                gap.company
            )?;
        }
    }
    if !insights.most_voted.is_empty() {
        writeln!(out)?;
        writeln!(out, "Most voted")?;
        for voted in insights.most_voted.iter().take(LISTED) {
            let dots = voted.card.votes.total();
            writeln!(
                out,
                "  {dots:>3} {}  {} {:?} ({})",
                if dots == 1 { "dot " } else { "dots" },
                kind_name(voted.kind),
                voted.card.text,
                voted.stage.name
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Severity weighs low (or unrated) 1, medium 2, high 3, critical 4. \
         Emotion is the mean score, -3 to +3. MoT: moments of truth."
    )?;
    Ok(())
}
