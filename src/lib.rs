//! journeymap: customer journey maps as files that live in git.
//!
//! - [`model`]: the map as plain data and the edits on it.
//! - [`io`]: the RON file format, validation and atomic saves.
//! - [`edit`]: every edit as a value, with undo and redo.
//! - [`job`]: background work that reports back to the window.
//! - [`samples`]: the sample maps and templates built into the binary.
//! - [`generate`]: synthetic maps of any size, for benchmarks and stress tests.
//! - [`render`]: lays a map out and paints it, for the canvas and for export.
//! - [`export`]: PNG images of a map for slides, rendered headless.
//! - [`ui`]: the editor's views: canvas and menu commands.
//! - [`app`]: the editor window.
//! - [`cli`]: the command-line interface.

pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
pub mod generate;
pub mod io;
pub mod job;
pub mod model;
pub mod render;
pub mod samples;
pub mod ui;
