//! [`ReplicaThread`]: the replica on a thread of its own, so that neither
//! writing an edit into a big document nor merging a teammate's holds up a
//! frame.
//!
//! On a 20,000-card map, writing one edit into the document takes 1–2 ms
//! and applying one from a peer about 7 ms: most of a frame's budget, and
//! more on a slower machine. Here the
//! editor hands each edit over as the map before and after it (cheap
//! copies: [`crate::model::Cards`]) and carries on; the thread writes it,
//! gives back the change bytes for the peers, and, when teammates' changes
//! arrive, gives back the merged map.
//!
//! The editor's map and the thread's document must agree on which state a
//! local edit starts from. So every edit says which merged map the editor
//! had taken when it made it, and a merged map is taken only if it holds
//! every edit the editor has sent: a map sent while an edit was on its way
//! is stale, and the thread sends another once it has written that edit.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use automerge::ChangeHash;

use super::{Replica, SyncError};
use crate::model::JourneyMap;

/// What the thread calls when it has something for the editor, to wake it.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// What the editor asks of the thread.
enum Request {
    /// A local edit: the map `before` and `after` it. `seen` is the merged
    /// map the editor had taken when it made the edit (0: the first map).
    Edit {
        before: Box<JourneyMap>,
        after: Box<JourneyMap>,
        seen: u64,
    },
    /// Changes teammates made, as raw change bytes.
    Changes(Vec<Vec<u8>>),
    /// Answer [`Reply::Settled`] once everything asked before is done.
    Settle,
}

/// What the thread gives back, in the order it did it.
enum Reply {
    /// Change bytes for the peers; `edits` local edits are written so far.
    Outgoing { changes: Vec<Vec<u8>>, edits: u64 },
    /// The merged map numbered `id`, holding the first `edits` local edits.
    Merged {
        id: u64,
        map: JourneyMap,
        edits: u64,
    },
    /// A local edit the document refused; the editor's map keeps it.
    NotWritten(SyncError),
    /// Teammates' changes refused; the document is as it was.
    Refused(SyncError),
    /// Everything asked before [`Request::Settle`] is done.
    Settled,
}

/// A replica running on its own thread, and what it has given back that
/// the editor has not taken yet. Dropping it stops the thread.
pub struct ReplicaThread {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    wake: Arc<Mutex<Option<Wake>>>,
    /// Local edits sent to the thread.
    sent: u64,
    /// Local edits the thread has written into the document.
    written: u64,
    /// The merged map the editor took last.
    taken: u64,
    outgoing: Vec<Vec<u8>>,
    /// The last merged map given back: its id, the map, and how many
    /// local edits it holds.
    merged: Option<(u64, JourneyMap, u64)>,
    not_written: Option<SyncError>,
    refused: Option<SyncError>,
}

impl ReplicaThread {
    /// Starts a thread for `replica`, whose document says what `map` shows
    /// (the map the editor has just read from it).
    pub fn spawn(replica: Replica, map: &JourneyMap) -> Result<Self, SyncError> {
        let (requests, inbox) = mpsc::channel();
        let (outbox, replies) = mpsc::channel();
        let wake: Arc<Mutex<Option<Wake>>> = Arc::default();
        let worker = Worker {
            replica,
            latest: map.clone(),
            outbox,
            wake: Arc::clone(&wake),
            written: 0,
            taken: 0,
            sent: VecDeque::new(),
            last_sent: 0,
            unread: false,
        };
        std::thread::Builder::new()
            .name("journeymap-replica".to_owned())
            .spawn(move || worker.run(&inbox))
            .map_err(SyncError::Thread)?;
        Ok(Self {
            requests,
            replies,
            wake,
            sent: 0,
            written: 0,
            taken: 0,
            outgoing: Vec::new(),
            merged: None,
            not_written: None,
            refused: None,
        })
    }

    /// Has `wake` called whenever the thread has something to give back.
    pub fn set_wake(&self, wake: Wake) {
        *self.wake.lock().unwrap_or_else(PoisonError::into_inner) = Some(wake);
    }

    /// Whether something is called when the thread has something to give
    /// back ([`Self::set_wake`]).
    pub fn wakes(&self) -> bool {
        self.wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Hands over a local edit: the map `before` and `after` it.
    pub fn record(&mut self, before: &JourneyMap, after: &JourneyMap) {
        let request = Request::Edit {
            before: Box::new(before.clone()),
            after: Box::new(after.clone()),
            seen: self.taken,
        };
        self.sent += 1;
        if self.requests.send(request).is_err() {
            self.not_written = Some(SyncError::Stopped);
        }
    }

    /// Hands over changes teammates made, as raw change bytes.
    pub fn receive(&mut self, changes: Vec<Vec<u8>>) {
        if self.requests.send(Request::Changes(changes)).is_err() {
            self.refused = Some(SyncError::Stopped);
        }
    }

    /// The change bytes for the peers written since the last call.
    pub fn take_outgoing(&mut self) -> Vec<Vec<u8>> {
        self.collect();
        std::mem::take(&mut self.outgoing)
    }

    /// The merged map, if the thread has given back one newer than the map
    /// the editor shows that holds every local edit handed over. Taking it
    /// makes it the map the next edits start from.
    pub fn take_merged(&mut self) -> Option<JourneyMap> {
        self.collect();
        // A map without every edit sent is stale: the thread sends a newer
        // one once it has written the rest.
        let (id, map, _) = self.merged.take_if(|(_, _, edits)| *edits == self.sent)?;
        self.taken = id;
        Some(map)
    }

    /// Why a local edit could not be written into the document, once.
    pub fn take_not_written(&mut self) -> Option<SyncError> {
        self.collect();
        self.not_written.take()
    }

    /// Why teammates' changes were refused, once.
    pub fn take_refused(&mut self) -> Option<SyncError> {
        self.collect();
        self.refused.take()
    }

    /// Whether every local edit handed over is written and its change
    /// bytes taken by [`Self::take_outgoing`].
    pub fn all_sent(&mut self) -> bool {
        self.collect();
        self.written == self.sent && self.outgoing.is_empty()
    }

    /// Waits, up to `timeout`, until the thread has done everything handed
    /// over so far, and collects what it gave back. Returns whether it did.
    /// For tests and measurements, which need to know when a change is in.
    pub fn settle(&mut self, timeout: Duration) -> bool {
        if self.requests.send(Request::Settle).is_err() {
            return false;
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left) {
                Ok(Reply::Settled) => return true,
                Ok(reply) => self.take(reply),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Takes in everything the thread has given back so far.
    fn collect(&mut self) {
        while let Ok(reply) = self.replies.try_recv() {
            self.take(reply);
        }
    }

    fn take(&mut self, reply: Reply) {
        match reply {
            Reply::Outgoing { changes, edits } => {
                self.outgoing.extend(changes);
                self.written = edits;
            }
            Reply::Merged { id, map, edits } => self.merged = Some((id, map, edits)),
            Reply::NotWritten(error) => self.not_written = Some(error),
            Reply::Refused(error) => self.refused = Some(error),
            Reply::Settled => {}
        }
    }
}

/// The thread's side: the replica, and the merged map as it stands.
struct Worker {
    replica: Replica,
    /// The map with everything in the document, local and remote.
    latest: JourneyMap,
    outbox: Sender<Reply>,
    wake: Arc<Mutex<Option<Wake>>>,
    /// Local edits written.
    written: u64,
    /// The merged map the editor's last edit said it had taken.
    taken: u64,
    /// The merged maps sent and not yet known to be taken, with the heads
    /// of the document state each shows.
    sent: VecDeque<(u64, Vec<ChangeHash>)>,
    /// The id of the last merged map sent.
    last_sent: u64,
    /// Whether teammates' changes came in since the last merged map sent.
    unread: bool,
}

impl Worker {
    /// Serves requests until the editor drops its end, a batch at a time:
    /// everything waiting is done before the merged map is read once.
    fn run(mut self, inbox: &Receiver<Request>) {
        while let Ok(first) = inbox.recv() {
            let mut settle = false;
            let mut merge = false;
            for request in std::iter::once(first).chain(inbox.try_iter()) {
                match request {
                    Request::Edit {
                        before,
                        after,
                        seen,
                    } => merge |= self.edit(&before, *after, seen),
                    Request::Changes(changes) => merge |= self.changes(&changes),
                    Request::Settle => settle = true,
                }
            }
            let mut replies = Vec::new();
            let changes = self.replica.take_local_changes();
            if !changes.is_empty() {
                replies.push(Reply::Outgoing {
                    changes,
                    edits: self.written,
                });
            }
            if merge {
                self.replica.read_changes(&mut self.latest);
                self.last_sent += 1;
                self.sent.push_back((self.last_sent, self.replica.heads()));
                self.unread = false;
                replies.push(Reply::Merged {
                    id: self.last_sent,
                    map: self.latest.clone(),
                    edits: self.written,
                });
            }
            if !replies.is_empty() {
                for reply in replies {
                    if self.outbox.send(reply).is_err() {
                        return;
                    }
                }
                let wake = self
                    .wake
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                if let Some(wake) = wake {
                    wake();
                }
            }
            // Last, so that once settled the editor has also been woken.
            if settle && self.outbox.send(Reply::Settled).is_err() {
                return;
            }
        }
    }

    /// Writes a local edit; returns whether the editor needs a merged map
    /// with it (the editor's map lacks something the document has).
    fn edit(&mut self, before: &JourneyMap, after: JourneyMap, seen: u64) -> bool {
        if seen > self.taken {
            // The editor took that merged map: its edits build on it now.
            self.taken = seen;
            while let Some((id, heads)) = self.sent.pop_front() {
                if id == seen {
                    self.replica.build_on(heads);
                    break;
                }
            }
        }
        self.written += 1;
        // In step, the editor's map is the document's: nothing to read
        // back. Else the merged map needs what the edit touched (noting it
        // costs as much as writing).
        let in_step = self.taken == self.last_sent && !self.unread;
        let written = if in_step {
            self.replica.update(before, &after)
        } else {
            self.replica.update_noted(before, &after)
        };
        if let Err(error) = written {
            let _ = self.outbox.send(Reply::NotWritten(error));
        }
        if in_step {
            self.latest = after;
        }
        !in_step
    }

    /// Applies teammates' changes; returns whether they are in.
    fn changes(&mut self, changes: &[Vec<u8>]) -> bool {
        match self.replica.apply_changes(changes) {
            Ok(()) => {
                self.unread = true;
                true
            }
            Err(error) => {
                let _ = self.outbox.send(Reply::Refused(error));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grocery() -> JourneyMap {
        crate::samples::find("grocery-trip").unwrap().map().unwrap()
    }

    const PATIENCE: Duration = Duration::from_secs(10);

    /// Their replica and my thread, both on the grocery-trip sample; they
    /// have set the first card's text to `text`, and it has reached my
    /// thread, which has merged it. Returns the map we both started from
    /// and their map after the edit.
    fn their_edit_merged(text: &str) -> (Replica, ReplicaThread, JourneyMap, JourneyMap) {
        let mut theirs = Replica::new(&grocery()).unwrap();
        let shown = theirs.to_map();
        let mut mine = ReplicaThread::spawn(theirs.fork(), &shown).unwrap();
        let first = shown.stages[0].cards[0].id.clone();
        let mut edited = shown.clone();
        edited.set_card_text(&first, text).unwrap();
        theirs.update(&shown, &edited).unwrap();
        mine.receive(theirs.take_local_changes());
        assert!(mine.settle(PATIENCE));
        (theirs, mine, shown, edited)
    }

    #[test]
    fn a_merged_map_that_lacks_an_edit_on_its_way_is_not_taken_and_a_newer_one_follows() {
        // Their edit to one card arrives and is merged...
        let (_theirs, mut mine, shown, _) = their_edit_merged("Theirs");
        let first = shown.stages[0].cards[0].id.clone();
        // ...while I edit another card: the merged map lacks my edit.
        let last = shown.stages[3].cards[0].id.clone();
        let mut typed = shown.clone();
        typed.set_card_text(&last, "Mine").unwrap();
        mine.record(&shown, &typed);
        assert_eq!(mine.take_merged(), None, "a stale map would lose my edit");
        assert!(mine.settle(PATIENCE));
        let merged = mine.take_merged().unwrap();
        assert_eq!(merged.card(&first).unwrap().1.text, "Theirs");
        assert_eq!(merged.card(&last).unwrap().1.text, "Mine");
        assert_eq!(mine.take_outgoing().len(), 1);
        assert!(mine.all_sent());
    }

    #[test]
    fn the_thread_wakes_the_editor_when_it_has_merged_a_change() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (mut theirs, mut mine, shown, edited) = their_edit_merged("Theirs");
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        mine.set_wake(Arc::new(move || {
            counter.fetch_add(1, Ordering::Relaxed);
        }));
        assert!(mine.wakes());
        let card = shown.stages[0].cards[0].id.clone();
        let mut again = edited.clone();
        again.set_card_text(&card, "Theirs again").unwrap();
        theirs.update(&edited, &again).unwrap();
        mine.receive(theirs.take_local_changes());
        assert!(mine.settle(PATIENCE));
        assert!(woken.load(Ordering::Relaxed) > 0);
        let merged = mine.take_merged().unwrap();
        assert_eq!(merged.card(&card).unwrap().1.text, "Theirs again");
    }

    #[test]
    fn edits_after_taking_a_merged_map_build_on_it() {
        let (mut theirs, mut mine, shown, edited) = their_edit_merged("Their text");
        let card = shown.stages[0].cards[0].id.clone();
        let merged = mine.take_merged().unwrap();
        // I append to the text I now see: the edit lands after theirs, not
        // at stale positions in the text as it was.
        let mut typed = merged.clone();
        typed.set_card_text(&card, "Their text, and mine").unwrap();
        mine.record(&merged, &typed);
        assert!(mine.settle(PATIENCE));
        assert_eq!(mine.take_merged(), None, "my map is the document's");
        theirs.apply_changes(&mine.take_outgoing()).unwrap();
        let mut their_map = edited;
        theirs.refresh(&mut their_map);
        assert_eq!(
            their_map.card(&card).unwrap().1.text,
            "Their text, and mine"
        );
    }
}
