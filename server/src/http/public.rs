//! The public read API: the list of public reports (search, filters,
//! counts, keyset pages) and one public report. Public means not
//! confidential and in a public status (`domain::public::is_public`); both
//! rules are part of every query (`crate::db` public functions).

use super::limits::{self, ClientAddr};
use super::views::overdue;
use crate::db::{Cursor, PublicFilter, PublicRow, RegionLevel, ReportRow};
use crate::error::{ApiQuery, Error, Result};
use crate::regions::Regions;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::IntoResponse;
use axum::Json;
use domain::api::{ApiErrorBody, TimelineEvent};
use domain::public::{PublicQuery, PublicReport, PublicReportPage, PublicReportSummary, MAX_QUERY_CHARS, PUBLIC_STATUSES};
use domain::{Date, FieldErrors, FieldIssue};

/// Public answers may be kept briefly by browsers and shared caches.
pub const PUBLIC_CACHE: &str = "public, max-age=30";

/// Longest excerpt of a body in the list (characters, before the ellipsis).
pub const EXCERPT_CHARS: usize = 200;

/// About the first `EXCERPT_CHARS` characters of `body`: whitespace
/// collapsed, cut at a word boundary when one is near, `…` when cut.
pub fn excerpt(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut = flat.char_indices().nth(EXCERPT_CHARS).map_or(flat.len(), |(i, _)| i);
    let head = &flat[..cut];
    // Back to the last space if it is not too far (a very long word is cut).
    let head = match head.rfind(' ') {
        Some(sp) if head[..sp].chars().count() >= EXCERPT_CHARS * 3 / 4 => &head[..sp],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ';'))
}

/// The region filter of a query: the narrowest of its codes (district,
/// regency, province, by field name), which must be a known region (422 on
/// its field otherwise).
pub fn region_filter(regions: &Regions, fields: [(&str, &Option<String>); 3], errs: &mut FieldErrors) -> Option<(RegionLevel, String)> {
    let (field, code) = fields.into_iter().find_map(|(f, c)| c.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(|c| (f, c)))?;
    match RegionLevel::of(code).filter(|_| regions.exists(code)) {
        Some(level) => Some((level, code.to_string())),
        None => {
            errs.add(field, FieldIssue::UnknownRegion);
            None
        }
    }
}

/// A page cursor (`after`) as given, or a 422 on it when this server did not make it.
pub fn cursor(after: Option<&str>, errs: &mut FieldErrors) -> Option<Cursor> {
    let a = after.map(str::trim).filter(|a| !a.is_empty())?;
    let c = Cursor::decode(a);
    if c.is_none() {
        errs.add("after", FieldIssue::InvalidCursor);
    }
    c
}

/// The database filter of a public query (status included), or 422 with
/// every bad field.
fn filter_of(st: &AppState, q: &PublicQuery) -> Result<(PublicFilter, Option<Cursor>)> {
    let mut errs = FieldErrors::default();
    let mut f = PublicFilter::default();
    if let Some(text) = q.words() {
        if text.chars().count() > MAX_QUERY_CHARS {
            errs.add("q", FieldIssue::TooLong { max: MAX_QUERY_CHARS });
        } else {
            f.words = crate::db::public_words(text);
        }
    }
    f.kind = q.kind;
    f.categories = q.category.into_iter().collect();
    f.region = region_filter(&st.regions, [("district", &q.district), ("regency", &q.regency), ("province", &q.province)], &mut errs);
    if let Some(s) = q.status {
        if PUBLIC_STATUSES.contains(&s) {
            f.statuses = vec![s];
        } else {
            errs.add("status", FieldIssue::NotPublicStatus);
        }
    }
    f.agency = q.agency;
    let after = cursor(q.after.as_deref(), &mut errs);
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    Ok((f, after))
}

fn summary(regions: &Regions, row: PublicRow, today: Date) -> PublicReportSummary {
    let region = |c: Option<&str>| c.filter(|c| !c.is_empty()).and_then(|c| regions.get(c));
    PublicReportSummary {
        excerpt: excerpt(&row.body),
        regency: region(Some(&row.regency_code)),
        district: region(row.district_code.as_deref()),
        overdue: overdue(row.status, row.due_date.as_deref(), today),
        tracking_number: row.tracking_number,
        kind: row.kind,
        title: row.title,
        category: row.category_name,
        agency: row.agency_name,
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        due_date: row.due_date,
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/public/reports",
    tag = "public",
    params(PublicQuery),
    responses(
        (status = 200, description = "One page of public reports (not confidential; dispatched, returned, responded \
                                      or closed), the cursor of the next page, and the counts by status of the same \
                                      filters without `status`", body = PublicReportPage),
        (status = 422, description = "`status` not a public one (`not_public_status`), `after` not a cursor of this \
                                      server (`invalid_cursor`), an unknown region code (`unknown_region`), `q` too \
                                      long, or a value of the wrong type", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, ApiQuery(q): ApiQuery<PublicQuery>) -> Result<impl IntoResponse> {
    let (filter, after) = filter_of(&st, &q)?;
    let today = crate::today();
    let (rows, next) = st.db.public_reports(&filter, q.sort.unwrap_or_default(), after, q.page_size(), 0).await?;
    let counts = st.db.public_counts(&filter, &today.to_string()).await?;
    let page = PublicReportPage {
        items: rows.into_iter().map(|r| summary(&st.regions, r, today)).collect(),
        next: next.map(Cursor::encode),
        counts,
    };
    Ok(([(CACHE_CONTROL, PUBLIC_CACHE)], Json(page)))
}

/// The one answer for a number that opens no public report: unknown,
/// confidential, or not (or no longer) in a public status.
pub fn public_not_found() -> Error {
    Error::NotFound("Laporan tidak ditemukan atau tidak terbuka untuk umum.".into())
}

/// A public report by a tracking number as typed (separators allowed): 422
/// when it is not a tracking number at all; otherwise the lookup counts as a
/// miss of this address until it finds a public report (429 after too many
/// misses, as for `/api/v1/track/{number}`), so the public pages cannot be
/// used to enumerate numbers.
pub async fn lookup(st: &AppState, client: &ClientAddr, number: &str) -> Result<ReportRow> {
    let number = super::reports::parse_number(number)?;
    limits::lookup(st, client, st.db.public_report(&number), public_not_found).await
}

#[utoipa::path(
    get,
    path = "/api/v1/public/reports/{number}",
    tag = "public",
    params(("number" = String, Path, description = "Tracking number, 12 digits, the last a check digit (spaces, dashes and dots allowed)", pattern = r"^(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})$", format = "tracking-number")),
    responses(
        (status = 200, description = "A public report without anything that identifies its reporter", body = PublicReport),
        (status = 404, description = "Unknown, confidential or not public (one answer for all)", body = ApiErrorBody),
        (status = 422, description = "Not a valid tracking number", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn detail(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(number): Path<String>,
) -> Result<impl IntoResponse> {
    let row = lookup(&st, &client, &number).await?;
    let today = crate::today();
    let calendar = st.calendar().await?;
    let timeline = st
        .db
        .public_events(row.id)
        .await?
        .into_iter()
        .map(|e| TimelineEvent {
            at: e.at,
            kind: e.kind,
            status: e.status,
            actor: e.actor_label,
            message: e.message,
            internal: false,
            // Files are not published: a follow-up's photos may show people.
            attachments: Vec::new(),
        })
        .collect();
    let report = super::views::public_report(&st.regions, &row, timeline, &calendar, today);
    Ok(([(CACHE_CONTROL, PUBLIC_CACHE)], Json(report)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_on_a_word_and_a_char_boundary() {
        assert_eq!(excerpt("  Jalan   rusak\n parah "), "Jalan rusak parah");
        let long = "Jalan berlubang ".repeat(30);
        let e = excerpt(&long);
        assert!(e.ends_with('…'), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert!(e.trim_end_matches('…').ends_with("Jalan") || e.trim_end_matches('…').ends_with("berlubang"), "{e}");
        // Multi-byte characters: never cut inside one.
        let wide = "é".repeat(500);
        assert_eq!(excerpt(&wide).chars().count(), EXCERPT_CHARS + 1);
    }
}
