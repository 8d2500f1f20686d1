//! Removing metadata before an upload is stored: EXIF with GPS, XMP,
//! comments and text chunks from photos; the document information, XMP and
//! old revisions from PDFs; location and user data boxes from videos. The
//! browser already re-encodes photos, which drops EXIF; this is the
//! server's own, independent pass, also for files that did not come through
//! the form, and for PDFs and videos, which the browser sends as they are.
//!
//! Photos and videos keep their image data byte for byte; only container
//! structure is touched. A file whose structure cannot be followed is
//! refused rather than stored with metadata that might still be inside
//! (which also keeps the endpoint from storing arbitrary bytes).

mod jpeg;
mod pdf;
mod png;
mod video;
mod webm;
mod webp;

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed file: {}", self.0)
    }
}

impl std::error::Error for Malformed {}

/// Strips metadata from a file of the given MIME type (as sniffed by
/// `domain::attachments::sniff`). Any other type is refused: nothing is
/// stored that was not cleaned.
pub fn strip_metadata(mime: &str, bytes: &[u8]) -> Result<Vec<u8>, Malformed> {
    match mime {
        "image/jpeg" => jpeg::strip(bytes),
        "image/png" => png::strip(bytes),
        "image/webp" => webp::strip(bytes),
        "application/pdf" => pdf::strip(bytes),
        "video/mp4" | "video/3gpp" | "video/quicktime" => video::strip(bytes),
        "video/webm" => webm::strip(bytes),
        _ => Err(Malformed("no cleaner for this type")),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    /// A small TIFF block as in an EXIF APP1: big-endian header, IFD0 with a
    /// GPS IFD pointer, and a GPS IFD with latitude ref "S".
    pub fn exif_payload() -> Vec<u8> {
        let mut t = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        // IFD0: 1 entry, GPSInfo (0x8825) LONG 1 → offset 26.
        t.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
        // GPS IFD: 1 entry, GPSLatitudeRef ASCII 2 "S\0".
        t.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0, 0, 0, 0, 0]);
        t.extend_from_slice(b"GPS -0.0270,110.9390 Sekadau");
        t
    }

    #[test]
    fn every_sniffed_type_is_cleaned_or_refused() {
        for head in [&b"%PDF-1.4 x"[..], b"\0\0\0\x18ftypmp42\0\0\0\0\0\0\0\0", b"\x1a\x45\xdf\xa3\x80"] {
            let (_, mime) = domain::attachments::sniff(head).unwrap();
            assert!(strip_metadata(mime, head).is_err(), "{mime}: not a whole file");
        }
        assert!(strip_metadata("text/plain", b"hello").is_err());
    }
}
