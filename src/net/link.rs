//! [`JoinLink`]: where a session is and how to get in.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use samod::{DocumentId, Url};

use super::{JoinCode, NetError};

/// The scheme of a link to a session hosted by journeymap itself.
const SCHEME: &str = "journeymap";

/// The fragment that names a document on an automerge-repo sync server,
/// as automerge-repo's own URLs do: `#automerge:DOCUMENT_ID`.
const FRAGMENT_PREFIX: &str = "automerge:";

/// What a joiner needs to join a session. Two kinds:
///
/// - A session hosted by journeymap (`journeymap serve`, or File ▸ Share):
///   `journeymap://HOST:PORT/CODE`, for example
///   `journeymap://192.168.1.7:7878/K7QD-M2XA-9FHT-3WPB`. Its
///   [short code](Self::short_code), to read out, is
///   `192.168.1.7:7878 K7QD-M2XA-9FHT-3WPB`; both forms parse.
/// - A map on a team's automerge-repo sync server:
///   `wss://sync.example.com/#automerge:DOCUMENT_ID` (or `ws://` on a
///   trusted network). Whoever has the link can read and edit the map; the
///   server itself lets anybody in.
#[derive(Clone, PartialEq, Eq)]
pub struct JoinLink(Target);

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Our own server: TLS pinned to the code's key, the code in the path.
    Host {
        /// A host name or IP address, IPv6 in brackets, as in a URL.
        host: String,
        /// Its TCP port.
        port: u16,
        /// The session's code.
        code: JoinCode,
    },
    /// A stock automerge-repo sync server.
    Server {
        /// Its WebSocket URL, `ws://` or `wss://`, without a fragment.
        url: Url,
        /// The shared map's document there.
        document: DocumentId,
    },
}

impl JoinLink {
    /// The link to a session that journeymap hosts at `ip:port`.
    pub fn host(ip: IpAddr, port: u16, code: JoinCode) -> Self {
        let host = match ip {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        Self(Target::Host { host, port, code })
    }

    /// The link to `document` on the automerge-repo sync server at `url`.
    pub fn server(mut url: Url, document: DocumentId) -> Self {
        url.set_fragment(None);
        Self(Target::Server { url, document })
    }

    /// What to read out or write on a whiteboard: `HOST:PORT CODE` for a
    /// session journeymap hosts, the whole link for one on a sync server.
    pub fn short_code(&self) -> String {
        match &self.0 {
            Target::Host { host, port, code } => format!("{host}:{port} {code}"),
            Target::Server { .. } => self.to_string(),
        }
    }

    /// The join code, for a session journeymap hosts.
    pub fn code(&self) -> Option<&JoinCode> {
        match &self.0 {
            Target::Host { code, .. } => Some(code),
            Target::Server { .. } => None,
        }
    }

    pub(crate) fn target(&self) -> &Target {
        &self.0
    }
}

impl FromStr for JoinLink {
    type Err = NetError;

    fn from_str(text: &str) -> Result<Self, NetError> {
        let text = text.trim();
        let bad = |why: &str| NetError::BadLink {
            link: text.to_owned(),
            why: why.to_owned(),
        };
        if text.is_empty() {
            return Err(bad("it is empty"));
        }
        if !text.contains("://") {
            // The short form: `HOST:PORT CODE`.
            let Some((address, code)) = text.split_once(char::is_whitespace) else {
                return Err(bad(
                    "expected `journeymap://HOST:PORT/CODE`, `HOST:PORT CODE` \
                     or a ws:// or wss:// link",
                ));
            };
            return parse_host_link(&format!("{SCHEME}://{address}/"), code.trim(), text);
        }
        let url = Url::parse(text).map_err(|error| bad(&error.to_string()))?;
        match url.scheme() {
            SCHEME => {
                let code = url.path().trim_start_matches('/').to_owned();
                parse_host_link(text, &code, text)
            }
            "ws" | "wss" => {
                let Some(id) = url
                    .fragment()
                    .and_then(|fragment| fragment.strip_prefix(FRAGMENT_PREFIX))
                else {
                    return Err(bad(
                        "a link to a sync server ends with `#automerge:` and the map's document id",
                    ));
                };
                let document = DocumentId::from_str(id)
                    .map_err(|_| bad("the document id after `#automerge:` is not a valid one"))?;
                if url.host_str().is_none() {
                    return Err(bad("it names no server"));
                }
                Ok(Self::server(url, document))
            }
            other => Err(bad(&format!(
                "journeymap joins `journeymap://`, `ws://` and `wss://` links, not `{other}://`"
            ))),
        }
    }
}

/// A link to our own server, from `journeymap://HOST:PORT…` and the code.
fn parse_host_link(address: &str, code: &str, original: &str) -> Result<JoinLink, NetError> {
    let bad = |why: &str| NetError::BadLink {
        link: original.to_owned(),
        why: why.to_owned(),
    };
    let url = Url::parse(address).map_err(|error| bad(&error.to_string()))?;
    let host = url
        .host_str()
        .filter(|host| !host.is_empty())
        .ok_or_else(|| bad("it names no host"))?;
    let port = url
        .port()
        .ok_or_else(|| bad("it names no port (HOST:PORT)"))?;
    if code.is_empty() {
        return Err(bad("the join code is missing"));
    }
    let code = code.parse::<JoinCode>()?;
    Ok(JoinLink(Target::Host {
        host: host.to_owned(),
        port,
        code,
    }))
}

impl fmt::Display for JoinLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Target::Host { host, port, code } => write!(f, "{SCHEME}://{host}:{port}/{code}"),
            Target::Server { url, document } => write!(f, "{url}#{FRAGMENT_PREFIX}{document}"),
        }
    }
}

impl fmt::Debug for JoinLink {
    /// Without the code, which is a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Target::Host { host, port, .. } => write!(f, "JoinLink({SCHEME}://{host}:{port}/…)"),
            Target::Server { url, .. } => write!(f, "JoinLink({url}#…)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> JoinCode {
        "K7QD-M2XA-9FHT-3WPB".parse().expect("code")
    }

    #[test]
    fn a_host_link_and_its_short_code_read_back_as_the_same_link() {
        let link = JoinLink::host([192, 168, 1, 7].into(), 7878, code());
        assert_eq!(
            link.to_string(),
            "journeymap://192.168.1.7:7878/K7QD-M2XA-9FHT-3WPB"
        );
        assert_eq!(link.short_code(), "192.168.1.7:7878 K7QD-M2XA-9FHT-3WPB");
        assert_eq!(link.to_string().parse::<JoinLink>().expect("link"), link);
        assert_eq!(link.short_code().parse::<JoinLink>().expect("short"), link);
        let typed = "  192.168.1.7:7878   k7qd m2xa 9fht 3wpb ";
        assert_eq!(typed.parse::<JoinLink>().expect("typed"), link);
        assert_eq!(link.code(), Some(&code()));
    }

    #[test]
    fn an_ipv6_host_keeps_its_brackets() {
        let link = JoinLink::host("fd00::7".parse().expect("ip"), 9000, code());
        assert_eq!(link.short_code(), "[fd00::7]:9000 K7QD-M2XA-9FHT-3WPB");
        assert_eq!(link.to_string().parse::<JoinLink>().expect("link"), link);
        assert_eq!(link.short_code().parse::<JoinLink>().expect("short"), link);
    }

    #[test]
    fn a_sync_server_link_carries_the_document_in_its_fragment() {
        let text = "wss://sync.example.com/#automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu";
        let link = text.parse::<JoinLink>().expect("link");
        assert_eq!(link.to_string(), text);
        assert_eq!(link.short_code(), text);
        assert_eq!(link.code(), None);
    }

    #[test]
    fn bad_links_say_what_is_wrong_with_them() {
        let cases = [
            ("", "empty"),
            ("hello", "expected `journeymap://HOST:PORT/CODE`"),
            ("journeymap://192.168.1.7/K7QD-M2XA-9FHT-3WPB", "no port"),
            ("journeymap://192.168.1.7:7878/", "code is missing"),
            (
                "journeymap://192.168.1.7:7878/K7QD",
                "16 letters and digits",
            ),
            ("192.168.1.7 K7QD-M2XA-9FHT-3WPB", "no port"),
            ("http://example.com/#automerge:x", "not `http://`"),
            ("ws://example.com:3030/", "#automerge:"),
            (
                "ws://example.com:3030/#automerge:nonsense",
                "not a valid one",
            ),
        ];
        for (text, expected) in cases {
            let error = text.parse::<JoinLink>().expect_err(text).to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn the_debug_form_of_a_link_hides_the_code() {
        let link = JoinLink::host([10, 0, 0, 1].into(), 1, code());
        assert!(!format!("{link:?}").contains("K7QD"));
    }
}
