//! Reachability signal for PyPI and npm findings: whether the repository's own source
//! imports the vulnerable package (Python `import x` / `from x import y`; JavaScript and
//! TypeScript `require("x")`, `import … from "x"`, `import("x")`, `export … from "x"`),
//! read from the tree-sitter parse, and whether the package is a dev-only dependency.
//! Neither usual offline tool says this; a vulnerable package that is never imported and
//! only used to develop is much less urgent.
//!
//! Python import names differ from distribution names in places (`yaml` is PyYAML); the
//! match uses the PEP 503-normalised name with `-`/`_` folded, the first one or two
//! dotted components, and a short table of well-known differences.

use std::collections::HashMap;

use vigil_parsers::code::{Lang, parse, preorder};
use vigil_parsers::lockfiles::Ecosystem;

use crate::version::pep440;

/// Largest source file read for imports.
const MAX_SOURCE_BYTES: u64 = 2 * 1024 * 1024;

/// Where a package is imported: the first place seen and how many places in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSite {
    pub path: String,
    pub line: u32,
    pub count: u32,
}

/// Every package imported by the tree's own Python and JS/TS source.
#[derive(Debug, Default)]
pub struct Imports {
    /// (ecosystem, normalised import key) → first site.
    sites: HashMap<(Ecosystem, String), ImportSite>,
    /// Source files parsed.
    pub files: u64,
}

/// Python distribution name (PEP 503) → the import name, where they differ.
const PY_IMPORT_NAMES: &[(&str, &str)] = &[
    ("pyyaml", "yaml"),
    ("pillow", "pil"),
    ("beautifulsoup4", "bs4"),
    ("scikit-learn", "sklearn"),
    ("opencv-python", "cv2"),
    ("opencv-python-headless", "cv2"),
    ("python-dateutil", "dateutil"),
    ("pyjwt", "jwt"),
    ("pycryptodome", "crypto"),
    ("pycrypto", "crypto"),
    ("pyopenssl", "openssl"),
    ("dnspython", "dns"),
    ("python-magic", "magic"),
    ("pyserial", "serial"),
    ("gitpython", "git"),
    ("python-jose", "jose"),
    ("protobuf", "google_protobuf"),
    ("attrs", "attr"),
    ("msgpack-python", "msgpack"),
    ("python-multipart", "multipart"),
    ("setuptools", "pkg_resources"),
    ("django-rest-framework", "rest_framework"),
    ("djangorestframework", "rest_framework"),
    ("pymysql", "pymysql"),
    ("mysqlclient", "mysqldb"),
    ("psycopg2-binary", "psycopg2"),
    ("jw-util", "jw_util"),
];

fn py_key(s: &str) -> String {
    pep440::normalize_name(s).replace('-', "_")
}

/// The import keys a Python distribution may be imported under.
fn py_keys_for(dist: &str) -> Vec<String> {
    let norm = pep440::normalize_name(dist);
    let mut keys = vec![py_key(&norm)];
    for (d, m) in PY_IMPORT_NAMES {
        if *d == norm {
            keys.push(py_key(m));
        }
    }
    keys
}

/// The npm package an import specifier names (`lodash/fp` → `lodash`,
/// `@babel/core/lib` → `@babel/core`); `None` for relative paths and Node built-ins.
pub fn npm_package_of(spec: &str) -> Option<String> {
    let s = spec.trim();
    if s.is_empty()
        || s.starts_with('.')
        || s.starts_with('/')
        || s.starts_with("node:")
        || s.contains(':')
    {
        return None;
    }
    let mut parts = s.split('/');
    let first = parts.next()?;
    if let Some(scope) = first.strip_prefix('@') {
        let name = parts.next()?;
        if scope.is_empty() || name.is_empty() {
            return None;
        }
        Some(format!("{first}/{name}"))
    } else {
        Some(first.to_string())
    }
}

fn unquote(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix(['"', '\'', '`'])
        .and_then(|x| x.strip_suffix(['"', '\'', '`']))
        .unwrap_or(t)
}

/// Skips vendored and installed third-party code: only the repository's own source counts.
fn is_vendored(path: &str) -> bool {
    path.split('/').any(|seg| {
        matches!(
            seg,
            "node_modules"
                | "site-packages"
                | "dist-packages"
                | ".venv"
                | "venv"
                | "vendor"
                | "bower_components"
        )
    })
}

impl Imports {
    /// Parses every Python and JS/TS file among `files` (root-relative) read by `read`.
    pub fn scan(files: &[String], read: &dyn Fn(&str) -> Option<String>) -> Imports {
        let mut out = Imports::default();
        for rel in files {
            if is_vendored(rel) {
                continue;
            }
            let Some(lang) = Lang::from_path(rel) else {
                continue;
            };
            let Some(text) = read(rel) else { continue };
            out.files += 1;
            out.add_source(rel, lang, &text);
        }
        out
    }

    fn note(&mut self, eco: Ecosystem, key: String, path: &str, line: u32) {
        self.sites
            .entry((eco, key))
            .and_modify(|s| s.count = s.count.saturating_add(1))
            .or_insert(ImportSite {
                path: path.to_string(),
                line,
                count: 1,
            });
    }

    /// Records the imports of one source file.
    pub fn add_source(&mut self, rel: &str, lang: Lang, text: &str) {
        let Ok(parsed) = parse(lang, text) else {
            return;
        };
        for node in preorder(parsed.root()) {
            let line = node.start_position().row as u32 + 1;
            match (lang, node.kind()) {
                (Lang::Python, "import_statement") => {
                    let mut c = node.walk();
                    for child in node.named_children(&mut c) {
                        let name_node = match child.kind() {
                            "aliased_import" => child.child_by_field_name("name"),
                            "dotted_name" => Some(child),
                            _ => None,
                        };
                        if let Some(n) = name_node {
                            self.note_python(parsed.text(n), rel, line);
                        }
                    }
                }
                (Lang::Python, "import_from_statement") => {
                    if let Some(m) = node.child_by_field_name("module_name")
                        && m.kind() == "dotted_name"
                    {
                        self.note_python(parsed.text(m), rel, line);
                    }
                }
                (l, "import_statement" | "export_statement") if l.is_js_family() => {
                    if let Some(src) = node.child_by_field_name("source")
                        && let Some(p) = npm_package_of(unquote(parsed.text(src)))
                    {
                        self.note(Ecosystem::Npm, p, rel, line);
                    }
                }
                (l, "call_expression") if l.is_js_family() => {
                    let Some(func) = node.child_by_field_name("function") else {
                        continue;
                    };
                    let callee = parsed.text(func);
                    if callee != "require" && callee != "import" && func.kind() != "import" {
                        continue;
                    }
                    let Some(args) = node.child_by_field_name("arguments") else {
                        continue;
                    };
                    let mut c = args.walk();
                    let first = args.named_children(&mut c).next();
                    if let Some(a) = first
                        && a.kind() == "string"
                        && let Some(p) = npm_package_of(unquote(parsed.text(a)))
                    {
                        self.note(Ecosystem::Npm, p, rel, line);
                    }
                }
                _ => {}
            }
        }
    }

    fn note_python(&mut self, dotted: &str, rel: &str, line: u32) {
        let parts: Vec<&str> = dotted.split('.').map(str::trim).collect();
        if let Some(first) = parts.first() {
            self.note(Ecosystem::PyPI, py_key(first), rel, line);
        }
        if parts.len() >= 2 {
            // Namespace packages: `google.protobuf` → `google_protobuf`.
            self.note(
                Ecosystem::PyPI,
                py_key(&format!("{}_{}", parts[0], parts[1])),
                rel,
                line,
            );
        }
    }

    /// Where the package `name` of `eco` is imported, if anywhere. Only PyPI and npm are
    /// answered; other ecosystems return `None`.
    pub fn site_of(&self, eco: Ecosystem, name: &str) -> Option<&ImportSite> {
        match eco {
            Ecosystem::PyPI => py_keys_for(name)
                .into_iter()
                .find_map(|k| self.sites.get(&(Ecosystem::PyPI, k))),
            Ecosystem::Npm => self.sites.get(&(Ecosystem::Npm, name.trim().to_string())),
            _ => None,
        }
    }
}

/// Whether reachability applies to an ecosystem.
pub fn supported(eco: Ecosystem) -> bool {
    matches!(eco, Ecosystem::PyPI | Ecosystem::Npm)
}

/// Reads a source file for the import scan, bounded in size.
pub fn read_source(root: &std::path::Path, rel: &str) -> Option<String> {
    let full = root.join(rel);
    let md = std::fs::metadata(&full).ok()?;
    if !md.is_file() || md.len() > MAX_SOURCE_BYTES {
        return None;
    }
    let bytes = std::fs::read(full).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(files: &[(&str, &str)]) -> Imports {
        let names: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
        let map: HashMap<String, String> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        Imports::scan(&names, &|p| map.get(p).cloned())
    }

    #[test]
    fn python_imports() {
        let im = imports(&[(
            "app/main.py",
            "import os\nimport yaml as y\nfrom google.protobuf import json_format\nfrom .local import x\nimport jw.util\nfrom mercurial import ui\n",
        )]);
        assert_eq!(
            im.site_of(Ecosystem::PyPI, "PyYAML").map(|s| s.line),
            Some(2)
        );
        assert_eq!(
            im.site_of(Ecosystem::PyPI, "protobuf").map(|s| s.line),
            Some(3)
        );
        assert_eq!(
            im.site_of(Ecosystem::PyPI, "Mercurial").map(|s| s.line),
            Some(6)
        );
        assert!(im.site_of(Ecosystem::PyPI, "jw.util").is_some());
        assert!(im.site_of(Ecosystem::PyPI, "requests").is_none());
        assert!(im.site_of(Ecosystem::PyPI, "local").is_none());
    }

    #[test]
    fn js_imports() {
        let im = imports(&[
            (
                "web/a.js",
                "const _ = require('lodash');\nconst fp = require(\"lodash/fp\");\nconst fs = require('fs/promises');\nconst x = require('./x');\n",
            ),
            (
                "web/b.ts",
                "import traverse from '@babel/traverse/lib/index';\nexport { a } from 'minimist';\nconst m = await import('node-fetch');\nimport type { T } from \"types-only\";\n",
            ),
            ("node_modules/evil/index.js", "require('request')"),
        ]);
        let lodash = im.site_of(Ecosystem::Npm, "lodash").unwrap();
        assert_eq!(
            (lodash.path.as_str(), lodash.line, lodash.count),
            ("web/a.js", 1, 2)
        );
        assert!(im.site_of(Ecosystem::Npm, "@babel/traverse").is_some());
        assert!(im.site_of(Ecosystem::Npm, "minimist").is_some());
        assert!(im.site_of(Ecosystem::Npm, "node-fetch").is_some());
        assert!(
            im.site_of(Ecosystem::Npm, "request").is_none(),
            "vendored code does not count"
        );
        assert!(im.site_of(Ecosystem::Npm, "x").is_none());
        assert_eq!(im.files, 2);
    }

    #[test]
    fn specifiers() {
        assert_eq!(
            npm_package_of("@scope/pkg/deep/file.js").as_deref(),
            Some("@scope/pkg")
        );
        assert_eq!(npm_package_of("pkg/sub").as_deref(), Some("pkg"));
        assert_eq!(npm_package_of("../rel"), None);
        assert_eq!(npm_package_of("node:fs"), None);
        assert_eq!(npm_package_of("@"), None);
    }

    #[test]
    fn broken_source_does_not_panic() {
        let im = imports(&[("x.py", "import (((\nfrom import\n"), ("y.js", "require(")]);
        assert_eq!(im.files, 2);
    }
}
