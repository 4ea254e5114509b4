//! The two sharing dialogs: File ▸ Share on this network… (the link and
//! the code to give out, and who is in) and File ▸ Join a shared map… (a
//! field for the link or the code someone read out).

/// A modal window with a heading, as the other dialogs look.
fn modal_frame(ctx: &egui::Context, id: &str, heading: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::Modal::new(egui::Id::unique(("journeymap", id))).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(heading);
        ui.add_space(6.0);
        body(ui);
    });
}

/// What the user did in the sharing dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareAction {
    /// Close the dialog; sharing goes on.
    Close,
    /// Stop sharing the map.
    Stop,
    /// Put this text (the link or the code) on the clipboard.
    Copy(String),
}

/// What the sharing dialog shows.
pub struct ShareView<'a> {
    /// The link to give out.
    pub link: &'a str,
    /// The short code to read out.
    pub code: &'a str,
    /// How the session is doing, in a few words ("3 people in the map").
    pub status: &'a str,
    /// Whether this editor hosts the session (closing it ends it for all).
    pub hosting: bool,
}

/// Shows the sharing dialog; returns what the user did, if anything.
pub fn share(ctx: &egui::Context, view: &ShareView<'_>) -> Option<ShareAction> {
    let mut action = None;
    modal_frame(ctx, "share", "Sharing this map", |ui| {
        ui.label("Teammates on this network join with this link:");
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(egui::RichText::new(view.link).monospace()).selectable(true));
            if ui.button("Copy link").clicked() {
                action = Some(ShareAction::Copy(view.link.to_owned()));
            }
        });
        ui.add_space(8.0);
        ui.label("Or read out this code (File › Join a shared map…):");
        ui.horizontal(|ui| {
            ui.add(
                egui::Label::new(egui::RichText::new(view.code).monospace().size(22.0))
                    .selectable(true),
            );
            if ui.button("Copy code").clicked() {
                action = Some(ShareAction::Copy(view.code.to_owned()));
            }
        });
        ui.add_space(8.0);
        ui.label(egui::RichText::new(view.status).strong());
        ui.label(
            "Anyone with the code can see and edit the map. The connection is encrypted, \
             so others on the same Wi-Fi cannot read it.",
        );
        if view.hosting {
            ui.label("Your editor hosts the map: keep it open while others work in it.");
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                action = Some(ShareAction::Close);
            }
            if ui.button("Stop sharing").clicked() {
                action = Some(ShareAction::Stop);
            }
        });
    });
    action
}

/// What the user did in the join dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinAction {
    /// Join with the text typed.
    Join(String),
    /// Close the dialog without joining.
    Cancel,
}

/// The join dialog's state: what is typed, and why the last try failed.
#[derive(Clone, Debug, Default)]
pub struct JoinDialog {
    /// The link or code typed so far.
    pub text: String,
    /// Why the text could not be used, shown under the field.
    pub error: Option<String>,
    focused: bool,
}

impl JoinDialog {
    /// Shows the dialog; returns what the user did, if anything.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<JoinAction> {
        let mut action = None;
        modal_frame(ctx, "join", "Join a shared map", |ui| {
            ui.label("Paste the link, or type the code someone read out:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .id(egui::Id::unique("journeymap-join-link"))
                    .hint_text("journeymap://192.168.1.20:7878/… or 192.168.1.20:7878 K7QD-…")
                    .desired_width(420.0),
            );
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("Join").clicked() || entered {
                    action = Some(JoinAction::Join(self.text.trim().to_owned()));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    action = Some(JoinAction::Cancel);
                }
            });
        });
        action
    }
}
