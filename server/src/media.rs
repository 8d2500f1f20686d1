//! Removing metadata (EXIF with GPS, XMP, comments, text chunks) from
//! photos before they are stored. The browser already re-encodes photos,
//! which drops EXIF; this is the server's own, independent pass for files
//! that did not come through the form.
//!
//! Only container structure is touched: image data is copied byte for byte.
//! A photo whose structure cannot be followed is refused rather than stored
//! with metadata that might still be inside.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed image: {}", self.0)
    }
}

impl std::error::Error for Malformed {}

/// Strips metadata from a photo of the given MIME type (as sniffed);
/// other types are returned unchanged.
pub fn strip_metadata(mime: &str, bytes: &[u8]) -> Result<Vec<u8>, Malformed> {
    match mime {
        "image/jpeg" => strip_jpeg(bytes),
        "image/png" => strip_png(bytes),
        "image/webp" => strip_webp(bytes),
        _ => Ok(bytes.to_vec()),
    }
}

// ---------------------------------------------------------------- JPEG

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

/// Markers without a length: RST0–7, TEM.
fn standalone(m: u8) -> bool {
    (0xD0..=0xD7).contains(&m) || m == 0x01
}

/// Walks the marker segments. Keeps APP0 only when it is JFIF (with any
/// thumbnail removed), APP14 only when it is Adobe (colour transform), and
/// every non-APP, non-COM segment (DQT, DHT, SOFn, DRI, SOS, DNL, …) and
/// the entropy-coded data as they are. Drops APP1–APP15 (EXIF, XMP, ICC,
/// MPF, Photoshop IRB, …), COM, and anything after EOI (trailers some
/// phones append).
pub fn strip_jpeg(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != SOI {
        return Err(Malformed("no JPEG start marker"));
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut i = 2;
    let mut seen_sos = false;
    loop {
        // A marker: 0xFF, optional fill bytes 0xFF, then the code.
        if i >= b.len() || b[i] != 0xFF {
            return Err(Malformed("expected a marker"));
        }
        while i < b.len() && b[i] == 0xFF {
            i += 1;
        }
        let m = *b.get(i).ok_or(Malformed("truncated marker"))?;
        i += 1;
        if m == 0x00 {
            return Err(Malformed("stuffed byte outside entropy-coded data"));
        }
        if m == EOI {
            if !seen_sos {
                return Err(Malformed("no image data"));
            }
            out.extend_from_slice(&[0xFF, EOI]);
            return Ok(out);
        }
        if m == SOI {
            return Err(Malformed("nested start marker"));
        }
        if standalone(m) {
            out.extend_from_slice(&[0xFF, m]);
            continue;
        }
        if i + 2 > b.len() {
            return Err(Malformed("truncated segment length"));
        }
        let len = u16::from_be_bytes([b[i], b[i + 1]]) as usize;
        if len < 2 || i + len > b.len() {
            return Err(Malformed("segment length out of range"));
        }
        let payload = &b[i + 2..i + len];
        let segment = &b[i - 2..i + len];
        i += len;
        match m {
            APP0 if payload.starts_with(b"JFIF\0") && payload.len() >= 14 => {
                // Version, units, densities; thumbnail size set to 0×0 and its pixels dropped.
                let mut p = payload[..14].to_vec();
                p[12] = 0;
                p[13] = 0;
                out.extend_from_slice(&[0xFF, APP0]);
                out.extend_from_slice(&((p.len() + 2) as u16).to_be_bytes());
                out.extend_from_slice(&p);
            }
            APP14 if payload.starts_with(b"Adobe") => out.extend_from_slice(segment),
            APP0..=0xEF | COM => {}
            SOS => {
                seen_sos = true;
                out.extend_from_slice(segment);
                // Entropy-coded data runs to the next marker that is not a
                // stuffed 0xFF00 or a restart marker.
                let start = i;
                loop {
                    if i + 1 >= b.len() {
                        return Err(Malformed("image data does not end"));
                    }
                    if b[i] == 0xFF {
                        let n = b[i + 1];
                        if n == 0x00 || (0xD0..=0xD7).contains(&n) {
                            i += 2;
                            continue;
                        }
                        if n == 0xFF {
                            // Fill byte before a marker.
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                out.extend_from_slice(&b[start..i]);
            }
            _ => out.extend_from_slice(segment),
        }
    }
}

// ---------------------------------------------------------------- PNG

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
const PNG_DROP: [&[u8; 4]; 5] = [b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"];

/// Copies every chunk but `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME`, up to
/// and including `IEND` (anything after it is dropped).
pub fn strip_png(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if !b.starts_with(PNG_SIGNATURE) {
        return Err(Malformed("no PNG signature"));
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = 8;
    loop {
        if i + 8 > b.len() {
            return Err(Malformed("truncated PNG chunk header"));
        }
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let kind: &[u8] = &b[i + 4..i + 8];
        let end = i.checked_add(12).and_then(|n| n.checked_add(len)).ok_or(Malformed("PNG chunk too long"))?;
        if end > b.len() {
            return Err(Malformed("truncated PNG chunk"));
        }
        if !PNG_DROP.iter().any(|d| kind == &d[..]) {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

// ---------------------------------------------------------------- WebP

/// VP8X flag bits for "has EXIF" and "has XMP".
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

/// Copies the RIFF chunks but `EXIF` and `XMP `, clears their flags in
/// `VP8X` and writes the new RIFF size; bytes past the RIFF size are dropped.
pub fn strip_webp(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if b.len() < 12 || &b[0..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return Err(Malformed("no WebP header"));
    }
    let riff_len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    let end = riff_len.checked_add(8).filter(|&e| e <= b.len() && e >= 12).ok_or(Malformed("RIFF size out of range"))?;
    let mut out = Vec::with_capacity(end);
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    let mut i = 12;
    let mut image = false;
    while i < end {
        if i + 8 > end {
            return Err(Malformed("truncated WebP chunk header"));
        }
        let fourcc = &b[i..i + 4];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let padded = len + (len & 1);
        let next = (i + 8).checked_add(padded).ok_or(Malformed("WebP chunk too long"))?;
        // The pad byte of the last chunk is sometimes missing.
        if next > end && !(len & 1 == 1 && next == end + 1) {
            return Err(Malformed("truncated WebP chunk"));
        }
        let next = next.min(end);
        match fourcc {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                if len < 10 {
                    return Err(Malformed("short VP8X chunk"));
                }
                let at = out.len();
                out.extend_from_slice(&b[i..next]);
                out[at + 8] &= !(VP8X_EXIF | VP8X_XMP);
            }
            _ => {
                image |= matches!(fourcc, b"VP8 " | b"VP8L" | b"ANIM");
                out.extend_from_slice(&b[i..next]);
                if len & 1 == 1 && next == end {
                    out.push(0);
                }
            }
        }
        i = next;
    }
    if !image {
        return Err(Malformed("no WebP image data"));
    }
    let size = u32::try_from(out.len() - 8).map_err(|_| Malformed("WebP too large"))?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
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

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A real 16×16 JPEG with EXIF (GPS), XMP, an ICC-like APP2, a comment
    /// and a JFIF thumbnail inserted, plus a trailer after EOI.
    pub fn jpeg_with_metadata() -> (Vec<u8>, Vec<u8>) {
        let mut clean = Vec::new();
        let pixels: Vec<u8> = (0..16 * 16).flat_map(|i| [(i * 7) as u8, (i * 3) as u8, 200]).collect();
        jpeg_encoder::Encoder::new(&mut clean, 80)
            .encode(&pixels, 16, 16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let mut dirty = vec![0xFF, SOI];
        let mut jfif = b"JFIF\0\x01\x01\0\0\x01\0\x01\x01\x01".to_vec();
        jfif.extend_from_slice(&[9, 9, 9]); // a 1×1 thumbnail
        dirty.extend(segment(APP0, &jfif));
        dirty.extend(segment(0xE1, &exif_payload()));
        dirty.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>"));
        dirty.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01fake"));
        dirty.extend(segment(COM, b"taken at home"));
        dirty.extend_from_slice(&clean[2..]);
        dirty.extend_from_slice(b"SEFT trailer GPS");
        (clean, dirty)
    }

    fn decode(jpeg: &[u8]) -> Vec<u8> {
        jpeg_decoder::Decoder::new(jpeg).decode().expect("decodes")
    }

    #[test]
    fn jpeg_metadata_is_removed_and_the_image_is_unchanged() {
        let (clean, dirty) = jpeg_with_metadata();
        assert!(contains(&dirty, b"Exif") && contains(&dirty, b"GPS"));
        let out = strip_jpeg(&dirty).unwrap();
        for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"ICC_PROFILE", b"taken at home", b"SEFT"] {
            assert!(!contains(&out, needle), "{:?} left", String::from_utf8_lossy(needle));
        }
        assert_eq!(&out[..2], &[0xFF, SOI]);
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
        assert!(contains(&out, b"JFIF\0"), "JFIF kept");
        assert_eq!(decode(&out), decode(&clean), "pixels unchanged");
        // Stripping is idempotent.
        assert_eq!(strip_jpeg(&out).unwrap(), out);
    }

    #[test]
    fn adobe_app14_and_restart_markers_survive() {
        let mut j = vec![0xFF, SOI];
        j.extend(segment(APP14, b"Adobe\0\x64\0\0\0\0\x01"));
        j.extend(segment(0xDB, &[0; 65]));
        j.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9]);
        let out = strip_jpeg(&j).unwrap();
        assert!(contains(&out, b"Adobe"));
        assert!(contains(&out, &[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]));
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
    }

    #[test]
    fn broken_jpegs_are_refused() {
        let (_, dirty) = jpeg_with_metadata();
        assert!(strip_jpeg(&dirty[..dirty.len() / 2]).is_err(), "truncated");
        assert!(strip_jpeg(&[0xFF, SOI, 0xFF]).is_err());
        assert!(strip_jpeg(&[0xFF, SOI, 0xFF, 0xE1, 0xFF, 0xFF]).is_err(), "length past the end");
        assert!(strip_jpeg(&[0xFF, SOI, 0xFF, EOI]).is_err(), "no image");
        assert!(strip_jpeg(b"not a jpeg").is_err());
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]); // CRC (not checked here)
        c
    }

    #[test]
    fn png_text_and_exif_chunks_are_removed() {
        let mut p = PNG_SIGNATURE.to_vec();
        p.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        p.extend(png_chunk(b"eXIf", &exif_payload()[6..]));
        p.extend(png_chunk(b"tEXt", b"Comment\0GPS here"));
        p.extend(png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x/>"));
        p.extend(png_chunk(b"tIME", &[7, 234, 1, 1, 0, 0, 0]));
        p.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        p.extend(png_chunk(b"IEND", &[]));
        p.extend_from_slice(b"trailing");
        let out = strip_png(&p).unwrap();
        let mut want = PNG_SIGNATURE.to_vec();
        want.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        want.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        want.extend(png_chunk(b"IEND", &[]));
        assert_eq!(out, want);
        assert!(strip_png(&p[..40]).is_err());
    }

    fn riff_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = fourcc.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        w.extend_from_slice(b"WEBP");
        w.extend(body);
        w
    }

    #[test]
    fn webp_exif_and_xmp_are_removed_and_the_size_fixed() {
        let vp8x = [VP8X_EXIF | VP8X_XMP | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let w = riff(&[
            riff_chunk(b"VP8X", &vp8x),
            riff_chunk(b"VP8L", &[0x2f, 1, 2, 3, 4]),
            riff_chunk(b"EXIF", &exif_payload()[6..]),
            riff_chunk(b"XMP ", b"<x:xmpmeta>GPS</x:xmpmeta>"),
        ]);
        let out = strip_webp(&w).unwrap();
        let want = riff(&[riff_chunk(b"VP8X", &[0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), riff_chunk(b"VP8L", &[0x2f, 1, 2, 3, 4])]);
        assert_eq!(out, want);
        assert!(!contains(&out, b"GPS"));
        assert!(strip_webp(&w[..w.len() - 10]).is_err());
    }

    #[test]
    fn other_types_pass_through() {
        assert_eq!(strip_metadata("application/pdf", b"%PDF-1.4 x").unwrap(), b"%PDF-1.4 x");
    }
}
