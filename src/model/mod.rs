//! The journey map as plain data, and the pure operations on it.
//!
//! Nothing here draws or touches a file: the editor, the file format and the
//! exporter all build on these types.

mod card;
mod cards;
mod colour;
mod diff;
mod ids;
mod lane;
mod map;
mod merge;
mod ops;
mod repair;
mod stage;
mod validate;

pub use card::{Card, Channel, EmotionPoint, MAX_SCORE, MIN_SCORE, Severity};
pub use cards::Cards;
pub use colour::{Colour, PALETTE};
pub use diff::{Change, Difference, Subject, diff};
pub use ids::{CardId, LaneId, MAX_ID_LEN, PointId, StageId, is_well_formed};
pub use lane::{Lane, LaneKind};
pub use map::{IdTag, JourneyMap, Persona};
pub use merge::{Conflict, ConflictKind, Merged, Renamed, merge};
pub use ops::{EditError, RemovedLane};
pub use stage::Stage;
pub use validate::{Anchor, Problem, validate};

#[cfg(test)]
mod tests;
