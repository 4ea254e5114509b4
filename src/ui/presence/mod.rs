//! Other people in a shared map, as this editor shows them: their
//! selections outlined in their colours with their names on small tags,
//! "Ana is typing…" on the card someone types in, the strip of who is
//! here (with Follow), and the dialog where I give my own name and colour.

mod name_dialog;
mod outlines;
mod strip;

pub use name_dialog::{NameAction, NameDialog};
pub use outlines::outline_others;
pub use strip::{StripAction, StripView, strip};

use egui::Color32;

use crate::model::{CardId, Colour};
use crate::net::{Person, Selected, Typing};

/// Someone else's selection and typing, as the canvas outlines them.
#[derive(Clone, Debug, PartialEq)]
pub struct Other {
    /// Their name, on the tags.
    pub name: String,
    /// Their colour.
    pub colour: Color32,
    /// What they selected.
    pub selected: Selected,
    /// The field they type in, if any.
    pub typing: Option<Typing>,
}

impl Other {
    /// What the canvas shows of `person`.
    pub fn of(person: &Person) -> Self {
        Self {
            name: person.name().to_owned(),
            colour: colour32(person.presence.colour),
            selected: person.presence.selected.clone(),
            typing: person.presence.typing.clone(),
        }
    }

    /// Whether they type in `card`'s text.
    pub fn is_typing_in(&self, card: &CardId) -> bool {
        matches!(&self.typing, Some(Typing::Card(id)) if id == card)
    }
}

/// What the others do with `card`, for screen readers: "selected by Ana",
/// "Bo is typing".
pub fn about_card(others: &[Other], card: &CardId) -> Vec<String> {
    let mut words = Vec::new();
    for other in others {
        if other.is_typing_in(card) {
            words.push(format!("{} is typing", other.name));
        } else if other.selected.cards.contains(card) {
            words.push(format!("selected by {}", other.name));
        }
    }
    words
}

/// A map colour as egui paints it.
pub fn colour32(colour: Colour) -> Color32 {
    Color32::from_rgb(colour.r, colour.g, colour.b)
}

/// Text that reads on `background`: black on light colours, white on
/// dark ones.
pub fn text_on(background: Color32) -> Color32 {
    let [r, g, b, _] = background.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}
