//! [`Replica`]: one peer's copy of a shared map.

use std::cell::RefCell;

use automerge::sync::{self, SyncDoc};
use automerge::{ActorId, Automerge, AutomergeError, ChangeHash, PatchLog, ROOT, ReadDoc};
use thiserror::Error;

use super::incremental::{self, Touched};
use super::{layout, read, write};
use crate::model::{IdTag, JourneyMap};

/// The largest sync message accepted from a peer, in bytes. The first
/// message to a new peer carries the whole document, so this bounds the
/// size of a map that can be shared too.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

/// The largest saved document [`Replica::load`] reads, in bytes.
pub const MAX_LOAD_BYTES: usize = 64 * 1024 * 1024;

/// The most operations a document may hold (every character typed is one).
/// A document that grows past it, by loading or from a peer, is refused.
pub const MAX_DOCUMENT_OPS: u64 = 50_000_000;

/// Why bytes from a peer or a file were refused, or a change not made.
#[derive(Debug, Error)]
pub enum SyncError {
    /// A sync message larger than [`MAX_MESSAGE_BYTES`].
    #[error(
        "a sync message of {len} bytes is larger than the {max} bytes journeymap accepts; \
         the peer may be sending a map too large to share"
    )]
    MessageTooLarge {
        /// Its size in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A saved document larger than [`MAX_LOAD_BYTES`].
    #[error("a shared map of {len} bytes is larger than the {max} bytes journeymap reads")]
    DocumentTooLarge {
        /// Its size in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The document holds more than [`MAX_DOCUMENT_OPS`] operations.
    #[error(
        "the shared map has grown to {ops} operations, more than the {max} journeymap allows; \
         stop sharing it with the peer that sent them"
    )]
    TooManyOps {
        /// How many it holds.
        ops: u64,
        /// The limit.
        max: u64,
    },
    /// Bytes that are not an automerge change.
    #[error("a peer sent something that is not a change to the map: {0}")]
    BadChange(#[from] automerge::LoadChangeError),
    /// Bytes that are not a sync message.
    #[error("a peer sent something that is not a sync message: {0}")]
    BadMessage(#[from] sync::ReadMessageError),
    /// Automerge refused the bytes or the change.
    #[error("the shared map could not be read or changed: {0}")]
    Document(#[from] AutomergeError),
    /// No bytes at all, where a saved document was expected.
    #[error("the shared map is empty: no bytes were saved in it")]
    Empty,
    /// The thread that holds the shared map could not be started.
    #[error("the map could not be shared: no thread to hold it ({0})")]
    Thread(std::io::Error),
    /// The thread that holds the shared map has stopped.
    #[error("the shared copy of the map has stopped")]
    Stopped,
    /// The document was made by a newer journeymap.
    #[error(
        "this shared map was written in format {0}, newer than this journeymap knows; \
         update journeymap to open it"
    )]
    NewerFormat(i64),
}

/// One peer's state of sync with another: what each is known to have.
/// Keep one per connected peer, and a fresh one for each new connection.
#[derive(Debug, Default)]
pub struct Peer(sync::State);

impl Peer {
    /// A peer we have not exchanged anything with yet.
    pub fn new() -> Self {
        Self::default()
    }
}

/// One peer's copy of a shared journey map: an automerge document beside
/// the model. Local edits go in through [`Self::update`]; the map, with
/// everyone's edits merged and repaired, comes out of [`Self::to_map`].
pub struct Replica {
    doc: Automerge,
    /// The heads of the document state the caller's map was last read from
    /// or written at: a local edit is recorded as based on that state, so
    /// it merges with remote changes the caller has not seen yet instead of
    /// landing at stale text positions.
    view: RefCell<Vec<ChangeHash>>,
    /// What remote changes touched since the map was last brought up to
    /// date by [`Self::refresh`].
    touched: Touched,
    /// Local changes not yet taken by [`Self::take_local_changes`].
    local: Vec<ChangeHash>,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica")
            .field("actor", self.doc.get_actor())
            .field("heads", &self.doc.get_heads())
            .finish_non_exhaustive()
    }
}

impl Replica {
    /// A new shared document holding `map`. Other peers must start from
    /// this document (by [`Self::load`] of its [`Self::save`], or by syncing
    /// from [`Self::empty`]), not from their own `new` of the same map:
    /// two documents made apart share no history, and would conflict.
    pub fn new(map: &JourneyMap) -> Result<Self, SyncError> {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        let written = write::init(&mut tx)
            .and_then(|()| write::changes(&mut tx, &JourneyMap::default(), map));
        match written {
            Ok(()) => {
                tx.commit();
            }
            Err(error) => {
                tx.rollback();
                return Err(error.into());
            }
        }
        Ok(Self::from_doc(doc))
    }

    /// An empty document, for a peer about to receive a shared map by sync.
    pub fn empty() -> Self {
        Self::from_doc(Automerge::new())
    }

    fn from_doc(doc: Automerge) -> Self {
        let view = RefCell::new(doc.get_heads());
        Self {
            doc,
            view,
            touched: Touched::default(),
            local: Vec::new(),
        }
    }

    /// Reads a document saved by [`Self::save`]; refuses one that is too
    /// large, malformed or of a newer format, with an error, never a panic.
    pub fn load(bytes: &[u8]) -> Result<Self, SyncError> {
        if bytes.len() > MAX_LOAD_BYTES {
            return Err(SyncError::DocumentTooLarge {
                len: bytes.len(),
                max: MAX_LOAD_BYTES,
            });
        }
        if bytes.is_empty() {
            // Automerge would read no bytes as a new, empty document.
            return Err(SyncError::Empty);
        }
        let replica = Self::from_doc(Automerge::load(bytes)?);
        replica.check()?;
        Ok(replica)
    }

    /// The whole document, compressed, for [`Self::load`].
    pub fn save(&self) -> Vec<u8> {
        self.doc.save()
    }

    /// This replica with another actor id (who made a change), for tests
    /// that need to know which peer wins a conflict.
    #[must_use]
    pub fn with_actor(self, actor: &[u8]) -> Self {
        Self {
            doc: self.doc.with_actor(ActorId::from(actor)),
            ..self
        }
    }

    /// A copy of this replica as a new peer, with its own actor id.
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            doc: self.doc.fork(),
            view: self.view.clone(),
            touched: Touched::default(),
            local: Vec::new(),
        }
    }

    /// Records a local edit: `before` is the map the caller last had from
    /// this replica ([`Self::new`], [`Self::to_map`] or the `after` of the
    /// previous update), `after` the map after the edit. Only what differs
    /// by id is written: texts as one splice of what changed, moved items as
    /// new order keys for them alone. This is the one place local edits
    /// enter the shared document.
    pub fn update(&mut self, before: &JourneyMap, after: &JourneyMap) -> Result<(), SyncError> {
        self.write(before, after, PatchLog::inactive())
    }

    /// [`Self::update`], also noting what the edit touched, so that the next
    /// [`Self::read_changes`] of a map that lacks it reads it in too.
    pub(super) fn update_noted(
        &mut self,
        before: &JourneyMap,
        after: &JourneyMap,
    ) -> Result<(), SyncError> {
        self.write(before, after, PatchLog::active())
    }

    fn write(
        &mut self,
        before: &JourneyMap,
        after: &JourneyMap,
        log: PatchLog,
    ) -> Result<(), SyncError> {
        if before == after {
            return Ok(());
        }
        let view = self.view.borrow().clone();
        let mut tx = self
            .doc
            .transaction_at(log, &view)
            .map_err(AutomergeError::from)?;
        match write::changes(&mut tx, before, after) {
            Ok(()) => {
                if let (Some(hash), mut log) = tx.commit() {
                    *self.view.borrow_mut() = vec![hash];
                    self.local.push(hash);
                    self.note_patches(&mut log);
                }
                Ok(())
            }
            Err(error) => {
                tx.rollback();
                Err(error.into())
            }
        }
    }

    /// The document's heads: which changes it holds.
    pub(super) fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Makes the next [`Self::update`] build on the document state with
    /// `heads`: the state the caller's map was read at.
    pub(super) fn build_on(&mut self, heads: Vec<ChangeHash>) {
        *self.view.borrow_mut() = heads;
    }

    /// The map as the document says it now, with every peer's changes
    /// merged, repaired so that [`crate::model::validate`] finds nothing
    /// wrong with it, the same on every peer. This is the one place remote
    /// changes become a model state; the next [`Self::update`] takes its
    /// `before` to be this map.
    pub fn to_map(&mut self) -> JourneyMap {
        *self.view.borrow_mut() = self.doc.get_heads();
        self.touched = Touched::default();
        let mut map = read::map(&self.doc);
        map.id_tag = IdTag::new(&self.id_tag());
        map
    }

    /// Brings `map`, the map last returned by [`Self::to_map`] or written by
    /// [`Self::update`], up to date with the changes peers made since,
    /// reading only the entries they touched: the same map as
    /// [`Self::to_map`], in a fraction of the time on a big map. Returns
    /// whether anything changed. This and [`Self::to_map`] are the places
    /// remote changes become a model state.
    pub fn refresh(&mut self, map: &mut JourneyMap) -> bool {
        if !self.has_unseen_changes() {
            return false;
        }
        self.read_changes(map);
        *self.view.borrow_mut() = self.doc.get_heads();
        true
    }

    /// Reads into `map` the entries changes touched since the last read,
    /// as [`Self::refresh`] does, without making the next [`Self::update`]
    /// build on the state read: for a copy of the map that the caller does
    /// not show yet. Returns whether anything was touched.
    pub(super) fn read_changes(&mut self, map: &mut JourneyMap) -> bool {
        let touched = std::mem::take(&mut self.touched);
        if touched.is_empty() {
            return false;
        }
        incremental::refresh(&self.doc, &touched, map);
        map.id_tag = IdTag::new(&self.id_tag());
        true
    }

    /// Applies changes a peer made (raw automerge change bytes, as
    /// [`Self::take_local_changes`] gives them). Changes already here are
    /// skipped; if any of the bytes is not a change, they are all refused
    /// before anything is applied.
    pub fn apply_changes(&mut self, changes: &[Vec<u8>]) -> Result<(), SyncError> {
        let len: usize = changes.iter().map(Vec::len).sum();
        if len > MAX_MESSAGE_BYTES {
            return Err(SyncError::MessageTooLarge {
                len,
                max: MAX_MESSAGE_BYTES,
            });
        }
        let decoded = changes
            .iter()
            .map(|bytes| automerge::Change::try_from(bytes.as_slice()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut log = PatchLog::active();
        self.doc.apply_changes_log_patches(decoded, &mut log)?;
        self.note_patches(&mut log);
        self.check()
    }

    /// The changes made here by [`Self::update`] since the last call, as raw
    /// automerge change bytes for the peers, oldest first.
    pub fn take_local_changes(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.local)
            .into_iter()
            .filter_map(|hash| self.doc.get_change_by_hash(&hash))
            .map(|change| change.raw_bytes().to_vec())
            .collect()
    }

    /// Every change in the document, as raw bytes, oldest first.
    pub fn all_changes(&self) -> Vec<Vec<u8>> {
        self.doc
            .get_changes(&[])
            .into_iter()
            .map(|change| change.raw_bytes().to_vec())
            .collect()
    }

    /// A short tag that tells this peer's new ids from every other peer's,
    /// so that two people adding a card at once never make the same id:
    /// `-` and five letters or digits from the actor id.
    pub fn id_tag(&self) -> String {
        const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
        let actor = self.doc.get_actor().to_bytes();
        let mut bits: u64 = actor
            .iter()
            .take(8)
            .fold(0, |acc, &byte| (acc << 8) | u64::from(byte));
        let mut tag = String::from("-");
        for _ in 0..5 {
            tag.push(char::from(ALPHABET[(bits & 31) as usize]));
            bits >>= 5;
        }
        tag
    }

    /// Notes what the changes just applied with `log` touched, for
    /// [`Self::refresh`].
    fn note_patches(&mut self, log: &mut PatchLog) {
        let patches = self.doc.make_patches(log);
        self.touched.note(&patches);
    }

    /// Whether the document has changes (from peers) that the map last
    /// returned by [`Self::to_map`] or written by [`Self::update`] does not
    /// show yet: time to call [`Self::to_map`].
    pub fn has_unseen_changes(&self) -> bool {
        *self.view.borrow() != self.doc.get_heads()
    }

    /// Merges another replica's changes into this one, as syncing would.
    pub fn merge(&mut self, other: &mut Self) -> Result<(), SyncError> {
        let mut log = PatchLog::active();
        self.doc.merge_and_log_patches(&mut other.doc, &mut log)?;
        self.note_patches(&mut log);
        self.check()
    }

    /// The next sync message for `peer`, or `None` when there is nothing to
    /// send until it answers.
    pub fn generate_sync_message(&self, peer: &mut Peer) -> Option<Vec<u8>> {
        self.doc
            .generate_sync_message(&mut peer.0)
            .map(sync::Message::encode)
    }

    /// Applies a sync message from `peer`. Bytes that are too large or not a
    /// sync message are refused with an error, never a panic, and the
    /// document is unchanged.
    pub fn receive_sync_message(&mut self, peer: &mut Peer, bytes: &[u8]) -> Result<(), SyncError> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(SyncError::MessageTooLarge {
                len: bytes.len(),
                max: MAX_MESSAGE_BYTES,
            });
        }
        let message = sync::Message::decode(bytes)?;
        let mut log = PatchLog::active();
        self.doc
            .receive_sync_message_log_patches(&mut peer.0, message, &mut log)?;
        self.note_patches(&mut log);
        self.check()
    }

    /// How many operations the document holds, for measurements.
    #[cfg(test)]
    pub(super) fn doc_ops(&self) -> u64 {
        self.doc.stats().num_ops
    }

    /// Refuses a document that grew too large or is of a newer format.
    fn check(&self) -> Result<(), SyncError> {
        let ops = self.doc.stats().num_ops;
        if ops > MAX_DOCUMENT_OPS {
            return Err(SyncError::TooManyOps {
                ops,
                max: MAX_DOCUMENT_OPS,
            });
        }
        match self.doc.get(ROOT, layout::FORMAT_KEY) {
            Ok(Some((value, _))) => match value.as_i64() {
                Some(format) if format > layout::FORMAT => Err(SyncError::NewerFormat(format)),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}
