//! How large a map journeymap draws: on screen and in every export, a map's
//! text is laid out before anything is drawn (how tall a row is depends on
//! every card in it), so time and memory grow with its cards and their
//! text. Maps within these limits open in the editor, and export, in under
//! 2 seconds and 1 GB (figures in README); larger ones are refused up front
//! with a message rather than left to run for a minute and exhaust memory.
//! The command line's `check`, `diff`, `merge` and `stats` draw nothing and
//! take maps of any size the loader reads.

use thiserror::Error;

use super::JourneyMap;

/// The most cards a map that journeymap draws holds: 30 times the largest
/// published journey we transcribed. (10,000 cards of 100 characters took
/// 2.2–2.6 s to export as the readable slide set; 6,000 take 1.6 s.)
pub const MAX_CARDS: usize = 6_000;
/// The most characters of text (cards, emotion labels, stages, lanes, title,
/// scenario and persona) a map that journeymap draws holds: 6,000 cards of
/// 100 characters.
pub const MAX_TEXT_CHARS: usize = 600_000;
/// The most characters of one text that are laid out and drawn; the rest
/// is cut and "…" put in its place. It bounds what one card can cost (a
/// card holding a pasted book of 10 MB took 7.5 s and 3.9 GB to export):
/// 1,000 characters are about 30 lines on a card, more than any card on a
/// wall. The text itself is kept whole, in the file and in the inspector.
pub const MAX_DRAWN_CHARS: usize = 1_000;

/// Why a map is too large to draw.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TooLarge {
    /// More cards than [`MAX_CARDS`].
    #[error(
        "the map has {0} cards; journeymap draws maps of up to {MAX_CARDS} (split it into \
         several maps: `journeymap check`, `diff`, `merge` and `stats` take it as it is)"
    )]
    Cards(usize),
    /// More text than [`MAX_TEXT_CHARS`].
    #[error(
        "the map holds {0} characters of text; journeymap draws maps of up to {MAX_TEXT_CHARS} \
         (split it into several maps: `journeymap check`, `diff`, `merge` and `stats` take it \
         as it is)"
    )]
    Text(usize),
}

/// Whether journeymap draws `map`: refused when it is larger than the
/// limits above.
///
/// # Errors
/// [`TooLarge`] naming the limit it is over.
pub fn check(map: &JourneyMap) -> Result<(), TooLarge> {
    let cards = map.card_count();
    if cards > MAX_CARDS {
        return Err(TooLarge::Cards(cards));
    }
    let chars = text_chars(map);
    if chars > MAX_TEXT_CHARS {
        return Err(TooLarge::Text(chars));
    }
    Ok(())
}

/// The characters of every text of `map` that is drawn.
pub fn text_chars(map: &JourneyMap) -> usize {
    let count = |text: &str| text.chars().count();
    let persona = &map.persona;
    let header = [
        &map.title,
        &map.scenario,
        &persona.name,
        &persona.role,
        &persona.quote,
    ]
    .into_iter()
    .chain(&persona.goals)
    .chain(&persona.expectations)
    .chain(map.lanes.iter().map(|lane| &lane.name))
    .map(|text| count(text))
    .sum::<usize>();
    let stages = map.stages.iter().map(|stage| {
        let texts = [
            &stage.name,
            &stage.description,
            &stage.owner,
            &stage.metrics,
        ];
        let cards = stage.cards.iter().map(|card| count(&card.text));
        let points = stage.points.iter().map(|point| count(&point.label));
        texts.into_iter().map(|text| count(text)).sum::<usize>()
            + cards.sum::<usize>()
            + points.sum::<usize>()
    });
    header + stages.sum::<usize>()
}

/// `text` as it is drawn: whole, or its first [`MAX_DRAWN_CHARS`]
/// characters and "…".
pub fn drawn(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_DRAWN_CHARS) {
        None => text.into(),
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, CardId};

    fn map_with_cards(count: usize, text: &str) -> JourneyMap {
        let mut map = crate::samples::find("grocery-trip")
            .and_then(|sample| sample.map().ok())
            .unwrap_or_default();
        let lane = map.lanes[0].id.clone();
        let cards = map.stages[0].cards.to_mut();
        for i in 0..count {
            cards.push(Card::new(CardId::new(format!("x{i}")), lane.clone(), text));
        }
        map
    }

    #[test]
    fn a_map_over_either_limit_is_refused_and_says_which() {
        assert_eq!(check(&map_with_cards(10, "Pays at the till")), Ok(()));
        let crowded = map_with_cards(MAX_CARDS + 1, "x");
        assert!(matches!(check(&crowded), Err(TooLarge::Cards(n)) if n > MAX_CARDS));
        let wordy = map_with_cards(1_001, &"word ".repeat(200));
        let Err(error) = check(&wordy) else {
            panic!("a million characters of text passed");
        };
        assert!(matches!(error, TooLarge::Text(n) if n > MAX_TEXT_CHARS));
        assert!(error.to_string().contains("up to 600000"), "{error}");
    }

    #[test]
    fn a_long_text_is_drawn_cut_to_the_limit_and_a_short_one_whole() {
        assert_eq!(drawn("Pays at the till"), "Pays at the till");
        let long = "é".repeat(MAX_DRAWN_CHARS + 5);
        let cut = drawn(&long);
        assert_eq!(cut.chars().count(), MAX_DRAWN_CHARS + 1);
        assert!(cut.ends_with("é…"));
        assert_eq!(drawn(&"a".repeat(MAX_DRAWN_CHARS)).len(), MAX_DRAWN_CHARS);
    }
}
