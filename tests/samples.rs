//! The bundled samples: valid, canonical, realistic, and all of them built in.

use std::collections::HashSet;

use journeymap::io;
use journeymap::model::{JourneyMap, LaneKind};
use journeymap::samples::{self, SAMPLES, SampleKind};

fn sample_maps() -> impl Iterator<Item = (&'static str, JourneyMap)> {
    SAMPLES.iter().map(|sample| {
        let map = sample
            .map()
            .unwrap_or_else(|error| panic!("{}: {error}", sample.name));
        (sample.name, map)
    })
}

#[test]
fn every_sample_round_trips_byte_for_byte() {
    for sample in SAMPLES {
        // As the editor opens and saves a file: with its comments.
        let file = io::parse_file(sample.source)
            .unwrap_or_else(|error| panic!("{}: {error}", sample.name));
        let saved = io::to_ron_with(&file.map, &file.comments).expect("serialise");
        assert!(
            saved == sample.source,
            "{} is not in canonical form",
            sample.name
        );
    }
}

#[test]
fn every_file_in_the_samples_folder_is_built_in_and_the_same() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut on_disk = HashSet::new();
    for entry in std::fs::read_dir(&folder).expect("samples folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        let sample = samples::find(&name).unwrap_or_else(|| panic!("{name} is not built in"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), sample.source);
        on_disk.insert(name);
    }
    assert_eq!(on_disk.len(), SAMPLES.len());
    assert!(samples::find(samples::DEFAULT_SAMPLE).is_some());
}

#[test]
fn there_are_at_least_five_example_maps_and_two_templates() {
    let count = |kind| SAMPLES.iter().filter(|s| s.kind == kind).count();
    assert!(count(SampleKind::Map) >= 5);
    assert!(count(SampleKind::Template) >= 2);
}

#[test]
fn example_maps_are_complete_journeys() {
    for (name, map) in sample_maps()
        .filter(|(name, _)| samples::find(name).is_some_and(|s| s.kind == SampleKind::Map))
    {
        assert!(!map.title.is_empty(), "{name}: title");
        let persona = &map.persona;
        assert!(
            !persona.name.is_empty() && !persona.role.is_empty() && !persona.quote.is_empty(),
            "{name}: persona"
        );
        assert!(
            !persona.goals.is_empty() && !persona.expectations.is_empty(),
            "{name}: goals"
        );
        assert!(!map.scenario.is_empty(), "{name}: scenario");
        assert!(map.stages.len() >= 5, "{name}: at least five stages");
        assert!(map.lanes.len() >= 5, "{name}: at least five lanes");
        for kind in [
            LaneKind::Touchpoints,
            LaneKind::Emotion,
            LaneKind::PainPoints,
            LaneKind::Opportunities,
        ] {
            assert!(
                map.lanes.iter().any(|l| l.kind == kind),
                "{name}: a {} lane",
                kind.label()
            );
        }
        for stage in &map.stages {
            assert!(
                !stage.points.is_empty(),
                "{name}: an emotion point in stage {}",
                stage.id
            );
        }
        let linked = map.cards().filter(|card| card.answers.is_some()).count();
        assert!(linked >= 3, "{name}: opportunities linked to pain points");
        assert!(
            map.cards().any(|card| card.moment_of_truth),
            "{name}: a moment of truth"
        );
        for card in map.cards() {
            let kind = map.lane(&card.lane).map(|lane| lane.kind);
            if kind == Some(LaneKind::Touchpoints) {
                assert!(
                    card.channel.is_some(),
                    "{name}: touchpoint {} has a channel",
                    card.id
                );
            }
            if kind == Some(LaneKind::PainPoints) {
                assert!(
                    card.severity.is_some(),
                    "{name}: pain point {} has a severity",
                    card.id
                );
            }
        }
    }
}
