//! What `journeymap serve` keeps between runs, per map file: the join code,
//! the port, the session's automerge history, and what it last wrote.
//!
//! The folder is `$XDG_DATA_HOME/journeymap/sessions/<hash>/` (or
//! `~/.local/share/…`), where `<hash>` names the map file's canonical path.
//! A host that is killed and started again on the same file finds its code,
//! port and history there, so the editors rejoin with the same link and
//! their copies, which share that history, merge instead of conflicting.

use std::fs;
use std::path::{Path, PathBuf};

use automerge::ChangeHash;
use ring::digest::{SHA256, digest};

use crate::io::{Overwrite, write_atomically};
use crate::net::{JoinCode, NetError};

/// One map file's session state.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
}

/// What the host last wrote to the map file.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// The document's heads the file was written from.
    pub heads: Vec<ChangeHash>,
}

/// SHA-256 of `bytes`, hex.
pub fn sha256(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    digest(&SHA256, bytes)
        .as_ref()
        .iter()
        .fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

impl State {
    /// The state folder of the map at `file` (which must exist), created
    /// if need be.
    pub fn open(file: &Path) -> Result<Self, NetError> {
        let fail = |path: &Path| {
            let path = path.to_owned();
            move |source| NetError::State { path, source }
        };
        let canonical = fs::canonicalize(file).map_err(fail(file))?;
        let name = sha256(canonical.as_os_str().as_encoded_bytes());
        let dir = data_home()
            .join("journeymap")
            .join("sessions")
            .join(&name[..32]);
        fs::create_dir_all(&dir).map_err(fail(&dir))?;
        // The code is a secret: the folder is this user's alone.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).map_err(fail(&dir))?;
        }
        Ok(Self { dir })
    }

    /// Where samod keeps the session's automerge history.
    pub fn history(&self) -> PathBuf {
        self.dir.join("history")
    }

    /// The code of the last run, if there was one and it reads.
    pub fn code(&self) -> Option<JoinCode> {
        self.read("code")?.trim().parse().ok()
    }

    /// The port of the last run.
    pub fn port(&self) -> Option<u16> {
        self.read("port")?.trim().parse().ok()
    }

    /// What was last written to the map file.
    pub fn written(&self) -> Option<Written> {
        let text = self.read("written")?;
        let mut lines = text.lines();
        let sha256 = lines.next()?.trim().to_owned();
        let heads = lines
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        Some(Written { sha256, heads })
    }

    /// Remembers the code and the port.
    pub fn remember(&self, code: &JoinCode, port: u16) -> Result<(), NetError> {
        self.write("code", &format!("{code}\n"))?;
        self.write("port", &format!("{port}\n"))
    }

    /// Remembers what was written to the map file.
    pub fn remember_written(&self, written: &Written) -> Result<(), NetError> {
        let heads: Vec<String> = written.heads.iter().map(ToString::to_string).collect();
        self.write(
            "written",
            &format!("{}\n{}\n", written.sha256, heads.join(" ")),
        )
    }

    fn read(&self, name: &str) -> Option<String> {
        fs::read_to_string(self.dir.join(name)).ok()
    }

    /// Written atomically.
    fn write(&self, name: &str, text: &str) -> Result<(), NetError> {
        let path = self.dir.join(name);
        write_atomically(&path, text.as_bytes(), Overwrite::Allow).map_err(|error| {
            NetError::State {
                path,
                source: std::io::Error::other(error.to_string()),
            }
        })
    }
}

/// `$XDG_DATA_HOME`, or `~/.local/share`, or the system's temporary folder
/// when there is no home at all.
fn data_home() -> PathBuf {
    let from_env = |name| std::env::var_os(name).filter(|value| !value.is_empty());
    if let Some(data) = from_env("XDG_DATA_HOME") {
        return PathBuf::from(data);
    }
    if let Some(home) = from_env("HOME") {
        return PathBuf::from(home).join(".local").join("share");
    }
    std::env::temp_dir()
}
