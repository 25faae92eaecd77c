//! Version ordering per ecosystem. Each ecosystem has its own module with tests taken from
//! its specification; [`Version`] wraps them so matching code can compare two versions of
//! the same ecosystem without knowing which one it is.

pub mod golang;
pub mod maven;
pub mod packagist;
pub mod pep440;
pub mod rubygems;
pub mod semver;

use std::cmp::Ordering;

use vigil_parsers::lockfiles::Ecosystem;

/// A version string that does not parse in its ecosystem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("version {version:?} is not valid: {reason}")]
pub struct VersionError {
    pub version: String,
    pub reason: String,
}

/// Which ordering to use: an ecosystem's own, or SemVer (OSV `SEMVER` ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    SemVer,
    Pep440,
    RubyGems,
    Go,
    Maven,
    Packagist,
}

impl Scheme {
    /// The ordering of an ecosystem's `ECOSYSTEM` ranges and its lockfile versions.
    pub fn of(eco: Ecosystem) -> Scheme {
        match eco {
            Ecosystem::Npm | Ecosystem::CratesIo => Scheme::SemVer,
            Ecosystem::PyPI => Scheme::Pep440,
            Ecosystem::RubyGems => Scheme::RubyGems,
            Ecosystem::Go => Scheme::Go,
            Ecosystem::Maven => Scheme::Maven,
            Ecosystem::Packagist => Scheme::Packagist,
        }
    }
}

/// A parsed version of some scheme; only versions of the same scheme compare.
#[derive(Debug, Clone)]
pub enum Version {
    SemVer(semver::SemVer),
    Pep440(pep440::Pep440),
    Gem(rubygems::GemVersion),
    Maven(maven::MavenVersion),
    Composer(packagist::ComposerVersion),
}

impl Version {
    /// Parses `s` with `scheme`'s rules.
    pub fn parse(scheme: Scheme, s: &str) -> Result<Version, VersionError> {
        if s.len() > 256 {
            return Err(VersionError {
                version: s.chars().take(40).collect::<String>() + "…",
                reason: "longer than 256 bytes".into(),
            });
        }
        Ok(match scheme {
            Scheme::SemVer => Version::SemVer(semver::parse(s)?),
            Scheme::Go => Version::SemVer(golang::parse(s)?),
            Scheme::Pep440 => Version::Pep440(pep440::parse(s)?),
            Scheme::RubyGems => Version::Gem(rubygems::parse(s)?),
            Scheme::Maven => Version::Maven(maven::parse(s)?),
            Scheme::Packagist => Version::Composer(packagist::parse(s)?),
        })
    }

    /// Orders two versions; `None` when they come from different schemes.
    pub fn compare(&self, other: &Version) -> Option<Ordering> {
        Some(match (self, other) {
            (Version::SemVer(a), Version::SemVer(b)) => a.cmp(b),
            (Version::Pep440(a), Version::Pep440(b)) => a.cmp(b),
            (Version::Gem(a), Version::Gem(b)) => a.cmp(b),
            (Version::Maven(a), Version::Maven(b)) => a.cmp(b),
            (Version::Composer(a), Version::Composer(b)) => a.cmp(b),
            _ => return None,
        })
    }
}

/// Compares two version strings in `scheme`; `None` if either does not parse.
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Option<Ordering> {
    let a = Version::parse(scheme, a).ok()?;
    let b = Version::parse(scheme, b).ok()?;
    a.compare(&b)
}

/// The key packages are indexed and looked up by: PyPI names per PEP 503, Packagist
/// names lower-case (Composer is case-insensitive), others exactly as written.
pub fn normalize_name(eco: Ecosystem, name: &str) -> String {
    match eco {
        Ecosystem::PyPI => pep440::normalize_name(name),
        Ecosystem::Packagist => name.trim().to_ascii_lowercase(),
        _ => name.trim().to_string(),
    }
}

/// Parses an OSV ecosystem name (`npm`, `PyPI`, …); `None` for ecosystems vigil does not
/// scan (and for qualified ones such as `Debian:12`).
pub fn ecosystem_from_osv(name: &str) -> Option<Ecosystem> {
    Ecosystem::ALL.into_iter().find(|e| e.osv_name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatch_and_garbage() {
        assert_eq!(
            compare(Scheme::of(Ecosystem::PyPI), "1.0", "1.0.0"),
            Some(Ordering::Equal)
        );
        assert_eq!(compare(Scheme::SemVer, "1.0.0", "not a version"), None);
        assert!(Version::parse(Scheme::Maven, &"9".repeat(1000)).is_err());
        let a = Version::parse(Scheme::SemVer, "1.0.0").unwrap();
        let b = Version::parse(Scheme::Pep440, "1.0.0").unwrap();
        assert_eq!(a.compare(&b), None);
    }

    /// Random strings through every scheme: no panic, and every order is antisymmetric
    /// and transitive on what parses.
    #[test]
    fn random_strings_never_panic_and_order_consistently() {
        let alphabet: Vec<char> = "0123456789..--++__!vVabcrpostdevalphabetarcSNAPSHOTé$ 1"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let schemes = [
            Scheme::SemVer,
            Scheme::Pep440,
            Scheme::RubyGems,
            Scheme::Go,
            Scheme::Maven,
            Scheme::Packagist,
        ];
        for scheme in schemes {
            let mut parsed = Vec::new();
            for _ in 0..3000 {
                let len = (next() % 14) as usize;
                let s: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                if let Ok(v) = Version::parse(scheme, &s) {
                    parsed.push(v);
                }
            }
            assert!(!parsed.is_empty(), "{scheme:?}: nothing parsed");
            for w in parsed.windows(3) {
                let ab = w[0].compare(&w[1]).unwrap();
                assert_eq!(
                    w[1].compare(&w[0]).unwrap(),
                    ab.reverse(),
                    "{scheme:?} {:?} {:?}",
                    w[0],
                    w[1]
                );
                let bc = w[1].compare(&w[2]).unwrap();
                if ab == bc && ab != Ordering::Equal {
                    assert_eq!(
                        w[0].compare(&w[2]).unwrap(),
                        ab,
                        "{scheme:?} transitivity {w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn names() {
        assert_eq!(normalize_name(Ecosystem::PyPI, "Jw.Util"), "jw-util");
        assert_eq!(
            normalize_name(Ecosystem::Packagist, "Symfony/HTTP-Kernel"),
            "symfony/http-kernel"
        );
        assert_eq!(
            normalize_name(Ecosystem::Npm, "@babel/traverse"),
            "@babel/traverse"
        );
        assert_eq!(ecosystem_from_osv("crates.io"), Some(Ecosystem::CratesIo));
        assert_eq!(ecosystem_from_osv("Debian:12"), None);
    }
}
