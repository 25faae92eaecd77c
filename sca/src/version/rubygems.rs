//! RubyGems versions, as `Gem::Version` compares them: `-` means `.pre.`, the string is
//! split into runs of digits and runs of letters, trailing zero segments of the numeric
//! part and of the pre-release part are dropped, then segments compare pairwise with
//! missing ones as 0; a letter segment (pre-release) sorts before any number.

use std::cmp::Ordering;

use super::VersionError;

/// One segment of a gem version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Num(u64),
    Str(String),
}

/// A parsed gem version (its canonical segments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GemVersion {
    pub segments: Vec<Seg>,
}

impl GemVersion {
    /// True when any segment is a letter run (`1.0.rc1`, `2.0.0-beta`).
    pub fn is_prerelease(&self) -> bool {
        self.segments.iter().any(|s| matches!(s, Seg::Str(_)))
    }
}

impl Ord for GemVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let zero = Seg::Num(0);
        let n = self.segments.len().max(other.segments.len());
        for i in 0..n {
            let l = self.segments.get(i).unwrap_or(&zero);
            let r = other.segments.get(i).unwrap_or(&zero);
            let o = match (l, r) {
                (Seg::Num(a), Seg::Num(b)) => a.cmp(b),
                (Seg::Str(_), Seg::Num(_)) => Ordering::Less,
                (Seg::Num(_), Seg::Str(_)) => Ordering::Greater,
                (Seg::Str(a), Seg::Str(b)) => a.cmp(b),
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }
}

impl PartialOrd for GemVersion {
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

/// Parses with `Gem::Version::ANCHORED_VERSION_PATTERN`:
/// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
pub fn parse(s: &str) -> Result<GemVersion, VersionError> {
    let t = s.trim();
    if t.is_empty() {
        // Gem::Version.new("") is "0".
        return Ok(GemVersion {
            segments: Vec::new(),
        });
    }
    let (main, pre) = match t.split_once('-') {
        Some((m, p)) => (m, Some(p)),
        None => (t, None),
    };
    let mut parts = main.split('.');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(s, "a gem version starts with a number"));
    }
    for p in parts {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad(s, "segments are [0-9a-zA-Z] separated by dots"));
        }
    }
    if let Some(pre) = pre
        && (pre.is_empty()
            || pre.split('.').any(|p| {
                p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }))
    {
        return Err(bad(s, "invalid pre-release part after '-'"));
    }
    let expanded = t.replace('-', ".pre.");
    // scan(/[0-9]+|[a-z]+/i)
    let mut raw = Vec::new();
    let b = expanded.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &expanded[start..i];
            let trimmed = digits.trim_start_matches('0');
            let n = if trimmed.is_empty() {
                0
            } else {
                trimmed
                    .parse::<u64>()
                    .map_err(|_| bad(s, "number too large"))?
            };
            raw.push(Seg::Num(n));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            raw.push(Seg::Str(expanded[start..i].to_string()));
        } else {
            i += 1;
        }
    }
    // canonical_segments: drop trailing zeros of the numeric part and of the rest.
    let split = raw
        .iter()
        .position(|s| matches!(s, Seg::Str(_)))
        .unwrap_or(raw.len());
    let (nums, rest) = raw.split_at(split);
    let mut segments = Vec::with_capacity(raw.len());
    for part in [nums, rest] {
        let mut end = part.len();
        while end > 0 && part[end - 1] == Seg::Num(0) {
            end -= 1;
        }
        segments.extend_from_slice(&part[..end]);
    }
    Ok(GemVersion { segments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> GemVersion {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn rubygems_guide_ordering() {
        // From the RubyGems "Patterns" guide and Gem::Version docs:
        // 1.0.a < 1.0.b < 1.0 ; prerelease sorts before its release.
        let chain = [
            "1.0.a", "1.0.a2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "1.10",
        ];
        for w in chain.windows(2) {
            assert!(p(w[0]) < p(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn equal_forms() {
        // Gem::Version test suite: "1.0" == "1", "1.0.0" == "1", "1.8.2.a" == "1.8.2.a0"? no:
        assert_eq!(p("1.0"), p("1"));
        assert_eq!(p("1.0.0"), p("1"));
        assert_eq!(p("1.2.b1"), p("1.2.b.1"));
        assert_eq!(p("1.0-beta"), p("1.0.pre.beta"));
        assert_eq!(p("0001.2"), p("1.2"));
    }

    #[test]
    fn rubygems_test_suite_spaceship() {
        // test_spaceship from rubygems/test/rubygems/test_gem_version.rb
        assert!(p("1.0") > p("1.0.a"));
        assert!(p("1.8.2") > p("0.0.0"));
        assert!(p("1.8.2") > p("1.8.2.a"));
        assert!(p("1.8.2.b") > p("1.8.2.a"));
        assert!(p("1.8.2.a") < p("1.8.2"));
        assert!(p("1.8.2.a10") > p("1.8.2.a9"));
        assert_eq!(p("1.0.0.0"), p("1"));
        assert!(p("1.0.b1") < p("1.0.0"));
        assert!(p("5.a") < p("5.0.0.rc2"));
        assert!(p("5.x") > p("5.0.0.rc2"));
        assert!(p("1.9.3") > p("1.9.2.99"));
        assert!(p("1.9.3") < p("1.9.3.1"));
    }

    #[test]
    fn rc_gems() {
        assert!(p("4.0.0.rc.1") < p("4.0.0.rc.2"));
        assert!(p("4.0.0.rc.2") < p("4.0.0"));
        assert!(p("3.25.5") < p("4.0.0.rc.1"));
    }

    #[test]
    fn malformed() {
        for s in ["junk", "1.0\n2.0", "1..2", "1.0-", "a1", "1.0 2"] {
            assert!(parse(s).is_err(), "{s:?}");
        }
    }
}
