//! Live co-editing over the network: hosting a map, joining one, and what
//! the editor hears from the session.
//!
//! A [`Session`] runs on its own thread with a tokio runtime. Underneath it
//! is a [samod] repository, which speaks automerge-repo's sync protocol and
//! keeps the shared automerge document; the editor only sends its local
//! changes ([`Session::send_changes`]) and polls for what happened
//! ([`Session::poll`]). Nothing here merges anything: automerge does.
//!
//! # Two ways to share
//!
//! - **journeymap hosts** ([`Session::host`] without a server): it listens
//!   on this machine. The link is `journeymap://HOST:PORT/CODE`, its short
//!   form `HOST:PORT CODE`. Connections are TLS 1.3 whose key is derived
//!   from the code (see `tls`), then a WebSocket whose path holds the code,
//!   which the host checks in constant time. A wrong code is refused with
//!   HTTP 403 and a line on stderr. Unless an address to bind was given,
//!   the host listens on every interface but accepts only peers on this
//!   machine or the local network (loopback, RFC 1918, link-local, IPv6
//!   unique local). The document's id is derived from the code, so the
//!   short code needs nothing more.
//! - **A team's sync server** ([`HostOptions::server`]): npm's
//!   `@automerge/automerge-repo-sync-server`, or any automerge-repo server.
//!   The link is the server's `ws://` or `wss://` URL with
//!   `#automerge:DOCUMENT_ID`. The server lets in anybody who knows the
//!   document id; use `wss://` (TLS, checked against the usual certificate
//!   authorities) beyond a trusted network.
//!
//! # Limits
//!
//! No WebSocket message or frame may be larger than
//! [`MAX_MESSAGE_BYTES`](crate::sync::MAX_MESSAGE_BYTES); tungstenite
//! refuses it and the connection closes. After every remote change the
//! document is checked against
//! [`MAX_DOCUMENT_OPS`](crate::sync::MAX_DOCUMENT_OPS); a session whose
//! document grows past it stops with [`Status::Refused`]. The host only
//! shares its one document: a peer cannot store other documents on it.

mod code;
mod dialer;
mod error;
mod link;
mod mirror;
mod presence;
mod server;
mod session;
mod storage;
mod tls;
mod ws;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

pub use code::JoinCode;
pub use error::NetError;
pub use link::JoinLink;
pub use mirror::Mirror;
pub use presence::{
    EXPIRY, MAX_NAME_CHARS, MAX_PRESENCE_BYTES, MAX_SELECTED, Person, PersonId, Presence, Selected,
    Typing, Viewpoint,
};
pub use samod::Url;

use link::Target;
use session::{Command, Plan, Shared};

/// What happened in a session, as [`Session::poll`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionEvent {
    /// The whole shared document (automerge save bytes), first thing after
    /// hosting or joining: the editor loads its replica from it. A host
    /// restarted on its saved history gets that history here, not the
    /// document it passed in.
    Document(Vec<u8>),
    /// Changes from peers (raw automerge change bytes) the editor has not
    /// been given yet, in an order automerge can apply. Duplicates are
    /// harmless.
    Changes(Vec<Vec<u8>>),
    /// Connection state and how many people are in the session.
    Status(Status),
    /// Who else is here at an editor, in the order they came, each with
    /// what they show; sent whenever that changes. Somebody not heard from
    /// for [`EXPIRY`] has left.
    People(Vec<Person>),
}

/// Whether the session is connected, and how many people are in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Connecting for the first time.
    Connecting,
    /// Connected; `people` counts everybody in the session, me included.
    Connected {
        /// How many people, me included.
        people: usize,
    },
    /// The connection is lost; journeymap keeps trying (less and less
    /// often, at least every few seconds). Local edits are kept and merge
    /// when it is back.
    Offline {
        /// Why, for the user.
        reason: String,
    },
    /// The session refused us, or we refused it; retrying will not help.
    Refused {
        /// Why, for the user.
        reason: String,
    },
}

/// How to host a session.
#[derive(Clone, Debug, Default)]
pub struct HostOptions {
    /// Listen on this address only, and accept peers from anywhere. With
    /// `None`, listen on every interface but accept only peers on this
    /// machine or the local network.
    pub bind: Option<IpAddr>,
    /// The TCP port; 0 picks a free one.
    pub port: u16,
    /// The join code: a host restarted on the same file passes its old one,
    /// so that the link stays the same. `None` draws a new one.
    pub code: Option<JoinCode>,
    /// Keep the session's automerge history in this folder, so that a host
    /// restarted with it (and the same code) carries on where it stopped.
    /// `None` keeps it in memory.
    pub state_dir: Option<PathBuf>,
    /// Put the map on this automerge-repo sync server (`ws://` or
    /// `wss://`) instead of listening here; `bind` and `port` are unused.
    pub server: Option<Url>,
}

/// One shared session, hosted or joined, run by a tokio runtime on its own
/// thread. Dropping it leaves the session cleanly: the document is flushed
/// to storage and the connections are closed.
pub struct Session {
    link: JoinLink,
    commands: tokio::sync::mpsc::UnboundedSender<Command>,
    events: Mutex<mpsc::Receiver<SessionEvent>>,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("link", &self.link)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Hosts `document` (automerge bytes from `Replica::save`) on this
    /// machine, or on [`HostOptions::server`]: starts the server and returns
    /// at once. Fails if the document is not a shared map or nothing can
    /// listen at the address.
    pub fn host(document: Vec<u8>, options: HostOptions) -> Result<Self, NetError> {
        crate::sync::Replica::load(&document)?;
        let code = match options.code {
            Some(code) => code,
            None => JoinCode::random()?,
        };
        let id = tls::document_id(&code)?;
        let store = match options.state_dir {
            Some(dir) => storage::Store::Folder(dir),
            None => storage::Store::Memory(samod::storage::InMemoryStorage::new()),
        };
        let mut plan = Plan::new(id.clone(), store);
        plan.seed = Some(document);
        let link = if let Some(url) = options.server {
            plan.dial = Some(dialer::Target::Server(url.clone()));
            JoinLink::server(url, id)
        } else {
            let bind = options.bind.unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
            let listener = listen(bind, options.port)?;
            let port = listener
                .local_addr()
                .map_err(|source| NetError::Listen {
                    address: format!("{bind}:{}", options.port),
                    source,
                })?
                .port();
            let shown = if bind.is_unspecified() {
                local_ip()
            } else {
                bind
            };
            plan.listen = Some(session::Listen {
                listener,
                tls: tls::server_config(&code)?,
                code: Arc::new(server::CodeCheck::new(&code)?),
                admit: if options.bind.is_some() {
                    server::Admit::Anyone
                } else {
                    server::Admit::Near(shown)
                },
            });
            JoinLink::host(shown, port, code)
        };
        Self::start(link, plan)
    }

    /// Joins a session (ours or on an automerge-repo sync server); returns
    /// at once, connects in the background and reconnects by itself.
    pub fn join(link: &JoinLink) -> Result<Self, NetError> {
        let (id, target) = match link.target() {
            Target::Host { host, port, code } => (
                tls::document_id(code)?,
                dialer::Target::Host {
                    url: Url::parse(&format!("wss://{host}:{port}/")).map_err(|error| {
                        NetError::BadLink {
                            link: link.to_string(),
                            why: error.to_string(),
                        }
                    })?,
                    host: host.clone(),
                    port: *port,
                    path: code.to_string(),
                    tls: tls::pinned_client_config(code)?,
                },
            ),
            Target::Server { url, document } => {
                (document.clone(), dialer::Target::Server(url.clone()))
            }
        };
        let store = storage::Store::Memory(samod::storage::InMemoryStorage::new());
        let mut plan = Plan::new(id, store);
        plan.dial = Some(target);
        Self::start(link.clone(), plan)
    }

    fn start(link: JoinLink, plan: Plan) -> Result<Self, NetError> {
        let (events_tx, events) = mpsc::channel();
        let shared = Arc::new(Shared::new(events_tx));
        let (commands, commands_rx) = tokio::sync::mpsc::unbounded_channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(NetError::Thread)?;
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("journeymap-session".to_owned())
            .spawn(move || {
                runtime.block_on(session::run(plan, thread_shared, commands_rx));
                runtime.shutdown_timeout(std::time::Duration::from_secs(2));
            })
            .map_err(NetError::Thread)?;
        Ok(Self {
            link,
            commands,
            events: Mutex::new(events),
            shared,
            thread: Some(thread),
        })
    }

    /// The link others join with (the host's, or the one this joiner used).
    pub fn link(&self) -> &JoinLink {
        &self.link
    }

    /// Local changes for the peers: raw automerge change bytes
    /// (`Change::raw_bytes()`), in order.
    pub fn send_changes(&self, changes: Vec<Vec<u8>>) {
        if !changes.is_empty() {
            let _ = self.commands.send(Command::Send(changes));
        }
    }

    /// Shows the others `presence`: name, colour, selection, the field
    /// being typed in and the view. Sent at once when it changes (at most
    /// 10 times a second) and every 2 s anyway; calling it every frame
    /// with the same value sends nothing more.
    pub fn set_presence(&self, presence: Presence) {
        let _ = self.commands.send(Command::Presence(Box::new(presence)));
    }

    /// What happened since the last call; never blocks.
    pub fn poll(&self) -> Vec<SessionEvent> {
        self.events
            .lock()
            .map(|events| events.try_iter().collect())
            .unwrap_or_default()
    }

    /// Calls `wake` (from the session's thread) whenever there is something
    /// new to [`poll`](Self::poll): the editor passes a repaint request, so
    /// an idle window still shows a remote edit at once.
    pub fn set_wake(&self, wake: impl Fn() + Send + Sync + 'static) {
        self.shared.set_wake(Box::new(wake));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A listening socket at `ip:port`: an IPv6 "any" address also takes IPv4
/// peers, and falls back to IPv4 alone where IPv6 is off.
fn listen(ip: IpAddr, port: u16) -> Result<TcpListener, NetError> {
    let bound = TcpListener::bind(SocketAddr::new(ip, port)).or_else(|error| {
        if ip == IpAddr::V6(Ipv6Addr::UNSPECIFIED) {
            TcpListener::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port))
        } else {
            Err(error)
        }
    });
    let listener = bound.map_err(|source| NetError::Listen {
        address: SocketAddr::new(ip, port).to_string(),
        source,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| NetError::Listen {
            address: SocketAddr::new(ip, port).to_string(),
            source,
        })?;
    Ok(listener)
}

/// The address other machines reach this one at: the one the system would
/// send from towards the internet (no packet is sent), or loopback on a
/// machine with no network.
fn local_ip() -> IpAddr {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|socket| {
            socket
                .connect((Ipv4Addr::new(192, 0, 2, 1), 9))
                .map(|()| socket)
        })
        .and_then(|socket| socket.local_addr());
    match probe {
        Ok(address) if !address.ip().is_unspecified() => address.ip(),
        _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
    }
}

/// One line on stderr about the session: refused peers, failed handshakes,
/// storage that could not be written.
pub(crate) fn log(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
