//! The persona strip: title and scenario, then the persona, goals and
//! expectations, in four columns.

use std::sync::Arc;

use egui::{Galley, Pos2, Rect, pos2};

use super::{PersonaLayout, TextRole, Texts, size};
use crate::model::JourneyMap;

/// One block of text in a column of the strip.
struct Block {
    text: String,
    size: f32,
    role: TextRole,
    italic: bool,
    /// A header: the title and the persona's name.
    bold: bool,
    /// Space below, at scale 1.
    gap: f32,
}

impl Block {
    fn new(text: impl Into<String>, size: f32, role: TextRole, gap: f32) -> Self {
        Self {
            text: text.into(),
            size,
            role,
            italic: false,
            bold: false,
            gap,
        }
    }
}

fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("• {item}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The strip at `origin`, `width` wide, as tall as its tallest column;
/// with only the title unless `with_persona`.
pub(super) fn persona_layout(
    map: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    origin: Pos2,
    width: f32,
    with_persona: bool,
) -> PersonaLayout {
    use TextRole::{Main, Muted};
    let persona = &map.persona;
    let mut quote = Block::new(format!("“{}”", persona.quote), size::TEXT, Main, 0.0);
    quote.italic = true;
    let header = |text: &str, size: f32, gap: f32| Block {
        bold: true,
        ..Block::new(text, size, Main, gap)
    };
    let columns: [(f32, Vec<Block>); 4] = [
        (
            0.34,
            vec![
                header(&map.title, size::TITLE, 6.0),
                Block::new(&map.scenario, size::TEXT, Muted, 0.0),
            ],
        ),
        (
            0.26,
            vec![
                Block::new("PERSONA", size::CAPTION, Muted, 3.0),
                header(&persona.name, size::PERSONA_NAME, 2.0),
                Block::new(&persona.role, size::SMALL, Muted, 6.0),
                quote,
            ],
        ),
        (
            0.2,
            vec![
                Block::new("GOALS", size::CAPTION, Muted, 3.0),
                Block::new(bullets(&persona.goals), size::SMALL, Main, 0.0),
            ],
        ),
        (
            0.2,
            vec![
                Block::new("EXPECTATIONS", size::CAPTION, Muted, 3.0),
                Block::new(bullets(&persona.expectations), size::SMALL, Main, 0.0),
            ],
        ),
    ];
    let is_blank = |block: &Block| block.text.is_empty() || block.text == "“”";
    let mut columns = columns;
    if !with_persona {
        // A later slide of a set: the title says which part it is; the
        // persona and scenario were on the first.
        columns[0].1.truncate(1);
        for (_, blocks) in &mut columns[1..] {
            blocks.clear();
        }
    }
    // A persona section with nothing in it is left out, heading and all,
    // and the sections that are drawn share its room.
    let columns: Vec<(f32, Vec<Block>)> = columns
        .into_iter()
        .enumerate()
        .filter(|(i, (_, blocks))| *i == 0 || !blocks.iter().skip(1).all(is_blank))
        .map(|(_, column)| column)
        .collect();
    let shares: f32 = columns.iter().map(|(share, _)| share).sum();
    let pad = 14.0 * scale;
    let gap = 24.0 * scale;
    #[expect(clippy::cast_precision_loss, reason = "at most four columns")]
    let gaps = columns.len().saturating_sub(1) as f32;
    let inner = width - 2.0 * pad - gaps * gap;
    let mut placed: Vec<(Pos2, Arc<Galley>, TextRole)> = Vec::new();
    let mut bottom = origin.y + pad;
    let mut x = origin.x + pad;
    for (share, blocks) in columns {
        let column_width = inner * share / shares;
        let mut y = origin.y + pad;
        for block in blocks.into_iter().filter(|block| !is_blank(block)) {
            let galley = if block.italic {
                texts.italic(&block.text, block.size * scale, column_width)
            } else if block.bold {
                texts.bold(&block.text, block.size * scale, column_width)
            } else {
                texts.text(&block.text, block.size * scale, column_width)
            };
            let height = galley.size().y;
            placed.push((pos2(x, y), galley, block.role));
            y += height + block.gap * scale;
        }
        bottom = bottom.max(y);
        x += column_width + gap;
    }
    PersonaLayout {
        rect: Rect::from_min_max(origin, pos2(origin.x + width, bottom + pad)),
        texts: placed,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::JourneyMap;
    use crate::render::Layout;
    use crate::render::tests::with_fonts;

    fn strip_texts(map: &JourneyMap) -> Vec<String> {
        let layout = with_fonts(|fonts| Layout::new(map, fonts, 1.0));
        layout
            .persona
            .texts
            .iter()
            .map(|(_, galley, _)| galley.text().to_owned())
            .collect()
    }

    #[test]
    fn empty_persona_sections_draw_no_headings() {
        let mut map = JourneyMap {
            title: "Renewing a passport".to_owned(),
            ..JourneyMap::default()
        };
        let texts = strip_texts(&map);
        assert_eq!(texts, ["Renewing a passport"]);

        map.persona.goals = vec!["Travel in May".to_owned()];
        let texts = strip_texts(&map);
        assert!(texts.iter().any(|t| t == "GOALS"), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "PERSONA" || t == "EXPECTATIONS"));
    }

    #[test]
    fn the_title_takes_the_room_of_the_sections_left_out() {
        let title = "Renewing a passport before the summer holidays, with two children";
        let mut full = JourneyMap {
            title: title.to_owned(),
            ..JourneyMap::default()
        };
        full.persona.name = "Ana".to_owned();
        full.persona.goals = vec!["Travel in May".to_owned()];
        full.persona.expectations = vec!["One visit".to_owned()];
        let bare = JourneyMap {
            title: title.to_owned(),
            ..JourneyMap::default()
        };
        let width = |map: &JourneyMap| {
            with_fonts(|fonts| Layout::new(map, fonts, 1.0))
                .persona
                .texts
                .first()
                .map_or(0.0, |(_, galley, _)| galley.size().x)
        };
        assert!(width(&bare) > width(&full), "the title wraps less alone");
    }
}
