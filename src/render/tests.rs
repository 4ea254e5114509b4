//! Layout and painting of the bundled samples, headless.

use egui::{FontId, Pos2, Rect};

use super::*;
use crate::model::{Channel, JourneyMap, LaneKind, MAX_SCORE, MIN_SCORE};
use crate::samples;

/// Runs `f` with the fonts of a headless egui context.
pub(crate) fn with_fonts<R>(f: impl FnOnce(&mut egui::epaint::FontsView<'_>) -> R) -> R {
    fonts::headless_context(false, 1.0).fonts_mut(f)
}

fn sample(name: &str) -> JourneyMap {
    samples::find(name)
        .and_then(|s| s.map().ok())
        .expect("sample")
}

#[test]
fn every_glyph_the_painter_uses_is_in_the_bundled_fonts() {
    let mut glyphs: Vec<char> = Channel::ALL
        .iter()
        .flat_map(|c| channel_glyph(*c).chars())
        .collect();
    glyphs.extend(ANSWERS_ARROW.chars());
    glyphs.extend("•“”".chars());
    with_fonts(|fonts| {
        for glyph in glyphs {
            assert!(
                fonts.has_glyph(&FontId::proportional(14.0), glyph),
                "{glyph} would draw as a box"
            );
        }
    });
}

#[test]
fn every_character_of_every_sample_is_in_the_bundled_fonts() {
    with_fonts(|fonts| {
        for sample in samples::SAMPLES {
            let text = sample.source;
            for glyph in text.chars().filter(|c| !c.is_control()) {
                assert!(
                    fonts.has_glyph(&FontId::proportional(14.0), glyph),
                    "{glyph:?} in {} would draw as a box",
                    sample.name
                );
            }
        }
    });
}

#[test]
fn stages_run_left_to_right_and_lanes_top_to_bottom() {
    let map = sample("grocery-trip");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    assert_eq!(layout.stages.len(), map.stages.len());
    assert_eq!(layout.lanes.len(), map.lanes.len());
    for pair in layout.stages.windows(2) {
        assert!((pair[0].column.max - pair[1].column.min).abs() < 0.01);
    }
    for pair in layout.lanes.windows(2) {
        assert!((pair[0].row.max - pair[1].row.min).abs() < 0.01);
    }
    assert!(
        layout.persona.rect.max.y < layout.header_row.min,
        "persona strip above the headers"
    );
    assert!(layout.grid().max.x <= layout.size.x && layout.grid().max.y <= layout.size.y);
}

#[test]
fn every_card_sits_inside_its_cell_without_overlapping_another() {
    for sample in samples::SAMPLES {
        let map = sample.map().expect("valid");
        let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
        assert_eq!(layout.cards.len(), map.card_count(), "{}", sample.name);
        for card in &layout.cards {
            let cell = layout.cell(card.stage, card.lane).expect("cell");
            assert!(
                cell.contains_rect(card.rect),
                "{}: {} leaves its cell",
                sample.name,
                card.id
            );
            assert!(
                card.text.size().x <= card.rect.width(),
                "{}: {} text overflows",
                sample.name,
                card.id
            );
        }
        for (i, a) in layout.cards.iter().enumerate() {
            for b in &layout.cards[i + 1..] {
                assert!(
                    !a.rect.intersects(b.rect),
                    "{}: {} overlaps {}",
                    sample.name,
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn emotion_points_sit_higher_the_better_the_customer_feels() {
    let map = sample("team-gear");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Emotion)
        .expect("emotion lane");
    let happy = layout.score_y(lane, 3).expect("y");
    let neutral = layout.score_y(lane, 0).expect("y");
    let furious = layout.score_y(lane, -3).expect("y");
    assert!(happy < neutral && neutral < furious);
    for score in -3..=3 {
        let y = layout.score_y(lane, score).expect("y");
        assert_eq!(
            layout.score_at(lane, y),
            Some(score),
            "score_at inverts score_y"
        );
    }
    assert_eq!(
        layout.score_at(lane, f32::MIN),
        Some(3),
        "dragging above the lane clamps to +3"
    );
    for point in &layout.points {
        assert!(layout.lanes[point.lane].row.contains(point.center.y));
        assert!(layout.stages[point.stage].column.contains(point.center.x));
    }
}

#[test]
fn hit_testing_finds_what_is_drawn_there() {
    let map = sample("billing-support");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.5));
    let card = &layout.cards[3];
    assert_eq!(layout.hit(card.rect.center()), Some(Hit::Card(3)));
    let point = &layout.points[0];
    assert_eq!(layout.hit(point.center), Some(Hit::Point(0)));
    assert_eq!(
        layout.hit(layout.stages[2].header.center()),
        Some(Hit::StageHeader(2))
    );
    assert_eq!(
        layout.hit(layout.lanes[1].label.center()),
        Some(Hit::LaneLabel(1))
    );
    assert_eq!(layout.hit(Pos2::new(-10.0, -10.0)), None);
}

#[test]
fn text_is_laid_out_at_the_drawn_size_not_scaled_afterwards() {
    let map = sample("grocery-trip");
    let (small, large) =
        with_fonts(|fonts| (Layout::new(&map, fonts, 1.0), Layout::new(&map, fonts, 2.0)));
    let ratio = large.size.x / small.size.x;
    assert!((ratio - 2.0).abs() < 0.01, "widths scale exactly: {ratio}");
    let row_height =
        |galley: &egui::Galley| galley.rows.first().map(|r| r.size.y).unwrap_or_default();
    let glyph_ratio = row_height(&large.cards[0].text) / row_height(&small.cards[0].text);
    assert!(
        (glyph_ratio - 2.0).abs() < 0.1,
        "the font itself is twice as large: {glyph_ratio}"
    );
}

fn texts_of(shapes: &[egui::Shape]) -> Vec<String> {
    shapes
        .iter()
        .filter_map(|shape| match shape {
            egui::Shape::Text(text) => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_canvas_paints_only_the_cards_in_view() {
    let map = sample("first-try-to-promoter");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let (theme, marks) = (Theme::light(), Marks::default());
    let everything = texts_of(&paint::body(&layout, &theme, &marks, &View::ALL));
    let corner = layout.cards[0].rect;
    let view = View::on_screen(&layout, corner, 1.0);
    let in_view = texts_of(&paint::body(&layout, &theme, &marks, &view));
    for card in layout.cards.iter().filter(|c| c.rect.intersects(corner)) {
        assert!(in_view.contains(&card.text.text().to_owned()));
    }
    assert!(
        in_view.len() * 4 < everything.len(),
        "{} of {} texts",
        in_view.len(),
        everything.len()
    );
}

#[test]
fn card_text_too_small_to_read_is_drawn_as_bars() {
    let map = sample("first-try-to-promoter");
    let small = with_fonts(|fonts| Layout::new(&map, fonts, 0.2));
    assert!(!View::on_screen(&small, Rect::EVERYTHING, 2.0).text_as_bars);
    let view = View::on_screen(&small, Rect::EVERYTHING, 1.0);
    assert!(
        view.text_as_bars,
        "13.5-point text at 20 % is under 3 pixels"
    );
    let shapes = paint::body(&small, &Theme::light(), &Marks::default(), &view);
    let texts = texts_of(&shapes);
    assert!(
        small
            .cards
            .iter()
            .all(|card| !texts.contains(&card.text.text().to_owned()))
    );
    let quads: usize = shapes
        .iter()
        .filter_map(|shape| match shape {
            egui::Shape::Mesh(mesh) => Some(mesh.vertices.len() / 4),
            _ => None,
        })
        .sum();
    assert!(
        quads >= 3 * small.cards.len(),
        "box, fill and a bar per card"
    );
    let full = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    assert!(!View::on_screen(&full, Rect::EVERYTHING, 1.0).text_as_bars);
}

#[test]
fn a_layout_with_a_text_cache_lays_out_only_the_text_that_changed() {
    let mut map = sample("first-try-to-promoter");
    let mut cache = TextCache::default();
    // Each in a context of its own, so egui's own cache cannot help.
    let first = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let kept = cache.len();
    let edited = first.cards[0].id.clone();
    map.set_card_text(&edited, "A different text")
        .expect("card");
    let second = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    assert_eq!(second.cards[0].text.text(), "A different text");
    assert!(!std::sync::Arc::ptr_eq(
        &first.cards[0].text,
        &second.cards[0].text
    ));
    assert!(std::sync::Arc::ptr_eq(
        &first.cards[1].text,
        &second.cards[1].text
    ));
    assert!(
        cache.len() <= 2 * kept,
        "the cache stays about one layout's size"
    );
    let fresh = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let rects = |layout: &Layout| layout.cards.iter().map(|c| c.rect).collect::<Vec<_>>();
    assert_eq!(rects(&second), rects(&fresh));
}

#[test]
fn the_width_of_a_layout_is_its_natural_width_times_its_scale() {
    for name in ["blank", "first-try-to-promoter", "grocery-trip"] {
        let map = sample(name);
        for scale in [0.3, 1.0, 2.7] {
            let layout = with_fonts(|fonts| Layout::new(&map, fonts, scale));
            let width = Layout::natural_width(&map) * scale;
            assert!(
                (layout.size.x - width).abs() < 1e-3 * width,
                "{name} at {scale}: {} vs {width}",
                layout.size.x
            );
        }
    }
}

/// A map with one emotion lane (below a text lane, so it is a striped row)
/// and a point at every score, one stage each.
fn every_score_map() -> JourneyMap {
    let mut map = JourneyMap::default();
    map.add_lane(0, "Doing", LaneKind::Text);
    let lane = map.add_lane(1, "Feeling", LaneKind::Emotion);
    for score in MIN_SCORE..=MAX_SCORE {
        let stage = map.add_stage(map.stages.len(), format!("Stage {score:+}"));
        map.add_point(&stage, &lane, 0, score, format!("feels {score:+}"))
            .expect("a valid score");
    }
    map
}

#[test]
fn emotion_labels_keep_clear_of_the_zero_line_at_every_score() {
    let map = every_score_map();
    for scale in [1.0, 1.5, 2.0] {
        let layout = with_fonts(|fonts| Layout::new(&map, fonts, scale));
        assert_eq!(layout.points.len(), 7);
        for point in &layout.points {
            let zero = layout.score_y(point.lane, 0).expect("emotion lane");
            let label = point.label_rect();
            assert!(
                !label.y_range().contains(zero),
                "at scale {scale}, the label of {:+} ({:?}) is struck through by the zero line at y {zero}",
                point.score,
                label.y_range(),
            );
        }
    }
}

#[test]
fn emotion_labels_stay_in_their_lane_and_off_their_face() {
    let map = every_score_map();
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    for point in &layout.points {
        let label = point.label_rect();
        let row = layout.lanes[point.lane].row;
        assert!(
            row.contains(label.min.y) && row.contains(label.max.y),
            "the label of {:+} ({:?}) leaves its lane {row:?}",
            point.score,
            label.y_range(),
        );
        let face =
            Rect::from_center_size(point.center, egui::Vec2::splat(2.0 * layout.face_radius()));
        assert!(
            !label.intersects(face),
            "the label of {:+} covers its face",
            point.score
        );
    }
}

#[test]
fn a_kept_stage_shows_the_new_text_of_a_pain_point_it_answers_in_another_stage() {
    let mut map = sample("first-try-to-promoter");
    let (opportunity, pain) = map
        .cards()
        .find_map(|card| Some((card.id.clone(), card.answers.clone()?)))
        .expect("an opportunity answering a pain point");
    let (stage, _) = map.card(&opportunity).expect("opportunity");
    let elsewhere = map
        .stages
        .iter()
        .find(|other| other.id != stage.id)
        .expect("another stage")
        .id
        .clone();
    let pain_lane = map.card(&pain).expect("pain point").1.lane.clone();
    map.move_card(&pain, &elsewhere, &pain_lane, 0)
        .expect("moved");
    let mut cache = TextCache::default();
    with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    map.set_card_text(&pain, "Renamed pain").expect("renamed");
    let layout = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let footer = layout
        .cards
        .iter()
        .find(|card| card.id == opportunity)
        .and_then(|card| card.footer.as_ref())
        .map(|(_, galley)| galley.text().to_owned());
    assert_eq!(footer.as_deref(), Some("↪ answers: Renamed pain"));
}

#[test]
fn a_layout_after_edits_with_kept_cells_is_the_layout_made_afresh() {
    let mut map = sample("grocery-trip");
    let mut cache = TextCache::default();
    with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let card = map.stages[1].cards[0].id.clone();
    map.set_card_text(
        &card,
        "A much longer text that wraps onto a few more lines than before",
    )
    .expect("card");
    let stage = map.stages[2].id.clone();
    let lane = map.stages[2].cards[0].lane.clone();
    map.add_card(&stage, &lane, 0, "New").expect("added");
    let kept = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let fresh = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let cards = |layout: &Layout| {
        layout
            .cards
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.stage,
                    c.lane,
                    c.index_in_cell,
                    c.rect,
                    c.text.text().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(cards(&kept), cards(&fresh));
    let rows = |layout: &Layout| layout.lanes.iter().map(|l| l.row).collect::<Vec<_>>();
    assert_eq!(rows(&kept), rows(&fresh));
}

/// Each card's place, text and footer: what is drawn of it.
fn placed_cards(layout: &Layout) -> Vec<(String, usize, usize, usize, Rect, Pos2, String)> {
    layout
        .cards
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                c.stage,
                c.lane,
                c.index_in_cell,
                c.rect,
                c.text_pos,
                c.footer
                    .as_ref()
                    .map(|(pos, galley)| format!("{pos:?} {}", galley.text()))
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// An edit of a map, for a test to make in turn.
type MapEdit<'a> = Box<dyn Fn(&mut JourneyMap) + 'a>;

#[test]
fn a_layout_that_takes_over_the_last_ones_cards_is_the_layout_made_afresh() {
    let mut map = sample("grocery-trip");
    let mut cache = TextCache::default();
    let mut last = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let first_card = map.stages[0].cards[0].id.clone();
    let later_stage = map.stages[2].id.clone();
    let lane = map.stages[2].cards[0].lane.clone();
    let edits: Vec<(&str, MapEdit<'_>)> = vec![
        (
            "a card in the first row grows, and every row below moves down",
            Box::new(|map: &mut JourneyMap| {
                map.set_card_text(
                    &first_card,
                    "A much longer text that wraps onto a few more lines than before, \
                     and then onto a few more",
                )
                .expect("card");
            }),
        ),
        (
            "a card is added to a later stage",
            Box::new(|map: &mut JourneyMap| {
                map.add_card(&later_stage, &lane, 0, "New").expect("added");
            }),
        ),
        (
            "the grown card shrinks back",
            Box::new(|map: &mut JourneyMap| {
                map.set_card_text(&first_card, "Short").expect("card");
            }),
        ),
        (
            "a stage moves to the front",
            Box::new(|map: &mut JourneyMap| {
                map.move_stage(&later_stage, 0).expect("moved");
            }),
        ),
        (
            "a card is removed",
            Box::new(|map: &mut JourneyMap| {
                map.remove_card(&first_card).expect("removed");
            }),
        ),
        ("nothing changes", Box::new(|_: &mut JourneyMap| {})),
    ];
    for (what, edit) in edits {
        edit(&mut map);
        last.recycle(&mut cache);
        last = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
        let fresh = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
        assert_eq!(placed_cards(&last), placed_cards(&fresh), "after {what}");
        near::assert_cards_near_are_the_cards_that_meet(&last, what);
    }
}

/// The shapes filled with `colour` in `shapes`: meshes, paths and rectangles.
fn filled_with(shapes: &[egui::Shape], colour: egui::Color32) -> usize {
    shapes
        .iter()
        .filter(|shape| match shape {
            egui::Shape::Mesh(mesh) => mesh.vertices.iter().any(|v| v.color == colour),
            egui::Shape::Path(path) => path.fill == colour,
            egui::Shape::Rect(rect) => rect.fill == colour,
            _ => false,
        })
        .count()
}

#[test]
fn the_company_curve_and_the_gap_are_drawn_where_points_record_the_companys_belief() {
    let theme = Theme::light();
    let diamonds = |shapes: &[egui::Shape]| {
        shapes
            .iter()
            .filter(|shape| {
                matches!(shape, egui::Shape::Path(path)
                if path.points.len() == 4 && path.stroke.color == egui::epaint::ColorMode::Solid(theme.company))
            })
            .count()
    };
    let mut map = sample("team-gear");
    let recorded = map
        .stages
        .iter()
        .flat_map(|s| &s.points)
        .filter(|p| p.company.is_some())
        .count();
    assert!(recorded > 1, "the sample records the store's belief");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let shapes = paint::body(&layout, &theme, &Marks::default(), &View::ALL);
    assert_eq!(diamonds(&shapes), recorded);
    let lane = layout
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Emotion);
    let fill = theme.gap_fill(lane.is_some_and(|l| l % 2 == 1));
    assert!(filled_with(&shapes, fill) > 0, "the gap is shaded");

    for point in map.stages.iter_mut().flat_map(|s| s.points.iter_mut()) {
        point.company = None;
    }
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let shapes = paint::body(&layout, &theme, &Marks::default(), &View::ALL);
    assert_eq!(diamonds(&shapes), 0);
    assert_eq!(filled_with(&shapes, fill), 0);
}

#[test]
fn a_map_that_records_kpis_or_beliefs_gets_a_health_strip_under_the_headers() {
    let plain = sample("grocery-trip");
    let layout = with_fonts(|fonts| Layout::new(&plain, fonts, 1.0));
    assert!(layout.health.is_none(), "a version 1 map keeps its look");

    let map = sample("first-try-to-promoter");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let strip = layout.health.as_ref().expect("a health strip");
    assert!((strip.row.min - layout.header_row.max).abs() < f32::EPSILON);
    assert!(
        layout
            .lanes
            .iter()
            .all(|lane| lane.row.min >= strip.row.max)
    );
    assert!((layout.grid().min.y - strip.row.max).abs() < f32::EPSILON);
    for (cell, stage) in strip.cells.iter().zip(&layout.stages) {
        assert_eq!(cell.rect.x_range(), stage.column);
        let bottom = layout::health_first_line(cell, 1.0).y
            + cell.lines.iter().map(|(g, _)| g.size().y).sum::<f32>();
        assert!(bottom <= strip.row.max + 0.5, "its lines fit the strip");
    }
    let come_back = map.stage_index(&crate::model::StageId::new("come-back"));
    let cell = &strip.cells[come_back.expect("the stage")];
    assert_eq!(cell.lines.len(), 2, "figures and one KPI");
    assert_eq!(cell.lines[1].1, layout::Tone::Missed);
    assert!(cell.lines[1].0.text().starts_with("✘ Second-visit rate"));
    assert!(cell.lines[0].0.text().starts_with("2 pains (severity 4)"));

    let theme = Theme::light();
    let shapes = paint::body(&layout, &theme, &Marks::default(), &View::ALL);
    let texts = texts_of(&shapes);
    assert!(texts.iter().any(|t| t == "Health"));
    assert!(texts.iter().any(|t| t.starts_with("NPS +41")));
}

#[test]
fn a_kept_layout_follows_the_health_strip_as_it_appears_and_grows() {
    let mut map = sample("grocery-trip");
    let mut cache = TextCache::default();
    let mut last = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
    let point = map.stages[0].points[0].id.clone();
    let stage = map.stages[1].id.clone();
    let edits: Vec<(&str, MapEdit<'_>)> = vec![
        (
            "the first company belief makes the strip appear",
            Box::new(|map: &mut JourneyMap| {
                map.set_company_score(&point, Some(2)).expect("point");
            }),
        ),
        (
            "two KPIs make a stage's cell of the strip taller",
            Box::new(|map: &mut JourneyMap| {
                let kpis = vec![
                    crate::model::Kpi::new(crate::model::Measure::Nps, 12.0),
                    crate::model::Kpi::new(crate::model::Measure::Csat, 80.0),
                ];
                map.set_kpis(&stage, kpis).expect("stage");
            }),
        ),
        (
            "the strip goes again",
            Box::new(|map: &mut JourneyMap| {
                map.set_kpis(&stage, Vec::new()).expect("stage");
                map.set_company_score(&point, None).expect("point");
            }),
        ),
    ];
    for (what, edit) in edits {
        edit(&mut map);
        last.recycle(&mut cache);
        last = with_fonts(|fonts| Layout::with_cache(&map, fonts, 1.0, &mut cache, 1.0));
        let fresh = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
        assert_eq!(placed_cards(&last), placed_cards(&fresh), "after {what}");
        let rows = |layout: &Layout| layout.lanes.iter().map(|l| l.row).collect::<Vec<_>>();
        assert_eq!(rows(&last), rows(&fresh), "after {what}");
    }
}
mod curves;
mod faces;
mod lines;
mod near;

#[test]
fn a_card_holding_a_book_is_laid_out_cut_to_what_a_card_shows() {
    // A card's text may be pasted from anywhere; what one card costs to lay
    // out and draw is bounded, and the text itself is kept whole.
    let mut map = sample("grocery-trip");
    let book = "All work and no play makes a dull journey. ".repeat(20_000);
    let card = &mut map.stages[0].cards.to_mut()[0];
    card.text.clone_from(&book);
    let id = card.id.clone();
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let laid_out = layout
        .cards
        .iter()
        .find(|card| card.id == id)
        .expect("the card is laid out");
    let shown = &laid_out.text.job.text;
    assert_eq!(
        shown.chars().count(),
        crate::model::limits::MAX_DRAWN_CHARS + 1
    );
    assert!(shown.ends_with('…'), "{}", &shown[shown.len() - 20..]);
    assert!(laid_out.rect.height() < 2_000.0, "{:?}", laid_out.rect);
    assert_eq!(map.stages[0].cards[0].text, book);
}
