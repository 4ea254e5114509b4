//! Which files a file dialog offers: the extensions it allows.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The file extensions a dialog allows, without the dot, in lower case. The
/// first one is added to a name typed without any of them. None allows
/// every file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extensions(Vec<String>);

impl Extensions {
    /// The allowed extensions, written with or without a leading dot, in
    /// any case: `&["ron"]`, `&[".png"]`.
    pub fn new(extensions: &[&str]) -> Self {
        Self(
            extensions
                .iter()
                .map(|extension| extension.trim_start_matches('.').to_lowercase())
                .filter(|extension| !extension.is_empty())
                .collect(),
        )
    }

    /// Whether `path` ends in one of the extensions (in any case).
    pub fn matches(&self, path: &Path) -> bool {
        if self.0.is_empty() {
            return true;
        }
        path.extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| self.0.contains(&extension.to_lowercase()))
    }

    /// `path` with the first extension added when it ends in none of them.
    /// Appended, not replaced: "Journey v1.2" becomes "Journey v1.2.ron".
    pub fn added_to(&self, path: PathBuf) -> PathBuf {
        let (Some(first), Some(name)) = (self.0.first(), path.file_name()) else {
            return path;
        };
        if self.matches(&path) {
            return path;
        }
        let mut name = OsString::from(name);
        name.push(".");
        name.push(first);
        path.with_file_name(name)
    }

    /// The first extension, the one a name without any gets.
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(String::as_str)
    }

    /// The extensions as a reader would write them: ".ron", ".ron or .json".
    pub fn describe(&self) -> String {
        let dotted: Vec<String> = self.0.iter().map(|e| format!(".{e}")).collect();
        match dotted.split_last() {
            None => "any".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_in_any_case_and_a_missing_one_is_appended() {
        let ron = Extensions::new(&[".RON"]);
        assert!(ron.matches(Path::new("a/Map.Ron")));
        assert!(!ron.matches(Path::new("a/map.png")));
        assert!(!ron.matches(Path::new("a/map")));
        assert_eq!(ron.added_to("a/map".into()), PathBuf::from("a/map.ron"));
        assert_eq!(ron.added_to("a/map.ron".into()), PathBuf::from("a/map.ron"));
        assert_eq!(
            ron.added_to("Journey v1.2".into()),
            PathBuf::from("Journey v1.2.ron")
        );
    }

    #[test]
    fn no_extensions_allow_every_file_and_add_nothing() {
        let any = Extensions::new(&[]);
        assert!(any.matches(Path::new("notes.txt")));
        assert_eq!(any.added_to("notes".into()), PathBuf::from("notes"));
        assert_eq!(any.describe(), "any");
        assert_eq!(
            Extensions::new(&["ron", "json", "png"]).describe(),
            ".ron, .json or .png"
        );
    }
}
