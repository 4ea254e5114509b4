//! The one command queue: shortcuts, menus, the canvas's right-click menu
//! and buttons all queue a [`Command`]; the queue is run at one point of
//! the frame, after everything is drawn, so that no command changes the
//! map while part of the window is still showing the old one.

use std::path::PathBuf;

use super::JourneyApp;
use super::files::Pending;
use crate::model::LaneKind;
use crate::ui::{Selection, UiCommand};

/// Something the user asked the editor to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A command of the command table, with its label and shortcuts.
    Ui(UiCommand),
    /// Edit ▸ Add lane ▸ kind.
    AddLane(LaneKind),
    /// Open this file (File ▸ Open recent, or dropped on the window).
    OpenFile(PathBuf),
    /// Open a bundled sample or template by name.
    OpenSample(&'static str),
    /// File ▸ Your name and colour… (for a shared map).
    AskName,
}

impl From<UiCommand> for Command {
    fn from(command: UiCommand) -> Self {
        Self::Ui(command)
    }
}

impl JourneyApp {
    /// Queues `command`, to run at the end of this frame.
    pub fn queue(&mut self, command: impl Into<Command>) {
        self.commands.push(command.into());
    }

    /// Runs the queued commands, in order. Returns whether there were any.
    pub(super) fn run_queued_commands(&mut self) -> bool {
        let commands = std::mem::take(&mut self.commands);
        let any = !commands.is_empty();
        for command in commands {
            self.run(command);
        }
        any
    }

    /// Carries out `command` now.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::Ui(command) => self.run_ui_command(command),
            Command::AddLane(kind) => self.add_lane(kind),
            Command::OpenFile(path) => self.request(Pending::OpenFile(path)),
            Command::OpenSample(name) => self.request(Pending::OpenSample(name)),
            Command::AskName => self.ask_name(),
        }
    }

    /// Carries out a command of the command table.
    fn run_ui_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::New => self.request(Pending::New),
            UiCommand::Open => self.request(Pending::OpenDialog),
            UiCommand::Import => self.request(Pending::ImportDialog),
            UiCommand::CompareWith => self.choose_file(super::files::FilePurpose::Compare),
            UiCommand::EndComparison => self.compare = None,
            UiCommand::Save => self.save(),
            UiCommand::SaveAs => self.choose_file(super::files::FilePurpose::SaveAs),
            UiCommand::ExportImage => self.open_export_dialog(),
            UiCommand::ShareOnNetwork => self.share_on_network(),
            UiCommand::JoinShared => self.ask_to_join(),
            UiCommand::Quit => self.request(Pending::Quit),
            UiCommand::Undo => {
                self.document.undo();
                self.forget_missing_selection();
            }
            UiCommand::Redo => {
                self.document.redo();
                self.forget_missing_selection();
            }
            UiCommand::Cut => self.cut(),
            UiCommand::Copy => {
                self.copy();
            }
            // The paste arrives as an event with the clipboard's text.
            UiCommand::Paste => self.ctx_commands.push(egui::ViewportCommand::RequestPaste),
            UiCommand::Duplicate => {
                let seen = self.seen_map();
                let map = seen.as_deref().unwrap_or(&self.document.map);
                let copies = crate::ui::gesture::duplicate(&self.selection.cards, map);
                if let Some(edit) = copies {
                    self.apply_seen(edit);
                }
            }
            UiCommand::Delete => self.delete_selection(),
            UiCommand::MoveCardLeft
            | UiCommand::MoveCardRight
            | UiCommand::MoveCardUp
            | UiCommand::MoveCardDown => {
                let direction = command.card_move();
                let seen = self.seen_map();
                let map = seen.as_deref().unwrap_or(&self.document.map);
                let cards = &self.selection.cards;
                let edit = direction.and_then(|d| crate::ui::move_cards::move_cards(map, cards, d));
                if let Some(edit) = edit {
                    self.apply_seen(edit);
                    self.canvas.reveal_selection();
                }
            }
            UiCommand::EditInPlace => self.canvas.start_typing(),
            UiCommand::NewCard => self.canvas.start_new_card(),
            UiCommand::SelectAll => self.select_all(),
            // Esc stops following someone first.
            UiCommand::SelectNone => {
                if !self.stop_following() {
                    self.selection = Selection::default();
                }
            }
            UiCommand::AddStage => self.add_stage(),
            UiCommand::FitToWindow => self.canvas.fit_to_window(),
            UiCommand::ActualSize => self.canvas.zoom_to(1.0, None),
            UiCommand::ZoomIn => self
                .canvas
                .zoom_to(self.canvas.zoom * crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ZoomOut => self
                .canvas
                .zoom_to(self.canvas.zoom / crate::ui::canvas::ZOOM_STEP, None),
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            UiCommand::Present => self.start_presenting(),
            UiCommand::ToggleInsights => self.prefs.insights = !self.prefs.insights,
            UiCommand::ShowCurrentState
            | UiCommand::ShowFutureState
            | UiCommand::ShowBothStates => {
                if let Some(view) = command.state_view() {
                    self.show_state(view);
                }
            }
            UiCommand::ShowShortcuts | UiCommand::GettingStarted | UiCommand::About => {
                if let Some(window) = crate::ui::HelpWindow::for_command(command) {
                    self.show_modal(super::Modal::Help(window));
                }
            }
        }
    }
}
