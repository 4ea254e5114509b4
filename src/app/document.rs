//! The document open in the editor: a map, where it came from, its undo
//! history and which state of it is saved.

use std::path::{Path, PathBuf};

use crate::edit::{Created, Edit, History, StateId};
use crate::io::{self, DiskState, LoadError};
use crate::model::{EditError, JourneyMap};
use crate::samples::Sample;

/// Where the open map came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// A bundled sample or template, not yet saved anywhere.
    Sample(&'static str),
}

/// The map being edited.
pub struct Document {
    /// The map. Change it only through [`Self::apply`], so it can be undone.
    pub map: JourneyMap,
    /// Where it came from (or was last saved to).
    pub origin: Origin,
    history: History,
    /// The state last written to `origin`'s file; for a sample, the state it
    /// opened in (an unedited sample has nothing to lose). `None` for a
    /// recovered map that was never saved: it has everything to lose.
    saved: Option<StateId>,
    /// What `origin`'s file held when it was opened or last saved, to tell
    /// whether somebody else has changed it since.
    disk: Option<DiskState>,
}

impl Document {
    /// A document holding `map` from `origin`, as yet unedited.
    pub fn new(map: JourneyMap, origin: Origin) -> Self {
        let history = History::default();
        let saved = Some(history.state());
        Self {
            map,
            origin,
            history,
            saved,
            disk: None,
        }
    }

    /// A document holding `map` from `origin` that was never saved there:
    /// a recovered map whose file is gone, or an untitled one.
    pub fn unsaved(map: JourneyMap, origin: Origin) -> Self {
        Self {
            saved: None,
            ..Self::new(map, origin)
        }
    }

    /// Opens the map file at `path`.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let bytes = io::read_map_bytes(path)?;
        let map = io::parse_map_bytes(&bytes)?;
        Ok(Self {
            disk: Some(DiskState::of_bytes(&bytes)),
            ..Self::new(map, Origin::File(path.to_owned()))
        })
    }

    /// Opens a bundled sample.
    pub fn from_sample(sample: &Sample) -> Result<Self, LoadError> {
        Ok(Self::new(sample.map()?, Origin::Sample(sample.name)))
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<Created, EditError> {
        self.history.apply(&mut self.map, edit)
    }

    /// Reverts the last edit; returns its label.
    pub fn undo(&mut self) -> Option<&'static str> {
        self.history.undo(&mut self.map)
    }

    /// Applies the last undone edit again; returns its label.
    pub fn redo(&mut self) -> Option<&'static str> {
        self.history.redo(&mut self.map)
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether there are changes that would be lost: edits since the last
    /// save (or since a sample was opened), even after undo and redo.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.history.state())
    }

    /// The current state, to record as saved once a save of it succeeds.
    pub fn state(&self) -> StateId {
        self.history.state()
    }

    /// Records that `state` was written to `path`, which now holds `disk`.
    pub fn saved_as(&mut self, path: PathBuf, state: StateId, disk: DiskState) {
        self.origin = Origin::File(path);
        self.saved = Some(state);
        self.disk = Some(disk);
    }

    /// What the document's file held when it was opened or last saved
    /// (`None` if that is not known, e.g. for a sample).
    pub fn disk(&self) -> Option<DiskState> {
        self.disk
    }

    /// The name shown in the window title: the file name; "Untitled" for
    /// a new map (from a template); a sample's name, marked as a sample.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            Origin::Sample(name) => match crate::samples::find(name) {
                Some(sample) if sample.kind == crate::samples::SampleKind::Map => {
                    format!("{} (sample)", sample.label)
                }
                _ => "Untitled".to_owned(),
            },
        }
    }

    /// The file the map was opened from or saved to, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            Origin::Sample(_) => None,
        }
    }
}
