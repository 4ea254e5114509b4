//! Whatever a user does to a map, it saves and opens again as the same,
//! valid map: random sequences of the model's operations (with ids of things
//! that exist, of things of another kind, and of nothing), then a real save
//! and load.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use journeymap::io;
use journeymap::model::{JourneyMap, LaneKind, validate};

/// Saves `map` into a fresh folder, reads it back and checks it is the same
/// map in the same canonical bytes.
fn assert_saves_and_reopens_equal(map: &JourneyMap) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("journey.ron");
    io::save_map(&path, map).expect("save");
    let reopened = io::read_map(&path).expect("the saved map opens again");
    assert_eq!(&reopened, map);
    let bytes = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(io::to_ron(&reopened).expect("serialize"), bytes);
}

#[test]
fn adding_to_a_map_whose_ids_reach_the_largest_number_still_saves_and_reopens() {
    // A valid hand-written file: ids are any 1-64 letters and digits, so
    // `s18446744073709551615` (u64::MAX after the `s`) is allowed.
    let text = "(version: 1, lanes: [(id: \"l18446744073709551615\", name: \"Doing\", kind: Text)], \
                stages: [(id: \"s18446744073709551615\", name: \"Research\", \
                cards: [(id: \"c18446744073709551615\", lane: \"l18446744073709551615\", text: \"a\")])])";
    let mut map = io::parse_map(text).expect("a valid map");
    let stage = map.add_stage(1, "Buy");
    let lane = map.add_lane(1, "Feeling", LaneKind::Text);
    let card = map.add_card(&stage, &lane, 0, "b").expect("card");
    assert_ne!(stage.as_str(), "s18446744073709551615");
    assert_ne!(lane.as_str(), "l18446744073709551615");
    assert_ne!(card.as_str(), "c18446744073709551615");
    assert_eq!(validate(&map), Vec::new());
    assert_saves_and_reopens_equal(&map);
}
