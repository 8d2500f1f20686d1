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
        Some(Command::CreateUser { username, role, agency_id, display_name }) => {
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
            let u = lapor_server::accounts::create_user(
                &db,
                &username,
                &role,
                agency_id,
                display_name.as_deref(),
                &password,
            )
            .await?;
            println!(
                "created user #{} {:?} role {} display name {:?}{}",
                u.id,
                u.username,
                u.role.as_str(),
                u.display_name,
                u.agency_id.map(|a| format!(" agency {a}")).unwrap_or_default()
            );
            Ok(())
        }
    }
}
