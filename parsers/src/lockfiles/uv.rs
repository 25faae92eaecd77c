//! uv.lock. The project's own packages (source `virtual`, `editable`, `directory`, `path`)
//! are not reported; their `dependencies` and `optional-dependencies` are the direct
//! runtime dependencies and their `dev-dependencies` groups the direct dev ones. Scope of
//! the rest follows the dependency graph from those roots.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lines::TomlBlocks;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, graph, toml_error};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Entry {
    name: String,
    version: Option<String>,
    #[serde(default)]
    source: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dependencies: Vec<Dep>,
    #[serde(default)]
    optional_dependencies: BTreeMap<String, Vec<Dep>>,
    #[serde(default)]
    dev_dependencies: BTreeMap<String, Vec<Dep>>,
}

#[derive(Deserialize)]
struct Dep {
    name: String,
    version: Option<String>,
}

/// Parses uv.lock.
pub fn parse(rel_path: &str, text: &str) -> Result<Parsed, LockfileError> {
    let lock: Lock = toml::from_str(text).map_err(|e| toml_error(rel_path, "uv.lock", text, &e))?;
    let local = |e: &Entry| {
        ["virtual", "editable", "directory", "path"]
            .iter()
            .any(|k| e.source.contains_key(*k))
    };
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in lock.package.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_default().push(i);
    }
    let resolve = |d: &Dep| -> Option<usize> {
        let candidates = by_name.get(d.name.as_str())?;
        match &d.version {
            Some(v) => candidates
                .iter()
                .copied()
                .find(|i| lock.package[*i].version.as_deref() == Some(v.as_str())),
            None => candidates.first().copied(),
        }
    };
    let n = lock.package.len();
    let mut edges = vec![Vec::new(); n];
    let mut runtime = Vec::new();
    let mut dev = Vec::new();
    for (i, p) in lock.package.iter().enumerate() {
        let deps = p
            .dependencies
            .iter()
            .chain(p.optional_dependencies.values().flatten())
            .filter_map(resolve);
        if local(p) {
            runtime.extend(deps);
            dev.extend(p.dev_dependencies.values().flatten().filter_map(resolve));
        } else {
            edges[i] = deps.collect();
        }
    }
    let scopes = graph::scopes(n, &edges, &runtime, &dev);
    let mut direct = vec![false; n];
    for r in runtime.iter().chain(&dev) {
        direct[*r] = true;
    }
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
        if local(p) {
            continue;
        }
        let Some(version) = &p.version else {
            parsed
                .notes
                .push(format!("{rel_path}:{line}: {} has no version", p.name));
            continue;
        };
        parsed.packages.push(Package {
            ecosystem: Ecosystem::PyPI,
            name: p.name.clone(),
            version: version.clone(),
            path: rel_path.to_string(),
            line,
            direct: Some(direct[i]),
            scope: scopes[i],
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::Scope;
    use super::super::tests::{find, line_text, parse_fixture};
    use super::*;

    #[test]
    fn uv_lock() {
        let rel = "uv/uv.lock";
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 8);
        assert!(parsed.packages.iter().all(|p| p.name != "demo"));
        let req = find(&parsed, "requests", "2.25.0");
        assert_eq!(
            (req.direct, req.scope, req.line),
            (Some(true), Scope::Runtime, 226)
        );
        assert_eq!(line_text(rel, req.line), "name = \"requests\"");
        let six = find(&parsed, "six", "1.15.0");
        assert_eq!((six.direct, six.scope), (Some(true), Scope::Dev));
        let ms = find(&parsed, "markupsafe", "3.0.4");
        assert_eq!((ms.direct, ms.scope), (Some(false), Scope::Runtime));
        assert!(parsed.edges.contains(&Edge {
            from: PackageId::new("requests", "2.25.0"),
            to: PackageId::new("idna", "2.10"),
        }));
        assert!(parsed.edges.iter().all(|e| e.from.name != "demo"));
    }

    #[test]
    fn bad_uv_lock() {
        let err = parse("uv.lock", "version = 1\n[[package]]\nversion = \"1\"\n").unwrap_err();
        assert!(err.message.contains("name"), "{}", err.message);
    }
}
