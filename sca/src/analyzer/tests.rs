//! Analyzer tests over a small multi-lockfile project (tests/fixtures/project) and the
//! real OSV fixture records.

use std::path::{Path, PathBuf};

use vigil_core::{Analyzer, Project, RepoConfig, Severity};

use super::*;
use crate::db::update_from_path;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn project_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    walk(root, root, &mut out);
    out.sort();
    out
}

fn run(analyzer: &ScaAnalyzer) -> Output {
    let root = fixture("project");
    let files = project_files(&root);
    let config = RepoConfig::default();
    analyzer.analyze_project(&Project {
        root: &root,
        files: &files,
        config: &config,
    })
}

fn db_with_fixtures() -> (tempfile::TempDir, AdvisoryDb) {
    let data = tempfile::tempdir().unwrap();
    update_from_path(data.path(), &fixture("osv")).unwrap();
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    (data, db)
}

fn find<'a>(out: &'a Output, name: &str, id: &str) -> &'a Finding {
    out.findings
        .iter()
        .find(|f| f.package.as_ref().is_some_and(|p| p.name == name) && f.rule_id == id)
        .unwrap_or_else(|| {
            let got: Vec<_> = out
                .findings
                .iter()
                .map(|f| (&f.rule_id, &f.snippet))
                .collect();
            panic!("no {id} for {name}; got {got:?}")
        })
}

#[test]
fn findings_for_a_multi_lockfile_project() {
    let (_data, db) = db_with_fixtures();
    let out = run(&ScaAnalyzer::new(Some(db)));

    // lodash 4.17.15: two distinct vulnerabilities, both fixed in 4.17.21.
    let f = find(&out, "lodash", "CVE-2021-23337");
    let p = f.package.as_ref().unwrap();
    assert_eq!(p.installed_version, "4.17.15");
    assert_eq!(p.fixed_version.as_deref(), Some("4.17.21"));
    assert_eq!(p.ecosystem, "npm");
    assert_eq!(p.aliases, vec!["GHSA-35jh-r3h4-6jhm"]);
    assert_eq!(f.remediation, "upgrade lodash 4.17.15 → 4.17.21");
    assert_eq!(f.cvss_score, Some(7.2));
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.cve, vec!["CVE-2021-23337"]);
    assert!(!f.references.is_empty());
    assert!(!f.description.is_empty());
    assert_eq!(f.location.path, "web/package-lock.json");
    assert!(f.location.start_line > 1);
    assert_eq!(f.match_key, "npm|lodash|4.17.15|CVE-2021-23337");
    find(&out, "lodash", "CVE-2020-28500");

    // last_affected only: no fix.
    let f = find(&out, "lodash.template", "CVE-2021-23337");
    assert_eq!(f.package.as_ref().unwrap().fixed_version, None);
    assert!(
        f.remediation.starts_with("no fix available"),
        "{}",
        f.remediation
    );

    // minimist 1.2.5: only the 1.2.6 fix applies (1.2.3 is below it).
    let f = find(&out, "minimist", "CVE-2021-44906");
    assert_eq!(
        f.package.as_ref().unwrap().fixed_version.as_deref(),
        Some("1.2.6")
    );
    assert!(out.findings.iter().all(|f| f.rule_id != "CVE-2020-7598"));

    // Mercurial (lockfile spelling) matches `mercurial`; PYSEC + GHSA merge into one CVE.
    let merc: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.package.as_ref().is_some_and(|p| p.name == "Mercurial"))
        .collect();
    assert_eq!(merc.len(), 1, "{merc:?}");
    let p = merc[0].package.as_ref().unwrap();
    assert_eq!(p.vulnerability_id, "CVE-2014-9390");
    assert_eq!(p.aliases, vec!["GHSA-6vvc-c2m3-cjf3", "PYSEC-2020-217"]);
    assert_eq!(p.fixed_version.as_deref(), Some("3.2.3"));

    // protobuf: PYSEC-2022-48 and GHSA-77rm-9x9h-xj3g are one vulnerability.
    let proto: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.package.as_ref().is_some_and(|p| p.name == "protobuf"))
        .collect();
    assert_eq!(proto.len(), 1, "{proto:?}");
    assert_eq!(proto[0].rule_id, "CVE-2021-22570");
    assert_eq!(
        proto[0].package.as_ref().unwrap().fixed_version.as_deref(),
        Some("3.15.0")
    );

    // Reachability: lodash is required by web/src/index.js, lodash.template (dev) is not.
    let f = find(&out, "lodash", "CVE-2020-28500");
    assert!(
        f.description
            .contains("imported by this repository's source at web/src/index.js:1"),
        "{}",
        f.description
    );
    assert_eq!(f.confidence, Some(vigil_core::Confidence::High));
    let f = find(&out, "lodash.template", "CVE-2021-23337");
    assert!(
        f.description.contains("no import of lodash.template"),
        "{}",
        f.description
    );
    assert!(
        f.description.contains("development-only"),
        "{}",
        f.description
    );
    assert_eq!(f.confidence, Some(vigil_core::Confidence::Low));
    let f = find(&out, "minimist", "CVE-2021-44906");
    assert_eq!(f.confidence, Some(vigil_core::Confidence::Medium));
    assert!(
        merc[0].description.contains("api/app/main.py:2"),
        "{}",
        merc[0].description
    );

    // requests 2.31.0 is past every fix.
    assert!(
        out.findings
            .iter()
            .all(|f| f.package.as_ref().is_none_or(|p| p.name != "requests"))
    );

    // Unpinned requirement: one informational finding.
    let un: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == UNPINNED_RULE)
        .collect();
    assert_eq!(un.len(), 1);
    assert_eq!(un[0].severity, Severity::Informational);
    assert_eq!(un[0].location.path, "api/requirements.txt");
    assert_eq!(un[0].location.start_line, 5);

    // The malformed Cargo.lock is a diagnostic naming it; the rest went on.
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.path == "broken/Cargo.lock"),
        "{:?}",
        out.diagnostics
    );
    assert!(
        out.counters.contains(&("sca: lockfiles", 3)),
        "{:?}",
        out.counters
    );
}

#[test]
fn no_database_still_parses_and_says_so() {
    let out = run(&ScaAnalyzer::new(None));
    assert!(out.findings.iter().all(|f| f.rule_id == UNPINNED_RULE));
    assert_eq!(out.findings.len(), 1);
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.message.contains("no advisory database"))
    );
    assert!(out.counters.contains(&("sca: no advisory database", 1)));
}

#[test]
fn stale_database_warns() {
    let (_data, db) = db_with_fixtures();
    let later = db.built_at() + chrono::Duration::days(10);
    let out = run(&ScaAnalyzer::new(Some(db)).with_now(later));
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.message.contains("10 days old")),
        "{:?}",
        out.diagnostics
    );
    assert!(!out.findings.is_empty());
}

#[test]
fn unparseable_installed_version_is_reported() {
    let (_data, db) = db_with_fixtures();
    let pkg = Package {
        ecosystem: Ecosystem::PyPI,
        name: "mercurial".into(),
        version: "not-a-version".into(),
        path: "requirements.txt".into(),
        line: 3,
        direct: Some(true),
        scope: lockfiles::Scope::Runtime,
    };
    let mut out = Output::default();
    ScaAnalyzer::new(Some(db)).analyze_packages(&[pkg], &mut out);
    assert!(out.findings.is_empty());
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.message.contains("not-a-version") && d.path == "requirements.txt"),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn sibling_reads_stay_inside_the_root() {
    let root = fixture("project");
    assert!(read_sibling(&root, "api/requirements.txt").is_some());
    assert!(read_sibling(&root, "../project/api/requirements.txt").is_none());
    assert!(read_sibling(&root, "/etc/passwd").is_none());
    assert!(read_sibling(&root, "api/missing.txt").is_none());
}

#[test]
fn unreadable_lockfile_is_a_diagnostic() {
    let root = fixture("project");
    let files = vec![
        "gone/package-lock.json".to_string(),
        "api/requirements.txt".to_string(),
    ];
    let (packages, diagnostics) = crate::collect_packages(&root, &files);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.path == "gone/package-lock.json" && d.message.contains("cannot read"))
    );
    assert_eq!(packages.len(), 3);
}

#[test]
fn lockfiles_over_the_walk_size_limit_are_still_scanned() {
    // The main walk skips files above max_file_size and leaves them out of `files`.
    let (_data, db) = db_with_fixtures();
    let root = fixture("project");
    let files: Vec<String> = project_files(&root)
        .into_iter()
        .filter(|f| f != "web/package-lock.json")
        .collect();
    let config = RepoConfig {
        max_file_size: 200,
        ..RepoConfig::default()
    };
    let out = ScaAnalyzer::new(Some(db)).analyze_project(&Project {
        root: &root,
        files: &files,
        config: &config,
    });
    find(&out, "lodash", "CVE-2021-23337");
    assert!(
        out.counters
            .iter()
            .any(|(k, v)| k.contains("size limit") && *v >= 1),
        "{:?}",
        out.counters
    );
}
