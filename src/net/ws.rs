//! WebSocket connections as samod transports, with size limits, and the
//! joiner's side of connecting: to our own host and to a sync server.

use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt as _, StreamExt as _, future};
use samod::{Transport, Url};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message, http::StatusCode};
use tokio_tungstenite::{WebSocketStream, client_async_with_config};

use crate::sync::MAX_MESSAGE_BYTES;

/// How long connecting (TCP, TLS and the WebSocket upgrade) may take.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// WebSocket limits: no message or frame larger than a sync message may be,
/// so a peer cannot make us buffer more than that.
pub(crate) fn config() -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES))
}

/// Why a connection could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConnectError {
    /// The host does not know the code, or refused ours: retrying will not help.
    #[error("{0}")]
    Refused(String),
    /// The network failed; a later attempt may work.
    #[error("{0}")]
    Network(String),
}

/// Why an open connection failed, for samod's logs.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct LinkError(String);

/// A samod transport over an open WebSocket: binary messages are sync
/// messages; text is an error; pings and pongs are tungstenite's business.
pub(crate) fn transport<S>(socket: WebSocketStream<S>) -> Transport
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (sink, stream) = socket.split();
    let stream = stream.filter_map(|message| {
        future::ready(match message {
            Ok(Message::Binary(bytes)) => Some(Ok(bytes.to_vec())),
            Ok(Message::Text(_)) => Some(Err(LinkError(
                "the peer sent text, where sync messages are binary".to_owned(),
            ))),
            Ok(Message::Close(_) | Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => None,
            Err(error) => Some(Err(LinkError(error.to_string()))),
        })
    });
    let sink = sink
        .sink_map_err(|error| LinkError(error.to_string()))
        .with(|bytes: Vec<u8>| future::ready(Ok::<_, LinkError>(Message::binary(bytes))));
    Transport::new(Box::pin(stream), Box::pin(sink))
}

/// Connects to the session our own host runs at `host:port`: TLS pinned to
/// the code's key (`tls`), then a WebSocket with the code in the path.
pub(crate) async fn connect_host(
    host: &str,
    port: u16,
    path: &str,
    tls: Arc<rustls::ClientConfig>,
) -> Result<Transport, ConnectError> {
    let tcp = tcp(host, port).await?;
    let name = server_name(host)?;
    let stream = TlsConnector::from(tls)
        .connect(name, tcp)
        .await
        .map_err(|error| {
            if error
                .get_ref()
                .is_some_and(<dyn std::error::Error + Send + Sync>::is::<rustls::Error>)
            {
                ConnectError::Refused(format!(
                    "the host at {host}:{port} does not know this session's code \
                     (the code is wrong, or another program answers there): {error}"
                ))
            } else {
                ConnectError::Network(format!("no secure connection to {host}:{port}: {error}"))
            }
        })?;
    let url = format!("wss://{host}:{port}/{path}");
    upgrade(&url, stream).await
}

/// Connects to an automerge-repo sync server at `url` (`ws://` or `wss://`).
pub(crate) async fn connect_server(url: &Url) -> Result<Transport, ConnectError> {
    let host = url
        .host_str()
        .ok_or_else(|| ConnectError::Refused(format!("{url} names no server")))?;
    let secure = url.scheme() == "wss";
    let port = url
        .port_or_known_default()
        .unwrap_or(if secure { 443 } else { 80 });
    let tcp = tcp(host, port).await?;
    if secure {
        let tls = super::tls::public_client_config()
            .map_err(|error| ConnectError::Refused(error.to_string()))?;
        let name = server_name(host)?;
        let stream = TlsConnector::from(tls)
            .connect(name, tcp)
            .await
            .map_err(|error| {
                ConnectError::Network(format!("no secure connection to {url}: {error}"))
            })?;
        upgrade(url.as_str(), stream).await
    } else {
        upgrade(url.as_str(), tcp).await
    }
}

async fn tcp(host: &str, port: u16) -> Result<TcpStream, ConnectError> {
    let address = host.trim_start_matches('[').trim_end_matches(']');
    match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((address, port))).await {
        Ok(Ok(tcp)) => {
            // Small sync messages should leave at once.
            let _ = tcp.set_nodelay(true);
            Ok(tcp)
        }
        Ok(Err(error)) => Err(ConnectError::Network(format!(
            "cannot reach {host}:{port}: {error}"
        ))),
        Err(_) => Err(ConnectError::Network(format!(
            "{host}:{port} did not answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

fn server_name(host: &str) -> Result<rustls::pki_types::ServerName<'static>, ConnectError> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    rustls::pki_types::ServerName::try_from(bare.to_owned())
        .map_err(|error| ConnectError::Refused(format!("`{host}` is not a host name: {error}")))
}

/// The WebSocket upgrade over an open connection.
async fn upgrade<S>(url: &str, stream: S) -> Result<Transport, ConnectError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let upgrade = client_async_with_config(url, stream, Some(config()));
    match tokio::time::timeout(CONNECT_TIMEOUT, upgrade).await {
        Ok(Ok((socket, _))) => Ok(transport(socket)),
        Ok(Err(tungstenite::Error::Http(response)))
            if response.status() == StatusCode::FORBIDDEN =>
        {
            Err(ConnectError::Refused(
                "the host refused the join code".to_owned(),
            ))
        }
        Ok(Err(error)) => Err(ConnectError::Network(format!(
            "the WebSocket connection failed: {error}"
        ))),
        Err(_) => Err(ConnectError::Network(format!(
            "the WebSocket connection did not open within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}
