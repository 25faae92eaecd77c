//! go.mod and go.sum.
//!
//! go.mod is authoritative: since Go 1.17 it lists every module the build needs, with
//! `// indirect` marking the transitive ones. `replace` directives are applied (a module
//! replaced by another module version reports the replacement; one replaced by a local
//! directory is not reported). go.sum is only read when no go.mod is beside it (it also
//! lists versions the build considered but does not use): each module with a source hash
//! is reported once, at its highest version, direct unknown. Versions drop the `v` prefix,
//! as OSV writes Go versions (`v1.2.3+incompatible` → `1.2.3+incompatible`). The Go
//! toolchain itself (`go` / `toolchain` directives) is not reported as a package.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::lines::to_line;
use super::manifest::sibling;
use super::{Ecosystem, LockfileError, Package, Parsed, Scope};

struct Require<'a> {
    path: &'a str,
    version: &'a str,
    indirect: bool,
    line: u32,
}

struct Replace<'a> {
    old: &'a str,
    old_version: Option<&'a str>,
    new: &'a str,
    new_version: Option<&'a str>,
}

fn unquote(token: &str) -> &str {
    token.trim_matches(|c| c == '"' || c == '`')
}

/// Parses go.mod.
pub fn parse_mod(rel_path: &str, text: &str) -> Result<Parsed, LockfileError> {
    let mut requires = Vec::new();
    let mut replaces = Vec::new();
    let mut block: Option<String> = None;
    for (idx, raw) in text.lines().enumerate() {
        let (code, comment) = match raw.find("//") {
            Some(i) => (&raw[..i], Some(raw[i + 2..].trim())),
            None => (raw, None),
        };
        let mut tokens: Vec<&str> = code.split_whitespace().collect();
        if tokens.is_empty() {
            continue;
        }
        let verb = match &block {
            Some(_) if tokens == [")"] => {
                block = None;
                continue;
            }
            Some(verb) => verb.clone(),
            None => {
                let verb = tokens.remove(0).to_string();
                if tokens == ["("] {
                    block = Some(verb);
                    continue;
                }
                verb
            }
        };
        let line = to_line(idx);
        match verb.as_str() {
            "require" => {
                if let [path, version] = tokens[..] {
                    requires.push(Require {
                        path: unquote(path),
                        version,
                        indirect: comment.is_some_and(|c| c.starts_with("indirect")),
                        line,
                    });
                } else {
                    return Err(super::error(
                        rel_path,
                        format!("line {line}: expected `require MODULE VERSION`"),
                    ));
                }
            }
            "replace" => {
                let Some(arrow) = tokens.iter().position(|t| *t == "=>") else {
                    return Err(super::error(
                        rel_path,
                        format!("line {line}: replace without `=>`"),
                    ));
                };
                let (old, new) = tokens.split_at(arrow);
                let new = &new[1..];
                if old.is_empty() || new.is_empty() {
                    return Err(super::error(
                        rel_path,
                        format!("line {line}: incomplete replace directive"),
                    ));
                }
                replaces.push(Replace {
                    old: unquote(old[0]),
                    old_version: old.get(1).copied(),
                    new: unquote(new[0]),
                    new_version: new.get(1).copied(),
                });
            }
            _ => {}
        }
    }
    let mut parsed = Parsed::default();
    for r in requires {
        let replacement = replaces
            .iter()
            .find(|p| p.old == r.path && p.old_version.is_none_or(|v| v == r.version));
        let (name, version) = match replacement {
            Some(Replace {
                new,
                new_version: Some(v),
                ..
            }) => (*new, *v),
            Some(Replace { new, .. }) => {
                parsed.notes.push(format!(
                    "{rel_path}:{}: {} is replaced by the local directory {new}, not checked",
                    r.line, r.path
                ));
                continue;
            }
            None => (r.path, r.version),
        };
        parsed.packages.push(Package {
            ecosystem: Ecosystem::Go,
            name: name.to_string(),
            version: strip_v(version).to_string(),
            path: rel_path.to_string(),
            line: r.line,
            direct: Some(!r.indirect),
            scope: Scope::Unknown,
        });
    }
    Ok(parsed)
}

fn strip_v(version: &str) -> &str {
    version.strip_prefix('v').unwrap_or(version)
}

/// Orders Go module versions (semantic versions; enough to pick the highest in go.sum).
fn compare(a: &str, b: &str) -> Ordering {
    fn split(v: &str) -> (Vec<u64>, Option<&str>) {
        let v = strip_v(v).split('+').next().unwrap_or("");
        let (core, pre) = match v.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (v, None),
        };
        (
            core.split('.').map(|n| n.parse().unwrap_or(0)).collect(),
            pre,
        )
    }
    let (ca, pa) = split(a);
    let (cb, pb) = split(b);
    ca.cmp(&cb).then_with(|| match (pa, pb) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            let mut xs = x.split('.');
            let mut ys = y.split('.');
            loop {
                match (xs.next(), ys.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(p), Some(q)) => {
                        let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                            (Ok(m), Ok(n)) => m.cmp(&n),
                            (Ok(_), Err(_)) => Ordering::Less,
                            (Err(_), Ok(_)) => Ordering::Greater,
                            _ => p.cmp(q),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                }
            }
        }
    })
}

/// Parses go.sum, unless a go.mod beside it is parsed instead.
pub fn parse_sum(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Parsed {
    let mut parsed = Parsed::default();
    if read_sibling(&sibling(rel_path, "go.mod")).is_some() {
        return parsed;
    }
    let mut best: HashMap<&str, (&str, u32)> = HashMap::new();
    let mut order = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let mut tokens = raw.split_whitespace();
        let (Some(module), Some(version)) = (tokens.next(), tokens.next()) else {
            continue;
        };
        if version.ends_with("/go.mod") {
            continue;
        }
        let line = to_line(idx);
        match best.get_mut(module) {
            Some(current) => {
                if compare(version, current.0) == Ordering::Greater {
                    *current = (version, line);
                }
            }
            None => {
                best.insert(module, (version, line));
                order.push(module);
            }
        }
    }
    for module in order {
        if let Some((version, line)) = best.get(module) {
            parsed.packages.push(Package {
                ecosystem: Ecosystem::Go,
                name: module.to_string(),
                version: strip_v(version).to_string(),
                path: rel_path.to_string(),
                line: *line,
                direct: None,
                scope: Scope::Unknown,
            });
        }
    }
    parsed.notes.push(
        "go.sum read without go.mod: the highest version of each module is reported, direct dependencies are unknown".to_string(),
    );
    parsed
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, parse_fixture};
    use super::*;

    #[test]
    fn go_mod_requires_and_replaces() {
        let parsed = parse_fixture("go/go.mod");
        let got: Vec<(&str, &str, u32, Option<bool>)> = parsed
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.direct))
            .collect();
        assert_eq!(
            got,
            [
                ("github.com/gin-gonic/gin", "1.9.0", 7, Some(true)),
                ("golang.org/x/net", "0.7.0", 10, Some(false)),
                (
                    "github.com/dgrijalva/jwt-go",
                    "3.2.0+incompatible",
                    11,
                    Some(true)
                ),
                ("gopkg.in/yaml.v2", "2.2.8", 13, Some(false)),
                ("github.com/new/lib", "1.2.3", 14, Some(true)),
                ("golang.org/x/text", "0.3.8", 16, Some(false)),
            ]
        );
        assert_eq!(
            parsed.notes,
            [
                "line 15: github.com/local/mod is replaced by the local directory ../mod, not checked"
            ]
        );
    }

    #[test]
    fn go_sum_beside_go_mod_is_skipped() {
        let parsed = parse_fixture("go/go.sum");
        assert!(parsed.packages.is_empty() && parsed.notes.is_empty());
    }

    #[test]
    fn go_sum_alone_keeps_highest_version() {
        let parsed = parse_fixture("go-sum-only/go.sum");
        assert_eq!(parsed.packages.len(), 2);
        let gin = find(&parsed, "github.com/gin-gonic/gin", "1.9.0");
        assert_eq!((gin.line, gin.direct), (3, None));
        let net = find(&parsed, "golang.org/x/net", "0.10.0-rc.1");
        assert_eq!(net.line, 8);
        assert_eq!(parsed.notes.len(), 1);
    }

    #[test]
    fn version_order() {
        assert_eq!(compare("v1.10.0", "v1.9.0"), Ordering::Greater);
        assert_eq!(compare("v1.0.0-rc.1", "v1.0.0"), Ordering::Less);
        assert_eq!(compare("v1.0.0-rc.2", "v1.0.0-rc.10"), Ordering::Less);
        assert_eq!(compare("v2.0.0+incompatible", "v2.0.0"), Ordering::Equal);
    }

    #[test]
    fn malformed_go_mod() {
        let err = parse_mod("go.mod", "module x\nrequire (\n  onlypath\n)\n").unwrap_err();
        assert!(err.message.contains("line 3"));
        let err = parse_mod("go.mod", "replace a b\n").unwrap_err();
        assert!(err.message.contains("=>"));
    }
}
