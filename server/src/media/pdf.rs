//! PDF: the file is loaded with lopdf and written anew, without the
//! document information dictionary (`/Info`: author, creator, producer,
//! title, dates), without any XMP stream (`/Metadata`, on the catalog, a
//! page, an image…), without embedded files, and with EXIF stripped from
//! embedded JPEG images.
//! Writing anew also drops earlier revisions: an incremental update leaves
//! the previous objects (an older `/Info` among them) in the file, and only
//! the objects the current version reaches are written.
//!
//! Refused: a file lopdf cannot load, one without pages, and an encrypted
//! one (even one that opens without a password: lopdf would decrypt it, but
//! on a path that skips the inflation budget below). A damaged file that
//! lopdf can repair (as PDF readers do, by scanning for objects) is written
//! anew, well-formed; bytes outside the objects the document uses are not
//! carried over.

use super::Malformed;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::cell::Cell;

/// Object streams are inflated and parsed while loading, and parsing takes
/// many times the memory of the text parsed. Real object streams hold a few
/// kilobytes; these bound what a small crafted upload can make us allocate.
const MAX_INFLATED_STREAM: usize = 4 * 1024 * 1024;
const MAX_INFLATED_TOTAL: usize = 16 * 1024 * 1024;

thread_local! {
    /// Bytes of object streams inflated by the load running on this thread
    /// (a load filter is a plain `fn`, so it counts here).
    static INFLATED: Cell<usize> = const { Cell::new(0) };
}

/// Annotation types whose `/T` is the name of the person who wrote them
/// (ISO 32000-1, 12.5.6.2); a PDF reader fills it with the user's login.
const MARKUP: [&[u8]; 18] = [
    b"Text", b"FreeText", b"Line", b"Square", b"Circle", b"Polygon", b"PolyLine", b"Highlight", b"Underline",
    b"Squiggly", b"StrikeOut", b"Stamp", b"Caret", b"Ink", b"FileAttachment", b"Sound", b"Redact", b"Projection",
];

pub fn strip(b: &[u8]) -> Result<Vec<u8>, Malformed> {
    if has_name(b, b"Encrypt") {
        return Err(Malformed("encrypted PDF"));
    }
    let mut doc = load(b)?;
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err(Malformed("PDF without pages"));
    }
    // The new trailer has the catalog only: no `/Info`, no `/ID` (which
    // some writers derive from the file's path and time) and no `/Prev`.
    let root = doc.trailer.get(b"Root").map_err(|_| Malformed("PDF without a catalog"))?.clone();
    if let Ok(&Object::Reference(info)) = doc.trailer.get(b"Info") {
        doc.objects.remove(&info);
    }
    doc.trailer = Dictionary::from_iter([("Root", root)]);
    // Objects nothing reaches: the `/Info` of earlier revisions, what they
    // replaced, and the object and cross-reference streams (rewritten).
    doc.prune_objects();
    for object in doc.objects.values_mut() {
        scrub(object)?;
    }
    doc.objects.retain(|_, o| !matches!(o, Object::Stream(s) if s.dict.has_type(b"Metadata")));
    // The XMP streams no `/Metadata` points at any more.
    doc.prune_objects();
    // Numbers the generated object streams right after the last object, so
    // that a file this function wrote comes out of it unchanged.
    doc.max_id = doc.objects.keys().next_back().map_or(0, |id| id.0);
    let mut out = Vec::with_capacity(b.len());
    // Object streams keep the file about as small as it came (lopdf
    // inflated the ones it read).
    doc.save_modern(&mut out).map_err(|_| Malformed("PDF cannot be written"))?;
    if load(&out)?.get_pages().len() != pages {
        return Err(Malformed("cleaned PDF lost pages"));
    }
    Ok(out)
}

fn load(b: &[u8]) -> Result<Document, Malformed> {
    INFLATED.set(0);
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED_STREAM),
        filter: Some(within_budget),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(b, options).map_err(|_| Malformed("PDF does not load"))?;
    if INFLATED.get() > MAX_INFLATED_TOTAL {
        return Err(Malformed("PDF object streams too large"));
    }
    Ok(doc)
}

/// Load filter: drops every object stream once those seen so far inflate to
/// more than `MAX_INFLATED_TOTAL` (lopdf calls it before unpacking one).
fn within_budget(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(s) = object {
        if s.dict.has_type(b"ObjStm") {
            let size = s.decompressed_content_with_limit(MAX_INFLATED_STREAM).map_or(usize::MAX, |c| c.len());
            INFLATED.set(INFLATED.get().saturating_add(size));
            if INFLATED.get() > MAX_INFLATED_TOTAL {
                return None;
            }
        }
    }
    // lopdf keeps `object` for a top-level object, and the returned copy for
    // one unpacked from an object stream.
    Some((id, object.clone()))
}

/// Whether the name `/name` occurs anywhere in the file, also written with
/// `#xx` escapes. The trailer's `/Encrypt` is never inside a compressed
/// stream, so this finds it before lopdf (which would decrypt) reads on.
fn has_name(b: &[u8], name: &[u8]) -> bool {
    let regular = |c: &u8| !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(c);
    let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
    b.iter().enumerate().filter(|(_, &c)| c == b'/').any(|(at, _)| {
        let mut token = b[at + 1..].iter().take_while(|c| regular(c));
        let mut decoded = Vec::new();
        while let Some(&c) = token.next() {
            if decoded.len() == name.len() {
                return false;
            }
            decoded.push(match c {
                b'#' => match (hex(token.next()), hex(token.next())) {
                    (Some(h), Some(l)) => (h * 16 + l) as u8,
                    _ => return false,
                },
                c => c,
            });
        }
        decoded == name
    })
}

/// Removes identifying entries from an object, and EXIF from a JPEG image.
fn scrub(object: &mut Object) -> Result<(), Malformed> {
    match object {
        Object::Dictionary(d) => scrub_dictionary(d),
        Object::Array(items) => items.iter_mut().try_for_each(scrub),
        Object::Stream(stream) => {
            // A JPEG image's data is a whole JPEG file, EXIF included.
            if stream.filters().is_ok_and(|f| f == [b"DCTDecode"]) {
                let clean = super::jpeg::strip(&stream.content).map_err(|_| Malformed("unreadable JPEG in a PDF"))?;
                stream.set_content(clean);
            }
            scrub_dictionary(&mut stream.dict)
        }
        _ => Ok(()),
    }
}

/// `/Metadata` (XMP) and `/PieceInfo` (the private data of the program that
/// wrote the page) anywhere, embedded files (`/EmbeddedFiles` in the name
/// tree, a file attachment's `/FS`, PDF 2.0's associated files `/AF`: an
/// office suite's hybrid PDF carries the whole source document with its
/// author), and the author of a comment.
fn scrub_dictionary(d: &mut Dictionary) -> Result<(), Malformed> {
    for key in [&b"Metadata"[..], b"PieceInfo", b"EmbeddedFiles", b"AF"] {
        d.remove(key);
    }
    if d.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"FileAttachment") {
        d.remove(b"FS");
    }
    let markup = d.has(b"Rect") && d.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| MARKUP.contains(&s));
    if markup {
        d.remove(b"T");
    }
    d.iter_mut().try_for_each(|(_, v)| scrub(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::jpeg::tests::jpeg_with_metadata;
    use crate::media::tests::contains;

    /// A file revision: the objects, then a classic cross-reference table
    /// and a trailer. Returns where the table starts, for a later `/Prev`.
    fn revision(file: &mut Vec<u8>, objects: &[(u32, Vec<u8>)], trailer: &str) -> usize {
        let mut offsets = Vec::new();
        for (n, body) in objects {
            offsets.push((*n, file.len()));
            file.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            file.extend_from_slice(body);
            file.extend_from_slice(b"\nendobj\n");
        }
        let xref = file.len();
        file.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
        for (n, at) in offsets {
            file.extend_from_slice(format!("{n} 1\n{at:010} 00000 n \n").as_bytes());
        }
        file.extend_from_slice(format!("trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        xref
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    }

    fn obj(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }

    /// A one-page letter as an office suite writes it (author, creator,
    /// XMP with the author's name, a comment signed with a login, a photo
    /// with EXIF), then edited in another program, which appended a new
    /// `/Info` and left the old one in the file.
    fn pdf_with_metadata() -> Vec<u8> {
        let xmp = b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>Siti Rahayu</dc:creator>\
                    <xmp:CreatorTool>Microsoft Word</xmp:CreatorTool></x:xmpmeta>";
        let (_, photo) = jpeg_with_metadata();
        let mut file = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let prev = revision(
            &mut file,
            &[
                (1, obj("<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>")),
                (2, obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")),
                (
                    3,
                    obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R \
                         /Resources << /XObject << /Im1 8 0 R >> >> /Annots [7 0 R] \
                         /PieceInfo << /Word << /Private (C:\\Users\\siti\\surat.docx) >> >> >>"),
                ),
                (4, stream("", b"q 1 0 0 rg 10 10 50 50 re f Q q 16 0 0 16 100 100 cm /Im1 Do Q")),
                (5, stream("/Type /Metadata /Subtype /XML", xmp)),
                (
                    6,
                    obj("<< /Author (Siti Rahayu) /Creator (Microsoft Word - surat.docx) /Producer (Acrobat) \
                         /Title (Keluhan jalan) /CreationDate (D:20260105093000+07'00') >>"),
                ),
                (7, obj("<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /T (siti.rahayu) /Contents (cek lagi) >>")),
                (
                    8,
                    stream(
                        "/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceRGB \
                         /BitsPerComponent 8 /Filter /DCTDecode",
                        &photo,
                    ),
                ),
            ],
            "/Size 9 /Root 1 0 R /Info 6 0 R /ID [<0123456789abcdef> <0123456789abcdef>]",
        );
        revision(
            &mut file,
            &[(9, obj("<< /Author (Anonim) /Producer (Editor PDF Gratis) /ModDate (D:20260106) >>"))],
            &format!("/Size 10 /Root 1 0 R /Info 9 0 R /Prev {prev}"),
        );
        file
    }

    const PLANTED: [&[u8]; 12] = [
        b"Siti Rahayu",
        b"siti.rahayu",
        b"surat.docx",
        b"Microsoft Word",
        b"Acrobat",
        b"Keluhan jalan",
        b"D:2026",
        b"Anonim",
        b"Editor PDF",
        b"xmpmeta",
        b"Exif",
        b"GPS",
    ];

    #[test]
    fn pdf_metadata_and_old_revisions_are_removed() {
        let dirty = pdf_with_metadata();
        let before = Document::load_mem(&dirty).unwrap();
        assert_eq!(before.xref_section_count, 2, "the fixture has an incremental update");
        for needle in PLANTED {
            assert!(contains(&dirty, needle), "{} planted", String::from_utf8_lossy(needle));
        }

        let out = strip(&dirty).unwrap();
        for needle in PLANTED {
            assert!(!contains(&out, needle), "{} left", String::from_utf8_lossy(needle));
        }
        let doc = Document::load_mem(&out).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        assert_eq!(doc.xref_section_count, 1, "one revision");
        assert!(!doc.trailer.has(b"Info") && !doc.trailer.has(b"ID"));
        assert!(!doc.catalog().unwrap().has(b"Metadata"));
        // The page, its drawing, the comment's text and the photo are still there.
        let page = doc.page_iter().next().unwrap();
        assert!(contains(&doc.get_page_content(page), b"10 10 50 50 re f"));
        let annots = doc.get_page_annotations(page).unwrap();
        assert_eq!(annots[0].get(b"Contents").unwrap().as_str().unwrap(), b"cek lagi");
        let (_, photo) = jpeg_with_metadata();
        let image = doc.get_page_images(page).unwrap();
        assert_eq!(image[0].content, &super::super::jpeg::strip(&photo).unwrap()[..]);

        assert_eq!(strip(&out).unwrap(), out, "a cleaned file comes out unchanged");
    }

    #[test]
    fn embedded_files_are_removed() {
        let secret = b"surat-asli.odt oleh Siti Rahayu";
        let mut file = b"%PDF-1.7\n".to_vec();
        revision(
            &mut file,
            &[
                (1, obj("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.odt) 5 0 R] >> >> /AF [5 0 R] >>")),
                (2, obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")),
                (3, obj("<< /Type /Page /Parent 2 0 R /Annots [4 0 R] >>")),
                (4, obj("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 5 0 R >>")),
                (5, obj("<< /Type /Filespec /F (a.odt) /EF << /F 6 0 R >> >>")),
                (6, stream("/Type /EmbeddedFile", secret)),
            ],
            "/Size 7 /Root 1 0 R",
        );
        assert!(contains(&file, secret));
        let out = strip(&file).unwrap();
        assert!(!contains(&out, secret) && !contains(&out, b"a.odt"), "the embedded file is gone");
        let doc = Document::load_mem(&out).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn what_is_not_a_pdf_is_refused() {
        let mut garbage = b"%PDF-1.4\n% laporan\n".to_vec();
        garbage.resize(2000, b'.');
        assert!(strip(&garbage).is_err());
        assert!(strip(b"%PDF-1.7\n\x00\x01\x02 parked bytes %%EOF").is_err());
        let dirty = pdf_with_metadata();
        assert!(strip(&dirty[..60]).is_err(), "truncated before the pages");
        // A catalog without pages.
        let mut empty = b"%PDF-1.4\n".to_vec();
        revision(&mut empty, &[(1, obj("<< /Type /Catalog >>"))], "/Size 2 /Root 1 0 R");
        assert!(strip(&empty).is_err());
    }

    /// A small document made with lopdf, encrypted (RC4, 128 bits) with the
    /// given user password.
    fn encrypted(user_password: &str) -> Vec<u8> {
        let mut doc = Document::load_mem(&pdf_with_metadata()).unwrap();
        let id = Object::string_literal(b"0123456789abcdef".to_vec());
        doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "pemilik",
            user_password,
            key_length: 128,
            permissions: lopdf::Permissions::empty(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn encrypted_pdfs_are_refused() {
        // One that needs a password, and one that opens without one.
        for user_password in ["rahasia", ""] {
            let locked = encrypted(user_password);
            assert!(!contains(&locked, b"Siti Rahayu"), "encrypted strings");
            assert_eq!(strip(&locked), Err(Malformed("encrypted PDF")));
            // Also when the name is written with escapes.
            let escaped = String::from_utf8_lossy(&locked).replace("/Encrypt", "/Encr#79pt").into_bytes();
            assert!(has_name(&escaped, b"Encrypt") && !contains(&escaped, b"/Encrypt"));
        }
        assert!(!has_name(b"/EncryptMetadata /Encrypted /Encr#7 ", b"Encrypt"));
    }

    /// A file whose object streams inflate, in all, past the budget (each
    /// of them within the limit for one).
    #[test]
    fn object_streams_that_inflate_too_much_are_refused() {
        let mut data = b"100 0 null".to_vec();
        data.resize(MAX_INFLATED_STREAM - 1000, b' ');
        let mut packed = lopdf::Stream::new(Dictionary::new(), data);
        packed.compress().unwrap();
        let packed_object = stream("/Type /ObjStm /N 1 /First 6 /Filter /FlateDecode", &packed.content);
        let file = |copies: u32| {
            let mut objects = vec![
                (1, obj("<< /Type /Catalog /Pages 2 0 R >>")),
                (2, obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")),
                (3, obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>")),
            ];
            objects.extend((0..copies).map(|n| (4 + n, packed_object.clone())));
            let mut file = b"%PDF-1.5\n".to_vec();
            revision(&mut file, &objects, &format!("/Size {} /Root 1 0 R", 4 + copies));
            file
        };
        assert!(strip(&file(2)).is_ok());
        let bomb = file(5);
        assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
        assert_eq!(strip(&bomb), Err(Malformed("PDF object streams too large")));
    }
}
