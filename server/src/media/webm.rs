//! WebM (Matroska): EBML elements. Free-form metadata lives in `Tags`
//! (where a location would be written), files attached to the video in
//! `Attachments`, and a title in `Info`. These elements are overwritten
//! where they are with a `Void` element of the same size and a zeroed
//! payload, so no byte moves (`SeekHead` and `Cues` positions stay valid).
//!
//! Walked: the EBML header (its DocType must be `webm` or `matroska`) and
//! the Segment's top-level elements, each of which must fit in its parent.
//! Segments and Clusters of unknown size, as browsers' recorders write
//! them, are followed. Not looked into: track names and chapter titles.

use super::Malformed;

const EBML: u32 = 0x1A45_DFA3;
const DOC_TYPE: u32 = 0x4282;
const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
const TITLE: u32 = 0x7BA9;
const TRACKS: u32 = 0x1654_AE6B;
const CLUSTER: u32 = 0x1F43_B675;
const TAGS: u32 = 0x1254_C367;
const ATTACHMENTS: u32 = 0x1941_A469;
const VOID: u32 = 0xEC;
/// The Segment's children; one of them ends a Cluster of unknown size.
const TOP_LEVEL: [u32; 8] = [0x114D_9B74, INFO, TRACKS, CLUSTER, 0x1C53_BB6B, 0x1043_A770, TAGS, ATTACHMENTS];

const TRUNCATED: Malformed = Malformed("truncated element header");

struct Element {
    at: usize,
    id: u32,
    data: usize,
    /// `None` for an element of unknown size.
    end: Option<usize>,
}

/// An EBML variable-length number of at most `max` bytes at `at`: its bytes
/// as they are (an element ID keeps its length marker), its value without
/// the marker, and its length.
fn vint(b: &[u8], at: usize, end: usize, max: usize) -> Result<(u64, u64, usize), Malformed> {
    let first = *b.get(at).filter(|_| at < end).ok_or(TRUNCATED)?;
    let len = first.leading_zeros() as usize + 1;
    if len > max {
        return Err(Malformed("invalid EBML number"));
    }
    let bytes = b.get(at..at + len).filter(|_| at + len <= end).ok_or(TRUNCATED)?;
    let raw = bytes.iter().fold(0u64, |v, &x| v << 8 | u64::from(x));
    Ok((raw, raw & ((1 << (7 * len)) - 1), len))
}

/// The element at `at`, in a parent ending at `end`.
fn element(b: &[u8], at: usize, end: usize) -> Result<Element, Malformed> {
    let (id, _, id_len) = vint(b, at, end, 4)?;
    let (_, size, size_len) = vint(b, at + id_len, end, 8)?;
    let data = at + id_len + size_len;
    // All value bits set: unknown size.
    let end = if size == (1 << (7 * size_len)) - 1 {
        None
    } else {
        let e = usize::try_from(size).ok().and_then(|s| data.checked_add(s)).filter(|&e| e <= end);
        Some(e.ok_or(Malformed("element size out of range"))?)
    };
    Ok(Element { at, id: id as u32, data, end })
}

/// The elements from `at` to `end`, each of known size.
fn children(b: &[u8], mut at: usize, end: usize) -> Result<Vec<Element>, Malformed> {
    let mut all = Vec::new();
    while at < end {
        let e = element(b, at, end)?;
        at = e.end.ok_or(Malformed("element of unknown size"))?;
        all.push(e);
    }
    Ok(all)
}

/// Where a Cluster of unknown size whose data starts at `at` ends: at the
/// next top-level element, or at `end`.
fn cluster_end(b: &[u8], mut at: usize, end: usize) -> Result<usize, Malformed> {
    while at < end {
        let e = element(b, at, end)?;
        if TOP_LEVEL.contains(&e.id) || e.id == EBML {
            break;
        }
        at = e.end.ok_or(Malformed("element of unknown size in a Cluster"))?;
    }
    Ok(at)
}

/// Overwrites the element from `at` to `end` with a Void element.
fn void(out: &mut [u8], at: usize, end: usize) {
    let payload = end - at - 2;
    out[at] = VOID as u8;
    if payload <= 126 {
        out[at + 1] = 0x80 | payload as u8;
        out[at + 2..end].fill(0);
    } else {
        // An 8-byte size: 0x01, then 7 bytes.
        out[at + 1] = 0x01;
        out[at + 2..at + 9].copy_from_slice(&((end - at - 9) as u64).to_be_bytes()[1..]);
        out[at + 9..end].fill(0);
    }
}

pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    let header = element(b, 0, b.len())?;
    let header_end = header.end.filter(|_| header.id == EBML).ok_or(Malformed("no EBML header"))?;
    let doc_type = children(b, header.data, header_end)?.into_iter().find(|e| e.id == DOC_TYPE);
    let doc_type = doc_type.and_then(|e| b.get(e.data..e.end?)).ok_or(Malformed("no DocType"))?;
    if doc_type != b"webm" && doc_type != b"matroska" {
        return Err(Malformed("not a WebM or Matroska file"));
    }
    let segment = element(b, header_end, b.len())?;
    if segment.id != SEGMENT {
        return Err(Malformed("no Segment"));
    }
    let segment_end = segment.end.unwrap_or(b.len());
    let mut out = b.to_vec();
    let (mut tracks, mut clusters) = (false, false);
    let mut at = segment.data;
    while at < segment_end {
        let e = element(b, at, segment_end)?;
        let end = match e.end {
            Some(end) => end,
            None if e.id == CLUSTER => cluster_end(b, e.data, segment_end)?,
            None => return Err(Malformed("element of unknown size")),
        };
        match e.id {
            TAGS | ATTACHMENTS => void(&mut out, at, end),
            INFO => {
                for title in children(b, e.data, end)?.into_iter().filter(|c| c.id == TITLE) {
                    void(&mut out, title.at, title.end.expect("known size"));
                }
            }
            TRACKS => tracks = true,
            CLUSTER => clusters = true,
            EBML | SEGMENT => return Err(Malformed("a second Segment")),
            _ => {}
        }
        at = end;
    }
    // Nothing but Void elements after the Segment.
    let mut at = segment_end;
    while at < b.len() {
        let e = element(b, at, b.len())?;
        at = e.end.filter(|_| e.id == VOID).ok_or(Malformed("data after the Segment"))?;
    }
    if !tracks || !clusters {
        return Err(Malformed("no tracks or no clusters"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::tests::contains;

    fn id_bytes(id: u32) -> Vec<u8> {
        id.to_be_bytes().into_iter().skip_while(|&x| x == 0).collect()
    }

    /// An element with an 8-byte size.
    fn el(id: u32, payload: &[u8]) -> Vec<u8> {
        let mut e = id_bytes(id);
        e.push(0x01);
        e.extend_from_slice(&(payload.len() as u64).to_be_bytes()[1..]);
        e.extend_from_slice(payload);
        e
    }

    fn unknown_size(id: u32, payload: &[u8]) -> Vec<u8> {
        let mut e = id_bytes(id);
        e.push(0xFF);
        e.extend_from_slice(payload);
        e
    }

    const GPS: &[u8] = b"+37.5090+127.0620/";
    const FRAME: &[u8] = b"FRAME-BYTES-0123456789";

    fn header(doc_type: &[u8]) -> Vec<u8> {
        el(EBML, &[el(0x4286, &[1]), el(DOC_TYPE, doc_type)].concat())
    }

    /// The Segment's children as a recorder writes them, with a title, a
    /// location tag and an attached photo.
    fn segment_children() -> Vec<u8> {
        let cluster = [el(0xE7, &[0]), el(0xA3, FRAME)].concat();
        let tag = el(0x67C8, &[el(0x45A3, b"LOCATION"), el(0x4487, GPS)].concat());
        let mut photo = b"foto-rumah.jpg".to_vec();
        photo.resize(300, 0x55);
        [
            el(INFO, &[el(TITLE, b"Rumah Siti Rahayu"), el(0x4D80, b"Chrome")].concat()),
            el(TRACKS, &el(0xAE, &el(0xD7, &[1]))),
            unknown_size(CLUSTER, &cluster),
            unknown_size(CLUSTER, &cluster),
            el(TAGS, &el(0x7373, &tag)),
            el(ATTACHMENTS, &el(0x61A7, &el(0x465C, &photo))),
        ]
        .concat()
    }

    fn webm(known_size: bool) -> Vec<u8> {
        let segment = if known_size {
            el(SEGMENT, &segment_children())
        } else {
            unknown_size(SEGMENT, &segment_children())
        };
        [header(b"webm"), segment].concat()
    }

    #[test]
    fn tags_attachments_and_title_become_void() {
        for known_size in [true, false] {
            let dirty = webm(known_size);
            let frame_at = dirty.windows(FRAME.len()).position(|w| w == FRAME).unwrap();
            let out = strip(&dirty).unwrap();
            assert_eq!(out.len(), dirty.len(), "nothing moved");
            for needle in [GPS, b"LOCATION", b"Siti Rahayu", b"foto-rumah", &id_bytes(TAGS)[..]] {
                assert!(contains(&dirty, needle));
                assert!(!contains(&out, needle), "{} left", String::from_utf8_lossy(needle));
            }
            assert_eq!(&out[frame_at..frame_at + FRAME.len()], FRAME, "frames in place");
            assert!(contains(&out, b"Chrome"), "the rest of Info is kept");
            assert_eq!(strip(&out).unwrap(), out, "a cleaned file walks again, unchanged");
        }
    }

    #[test]
    fn what_is_not_a_webm_file_is_refused() {
        let good = webm(true);
        assert!(strip(&good[..good.len() - 5]).is_err(), "truncated");
        let open = webm(false);
        let frame_at = open.windows(FRAME.len()).position(|w| w == FRAME).unwrap();
        assert!(strip(&open[..frame_at + 3]).is_err(), "truncated inside a block");
        assert!(strip(&[&good[..], b"parked bytes"].concat()).is_err(), "data after the Segment");
        assert!(strip(&[&good[..], &el(VOID, &[0; 4])[..]].concat()).is_ok(), "Void after the Segment");
        assert!(strip(&[header(b"webm"), el(CLUSTER, FRAME)].concat()).is_err(), "no Segment");
        assert!(strip(&[header(b"exe"), el(SEGMENT, &segment_children())].concat()).is_err(), "DocType");
        assert!(strip(&[header(b"webm"), el(SEGMENT, &el(TRACKS, &[]))].concat()).is_err(), "no clusters");
        let open_tags = [header(b"webm"), el(SEGMENT, &[segment_children(), unknown_size(TAGS, GPS)].concat())];
        assert!(strip(&open_tags.concat()).is_err(), "Tags of unknown size");
        let mut garbage = vec![0x1A, 0x45, 0xDF, 0xA3];
        garbage.resize(4000, 0x00);
        assert!(strip(&garbage).is_err());
    }
}
