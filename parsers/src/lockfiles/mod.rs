//! Lockfiles and manifests → the packages they pin, with the line that declares each one.
//!
//! Shared contract between the parsers (here) and the SCA analyzer (`vigil-sca`): every
//! parser returns [`Package`]s; a file it cannot read is a [`LockfileError`] naming the
//! file and what is wrong, never a panic.

use serde::Serialize;

/// Package ecosystems, named exactly as OSV names them (`affected[].package.ecosystem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Ecosystem {
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "PyPI")]
    PyPI,
    #[serde(rename = "crates.io")]
    CratesIo,
    #[serde(rename = "Go")]
    Go,
    #[serde(rename = "RubyGems")]
    RubyGems,
    #[serde(rename = "Packagist")]
    Packagist,
    #[serde(rename = "Maven")]
    Maven,
}

impl Ecosystem {
    /// The OSV ecosystem name (also the folder name of the OSV export).
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Go => "Go",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Maven => "Maven",
        }
    }

    /// Every supported ecosystem.
    pub const ALL: [Ecosystem; 7] = [
        Ecosystem::Npm,
        Ecosystem::PyPI,
        Ecosystem::CratesIo,
        Ecosystem::Go,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
        Ecosystem::Maven,
    ];
}

/// Whether a package is needed at run time or only to develop/test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Runtime,
    Dev,
    /// The format does not say.
    Unknown,
}

/// One pinned package as a lockfile declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    pub ecosystem: Ecosystem,
    /// Name as the ecosystem spells it (`@scope/name`, `group:artifact`, module path…).
    pub name: String,
    /// Exact resolved version.
    pub version: String,
    /// Path of the lockfile relative to the scan root, `/`-separated.
    pub path: String,
    /// 1-based line where this package is declared (for pull-request annotations).
    pub line: u32,
    /// True when the project itself depends on it (not only through another package);
    /// `None` when the format cannot tell.
    pub direct: Option<bool>,
    pub scope: Scope,
}

/// A requirement that pins nothing (`flask>=2`): reported once as informational, not matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unpinned {
    pub ecosystem: Ecosystem,
    pub name: String,
    pub spec: String,
    pub path: String,
    pub line: u32,
}

/// What one lockfile yielded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub packages: Vec<Package>,
    pub unpinned: Vec<Unpinned>,
    /// Non-fatal notes (e.g. "package.json without a lockfile", "-r include not found").
    pub notes: Vec<String>,
}

/// A lockfile that could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct LockfileError {
    pub path: String,
    pub message: String,
}

/// Whether `rel_path` (its file name) is a lockfile or manifest this module parses.
pub fn is_lockfile(rel_path: &str) -> bool {
    let _ = rel_path;
    false // filled in by the lockfile parsers
}

/// Parses the lockfile at `rel_path` whose contents are `text`. `read_sibling` reads another
/// file by root-relative path (for `-r` includes, go.sum next to go.mod); it returns `None`
/// when the file does not exist or cannot be read.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let _ = (text, read_sibling);
    Err(LockfileError {
        path: rel_path.to_string(),
        message: "no parser for this file".into(),
    })
}

/// Notes for the whole tree, e.g. every `package.json` with no lockfile beside it.
pub fn tree_notes(files: &[String]) -> Vec<(String, String)> {
    let _ = files;
    Vec::new()
}
