//! The session's thread: a samod repository with the shared document, the
//! listener or the dialer, and the loop that passes changes both ways.

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use automerge::{Change, ChangeHash, ReadDoc as _};
use futures::{Stream, StreamExt as _, stream};
use samod::storage::{Storage as _, StorageKey};
use samod::{
    AcceptorEvent, BackoffConfig, DialerEvent, DocHandle, DocumentId, Repo, ShareConfig, Url,
};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::dialer::{SessionDialer, Target};
use super::presence::{HEARTBEAT, MIN_GAP, Person, Presence, Roster};
use super::server::{Admit, CodeCheck, Server};
use super::storage::Store;
use super::{SessionEvent, Status, log};
use crate::sync::{MAX_DOCUMENT_OPS, SyncError};

/// What the editor asks of the session's thread.
pub(crate) enum Command {
    /// Local changes for the peers.
    Send(Vec<Vec<u8>>),
    /// What this editor shows the others now.
    Presence(Box<Presence>),
    /// Leave the session.
    Stop,
}

/// What the session's own tasks tell its loop.
pub(crate) enum Internal {
    /// The shared document is here.
    Found(DocHandle),
    /// A connection attempt failed.
    DialFailed { permanent: bool, reason: String },
    /// The dialer connected, lost its connection, or gave up.
    Dialer(DialerEvent),
    /// Somebody connected to the host: say hello at once.
    Joined,
}

/// The listening half of a host.
pub(crate) struct Listen {
    pub(crate) listener: std::net::TcpListener,
    pub(crate) tls: Arc<rustls::ServerConfig>,
    pub(crate) code: Arc<CodeCheck>,
    pub(crate) admit: Admit,
}

/// What a session does: which document, kept where, reached how.
pub(crate) struct Plan {
    pub(crate) document: DocumentId,
    pub(crate) store: Store,
    /// The document to start from, if the store does not have it yet.
    pub(crate) seed: Option<Vec<u8>>,
    pub(crate) listen: Option<Listen>,
    pub(crate) dial: Option<Target>,
}

impl Plan {
    pub(crate) fn new(document: DocumentId, store: Store) -> Self {
        Self {
            document,
            store,
            seed: None,
            listen: None,
            dial: None,
        }
    }
}

/// The events queue, shared with [`super::Session`], and who to wake.
pub(crate) struct Shared {
    events: Mutex<mpsc::Sender<SessionEvent>>,
    wake: Mutex<Option<Box<dyn Fn() + Send + Sync>>>,
}

impl Shared {
    pub(crate) fn new(events: mpsc::Sender<SessionEvent>) -> Self {
        Self {
            events: Mutex::new(events),
            wake: Mutex::new(None),
        }
    }

    pub(crate) fn set_wake(&self, wake: Box<dyn Fn() + Send + Sync>) {
        if let Ok(mut slot) = self.wake.lock() {
            *slot = Some(wake);
        }
    }

    fn emit(&self, event: SessionEvent) {
        if let Ok(events) = self.events.lock() {
            let _ = events.send(event);
        }
        if let Ok(wake) = self.wake.lock()
            && let Some(wake) = wake.as_ref()
        {
            wake();
        }
    }
}

/// samod's reconnection: soon at first, then at most every 5 s, forever.
fn backoff() -> BackoffConfig {
    BackoffConfig {
        initial_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(5),
        max_retries: None,
    }
}

/// The key under which the seed document is stored: automerge-repo's
/// layout, `DOCUMENT/snapshot/NAME`, which samod loads on `find`.
fn seed_key(document: &DocumentId) -> Option<StorageKey> {
    StorageKey::from_parts([document.to_string().as_str(), "snapshot", "journeymap-seed"]).ok()
}

/// Runs the session until the editor stops it.
pub(crate) async fn run(plan: Plan, shared: Arc<Shared>, commands: UnboundedReceiver<Command>) {
    let Plan {
        document,
        store,
        seed,
        listen,
        dial,
    } = plan;
    // The host shares its one document and nothing else.
    let ours = document.clone();
    let policy = move |id: DocumentId, _peer| {
        let config = if id == ours {
            ShareConfig::read_write()
        } else {
            ShareConfig::none()
        };
        stream::iter([config])
    };
    if let Some(seed) = seed {
        seed_store(&store, &document, seed).await;
    }
    let repo = Repo::build_tokio()
        .with_storage(store)
        .with_share_policy(policy)
        .load()
        .await;
    let (notes, notes_rx) = unbounded_channel();
    let mut tasks = Vec::new();
    let is_host = listen.is_some();
    if let Some(listen) = listen {
        match start_server(&repo, listen, notes.clone()) {
            Ok(server) => tasks.push(server),
            Err(reason) => shared.emit(SessionEvent::Status(Status::Refused { reason })),
        }
    }
    let dialer = dial.and_then(|target| {
        let dialer = SessionDialer {
            target,
            notes: notes.clone(),
        };
        let handle = repo.dial(backoff(), Arc::new(dialer)).ok()?;
        let watched = handle.clone();
        let notes = notes.clone();
        tasks.push(tokio::spawn(async move {
            let mut events = watched.events();
            while let Some(event) = events.next().await {
                let _ = notes.send(Internal::Dialer(event));
            }
        }));
        Some(handle)
    });
    tasks.push(tokio::spawn(find(repo.clone(), document, notes)));
    let mut state = Loop::new(shared, is_host);
    state.run(commands, notes_rx).await;
    // A joiner leaving right after an edit waits (briefly) until the other
    // side has it, so that the edit is not lost with the session.
    if let (Some(dialer), Some(handle)) = (&dialer, &state.handle)
        && let Some(connection) = dialer.connection_id()
    {
        let sent = handle.they_have_our_changes(connection);
        let _ = tokio::time::timeout(Duration::from_secs(2), sent).await;
    }
    for task in tasks {
        task.abort();
    }
    if let Some(dialer) = dialer {
        dialer.close();
    }
    // Flushes the document to storage; a session that cannot stop in time
    // is left to the end of the process.
    let _ = tokio::time::timeout(Duration::from_secs(3), repo.stop()).await;
}

/// Stores `seed` as the document unless the store has it already (a host
/// restarted on its saved history).
async fn seed_store(store: &Store, document: &DocumentId, seed: Vec<u8>) {
    let prefix = StorageKey::from_parts([document.to_string()]).ok();
    let stored = match prefix {
        Some(prefix) => !store.load_range(prefix).await.is_empty(),
        None => false,
    };
    if !stored && let Some(key) = seed_key(document) {
        store.put(key, seed).await;
    }
}

/// Starts the listener's task.
fn start_server(
    repo: &Repo,
    listen: Listen,
    notes: UnboundedSender<Internal>,
) -> Result<tokio::task::JoinHandle<()>, String> {
    let listener = tokio::net::TcpListener::from_std(listen.listener)
        .map_err(|error| format!("cannot listen for peers: {error}"))?;
    let url = Url::parse("wss://journeymap-host/").map_err(|error| error.to_string())?;
    let acceptor = repo
        .make_acceptor(url)
        .map_err(|_| "the session stopped".to_owned())?;
    let watched = acceptor.clone();
    tokio::spawn(async move {
        let mut events = watched.events();
        while let Some(event) = events.next().await {
            if matches!(event, AcceptorEvent::ClientConnected { .. }) {
                let _ = notes.send(Internal::Joined);
            }
        }
    });
    let server = Server {
        listener,
        tls: tokio_rustls::TlsAcceptor::from(listen.tls),
        code: listen.code,
        acceptor,
        admit: listen.admit,
    };
    Ok(tokio::spawn(server.run()))
}

/// Finds the shared document: at once from storage for a host, from the
/// host or server for a joiner, retrying while it cannot be reached.
async fn find(repo: Repo, document: DocumentId, notes: UnboundedSender<Internal>) {
    loop {
        match repo.find(document.clone()).await {
            Ok(Some(handle)) => {
                let _ = notes.send(Internal::Found(handle));
                return;
            }
            Ok(None) => tokio::time::sleep(Duration::from_millis(500)).await,
            Err(_) => return,
        }
    }
}

/// Notifications that the document changed.
type Changed = Pin<Box<dyn Stream<Item = ()> + Send>>;

/// The session loop's state.
struct Loop {
    shared: Arc<Shared>,
    handle: Option<DocHandle>,
    /// The heads of the document as last given to the editor.
    given: Vec<ChangeHash>,
    /// Changes the editor sent since: it has them, so they are not echoed.
    from_editor: HashSet<ChangeHash>,
    /// Changes the editor sent before the document was here.
    waiting: Vec<Vec<u8>>,
    presence: Roster,
    /// The people last reported to the editor.
    people: Vec<Person>,
    /// When presence was last sent, and when it is due again after a
    /// change that came too soon after.
    last_said: Option<Instant>,
    due: Option<Instant>,
    /// Whether the dialer is connected (always true for a host).
    connected: bool,
    /// The status last reported.
    status: Option<Status>,
    /// Why the last connection attempt failed.
    last_failure: Option<String>,
    refused: bool,
}

impl Loop {
    fn new(shared: Arc<Shared>, is_host: bool) -> Self {
        Self {
            shared,
            handle: None,
            given: Vec::new(),
            from_editor: HashSet::new(),
            waiting: Vec::new(),
            presence: Roster::new(),
            people: Vec::new(),
            last_said: None,
            due: None,
            connected: is_host,
            status: None,
            last_failure: None,
            refused: false,
        }
    }

    async fn run(
        &mut self,
        mut commands: UnboundedReceiver<Command>,
        mut notes: UnboundedReceiver<Internal>,
    ) {
        let mut changes: Changed = Box::pin(stream::pending());
        let mut ephemera: Pin<Box<dyn Stream<Item = Vec<u8>> + Send>> = Box::pin(stream::pending());
        let mut ticks = tokio::time::interval(HEARTBEAT / 2);
        let mut beats = 0_u32;
        let far = Instant::now() + Duration::from_hours(24 * 365);
        if !self.connected {
            self.report();
        }
        loop {
            tokio::select! {
                command = commands.recv() => match command {
                    Some(Command::Send(sent)) => self.apply(sent),
                    Some(Command::Presence(presence)) => self.show(*presence),
                    Some(Command::Stop) | None => return,
                },
                note = notes.recv() => match note {
                    Some(Internal::Found(handle)) => {
                        changes = Box::pin(handle.changes().map(|_| ()));
                        ephemera = Box::pin(handle.ephemera());
                        self.found(handle);
                    }
                    Some(note) => self.note(note),
                    None => {}
                },
                Some(()) = changes.next() => self.forward(),
                Some(message) = ephemera.next() => {
                    self.presence.hear(&message, Instant::now());
                    self.report();
                }
                () = tokio::time::sleep_until(self.due.unwrap_or(far).into()), if self.due.is_some() => {
                    self.due = None;
                    self.say_hello();
                }
                _ = ticks.tick() => {
                    beats = beats.wrapping_add(1);
                    if beats.is_multiple_of(2) {
                        self.say_hello();
                    }
                    self.report();
                }
            }
        }
    }

    fn found(&mut self, handle: DocHandle) {
        let (bytes, heads) = handle.with_document(|doc| (doc.save(), doc.get_heads()));
        self.given = heads;
        self.handle = Some(handle);
        self.shared.emit(SessionEvent::Document(bytes));
        let waiting = std::mem::take(&mut self.waiting);
        if !waiting.is_empty() {
            self.apply(waiting);
        }
        self.say_hello();
        self.report();
    }

    /// Applies the editor's changes to the shared document.
    fn apply(&mut self, sent: Vec<Vec<u8>>) {
        let Some(handle) = &self.handle else {
            self.waiting.extend(sent);
            return;
        };
        let mut parsed = Vec::with_capacity(sent.len());
        for bytes in sent {
            match Change::from_bytes(bytes) {
                Ok(change) => parsed.push(change),
                Err(error) => log(&format!("a local change could not be read: {error}")),
            }
        }
        self.from_editor.extend(parsed.iter().map(Change::hash));
        if let Err(error) = handle.with_document(|doc| doc.apply_changes(parsed)) {
            log(&format!("a local change could not be shared: {error}"));
        }
    }

    /// Gives the editor the changes it does not have yet, and checks the
    /// document's size.
    fn forward(&mut self) {
        let Some(handle) = &self.handle else {
            return;
        };
        let from_editor = &self.from_editor;
        let given = &self.given;
        let (new, heads, ops) = handle.with_document(|doc| {
            let new: Vec<Vec<u8>> = doc
                .get_changes(given)
                .into_iter()
                .filter(|change| !from_editor.contains(&change.hash()))
                .map(|change| change.raw_bytes().to_vec())
                .collect();
            (new, doc.get_heads(), doc.stats().num_ops)
        });
        self.given = heads;
        self.from_editor.clear();
        if ops > MAX_DOCUMENT_OPS {
            self.refuse(
                SyncError::TooManyOps {
                    ops,
                    max: MAX_DOCUMENT_OPS,
                }
                .to_string(),
            );
            return;
        }
        if !new.is_empty() && !self.refused {
            self.shared.emit(SessionEvent::Changes(new));
        }
    }

    fn note(&mut self, note: Internal) {
        match note {
            Internal::DialFailed { permanent, reason } => {
                if permanent {
                    self.refuse(reason);
                } else {
                    self.last_failure = Some(reason);
                }
            }
            Internal::Dialer(DialerEvent::Connected { .. }) => {
                self.connected = true;
                self.last_failure = None;
                self.say_hello();
            }
            Internal::Dialer(DialerEvent::Disconnected { reason }) => {
                self.connected = false;
                self.last_failure = Some(format!("the connection was lost ({reason})"));
            }
            Internal::Found(_)
            | Internal::Dialer(
                DialerEvent::MaxRetriesReached
                | DialerEvent::PermanentFailure
                | DialerEvent::Reconnecting { .. },
            ) => {}
            Internal::Joined => self.say_hello(),
        }
        self.report();
    }

    fn refuse(&mut self, reason: String) {
        log(&format!("the session stopped: {reason}"));
        self.refused = true;
        self.connected = false;
        self.set_status(Status::Refused { reason });
    }

    fn say_hello(&mut self) {
        if let Some(handle) = &self.handle {
            handle.broadcast(self.presence.heartbeat());
            self.last_said = Some(Instant::now());
        }
    }

    /// Shows the others what this editor shows now: at once, or as soon
    /// as [`MIN_GAP`] has passed since the last time.
    fn show(&mut self, presence: Presence) {
        if !self.presence.set(presence) {
            return;
        }
        let now = Instant::now();
        match self.last_said {
            Some(last) if now.saturating_duration_since(last) < MIN_GAP => {
                self.due = Some(last + MIN_GAP);
            }
            _ => self.say_hello(),
        }
    }

    /// Reports the status if it changed.
    fn report(&mut self) {
        if self.refused {
            return;
        }
        self.presence.expire(Instant::now());
        let people = self.presence.people();
        if people != self.people {
            self.people.clone_from(&people);
            self.shared.emit(SessionEvent::People(people));
        }
        let status = if self.connected && self.handle.is_some() {
            Status::Connected {
                people: self.presence.count(),
            }
        } else if let Some(reason) = &self.last_failure {
            Status::Offline {
                reason: reason.clone(),
            }
        } else {
            Status::Connecting
        };
        self.set_status(status);
    }

    fn set_status(&mut self, status: Status) {
        if self.status.as_ref() != Some(&status) {
            self.status = Some(status.clone());
            self.shared.emit(SessionEvent::Status(status));
        }
    }
}
