//! PEP 440 versions (PyPI): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the
//! spelling variants the spec's normalisation section allows (`alpha`, `c`, `pre`,
//! `preview`, `rev`, `r`, `-N` implicit post, separators `.`, `-`, `_`, optional numbers).
//! Ordering follows the spec (and `packaging`): epoch, release (trailing zeros ignored),
//! then `.devN` < `aN` < `bN` < `rcN` < final < `.postN`, local versions after their public
//! version. Package names are normalised per PEP 503.

use std::cmp::Ordering;

use super::VersionError;

/// Pre-release phase, ordered a < b < rc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Alpha,
    Beta,
    Rc,
}

/// One local-version segment: numeric segments sort above alphanumeric ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Local {
    Str(String),
    Num(u64),
}

/// A parsed PEP 440 version; equality is the spec's (`1.0` == `1.0.0`).
#[derive(Debug, Clone)]
pub struct Pep440 {
    pub epoch: u64,
    pub release: Vec<u64>,
    pub pre: Option<(Phase, u64)>,
    pub post: Option<u64>,
    pub dev: Option<u64>,
    pub local: Vec<Local>,
}

/// Sort key positions; `Neg`/`Pos` are the spec's negative and positive infinity.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Bound<T> {
    Neg,
    Val(T),
    Pos,
}

impl Pep440 {
    fn release_trimmed(&self) -> &[u64] {
        let mut end = self.release.len();
        while end > 0 && self.release[end - 1] == 0 {
            end -= 1;
        }
        &self.release[..end]
    }

    fn pre_key(&self) -> Bound<(Phase, u64)> {
        match (self.pre, self.post, self.dev) {
            // 1.0.dev0 sorts before 1.0a0.
            (None, None, Some(_)) => Bound::Neg,
            (None, _, _) => Bound::Pos,
            (Some(p), _, _) => Bound::Val(p),
        }
    }

    fn post_key(&self) -> Bound<u64> {
        self.post.map_or(Bound::Neg, Bound::Val)
    }

    fn dev_key(&self) -> Bound<u64> {
        self.dev.map_or(Bound::Pos, Bound::Val)
    }

    /// True for dev and pre-releases (informational; matching does not filter on it).
    pub fn is_prerelease(&self) -> bool {
        self.pre.is_some() || self.dev.is_some()
    }
}

impl PartialEq for Pep440 {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Pep440 {}

impl Ord for Pep440 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| self.release_trimmed().cmp(other.release_trimmed()))
            .then_with(|| self.pre_key().cmp(&other.pre_key()))
            .then_with(|| self.post_key().cmp(&other.post_key()))
            .then_with(|| self.dev_key().cmp(&other.dev_key()))
            .then_with(|| self.local.cmp(&other.local))
    }
}

impl PartialOrd for Pep440 {
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

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn number(&mut self) -> Option<Result<u64, ()>> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        let digits = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        Some(digits.parse::<u64>().map_err(|_| ()))
    }
    fn eat_sep(&mut self) -> bool {
        if matches!(self.peek(), Some(b'.' | b'-' | b'_')) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, words: &[&str]) -> Option<usize> {
        // Longest first so `rc` is not read as `r`, `preview` not as `pre`.
        let mut best: Option<(usize, usize)> = None;
        for (k, w) in words.iter().enumerate() {
            if self.s[self.i..].starts_with(w.as_bytes())
                && best.is_none_or(|(_, len)| w.len() > len)
            {
                best = Some((k, w.len()));
            }
        }
        let (k, len) = best?;
        self.i += len;
        Some(k)
    }
}

/// Parses a PEP 440 version (case-insensitive, surrounding whitespace and a leading `v`
/// allowed, as the spec's normalisation rules say).
pub fn parse(s: &str) -> Result<Pep440, VersionError> {
    let lower = s.trim().to_ascii_lowercase();
    let body = lower.strip_prefix('v').unwrap_or(&lower);
    let (public, local_str) = match body.split_once('+') {
        Some((p, l)) => (p, Some(l)),
        None => (body, None),
    };
    let mut c = Cursor {
        s: public.as_bytes(),
        i: 0,
    };
    let too_big = || bad(s, "number too large");
    let first = match c.number() {
        Some(n) => n.map_err(|_| too_big())?,
        None => return Err(bad(s, "must start with a number")),
    };
    let mut epoch = 0;
    let mut release = vec![first];
    if c.peek() == Some(b'!') {
        c.i += 1;
        epoch = first;
        release.clear();
        match c.number() {
            Some(n) => release.push(n.map_err(|_| too_big())?),
            None => return Err(bad(s, "epoch must be followed by a release number")),
        }
    }
    while c.peek() == Some(b'.') && c.s.get(c.i + 1).is_some_and(|b| b.is_ascii_digit()) {
        c.i += 1;
        if let Some(n) = c.number() {
            release.push(n.map_err(|_| too_big())?);
        }
    }
    let mut pre = None;
    let mut post = None;
    let mut dev = None;
    // Pre-release.
    let save = c.i;
    c.eat_sep();
    let phases = ["a", "alpha", "b", "beta", "c", "rc", "pre", "preview"];
    if let Some(k) = c.eat_word(&phases) {
        let phase = match k {
            0 | 1 => Phase::Alpha,
            2 | 3 => Phase::Beta,
            _ => Phase::Rc,
        };
        let save_n = c.i;
        c.eat_sep();
        let n = match c.number() {
            Some(n) => n.map_err(|_| too_big())?,
            None => {
                c.i = save_n;
                0
            }
        };
        pre = Some((phase, n));
    } else {
        c.i = save;
    }
    // Post-release: `-N`, or [sep](post|rev|r)[sep][N].
    let save = c.i;
    if c.peek() == Some(b'-') && c.s.get(c.i + 1).is_some_and(|b| b.is_ascii_digit()) {
        c.i += 1;
        post = c.number().transpose().map_err(|_| too_big())?;
    } else {
        c.eat_sep();
        if c.eat_word(&["post", "rev", "r"]).is_some() {
            let save_n = c.i;
            c.eat_sep();
            post = Some(match c.number() {
                Some(n) => n.map_err(|_| too_big())?,
                None => {
                    c.i = save_n;
                    0
                }
            });
        } else {
            c.i = save;
        }
    }
    // Dev release.
    let save = c.i;
    c.eat_sep();
    if c.eat_word(&["dev"]).is_some() {
        let save_n = c.i;
        c.eat_sep();
        dev = Some(match c.number() {
            Some(n) => n.map_err(|_| too_big())?,
            None => {
                c.i = save_n;
                0
            }
        });
    } else {
        c.i = save;
    }
    if c.i != c.s.len() {
        return Err(bad(s, "unexpected text after the release segment"));
    }
    let mut local = Vec::new();
    if let Some(l) = local_str {
        for seg in l.split(['.', '-', '_']) {
            if seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(bad(
                    s,
                    "local version segments are [a-z0-9] separated by dots",
                ));
            }
            if seg.bytes().all(|b| b.is_ascii_digit()) {
                match seg.parse::<u64>() {
                    Ok(n) => local.push(Local::Num(n)),
                    Err(_) => return Err(too_big()),
                }
            } else {
                local.push(Local::Str(seg.to_string()));
            }
        }
    }
    Ok(Pep440 {
        epoch,
        release,
        pre,
        post,
        dev,
        local,
    })
}

/// PEP 503 name normalisation: lower-case, runs of `-`, `_`, `.` become one `-`.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_sep = false;
    for ch in name.trim().chars() {
        if matches!(ch, '-' | '_' | '.') {
            if !in_sep {
                out.push('-');
            }
            in_sep = true;
        } else {
            out.extend(ch.to_lowercase());
            in_sep = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pep440 {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn spec_summary_ordering() {
        // The ordering example from PEP 440 "Summary of permitted suffixes and relative ordering".
        let chain = [
            "1.dev0",
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1",
        ];
        for w in chain.windows(2) {
            assert!(p(w[0]) < p(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn epochs_override_release() {
        assert!(p("1!1.0") > p("2013.10"));
        assert!(p("2!0.1") > p("1!99"));
        assert_eq!(p("0!1.0"), p("1.0"));
    }

    #[test]
    fn normalisation_equivalences() {
        // PEP 440 "Normalization" section.
        let pairs = [
            ("1.0", "1.0.0"),
            ("1.1RC1", "1.1rc1"),
            ("1.1a", "1.1a0"),
            ("1.0alpha1", "1.0a1"),
            ("1.0beta2", "1.0b2"),
            ("1.0c1", "1.0rc1"),
            ("1.0pre1", "1.0rc1"),
            ("1.0preview1", "1.0rc1"),
            ("1.0-a.1", "1.0a1"),
            ("1.0_rc_2", "1.0rc2"),
            ("1.0-1", "1.0.post1"),
            ("1.0-r4", "1.0.post4"),
            ("1.0rev4", "1.0.post4"),
            ("1.0.post", "1.0.post0"),
            ("1.0-dev", "1.0.dev0"),
            ("v1.0", "1.0"),
            (" 1.0 ", "1.0"),
            ("1.0+ubuntu-1", "1.0+ubuntu.1"),
        ];
        for (a, b) in pairs {
            assert_eq!(p(a), p(b), "{a} == {b}");
        }
    }

    #[test]
    fn post_release_is_after_final_but_before_next() {
        assert!(p("2.7.post1") > p("2.7"));
        assert!(p("2.7.post1") < p("2.7.1"));
        assert!(p("1.4.2.post2") > p("1.4.2.post1"));
    }

    #[test]
    fn invalid_versions() {
        for s in [
            "",
            "abc",
            "1.0foo",
            "1.0+",
            "1.0+a..b",
            "1!",
            "1.0.post1.post2",
            "1.0+é",
        ] {
            assert!(parse(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn pep503_names() {
        assert_eq!(normalize_name("Mercurial"), "mercurial");
        assert_eq!(normalize_name("jw.util"), "jw-util");
        assert_eq!(normalize_name("Foo__Bar.-baz"), "foo-bar-baz");
        assert_eq!(normalize_name("zope.interface"), "zope-interface");
    }
}
