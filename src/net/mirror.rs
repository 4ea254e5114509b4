//! [`Mirror`]: a headless peer's copy of the shared document.

use automerge::{Automerge, Change, ChangeHash, ReadDoc as _};

use crate::model::JourneyMap;
use crate::sync::{MAX_DOCUMENT_OPS, Replica, SyncError};

/// A copy of the shared document for peers without an editor (`journeymap
/// serve`, the headless `journeymap peer`): it takes a session's
/// [`Document`](super::SessionEvent::Document) and
/// [`Changes`](super::SessionEvent::Changes), reads as a map through
/// [`Replica::to_map`] (repaired the same as on every peer), and turns an
/// edited map into changes for [`Session::send_changes`](super::Session::send_changes)
/// through [`Replica::update`]. The editor keeps its own `Replica` instead.
#[derive(Debug)]
pub struct Mirror {
    doc: Automerge,
}

impl Mirror {
    /// The document a session sent; refused like [`Replica::load`] refuses.
    pub fn load(bytes: &[u8]) -> Result<Self, SyncError> {
        Replica::load(bytes)?;
        Ok(Self {
            doc: Automerge::load(bytes)?,
        })
    }

    /// Applies changes from peers. Bytes that are not a change are refused
    /// with an error; so is a document grown past [`MAX_DOCUMENT_OPS`].
    pub fn apply(&mut self, changes: &[Vec<u8>]) -> Result<(), SyncError> {
        let mut parsed = Vec::with_capacity(changes.len());
        for bytes in changes {
            let change =
                Change::from_bytes(bytes.clone()).map_err(automerge::AutomergeError::from)?;
            parsed.push(change);
        }
        self.doc.apply_changes(parsed)?;
        let ops = self.doc.stats().num_ops;
        if ops > MAX_DOCUMENT_OPS {
            return Err(SyncError::TooManyOps {
                ops,
                max: MAX_DOCUMENT_OPS,
            });
        }
        Ok(())
    }

    /// The map as the document says it now, repaired as on every peer.
    pub fn map(&self) -> Result<JourneyMap, SyncError> {
        Ok(Replica::load(&self.doc.save())?.to_map())
    }

    /// The document's heads: which state [`Self::map`] reads.
    pub fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// The whole document, as automerge saves it.
    pub fn save(&self) -> Vec<u8> {
        self.doc.save()
    }

    /// Records `after` as an edit of the current map; returns the changes
    /// to send to the peers (none if nothing changed).
    pub fn edit(&mut self, after: &JourneyMap) -> Result<Vec<Vec<u8>>, SyncError> {
        self.edit_at(&self.heads(), after)
    }

    /// Records `after` as an edit of the map as it was at `base` (heads
    /// from [`Self::heads`]), and merges it with everything since, as a
    /// peer who edited that older map while offline would. This is how a
    /// file changed on disk since the host last wrote it comes in without
    /// undoing what the peers did meanwhile.
    pub fn edit_at(
        &mut self,
        base: &[ChangeHash],
        after: &JourneyMap,
    ) -> Result<Vec<Vec<u8>>, SyncError> {
        let then = self.doc.fork_at(base)?;
        let mut replica = Replica::load(&then.save())?;
        let before = replica.to_map();
        replica.update(&before, after)?;
        let edited = Automerge::load(&replica.save())?;
        let changes: Vec<Change> = edited.get_changes(base);
        let raw = changes
            .iter()
            .map(|change| change.raw_bytes().to_vec())
            .collect();
        self.doc.apply_changes(changes)?;
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, CardId};
    use crate::samples;

    fn sample() -> JourneyMap {
        samples::find("grocery-trip")
            .and_then(|sample| sample.map().ok())
            .expect("sample")
    }

    /// `map` with a card of `text` (and id `id`: two peers adding cards at
    /// once must not both take the same `fresh_id`).
    fn with_card(map: &JourneyMap, id: &str, text: &str) -> JourneyMap {
        let mut map = map.clone();
        let stage = map.stages[0].id.clone();
        let lane = map.lanes[0].id.clone();
        let card = Card::new(CardId::new(id), lane, text);
        map.insert_card(&stage, usize::MAX, card).expect("add");
        map
    }

    #[test]
    fn an_edit_made_on_an_old_state_merges_with_what_came_since() {
        let map = sample();
        let bytes = Replica::new(&map).expect("replica").save();
        let mut host = Mirror::load(&bytes).expect("host");
        let mut peer = Mirror::load(&bytes).expect("peer");
        let written = host.heads();
        let from_peer = peer
            .edit(&with_card(&map, "peer1", "from a peer"))
            .expect("edit");
        host.apply(&from_peer).expect("apply");
        // The file on disk was edited from the map as it was written.
        let on_disk = with_card(&map, "file1", "from the file");
        let from_file = host.edit_at(&written, &on_disk).expect("merge");
        assert!(!from_file.is_empty());
        let merged = host.map().expect("map");
        let texts: Vec<_> = merged.cards().map(|card| card.text.clone()).collect();
        assert!(texts.contains(&"from a peer".to_owned()), "{texts:?}");
        assert!(texts.contains(&"from the file".to_owned()), "{texts:?}");
        assert_eq!(merged.card_count(), map.card_count() + 2);
    }

    #[test]
    fn bytes_that_are_not_a_change_are_refused() {
        let bytes = Replica::new(&sample()).expect("replica").save();
        let mut mirror = Mirror::load(&bytes).expect("load");
        assert!(mirror.apply(&[b"not a change".to_vec()]).is_err());
        assert!(Mirror::load(b"garbage").is_err());
    }
}
