//! Hostile CSV for `journeymap import FILE.csv`: whatever the bytes,
//! reading them never panics; a map it makes is valid, saves and loads back
//! equal, and writing its cards as CSV again reads back with the same
//! cards.

#![no_main]

use journeymap::interchange::spreadsheet;
use journeymap::{io, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let map = match spreadsheet::parse_cards(text, "fuzz") {
        Ok(map) => map,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    let problems = model::validate(&map);
    assert!(problems.is_empty(), "an imported map has problems: {problems:?}");
    let saved = io::to_ron(&map).expect("an imported map saves");
    let reloaded = io::parse_map(&saved).expect("an imported map loads back");
    assert_eq!(reloaded, map);
    let again = spreadsheet::to_cards(&map);
    let back = spreadsheet::parse_cards(&again, "fuzz").expect("exported CSV reads back");
    assert_eq!(back.card_count(), map.card_count(), "{again}");
});
