use domain::api::ApiErrorBody;
use domain::{FieldErrors, Lang};
use std::fmt;

/// Everything that can go wrong talking to the server, by what the user should do about it.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, connection dropped.
    Network(String),
    /// 422: problems by field, shown on the fields.
    Validation { message: String, fields: FieldErrors },
    /// 401: not signed in, or wrong credentials.
    Unauthorized(String),
    /// 403.
    Forbidden(String),
    /// 404.
    NotFound(String),
    /// 409: the report moved on meanwhile.
    Conflict(String),
    /// 429.
    RateLimited(String),
    /// 5xx and anything unexpected.
    Server(String),
    /// The answer was not what the client expected.
    Decode(String),
}

impl ApiError {
    pub fn from_status(status: u16, body: Option<ApiErrorBody>) -> ApiError {
        let message = body.as_ref().map(|b| b.message.clone()).unwrap_or_default();
        match status {
            422 => ApiError::Validation { message, fields: body.and_then(|b| b.fields).unwrap_or_default() },
            401 => ApiError::Unauthorized(message),
            403 => ApiError::Forbidden(message),
            404 => ApiError::NotFound(message),
            409 => ApiError::Conflict(message),
            429 => ApiError::RateLimited(message),
            _ => ApiError::Server(format!("{status} {message}")),
        }
    }

    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::Validation { fields, .. } => Some(fields),
            _ => None,
        }
    }

    /// The first thing the server said of `field`, in the user's language.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        self.fields().and_then(|f| f.get(field)).map(|x| x.message(lang))
    }

    /// The first thing the server said of any field, or else the error's sentence.
    pub fn first_message(&self, lang: Lang) -> String {
        self.fields().and_then(|f| f.0.values().next()?.first().map(|x| x.message(lang))).unwrap_or_else(|| self.message(lang))
    }

    /// A sentence for the user in their language. The server's own message
    /// (Indonesian) is used where it says more than the generic one.
    pub fn message(&self, lang: Lang) -> String {
        let own = |m: &String, id: &str, en: &str| -> String {
            if lang == Lang::Id && !m.is_empty() {
                m.clone()
            } else {
                lang.pick(id, en).to_string()
            }
        };
        match self {
            ApiError::Network(_) => lang
                .pick(
                    "Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi; isian Anda tidak hilang.",
                    "Cannot reach the server. Check your connection and try again; nothing you typed is lost.",
                )
                .to_string(),
            ApiError::Validation { message, .. } => {
                own(message, "Ada isian yang perlu diperbaiki.", "Some fields need correcting.")
            }
            ApiError::Unauthorized(m) => own(m, "Silakan masuk terlebih dahulu.", "Please sign in first."),
            ApiError::Forbidden(m) => own(m, "Anda tidak berwenang melakukan ini.", "You are not allowed to do this."),
            ApiError::NotFound(m) => own(m, "Tidak ditemukan.", "Not found."),
            ApiError::Conflict(m) => own(
                m,
                "Laporan ini sudah berubah. Muat ulang halaman.",
                "This report has changed meanwhile. Reload the page.",
            ),
            ApiError::RateLimited(m) => own(m, "Terlalu banyak permintaan. Tunggu sebentar.", "Too many requests. Wait a moment."),
            ApiError::Server(_) | ApiError::Decode(_) => lang
                .pick(
                    "Terjadi kesalahan di server. Coba lagi beberapa saat lagi.",
                    "Something went wrong on the server. Try again in a moment.",
                )
                .to_string(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Id))
    }
}

impl std::error::Error for ApiError {}
