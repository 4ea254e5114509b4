//! journeymap: customer journey maps as files that live in git.
//!
//! - [`model`]: the map as plain data and the edits on it.
//! - [`io`]: the RON file format, validation and atomic saves.
//! - [`edit`]: every edit as a value, with undo and redo.
//! - [`job`]: background work that reports back to the window.
//! - [`samples`]: the sample maps and templates built into the binary.
//! - [`render`]: lays a map out and paints it, for the canvas and for export.
//! - [`export`]: PNG images of a map for slides, rendered headless.
//! - [`interchange`]: Mermaid `journey` diagrams and CSV of cards, read and
//!   written.
//! - [`net`]: live co-editing: hosting and joining a shared map over the
//!   network, with a join code and TLS.
//! - [`sync`]: sharing a map: the CRDT replica beside the model, its diff
//!   in and repair out.
//! - [`ui`]: the editor's views: canvas and menu commands.
//! - [`app`]: the editor window.
//! - [`cli`]: the command-line interface.
//!
//! With the `test-support` feature (on in `cargo test`, `cargo bench` and the
//! examples, off in the product), test scaffolding too: `generate`, synthetic
//! maps of any size for benchmarks and stress tests, and `io::faults`, disk
//! faults injected into saves.

pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
#[cfg(any(test, feature = "test-support"))]
pub mod generate;
pub mod interchange;
pub mod io;
pub mod job;
pub mod model;
pub mod net;
pub mod render;
pub mod samples;
pub mod sync;
pub mod ui;
