//! SemVer 2.0.0 (<https://semver.org>): npm, crates.io, OSV `SEMVER` ranges and (after the
//! leading `v`) Go modules.
//!
//! Precedence: major, minor, patch numerically; a version with a pre-release is lower than
//! the same version without; pre-release identifiers compare numerically when both are
//! numeric, numeric ones are lower than alphanumeric ones, and a longer list wins when all
//! preceding identifiers are equal. Build metadata (`+…`) is ignored.

use std::cmp::Ordering;

use super::VersionError;

/// One dot-separated pre-release identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ident {
    Num(u64),
    Alpha(String),
}

impl Ord for Ident {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Ident::Num(a), Ident::Num(b)) => a.cmp(b),
            (Ident::Num(_), Ident::Alpha(_)) => Ordering::Less,
            (Ident::Alpha(_), Ident::Num(_)) => Ordering::Greater,
            (Ident::Alpha(a), Ident::Alpha(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Ident {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A parsed SemVer version; equality and order follow precedence (build ignored).
#[derive(Debug, Clone)]
pub struct SemVer {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Vec<Ident>,
}

impl PartialEq for SemVer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for SemVer {}

impl Ord for SemVer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.pre.cmp(&other.pre),
            })
    }
}

impl PartialOrd for SemVer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn bad(s: &str, why: &str) -> VersionError {
    VersionError {
        version: s.to_string(),
        reason: why.to_string(),
    }
}

fn number(part: &str, whole: &str) -> Result<u64, VersionError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(whole, "version core must be numeric MAJOR.MINOR.PATCH"));
    }
    part.parse::<u64>()
        .map_err(|_| bad(whole, "numeric component too large"))
}

/// Parses a SemVer version. Tolerates what real lockfiles and advisories contain: a leading
/// `v` or `=`, surrounding whitespace, and a missing minor or patch (`1.2` = `1.2.0`).
pub fn parse(s: &str) -> Result<SemVer, VersionError> {
    let t = s.trim();
    let t = t.strip_prefix('=').unwrap_or(t).trim_start();
    let t = t
        .strip_prefix('v')
        .or_else(|| t.strip_prefix('V'))
        .unwrap_or(t);
    if t.is_empty() {
        return Err(bad(s, "empty version"));
    }
    let without_build = match t.split_once('+') {
        Some((v, build)) => {
            if build.is_empty() || build.split('.').any(|p| p.is_empty()) {
                return Err(bad(s, "empty build metadata identifier"));
            }
            v
        }
        None => t,
    };
    let (core, pre) = match without_build.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (without_build, None),
    };
    let mut nums = core.split('.');
    let major = number(nums.next().unwrap_or(""), s)?;
    let minor = nums.next().map(|p| number(p, s)).transpose()?.unwrap_or(0);
    let patch = nums.next().map(|p| number(p, s)).transpose()?.unwrap_or(0);
    if nums.next().is_some() {
        return Err(bad(s, "more than three numeric components"));
    }
    let mut idents = Vec::new();
    if let Some(pre) = pre {
        for id in pre.split('.') {
            if id.is_empty() {
                return Err(bad(s, "empty pre-release identifier"));
            }
            if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(bad(s, "pre-release identifiers are [0-9A-Za-z-] only"));
            }
            if id.bytes().all(|b| b.is_ascii_digit()) {
                match id.parse::<u64>() {
                    Ok(n) => idents.push(Ident::Num(n)),
                    Err(_) => idents.push(Ident::Alpha(id.to_string())),
                }
            } else {
                idents.push(Ident::Alpha(id.to_string()));
            }
        }
    }
    Ok(SemVer {
        major,
        minor,
        patch,
        pre: idents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> SemVer {
        parse(s).unwrap()
    }

    #[test]
    fn spec_precedence_example_11_4() {
        // The chain from SemVer 2.0.0 §11.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ];
        for w in chain.windows(2) {
            assert!(p(w[0]) < p(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn numeric_core_order() {
        // §11.2: 1.0.0 < 2.0.0 < 2.1.0 < 2.1.1
        assert!(p("1.0.0") < p("2.0.0"));
        assert!(p("2.0.0") < p("2.1.0"));
        assert!(p("2.1.0") < p("2.1.1"));
        assert!(p("1.9.0") < p("1.10.0"));
    }

    #[test]
    fn build_metadata_ignored() {
        assert_eq!(p("1.0.0+20130313144700"), p("1.0.0"));
        assert_eq!(p("1.0.0-beta+exp.sha.5114f85"), p("1.0.0-beta"));
        assert_eq!(p("2.0.0+incompatible"), p("2.0.0"));
    }

    #[test]
    fn lenient_forms() {
        assert_eq!(p("v1.2.3"), p("1.2.3"));
        assert_eq!(p("=1.2.3"), p("1.2.3"));
        assert_eq!(p("1.2"), p("1.2.0"));
        assert_eq!(p("0"), p("0.0.0"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for s in [
            "",
            "abc",
            "1.x.3",
            "1.2.3.4",
            "1.2.3-",
            "1.2.3-a..b",
            "1.2.3+",
            "-1",
            "1.2.3-é",
            "99999999999999999999999.0.0",
        ] {
            assert!(parse(s).is_err(), "{s:?} should not parse");
        }
    }

    #[test]
    fn huge_numeric_prerelease_does_not_panic() {
        let v = p("1.0.0-99999999999999999999999");
        assert!(v > p("1.0.0-1"));
    }
}
