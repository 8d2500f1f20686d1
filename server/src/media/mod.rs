//! Removing metadata before an upload is stored: EXIF with GPS, XMP,
//! comments and text chunks from photos; the document information, XMP and
//! old revisions from PDFs; location and user data boxes from videos. The
//! browser already re-encodes photos, which drops EXIF; this is the
//! server's own, independent pass, also for files that did not come through
//! the form, and for PDFs and videos, which the browser sends as they are.
//!
//! Photos and videos keep their image data byte for byte; only container
//! structure is touched. Photos keep only what is needed to draw them
//! (an allow-list of PNG chunks, WebP chunks and JPEG segments: the image
//! data, its palette and transparency, its colour space); everything else,
//! known or not, is dropped. A photo declaring more than `MAX_IMAGE_PIXELS`
//! is refused: what a browser allocates to draw it follows from its header,
//! not from its size in bytes (a 30000 × 30000 PNG of zeros is under 900 KB).
//! A file whose structure cannot be followed is refused rather than stored
//! with metadata that might still be inside (which also keeps the endpoint
//! from storing arbitrary bytes).

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

/// The most pixels (width × height) a photo may have: 8192 × 6144, about
/// 50 megapixels. Every form of the app (report, intake, follow-up) scales a
/// photo to 1600 px on its longest side (2.6 MP) before sending it, so only
/// files sent by other means come near this. It still admits a phone
/// camera's unscaled picture at full resolution from the 48 and 50 MP sensors
/// common in today's phones (8000 × 6000 = 48.0 MP, 8160 × 6144 = 50.1 MP,
/// 8192 × 6144 = 50.3 MP). Drawn at 4 bytes a pixel such a picture takes at
/// most 192 MiB in the officer's browser, where the reviewer's 30000 × 30000
/// PNG would take 3.4 GiB.
pub const MAX_IMAGE_PIXELS: u64 = 8192 * 6144;

/// Refuses a picture without pixels or with more than `MAX_IMAGE_PIXELS`.
fn check_size(width: u32, height: u32) -> Result<(), Malformed> {
    if width == 0 || height == 0 {
        return Err(Malformed("image without pixels"));
    }
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(Malformed("image has too many pixels"));
    }
    Ok(())
}

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
    fn the_pixel_limit_admits_a_camera_picture_and_nothing_empty() {
        assert_eq!(check_size(8000, 6000), Ok(()), "48 MP");
        assert_eq!(check_size(8192, 6144), Ok(()), "50 MP, the limit itself");
        assert_eq!(check_size(6144, 8192), Ok(()), "portrait");
        assert!(check_size(8193, 6144).is_err());
        assert!(check_size(30000, 30000).is_err());
        assert!(check_size(u32::MAX, u32::MAX).is_err(), "no overflow");
        assert!(check_size(0, 1).is_err() && check_size(1, 0).is_err());
        assert!(check_size(MAX_IMAGE_PIXELS as u32, 1).is_ok() && check_size(MAX_IMAGE_PIXELS as u32 + 1, 1).is_err());
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
