//! The document open in the editor: a map, where it came from, its undo
//! history and which state of it is saved.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::edit::{Created, Edit, History, StateId};
use crate::io::{self, Comments, DiskState, LoadError};
use crate::model::{EditError, JourneyMap};
use crate::samples::Sample;
use crate::sync::{Replica, ReplicaThread, SyncError, Wake};

/// Where the open map came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// A bundled sample or template, not yet saved anywhere.
    Sample(&'static str),
    /// A map someone else shares, joined over the network: the host keeps
    /// the file.
    Joined,
    /// A map made from this Mermaid journey or CSV of cards, not yet saved
    /// as a map.
    Imported(PathBuf),
}

/// The map being edited.
pub struct Document {
    /// The map. Change it only through [`Self::apply`], so it can be undone.
    pub map: JourneyMap,
    /// Where it came from (or was last saved to).
    pub origin: Origin,
    /// The comments of the file it was opened from, by the item each
    /// belongs to: kept beside the map, never in it, and written back on
    /// save. Edits, undo, redo and peers' changes leave them as they are:
    /// a comment shows again with its item when an undo brings it back.
    pub comments: Comments,
    history: History,
    /// The state last written to `origin`'s file; for a sample, the state it
    /// opened in (an unedited sample has nothing to lose). `None` for a
    /// recovered map that was never saved: it has everything to lose.
    saved: Option<StateId>,
    /// What `origin`'s file held when it was opened or last saved, to tell
    /// whether somebody else has changed it since.
    disk: Option<DiskState>,
    /// While the map is shared: its replica, beside the map, on a thread of
    /// its own. Local edits cross into it in [`Self::apply`], [`Self::undo`]
    /// and [`Self::redo`]; peers' edits come out of it in
    /// [`Self::poll_shared`].
    replica: Option<ReplicaThread>,
}

impl Document {
    /// A document holding `map` from `origin`, as yet unedited.
    pub fn new(map: JourneyMap, origin: Origin) -> Self {
        let history = History::default();
        let saved = Some(history.state());
        Self {
            map,
            origin,
            comments: Comments::default(),
            history,
            saved,
            disk: None,
            replica: None,
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
        let file = io::parse_file_bytes(&bytes)?;
        crate::model::limits::check(&file.map)?;
        Ok(Self {
            disk: Some(DiskState::of_bytes(&bytes)),
            comments: file.comments,
            ..Self::new(file.map, Origin::File(path.to_owned()))
        })
    }

    /// Opens a bundled sample.
    pub fn from_sample(sample: &Sample) -> Result<Self, LoadError> {
        let file = io::parse_file(sample.source)?;
        Ok(Self {
            comments: file.comments,
            ..Self::new(file.map, Origin::Sample(sample.name))
        })
    }

    /// The map as its file holds it: canonical RON with the comments put
    /// back, those of items the map no longer has left out.
    pub fn to_ron(&self) -> Result<String, io::SaveError> {
        io::to_ron_with(&self.map, &self.comments)
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<Created, EditError> {
        let state = self.history.state();
        let created = self.history.apply(&mut self.map, edit)?;
        // The undo step just made holds the map the edit started from.
        if self.history.state() != state
            && let (Some(replica), Some(before)) = (&mut self.replica, self.history.last_before())
        {
            replica.record(before, &self.map);
        }
        Ok(created)
    }

    /// Reverts the last edit; returns its label. On a shared map, that is
    /// my own last edit, never a teammate's.
    pub fn undo(&mut self) -> Option<&'static str> {
        let before = self.replica.is_some().then(|| self.map.clone());
        let label = self.history.undo(&mut self.map)?;
        self.record(before);
        Some(label)
    }

    /// Applies the last undone edit again; returns its label.
    pub fn redo(&mut self) -> Option<&'static str> {
        let before = self.replica.is_some().then(|| self.map.clone());
        let label = self.history.redo(&mut self.map)?;
        self.record(before);
        Some(label)
    }

    /// Hands the undo or redo just made to the replica, if the map is
    /// shared; `before` is the map it started from.
    fn record(&mut self, before: Option<JourneyMap>) {
        if let (Some(replica), Some(before)) = (&mut self.replica, before) {
            replica.record(&before, &self.map);
        }
    }

    /// Why the last local edit could not be shared, once.
    pub fn take_share_error(&mut self) -> Option<SyncError> {
        self.replica
            .as_mut()
            .and_then(ReplicaThread::take_not_written)
    }

    /// Starts sharing this map: makes its replica and makes undo per
    /// person. Returns the replica's bytes, for the session to host.
    pub fn share(&mut self) -> Result<Vec<u8>, SyncError> {
        let mut replica = Replica::new(&self.map)?;
        let map = replica.to_map();
        let bytes = replica.save();
        self.replica = Some(ReplicaThread::spawn(replica, &map)?);
        self.map = map;
        self.history.share(&self.map);
        Ok(bytes)
    }

    /// A document showing a shared map joined over the network, from the
    /// session's whole document.
    pub fn joined(bytes: &[u8]) -> Result<Self, SyncError> {
        let mut document = Self::new(JourneyMap::default(), Origin::Joined);
        document.take_shared(bytes)?;
        document.saved = Some(document.state());
        Ok(document)
    }

    /// Takes the session's whole document as this map's replica: on
    /// joining, and on hosting (a host restarted on its saved history gets
    /// that history back). The map becomes what it says, as a change made
    /// elsewhere, not an undo step.
    pub fn take_shared(&mut self, bytes: &[u8]) -> Result<(), SyncError> {
        let mut replica = Replica::load(bytes)?;
        let map = replica.to_map();
        self.replica = Some(ReplicaThread::spawn(replica, &map)?);
        if map != self.map {
            self.history.changed_elsewhere();
        }
        self.map = map;
        self.history.share(&self.map);
        Ok(())
    }

    /// Hands changes peers made to the replica; [`Self::poll_shared`]
    /// shows them once they are merged.
    pub fn receive(&mut self, changes: Vec<Vec<u8>>) {
        if let Some(replica) = &mut self.replica {
            replica.receive(changes);
        }
    }

    /// Shows the map with peers' changes merged, if the replica has merged
    /// any since; returns whether the map changed. Changes that were not
    /// changes to the map are refused with an error, and the map is as it
    /// was.
    pub fn poll_shared(&mut self) -> Result<bool, SyncError> {
        let Some(replica) = &mut self.replica else {
            return Ok(false);
        };
        if let Some(error) = replica.take_refused() {
            return Err(error);
        }
        let Some(merged) = replica.take_merged() else {
            return Ok(false);
        };
        if merged == self.map {
            self.map = merged;
            return Ok(false);
        }
        self.map = merged;
        self.history.changed_elsewhere();
        Ok(true)
    }

    /// Waits (a few seconds at most) until the replica has taken in every
    /// edit and change handed to it, then shows the map as
    /// [`Self::poll_shared`] does. For tests and measurements, which need to
    /// know when a change is in; the editor polls instead.
    pub fn settle(&mut self) -> Result<bool, SyncError> {
        if let Some(replica) = &mut self.replica {
            replica.settle(Duration::from_secs(10));
        }
        self.poll_shared()
    }

    /// Has `wake` called when the replica has something to show or send,
    /// so that a frame runs to take it.
    pub fn set_wake(&self, wake: Wake) {
        if let Some(replica) = &self.replica {
            replica.set_wake(wake);
        }
    }

    /// Whether the map is shared and [`Self::set_wake`] was called for it.
    pub fn wakes(&self) -> bool {
        self.replica.as_ref().is_some_and(ReplicaThread::wakes)
    }

    /// The local changes not yet sent to the peers, as change bytes.
    pub fn outgoing(&mut self) -> Vec<Vec<u8>> {
        self.replica
            .as_mut()
            .map(ReplicaThread::take_outgoing)
            .unwrap_or_default()
    }

    /// Whether every local edit has been written and taken by
    /// [`Self::outgoing`]: nothing is waiting to be sent.
    pub fn all_sent(&mut self) -> bool {
        self.replica.as_mut().is_none_or(ReplicaThread::all_sent)
    }

    /// Whether the map is shared (hosted or joined).
    pub fn is_shared(&self) -> bool {
        self.replica.is_some()
    }

    /// Stops sharing: the map stays as it is, edited alone from now on.
    pub fn stop_sharing(&mut self) {
        self.replica = None;
        self.map.id_tag = crate::model::IdTag::default();
    }

    /// Records that everything here has reached the session, for a joined
    /// map: the host keeps the file, so there is nothing to lose.
    pub fn mark_shared(&mut self) {
        self.saved = Some(self.history.state());
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
            Origin::File(path) => file_name(path),
            Origin::Sample(name) => match crate::samples::find(name) {
                Some(sample) if sample.kind == crate::samples::SampleKind::Map => {
                    format!("{} (sample)", sample.label)
                }
                _ => "Untitled".to_owned(),
            },
            Origin::Imported(source) => format!("{} (imported)", file_name(source)),
            Origin::Joined if self.map.title.trim().is_empty() => "Shared map".to_owned(),
            Origin::Joined => self.map.title.trim().to_owned(),
        }
    }

    /// The file the map was opened from or saved to, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            Origin::Sample(_) | Origin::Joined | Origin::Imported(_) => None,
        }
    }
}

/// The file's name, or its whole path if it has none.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
