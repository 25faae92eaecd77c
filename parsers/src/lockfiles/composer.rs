//! composer.lock: `packages` are runtime, `packages-dev` dev. Versions are kept as written
//! (`v2.3.5` stays, as Packagist advisories list both spellings); branch versions
//! (`dev-main`, `1.x-dev`) pin no release and are skipped. Direct = required by the
//! composer.json beside the lock (names compared case-insensitively).

use serde::Deserialize;

use super::lines::JsonLines;
use super::{Ecosystem, Edge, LockfileError, Package, PackageId, Parsed, Scope, error, manifest};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Vec<Entry>,
    #[serde(default, rename = "packages-dev")]
    packages_dev: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: Option<String>,
    #[serde(default)]
    require: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Parses composer.lock.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let lock: Lock = serde_json::from_str(text)
        .map_err(|e| error(rel_path, format!("invalid composer.lock JSON: {e}")))?;
    let lines = JsonLines::scan(text, &|p| {
        p.len() == 3 && (p[0] == "packages" || p[0] == "packages-dev") && p[2] == "name"
    });
    let direct = manifest::composer(rel_path, read_sibling);
    let mut parsed = Parsed::default();
    let dev = lock.packages_dev.unwrap_or_default();
    for (section, entries, scope) in [
        ("packages", &lock.packages, Scope::Runtime),
        ("packages-dev", &dev, Scope::Dev),
    ] {
        for (i, p) in entries.iter().enumerate() {
            let index = i.to_string();
            let line = lines.get(&[section, &index, "name"]).unwrap_or(1);
            let Some(version) = p.version.as_deref() else {
                parsed
                    .notes
                    .push(format!("{rel_path}:{line}: {} has no version", p.name));
                continue;
            };
            if version.starts_with("dev-") || version.ends_with("-dev") {
                continue;
            }
            parsed.packages.push(Package {
                ecosystem: Ecosystem::Packagist,
                name: p.name.clone(),
                version: version.to_string(),
                path: rel_path.to_string(),
                line,
                direct: direct.as_ref().map(|d| d.contains(&p.name.to_lowercase())),
                scope,
            });
        }
    }
    let ids: std::collections::HashMap<String, PackageId> = parsed
        .packages
        .iter()
        .map(|p| (p.name.to_lowercase(), PackageId::new(&p.name, &p.version)))
        .collect();
    for p in lock.packages.iter().chain(&dev) {
        let Some(from) = ids.get(&p.name.to_lowercase()) else {
            continue;
        };
        for dep in p.require.keys() {
            if let Some(to) = ids.get(&dep.to_lowercase()) {
                parsed.edges.push(Edge {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_fixture;
    use super::*;

    #[test]
    fn composer_lock() {
        let parsed = parse_fixture("composer/composer.lock");
        let got: Vec<(&str, &str, u32, Option<bool>, Scope)> = parsed
            .packages
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.version.as_str(),
                    p.line,
                    p.direct,
                    p.scope,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("guzzlehttp/guzzle", "7.4.1", 9, Some(true), Scope::Runtime),
                ("guzzlehttp/psr7", "2.1.0", 23, Some(false), Scope::Runtime),
                ("monolog/monolog", "v2.3.5", 28, Some(true), Scope::Runtime),
                ("phpunit/phpunit", "9.5.10", 40, Some(true), Scope::Dev),
                ("sebastian/diff", "4.0.4", 44, Some(false), Scope::Dev),
            ]
        );
        assert_eq!(
            parsed.edges,
            [Edge {
                from: PackageId::new("guzzlehttp/guzzle", "7.4.1"),
                to: PackageId::new("guzzlehttp/psr7", "2.1.0"),
            }]
        );
    }

    #[test]
    fn malformed_composer_lock() {
        let err = parse(
            "composer.lock",
            "{\"packages\": [{\"version\": \"1\"}]}",
            &|_| None,
        )
        .unwrap_err();
        assert!(err.message.contains("name"), "{}", err.message);
    }
}
