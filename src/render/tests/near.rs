//! Finding the cards in an area without looking at every card: what the
//! canvas paints, hit-testing and the selection rectangle rely on.

use egui::{Rect, pos2};

use super::{sample, with_fonts};
use crate::render::Layout;
use crate::render::layout::Hit;

/// `layout.cards_near` finds, in order, the same cards that meet each of a
/// grid of small and large areas over the map as a look at every card.
pub(super) fn assert_cards_near_are_the_cards_that_meet(layout: &Layout, what: &str) {
    let size = layout.size;
    for (across, down, span) in [(12, 12, 40.0), (5, 5, 400.0), (1, 1, 1e5)] {
        for i in 0..across {
            for j in 0..down {
                #[expect(clippy::cast_precision_loss, reason = "small grids")]
                let corner = pos2(
                    size.x * i as f32 / across as f32,
                    size.y * j as f32 / down as f32,
                );
                let area = Rect::from_min_size(corner, egui::vec2(span, span));
                let near: Vec<usize> = (layout.cards_near(area))
                    .filter(|(_, card)| card.rect.intersects(area))
                    .map(|(i, _)| i)
                    .collect();
                let every: Vec<usize> = (0..layout.cards.len())
                    .filter(|&i| layout.cards[i].rect.intersects(area))
                    .collect();
                assert_eq!(near, every, "{area:?} after {what}");
            }
        }
    }
}

#[test]
fn the_cards_near_an_area_are_every_card_that_meets_it() {
    for name in ["billing-support", "team-gear", "service-blueprint"] {
        let map = sample(name);
        let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
        assert_cards_near_are_the_cards_that_meet(&layout, name);
        let card = &layout.cards[layout.cards.len() / 2];
        assert_eq!(
            layout.hit(card.rect.center()),
            Some(Hit::Card(layout.cards.len() / 2)),
            "{name}"
        );
    }
}
