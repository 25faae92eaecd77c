//! Cargo.lock (v1 through v4).
//!
//! Packages without `source` are the workspace's own crates and path dependencies: they are
//! not published versions, so they are skipped, and their `dependencies` are the direct
//! ones. Registry and git sources are reported. Cargo.lock does not record dev-dependencies
//! apart from normal ones, so scope is unknown.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::lines::TomlBlocks;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, toml_error};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: Option<String>,
    source: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

/// Parses Cargo.lock.
pub fn parse(rel_path: &str, text: &str) -> Result<Parsed, LockfileError> {
    let lock: Lock =
        toml::from_str(text).map_err(|e| toml_error(rel_path, "Cargo.lock", text, &e))?;
    // `name`, `name version` or `name version (source)`.
    let mut direct_names: HashSet<&str> = HashSet::new();
    let mut direct_exact: HashSet<(&str, &str)> = HashSet::new();
    for p in lock.package.iter().filter(|p| p.source.is_none()) {
        for dep in &p.dependencies {
            let mut parts = dep.split_whitespace();
            let name = parts.next().unwrap_or("");
            match parts.next() {
                Some(version) => {
                    direct_exact.insert((name, version));
                }
                None => {
                    direct_names.insert(name);
                }
            }
        }
    }
    let mut blocks = TomlBlocks::scan(text, "package");
    let mut parsed = Parsed::default();
    let mut versions: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in lock.package.iter().filter(|p| p.source.is_some()) {
        if let Some(v) = &p.version {
            versions
                .entry(p.name.as_str())
                .or_default()
                .push(v.as_str());
        }
    }
    for p in lock.package.iter().filter(|p| p.source.is_some()) {
        let Some(version) = &p.version else { continue };
        for dep in &p.dependencies {
            let mut parts = dep.split_whitespace();
            let name = parts.next().unwrap_or("");
            let target = match (parts.next(), versions.get(name).map(Vec::as_slice)) {
                (Some(v), Some(vs)) if vs.contains(&v) => Some(v),
                (None, Some([only])) => Some(*only),
                _ => None,
            };
            if let Some(to_version) = target {
                parsed.edges.push(Edge {
                    from: PackageId::new(&p.name, version),
                    to: PackageId::new(name, to_version),
                });
            }
        }
    }
    for p in &lock.package {
        let line = blocks.take(&p.name).unwrap_or(1);
        if p.source.is_none() {
            continue;
        }
        let Some(version) = &p.version else {
            parsed
                .notes
                .push(format!("{rel_path}:{line}: {} has no version", p.name));
            continue;
        };
        let direct = direct_names.contains(p.name.as_str())
            || direct_exact.contains(&(p.name.as_str(), version.as_str()));
        parsed.packages.push(Package {
            ecosystem: Ecosystem::CratesIo,
            name: p.name.clone(),
            version: version.clone(),
            path: rel_path.to_string(),
            line,
            direct: Some(direct),
            scope: Scope::Unknown,
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, line_text, parse_fixture};
    use super::*;

    #[test]
    fn cargo_lock_workspace() {
        let rel = "cargo/Cargo.lock";
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 24);
        assert!(
            parsed
                .packages
                .iter()
                .all(|p| p.name != "app" && p.name != "util")
        );
        let time = find(&parsed, "time", "0.1.43");
        assert_eq!((time.direct, time.line), (Some(true), 159));
        assert_eq!(line_text(rel, time.line), "name = \"time\"");
        assert_eq!(find(&parsed, "tempfile", "3.1.0").direct, Some(true));
        assert_eq!(find(&parsed, "libc", "0.2.191").direct, Some(false));
        let wasi = find(&parsed, "wasi", "0.9.0+wasi-snapshot-preview1");
        assert_eq!(wasi.scope, Scope::Unknown);
        assert!(parsed.edges.contains(&Edge {
            from: PackageId::new("time", "0.1.43"),
            to: PackageId::new("libc", "0.2.191"),
        }));
        assert!(parsed.edges.iter().all(|e| e.from.name != "app"));
    }

    #[test]
    fn versioned_dependency_strings() {
        let text = "version = 3\n[[package]]\nname = \"me\"\nversion = \"0.1.0\"\ndependencies = [\"rand 0.8.5\"]\n\n[[package]]\nname = \"rand\"\nversion = \"0.7.3\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"rand\"\nversion = \"0.8.5\"\nsource = \"registry+x\"\n";
        let parsed = parse("Cargo.lock", text).unwrap();
        assert_eq!(find(&parsed, "rand", "0.7.3").direct, Some(false));
        assert_eq!(find(&parsed, "rand", "0.8.5").direct, Some(true));
        assert_eq!(find(&parsed, "rand", "0.8.5").line, 13);
    }

    #[test]
    fn missing_and_duplicate_versions_are_noted() {
        let text = "[[package]]\nname = \"a\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n";
        let parsed = super::super::parse("Cargo.lock", text, &|_| None).unwrap();
        assert_eq!(parsed.packages.len(), 1);
        assert_eq!(parsed.packages[0].line, 6);
        assert_eq!(
            parsed.notes,
            [
                "line 2: a has no version",
                "line 11: b 1.0.0 is already declared at line 6; the repeat is ignored"
            ]
        );
    }
}
