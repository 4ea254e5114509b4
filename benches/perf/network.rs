//! Sharing over the network, on loopback, with the editor's own document
//! on each side:
//!
//! - `net/remote_latency/5k`: three people on a 5,000-card map (a host and
//!   two joiners); one edits a card, and the time until the edit shows in
//!   the other joiner's map (sent, relayed by the host, applied, re-read).
//! - `net/load_30_peers`: 30 headless peers join `journeymap serve` (a
//!   process of its own) and each adds a card a second for a minute (ten
//!   seconds with `--quick`); then every card must be in the host's file
//!   and with every peer. The figures are the host's CPU time per second,
//!   its peak memory, and how long after the last card was added the
//!   host's file (`host_caught_up`) and every peer (`peers_caught_up`) had
//!   every card.

use std::net::{IpAddr, Ipv4Addr};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use journeymap::app::{Document, Origin};
use journeymap::edit::Edit;
use journeymap::model::JourneyMap;
use journeymap::net::{HostOptions, JoinLink, Session, SessionEvent};

use crate::figures;
use crate::filter;
use crate::maps::BenchMap;

/// How long to wait for anything before giving up on the figure.
const PATIENCE: Duration = Duration::from_mins(1);

/// One person: a session and the document their editor would show.
pub struct Person {
    session: Session,
    /// The map as their editor shows it, once joined.
    pub document: Option<Document>,
}

impl Person {
    /// Takes in what the session sent and sends what is written, as the
    /// editor does each frame.
    pub fn poll(&mut self) {
        for event in self.session.poll() {
            match event {
                SessionEvent::Document(bytes) => self.document = Document::joined(&bytes).ok(),
                SessionEvent::Changes(changes) => {
                    if let Some(document) = &mut self.document {
                        document.receive(changes);
                    }
                }
                SessionEvent::Status(_) | SessionEvent::People(_) => {}
            }
        }
        if let Some(document) = &mut self.document {
            let _ = document.poll_shared();
        }
        // The editor sends at the end of every frame: edits the replica
        // has written since go out.
        self.send();
    }

    /// Sends the edits made since the last call, as the editor does.
    pub fn send(&mut self) {
        if let Some(document) = &mut self.document {
            self.session.send_changes(document.outgoing());
        }
    }

    /// The map their editor shows, once joined.
    pub fn map(&self) -> Option<&JourneyMap> {
        self.document.as_ref().map(|document| &document.map)
    }
}

/// Polls `people` until `done` holds; false after [`PATIENCE`].
fn until(people: &mut [Person], done: impl FnMut(&[Person]) -> bool) -> bool {
    until_within(people, PATIENCE, done)
}

/// Polls `people` until `done` holds; false after `patience`.
fn until_within(
    people: &mut [Person],
    patience: Duration,
    mut done: impl FnMut(&[Person]) -> bool,
) -> bool {
    let started = Instant::now();
    while !done(people) {
        if started.elapsed() > patience {
            return false;
        }
        for person in people.iter_mut() {
            person.poll();
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    true
}

/// The network figures.
pub fn network(maps: &[BenchMap]) {
    if filter::wanted("net/remote_latency/5k")
        && let Some(map) = maps.iter().find(|m| m.name == "5k")
        && let Err(error) = remote_latency(&map.map)
    {
        eprintln!("perf: no remote latency figure: {error}");
    }
    if filter::wanted("net/load_30_peers")
        && let Err(error) = load_30_peers()
    {
        eprintln!("perf: no load figure: {error}");
    }
}

/// Someone joining the session at `link`, with the editor's document.
pub fn join(link: &JoinLink) -> Result<Person, String> {
    Ok(Person {
        session: Session::join(link).map_err(|e| e.to_string())?,
        document: None,
    })
}

fn remote_latency(map: &JourneyMap) -> Result<(), String> {
    let mut host_document = Document::new(map.clone(), Origin::Sample("bench"));
    let bytes = host_document.share().map_err(|e| e.to_string())?;
    let host = Session::host(
        bytes,
        HostOptions {
            bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            ..HostOptions::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let link = host.link().clone();
    let mut people = vec![
        Person {
            session: host,
            document: Some(host_document),
        },
        join(&link)?,
        join(&link)?,
    ];
    if !until(&mut people, |p| {
        p.iter().all(|person| person.map().is_some())
    }) {
        return Err("the joiners never got the map".to_owned());
    }
    let card = map
        .cards()
        .nth(map.card_count() / 3)
        .ok_or("no card")?
        .id
        .clone();
    let rounds = if crate::quick() { 20 } else { 60 };
    for round in 0..rounds {
        let text = format!("edited in round {round}");
        let started = Instant::now();
        if let Some(document) = &mut people[1].document {
            document
                .apply(Edit::SetCardText(card.clone(), text.clone()))
                .map_err(|e| e.to_string())?;
        }
        people[1].send();
        let arrived = until(&mut people, |p| {
            p[2].map()
                .and_then(|m| m.card(&card))
                .is_some_and(|(_, c)| c.text == text)
        });
        if !arrived {
            return Err(format!(
                "round {round}: the edit never reached the other joiner"
            ));
        }
        figures::record(
            "net/remote_latency/5k",
            "ms",
            started.elapsed().as_secs_f64() * 1000.0,
        );
        // Let the host's own map catch up before the next round.
        until(&mut people, |p| {
            p[0].map()
                .and_then(|m| m.card(&card))
                .is_some_and(|(_, c)| c.text == text)
        });
    }
    Ok(())
}

/// CPU time (user + system) of process `pid` in seconds, and its peak
/// resident memory in MiB, from /proc.
fn usage(pid: u32) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let peak_kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    // The kernel's clock ticks are 100 a second on Linux.
    Some((ticks / 100.0, peak_kib / 1024.0))
}

fn load_30_peers() -> Result<(), String> {
    const PEERS: usize = 30;
    let seconds = if crate::quick() { 10 } else { 60 };
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("map.ron");
    let binary = env!("CARGO_BIN_EXE_journeymap");
    let made = Command::new(binary)
        .args(["new", "--from", "grocery-trip", "-o"])
        .arg(&file)
        .status()
        .map_err(|e| e.to_string())?;
    if !made.success() {
        return Err("journeymap new failed".to_owned());
    }
    let start_cards = journeymap::io::read_map(&file)
        .map_err(|e| e.to_string())?
        .card_count();
    let mut serve = Command::new(binary)
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(["serve", "--bind", "127.0.0.1"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let result = drive_load(&mut serve, &file, PEERS, seconds, start_cards);
    let _ = serve.kill();
    let _ = serve.wait();
    result
}

fn drive_load(
    serve: &mut std::process::Child,
    file: &std::path::Path,
    peers: usize,
    seconds: usize,
    start_cards: usize,
) -> Result<(), String> {
    use std::io::BufRead as _;
    let stdout = serve.stdout.take().ok_or("no stdout")?;
    let printed = std::io::BufReader::new(stdout)
        .lines()
        .next()
        .ok_or("serve printed nothing")?
        .map_err(|e| e.to_string())?;
    let link: JoinLink = printed
        .strip_prefix("join ")
        .ok_or("no join line")?
        .parse()
        .map_err(|e: journeymap::net::NetError| e.to_string())?;
    let mut people = (0..peers)
        .map(|_| join(&link))
        .collect::<Result<Vec<_>, _>>()?;
    if !until(&mut people, |p| {
        p.iter().all(|person| person.map().is_some())
    }) {
        return Err("not every peer got the map".to_owned());
    }
    let (cpu_before, _) = usage(serve.id()).ok_or("no /proc figures")?;
    let started = Instant::now();
    for second in 0..seconds {
        for (who, person) in people.iter_mut().enumerate() {
            if let Some(document) = &mut person.document {
                let stage = document.map.stages[(who + second) % document.map.stages.len()]
                    .id
                    .clone();
                let first_lane = document.map.lanes[0].id.clone();
                let _ = document.apply(Edit::AddCard {
                    stage,
                    lane: first_lane,
                    index: 0,
                    text: format!("peer {who} second {second}"),
                    state: None,
                });
            }
            person.send();
        }
        let next = started + Duration::from_secs(second as u64 + 1);
        while Instant::now() < next {
            for person in &mut people {
                person.poll();
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let edits_done = started.elapsed().as_secs_f64();
    let expected = start_cards + peers * seconds;
    // On two cores the host and all 30 peers share the machine: give them
    // time to catch up, and report how long the host (its file) and the
    // peers took. The host writes its file within 2 s of its last change.
    let file_cards = || journeymap::io::read_map(file).map_or(0, |m| m.card_count());
    let mut host_done: Option<f64> = None;
    let mut next_look = Instant::now();
    let everyone = until_within(&mut people, Duration::from_mins(5), |p| {
        if host_done.is_none() && Instant::now() >= next_look {
            next_look = Instant::now() + Duration::from_millis(500);
            if file_cards() == expected {
                host_done = Some(started.elapsed().as_secs_f64() - edits_done);
            }
        }
        p.iter()
            .all(|person| person.map().is_some_and(|m| m.card_count() == expected))
    });
    let peers_done = started.elapsed().as_secs_f64() - edits_done;
    // Over the minute of edits and the catching up after it.
    let (cpu_after, peak) = usage(serve.id()).ok_or("no /proc figures")?;
    let elapsed = started.elapsed().as_secs_f64();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut on_disk = file_cards();
    while on_disk != expected && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        on_disk = file_cards();
    }
    let host_done = host_done.unwrap_or_else(|| started.elapsed().as_secs_f64() - edits_done);
    eprintln!(
        "perf: the host used {:.1} s of CPU in {elapsed:.1} s; after the last card was added, \
         the host's file had every card {host_done:.1} s later, every peer {peers_done:.1} s later",
        cpu_after - cpu_before,
    );
    eprintln!(
        "perf: {peers} peers × {seconds} s: {} cards expected, every peer has them: {everyone}, \
         the file has {on_disk}",
        peers * seconds
    );
    if !everyone || on_disk != expected {
        return Err(format!(
            "edits were lost: the file has {on_disk} cards, {expected} expected"
        ));
    }
    figures::record("net/load_30_peers/host_caught_up", "s", host_done);
    figures::record("net/load_30_peers/peers_caught_up", "s", peers_done);
    figures::record(
        "net/load_30_peers/host_cpu",
        "% of a core",
        (cpu_after - cpu_before) / elapsed * 100.0,
    );
    figures::record("net/load_30_peers/host_peak_memory", "MiB", peak);
    Ok(())
}
