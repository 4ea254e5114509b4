//! The editor's menu and keyboard commands, each with its label and
//! shortcuts in one place, so that menus show the shortcut that works and
//! no two commands can share one.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Declares [`UiCommand`], [`UiCommand::ALL`] and [`UiCommand::menu`] from
/// one list, grouped by menu, so that a new command cannot be left out of
/// the list (and so out of the shortcuts and the shortcuts overlay).
macro_rules! commands {
    ($($menu:literal => { $($(#[$doc:meta])* $name:ident),+ $(,)? })+) => {
        /// A command a user can give from a menu or the keyboard.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($($(#[$doc])* $name,)+)+
        }

        impl UiCommand {
            /// Every command, in menu order: the File menu's first.
            pub const ALL: [Self; [$($(stringify!($name),)+)+].len()] = [$($(Self::$name,)+)+];

            /// The menu the command belongs to: "File", "Edit", "View" or
            /// "Help".
            pub fn menu(self) -> &'static str {
                match self {
                    $($(Self::$name)|+ => $menu,)+
                }
            }
        }
    };
}

commands! {
    "File" => {
        /// Start a new map from the blank template.
        New,
        /// Open a map file.
        Open,
        /// Make a new map from a Mermaid journey diagram or a CSV of cards.
        Import,
        /// Mark what changed from another map file to this map.
        CompareWith,
        /// Stop marking what changed from the file compared with.
        EndComparison,
        /// Save the map to its file (or ask where, the first time).
        Save,
        /// Save the map to a new file.
        SaveAs,
        /// Export the map as PNG images for slides.
        ExportImage,
        /// Let teammates on this network edit the map with you, live.
        ShareOnNetwork,
        /// Open a map a teammate shares, with their link or code.
        JoinShared,
        /// Quit journeymap.
        Quit,
    }
    "Edit" => {
        /// Revert the last edit.
        Undo,
        /// Apply the last undone edit again.
        Redo,
        /// Copy the selected cards and remove them.
        Cut,
        /// Copy the selected cards to the clipboard, as RON text.
        Copy,
        /// Paste cards (or lines of text) at the selection.
        Paste,
        /// Put a copy of each selected card right after it.
        Duplicate,
        /// Delete the selection.
        Delete,
        /// Move the selected cards to the previous stage, in the same lane.
        MoveCardLeft,
        /// Move the selected cards to the next stage, in the same lane.
        MoveCardRight,
        /// Move the selected cards one place up, on to the lane above from
        /// the top of their cell.
        MoveCardUp,
        /// Move the selected cards one place down, on to the lane below from
        /// the bottom of their cell.
        MoveCardDown,
        /// Type into the selection in place: a card, a name, a new card in an
        /// empty cell.
        EditInPlace,
        /// Add a card after the selected one (or in the selected cell) and
        /// type it.
        NewCard,
        /// Select every card.
        SelectAll,
        /// Clear the selection.
        SelectNone,
        /// Add a stage after the selected one (or at the end).
        AddStage,
    }
    "View" => {
        /// Zoom so that the whole map fits the window.
        FitToWindow,
        /// Zoom to 100 %.
        ActualSize,
        /// Zoom in one step.
        ZoomIn,
        /// Zoom out one step.
        ZoomOut,
        /// Show or hide the insights panel: the journey's health, the
        /// biggest perception gaps, the most voted items.
        ToggleInsights,
        /// Show today's journey: future-only cards and future scores hidden.
        ShowCurrentState,
        /// Show the improved journey: current-only cards hidden, the curve
        /// at the future scores.
        ShowFutureState,
        /// Show both states: future-only and current-only cards tagged, the
        /// future curve beside today's.
        ShowBothStates,
        /// Switch between the light and the dark theme.
        ToggleTheme,
        /// Show the map full screen as slides, one at a time.
        Present,
    }
    "Help" => {
        /// Show every keyboard shortcut and canvas gesture.
        ShowShortcuts,
        /// Show what to double-click and type to start a map.
        GettingStarted,
        /// Show the version, the licence and the bundled fonts' licences.
        About,
    }
}

impl UiCommand {
    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::Import => "Import Mermaid or CSV…",
            Self::CompareWith => "Compare with…",
            Self::EndComparison => "End comparison",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::ExportImage => "Export slides…",
            Self::ShareOnNetwork => "Share on this network…",
            Self::JoinShared => "Join a shared map…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Cut => "Cut",
            Self::Copy => "Copy",
            Self::Paste => "Paste",
            Self::Duplicate => "Duplicate",
            Self::Delete => "Delete",
            Self::MoveCardLeft => "Move card left",
            Self::MoveCardRight => "Move card right",
            Self::MoveCardUp => "Move card up",
            Self::MoveCardDown => "Move card down",
            Self::EditInPlace => "Edit text",
            Self::NewCard => "New card after this",
            Self::SelectAll => "Select all cards",
            Self::SelectNone => "Select none",
            Self::AddStage => "Add stage",
            Self::FitToWindow => "Fit to window",
            Self::ActualSize => "Actual size (100 %)",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ToggleInsights => "Insights panel",
            Self::ShowCurrentState => "Current state",
            Self::ShowFutureState => "Future state",
            Self::ShowBothStates => "Current and future",
            Self::ToggleTheme => "Dark theme",
            Self::Present => "Present",
            Self::ShowShortcuts => "Keyboard shortcuts",
            Self::GettingStarted => "Getting started",
            Self::About => "About journeymap",
        }
    }

    /// The keyboard shortcuts; the first is the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        let alt = |key| KeyboardShortcut::new(Modifiers::ALT, key);
        match self {
            Self::New => vec![command(Key::N)],
            Self::Open => vec![command(Key::O)],
            Self::Save => vec![command(Key::S)],
            Self::SaveAs => vec![command_shift(Key::S)],
            Self::ExportImage => vec![command(Key::E)],
            Self::Quit => vec![command(Key::Q)],
            Self::Undo => vec![command(Key::Z)],
            Self::Redo => vec![command_shift(Key::Z), command(Key::Y)],
            // eframe turns these three into Copy, Cut and Paste events
            // (see `JourneyApp::clipboard_events`); the keys work headless.
            Self::Cut => vec![command(Key::X)],
            Self::Copy => vec![command(Key::C)],
            Self::Paste => vec![command(Key::V)],
            Self::Duplicate => vec![command(Key::D)],
            Self::Delete => vec![plain(Key::Delete), plain(Key::Backspace)],
            Self::MoveCardLeft => vec![alt(Key::ArrowLeft)],
            Self::MoveCardRight => vec![alt(Key::ArrowRight)],
            Self::MoveCardUp => vec![alt(Key::ArrowUp)],
            Self::MoveCardDown => vec![alt(Key::ArrowDown)],
            Self::EditInPlace => vec![plain(Key::F2), plain(Key::Enter)],
            Self::NewCard => vec![plain(Key::N)],
            Self::SelectAll => vec![command(Key::A)],
            Self::SelectNone => vec![plain(Key::Escape)],
            Self::AddStage => vec![command_shift(Key::N)],
            Self::FitToWindow => vec![command(Key::Num0)],
            Self::ActualSize => vec![command(Key::Num1)],
            Self::ZoomIn => vec![command(Key::Plus), command(Key::Equals)],
            Self::ZoomOut => vec![command(Key::Minus)],
            Self::ShowShortcuts => vec![plain(Key::F1)],
            Self::Present => vec![plain(Key::F5)],
            Self::ToggleInsights => vec![command(Key::I)],
            Self::ToggleTheme
            | Self::ShowCurrentState
            | Self::ShowFutureState
            | Self::ShowBothStates
            | Self::GettingStarted
            | Self::About
            | Self::ShareOnNetwork
            | Self::JoinShared
            | Self::Import
            | Self::CompareWith
            | Self::EndComparison => vec![],
        }
    }

    /// Whether the command acts on the map or the selection, so that a
    /// focused text field (which has its own undo, clipboard and keys)
    /// takes the key instead.
    pub fn edits_map(self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::Cut
                | Self::Copy
                | Self::Paste
                | Self::Duplicate
                | Self::Delete
                | Self::MoveCardLeft
                | Self::MoveCardRight
                | Self::MoveCardUp
                | Self::MoveCardDown
                | Self::EditInPlace
                | Self::NewCard
                | Self::SelectAll
                | Self::SelectNone
        )
    }

    /// The way a Move card command moves the selected cards, if it is one.
    pub fn card_move(self) -> Option<super::navigate::Direction> {
        use super::navigate::Direction;
        match self {
            Self::MoveCardLeft => Some(Direction::Left),
            Self::MoveCardRight => Some(Direction::Right),
            Self::MoveCardUp => Some(Direction::Up),
            Self::MoveCardDown => Some(Direction::Down),
            _ => None,
        }
    }

    /// The state of the journey a View ▸ Current / Future / Both command
    /// shows, if it is one.
    pub fn state_view(self) -> Option<crate::model::StateView> {
        use crate::model::StateView;
        match self {
            Self::ShowCurrentState => Some(StateView::Current),
            Self::ShowFutureState => Some(StateView::Future),
            Self::ShowBothStates => Some(StateView::Both),
            _ => None,
        }
    }

    /// Whether plain keys belong to something other than the map: text
    /// being typed on the canvas (`typing`), a focused text field, or an
    /// open menu (which takes Esc and the plain keys too).
    pub fn keys_go_elsewhere(ctx: &egui::Context, typing: bool) -> bool {
        typing || ctx.egui_wants_keyboard_input() || egui::Popup::is_any_open(ctx)
    }

    /// The commands whose shortcut was pressed this frame, each consumed so
    /// no widget also reacts. Shortcuts with Shift are tried first: egui
    /// ignores an extra Shift, so Ctrl+Shift+Z would otherwise also be Ctrl+Z.
    /// `typing` says that text is being typed on the canvas: its field takes
    /// the keys, including the Esc that ends it (which egui sees as the
    /// field losing focus).
    pub fn pressed(ctx: &egui::Context, typing: bool) -> Vec<Self> {
        let typing = Self::keys_go_elsewhere(ctx, typing);
        let mut shortcuts: Vec<(KeyboardShortcut, Self)> = Self::ALL
            .into_iter()
            .filter(|command| !(typing && command.edits_map()))
            .flat_map(|command| command.shortcuts().into_iter().map(move |s| (s, command)))
            .collect();
        shortcuts.sort_by_key(|(shortcut, _)| !shortcut.modifiers.shift);
        ctx.input_mut(|input| {
            let mut pressed = Vec::new();
            for (shortcut, command) in shortcuts {
                if consume_with_its_text(input, shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
            }
            pressed
        })
    }

    /// A menu button for this command, showing its shortcut. Returns whether
    /// it was clicked.
    pub fn menu_button(self, ui: &mut egui::Ui) -> bool {
        self.menu_button_labelled(ui, self.label())
    }

    /// A menu button with a label of its own (e.g. "Undo move card").
    pub fn menu_button_labelled(self, ui: &mut egui::Ui, label: &str) -> bool {
        let mut button = egui::Button::new(label);
        if let Some(shortcut) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        ui.add(button).clicked()
    }
}

/// Consumes a press of `shortcut` and, for a plain key such as N, the
/// letter it types (egui sends it as a `Text` event right after the key):
/// N starts typing a card, and its own "n" must not end up in it.
fn consume_with_its_text(input: &mut egui::InputState, shortcut: KeyboardShortcut) -> bool {
    let Some(at) = input.events.iter().position(|event| {
        matches!(
            event,
            egui::Event::Key { key, pressed: true, modifiers, .. }
                if *key == shortcut.logical_key && modifiers.matches_logically(shortcut.modifiers)
        )
    }) else {
        return false;
    };
    input.events.remove(at);
    let plain =
        !(shortcut.modifiers.command || shortcut.modifiers.ctrl || shortcut.modifiers.mac_cmd);
    if plain && matches!(input.events.get(at), Some(egui::Event::Text(t)) if t.chars().count() == 1)
    {
        input.events.remove(at);
    }
    // Further presses of the same shortcut in this frame count once.
    while input.consume_shortcut(&shortcut) {}
    true
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashMap::new();
        for command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
                if let Some(other) = seen.insert(shortcut, command) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
            }
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        let unique: std::collections::HashSet<_> = UiCommand::ALL.into_iter().collect();
        assert_eq!(unique.len(), UiCommand::ALL.len());
    }

    #[test]
    fn the_commands_of_each_menu_are_listed_together_in_menu_order() {
        let menus: Vec<&str> = UiCommand::ALL
            .chunk_by(|a, b| a.menu() == b.menu())
            .filter_map(|run| run.first().map(|c| c.menu()))
            .collect();
        assert_eq!(menus, ["File", "Edit", "View", "Help"]);
    }
}
