//! `journeymap serve FILE`: hosts a map for a live session and keeps the
//! file on disk up to date with what the peers do.

mod state;

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;

use super::{Outcome, report};
use crate::io::{self, DiskState, SaveError, SaveOptions};
use crate::model::JourneyMap;
use crate::net::{HostOptions, JoinCode, Mirror, NetError, Session, SessionEvent, Status, Url};
use crate::sync::{Replica, SyncError};
use automerge::{Change, ChangeHash};
use state::{State, Written, sha256};

/// How long after the last change from the peers the file is written.
const QUIET: Duration = Duration::from_millis(500);

/// The longest a change waits to be written while changes keep coming.
const AT_MOST: Duration = Duration::from_millis(1500);

/// How often the session is polled.
const TICK: Duration = Duration::from_millis(50);

/// The arguments of `journeymap serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The map to share. It must pass `journeymap check`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The TCP port to listen on (default: the port of the last run on
    /// this file, else any free one).
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Listen on this address only, and accept peers from anywhere. By
    /// default journeymap listens on every interface but lets in only
    /// peers on this machine or the local network.
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<IpAddr>,
    /// The join code (default: the code of the last run on this file, else
    /// a new random one).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// Put the map on this automerge-repo sync server (ws:// or wss://)
    /// instead of listening on this machine.
    #[arg(long, value_name = "URL")]
    pub via: Option<Url>,
}

/// Runs `journeymap serve` until SIGINT or SIGTERM.
pub fn run(args: &ServeArgs, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    let file = args.file.as_path();
    let (read, disk_bytes) = match io::read_map_bytes(file)
        .and_then(|bytes| Ok((io::parse_file_bytes(&bytes)?, bytes)))
    {
        Ok(loaded) => loaded,
        Err(error) => {
            report(file, &error, err)?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let code = match args.code.as_deref().map(str::parse::<JoinCode>).transpose() {
        Ok(code) => code,
        Err(error) => {
            writeln!(err, "journeymap: {error}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let io::MapFile { map, comments } = read;
    match host(args, &map, code) {
        Ok((session, state)) => {
            writeln!(out, "join {}", session.link())?;
            out.flush()?;
            let mut host = Host::new(file, session, state, map, &disk_bytes);
            host.comments = comments;
            serve(host, err)
        }
        Err(error) => {
            writeln!(err, "journeymap: {error}")?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Starts the session: the code and port of the last run unless others
/// were given, and its saved history.
fn host(
    args: &ServeArgs,
    map: &JourneyMap,
    code: Option<JoinCode>,
) -> Result<(Session, State), NetError> {
    let state = State::open(&args.file)?;
    let code = match code.or_else(|| state.code()) {
        Some(code) => code,
        None => JoinCode::random()?,
    };
    let options = |port| HostOptions {
        bind: args.bind,
        port,
        code: Some(code.clone()),
        state_dir: Some(state.history()),
        server: args.via.clone(),
    };
    let document = Replica::new(map)?.save();
    let session = match (args.port, state.port()) {
        (Some(port), _) => Session::host(document, options(port))?,
        // The last run's port, so that the link stays the same; any port
        // if another program has taken it since.
        (None, Some(port)) => Session::host(document.clone(), options(port))
            .or_else(|_| Session::host(document, options(0)))?,
        (None, None) => Session::host(document, options(0))?,
    };
    let port = session.link().short_code();
    let port = port
        .split_whitespace()
        .next()
        .and_then(|address| address.rsplit_once(':'))
        .and_then(|(_, port)| port.parse().ok())
        .unwrap_or(0);
    state.remember(&code, port)?;
    Ok((session, state))
}

/// The serving host: the session, its copy of the document, the file.
struct Host<'a> {
    file: &'a Path,
    session: Session,
    state: State,
    /// The map as loaded, until the session's document arrives.
    loaded: JourneyMap,
    /// The file's comments, written back with the items that still exist.
    comments: io::Comments,
    /// The file's bytes when loaded.
    loaded_sha256: String,
    mirror: Option<Mirror>,
    /// The file as the host last read or wrote it.
    disk: DiskState,
    /// The heads the file was last written from (or loaded at).
    written_heads: Vec<ChangeHash>,
    /// When the first and the last change not yet written came.
    unwritten: Option<(Instant, Instant)>,
}

impl<'a> Host<'a> {
    fn new(file: &'a Path, session: Session, state: State, map: JourneyMap, bytes: &[u8]) -> Self {
        Self {
            file,
            session,
            state,
            loaded: map,
            comments: io::Comments::default(),
            loaded_sha256: sha256(bytes),
            mirror: None,
            disk: DiskState::of_bytes(bytes),
            written_heads: Vec::new(),
            unwritten: None,
        }
    }

    /// Handles what the session reports.
    fn poll(&mut self, err: &mut impl Write) -> std::io::Result<()> {
        for event in self.session.poll() {
            match event {
                SessionEvent::Document(bytes) => self.start(&bytes, err)?,
                SessionEvent::Changes(changes) => {
                    let Some(mirror) = self.mirror.as_mut() else {
                        continue;
                    };
                    if let Err(error) = mirror.apply(&changes) {
                        writeln!(err, "journeymap: refused changes from a peer: {error}")?;
                        continue;
                    }
                    let now = Instant::now();
                    let first = self.unwritten.map_or(now, |(first, _)| first);
                    self.unwritten = Some((first, now));
                }
                SessionEvent::Status(Status::Offline { reason }) => {
                    writeln!(err, "journeymap: offline: {reason}")?;
                }
                SessionEvent::Status(Status::Refused { reason }) => {
                    writeln!(err, "journeymap: {reason}")?;
                }
                SessionEvent::Status(Status::Connecting | Status::Connected { .. })
                | SessionEvent::People(_) => {}
            }
        }
        if let Some((first, last)) = self.unwritten
            && (last.elapsed() >= QUIET || first.elapsed() >= AT_MOST)
        {
            self.write(false, err)?;
        }
        Ok(())
    }

    /// The session's document is here: from the file, or from the history
    /// of the last run. A file changed since that run last wrote it (or
    /// never written by it) comes in as an edit of what was last written,
    /// merged with what the peers did meanwhile.
    fn start(&mut self, bytes: &[u8], err: &mut impl Write) -> std::io::Result<()> {
        let mut mirror = match Mirror::load(bytes) {
            Ok(mirror) => mirror,
            Err(error) => {
                writeln!(
                    err,
                    "journeymap: the session's history does not load: {error}"
                )?;
                return Ok(());
            }
        };
        let written = self.state.written();
        let last_heads = written.as_ref().map(|written| written.heads.clone());
        self.written_heads = if written.is_some_and(|written| written.sha256 == self.loaded_sha256)
        {
            last_heads.unwrap_or_else(|| mirror.heads())
        } else {
            let base = last_heads.unwrap_or_else(|| mirror.heads());
            match bring_in(&mut mirror, &base, &self.loaded) {
                Ok((changes, heads)) => {
                    self.session.send_changes(changes);
                    heads
                }
                Err(error) => {
                    writeln!(
                        err,
                        "journeymap: the file's changes could not be shared: {error}"
                    )?;
                    mirror.heads()
                }
            }
        };
        let differs = mirror.map().is_ok_and(|map| map != self.loaded);
        self.mirror = Some(mirror);
        if differs {
            let now = Instant::now();
            self.unwritten = Some((now, now));
        }
        Ok(())
    }

    /// Writes the session's map to the file, through the editor's save
    /// (atomic, `.bak` kept). A file somebody changed meanwhile is merged
    /// in first; at exit a file that no longer loads is replaced anyway
    /// (its text stays in the `.bak`).
    fn write(&mut self, exiting: bool, err: &mut impl Write) -> std::io::Result<()> {
        let Some(mirror) = self.mirror.as_mut() else {
            return Ok(());
        };
        let Ok(map) = mirror.map() else {
            return Ok(());
        };
        let text = match io::to_ron_with(&map, &self.comments) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "journeymap: {error}")?;
                return Ok(());
            }
        };
        let options = SaveOptions {
            backup: true,
            expect: Some(self.disk),
        };
        match io::save_over(self.file, text.as_bytes(), options) {
            Ok(disk) => {
                self.disk = disk;
                self.written_heads = mirror.heads();
                self.unwritten = None;
                let written = Written {
                    sha256: sha256(text.as_bytes()),
                    heads: self.written_heads.clone(),
                };
                if let Err(error) = self.state.remember_written(&written) {
                    writeln!(err, "journeymap: {error}")?;
                }
            }
            Err(SaveError::ChangedOnDisk { .. }) => return self.merge_disk(exiting, err),
            Err(error) => writeln!(err, "journeymap: {error}")?,
        }
        Ok(())
    }

    /// Somebody changed the file since the host last wrote it: their
    /// changes come into the session, then the merged map is written.
    fn merge_disk(&mut self, exiting: bool, err: &mut impl Write) -> std::io::Result<()> {
        let Some(mirror) = self.mirror.as_mut() else {
            return Ok(());
        };
        let bytes = std::fs::read(self.file).unwrap_or_default();
        match io::parse_file_bytes(&bytes) {
            Ok(io::MapFile {
                map: on_disk,
                comments,
            }) => {
                // The file's comments are as whoever edited it left them.
                self.comments = comments;
                match bring_in(mirror, &self.written_heads, &on_disk) {
                    Ok((changes, _)) => self.session.send_changes(changes),
                    Err(error) => writeln!(err, "journeymap: {error}")?,
                }
            }
            Err(_) if !exiting => {
                writeln!(
                    err,
                    "journeymap: {} was changed and no longer loads; \
                     it is written again after the next change, or at exit",
                    self.file.display()
                )?;
                self.unwritten = None;
                return Ok(());
            }
            Err(_) => {}
        }
        self.disk = DiskState::of_bytes(&bytes);
        self.write(exiting, err)
    }
}

/// Records `map` as an edit of the document at `base` (or, if the history
/// lacks those heads, at its current state). Returns the changes for the
/// peers and the heads at which the document reads as `map`.
fn bring_in(
    mirror: &mut Mirror,
    base: &[ChangeHash],
    map: &JourneyMap,
) -> Result<(Vec<Vec<u8>>, Vec<ChangeHash>), SyncError> {
    let (changes, base) = if let Ok(changes) = mirror.edit_at(base, map) {
        (changes, base.to_vec())
    } else {
        let now = mirror.heads();
        (mirror.edit_at(&now, map)?, now)
    };
    // One edit is one change; the document reads as `map` at its hash.
    let heads = changes
        .last()
        .and_then(|last| Change::from_bytes(last.clone()).ok())
        .map_or(base, |last| vec![last.hash()]);
    Ok((changes, heads))
}

/// Polls the session until SIGINT or SIGTERM, then writes the file once more.
fn serve(mut host: Host<'_>, err: &mut impl Write) -> Outcome {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut stop = std::pin::pin!(signalled());
        loop {
            tokio::select! {
                () = &mut stop => break,
                () = tokio::time::sleep(TICK) => host.poll(err)?,
            }
        }
        std::io::Result::Ok(())
    })?;
    host.poll(err)?;
    host.write(true, err)?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGINT (Ctrl+C) or, on Unix, SIGTERM.
async fn signalled() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
