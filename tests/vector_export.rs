//! PDF and SVG export: one PDF page per slide, vector with its fonts
//! embedded as subsets; SVG text as `<text>`; the format from the output's
//! extension, and any other extension refused.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

mod support;

use journeymap::export::{self, ExportOptions};
use journeymap::model::JourneyMap;
use journeymap::samples;
use support::{journeymap, stderr};

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/svg.rs"]
mod svg;
use pdf::page_count;
use svg::svg_texts;

fn sample(name: &str) -> JourneyMap {
    samples::find(name)
        .and_then(|s| s.map().ok())
        .expect("sample")
}

/// team-gear cut to its first six stages.
fn six_stages() -> JourneyMap {
    let mut map = sample("team-gear");
    map.stages.truncate(6);
    map
}

/// One slide, however dense the map.
fn one_slide() -> ExportOptions {
    ExportOptions {
        split: export::Split::One,
        ..ExportOptions::default()
    }
}

fn split(n: usize) -> ExportOptions {
    ExportOptions {
        split: export::Split::every(n),
        ..ExportOptions::default()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The text of every `<text>` element, in order, run together.
fn svg_text(svg: &str) -> String {
    svg_texts(svg).concat()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_six_stage_map_split_by_two_is_a_three_page_pdf() {
    let pdf = export::pdf(&six_stages(), &split(2)).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 3);
    let whole = export::pdf(&six_stages(), &one_slide()).expect("pdf");
    assert_eq!(page_count(&whole), 1, "--split 1 is one slide");
}

#[test]
fn a_pdf_is_vector_with_its_fonts_embedded_as_subsets() {
    let pdf = export::pdf(&sample("team-gear"), &ExportOptions::default()).expect("pdf");
    assert!(!contains(&pdf, b"/Subtype/Image"), "no pictures of text");
    // A subset's name is six capitals and a plus before the font's.
    let subset = pdf.windows(20).any(|w| {
        w.starts_with(b"/BaseFont/")
            && w[10..16].iter().all(u8::is_ascii_uppercase)
            && w[16] == b'+'
            && w[17..].starts_with(b"Ubu")
    });
    assert!(subset, "Ubuntu Light embedded as a subset");
    assert!(contains(&pdf, b"/ToUnicode"), "its text can be searched");
    assert!(
        contains(&pdf, b"Buying team gear before the big game"),
        "titled"
    );
}

#[test]
fn an_svg_holds_every_card_text_as_text_elements() {
    let map = sample("team-gear");
    let svgs = export::svgs(&map, &one_slide()).expect("svg");
    assert_eq!(svgs.len(), 1);
    let svg = &svgs[0];
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(
        svg.matches("<text ").count(),
        svg.matches("</text>").count()
    );
    let text = squeeze(&svg_text(svg));
    for card in map.cards() {
        assert!(
            text.contains(&squeeze(&card.text)),
            "card {} {:?} is not text in the SVG",
            card.id,
            card.text
        );
    }
    assert!(text.contains(&map.title));
}

#[test]
fn a_split_svg_export_is_one_file_per_slide() {
    let svgs = export::svgs(&six_stages(), &split(2)).expect("svg");
    assert_eq!(svgs.len(), 3);
    assert!(
        svg_text(&svgs[1]).contains("(2/3: "),
        "the title says which slide"
    );
}

#[test]
fn export_writes_the_format_its_output_names() {
    let folder = tempfile::tempdir().expect("tempdir");
    let map = folder.path().join("map.ron");
    std::fs::write(&map, journeymap::io::to_ron(&six_stages()).expect("ron")).expect("write");
    let run = |out: &str, extra: &[&str]| {
        let mut args = vec!["export", "map.ron", "-o", out];
        args.extend_from_slice(extra);
        journeymap(&args, folder.path())
    };
    let pdf = run("deck.pdf", &["--split", "2"]);
    assert_eq!(pdf.status.code(), Some(0), "{}", stderr(&pdf));
    let bytes = std::fs::read(folder.path().join("deck.pdf")).expect("one PDF");
    assert_eq!(page_count(&bytes), 3);

    let svg = run("map.svg", &["--split", "2"]);
    assert_eq!(svg.status.code(), Some(0), "{}", stderr(&svg));
    for i in 1..=3 {
        let file = folder.path().join(format!("map-{i}.svg"));
        let text = std::fs::read_to_string(&file).expect("an SVG per slide");
        assert!(text.contains("<text "));
    }

    let jpg = run("slide.jpg", &[]);
    assert_eq!(jpg.status.code(), Some(2));
    assert!(
        stderr(&jpg).contains("cannot export to .jpg; name the output .png, .pdf or .svg"),
        "{}",
        stderr(&jpg)
    );
    assert!(!folder.path().join("slide.jpg").exists());
}
