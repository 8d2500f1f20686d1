//! Reference categories, and demo data for presentations (`--demo`): the
//! agencies of Sekadau and Sanggau, demo accounts (password `lapor-demo`)
//! and a dozen reports across every status.

mod reports;

use crate::db::{Db, NewUser, Table};
use anyhow::Context;
use std::collections::HashMap;

pub const DEMO_PASSWORD: &str = "lapor-demo";

const AGENCIES_CSV: &str = include_str!("../../data/agencies-demo.csv");

/// The categories ("bidang urusan"), in this order.
pub const CATEGORIES: [&str; 18] = [
    "Penanggulangan bencana",
    "Tenaga kerja",
    "Kesehatan masyarakat",
    "Dana desa",
    "Kepegawaian",
    "Pengelolaan air minum",
    "Listrik",
    "Infrastruktur jalan",
    "Pertanahan",
    "Pendidikan",
    "Administrasi kependudukan",
    "Bantuan sosial",
    "Perhubungan",
    "Lingkungan hidup",
    "Perizinan",
    "Pertanian",
    "Ketertiban umum",
    "Lainnya",
];

/// Inserts the category list into an empty table, in one transaction (a
/// first start killed halfway leaves no half list behind).
pub async fn ensure_categories(db: &Db) -> anyhow::Result<()> {
    db.insert_categories_if_empty(&CATEGORIES).await
}

/// A demo agency with its admin account.
pub(crate) struct DemoAgency {
    pub id: i64,
    pub name: String,
    pub user_id: i64,
}

/// Seeds demo data into an empty database; does nothing if reports, users
/// or agencies exist. All in one transaction: a first start killed while
/// seeding leaves nothing, and the next start seeds it all (rather than
/// finding some agencies and seeding nothing more).
pub async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    for t in [Table::Reports, Table::Users, Table::Agencies] {
        if db.count(t).await? > 0 {
            tracing::info!("demo data not seeded: the database already has data");
            return Ok(());
        }
    }
    ensure_categories(db).await?;
    let categories: HashMap<String, i64> = db.categories().await?.into_iter().map(|c| (c.name, c.id)).collect();
    let hash = tokio::task::spawn_blocking(|| crate::accounts::hash_password(DEMO_PASSWORD)).await??;
    let now = crate::now();

    let mut tx = db.begin_write().await?;
    let mut agencies = HashMap::new();
    for row in crate::csv::rows(AGENCIES_CSV) {
        let [regency, name, level, handles, admin, ..] = row.as_slice() else { continue };
        let region = match (regency.as_str(), level.as_str()) {
            ("", "provinsi") => "61",
            ("", _) => "",
            (r, _) => r,
        };
        let cats: Vec<i64> = handles.split(';').filter_map(|h| categories.get(h.trim()).copied()).collect();
        let id = Db::insert_agency_in(&mut tx, name, level, region, Some(admin), &cats).await?;
        let display = format!("Penghubung {name}");
        let liaison = NewUser { agency_id: Some(id), team_role: Some("liaison"), ..demo_user(admin, "agency_admin", &display, &hash) };
        let user_id = Db::insert_user_in(&mut tx, &liaison, now)
            .await?
            .with_context(|| format!("demo user {admin} exists twice"))?;
        agencies.insert(admin.clone(), DemoAgency { id, name: name.clone(), user_id });
    }
    let coordinator = NewUser { jurisdiction: Some("61"), ..demo_user("koordinator", "coordinator", "Admin Koordinator SP4N-LAPOR! Kalbar", &hash) };
    let coordinator = Db::insert_user_in(&mut tx, &coordinator, now).await?.context("demo user koordinator")?;
    // The regencies' own coordinators, each seeing its regency's reports only.
    for (username, name, code) in [("koordinator-sanggau", "Admin Koordinator Kabupaten Sanggau", "61.03"), ("koordinator-sekadau", "Admin Koordinator Kabupaten Sekadau", "61.09")] {
        Db::insert_user_in(&mut tx, &NewUser { jurisdiction: Some(code), ..demo_user(username, "coordinator", name, &hash) }, now).await?;
    }
    Db::insert_user_in(&mut tx, &NewUser { jurisdiction: Some("61"), ..demo_user("pengawas", "supervisor", "Pengawas Inspektorat Provinsi Kalbar", &hash) }, now).await?;
    Db::insert_user_in(&mut tx, &demo_user("superadmin", "superadmin", "Superadmin LAPOR!", &hash), now).await?;

    let n = reports::seed(db, &mut tx, &categories, &agencies, coordinator).await?;
    tx.commit().await?;
    tracing::info!(agencies = agencies.len(), reports = n, "demo data seeded");
    Ok(())
}

/// A demo account with the demo password's hash: national, in no agency.
fn demo_user<'a>(username: &'a str, role: &'a str, display_name: &'a str, password_hash: &'a str) -> NewUser<'a> {
    NewUser { username, password_hash, role, display_name, agency_id: None, jurisdiction: None, temporary: false, team_role: None }
}
