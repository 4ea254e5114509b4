//! The desktop's own file dialog (through rfd), and whether it can be shown.
//!
//! On Linux, rfd asks the XDG desktop portal and falls back to zenity; with
//! neither, it shows nothing and answers as if the user had cancelled. A
//! minimal window manager often has neither, so before asking, journeymap
//! looks for them, and shows its own dialog when they are missing.

use std::path::{Path, PathBuf};

use super::files::FilePurpose;

/// Asks with the native dialog, blocking until it closes; `None` when the
/// user cancelled (or no dialog could be shown after all).
pub(super) fn ask(purpose: FilePurpose, folder: Option<&Path>, name: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match purpose {
        FilePurpose::Open | FilePurpose::Compare => {
            dialog.add_filter("Journey map", &["ron"]).pick_file()
        }
        FilePurpose::Import => dialog
            .add_filter(
                "Mermaid journey or CSV of cards",
                &["mmd", "mermaid", "csv"],
            )
            .pick_file(),
        FilePurpose::SaveAs => dialog
            .add_filter("Journey map", &["ron"])
            .set_file_name(name)
            .save_file(),
        FilePurpose::Export(format) => dialog
            .add_filter(format.description(), &[format.extension()])
            .set_file_name(name)
            .save_file(),
    }
}

/// Whether a native file dialog can be shown here: always on Windows and
/// macOS; on Linux and the BSDs when zenity is installed, or a desktop
/// portal with a file chooser is installed and a session bus is running.
pub(super) fn can_show() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let data_dirs = std::env::var_os("XDG_DATA_DIRS")
        .filter(|dirs| !dirs.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    zenity_on(&path) || (session_bus() && portal_file_chooser_in(&data_dirs))
}

/// Whether `zenity` is an executable file in one of the `path` folders.
fn zenity_on(path: &std::ffi::OsStr) -> bool {
    std::env::split_paths(path).any(|folder| folder.join("zenity").is_file())
}

/// Whether a D-Bus session bus is there to carry the portal's messages.
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Whether one of the data folders holds the desktop portal's D-Bus service
/// and a portal backend that implements the file chooser.
fn portal_file_chooser_in(data_dirs: &std::ffi::OsStr) -> bool {
    let folders: Vec<PathBuf> = std::env::split_paths(data_dirs).collect();
    let service = folders.iter().any(|folder| {
        folder
            .join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    service
        && folders.iter().any(|folder| {
            let Ok(entries) = std::fs::read_dir(folder.join("xdg-desktop-portal/portals")) else {
                return false;
            };
            entries.flatten().any(|entry| {
                // Portal files are a few hundred bytes; read no more.
                std::fs::read(entry.path()).is_ok_and(|bytes| {
                    bytes.len() < 64 * 1024
                        && String::from_utf8_lossy(&bytes)
                            .contains("org.freedesktop.impl.portal.FileChooser")
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn zenity_is_found_on_the_path() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = std::env::join_paths([folder.path()]).expect("path");
        assert!(!zenity_on(&path));
        fs::write(folder.path().join("zenity"), "").expect("write");
        assert!(zenity_on(&path));
    }

    #[test]
    fn a_portal_counts_only_with_its_service_and_a_file_chooser_backend() {
        let data = tempfile::tempdir().expect("tempdir");
        let dirs = std::env::join_paths([data.path()]).expect("dirs");
        let portals = data.path().join("xdg-desktop-portal/portals");
        fs::create_dir_all(&portals).expect("mkdir");
        fs::write(
            portals.join("gtk.portal"),
            "[portal]\nDBusName=org.freedesktop.impl.portal.desktop.gtk\n\
             Interfaces=org.freedesktop.impl.portal.FileChooser;\n",
        )
        .expect("write");
        assert!(!portal_file_chooser_in(&dirs), "no portal service");
        let services = data.path().join("dbus-1/services");
        fs::create_dir_all(&services).expect("mkdir");
        fs::write(services.join("org.freedesktop.portal.Desktop.service"), "").expect("write");
        assert!(portal_file_chooser_in(&dirs));
        fs::write(
            portals.join("gtk.portal"),
            "[portal]\nInterfaces=org.freedesktop.impl.portal.Screenshot;\n",
        )
        .expect("write");
        assert!(!portal_file_chooser_in(&dirs), "no file chooser");
    }
}
