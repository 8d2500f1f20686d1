//! Uploaded PDFs and videos are stored without what identifies the
//! reporter (author names, GPS positions), and uploads that are not
//! well-formed files are refused.

mod common;

use common::{contains, spawn, TestApp};
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::Value;

/// Uploads a file, asserts 201 with the given kind and MIME type, and
/// returns the stored bytes (read from the store by content hash).
async fn stored(app: &TestApp, file: Vec<u8>, kind: &str, mime: &str) -> Vec<u8> {
    let (status, att) = app.upload(file).await;
    assert_eq!(status, StatusCode::CREATED, "{att}");
    assert_eq!((att["kind"].as_str(), att["mime"].as_str()), (Some(kind), Some(mime)));
    let bytes = std::fs::read(app.stored_path(att["id"].as_str().unwrap()).await).expect("stored");
    assert_eq!(att["size"].as_u64(), Some(bytes.len() as u64));
    bytes
}

async fn refused(app: &TestApp, file: Vec<u8>) {
    let (status, body): (StatusCode, Value) = app.upload(file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["file"][0]["code"], "unsupported_file", "{body}");
}

fn assert_none_left(stored: &[u8], planted: &[&[u8]]) {
    for needle in planted {
        assert!(!contains(stored, needle), "{} left in the stored file", String::from_utf8_lossy(needle));
    }
}

/// One revision of a PDF: objects, cross-reference table, trailer.
/// Returns where the table starts.
fn pdf_revision(file: &mut Vec<u8>, objects: &[(u32, &str)], trailer: &str) -> usize {
    let mut table = String::from("xref\n0 1\n0000000000 65535 f \n");
    for (n, body) in objects {
        table.push_str(&format!("{n} 1\n{:010} 00000 n \n", file.len()));
        file.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let xref = file.len();
    file.extend_from_slice(format!("{table}trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    xref
}

/// A letter with the author in `/Info` and in XMP, edited once: the
/// incremental update added a new `/Info` and left the old one in the file.
fn letter() -> Vec<u8> {
    let xmp = "<x:xmpmeta><dc:creator>Siti Rahayu</dc:creator><pdf:Producer>LibreOffice</pdf:Producer></x:xmpmeta>";
    let content = "BT /F1 12 Tf 20 100 Td (Jalan rusak) Tj ET";
    let mut file = b"%PDF-1.4\n".to_vec();
    let prev = pdf_revision(
        &mut file,
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>"),
            (4, &format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len())),
            (5, &format!("<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{xmp}\nendstream", xmp.len())),
            (6, "<< /Author (Siti Rahayu) /Creator (Writer - surat-keluhan.odt) /Producer (LibreOffice 7.6) >>"),
        ],
        "/Size 7 /Root 1 0 R /Info 6 0 R",
    );
    pdf_revision(
        &mut file,
        &[(7, "<< /Author (S. Rahayu) /Producer (Editor PDF) >>")],
        &format!("/Size 8 /Root 1 0 R /Info 7 0 R /Prev {prev}"),
    );
    file
}

#[tokio::test]
async fn a_pdf_is_stored_without_author_xmp_or_old_revisions() {
    let app = spawn().await;
    let planted: [&[u8]; 6] =
        [b"Siti Rahayu", b"S. Rahayu", b"surat-keluhan", b"LibreOffice", b"Editor PDF", b"xmpmeta"];
    let sent = letter();
    for needle in planted {
        assert!(contains(&sent, needle));
    }
    let stored = stored(&app, sent, "pdf", "application/pdf").await;
    assert_none_left(&stored, &planted);
    let doc = lopdf::Document::load_mem(&stored).expect("still a PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let page = doc.page_iter().next().unwrap();
    assert!(contains(&doc.get_page_content(page), b"(Jalan rusak) Tj"), "the text is kept");
}

fn mp4_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    [&((payload.len() + 8) as u32).to_be_bytes()[..], kind, payload].concat()
}

const GPS: &[u8] = b"+37.5090+127.0620/";
const SAMPLES: &[u8] = b"frame data, frame data";

/// A fast-start video (`moov` first) whose `stco` points at the samples in
/// `mdat`, with the place in `udta/©xyz` and in a `meta` location key.
fn video(brand: &[u8; 4]) -> Vec<u8> {
    let ftyp = mp4_box(b"ftyp", &[&brand[..], b"\0\0\0\0isom"].concat());
    let moov = |offset: u32| {
        let stco = mp4_box(b"stco", &[&[0, 0, 0, 0, 0, 0, 0, 1][..], &offset.to_be_bytes()].concat());
        let stbl = mp4_box(b"stbl", &stco);
        let trak = mp4_box(b"trak", &mp4_box(b"mdia", &mp4_box(b"minf", &stbl)));
        let xyz = mp4_box(b"\xA9xyz", &[&[0, GPS.len() as u8, 0x15, 0xC7][..], GPS].concat());
        let meta = mp4_box(b"meta", &[&b"keys com.apple.quicktime.location.ISO6709 ilst "[..], GPS].concat());
        mp4_box(b"moov", &[mp4_box(b"mvhd", &[0; 100]), trak, mp4_box(b"udta", &xyz), meta].concat())
    };
    let offset = ftyp.len() + moov(0).len() + 8;
    [ftyp, moov(offset as u32), mp4_box(b"mdat", SAMPLES)].concat()
}

#[tokio::test]
async fn a_video_is_stored_without_its_location() {
    let app = spawn().await;
    for (brand, mime) in [(b"mp42", "video/mp4"), (b"qt  ", "video/quicktime"), (b"3gp4", "video/3gpp")] {
        let sent = video(brand);
        assert!(contains(&sent, GPS));
        let stored = stored(&app, sent.clone(), "video", mime).await;
        assert_none_left(&stored, &[GPS, b"udta", b"\xA9xyz", b"ISO6709"]);
        assert_eq!(stored.len(), sent.len(), "blanked in place");
        assert_eq!(&stored[stored.len() - SAMPLES.len()..], SAMPLES);
    }

    // WebM: the location tag becomes a Void element.
    let tags = ebml(&[0x12, 0x54, 0xC3, 0x67], &ebml(&[0x73, 0x73], &ebml(&[0x44, 0x87], GPS)));
    let tracks = ebml(&[0x16, 0x54, 0xAE, 0x6B], &[]);
    let cluster = ebml(&[0x1F, 0x43, 0xB6, 0x75], &ebml(&[0xA3], SAMPLES));
    let webm = [webm_header(), ebml(&[0x18, 0x53, 0x80, 0x67], &[tracks, cluster, tags].concat())].concat();
    let stored = stored(&app, webm, "video", "video/webm").await;
    assert_none_left(&stored, &[GPS]);
    assert!(contains(&stored, SAMPLES));
}

/// An EBML element with an 8-byte size.
fn ebml(id: &[u8], payload: &[u8]) -> Vec<u8> {
    [id, &[0x01], &(payload.len() as u64).to_be_bytes()[1..], payload].concat()
}

fn webm_header() -> Vec<u8> {
    ebml(&[0x1A, 0x45, 0xDF, 0xA3], &ebml(&[0x42, 0x82], b"webm"))
}

#[tokio::test]
async fn files_that_are_not_well_formed_are_refused() {
    let app = spawn().await;
    let mut parked = b"%PDF-1.4\n% laporan\n".to_vec();
    parked.extend_from_slice(&[0xAB; 3000]);
    refused(&app, parked).await;
    refused(&app, letter()[..100].to_vec()).await;

    let mp4 = video(b"mp42");
    refused(&app, mp4[..mp4.len() - 4].to_vec()).await;
    let mut zeros = b"\0\0\0\x18ftypmp42\0\0\0\0".to_vec();
    zeros.resize(4096, 0);
    refused(&app, zeros).await;
    let mut after = mp4.clone();
    after.extend_from_slice(b"MZ\x90\0 parked");
    refused(&app, after).await;

    refused(&app, [&webm_header()[..], b"not a segment"].concat()).await;

    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 0, "nothing recorded");
}
