//! Gemfile.lock (Bundler).
//!
//! Specs are the four-space-indented `name (version)` lines of the GEM and GIT sections
//! (PATH gems are the project's own, not reported); six-space lines are their dependencies.
//! A platform suffix (`1.13.10-x86_64-linux`) is dropped from the version and the platform
//! variants of one gem merged. Direct = listed under DEPENDENCIES. The lockfile does not
//! record Gemfile groups, so scope is unknown.

use std::collections::{HashMap, HashSet};

use super::lines::to_line;
use super::{Ecosystem, Edge, Package, PackageId, Parsed, Scope};

/// Platform words that start a RubyGems platform suffix.
const PLATFORMS: [&str; 12] = [
    "x86",
    "x64",
    "x86_64",
    "i386",
    "i686",
    "arm",
    "arm64",
    "aarch64",
    "universal",
    "java",
    "mswin",
    "mingw",
];

/// `1.13.10-x86_64-linux` → `1.13.10`; versions without a platform are unchanged.
fn strip_platform(version: &str) -> &str {
    if let Some((v, platform)) = version.split_once('-') {
        let first = platform.split(['-', '_']).next().unwrap_or("");
        if PLATFORMS.contains(&first)
            || platform.starts_with("x86_64")
            || platform.contains("darwin")
            || platform.contains("linux")
            || platform.contains("mingw")
        {
            return v;
        }
    }
    version
}

/// Parses Gemfile.lock. Bundler's format has no way to be malformed beyond unknown lines,
/// which are ignored.
pub fn parse(rel_path: &str, text: &str) -> Parsed {
    let mut section = "";
    let mut specs: Vec<(String, String, u32)> = Vec::new();
    let mut direct: HashSet<String> = HashSet::new();
    // (index into specs, dependency name) from the six-space lines under a spec.
    let mut requires: Vec<(usize, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if indent <= 4 {
            current = None;
        }
        if indent == 0 {
            section = match content {
                "GEM" | "GIT" | "PATH" | "DEPENDENCIES" => content,
                _ => "",
            };
            continue;
        }
        match section {
            "GEM" | "GIT" if indent == 4 => {
                let Some((name, rest)) = content.split_once(" (") else {
                    continue;
                };
                let Some(version) = rest.strip_suffix(')') else {
                    continue;
                };
                current = Some(specs.len());
                specs.push((
                    name.to_string(),
                    strip_platform(version).to_string(),
                    to_line(idx),
                ));
            }
            "GEM" | "GIT" if indent == 6 => {
                if let Some(spec) = current {
                    let name = content.split(' ').next().unwrap_or(content);
                    requires.push((spec, name.to_string()));
                }
            }
            "DEPENDENCIES" if indent == 2 => {
                let name = content
                    .split([' ', '!'])
                    .next()
                    .unwrap_or(content)
                    .to_string();
                direct.insert(name);
            }
            _ => {}
        }
    }
    let mut parsed = Parsed::default();
    let mut version_of: HashMap<&str, &str> = HashMap::new();
    for (name, version, _) in &specs {
        version_of.entry(name).or_insert(version);
    }
    for (spec, dep) in &requires {
        let (name, version, _) = &specs[*spec];
        if let Some(to) = version_of.get(dep.as_str()) {
            parsed.edges.push(Edge {
                from: PackageId::new(name, version),
                to: PackageId::new(dep, *to),
            });
        }
    }
    let mut seen: HashMap<(String, String), ()> = HashMap::new();
    for (name, version, line) in specs {
        if seen.insert((name.clone(), version.clone()), ()).is_some() {
            continue;
        }
        parsed.packages.push(Package {
            ecosystem: Ecosystem::RubyGems,
            direct: Some(direct.contains(&name)),
            name,
            version,
            path: rel_path.to_string(),
            line,
            scope: Scope::Unknown,
        });
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_fixture;
    use super::*;

    #[test]
    fn gemfile_lock() {
        let parsed = parse_fixture("bundler/Gemfile.lock");
        let got: Vec<(&str, &str, u32, Option<bool>)> = parsed
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.direct))
            .collect();
        assert_eq!(
            got,
            [
                ("actionpack", "7.1.0.alpha", 6, Some(true)),
                ("mini_portile2", "2.8.0", 18, Some(false)),
                ("nokogiri", "1.13.10", 19, Some(true)),
                ("racc", "1.6.1", 24, Some(false)),
                ("rack", "2.2.3", 25, Some(true)),
                ("rake", "13.0.6", 26, Some(true)),
                ("rspec", "3.12.0", 27, Some(true)),
                ("rspec-core", "3.12.0", 29, Some(false)),
            ]
        );
        let edges: Vec<String> = parsed
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{}@{}->{}@{}",
                    e.from.name, e.from.version, e.to.name, e.to.version
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                "actionpack@7.1.0.alpha->rack@2.2.3",
                "nokogiri@1.13.10->mini_portile2@2.8.0",
                "nokogiri@1.13.10->racc@1.6.1",
                "rspec@3.12.0->rspec-core@3.12.0",
            ]
        );
    }

    #[test]
    fn platforms() {
        assert_eq!(strip_platform("1.13.10-x86_64-linux"), "1.13.10");
        assert_eq!(strip_platform("1.15.4-arm64-darwin"), "1.15.4");
        assert_eq!(strip_platform("9.4.3.0-java"), "9.4.3.0");
        assert_eq!(strip_platform("1.0.0-x64-mingw-ucrt"), "1.0.0");
        assert_eq!(strip_platform("2.0.0.pre1"), "2.0.0.pre1");
    }
}
