use super::{Spec, generate};
use crate::io;
use crate::model::{LaneKind, validate};

#[test]
fn generated_maps_are_valid_and_round_trip() {
    for spec in [
        Spec::new(0, 0, 0),
        Spec::new(1, 1, 1),
        Spec::new(3, 2, 4),
        Spec::new(7, 10, 2),
        Spec::new(13, 23, 3),
    ] {
        let map = generate(&spec);
        assert_eq!(validate(&map), Vec::new(), "{spec:?}");
        assert_eq!(map.card_count(), spec.card_count(), "{spec:?}");
        assert_eq!(map.stages.len(), spec.stages);
        assert_eq!(map.lanes.len(), spec.lanes + 1, "one emotion lane is added");
        let text = io::to_ron(&map).expect("serialises");
        assert_eq!(io::parse_map(&text).expect("parses"), map, "{spec:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_map() {
    let spec = Spec::new(6, 8, 3);
    assert_eq!(generate(&spec), generate(&spec));
    let other = Spec { seed: 2, ..spec };
    assert_ne!(generate(&spec), generate(&other));
}

#[test]
fn maps_carry_what_each_lane_kind_allows() {
    let map = generate(&Spec::new(20, 10, 4));
    let kind = |lane| map.lane(lane).map(|l| l.kind);
    let cards: Vec<_> = map.cards().collect();
    assert!(cards.iter().any(|c| c.channel.is_some()));
    assert!(cards.iter().any(|c| c.severity.is_some()));
    assert!(cards.iter().any(|c| c.answers.is_some()));
    assert!(cards.iter().any(|c| c.moment_of_truth));
    assert!(cards.iter().any(|c| !c.notes.is_empty()));
    assert!(
        cards
            .iter()
            .filter(|c| c.answers.is_some())
            .all(|c| kind(&c.lane) == Some(LaneKind::Opportunities))
    );
    assert!(map.point_count() >= map.stages.len(), "an emotion curve");
    assert!(
        cards
            .iter()
            .any(|c| c.impact.is_some() && c.effort.is_some())
    );
    assert!(cards.iter().any(|c| !c.votes.is_empty()));
    assert!(
        cards
            .iter()
            .filter(|c| !c.votes.is_empty())
            .all(|c| kind(&c.lane).is_some_and(LaneKind::takes_votes))
    );
    assert!(map.stages.iter().any(|s| !s.kpis.is_empty()));
    let points = map.stages.iter().flat_map(|s| &s.points);
    assert!(points.clone().any(|p| p.company.is_some()));
    #[expect(clippy::cast_precision_loss, reason = "a few hundred cards")]
    let mean =
        cards.iter().map(|c| c.text.chars().count()).sum::<usize>() as f32 / cards.len() as f32;
    assert!((35.0..70.0).contains(&mean), "mean text length {mean}");
}

#[test]
fn a_twenty_thousand_card_map_fits_the_file_size_limit() {
    let map = generate(&Spec::new(100, 20, 10));
    assert_eq!(map.card_count(), 20_000);
    let bytes = io::to_ron(&map).expect("serialises").len() as u64;
    assert!(bytes < io::MAX_FILE_BYTES / 4, "{bytes} bytes");
}
