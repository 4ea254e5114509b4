//! The sample maps and templates, compiled into the binary so they can be
//! opened wherever journeymap is installed.

use crate::io::{self, LoadError};
use crate::model::JourneyMap;

/// Whether a bundled map is a worked example or a starting point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleKind {
    /// A complete, realistic journey to learn from or adapt.
    Map,
    /// A structure to start a new map from.
    Template,
}

/// A map bundled with journeymap.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// The short name used on the command line, e.g. `grocery-trip`; also the
    /// file name in `samples/` without `.ron`.
    pub name: &'static str,
    /// Example or template.
    pub kind: SampleKind,
    /// How menus name it, e.g. "Weekly grocery trip" or "Blank map".
    pub label: &'static str,
    /// The file's text, in canonical form.
    pub source: &'static str,
}

impl Sample {
    /// The bundled map, parsed and validated.
    pub fn map(&self) -> Result<JourneyMap, LoadError> {
        io::parse_map(self.source)
    }
}

macro_rules! sample {
    ($name:literal, $kind:ident, $label:literal) => {
        Sample {
            name: $name,
            kind: SampleKind::$kind,
            label: $label,
            source: include_str!(concat!("../samples/", $name, ".ron")),
        }
    };
}

/// Every bundled map: the examples first, then the templates.
pub const SAMPLES: &[Sample] = &[
    sample!("team-gear", Map, "Buying team gear before the big game"),
    sample!("grocery-trip", Map, "Weekly grocery trip"),
    sample!(
        "billing-support",
        Map,
        "Calling support about a billing error"
    ),
    sample!(
        "first-try-to-promoter",
        Map,
        "From first try to loyal promoter"
    ),
    sample!("switching-phone-plan", Map, "Switching mobile-phone plans"),
    sample!("blank", Template, "Blank map"),
    sample!("service-blueprint", Template, "Service blueprint"),
];

/// The sample a user first sees: a complete map that shows every lane kind.
pub const DEFAULT_SAMPLE: &str = "grocery-trip";

/// The bundled map with this name.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|sample| sample.name == name)
}
