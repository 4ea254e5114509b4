//! What the format test binaries share: reading a map from text, as a
//! file's contents, and where in that text something is.

use journeymap::io::{self, LoadError, Position};
use journeymap::model::JourneyMap;

/// The map `text` holds; fails the test, with the reason, if it is refused.
pub fn load(text: &str) -> JourneyMap {
    io::parse_map(text).unwrap_or_else(|error| panic!("the map should load: {error}"))
}

/// Why `text` is refused; fails the test if it loads.
pub fn load_error(text: &str) -> LoadError {
    match io::parse_map(text) {
        Ok(_) => panic!("expected the map to be refused"),
        Err(error) => error,
    }
}

/// The line and column of the first `needle` in `text`.
pub fn position_of(text: &str, needle: &str) -> Option<Position> {
    text.find(needle)
        .map(|offset| Position::of_offset(text, offset))
}
