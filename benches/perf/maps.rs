//! The maps every figure is measured on: the largest bundled sample and
//! generated maps of 1,000, 5,000 and 20,000 cards, built in-process so a
//! clean checkout needs no files.

use journeymap::generate::{Spec, generate};
use journeymap::model::JourneyMap;
use journeymap::samples::SAMPLES;

/// A map and the short name its figures carry.
pub struct BenchMap {
    /// `team-gear`, `1k`, `5k`, `20k`.
    pub name: String,
    /// The map.
    pub map: JourneyMap,
}

/// The generated sizes: stages, card lanes (an emotion lane is added) and
/// cards per cell. 5,000 cards is the "service blueprint" of the targets.
pub const GENERATED: [(&str, Spec); 3] = [
    (
        "1k",
        Spec {
            stages: 20,
            lanes: 10,
            cards_per_cell: 5,
            seed: 1,
        },
    ),
    (
        "5k",
        Spec {
            stages: 50,
            lanes: 10,
            cards_per_cell: 10,
            seed: 1,
        },
    ),
    (
        "20k",
        Spec {
            stages: 100,
            lanes: 20,
            cards_per_cell: 10,
            seed: 1,
        },
    ),
];

/// The largest map journeymap draws (`journeymap::model::limits`): 5,750
/// cards whose texts are 100 characters each, just under the 600,000
/// characters of text a map may hold. Opening it in the editor and
/// exporting it are measured, each in a process of its own.
pub fn at_the_limit() -> JourneyMap {
    let mut map = generate(&Spec {
        stages: 25,
        lanes: 10,
        cards_per_cell: 23,
        seed: 1,
    });
    for stage in &mut map.stages {
        for card in stage.cards.to_mut() {
            let words = format!("{} ", card.text.trim());
            card.text = words
                .repeat(100 / words.len() + 1)
                .chars()
                .take(100)
                .collect();
        }
    }
    map
}

/// The largest bundled sample (most cards, then most cells, then the
/// longest file), then the generated maps, smallest first.
pub fn all() -> Vec<BenchMap> {
    let sample = SAMPLES
        .iter()
        .filter_map(|sample| Some((sample, sample.map().ok()?)))
        .max_by_key(|(sample, map)| {
            let cells = map.stages.len() * map.lanes.len();
            (map.card_count(), cells, sample.source.len())
        })
        .map(|(sample, map)| (sample.name, map));
    sample
        .map(|(name, map)| BenchMap {
            name: name.to_owned(),
            map,
        })
        .into_iter()
        .chain(GENERATED.iter().map(|(name, spec)| BenchMap {
            name: (*name).to_owned(),
            map: generate(spec),
        }))
        .collect()
}
