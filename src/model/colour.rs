//! An sRGB colour written as `"#rrggbb"` in map files.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An opaque sRGB colour, as chosen for a stage or lane band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// A colour from its red, green and blue components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` (either case). Returns `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// The colour as `#rrggbb`, lower case: the canonical form in files.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The colours offered for stages and lanes: Paul Tol's colour-blind-safe
/// "bright" palette, as in the samples. The last one is its grey.
pub const PALETTE: [Colour; 7] = [
    Colour::rgb(0x44, 0x77, 0xaa),
    Colour::rgb(0x66, 0xcc, 0xee),
    Colour::rgb(0x22, 0x88, 0x33),
    Colour::rgb(0xcc, 0xbb, 0x44),
    Colour::rgb(0xee, 0x66, 0x77),
    Colour::rgb(0xaa, 0x33, 0x77),
    Colour::rgb(0xbb, 0xbb, 0xbb),
];

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a colour; write it as \"#rrggbb\", e.g. \"#4477aa\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_in_lower_case() {
        let colour = Colour::from_hex("#4477AA");
        assert_eq!(colour, Some(Colour::rgb(0x44, 0x77, 0xaa)));
        assert_eq!(colour.map(Colour::to_hex).as_deref(), Some("#4477aa"));
    }

    #[test]
    fn malformed_hex_is_rejected() {
        for text in ["4477aa", "#4477a", "#4477aag", "#ééé", ""] {
            assert_eq!(Colour::from_hex(text), None, "{text}");
        }
    }
}
