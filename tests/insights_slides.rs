//! The insights slides of `export --insights`: the health table, the
//! biggest gaps, the top pain points and opportunities, and the
//! opportunity matrix, after the map's slides in every format, with the
//! figures `Insights::of` derives, readable text inside the frame, and no
//! section for data a map does not have.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

mod support;

use egui::{Galley, Pos2, Rect, Shape, pos2};
use journeymap::export::insights::{kpi_text, mean_text, signed_text};
use journeymap::export::slides::{CARD_TEXT_PX, SECONDARY_TEXT_PX};
use journeymap::export::{self, ExportOptions, InsightsKind, InsightsSlide, Size, Split};
use journeymap::model::insights::Insights;
use journeymap::model::{JourneyMap, Kpi, LaneKind, Measure, Stage, StageId};
use support::{journeymap, stderr};

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/svg.rs"]
mod svg;
use pdf::page_count;
use svg::svg_texts;

fn sample(name: &str) -> JourneyMap {
    journeymap::samples::find(name)
        .and_then(|s| s.map().ok())
        .expect("sample")
}

fn test_map(name: &str) -> JourneyMap {
    let path = format!("{}/tests/maps/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    journeymap::io::read_map(path.as_ref()).expect("a test map")
}

/// team-gear after a workshop: KPIs on its first stages, dots on pain
/// points and opportunities, and every opportunity rated.
fn workshop() -> JourneyMap {
    let mut map = sample("team-gear");
    let kind = |map: &JourneyMap, lane| map.lane(lane).map(|lane| lane.kind);
    let kinds: Vec<Vec<Option<LaneKind>>> = (map.stages.iter())
        .map(|stage| stage.cards.iter().map(|c| kind(&map, &c.lane)).collect())
        .collect();
    let mut n = 0_u8;
    for (stage, kinds) in map.stages.iter_mut().zip(kinds) {
        for (card, kind) in stage.cards.to_mut().iter_mut().zip(kinds) {
            n = n.wrapping_add(1);
            match kind {
                Some(LaneKind::PainPoints) => card.votes.set("Ana", u32::from(n % 5)),
                Some(LaneKind::Opportunities) => {
                    card.votes.set("Ben", u32::from(n % 4));
                    (card.impact, card.effort) = (Some(n % 5 + 1), Some((n / 2) % 5 + 1));
                }
                _ => {}
            }
        }
    }
    let nps = |value, target| Kpi {
        target: Some(target),
        ..Kpi::new(Measure::Nps, value)
    };
    map.stages[0].kpis = vec![nps(-12.0, 30.0)];
    map.stages[1].kpis = vec![
        Kpi {
            target: Some(90.0),
            ..Kpi::new(Measure::Csat, 81.5)
        },
        Kpi::new(Measure::Custom("Calls answered".to_owned()), 35.0),
    ];
    map.stages[3].kpis = vec![nps(32.0, 40.0)];
    map
}

fn insights_on() -> ExportOptions {
    ExportOptions {
        insights: true,
        ..ExportOptions::default()
    }
}

fn slides(map: &JourneyMap, options: &ExportOptions) -> Vec<InsightsSlide> {
    journeymap::render::fonts::headless_context(options.dark, 1.0)
        .fonts_mut(|fonts| export::insights_slides(fonts, map, options))
}

/// Every text of a slide: where it is drawn and its galley.
fn texts(slide: &InsightsSlide) -> Vec<(Pos2, &Galley)> {
    slide
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => Some((text.pos, &*text.galley)),
            _ => None,
        })
        .collect()
}

/// All the text of a slide, a galley a line.
fn all_text(slide: &InsightsSlide) -> String {
    texts(slide)
        .iter()
        .map(|(_, galley)| galley.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The texts drawn on the same line as the text `first`, left to right.
fn row(slide: &InsightsSlide, first: &str) -> Vec<String> {
    let texts = texts(slide);
    let (at, _) = texts
        .iter()
        .find(|(_, galley)| galley.text() == first)
        .unwrap_or_else(|| panic!("{first:?} is not on the slide"));
    let mut cells: Vec<(f32, String)> = texts
        .iter()
        .filter(|(pos, _)| (pos.y - at.y).abs() < 0.5)
        .map(|(pos, galley)| (pos.x, galley.text().to_owned()))
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, text)| text).collect()
}

fn text_size(galley: &Galley) -> f32 {
    (galley.job.sections.iter())
        .map(|section| section.format.font_id.size)
        .fold(f32::INFINITY, f32::min)
}

fn count(slides: &[InsightsSlide], kind: InsightsKind) -> usize {
    slides.iter().filter(|slide| slide.kind == kind).count()
}

/// The text of every `<text>` element of an SVG, joined by spaces.
fn svg_text(svg: &str) -> String {
    svg_texts(svg).join(" ")
}

#[test]
fn insights_slides_come_only_when_asked_for() {
    let map = workshop();
    assert!(slides(&map, &ExportOptions::default()).is_empty());
    let asked = slides(&map, &insights_on());
    assert_eq!(count(&asked, InsightsKind::Figures), 1);
    assert_eq!(count(&asked, InsightsKind::Matrix), 1);
    for slide in &asked {
        assert_eq!(slide.size, [1920, 1080], "the map slides' size");
    }
    let four_k = ExportOptions {
        size: export::Preset::Slide4k.size(1.0),
        ..insights_on()
    };
    assert!(slides(&map, &four_k).iter().all(|s| s.size == [3840, 2160]));
}

#[test]
fn a_pdf_deck_has_a_page_for_each_map_slide_and_then_each_insights_slide() {
    let map = workshop();
    let plain = export::pdf(&map, &ExportOptions::default()).expect("pdf");
    let with = export::pdf(&map, &insights_on()).expect("pdf");
    let map_slides = export::pages(&map, &ExportOptions::default()).len();
    assert_eq!(page_count(&plain), map_slides);
    assert_eq!(page_count(&with), map_slides + 2, "figures and matrix");
}

#[test]
fn the_insights_svg_holds_the_table_and_lists_as_text() {
    let map = workshop();
    let options = ExportOptions {
        split: Split::One,
        ..insights_on()
    };
    let svgs = export::svgs(&map, &options).expect("svg");
    assert_eq!(svgs.len(), 3, "the map, the figures, the matrix");
    let figures = svg_text(&svgs[1]);
    for words in [
        "Insights",
        "Pain points",
        "Perception gap",
        "Whole map",
        "NPS −12 (target +30)",
        "CSAT 81.5% (target 90%)",
        "Biggest perception gaps",
        "Top pain points",
        "Top opportunities",
    ] {
        assert!(figures.contains(words), "{words:?} not in {figures}");
    }
    for stage in &map.stages {
        assert!(figures.contains(&stage.name), "{}", stage.name);
    }
    let matrix = svg_text(&svgs[2]);
    assert!(matrix.contains("Opportunity matrix") && matrix.contains("Quick wins"));
}

#[test]
fn the_health_table_shows_the_figures_insights_derive() {
    let map = workshop();
    let insights = Insights::of(&map);
    let slide = &slides(&map, &insights_on())[0];
    for health in &insights.stages {
        let mut expected = vec![
            health.stage.name.clone(),
            health.pain_points.to_string(),
            health.severity_score.to_string(),
            health.mean_emotion.map_or("–".to_owned(), mean_text),
            health
                .biggest_gap
                .map_or("–".to_owned(), |gap| signed_text(gap.size())),
        ];
        if !health.stage.kpis.is_empty() {
            expected.push(String::new());
        }
        let cells = row(slide, &health.stage.name);
        assert_eq!(cells.len(), expected.len(), "{cells:?}");
        assert_eq!(cells[..5], expected[..5], "{}", health.stage.name);
        for kpi in &health.stage.kpis {
            assert!(cells[5].contains(&kpi_text(kpi)), "{cells:?}");
        }
    }
    let totals = row(slide, "Whole map");
    assert_eq!(
        totals,
        [
            "Whole map".to_owned(),
            insights.pain_points.to_string(),
            insights.severity_score.to_string(),
            insights.mean_emotion.map_or("–".to_owned(), mean_text),
            signed_text(insights.biggest_gap().expect("a gap").size()),
        ]
    );
    // The lists, in the order insights rank them.
    let text = all_text(slide);
    let order = |items: Vec<&str>| {
        let at: Vec<usize> = (items.iter())
            .map(|item| {
                text.find(item)
                    .unwrap_or_else(|| panic!("{item:?} missing"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{items:?} out of order");
    };
    order(
        (insights.top_pain_points.iter().take(5))
            .map(|voted| voted.card.text.as_str())
            .collect(),
    );
    let gap = insights.gaps[0];
    assert!(text.contains(&format!("“{}”", gap.point.label)));
}

#[test]
fn slide_figures_are_written_as_a_room_reads_them() {
    assert_eq!(mean_text(-1.5), "−1.5");
    assert_eq!(mean_text(0.04), "0.0");
    assert_eq!(mean_text(2.0 / 3.0), "+0.7");
    assert_eq!(signed_text(-2), "−2");
    assert_eq!(signed_text(3), "+3");
    assert_eq!(signed_text(0), "0");
    let nps = Kpi {
        target: Some(40.0),
        ..Kpi::new(Measure::Nps, 32.0)
    };
    assert_eq!(kpi_text(&nps), "NPS +32 (target +40)");
    assert_eq!(kpi_text(&Kpi::new(Measure::Nps, -8.0)), "NPS −8");
}

#[test]
fn a_section_without_data_is_left_out_heading_and_all() {
    // The sample as shipped: gaps, but no KPIs, dots or ratings.
    let map = sample("team-gear");
    let shown = slides(&map, &insights_on());
    assert_eq!(count(&shown, InsightsKind::Matrix), 0, "nothing is rated");
    let text = all_text(&shown[0]);
    assert!(text.contains("Biggest perception gaps") && text.contains("Perception gap"));
    assert!(!text.contains("KPIs"), "no stage has a KPI");

    // Without the company's beliefs and without opportunities.
    let mut bare = map.clone();
    for point in bare.stages.iter_mut().flat_map(|s| s.points.iter_mut()) {
        point.company = None;
    }
    bare.lanes
        .retain(|lane| lane.kind != LaneKind::Opportunities);
    let lanes: Vec<_> = bare.lanes.iter().map(|lane| lane.id.clone()).collect();
    for stage in &mut bare.stages {
        stage
            .cards
            .to_mut()
            .retain(|card| lanes.contains(&card.lane));
    }
    let text = all_text(&slides(&bare, &insights_on())[0]);
    for absent in [
        "Perception gap",
        "Biggest perception gaps",
        "Top opportunities",
    ] {
        assert!(!text.contains(absent), "{absent:?} shown without data");
    }
    assert!(text.contains("Top pain points") && text.contains("Severity score"));
}

/// Checks every text of every insights slide of `map`: at least the
/// secondary size, the table's and lists' at least card size, and inside
/// the slide. Returns the slides.
fn assert_readable(name: &str, map: &JourneyMap, options: &ExportOptions) -> Vec<InsightsSlide> {
    let shown = slides(map, options);
    for (i, slide) in shown.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "slide sizes are small")]
        let frame =
            Rect::from_min_max(Pos2::ZERO, pos2(slide.size[0] as f32, slide.size[1] as f32));
        let unit = frame.height() / 1080.0;
        for shape in &slide.shapes {
            let Shape::Text(text) = shape else { continue };
            let size = text_size(&text.galley) / unit;
            assert!(
                size >= SECONDARY_TEXT_PX - 0.01,
                "{name} slide {i}: {:?} at {size:.1} px",
                text.galley.text()
            );
            if text.galley.text() == "Whole map" {
                assert!(
                    !text.galley.elided,
                    "{name} slide {i}: the totals' name is cut"
                );
            }
            assert!(
                frame.contains_rect(text.visual_bounding_rect()),
                "{name} slide {i}: {:?} runs off the slide at {:?}",
                text.galley.text(),
                text.visual_bounding_rect()
            );
        }
        for stage in &map.stages {
            for (_, galley) in texts(slide) {
                if galley.text() == stage.name {
                    let size = text_size(galley) / unit;
                    assert!(size >= CARD_TEXT_PX - 0.01, "{name}: a row at {size:.1} px");
                }
            }
        }
    }
    shown
}

#[test]
fn insights_text_is_readable_and_inside_the_slide_for_every_map() {
    let mut maps: Vec<(String, JourneyMap)> = [
        "emergency-department",
        "flight-home",
        "first-new-car",
        "moving-house",
    ]
    .iter()
    .map(|name| ((*name).to_owned(), test_map(name)))
    .collect();
    maps.push(("workshop".to_owned(), workshop()));
    maps.push(("grocery-trip".to_owned(), sample("grocery-trip")));
    // Short stage names: the totals' name is the widest.
    let mut short = test_map("flight-home");
    for (i, stage) in short.stages.iter_mut().enumerate() {
        stage.name = format!("S{i}");
    }
    maps.push(("short names".to_owned(), short));
    for (name, map) in &maps {
        assert_readable(name, map, &insights_on());
        let dark_4k = ExportOptions {
            size: export::Preset::Slide4k.size(1.0),
            dark: true,
            ..insights_on()
        };
        assert_readable(name, map, &dark_4k);
    }
    let whole = ExportOptions {
        size: Size::Full { scale: 2.0 },
        ..insights_on()
    };
    let shown = assert_readable("whole map", &workshop(), &whole);
    assert_eq!(
        shown[0].size,
        [1920, 1080],
        "a 960×540-point slide at scale 2"
    );
}

#[test]
fn a_table_too_long_for_one_slide_goes_on_over_another_at_readable_sizes() {
    let mut map = test_map("moving-house");
    let stages = map.stages.clone();
    for round in 1..=3 {
        for stage in &stages {
            let mut copy: Stage = stage.clone();
            copy.id = StageId::new(format!("{}-{round}", stage.id));
            copy.name = format!("{} ({round})", stage.name);
            map.stages.push(copy);
        }
    }
    assert_eq!(map.stages.len(), 80);
    let shown = assert_readable("eighty stages", &map, &insights_on());
    let figures: Vec<&InsightsSlide> = (shown.iter())
        .filter(|slide| slide.kind == InsightsKind::Figures)
        .collect();
    let last = figures.len();
    // The table's slides: with its column names.
    let tables: Vec<&InsightsSlide> = (figures.iter().copied())
        .filter(|slide| texts(slide).iter().any(|(_, g)| g.text() == "Stage"))
        .collect();
    assert!(tables.len() >= 2, "{} table slides", tables.len());
    // Every stage on exactly one slide, the totals on the last table's.
    for stage in &map.stages {
        let on = (tables.iter())
            .filter(|slide| texts(slide).iter().any(|(_, g)| g.text() == stage.name))
            .count();
        assert_eq!(on, 1, "{}", stage.name);
    }
    // Shared out evenly, not a full slide and a stub.
    let per_slide: Vec<usize> = (tables.iter())
        .map(|slide| {
            let names = texts(slide);
            (map.stages.iter())
                .filter(|stage| names.iter().any(|(_, g)| g.text() == stage.name))
                .count()
        })
        .collect();
    let (most, fewest) = (per_slide.iter().max(), per_slide.iter().min());
    assert!(
        most.zip(fewest).is_some_and(|(m, l)| m - l <= 2),
        "{per_slide:?}"
    );
    let with_totals: Vec<usize> = (tables.iter().enumerate())
        .filter(|(_, slide)| all_text(slide).contains("Whole map"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(with_totals, [tables.len() - 1], "the totals end the table");
    assert!(all_text(figures[0]).contains(&format!("Insights (1/{last})")));
}

#[test]
fn the_matrix_slide_lists_every_rated_opportunity_and_only_comes_with_them() {
    let map = workshop();
    let rated = journeymap::render::matrix::rated(&map);
    assert!(!rated.is_empty());
    let shown = slides(&map, &insights_on());
    let matrix = (shown.iter())
        .find(|slide| slide.kind == InsightsKind::Matrix)
        .expect("a matrix slide");
    let text = all_text(matrix);
    for item in &rated {
        assert!(text.contains(&item.card.text), "{:?}", item.card.text);
        assert!(text.contains(&format!("impact {}, effort {}", item.impact, item.effort)));
    }
    // A numbered dot on the matrix and the same number in the list.
    for number in 6..=rated.len() {
        let dots = (texts(matrix).iter())
            .filter(|(_, galley)| galley.text() == number.to_string())
            .count();
        assert_eq!(dots, 2, "number {number}");
    }
    let mut unrated = map;
    for card in (unrated.stages.iter_mut()).flat_map(|s| s.cards.to_mut().iter_mut()) {
        card.effort = None;
    }
    let shown = slides(&unrated, &insights_on());
    assert_eq!(
        count(&shown, InsightsKind::Matrix),
        0,
        "impact alone is not rated"
    );
}

#[test]
fn export_insights_numbers_the_insights_files_on_after_the_map() {
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("map.ron");
    std::fs::write(&file, journeymap::io::to_ron(&workshop()).expect("ron")).expect("write");
    let plain = journeymap(
        &["export", "map.ron", "-o", "one.svg", "--split", "1"],
        folder.path(),
    );
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert!(
        folder.path().join("one.svg").exists(),
        "one slide, one file"
    );

    let run = journeymap(
        &[
            "export",
            "map.ron",
            "-o",
            "deck.svg",
            "--split",
            "1",
            "--insights",
        ],
        folder.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let written = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(written.lines().count(), 3, "{written}");
    assert!(!folder.path().join("deck.svg").exists(), "a numbered set");
    let figures = std::fs::read_to_string(folder.path().join("deck-2.svg")).expect("slide 2");
    assert!(svg_text(&figures).contains("Whole map"));
    let matrix = std::fs::read_to_string(folder.path().join("deck-3.svg")).expect("slide 3");
    assert!(svg_text(&matrix).contains("Opportunity matrix"));
}
