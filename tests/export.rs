//! PNG export, headless: sizes, content where the layout puts it,
//! identical bytes, split slides, limits, and the same shapes as the canvas.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::{Color32, Shape};
use image::RgbaImage;
use journeymap::export::{self, Drawing, ExportError, ExportOptions, Page, SLIDE_4K, Size};
use journeymap::model::JourneyMap;
use journeymap::render::Theme;
use journeymap::samples;

fn sample(name: &str) -> JourneyMap {
    samples::find(name)
        .and_then(|s| s.map().ok())
        .expect("sample")
}

fn slide_1080p() -> ExportOptions {
    ExportOptions::default()
}

/// Lays out and paints a page as the export does, to know where things go.
fn drawing(page: &Page<'_>, options: &ExportOptions) -> Drawing {
    journeymap::render::fonts::headless_context(options.dark, 1.0)
        .fonts_mut(|fonts| page.draw(fonts, options))
        .expect("drawn")
}

fn pixel(image: &RgbaImage, at: egui::Pos2) -> [u8; 4] {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positions inside the image"
    )]
    let (x, y) = (at.x as u32, at.y as u32);
    image.get_pixel(x, y).0
}

fn close(a: [u8; 4], b: Color32, tolerance: u8) -> bool {
    a.iter()
        .zip(b.to_srgba_unmultiplied())
        .all(|(x, y)| x.abs_diff(y) <= tolerance)
}

/// Pixels clearly darker than the page: text and lines.
fn ink_pixels(image: &RgbaImage, area: egui::Rect) -> usize {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "areas inside the image"
    )]
    let (x0, y0, x1, y1) = (
        area.min.x as u32,
        area.min.y as u32,
        area.max.x as u32,
        area.max.y as u32,
    );
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let [r, g, b, _] = image.get_pixel(x, y).0;
            u16::from(r) + u16::from(g) + u16::from(b) < 300
        })
        .count()
}

#[test]
fn a_slide_has_the_requested_size_and_shows_the_map() {
    let images = export::render(&sample("grocery-trip"), &slide_1080p()).expect("exported");
    assert!(!images.is_empty());
    for image in &images {
        assert_eq!(image.dimensions(), (1920, 1080));
        let full = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1920.0, 1080.0));
        // Text and lines cover several percent of a slide; a blank or
        // background-only image has none.
        let ink = ink_pixels(image, full);
        assert!(
            ink > 1920 * 1080 / 200,
            "only {ink} dark pixels: is anything drawn?"
        );
    }
}

#[test]
fn a_4k_slide_is_3840_by_2160() {
    let options = ExportOptions {
        size: Size::Slide {
            width: SLIDE_4K[0],
            height: SLIDE_4K[1],
        },
        ..slide_1080p()
    };
    let images = export::render(&sample("team-gear"), &options).expect("exported");
    assert_eq!(images[0].dimensions(), (3840, 2160));
}

#[test]
fn each_stage_header_has_its_colour_where_the_layout_puts_it() {
    let map = sample("grocery-trip");
    let options = slide_1080p();
    let page = &export::pages(&map, &options)[0];
    let drawn = drawing(page, &options);
    let image = page.rasterize(&options).expect("rasterised");
    let theme = Theme::light();
    for (stage, laid) in map.stages.iter().zip(&drawn.layout.stages) {
        // The colour band is the top few pixels of the header.
        let band = laid.header.translate(drawn.map_origin);
        let at = egui::pos2(band.center().x, band.min.y + 2.0 * drawn.layout.scale);
        let colour = theme.stage(stage.colour);
        let found = pixel(&image, at);
        assert!(
            close(found, colour, 3),
            "{}: {found:?} at {at:?}, expected {colour:?}",
            stage.name
        );
    }
}

#[test]
fn exporting_twice_gives_identical_bytes() {
    let map = sample("billing-support");
    let once = export::render(&map, &slide_1080p()).expect("exported");
    let twice = export::render(&map, &slide_1080p()).expect("exported");
    let bytes = |images: &[RgbaImage]| export::encode_png(&images[0]).expect("encoded");
    assert_eq!(bytes(&once), bytes(&twice));
}

#[test]
fn split_writes_one_slide_per_group_of_stages_each_with_the_lane_labels() {
    let map = sample("grocery-trip");
    assert_eq!(map.stages.len(), 7);
    let folder = tempfile::tempdir().expect("tempdir");
    let options = ExportOptions {
        split: export::Split::every(3),
        ..slide_1080p()
    };
    let written =
        export::export(&map, &options, &folder.path().join("trip.png")).expect("exported");
    let names: Vec<_> = written
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["trip-1.png", "trip-2.png", "trip-3.png"]);

    for (page, path) in export::pages(&map, &options).iter().zip(&written) {
        let image = image::open(path).expect("a PNG").to_rgba8();
        assert_eq!(image.dimensions(), (1920, 1080));
        let drawn = drawing(page, &options);
        for lane in &drawn.layout.lanes {
            let label = lane.label.translate(drawn.map_origin);
            // Every slide of the set is drawn at the scale of the one
            // that needs the smallest, so labels may be small; a word of
            // label text still darkens a dozen pixels or more.
            let ink = ink_pixels(&image, label);
            assert!(
                ink > 12,
                "{} has no label on {} ({ink} dark pixels)",
                lane.id,
                path.display()
            );
        }
    }
}

#[test]
fn a_transparent_export_is_transparent_around_the_map() {
    let options = ExportOptions {
        transparent: true,
        ..slide_1080p()
    };
    let image = &export::render(&sample("team-gear"), &options).expect("exported")[0];
    assert_eq!(image.get_pixel(0, 0).0[3], 0);
    assert_eq!(image.get_pixel(1919, 1079).0[3], 0);
}

#[test]
fn absurd_sizes_are_refused_before_drawing() {
    let map = sample("grocery-trip");
    let huge = ExportOptions {
        size: Size::Full { scale: 8.0 },
        ..slide_1080p()
    };
    let error = export::render(&map, &huge).expect_err("too large");
    assert!(matches!(error, ExportError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("--split"), "{error}");
    for scale in [0.0, -1.0, f32::NAN, 100.0] {
        let bad = ExportOptions {
            size: Size::Full { scale },
            ..slide_1080p()
        };
        assert!(matches!(
            export::render(&map, &bad),
            Err(ExportError::BadScale(_))
        ));
    }
}

#[test]
fn the_export_paints_every_text_of_the_layout_and_the_emotion_curve() {
    let map = sample("first-try-to-promoter");
    let options = ExportOptions {
        size: Size::Full { scale: 1.0 },
        legend: false,
        ..slide_1080p()
    };
    let drawn = drawing(&export::pages(&map, &options)[0], &options);
    let painted: Vec<&str> = drawn
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => Some(text.galley.text()),
            _ => None,
        })
        .collect();
    let layout = &drawn.layout;
    let laid_out = layout
        .cards
        .iter()
        .map(|card| &card.text)
        .chain(layout.stages.iter().map(|stage| &stage.name))
        .chain(layout.lanes.iter().map(|lane| &lane.name));
    for galley in laid_out {
        assert!(
            painted.contains(&galley.text()),
            "{:?} is laid out but not painted",
            galley.text()
        );
    }
    assert_eq!(layout.cards.len(), map.card_count());
    let curves = drawn
        .shapes
        .iter()
        .filter(|shape| matches!(shape, Shape::CubicBezier(_)))
        .count();
    assert_eq!(
        curves,
        map.point_count() - 1,
        "one segment between each pair of points"
    );
}

/// Every text the export draws for the map, with its place relative to the
/// map's origin, rounded to whole pixels.
fn texts(shapes: &[Shape], origin: egui::Vec2) -> Vec<(String, i32, i32)> {
    let mut texts: Vec<_> = shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => {
                let at = text.pos - origin;
                #[expect(clippy::cast_possible_truncation, reason = "rounded pixels")]
                Some((
                    text.galley.text().to_owned(),
                    at.x.round() as i32,
                    at.y.round() as i32,
                ))
            }
            _ => None,
        })
        .collect();
    texts.sort();
    texts
}

#[test]
fn the_export_draws_the_same_text_in_the_same_places_as_the_canvas() {
    let map = sample("first-try-to-promoter");
    // The editor at 100 %, the map's origin at the canvas's corner.
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(
            |ui, app: &mut journeymap::app::JourneyApp| app.frame_ui(ui),
            journeymap::app::JourneyApp::new(
                journeymap::app::Document::new(
                    map.clone(),
                    journeymap::app::Origin::Sample("first-try-to-promoter"),
                ),
                journeymap::app::Preferences::default(),
            ),
        );
    harness.run();
    harness.state_mut().canvas.zoom = 1.0;
    harness.state_mut().canvas.pan = egui::Vec2::ZERO;
    harness.run();
    let placement = harness.state().canvas.placement().expect("drawn");
    let on_canvas: Vec<Shape> = harness
        .output()
        .shapes
        .iter()
        .map(|clipped| clipped.shape.clone())
        .collect();
    let on_canvas = texts(&on_canvas, placement.origin);

    let options = ExportOptions {
        size: Size::Full { scale: 1.0 },
        legend: false,
        ..slide_1080p()
    };
    let page = &export::pages(&map, &options)[0];
    let drawn = drawing(page, &options);
    let exported = texts(&drawn.shapes, drawn.map_origin);
    assert!(exported.len() > 100, "{} texts", exported.len());

    // The canvas paints only what is in view: compare the texts that start
    // inside it.
    let in_view: Vec<_> = exported
        .iter()
        .filter(|(_, x, y)| {
            #[expect(clippy::cast_precision_loss, reason = "small pixel offsets")]
            let at = egui::pos2(*x as f32, *y as f32) + placement.origin;
            placement.rect.shrink(1.0).contains(at)
        })
        .collect();
    assert!(in_view.len() > 50, "{} texts in view", in_view.len());
    let missing: Vec<_> = in_view.iter().filter(|t| !on_canvas.contains(t)).collect();
    assert!(missing.is_empty(), "not on the canvas: {missing:?}");
}

#[test]
fn every_slide_of_a_split_set_has_the_same_scale_and_fits() {
    // Seven stages two a slide: the last slide has one stage, which alone
    // would be drawn twice as large.
    let map = sample("team-gear");
    let options = ExportOptions {
        split: export::Split::every(2),
        ..slide_1080p()
    };
    let pages = export::pages(&map, &options);
    assert_eq!(pages.len(), 4);
    let drawings: Vec<Drawing> = pages.iter().map(|page| drawing(page, &options)).collect();
    let scale = drawings[0].layout.scale;
    for (i, drawn) in drawings.iter().enumerate() {
        assert!(
            (drawn.layout.scale - scale).abs() < 1e-6,
            "slide {} is drawn at {} and slide 1 at {scale}",
            i + 1,
            drawn.layout.scale
        );
        let map_area =
            egui::Rect::from_min_size(egui::Pos2::ZERO + drawn.map_origin, drawn.layout.size);
        #[expect(clippy::cast_precision_loss, reason = "slide sizes are small")]
        let slide = egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(drawn.size[0] as f32, drawn.size[1] as f32),
        );
        assert!(slide.contains_rect(map_area), "slide {} overflows", i + 1);
    }
}

#[test]
fn a_split_slide_title_says_which_part_and_which_stages() {
    let map = sample("team-gear");
    let names: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
    let options = ExportOptions {
        split: export::Split::every(2),
        ..slide_1080p()
    };
    let titles: Vec<String> = export::pages(&map, &options)
        .iter()
        .map(|page| page.part.title.clone())
        .collect();
    assert_eq!(
        titles[1],
        format!("{} (2/4: {} – {})", map.title, names[2], names[3])
    );
    assert_eq!(titles[3], format!("{} (4/4: {})", map.title, names[6]));
}

#[test]
fn arrows_and_check_marks_export_as_themselves() {
    // A card reading "→ ✓ ✗ ⇒": none of egui's own fonts has these, so
    // without journeymap's bundled fallbacks they drew as boxes.
    journeymap::render::fonts::headless_context(false, 1.0).fonts_mut(|fonts| {
        for symbol in "→ ← ↑ ↓ ⇒ ✓ ✗ ★ • … ± ½ ™ ©".split(' ') {
            let c = symbol.chars().next().expect("a character");
            assert!(
                fonts.has_glyph(&egui::FontId::proportional(14.0), c),
                "{symbol} (U+{:04X}) would draw as a box",
                c as u32
            );
        }
    });
}

/// The emotion curve's Bézier segments among a drawing's shapes.
fn curve(drawn: &Drawing) -> Vec<[egui::Pos2; 4]> {
    drawn
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::CubicBezier(curve) => Some(curve.points),
            _ => None,
        })
        .collect()
}

#[test]
fn the_emotion_curve_runs_on_to_the_edges_of_a_middle_slide() {
    let map = sample("team-gear");
    let options = ExportOptions {
        split: export::Split::every(2),
        ..slide_1080p()
    };
    let pages = export::pages(&map, &options);
    let grid = |drawn: &Drawing| drawn.layout.grid().translate(drawn.map_origin);

    let middle = drawing(&pages[1], &options);
    let segments = curve(&middle);
    let (first, last) = (
        segments.first().expect("a curve"),
        segments.last().expect("a curve"),
    );
    assert!(
        (first[0].x - grid(&middle).min.x).abs() < 0.5,
        "starts at the left edge"
    );
    assert!(
        (last[3].x - grid(&middle).max.x).abs() < 0.5,
        "ends at the right edge"
    );
    for segment in &segments {
        for point in segment {
            assert!(
                grid(&middle).x_range().expand(0.5).contains(point.x),
                "stays on the slide"
            );
        }
    }

    // The first slide has nothing before it, the last nothing after.
    let opening = drawing(&pages[0], &options);
    let faces = |drawn: &Drawing| {
        drawn
            .layout
            .points
            .iter()
            .map(|p| p.center.x + drawn.map_origin.x)
            .fold(f32::INFINITY, f32::min)
    };
    let segments = curve(&opening);
    assert!(
        (segments[0][0].x - faces(&opening)).abs() < 0.5,
        "starts at its first face"
    );
    assert!((segments.last().expect("a curve")[3].x - grid(&opening).max.x).abs() < 0.5);
    let one_slide = ExportOptions {
        split: export::Split::One,
        ..slide_1080p()
    };
    let whole = drawing(&export::pages(&map, &one_slide)[0], &one_slide);
    assert!(
        whole.layout.curve_ends.is_empty(),
        "a whole map has no curve beyond it"
    );
}

#[test]
fn every_slide_written_is_the_slide_rendered_and_progress_counts_each() {
    // The files are encoded and written on a second thread while the next
    // slide is drawn into the memory of one already written: no slide may
    // keep anything of another.
    let map = sample("team-gear");
    let options = slide_1080p();
    let rendered = export::render(&map, &options).expect("rendered");
    assert!(rendered.len() >= 3, "{} slides", rendered.len());
    let folder = std::env::temp_dir().join(format!("jm-export-stream-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let mut reported = Vec::new();
    let paths =
        export::export_with_progress(&map, &options, &folder.join("deck.png"), |done, total| {
            reported.push((done, total));
        })
        .expect("exported");
    let count = rendered.len();
    assert_eq!(paths, export::output_paths(&folder.join("deck.png"), count));
    assert_eq!(
        reported,
        (1..=count).map(|done| (done, count)).collect::<Vec<_>>()
    );
    for (path, image) in paths.iter().zip(&rendered) {
        let written = image::open(path).expect("a PNG").to_rgba8();
        assert!(
            written == *image,
            "{} differs from its slide",
            path.display()
        );
    }
    std::fs::remove_dir_all(&folder).expect("cleaned up");
}
