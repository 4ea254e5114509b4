//! The editor's views: the map canvas, the menu commands and the Help
//! windows. They read the map and report what the user asked for as edits;
//! they never change it.

pub mod canvas;
pub mod command;
pub mod compare;
pub mod context_menu;
pub mod dialogs;
pub mod export_dialog;
pub mod file_dialog;
pub mod gesture;
pub mod help;
pub mod icon;
pub mod inline_edit;
pub mod insights;
pub mod inspector;
pub mod move_cards;
pub mod navigate;
pub mod placement;
pub mod presence;
pub mod present;
pub mod reorder;
pub mod selection;
pub mod share_dialog;
pub mod state_view;

pub use canvas::{Canvas, CanvasOutput};
pub use command::UiCommand;
pub use export_dialog::ExportDialog;
pub use file_dialog::{FileDialog, FileDialogAction};
pub use help::HelpWindow;
pub use inspector::{Inspector, WORKSHOP_VOTER};
pub use selection::Selection;

/// How a lane kind is named in menus and the inspector.
pub fn lane_kind_name(kind: crate::model::LaneKind) -> &'static str {
    use crate::model::LaneKind;
    match kind {
        LaneKind::Text => "Text (doing, thinking, backstage…)",
        LaneKind::Touchpoints => "Touchpoints",
        LaneKind::Emotion => "Emotion curve",
        LaneKind::PainPoints => "Pain points",
        LaneKind::Opportunities => "Opportunities",
    }
}

/// The name a new lane of `kind` starts with, before the user types one.
pub fn default_lane_name(kind: crate::model::LaneKind) -> &'static str {
    lane_kind_name(kind).split(' ').next().unwrap_or("Lane")
}
