//! Pipfile.lock: `default` is runtime, `develop` dev. Versions are written `==X`; entries
//! without one (git, path, editable) are skipped. Direct = listed in the Pipfile beside it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::lines::JsonLines;
use super::manifest::{self, pep503};
use super::{Ecosystem, LockfileError, Package, Parsed, Scope, error};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    default: BTreeMap<String, Entry>,
    #[serde(default)]
    develop: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    version: Option<String>,
}

/// Parses Pipfile.lock.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let lock: Lock = serde_json::from_str(text)
        .map_err(|e| error(rel_path, format!("invalid Pipfile.lock JSON: {e}")))?;
    let lines = JsonLines::scan(text, &|p| {
        p.len() == 2 && (p[0] == "default" || p[0] == "develop")
    });
    let direct = manifest::pipfile(rel_path, read_sibling);
    let mut parsed = Parsed::default();
    for (section, entries, scope) in [
        ("default", &lock.default, Scope::Runtime),
        ("develop", &lock.develop, Scope::Dev),
    ] {
        for (name, entry) in entries {
            let Some(version) = entry.version.as_deref() else {
                continue;
            };
            let version = version
                .strip_prefix("===")
                .or_else(|| version.strip_prefix("=="))
                .unwrap_or(version)
                .trim();
            parsed.packages.push(Package {
                ecosystem: Ecosystem::PyPI,
                name: name.clone(),
                version: version.to_string(),
                path: rel_path.to_string(),
                line: lines.get(&[section, name]).unwrap_or(1),
                direct: direct.as_ref().map(|d| d.contains(&pep503(name))),
                scope,
            });
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, line_text, parse_fixture};
    use super::*;

    #[test]
    fn pipfile_lock() {
        let rel = "pipenv/Pipfile.lock";
        let parsed = parse_fixture(rel);
        let req = find(&parsed, "requests", "2.25.0");
        assert_eq!((req.direct, req.scope), (Some(true), Scope::Runtime));
        assert_eq!(line_text(rel, req.line), "\"requests\": {");
        let six = find(&parsed, "six", "1.15.0");
        assert_eq!((six.direct, six.scope), (Some(true), Scope::Dev));
        let idna = find(&parsed, "idna", "2.10");
        assert_eq!(idna.direct, Some(false));
        assert_eq!(parsed.packages.len(), 8);
    }

    #[test]
    fn truncated_pipfile_lock() {
        let err = parse(
            "Pipfile.lock",
            "{\"default\": {\"a\": {\"version\": \"==1\"",
            &|_| None,
        )
        .unwrap_err();
        assert!(err.message.contains("EOF"), "{}", err.message);
    }
}
