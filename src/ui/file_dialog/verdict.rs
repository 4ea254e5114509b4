//! What pressing Enter on a typed name does: the name is resolved against
//! the shown folder and checked on disk before anything is chosen.

use std::io;
use std::path::{Component, Path, PathBuf};

use super::Extensions;

/// What a typed name leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// This file is the answer.
    Choose(PathBuf),
    /// This is a folder: show it.
    Enter(PathBuf),
    /// Save over this existing file, if the user agrees.
    AskToReplace(PathBuf),
    /// Nothing happens but this message, which says what to do instead.
    Refuse(String),
}

impl Verdict {
    /// Enter in Open mode: an existing file of an allowed kind is chosen.
    /// A name typed without its extension finds the file with it.
    pub fn of_open(typed: &str, folder: &Path, extensions: &Extensions) -> Self {
        let typed = typed.trim();
        if typed.is_empty() {
            return Self::Refuse("Type a file name, or pick a file from the list.".to_owned());
        }
        let path = resolve(typed, folder);
        match std::fs::metadata(&path) {
            Ok(found) if found.is_dir() => Self::Enter(path),
            Ok(_) if extensions.matches(&path) => Self::Choose(path),
            Ok(_) => Self::Refuse(format!(
                "{} is not a {} file.",
                name_of(&path),
                extensions.describe()
            )),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let with_extension = extensions.added_to(path.clone());
                if with_extension != path && with_extension.is_file() {
                    return Self::Choose(with_extension);
                }
                if names_a_folder(typed) {
                    return Self::Refuse(format!("There is no folder {}.", path.display()));
                }
                missing(&path, "file")
            }
            Err(error) => Self::Refuse(format!("{} can't be opened: {error}.", path.display())),
        }
    }

    /// Enter in Save mode: a name in an existing folder, with the first
    /// extension added when it has none of them; an existing file is only
    /// replaced if the user agrees.
    pub fn of_save(typed: &str, folder: &Path, extensions: &Extensions) -> Self {
        let typed = typed.trim();
        if typed.is_empty() {
            return Self::Refuse("Type a name for the file.".to_owned());
        }
        let path = resolve(typed, folder);
        if path.is_dir() {
            return Self::Enter(path);
        }
        if names_a_folder(typed) || path.file_name().is_none() {
            return missing(&path, "folder");
        }
        let path = extensions.added_to(path);
        if let Some(parent) = path.parent() {
            match std::fs::metadata(parent) {
                Ok(found) if found.is_dir() => {}
                Ok(_) => {
                    return Self::Refuse(format!("{} is a file, not a folder.", parent.display()));
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    return missing(&path, "file");
                }
                Err(error) => {
                    return Self::Refuse(format!(
                        "The folder {} can't be used: {error}.",
                        parent.display()
                    ));
                }
            }
        }
        match std::fs::metadata(&path) {
            Ok(found) if found.is_dir() => Self::Refuse(format!(
                "{} is a folder. Type another name.",
                name_of(&path)
            )),
            Ok(_) => Self::AskToReplace(path),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Self::Choose(path),
            Err(error) => Self::Refuse(format!("{} can't be used: {error}.", path.display())),
        }
    }
}

/// The refusal for a `path` that is not there: its folder is missing, or
/// the folder is there and the `what` ("file", "folder") in it is not.
fn missing(path: &Path, what: &str) -> Verdict {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
            Verdict::Refuse(format!(
                "The folder {} does not exist. Create it first, or choose another folder.",
                parent.display()
            ))
        }
        Some(parent) => Verdict::Refuse(format!(
            "There is no {what} named {} in {}.",
            name_of(path),
            parent.display()
        )),
        None => Verdict::Refuse(format!("There is no {what} {}.", path.display())),
    }
}

/// The last part of `path`, for messages.
fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Whether the user typed a folder: it ends in a separator or is "." / "..".
fn names_a_folder(typed: &str) -> bool {
    let last = typed.rsplit(['/', std::path::MAIN_SEPARATOR]).next();
    matches!(last, Some("" | "." | ".."))
}

/// The path the user means by `typed` while `folder` is shown: absolute as
/// typed, `~` or `~/…` in the home folder, anything else inside `folder`.
/// `.` and `..` are resolved by name, as a shell's `cd` does.
pub fn resolve(typed: &str, folder: &Path) -> PathBuf {
    let in_home = typed.strip_prefix('~').filter(|rest| {
        rest.is_empty() || rest.starts_with('/') || rest.starts_with(std::path::MAIN_SEPARATOR)
    });
    let path = match (in_home, std::env::home_dir()) {
        (Some(rest), Some(home)) => {
            home.join(rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]))
        }
        _ => folder.join(typed),
    };
    tidy(&path)
}

/// `path` without `.` parts and with each `..` taking away the part before it.
pub fn tidy(path: &Path) -> PathBuf {
    let mut tidy = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            // ".." in the root folder is the root folder.
            Component::ParentDir => {
                if !tidy.pop() && !tidy.has_root() {
                    tidy.push(part);
                }
            }
            Component::Prefix(_) | Component::RootDir | Component::Normal(_) => tidy.push(part),
        }
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_absolute_in_home_or_inside_the_shown_folder() {
        let folder = Path::new("/maps/team");
        assert_eq!(resolve("/tmp/a.ron", folder), PathBuf::from("/tmp/a.ron"));
        assert_eq!(resolve("a.ron", folder), PathBuf::from("/maps/team/a.ron"));
        assert_eq!(resolve("../a.ron", folder), PathBuf::from("/maps/a.ron"));
        assert_eq!(
            resolve("./x/./a.ron", folder),
            PathBuf::from("/maps/team/x/a.ron")
        );
        assert_eq!(resolve("..", folder), PathBuf::from("/maps"));
        assert_eq!(resolve("/..", folder), PathBuf::from("/"));
        if let Some(home) = std::env::home_dir() {
            assert_eq!(resolve("~/maps/a.ron", folder), home.join("maps/a.ron"));
            assert_eq!(resolve("~", folder), home);
        }
        // Only "~" alone or followed by a separator means home.
        assert_eq!(
            resolve("~notes.ron", folder),
            PathBuf::from("/maps/team/~notes.ron")
        );
    }

    #[test]
    fn a_trailing_separator_or_dots_name_a_folder() {
        assert!(names_a_folder("maps/"));
        assert!(names_a_folder(".."));
        assert!(names_a_folder("a/."));
        assert!(!names_a_folder("maps"));
    }
}
