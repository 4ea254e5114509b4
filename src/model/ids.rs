//! Stable identifiers for the things in a map.
//!
//! Ids are short strings (`"research"`, `"c12"`) so that a hand-edited file
//! stays readable and links survive reordering. All ids of a map share one
//! namespace: an id names exactly one stage, lane, card or emotion point.
//!
//! An id is shared, not copied, when a map or its layout is copied: a
//! layout of a 20,000-card map names every card, once per frame after an
//! edit.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The longest id journeymap accepts, in bytes.
pub const MAX_ID_LEN: usize = 64;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        /// The default is empty: the id a hand-written card or point without
        /// one is read with, until [`crate::model::JourneyMap::fill_missing_ids`]
        /// gives it one.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps a string as an id. Whether it is well formed is checked by
            /// [`crate::model::validate`], not here, so that a file with a bad id
            /// can still be loaded far enough to report where it is.
            pub fn new(id: impl Into<String>) -> Self {
                Self(Arc::from(id.into()))
            }

            /// The id as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Stage`].
    StageId
);
id_type!(
    /// Identifies a [`crate::model::Lane`].
    LaneId
);
id_type!(
    /// Identifies a [`crate::model::Card`].
    CardId
);
id_type!(
    /// Identifies an [`crate::model::EmotionPoint`].
    PointId
);

/// Whether `id` is a well-formed id: 1 to [`MAX_ID_LEN`] ASCII letters,
/// digits, `-` or `_`.
pub fn is_well_formed(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The number `id` carries between `prefix` and `tag`: 12 in `c12-k3f9q`
/// for `c` and `-k3f9q`, or in `c12` for `c` and no tag. `None` when
/// anything else is there, so that an empty tag does not read `12-k3f9q`
/// as a number.
pub(crate) fn number_between(id: &str, prefix: &str, tag: &str) -> Option<u64> {
    id.strip_prefix(prefix)?.strip_suffix(tag)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_ascii_words() {
        assert!(is_well_formed("research"));
        assert!(is_well_formed("c12"));
        assert!(is_well_formed("pain_points-2"));
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("has space"));
        assert!(!is_well_formed("café"));
        assert!(!is_well_formed(&"x".repeat(MAX_ID_LEN + 1)));
    }
}
