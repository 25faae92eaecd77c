//! vigil-sca: advisory store, version semantics, matching, CVSS and SBOM.

pub mod version;
