//! The inspector's drop-down pickers, driven headless: they fit the panel,
//! their captions read on one line, and every option of a short list can be
//! seen without scrolling.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::{Order, Rect, TextStyle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::{CardId, Channel, JourneyMap, LaneKind, Severity};
use journeymap::ui::Selection;

const SCREEN: [f32; 2] = [1400.0, 900.0];

fn harness() -> Harness<'static, JourneyApp> {
    let app = JourneyApp::start(Preferences::default(), None);
    let mut harness = Harness::builder()
        .with_size(SCREEN)
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn map(harness: &Harness<'_, JourneyApp>) -> JourneyMap {
    harness.state().document.map.clone()
}

fn select(harness: &mut Harness<'_, JourneyApp>, selection: Selection) {
    harness.state_mut().selection = selection;
    harness.run();
}

/// The first card in a lane of `kind`.
fn first_card(map: &JourneyMap, kind: LaneKind) -> CardId {
    map.cards()
        .find(|c| map.lane(&c.lane).is_some_and(|l| l.kind == kind))
        .map(|c| c.id.clone())
        .expect("a card of that kind")
}

/// The opportunity that answers the pain point with the longest text: the
/// longest text the "Answers pain point" picker can show.
fn opportunity_with_the_longest_answer(map: &JourneyMap) -> CardId {
    map.cards()
        .filter_map(|card| {
            let (_, pain) = map.card(card.answers.as_ref()?)?;
            Some((pain.text.chars().count(), card.id.clone()))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, id)| id)
        .expect("an opportunity that answers a pain point")
}

/// The width the inspector gives its fields: text fields fill the panel.
fn field_width(harness: &Harness<'_, JourneyApp>, field: &str) -> f32 {
    harness.get_by_label(field).rect().width()
}

/// The rect of the text `caption` as drawn (not a widget named by it).
fn caption_rect(harness: &Harness<'_, JourneyApp>, caption: &str) -> Rect {
    harness
        .get_by(|node| {
            node.role() == egui::accesskit::Role::Label && node.value().as_deref() == Some(caption)
        })
        .rect()
}

fn line_height(harness: &Harness<'_, JourneyApp>) -> f32 {
    let font = TextStyle::Body.resolve(&harness.ctx.global_style());
    harness.ctx.fonts_mut(|fonts| fonts.row_height(&font))
}

/// The area of the drop-down list that is open: the topmost popup.
fn open_list(harness: &Harness<'_, JourneyApp>) -> Rect {
    harness
        .ctx
        .memory(|memory| {
            let layer = memory.areas().top_layer_id(Order::Foreground)?;
            memory.area_rect(layer.id)
        })
        .expect("a drop-down list is open")
}

#[test]
fn a_long_answered_pain_point_keeps_the_inspector_narrow_and_its_caption_on_one_line() {
    let mut harness = harness();
    select(&mut harness, Selection::default());
    let before = field_width(&harness, "Title");
    let card = opportunity_with_the_longest_answer(&map(&harness));
    select(&mut harness, Selection::only_card(card));
    // A frame more: a panel that grew keeps growing on the next frame.
    harness.run();

    let caption = caption_rect(&harness, "Answers pain point");
    let line = line_height(&harness);
    assert!(
        caption.height() < 2.0 * line,
        "the caption is {} tall, more than one line of {line}",
        caption.height()
    );
    let picker = harness.get_by_label("Answers pain point").rect();
    assert!(
        picker.height() < 2.0 * line,
        "the picker is {} tall: its text should be cut to one line",
        picker.height()
    );
    let width = field_width(&harness, "Text");
    assert!(
        width <= before + 0.5,
        "the inspector grew from {before} to {width}"
    );
    assert!(
        picker.max.x <= harness.get_by_label("Text").rect().max.x + 0.5,
        "the picker reaches past the panel: {picker:?}"
    );

    select(&mut harness, Selection::default());
    harness.run();
    let after = field_width(&harness, "Title");
    assert!(
        after <= before + 0.5,
        "the inspector stayed wider after the selection: {before} then {after}"
    );
}

#[test]
fn every_channel_can_be_seen_in_the_open_channel_list() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::Touchpoints);
    select(&mut harness, Selection::only_card(card));
    harness.get_by_label("Channel").click();
    harness.run();
    let list = open_list(&harness);
    let screen = Rect::from_min_size(egui::Pos2::ZERO, SCREEN.into());
    for option in std::iter::once("none").chain(Channel::ALL.map(Channel::label)) {
        let rect = harness.get_by_label(option).rect();
        assert!(
            list.contains_rect(rect) && screen.contains_rect(rect),
            "\"{option}\" at {rect:?} is cut off by the list {list:?}"
        );
    }
}

#[test]
fn every_severity_can_be_seen_in_the_open_severity_list() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::PainPoints);
    select(&mut harness, Selection::only_card(card));
    harness.get_by_label("Severity").click();
    harness.run();
    let list = open_list(&harness);
    for option in std::iter::once("none").chain(Severity::ALL.map(Severity::label)) {
        let rect = harness.get_by_label(option).rect();
        assert!(
            list.contains_rect(rect),
            "\"{option}\" at {rect:?} is cut off by the list {list:?}"
        );
    }
}
