//! `vigil serve`, `vigil worker` and `vigil status`: the bot's commands. Configuration
//! comes from `--config FILE` (TOML) plus environment overrides.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::EXIT_OK;
use crate::config::ServerConfig;

/// Arguments shared by the service commands.
#[derive(Debug, Args)]
pub struct ServiceArgs {
    /// TOML configuration file (environment variables override it).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VIGIL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn load(args: &ServiceArgs) -> Result<ServerConfig> {
    Ok(ServerConfig::load(args.config.as_deref())?)
}

/// Runs the HTTP server and workers until SIGINT/SIGTERM.
pub fn serve(args: ServiceArgs) -> Result<i32> {
    init_logging();
    let cfg = load(&args)?;
    tracing::info!(config = ?cfg, "starting vigil serve");
    runtime()?.block_on(crate::app::serve(cfg))?;
    Ok(EXIT_OK)
}

/// Runs workers only.
pub fn worker(args: ServiceArgs) -> Result<i32> {
    init_logging();
    let cfg = load(&args)?;
    tracing::info!(config = ?cfg, "starting vigil worker");
    runtime()?.block_on(crate::app::worker(cfg))?;
    Ok(EXIT_OK)
}

/// Prints each repository's scan status.
pub fn status(args: ServiceArgs) -> Result<i32> {
    let cfg = load(&args)?;
    let rows = runtime()?.block_on(crate::app::status(cfg))?;
    if rows.is_empty() {
        println!("no repositories yet");
    }
    for r in rows {
        let when = chrono::DateTime::from_timestamp_millis(r.updated_at)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        println!(
            "{:<8} {:<40} {:<22} {} {}",
            r.platform,
            r.repo,
            r.status,
            when,
            r.reason.unwrap_or_default()
        );
    }
    Ok(EXIT_OK)
}
