//! The one interface every analyzer implements.
//!
//! The orchestrator reads each file once and hands the same bytes to every analyzer
//! (`analyze_file`, called in parallel); analyzers that need to see several files together
//! (Terraform modules, go.mod + go.sum) also get `analyze_project` once at the end with the
//! list of every file the walk accepted. An analyzer knows nothing about GitHub, output
//! formats or other analyzers, so adding one touches no other.

use std::path::{Path, PathBuf};

use crate::config::RepoConfig;
use crate::finding::Finding;

/// A file the walk accepted: text (or near-text), under the size limit, inside the root.
pub struct SourceFile<'a> {
    /// Path relative to the scan root, `/`-separated: what findings report.
    pub rel_path: &'a str,
    /// Absolute path on disk.
    pub abs_path: &'a Path,
    /// Contents as UTF-8 (invalid sequences replaced with U+FFFD; see `lossy`).
    pub text: &'a str,
    /// True when the bytes were not valid UTF-8 and `text` is a lossy decoding.
    pub lossy: bool,
}

/// Something an analyzer could not do with one file (a lockfile that is not JSON, a
/// template that is not YAML): reported in the summary; the scan goes on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub analyzer: String,
    pub path: String,
    pub message: String,
}

/// What an analyzer returns for one file or for the project pass.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// Counters the summary shows (e.g. `files with syntax errors`), summed across files.
    pub counters: Vec<(&'static str, u64)>,
}

impl Output {
    /// An output holding only findings.
    pub fn findings(findings: Vec<Finding>) -> Output {
        Output {
            findings,
            ..Output::default()
        }
    }
}

/// What the project pass sees: the root and every accepted file.
pub struct Project<'a> {
    pub root: &'a Path,
    /// Relative, `/`-separated paths of every accepted file, sorted.
    pub files: &'a [String],
    pub config: &'a RepoConfig,
}

impl Project<'_> {
    /// Absolute path of a relative path from `files`.
    pub fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

/// A scanner of one kind (secrets, SAST, SCA, IaC).
pub trait Analyzer: Send + Sync {
    /// Short stable name; also the `.vigil.yml` `analyzers:` switch that turns it off.
    fn name(&self) -> &'static str;

    /// Cheap test on the relative path: whether `analyze_file` wants this file at all.
    fn wants(&self, _rel_path: &str) -> bool {
        true
    }

    /// Findings in one file. Called from many threads at once.
    fn analyze_file(&self, _file: &SourceFile<'_>) -> Output {
        Output::default()
    }

    /// Findings that need several files together; called once after all files.
    fn analyze_project(&self, _project: &Project<'_>) -> Output {
        Output::default()
    }
}
