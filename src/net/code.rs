//! [`JoinCode`]: the secret that lets somebody into a session.

use std::fmt;
use std::str::FromStr;

use ring::rand::{SecureRandom as _, SystemRandom};

use super::NetError;

/// Crockford's base32 alphabet: digits and capitals without I, L, O and U,
/// so that a code read aloud or typed from a slide is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many symbols a code has: 16 symbols of 5 bits are its 80 bits.
const SYMBOLS: usize = 16;

/// A session's join code: 80 random bits, shown as Crockford base32 in
/// groups of four, `K7QD-M2XA-9FHT-3WPB`.
///
/// Whoever has the code can join the session, and nobody else can: the
/// host's TLS key is derived from it and a joiner sends it (encrypted) when
/// connecting. Parsing ignores case, dashes and spaces and reads `O` as `0`
/// and `I` or `L` as `1`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JoinCode([u8; JoinCode::BYTES]);

impl JoinCode {
    /// The length of a code in bytes.
    pub const BYTES: usize = 10;

    /// A new code from the system's random source.
    pub fn random() -> Result<Self, NetError> {
        let mut bytes = [0; Self::BYTES];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| NetError::Random)?;
        Ok(Self(bytes))
    }

    /// The code's 80 bits.
    pub fn as_bytes(&self) -> &[u8; Self::BYTES] {
        &self.0
    }
}

/// The 5-bit value of one symbol, reading `O` as `0` and `I`, `L` as `1`.
fn symbol_value(symbol: char) -> Option<u8> {
    let symbol = match symbol.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&c| char::from(c) == symbol)
        .and_then(|at| u8::try_from(at).ok())
}

impl FromStr for JoinCode {
    type Err = NetError;

    fn from_str(text: &str) -> Result<Self, NetError> {
        let bad = |why: String| NetError::BadCode {
            code: text.trim().to_owned(),
            why,
        };
        let mut bits: u128 = 0;
        let mut count = 0;
        for symbol in text.chars().filter(|c| !matches!(c, '-' | ' ' | '\t')) {
            let Some(value) = symbol_value(symbol) else {
                return Err(bad(format!(
                    "`{symbol}` is not one of its letters and digits (0-9 and A-Z without U)"
                )));
            };
            count += 1;
            if count > SYMBOLS {
                break;
            }
            bits = (bits << 5) | u128::from(value);
        }
        if count != SYMBOLS {
            let count = text.chars().filter(char::is_ascii_alphanumeric).count();
            return Err(bad(format!(
                "a join code has {SYMBOLS} letters and digits, this one has {count}"
            )));
        }
        let bytes = bits.to_be_bytes();
        let mut code = [0; Self::BYTES];
        code.copy_from_slice(&bytes[bytes.len() - Self::BYTES..]);
        Ok(Self(code))
    }
}

impl fmt::Display for JoinCode {
    /// `K7QD-M2XA-9FHT-3WPB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut padded = [0; 16];
        padded[16 - Self::BYTES..].copy_from_slice(&self.0);
        let bits = u128::from_be_bytes(padded);
        for at in 0..SYMBOLS {
            if at > 0 && at % 4 == 0 {
                f.write_str("-")?;
            }
            let shift = 5 * (SYMBOLS - 1 - at);
            let index = usize::try_from((bits >> shift) & 0x1f).unwrap_or(0);
            write!(f, "{}", char::from(ALPHABET[index]))?;
        }
        Ok(())
    }
}

impl fmt::Debug for JoinCode {
    /// Never the code itself: it is a secret, and debug output ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_from_how_it_is_shown_however_it_is_typed() {
        let code = JoinCode::random().expect("random");
        let shown = code.to_string();
        assert_eq!(shown.len(), 19, "{shown}");
        assert_eq!(shown.parse::<JoinCode>().expect("parse"), code);
        let typed = shown.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(typed.parse::<JoinCode>().expect("parse"), code);
        let squashed = shown.replace('-', "").replace('1', "l");
        assert_eq!(squashed.parse::<JoinCode>().expect("parse"), code);
    }

    #[test]
    fn two_codes_differ() {
        let a = JoinCode::random().expect("random");
        let b = JoinCode::random().expect("random");
        assert_ne!(a, b);
    }

    #[test]
    fn a_code_of_the_wrong_length_or_with_a_stray_letter_says_what_is_wrong() {
        let short = "K7QD-M2XA-9FHT".parse::<JoinCode>().expect_err("short");
        assert!(
            short
                .to_string()
                .contains("16 letters and digits, this one has 12"),
            "{short}"
        );
        let long = "K7QD-M2XA-9FHT-3WPB-A"
            .parse::<JoinCode>()
            .expect_err("long");
        assert!(long.to_string().contains("this one has 17"), "{long}");
        let stray = "K7QD-M2XA-9FHT-3WPU".parse::<JoinCode>().expect_err("U");
        assert!(stray.to_string().contains("`U`"), "{stray}");
    }

    #[test]
    fn the_debug_form_does_not_give_the_code_away() {
        let code = JoinCode::random().expect("random");
        assert!(!format!("{code:?}").contains(&code.to_string()[..4]));
    }
}
