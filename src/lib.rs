//! journeymap: customer journey maps as files that live in git.
//!
//! - [`model`]: the map as plain data and the edits on it.

pub mod model;
