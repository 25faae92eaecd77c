//! Packagist (Composer) versions: normalised as `Composer\Semver\VersionParser::normalize`
//! does (leading `v` dropped, numeric part padded to four components, stability suffixes
//! `alpha|a`, `beta|b`, `RC`, `patch|pl|p` expanded, `-dev`, build metadata `+…` dropped),
//! then ordered as PHP's `version_compare` orders the normalised strings:
//! `dev < alpha = a < beta = b < RC = rc < number < patch = pl = p`.

use std::cmp::Ordering;

use super::VersionError;

/// A normalised Composer version, split the way `version_compare` splits it.
#[derive(Debug, Clone)]
pub struct ComposerVersion {
    /// The normalised form, e.g. `1.2.3.0-beta1`.
    pub normalized: String,
    parts: Vec<String>,
}

impl PartialEq for ComposerVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for ComposerVersion {}

impl Ord for ComposerVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        php_compare_parts(&self.parts, &other.parts)
    }
}

impl PartialOrd for ComposerVersion {
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

fn expand_stability(s: &str) -> &'static str {
    match s {
        "a" | "alpha" => "alpha",
        "b" | "beta" => "beta",
        "p" | "pl" | "patch" => "patch",
        "rc" => "RC",
        _ => "stable",
    }
}

/// Composer's normalisation of a concrete version (not a constraint).
pub fn normalize(s: &str) -> Result<String, VersionError> {
    let mut v = s.trim().to_string();
    if v.is_empty() {
        return Err(bad(s, "empty version"));
    }
    if let Some((left, _)) = v.split_once(" as ") {
        v = left.trim().to_string();
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "master" | "trunk" | "default" | "dev-master" | "dev-trunk" | "dev-default"
    ) {
        return Ok("dev-master".into());
    }
    if lower.starts_with("dev-") {
        return Ok(format!("dev-{}", &v[4..]));
    }
    // Drop build metadata.
    if let Some((left, right)) = v.split_once('+')
        && !left.is_empty()
        && !right.is_empty()
        && !right.contains(char::is_whitespace)
    {
        v = left.to_string();
    }
    let lower = v.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'v'));
    // ^(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?
    let mut nums: Vec<String> = Vec::new();
    loop {
        if !nums.is_empty() {
            if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            } else {
                break;
            }
        }
        let start = i;
        while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            return Err(bad(s, "a version starts with a number"));
        }
        nums.push(lower[start..i].to_string());
        if nums.len() == 4 {
            break;
        }
    }
    let is_date = nums.len() == 1 && nums[0].len() >= 4 && nums[0].len() > 5;
    if nums[0].len() > 5 && !is_date {
        return Err(bad(s, "major version too long"));
    }
    while nums.len() < 4 && !is_date {
        nums.push("0".into());
    }
    let mut out = nums.join(".");
    // Modifier: [._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?
    let rest = &lower[i..];
    let rest_b = rest.as_bytes();
    let mut j = 0;
    if matches!(rest_b.first(), Some(b'.' | b'_' | b'-')) {
        j = 1;
    }
    let words = [
        "stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p",
    ];
    let mut matched_word: Option<&str> = None;
    for w in words {
        if rest[j..].starts_with(w) {
            // `b` must not win over `beta`, etc.: words are ordered longest-first per letter.
            matched_word = Some(w);
            break;
        }
    }
    let mut stability = String::new();
    if let Some(w) = matched_word {
        j += w.len();
        let mut digits = String::new();
        loop {
            let save = j;
            if matches!(rest_b.get(j), Some(b'.' | b'-')) {
                j += 1;
            }
            let start = j;
            while rest_b.get(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            if j == start {
                j = save;
                break;
            }
            digits.push_str(&rest[save..j]);
        }
        let digits = digits.trim_start_matches(['.', '-']);
        let st = expand_stability(w);
        if st != "stable" {
            stability = format!("-{st}{digits}");
        }
    }
    let save = j;
    if matches!(rest_b.get(j), Some(b'.' | b'-')) {
        j += 1;
    }
    let mut dev = false;
    if rest[j..].starts_with("dev") {
        j += 3;
        dev = true;
    } else {
        j = save;
    }
    if j != rest.len() {
        return Err(bad(s, "invalid version string"));
    }
    out.push_str(&stability);
    if dev {
        out.push_str("-dev");
    }
    Ok(out)
}

fn is_special(c: u8) -> bool {
    matches!(c, b'-' | b'_' | b'+')
}

/// PHP `php_canonicalize_version` followed by the split on `.`.
fn php_parts(v: &str) -> Vec<String> {
    let b = v.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(b.len() * 2);
    let Some(&first) = b.first() else {
        return Vec::new();
    };
    buf.push(first);
    let mut lp = first;
    let isdig = |c: u8| c.is_ascii_digit();
    let isndig = |c: u8| !c.is_ascii_digit() && c != b'.';
    for &c in &b[1..] {
        let last = *buf.last().unwrap_or(&b'.');
        if is_special(c) {
            if last != b'.' {
                buf.push(b'.');
            }
        } else if (isndig(lp) && isdig(c)) || (isdig(lp) && isndig(c)) {
            if last != b'.' {
                buf.push(b'.');
            }
            buf.push(c);
        } else if !c.is_ascii_alphanumeric() {
            if last != b'.' {
                buf.push(b'.');
            }
        } else {
            buf.push(c);
        }
        lp = c;
    }
    String::from_utf8_lossy(&buf)
        .split('.')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn special_order(form: &str) -> i32 {
    const FORMS: [(&str, i32); 10] = [
        ("dev", 0),
        ("alpha", 1),
        ("a", 1),
        ("beta", 2),
        ("b", 2),
        ("RC", 3),
        ("rc", 3),
        ("#", 4),
        ("pl", 5),
        ("p", 5),
    ];
    FORMS
        .iter()
        .find(|(name, _)| form.starts_with(name))
        .map_or(-1, |(_, o)| *o)
}

fn part_is_num(p: &str) -> bool {
    p.as_bytes().first().is_some_and(|c| c.is_ascii_digit())
}

fn php_num(p: &str) -> u128 {
    let digits: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(u128::MAX)
}

fn php_compare_parts(a: &[String], b: &[String]) -> Ordering {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        let (x, y) = (&a[i], &b[i]);
        let o = match (part_is_num(x), part_is_num(y)) {
            (true, true) => php_num(x).cmp(&php_num(y)),
            (false, false) => special_order(x).cmp(&special_order(y)),
            (true, false) => special_order("#N#").cmp(&special_order(y)),
            (false, true) => special_order(x).cmp(&special_order("#N#")),
        };
        if o != Ordering::Equal {
            return o;
        }
        i += 1;
    }
    if i < a.len() {
        if part_is_num(&a[i]) {
            Ordering::Greater
        } else {
            php_compare_parts(&a[i..], &["#N#".to_string()])
        }
    } else if i < b.len() {
        if part_is_num(&b[i]) {
            Ordering::Less
        } else {
            php_compare_parts(&["#N#".to_string()], &b[i..])
        }
    } else {
        Ordering::Equal
    }
}

/// Parses (normalises) a Composer version.
pub fn parse(s: &str) -> Result<ComposerVersion, VersionError> {
    let normalized = normalize(s)?;
    let parts = php_parts(&normalized);
    Ok(ComposerVersion { normalized, parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ComposerVersion {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn composer_normalize_cases() {
        // From Composer's VersionParserTest::successfulNormalizedVersions.
        let cases = [
            ("1.0.0", "1.0.0.0"),
            ("1.2.3.4", "1.2.3.4"),
            ("1.0.0RC1dev", "1.0.0.0-RC1-dev"),
            ("1.0.0-rC15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0-rc1", "1.0.0.0-RC1"),
            ("1.0.0.pl3-dev", "1.0.0.0-patch3-dev"),
            ("1.0-dev", "1.0.0.0-dev"),
            ("0", "0.0.0.0"),
            ("10.4.13-beta", "10.4.13.0-beta"),
            ("10.4.13beta2", "10.4.13.0-beta2"),
            ("10.4.13beta.2", "10.4.13.0-beta2"),
            ("10.4.13-b", "10.4.13.0-beta"),
            ("10.4.13-b5", "10.4.13.0-beta5"),
            ("v1.0.0", "1.0.0.0"),
            ("v20100102", "20100102"),
            ("1.0.0+foo@bar", "1.0.0.0"),
            ("1.0.0-alpha.3.1+foo/bar", "1.0.0.0-alpha3.1"),
            ("1.0.0-alpha2.1+foo/bar", "1.0.0.0-alpha2.1"),
            ("dev-master", "dev-master"),
            ("dev-feature-foo", "dev-feature-foo"),
            ("1.0.0-stable", "1.0.0.0"),
        ];
        for (input, want) in cases {
            let got = normalize(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn php_version_compare_order() {
        // PHP manual: dev < alpha = a < beta = b < RC = rc < # < pl = p.
        let chain = [
            "1.0.0-dev",
            "1.0.0-alpha1",
            "1.0.0-alpha2",
            "1.0.0-beta1",
            "1.0.0-RC1",
            "1.0.0",
            "1.0.0-p1",
            "1.0.1",
            "1.10.0",
        ];
        for w in chain.windows(2) {
            assert!(p(w[0]) < p(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(p("1.0.0-alpha3.1") < p("1.0.0-alpha3.2"));
        assert_eq!(p("v1.2.3"), p("1.2.3"));
        assert_eq!(p("1.2"), p("1.2.0.0"));
    }

    #[test]
    fn invalid() {
        for s in ["", "abc", "1.0.0-foo", "1.0.0 garbage", "123456.0"] {
            assert!(parse(s).is_err(), "{s:?}");
        }
    }
}
