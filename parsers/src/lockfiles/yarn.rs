//! yarn.lock, classic (v1, its own format) and Berry (v2+, YAML with `__metadata`).
//!
//! Both share one shape, read here line by line: a header line at column 0 listing every
//! descriptor the entry satisfies (`"a@^1.0.0", "a@^1.1.0":` / `"a@npm:^1.0.0, a@npm:^1.1.0":`),
//! then two-space fields (`version "1.2.3"` / `version: 1.2.3`) and four-space
//! dependencies. Berry entries are named by their `resolution` (so aliases such as
//! `string-width-cjs@npm:string-width@^4` give the real package); entries whose resolution
//! protocol is not `npm:` (workspace, patch, link, portal, file, git) are skipped. Direct
//! and scope come from the package.json beside the lockfile: its dependencies are direct,
//! and scope follows the dependency graph from them; without one, Berry's workspace
//! entries still tell direct dependencies and scope is unknown.

use std::collections::HashMap;

use super::graph;
use super::lines::to_line;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, error, manifest};

#[derive(Default)]
struct Entry {
    line: u32,
    descriptors: Vec<String>,
    version: Option<String>,
    resolution: Option<String>,
    deps: Vec<(String, String)>,
}

/// Splits `name@range` at the `@` after a leading scope `@`.
fn split_descriptor(descriptor: &str) -> Option<(&str, &str)> {
    let at = descriptor.get(1..)?.find('@')? + 1;
    Some((&descriptor[..at], &descriptor[at + 1..]))
}

/// `key value` (classic) or `key: value` (Berry), quotes removed.
fn field(line: &str) -> (String, String) {
    let line = line.trim();
    let (key, rest) = if let Some(stripped) = line.strip_prefix('"') {
        match stripped.find('"') {
            Some(end) => (&stripped[..end], &stripped[end + 1..]),
            None => (stripped, ""),
        }
    } else {
        let end = line.find([' ', ':']).unwrap_or(line.len());
        (&line[..end], &line[end..])
    };
    let value = rest.trim_start();
    let value = value.strip_prefix(':').unwrap_or(value).trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    (key.to_string(), value.to_string())
}

fn read_entries(rel_path: &str, text: &str) -> Result<Vec<Entry>, LockfileError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_deps = false;
    for (idx, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_end();
        if trimmed.trim_start().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let indent = trimmed.len() - trimmed.trim_start().len();
        if indent == 0 {
            let Some(header) = trimmed.strip_suffix(':') else {
                return Err(error(
                    rel_path,
                    format!("line {}: expected an entry header ending in ':'", idx + 1),
                ));
            };
            in_deps = false;
            let descriptors = header
                .split(',')
                .map(|d| d.trim().trim_matches('"').to_string())
                .filter(|d| !d.is_empty())
                .collect();
            entries.push(Entry {
                line: to_line(idx),
                descriptors,
                ..Entry::default()
            });
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            return Err(error(
                rel_path,
                format!("line {}: indented line before any entry", idx + 1),
            ));
        };
        if indent <= 2 {
            let (key, value) = field(trimmed);
            in_deps =
                matches!(key.as_str(), "dependencies" | "optionalDependencies") && value.is_empty();
            match key.as_str() {
                "version" => entry.version = Some(value),
                "resolution" => entry.resolution = Some(value),
                _ => {}
            }
        } else if in_deps && indent <= 4 {
            entry.deps.push(field(trimmed));
        }
    }
    Ok(entries)
}

/// Parses yarn.lock (classic or Berry).
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let entries = read_entries(rel_path, text)?;
    let mut by_descriptor: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for d in &e.descriptors {
            by_descriptor.insert(d.as_str(), i);
        }
    }
    let lookup = |name: &str, range: &str| -> Option<usize> {
        by_descriptor
            .get(format!("{name}@{range}").as_str())
            .or_else(|| by_descriptor.get(format!("{name}@npm:{range}").as_str()))
            .copied()
    };
    let edges: Vec<Vec<usize>> = entries
        .iter()
        .map(|e| e.deps.iter().filter_map(|(n, r)| lookup(n, r)).collect())
        .collect();
    let root = manifest::npm(rel_path, read_sibling);
    let mut direct = vec![false; entries.len()];
    let scopes = match &root {
        Some(root) => {
            let resolve = |deps: &std::collections::BTreeMap<String, String>| -> Vec<usize> {
                deps.iter().filter_map(|(n, r)| lookup(n, r)).collect()
            };
            let runtime = resolve(&root.runtime);
            let dev = resolve(&root.dev);
            for i in runtime.iter().chain(&dev) {
                direct[*i] = true;
            }
            graph::scopes(entries.len(), &edges, &runtime, &dev)
        }
        None => vec![Scope::Unknown; entries.len()],
    };
    let mut parsed = Parsed::default();
    let mut workspace = false;
    let mut missing = 0usize;
    let mut packages: Vec<(usize, Package)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.descriptors.iter().any(|d| d == "__metadata") {
            continue;
        }
        let name = if let Some(resolution) = &e.resolution {
            // Berry: `name@protocol:reference`.
            let Some((name, reference)) = split_descriptor(resolution) else {
                continue;
            };
            if reference.starts_with("workspace:") {
                workspace = true;
                for (n, r) in &e.deps {
                    if let Some(j) = lookup(n, r) {
                        direct[j] = true;
                    }
                }
                continue;
            }
            if !reference.starts_with("npm:") {
                continue;
            }
            name.to_string()
        } else {
            // Classic: the name of the first descriptor, following `npm:` aliases.
            let Some((name, range)) = e.descriptors.first().and_then(|d| split_descriptor(d))
            else {
                continue;
            };
            if let Some(target) = range.strip_prefix("npm:") {
                split_descriptor(target)
                    .map_or(target, |(n, _)| n)
                    .to_string()
            } else if ["file:", "link:", "workspace:", "portal:"]
                .iter()
                .any(|p| range.starts_with(p))
            {
                continue;
            } else {
                name.to_string()
            }
        };
        let Some(version) = e.version.clone() else {
            missing += 1;
            continue;
        };
        packages.push((
            i,
            Package {
                ecosystem: Ecosystem::Npm,
                name,
                version,
                path: rel_path.to_string(),
                line: e.line,
                direct: None,
                scope: scopes[i],
            },
        ));
    }
    let knows_direct = root.is_some() || workspace;
    let ids: HashMap<usize, PackageId> = packages
        .iter()
        .map(|(i, p)| (*i, PackageId::new(&p.name, &p.version)))
        .collect();
    for (i, from) in &ids {
        for j in &edges[*i] {
            if let Some(to) = ids.get(j) {
                parsed.edges.push(Edge {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    for (i, mut p) in packages {
        p.direct = knows_direct.then_some(direct[i]);
        parsed.packages.push(p);
    }
    if missing > 0 {
        parsed
            .notes
            .push(format!("{missing} entries have no version"));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, line_text, parse_fixture};
    use super::*;

    fn check(rel: &str) {
        let parsed = parse_fixture(rel);
        assert_eq!(parsed.packages.len(), 18, "{:#?}", parsed.packages);
        let lodash = find(&parsed, "lodash", "4.17.15");
        assert_eq!((lodash.direct, lodash.scope), (Some(true), Scope::Runtime));
        assert!(
            line_text(rel, lodash.line).starts_with("\"lodash@")
                || line_text(rel, lodash.line).starts_with("lodash@")
        );
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
        assert!(line_text(rel, sw.line).contains("string-width-cjs@npm:string-width@^4.2.0"));
        // One entry for two specifiers.
        let strip = find(&parsed, "strip-ansi", "6.0.1");
        assert_eq!(strip.direct, Some(true));
        assert!(line_text(rel, strip.line).contains("^6.0.0"));
        assert!(line_text(rel, strip.line).contains("^6.0.1"));
        find(&parsed, "@types/node", "18.0.0");
        assert!(parsed.packages.iter().all(|p| p.name != "demo-app"));
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
                .contains(&edge("mkdirp", "0.5.1", "minimist", "0.0.8"))
        );
        assert!(
            parsed
                .edges
                .contains(&edge("string-width", "4.2.3", "strip-ansi", "6.0.1"))
        );
        assert_eq!(parsed.edges.len(), 11, "{:#?}", parsed.edges);
    }

    #[test]
    fn classic_v1() {
        check("yarn-v1/yarn.lock");
    }

    #[test]
    fn berry() {
        check("yarn-berry/yarn.lock");
    }

    #[test]
    fn berry_without_package_json_uses_workspace_entries() {
        let text = super::super::tests::fixture("yarn-berry/yarn.lock");
        let parsed = parse("yarn.lock", &text, &|_| None).unwrap();
        assert_eq!(find(&parsed, "lodash", "4.17.15").direct, Some(true));
        assert_eq!(find(&parsed, "ms", "2.0.0").direct, Some(false));
        assert_eq!(find(&parsed, "ms", "2.0.0").scope, Scope::Unknown);
    }

    #[test]
    fn classic_without_package_json_cannot_tell() {
        let text = super::super::tests::fixture("yarn-v1/yarn.lock");
        let parsed = parse("yarn.lock", &text, &|_| None).unwrap();
        assert_eq!(find(&parsed, "lodash", "4.17.15").direct, None);
    }

    #[test]
    fn patch_and_file_entries_are_skipped_and_missing_versions_noted() {
        let text = "\"resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>\":\n  version: 1.22.8\n  resolution: \"resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8\"\n\n\"local@file:../local\":\n  version \"1.0.0\"\n\nnoversion@^1:\n  resolved \"x\"\n";
        let parsed = parse("yarn.lock", text, &|_| None).unwrap();
        assert!(parsed.packages.is_empty());
        assert_eq!(parsed.notes, ["1 entries have no version"]);
    }

    #[test]
    fn garbage_is_an_error() {
        let err = parse("yarn.lock", "this is not a lockfile\n", &|_| None).unwrap_err();
        assert!(err.message.contains("line 1"));
        let err = parse("yarn.lock", "  version \"1\"\n", &|_| None).unwrap_err();
        assert!(err.message.contains("before any entry"));
    }
}
