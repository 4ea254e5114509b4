//! Hostile bytes from the network: whatever a peer sends, taking it in
//! never panics, and a map that comes out of it is valid.
//!
//! The first byte picks what the rest is: changes for a headless peer's
//! copy of the document (`net::Mirror`, as `journeymap serve` takes them
//! from a session), a sync message for the editor's replica, or a join
//! link someone pasted. samod's own wire decoding is exercised end to end
//! by `tests/net/security.rs`.

#![no_main]

use std::sync::OnceLock;

use journeymap::net::{JoinLink, Mirror};
use journeymap::sync::{Peer, Replica};
use journeymap::{model, samples};
use libfuzzer_sys::fuzz_target;

/// A sample map as a shared document, made once.
fn document() -> &'static [u8] {
    static DOCUMENT: OnceLock<Vec<u8>> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let map = samples::find("grocery-trip")
            .and_then(|sample| sample.map().ok())
            .expect("sample");
        Replica::new(&map).expect("replica").save()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    match kind % 3 {
        0 => {
            // Changes, split at every 0xff byte.
            let changes: Vec<Vec<u8>> = rest
                .split(|&b| b == 0xff)
                .map(<[u8]>::to_vec)
                .collect();
            let mut mirror = Mirror::load(document()).expect("document");
            if mirror.apply(&changes).is_ok()
                && let Ok(map) = mirror.map()
            {
                assert!(model::validate(&map).is_empty(), "a merged map is invalid");
            }
        }
        1 => {
            let mut replica = Replica::load(document()).expect("document");
            let mut peer = Peer::new();
            if replica.receive_sync_message(&mut peer, rest).is_ok() {
                let map = replica.to_map();
                assert!(model::validate(&map).is_empty(), "a synced map is invalid");
                let _ = replica.generate_sync_message(&mut peer);
            }
        }
        _ => {
            if let Ok(text) = std::str::from_utf8(rest)
                && let Ok(link) = text.parse::<JoinLink>()
            {
                let again: JoinLink = link.to_string().parse().expect("a link reads back");
                assert_eq!(again, link);
            }
        }
    }
});
