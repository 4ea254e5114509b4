//! The editor's views: the map canvas and the menu commands. They read the
//! map and report what the user asked for; they never change the map.

pub mod canvas;
pub mod command;

pub use canvas::Canvas;
pub use command::UiCommand;
