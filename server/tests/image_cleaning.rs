//! Photos keep only what draws them, and no photo is bigger than
//! `media::MAX_IMAGE_PIXELS`: the reviewer's attack over HTTP. A PNG with a private
//! chunk holding a GPS position and a name is stored without it and still
//! decodes; a 30000 × 30000 PNG of 890 KB (a real zlib stream of zeros,
//! 900 MB inflated) is refused, and so are a WebP and a JPEG declaring a
//! huge size, metadata and all.

mod common;

use common::{claim, contains, jpeg_with_exif, report, spawn, TestApp};
use flate2::{Compress, Compression, FlushCompress, Status};
use lapor_server::db::Table;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::{Read, Write};

const SECRET: &[u8] = b"GPS -0.0270,110.9390 Siti Rahayu";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

fn crc(bytes: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(bytes);
    c.sum()
}

/// A PNG chunk with its CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let body = [&kind[..], data].concat();
    [&(data.len() as u32).to_be_bytes()[..], &body, &crc(&body).to_be_bytes()].concat()
}

fn ihdr(width: u32, height: u32, colour: u8) -> Vec<u8> {
    chunk(b"IHDR", &[&width.to_be_bytes()[..], &height.to_be_bytes(), &[8, colour, 0, 0, 0]].concat())
}

/// A real 8-bit RGB PNG of `width` × `height` (a gradient), with an sRGB
/// chunk: the file, and its pixel rows (each with its filter byte).
fn real_png(width: u32, height: u32) -> (Vec<u8>, Vec<u8>) {
    let mut rows = Vec::new();
    for y in 0..height {
        rows.push(0);
        rows.extend((0..width).flat_map(|x| [(x * 4) as u8, (y * 5) as u8, 120]));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(&rows).unwrap();
    let idat = z.finish().unwrap();
    let png =
        [PNG_SIGNATURE, &ihdr(width, height, 2), &chunk(b"sRGB", &[0]), &chunk(b"IDAT", &idat), &chunk(b"IEND", &[])]
            .concat();
    (png, rows)
}

/// Decodes a PNG as a browser would read it: the signature, every chunk
/// with a correct CRC, IHDR first and IEND last, the IDAT data one zlib
/// stream (its Adler-32 checked) of exactly the rows IHDR announces.
/// Returns the width, height and the rows.
fn decode_png(png: &[u8]) -> (u32, u32, Vec<u8>) {
    assert!(png.starts_with(PNG_SIGNATURE), "a PNG signature");
    let mut i = 8;
    let (mut kinds, mut idat, mut size) = (Vec::new(), Vec::new(), None);
    while i < png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        let body = &png[i + 4..i + 8 + len];
        let sum = u32::from_be_bytes(png[i + 8 + len..i + 12 + len].try_into().unwrap());
        assert_eq!(crc(body), sum, "the CRC of {}", String::from_utf8_lossy(&body[..4]));
        let (kind, data) = body.split_at(4);
        match kind {
            b"IHDR" => {
                assert_eq!(&data[8..], &[8, 2, 0, 0, 0], "8-bit RGB, not interlaced");
                let w = u32::from_be_bytes(data[0..4].try_into().unwrap());
                size = Some((w, u32::from_be_bytes(data[4..8].try_into().unwrap())));
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        kinds.push(String::from_utf8_lossy(kind).into_owned());
        i += 12 + len;
    }
    assert_eq!(i, png.len(), "nothing after the last chunk");
    assert_eq!(kinds.first().map(String::as_str), Some("IHDR"));
    assert_eq!(kinds.last().map(String::as_str), Some("IEND"));
    let (w, h) = size.unwrap();
    let mut rows = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..]).read_to_end(&mut rows).expect("IDAT inflates");
    assert_eq!(rows.len(), h as usize * (1 + 3 * w as usize), "every row there");
    (w, h, rows)
}

/// Raw deflate of `input`, flushed to a byte boundary (or finished).
fn deflate(c: &mut Compress, mut input: &[u8], finish: bool) -> Vec<u8> {
    let flush = if finish { FlushCompress::Finish } else { FlushCompress::Sync };
    let mut out = Vec::new();
    loop {
        out.reserve(64 * 1024);
        let before = c.total_in();
        let status = c.compress_vec(input, &mut out, flush).unwrap();
        input = &input[(c.total_in() - before) as usize..];
        let done = if finish { status == Status::StreamEnd } else { input.is_empty() && out.len() < out.capacity() };
        if done {
            return out;
        }
    }
}

/// An 8-bit greyscale PNG of `width` × `height` black pixels, compressed
/// as tightly as zlib can (about 1:1030). Its `height × (width + 1)` bytes
/// of zeros are deflated in blocks of 1 MiB: the second block, which only
/// refers back to zeros, decodes to 1 MiB of zeros wherever it stands after
/// the first, so it is repeated rather than compressed again.
fn black_png(width: u32, height: u32) -> Vec<u8> {
    const BLOCK: usize = 1 << 20;
    let total = height as usize * (width as usize + 1);
    let zeros = vec![0u8; BLOCK];
    let mut c = Compress::new(Compression::best(), false);
    let mut stream = vec![0x78, 0xDA];
    if total <= 2 * BLOCK {
        stream.extend(deflate(&mut c, &vec![0; total], true));
    } else {
        let first = deflate(&mut c, &zeros, false);
        let again = deflate(&mut c, &zeros, false);
        let repeats = (total - BLOCK) / BLOCK;
        stream.extend(first);
        for _ in 0..repeats {
            stream.extend_from_slice(&again);
        }
        stream.extend(deflate(&mut c, &zeros[..total - BLOCK * (1 + repeats)], true));
    }
    // Adler-32 of n zeros: a = 1, b = n.
    stream.extend_from_slice(&((((total % 65521) as u32) << 16) | 1).to_be_bytes());
    [PNG_SIGNATURE, &ihdr(width, height, 0), &chunk(b"IDAT", &stream), &chunk(b"IEND", &[])].concat()
}

/// `png` with `extra` chunks inserted after IHDR, and `tail` chunks before IEND.
fn with_chunks(png: &[u8], extra: &[Vec<u8>], tail: &[Vec<u8>]) -> Vec<u8> {
    let (ihdr_end, iend) = (8 + 25, png.len() - 12);
    [&png[..ihdr_end], &extra.concat(), &png[ihdr_end..iend], &tail.concat(), &png[iend..]].concat()
}

async fn stored(app: &TestApp, file: Vec<u8>, mime: &str) -> (Value, Vec<u8>) {
    let (status, att) = app.upload(file).await;
    assert_eq!(status, StatusCode::CREATED, "{att}");
    assert_eq!((att["kind"].as_str(), att["mime"].as_str()), (Some("photo"), Some(mime)));
    let bytes = std::fs::read(app.stored_path(att["id"].as_str().unwrap()).await).expect("stored");
    assert_eq!(att["size"].as_u64(), Some(bytes.len() as u64));
    (att, bytes)
}

async fn refused(app: &TestApp, file: Vec<u8>, what: &str) {
    let (status, body) = app.upload(file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {body}");
    assert_eq!(body["fields"]["file"][0]["code"], "unsupported_file", "{what}: {body}");
}

#[tokio::test]
async fn a_png_is_stored_without_its_private_chunk_and_still_decodes() {
    let app = spawn().await;
    let (clean, rows) = real_png(64, 48);
    let sent = with_chunks(
        &clean,
        &[
            chunk(b"prVt", SECRET),
            chunk(b"tEXt", b"Author\0Siti Rahayu"),
            chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS -0.0270</x:xmpmeta>"),
            chunk(b"pHYs", &[0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]),
        ],
        &[chunk(b"tIME", &[7, 234, 1, 5, 8, 30, 0]), chunk(b"zzZz", SECRET)],
    );
    assert!(contains(&sent, SECRET));
    assert_eq!(decode_png(&sent).2, rows, "what is sent decodes too");

    let (att, stored) = stored(&app, sent, "image/png").await;
    for needle in [&b"Siti Rahayu"[..], b"GPS", b"-0.0270", b"prVt", b"tEXt", b"iTXt", b"tIME", b"zzZz"] {
        assert!(!contains(&stored, needle), "{} left in the stored file", String::from_utf8_lossy(needle));
    }
    assert_eq!(stored, clean, "the picture's own chunks, byte for byte");
    assert_eq!(decode_png(&stored), (64, 48, rows.clone()), "the same picture");

    // As an officer or the reporter downloads it.
    let mut r = report();
    r["attachments"] = json!([claim(&att)]);
    let receipt = app.submit(&r).await;
    let code = receipt["access_code"].as_str().unwrap();
    let res = app.tracked_download(&receipt, code, att["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    let served = res.bytes().await.unwrap();
    assert!(!contains(&served, b"Siti Rahayu") && !contains(&served, b"GPS"));
    assert_eq!(decode_png(&served).2, rows);
}

#[tokio::test]
async fn a_png_pixel_bomb_is_refused_and_a_camera_sized_png_is_not() {
    let app = spawn().await;
    // The construction is sound: a smaller one inflates to exactly its zeros.
    let small = black_png(3000, 2000);
    let mut idat = Vec::new();
    let (ihdr_end, iend) = (8 + 25, small.len() - 12);
    flate2::read::ZlibDecoder::new(&small[ihdr_end + 8..iend - 4]).read_to_end(&mut idat).expect("inflates");
    assert_eq!(idat.len(), 2000 * 3001);
    assert!(idat.iter().all(|&b| b == 0));

    let bomb = with_chunks(&black_png(30000, 30000), &[chunk(b"prVt", SECRET)], &[]);
    assert!((800_000..1_000_000).contains(&bomb.len()), "about 890 KB: {}", bomb.len());
    refused(&app, bomb, "30000 × 30000 PNG").await;
    refused(&app, black_png(8193, 6144), "just over the limit").await;
    let header_only = [PNG_SIGNATURE, &ihdr(64, 48, 2), &chunk(b"prVt", SECRET), &chunk(b"IEND", &[])].concat();
    refused(&app, header_only, "no IDAT").await;
    refused(&app, [PNG_SIGNATURE, &ihdr(0, 48, 2), &real_png(1, 48).0[33..]].concat(), "no width").await;
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 0, "nothing recorded");

    // A camera's unscaled 48 MP picture fits.
    let camera = black_png(8000, 6000);
    let (_, stored) = stored(&app, camera.clone(), "image/png").await;
    assert_eq!(stored, camera);
}

/// Real 1×1 lossless WebP bitstream (a VP8L chunk's payload).
const VP8L_1X1: &[u8] = b"\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07";

fn riff_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let pad: &[u8] = if data.len() % 2 == 1 { &[0] } else { &[] };
    [&fourcc[..], &(data.len() as u32).to_le_bytes(), data, pad].concat()
}

fn webp(chunks: &[Vec<u8>]) -> Vec<u8> {
    let body = chunks.concat();
    [&b"RIFF"[..], &((body.len() + 4) as u32).to_le_bytes(), b"WEBP", &body].concat()
}

/// VP8X with the alpha, EXIF and XMP flags and a canvas of `w` × `h`.
fn vp8x(w: u32, h: u32) -> Vec<u8> {
    riff_chunk(
        b"VP8X",
        &[&[0x10 | 0x08 | 0x04, 0, 0, 0][..], &(w - 1).to_le_bytes()[..3], &(h - 1).to_le_bytes()[..3]].concat(),
    )
}

/// A lossless bitstream whose header declares `w` × `h`.
fn vp8l(w: u32, h: u32) -> Vec<u8> {
    let bits = (w - 1) | ((h - 1) << 14) | (1 << 28);
    riff_chunk(b"VP8L", &[&[0x2f][..], &bits.to_le_bytes(), &VP8L_1X1[5..]].concat())
}

fn webp_metadata() -> [Vec<u8>; 3] {
    [
        riff_chunk(b"EXIF", b"MM\0\x2a\0\0\0\x08 GPS -0.0270,110.9390"),
        riff_chunk(b"XMP ", b"<x:xmpmeta><dc:creator>Siti Rahayu</dc:creator></x:xmpmeta>"),
        riff_chunk(b"prVt", SECRET),
    ]
}

#[tokio::test]
async fn webp_and_jpeg_pixel_bombs_with_metadata_are_refused() {
    let app = spawn().await;
    let [exif, xmp, private] = webp_metadata();

    // WebP: a 16384 × 16384 canvas and picture (268 MP), or a huge canvas alone.
    refused(&app, webp(&[vp8x(16384, 16384), private.clone(), vp8l(16384, 16384), exif.clone(), xmp.clone()]), "WebP")
        .await;
    refused(&app, webp(&[vp8l(16384, 16384), exif.clone()]), "simple WebP").await;
    refused(&app, webp(&[vp8x(30000, 30000), vp8l(1, 1), xmp.clone()]), "WebP canvas").await;
    refused(&app, webp(&[vp8x(1, 1), exif.clone(), xmp.clone()]), "WebP without a picture").await;

    // JPEG: a real picture with EXIF (GPS), XMP and a comment, its frame header claiming 30000 × 30000.
    let jpeg = jpeg_with_exif();
    let at = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).expect("SOF0");
    for (w, h) in [(30000u16, 30000u16), (65535, 65535), (16, 0)] {
        let mut bomb = jpeg.clone();
        bomb[at + 5..at + 7].copy_from_slice(&h.to_be_bytes());
        bomb[at + 7..at + 9].copy_from_slice(&w.to_be_bytes());
        refused(&app, bomb, &format!("JPEG {w}×{h}")).await;
    }
    assert_eq!(app.state.db.count(Table::Attachments).await.unwrap(), 0, "nothing recorded");

    // The same files at a real size are stored, without their metadata.
    let (_, stored_webp) =
        stored(&app, webp(&[vp8x(1, 1), private.clone(), vp8l(1, 1), exif, xmp, private]), "image/webp").await;
    assert_eq!(stored_webp, webp(&[riff_chunk(b"VP8X", &[0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), vp8l(1, 1)]));
    let (_, stored_jpeg) = stored(&app, jpeg, "image/jpeg").await;
    for needle in [&b"Exif"[..], b"GPS", b"xmpmeta", b"rumah pelapor"] {
        assert!(!contains(&stored_jpeg, needle), "{} left", String::from_utf8_lossy(needle));
    }
    assert_eq!(jpeg_decoder::Decoder::new(&stored_jpeg[..]).decode().unwrap().len(), 16 * 16 * 3);
}
