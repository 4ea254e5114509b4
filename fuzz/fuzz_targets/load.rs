//! Hostile input for the loader: whatever the bytes, loading never panics,
//! and a map it accepts is valid, saves, and reloads as the same map in the
//! same canonical bytes.

#![no_main]

use journeymap::{io, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let map = match io::parse_map_bytes(bytes) {
        Ok(map) => map,
        Err(error) => {
            // What the user is shown must be computable for any input too.
            let _ = error.to_string();
            let _ = error.diagnostics();
            return;
        }
    };
    let problems = model::validate(&map);
    assert!(
        problems.is_empty(),
        "a loaded map has problems: {problems:?}"
    );
    let saved = io::to_ron(&map).expect("a loaded map saves");
    let reloaded = match io::parse_map(&saved) {
        Ok(reloaded) => reloaded,
        Err(error) => panic!("a saved map does not load again: {error}\n{saved}"),
    };
    assert_eq!(reloaded, map, "a saved map loads back different:\n{saved}");
    let resaved = io::to_ron(&reloaded).expect("a reloaded map saves");
    assert_eq!(resaved, saved, "saving is not canonical");
});
