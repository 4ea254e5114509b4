//! View ▸ Present (F5): the map full screen as readable slides, paged with
//! the keys a presenter's clicker sends, left with Esc.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use journeymap::ui::present::Presentation;

use super::helpers::*;

fn slide(harness: &egui_kittest::Harness<'_, journeymap::app::JourneyApp>) -> Option<usize> {
    harness.state().presentation().map(Presentation::slide)
}

#[test]
fn f5_presents_the_map_as_slides_paged_forward_and_back_and_esc_leaves() {
    let mut harness = harness();
    let before = map(&harness);
    press(&mut harness, Modifiers::NONE, Key::F5);
    harness.run();
    let count = harness
        .state()
        .presentation()
        .map_or(0, Presentation::slide_count);
    assert!(
        count > 1,
        "a dense map is more than one readable slide: {count}"
    );
    assert_eq!(slide(&harness), Some(0));
    harness.get_by_label(&format!("Slide 1 of {count}"));
    assert!(
        harness.query_by_label("Inspector").is_none() && harness.query_by_label("File").is_none(),
        "the slides take the whole window"
    );

    for key in [Key::ArrowRight, Key::Space, Key::PageDown] {
        press(&mut harness, Modifiers::NONE, key);
    }
    harness.run();
    assert_eq!(slide(&harness), Some(3.min(count - 1)));
    for key in [Key::ArrowLeft, Key::PageUp, Key::Backspace] {
        press(&mut harness, Modifiers::NONE, key);
    }
    harness.run();
    assert_eq!(slide(&harness), Some(0));
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    harness.run();
    assert_eq!(slide(&harness), Some(0), "no slide before the first");
    for _ in 0..count + 2 {
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    harness.run();
    assert_eq!(slide(&harness), Some(count - 1), "none after the last");

    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    assert!(harness.state().presentation().is_none());
    harness.get_by_label("File");
    assert_eq!(
        journeymap::io::to_ron(&map(&harness)).ok(),
        journeymap::io::to_ron(&before).ok(),
        "presenting changes nothing"
    );
}

#[test]
fn the_view_menu_starts_the_presentation() {
    let mut harness = harness();
    harness.get_by_label("View").click();
    harness.run();
    let item = harness.get_by_label_contains("Present");
    assert!(
        item.accesskit_node()
            .label()
            .is_some_and(|l| l.contains("F5")),
        "with its key"
    );
    item.click();
    harness.run();
    assert_eq!(slide(&harness), Some(0));
}
