//! The inspector's fields for deciding, driven headless: the company's
//! belief at an emotion point, an opportunity's impact and effort, dot
//! votes as the person at this editor, and a stage's KPIs. Each change is
//! one undo step.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyApp, Preferences};
use journeymap::model::{CardId, JourneyMap, Kpi, LaneKind, Measure};
use journeymap::ui::{Selection, WORKSHOP_VOTER};

fn harness_with(prefs: Preferences) -> Harness<'static, JourneyApp> {
    let app = JourneyApp::start(prefs, None);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut JourneyApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn harness() -> Harness<'static, JourneyApp> {
    harness_with(Preferences::default())
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

fn click(harness: &mut Harness<'_, JourneyApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn undo(harness: &mut Harness<'_, JourneyApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

#[test]
fn what_the_company_believes_at_a_point_is_chosen_beside_the_customers_score() {
    let mut harness = harness();
    let before = map(&harness);
    let point = before
        .stages
        .iter()
        .flat_map(|s| &s.points)
        .find(|p| p.company.is_none())
        .expect("a point without a company score")
        .clone();
    select(&mut harness, Selection::only_point(point.id.clone()));
    pick(&mut harness, "Company believes", "+3");
    let after = map(&harness);
    assert_eq!(after.point(&point.id).expect("point").1.company, Some(3));
    let gap = 3 - i16::from(point.score);
    let words = format!("The company thinks it is {gap} better than it feels");
    if gap > 0 {
        harness.get_by_label(&words);
    }
    undo(&mut harness);
    assert_eq!(map(&harness), before);
}

#[test]
fn an_opportunitys_impact_and_effort_are_rated_from_one_to_five() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::Opportunities);
    select(&mut harness, Selection::only_card(card.clone()));
    pick(&mut harness, "Impact", "4 – much better");
    pick(&mut harness, "Effort", "1 – a quick win");
    let after = map(&harness);
    let (_, rated) = after.card(&card).expect("card");
    assert_eq!((rated.impact, rated.effort), (Some(4), Some(1)));
    pick(&mut harness, "Impact", "not rated");
    assert_eq!(map(&harness).card(&card).expect("card").1.impact, None);
}

#[test]
fn alone_the_facilitator_enters_a_workshops_dots() {
    let mut harness = harness();
    let card = first_card(&map(&harness), LaneKind::PainPoints);
    let had = map(&harness).card(&card).expect("card").1.votes.clone();
    select(&mut harness, Selection::only_card(card.clone()));
    click(&mut harness, "+ dot");
    click(&mut harness, "+ dot");
    click(&mut harness, "+ dot");
    click(&mut harness, "− dot");
    let after = map(&harness);
    let votes = &after.card(&card).expect("card").1.votes;
    assert_eq!(votes.of(WORKSHOP_VOTER), had.of(WORKSHOP_VOTER) + 2);
    assert_eq!(harness.state().document.history().undo_depth(), 4);
}

#[test]
fn with_a_name_each_person_votes_as_themselves() {
    let prefs = Preferences {
        name: "Priya".to_owned(),
        ..Preferences::default()
    };
    let mut harness = harness_with(prefs);
    let card = first_card(&map(&harness), LaneKind::Opportunities);
    select(&mut harness, Selection::only_card(card.clone()));
    click(&mut harness, "+ dot");
    let after = map(&harness);
    let votes = &after.card(&card).expect("card").1.votes;
    assert_eq!(votes.of("Priya"), 1);
    assert_eq!(votes.of(WORKSHOP_VOTER), 0);
    harness.get_by_label("Dots from Priya");
}

#[test]
fn a_stage_kpi_is_added_measured_and_removed() {
    let mut harness = harness();
    let stage = map(&harness).stages[0].id.clone();
    let had = map(&harness).stages[0].kpis.len();
    select(
        &mut harness,
        Selection {
            stage: Some(stage.clone()),
            ..Selection::default()
        },
    );
    click(&mut harness, "Add KPI");
    let number = had + 1;
    let kpis = map(&harness).stages[0].kpis.clone();
    assert_eq!(kpis.get(had), Some(&Kpi::new(Measure::Nps, 0.0)));
    pick(
        &mut harness,
        &format!("KPI {number} measures"),
        "CES (1 to 7)",
    );
    let kpis = map(&harness).stages[0].kpis.clone();
    assert_eq!(kpis[had].measure, Measure::Ces);
    assert!(kpis[had].measure.allows(kpis[had].value), "{kpis:?}");
    pick(
        &mut harness,
        &format!("KPI {number} measures"),
        "A number of our own",
    );
    let caption = format!("KPI {number} name");
    let name = harness.get_by_label(&caption);
    name.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let name = harness.get_by_label(&caption);
    name.type_text("Days to refund");
    harness.run();
    harness.key_press(Key::Tab);
    harness.run();
    let kpis = map(&harness).stages[0].kpis.clone();
    assert_eq!(kpis[had].measure, Measure::Custom("Days to refund".into()));
    click(&mut harness, &format!("KPI {number} target"));
    click(&mut harness, &format!("KPI {number} lower is better"));
    let kpi = map(&harness).stages[0].kpis[had].clone();
    assert_eq!((kpi.target, kpi.lower_is_better), (Some(kpi.value), true));
    click(&mut harness, &format!("Remove KPI {number}"));
    assert_eq!(map(&harness).stages[0].kpis.len(), had);
}
