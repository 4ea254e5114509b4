//! Slides a room can read, measured on every slide of maps transcribed from
//! published journeys (`tests/maps/`, not the samples): the map fills the
//! frame and its text is large enough to read from the back of the room.
//!
//! The maps, in our own words, follow journeys as they are commonly
//! published: an emergency-department visit (the patient journeys of NHS
//! service-design work), a flight (airline journey maps), buying a car
//! (dealer journeys with frontstage and backstage lanes) and moving house
//! (a twenty-step journey with ten emotion points a stage).

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::{Galley, Rect};
use journeymap::export::slides::{CARD_TEXT_PX, SECONDARY_TEXT_PX};
use journeymap::export::{self, Drawing, ExportOptions, Page, Split};
use journeymap::model::{JourneyMap, Lane, LaneKind, StateView};

/// The maps transcribed from published journeys.
const TRANSCRIBED: [&str; 4] = [
    "emergency-department",
    "flight-home",
    "first-new-car",
    "moving-house",
];

fn map(name: &str) -> JourneyMap {
    let path = format!("{}/tests/maps/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    journeymap::io::read_map(path.as_ref()).expect("a test map")
}

fn drawing(page: &Page<'_>, options: &ExportOptions) -> Drawing {
    journeymap::render::fonts::headless_context(options.dark, 1.0)
        .fonts_mut(|fonts| page.draw(fonts, options))
        .expect("drawn")
}

/// The map body of a drawn slide, in slide pixels: from the persona strip
/// (or title) to the last lane and the last stage, legend not counted.
fn body(drawn: &Drawing) -> Rect {
    let layout = &drawn.layout;
    Rect::from_min_max(layout.persona.rect.min, layout.grid().max).translate(drawn.map_origin)
}

fn text_size(galley: &Galley) -> f32 {
    galley
        .job
        .sections
        .iter()
        .map(|section| section.format.font_id.size)
        .fold(f32::INFINITY, f32::min)
}

/// The smallest card text and the smallest secondary text of a slide.
fn smallest_text(drawn: &Drawing) -> (f32, f32) {
    let layout = &drawn.layout;
    let card = layout
        .cards
        .iter()
        .map(|card| text_size(&card.text))
        .fold(f32::INFINITY, f32::min);
    let secondary = layout
        .cards
        .iter()
        .filter_map(|card| card.footer.as_ref().map(|(_, galley)| text_size(galley)))
        .chain(
            layout
                .stages
                .iter()
                .filter_map(|stage| stage.details.as_ref().map(|d| text_size(d))),
        )
        .chain(layout.points.iter().map(|point| text_size(&point.label)))
        .fold(f32::INFINITY, f32::min);
    (card, secondary)
}

/// Checks every slide of `map`'s automatic split at 1080p; returns how
/// many slides there were.
fn assert_readable_slides(name: &str, map: &JourneyMap) -> usize {
    assert_readable_slides_with(name, map, &ExportOptions::default())
}

/// Whether a page is a title slide: the persona and scenario, no stages.
fn is_title(page: &Page<'_>) -> bool {
    page.part.stages.is_empty() && page.part.lanes.is_empty()
}

/// The smallest text of a slide's persona strip.
fn smallest_persona_text(drawn: &Drawing) -> f32 {
    (drawn.layout.persona.texts.iter())
        .map(|(_, galley, _)| text_size(galley))
        .fold(f32::INFINITY, f32::min)
}

/// [`assert_readable_slides`] with `options` (as the export sees the map:
/// pass it through [`export::seen`] first). A title slide, the persona
/// and scenario alone, is only checked for its text.
fn assert_readable_slides_with(name: &str, map: &JourneyMap, options: &ExportOptions) -> usize {
    let pages = export::pages(map, options);
    let frame = 1920.0 * 1080.0;
    let mut scales = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let drawn = drawing(page, options);
        if is_title(page) {
            let smallest = smallest_persona_text(&drawn);
            assert!(
                i == 0 && smallest >= SECONDARY_TEXT_PX - 0.01,
                "{name} title slide {}: text {smallest:.1} px",
                i + 1
            );
            continue;
        }
        let body = body(&drawn);
        let fill = body.area() / frame;
        assert!(
            fill >= 0.70,
            "{name} slide {}: the map covers {:.0} % of the frame",
            i + 1,
            fill * 100.0
        );
        assert!(
            Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1920.0, 1080.0))
                .expand(0.5)
                .contains_rect(body),
            "{name} slide {}: the map runs off the slide: {body:?}",
            i + 1
        );
        let (card, secondary) = smallest_text(&drawn);
        assert!(
            card >= CARD_TEXT_PX - 0.01,
            "{name} slide {}: card text {card:.1} px",
            i + 1
        );
        assert!(
            secondary >= SECONDARY_TEXT_PX - 0.01,
            "{name} slide {}: secondary text {secondary:.1} px",
            i + 1
        );
        scales.push(drawn.layout.scale);
    }
    assert!(
        scales
            .windows(2)
            .all(|pair| (pair[0] - pair[1]).abs() < 1e-4),
        "{name}: one scale for the set: {scales:?}"
    );
    pages.len()
}

#[test]
fn every_slide_of_every_transcribed_map_fills_the_frame_with_readable_text() {
    for name in TRANSCRIBED {
        let map = map(name);
        let slides = assert_readable_slides(name, &map);
        assert!(
            slides <= map.stages.len(),
            "{name}: {slides} slides for {} stages",
            map.stages.len()
        );
    }
}

#[test]
fn team_gear_is_readable_on_every_slide_in_every_state() {
    // Its persona strip, eight lanes and a legend of two rows did not fit
    // a slide at 16 px even with one stage: the whole set was drawn at
    // about 14.7 px.
    let map = journeymap::samples::find("team-gear")
        .and_then(|sample| sample.map().ok())
        .expect("the sample");
    for state in [StateView::Both, StateView::Current, StateView::Future] {
        let options = ExportOptions {
            state,
            ..ExportOptions::default()
        };
        let seen = export::seen(&map, state);
        assert_readable_slides_with(&format!("team-gear {state:?}"), &seen, &options);
    }
}

#[test]
fn every_sample_is_readable_on_every_slide() {
    for sample in journeymap::samples::SAMPLES {
        let map = sample.map().expect("a sample");
        if map.stages.is_empty() || map.card_count() == 0 {
            continue;
        }
        for state in [StateView::Both, StateView::Current, StateView::Future] {
            let options = ExportOptions {
                state,
                ..ExportOptions::default()
            };
            let seen = export::seen(&map, state);
            let name = format!("{} {state:?}", sample.name);
            assert_readable_slides_with(&name, &seen, &options);
        }
    }
}

#[test]
fn a_slide_with_room_to_spare_gives_the_emotion_curve_the_editors_height_first() {
    // Before any other row grows to fill a slide, the emotion curve gets
    // the editor's height back: its scores stand apart from the back of
    // the room.
    let mut grown = 0;
    for name in [
        "emergency-department",
        "flight-home",
        "first-new-car",
        "moving-house",
    ] {
        let map = map(name);
        for split in [Split::Automatic, Split::every(1)] {
            let options = ExportOptions {
                split,
                ..ExportOptions::default()
            };
            for (i, page) in export::pages(&map, &options).iter().enumerate() {
                let layout = drawing(page, &options).layout;
                if layout.proportions.row_extra <= 0.0 {
                    continue;
                }
                grown += 1;
                let editor = journeymap::render::Proportions::EDITOR.emotion_row * layout.scale;
                for lane in layout.lanes.iter().filter(|l| l.kind == LaneKind::Emotion) {
                    assert!(
                        lane.row.span() >= editor - 0.5,
                        "{name} slide {}: the emotion lane is {:.0} px, the editor's {editor:.0} px",
                        i + 1,
                        lane.row.span()
                    );
                }
            }
        }
    }
    assert!(grown > 0, "no slide had rows grown to fill it");
}

#[test]
fn maps_of_two_to_ten_lanes_fill_their_slides() {
    let car = map("first-new-car");
    let mut two = car.clone();
    two.lanes.truncate(2);
    assert_readable_slides("two lanes", &two);

    let mut ten = car;
    for (id, name) in [("channels", "Channels"), ("policies", "Policies")] {
        ten.lanes.push(Lane {
            id: journeymap::model::LaneId::new(id),
            name: name.to_owned(),
            kind: LaneKind::Text,
            colour: None,
            line_below: None,
        });
    }
    assert_eq!(ten.lanes.len(), 10);
    assert_readable_slides("ten lanes", &ten);

    let mut one_stage = map("emergency-department");
    one_stage.stages.truncate(1);
    assert_eq!(assert_readable_slides("one stage", &one_stage), 1);
}

#[test]
fn a_column_wide_enough_for_several_cards_sets_them_side_by_side() {
    // A slide of one or two stages has columns far wider than a line of
    // card text wants. One card above another across such a column made
    // team-gear's first slide too tall for 16 px text, however few stages
    // it showed; side by side, its seven stages take four slides (three
    // before its headers were set in bold, which wraps the longer lane
    // names onto more lines).
    let map = journeymap::samples::find("team-gear")
        .and_then(|sample| sample.map().ok())
        .expect("the sample");
    let options = ExportOptions::default();
    let pages = export::pages(&map, &options);
    let smallest = (pages.iter())
        .map(|page| smallest_text(&drawing(page, &options)).0)
        .fold(f32::INFINITY, f32::min);
    assert!(pages.len() <= 4, "team-gear took {} slides", pages.len());
    assert!(
        smallest >= CARD_TEXT_PX - 0.01,
        "card text {smallest:.1} px"
    );

    let alone = ExportOptions {
        split: Split::every(1),
        ..ExportOptions::default()
    };
    let pages = export::pages(&map, &alone);
    assert_eq!(pages.len(), 7);
    let layout = drawing(&pages[1], &alone).layout;
    let needs = journeymap::render::Proportions::SLIDE_CARD * layout.scale;
    let doing: Vec<Rect> = (layout.cards.iter())
        .filter(|card| card.lane == 0)
        .map(|card| card.rect)
        .collect();
    assert!(doing.len() >= 3, "{doing:?}");
    assert!((doing[0].min.y - doing[1].min.y).abs() < 0.01, "{doing:?}");
    assert!(doing[1].min.x > doing[0].max.x, "side by side: {doing:?}");
    assert!(doing.iter().all(|rect| rect.width() < 2.0 * needs));
    for (a, b) in doing.iter().zip(&doing[1..]) {
        assert!(!a.intersects(*b), "{a:?} and {b:?} overlap");
    }
}

#[test]
fn the_cards_of_a_wide_column_fill_it_across() {
    // Team-gear's first slide shows one stage whose lanes hold two cards
    // at most, in a column with room for three side by side: the cards
    // sat in the left two thirds with the rest of the slide empty.
    let map = journeymap::samples::find("team-gear")
        .and_then(|sample| sample.map().ok())
        .expect("the sample");
    let options = ExportOptions::default();
    for (number, page) in export::pages(&map, &options).iter().enumerate() {
        let layout = drawing(page, &options).layout;
        for (index, stage) in layout.stages.iter().enumerate() {
            let right = (layout.cards.iter())
                .filter(|card| card.stage == index)
                .map(|card| card.rect.max.x)
                .fold(f32::NEG_INFINITY, f32::max);
            let empty = stage.column.max - right;
            assert!(
                empty < 0.05 * stage.column.span(),
                "slide {}, stage {index}: {empty:.0} of {:.0} px left empty",
                number + 1,
                stage.column.span()
            );
        }
    }
}

#[test]
fn a_persona_too_tall_for_the_first_slide_gets_a_title_slide_of_its_own() {
    // A persona of many goals and expectations makes the strip above the
    // first slide's stages too tall for its cards to be read: the persona
    // and scenario get a slide of their own, and every slide of the map
    // only its title.
    let mut map = journeymap::samples::find("team-gear")
        .and_then(|sample| sample.map().ok())
        .expect("the sample");
    let many: Vec<String> = (1..=24)
        .map(|i| format!("A goal of the kind a workshop writes down, number {i}"))
        .collect();
    map.persona.goals.clone_from(&many);
    map.persona.expectations = many;
    let options = ExportOptions::default();
    let pages = export::pages(&map, &options);
    assert!(pages[0].is_title(), "{}", pages[0].part.title);
    assert!(pages[1..].iter().all(|page| !page.is_title()));
    for page in &pages[1..] {
        let strip = drawing(page, &options).layout.persona.texts;
        assert_eq!(strip.len(), 1, "only the title: {}", page.part.title);
    }
    let title = drawing(&pages[0], &options).layout.persona.texts;
    assert!(
        title
            .iter()
            .any(|(_, galley, _)| galley.text() == "Marcus Hill")
    );
    assert_readable_slides_with("a tall persona", &map, &options);
}

#[test]
fn a_two_hundred_card_journey_becomes_several_slides_titled_with_their_stages() {
    let map = map("moving-house");
    assert_eq!(map.card_count(), 200);
    let pages = export::pages(&map, &ExportOptions::default());
    let count = pages.len();
    assert!(count > 1, "two hundred cards do not fit one readable slide");
    let second = &pages[1].part;
    let first_stage = &second.stages[0].name;
    assert!(
        second.title.contains(&format!("(2/{count}: {first_stage}")),
        "{}",
        second.title
    );
    // Every stage is on exactly one slide, in order.
    let shown: Vec<_> = pages
        .iter()
        .flat_map(|page| page.part.stages.iter().map(|stage| stage.id.clone()))
        .collect();
    let all: Vec<_> = map.stages.iter().map(|stage| stage.id.clone()).collect();
    assert_eq!(shown, all);
}

#[test]
fn split_one_keeps_the_whole_map_on_one_slide_and_split_n_puts_n_stages_on_each() {
    let map = map("moving-house");
    let one = ExportOptions {
        split: Split::One,
        ..ExportOptions::default()
    };
    assert_eq!(export::pages(&map, &one).len(), 1);
    let fives = ExportOptions {
        split: Split::every(5),
        ..ExportOptions::default()
    };
    let pages = export::pages(&map, &fives);
    assert_eq!(pages.len(), 4);
    assert!(pages.iter().all(|page| page.part.stages.len() == 5));
}

#[test]
fn only_the_first_slide_of_a_set_shows_the_persona() {
    let map = map("first-new-car");
    let options = ExportOptions::default();
    let pages = export::pages(&map, &options);
    assert!(pages.len() > 1);
    let texts = |page: &Page<'_>| -> Vec<String> {
        drawing(page, &options)
            .layout
            .persona
            .texts
            .iter()
            .map(|(_, galley, _)| galley.text().to_owned())
            .collect()
    };
    let first = texts(&pages[0]);
    assert!(
        first.iter().any(|t| t.contains("Priya Natarajan")),
        "{first:?}"
    );
    let second = texts(&pages[1]);
    assert_eq!(second.len(), 1, "only the title: {second:?}");
    assert!(second[0].starts_with("Buying a first new car (2/"));
}

/// Labels of `layout` that overlap another label or a face other than
/// their own, by point id.
fn clashing_labels(layout: &journeymap::render::Layout) -> Vec<String> {
    let radius = layout.face_radius();
    let mut clashes = Vec::new();
    for (i, point) in layout.points.iter().enumerate() {
        let label = point.label_rect().shrink(0.5);
        let other_label = layout
            .points
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.label_rect().intersects(label));
        let face = layout.points.iter().any(|other| {
            Rect::from_center_size(other.center, egui::Vec2::splat(2.0 * radius)).intersects(label)
        });
        if other_label || face {
            clashes.push(format!("{} {:?}", point.id, point.label.text()));
        }
    }
    clashes
}

#[test]
fn ten_emotion_points_a_stage_keep_their_labels_apart_on_slides_and_on_screen() {
    let map = map("moving-house");
    assert!(map.stages.iter().all(|stage| stage.points.len() == 10));
    let options = ExportOptions::default();
    for page in export::pages(&map, &options) {
        let drawn = drawing(&page, &options);
        let clashes = clashing_labels(&drawn.layout);
        assert!(clashes.is_empty(), "{}: {clashes:?}", page.part.title);
    }
    let editor = journeymap::render::fonts::headless_context(false, 1.0)
        .fonts_mut(|fonts| journeymap::render::Layout::new(&map, fonts, 1.0));
    let clashes = clashing_labels(&editor);
    assert!(clashes.is_empty(), "on screen: {clashes:?}");
}

/// Every slide of `map`'s plan for a `room` laid out at its fit: the
/// heights, and the scale of the set.
fn planned_heights(map: &JourneyMap, room: egui::Vec2, split: Split) -> (Vec<f32>, f32) {
    let ctx = journeymap::render::fonts::headless_context(false, 1.0);
    ctx.fonts_mut(|fonts| {
        let plan = export::slides::plan(fonts, map, room, 1.0, split);
        let heights = (plan.groups.iter().zip(&plan.fits))
            .map(|(group, fit)| {
                let mut part = map.clone();
                part.stages = map.stages[group.clone()].to_vec();
                let layout = journeymap::render::Layout::shaped(
                    &part,
                    map,
                    fonts,
                    fit.scale,
                    fit.proportions,
                );
                layout.size.y
            })
            .collect();
        (heights, plan.fits.first().map_or(0.0, |fit| fit.scale))
    })
}

#[test]
fn no_planned_slide_is_taller_than_its_room_though_the_plan_measures_at_one_scale() {
    // The planner measures its tries at one scale and scales the heights;
    // text rounds to whole pixels, so the slides it picks are measured
    // again. None may run into the legend below it.
    for name in TRANSCRIBED {
        let map = map(name);
        for (room, split) in [
            (egui::vec2(1872.0, 900.0), Split::Automatic),
            (egui::vec2(1872.0, 760.0), Split::every(2)),
            (egui::vec2(1872.0, 980.0), Split::One),
            (egui::vec2(3744.0, 1900.0), Split::Automatic),
        ] {
            let (heights, scale) = planned_heights(&map, room, split);
            assert!(scale > 0.0, "{name}: no scale");
            for (i, height) in heights.iter().enumerate() {
                assert!(
                    *height <= room.y + 0.01,
                    "{name} {split:?} in {room:?}: slide {} is {height:.1} high",
                    i + 1
                );
            }
            // The rows grew into the room: the scale was not lowered far
            // below what fits.
            let tallest = heights.iter().copied().fold(0.0, f32::max);
            assert!(
                tallest >= room.y * 0.95,
                "{name} {split:?} in {room:?}: the tallest slide is only {tallest:.1} high"
            );
        }
    }
}
