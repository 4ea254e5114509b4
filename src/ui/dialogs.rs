//! The editor's small modal windows: a message, the unsaved-changes prompt,
//! the changed-on-disk prompts and the recovery offer. Each is a widget
//! that shows itself and returns what the user chose; the app shell keeps
//! the one that is open and acts on the choice.

use egui::{Key, Modal};

/// A message the user has to acknowledge, e.g. why a file did not open.
/// Returns `true` once it is dismissed (OK, Enter or Esc).
pub fn message(ctx: &egui::Context, message: &str) -> bool {
    let mut close = false;
    Modal::new(egui::Id::unique("journeymap-error")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Something went wrong");
        ui.add_space(6.0);
        ui.label(message);
        ui.add_space(10.0);
        close = ui.button("OK").clicked() || pressed(ui, Key::Escape) || pressed(ui, Key::Enter);
    });
    close
}

/// The choice in the Save / Don't save / Cancel prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save first, then go on.
    Save,
    /// Go on and lose the changes.
    Discard,
    /// Stay.
    Cancel,
}

/// Asks whether to save the changes to the map called `name` before it is
/// replaced or closed.
pub fn unsaved(ctx: &egui::Context, name: &str) -> Option<UnsavedChoice> {
    let mut choice = None;
    Modal::new(egui::Id::unique("journeymap-unsaved")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("Save the changes to {name}?"));
        ui.add_space(6.0);
        ui.label("If you don't save, your changes since the last save are lost.");
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(UnsavedChoice::Save);
            }
            if ui.button("Don't save").clicked() {
                choice = Some(UnsavedChoice::Discard);
            }
            if ui.button("Cancel").clicked() || pressed(ui, Key::Escape) {
                choice = Some(UnsavedChoice::Cancel);
            }
        });
    });
    choice
}

/// The choice after a save found the file changed or gone on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Load their version, losing ours.
    Reload,
    /// Write ours over theirs (or write it again where it was deleted).
    Overwrite,
    /// Write ours somewhere else.
    SaveAs,
    /// Do nothing for now.
    Cancel,
}

/// Says that somebody else changed (or `deleted`) the file at `path`,
/// shown as `name`, since it was opened, and asks what to do.
pub fn conflict(
    ctx: &egui::Context,
    name: &str,
    path: &std::path::Path,
    deleted: bool,
) -> Option<ConflictChoice> {
    let mut choice = None;
    Modal::new(egui::Id::unique("journeymap-conflict")).show(ctx, |ui| {
        ui.set_max_width(500.0);
        if deleted {
            ui.heading(format!("{name} was deleted or moved"));
            ui.add_space(6.0);
            ui.label(format!(
                "{} is no longer there. Nothing was saved yet; your map is still here.",
                path.display()
            ));
        } else {
            ui.heading(format!("{name} changed on disk"));
            ui.add_space(6.0);
            ui.label(
                "Somebody else changed the file since you opened it (a git pull, or another \
                 editor). Nothing was saved yet. Reload their version (losing your changes), \
                 overwrite it with yours, or save yours under another name.",
            );
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if !deleted && ui.button("Reload").clicked() {
                choice = Some(ConflictChoice::Reload);
            }
            let overwrite = if deleted {
                "Save it here again"
            } else {
                "Overwrite"
            };
            if ui.button(overwrite).clicked() {
                choice = Some(ConflictChoice::Overwrite);
            }
            if ui.button("Save as…").clicked() {
                choice = Some(ConflictChoice::SaveAs);
            }
            if ui.button("Cancel").clicked() || pressed(ui, Key::Escape) {
                choice = Some(ConflictChoice::Cancel);
            }
        });
    });
    choice
}

/// Offers to reload the map called `name`, which changed on disk while the
/// window was in the background. `dirty` says whether there are unsaved
/// changes here that a reload would lose. Returns `Some(true)` for Reload,
/// `Some(false)` for Keep mine.
pub fn reload_offer(ctx: &egui::Context, name: &str, dirty: bool) -> Option<bool> {
    let mut reload = None;
    Modal::new(egui::Id::unique("journeymap-reload")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(format!("{name} changed on disk"));
        ui.add_space(6.0);
        ui.label(if dirty {
            "Another program changed the file. Reload it to see their version: your unsaved \
             changes here would be lost. If you keep yours, saving will ask before it \
             replaces theirs."
        } else {
            "Another program changed the file. Reload it to see their version."
        });
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Reload").clicked() {
                reload = Some(true);
            }
            if ui.button("Keep mine").clicked() || pressed(ui, Key::Escape) {
                reload = Some(false);
            }
        });
    });
    reload
}

/// What a recovery offer is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryKind {
    /// A copy of unsaved changes that can be restored.
    Copy,
    /// A copy that could not be read.
    Unreadable,
    /// Only a crash: nothing was unsaved.
    CrashOnly,
}

/// The choice in a recovery offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Open the copy.
    Restore,
    /// Delete the copy (or acknowledge the crash).
    Discard,
    /// Leave an unreadable copy where it is.
    Keep,
}

/// Offers what an editor that is gone left behind: `text` describes it,
/// `crash` is what went wrong, if it crashed.
pub fn recovery_offer(
    ctx: &egui::Context,
    kind: RecoveryKind,
    text: &str,
    crash: Option<&str>,
) -> Option<RecoveryChoice> {
    let mut choice = None;
    Modal::new(egui::Id::unique("journeymap-recovery")).show(ctx, |ui| {
        ui.set_max_width(540.0);
        ui.heading(match kind {
            RecoveryKind::Copy => "Restore unsaved changes?",
            RecoveryKind::Unreadable => "A recovery copy could not be read",
            RecoveryKind::CrashOnly => "journeymap stopped unexpectedly last time",
        });
        ui.add_space(6.0);
        ui.label(text);
        if let Some(crash) = crash {
            ui.add_space(8.0);
            ui.label("What went wrong (please report it):");
            ui.code(crash.trim());
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let buttons: &[(&str, RecoveryChoice)] = match kind {
                RecoveryKind::Copy => &[
                    ("Restore", RecoveryChoice::Restore),
                    ("Discard", RecoveryChoice::Discard),
                ],
                RecoveryKind::Unreadable => &[
                    ("Keep it", RecoveryChoice::Keep),
                    ("Delete it", RecoveryChoice::Discard),
                ],
                RecoveryKind::CrashOnly => &[("OK", RecoveryChoice::Discard)],
            };
            for (label, option) in buttons {
                if ui.button(*label).clicked() {
                    choice = Some(*option);
                }
            }
        });
    });
    choice
}

/// Whether `key` was pressed this frame (without consuming it).
fn pressed(ui: &egui::Ui, key: Key) -> bool {
    ui.input(|i| i.key_pressed(key))
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    /// Shows a dialog every frame and keeps the last answer it gave.
    fn harness<T: 'static>(
        show: impl Fn(&egui::Context) -> Option<T> + 'static,
    ) -> Harness<'static, Option<T>> {
        let mut harness = Harness::new_ui_state(
            move |ui, answer: &mut Option<T>| {
                if let Some(choice) = show(ui.ctx()) {
                    *answer = Some(choice);
                }
            },
            None,
        );
        harness.run();
        harness
    }

    #[test]
    fn a_message_is_shown_and_closed_with_ok_enter_or_escape() {
        for close in [None, Some(Key::Enter), Some(Key::Escape)] {
            let mut harness = harness(|ctx| message(ctx, "3:5: Unexpected field").then_some(()));
            harness.get_by_label_contains("3:5: Unexpected field");
            assert_eq!(*harness.state(), None);
            match close {
                Some(key) => harness.key_press(key),
                None => harness.get_by_label("OK").click(),
            }
            harness.run();
            assert_eq!(*harness.state(), Some(()), "closed by {close:?}");
        }
    }

    #[test]
    fn the_unsaved_prompt_names_the_map_and_escape_cancels() {
        let mut harness = harness(|ctx| unsaved(ctx, "grocery.ron"));
        harness.get_by_label("Save the changes to grocery.ron?");
        harness.get_by_label("Don't save").click();
        harness.run();
        assert_eq!(*harness.state(), Some(UnsavedChoice::Discard));
        let mut harness = harness_escape(|ctx| unsaved(ctx, "x"));
        assert_eq!(harness.state_mut().take(), Some(UnsavedChoice::Cancel));
    }

    fn harness_escape<T: 'static>(
        show: impl Fn(&egui::Context) -> Option<T> + 'static,
    ) -> Harness<'static, Option<T>> {
        let mut harness = harness(show);
        harness.key_press(Key::Escape);
        harness.run();
        harness
    }

    #[test]
    fn a_deleted_file_offers_to_save_it_again_and_no_reload() {
        let path = std::path::PathBuf::from("/maps/grocery.ron");
        let mut harness = harness(move |ctx| conflict(ctx, "grocery.ron", &path, true));
        harness.get_by_label("grocery.ron was deleted or moved");
        assert!(harness.query_by_label("Reload").is_none());
        harness.get_by_label("Save it here again").click();
        harness.run();
        assert_eq!(*harness.state(), Some(ConflictChoice::Overwrite));
    }

    #[test]
    fn a_changed_file_offers_reload_overwrite_and_save_as() {
        let path = std::path::PathBuf::from("/maps/grocery.ron");
        let mut harness = harness(move |ctx| conflict(ctx, "grocery.ron", &path, false));
        for (label, choice) in [
            ("Reload", ConflictChoice::Reload),
            ("Overwrite", ConflictChoice::Overwrite),
            ("Save as…", ConflictChoice::SaveAs),
        ] {
            harness.get_by_label(label).click();
            harness.run();
            assert_eq!(harness.state_mut().take(), Some(choice));
        }
    }

    #[test]
    fn the_reload_offer_warns_about_unsaved_changes_and_escape_keeps_mine() {
        let harness_dirty = harness(|ctx| reload_offer(ctx, "map.ron", true));
        harness_dirty.get_by_label_contains("your unsaved changes here would be lost");
        let mut harness = harness_escape(|ctx| reload_offer(ctx, "map.ron", false));
        assert_eq!(harness.state_mut().take(), Some(false));
    }

    #[test]
    fn a_recovery_offer_shows_the_crash_and_the_choices_that_fit() {
        let mut harness = harness(|ctx| {
            recovery_offer(
                ctx,
                RecoveryKind::Copy,
                "grocery.ron",
                Some("index out of range"),
            )
        });
        harness.get_by_label("index out of range");
        harness.get_by_label("Restore").click();
        harness.run();
        assert_eq!(*harness.state(), Some(RecoveryChoice::Restore));

        let mut harness =
            harness_escape(|ctx| recovery_offer(ctx, RecoveryKind::Unreadable, "2:1: bad", None));
        assert_eq!(*harness.state(), None, "Esc does not delete a copy");
        harness.get_by_label("Keep it").click();
        harness.run();
        assert_eq!(*harness.state(), Some(RecoveryChoice::Keep));
    }
}
