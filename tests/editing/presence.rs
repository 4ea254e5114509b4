//! Presence in a shared map, with two editors in one process: who is here,
//! what the other selected and types in, and following their view.

use egui::{Event, Key, Modifiers, MouseWheelUnit, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use journeymap::app::JourneyApp;
use journeymap::model::CardId;

use crate::helpers::*;
use crate::together::{joined_pair, until};

/// The description a screen reader hears for `card` in `harness`.
fn card_description(harness: &Harness<'_, JourneyApp>, card: &CardId) -> String {
    let app = harness.state();
    let Some(text) = app.document.map.card(card).map(|(_, c)| c.text.clone()) else {
        return String::new();
    };
    harness
        .query_all_by_label(&text)
        .filter_map(|node| node.accesskit_node().description())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Whether `follower` looks where `leader` looks: the same zoom, and the
/// same map point at the centre of the view (within a point).
fn same_view(follower: &JourneyApp, leader: &JourneyApp) -> bool {
    match (follower.canvas.viewpoint(), leader.canvas.viewpoint()) {
        (Some((zoom, centre)), Some((their_zoom, their_centre))) => {
            (zoom - their_zoom).abs() < 0.01 && (centre - their_centre).length() < 1.5
        }
        _ => false,
    }
}

#[test]
fn a_teammate_sees_who_is_here_what_i_selected_and_where_i_type() {
    let (mut ana, mut bo) = joined_pair("Ana", "Bo");
    until(&mut ana, &mut bo, "Ana in Bo's list", |_, bo| {
        bo.people().iter().any(|p| p.name() == "Ana")
    });
    bo.run_steps(5);
    assert!(bo.query_by_label("Ana").is_some(), "Ana's name is shown");
    assert!(bo.query_by_label("You (Bo)").is_some(), "and Bo's own");

    // Ana selects a card: Bo's canvas outlines it, with her name.
    let card = layout(&ana).cards[0].clone();
    click_at(&mut ana, card.rect.center(), 1);
    assert_eq!(ana.state().selection.cards, std::slice::from_ref(&card.id));
    until(
        &mut ana,
        &mut bo,
        "Ana's selection on Bo's canvas",
        |_, bo| {
            bo.canvas
                .others()
                .iter()
                .any(|o| o.name == "Ana" && o.selected.cards.contains(&card.id))
        },
    );
    bo.run_steps(5);
    assert!(
        card_description(&bo, &card.id).contains("selected by Ana"),
        "{}",
        card_description(&bo, &card.id)
    );

    // Ana types in it: Bo sees that she is typing, then her text.
    press(&mut ana, Modifiers::NONE, Key::F2);
    type_text(&mut ana, " (checked)");
    until(&mut ana, &mut bo, "Ana typing, on Bo's canvas", |_, bo| {
        bo.canvas.others().iter().any(|o| o.is_typing_in(&card.id))
    });
    bo.run_steps(5);
    assert!(card_description(&bo, &card.id).contains("Ana is typing"));
    press(&mut ana, Modifiers::NONE, Key::Enter);
    until(&mut ana, &mut bo, "Ana's text at Bo's", |_, bo| {
        bo.document
            .map
            .card(&card.id)
            .is_some_and(|(_, c)| c.text.ends_with("(checked)"))
            && !bo.canvas.others().iter().any(|o| o.is_typing_in(&card.id))
    });
}

#[test]
fn following_a_teammate_shows_their_view_until_i_scroll_and_a_leader_is_followed() {
    let (mut ana, mut bo) = joined_pair("Ana", "Bo");
    until(&mut ana, &mut bo, "Ana in Bo's list", |_, bo| {
        bo.people().iter().any(|p| p.name() == "Ana")
    });
    ana.state_mut().canvas.zoom_to(1.8, None);
    ana.state_mut().canvas.pan += vec2(-240.0, -120.0);
    ana.run_steps(5);
    assert!(!same_view(bo.state(), ana.state()));

    // Bo clicks Ana's name: his view goes where hers is.
    bo.run_steps(5);
    bo.get_by_label("Ana").click();
    bo.run_steps(5);
    until(
        &mut ana,
        &mut bo,
        "Bo to look where Ana looks",
        |ana, bo| bo.following().is_some_and(|p| p.name() == "Ana") && same_view(bo, ana),
    );
    assert!(bo.query_by_label("Following Ana").is_some());

    // Bo scrolls the map himself: he stops following.
    let centre = bo.state().canvas.rect().expect("drawn").center();
    bo.event(Event::PointerMoved(centre));
    bo.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
    // egui spreads a scroll over a few frames: let it end.
    for _ in 0..100 {
        bo.step();
        if bo.ctx.input(|i| i.smooth_scroll_delta == egui::Vec2::ZERO) {
            break;
        }
    }
    assert!(
        bo.state().following().is_none(),
        "scrolling stops following"
    );
    ana.state_mut().canvas.zoom_to(1.2, None);
    ana.run_steps(5);

    // Ana asks everyone to follow her: Bo follows again, until Esc.
    ana.get_by_label("Ask everyone to follow me").click();
    ana.run_steps(5);
    assert!(ana.state().is_leading());
    until(&mut ana, &mut bo, "Bo to follow the leader", |ana, bo| {
        bo.following().is_some_and(|p| p.name() == "Ana") && same_view(bo, ana)
    });
    press(&mut bo, Modifiers::NONE, Key::Escape);
    assert!(bo.state().following().is_none(), "Esc stops following");
    until(&mut ana, &mut bo, "Bo to stay on his own", |_, bo| {
        bo.following().is_none()
    });
}
