//! Moving painted shapes, as the canvas does from map coordinates to the
//! screen, without copying the text layouts they share with the layout.

use egui::{Shape, Vec2};

/// `shape` moved by `offset`.
///
/// egui's `Shape::translate` goes through `TextShape::transform`, which
/// takes the galley with `Arc::make_mut`: every text whose layout is also
/// held by the layout cache (all of them) is copied, rows and meshes, on
/// every frame. A text is drawn relative to its position, so moving the
/// position moves it.
pub fn moved(mut shape: Shape, offset: Vec2) -> Shape {
    move_in_place(&mut shape, offset);
    shape
}

fn move_in_place(shape: &mut Shape, offset: Vec2) {
    match shape {
        Shape::Text(text) => text.pos += offset,
        Shape::Vec(shapes) => {
            for shape in shapes {
                move_in_place(shape, offset);
            }
        }
        other => other.translate(offset),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui::epaint::text::{FontDefinitions, Fonts, TextOptions};
    use egui::{Color32, FontId, Rect, pos2, vec2};

    use super::*;

    fn galley_of(shape: &Shape) -> Option<&Arc<egui::Galley>> {
        match shape {
            Shape::Text(text) => Some(&text.galley),
            Shape::Vec(shapes) => shapes.iter().find_map(galley_of),
            _ => None,
        }
    }

    #[test]
    fn a_moved_text_keeps_its_layout_and_lands_where_translate_puts_it() {
        let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
        let galley = fonts.with_pixels_per_point(1.0).layout_no_wrap(
            "Checkout → ✓".to_owned(),
            FontId::proportional(14.0),
            Color32::BLACK,
        );
        let text = Shape::galley(pos2(10.0, 20.0), Arc::clone(&galley), Color32::BLACK);
        let shapes = Shape::Vec(vec![
            text,
            Shape::rect_filled(
                Rect::from_min_size(pos2(1.0, 2.0), vec2(3.0, 4.0)),
                0,
                Color32::RED,
            ),
        ]);
        let offset = vec2(100.5, -7.0);
        let mut translated = shapes.clone();
        translated.translate(offset);

        let moved = moved(shapes, offset);

        assert!(
            galley_of(&moved).is_some_and(|moved| Arc::ptr_eq(moved, &galley)),
            "the text's layout was copied"
        );
        let (Shape::Vec(moved), Shape::Vec(translated)) = (&moved, &translated) else {
            panic!("the list of shapes was not kept a list");
        };
        for (moved, translated) in moved.iter().zip(translated) {
            assert_eq!(
                moved.visual_bounding_rect(),
                translated.visual_bounding_rect()
            );
        }
    }
}
