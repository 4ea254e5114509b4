//! The insights panel, driven headless: View ▸ Insights panel (or Ctrl+I)
//! shows the journey's health stage by stage, the biggest perception gaps
//! and the most voted items, and clicking a gap selects its face.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::ui::Selection;

fn harness() -> Harness<'static, JourneyApp> {
    let app = JourneyApp::start(Preferences::default(), None);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn click(harness: &mut Harness<'_, JourneyApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn the_view_menu_shows_and_hides_the_insights_panel() {
    let mut harness = harness();
    assert!(harness.query_by_label("Journey health").is_none());
    click(&mut harness, "View");
    click(&mut harness, "Insights panel");
    assert!(harness.state().prefs.insights);
    harness.get_by_label("Journey health");
    harness.get_by_label("Whole map");
    let first_stage = harness.state().document.map.stages[0].name.clone();
    assert!(harness.query_all_by_label(&first_stage).count() >= 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    assert!(!harness.state().prefs.insights);
    assert!(harness.query_by_label("Journey health").is_none());
}

#[test]
fn a_recorded_gap_is_listed_and_clicking_it_selects_its_face() {
    let mut harness = harness();
    let point = harness.state().document.map.stages[0].points[0].clone();
    harness.state_mut().selection = Selection::only_point(point.id.clone());
    harness.run();
    click(&mut harness, "Company believes");
    click(&mut harness, "+3");
    harness.state_mut().selection = Selection::default();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    let gap = 3 - point.score;
    let stage = harness.state().document.map.stages[0].name.clone();
    let line = format!(
        "{}  {stage} · “{}”: customer {}, company +3",
        format!("{gap:+}").replace('-', "−"),
        point.label,
        format!("{:+}", point.score).replace('-', "−"),
    );
    click(&mut harness, &line);
    assert_eq!(harness.state().selection, Selection::only_point(point.id));
}

#[test]
fn a_rated_opportunity_is_on_the_matrix_and_clicking_it_selects_it() {
    let mut harness = harness();
    let map = harness.state().document.map.clone();
    let card = map
        .cards()
        .find(|c| {
            map.lane(&c.lane)
                .is_some_and(|l| l.kind == journeymap::model::LaneKind::Opportunities)
        })
        .map(|c| (c.id.clone(), c.text.clone()));
    let Some((id, text)) = card else {
        panic!("the sample has an opportunity");
    };
    harness.state_mut().selection = Selection::only_card(id.clone());
    harness.run();
    click(&mut harness, "Impact");
    click(&mut harness, "4 – much better");
    click(&mut harness, "Effort");
    click(&mut harness, "1 – a quick win");
    harness.state_mut().selection = Selection::default();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.get_by_label("Opportunity matrix");
    let short: String = text.chars().take(48).collect();
    let line = format!("1  {short} · impact 4, effort 1 · Quick wins");
    // The panel scrolls sideways to the matrix, as a user would.
    harness.get_by_label(&line).scroll_to_me();
    harness.run();
    click(&mut harness, &line);
    assert_eq!(harness.state().selection, Selection::only_card(id));
}
