//! Preferences kept between runs in eframe's storage. Never the document.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Colour, PALETTE};

/// The key under which eframe stores the preferences.
pub const STORAGE_KEY: &str = "journeymap-preferences";

/// How many files "Open recent" remembers.
pub const MAX_RECENT: usize = 10;

/// What journeymap remembers between runs. The window's size and place
/// are remembered by eframe itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, each a checkbox of its own in a menu"
)]
pub struct Preferences {
    /// Recently opened files, most recent first.
    pub recent: Vec<PathBuf>,
    /// Whether the dark theme is on.
    pub dark: bool,
    /// Whether the insights panel is shown.
    pub insights: bool,
    /// The zoom and scroll position of the file open at exit, so that it
    /// reopens where the user left it.
    pub view: Option<SavedView>,
    /// Whether saving keeps the version it replaces as `FILE.ron.bak`.
    pub backup: bool,
    /// Whether file dialogs are journeymap's own rather than the desktop's.
    pub own_file_dialog: bool,
    /// My name in a shared map; empty until asked (the first time I share
    /// or join).
    pub name: String,
    /// My colour in a shared map: my selection is outlined in it.
    pub colour: Colour,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dark: false,
            insights: false,
            view: None,
            backup: true,
            own_file_dialog: false,
            name: String::new(),
            colour: PALETTE[0],
        }
    }
}

/// Where the canvas was on a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// The file.
    pub file: PathBuf,
    /// The canvas zoom (1 is 100 %).
    pub zoom: f32,
    /// The map's offset in the canvas, in points.
    pub pan: [f32; 2],
}

impl Preferences {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// Forgets `path`, e.g. because it no longer exists.
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_on_unless_turned_off_even_in_preferences_from_before_they_existed() {
        assert!(Preferences::default().backup);
        let old: Preferences = ron::from_str("(recent: [], dark: true)").expect("old prefs");
        assert!(old.backup && old.dark);
    }

    #[test]
    fn a_name_and_colour_are_remembered_and_old_preferences_have_none() {
        let old: Preferences = ron::from_str("(recent: [], dark: true)").expect("old prefs");
        assert!(old.name.is_empty());
        let mine = Preferences {
            name: "Ana".to_owned(),
            colour: PALETTE[4],
            ..Preferences::default()
        };
        let text = ron::to_string(&mine).expect("written");
        assert_eq!(ron::from_str::<Preferences>(&text).expect("read"), mine);
    }

    #[test]
    fn the_most_recent_file_comes_first_and_the_list_is_bounded() {
        let mut prefs = Preferences::default();
        for i in 0..15 {
            prefs.remember(Path::new(&format!("map{i}.ron")));
        }
        prefs.remember(Path::new("map3.ron"));
        assert_eq!(prefs.recent.len(), MAX_RECENT);
        assert_eq!(prefs.recent[0], Path::new("map3.ron"));
        assert_eq!(
            prefs
                .recent
                .iter()
                .filter(|p| p.ends_with("map3.ron"))
                .count(),
            1
        );
        prefs.forget(Path::new("map3.ron"));
        assert!(!prefs.recent.iter().any(|p| p.ends_with("map3.ron")));
    }
}
