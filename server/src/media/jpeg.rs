//! JPEG: marker segments.

use super::Malformed;

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
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::media::tests::{contains, exif_payload};

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A real 16×16 JPEG with EXIF (GPS), XMP, an ICC-like APP2, a comment
    /// and a JFIF thumbnail inserted, plus a trailer after EOI.
    pub(crate) fn jpeg_with_metadata() -> (Vec<u8>, Vec<u8>) {
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
        let out = strip(&dirty).unwrap();
        for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"ICC_PROFILE", b"taken at home", b"SEFT"] {
            assert!(!contains(&out, needle), "{:?} left", String::from_utf8_lossy(needle));
        }
        assert_eq!(&out[..2], &[0xFF, SOI]);
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
        assert!(contains(&out, b"JFIF\0"), "JFIF kept");
        assert_eq!(decode(&out), decode(&clean), "pixels unchanged");
        // Stripping is idempotent.
        assert_eq!(strip(&out).unwrap(), out);
    }

    #[test]
    fn adobe_app14_and_restart_markers_survive() {
        let mut j = vec![0xFF, SOI];
        j.extend(segment(APP14, b"Adobe\0\x64\0\0\0\0\x01"));
        j.extend(segment(0xDB, &[0; 65]));
        j.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9]);
        let out = strip(&j).unwrap();
        assert!(contains(&out, b"Adobe"));
        assert!(contains(&out, &[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]));
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
    }

    #[test]
    fn broken_jpegs_are_refused() {
        let (_, dirty) = jpeg_with_metadata();
        assert!(strip(&dirty[..dirty.len() / 2]).is_err(), "truncated");
        assert!(strip(&[0xFF, SOI, 0xFF]).is_err());
        assert!(strip(&[0xFF, SOI, 0xFF, 0xE1, 0xFF, 0xFF]).is_err(), "length past the end");
        assert!(strip(&[0xFF, SOI, 0xFF, EOI]).is_err(), "no image");
        assert!(strip(b"not a jpeg").is_err());
    }
}
