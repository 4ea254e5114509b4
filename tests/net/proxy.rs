//! A TCP relay between a joiner and its host that the test can cut and
//! heal, to drop a connection without killing either side.

use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// Relays connections on its own loopback port to `target` while open.
pub struct Proxy {
    port: u16,
    open: Arc<AtomicBool>,
    live: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    pub fn new(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let open = Arc::new(AtomicBool::new(true));
        let live = Arc::new(Mutex::new(Vec::new()));
        let (accepting, tracked) = (Arc::clone(&open), Arc::clone(&live));
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !accepting.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(target) else {
                    continue;
                };
                if let Ok(mut tracked) = tracked.lock() {
                    tracked.extend(client.try_clone().ok());
                    tracked.extend(server.try_clone().ok());
                }
                relay(client, server);
            }
        });
        Self { port, open, live }
    }

    /// The port joiners connect to.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Drops every connection and refuses new ones.
    pub fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        if let Ok(mut live) = self.live.lock() {
            for stream in live.drain(..) {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }

    /// Lets connections through again.
    pub fn heal(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

fn relay(a: TcpStream, b: TcpStream) {
    let pump = |mut from: TcpStream, mut to: TcpStream| {
        thread::spawn(move || {
            let _ = io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Both);
            let _ = from.shutdown(Shutdown::Both);
        });
    };
    if let (Ok(a2), Ok(b2)) = (a.try_clone(), b.try_clone()) {
        pump(a, b2);
        pump(b, a2);
    }
}
