//! WebP: RIFF chunks.

use super::Malformed;

/// VP8X flag bits for "has EXIF" and "has XMP".
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

/// Copies the RIFF chunks but `EXIF` and `XMP `, clears their flags in
/// `VP8X` and writes the new RIFF size; bytes past the RIFF size are dropped.
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
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
mod tests {
    use super::*;
    use crate::media::tests::{contains, exif_payload};

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
        let out = strip(&w).unwrap();
        let want = riff(&[riff_chunk(b"VP8X", &[0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), riff_chunk(b"VP8L", &[0x2f, 1, 2, 3, 4])]);
        assert_eq!(out, want);
        assert!(!contains(&out, b"GPS"));
        assert!(strip(&w[..w.len() - 10]).is_err());
    }
}
