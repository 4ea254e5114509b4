//! Cards as CSV, one row per card: the spreadsheet where a workshop typed
//! its stickies, read into a map, and a map's cards written out as one.
//!
//! Columns, named in a header row in any order: `stage`, `lane`, `text`
//! (required), and `channel`, `severity`, `answers`, `notes`. Stages and
//! lanes are made in the order they first appear. A lane's kind comes from
//! its name (touchpoints or channels, pain, opportunities) or else from
//! what its rows carry (a channel, a severity, an answered pain point).
//! `answers` names the text of the pain point an opportunity answers, the
//! same stage's first. Commas, semicolons or tabs separate the columns,
//! whichever the header uses.

use super::ReadError;
use crate::io::Position;
use crate::model::{
    Card, CardId, Channel, JourneyMap, Lane, LaneId, LaneKind, Severity, Stage, StageId,
};

/// The columns, in the order [`to_cards`] writes them.
pub const COLUMNS: [&str; 7] = [
    "stage", "lane", "text", "channel", "severity", "answers", "notes",
];

/// One row as read: its fields by column, and where each starts.
struct Row {
    fields: [String; 7],
    at: [Position; 7],
}

/// Reads a CSV of cards into a new map titled `title`.
pub fn parse_cards(text: &str, title: &str) -> Result<JourneyMap, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .find(|d| header_line.as_bytes().contains(d))
        .unwrap_or(b',');
    if let Some(at) = unclosed_quote(text, delimiter) {
        return Err(ReadError {
            at,
            message: "this quoted field is never closed: add the closing `\"` \
                      (a `\"` inside a quoted field is written `\"\"`)"
                .to_owned(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let start = Position { line: 1, column: 1 };
    let Some(header) = records.next() else {
        return Err(ReadError {
            at: start,
            message: format!(
                "this file is empty; its first row names the columns: {}",
                COLUMNS.join(",")
            ),
        });
    };
    let header = header.map_err(|e| csv_error(text, &e))?;
    let columns = read_header(text, delimiter, &header)?;
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(text, &e))?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let starts = field_starts(text, &record, delimiter);
        let line_start = starts.first().copied().unwrap_or(start);
        // A field the row leaves out is reported at the row's start.
        let mut row = Row {
            fields: Default::default(),
            at: [line_start; 7],
        };
        for (index, field) in record.iter().enumerate() {
            let Some(Some(column)) = columns.get(index) else {
                continue;
            };
            field.trim().clone_into(&mut row.fields[*column]);
            row.at[*column] = starts.get(index).copied().unwrap_or(line_start);
        }
        for column in [0, 1] {
            if row.fields[column].is_empty() {
                return Err(ReadError {
                    at: row.at[column],
                    message: format!("this card has no {}; every row needs one", COLUMNS[column]),
                });
            }
        }
        rows.push(row);
    }
    build_map(title, &rows)
}

/// Where a quoted field opens that never closes, if one does. The csv
/// crate would read the rest of the file into it.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<Position> {
    let bytes = text.as_bytes();
    let mut field_start = true;
    let mut opened: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if opened.is_some() {
            if byte == b'"' {
                if bytes.get(at + 1) == Some(&b'"') {
                    at += 1;
                } else {
                    opened = None;
                }
            }
        } else if byte == b'"' && field_start {
            opened = Some(at);
        }
        field_start = opened.is_none() && (byte == delimiter || byte == b'\n');
        at += 1;
    }
    opened.map(|offset| Position::of_offset(text, offset))
}

/// Which column each field of the header is, refusing unknown ones.
fn read_header(
    text: &str,
    delimiter: u8,
    header: &csv::StringRecord,
) -> Result<Vec<Option<usize>>, ReadError> {
    let starts = field_starts(text, header, delimiter);
    let mut columns = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim();
        let at = starts
            .get(index)
            .copied()
            .unwrap_or(Position { line: 1, column: 1 });
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        let Some(column) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) else {
            return Err(ReadError {
                at,
                message: format!(
                    "unknown column `{name}`; the first row names the columns, from: {}",
                    COLUMNS.join(", ")
                ),
            });
        };
        if columns.contains(&Some(column)) {
            return Err(ReadError {
                at,
                message: format!("the column `{name}` is named twice"),
            });
        }
        columns.push(Some(column));
    }
    for (required, name) in COLUMNS.iter().enumerate().take(3) {
        if !columns.contains(&Some(required)) {
            return Err(ReadError {
                at: Position { line: 1, column: 1 },
                message: format!(
                    "the first row must name a `{name}` column (columns: {})",
                    COLUMNS.join(", ")
                ),
            });
        }
    }
    Ok(columns)
}

/// Where each field of `record` starts. The record's line comes from the
/// csv crate; the columns are counted along the record itself, so a file
/// is read once, not once per field.
fn field_starts(text: &str, record: &csv::StringRecord, delimiter: u8) -> Vec<Position> {
    let Some(position) = record.position() else {
        return Vec::new();
    };
    let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let (Some(before), Some(rest)) = (text.get(..offset), text.get(offset..)) else {
        return Vec::new();
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut at = Position {
        line: usize::try_from(position.line()).unwrap_or(1),
        column: before[line_start..].chars().count() + 1,
    };
    let mut starts = vec![at];
    let mut quoted = false;
    for c in rest.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            _ => {}
        }
        if c == '\n' {
            at.line += 1;
            at.column = 1;
        } else {
            at.column += 1;
        }
        if !quoted && c == char::from(delimiter) {
            starts.push(at);
        }
    }
    starts
}

fn csv_error(text: &str, error: &csv::Error) -> ReadError {
    let at = error
        .position()
        .and_then(|p| usize::try_from(p.byte()).ok())
        .map_or(Position { line: 1, column: 1 }, |byte| {
            Position::of_offset(text, byte)
        });
    ReadError {
        at,
        message: format!("this is not CSV that journeymap can read: {error}"),
    }
}

/// The lane kind a lane's name asks for, if it names one.
fn kind_from_name(name: &str) -> Option<LaneKind> {
    let name = name.to_lowercase();
    if name.contains("touchpoint") || name.contains("channel") {
        Some(LaneKind::Touchpoints)
    } else if name.contains("pain") {
        Some(LaneKind::PainPoints)
    } else if name.contains("opportunit") {
        Some(LaneKind::Opportunities)
    } else {
        None
    }
}

fn build_map(title: &str, rows: &[Row]) -> Result<JourneyMap, ReadError> {
    let mut map = JourneyMap {
        title: title.to_owned(),
        ..JourneyMap::default()
    };
    add_stages_and_lanes(&mut map, rows);
    let mut cards = read_cards(&map, rows)?;
    link_answers(&map, &mut cards)?;
    for (stage, card, _) in cards {
        if let Some(stage) = map.stages.get_mut(stage) {
            stage.cards.to_mut().push(card);
        }
    }
    map.sort_cells();
    Ok(map)
}

/// A card as read: its stage's index, the card, and its row if it names a
/// pain point it answers.
type ReadCard<'a> = (usize, Card, Option<&'a Row>);

/// The stages and lanes the rows name, in the order they first appear.
fn add_stages_and_lanes(map: &mut JourneyMap, rows: &[Row]) {
    for row in rows {
        let [stage, lane, ..] = &row.fields;
        if !map.stages.iter().any(|s| s.name == *stage) {
            let id = StageId::new(format!("s{}", map.stages.len() + 1));
            map.stages.push(Stage::new(id, stage));
        }
        if !map.lanes.iter().any(|l| l.name == *lane) {
            let carried = |column: usize| {
                rows.iter()
                    .any(|r| r.fields[1] == *lane && !r.fields[column].is_empty())
            };
            let kind = kind_from_name(lane).unwrap_or(if carried(5) {
                LaneKind::Opportunities
            } else if carried(4) {
                LaneKind::PainPoints
            } else if carried(3) {
                LaneKind::Touchpoints
            } else {
                LaneKind::Text
            });
            map.lanes.push(Lane {
                id: LaneId::new(format!("l{}", map.lanes.len() + 1)),
                name: lane.clone(),
                kind,
                colour: None,
                line_below: None,
            });
        }
    }
}

/// Each row as a card, its channel and severity read and checked against
/// its lane.
fn read_cards<'a>(map: &JourneyMap, rows: &'a [Row]) -> Result<Vec<ReadCard<'a>>, ReadError> {
    let mut cards = Vec::new();
    for (number, row) in rows.iter().enumerate() {
        let [stage, lane, text, channel, severity, answers, notes] = &row.fields;
        let stage_index = map
            .stages
            .iter()
            .position(|s| s.name == *stage)
            .unwrap_or(0);
        let Some(lane) = map.lanes.iter().find(|l| l.name == *lane) else {
            continue;
        };
        let mut card = Card::new(
            CardId::new(format!("c{}", number + 1)),
            lane.id.clone(),
            text,
        );
        card.notes.clone_from(notes);
        card.channel = parse_choice(channel, &Channel::ALL, Channel::label, row.at[3], "channel")?;
        card.severity = parse_choice(
            severity,
            &Severity::ALL,
            Severity::label,
            row.at[4],
            "severity",
        )?;
        for (column, value, allowed) in [
            (3, card.channel.is_some(), LaneKind::Touchpoints),
            (4, card.severity.is_some(), LaneKind::PainPoints),
            (5, !answers.is_empty(), LaneKind::Opportunities),
        ] {
            if value && lane.kind != allowed {
                return Err(ReadError {
                    at: row.at[column],
                    message: format!(
                        "lane `{}` holds {} cards, which have no {}; only {} cards do",
                        lane.name,
                        lane.kind.label(),
                        COLUMNS[column],
                        allowed.label()
                    ),
                });
            }
        }
        let links = (!answers.is_empty()).then_some(row);
        cards.push((stage_index, card, links));
    }
    Ok(cards)
}

/// Links each opportunity to the pain point whose text it names: the same
/// stage's first, else the map's first.
fn link_answers(map: &JourneyMap, cards: &mut [ReadCard<'_>]) -> Result<(), ReadError> {
    let pains: Vec<(usize, CardId, String)> = cards
        .iter()
        .filter(|(_, card, _)| {
            map.lane(&card.lane)
                .is_some_and(|l| l.kind == LaneKind::PainPoints)
        })
        .map(|(stage, card, _)| (*stage, card.id.clone(), card.text.clone()))
        .collect();
    for (stage, card, row) in cards.iter_mut() {
        let Some(row) = row else { continue };
        let wanted = &row.fields[5];
        let same_stage = pains
            .iter()
            .find(|(s, _, text)| s == stage && text == wanted);
        let Some((_, id, _)) =
            same_stage.or_else(|| pains.iter().find(|(_, _, text)| text == wanted))
        else {
            return Err(ReadError {
                at: row.at[5],
                message: format!("no pain point reads `{wanted}`; `answers` names the text of one"),
            });
        };
        card.answers = Some(id.clone());
    }
    Ok(())
}

/// `text` as one of `all` by its label (any case), or none when empty.
fn parse_choice<T: Copy>(
    text: &str,
    all: &[T],
    label: fn(T) -> &'static str,
    at: Position,
    column: &str,
) -> Result<Option<T>, ReadError> {
    if text.is_empty() {
        return Ok(None);
    }
    all.iter()
        .copied()
        .find(|choice| label(*choice).eq_ignore_ascii_case(text))
        .map(Some)
        .ok_or_else(|| ReadError {
            at,
            message: format!(
                "`{text}` is not a {column}; use one of: {}",
                all.iter().map(|c| label(*c)).collect::<Vec<_>>().join(", ")
            ),
        })
}

/// Every card of `map` as CSV rows under a header, stage by stage.
pub fn to_cards(map: &JourneyMap) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for stage in &map.stages {
        for card in &stage.cards {
            let lane = map.lane(&card.lane).map_or("", |l| l.name.as_str());
            let answers = card
                .answers
                .as_ref()
                .and_then(|id| map.card(id))
                .map_or("", |(_, pain)| pain.text.as_str());
            let _ = writer.write_record([
                stage.name.as_str(),
                lane,
                card.text.as_str(),
                card.channel.map_or("", Channel::label),
                card.severity.map_or("", Severity::label),
                answers,
                card.notes.as_str(),
            ]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
