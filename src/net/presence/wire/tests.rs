use super::*;

fn ana() -> Presence {
    Presence {
        name: "Ana".to_owned(),
        colour: Colour::rgb(0xee, 0x66, 0x77),
        selected: Selected {
            cards: vec![CardId::new("c1"), CardId::new("c2")],
            points: vec![PointId::new("p1")],
            stage: None,
            lane: Some(LaneId::new("doing")),
        },
        typing: Some(Typing::Card(CardId::new("c1"))),
        view: Viewpoint::new(1.5, [420.0, -30.0]),
        leading: true,
    }
}

const ID: PersonId = PersonId([1, 2, 3, 4, 5, 6, 7, 8]);

#[test]
fn a_presence_reads_back_as_written() {
    let typings = [
        None,
        Some(Typing::Card(CardId::new("c1"))),
        Some(Typing::NewCard {
            stage: StageId::new("s1"),
            lane: LaneId::new("l1"),
        }),
        Some(Typing::Point(PointId::new("p1"))),
        Some(Typing::Stage(StageId::new("s1"))),
        Some(Typing::Lane(LaneId::new("l1"))),
    ];
    for typing in typings {
        let presence = Presence { typing, ..ana() };
        let message = encode(ID, Some(&presence));
        assert_eq!(decode(&message), Some((ID, Some(presence))));
    }
    let quiet = Presence::default();
    assert_eq!(decode(&encode(ID, Some(&quiet))), Some((ID, Some(quiet))));
    assert_eq!(decode(&encode(ID, None)), Some((ID, None)));
}

#[test]
fn a_huge_selection_is_cut_to_fit_one_message() {
    let long = |i: usize| format!("{i}-{}", "x".repeat(50));
    let presence = Presence {
        selected: Selected {
            cards: (0..1000).map(|i| CardId::new(long(i))).collect(),
            points: (0..1000).map(|i| PointId::new(long(i))).collect(),
            ..Selected::default()
        },
        ..ana()
    };
    let message = encode(ID, Some(&presence));
    assert!(
        message.len() <= MAX_PRESENCE_BYTES,
        "{} bytes",
        message.len()
    );
    let (_, read) = decode(&message).expect("it reads");
    let read = read.expect("a person");
    assert!(!read.selected.cards.is_empty());
    assert!(read.selected.cards.len() + read.selected.points.len() <= MAX_SELECTED);
    assert_eq!(read.selected.cards[0], presence.selected.cards[0]);
}

#[test]
fn names_are_cut_and_cleaned_of_control_characters() {
    let presence = Presence {
        name: format!("  \u{202e}Ana\nB\u{7}{}", "é".repeat(200)),
        ..ana()
    };
    let (_, read) = decode(&encode(ID, Some(&presence))).expect("it reads");
    let name = read.expect("a person").name;
    assert!(name.starts_with("AnaBé"));
    assert_eq!(name.chars().count(), MAX_NAME_CHARS);
}

#[test]
fn garbage_truncated_or_oversized_messages_are_ignored() {
    let message = encode(ID, Some(&ana()));
    for cut in 0..message.len() {
        assert_eq!(decode(&message[..cut]), None, "cut at {cut}");
    }
    let mut big = message.clone();
    big.resize(MAX_PRESENCE_BYTES + 1, 0);
    assert_eq!(decode(&big), None);
    for garbage in [
        &b""[..],
        b"\xa0",
        b"\x9f\xff",
        b"\x82\x6fjourneymap/here\x48AAAAAAAA",
        b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff",
        b"\xff\xff\xff",
    ] {
        assert_eq!(decode(garbage), None);
    }
    // Every single byte changed: read or ignored, never a crash.
    for at in 0..message.len() {
        for byte in [0x00, 0x1f, 0x7f, 0x9f, 0xbf, 0xff] {
            let mut bent = message.clone();
            bent[at] = byte;
            let _ = decode(&bent);
        }
    }
}

#[test]
fn malformed_ids_and_too_many_ids_are_refused() {
    let mut e = Encoder::new(Vec::new());
    let built: Written = (|| {
        e.array(12)?.str(HEAD)?.u32(1)?.bytes(&ID.0)?.u8(PERSON)?;
        e.str("Mallory")?.u32(0)?;
        e.array(MAX_SELECTED as u64 + 1)?;
        for _ in 0..=MAX_SELECTED {
            e.str("c")?;
        }
        e.array(0)?.null()?.null()?.null()?.null()?;
        Ok(())
    })();
    assert!(built.is_ok());
    assert_eq!(decode(e.writer()), None);

    let bad = Presence {
        selected: Selected {
            cards: vec![CardId::new("has space")],
            ..Selected::default()
        },
        ..ana()
    };
    assert_eq!(decode(&encode(ID, Some(&bad))), None);
}

#[test]
fn a_later_version_with_more_items_and_unknown_kinds_still_reads() {
    let mut e = Encoder::new(Vec::new());
    let built: Written = (|| {
        e.array(13)?
            .str(HEAD)?
            .u32(7)?
            .bytes(&ID.0)?
            .u8(PERSON | 8)?;
        e.str("Ana")?
            .u32(0x00ee_6677)?
            .array(0)?
            .array(0)?
            .null()?
            .null()?;
        e.array(3)?.u8(9)?.str("x1")?.array(1)?.u8(1)?;
        e.null()?.str("more")?;
        Ok(())
    })();
    assert!(built.is_ok());
    let (_, read) = decode(e.writer()).expect("it reads");
    let read = read.expect("a person");
    assert_eq!(read.name, "Ana");
    assert_eq!(read.typing, None);
    assert!(!read.leading);
}
