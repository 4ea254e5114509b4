//! Typing directly on the canvas: a card's text, a new card, an emotion
//! label, a stage or lane name.

use egui::{FontId, Key, KeyboardShortcut, Modifiers, Rect};

use crate::edit::Edit;
use crate::model::{CardId, LaneId, PointId, StageId};

/// What the text being typed will become.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The text of an existing card.
    Card(CardId),
    /// A card not yet added: it is added when the text is committed.
    NewCard {
        /// Its stage.
        stage: StageId,
        /// Its lane.
        lane: LaneId,
        /// Its place in the cell.
        index: usize,
    },
    /// An emotion point's label.
    PointLabel(PointId),
    /// A stage's name.
    StageName(StageId),
    /// A lane's name.
    LaneName(LaneId),
}

impl Target {
    /// The field's placeholder, which is also its name for screen readers.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Card(_) => "Card text",
            Self::NewCard { .. } => "Type the new card…",
            Self::PointLabel(_) => "How does the customer feel?",
            Self::StageName(_) => "Stage name",
            Self::LaneName(_) => "Lane name",
        }
    }
}

/// Text being typed on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineEdit {
    /// What it will become.
    pub target: Target,
    /// The text so far.
    pub text: String,
    /// The text when editing started, to tell whether anything changed.
    original: String,
    /// Whether focus has been given to the text field yet.
    focused: bool,
}

/// What happened to an inline edit this frame.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Still typing.
    Typing,
    /// Done: apply this edit, if any (none when nothing changed).
    Commit(Option<Edit>),
    /// Esc: forget the text.
    Cancel,
}

impl InlineEdit {
    /// Starts editing `target`, whose current text is `text`.
    pub fn new(target: Target, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            target,
            original: text.clone(),
            text,
            focused: false,
        }
    }

    /// The id of the text field, which has the keyboard while typing.
    pub fn field_id() -> egui::Id {
        egui::Id::unique("journeymap-inline-edit")
    }

    /// The edit that committing the current text makes, if it changes anything.
    pub fn edit(&self) -> Option<Edit> {
        let text = self.text.trim_end().to_owned();
        let unchanged = text == self.original.trim_end();
        match &self.target {
            Target::NewCard { stage, lane, index } => {
                (!text.trim().is_empty()).then(|| Edit::AddCard {
                    stage: stage.clone(),
                    lane: lane.clone(),
                    index: *index,
                    text,
                    state: None,
                })
            }
            _ if unchanged => None,
            Target::Card(id) => Some(Edit::SetCardText(id.clone(), text)),
            Target::PointLabel(id) => Some(Edit::SetPointLabel(id.clone(), text)),
            Target::StageName(id) => Some(Edit::RenameStage(id.clone(), text)),
            Target::LaneName(id) => Some(Edit::RenameLane(id.clone(), text)),
        }
    }

    /// Shows the text field over `rect` (screen coordinates). Enter or a
    /// click elsewhere commits, Shift+Enter starts a new line, Esc cancels.
    ///
    /// The field takes this frame's keys first, in order, and only then is
    /// Enter looked at: letters typed in the same frame as Enter are kept.
    pub fn show(&mut self, ui: &mut egui::Ui, rect: Rect, font_size: f32) -> Outcome {
        let field = egui::TextEdit::multiline(&mut self.text)
            .font(FontId::proportional(font_size))
            .desired_width(rect.width())
            .desired_rows(1)
            .hint_text(self.target.hint())
            .margin(egui::vec2(6.0, 6.0))
            // Plain Enter ends typing (below); only Shift+Enter is a new line.
            .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
            .id(Self::field_id());
        let first_frame = !self.focused;
        // A click in this frame would take the focus straight back (the
        // field was not clicked), so then focus comes after it; the keys
        // typed after a click wait for the next frame anyway (`KeyQueue`).
        let clicked = ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released());
        if first_frame && !clicked {
            // Focus before the field is drawn, so that it takes the keys of
            // the frame it first appears in. (The key that started typing,
            // N say, and its own letter were consumed by the command.)
            ui.memory_mut(|m| m.request_focus(Self::field_id()));
        }
        self.focused = true;
        let response = ui.put(rect, field);
        if first_frame && clicked {
            response.request_focus();
            return Outcome::Typing;
        }
        let (enter, escape) =
            ui.input_mut(|i| (consume_plain(i, Key::Enter), consume_plain(i, Key::Escape)));
        if escape {
            return Outcome::Cancel;
        }
        if enter || response.lost_focus() {
            return Outcome::Commit(self.edit());
        }
        Outcome::Typing
    }
}

/// Consumes a press of `key` without Shift, Ctrl, Alt or Cmd: Shift+Enter
/// is a new line, not the end of typing.
fn consume_plain(input: &mut egui::InputState, key: Key) -> bool {
    let mut found = false;
    input.events.retain(|event| {
        let is_match = matches!(
            event,
            egui::Event::Key { key: k, pressed: true, modifiers, .. }
                if *k == key && modifiers.is_none()
        );
        found |= is_match;
        !is_match
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_text_makes_no_edit_and_an_empty_new_card_is_not_added() {
        let card = InlineEdit::new(Target::Card(CardId::new("c1")), "Same");
        assert_eq!(card.edit(), None);
        let new = InlineEdit::new(
            Target::NewCard {
                stage: StageId::new("s"),
                lane: LaneId::new("l"),
                index: 0,
            },
            "",
        );
        assert_eq!(new.edit(), None);
    }

    #[test]
    fn trailing_newlines_are_dropped() {
        let mut card = InlineEdit::new(Target::Card(CardId::new("c1")), "Old");
        card.text = "New text\n\n".into();
        assert_eq!(
            card.edit(),
            Some(Edit::SetCardText(CardId::new("c1"), "New text".into()))
        );
    }
}
