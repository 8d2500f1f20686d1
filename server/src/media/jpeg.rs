//! JPEG: marker segments, kept by an allow-list.

use super::{check_size, Malformed};

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const DQT: u8 = 0xDB;
const DRI: u8 = 0xDD;
const DHT: u8 = 0xC4;
const DAC: u8 = 0xCC;
const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
#[cfg(test)]
const COM: u8 = 0xFE;

/// Start of frame: 0xC0–0xCF but DHT, JPG (0xC8) and DAC.
fn start_of_frame(m: u8) -> bool {
    (0xC0..=0xCF).contains(&m) && !matches!(m, DHT | 0xC8 | DAC)
}

/// The height and width in a start-of-frame payload (precision, height,
/// width, then three bytes for each component), checked against
/// `MAX_IMAGE_PIXELS`. A height of 0 (given later, in a DNL segment) is
/// refused like any picture without pixels.
fn frame_size(p: &[u8]) -> Result<(), Malformed> {
    let &[_, h0, h1, w0, w1, components, ..] = p else {
        return Err(Malformed("short frame header"));
    };
    if components == 0 || p.len() != 6 + 3 * components as usize {
        return Err(Malformed("frame header of a wrong length"));
    }
    check_size(u16::from_be_bytes([w0, w1]).into(), u16::from_be_bytes([h0, h1]).into())
}

fn put_segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
}

/// Walks the marker segments and keeps, by an allow-list, what decoding
/// needs: the frame header (SOFn, one), the tables (DQT, DHT, DAC), the
/// restart interval (DRI), each scan (SOS and its entropy-coded data with
/// its restart markers) and EOI; APP0 only when it is JFIF (with any
/// thumbnail removed), APP2 only when it is an ICC profile (the colours),
/// APP14 only when it is Adobe (colour transform; its 12 bytes). Drops
/// every other segment: APP1 (EXIF, XMP), the other APPn (MPF with its
/// second picture, Photoshop IRB, …), COM, DNL, the hierarchical and
/// reserved markers, restart markers outside a scan, and anything after
/// EOI (trailers some phones append). Refuses a JPEG whose frame declares
/// no pixels or more than `MAX_IMAGE_PIXELS`, a scan before the frame
/// header, a second frame header, and a file without a scan.
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != SOI {
        return Err(Malformed("no JPEG start marker"));
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut i = 2;
    let (mut seen_frame, mut seen_sos) = (false, false);
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
        // Markers without a length (RST0–7, TEM): nothing to keep outside a scan.
        if (0xD0..=0xD7).contains(&m) || m == 0x01 {
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
            _ if start_of_frame(m) => {
                if seen_frame {
                    return Err(Malformed("a second frame header"));
                }
                frame_size(payload)?;
                seen_frame = true;
                out.extend_from_slice(segment);
            }
            DQT | DHT | DAC | DRI => out.extend_from_slice(segment),
            APP0 if payload.starts_with(b"JFIF\0") && payload.len() >= 14 => {
                // Version, units, densities; thumbnail size set to 0×0 and its pixels dropped.
                let mut p = payload[..14].to_vec();
                p[12] = 0;
                p[13] = 0;
                put_segment(&mut out, APP0, &p);
            }
            APP2 if payload.starts_with(b"ICC_PROFILE\0") => out.extend_from_slice(segment),
            APP14 if payload.starts_with(b"Adobe") && payload.len() >= 12 => {
                put_segment(&mut out, APP14, &payload[..12])
            }
            SOS => {
                if !seen_frame {
                    return Err(Malformed("image data before the frame header"));
                }
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
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::media::tests::{contains, exif_payload};

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = Vec::new();
        put_segment(&mut s, marker, payload);
        s
    }

    fn encode(width: u16, height: u16) -> Vec<u8> {
        let mut clean = Vec::new();
        let pixels: Vec<u8> =
            (0..width as u32 * height as u32).flat_map(|i| [(i * 7) as u8, (i * 3) as u8, 200]).collect();
        jpeg_encoder::Encoder::new(&mut clean, 80)
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        clean
    }

    /// A real 16×16 JPEG with EXIF (GPS), XMP, an MPF block, a Photoshop
    /// block, a comment, a reserved marker and a JFIF thumbnail inserted,
    /// plus a trailer after EOI; and the same with an ICC profile, which is
    /// kept.
    pub(crate) fn jpeg_with_metadata() -> (Vec<u8>, Vec<u8>) {
        let clean = encode(16, 16);
        let mut dirty = vec![0xFF, SOI];
        let mut jfif = b"JFIF\0\x01\x01\0\0\x01\0\x01\x01\x01".to_vec();
        jfif.extend_from_slice(&[9, 9, 9]); // a 1×1 thumbnail
        dirty.extend(segment(APP0, &jfif));
        dirty.extend(segment(0xE1, &exif_payload()));
        dirty.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>"));
        dirty.extend(segment(APP2, b"MPF\0II*\0 second picture with its own GPS"));
        dirty.extend(segment(0xED, b"Photoshop 3.0\08BIM Siti Rahayu"));
        dirty.extend(segment(0xEF, b"private APP15 Siti Rahayu"));
        dirty.extend(segment(COM, b"taken at home"));
        dirty.extend(segment(0xF1, b"JPG1 extension Siti Rahayu"));
        dirty.extend(segment(0x02, b"reserved Siti Rahayu"));
        dirty.extend_from_slice(&[0xFF, 0xD3]); // a restart marker outside a scan
        dirty.extend_from_slice(&clean[2..]);
        dirty.extend_from_slice(b"SEFT trailer GPS");
        (clean, dirty)
    }

    /// The same picture with `marker`'s segment's payload replaced.
    fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
        let at = jpeg.windows(2).position(|w| w == [0xFF, marker]).expect("the marker");
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        [&jpeg[..at], &segment(marker, payload), &jpeg[at + 2 + len..]].concat()
    }

    fn sof(jpeg: &[u8]) -> Vec<u8> {
        let at = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).expect("SOF0");
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        jpeg[at + 4..at + 2 + len].to_vec()
    }

    fn sized(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
        let mut p = sof(jpeg);
        p[1..3].copy_from_slice(&height.to_be_bytes());
        p[3..5].copy_from_slice(&width.to_be_bytes());
        with_segment(jpeg, 0xC0, &p)
    }

    fn decode(jpeg: &[u8]) -> Vec<u8> {
        jpeg_decoder::Decoder::new(jpeg).decode().expect("decodes")
    }

    #[test]
    fn jpeg_metadata_is_removed_and_the_image_is_unchanged() {
        let (clean, dirty) = jpeg_with_metadata();
        assert!(contains(&dirty, b"Exif") && contains(&dirty, b"GPS"));
        let out = strip(&dirty).unwrap();
        for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"MPF", b"8BIM", b"Siti Rahayu", b"taken at home", b"SEFT"] {
            assert!(!contains(&out, needle), "{:?} left", String::from_utf8_lossy(needle));
        }
        assert_eq!(&out[..2], &[0xFF, SOI]);
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
        assert!(contains(&out, b"JFIF\0"), "JFIF kept");
        assert!(!contains(&out, &[0xFF, 0xD3]), "no restart marker outside the scan");
        assert_eq!(decode(&out), decode(&clean), "pixels unchanged");
        // The encoder's segments are all kept: what follows its JFIF is byte for byte the same.
        assert!(out.ends_with(&clean[2 + 18..]));
        // Stripping is idempotent.
        assert_eq!(strip(&out).unwrap(), out);
    }

    #[test]
    fn an_icc_profile_is_kept_for_the_colours() {
        let (clean, _) = jpeg_with_metadata();
        let icc = segment(APP2, b"ICC_PROFILE\0\x01\x01Display P3 profile");
        let with_icc = [&clean[..20], &icc, &segment(0xE1, &exif_payload()), &clean[20..]].concat();
        let out = strip(&with_icc).unwrap();
        assert_eq!(out, [&clean[..20], &icc, &clean[20..]].concat());
    }

    #[test]
    fn adobe_app14_and_restart_markers_survive() {
        let mut adobe = b"Adobe\0\x64\0\0\0\0\x01".to_vec();
        let mut j = vec![0xFF, SOI];
        j.extend(segment(APP14, &adobe));
        j.extend(segment(DQT, &[0; 65]));
        j.extend(segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
        j.extend(segment(DRI, &[0, 1]));
        j.extend(segment(SOS, &[1, 1, 0, 0, 63, 0]));
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9]);
        let out = strip(&j).unwrap();
        assert!(contains(&out, b"Adobe"));
        assert!(contains(&out, &[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]));
        assert_eq!(&out[out.len() - 2..], &[0xFF, EOI]);
        // An Adobe segment is 12 bytes: anything after them is dropped.
        let kept = out.clone();
        adobe.extend_from_slice(b"Siti Rahayu");
        let longer = with_segment(&j, APP14, &adobe);
        assert_eq!(strip(&longer).unwrap(), kept);
    }

    #[test]
    fn pixel_bombs_and_pictures_without_pixels_are_refused() {
        let (clean, dirty) = jpeg_with_metadata();
        for (w, h) in [(30000, 30000), (65535, 65535), (8193, 6144), (0, 16), (16, 0)] {
            assert!(strip(&sized(&dirty, w, h)).is_err(), "{w}×{h}");
        }
        // At the limit: accepted (the size is read, the pixels never decoded).
        for (w, h) in [(8192, 6144), (6144, 8192)] {
            assert!(strip(&sized(&clean, w, h)).is_ok(), "{w}×{h}");
        }
        // A progressive frame (SOF2) is read the same way.
        let progressive = sized(&clean, 30000, 30000);
        let at = progressive.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let mut progressive = progressive.clone();
        progressive[at + 1] = 0xC2;
        assert!(strip(&progressive).is_err());
    }

    #[test]
    fn broken_jpegs_are_refused() {
        let (clean, dirty) = jpeg_with_metadata();
        assert!(strip(&dirty[..dirty.len() / 2]).is_err(), "truncated");
        assert!(strip(&[0xFF, SOI, 0xFF]).is_err());
        assert!(strip(&[0xFF, SOI, 0xFF, 0xE1, 0xFF, 0xFF]).is_err(), "length past the end");
        assert!(strip(&[0xFF, SOI, 0xFF, EOI]).is_err(), "no image");
        assert!(strip(b"not a jpeg").is_err());
        // Header only: the frame and tables, no scan.
        let sos = clean.windows(2).position(|w| w == [0xFF, SOS]).unwrap();
        assert!(strip(&[&clean[..sos], &[0xFF, EOI][..]].concat()).is_err(), "no scan");
        // A scan before any frame header: its size was never checked.
        let frame = segment(0xC0, &sof(&clean));
        let at = clean.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let no_frame = [&clean[..at], &clean[at + frame.len()..]].concat();
        assert!(strip(&no_frame).is_err(), "no frame header");
        let two = [&clean[..at], &frame, &clean[at..]].concat();
        assert!(strip(&two).is_err(), "two frame headers");
        let mut short = sof(&clean);
        short.pop();
        assert!(strip(&with_segment(&clean, 0xC0, &short)).is_err(), "frame header of a wrong length");
    }
}
