//! Hostile input for the loader: whatever the bytes, loading never panics,
//! and a map it accepts is valid, saves with its comments, and reloads as
//! the same map with the same comments in the same canonical bytes.

#![no_main]

use journeymap::{io, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let file = match io::parse_file_bytes(bytes) {
        Ok(file) => file,
        Err(error) => {
            // What the user is shown must be computable for any input too.
            let _ = error.to_string();
            let _ = error.diagnostics();
            return;
        }
    };
    let map = &file.map;
    let problems = model::validate(map);
    assert!(
        problems.is_empty(),
        "a loaded map has problems: {problems:?}"
    );
    assert_eq!(io::parse_map_bytes(bytes).ok().as_ref(), Some(map));
    let saved = io::to_ron_with(map, &file.comments).expect("a loaded map saves");
    let reloaded = match io::parse_file(&saved) {
        Ok(reloaded) => reloaded,
        Err(error) => panic!("a saved map does not load again: {error}\n{saved}"),
    };
    assert_eq!(&reloaded.map, map, "a saved map loads back different:\n{saved}");
    let resaved = io::to_ron_with(&reloaded.map, &reloaded.comments).expect("a reloaded map saves");
    assert_eq!(resaved, saved, "saving is not canonical");
});
