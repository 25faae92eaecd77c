//! vigil-sca: advisory store, version semantics, matching, CVSS and SBOM.

pub mod cvss;
pub mod matching;
pub mod osv;
pub mod version;
pub mod db;
