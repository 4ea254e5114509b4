//! `journeymap serve` as a process: the link it prints, the file it keeps
//! written, and a restart after SIGKILL. Loopback only.

#![cfg(unix)]
#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use journeymap::net::{JoinLink, Mirror, Session, SessionEvent};

/// The binary under test, as Cargo built it.
const BINARY: &str = env!("CARGO_BIN_EXE_journeymap");

/// How long a test waits before it fails; passing tests take far less.
const PATIENCE: Duration = Duration::from_secs(20);

/// A map file and a private state folder for `serve`.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let output = Command::new(BINARY)
            .args(["new", "--from", "grocery-trip", "-o"])
            .arg(dir.path().join("map.ron"))
            .output()
            .expect("journeymap new");
        assert!(output.status.success());
        Self { dir }
    }

    fn map(&self) -> PathBuf {
        self.dir.path().join("map.ron")
    }

    fn command(&self) -> Command {
        let mut command = Command::new(BINARY);
        command.env("XDG_DATA_HOME", self.dir.path().join("data"));
        command
    }

    /// Starts `serve` on loopback; returns it and the link it printed.
    fn serve(&self) -> (Child, JoinLink) {
        self.serve_logging_to(Stdio::null())
    }

    /// Starts `serve` on loopback with its log (stderr) going to `log`;
    /// returns it and the link it printed.
    fn serve_logging_to(&self, log: Stdio) -> (Child, JoinLink) {
        let mut child = self
            .command()
            .args(["serve", "--bind", "127.0.0.1"])
            .arg(self.map())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(PATIENCE)
            .expect("serve prints a line")
            .expect("utf-8");
        let printed = line.strip_prefix("join ").expect("`join LINK`");
        (child, printed.parse().expect("a join link"))
    }

    /// `journeymap peer LINK --add-card TEXT`; returns its output.
    fn peer(&self, link: &JoinLink, card: &str) -> Output {
        self.command()
            .args(["peer", &link.to_string(), "--add-card", card])
            .output()
            .expect("journeymap peer")
    }

    /// `journeymap check` run on the map file.
    fn check(&self) -> Output {
        self.command()
            .arg("check")
            .arg(self.map())
            .output()
            .expect("journeymap check")
    }

    /// Waits until the map file holds `text`.
    fn wait_for_text(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !fs::read_to_string(self.map()).is_ok_and(|map| map.contains(text)) {
            assert!(Instant::now() < deadline, "{text} never reached the file");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn stop(mut child: Child, signal: &str) {
    send(&child, signal);
    let _ = child.wait();
}

/// Sends `signal` (`-TERM`, `-KILL`) to `child`.
fn send(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

fn text_of(path: &Path) -> String {
    fs::read_to_string(path).expect("read")
}

#[test]
fn serve_prints_a_link_and_a_peers_card_reaches_the_file_with_a_backup() {
    let workspace = Workspace::new();
    let before = text_of(&workspace.map());
    let (serve, link) = workspace.serve();
    assert!(
        link.to_string().starts_with("journeymap://127.0.0.1:"),
        "{link}"
    );
    let peer = workspace.peer(&link, "Card from a peer");
    assert!(peer.status.success(), "{peer:?}");
    workspace.wait_for_text("Card from a peer");
    let backup = workspace.dir.path().join("map.ron.bak");
    assert_eq!(text_of(&backup), before, "the previous version is kept");
    stop(serve, "-TERM");
    let check = workspace.check();
    assert!(check.status.success(), "the file written is a valid map");
}

#[test]
fn a_host_killed_and_restarted_keeps_its_link_and_the_editors_catch_up() {
    let workspace = Workspace::new();
    let (serve, link) = workspace.serve();
    // An editor stays joined through the crash.
    let editor = Session::join(&link).expect("join");
    let mut mirror = wait_for_document(&editor);
    assert!(workspace.peer(&link, "Before the crash").status.success());
    workspace.wait_for_text("Before the crash");

    stop(serve, "-KILL");
    // The editor keeps editing while the host is down.
    let mut map = mirror_map(&editor, &mut mirror);
    let stage = map.stages[0].id.clone();
    let lane = map.lanes[0].id.clone();
    let card = journeymap::model::Card::new(
        journeymap::model::CardId::new("editor1"),
        lane,
        "While the host was down",
    );
    map.insert_card(&stage, usize::MAX, card).expect("add");
    editor.send_changes(mirror.edit(&map).expect("edit"));

    let (serve, again) = workspace.serve();
    assert_eq!(again, link, "same code, same port, same link");
    workspace.wait_for_text("While the host was down");
    let newcomer = workspace.peer(&link, "After the restart");
    assert!(newcomer.status.success(), "{newcomer:?}");
    workspace.wait_for_text("After the restart");
    let file = text_of(&workspace.map());
    assert!(
        file.contains("Before the crash"),
        "history survived the crash"
    );
    stop(serve, "-TERM");
}

#[test]
fn a_file_edited_while_the_host_was_down_is_merged_when_it_is_back() {
    let workspace = Workspace::new();
    let (serve, link) = workspace.serve();
    assert!(workspace.peer(&link, "From the session").status.success());
    workspace.wait_for_text("From the session");
    stop(serve, "-TERM");
    // Somebody edits the file (a git pull, say) while nobody serves it.
    let edited = text_of(&workspace.map()).replace("Weekly grocery trip", "Monthly grocery trip");
    fs::write(workspace.map(), edited).expect("edit");

    let (serve, _) = workspace.serve();
    assert!(workspace.peer(&link, "After the pull").status.success());
    workspace.wait_for_text("After the pull");
    let file = text_of(&workspace.map());
    assert!(
        file.contains("Monthly grocery trip"),
        "the file's edit is kept"
    );
    assert!(file.contains("From the session"));
    stop(serve, "-TERM");
}

#[test]
fn serve_refuses_a_map_that_fails_check_exactly_as_check_does() {
    let workspace = Workspace::new();
    let broken = text_of(&workspace.map()).replacen("title:", "titel:", 1);
    fs::write(workspace.map(), broken).expect("break");
    let check = workspace.check();
    let serve = workspace
        .command()
        .arg("serve")
        .arg(workspace.map())
        .output()
        .expect("serve");
    assert!(!check.status.success());
    assert_eq!(serve.status.code(), check.status.code());
    assert_eq!(serve.stderr, check.stderr);
    assert!(serve.stdout.is_empty(), "no link for a broken map");
}

fn wait_for_document(session: &Session) -> Mirror {
    let deadline = Instant::now() + PATIENCE;
    loop {
        for event in session.poll() {
            if let SessionEvent::Document(bytes) = event {
                return Mirror::load(&bytes).expect("document");
            }
        }
        assert!(Instant::now() < deadline, "no document");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mirror_map(session: &Session, mirror: &mut Mirror) -> journeymap::model::JourneyMap {
    for event in session.poll() {
        if let SessionEvent::Changes(changes) = event {
            mirror.apply(&changes).expect("changes");
        }
    }
    mirror.map().expect("map")
}

#[test]
fn serve_logs_a_wrong_code_and_goes_on_serving_the_right_one() {
    let workspace = Workspace::new();
    let (mut child, link) = workspace.serve_logging_to(Stdio::piped());
    let shown = link.to_string();
    let code = link.code().expect("a code").to_string();
    let other = journeymap::net::JoinCode::random().expect("random");
    let wrong: JoinLink = shown
        .replace(&code, &other.to_string())
        .parse()
        .expect("a link");
    let mut refused = workspace
        .command()
        .args(["peer", &wrong.to_string(), "--timeout", "3"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("journeymap peer");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = refused.try_wait().expect("peer runs") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = refused.kill();
            let _ = child.kill();
            panic!("a peer with a wrong code hung instead of giving up");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success(), "a wrong code is refused");

    // The host logged the refusal and still serves whoever has the code.
    let peer = workspace.peer(&link, "After a wrong code");
    assert!(peer.status.success(), "{peer:?}");
    workspace.wait_for_text("After a wrong code");
    send(&child, "-TERM");
    let output = child.wait_with_output().expect("serve ends");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("refused 127.0.0.1:"), "{log}");
}

#[test]
fn peers_killed_mid_edit_leave_the_host_serving_and_the_file_valid() {
    let workspace = Workspace::new();
    let (serve, link) = workspace.serve();
    // Peers SIGKILLed at different moments: while connecting, while their
    // card is on its way, and after it arrived.
    for (i, delay) in [50_u64, 250, 700, 1500].into_iter().enumerate() {
        let mut peer = workspace
            .command()
            .args(["peer", &link.to_string(), "--add-card"])
            .arg(format!("Killed peer {i}"))
            .args(["--expect", "100000", "--timeout", "30"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start peer");
        std::thread::sleep(Duration::from_millis(delay));
        peer.kill().expect("SIGKILL the peer");
        let _ = peer.wait();
    }
    // The host still serves, and what reached it is in a valid file.
    let survivor = workspace.peer(&link, "After the killed peers");
    assert!(survivor.status.success(), "{survivor:?}");
    workspace.wait_for_text("After the killed peers");
    let check = workspace.check();
    assert!(check.status.success(), "{check:?}");
    stop(serve, "-TERM");
}

#[test]
fn the_file_serve_writes_keeps_its_comments() {
    let workspace = Workspace::new();
    let text = text_of(&workspace.map());
    let commented = format!(
        "// Our trip, kept by serve\n{}",
        text.replacen(
            "    title: ",
            "    // the title the team agreed on\n    title: ",
            1,
        )
    );
    fs::write(workspace.map(), &commented).expect("write");
    let (serve, link) = workspace.serve();
    let peer = workspace.peer(&link, "Card from a peer");
    assert!(peer.status.success(), "{peer:?}");
    workspace.wait_for_text("Card from a peer");
    stop(serve, "-TERM");
    let written = text_of(&workspace.map());
    assert!(
        written.starts_with("// Our trip, kept by serve\n(\n    version: 1,\n    // the title the team agreed on\n    title: "),
        "{written}"
    );
}
