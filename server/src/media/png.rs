//! PNG: chunks, kept by an allow-list.

use super::{check_size, Malformed};

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Whether an ancillary chunk is one the picture needs to be drawn as it
/// was meant, with the size the specification gives it (a chunk of another
/// size is ignored by decoders, and dropped here):
/// - `tRNS`: transparency;
/// - `gAMA`, `cHRM`, `sRGB`, `iCCP`, `sBIT`, and for HDR pictures `cICP`,
///   `mDCV`, `cLLI`: its colours. These are numbers, except `iCCP`: an ICC
///   profile, whose name (1–79 Latin-1 characters) is kept as it is.
///
/// Everything else is dropped: text (`tEXt`, `zTXt`, `iTXt`), `eXIf`,
/// `tIME`, physical size (`pHYs`), background colour (`bKGD`), histograms,
/// and private and unknown chunks such as `prVt`, where an app may keep
/// anything, a GPS position and a name included. So are APNG's animation
/// chunks (`acTL`, `fcTL`, `fdAT`): a report's photo is a still picture,
/// the default image of an APNG (in `IDAT`) is the one every decoder without
/// animation shows, and each frame would be one more picture to decode.
fn needed(kind: &[u8; 4], data: &[u8]) -> bool {
    match kind {
        b"tRNS" => data.len() <= 256,
        b"gAMA" | b"cICP" => data.len() == 4,
        b"cHRM" => data.len() == 32,
        b"sRGB" => data.len() == 1,
        b"sBIT" => (1..=4).contains(&data.len()),
        b"mDCV" => data.len() == 24,
        b"cLLI" => data.len() == 8,
        // Profile name, NUL, compression method 0, the compressed profile.
        b"iCCP" => {
            matches!(data.iter().position(|&c| c == 0), Some(n) if (1..=79).contains(&n) && data.get(n + 1) == Some(&0))
        }
        _ => false,
    }
}

/// The width and height from `IHDR`, checked against `MAX_IMAGE_PIXELS`,
/// and the colour type.
fn header(data: &[u8]) -> Result<(u32, u32, u8), Malformed> {
    let &[w0, w1, w2, w3, h0, h1, h2, h3, depth, colour, compression, filter, interlace] = data else {
        return Err(Malformed("IHDR is not 13 bytes"));
    };
    let (width, height) = (u32::from_be_bytes([w0, w1, w2, w3]), u32::from_be_bytes([h0, h1, h2, h3]));
    let depth_ok = match colour {
        0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(depth, 8 | 16),
        _ => false,
    };
    if !depth_ok || compression != 0 || filter != 0 || interlace > 1 {
        return Err(Malformed("IHDR with an unknown pixel format"));
    }
    check_size(width, height)?;
    Ok((width, height, colour))
}

/// Copies the signature, `IHDR`, `PLTE`, `IDAT`, `IEND` and the ancillary
/// chunks `needed` lets through, as they are (CRCs included); drops every
/// other chunk and anything after `IEND`. Refuses a PNG that does not start
/// with `IHDR`, declares no pixels or more than `MAX_IMAGE_PIXELS`, has no
/// image data (`IDAT`), or has a critical chunk no decoder knows (it could
/// not be drawn).
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if !b.starts_with(PNG_SIGNATURE) {
        return Err(Malformed("no PNG signature"));
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = 8;
    let mut colour_type = None;
    let (mut palette, mut image) = (false, false);
    loop {
        if i + 8 > b.len() {
            return Err(Malformed("truncated PNG chunk header"));
        }
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        if len > i32::MAX as u32 {
            return Err(Malformed("PNG chunk too long"));
        }
        let kind: &[u8; 4] = b[i + 4..i + 8].try_into().expect("four bytes");
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(Malformed("PNG chunk type is not four letters"));
        }
        let end = i.checked_add(12).and_then(|n| n.checked_add(len as usize)).ok_or(Malformed("PNG chunk too long"))?;
        if end > b.len() {
            return Err(Malformed("truncated PNG chunk"));
        }
        let data = &b[i + 8..end - 4];
        let chunk = &b[i..end];
        i = end;
        let Some(colour) = colour_type else {
            if kind != b"IHDR" {
                return Err(Malformed("PNG does not start with IHDR"));
            }
            colour_type = Some(header(data)?.2);
            out.extend_from_slice(chunk);
            continue;
        };
        match kind {
            b"IHDR" => return Err(Malformed("second IHDR")),
            b"PLTE" => {
                if data.is_empty() || data.len() > 256 * 3 || !data.len().is_multiple_of(3) {
                    return Err(Malformed("PLTE of a wrong size"));
                }
                palette = true;
                out.extend_from_slice(chunk);
            }
            b"IDAT" => {
                image = true;
                out.extend_from_slice(chunk);
            }
            b"IEND" => {
                if !image {
                    return Err(Malformed("PNG without image data"));
                }
                if colour == 3 && !palette {
                    return Err(Malformed("indexed PNG without a palette"));
                }
                out.extend_from_slice(chunk);
                return Ok(out);
            }
            // Bit 5 of the first letter clear (upper case): critical, the
            // picture cannot be drawn without knowing it.
            _ if kind[0].is_ascii_uppercase() => return Err(Malformed("unknown critical PNG chunk")),
            _ if needed(kind, data) => out.extend_from_slice(chunk),
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::media::tests::{contains, exif_payload};
    use std::io::Write;

    /// A chunk with its CRC.
    pub(crate) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(&c[4..]);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    }

    pub(crate) fn ihdr(width: u32, height: u32, depth: u8, colour: u8) -> Vec<u8> {
        png_chunk(b"IHDR", &[&width.to_be_bytes()[..], &height.to_be_bytes(), &[depth, colour, 0, 0, 0]].concat())
    }

    /// A real 8-bit RGB picture: the signature, `IHDR`, an sRGB, gamma and
    /// chromaticities chunk, an ICC profile, the pixels split over two
    /// `IDAT`s, and `IEND`. Returns the file and its pixel rows.
    pub(crate) fn real_png(width: u32, height: u32) -> (Vec<u8>, Vec<u8>) {
        let mut rows = Vec::new();
        for y in 0..height {
            rows.push(0); // filter: none
            rows.extend((0..width).flat_map(|x| [(x * 5) as u8, (y * 9) as u8, ((x + y) * 3) as u8]));
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&rows).unwrap();
        let zlib = z.finish().unwrap();
        let (a, b) = zlib.split_at(zlib.len() / 2);
        let mut icc = b"ICC Profile\0\0".to_vec();
        icc.extend_from_slice(&[0x78, 0x9c, 0x03, 0, 0, 0, 0, 1]); // an empty zlib stream
        let mut p = PNG_SIGNATURE.to_vec();
        for c in [
            ihdr(width, height, 8, 2),
            png_chunk(b"sRGB", &[0]),
            png_chunk(b"gAMA", &45455u32.to_be_bytes()),
            png_chunk(b"cHRM", &[7u8; 32]),
            png_chunk(b"iCCP", &icc),
            png_chunk(b"IDAT", a),
            png_chunk(b"IDAT", b),
            png_chunk(b"IEND", &[]),
        ] {
            p.extend(c);
        }
        (p, rows)
    }

    /// `clean` with `before` inserted after `IHDR` and `after` before `IEND`.
    fn insert(clean: &[u8], before: &[Vec<u8>], after: &[Vec<u8>]) -> Vec<u8> {
        let ihdr_end = 8 + 25;
        let iend = clean.len() - 12;
        [&clean[..ihdr_end], &before.concat(), &clean[ihdr_end..iend], &after.concat(), &clean[iend..]].concat()
    }

    const SECRET: &[u8] = b"GPS -0.0270,110.9390 Siti Rahayu";

    #[test]
    fn only_the_chunks_that_draw_the_picture_are_kept() {
        let (clean, _) = real_png(24, 16);
        let before = [
            png_chunk(b"prVt", SECRET),
            png_chunk(b"tEXt", b"Author\0Siti Rahayu"),
            png_chunk(b"zTXt", b"Comment\0\0x\x9c\x03\0\0\0\0\x01"),
            png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS</x:xmpmeta>"),
            png_chunk(b"eXIf", &exif_payload()[6..]),
            png_chunk(b"pHYs", &[0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]),
            png_chunk(b"bKGD", &[0, 1, 0, 2, 0, 3]),
            png_chunk(b"gAMA", &[0; 40]), // a known chunk of the wrong size
            png_chunk(b"acTL", &[0, 0, 0, 1, 0, 0, 0, 0]),
            png_chunk(b"fcTL", &[0; 26]),
        ];
        let after = [png_chunk(b"tIME", &[7, 234, 1, 1, 0, 0, 0]), png_chunk(b"fdAT", &[0, 0, 0, 1, 1, 2, 3])];
        let mut dirty = insert(&clean, &before, &after);
        dirty.extend_from_slice(b"trailer Siti Rahayu");
        assert!(contains(&dirty, b"Siti Rahayu"));
        let out = strip(&dirty).unwrap();
        assert_eq!(out, clean, "the picture's chunks, byte for byte, and nothing else");
        assert_eq!(strip(&out).unwrap(), out, "idempotent");
        for needle in [&b"Siti Rahayu"[..], b"GPS", b"Exif", b"MM\0\x2a", b"pHYs", b"acTL"] {
            assert!(!contains(&out, needle), "{} left", String::from_utf8_lossy(needle));
        }
    }

    #[test]
    fn palette_transparency_and_hdr_colour_are_kept() {
        let mut p = PNG_SIGNATURE.to_vec();
        for c in [
            ihdr(2, 1, 8, 3),
            png_chunk(b"cICP", &[9, 16, 0, 1]),
            png_chunk(b"mDCV", &[1; 24]),
            png_chunk(b"cLLI", &[2; 8]),
            png_chunk(b"sBIT", &[5, 6, 5]),
            png_chunk(b"PLTE", &[255, 0, 0, 0, 0, 255]),
            png_chunk(b"tRNS", &[255, 0]),
            png_chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x60, 0x60, 0x04, 0, 0, 0x04, 0, 0x02]),
            png_chunk(b"IEND", &[]),
        ] {
            p.extend(c);
        }
        assert_eq!(strip(&p).unwrap(), p);
    }

    #[test]
    fn pixel_bombs_and_pictures_without_pixels_are_refused() {
        let with = |ihdr: Vec<u8>| {
            let mut p = PNG_SIGNATURE.to_vec();
            p.extend(ihdr);
            p.extend(png_chunk(b"prVt", SECRET));
            p.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 3, 0, 0, 0, 0, 1]));
            p.extend(png_chunk(b"IEND", &[]));
            p
        };
        assert!(strip(&with(ihdr(30000, 30000, 8, 0))).is_err(), "900 MP");
        assert!(strip(&with(ihdr(8193, 6144, 8, 6))).is_err(), "just over the limit");
        assert!(strip(&with(ihdr(u32::MAX, u32::MAX, 8, 6))).is_err());
        assert!(strip(&with(ihdr(0, 100, 8, 2))).is_err(), "no width");
        assert!(strip(&with(ihdr(100, 0, 8, 2))).is_err(), "no height");
        // The limit itself passes (the size is read, never the pixels).
        let ok = strip(&with(ihdr(8192, 6144, 8, 2))).unwrap();
        assert!(!contains(&ok, SECRET));
    }

    #[test]
    fn pngs_that_cannot_be_drawn_are_refused() {
        let (clean, _) = real_png(4, 4);
        let header_only = [&clean[..33], &png_chunk(b"IEND", &[])].concat();
        assert!(strip(&header_only).is_err(), "no IDAT");
        assert!(strip(&clean[..40]).is_err(), "truncated");
        assert!(strip(&clean[..clean.len() - 12]).is_err(), "no IEND");
        assert!(strip(&[&clean[..8], &clean[33..]].concat()).is_err(), "no IHDR");
        assert!(strip(&insert(&clean, &[ihdr(4, 4, 8, 2)], &[])).is_err(), "a second IHDR");
        assert!(strip(&insert(&clean, &[png_chunk(b"ABCD", b"?")], &[])).is_err(), "unknown critical chunk");
        assert!(strip(&insert(&clean, &[png_chunk(b"pr\0t", b"?")], &[])).is_err(), "not a chunk type");
        let odd_depth = [&PNG_SIGNATURE[..], &ihdr(4, 4, 3, 2), &clean[33..]].concat();
        assert!(strip(&odd_depth).is_err(), "bit depth 3");
        let no_palette = [&PNG_SIGNATURE[..], &ihdr(4, 4, 8, 3), &clean[33..]].concat();
        assert!(strip(&no_palette).is_err(), "indexed without PLTE");
        assert!(strip(b"\x89PNG\r\n\x1a\n").is_err());
        assert!(strip(b"GIF89a").is_err());
    }
}
