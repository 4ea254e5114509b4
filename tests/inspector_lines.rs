//! A service blueprint's lines in the inspector: a selected lane's "Line
//! below" is picked from a list, each pick one undo step; a line another
//! lane has says where it is now, and picking it moves it.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::{BlueprintLine, JourneyMap, LaneId};
use journeymap::ui::Selection;

fn harness() -> Harness<'static, JourneyApp> {
    let app = JourneyApp::start(Preferences::default(), None);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn map(harness: &Harness<'_, JourneyApp>) -> JourneyMap {
    harness.state().document.map.clone()
}

fn select_lane(harness: &mut Harness<'_, JourneyApp>, lane: &LaneId) {
    harness.state_mut().selection = Selection {
        lane: Some(lane.clone()),
        ..Selection::default()
    };
    harness.run();
}

fn pick_line(harness: &mut Harness<'_, JourneyApp>, option: &str) {
    harness.get_by_label("Line below").click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

fn undo(harness: &mut Harness<'_, JourneyApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

fn line_under(map: &JourneyMap, lane: &LaneId) -> Option<BlueprintLine> {
    map.lane(lane).and_then(|l| l.line_below)
}

#[test]
fn a_lanes_line_below_is_picked_moved_and_undone_one_step_at_a_time() {
    let mut harness = harness();
    let before = map(&harness);
    let [.., above, last] = before.lanes.as_slice() else {
        panic!("the sample has lanes")
    };
    let (lower, upper, lower_name) = (last.id.clone(), above.id.clone(), last.name.clone());

    select_lane(&mut harness, &lower);
    pick_line(&mut harness, "Line of visibility");
    let drawn = map(&harness);
    assert_eq!(line_under(&drawn, &lower), Some(BlueprintLine::Visibility));
    // A screen reader hears it with the lane's label.
    let lane_label = format!("Lane: {lower_name}");
    let description = (harness.get_by_label(&lane_label).accesskit_node())
        .description()
        .unwrap_or_default();
    assert!(
        description.ends_with("; line of visibility below"),
        "{description}"
    );

    select_lane(&mut harness, &upper);
    pick_line(
        &mut harness,
        &format!("Line of visibility (now under “{lower_name}”)"),
    );
    let moved = map(&harness);
    assert_eq!(line_under(&moved, &upper), Some(BlueprintLine::Visibility));
    assert_eq!(line_under(&moved, &lower), None);

    undo(&mut harness);
    assert_eq!(map(&harness), drawn);
    undo(&mut harness);
    assert_eq!(map(&harness), before);
}
