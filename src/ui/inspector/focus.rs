//! Tab between the map and the inspector, so that every field of the
//! selection can be reached without the mouse:
//!
//! - **Tab** on the map gives the keyboard to the inspector's first field
//!   (a card's text, a stage's name…). While text is typed on the map, Tab
//!   keeps it, as Enter does, then moves on to the inspector.
//! - In the inspector, Tab and Shift+Tab go from field to field (egui's own
//!   focus order); **Shift+Tab** on the first field and **Esc** on any
//!   field give the keyboard back to the map, with the selection kept.
//!   Tab past the last field reaches the map too, through the panel's
//!   resize handle.
//!
//! "The map has the keyboard" means that no widget has egui's focus: the
//! canvas takes its keys (arrows, N, Delete…) only then, and gives the
//! focus straight back if egui hands it one (see the canvas).
//!
//! egui decides where Tab moves the focus while the widgets are drawn, in
//! their order, and the menu bar comes first: so the keys are looked at
//! before anything is drawn ([`super::Inspector::route_tab`]), and the
//! inspector asks egui for the next focusable widget just before its own.

use egui::{FocusDirection, Id, Key, LayerId, Modifiers, Rect};

use super::Inspector;
use crate::ui::inline_edit::InlineEdit;

/// What the inspector knows about the keyboard from one frame to the next.
#[derive(Clone, Debug, Default)]
pub(super) struct Focus {
    /// Tab asked for the first field to get the keyboard.
    wanted: Option<When>,
    /// The first field drawn in the last frame.
    first_field: Option<Id>,
    /// The first field drawn so far in this frame.
    first_this_frame: Option<Id>,
    /// Whether a widget of the inspector had the keyboard when it was last drawn.
    had_keyboard: bool,
    /// Where the inspector was drawn last: its layer and area.
    area: Option<(LayerId, Rect)>,
}

/// When the first field is to take the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    /// In this frame.
    Now,
    /// In the next frame, once the text typed on the map is kept and the
    /// inspector shows what it was typed into.
    AfterTyping,
}

impl Inspector {
    /// Moves the keyboard between the map and the inspector for Tab,
    /// Shift+Tab and Esc (see the module's documentation). Call it at the
    /// start of each frame, before anything is drawn and before the
    /// shortcuts are read. `typing_on_map` says whether text is being
    /// typed on the canvas.
    pub fn route_tab(&mut self, ctx: &egui::Context, typing_on_map: bool) {
        let focus = &mut self.focus;
        if focus.wanted == Some(When::AfterTyping) {
            focus.wanted = Some(When::Now);
        }
        // An open menu or list takes Tab and Esc itself.
        if egui::Popup::is_any_open(ctx) {
            return;
        }
        let pressed = |tab_modifiers: Modifiers| {
            ctx.input(|i| {
                i.events.iter().any(|e| {
                    matches!(e, egui::Event::Key { key: Key::Tab, pressed: true, modifiers, .. }
                        if *modifiers == tab_modifiers)
                })
            })
        };
        let (tab, shift_tab) = (pressed(Modifiers::NONE), pressed(Modifiers::SHIFT));
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        let focused = ctx.memory(egui::Memory::focused);
        // egui has already seen the key and moves the focus while the
        // widgets are drawn: it is told not to, and the key is used up.
        let take_tab = |modifiers| {
            ctx.memory_mut(|m| m.move_focus(FocusDirection::None));
            ctx.input_mut(|i| i.consume_key(modifiers, Key::Tab));
        };
        if typing_on_map {
            if tab && focused == Some(InlineEdit::field_id()) {
                take_tab(Modifiers::NONE);
                // The field keeps its text when it loses the keyboard.
                ctx.memory_mut(|m| m.surrender_focus(InlineEdit::field_id()));
                focus.wanted = Some(When::AfterTyping);
                ctx.request_repaint();
            }
            return;
        }
        match focused {
            // egui took the keyboard from the field for this Esc; it must
            // not also clear the selection (Select none).
            None if escape && focus.had_keyboard => {
                ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
            }
            None if tab => {
                take_tab(Modifiers::NONE);
                focus.wanted = Some(When::Now);
            }
            // Backwards from the map there is nowhere to go.
            None if shift_tab => take_tab(Modifiers::SHIFT),
            Some(id) if shift_tab && focus.first_field == Some(id) => {
                take_tab(Modifiers::SHIFT);
                ctx.memory_mut(|m| m.surrender_focus(id));
            }
            _ => {}
        }
    }
}

impl Focus {
    /// Before the fields are drawn: if Tab asked for it, the first
    /// focusable widget drawn from here on takes the keyboard.
    pub(super) fn begin(&mut self, ui: &egui::Ui) {
        self.first_this_frame = None;
        if self.wanted == Some(When::Now) {
            self.wanted = None;
            ui.memory_mut(|m| {
                if m.focused().is_none() {
                    m.move_focus(FocusDirection::Next);
                }
            });
        }
    }

    /// Notes a field that can take the keyboard, in drawing order.
    pub(super) fn field(&mut self, response: &egui::Response) {
        self.first_this_frame.get_or_insert(response.id);
    }

    /// After the fields are drawn: what Tab and Esc need to know in the
    /// next frame.
    pub(super) fn end(&mut self, ui: &egui::Ui) {
        // Tab on the map with no field to go to (several cards selected)
        // leaves the keyboard on the map rather than on what comes next.
        ui.memory_mut(|m| {
            if m.focused().is_none() {
                m.move_focus(FocusDirection::None);
            }
        });
        self.first_field = self.first_this_frame;
        let area = (ui.layer_id(), ui.clip_rect());
        self.area = Some(area);
        self.had_keyboard = ui
            .memory(egui::Memory::focused)
            .and_then(|id| ui.ctx().read_response(id))
            .is_some_and(|r| r.layer_id == area.0 && area.1.intersects(r.rect));
    }
}
