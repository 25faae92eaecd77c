//! `vigil scan`: the local scanner, and what CI systems call.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vigil_core::output::{Format, RenderOptions, render};
use vigil_core::{RepoConfig, ScanOptions, Severity};

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::registry;

/// When to colour text output.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Arguments of `vigil scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Directory or file to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format: text, json, sarif or csv.
    #[arg(long, short = 'f', default_value = "text", value_parser = parse_format)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when an active finding has at least this severity (overrides .vigil.yml).
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Also list findings suppressed by inline comments.
    #[arg(long)]
    pub show_suppressed: bool,
    /// Config file to use instead of PATH/.vigil.yml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Skip files larger than this (e.g. 1048576, 2MiB); overrides .vigil.yml.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Worker threads (default: one per CPU).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Colour text output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}
fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}
fn parse_size(s: &str) -> Result<u64, String> {
    vigil_core::config::parse_size(s)
}

fn load_config(args: &ScanArgs) -> Result<RepoConfig> {
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read config", path.display()))?;
            RepoConfig::parse(&text, &path.display().to_string())?
        }
        None if args.path.is_dir() => RepoConfig::load(&args.path)?,
        None => RepoConfig::default(),
    };
    if let Some(s) = args.fail_on {
        config.fail_on = s;
    }
    if let Some(n) = args.max_file_size {
        config.max_file_size = n;
    }
    Ok(config)
}

/// Runs the scan; returns the exit code (errors map to exit 2 in the caller).
pub fn run(args: ScanArgs) -> Result<i32> {
    let config = load_config(&args)?;
    let root_dir = if args.path.is_dir() {
        args.path.clone()
    } else {
        args.path.parent().map(PathBuf::from).unwrap_or_default()
    };
    let registry = registry::load(&root_dir, &config)?;
    for w in &registry.warnings {
        eprintln!("vigil: warning: {w}");
    }
    let analyzers = registry.analyzers;

    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{spinner} scanning: {pos} files read ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b
    });
    let progress = |n: u64| {
        if let Some(b) = &bar
            && n.is_multiple_of(64)
        {
            b.set_position(n);
        }
    };
    let opts = ScanOptions {
        threads: args.threads,
        progress: Some(&progress),
    };
    let report = vigil_core::scan(&args.path, &config, &analyzers, &opts)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let to_tty = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let render_opts = RenderOptions {
        show_suppressed: args.show_suppressed,
        color: color && args.format == Format::Text,
    };
    let body = render(&report, args.format, &render_opts);
    match &args.output {
        Some(path) => std::fs::write(path, &body)
            .with_context(|| format!("{}: cannot write report", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes())
                .context("writing report to stdout")?;
            out.flush().ok();
        }
    }
    let failing = report
        .active()
        .filter(|f| f.severity >= config.fail_on)
        .count();
    if args.format != Format::Text || args.output.is_some() {
        eprintln!(
            "vigil: {} files scanned, {} active findings ({} at or above {}).",
            report.summary.files_scanned,
            report.active().count(),
            failing,
            config.fail_on
        );
    }
    Ok(if failing > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
