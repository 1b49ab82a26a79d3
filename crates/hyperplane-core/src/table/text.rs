//! Turning a file's bytes into text: UTF-8 with or without a byte-order mark, UTF-16
//! (what Excel's "Unicode text" writes), and Windows-1252 for older Western spreadsheets
//! that are not valid UTF-8.

use serde::{Deserialize, Serialize};

/// How a file's bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub const ALL: [Self; 5] = [
        Self::Utf8,
        Self::Utf8Bom,
        Self::Utf16Le,
        Self::Utf16Be,
        Self::Windows1252,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
            Self::Windows1252 => "windows-1252",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with byte-order mark",
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Windows1252 => "Windows-1252 (Western)",
        }
    }
}

/// Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1, i.e. the byte's
/// own code point). Undefined bytes map to U+FFFD.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
    '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}',
    'ž', 'Ÿ',
];

fn utf16(bytes: &[u8], little: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

/// The text of a file and how it was decoded. Never fails: every byte sequence is some
/// Windows-1252 text.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Encoding::Utf8Bom
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Encoding::Utf16Le
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Encoding::Utf16Be
    } else if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    };
    (decode_as(bytes, encoding), encoding)
}

/// The file's text read as `encoding` (the user's choice over the detected one); a
/// matching byte-order mark is skipped.
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => {
            String::from_utf8_lossy(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes))
                .into_owned()
        }
        Encoding::Utf16Le => utf16(bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes), true),
        Encoding::Utf16Be => utf16(bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes), false),
        Encoding::Windows1252 => windows_1252(bytes),
    }
}

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Text already decoded (a paste, or a browser's `File.text()`): only a leading
/// byte-order mark is taken off.
pub fn from_text(text: &str) -> (String, Encoding) {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest.to_string(), Encoding::Utf8Bom),
        None => (text.to_string(), Encoding::Utf8),
    }
}

/// Line ends as `\n` only: the CSV reader counts a CRLF file's lines one short for every
/// record after the first, and old Mac files end lines with a lone `\r`.
pub fn unix_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_kind_of_file() {
        assert_eq!(decode(b"a,b"), ("a,b".into(), Encoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFa;b"),
            ("a;b".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(b"\xFF\xFEa\0;\0b\0"),
            ("a;b".into(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(b"\xFE\xFF\0a\0;\0b"),
            ("a;b".into(), Encoding::Utf16Be)
        );
        assert_eq!(
            decode(b"L\xE4nge;\x80"),
            ("Länge;€".into(), Encoding::Windows1252)
        );
        assert_eq!(from_text("\u{FEFF}x").0, "x");
        assert_eq!(decode_as(b"L\xE4nge", Encoding::Windows1252), "Länge");
        assert_eq!(decode_as(b"\xEF\xBB\xBFx", Encoding::Utf8), "x");
        for e in Encoding::ALL {
            assert_eq!(Encoding::from_key(e.key()), Some(e));
        }
    }
}
