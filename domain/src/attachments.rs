//! Attachments: what may be attached, recognised by content (never by name).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

pub const MAX_ATTACHMENTS: usize = 5;
/// Photos are downscaled in the browser (about 1600 px JPEG), so this is generous.
pub const MAX_PHOTO_BYTES: u64 = 5 * 1024 * 1024;
pub const MAX_PDF_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_VIDEO_BYTES: u64 = 20 * 1024 * 1024;
/// The longest side of a photo after downscaling in the browser.
pub const PHOTO_MAX_SIDE: u32 = 1600;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Photo,
    Pdf,
    Video,
}

impl AttachmentKind {
    pub fn max_bytes(self) -> u64 {
        match self {
            AttachmentKind::Photo => MAX_PHOTO_BYTES,
            AttachmentKind::Pdf => MAX_PDF_BYTES,
            AttachmentKind::Video => MAX_VIDEO_BYTES,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Photo => "photo",
            AttachmentKind::Pdf => "pdf",
            AttachmentKind::Video => "video",
        }
    }
    pub fn parse(s: &str) -> Option<AttachmentKind> {
        [AttachmentKind::Photo, AttachmentKind::Pdf, AttachmentKind::Video].into_iter().find(|k| k.as_str() == s)
    }
}

/// A stored file. `id` is random, given by the server for each upload (it
/// reveals nothing about the content and works as a capability).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttachmentRef {
    pub id: String,
    pub kind: AttachmentKind,
    pub mime: String,
    pub size: u64,
}

/// `POST /api/v1/attachments` answers the stored file and a secret token:
/// a report attaches the file by id and token, once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UploadedAttachment {
    #[serde(flatten)]
    pub attachment: AttachmentRef,
    /// Shown once; only its hash is stored.
    pub token: String,
}

impl UploadedAttachment {
    pub fn claim(&self) -> crate::api::AttachmentClaim {
        crate::api::AttachmentClaim { id: self.attachment.id.clone(), token: self.token.clone() }
    }
}

/// Recognises a file by its first bytes: JPEG, PNG, WebP (photos), PDF,
/// MP4/3GP/MOV and WebM (videos). Anything else is refused.
pub fn sniff(head: &[u8]) -> Option<(AttachmentKind, &'static str)> {
    let starts = |magic: &[u8]| head.len() >= magic.len() && &head[..magic.len()] == magic;
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Some((AttachmentKind::Photo, "image/jpeg"))
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some((AttachmentKind::Photo, "image/png"))
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some((AttachmentKind::Photo, "image/webp"))
    } else if starts(b"%PDF-") {
        Some((AttachmentKind::Pdf, "application/pdf"))
    } else if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        if brand.starts_with(b"3g") {
            Some((AttachmentKind::Video, "video/3gpp"))
        } else if brand == b"qt  " {
            Some((AttachmentKind::Video, "video/quicktime"))
        } else {
            Some((AttachmentKind::Video, "video/mp4"))
        }
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some((AttachmentKind::Video, "video/webm"))
    } else {
        None
    }
}

/// Checks one file before upload (browser) and on arrival (server).
pub fn check_file(head: &[u8], size: u64) -> Result<(AttachmentKind, &'static str), crate::FieldIssue> {
    let (kind, mime) = sniff(head).ok_or(crate::FieldIssue::UnsupportedFile)?;
    if size == 0 {
        return Err(crate::FieldIssue::UnsupportedFile);
    }
    if size > kind.max_bytes() {
        return Err(crate::FieldIssue::FileTooLarge { max_mb: kind.max_bytes() / (1024 * 1024) });
    }
    Ok((kind, mime))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldIssue;

    #[test]
    fn files_are_recognised_by_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap().0, AttachmentKind::Photo);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....").unwrap().1, "image/png");
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap().0, AttachmentKind::Pdf);
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0").unwrap(), (AttachmentKind::Video, "video/mp4"));
        assert_eq!(sniff(b"\0\0\0\x18ftyp3gp4\0\0").unwrap().1, "video/3gpp");
        // A text file named foto.jpg is still text.
        assert_eq!(sniff(b"ini bukan foto"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(&[]), None);
    }

    #[test]
    fn sizes_are_limited_by_kind() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
        assert!(check_file(&jpeg, MAX_PHOTO_BYTES).is_ok());
        assert_eq!(check_file(&jpeg, MAX_PHOTO_BYTES + 1), Err(FieldIssue::FileTooLarge { max_mb: 5 }));
        assert_eq!(check_file(b"%PDF-1.4", 0), Err(FieldIssue::UnsupportedFile));
        assert_eq!(check_file(b"hello", 5), Err(FieldIssue::UnsupportedFile));
    }
}
