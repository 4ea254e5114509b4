//! CSV of cards: `journeymap import FILE.csv` and `export -o OUT.csv`, run
//! as a user runs them, on a journey transcribed from a published one
//! (Adaptive Path's Rail Europe experience map).

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;

use journeymap::interchange::spreadsheet;
use journeymap::io;
use journeymap::model::{Channel, LaneKind, Severity};

mod support;
use support::{journeymap, stderr};

const RAIL_EUROPE: &str = "\
stage,lane,text,channel,severity,answers,notes
Research & planning,Doing,Research destinations and routes,,,,
Research & planning,Touchpoints,Search engine,web,,,
Research & planning,Pain points,Too many options; hard to compare rail passes,,medium,,
Shopping,Doing,Compare passes and point-to-point fares,,,,
Shopping,Touchpoints,Rail Europe website,web,,,
Shopping,Pain points,\"Unclear which fare is cheapest, \"\"pass or ticket?\"\"\",,high,,Customers leave to check other sites
Shopping,Opportunities,A fare advisor that compares pass vs tickets,,,\"Unclear which fare is cheapest, \"\"pass or ticket?\"\"\",
Booking,Pain points,Ticket delivery options confuse; deadline unclear,,critical,,
Booking,Opportunities,Show delivery deadlines up front,,,Ticket delivery options confuse; deadline unclear,
Post-booking,Touchpoints,Confirmation email,email,,,
Post-booking,Touchpoints,Paper tickets,mail,,,
";

#[test]
fn a_workshop_spreadsheet_imports_as_worked_out_by_hand_and_checks() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("rail.csv"), RAIL_EUROPE).expect("write");
    let output = journeymap(&["import", "rail.csv", "-o", "rail.ron"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let check = journeymap(&["check", "rail.ron"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let map = io::read_map(&dir.path().join("rail.ron")).expect("loads");
    assert_eq!(map.title, "rail");
    let stages: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stages,
        ["Research & planning", "Shopping", "Booking", "Post-booking"]
    );
    let lanes: Vec<_> = map
        .lanes
        .iter()
        .map(|l| (l.name.as_str(), l.kind))
        .collect();
    assert_eq!(
        lanes,
        [
            ("Doing", LaneKind::Text),
            ("Touchpoints", LaneKind::Touchpoints),
            ("Pain points", LaneKind::PainPoints),
            ("Opportunities", LaneKind::Opportunities),
        ]
    );
    assert_eq!(map.card_count(), 11);
    let shopping = &map.stages[1];
    let pain = shopping
        .cards
        .iter()
        .find(|c| c.severity == Some(Severity::High))
        .expect("the high pain point");
    assert_eq!(
        pain.text,
        "Unclear which fare is cheapest, \"pass or ticket?\""
    );
    assert_eq!(pain.notes, "Customers leave to check other sites");
    let advisor = shopping
        .cards
        .iter()
        .find(|c| c.text.starts_with("A fare advisor"))
        .expect("the opportunity");
    assert_eq!(advisor.answers.as_ref(), Some(&pain.id));
    let mails: Vec<_> = map.stages[3].cards.iter().map(|c| c.channel).collect();
    assert_eq!(mails, [Some(Channel::Email), Some(Channel::Mail)]);
}

#[test]
fn exported_cards_are_the_spreadsheet_they_came_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("rail.csv"), RAIL_EUROPE).expect("write");
    let imported = journeymap(&["import", "rail.csv", "-o", "rail.ron"], dir.path());
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let exported = journeymap(&["export", "rail.ron", "-o", "back.csv"], dir.path());
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let back = fs::read_to_string(dir.path().join("back.csv")).expect("read");
    assert_eq!(back, RAIL_EUROPE);
}

#[test]
fn every_sample_s_cards_come_back_from_csv() {
    for sample in journeymap::samples::SAMPLES {
        let map = sample.map().expect("sample loads");
        let text = spreadsheet::to_cards(&map);
        let back = spreadsheet::parse_cards(&text, "t")
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", sample.name));
        assert!(
            journeymap::model::validate(&back).is_empty(),
            "{}",
            sample.name
        );
        assert_eq!(back.card_count(), map.card_count(), "{}", sample.name);
        let texts = |m: &journeymap::model::JourneyMap| {
            m.cards()
                .map(|c| {
                    (
                        c.text.clone(),
                        c.channel.map(Channel::label),
                        c.severity,
                        c.notes.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let (mut ours, mut theirs) = (texts(&map), texts(&back));
        ours.sort();
        theirs.sort();
        assert_eq!(theirs, ours, "{}", sample.name);
        let links =
            |m: &journeymap::model::JourneyMap| m.cards().filter(|c| c.answers.is_some()).count();
        assert_eq!(links(&back), links(&map), "{}", sample.name);
    }
}

#[test]
fn mistakes_are_reported_at_their_line_and_column_and_nothing_is_written() {
    let cases: [(&str, &str); 7] = [
        (
            "stage;lane;text;channel\nA;Touch;Site;fax\n",
            "2:14: `fax` is not a channel",
        ),
        ("stage,lane,txt\n", "1:12: unknown column `txt`"),
        (
            "stage,lane\nA,B\n",
            "1:1: the first row must name a `text` column",
        ),
        (
            "stage,lane,text,answers\nA,Opportunities,Fix,Nothing like it\n",
            "2:21: no pain point reads `Nothing like it`",
        ),
        ("stage,lane,text\n,Doing,x\n", "2:1: this card has no stage"),
        (
            "stage,lane,text\nA,\"Doing,x\n",
            "2:3: this quoted field is never closed",
        ),
        (
            "stage,lane,text,channel\nA,Pain points,Slow,web\n",
            "2:20: lane `Pain points` holds pain points cards, which have no channel",
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (text, expected) in cases {
        fs::write(dir.path().join("bad.csv"), text).expect("write");
        let output = journeymap(&["import", "bad.csv", "-o", "bad.ron"], dir.path());
        assert_eq!(output.status.code(), Some(1), "{text}");
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("bad.csv:{expected}")),
            "{text}\n{message}"
        );
        assert!(!dir.path().join("bad.ron").exists(), "{text}");
    }
    let other = journeymap(&["import", "notes.txt", "-o", "x.ron"], dir.path());
    assert_eq!(other.status.code(), Some(2));
}

#[test]
fn a_spreadsheet_with_a_byte_order_mark_and_blank_rows_reads() {
    let text = "\u{feff}Stage,Lane,Text\r\nA,Doing,One\r\n,,\r\nB,Doing,Two\r\n";
    let map = spreadsheet::parse_cards(text, "t").expect("reads");
    assert_eq!(map.stages.len(), 2);
    assert_eq!(map.card_count(), 2);
}

mod properties {
    use journeymap::interchange::spreadsheet;
    use journeymap::{io, model};
    use proptest::prelude::*;

    /// A field with the characters CSV reads as syntax, values of the
    /// columns that have fixed values, and some that are not ASCII.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ,;\"\t\r\né→-]{0,10}",
            Just("web".to_owned()),
            Just("high".to_owned()),
            Just("Pain points".to_owned()),
            Just("Touchpoints".to_owned()),
            Just(String::new()),
        ]
    }

    fn header() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("stage,lane,text,channel,severity,answers,notes".to_owned()),
            Just("text;lane;stage;severity".to_owned()),
            Just("stage\tlane\ttext\tanswers".to_owned()),
            Just("lane,text".to_owned()),
            field(),
        ]
    }

    proptest! {
        /// Whatever the rows, reading never panics; a map it makes is
        /// valid, saves and loads back equal, and its cards written as CSV
        /// read back as the same number of cards (as the `import_csv` fuzz
        /// target checks on any bytes).
        #[test]
        fn import_and_export_keep_their_promises(
            header in header(),
            rows in proptest::collection::vec(proptest::collection::vec(field(), 0..8), 0..12),
            delimiter in prop::sample::select(vec![",", ";", "\t"]),
        ) {
            let mut text = header;
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(delimiter));
            }
            let Ok(map) = spreadsheet::parse_cards(&text, "t") else {
                return Ok(());
            };
            prop_assert!(model::validate(&map).is_empty());
            let saved = io::to_ron(&map).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let reloaded = io::parse_map(&saved).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&reloaded, &map);
            let again = spreadsheet::to_cards(&map);
            let back = spreadsheet::parse_cards(&again, "t")
                .map_err(|e| TestCaseError::fail(format!("{e}\n{again}")))?;
            prop_assert_eq!(back.card_count(), map.card_count());
        }
    }
}
