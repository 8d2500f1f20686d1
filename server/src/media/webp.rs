//! WebP: RIFF chunks, kept by an allow-list.

use super::{check_size, Malformed};

/// VP8X flag bits: an ICC profile, transparency, animation. The others
/// (EXIF, XMP, reserved) are never written.
const VP8X_ICC: u8 = 0x20;
const VP8X_ALPHA: u8 = 0x10;
const VP8X_ANIMATION: u8 = 0x02;

/// One RIFF chunk: its FourCC and payload.
struct Chunk<'a> {
    fourcc: &'a [u8],
    data: &'a [u8],
}

/// The chunks up to the RIFF size (bytes past it are not part of the file).
fn chunks(b: &[u8]) -> Result<Vec<Chunk<'_>>, Malformed> {
    if b.len() < 12 || &b[0..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return Err(Malformed("no WebP header"));
    }
    let riff_len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    let end =
        riff_len.checked_add(8).filter(|&e| e <= b.len() && e >= 12).ok_or(Malformed("RIFF size out of range"))?;
    let mut out = Vec::new();
    let mut i = 12;
    while i < end {
        if i + 8 > end {
            return Err(Malformed("truncated WebP chunk header"));
        }
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let data_end = (i + 8).checked_add(len).filter(|&e| e <= end).ok_or(Malformed("truncated WebP chunk"))?;
        out.push(Chunk { fourcc: &b[i..i + 4], data: &b[i + 8..data_end] });
        // The pad byte of the last chunk is sometimes missing.
        i = (data_end + (len & 1)).min(end);
    }
    Ok(out)
}

/// The width and height in a `VP8 ` (lossy key frame) or `VP8L` (lossless)
/// bitstream's header.
fn frame_size(c: &Chunk) -> Result<(u32, u32), Malformed> {
    let d = c.data;
    match c.fourcc {
        b"VP8 " => {
            // Frame tag (3 bytes: bit 0 clear for a key frame), start code, 14-bit sizes.
            if d.len() < 10 || d[0] & 1 != 0 || d[3..6] != [0x9d, 0x01, 0x2a] {
                return Err(Malformed("VP8 data is not a key frame"));
            }
            let w = u16::from_le_bytes([d[6], d[7]]) & 0x3fff;
            let h = u16::from_le_bytes([d[8], d[9]]) & 0x3fff;
            Ok((w.into(), h.into()))
        }
        _ => {
            // Signature 0x2f, then width − 1 and height − 1 in 14 bits each, alpha, version 0.
            if d.len() < 5 || d[0] != 0x2f {
                return Err(Malformed("VP8L data without its signature"));
            }
            let bits = u32::from_le_bytes([d[1], d[2], d[3], d[4]]);
            if bits >> 29 != 0 {
                return Err(Malformed("unknown VP8L version"));
            }
            Ok(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
    }
}

fn put_chunk(out: &mut Vec<u8>, fourcc: &[u8], data: &[u8]) {
    out.extend_from_slice(fourcc);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

/// Keeps what draws the picture: a simple file's one `VP8 `/`VP8L` chunk;
/// of an extended file, `VP8X` (written anew: only the ICC and alpha flags,
/// reserved bits zero), `ICCP` (the colours), `ALPH` (the transparency of a
/// lossy picture) and the `VP8 `/`VP8L` chunk. Drops `EXIF`, `XMP `,
/// private and unknown chunks, and anything after the picture; writes the
/// new RIFF size. Refuses a file without a picture, one declaring more
/// than `MAX_IMAGE_PIXELS` (in `VP8X`'s canvas or the bitstream's header),
/// one whose canvas and picture sizes differ, and an animation: an animated
/// WebP has no still picture outside its frames to keep, and a report's
/// photo is a still picture.
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    let chunks = chunks(b)?;
    let first = chunks.first().ok_or(Malformed("no WebP image data"))?;
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    match first.fourcc {
        b"VP8 " | b"VP8L" => {
            let (w, h) = frame_size(first)?;
            check_size(w, h)?;
            put_chunk(&mut out, first.fourcc, first.data);
        }
        b"VP8X" => {
            let &[flags, _, _, _, w0, w1, w2, h0, h1, h2] = first.data else {
                return Err(Malformed("VP8X is not 10 bytes"));
            };
            if flags & VP8X_ANIMATION != 0 || chunks.iter().any(|c| matches!(c.fourcc, b"ANIM" | b"ANMF")) {
                return Err(Malformed("animated WebP"));
            }
            let canvas = (u32::from_le_bytes([w0, w1, w2, 0]) + 1, u32::from_le_bytes([h0, h1, h2, 0]) + 1);
            check_size(canvas.0, canvas.1)?;
            let (mut icc, mut alpha) = (None, None);
            let mut picture = None;
            for c in &chunks[1..] {
                match c.fourcc {
                    b"ICCP" if icc.is_none() => icc = Some(c.data),
                    b"ALPH" if alpha.is_none() => alpha = Some(c.data),
                    b"VP8 " | b"VP8L" => {
                        picture = Some(c);
                        break;
                    }
                    _ => {}
                }
            }
            let picture = picture.ok_or(Malformed("no WebP image data"))?;
            if frame_size(picture)? != canvas {
                return Err(Malformed("WebP canvas and picture sizes differ"));
            }
            // Only a lossy picture takes its transparency from ALPH.
            let alpha = alpha.filter(|_| picture.fourcc == b"VP8 ");
            let flags = (flags & VP8X_ALPHA) | if icc.is_some() { VP8X_ICC } else { 0 };
            put_chunk(&mut out, b"VP8X", &[flags, 0, 0, 0, w0, w1, w2, h0, h1, h2]);
            for (fourcc, data) in [(b"ICCP", icc), (b"ALPH", alpha)] {
                if let Some(data) = data {
                    put_chunk(&mut out, fourcc, data);
                }
            }
            put_chunk(&mut out, picture.fourcc, picture.data);
        }
        _ => return Err(Malformed("WebP does not start with VP8, VP8L or VP8X")),
    }
    let size = u32::try_from(out.len() - 8).map_err(|_| Malformed("WebP too large"))?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::media::tests::{contains, exif_payload};

    pub(crate) fn riff_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = Vec::new();
        put_chunk(&mut c, fourcc, data);
        c
    }

    pub(crate) fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        w.extend_from_slice(b"WEBP");
        w.extend(body);
        w
    }

    /// Real 1×1 pictures (the ones browsers' WebP feature tests decode):
    /// lossy, lossless, and lossy with transparency (VP8X, ALPH, VP8).
    pub(crate) const LOSSY: &[u8] =
        b"RIFF\x22\0\0\0WEBPVP8 \x16\0\0\0\x30\x01\0\x9d\x01\x2a\x01\0\x01\0\x0e\xc0\xfe\x25\xa4\0\x03\x70\0\0\0\0";
    pub(crate) const LOSSLESS: &[u8] =
        b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0";
    pub(crate) const ALPHA: &[u8] = b"RIFF\x4a\0\0\0WEBPVP8X\x0a\0\0\0\x10\0\0\0\0\0\0\0\0\0\
        ALPH\x0c\0\0\0\x11\x07\x10\x11\xfd\x0f\x44\x44\xff\x03\0\0\
        VP8 \x18\0\0\0\x14\x01\0\x9d\x01\x2a\x01\0\x01\0\0\0\xfe\0\0\x0d\xc0\0\xfe\xe6\xb5\0\0\0";

    const SECRET: &[u8] = b"GPS -0.0270,110.9390 Siti Rahayu";

    /// The chunks of a whole file (FourCC and payload).
    fn parts(w: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        chunks(w).unwrap().iter().map(|c| (c.fourcc.to_vec(), c.data.to_vec())).collect()
    }

    #[test]
    fn the_picture_is_kept_byte_for_byte_and_the_rest_dropped() {
        let p = parts(ALPHA);
        let (vp8x, alph, vp8) = (&p[0].1, &p[1].1, &p[2].1);
        let mut flags = vp8x.clone();
        flags[0] |= 0x08 | 0x04 | 0x01 | 0xc0; // EXIF, XMP and reserved bits
        flags[1] = 0x55; // reserved bytes
        let dirty = riff(&[
            riff_chunk(b"VP8X", &flags),
            riff_chunk(b"prVt", SECRET),
            riff_chunk(b"EXIF", &exif_payload()[6..]),
            riff_chunk(b"ALPH", alph),
            riff_chunk(b"VP8 ", vp8),
            riff_chunk(b"XMP ", b"<x:xmpmeta>Siti Rahayu</x:xmpmeta>"),
            riff_chunk(b"prVt", SECRET),
        ]);
        let out = strip(&[&dirty[..], b"trailer GPS"].concat()).unwrap();
        assert_eq!(out, ALPHA, "VP8X, ALPH and VP8 as the encoder wrote them, and nothing else");
        assert!(!contains(&out, b"GPS") && !contains(&out, b"Siti"));

        // A simple file keeps its one chunk.
        let lossless = parts(LOSSLESS);
        let dirty = riff(&[riff_chunk(b"VP8L", &lossless[0].1), riff_chunk(b"EXIF", SECRET)]);
        assert_eq!(strip(&dirty).unwrap(), LOSSLESS);
        for file in [LOSSY, LOSSLESS, ALPHA] {
            assert_eq!(strip(file).unwrap(), file, "a clean file is stored as it is");
        }
    }

    #[test]
    fn an_icc_profile_is_kept_with_its_flag() {
        let lossless = &parts(LOSSLESS)[0].1;
        let w = riff(&[
            riff_chunk(b"VP8X", &[0x20 | 0x10 | 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            riff_chunk(b"ICCP", b"profile"),
            riff_chunk(b"ALPH", b"ignored for a lossless picture"),
            riff_chunk(b"VP8L", lossless),
            riff_chunk(b"EXIF", SECRET),
        ]);
        let want = riff(&[
            riff_chunk(b"VP8X", &[0x20 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            riff_chunk(b"ICCP", b"profile"),
            riff_chunk(b"VP8L", lossless),
        ]);
        assert_eq!(strip(&w).unwrap(), want);
        // Without the profile, no ICC flag.
        let w = riff(&[riff_chunk(b"VP8X", &[0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0]), riff_chunk(b"VP8L", lossless)]);
        assert_eq!(strip(&w).unwrap()[20], 0);
    }

    /// A lossless header declaring `w` × `h` (1 to 16384 each).
    fn vp8l(w: u32, h: u32) -> Vec<u8> {
        let bits = (w - 1) | ((h - 1) << 14);
        [&[0x2f][..], &bits.to_le_bytes(), &[0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07]].concat()
    }

    fn vp8x(w: u32, h: u32) -> Vec<u8> {
        [&[0x08u8, 0, 0, 0][..], &(w - 1).to_le_bytes()[..3], &(h - 1).to_le_bytes()[..3]].concat()
    }

    #[test]
    fn pixel_bombs_and_pictures_without_pixels_are_refused() {
        let exif = riff_chunk(b"EXIF", &exif_payload()[6..]);
        let bomb = riff(&[riff_chunk(b"VP8L", &vp8l(16384, 16384)), exif.clone()]);
        assert!(strip(&bomb).is_err(), "a simple lossless file of 268 MP");
        let bomb = riff(&[riff_chunk(b"VP8X", &vp8x(16384, 16384)), riff_chunk(b"VP8L", &vp8l(16384, 16384)), exif]);
        assert!(strip(&bomb).is_err(), "an extended one");
        let huge_canvas = riff(&[riff_chunk(b"VP8X", &vp8x(30000, 30000)), riff_chunk(b"VP8L", &vp8l(1, 1))]);
        assert!(strip(&huge_canvas).is_err(), "a canvas of 900 MP");
        let mut lossy = parts(LOSSY)[0].1.clone();
        lossy[6..10].copy_from_slice(&[0xff, 0x3f, 0xff, 0x3f]);
        assert!(strip(&riff(&[riff_chunk(b"VP8 ", &lossy)])).is_err(), "a lossy key frame of 268 MP");
        lossy[6..10].copy_from_slice(&[0, 0, 1, 0]);
        assert!(strip(&riff(&[riff_chunk(b"VP8 ", &lossy)])).is_err(), "no width");
        // At the limit: accepted.
        let ok = riff(&[riff_chunk(b"VP8X", &vp8x(8192, 6144)), riff_chunk(b"VP8L", &vp8l(8192, 6144))]);
        assert!(strip(&ok).is_ok());
        let ok = riff(&[riff_chunk(b"VP8L", &vp8l(6144, 8192))]);
        assert!(strip(&ok).is_ok());
    }

    #[test]
    fn webps_that_cannot_be_drawn_are_refused() {
        let lossless = &parts(LOSSLESS)[0].1;
        let header_only = riff(&[riff_chunk(b"VP8X", &vp8x(1, 1)), riff_chunk(b"EXIF", SECRET)]);
        assert!(strip(&header_only).is_err(), "no picture");
        assert!(strip(&riff(&[])).is_err(), "no chunks");
        assert!(
            strip(&riff(&[riff_chunk(b"EXIF", SECRET), riff_chunk(b"VP8L", lossless)])).is_err(),
            "starts elsewhere"
        );
        let other_size = riff(&[riff_chunk(b"VP8X", &vp8x(2, 1)), riff_chunk(b"VP8L", lossless)]);
        assert!(strip(&other_size).is_err(), "canvas 2×1, picture 1×1");
        let mut anim = vp8x(1, 1);
        anim[0] |= VP8X_ANIMATION;
        assert!(strip(&riff(&[riff_chunk(b"VP8X", &anim), riff_chunk(b"ANIM", &[0; 6])])).is_err(), "animated");
        let anmf =
            riff(&[riff_chunk(b"VP8X", &vp8x(1, 1)), riff_chunk(b"ANMF", &[0; 16]), riff_chunk(b"VP8L", lossless)]);
        assert!(strip(&anmf).is_err(), "frames without the flag");
        let long_vp8x =
            riff(&[riff_chunk(b"VP8X", &[&vp8x(1, 1)[..], b"GPS"].concat()), riff_chunk(b"VP8L", lossless)]);
        assert!(strip(&long_vp8x).is_err(), "VP8X of 13 bytes");
        let mut inter = parts(LOSSY)[0].1.clone();
        inter[0] |= 1;
        assert!(strip(&riff(&[riff_chunk(b"VP8 ", &inter)])).is_err(), "not a key frame");
        assert!(strip(&riff(&[riff_chunk(b"VP8L", &[0x2f, 0, 0])])).is_err(), "short header");
        assert!(strip(&riff(&[riff_chunk(b"VP8L", &[0x2f, 0, 0, 0, 0x30])])).is_err(), "VP8L version 1");
        assert!(strip(&ALPHA[..ALPHA.len() - 10]).is_err(), "truncated");
        assert!(strip(b"RIFF\x04\0\0\0WEBP").is_err());
    }
}
