//! npm package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
//!
//! v2 and v3 are read from `packages` (keys are install paths such as
//! `node_modules/a/node_modules/b`); v1 from the nested `dependencies` tree. `dev: true`
//! is dev scope; `devOptional: true` stays runtime, because such a package is also an
//! optional dependency of a production package and is installed in production. Entries with
//! `link: true` and the project's own (workspace) folders are skipped. Direct = declared by
//! the root package (or a workspace package) in v2/v3, by the package.json beside the lock
//! in v1.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::lines::JsonLines;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, error, manifest};

#[derive(Deserialize)]
struct Lock {
    #[serde(rename = "lockfileVersion")]
    lockfile_version: Option<serde_json::Value>,
    packages: Option<BTreeMap<String, Entry>>,
    dependencies: Option<BTreeMap<String, V1Entry>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Entry {
    name: Option<String>,
    version: Option<String>,
    dev: bool,
    link: bool,
    dependencies: BTreeMap<String, serde_json::Value>,
    dev_dependencies: BTreeMap<String, serde_json::Value>,
    optional_dependencies: BTreeMap<String, serde_json::Value>,
    peer_dependencies: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1Entry {
    version: Option<String>,
    dev: bool,
    requires: BTreeMap<String, serde_json::Value>,
    dependencies: BTreeMap<String, V1Entry>,
}

const NM: &str = "node_modules/";

/// Parses package-lock.json / npm-shrinkwrap.json.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let lock: Lock = serde_json::from_str(text)
        .map_err(|e| error(rel_path, format!("invalid package-lock JSON: {e}")))?;
    let version = lock
        .lockfile_version
        .as_ref()
        .and_then(serde_json::Value::as_u64);
    match (lock.packages, version) {
        (Some(packages), _) => Ok(parse_v2(rel_path, text, packages)),
        (None, Some(1) | None) => Ok(parse_v1(
            rel_path,
            text,
            lock.dependencies.unwrap_or_default(),
            read_sibling,
        )),
        (None, Some(v)) => Err(error(
            rel_path,
            format!("lockfileVersion {v} without a \"packages\" object"),
        )),
    }
}

/// Splits an npm version field: `npm:real-name@1.2.3` (alias) gives the real name; git,
/// file and tarball references give `None` (nothing to match against the registry).
fn npm_version(raw: &str) -> Option<(Option<&str>, &str)> {
    if let Some(alias) = raw.strip_prefix("npm:") {
        let at = alias.get(1..)?.rfind('@')? + 1;
        return Some((Some(&alias[..at]), &alias[at + 1..]));
    }
    raw.starts_with(|c: char| c.is_ascii_digit())
        .then_some((None, raw))
}

fn parse_v2(rel_path: &str, text: &str, packages: BTreeMap<String, Entry>) -> Parsed {
    let lines = JsonLines::scan(text, &|p| p.len() == 2 && p[0] == "packages");
    // Importers: the root ("") and workspace folders (keys without node_modules/).
    let mut importer_deps: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (key, entry) in &packages {
        if !key.contains(NM) && !entry.link {
            let names = entry
                .dependencies
                .keys()
                .chain(entry.dev_dependencies.keys())
                .chain(entry.optional_dependencies.keys())
                .chain(entry.peer_dependencies.keys())
                .map(String::as_str)
                .collect();
            importer_deps.insert(key.as_str(), names);
        }
    }
    let mut parsed = Parsed::default();
    for (path, line) in &lines.duplicates {
        parsed.notes.push(format!(
            "{rel_path}:{line}: \"{}\" appears twice in packages; the last one is used",
            path.last().map_or("", String::as_str)
        ));
    }
    let mut missing = 0usize;
    let mut ids: HashMap<&str, PackageId> = HashMap::new();
    for (key, entry) in &packages {
        let Some(idx) = key.rfind(NM) else { continue };
        if entry.link {
            continue;
        }
        let installed_as = &key[idx + NM.len()..];
        let prefix = key[..idx].trim_end_matches('/');
        let Some(raw_version) = entry.version.as_deref() else {
            missing += 1;
            continue;
        };
        let Some((alias, version)) = npm_version(raw_version) else {
            continue;
        };
        let name = entry
            .name
            .as_deref()
            .or(alias)
            .unwrap_or(installed_as)
            .to_string();
        let declares = |importer: &str| {
            importer_deps
                .get(importer)
                .is_some_and(|d| d.contains(installed_as))
        };
        let direct = declares(prefix)
            || (prefix.is_empty() && importer_deps.values().any(|d| d.contains(installed_as)));
        ids.insert(key.as_str(), PackageId::new(&name, version));
        parsed.packages.push(Package {
            ecosystem: Ecosystem::Npm,
            name,
            version: version.to_string(),
            path: rel_path.to_string(),
            line: lines.get(&["packages", key]).unwrap_or(1),
            direct: Some(direct),
            scope: if entry.dev {
                Scope::Dev
            } else {
                Scope::Runtime
            },
        });
    }
    for (key, from) in &ids {
        let Some(entry) = packages.get(*key) else {
            continue;
        };
        for dep in entry
            .dependencies
            .keys()
            .chain(entry.optional_dependencies.keys())
        {
            if let Some(to) = resolve_v2(key, dep, &ids) {
                parsed.edges.push(Edge {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    if missing > 0 {
        parsed
            .notes
            .push(format!("{missing} package entries have no version"));
    }
    parsed
}

/// Node's module resolution over install paths: `dep` required from `key` is the nearest
/// `…/node_modules/dep` walking up from `key`'s own node_modules to the root's.
fn resolve_v2<'a>(
    key: &str,
    dep: &str,
    ids: &'a HashMap<&str, PackageId>,
) -> Option<&'a PackageId> {
    let mut base = key;
    loop {
        let candidate = if base.is_empty() {
            format!("{NM}{dep}")
        } else {
            format!("{base}/{NM}{dep}")
        };
        if let Some(id) = ids.get(candidate.as_str()) {
            return Some(id);
        }
        if base.is_empty() {
            return None;
        }
        base = base
            .rfind(NM)
            .map_or("", |i| base[..i].trim_end_matches('/'));
    }
}

fn parse_v1(
    rel_path: &str,
    text: &str,
    dependencies: BTreeMap<String, V1Entry>,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Parsed {
    let lines = JsonLines::scan(text, &|p| {
        p.len() % 2 == 0 && p.len() >= 2 && p[p.len() - 2] == "dependencies"
    });
    let root = manifest::npm(rel_path, read_sibling);
    let mut parsed = Parsed::default();
    let mut missing = 0usize;
    // Install path (joined) → id, and who requires what, resolved once all are known.
    let mut ids: HashMap<String, PackageId> = HashMap::new();
    let mut requires: Vec<(Vec<String>, &BTreeMap<String, serde_json::Value>)> = Vec::new();
    // Explicit stack instead of recursion; serde_json already bounds the nesting depth.
    let mut stack: Vec<(Vec<String>, &BTreeMap<String, V1Entry>)> =
        vec![(vec!["dependencies".to_string()], &dependencies)];
    while let Some((path, deps)) = stack.pop() {
        let top_level = path.len() == 1;
        for (installed_as, entry) in deps {
            let mut here = path.clone();
            here.push(installed_as.clone());
            if let Some(raw) = entry.version.as_deref() {
                if let Some((alias, version)) = npm_version(raw) {
                    let refs: Vec<&str> = here.iter().map(String::as_str).collect();
                    let direct = if top_level {
                        root.as_ref().map(|r| r.contains(installed_as))
                    } else {
                        Some(false)
                    };
                    let name = alias.unwrap_or(installed_as);
                    ids.insert(here.join("\u{1}"), PackageId::new(name, version));
                    if !entry.requires.is_empty() {
                        requires.push((here.clone(), &entry.requires));
                    }
                    parsed.packages.push(Package {
                        ecosystem: Ecosystem::Npm,
                        name: name.to_string(),
                        version: version.to_string(),
                        path: rel_path.to_string(),
                        line: lines.get(&refs).unwrap_or(1),
                        direct,
                        scope: if entry.dev {
                            Scope::Dev
                        } else {
                            Scope::Runtime
                        },
                    });
                }
            } else {
                missing += 1;
            }
            if !entry.dependencies.is_empty() {
                here.push("dependencies".to_string());
                stack.push((here, &entry.dependencies));
            }
        }
    }
    for (path, deps) in requires {
        let Some(from) = ids.get(&path.join("\u{1}")) else {
            continue;
        };
        for dep in deps.keys() {
            // Own nested dependencies first, then each enclosing level up to the top.
            let mut base: &[String] = &path;
            loop {
                let mut candidate = base.to_vec();
                candidate.push("dependencies".to_string());
                candidate.push(dep.clone());
                if let Some(to) = ids.get(&candidate.join("\u{1}")) {
                    parsed.edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                    });
                    break;
                }
                if base.len() < 2 {
                    break;
                }
                base = &base[..base.len() - 2];
            }
        }
    }
    if missing > 0 {
        parsed
            .notes
            .push(format!("{missing} package entries have no version"));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, fixture, parse_fixture};
    use super::*;

    fn check_common(parsed: &Parsed, path: &str) {
        let lodash = find(parsed, "lodash", "4.17.15");
        assert_eq!(lodash.direct, Some(true));
        assert_eq!(lodash.scope, Scope::Runtime);
        assert_eq!(lodash.path, path);
        let mkdirp = find(parsed, "mkdirp", "0.5.1");
        assert_eq!((mkdirp.direct, mkdirp.scope), (Some(true), Scope::Dev));
        let nested = find(parsed, "minimist", "0.0.8");
        assert_eq!((nested.direct, nested.scope), (Some(false), Scope::Dev));
        let ms = find(parsed, "ms", "2.0.0");
        assert_eq!((ms.direct, ms.scope), (Some(false), Scope::Runtime));
        // The alias string-width-cjs resolves to the real package name.
        let sw = find(parsed, "string-width", "4.2.3");
        assert_eq!(sw.direct, Some(true));
        assert!(parsed.packages.iter().all(|p| p.name != "string-width-cjs"));
        assert!(parsed.packages.iter().all(|p| p.name != "demo-app"));
        let scoped = find(parsed, "@types/node", "18.0.0");
        assert_eq!(scoped.direct, Some(true));
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
            !parsed
                .edges
                .contains(&edge("mkdirp", "0.5.1", "minimist", "1.2.8"))
        );
        assert!(
            parsed
                .edges
                .contains(&edge("string-width", "4.2.3", "strip-ansi", "6.0.1"))
        );
        assert_eq!(parsed.edges.len(), 11, "{:#?}", parsed.edges);
    }

    #[test]
    fn lockfile_v3() {
        let parsed = parse_fixture("npm-v3/package-lock.json");
        check_common(&parsed, "npm-v3/package-lock.json");
        let text = fixture("npm-v3/package-lock.json");
        let lodash = find(&parsed, "lodash", "4.17.15");
        assert_eq!(
            text.lines().nth(lodash.line as usize - 1).map(str::trim),
            Some("\"node_modules/lodash\": {")
        );
        let nested = find(&parsed, "minimist", "0.0.8");
        assert!(
            text.lines()
                .nth(nested.line as usize - 1)
                .unwrap()
                .contains("\"node_modules/mkdirp/node_modules/minimist\"")
        );
        assert_eq!(parsed.packages.len(), 18);
    }

    #[test]
    fn lockfile_v2() {
        let parsed = parse_fixture("npm-v2/package-lock.json");
        check_common(&parsed, "npm-v2/package-lock.json");
        assert_eq!(parsed.packages.len(), 18);
    }

    #[test]
    fn lockfile_v1_nested_dependencies() {
        let parsed = parse_fixture("npm-v1/package-lock.json");
        check_common(&parsed, "npm-v1/package-lock.json");
        let text = fixture("npm-v1/package-lock.json");
        let nested = find(&parsed, "minimist", "0.0.8");
        let line = text.lines().nth(nested.line as usize - 1).unwrap();
        assert_eq!(line.trim(), "\"minimist\": {");
        assert!(
            line.starts_with("        "),
            "nested under mkdirp: {line:?}"
        );
        assert_eq!(parsed.packages.len(), 18);
    }

    #[test]
    fn v1_without_package_json_cannot_tell_direct() {
        let text = fixture("npm-v1/package-lock.json");
        let parsed = parse("npm-shrinkwrap.json", &text, &|_| None).unwrap();
        assert_eq!(find(&parsed, "lodash", "4.17.15").direct, None);
        assert_eq!(find(&parsed, "minimist", "0.0.8").direct, Some(false));
    }

    #[test]
    fn workspaces_links_and_missing_versions() {
        let text = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "root", "workspaces": ["packages/a"], "devDependencies": {"b": "1"}},
    "packages/a": {"name": "a", "version": "1.0.0", "dependencies": {"c": "^2"}},
    "node_modules/a": {"resolved": "packages/a", "link": true},
    "node_modules/b": {"version": "1.0.0", "dev": true},
    "node_modules/c": {"version": "2.1.0"},
    "node_modules/d": {"version": "3.0.0", "devOptional": true},
    "node_modules/e": {"resolved": "https://x"},
    "node_modules/f": {"version": "github:x/f#abc"}
  }
}"#;
        let parsed = parse("package-lock.json", text, &|_| None).unwrap();
        let names: Vec<&str> = parsed.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["b", "c", "d"]);
        assert_eq!(find(&parsed, "c", "2.1.0").direct, Some(true));
        assert_eq!(find(&parsed, "c", "2.1.0").line, 8);
        assert_eq!(find(&parsed, "d", "3.0.0").scope, Scope::Runtime);
        assert_eq!(find(&parsed, "d", "3.0.0").direct, Some(false));
        assert_eq!(parsed.notes, ["1 package entries have no version"]);
        let dup = "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"version\": \"1.0.0\"},\n\"node_modules/a\": {\"version\": \"2.0.0\"}}}";
        let parsed = parse("package-lock.json", dup, &|_| None).unwrap();
        assert_eq!(parsed.packages.len(), 1);
        assert_eq!(
            parsed.notes,
            [
                "package-lock.json:3: \"node_modules/a\" appears twice in packages; the last one is used"
            ]
        );
    }

    #[test]
    fn malformed_json_is_an_error_with_line() {
        let err = parse("x/package-lock.json", "{\n  \"packages\": {\n", &|_| None).unwrap_err();
        assert_eq!(err.path, "x/package-lock.json");
        assert!(err.message.contains("line 3"), "{}", err.message);
        let err = parse("package-lock.json", "[1]", &|_| None).unwrap_err();
        assert!(err.message.contains("invalid package-lock JSON"));
    }
}
