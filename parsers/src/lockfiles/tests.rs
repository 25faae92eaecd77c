//! Shared test helpers (fixtures live in `fixtures/`, paths relative to it act as the scan
//! root) and tests of the dispatch and tree notes.

use super::*;

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lockfiles/fixtures")
}

/// Text of a fixture by its path under `fixtures/`.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(rel)).unwrap()
}

/// Reads a sibling like the scanner does: root-relative, `None` when absent.
pub fn read_fixture(rel: &str) -> Option<String> {
    std::fs::read_to_string(fixtures_dir().join(rel)).ok()
}

/// Parses a fixture through the public entry point.
pub fn parse_fixture(rel: &str) -> Parsed {
    parse(rel, &fixture(rel), &read_fixture).unwrap()
}

/// The one package with this name and version (panics when absent or duplicated).
pub fn find<'a>(parsed: &'a Parsed, name: &str, version: &str) -> &'a Package {
    let hits: Vec<&Package> = parsed
        .packages
        .iter()
        .filter(|p| p.name == name && p.version == version)
        .collect();
    assert_eq!(hits.len(), 1, "{name}@{version} in {:#?}", parsed.packages);
    hits[0]
}

/// The text of line `line` (1-based) of fixture `rel`, trimmed.
pub fn line_text(rel: &str, line: u32) -> String {
    fixture(rel)
        .lines()
        .nth(line as usize - 1)
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn lockfile_names() {
    for yes in [
        "package-lock.json",
        "a/npm-shrinkwrap.json",
        "yarn.lock",
        "web/pnpm-lock.yaml",
        "requirements.txt",
        "requirements-dev.txt",
        "requirements/base.txt",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "Cargo.lock",
        "go.mod",
        "go.sum",
        "Gemfile.lock",
        "composer.lock",
        "svc/pom.xml",
        "gradle.lockfile",
        "buildscript-gradle.lockfile",
        "gradle/dependency-locks/compileClasspath.lockfile",
    ] {
        assert!(is_lockfile(yes), "{yes}");
    }
    for no in [
        "package.json",
        "pyproject.toml",
        "Pipfile",
        "notes.txt",
        "docs/requirements.md",
        "composer.json",
        "x.lockfile",
        "Cargo.toml",
    ] {
        assert!(!is_lockfile(no), "{no}");
    }
}

#[test]
fn unknown_and_oversized_files_are_errors() {
    let err = parse("README.md", "", &|_| None).unwrap_err();
    assert_eq!(err.to_string(), "README.md: no parser for this file");
}

#[test]
fn bom_is_ignored() {
    let parsed = parse("requirements.txt", "\u{feff}six==1.15.0\n", &|_| None).unwrap();
    assert_eq!(parsed.packages[0].name, "six");
}

#[test]
fn repeated_requirements_and_modules_are_noted_once() {
    let parsed = parse(
        "requirements.txt",
        "six==1.15.0\nSix==1.16.0\nsix==1.16.0\n",
        &|_| None,
    )
    .unwrap();
    // Two versions under different markers are both kept; an exact repeat is not.
    assert_eq!(parsed.packages.len(), 2);
    assert_eq!(
        parsed.notes,
        ["line 3: six 1.16.0 is already declared at line 2; the repeat is ignored"]
    );
    let parsed = parse(
        "go.mod",
        "require a.b/c v1.0.0\nrequire a.b/c v1.1.0\n",
        &|_| None,
    )
    .unwrap();
    assert_eq!(parsed.packages.len(), 1);
    assert_eq!(parsed.notes.len(), 1);
}

#[test]
fn package_json_without_lockfile_is_noted() {
    let files: Vec<String> = [
        "package.json",
        "yarn.lock",
        "packages/a/package.json",
        "tools/package.json",
        "tools/node_modules/x/package.json",
        "api/pyproject.toml",
        "api/poetry.lock",
        "lib/pyproject.toml",
        "svc/pyproject.toml",
        "svc/requirements/base.txt",
        "rb/Gemfile",
        "php/composer.json",
        "php/composer.lock",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let notes = tree_notes(&files);
    let noted: Vec<&str> = notes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(noted, ["lib/pyproject.toml", "rb/Gemfile"]);

    let files = vec![
        "web/package.json".to_string(),
        "package-lock.json".to_string(),
    ];
    assert!(tree_notes(&files).is_empty());
    let files = vec![
        "web/package.json".to_string(),
        "api/package-lock.json".to_string(),
    ];
    let notes = tree_notes(&files);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0],
        (
            "web/package.json".to_string(),
            "package.json without a lockfile: dependencies are not pinned, so vulnerable versions cannot be checked".to_string()
        )
    );
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let deep = 100_000;
    let cases = [
        ("package-lock.json", "[".repeat(deep)),
        ("Pipfile.lock", "{\"default\":".repeat(deep)),
        ("pnpm-lock.yaml", "a: ".to_string() + &"[".repeat(deep)),
        (
            "pnpm-lock.yaml",
            "a: ".to_string() + &"- ".repeat(deep) + "x\n",
        ),
        (
            "pnpm-lock.yaml",
            (0..1000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect::<String>(),
        ),
        ("Cargo.lock", "a = ".to_string() + &"[".repeat(deep)),
        ("uv.lock", "a = ".to_string() + &"{b = ".repeat(deep)),
        ("pom.xml", "<project>".to_string() + &"<a>".repeat(deep)),
        (
            "pom.xml",
            "<project>".to_string() + &"<a>".repeat(deep) + &"</a>".repeat(deep) + "</project>",
        ),
        (
            "composer.lock",
            "{\"packages\":".to_string() + &"[".repeat(deep),
        ),
    ];
    for (path, text) in cases {
        let err = parse(path, &text, &|_| None).unwrap_err();
        assert_eq!(err.path, path);
        assert!(!err.message.is_empty());
    }
}

#[test]
fn malformed_fixtures_are_errors_naming_file_and_line() {
    for (rel, expect) in [
        ("malformed/truncated/package-lock.json", "line 65"),
        ("malformed/pnpm/pnpm-lock.yaml", "line 6"),
        ("malformed/cargo/Cargo.lock", "line 4"),
        ("malformed/poetry/poetry.lock", "line 3"),
        ("malformed/maven/pom.xml", "6:"),
        ("malformed/yarn/yarn.lock", "line 5"),
        ("malformed/go/go.mod", "line 4"),
        ("malformed/composer/composer.lock", "line 3"),
    ] {
        let err = parse(rel, &fixture(rel), &read_fixture).unwrap_err();
        assert_eq!(err.path, rel);
        assert!(err.message.contains(expect), "{rel}: {}", err.message);
    }
}

#[test]
fn crlf_line_endings_give_the_same_packages() {
    for rel in [
        "npm-v3/package-lock.json",
        "npm-v1/package-lock.json",
        "yarn-v1/yarn.lock",
        "yarn-berry/yarn.lock",
        "pnpm-v6/pnpm-lock.yaml",
        "pnpm-v9/pnpm-lock.yaml",
        "pip/requirements-compiled.txt",
        "poetry-2.1/poetry.lock",
        "uv/uv.lock",
        "cargo/Cargo.lock",
        "go/go.mod",
        "bundler/Gemfile.lock",
        "composer/composer.lock",
        "maven/app/pom.xml",
        "gradle/gradle.lockfile",
    ] {
        let lf = parse_fixture(rel);
        let crlf_text = fixture(rel).replace('\n', "\r\n");
        let crlf = parse(rel, &crlf_text, &read_fixture).unwrap();
        assert_eq!(lf.packages, crlf.packages, "{rel}");
        assert!(!lf.packages.is_empty(), "{rel}");
    }
}
