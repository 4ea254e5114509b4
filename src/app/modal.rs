//! The one modal window: whatever takes the keyboard and the clicks from
//! the map (a message, a prompt, a dialog, an offer) lives in one slot.
//! What comes while one is open waits its turn, in order.

use super::files::{FilePurpose, Pending};
use super::{Conflict, JourneyApp};
use crate::io::DiskState;
use crate::io::recovery::Orphan;
use crate::ui::dialogs::{self, ConflictChoice, RecoveryChoice, RecoveryKind, UnsavedChoice};
use crate::ui::export_dialog::ExportAction;
use crate::ui::{FileDialog, HelpWindow};

/// A modal window and what it is about.
pub enum Modal {
    /// A message to acknowledge, e.g. why a file did not open.
    Message(String),
    /// Save / Don't save / Cancel before this action.
    Unsaved(Pending),
    /// File ▸ Export slides… (its options live in the app, to be kept).
    Export,
    /// A save found the file changed or gone on disk.
    Conflict(Conflict),
    /// The file changed on disk while the window was in the background; the
    /// state it is in now.
    Reload(DiskState),
    /// What an editor that is gone left behind, described.
    Recovery(Box<Orphan>, String),
    /// journeymap's own file dialog, when no native one can be shown.
    File(Box<FileDialog>, FilePurpose),
    /// Help ▸ Keyboard shortcuts, Getting started or About.
    Help(HelpWindow),
    /// File ▸ Share on this network…: the link and code, who is in.
    Share,
    /// File ▸ Join a shared map…: the link or code to join.
    Join(crate::ui::share_dialog::JoinDialog),
    /// My name and colour in a shared map: asked the first time I share
    /// or join, and from File ▸ Your name and colour….
    Name(crate::ui::presence::NameDialog),
}

impl JourneyApp {
    /// Shows `modal` now, or once the modal windows before it are closed.
    pub(super) fn show_modal(&mut self, modal: Modal) {
        if self.modal.is_none() {
            self.modal = Some(modal);
        } else {
            self.waiting_modals.push_back(modal);
        }
    }

    /// Shows a message to acknowledge (see [`Self::show_modal`]).
    pub(super) fn show_message(&mut self, message: impl Into<String>) {
        self.show_modal(Modal::Message(message.into()));
    }

    /// Whether a modal window is open, which takes the keyboard and the
    /// clicks from the map.
    pub fn is_modal_open(&self) -> bool {
        self.modal.is_some()
    }

    /// The message being shown, if the modal window is one.
    pub fn message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Message(message)) => Some(message),
            _ => None,
        }
    }

    /// Whether the Save / Don't save / Cancel prompt is open.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved(_)))
    }

    /// Whether a save is waiting on the changed-on-disk prompt.
    pub fn is_asking_about_conflict(&self) -> bool {
        matches!(self.modal, Some(Modal::Conflict(_)))
    }

    /// Whether a recovery copy left by a gone editor is being offered.
    pub fn is_offering_recovery(&self) -> bool {
        matches!(self.modal, Some(Modal::Recovery(..)))
    }

    /// Whether the "changed on disk, reload?" offer is shown.
    pub fn is_offering_reload(&self) -> bool {
        matches!(self.modal, Some(Modal::Reload(_)))
    }

    /// The help window shown, if the modal window is one.
    pub fn help_window(&self) -> Option<HelpWindow> {
        match &self.modal {
            Some(Modal::Help(window)) => Some(*window),
            _ => None,
        }
    }

    /// Whether the sharing dialog (link and code) is open.
    pub fn is_showing_share_link(&self) -> bool {
        matches!(self.modal, Some(Modal::Share))
    }

    /// The export options, while the export dialog is open.
    pub fn export_dialog_mut(&mut self) -> Option<&mut crate::ui::ExportDialog> {
        matches!(self.modal, Some(Modal::Export)).then_some(&mut self.export)
    }

    /// Shows the open modal window and acts on what the user chose. A
    /// window that is still open goes back in the slot; a closed one makes
    /// room for the next that waits.
    pub(super) fn modal_window(&mut self, ctx: &egui::Context) {
        if self.modal.is_none() {
            self.modal = self.waiting_modals.pop_front();
        }
        let Some(modal) = self.modal.take() else {
            return;
        };
        if let Some(still_open) = self.show_and_act(ctx, modal) {
            // Something chosen meanwhile may have opened another: this one
            // was first.
            if let Some(newer) = self.modal.replace(still_open) {
                self.waiting_modals.push_front(newer);
            }
        }
    }

    /// Shows `modal`; returns it if it stays open.
    fn show_and_act(&mut self, ctx: &egui::Context, modal: Modal) -> Option<Modal> {
        match modal {
            Modal::Message(message) => {
                (!dialogs::message(ctx, &message)).then_some(Modal::Message(message))
            }
            Modal::Unsaved(action) => {
                let name = self.document.display_name();
                match dialogs::unsaved(ctx, &name) {
                    None => return Some(Modal::Unsaved(action)),
                    Some(UnsavedChoice::Cancel) => {}
                    Some(UnsavedChoice::Discard) => self.perform(action),
                    Some(UnsavedChoice::Save) => {
                        self.after_save = Some(action);
                        self.save();
                    }
                }
                None
            }
            Modal::Export => match self.export.show(ctx, &self.document.map) {
                None => Some(Modal::Export),
                Some(ExportAction::Close) => None,
                Some(ExportAction::Export) => {
                    self.choose_file(FilePurpose::Export(self.export.format));
                    None
                }
            },
            Modal::Conflict(conflict) => {
                let name = self.document.display_name();
                let choice = dialogs::conflict(ctx, &name, &conflict.path, conflict.deleted);
                match choice {
                    None => return Some(Modal::Conflict(conflict)),
                    Some(ConflictChoice::Reload) => {
                        self.after_save = None;
                        self.reload();
                    }
                    Some(ConflictChoice::Overwrite) => self.overwrite(conflict.path),
                    Some(ConflictChoice::SaveAs) => self.choose_file(FilePurpose::SaveAs),
                    Some(ConflictChoice::Cancel) => self.after_save = None,
                }
                None
            }
            Modal::Reload(state) => {
                let name = self.document.display_name();
                match dialogs::reload_offer(ctx, &name, self.document.is_dirty()) {
                    None => return Some(Modal::Reload(state)),
                    Some(true) => self.reload(),
                    Some(false) => self.declined_reload = Some(state),
                }
                None
            }
            Modal::Recovery(orphan, text) => {
                let kind = match &orphan.copy {
                    Some(Ok(_)) => RecoveryKind::Copy,
                    Some(Err(_)) => RecoveryKind::Unreadable,
                    None => RecoveryKind::CrashOnly,
                };
                match dialogs::recovery_offer(ctx, kind, &text, orphan.crash.as_deref()) {
                    None => Some(Modal::Recovery(orphan, text)),
                    Some(choice) => {
                        self.recovery_chosen(*orphan, choice);
                        None
                    }
                }
            }
            Modal::Help(mut window) => (!window.show(ctx)).then_some(Modal::Help(window)),
            Modal::Share => self.share_window(ctx).then_some(Modal::Share),
            Modal::Join(dialog) => self.join_window(ctx, dialog).map(Modal::Join),
            Modal::Name(dialog) => self.name_window(ctx, dialog).map(Modal::Name),
            Modal::File(mut dialog, purpose) => match dialog.show(ctx) {
                None => Some(Modal::File(dialog, purpose)),
                Some(crate::ui::FileDialogAction::Cancelled) => {
                    self.file_chosen(purpose, None);
                    None
                }
                Some(crate::ui::FileDialogAction::Chosen(path)) => {
                    self.file_chosen(purpose, Some(path));
                    None
                }
            },
        }
    }

    /// Acts on the user's answer to a recovery offer.
    fn recovery_chosen(&mut self, mut orphan: Orphan, choice: RecoveryChoice) {
        match choice {
            RecoveryChoice::Keep => drop(orphan),
            RecoveryChoice::Discard => {
                let _ = orphan.discard();
            }
            RecoveryChoice::Restore => {
                if let Some(Ok(copy)) = orphan.copy.take() {
                    self.restore(copy);
                }
                // The restored map is in this editor's own copy before the
                // old one goes.
                if self.recovery_copy_is_current() {
                    let _ = orphan.discard();
                }
            }
        }
    }
}
