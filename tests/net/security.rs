//! Nobody joins without the code, and a peer with the code cannot crash
//! the host with hostile bytes.

use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt as _, StreamExt as _};
use journeymap::net::{JoinCode, JoinLink, Session, Status};
use journeymap::sync::MAX_MESSAGE_BYTES;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio_tungstenite::tungstenite::{self, Message};

use super::{LOOPBACK, Peer, host, sample};

#[test]
fn a_joiner_with_a_wrong_code_is_refused_and_never_counted() {
    let mut host = Peer::new(host(&sample()));
    let port = port_of(host.session.link());
    let wrong = JoinLink::host(LOOPBACK, port, JoinCode::random().expect("code"));
    let mut eve = Peer::new(Session::join(&wrong).expect("join"));
    eve.wait("Eve refused", |eve| {
        matches!(eve.status, Some(Status::Refused { .. }))
    });
    let Some(Status::Refused { reason }) = &eve.status else {
        unreachable!("waited for it");
    };
    assert!(
        reason.contains("does not know this session's code"),
        "{reason}"
    );
    assert!(eve.mirror.is_none(), "Eve never sees the map");
    host.wait("the host alone", |host| {
        host.status == Some(Status::Connected { people: 1 })
    });
}

#[test]
fn without_the_code_the_host_cannot_be_talked_to_even_ignoring_its_certificate() {
    let host = host(&sample());
    let port = port_of(host.link());
    let wrong = JoinCode::random().expect("code");
    let refused = runtime().block_on(async {
        let socket = open(port, &wrong.to_string()).await;
        match socket {
            Err(tungstenite::Error::Http(response)) => response.status().as_u16(),
            Err(other) => panic!("expected HTTP 403, got {other}"),
            Ok(_) => panic!("a wrong code was let in"),
        }
    });
    assert_eq!(refused, 403);
}

#[test]
fn hostile_bytes_from_a_peer_with_the_code_do_not_bring_the_host_down() {
    let map = sample();
    let mut host = Peer::new(host(&map));
    let link = host.session.link().clone();
    let port = port_of(&link);
    let code = link.code().expect("code").to_string();
    runtime().block_on(async {
        // Garbage, a text message and truncated CBOR on one connection.
        let mut socket = open(port, &code).await.expect("open");
        for message in [
            Message::binary(vec![0xff; 1000]),
            Message::text("hello"),
            Message::binary(b"\xa5\x64type\x64join".to_vec()),
            Message::binary(join_then_nonsense()),
        ] {
            let _ = socket.send(message).await;
        }
        drain(&mut socket).await;
        // A handshake, then a sync message for our document that is not one.
        let mut socket = open(port, &code).await.expect("open");
        let _ = socket.send(Message::binary(join_then_nonsense())).await;
        drain(&mut socket).await;
        // More than any sync message may be.
        let mut socket = open(port, &code).await.expect("open");
        let _ = socket
            .send(Message::binary(vec![0; MAX_MESSAGE_BYTES + 1]))
            .await;
        drain(&mut socket).await;
    });
    // The host still shares the map.
    let mut ann = Peer::new(Session::join(&link).expect("join"));
    ann.joined();
    ann.add_card("Still here");
    host.wait("Ann's card at the host", |host| host.has_card("Still here"));
}

/// A samod `join` message as CBOR, then bytes that are no message at all.
fn join_then_nonsense() -> Vec<u8> {
    let mut message = vec![0xa3];
    for (key, value) in [("type", "join"), ("senderId", "eve")] {
        text(&mut message, key);
        text(&mut message, value);
    }
    text(&mut message, "supportedProtocolVersions");
    message.push(0x81);
    text(&mut message, "1");
    message.extend_from_slice(&[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    message
}

fn text(out: &mut Vec<u8>, text: &str) {
    let len = u8::try_from(text.len()).expect("short");
    if len < 24 {
        out.push(0x60 + len);
    } else {
        out.extend_from_slice(&[0x78, len]);
    }
    out.extend_from_slice(text.as_bytes());
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_rustls::client::TlsStream<tokio::net::TcpStream>>;

/// A WebSocket to the host with `path`, over TLS that accepts any
/// certificate: what an attacker who ignores the pinning could do.
async fn open(port: u16, path: &str) -> Result<Socket, tungstenite::Error> {
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .dangerous()
    .with_custom_certificate_verifier(Arc::new(AnyCertificate))
    .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let name = ServerName::try_from("127.0.0.1").expect("name");
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .expect("TLS");
    let url = format!("wss://127.0.0.1:{port}/{path}");
    tokio_tungstenite::client_async(url, tls)
        .await
        .map(|(socket, _)| socket)
}

/// Reads until the host closes the connection, or a while has passed.
async fn drain(socket: &mut Socket) {
    let _ = tokio::time::timeout(Duration::from_secs(3), async {
        while let Some(Ok(_)) = socket.next().await {}
    })
    .await;
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn port_of(link: &JoinLink) -> u16 {
    let short = link.short_code();
    let address = short.split_whitespace().next().expect("address");
    address
        .rsplit_once(':')
        .and_then(|(_, port)| port.parse().ok())
        .expect("port")
}

#[derive(Debug)]
struct AnyCertificate;

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        rustls::crypto::ring::default_provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}
