//! The document open in the editor: a map and where it came from.

use std::path::{Path, PathBuf};

use crate::io::{self, LoadError};
use crate::model::JourneyMap;
use crate::samples::Sample;

/// Where the open map came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// A bundled sample or template, not yet saved anywhere.
    Sample(&'static str),
}

/// The map being edited and its origin.
#[derive(Clone, Debug)]
pub struct Document {
    /// The map.
    pub map: JourneyMap,
    /// Where it came from.
    pub origin: Origin,
}

impl Document {
    /// Opens the map file at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        Ok(Self {
            map: io::read_map(path)?,
            origin: Origin::File(path.to_owned()),
        })
    }

    /// Opens a bundled sample.
    pub fn from_sample(sample: &Sample) -> Result<Self, LoadError> {
        Ok(Self {
            map: sample.map()?,
            origin: Origin::Sample(sample.name),
        })
    }

    /// The name shown in the window title: the file name, or the sample's
    /// name marked as not yet saved.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            Origin::Sample(name) => format!("{name} (sample)"),
        }
    }

    /// The file the map was opened from, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            Origin::Sample(_) => None,
        }
    }
}
