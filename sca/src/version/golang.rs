//! Go module versions: SemVer with a mandatory leading `v` in go.mod (optional in OSV,
//! which writes `1.2.3`). `+incompatible` is build metadata and so ignored; pseudo-versions
//! (`v0.0.0-20220521103104-8f96da9f5d5e`, `v1.2.4-0.2022…`) are ordinary SemVer
//! pre-releases and order by their timestamp, exactly as the go command orders them.

use super::VersionError;
use super::semver::{self, SemVer};

/// Parses a Go module version (with or without the `v`).
pub fn parse(s: &str) -> Result<SemVer, VersionError> {
    let t = s.trim();
    let t = t.strip_prefix('v').unwrap_or(t);
    // The Go toolchain also uses `go1.21.3` style names for the standard library.
    let t = t.strip_prefix("go").unwrap_or(t);
    semver::parse(t)
}

/// True for a pseudo-version (`vX.Y.Z-[0.]yyyymmddhhmmss-abcdefabcdef`).
pub fn is_pseudo_version(s: &str) -> bool {
    let t = s.trim().trim_start_matches('v');
    let core = t.split('+').next().unwrap_or(t);
    let parts: Vec<&str> = core.rsplitn(3, '-').collect();
    if parts.len() < 3 {
        return false;
    }
    let rev = parts[0];
    let stamp = parts[1].rsplit('.').next().unwrap_or("");
    rev.len() == 12
        && rev.bytes().all(|b| b.is_ascii_hexdigit())
        && stamp.len() == 14
        && stamp.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> SemVer {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn leading_v_optional() {
        assert_eq!(p("v1.7.15"), p("1.7.15"));
        assert!(p("v1.9.0") > p("1.8.8"));
    }

    #[test]
    fn incompatible_is_build_metadata() {
        assert_eq!(p("v2.0.0+incompatible"), p("2.0.0"));
        assert!(p("v5.3.22+incompatible") < p("5.3.33"));
        assert!(p("v6.1.6+incompatible") > p("6.1.5"));
    }

    #[test]
    fn pseudo_versions_order_by_time_and_base() {
        // From "Go Modules Reference" §Pseudo-versions: vX.0.0-yyyymmddhhmmss-abcdef…
        // is below vX.0.0, vX.Y.(Z+1)-0.yyyy… is above vX.Y.Z and below vX.Y.(Z+1).
        let a = p("v0.0.0-20210107192922-496545a6307b");
        let b = p("v0.0.0-20220521103104-8f96da9f5d5e");
        assert!(a < b);
        assert!(b < p("v0.0.1"));
        let c = p("v1.2.4-0.20191109021931-daa7c04131f5");
        assert!(c > p("v1.2.3"));
        assert!(c < p("v1.2.4"));
        assert!(is_pseudo_version("v0.0.0-20220521103104-8f96da9f5d5e"));
        assert!(is_pseudo_version("v1.2.4-0.20191109021931-daa7c04131f5"));
        assert!(!is_pseudo_version("v1.2.4-rc.1"));
    }

    #[test]
    fn stdlib_names() {
        assert_eq!(p("go1.21.1"), p("1.21.1"));
    }

    #[test]
    fn garbage() {
        assert!(parse("vx.y").is_err());
        assert!(parse("").is_err());
    }
}
