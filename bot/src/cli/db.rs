//! `vigil db update|status`: the offline OSV advisory database used by the SCA analyzer.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use vigil_parsers::lockfiles::Ecosystem;
use vigil_sca::db;

use super::EXIT_OK;
use crate::registry::data_dir;

/// Default mirror of the OSV per-ecosystem exports.
pub const DEFAULT_BASE_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// Arguments of `vigil db`.
#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
    /// Data directory (default: $VIGIL_DATA_DIR, else ~/.local/share/vigil).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// `vigil db` subcommands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download (or import) OSV advisories and swap the new index in atomically.
    Update {
        /// Import a local directory or zip of OSV JSON files instead of downloading.
        #[arg(long, value_name = "PATH")]
        from: Option<PathBuf>,
        /// Base URL of the OSV exports (`<base>/<Ecosystem>/all.zip`), for mirrors.
        #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
        base_url: String,
    },
    /// Print ecosystems, advisory counts and the database's age.
    Status,
}

/// Runs `vigil db …`.
pub fn run(args: DbArgs) -> Result<i32> {
    let dir = args.data_dir.unwrap_or_else(data_dir);
    match args.command {
        DbCommand::Update { from, base_url } => {
            let report = match from {
                Some(p) => db::update_from_path(&dir, &p)?,
                None => db::update_from_url(&dir, &base_url, &Ecosystem::ALL)?,
            };
            println!(
                "advisory database updated: {} records read, {} indexed, {} withdrawn skipped, {} unsupported, {} invalid ({:.1} s)",
                report.records_read,
                report.records_indexed,
                report.withdrawn,
                report.unsupported,
                report.invalid,
                report.elapsed_secs
            );
            for e in &report.errors {
                println!("  invalid: {e}");
            }
            if let Some(s) = db::status(&dir)? {
                println!("{s}");
            }
        }
        DbCommand::Status => match db::status(&dir)? {
            Some(s) => println!("{s}"),
            None => println!(
                "no advisory database in {} — run `vigil db update` (or `vigil db update --from PATH` offline)",
                dir.display()
            ),
        },
    }
    Ok(EXIT_OK)
}
