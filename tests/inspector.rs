//! The inspector panel, driven headless: every field of the selection is
//! editable there, each change is one undo step.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::{CardId, Channel, JourneyMap, LaneKind, Severity};
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

/// The first card in a lane of `kind`.
fn first_card(map: &JourneyMap, kind: LaneKind) -> CardId {
    map.cards()
        .find(|c| map.lane(&c.lane).is_some_and(|l| l.kind == kind))
        .map(|c| c.id.clone())
        .expect("a card of that kind")
}

fn select(harness: &mut Harness<'_, JourneyApp>, selection: Selection) {
    harness.state_mut().selection = selection;
    harness.run();
}

fn pick(harness: &mut Harness<'_, JourneyApp>, combo: &str, option: &str) {
    harness.get_by_label(combo).click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

fn undo(harness: &mut Harness<'_, JourneyApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

#[test]
fn a_touchpoints_channel_is_chosen_from_a_list() {
    let mut harness = harness();
    let before = map(&harness);
    let card = first_card(&before, LaneKind::Touchpoints);
    select(&mut harness, Selection::only_card(card.clone()));
    pick(&mut harness, "Channel", "chat");
    assert_eq!(
        map(&harness).card(&card).and_then(|(_, c)| c.channel),
        Some(Channel::Chat)
    );
    undo(&mut harness);
    assert_eq!(map(&harness), before);
}

#[test]
fn a_pain_points_severity_and_a_moment_of_truth_are_set_in_the_inspector() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::PainPoints);
    select(&mut harness, Selection::only_card(card.clone()));
    pick(&mut harness, "Severity", "critical");
    harness.get_by_label("Moment of truth").click();
    harness.run();
    let after = map(&harness);
    let (_, changed) = after.card(&card).expect("card");
    assert_eq!(changed.severity, Some(Severity::Critical));
    assert!(changed.moment_of_truth);
    assert_eq!(harness.state().document.history().undo_depth(), 2);
}

#[test]
fn an_opportunity_is_unlinked_from_its_pain_point() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::Opportunities);
    assert!(
        map(&harness)
            .card(&card)
            .and_then(|(_, c)| c.answers.clone())
            .is_some()
    );
    select(&mut harness, Selection::only_card(card.clone()));
    pick(&mut harness, "Answers pain point", "none");
    assert_eq!(
        map(&harness)
            .card(&card)
            .and_then(|(_, c)| c.answers.clone()),
        None
    );
}

#[test]
fn typing_in_a_field_is_one_edit_when_the_field_is_left() {
    let mut harness = harness();
    let stage = map(&harness).stages[1].id.clone();
    select(
        &mut harness,
        Selection {
            stage: Some(stage.clone()),
            ..Selection::default()
        },
    );
    let owner = harness.get_by_label("Owner");
    owner.focus();
    owner.type_text(" & store team");
    harness.run();
    assert_eq!(
        harness.state().document.history().undo_depth(),
        0,
        "nothing recorded while typing"
    );
    harness.key_press(Key::Enter);
    harness.run();
    let after = map(&harness);
    assert!(
        after
            .stage(&stage)
            .expect("stage")
            .owner
            .ends_with(" & store team")
    );
    assert_eq!(harness.state().document.history().undo_depth(), 1);
}

#[test]
fn delete_while_typing_in_the_inspector_deletes_text_not_the_card() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::Text);
    select(&mut harness, Selection::only_card(card.clone()));
    harness.get_by_label("Notes").focus();
    harness.run();
    harness.key_press(Key::Delete);
    harness.key_press(Key::Backspace);
    harness.run();
    assert!(map(&harness).card(&card).is_some());
}

#[test]
fn a_stage_is_recoloured_and_moved_from_the_inspector() {
    let mut harness = harness();
    let stage = map(&harness).stages[0].id.clone();
    select(
        &mut harness,
        Selection {
            stage: Some(stage.clone()),
            ..Selection::default()
        },
    );
    harness.get_by_label("#aa3377").click();
    harness.run();
    harness.get_by_label("Move right ▶").click();
    harness.run();
    let after = map(&harness);
    assert_eq!(after.stages[1].id, stage);
    assert_eq!(
        after.stages[1]
            .colour
            .map(journeymap::model::Colour::to_hex)
            .as_deref(),
        Some("#aa3377")
    );
}

#[test]
fn with_nothing_selected_the_persona_is_edited() {
    let mut harness = harness();
    select(&mut harness, Selection::default());
    let name = harness.get_by_label("Name");
    name.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Priya R.");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(map(&harness).persona.name, "Priya R.");
    undo(&mut harness);
    assert_ne!(map(&harness).persona.name, "Priya R.");
}

#[test]
fn text_no_font_draws_is_named_under_its_field() {
    // The editor draws a box for it, as egui does by default; the test
    // harness would otherwise stop at the first such glyph.
    let app = JourneyApp::start(Preferences::default(), None);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    let card = first_card(&map(&harness), LaneKind::Text);
    harness
        .state_mut()
        .apply(journeymap::edit::Edit::SetCardText(
            card.clone(),
            "Scans the \u{E000} code → done ✓".to_owned(),
        ));
    select(&mut harness, Selection::only_card(card));
    harness.get_by_label_contains("No font draws U+E000: it shows as a box");
    // Arrows and check marks draw: only the private-use character is named.
    assert!(harness.query_by_label_contains("U+2192").is_none());
}
