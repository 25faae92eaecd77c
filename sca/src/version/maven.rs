//! Maven versions, ordered as `org.apache.maven.artifact.versioning.ComparableVersion`:
//! items separated by `.` and `-` (a `-` opens a nested list), digit/letter transitions
//! split items, trailing "null" items (0, "", "ga", "final", "release") are dropped, and
//! qualifiers order `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final =
//! release < sp`, unknown qualifiers after those (lexically), numbers above qualifiers.
//! `a1`, `b1`, `m1` (a letter directly followed by a digit) mean alpha/beta/milestone.

use std::cmp::Ordering;

use super::VersionError;

/// An item of a parsed Maven version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Int(u128),
    /// A qualifier, already aliased (`cr` → `rc`, `ga`/`final`/`release` → empty).
    Str(String),
    List(Vec<Item>),
}

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const RELEASE_INDEX: &str = "5";

fn comparable_qualifier(q: &str) -> String {
    match QUALIFIERS.iter().position(|x| *x == q) {
        Some(i) => i.to_string(),
        None => format!("{}-{}", QUALIFIERS.len(), q),
    }
}

impl Item {
    fn is_null(&self) -> bool {
        match self {
            Item::Int(n) => *n == 0,
            Item::Str(s) => comparable_qualifier(s) == RELEASE_INDEX,
            Item::List(l) => l.is_empty(),
        }
    }

    fn string(value: &str, followed_by_digit: bool) -> Item {
        let v = if followed_by_digit && value.len() == 1 {
            match value {
                "a" => "alpha",
                "b" => "beta",
                "m" => "milestone",
                other => other,
            }
        } else {
            value
        };
        let v = match v {
            "ga" | "final" | "release" => "",
            "cr" => "rc",
            other => other,
        };
        Item::Str(v.to_string())
    }

    /// `self.compareTo(other)`; `None` is Java's `null` (a missing item).
    fn compare(&self, other: Option<&Item>) -> Ordering {
        match (self, other) {
            (Item::Int(n), None) => {
                if *n == 0 {
                    Ordering::Equal
                } else {
                    Ordering::Greater
                }
            }
            (Item::Int(a), Some(Item::Int(b))) => a.cmp(b),
            (Item::Int(_), Some(_)) => Ordering::Greater,
            (Item::Str(s), None) => comparable_qualifier(s).as_str().cmp(RELEASE_INDEX),
            (Item::Str(_), Some(Item::Int(_))) => Ordering::Less,
            (Item::Str(a), Some(Item::Str(b))) => {
                comparable_qualifier(a).cmp(&comparable_qualifier(b))
            }
            (Item::Str(_), Some(Item::List(_))) => Ordering::Less,
            (Item::List(l), None) => match l.first() {
                None => Ordering::Equal,
                Some(first) => first.compare(None),
            },
            (Item::List(_), Some(Item::Int(_))) => Ordering::Less,
            (Item::List(_), Some(Item::Str(_))) => Ordering::Greater,
            (Item::List(a), Some(Item::List(b))) => compare_lists(a, b),
        }
    }
}

fn compare_lists(a: &[Item], b: &[Item]) -> Ordering {
    let n = a.len().max(b.len());
    for i in 0..n {
        let r = match (a.get(i), b.get(i)) {
            (None, None) => Ordering::Equal,
            (None, Some(r)) => r.compare(None).reverse(),
            (Some(l), r) => l.compare(r),
        };
        if r != Ordering::Equal {
            return r;
        }
    }
    Ordering::Equal
}

/// A parsed Maven version.
#[derive(Debug, Clone)]
pub struct MavenVersion {
    pub items: Vec<Item>,
}

impl PartialEq for MavenVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for MavenVersion {}

impl Ord for MavenVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_lists(&self.items, &other.items)
    }
}

impl PartialOrd for MavenVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn normalize(list: &mut Vec<Item>) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if list[i].is_null() {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

fn parse_item(buf: &str, s: &str) -> Result<Item, VersionError> {
    if buf.bytes().all(|b| b.is_ascii_digit()) {
        let t = buf.trim_start_matches('0');
        if t.is_empty() {
            return Ok(Item::Int(0));
        }
        t.parse::<u128>().map(Item::Int).map_err(|_| VersionError {
            version: s.to_string(),
            reason: "numeric component too large".into(),
        })
    } else {
        Ok(Item::string(buf, false))
    }
}

const MAX_LEN: usize = 256;

/// Parses a Maven version. ComparableVersion accepts any string, but an unresolved
/// property (`${x}`) or a version range (`[1.0,2.0)`) is not an exact version and would
/// sort as a qualifier, so those are errors, as are empty and absurdly long strings (a
/// nesting-depth guard).
pub fn parse(s: &str) -> Result<MavenVersion, VersionError> {
    let v = s.trim().to_lowercase();
    if v.is_empty() || v.len() > MAX_LEN || v.chars().any(|c| c.is_whitespace()) {
        return Err(VersionError {
            version: s.to_string(),
            reason: "empty, too long or containing whitespace".into(),
        });
    }
    if v.contains(['$', '{', '}', '[', ']', '(', ')', ',']) {
        return Err(VersionError {
            version: s.to_string(),
            reason: "an unresolved property or a version range, not an exact version".into(),
        });
    }
    // Stack of lists being built; each `-` or digit/letter transition nests one deeper.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let chars: Vec<char> = v.chars().collect();
    let mut is_digit = false;
    let mut start = 0usize;
    let sub = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for (i, &c) in chars.iter().enumerate() {
        let top = stack.len() - 1;
        if c == '.' {
            if i == start {
                stack[top].push(Item::Int(0));
            } else {
                let item = parse_item(&sub(start, i), s)?;
                stack[top].push(item);
            }
            start = i + 1;
        } else if c == '-' {
            if i == start {
                stack[top].push(Item::Int(0));
            } else {
                let item = parse_item(&sub(start, i), s)?;
                stack[top].push(item);
            }
            start = i + 1;
            stack.push(Vec::new());
        } else if c.is_ascii_digit() {
            if !is_digit && i > start {
                stack[top].push(Item::string(&sub(start, i), true));
                start = i;
                stack.push(Vec::new());
            }
            is_digit = true;
        } else {
            if is_digit && i > start {
                let item = parse_item(&sub(start, i), s)?;
                stack[top].push(item);
                start = i;
                stack.push(Vec::new());
            }
            is_digit = false;
        }
    }
    if chars.len() > start {
        let top = stack.len() - 1;
        let item = parse_item(&sub(start, chars.len()), s)?;
        stack[top].push(item);
    }
    // Pop: normalise each nested list and attach it to its parent (Java adds the child
    // list to the parent when it is created; attaching at the end is equivalent because a
    // new list is always the parent's last item).
    while stack.len() > 1 {
        let mut child = stack.pop().unwrap_or_default();
        normalize(&mut child);
        if let Some(parent) = stack.last_mut() {
            parent.push(Item::List(child));
        }
    }
    let mut items = stack.pop().unwrap_or_default();
    normalize(&mut items);
    Ok(MavenVersion { items })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> MavenVersion {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn check_order(chain: &[&str]) {
        for (i, a) in chain.iter().enumerate() {
            for b in &chain[i + 1..] {
                assert!(p(a) < p(b), "{a} < {b}");
                assert!(p(b) > p(a), "{b} > {a}");
            }
        }
    }

    #[test]
    fn maven_test_versions_qualifier() {
        // ComparableVersionTest.VERSIONS_QUALIFIER (Maven 3.x).
        check_order(&[
            "1-alpha2snapshot",
            "1-alpha2",
            "1-alpha-123",
            "1-beta-2",
            "1-beta123",
            "1-m2",
            "1-m11",
            "1-rc",
            "1-cr2",
            "1-rc123",
            "1-SNAPSHOT",
            "1",
            "1-sp",
            "1-sp2",
            "1-sp123",
            "1-abc",
            "1-def",
            "1-pom-1",
            "1-1-snapshot",
            "1-1",
            "1-2",
            "1-123",
        ]);
    }

    #[test]
    fn maven_test_versions_number() {
        // ComparableVersionTest.VERSIONS_NUMBER.
        check_order(&[
            "2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b",
            "2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11",
            "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
        ]);
    }

    #[test]
    fn maven_test_versions_equal() {
        // ComparableVersionTest.testVersionsEqual (subset).
        let groups: &[&[&str]] = &[
            &[
                "1",
                "1.0",
                "1.0.0",
                "1-0",
                "1.0-0",
                "1-ga",
                "1-final",
                "1-release",
                "1.0-GA",
            ],
            &["1a", "1-a", "1.0-a"],
            &["1alpha", "1-alpha", "1.0-alpha", "1a0", "1-a0"],
            &["1b", "1-b", "1.0-b"],
            &["1beta", "1.0-beta", "1b0"],
            &["1m", "1-m", "1.0-m"],
            &["1milestone", "1.0-milestone", "1m0"],
            &["1rc", "1-rc", "1cr", "1-cr", "1.0-cr"],
            &["1x", "1-x", "1.0-x"],
            &["1-a1", "1-alpha-1"],
            &["1.0-SNAPSHOT", "1-snapshot", "1.0-snapshot"],
        ];
        for g in groups {
            for a in *g {
                for b in *g {
                    assert_eq!(p(a), p(b), "{a} == {b}");
                }
            }
        }
    }

    #[test]
    fn real_world() {
        assert!(p("2.0.0-alpha1") < p("2.0.0-beta1"));
        assert!(p("2.0.0-beta1") < p("2.0.0"));
        assert!(p("1.2.17") < p("2.0.0-alpha1"));
        assert!(p("4.1.0.Final") == p("4.1.0"));
        assert!(p("1.4.18") > p("1.4.17"));
    }

    #[test]
    fn bad_input() {
        assert!(parse("").is_err());
        assert!(parse(&"1.".repeat(500)).is_err());
        assert!(parse("1.0 beta").is_err());
        assert!(parse("${project.version}").is_err());
        assert!(parse("[1.0,2.0)").is_err());
        // Every other string is a Maven version (sorted as qualifiers).
        assert!(parse("whatever").is_ok());
    }
}
