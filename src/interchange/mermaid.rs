//! Mermaid `journey` diagrams, read into a map and written from one.
//!
//! Reading: each `section` becomes a stage; each task (`Name: SCORE:
//! actors`) becomes a card in the "Doing" lane and a point on the
//! "Feeling" curve, labelled with the task's name. Its actors are kept in
//! the card's notes (`Actors: Me, Cat`), and each stage's actors are the
//! cards of a "Who" lane. A single actor in the whole diagram is the
//! persona. Mermaid's scores 1–5 become −3, −2, 0, +2, +3.
//!
//! Writing: each stage is a section, and its tasks are the points of the
//! map's first emotion lane: the label is the task's name, the score goes
//! back through [`score_to_mermaid`], and the actors are those noted on
//! the card of the same text in that stage, or else the persona's name.

use std::fmt::Write as _;

use super::ReadError;
use crate::io::Position;
use crate::model::{
    Card, CardId, EmotionPoint, JourneyMap, Lane, LaneId, LaneKind, PointId, Stage, StageId,
};

/// The start of the notes line that records a task's actors.
const ACTORS_NOTE: &str = "Actors: ";

/// Mermaid's score (1–5) on journeymap's emotion scale (−3..+3).
pub fn score_from_mermaid(score: u8) -> i8 {
    match score {
        0 | 1 => -3,
        2 => -2,
        3 => 0,
        4 => 2,
        _ => 3,
    }
}

/// An emotion score (−3..+3) on Mermaid's scale (1–5); the inverse of
/// [`score_from_mermaid`] for the scores it gives, and the nearest for ±1.
pub fn score_to_mermaid(score: i8) -> u8 {
    match score {
        i8::MIN..=-3 => 1,
        -2 | -1 => 2,
        0 => 3,
        1 | 2 => 4,
        3..=i8::MAX => 5,
    }
}

/// One task as read from a line.
struct Task {
    name: String,
    score: u8,
    actors: Vec<String>,
}

/// One section as read, with its tasks.
struct Section {
    name: String,
    tasks: Vec<Task>,
}

/// Reads a Mermaid `journey` diagram. `fallback_title` names the map when
/// the diagram has no `title`.
pub fn parse_journey(text: &str, fallback_title: &str) -> Result<JourneyMap, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut title = None;
    let mut description = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut started = false;
    let mut in_front_matter = false;
    let mut in_description = false;
    for (index, raw) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = raw.trim();
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        let at = |column_in_line: usize| Position {
            line: line_number,
            column: indent + column_in_line + 1,
        };
        if in_front_matter {
            in_front_matter = line != "---";
            continue;
        }
        if in_description {
            in_description = !line.ends_with('}');
            push_line(&mut description, line.trim_end_matches('}'));
            continue;
        }
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        if !started {
            if line == "---" && index == first_line(text) {
                in_front_matter = true;
                continue;
            }
            let keyword = line.split_whitespace().next().unwrap_or(line);
            if keyword != "journey" {
                return Err(ReadError {
                    at: at(0),
                    message: format!(
                        "a Mermaid journey starts with `journey`, not `{keyword}`; \
                         journeymap imports journey diagrams only"
                    ),
                });
            }
            started = true;
            continue;
        }
        if let Some(rest) = keyword_value(line, "title") {
            title = Some(rest.to_owned());
        } else if let Some(rest) = keyword_value(line, "section") {
            sections.push(Section {
                name: rest.to_owned(),
                tasks: Vec::new(),
            });
        } else if let Some(rest) = accessible(line, "accTitle", &[':']) {
            let rest = rest.trim_start_matches(':').trim();
            if title.is_none() {
                title = Some(rest.to_owned());
            }
        } else if let Some(rest) = accessible(line, "accDescr", &[':', '{']) {
            in_description = read_description(rest, &mut description);
        } else {
            let task = parse_task(line, &at)?;
            if sections.is_empty() {
                // Mermaid draws tasks before the first section without one.
                sections.push(Section {
                    name: String::new(),
                    tasks: Vec::new(),
                });
            }
            if let Some(section) = sections.last_mut() {
                section.tasks.push(task);
            }
        }
    }
    if !started {
        return Err(ReadError {
            at: Position { line: 1, column: 1 },
            message: "this file is empty; a Mermaid journey starts with `journey`".to_owned(),
        });
    }
    if sections.is_empty() {
        let lines = text.lines().count().max(1);
        return Err(ReadError {
            at: Position {
                line: lines,
                column: 1,
            },
            message: "this journey has no sections and no tasks: nothing to import".to_owned(),
        });
    }
    let title = title.unwrap_or_else(|| fallback_title.to_owned());
    Ok(build_map(title, description, &sections))
}

/// What follows `keyword` in `line` when one of `marks` comes next
/// (`accTitle: …`, `accDescr { …`), spaces between allowed.
fn accessible<'a>(line: &'a str, keyword: &str, marks: &[char]) -> Option<&'a str> {
    let rest = line.strip_prefix(keyword)?.trim_start();
    rest.starts_with(marks).then_some(rest)
}

/// Reads what follows `accDescr`: `: text` or `{ text }` on one line, or
/// the first line of a `{` block; true if the block goes on.
fn read_description(rest: &str, description: &mut String) -> bool {
    let rest = rest.trim_start();
    let Some(block) = rest.strip_prefix('{') else {
        push_line(description, rest.trim_start_matches(':'));
        return false;
    };
    if let Some(one_line) = block.strip_suffix('}') {
        push_line(description, one_line);
        false
    } else {
        push_line(description, block);
        true
    }
}

/// The index of the first line that is not blank.
fn first_line(text: &str) -> usize {
    text.lines()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(0)
}

/// The rest of `line` after `keyword` and a space, if it starts so.
fn keyword_value<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(keyword)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

fn push_line(text: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}

/// Reads `Name: SCORE` or `Name: SCORE: actor, actor`.
fn parse_task(line: &str, at: &impl Fn(usize) -> Position) -> Result<Task, ReadError> {
    let Some((name, data)) = line.split_once(':') else {
        return Err(ReadError {
            at: at(0),
            message: format!(
                "`{line}` is not a line of a journey: expected `section NAME`, \
                 `title TEXT` or a task `NAME: SCORE: ACTORS` (e.g. `Make tea: 5: Me`)"
            ),
        });
    };
    let (score_text, actors) = data.split_once(':').unwrap_or((data, ""));
    let score_column = name.chars().count() + 1 + leading_spaces(score_text);
    let score_text = score_text.trim();
    let Ok(score @ 1..=5) = score_text.parse::<u8>() else {
        return Err(ReadError {
            at: at(score_column),
            message: format!(
                "task `{}` has score `{score_text}`; a Mermaid journey scores tasks \
                 with whole numbers from 1 to 5",
                name.trim()
            ),
        });
    };
    let actors = actors
        .split(',')
        .map(str::trim)
        .filter(|actor| !actor.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Task {
        name: name.trim().to_owned(),
        score,
        actors,
    })
}

fn leading_spaces(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).count()
}

fn build_map(title: String, description: String, sections: &[Section]) -> JourneyMap {
    let doing = LaneId::new("doing");
    let feeling = LaneId::new("feeling");
    let who = LaneId::new("who");
    let mut everyone: Vec<&str> = Vec::new();
    for task in sections.iter().flat_map(|s| &s.tasks) {
        for actor in &task.actors {
            if !everyone.contains(&actor.as_str()) {
                everyone.push(actor);
            }
        }
    }
    let mut map = JourneyMap {
        title,
        scenario: description,
        ..JourneyMap::default()
    };
    map.lanes.push(lane(&doing, "Doing", LaneKind::Text));
    map.lanes.push(lane(&feeling, "Feeling", LaneKind::Emotion));
    if !everyone.is_empty() {
        map.lanes.push(lane(&who, "Who", LaneKind::Text));
    }
    if let [only] = everyone.as_slice() {
        (*only).clone_into(&mut map.persona.name);
    }
    let mut next_card = 0;
    let mut next_point = 0;
    for (number, section) in sections.iter().enumerate() {
        let mut stage = Stage::new(StageId::new(format!("s{}", number + 1)), &section.name);
        let mut cards = Vec::new();
        let mut actors_here: Vec<&str> = Vec::new();
        for task in &section.tasks {
            next_card += 1;
            let mut card = Card::new(
                CardId::new(format!("c{next_card}")),
                doing.clone(),
                &task.name,
            );
            if !task.actors.is_empty() {
                card.notes = format!("{ACTORS_NOTE}{}", task.actors.join(", "));
            }
            cards.push(card);
            next_point += 1;
            stage.points.push(EmotionPoint {
                id: PointId::new(format!("p{next_point}")),
                lane: feeling.clone(),
                score: score_from_mermaid(task.score),
                company: None,
                future: None,
                label: task.name.clone(),
            });
            for actor in &task.actors {
                if !actors_here.contains(&actor.as_str()) {
                    actors_here.push(actor);
                }
            }
        }
        for actor in actors_here {
            next_card += 1;
            cards.push(Card::new(
                CardId::new(format!("c{next_card}")),
                who.clone(),
                actor,
            ));
        }
        *stage.cards.to_mut() = cards;
        map.stages.push(stage);
    }
    map
}

fn lane(id: &LaneId, name: &str, kind: LaneKind) -> Lane {
    Lane {
        id: id.clone(),
        name: name.to_owned(),
        kind,
        colour: None,
        line_below: None,
    }
}

/// Writes `map` as a Mermaid `journey` diagram (see the module's doc for
/// what becomes what).
pub fn to_journey(map: &JourneyMap) -> String {
    let mut out = String::from("journey\n");
    if !map.title.trim().is_empty() {
        let _ = writeln!(out, "    title {}", plain(&map.title));
    }
    if !map.scenario.trim().is_empty() {
        let _ = writeln!(
            out,
            "    accDescr: {}",
            map.scenario
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let emotion = map.lanes.iter().find(|l| l.kind == LaneKind::Emotion);
    for stage in &map.stages {
        let _ = writeln!(out, "    section {}", plain(&stage.name));
        let Some(emotion) = emotion else { continue };
        for point in stage.points_in(&emotion.id) {
            let name = task_name(&point.label, &stage.name);
            let actors = actors_of(map, stage, &point.label);
            let score = score_to_mermaid(point.score);
            if actors.is_empty() {
                let _ = writeln!(out, "      {name}: {score}");
            } else {
                let _ = writeln!(out, "      {name}: {score}: {actors}");
            }
        }
    }
    out
}

/// A task's name: the label (or the stage's name) as [`plain`] text, and
/// never one that Mermaid would read as a statement of its own.
fn task_name(label: &str, stage_name: &str) -> String {
    let text = if label.trim().is_empty() {
        stage_name
    } else {
        label
    };
    let name = plain(text);
    let first = name.split_whitespace().next().unwrap_or("");
    let keyword = ["journey", "title", "section", "accTitle", "accDescr"]
        .iter()
        .any(|k| first.eq_ignore_ascii_case(k));
    if name.is_empty() {
        "Moment".to_owned()
    } else if keyword || name.starts_with("%%") || name.starts_with("---") {
        format!("· {name}")
    } else {
        name
    }
}

/// The actors noted on the card in `stage` whose text is `label`, or else
/// the persona's name.
fn actors_of(map: &JourneyMap, stage: &Stage, label: &str) -> String {
    let noted = stage
        .cards
        .iter()
        .filter(|card| card.text == label)
        .find_map(|card| {
            card.notes
                .lines()
                .find_map(|line| line.strip_prefix(ACTORS_NOTE))
        });
    let actors = noted.unwrap_or(map.persona.name.as_str());
    actors
        .split(',')
        .map(plain)
        .filter(|actor| !actor.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` on one line, with the characters Mermaid reads as syntax (`:`
/// ends a name, `#` and `;` a statement) made spaces.
fn plain(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if matches!(c, ':' | '#' | ';') { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}
