//! The editor's menu and keyboard commands, each with its label and
//! shortcut in one place, so that menus show the shortcut that works and no
//! two commands can share one.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command a user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Open a map file.
    Open,
    /// Quit journeymap.
    Quit,
    /// Zoom so that the whole map fits the window.
    FitToWindow,
    /// Zoom to 100 %.
    ActualSize,
    /// Zoom in one step.
    ZoomIn,
    /// Zoom out one step.
    ZoomOut,
    /// Switch between the light and the dark theme.
    ToggleTheme,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Open,
        Self::Quit,
        Self::FitToWindow,
        Self::ActualSize,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ToggleTheme,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Quit => "Quit",
            Self::FitToWindow => "Fit to window",
            Self::ActualSize => "Actual size (100 %)",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ToggleTheme => "Dark theme",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Self::Open => command(Key::O),
            Self::Quit => command(Key::Q),
            Self::FitToWindow => command(Key::Num0),
            Self::ActualSize => command(Key::Num1),
            Self::ZoomIn => command(Key::Plus),
            Self::ZoomOut => command(Key::Minus),
            Self::ToggleTheme => None,
        }
    }

    /// The commands whose shortcut was pressed this frame (each consumed, so
    /// no widget also reacts to it).
    pub fn pressed(ctx: &egui::Context) -> Vec<Self> {
        ctx.input_mut(|input| {
            Self::ALL
                .into_iter()
                .filter(|command| {
                    command
                        .shortcut()
                        .is_some_and(|s| input.consume_shortcut(&s))
                })
                .collect()
        })
    }

    /// A menu button for this command, showing its shortcut. Returns whether
    /// it was clicked.
    pub fn menu_button(self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        ui.add(button).clicked()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashMap::new();
        for command in UiCommand::ALL {
            if let Some(shortcut) = command.shortcut()
                && let Some(other) = seen.insert(shortcut, command)
            {
                panic!("{command:?} and {other:?} share {shortcut:?}");
            }
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        let unique: std::collections::HashSet<_> = UiCommand::ALL.into_iter().collect();
        assert_eq!(unique.len(), UiCommand::ALL.len());
    }
}
