//! The host's listener: who may connect, TLS, the join code, then samod.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use ring::hmac;
use ring::rand::SystemRandom;
use samod::AcceptorHandle;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_tungstenite::accept_hdr_async_with_config;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;

use super::{JoinCode, NetError, log, ws};

/// Checks a join code in constant time: ring's HMAC verification compares
/// the tag of the code given with the tag of the right one, under a key
/// drawn afresh for each session.
pub(crate) struct CodeCheck {
    key: hmac::Key,
    tag: hmac::Tag,
}

impl CodeCheck {
    pub(crate) fn new(code: &JoinCode) -> Result<Self, NetError> {
        let key = hmac::Key::generate(hmac::HMAC_SHA256, &SystemRandom::new())
            .map_err(|_| NetError::Random)?;
        let tag = hmac::sign(&key, code.as_bytes());
        Ok(Self { key, tag })
    }

    /// Whether the request path `/CODE` holds the session's code.
    pub(crate) fn accepts(&self, path: &str) -> bool {
        path.trim_start_matches('/')
            .parse::<JoinCode>()
            .is_ok_and(|code| hmac::verify(&self.key, code.as_bytes(), self.tag.as_ref()).is_ok())
    }
}

/// Which peers a host lets in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Admit {
    /// Anyone who has the code (an address to bind was given).
    Anyone,
    /// Peers on this machine or the local network, as [`is_local`] says,
    /// and peers on the host's own network: the /24 (IPv4) or /64 (IPv6)
    /// around the address its link shows, which need not be a private one.
    Near(IpAddr),
}

impl Admit {
    /// Whether a peer at `ip` may connect.
    pub(crate) fn admits(self, ip: IpAddr) -> bool {
        match self {
            Self::Anyone => true,
            Self::Near(own) => is_local(ip) || same_network(ip, own),
        }
    }
}

/// Whether `a` and `b` are on one /24 (IPv4) or /64 (IPv6) network.
fn same_network(a: IpAddr, b: IpAddr) -> bool {
    match (a.to_canonical(), b.to_canonical()) {
        (IpAddr::V4(a), IpAddr::V4(b)) => a.octets()[..3] == b.octets()[..3],
        (IpAddr::V6(a), IpAddr::V6(b)) => a.octets()[..8] == b.octets()[..8],
        _ => false,
    }
}

/// Whether a peer at `ip` is on this machine or the local network:
/// loopback, private (RFC 1918), link-local, or an IPv6 unique local
/// address.
pub(crate) fn is_local(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(ip) => ip.is_loopback() || ip.is_private() || ip.is_link_local(),
        IpAddr::V6(ip) => ip.is_loopback() || ip.is_unique_local() || ip.is_unicast_link_local(),
    }
}

/// The listener and what it needs for each connection.
pub(crate) struct Server {
    pub(crate) listener: TcpListener,
    pub(crate) tls: TlsAcceptor,
    pub(crate) code: Arc<CodeCheck>,
    pub(crate) acceptor: AcceptorHandle,
    /// Which peers may connect.
    pub(crate) admit: Admit,
}

impl Server {
    /// Accepts connections until the session ends (the task is dropped).
    pub(crate) async fn run(self) {
        loop {
            let (tcp, peer) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    log(&format!("cannot accept a connection: {error}"));
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            };
            let peer = SocketAddr::new(peer.ip().to_canonical(), peer.port());
            if !self.admit.admits(peer.ip()) {
                log(&format!(
                    "refused {peer}: not on the local network (host with --bind to allow it)"
                ));
                continue;
            }
            let tls = self.tls.clone();
            let code = Arc::clone(&self.code);
            let acceptor = self.acceptor.clone();
            tokio::spawn(async move { accept(tcp, peer, tls, &code, &acceptor).await });
        }
    }
}

/// TLS, then the WebSocket upgrade with the code checked, then samod.
async fn accept(
    tcp: TcpStream,
    peer: SocketAddr,
    tls: TlsAcceptor,
    code: &CodeCheck,
    acceptor: &AcceptorHandle,
) {
    let _ = tcp.set_nodelay(true);
    let stream = match tokio::time::timeout(ws::CONNECT_TIMEOUT, tls.accept(tcp)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(error)) => {
            log(&format!(
                "refused {peer}: the secure connection failed ({error}); \
                 a wrong join code looks like this"
            ));
            return;
        }
        Err(_) => {
            log(&format!(
                "refused {peer}: no secure connection within the time allowed"
            ));
            return;
        }
    };
    #[expect(
        clippy::result_large_err,
        reason = "tungstenite's callback type: the refusal is an HTTP response"
    )]
    let check = |request: &Request, response: Response| {
        if code.accepts(request.uri().path()) {
            Ok(response)
        } else {
            let mut refusal = ErrorResponse::new(Some("wrong join code".to_owned()));
            *refusal.status_mut() = StatusCode::FORBIDDEN;
            Err(refusal)
        }
    };
    let upgrade = accept_hdr_async_with_config(stream, check, Some(ws::config()));
    match tokio::time::timeout(ws::CONNECT_TIMEOUT, upgrade).await {
        Ok(Ok(socket)) => {
            if acceptor.accept(ws::transport(socket)).is_err() {
                log(&format!("refused {peer}: the session is ending"));
            }
        }
        Ok(Err(tokio_tungstenite::tungstenite::Error::Http(response)))
            if response.status() == StatusCode::FORBIDDEN =>
        {
            log(&format!("refused {peer}: wrong join code"));
        }
        Ok(Err(error)) => log(&format!(
            "refused {peer}: not a WebSocket request ({error})"
        )),
        Err(_) => log(&format!(
            "refused {peer}: no WebSocket request within the time allowed"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_right_code_passes_the_check_however_it_is_written() {
        let code = JoinCode::random().expect("code");
        let check = CodeCheck::new(&code).expect("check");
        assert!(check.accepts(&format!("/{code}")));
        assert!(check.accepts(&format!("/{}", code.to_string().to_lowercase())));
        let other = JoinCode::random().expect("code");
        assert!(!check.accepts(&format!("/{other}")));
        assert!(!check.accepts("/"));
        assert!(!check.accepts("/../../etc/passwd"));
    }

    #[test]
    fn the_local_network_is_loopback_private_link_local_and_unique_local() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.9",
            "192.168.1.7",
            "169.254.3.4",
            "::1",
            "fd12::1",
            "fe80::1",
            "::ffff:192.168.1.7",
        ] {
            assert!(is_local(local.parse().expect("ip")), "{local}");
        }
        for remote in [
            "8.8.8.8",
            "172.32.0.1",
            "100.64.0.1",
            "2001:db8::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_local(remote.parse().expect("ip")), "{remote}");
        }
    }

    #[test]
    fn a_host_lets_in_its_own_network_even_when_its_address_is_not_private() {
        let ip = |text: &str| -> IpAddr { text.parse().expect("ip") };
        let near = Admit::Near(ip("192.0.2.2"));
        assert!(near.admits(ip("192.0.2.2")), "the host's own address");
        assert!(
            near.admits(ip("::ffff:192.0.2.77")),
            "a neighbour on its /24"
        );
        assert!(near.admits(ip("192.168.1.7")), "the local network");
        assert!(!near.admits(ip("198.51.100.1")), "somewhere else");
        assert!(Admit::Anyone.admits(ip("198.51.100.1")));
        let v6 = Admit::Near(ip("2001:db8:1:2::5"));
        assert!(v6.admits(ip("2001:db8:1:2::99")));
        assert!(!v6.admits(ip("2001:db8:9::1")));
    }
}
