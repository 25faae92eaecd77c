//! poetry.lock (lock-version 1.x with `category`, 2.0 with neither, 2.1 with `groups`).
//!
//! Scope: `category = "dev"` or `groups` without `main` is dev. When the lock records
//! neither (lock 2.0), scope follows the dependency graph from the pyproject.toml beside
//! it. Direct = declared in that pyproject.toml (Poetry tables or PEP 621); unknown
//! without one. Names are PEP 503-normalised for the lookups, reported as the lock writes them.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lines::TomlBlocks;
use super::manifest::{self, pep503};
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, graph, toml_error};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: Option<String>,
    category: Option<String>,
    groups: Option<Vec<String>>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
    source: Option<Source>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// Parses poetry.lock.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let lock: Lock =
        toml::from_str(text).map_err(|e| toml_error(rel_path, "poetry.lock", text, &e))?;
    let direct = manifest::pyproject(rel_path, read_sibling);
    let by_name: HashMap<String, usize> = lock
        .package
        .iter()
        .enumerate()
        .map(|(i, p)| (pep503(&p.name), i))
        .collect();
    let edges: Vec<Vec<usize>> = lock
        .package
        .iter()
        .map(|p| {
            p.dependencies
                .keys()
                .filter_map(|d| by_name.get(&pep503(d)).copied())
                .collect()
        })
        .collect();
    let graph_scopes = match &direct {
        Some(d) => {
            let roots = |names: &BTreeMap<String, String>| -> Vec<usize> {
                names
                    .keys()
                    .filter_map(|n| by_name.get(n).copied())
                    .collect()
            };
            graph::scopes(
                lock.package.len(),
                &edges,
                &roots(&d.runtime),
                &roots(&d.dev),
            )
        }
        None => vec![Scope::Unknown; lock.package.len()],
    };
    let mut blocks = TomlBlocks::scan(text, "package");
    let mut parsed = Parsed::default();
    let id = |i: usize| {
        let p = &lock.package[i];
        p.version.as_ref().map(|v| PackageId::new(&p.name, v))
    };
    for (i, targets) in edges.iter().enumerate() {
        for j in targets {
            if let (Some(from), Some(to)) = (id(i), id(*j)) {
                parsed.edges.push(Edge { from, to });
            }
        }
    }
    for (i, p) in lock.package.iter().enumerate() {
        let line = blocks.take(&p.name).unwrap_or(1);
        let local = p
            .source
            .as_ref()
            .and_then(|s| s.kind.as_deref())
            .is_some_and(|k| matches!(k, "directory" | "file"));
        if local {
            continue;
        }
        let Some(version) = &p.version else {
            parsed
                .notes
                .push(format!("{rel_path}:{line}: {} has no version", p.name));
            continue;
        };
        let scope = match (&p.category, &p.groups) {
            (Some(c), _) if c == "dev" => Scope::Dev,
            (Some(_), _) => Scope::Runtime,
            (None, Some(g)) if g.iter().any(|g| g == "main") => Scope::Runtime,
            (None, Some(g)) if !g.is_empty() => Scope::Dev,
            _ => graph_scopes[i],
        };
        parsed.packages.push(Package {
            ecosystem: Ecosystem::PyPI,
            name: p.name.clone(),
            version: version.clone(),
            path: rel_path.to_string(),
            line,
            direct: direct.as_ref().map(|d| d.contains(&pep503(&p.name))),
            scope,
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, fixture, line_text, parse_fixture};
    use super::*;

    fn check(rel: &str) {
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 8);
        let req = find(&parsed, "requests", "2.25.0");
        assert_eq!((req.direct, req.scope), (Some(true), Scope::Runtime));
        assert_eq!(line_text(rel, req.line), "name = \"requests\"");
        let jinja = find(&parsed, "jinja2", "2.11.2");
        assert_eq!(jinja.direct, Some(true));
        let six = find(&parsed, "six", "1.15.0");
        assert_eq!((six.direct, six.scope), (Some(true), Scope::Dev));
        let idna = find(&parsed, "idna", "2.10");
        assert_eq!((idna.direct, idna.scope), (Some(false), Scope::Runtime));
        assert_eq!(line_text(rel, idna.line), "name = \"idna\"");
    }

    #[test]
    fn lock_1_1_with_category() {
        check("poetry-1.1/poetry.lock");
    }

    #[test]
    fn lock_2_1_with_groups() {
        check("poetry-2.1/poetry.lock");
    }

    #[test]
    fn lock_generated_by_poetry_2() {
        let rel = "poetry-real/poetry.lock";
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 8);
        let req = find(&parsed, "requests", "2.25.0");
        assert_eq!(
            (req.direct, req.scope, req.line),
            (Some(true), Scope::Runtime, 244)
        );
        let six = find(&parsed, "six", "1.17.0");
        assert_eq!((six.direct, six.scope), (Some(true), Scope::Dev));
        let urllib3 = find(&parsed, "urllib3", "1.26.20");
        assert_eq!(
            (urllib3.direct, urllib3.scope),
            (Some(false), Scope::Runtime)
        );
        assert_eq!(line_text(rel, urllib3.line), "name = \"urllib3\"");
        assert!(parsed.edges.contains(&Edge {
            from: PackageId::new("requests", "2.25.0"),
            to: PackageId::new("urllib3", "1.26.20"),
        }));
        assert!(parsed.edges.contains(&Edge {
            from: PackageId::new("jinja2", "2.11.2"),
            to: PackageId::new("markupsafe", "3.0.4"),
        }));
    }

    #[test]
    fn lock_2_0_scope_from_graph() {
        let text = fixture("poetry-2.1/poetry.lock")
            .replace("groups = [\"main\"]\n", "")
            .replace("groups = [\"dev\"]\n", "");
        let read = |p: &str| (p == "pyproject.toml").then(|| fixture("poetry-2.1/pyproject.toml"));
        let parsed = parse("poetry.lock", &text, &read).unwrap();
        assert_eq!(find(&parsed, "urllib3", "1.26.2").scope, Scope::Runtime);
        assert_eq!(find(&parsed, "markupsafe", "1.1.1").scope, Scope::Runtime);
        assert_eq!(find(&parsed, "six", "1.15.0").scope, Scope::Dev);
        let alone = parse("poetry.lock", &text, &|_| None).unwrap();
        assert_eq!(find(&alone, "six", "1.15.0").scope, Scope::Unknown);
        assert_eq!(find(&alone, "six", "1.15.0").direct, None);
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = parse(
            "a/poetry.lock",
            "[[package]]\nname = \"x\"\nversion = \n",
            &|_| None,
        )
        .unwrap_err();
        assert_eq!(err.path, "a/poetry.lock");
        assert!(err.message.contains("line 3"), "{}", err.message);
        let parsed = parse("poetry.lock", "[[package]]\nname = \"x\"\n", &|_| None).unwrap();
        assert_eq!(parsed.notes, ["poetry.lock:2: x has no version"]);
    }
}
