//! vigil-core: the finding model, repository config, file walking, the `scan`
//! orchestrator and the output formats. Analyzers depend on this crate (for [`Finding`] and
//! the [`Analyzer`] trait); the binary wires analyzers into [`scan`].

pub mod analyzer;
pub mod config;
pub mod finding;
pub mod output;
pub mod scan;
pub mod suppress;
pub mod walk;

pub use analyzer::{Analyzer, Diagnostic, Output, Project, SourceFile};
pub use config::{ConfigError, RepoConfig};
pub use finding::{
    Confidence, Finding, FindingType, Location, PackageInfo, Severity, Status, TraceStep,
};
pub use scan::{ScanError, ScanOptions, ScanReport, Summary, scan};
