//! MP4, 3GP and MOV (ISO base media file format and QuickTime): a tree of
//! boxes. Phones write the place a video was taken as `©xyz` (QuickTime
//! user data) or `loci` (3GPP) under `udta`, and as an ISO 6709 string in a
//! `meta` box (Apple's `com.apple.quicktime.location.ISO6709`), next to
//! the make, model, software and owner; editors add XMP in a `uuid` box.
//!
//! Such boxes are overwritten where they are with a `free` box of the same
//! size and a zeroed payload. No byte moves, so the chunk offsets in
//! `stco`/`co64` (positions in the file of the samples in `mdat`) stay
//! valid whether `mdat` comes before or after `moov`, and nothing is
//! re-encoded. Kept as it is: sample data, timed metadata tracks included
//! (e.g. an action camera's GPS track, which lives in `mdat`).

use super::Malformed;

/// Boxes whose payload is boxes, walked to find metadata inside.
const CONTAINERS: [&[u8; 4]; 12] =
    [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf", b"mfra", b"tref"];

/// Boxes overwritten wherever they are found: user data, metadata, vendor
/// and XMP boxes, and the payload of free space (which may hold leftovers
/// of metadata an editor removed in place).
const BLANKED: [&[u8; 4]; 6] = [b"udta", b"meta", b"uuid", b"XMP_", b"free", b"skip"];

/// Real files nest containers five deep (`moov/trak/mdia/minf/stbl`).
const MAX_DEPTH: usize = 8;

struct BoxHeader {
    kind: [u8; 4],
    /// Length of the size and type fields: 8, or 16 with a 64-bit size.
    fields: usize,
    end: usize,
}

/// The box at `at`, in a parent whose payload ends at `end`.
fn box_at(b: &[u8], at: usize, end: usize) -> Result<BoxHeader, Malformed> {
    let left = end - at;
    if left < 8 {
        return Err(Malformed("truncated box header"));
    }
    let size = u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let kind = [b[at + 4], b[at + 5], b[at + 6], b[at + 7]];
    let (size, fields) = match size {
        // To the end of the parent (of the file, for a top-level box).
        0 => (left, 8),
        1 => {
            let large = b.get(at + 8..at + 16).filter(|_| left >= 16).ok_or(Malformed("truncated box header"))?;
            let large = u64::from_be_bytes(large.try_into().expect("8 bytes"));
            (usize::try_from(large).unwrap_or(usize::MAX), 16)
        }
        n => (n as usize, 8),
    };
    // A `uuid` box has its 16-byte extended type after the size fields.
    let least = if &kind == b"uuid" { fields + 16 } else { fields };
    if size < least || size > left {
        return Err(Malformed("box size out of range"));
    }
    Ok(BoxHeader { kind, fields, end: at + size })
}

/// Overwrites user data and metadata boxes among the boxes from `at` to
/// `end`, descending into containers. Returns the types found at this level.
fn clean(out: &mut [u8], mut at: usize, end: usize, depth: usize) -> Result<Vec<[u8; 4]>, Malformed> {
    let mut kinds = Vec::new();
    while at < end {
        let h = box_at(out, at, end)?;
        // `©xyz` and the other QuickTime user data items (©nam, ©day, ©too…).
        if BLANKED.contains(&&h.kind) || h.kind[0] == 0xA9 {
            out[at + 4..at + 8].copy_from_slice(b"free");
            out[at + h.fields..h.end].fill(0);
        } else if CONTAINERS.contains(&&h.kind) {
            if depth == MAX_DEPTH {
                return Err(Malformed("boxes nested too deep"));
            }
            clean(out, at + h.fields, h.end, depth + 1)?;
        }
        kinds.push(h.kind);
        at = h.end;
    }
    Ok(kinds)
}

pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    let mut out = b.to_vec();
    let kinds = clean(&mut out, 0, b.len(), 0)?;
    if kinds.first() != Some(b"ftyp") {
        return Err(Malformed("no ftyp box first"));
    }
    if !kinds.contains(b"moov") || !kinds.contains(b"mdat") {
        return Err(Malformed("no moov or no mdat box"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::tests::contains;

    fn bx(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(payload);
        b
    }

    fn container(kind: &[u8; 4], children: &[Vec<u8>]) -> Vec<u8> {
        bx(kind, &children.concat())
    }

    const GPS: &[u8] = b"+37.5090+127.0620/";
    const SAMPLES: &[u8] = b"SAMPLE-DATA-0123456789";

    /// `moov` as a phone writes it: a track whose `stco` points at
    /// `offset`, a track-level `meta`, `udta` with `©xyz` and a make, and a
    /// `meta` with an Apple location key; an XMP `uuid` box is top-level.
    fn moov(offset: u32) -> Vec<u8> {
        let mut xyz = (GPS.len() as u16).to_be_bytes().to_vec();
        xyz.extend_from_slice(&[0x15, 0xC7]); // language
        xyz.extend_from_slice(GPS);
        let mut stco = vec![0, 0, 0, 0, 0, 0, 0, 1];
        stco.extend_from_slice(&offset.to_be_bytes());
        let stbl = container(b"stbl", &[bx(b"stsd", &[0; 8]), bx(b"stco", &stco)]);
        let trak = container(
            b"trak",
            &[
                bx(b"tkhd", &[0; 84]),
                container(b"mdia", &[bx(b"mdhd", &[0; 24]), container(b"minf", &[stbl])]),
                bx(b"meta", b"\0\0\0\0 com.android.capture.fps 30 owner Siti Rahayu"),
            ],
        );
        container(
            b"moov",
            &[
                bx(b"mvhd", &[0; 100]),
                trak,
                container(b"udta", &[bx(b"\xA9xyz", &xyz), bx(b"\xA9mak", b"\0\x07\x15\xC7samsung")]),
                bx(b"meta", &[&b"\0\0\0\0hdlrmdta keys com.apple.quicktime.location.ISO6709 ilst "[..], GPS].concat()),
            ],
        )
    }

    fn xmp() -> Vec<u8> {
        // The XMP UUID, BE7ACFCB-97A9-42E8-9C71-999491E3AFAC.
        let uuid = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];
        bx(b"uuid", &[&uuid[..], b"<x:xmpmeta><dc:creator>Siti Rahayu</dc:creator></x:xmpmeta>"].concat())
    }

    /// A fast-start file (`moov` before `mdat`) when `fast`, else `mdat`
    /// first, as cameras write it; `mdat` has a 64-bit size when `large`.
    fn mp4(fast: bool, large: bool) -> Vec<u8> {
        let ftyp = bx(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
        let mdat = if large {
            let mut m = 1u32.to_be_bytes().to_vec();
            m.extend_from_slice(b"mdat");
            m.extend_from_slice(&(SAMPLES.len() as u64 + 16).to_be_bytes());
            m.extend_from_slice(SAMPLES);
            m
        } else {
            bx(b"mdat", SAMPLES)
        };
        let header = if large { 16 } else { 8 };
        let moov_len = moov(0).len();
        if fast {
            let offset = ftyp.len() + moov_len + xmp().len() + header;
            [ftyp, moov(offset as u32), xmp(), mdat].concat()
        } else {
            let offset = ftyp.len() + header;
            [ftyp, mdat, moov(offset as u32), xmp()].concat()
        }
    }

    /// The offset the first `stco` entry holds.
    fn chunk_offset(file: &[u8]) -> usize {
        let at = file.windows(4).position(|w| w == b"stco").unwrap() + 4 + 8;
        u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) as usize
    }

    #[test]
    fn location_and_user_data_are_blanked_in_place() {
        for (fast, large) in [(true, false), (false, false), (true, true), (false, true)] {
            let dirty = mp4(fast, large);
            let at = chunk_offset(&dirty);
            assert_eq!(&dirty[at..at + SAMPLES.len()], SAMPLES, "fixture");
            for needle in [GPS, b"udta", b"\xA9xyz", b"samsung", b"Siti Rahayu", b"ISO6709", b"xmpmeta"] {
                assert!(contains(&dirty, needle));
            }
            let out = strip(&dirty).unwrap();
            assert_eq!(out.len(), dirty.len(), "nothing moved");
            let gone = [GPS, b"udta", b"meta", b"uuid", b"\xA9", b"samsung", b"Siti Rahayu", b"ISO6709", b"xmpmeta"];
            for needle in gone {
                assert!(!contains(&out, needle), "{} left", String::from_utf8_lossy(needle));
            }
            let at = chunk_offset(&out);
            assert_eq!(&out[at..at + SAMPLES.len()], SAMPLES, "stco still points at the samples");
            for kind in [b"ftyp", b"moov", b"trak", b"stco", b"mdat"] {
                assert!(contains(&out, kind));
            }
            assert_eq!(strip(&out).unwrap(), out, "a cleaned file walks again, unchanged");
        }
    }

    #[test]
    fn a_box_running_to_the_end_of_the_file_is_accepted() {
        let mut file = mp4(false, false);
        let mdat = file.windows(4).position(|w| w == b"mdat").unwrap() - 4;
        let tail = [moov(0), xmp()].concat();
        file.truncate(mdat);
        file.extend_from_slice(&tail);
        file.extend_from_slice(&[0, 0, 0, 0]);
        file.extend_from_slice(b"mdat");
        file.extend_from_slice(SAMPLES);
        let out = strip(&file).unwrap();
        assert!(!contains(&out, GPS));
    }

    #[test]
    fn what_is_not_a_box_tree_is_refused() {
        let good = mp4(true, false);
        assert!(strip(&good[..good.len() - 3]).is_err(), "truncated: mdat overruns the file");
        assert!(strip(&[&good[..], b"\0\0\0"].concat()).is_err(), "bytes after the last box");
        // A child overrunning its parent: `moov` claims less than its `trak`.
        let mut short = good.clone();
        let moov_at = short.windows(4).position(|w| w == b"moov").unwrap() - 4;
        short[moov_at..moov_at + 4].copy_from_slice(&120u32.to_be_bytes());
        assert!(strip(&short).is_err());
        // A size smaller than the header.
        let mut tiny = good.clone();
        tiny[moov_at..moov_at + 4].copy_from_slice(&4u32.to_be_bytes());
        assert!(strip(&tiny).is_err());
        let ftyp = bx(b"ftyp", b"isom\0\0\x02\0");
        assert!(strip(&[ftyp.clone(), bx(b"mdat", SAMPLES)].concat()).is_err(), "no moov");
        assert!(strip(&[ftyp.clone(), moov(0)].concat()).is_err(), "no mdat");
        assert!(strip(&[bx(b"moov", &[]), ftyp.clone(), bx(b"mdat", &[])].concat()).is_err(), "ftyp not first");
        let mut garbage = b"\0\0\0\x18ftypmp42".to_vec();
        garbage.resize(5000, 0xAB);
        assert!(strip(&garbage).is_err(), "arbitrary bytes after an ftyp header");
        let deep = (0..20).fold(bx(b"stco", &[]), |inner, _| container(b"trak", &[inner]));
        assert!(strip(&[ftyp, container(b"moov", &[deep]), bx(b"mdat", &[])].concat()).is_err(), "nested too deep");
    }
}
