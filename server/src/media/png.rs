//! PNG: chunks.

use super::Malformed;

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
const PNG_DROP: [&[u8; 4]; 5] = [b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"];

/// Copies every chunk but `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME`, up to
/// and including `IEND` (anything after it is dropped).
pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::tests::exif_payload;

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
        let out = strip(&p).unwrap();
        let mut want = PNG_SIGNATURE.to_vec();
        want.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        want.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        want.extend(png_chunk(b"IEND", &[]));
        assert_eq!(out, want);
        assert!(strip(&p[..40]).is_err());
    }
}
