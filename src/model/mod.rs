//! The journey map as plain data, and the pure operations on it.
//!
//! Nothing here draws or touches a file: the editor, the file format and the
//! exporter all build on these types.

mod card;
mod cards;
mod colour;
mod diff;
mod ids;
pub mod insights;
mod kpi;
mod lane;
pub mod limits;
mod map;
mod merge;
mod ops;
mod ratings;
mod repair;
mod stage;
mod state;
mod validate;
mod votes;

pub use card::{
    Card, Channel, EmotionPoint, MAX_RATING, MAX_SCORE, MIN_RATING, MIN_SCORE, Severity,
};
pub use cards::Cards;
pub use colour::{Colour, PALETTE};
pub use diff::{Change, Difference, Subject, diff};
pub use ids::{CardId, LaneId, MAX_ID_LEN, PointId, StageId, is_well_formed};
pub use kpi::{Kpi, Measure, short_number};
pub use lane::{BlueprintLine, Lane, LaneKind, keep_first_lines};
pub use map::{IdTag, JourneyMap, Persona};
pub use merge::{Conflict, ConflictKind, Merged, Renamed, merge};
pub use ops::{EditError, RemovedLane};
pub use stage::Stage;
pub use state::{JourneyState, StateView, index_among_all};
pub use validate::{Anchor, Problem, validate};
pub use votes::{MAX_DOTS, MAX_VOTER_LEN, Votes};

#[cfg(test)]
mod tests;
