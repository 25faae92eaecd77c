//! A small report shared by the output-format tests.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};

use crate::finding::{
    Finding, FindingType, Location, PackageInfo, Severity, Status, TraceStep, assign_fingerprints,
};
use crate::scan::{ScanReport, Summary};

fn loc(path: &str, line: u32) -> Location {
    Location {
        path: path.into(),
        start_line: line,
        start_column: 5,
        end_line: line,
        end_column: 25,
    }
}

pub fn sample_report() -> ScanReport {
    let t = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let mut secret = Finding::new(
        FindingType::Secret,
        "aws-access-key-id",
        "AWS access key ID",
        Severity::Critical,
        loc("app/settings.py", 3),
    );
    secret.description = "An AWS access key ID is committed, \"in clear\".".into();
    secret.remediation = "Revoke the key, then load it from the environment.".into();
    secret.snippet = "AWS_KEY = \"AKIA****\"".into();
    secret.cwe = vec!["CWE-798".into()];
    secret.match_key = "AKIAXXXXXXXXXXXXXXX1".into();
    let mut pkg = Finding::new(
        FindingType::PackageVulnerability,
        "CVE-2021-23337",
        "Command injection in lodash",
        Severity::High,
        loc("web/package-lock.json", 40),
    )
    .with_cvss(7.2);
    pkg.package = Some(PackageInfo {
        ecosystem: "npm".into(),
        name: "lodash".into(),
        installed_version: "4.17.15".into(),
        fixed_version: Some("4.17.21".into()),
        vulnerability_id: "CVE-2021-23337".into(),
        aliases: vec!["GHSA-35jh-r3h4-6jhm".into()],
        summary: "Command injection in lodash".into(),
    });
    pkg.remediation = "upgrade lodash 4.17.15 → 4.17.21".into();
    pkg.references = vec!["https://nvd.nist.gov/vuln/detail/CVE-2021-23337".into()];
    pkg.trace = vec![TraceStep {
        line: 40,
        note: "declared here".into(),
    }];
    let mut sup = Finding::new(
        FindingType::Secret,
        "generic-password",
        "Hard-coded password",
        Severity::High,
        loc("tests/conftest.py", 9),
    );
    sup.status = Status::Suppressed;
    sup.suppression = Some("vigil-ignore".into());
    let mut findings = vec![secret, pkg, sup];
    for f in &mut findings {
        f.first_seen = t;
        f.last_seen = t;
    }
    assign_fingerprints(&mut findings);
    ScanReport {
        root: PathBuf::from("/src/project"),
        findings,
        summary: Summary {
            files_scanned: 3,
            analyzers: vec!["secrets".into()],
            ..Summary::default()
        },
    }
}
