use anyhow::Context;
use clap::Parser;
use lapor_server::config::{Command, Config};
use std::io::BufRead;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let cfg = Config::parse();
    match run(cfg).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cfg: Config) -> anyhow::Result<()> {
    match cfg.command.clone() {
        None => lapor_server::serve(cfg).await,
        Some(Command::CreateUser { username, role, agency_id, jurisdiction, display_name }) => {
            let password = match std::env::var("LAPOR_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    eprintln!("Password (one line, at least {} characters):", lapor_server::accounts::PASSWORD_MIN);
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line).context("reading the password from stdin")?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let db = lapor_server::open_db(&cfg).await?;
            let account = lapor_server::accounts::NewAccount {
                username: &username,
                role: &role,
                agency_id,
                jurisdiction: jurisdiction.as_deref(),
                display_name: display_name.as_deref(),
            };
            let regions = lapor_server::regions::Regions::load();
            let u = lapor_server::accounts::create_user(&db, &regions, account, &password).await?;
            println!(
                "created user #{} {:?} role {} display name {:?}{}",
                u.id,
                u.username,
                u.role.as_str(),
                u.display_name,
                u.agency_id.map(|a| format!(" agency {a}")).unwrap_or_default()
                    + &u.jurisdiction.map(|j| format!(" jurisdiction {j}")).unwrap_or_default()
            );
            Ok(())
        }
        Some(Command::Backup { to }) => {
            let done = lapor_server::backup::backup(&cfg, &to)
                .await
                .with_context(|| format!("backup to {} failed", to.display()))?;
            println!("{done}");
            Ok(())
        }
        Some(Command::Restore { from, force }) => {
            let done = lapor_server::backup::restore(&cfg, &from, force)
                .await
                .with_context(|| format!("restore from {} failed", from.display()))?;
            println!("{done}");
            Ok(())
        }
        Some(Command::Generate { reports, days, seed }) => {
            let db = lapor_server::open_db(&cfg).await?;
            let opts = lapor_server::generate::Options { reports, days, seed };
            let started = std::time::Instant::now();
            let mut last = 0;
            let mut progress = |done: usize| {
                if done * 20 / reports.max(1) > last * 20 / reports.max(1) || done == reports {
                    eprintln!("{done} / {reports} reports ({:.0} s)", started.elapsed().as_secs_f64());
                }
                last = done;
            };
            let s = lapor_server::generate::generate(&db, &opts, &mut progress).await?;
            println!(
                "generated {} reports, {} events, {} audit entries; {} agencies and {} accounts added; {:.1} s",
                s.reports,
                s.events,
                s.audits,
                s.agencies_added,
                s.accounts_added,
                started.elapsed().as_secs_f64()
            );
            for (status, n) in &s.by_status {
                println!("  {status:<12} {n}");
            }
            Ok(())
        }
    }
}
