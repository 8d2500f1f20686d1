//! Reference data: regions, categories, agencies; and the health check.

use crate::error::{ApiQuery, Error, Result};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::IntoResponse;
use axum::Json;
use domain::api::{Agency, AgencyLevel, ApiErrorBody, Category, RegionRef};
use domain::validation::region_is_under;
use serde::Deserialize;

const REGION_CACHE: &str = "public, max-age=86400";

#[utoipa::path(get, path = "/api/v1/health", tag = "meta", responses((status = 200, description = "{\"ok\":true}")))]
pub async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "ok": true }))
}

#[utoipa::path(get, path = "/api/v1/regions/provinces", tag = "meta", responses((status = 200, body = Vec<RegionRef>)))]
pub async fn provinces(State(st): State<AppState>) -> impl IntoResponse {
    ([(CACHE_CONTROL, REGION_CACHE)], Json(st.regions.provinces()))
}

#[utoipa::path(
    get,
    path = "/api/v1/regions/{code}/children",
    tag = "meta",
    params(("code" = String, Path, description = "A province, regency or district code, e.g. 61.09")),
    responses((status = 200, body = Vec<RegionRef>), (status = 404, body = ApiErrorBody))
)]
pub async fn children(State(st): State<AppState>, Path(code): Path<String>) -> Result<impl IntoResponse> {
    let list = st.regions.children(code.trim()).ok_or_else(|| Error::NotFound("Wilayah tidak dikenal.".into()))?;
    Ok(([(CACHE_CONTROL, REGION_CACHE)], Json(list)))
}

#[utoipa::path(get, path = "/api/v1/categories", tag = "meta", responses((status = 200, body = Vec<Category>)))]
pub async fn categories(State(st): State<AppState>) -> Result<Json<Vec<Category>>> {
    Ok(Json(st.db.categories().await?))
}

#[derive(Debug, Deserialize)]
pub struct AgencyQuery {
    pub region: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "meta",
    params(("region" = Option<String>, Query, description = "Only agencies of this region, its parents, and national ones")),
    responses(
        (status = 200, body = Vec<Agency>),
        (status = 422, description = "A query string that cannot be read (`region` given twice)", body = ApiErrorBody),
    )
)]
pub async fn agencies(State(st): State<AppState>, ApiQuery(q): ApiQuery<AgencyQuery>) -> Result<Json<Vec<Agency>>> {
    let region = q.region.as_deref().map(str::trim).filter(|r| !r.is_empty());
    Ok(Json(agency_list(&st, region).await?))
}

/// The agencies of `region` (those of its parents, and the national ones
/// too), or every agency.
pub(super) async fn agency_list(st: &AppState, region: Option<&str>) -> Result<Vec<Agency>> {
    Ok(st
        .db
        .agencies()
        .await?
        .into_iter()
        .filter(|a| a.active)
        .filter(|a| match region {
            None => true,
            Some(r) => a.region_code.is_empty() || a.region_code == r || region_is_under(r, &a.region_code),
        })
        .map(|a| Agency {
            region_name: st.regions.name(&a.region_code).unwrap_or_default().to_string(),
            level: AgencyLevel::parse(&a.level).unwrap_or(AgencyLevel::Kabupaten),
            id: a.id,
            name: a.name,
            region_code: a.region_code,
            category_ids: a.category_ids,
        })
        .collect())
}
