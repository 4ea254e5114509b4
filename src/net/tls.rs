//! TLS without a certificate authority: the host's key comes from the code.
//!
//! The host's Ed25519 key is derived from the join code (seed = SHA-256 of
//! `journeymap share v1` and the code's bytes) and its certificate is
//! self-signed with it. A joiner derives the same public key from the code
//! and accepts the host only if its certificate holds exactly that key;
//! rustls still checks that the host signed the handshake with it. So
//! nobody without the code can pose as the host or read the traffic.
//!
//! Nothing here is home-made cryptography: SHA-256 and Ed25519 are ring's,
//! the certificate rcgen's, TLS 1.3 rustls'. Only the PKCS#8 wrapper of the
//! seed is written out, as the fixed bytes RFC 8410 gives for it.

use std::sync::Arc;

use rcgen::{CertificateParams, KeyPair, PKCS_ED25519, PublicKeyData as _};
use ring::digest::{SHA256, digest};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{ClientConfig, DigitallySignedStruct, ServerConfig, SignatureScheme};
use samod::DocumentId;

use super::{JoinCode, NetError};

/// What the host's key seed is derived for, so that no other use of the
/// code can produce the same bytes.
const KEY_CONTEXT: &[u8] = b"journeymap share v1";

/// What a session's document id is derived for.
const DOCUMENT_CONTEXT: &[u8] = b"journeymap document v1";

/// RFC 8410, section 10.3: the PKCS#8 (version 1) encoding of an Ed25519
/// private key is these 16 bytes followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// ring, the one crypto provider of every connection.
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The SHA-256 of `context` followed by the code's bytes.
fn derive(context: &[u8], code: &JoinCode) -> [u8; 32] {
    let mut input = context.to_vec();
    input.extend_from_slice(code.as_bytes());
    let mut out = [0; 32];
    out.copy_from_slice(digest(&SHA256, &input).as_ref());
    out
}

/// The host's key pair, derived from the code.
fn key_pair(code: &JoinCode) -> Result<(KeyPair, PrivatePkcs8KeyDer<'static>), NetError> {
    let mut pkcs8 = ED25519_PKCS8_PREFIX.to_vec();
    pkcs8.extend_from_slice(&derive(KEY_CONTEXT, code));
    let der = PrivatePkcs8KeyDer::from(pkcs8);
    let pair = KeyPair::from_pkcs8_der_and_sign_algo(&der, &PKCS_ED25519)
        .map_err(|error| NetError::Key(error.to_string()))?;
    Ok((pair, der))
}

/// The document id of a session with this code: random-looking, fixed by
/// the code, and shaped as the random (version 4) UUID automerge-repo
/// expects, so that a restarted host and every joiner name the same document
/// without putting its id in the link.
pub(crate) fn document_id(code: &JoinCode) -> Result<DocumentId, NetError> {
    let mut bytes = derive(DOCUMENT_CONTEXT, code)[..16].to_vec();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    DocumentId::try_from(bytes).map_err(|error| NetError::Key(error.to_string()))
}

/// The host's TLS configuration: TLS 1.3, the certificate of the key
/// derived from `code`.
pub(crate) fn server_config(code: &JoinCode) -> Result<Arc<ServerConfig>, NetError> {
    let key = |error: &dyn std::fmt::Display| NetError::Key(error.to_string());
    let (pair, der) = key_pair(code)?;
    let params = CertificateParams::new(vec!["journeymap".to_owned()]).map_err(|e| key(&e))?;
    let certificate = params.self_signed(&pair).map_err(|e| key(&e))?;
    let config = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| key(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![certificate.der().clone()], PrivateKeyDer::Pkcs8(der))
        .map_err(|e| key(&e))?;
    Ok(Arc::new(config))
}

/// A joiner's TLS configuration for the host of `code`: TLS 1.3, and the
/// host's certificate must hold the key derived from the code.
pub(crate) fn pinned_client_config(code: &JoinCode) -> Result<Arc<ClientConfig>, NetError> {
    let (pair, _) = key_pair(code)?;
    let provider = provider();
    let verifier = PinnedKey {
        spki: pair.subject_public_key_info(),
        algorithms: provider.signature_verification_algorithms,
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|error| NetError::Key(error.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// TLS for a `wss://` sync server: its certificate is checked against the
/// usual certificate authorities (webpki-roots), as a browser would.
pub(crate) fn public_client_config() -> Result<Arc<ClientConfig>, NetError> {
    let roots = webpki_roots::TLS_SERVER_ROOTS
        .iter()
        .cloned()
        .collect::<rustls::RootCertStore>();
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|error| NetError::Key(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Accepts exactly one server key, whatever name or certificate authority
/// its certificate claims, and checks the handshake signatures with it.
#[derive(Debug)]
struct PinnedKey {
    /// The expected `SubjectPublicKeyInfo`, DER.
    spki: Vec<u8>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedKey {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let certificate = ParsedCertificate::try_from(end_entity)?;
        if certificate.subject_public_key_info().as_ref() == self.spki.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a TLS handshake between a host of `host_code` and a joiner
    /// of `joiner_code` over an in-memory pipe; returns whether it worked.
    fn handshake(host_code: &JoinCode, joiner_code: &JoinCode) -> bool {
        let server = tokio_rustls::TlsAcceptor::from(server_config(host_code).expect("server"));
        let client =
            tokio_rustls::TlsConnector::from(pinned_client_config(joiner_code).expect("client"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let (a, b) = tokio::io::duplex(64 * 1024);
            let name = ServerName::try_from("192.168.1.7").expect("name");
            let (server, client) = tokio::join!(server.accept(a), client.connect(name, b));
            server.is_ok() && client.is_ok()
        })
    }

    #[test]
    fn only_a_joiner_with_the_code_completes_the_handshake() {
        let code = JoinCode::random().expect("code");
        let other = JoinCode::random().expect("code");
        assert!(handshake(&code, &code));
        assert!(!handshake(&code, &other));
        assert!(!handshake(&other, &code));
    }

    #[test]
    fn the_key_and_the_document_follow_from_the_code_alone() {
        let code = JoinCode::random().expect("code");
        let spki = |code| key_pair(code).expect("key").0.subject_public_key_info();
        assert_eq!(spki(&code), spki(&code));
        assert_eq!(
            document_id(&code).expect("id"),
            document_id(&code).expect("id")
        );
        let other = JoinCode::random().expect("code");
        assert_ne!(spki(&code), spki(&other));
        assert_ne!(
            document_id(&code).expect("id"),
            document_id(&other).expect("id")
        );
    }
}
