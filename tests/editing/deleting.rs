//! Deleting a stage or lane takes its cards with it: the editor says so,
//! and offers Undo, without a modal question.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use journeymap::ui::Selection;

use super::helpers::*;

#[test]
fn deleting_a_stage_says_what_went_with_it_and_undo_brings_it_back() {
    let mut harness = harness();
    let before = map(&harness);
    let stage = &before.stages[1];
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (cards, points) = (stage.cards.len(), stage.points.len());
    let expected = format!(
        "Deleted stage “{}” with {cards} card{} and {points} point{}",
        stage.name,
        plural(cards),
        plural(points)
    );
    harness.state_mut().selection = Selection {
        stage: Some(stage.id.clone()),
        ..Selection::default()
    };
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(map(&harness).stages.len(), before.stages.len() - 1);
    assert_eq!(harness.state().notice(), Some(expected.as_str()));
    assert!(!harness.state().is_modal_open(), "no question asked");
    harness.get_by_label(&expected);
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(map(&harness), before);
    assert_eq!(harness.state().notice(), None);
}

#[test]
fn deleting_a_lane_from_the_inspector_says_so_too() {
    let mut harness = harness();
    let before = map(&harness);
    let lane = before.lanes[0].clone();
    harness.state_mut().selection = Selection {
        lane: Some(lane.id.clone()),
        ..Selection::default()
    };
    harness.run();
    harness.get_by_label_contains("Delete lane").click();
    harness.run();
    assert_eq!(map(&harness).lanes.len(), before.lanes.len() - 1);
    let cards = before.cards().filter(|c| c.lane == lane.id).count();
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(
        notice.starts_with(&format!("Deleted lane “{}” with {cards} card", lane.name)),
        "{notice}"
    );
}
