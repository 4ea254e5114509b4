//! The editor's views: the map canvas and the menu commands. They read the
//! map and report what the user asked for as edits; they never change it.

pub mod canvas;
pub mod command;
pub mod gesture;
pub mod inline_edit;
pub mod placement;
pub mod selection;

pub use canvas::Canvas;
pub use command::UiCommand;
pub use selection::Selection;
