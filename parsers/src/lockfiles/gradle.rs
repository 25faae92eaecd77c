//! Gradle dependency lockfiles: `group:artifact:version=conf1,conf2` per line
//! (gradle.lockfile, and Gradle 6's per-configuration `dependency-locks/*.lockfile`
//! with no `=` part). A package used only by test configurations (`test…`,
//! `…Test…`) is dev. Lockfiles list the resolved graph without edges, so direct is unknown.

use super::lines::to_line;
use super::{Ecosystem, Package, Parsed, Scope};

fn is_test_configuration(conf: &str) -> bool {
    conf.starts_with("test") || conf.contains("Test")
}

/// Parses a Gradle lockfile; malformed lines are noted and skipped.
pub fn parse(rel_path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("empty=") {
            continue;
        }
        let (coordinates, configurations) = line.split_once('=').unwrap_or((line, ""));
        let parts: Vec<&str> = coordinates.split(':').collect();
        let [group, artifact, version] = parts[..] else {
            parsed.notes.push(format!(
                "{rel_path}:{}: not group:artifact:version",
                idx + 1
            ));
            continue;
        };
        let confs: Vec<&str> = configurations
            .split(',')
            .filter(|c| !c.is_empty())
            .collect();
        let scope = if confs.is_empty() {
            if rel_path
                .rsplit('/')
                .next()
                .is_some_and(is_test_configuration)
            {
                Scope::Dev
            } else {
                Scope::Unknown
            }
        } else if confs.iter().all(|c| is_test_configuration(c)) {
            Scope::Dev
        } else {
            Scope::Runtime
        };
        parsed.packages.push(Package {
            ecosystem: Ecosystem::Maven,
            name: format!("{group}:{artifact}"),
            version: version.to_string(),
            path: rel_path.to_string(),
            line: to_line(idx),
            direct: None,
            scope,
        });
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_fixture;
    use super::*;

    #[test]
    fn gradle_lockfile() {
        let parsed = parse_fixture("gradle/gradle.lockfile");
        let got: Vec<(&str, &str, u32, Scope)> = parsed
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.line, p.scope))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "com.fasterxml.jackson.core:jackson-databind",
                    "2.13.0",
                    4,
                    Scope::Runtime
                ),
                ("junit:junit", "4.12", 5, Scope::Dev),
                (
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    6,
                    Scope::Runtime
                ),
                ("org.hamcrest:hamcrest-core", "1.3", 7, Scope::Dev),
                ("org.slf4j:slf4j-api", "1.7.32", 8, Scope::Runtime),
            ]
        );
        assert!(parsed.notes.is_empty());
    }

    #[test]
    fn gradle6_per_configuration_files_and_bad_lines() {
        let parsed = parse(
            "gradle/dependency-locks/testRuntimeClasspath.lockfile",
            "junit:junit:4.12\nbroken\n",
        );
        assert_eq!(parsed.packages[0].scope, Scope::Dev);
        assert_eq!(parsed.notes.len(), 1);
    }
}
