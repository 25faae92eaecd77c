//! pnpm-lock.yaml, lockfile versions 5.x (`/name/1.0.0_peer`), 6.x (`/name@1.0.0(peer)`)
//! and 9.x (`name@1.0.0` in `packages:`, the dependency graph in `snapshots:`).
//!
//! Peer-dependency suffixes are stripped and the variants of one name@version merged (first
//! line kept). Direct = referenced by an importer (the project or a workspace package).
//! Scope: the `dev:` flag where v5/v6 write one, otherwise the graph walked from the
//! importers' dependencies (runtime) and devDependencies (dev). Non-registry entries
//! (tarball URLs, git, `link:`/`file:`) are skipped.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lines::yaml_section_keys;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, error};
use super::{graph, limits};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Lock {
    lockfile_version: Option<serde_norway::Value>,
    importers: Option<BTreeMap<String, Importer>>,
    #[serde(flatten)]
    root: Importer,
    #[serde(default)]
    packages: BTreeMap<String, Entry>,
    #[serde(default)]
    snapshots: BTreeMap<String, Entry>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Importer {
    dependencies: BTreeMap<String, DepRef>,
    optional_dependencies: BTreeMap<String, DepRef>,
    dev_dependencies: BTreeMap<String, DepRef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DepRef {
    Plain(String),
    Detailed { version: String },
    Other(serde::de::IgnoredAny),
}

impl DepRef {
    fn version(&self) -> Option<&str> {
        match self {
            DepRef::Plain(v) | DepRef::Detailed { version: v } => Some(v),
            DepRef::Other(_) => None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Entry {
    dev: Option<bool>,
    dependencies: BTreeMap<String, String>,
    optional_dependencies: BTreeMap<String, String>,
}

/// Which key syntax the file uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    V5,
    V6,
    V9,
}

/// Name and version of a package key, peer suffix removed; `None` for non-registry keys.
fn split_key(key: &str, syntax: Syntax) -> Option<(String, String)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    let (name, version) = if syntax == Syntax::V5 {
        let mut parts = key.splitn(3, '/');
        let first = parts.next()?;
        if first.starts_with('@') {
            let second = parts.next()?;
            (format!("{first}/{second}"), parts.next()?.to_string())
        } else {
            let rest = key.get(first.len() + 1..)?;
            (first.to_string(), rest.to_string())
        }
    } else {
        let key = key.split('(').next()?;
        let at = key.get(1..)?.rfind('@')? + 1;
        (key[..at].to_string(), key[at + 1..].to_string())
    };
    let version = version.split('_').next().unwrap_or("").to_string();
    (version.starts_with(|c: char| c.is_ascii_digit()) && !version.contains(['/', ':']))
        .then_some((name, version))
}

/// The graph node key a dependency reference points at.
fn node_key(name: &str, reference: &str, syntax: Syntax) -> Option<String> {
    if reference.starts_with("link:") || reference.starts_with("file:") {
        return None;
    }
    Some(match syntax {
        Syntax::V5 if reference.starts_with('/') => reference.to_string(),
        Syntax::V5 => format!("/{name}/{reference}"),
        Syntax::V6 if reference.starts_with('/') => reference.to_string(),
        Syntax::V6 => format!("/{name}@{reference}"),
        Syntax::V9 if reference.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{name}@{reference}")
        }
        Syntax::V9 => reference.to_string(),
    })
}

/// Parses pnpm-lock.yaml.
pub fn parse(rel_path: &str, text: &str) -> Result<Parsed, LockfileError> {
    if limits::yaml_flow_depth(text, limits::MAX_DEPTH) > limits::MAX_DEPTH {
        return Err(error(
            rel_path,
            format!("YAML nested deeper than {} levels", limits::MAX_DEPTH),
        ));
    }
    let lock: Lock = serde_norway::from_str(text)
        .map_err(|e| error(rel_path, format!("invalid pnpm-lock YAML: {e}")))?;
    let version = match &lock.lockfile_version {
        Some(serde_norway::Value::String(s)) => s.clone(),
        Some(serde_norway::Value::Number(n)) => n.to_string(),
        _ => return Err(error(rel_path, "missing lockfileVersion")),
    };
    let major: u32 = version
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| {
            error(
                rel_path,
                format!("unrecognised lockfileVersion {version:?}"),
            )
        })?;
    let syntax = match major {
        0..=5 => Syntax::V5,
        6..=8 => Syntax::V6,
        _ => Syntax::V9,
    };
    // Graph nodes: `snapshots` in v9, `packages` before.
    let nodes = if syntax == Syntax::V9 && !lock.snapshots.is_empty() {
        &lock.snapshots
    } else {
        &lock.packages
    };
    let keys: Vec<&str> = nodes.keys().map(String::as_str).collect();
    let index: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let resolve = |name: &str, reference: &str| {
        node_key(name, reference, syntax).and_then(|k| index.get(k.as_str()).copied())
    };
    let edges: Vec<Vec<usize>> = nodes
        .values()
        .map(|e| {
            e.dependencies
                .iter()
                .chain(&e.optional_dependencies)
                .filter_map(|(n, r)| resolve(n, r))
                .collect()
        })
        .collect();
    let mut runtime_roots = Vec::new();
    let mut dev_roots = Vec::new();
    let importers: Vec<&Importer> = match &lock.importers {
        Some(map) => map.values().collect(),
        None => vec![&lock.root],
    };
    for imp in importers {
        let roots = |deps: &BTreeMap<String, DepRef>| -> Vec<usize> {
            deps.iter()
                .filter_map(|(n, d)| d.version().and_then(|v| resolve(n, v)))
                .collect()
        };
        runtime_roots.extend(roots(&imp.dependencies));
        runtime_roots.extend(roots(&imp.optional_dependencies));
        dev_roots.extend(roots(&imp.dev_dependencies));
    }
    let scopes = graph::scopes(keys.len(), &edges, &runtime_roots, &dev_roots);
    let mut direct = vec![false; keys.len()];
    for r in runtime_roots.iter().chain(&dev_roots) {
        direct[*r] = true;
    }

    let ids: Vec<Option<PackageId>> = keys
        .iter()
        .map(|k| split_key(k, syntax).map(|(n, v)| PackageId::new(n, v)))
        .collect();
    let mut out_edges = Vec::new();
    for (i, targets) in edges.iter().enumerate() {
        for j in targets {
            if let (Some(from), Some(to)) = (&ids[i], &ids[*j]) {
                out_edges.push(Edge {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    let package_lines = yaml_section_keys(text, "packages");
    let snapshot_lines = yaml_section_keys(text, "snapshots");
    // Merge peer variants: (name, version) → package.
    let mut merged: BTreeMap<(String, String), Package> = BTreeMap::new();
    for (i, (key, entry)) in nodes.iter().enumerate() {
        let Some((name, version)) = split_key(key, syntax) else {
            continue;
        };
        let scope = match entry.dev {
            Some(true) => Scope::Dev,
            Some(false) => Scope::Runtime,
            None => scopes[i],
        };
        let line = if syntax == Syntax::V9 {
            package_lines
                .get(&format!("{name}@{version}"))
                .or_else(|| snapshot_lines.get(key))
        } else {
            package_lines.get(key)
        }
        .copied()
        .unwrap_or(1);
        let package = merged
            .entry((name.clone(), version.clone()))
            .or_insert_with(|| Package {
                ecosystem: Ecosystem::Npm,
                name,
                version,
                path: rel_path.to_string(),
                line,
                direct: Some(false),
                scope,
            });
        package.line = package.line.min(line);
        if direct[i] {
            package.direct = Some(true);
        }
        package.scope = match (package.scope, scope) {
            (Scope::Runtime, _) | (_, Scope::Runtime) => Scope::Runtime,
            (Scope::Dev, _) | (_, Scope::Dev) => Scope::Dev,
            _ => Scope::Unknown,
        };
    }
    Ok(Parsed {
        packages: merged.into_values().collect(),
        edges: out_edges,
        ..Parsed::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, line_text, parse_fixture};
    use super::*;

    fn check(rel: &str) -> Parsed {
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 18, "{:#?}", parsed.packages);
        let lodash = find(&parsed, "lodash", "4.17.15");
        assert_eq!((lodash.direct, lodash.scope), (Some(true), Scope::Runtime));
        let mkdirp = find(&parsed, "mkdirp", "0.5.1");
        assert_eq!((mkdirp.direct, mkdirp.scope), (Some(true), Scope::Dev));
        let old = find(&parsed, "minimist", "0.0.8");
        assert_eq!((old.direct, old.scope), (Some(false), Scope::Dev));
        let new = find(&parsed, "minimist", "1.2.8");
        assert_eq!((new.direct, new.scope), (Some(true), Scope::Runtime));
        let ms = find(&parsed, "ms", "2.0.0");
        assert_eq!((ms.direct, ms.scope), (Some(false), Scope::Runtime));
        let sw = find(&parsed, "string-width", "4.2.3");
        assert_eq!((sw.direct, sw.scope), (Some(true), Scope::Runtime));
        let rd = find(&parsed, "react-dom", "18.2.0");
        assert_eq!((rd.direct, rd.scope), (Some(true), Scope::Runtime));
        let types = find(&parsed, "@types/node", "18.0.0");
        assert_eq!(types.direct, Some(true));
        assert!(line_text(rel, types.line).contains("@types/node"));
        assert!(line_text(rel, lodash.line).contains("lodash"));
        assert!(line_text(rel, lodash.line).contains("4.17.15"));
        let edge = |a: &str, av: &str, b: &str, bv: &str| Edge {
            from: PackageId::new(a, av),
            to: PackageId::new(b, bv),
        };
        assert!(
            parsed
                .edges
                .contains(&edge("debug", "2.6.8", "ms", "2.0.0"))
        );
        assert!(
            parsed
                .edges
                .contains(&edge("react-dom", "18.2.0", "react", "18.2.0"))
        );
        assert!(
            parsed
                .edges
                .contains(&edge("string-width", "4.2.3", "strip-ansi", "6.0.1"))
        );
        parsed
    }

    #[test]
    fn v5() {
        let parsed = check("pnpm-v5/pnpm-lock.yaml");
        let rd = find(&parsed, "react-dom", "18.2.0");
        assert_eq!(
            line_text("pnpm-v5/pnpm-lock.yaml", rd.line),
            "/react-dom/18.2.0_react@18.2.0:"
        );
    }

    #[test]
    fn v6() {
        let parsed = check("pnpm-v6/pnpm-lock.yaml");
        let rd = find(&parsed, "react-dom", "18.2.0");
        assert_eq!(
            line_text("pnpm-v6/pnpm-lock.yaml", rd.line),
            "/react-dom@18.2.0(react@18.2.0):"
        );
    }

    #[test]
    fn v9() {
        let parsed = check("pnpm-v9/pnpm-lock.yaml");
        let rd = find(&parsed, "react-dom", "18.2.0");
        assert_eq!(
            line_text("pnpm-v9/pnpm-lock.yaml", rd.line),
            "react-dom@18.2.0:"
        );
    }

    #[test]
    fn keys() {
        assert_eq!(
            split_key("/@babel/core/7.0.0_@types+node@18.0.0", Syntax::V5),
            Some(("@babel/core".into(), "7.0.0".into()))
        );
        assert_eq!(
            split_key("/@babel/core@7.0.0(@types/node@18.0.0)", Syntax::V6),
            Some(("@babel/core".into(), "7.0.0".into()))
        );
        assert_eq!(
            split_key("@babel/core@7.0.0(react@18.0.0)(x@1.0.0)", Syntax::V9),
            Some(("@babel/core".into(), "7.0.0".into()))
        );
        assert_eq!(split_key("github.com/a/b/0123abc", Syntax::V5), None);
        assert_eq!(
            split_key("x@https://codeload.github.com/a/b/tar.gz/1", Syntax::V9),
            None
        );
    }

    #[test]
    fn workspace_importers() {
        let text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0\n  packages/web:\n    dependencies:\n      b:\n        specifier: ^2\n        version: 2.0.0\n      lib:\n        specifier: workspace:*\n        version: link:../lib\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\n  b@2.0.0:\n    resolution: {integrity: y}\n  c@3.0.0:\n    resolution: {integrity: z}\nsnapshots:\n  a@1.0.0:\n    dependencies:\n      c: 3.0.0\n  b@2.0.0: {}\n  c@3.0.0: {}\n";
        let parsed = parse("pnpm-lock.yaml", text).unwrap();
        let got: Vec<(&str, Option<bool>, Scope, u32)> = parsed
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.direct, p.scope, p.line))
            .collect();
        assert_eq!(
            got,
            [
                ("a", Some(true), Scope::Dev, 17),
                ("b", Some(true), Scope::Runtime, 19),
                ("c", Some(false), Scope::Dev, 21)
            ]
        );
    }

    #[test]
    fn bad_yaml_is_an_error_with_line() {
        let err = parse(
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\npackages:\n  a: [\n",
        )
        .unwrap_err();
        assert!(err.message.contains("line"), "{}", err.message);
        let err = parse("pnpm-lock.yaml", "packages: {}\n").unwrap_err();
        assert!(err.message.contains("lockfileVersion"));
    }
}
