//! `vigil sbom [PATH]`: a software bill of materials (CycloneDX or SPDX JSON) from every
//! lockfile in the tree, using the same parsers as the SCA analyzer.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use vigil_parsers::lockfiles::{self, Package};
use vigil_sca::sbom::{SbomFormat, SbomOptions, render};

use super::EXIT_OK;

/// Arguments of `vigil sbom`.
#[derive(Debug, Args)]
pub struct SbomArgs {
    /// Directory to inventory.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// cyclonedx (1.5), cyclonedx-1.6, or spdx (2.3).
    #[arg(long, short = 'f', default_value = "cyclonedx", value_parser = parse_format)]
    pub format: SbomFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<SbomFormat, String> {
    SbomFormat::parse(s)
        .ok_or_else(|| format!("unknown SBOM format `{s}` (cyclonedx, cyclonedx-1.6, spdx)"))
}

/// Reads `rel` under `root` without leaving it (repository content is hostile).
fn read_inside(root: &Path, rel: &str) -> Option<String> {
    let p = std::fs::canonicalize(root.join(rel)).ok()?;
    if !p.starts_with(root) {
        return None;
    }
    std::fs::read_to_string(p).ok()
}

/// Every package of every lockfile under `root`, with the lockfiles' dependency edges
/// recorded in `opts` (problems go to stderr; the rest goes on).
pub fn collect_packages(root: &Path, opts: &mut SbomOptions) -> Result<Vec<Package>> {
    let root = std::fs::canonicalize(root).with_context(|| root.display().to_string())?;
    let mut rels: Vec<String> = ignore::WalkBuilder::new(&root)
        .hidden(false)
        .require_git(false)
        .git_global(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| vigil_core::walk::relative(&root, e.path()))
        .filter(|rel| lockfiles::is_lockfile(rel))
        .collect();
    rels.sort();
    let mut packages = Vec::new();
    for rel in rels {
        let Some(text) = read_inside(&root, &rel) else {
            eprintln!("vigil: {rel}: unreadable");
            continue;
        };
        match lockfiles::parse(&rel, &text, &|p| read_inside(&root, p)) {
            Ok(parsed) => {
                if let Some(first) = parsed.packages.first() {
                    opts.add_edges(first.ecosystem, &parsed.edges);
                }
                packages.extend(parsed.packages);
            }
            Err(e) => eprintln!("vigil: {e}"),
        }
    }
    Ok(packages)
}

/// Runs `vigil sbom`.
pub fn run(args: SbomArgs) -> Result<i32> {
    let name = std::fs::canonicalize(&args.path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "project".into());
    let mut opts = SbomOptions::new(name);
    let packages = collect_packages(&args.path, &mut opts)?;
    let body = render(args.format, &packages, &opts);
    match &args.output {
        Some(p) => std::fs::write(p, &body)
            .with_context(|| format!("{}: cannot write SBOM", p.display()))?,
        None => println!("{body}"),
    }
    eprintln!("vigil: {} packages", packages.len());
    Ok(EXIT_OK)
}
