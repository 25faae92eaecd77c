//! Analyzer-level behaviour: fixtures, locations, suppressions, diagnostics, speed.

use std::path::Path;
use std::time::Instant;

use vigil_core::{Analyzer, Project, RepoConfig, SourceFile, Status};

use super::{run_cfn, run_tf};
use crate::IacAnalyzer;

const GOOD_CFN: &str = include_str!("fixtures/good/template.yaml");
const BAD_CFN: &str = include_str!("fixtures/bad/template.yaml");

fn fixture_dir(rel: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/tests/fixtures")
        .join(rel);
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn tf_fixture(rel: &str) -> Vec<vigil_core::Finding> {
    let files = fixture_dir(rel);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    run_tf(&refs)
}

fn summary(f: &[vigil_core::Finding]) -> Vec<String> {
    let mut v: Vec<String> = f
        .iter()
        .map(|f| {
            format!(
                "{} {}:{} {:?}",
                f.rule_id, f.location.path, f.location.start_line, f.status
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn correct_cloudformation_templates_have_no_findings() {
    let f = run_cfn(GOOD_CFN);
    assert!(f.is_empty(), "{:#?}", summary(&f));
    let f = run_cfn(include_str!("fixtures/good/services.json"));
    assert!(f.is_empty(), "{:#?}", summary(&f));
}

#[test]
fn correct_terraform_module_has_no_findings() {
    let f = tf_fixture("good/tf");
    assert!(f.is_empty(), "{:#?}", summary(&f));
}

fn has(f: &[vigil_core::Finding], id: &str, line: u32, status: Status) -> bool {
    f.iter()
        .any(|x| x.rule_id == id && x.location.start_line == line && x.status == status)
}

#[test]
fn bad_cloudformation_template_reports_precise_lines_and_suppressions() {
    let f = run_cfn(BAD_CFN);
    let s = summary(&f);
    assert!(has(&f, "VIGIL-AWS-S3-001", 14, Status::Active), "{s:#?}");
    assert!(has(&f, "VIGIL-AWS-S3-011", 21, Status::Active), "{s:#?}");
    assert!(has(&f, "VIGIL-AWS-IAM-001", 35, Status::Active), "{s:#?}");
    // cfn_nag W15 (Allow + NotAction) maps to VIGIL-AWS-IAM-004: suppressed, kept.
    assert!(
        has(&f, "VIGIL-AWS-IAM-004", 38, Status::Suppressed),
        "{s:#?}"
    );
    // Ref to a parameter default: reported where it is used.
    assert!(
        has(&f, "VIGIL-AWS-SECRET-002", 46, Status::Active),
        "{s:#?}"
    );
    assert!(has(&f, "VIGIL-AWS-SECRET-001", 4, Status::Active), "{s:#?}");
    assert!(has(&f, "VIGIL-AWS-RDS-003", 47, Status::Active), "{s:#?}");
    // Missing property: reported on the resource line.
    assert!(has(&f, "VIGIL-AWS-RDS-001", 41, Status::Active), "{s:#?}");
    assert!(has(&f, "VIGIL-AWS-SG-001", 56, Status::Active), "{s:#?}");
    // SAM: Globals runtime, secrets in environment, function URL without auth.
    assert!(has(&f, "VIGIL-AWS-LAMBDA-005", 9, Status::Active), "{s:#?}");
    assert!(
        has(&f, "VIGIL-AWS-LAMBDA-001", 66, Status::Active),
        "{s:#?}"
    );
    assert!(
        has(&f, "VIGIL-AWS-LAMBDA-002", 68, Status::Active),
        "{s:#?}"
    );
    assert!(
        has(&f, "VIGIL-AWS-LAMBDA-004", 57, Status::Suppressed),
        "{s:#?}"
    );
    // Secrets never reach the snippet.
    let lambda = f
        .iter()
        .find(|x| x.rule_id == "VIGIL-AWS-LAMBDA-001")
        .unwrap();
    assert_eq!(
        lambda.snippet.trim(),
        format!("STRIPE_SECRET_KEY: sk{}", "*".repeat(25))
    );
    assert!(
        !f.iter()
            .any(|x| x.snippet.contains("ChangeMe123") || x.snippet.contains("sk_live"))
    );
    let rds = f.iter().find(|x| x.rule_id == "VIGIL-AWS-RDS-003").unwrap();
    assert_eq!(rds.resource.as_deref(), Some("Db"));
    assert_eq!(rds.snippet.trim(), "PubliclyAccessible: true");
    assert_eq!(rds.match_key, "VIGIL-AWS-RDS-003 Db PubliclyAccessible");
    assert!(rds.remediation.contains("PubliclyAccessible: false"));
    assert_eq!(rds.cwe, vec!["CWE-284".to_string()]);
    let suppressed = f.iter().find(|x| x.rule_id == "VIGIL-AWS-IAM-004").unwrap();
    assert_eq!(
        suppressed.suppression.as_deref(),
        Some("Metadata cfn_nag: W15")
    );
}

#[test]
fn bad_terraform_reports_split_resources_modules_and_comment_suppressions() {
    let f = tf_fixture("bad/tf");
    let s = summary(&f);
    // Split versioning resource: reported on its own status line.
    assert!(has(&f, "VIGIL-AWS-S3-008", 12, Status::Active), "{s:#?}");
    // No encryption configuration for the bucket anywhere: reported on the bucket.
    assert!(has(&f, "VIGIL-AWS-S3-007", 5, Status::Active), "{s:#?}");
    assert!(
        has(&f, "VIGIL-AWS-S3-003", 19, Status::Suppressed),
        "{s:#?}"
    );
    assert!(
        has(&f, "VIGIL-AWS-S3-004", 20, Status::Suppressed),
        "{s:#?}"
    );
    assert!(has(&f, "VIGIL-AWS-S3-005", 17, Status::Active), "{s:#?}");
    // Variable default flows into the security group rule.
    assert!(has(&f, "VIGIL-AWS-SG-005", 28, Status::Active), "{s:#?}");
    // Local module followed: findings point into the module's file.
    let ebs = f.iter().find(|x| x.rule_id == "VIGIL-AWS-EBS-001").unwrap();
    assert_eq!(ebs.location.path, "legacy/main.tf");
    assert_eq!(ebs.location.start_line, 5);
    assert_eq!(
        ebs.resource.as_deref(),
        Some("module.legacy.aws_ebs_volume.v")
    );
    assert_eq!(ebs.status, Status::Suppressed);
    assert!(has(&f, "VIGIL-AWS-IAM-002", 10, Status::Active), "{s:#?}");
}

#[test]
fn analyzer_reports_bad_templates_as_diagnostics_and_goes_on() {
    let a = IacAnalyzer::new();
    assert_eq!(a.name(), "iac");
    assert!(a.wants("stacks/app.template") && a.wants("a.yml") && a.wants("x.JSON"));
    assert!(!a.wants("main.tf") && !a.wants("package.json") && !a.wants("x.tf.json"));
    let file = |rel: &'static str, text: &'static str| SourceFile {
        rel_path: rel,
        abs_path: Path::new(rel),
        text,
        lossy: false,
    };
    let out = a.analyze_file(&file(
        "broken.yaml",
        "AWSTemplateFormatVersion: x\nResources:\n  A: [\n",
    ));
    assert!(out.findings.is_empty());
    assert_eq!(out.diagnostics.len(), 1);
    assert!(
        out.diagnostics[0].message.starts_with("broken.yaml:"),
        "{:?}",
        out.diagnostics
    );
    // Not a template: silently ignored.
    let out = a.analyze_file(&file("ci.yml", "on: push\njobs: {}\n"));
    assert!(out.findings.is_empty() && out.diagnostics.is_empty());
    // JSON template.
    let out = a.analyze_file(&file(
        "t.json",
        "{\"Resources\": {\"V\": {\"Type\": \"AWS::EC2::Volume\", \"Properties\": {\"Size\": 1}}}}",
    ));
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].rule_id, "VIGIL-AWS-EBS-001");
    // Unknown intrinsic: a diagnostic, and the rest is checked.
    let out = a.analyze_file(&file(
        "u.yaml",
        "Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Encrypted: !Magic x\n      Size: 1\n",
    ));
    assert!(out.findings.is_empty(), "an unknown value never reports");
    assert!(
        out.diagnostics[0].message.contains("u.yaml:5"),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn project_pass_reads_terraform_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("infra")).unwrap();
    std::fs::write(
        dir.path().join("infra/main.tf"),
        "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("infra/broken.tf"),
        "resource \"x\" {\n  a = \n",
    )
    .unwrap();
    let files = vec![
        "infra/broken.tf".to_string(),
        "infra/main.tf".to_string(),
        "README.md".to_string(),
    ];
    let config = RepoConfig::default();
    let project = Project {
        root: dir.path(),
        files: &files,
        config: &config,
    };
    let out = IacAnalyzer::new().analyze_project(&project);
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    assert_eq!(out.findings[0].location.path, "infra/main.tf");
    assert_eq!(out.findings[0].location.start_line, 1);
    assert_eq!(out.diagnostics.len(), 1);
    assert!(
        out.diagnostics[0].message.starts_with("infra/broken.tf:"),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn a_few_hundred_templates_take_milliseconds() {
    let a = IacAnalyzer::new();
    let start = Instant::now();
    let mut n = 0;
    for i in 0..300 {
        let text = if i % 2 == 0 { GOOD_CFN } else { BAD_CFN };
        n += a
            .scan_cloudformation("t.yaml", text)
            .unwrap()
            .unwrap()
            .0
            .len();
    }
    let cfn = start.elapsed();
    let files = fixture_dir("good/tf");
    let start = Instant::now();
    for _ in 0..100 {
        let names: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
        let (f, _) = a.scan_terraform(&names, &|p| {
            files.iter().find(|(q, _)| q == p).map(|(_, t)| t.clone())
        });
        n += f.len();
    }
    let tf = start.elapsed();
    eprintln!(
        "300 CloudFormation templates: {cfn:?}; 100 Terraform module scans: {tf:?}; {n} findings"
    );
    assert!(n > 0);
}

#[test]
fn every_suppression_syntax_is_honoured() {
    let cfn = "Resources:\n  A:\n    Type: AWS::EC2::Volume\n    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_3\n            comment: scratch disk\n    Properties: {Size: 1}\n  B:\n    Type: AWS::EC2::Volume\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [VIGIL-AWS-EBS-001]\n    Properties: {Size: 1}\n  C:\n    Type: AWS::EC2::Volume\n    Metadata:\n      vigil:\n        ignore: [VIGIL-AWS-EBS-001]\n    Properties: {Size: 1}\n  D:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1 # vigil-ignore: VIGIL-AWS-EBS-001\n  E:\n    Type: AWS::EC2::Volume\n    Metadata:\n      vigil:\n        ignore: [VIGIL-AWS-S3-001]\n    Properties: {Size: 1}\n";
    let f = run_cfn(cfn);
    let status = |res: &str| {
        f.iter()
            .find(|x| x.resource.as_deref() == Some(res) && x.rule_id == "VIGIL-AWS-EBS-001")
            .map(|x| (x.status, x.suppression.clone()))
            .unwrap()
    };
    assert_eq!(
        status("A"),
        (
            Status::Suppressed,
            Some("Metadata checkov: CKV_AWS_3".into())
        )
    );
    assert_eq!(status("B").0, Status::Suppressed);
    assert_eq!(status("C").0, Status::Suppressed);
    assert_eq!(status("D").0, Status::Suppressed);
    assert_eq!(
        status("E").0,
        Status::Active,
        "another check's id does not suppress"
    );

    let tf = "# tfsec:ignore:aws-ebs-enable-volume-encryption:exp:2099-01-01\nresource \"aws_ebs_volume\" \"a\" {\n  size = 1\n}\nresource \"aws_ebs_volume\" \"b\" {\n  #checkov:skip=CKV_AWS_3:scratch\n  size = 1\n}\n#trivy:ignore:aws-ebs-enable-volume-encryption\nresource \"aws_ebs_volume\" \"c\" {\n  size = 1\n}\nresource \"aws_ebs_volume\" \"d\" {\n  size = 1 # vigil-ignore: VIGIL-AWS-EBS-001\n}\nresource \"aws_ebs_volume\" \"e\" {\n  size = 1 # checkov:skip=CKV_AWS_20\n}\n";
    let f = run_tf(&[("main.tf", tf)]);
    let status = |res: &str| {
        f.iter()
            .find(|x| x.resource.as_deref() == Some(res))
            .map(|x| x.status)
            .unwrap()
    };
    for r in [
        "aws_ebs_volume.a",
        "aws_ebs_volume.b",
        "aws_ebs_volume.c",
        "aws_ebs_volume.d",
    ] {
        assert_eq!(status(r), Status::Suppressed, "{r}");
    }
    assert_eq!(status("aws_ebs_volume.e"), Status::Active);
}

#[test]
fn a_module_used_by_two_roots_reports_each_line_once() {
    let f = run_tf(&[
        (
            "prod/main.tf",
            "module \"disk\" {\n  source = \"../modules/disk\"\n}\n",
        ),
        (
            "staging/main.tf",
            "module \"disk\" {\n  source = \"../modules/disk\"\n}\n",
        ),
        (
            "modules/disk/main.tf",
            "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\n",
        ),
    ]);
    let ebs: Vec<_> = f
        .iter()
        .filter(|x| x.rule_id == "VIGIL-AWS-EBS-001")
        .collect();
    assert_eq!(ebs.len(), 1, "{:?}", summary(&f));
    assert_eq!(ebs[0].location.path, "modules/disk/main.tf");
}

#[test]
fn full_scan_through_core_orchestrator() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("cfn/good.yaml", GOOD_CFN);
    write("cfn/bad.yaml", BAD_CFN);
    write(
        "cfn/broken.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: {Type: [\n",
    );
    write("ci/workflow.yml", "on: push\njobs: {}\n");
    for (rel, text) in fixture_dir("good/tf") {
        write(&format!("tf/good/{rel}"), &text);
    }
    for (rel, text) in fixture_dir("bad/tf") {
        write(&format!("tf/bad/{rel}"), &text);
    }
    let analyzers: Vec<Box<dyn Analyzer>> = vec![Box::new(IacAnalyzer::new())];
    let report = vigil_core::scan(
        root,
        &RepoConfig::default(),
        &analyzers,
        &vigil_core::ScanOptions {
            threads: 2,
            progress: None,
        },
    )
    .unwrap();
    let active: Vec<_> = report.active().collect();
    assert!(
        active.iter().all(|f| !f.location.path.contains("good")),
        "{:?}",
        summary(&report.findings)
    );
    assert!(active.iter().any(|f| f.location.path == "cfn/bad.yaml"));
    assert!(active.iter().any(|f| f.location.path == "tf/bad/legacy/main.tf" && f.rule_id == "VIGIL-AWS-IAM-002"));
    let fps: std::collections::HashSet<_> = report
        .findings
        .iter()
        .map(|f| f.fingerprint.clone())
        .collect();
    assert_eq!(fps.len(), report.findings.len(), "fingerprints are unique");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.finding_type == vigil_core::FindingType::IacMisconfiguration)
    );
    let diags: Vec<_> = report
        .summary
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        diags.iter().any(|m| m.starts_with("cfn/broken.yaml:")),
        "{diags:?}"
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
}

#[test]
fn truncated_and_mangled_inputs_never_panic() {
    let a = IacAnalyzer::new();
    let tf = fixture_dir("good/tf");
    let main_tf = tf
        .iter()
        .find(|(p, _)| p == "main.tf")
        .map(|(_, t)| t.clone())
        .unwrap();
    for text in [GOOD_CFN, BAD_CFN, main_tf.as_str()] {
        let mut cut = 0;
        while cut < text.len() {
            let mut end = cut;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let prefix = &text[..end];
            let _ = a.scan_cloudformation("t.yaml", prefix);
            let mangled = prefix.replace(": ", ": !Ref ").replace('{', "[");
            let _ = a.scan_cloudformation("m.yaml", &mangled);
            let names = vec!["main.tf".to_string()];
            let _ = a.scan_terraform(&names, &|_| Some(prefix.to_string()));
            cut += 97;
        }
    }
}
