//! Hostile Mermaid for `journeymap import`: whatever the bytes, reading
//! them never panics; a map it makes is valid, saves and loads back equal,
//! and writing it as Mermaid again reads back with the same stages.

#![no_main]

use journeymap::interchange::mermaid;
use journeymap::{io, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let map = match mermaid::parse_journey(text, "fuzz") {
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
    let again = mermaid::to_journey(&map);
    let back = mermaid::parse_journey(&again, "fuzz").expect("exported Mermaid reads back");
    assert_eq!(back.stages.len(), map.stages.len(), "{again}");
});
