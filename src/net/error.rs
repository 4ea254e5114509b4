//! [`NetError`]: why a session could not be started or joined.

use std::path::PathBuf;

use thiserror::Error;

/// Why a session could not be hosted or joined, or a link or code read.
#[derive(Debug, Error)]
pub enum NetError {
    /// Text that is not a join link.
    #[error("`{link}` is not a join link: {why}")]
    BadLink {
        /// The text as given.
        link: String,
        /// What is wrong with it.
        why: String,
    },
    /// Text that is not a join code.
    #[error("`{code}` is not a join code: {why}")]
    BadCode {
        /// The text as given.
        code: String,
        /// What is wrong with it.
        why: String,
    },
    /// The system's random source failed.
    #[error("the system's random number source failed, so no join code could be made")]
    Random,
    /// The TLS key or certificate could not be made from the code.
    #[error("could not make the session's encryption key: {0}")]
    Key(String),
    /// The network thread could not be started.
    #[error("could not start the network thread: {0}")]
    Thread(#[source] std::io::Error),
    /// Nothing can listen at the address.
    #[error(
        "cannot listen for peers on {address}: {source}; choose another port with --port \
         or another address with --bind"
    )]
    Listen {
        /// The address and port.
        address: String,
        /// Why not.
        source: std::io::Error,
    },
    /// The session's saved state could not be read or written.
    #[error("cannot use the session's saved state in {}: {source}", path.display())]
    State {
        /// The file or folder.
        path: PathBuf,
        /// Why not.
        source: std::io::Error,
    },
    /// The document to share is not a shared map.
    #[error(transparent)]
    Document(#[from] crate::sync::SyncError),
    /// The session stopped before it was ready.
    #[error("the session stopped before it was ready")]
    Stopped,
}
