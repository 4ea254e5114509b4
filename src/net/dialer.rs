//! The joiner's side: a samod dialer that reaches our own host or a sync
//! server, and tells the session why an attempt failed.

use std::sync::Arc;

use futures::FutureExt as _;
use futures::future::BoxFuture;
use samod::{DialError, Dialer, Transport, Url};
use tokio::sync::mpsc::UnboundedSender;

use super::session::Internal;
use super::ws::{self, ConnectError};

/// Where to connect.
#[derive(Clone)]
pub(crate) enum Target {
    /// Our own host: TLS pinned to the code's key, the code in the path.
    Host {
        /// `wss://HOST:PORT/`, without the code, for samod's logs.
        url: Url,
        host: String,
        port: u16,
        /// The request path: the code.
        path: String,
        tls: Arc<rustls::ClientConfig>,
    },
    /// A stock automerge-repo sync server.
    Server(Url),
}

/// Connects to the target each time samod asks (at first and after each
/// backoff), and reports each failure to the session.
pub(crate) struct SessionDialer {
    pub(crate) target: Target,
    pub(crate) notes: UnboundedSender<Internal>,
}

impl Dialer for SessionDialer {
    type Error = ConnectError;

    fn url(&self) -> Url {
        match &self.target {
            Target::Host { url, .. } | Target::Server(url) => url.clone(),
        }
    }

    fn connect(&self) -> BoxFuture<'static, Result<Transport, DialError<ConnectError>>> {
        let target = self.target.clone();
        let notes = self.notes.clone();
        async move {
            let result = match &target {
                Target::Host {
                    host,
                    port,
                    path,
                    tls,
                    ..
                } => ws::connect_host(host, *port, path, Arc::clone(tls)).await,
                Target::Server(url) => ws::connect_server(url).await,
            };
            match result {
                Ok(transport) => Ok(transport),
                Err(error) => {
                    let permanent = matches!(error, ConnectError::Refused(_));
                    let _ = notes.send(Internal::DialFailed {
                        permanent,
                        reason: error.to_string(),
                    });
                    if permanent {
                        Err(DialError::PermanentFailure(error))
                    } else {
                        Err(DialError::transient(error))
                    }
                }
            }
        }
        .boxed()
    }
}
