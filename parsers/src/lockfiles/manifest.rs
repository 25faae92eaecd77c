//! Manifests read beside a lockfile (package.json, pyproject.toml, Pipfile, composer.json)
//! to tell direct dependencies from transitive ones, and runtime from dev.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The project's own dependencies as its manifest declares them: name → requested range.
#[derive(Debug, Default, Clone)]
pub struct Direct {
    pub runtime: BTreeMap<String, String>,
    pub dev: BTreeMap<String, String>,
}

impl Direct {
    /// Whether `name` is declared at all.
    pub fn contains(&self, name: &str) -> bool {
        self.runtime.contains_key(name) || self.dev.contains_key(name)
    }
}

/// The directory part of a root-relative path (`""` at the root).
pub fn dir_of(rel_path: &str) -> &str {
    rel_path.rfind('/').map_or("", |i| &rel_path[..i])
}

/// `dir/name`, or `name` at the root.
pub fn sibling(rel_path: &str, name: &str) -> String {
    let dir = dir_of(rel_path);
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PackageJson {
    dependencies: BTreeMap<String, serde_json::Value>,
    dev_dependencies: BTreeMap<String, serde_json::Value>,
    optional_dependencies: BTreeMap<String, serde_json::Value>,
    peer_dependencies: BTreeMap<String, serde_json::Value>,
}

fn ranges(map: BTreeMap<String, serde_json::Value>) -> impl Iterator<Item = (String, String)> {
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
}

/// package.json beside `rel_path`: dependencies, optional and peer ones are runtime,
/// devDependencies dev. `None` when absent or unreadable.
pub fn npm(rel_path: &str, read_sibling: &dyn Fn(&str) -> Option<String>) -> Option<Direct> {
    let text = read_sibling(&sibling(rel_path, "package.json"))?;
    let pj: PackageJson = serde_json::from_str(&text).ok()?;
    let mut direct = Direct::default();
    direct.runtime.extend(ranges(pj.dependencies));
    direct.runtime.extend(ranges(pj.optional_dependencies));
    direct.runtime.extend(ranges(pj.peer_dependencies));
    direct.dev.extend(ranges(pj.dev_dependencies));
    Some(direct)
}

/// PEP 503 normalised name: lowercase, runs of `-`, `_`, `.` become one `-`.
pub fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The distribution name at the start of a PEP 508 requirement (`Foo[bar]>=1; marker`).
pub fn pep508_name(req: &str) -> Option<&str> {
    let req = req.trim();
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    (end > 0).then(|| &req[..end])
}

fn toml_keys(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(toml::Value::as_table)
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default()
}

fn toml_reqs(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(toml::Value::as_str)
                .filter_map(pep508_name)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// pyproject.toml beside `rel_path` (Poetry tables, PEP 621 `[project]`, PEP 735
/// `[dependency-groups]`), names PEP 503-normalised. `None` when absent or unreadable.
pub fn pyproject(rel_path: &str, read_sibling: &dyn Fn(&str) -> Option<String>) -> Option<Direct> {
    let text = read_sibling(&sibling(rel_path, "pyproject.toml"))?;
    let doc: toml::Table = toml::from_str(&text).ok()?;
    let mut runtime = Vec::new();
    let mut dev = Vec::new();
    if let Some(project) = doc.get("project") {
        runtime.extend(toml_reqs(project.get("dependencies")));
        if let Some(extras) = project
            .get("optional-dependencies")
            .and_then(|v| v.as_table())
        {
            for v in extras.values() {
                runtime.extend(toml_reqs(Some(v)));
            }
        }
    }
    if let Some(groups) = doc.get("dependency-groups").and_then(|v| v.as_table()) {
        for v in groups.values() {
            dev.extend(toml_reqs(Some(v)));
        }
    }
    if let Some(poetry) = doc.get("tool").and_then(|t| t.get("poetry")) {
        runtime.extend(toml_keys(poetry.get("dependencies")));
        dev.extend(toml_keys(poetry.get("dev-dependencies")));
        if let Some(groups) = poetry.get("group").and_then(|v| v.as_table()) {
            for (group, v) in groups {
                let names = toml_keys(v.get("dependencies"));
                if group == "main" {
                    runtime.extend(names);
                } else {
                    dev.extend(names);
                }
            }
        }
    }
    Some(python_direct(runtime, dev))
}

fn python_direct(runtime: Vec<String>, dev: Vec<String>) -> Direct {
    let mut direct = Direct::default();
    for name in runtime {
        if name != "python" {
            direct.runtime.insert(pep503(&name), String::new());
        }
    }
    for name in dev {
        direct.dev.insert(pep503(&name), String::new());
    }
    direct
}

/// Pipfile beside `rel_path`: `[packages]` runtime, `[dev-packages]` dev.
pub fn pipfile(rel_path: &str, read_sibling: &dyn Fn(&str) -> Option<String>) -> Option<Direct> {
    let text = read_sibling(&sibling(rel_path, "Pipfile"))?;
    let doc: toml::Table = toml::from_str(&text).ok()?;
    Some(python_direct(
        toml_keys(doc.get("packages")),
        toml_keys(doc.get("dev-packages")),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ComposerJson {
    require: BTreeMap<String, serde_json::Value>,
    #[serde(rename = "require-dev")]
    require_dev: BTreeMap<String, serde_json::Value>,
}

/// composer.json beside `rel_path`: `require` runtime, `require-dev` dev (names lowercased,
/// as Packagist names are case-insensitive).
pub fn composer(rel_path: &str, read_sibling: &dyn Fn(&str) -> Option<String>) -> Option<Direct> {
    let text = read_sibling(&sibling(rel_path, "composer.json"))?;
    let cj: ComposerJson = serde_json::from_str(&text).ok()?;
    let mut direct = Direct::default();
    for (k, v) in ranges(cj.require) {
        direct.runtime.insert(k.to_lowercase(), v);
    }
    for (k, v) in ranges(cj.require_dev) {
        direct.dev.insert(k.to_lowercase(), v);
    }
    Some(direct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep503_normalises() {
        assert_eq!(pep503("Jinja2"), "jinja2");
        assert_eq!(pep503("zope.interface"), "zope-interface");
        assert_eq!(pep503("Foo__Bar-.baz"), "foo-bar-baz");
    }

    #[test]
    fn pep508_names() {
        assert_eq!(
            pep508_name("requests[socks]>=2; python_version<'3'"),
            Some("requests")
        );
        assert_eq!(pep508_name("six==1.15.0"), Some("six"));
        assert_eq!(pep508_name(">=1"), None);
    }

    #[test]
    fn pyproject_poetry_and_pep621() {
        let text = r#"
[project]
dependencies = ["Requests==2.25.0", "jinja2"]
[project.optional-dependencies]
socks = ["PySocks"]
[dependency-groups]
dev = ["pytest>=7"]
[tool.poetry.dependencies]
python = "^3.9"
Flask = "^2"
[tool.poetry.group.test.dependencies]
coverage = "*"
"#;
        let read = |p: &str| (p == "app/pyproject.toml").then(|| text.to_string());
        let d = pyproject("app/poetry.lock", &read).unwrap();
        assert!(d.runtime.contains_key("requests"));
        assert!(d.runtime.contains_key("pysocks"));
        assert!(d.runtime.contains_key("flask"));
        assert!(!d.runtime.contains_key("python"));
        assert!(d.dev.contains_key("pytest"));
        assert!(d.dev.contains_key("coverage"));
        assert!(pyproject("poetry.lock", &read).is_none());
    }

    #[test]
    fn sibling_paths() {
        assert_eq!(sibling("a/b/yarn.lock", "package.json"), "a/b/package.json");
        assert_eq!(sibling("yarn.lock", "package.json"), "package.json");
    }
}
