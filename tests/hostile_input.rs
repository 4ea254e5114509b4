//! Hostile input: whatever a map file says, loading it only parses text. It
//! reads no other file, writes nothing, runs nothing, and whatever it
//! accepts saves back to the same map. `fuzz/` checks the same on random
//! bytes; these are the cases worth keeping in `cargo test`.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use std::fs::{self, File, FileTimes};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use journeymap::io::{self, LoadError};
use journeymap::model::validate;

/// Every file and folder under `root` with its size and modification time.
fn snapshot(root: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let mut entries = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                folders.push(path.clone());
            }
            entries.push((path, meta.len(), meta.modified().expect("mtime")));
        }
    }
    entries.sort();
    entries
}

fn accessed(path: &Path) -> SystemTime {
    fs::metadata(path)
        .expect("metadata")
        .accessed()
        .expect("atime")
}

/// Sets the file's access time an hour before its modification time, so
/// that the next read of it updates the access time even under `relatime`.
fn make_stale(path: &Path) -> SystemTime {
    let modified = fs::metadata(path)
        .expect("metadata")
        .modified()
        .expect("mtime");
    let stale = modified - Duration::from_hours(1);
    File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_times(FileTimes::new().set_accessed(stale).set_modified(modified))
        .expect("set times");
    stale
}

/// Whether this file system records reads in access times (not `noatime`).
fn reads_are_recorded(path: &Path) -> bool {
    let stale = make_stale(path);
    fs::read(path).expect("read");
    accessed(path) != stale
}

/// Text that, taken as anything but text, would reach outside the file:
/// paths next to, above and far from the map, URLs, shell commands.
fn hostile_texts(canaries: &[PathBuf]) -> Vec<String> {
    let mut texts = vec![
        "logo.png".to_owned(),
        "../outside.ron".to_owned(),
        "https://example.com/logo.png".to_owned(),
        "$(touch pwned)".to_owned(),
        "`touch pwned`; rm -rf ~".to_owned(),
        "%APPDATA%\\journeymap".to_owned(),
        "include_str!(\"/etc/passwd\")".to_owned(),
    ];
    for canary in canaries {
        texts.push(canary.display().to_string());
        texts.push(format!("file://{}", canary.display()));
    }
    texts
}

#[test]
fn a_map_naming_files_urls_and_commands_loads_them_as_text_and_touches_nothing_else() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("maps");
    fs::create_dir(&folder).expect("mkdir");
    let canaries = [folder.join("logo.png"), root.path().join("outside.ron")];
    for canary in &canaries {
        fs::write(canary, "not to be read").expect("write canary");
    }
    let texts = hostile_texts(&canaries);
    let quoted = |text: &String| format!("{text:?}");
    let cards: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            format!(
                "(id: \"c{i}\", lane: \"doing\", text: {}, notes: {})",
                quoted(text),
                quoted(text)
            )
        })
        .collect();
    let map_text = format!(
        "(version: 1, title: {}, scenario: {}, persona: (name: {}, goals: [{}]),\n\
         lanes: [(id: \"doing\", name: {}, kind: Text)],\n\
         stages: [(id: \"s1\", name: {}, description: {}, owner: {}, metrics: {},\n\
         cards: [{}])])\n",
        quoted(&texts[0]),
        quoted(&texts[1]),
        quoted(&texts[2]),
        texts.iter().map(quoted).collect::<Vec<_>>().join(", "),
        quoted(&texts[3]),
        quoted(&texts[4]),
        quoted(&texts[5]),
        quoted(&texts[6]),
        quoted(&texts[7]),
        cards.join(",\n"),
    );
    let path = folder.join("journey.ron");
    fs::write(&path, &map_text).expect("write map");
    let recorded = canaries.iter().all(|canary| reads_are_recorded(canary));
    let untouched: Vec<SystemTime> = canaries.iter().map(|canary| make_stale(canary)).collect();
    let before = snapshot(root.path());

    let map = io::read_map(&path).expect("the map loads");

    // Every string is kept as written, as plain text.
    assert_eq!(map.title, texts[0]);
    assert_eq!(map.persona.goals, texts);
    let stage = &map.stages[0];
    assert_eq!(stage.metrics, texts[7]);
    let card_texts: Vec<&str> = stage.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(card_texts, texts);
    // Nothing was created, removed or changed anywhere around the map...
    assert_eq!(snapshot(root.path()), before);
    // ...and no file the map names was read (where reads are recorded).
    if recorded {
        let after: Vec<SystemTime> = canaries.iter().map(|canary| accessed(canary)).collect();
        assert_eq!(after, untouched, "loading read a file the map names");
    }
}

#[test]
fn a_map_has_no_place_for_an_image_so_none_is_ever_decoded() {
    // The format holds text only: a field carrying image data is refused as
    // unknown before anything could decode it.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let places = [
        format!("(version: 1, image: {png:?})"),
        format!("(version: 1, persona: (name: \"P\", photo: {png:?}))"),
        format!("(version: 1, stages: [(id: \"s1\", name: \"S\", background: {png:?})])"),
        format!(
            "(version: 1, lanes: [(id: \"l1\", name: \"L\", kind: Text)], stages: [(id: \"s1\", \
             name: \"S\", cards: [(id: \"c1\", lane: \"l1\", text: \"t\", image: {png:?})])])"
        ),
    ];
    for text in &places {
        match io::parse_map(text) {
            Err(LoadError::Syntax { message, .. }) => {
                assert!(message.contains("field"), "{message}");
            }
            other => panic!("an image field should be refused, got {other:?}"),
        }
    }
}

/// Ways of writing text that journeymap never writes itself but a hand
/// edit (or an attacker) may: each loads, and saves back canonically.
#[test]
fn hand_written_forms_of_text_load_and_save_back_as_the_same_map() {
    let cases = [
        // Escaped line endings, in a file with CRLF line endings.
        "(version: 1,\r\n title: \"a\\r\\nb\\rc\\nd\",\r\n)\r\n",
        // A raw carriage return inside a string, not followed by a newline.
        "(version: 1, title: \"a\rb\")",
        // A byte-order mark at the start and one escaped inside a string.
        "\u{feff}(version: 1, title: \"\\u{feff}x\")",
        // Raw strings, with quotes and hashes inside.
        "(version: 1, title: r#\"say \"hi\" #1\"#, scenario: r\"C:\\maps\")",
        // Unicode escapes, byte escapes, NUL, combining marks, bidi controls.
        "(version: 1, title: \"\\u{1F44D}\\x41\\0e\\u{301}\\u{202e}\")",
        // RON's implicit Some, and comments of both kinds.
        "#![enable(implicit_some)]\n(version: 1, /* c */ lanes: [(id: \"l\", name: \"L\", \
         kind: Text, colour: \"#ABCDEF\")], // c\n)",
    ];
    for text in cases {
        let map = io::parse_map(text).expect(text);
        assert_eq!(validate(&map), Vec::new());
        let saved = io::to_ron(&map).expect("save");
        let reloaded = io::parse_map(&saved).expect(&saved);
        assert_eq!(reloaded, map, "{text:?} saved as {saved}");
        assert_eq!(io::to_ron(&reloaded).expect("save"), saved);
    }
}
