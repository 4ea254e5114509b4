//! Who I am in a shared map: my name and colour, asked the first time I
//! share or join, and from File › Your name and colour… later.

use egui::{Align2, Color32, FontId, Role, Sense, Stroke, StrokeKind, WidgetInfo, vec2};

use super::{colour32, text_on};
use crate::model::{Colour, PALETTE};
use crate::net::MAX_NAME_CHARS;

/// The names of [`PALETTE`]'s colours (Paul Tol's "bright").
const COLOUR_NAMES: [&str; PALETTE.len()] =
    ["Blue", "Cyan", "Green", "Yellow", "Red", "Purple", "Grey"];

/// What the user did in the name dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameAction {
    /// Use this name and colour.
    Done {
        /// The name, trimmed.
        name: String,
        /// The colour.
        colour: Colour,
    },
    /// Close without changing anything.
    Cancel,
}

/// The name dialog's state.
#[derive(Clone, Debug)]
pub struct NameDialog {
    /// The name typed so far.
    pub name: String,
    /// The colour chosen.
    pub colour: Colour,
    /// Whether the user chose the colour (else it moves off colours that
    /// others in the session have).
    picked: bool,
    focused: bool,
}

impl NameDialog {
    /// The dialog starting from `name` and `colour` (the preferences).
    pub fn new(name: &str, colour: Colour) -> Self {
        Self {
            name: name.to_owned(),
            colour,
            picked: false,
            focused: false,
        }
    }

    /// Shows the dialog; `taken` are the colours of the others in the
    /// session. Returns what the user did, if anything.
    pub fn show(&mut self, ctx: &egui::Context, taken: &[Colour]) -> Option<NameAction> {
        if !self.picked
            && taken.contains(&self.colour)
            && let Some(free) = PALETTE.into_iter().find(|c| !taken.contains(c))
        {
            self.colour = free;
        }
        let mut action = None;
        egui::Modal::new(egui::Id::unique("journeymap-name")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Your name in the shared map");
            ui.add_space(6.0);
            ui.label("The others see it beside what you select and type.");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.name)
                    .id(egui::Id::unique("journeymap-your-name"))
                    .hint_text("Your name")
                    .char_limit(MAX_NAME_CHARS)
                    .desired_width(320.0),
            );
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            ui.add_space(6.0);
            ui.label("Your colour:");
            ui.horizontal(|ui| {
                for (colour, name) in PALETTE.into_iter().zip(COLOUR_NAMES) {
                    if self.swatch(ui, colour, name, taken.contains(&colour)) {
                        self.colour = colour;
                        self.picked = true;
                    }
                }
            });
            ui.add_space(8.0);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || entered {
                    action = Some(NameAction::Done {
                        name: self.name.trim().to_owned(),
                        colour: self.colour,
                    });
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    action = Some(NameAction::Cancel);
                }
            });
        });
        action
    }

    /// One colour to choose, named for screen readers; returns whether
    /// it was clicked.
    fn swatch(&self, ui: &mut egui::Ui, colour: Colour, name: &str, taken: bool) -> bool {
        let fill = colour32(colour);
        let chosen = self.colour == colour;
        let (rect, response) = ui.allocate_exact_size(vec2(32.0, 32.0), Sense::click());
        let label = if taken {
            format!("{name} (someone here has it)")
        } else {
            name.to_owned()
        };
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, chosen, &label));
        let painter = ui.painter();
        painter.rect_filled(rect.shrink(2.0), 5.0, fill);
        let edge = if chosen {
            Stroke::new(3.0, ui.visuals().strong_text_color())
        } else {
            Stroke::new(1.0, Color32::GRAY)
        };
        painter.rect_stroke(rect, 5.0, edge, StrokeKind::Inside);
        if chosen {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                "✔",
                FontId::proportional(16.0),
                text_on(fill),
            );
        }
        response.on_hover_text(label).clicked()
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    #[test]
    fn the_name_typed_is_kept_and_a_colour_someone_has_is_avoided() {
        let taken = [PALETTE[0]];
        let mut harness = Harness::new_ui_state(
            |ui, (dialog, chosen): &mut (NameDialog, Option<NameAction>)| {
                if let Some(action) = dialog.show(ui.ctx(), &taken) {
                    *chosen = Some(action);
                }
            },
            (NameDialog::new("", PALETTE[0]), None),
        );
        harness.run();
        harness.get_by_role(Role::TextInput).type_text("  Ana ");
        harness.run();
        harness.get_by_label("OK").click();
        harness.run();
        assert_eq!(
            harness.state().1,
            Some(NameAction::Done {
                name: "Ana".to_owned(),
                colour: PALETTE[1],
            })
        );
    }
}
