//! Two editors in one process, joined to one session on loopback: what
//! each types shows in the other, and undo takes back only your own edit.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use journeymap::app::{JourneyApp, Origin, Preferences};
use journeymap::model::JourneyMap;
use journeymap::net::{HostOptions, Status};

use crate::helpers::*;

/// Runs frames of both editors until `done` holds, or fails after a while.
pub fn until(
    a: &mut Harness<'_, JourneyApp>,
    b: &mut Harness<'_, JourneyApp>,
    what: &str,
    done: impl Fn(&JourneyApp, &JourneyApp) -> bool,
) {
    let started = Instant::now();
    while !done(a.state(), b.state()) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        a.step();
        b.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn names(app: &JourneyApp) -> Vec<String> {
    app.document
        .map
        .stages
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

/// Preferences with a name, so that sharing does not ask for it.
pub fn named(name: &str) -> Preferences {
    Preferences {
        name: name.to_owned(),
        ..Preferences::default()
    }
}

/// Two editors at 100 %: the host (named `host_name`, with the default
/// sample) sharing on loopback, and a guest (named `guest_name`) who
/// joined; returns once both have the map and see each other.
pub fn joined_pair(
    host_name: &str,
    guest_name: &str,
) -> (Harness<'static, JourneyApp>, Harness<'static, JourneyApp>) {
    let mut host = harness_for_sharing(JourneyApp::start(named(host_name), None));
    host.state_mut().share_with(HostOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        ..HostOptions::default()
    });
    // Not `run`: the session reports its state while the frames run.
    host.run_steps(5);
    assert!(host.state().is_showing_share_link());
    let link = host.state().share_link().expect("a link to give out");
    press(&mut host, Modifiers::NONE, Key::Escape);

    let mut guest = harness_for_sharing(JourneyApp::new(
        journeymap::app::Document::new(JourneyMap::default(), Origin::Sample("blank")),
        named(guest_name),
    ));
    guest.state_mut().join(&link).expect("the link reads");
    until(&mut host, &mut guest, "the shared map to arrive", |h, g| {
        g.document.origin == Origin::Joined && g.document.map == h.document.map
    });
    until(&mut host, &mut guest, "both to see two people", |h, g| {
        [h, g]
            .iter()
            .all(|app| app.sharing_status() == Some(&Status::Connected { people: 2 }))
    });
    assert!(guest.state().window_title().contains("shared, 2 people"));
    (host, guest)
}

#[test]
fn two_editors_in_one_session_see_each_others_stages_and_undo_their_own() {
    let (mut host, mut guest) = joined_pair("Host", "Guest");

    // Each adds a stage at the same time, typing its name.
    for (harness, name) in [(&mut host, "Host stage"), (&mut guest, "Guest stage")] {
        press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
        type_text(harness, name);
        press(harness, Modifiers::NONE, Key::Enter);
    }
    until(
        &mut host,
        &mut guest,
        "both stages on both sides",
        |h, g| {
            let both = |app: &JourneyApp| {
                let names = names(app);
                names.iter().any(|n| n == "Host stage") && names.iter().any(|n| n == "Guest stage")
            };
            both(h) && both(g) && h.document.map == g.document.map
        },
    );

    // The guest's undo takes back the guest's stage (its name, then the
    // stage), never the host's.
    press(&mut guest, Modifiers::COMMAND, Key::Z);
    press(&mut guest, Modifiers::COMMAND, Key::Z);
    until(&mut host, &mut guest, "the guest's stage to go", |h, g| {
        !names(h)
            .iter()
            .any(|n| n.contains("Guest") || n == "New stage")
            && h.document.map == g.document.map
    });
    assert!(names(host.state()).iter().any(|n| n == "Host stage"));
}

#[test]
fn a_serve_host_is_not_counted_among_the_people_in_the_title() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let binary = env!("CARGO_BIN_EXE_journeymap");
    let map = dir.path().join("map.ron");
    let made = std::process::Command::new(binary)
        .args(["new", "--from", "grocery-trip", "-o"])
        .arg(&map)
        .status()
        .expect("journeymap new");
    assert!(made.success());
    let mut serve = std::process::Command::new(binary)
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(["serve", "--bind", "127.0.0.1"])
        .arg(&map)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = serve.stdout.take().expect("stdout");
    let printed = std::io::BufReader::new(stdout)
        .lines()
        .next()
        .expect("a line")
        .expect("utf-8");
    let link = printed.strip_prefix("join ").expect("join LINK").to_owned();

    let mut editor = harness_for_sharing(JourneyApp::new(
        journeymap::app::Document::new(JourneyMap::default(), Origin::Sample("blank")),
        named("Ana"),
    ));
    editor.state_mut().join(&link).expect("the link reads");
    let started = Instant::now();
    // The session counts serve; once it has, the title must not.
    while editor.state().sharing_status() != Some(&Status::Connected { people: 2 }) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never connected"
        );
        editor.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    editor.run();
    let title = editor.state().window_title().to_owned();
    let _ = serve.kill();
    let _ = serve.wait();
    assert!(title.contains("shared, only you so far"), "{title}");
}

#[test]
fn sharing_uses_the_usual_port_and_still_works_when_it_is_taken() {
    use journeymap::app::SHARE_PORT;
    // Whoever has the port (another journeymap, another program), sharing
    // goes ahead on another one.
    let taken = std::net::TcpListener::bind(("127.0.0.1", SHARE_PORT));
    let mut host = harness_for_sharing(JourneyApp::start(named("Ana"), None));
    host.state_mut().share_with(HostOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: SHARE_PORT,
        ..HostOptions::default()
    });
    host.run();
    let link = host
        .state()
        .share_link()
        .expect("shared despite the busy port");
    let nobody_else_had_it = taken.is_ok();
    assert!(!link.contains(&format!(":{SHARE_PORT}/")), "{link}");
    drop(taken);
    drop(host);
    // With the port free, the link carries it, so the code reads the same
    // each time.
    let mut again = harness_for_sharing(JourneyApp::start(named("Ana"), None));
    again.state_mut().share_with(HostOptions {
        bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        port: SHARE_PORT,
        ..HostOptions::default()
    });
    again.run();
    let link = again.state().share_link().expect("shared");
    if nobody_else_had_it {
        assert!(link.contains(&format!(":{SHARE_PORT}/")), "{link}");
    }
}
