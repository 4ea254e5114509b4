//! The strip under the menu bar while a map is shared: who is here, as
//! coloured dots with names (me first), whom I follow, and the
//! facilitator's "Ask everyone to follow me".

use egui::{Button, Color32, RichText, Sense, vec2};

use super::colour32;
use crate::model::Colour;
use crate::net::{Person, PersonId};

/// What the strip shows.
pub struct StripView<'a> {
    /// My name (empty if I gave none).
    pub name: &'a str,
    /// My colour.
    pub colour: Colour,
    /// The others, in the order they came.
    pub people: &'a [Person],
    /// Whom I follow, if anyone.
    pub following: Option<PersonId>,
    /// Whether I ask everyone to follow me.
    pub leading: bool,
}

/// What the user did in the strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripAction {
    /// Follow this person's view.
    Follow(PersonId),
    /// Stop following.
    StopFollowing,
    /// Ask everyone to follow my view (`true`), or stop asking.
    Lead(bool),
    /// Change my name and colour.
    EditName,
}

/// The size of the text in the strip: read from the back of a room.
const TEXT: f32 = 15.0;

/// Shows the strip; returns what the user did, if anything.
pub fn strip(ui: &mut egui::Ui, view: &StripView<'_>) -> Option<StripAction> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Here:").size(TEXT).weak());
        let me = if view.name.is_empty() {
            "You".to_owned()
        } else {
            format!("You ({})", view.name)
        };
        dot(ui, colour32(view.colour));
        if ui
            .add(Button::new(RichText::new(me).size(TEXT)).frame(false))
            .on_hover_text("Change your name and colour")
            .clicked()
        {
            action = Some(StripAction::EditName);
        }
        for person in view.people {
            ui.add_space(8.0);
            dot(ui, colour32(person.presence.colour));
            let followed = view.following == Some(person.id);
            let mut text = person.name().to_owned();
            if person.presence.leading {
                text.push_str(" (leading)");
            }
            let button = Button::new(RichText::new(text).size(TEXT))
                .frame(false)
                .selected(followed);
            let hover = if followed {
                format!("You follow {}'s view", person.name())
            } else {
                format!("Follow {}'s view: see what they see", person.name())
            };
            if ui.add(button).on_hover_text(hover).clicked() {
                action = Some(if followed {
                    StripAction::StopFollowing
                } else {
                    StripAction::Follow(person.id)
                });
            }
        }
        ui.add_space(16.0);
        ui.separator();
        if let Some(followed) = view
            .following
            .and_then(|id| view.people.iter().find(|p| p.id == id))
        {
            ui.label(
                RichText::new(format!("Following {}", followed.name()))
                    .size(TEXT)
                    .strong(),
            );
            if ui
                .button(RichText::new("Stop following (Esc)").size(TEXT))
                .clicked()
            {
                action = Some(StripAction::StopFollowing);
            }
        } else if view.leading {
            ui.label(RichText::new("Everyone follows you").size(TEXT).strong());
            if ui
                .button(RichText::new("Stop leading").size(TEXT))
                .clicked()
            {
                action = Some(StripAction::Lead(false));
            }
        } else if !view.people.is_empty()
            && ui
                .button(RichText::new("Ask everyone to follow me").size(TEXT))
                .on_hover_text("Everyone's view follows yours until they move it themselves")
                .clicked()
        {
            action = Some(StripAction::Lead(true));
        }
    });
    action
}

/// A dot in someone's colour.
fn dot(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 6.5, colour);
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::model::PALETTE;
    use crate::net::Presence;

    fn person(name: &str, leading: bool) -> Person {
        let mut id = [0; 8];
        id[0] = name.as_bytes()[0];
        Person {
            id: PersonId::from_bytes(id),
            presence: Presence {
                name: name.to_owned(),
                leading,
                ..Presence::default()
            },
        }
    }

    #[test]
    fn the_strip_lists_me_first_then_the_others_and_clicking_a_name_follows() {
        let people = [person("Ana", false), person("Bo", true)];
        let mut harness = Harness::new_ui_state(
            |ui, chosen: &mut Option<StripAction>| {
                let view = StripView {
                    name: "Cy",
                    colour: PALETTE[2],
                    people: &people,
                    following: None,
                    leading: false,
                };
                if let Some(action) = strip(ui, &view) {
                    *chosen = Some(action);
                }
            },
            None,
        );
        harness.run();
        let me = harness.get_by_label("You (Cy)").rect().left();
        let ana = harness.get_by_label("Ana").rect().left();
        assert!(me < ana, "I come first");
        harness.get_by_label("Bo (leading)").click();
        harness.run();
        assert_eq!(*harness.state(), Some(StripAction::Follow(people[1].id)));
        harness.get_by_label("Ask everyone to follow me").click();
        harness.run();
        assert_eq!(*harness.state(), Some(StripAction::Lead(true)));
    }
}
