//! vigil-sca: software composition analysis. Lockfiles (parsed by `vigil-parsers`) are
//! matched offline against a local copy of the OSV advisory database with each
//! ecosystem's own version ordering; findings carry CVSS-based severity and the lowest
//! fixed version, and for PyPI and npm a reachability signal (imported by the
//! repository's own source? dev-only?). Also exports SBOMs (CycloneDX, SPDX).
//!
//! Entry points: [`ScaAnalyzer`] (the analyzer), [`db::update_from_url`] /
//! [`db::update_from_path`] (`vigil db update`), [`db::status`] (`vigil db status`),
//! [`sbom`] (`vigil sbom`).

pub mod analyzer;
pub mod cvss;
pub mod db;
pub mod matching;
pub mod osv;
pub mod reachability;
pub mod severity;
pub mod version;

pub use analyzer::{ScaAnalyzer, collect_packages};
pub use db::{AdvisoryDb, DbError, DbStatus, UpdateReport};
pub use sbom::{SbomFormat, SbomOptions};
/// Re-exported so callers name ecosystems without depending on vigil-parsers.
pub use vigil_parsers::lockfiles::Ecosystem;
pub mod sbom;
