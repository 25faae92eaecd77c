//! Command-line interface. Exit codes: 0 no active finding at or above `--fail-on`,
//! 1 at least one, 2 usage, configuration or I/O error (clap also uses 2 for usage).

mod db;
mod rules;
mod sbom;
mod scan;
mod serve;

use clap::{Parser, Subcommand};

/// vigil: find vulnerable code, vulnerable packages, IaC misconfigurations and leaked
/// secrets.
#[derive(Debug, Parser)]
#[command(name = "vigil", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a directory (or one file) and print the findings.
    Scan(scan::ScanArgs),
    /// Run every rule in DIR against the test file beside it (Semgrep test annotations).
    TestRules(rules::TestRulesArgs),
    /// Manage the offline OSV advisory database used for dependency scanning.
    Db(db::DbArgs),
    /// Write a software bill of materials (CycloneDX or SPDX JSON) from the lockfiles.
    Sbom(sbom::SbomArgs),
    /// Run the bot: webhook server plus workers (GitHub App).
    Serve(serve::ServiceArgs),
    /// Run workers only, sharing the queue of a `serve` process (PostgreSQL).
    Worker(serve::ServiceArgs),
    /// Print the scan status of every repository the bot knows.
    Status(serve::ServiceArgs),
}

/// Exit code: no active finding reaches the threshold.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one active finding reaches the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: i32 = 2;

/// Parses arguments, runs the command, returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::TestRules(args) => rules::run(args),
        Command::Db(args) => db::run(args),
        Command::Sbom(args) => sbom::run(args),
        Command::Serve(args) => serve::serve(args),
        Command::Worker(args) => serve::worker(args),
        Command::Status(args) => serve::status(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vigil: error: {e:#}");
            EXIT_ERROR
        }
    }
}
