//! SARIF 2.1.0, shaped for GitHub code scanning: rule help, `security-severity`,
//! `partialFingerprints`, and URIs relative to `%SRCROOT%` so uploads from any checkout
//! path line up with the repository.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::RenderOptions;
use crate::finding::{Finding, FindingType, Severity, Status};
use crate::scan::ScanReport;

/// Where users find vigil's documentation (SARIF `informationUri`).
pub const INFORMATION_URI: &str = "https://github.com/vigil-security/vigil";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Informational => "note",
    }
}

fn type_tag(t: FindingType) -> &'static str {
    match t {
        FindingType::CodeVulnerability => "code",
        FindingType::PackageVulnerability => "dependency",
        FindingType::IacMisconfiguration => "iac",
        FindingType::Secret => "secret",
    }
}

fn security_severity(f: &Finding) -> String {
    format!(
        "{:.1}",
        f.cvss_score
            .unwrap_or_else(|| f.severity.representative_score())
    )
}

fn rule_descriptor(f: &Finding) -> Value {
    let mut tags = vec!["security".to_string(), type_tag(f.finding_type).to_string()];
    tags.extend(
        f.cwe
            .iter()
            .map(|c| format!("external/cwe/{}", c.to_ascii_lowercase())),
    );
    tags.extend(f.owasp.iter().cloned());
    let mut help_md = format!("**{}**\n\n{}", f.title, f.description);
    if !f.remediation.is_empty() {
        help_md.push_str(&format!("\n\n**Remediation:** {}", f.remediation));
    }
    if !f.references.is_empty() {
        help_md.push_str("\n\n**References:**\n");
        for r in &f.references {
            help_md.push_str(&format!("- {r}\n"));
        }
    }
    let help_text = if f.remediation.is_empty() {
        f.description.clone()
    } else {
        format!("{}\n\nRemediation: {}", f.description, f.remediation)
    };
    let mut rule = json!({
        "id": f.rule_id,
        "name": f.rule_id,
        "shortDescription": { "text": f.title },
        "fullDescription": { "text": if f.description.is_empty() { &f.title } else { &f.description } },
        "help": { "text": if help_text.is_empty() { f.title.clone() } else { help_text }, "markdown": help_md },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": {
            "tags": tags,
            "security-severity": security_severity(f),
            "precision": match f.confidence {
                Some(crate::finding::Confidence::High) => "high",
                Some(crate::finding::Confidence::Low) => "low",
                _ => "medium",
            },
        },
    });
    if let Some(uri) = f.references.first() {
        rule["helpUri"] = json!(uri);
    }
    rule
}

fn result(f: &Finding, rule_index: usize) -> Value {
    let l = &f.location;
    let mut region = json!({ "startLine": l.start_line.max(1) });
    if l.start_column > 0 {
        region["startColumn"] = json!(l.start_column);
    }
    if l.end_line >= l.start_line && l.end_line > 0 {
        region["endLine"] = json!(l.end_line);
    }
    if l.end_column > 0 && (l.end_line > l.start_line || l.end_column > l.start_column) {
        region["endColumn"] = json!(l.end_column);
    }
    if !f.snippet.is_empty() {
        region["snippet"] = json!({ "text": f.snippet });
    }
    let mut props = json!({
        "type": f.finding_type.as_str(),
        "severity": f.severity.as_str(),
        "security-severity": security_severity(f),
        "status": f.status.as_str(),
    });
    if let Some(p) = &f.package {
        props["ecosystem"] = json!(p.ecosystem);
        props["packageName"] = json!(p.name);
        props["installedVersion"] = json!(p.installed_version);
        props["fixedVersion"] = json!(p.fixed_version.as_deref().unwrap_or("no fix available"));
        props["vulnerabilityId"] = json!(p.vulnerability_id);
        props["aliases"] = json!(p.aliases);
        props["summary"] = json!(p.summary);
        props["remediation"] = json!(f.remediation);
        props["references"] = json!(f.references);
    }
    if let Some(score) = f.cvss_score {
        props["cvssScore"] = json!(score);
    }
    if let Some(r) = &f.resource {
        props["resource"] = json!(r);
    }
    let mut message = f.title.clone();
    if !f.description.is_empty() && f.description != f.title {
        message = format!("{}: {}", f.title, f.description);
    }
    let mut res = json!({
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri_escape(&l.path), "uriBaseId": "%SRCROOT%" },
                "region": region,
            }
        }],
        "partialFingerprints": { "vigil/v1": f.fingerprint },
        "properties": props,
    });
    if !f.trace.is_empty() {
        let steps: Vec<Value> = f
            .trace
            .iter()
            .map(|s| {
                json!({ "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri_escape(&l.path), "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": s.line.max(1) },
                    },
                    "message": { "text": s.note },
                }})
            })
            .collect();
        res["codeFlows"] = json!([{ "threadFlows": [{ "locations": steps }] }]);
    }
    if f.status == Status::Suppressed {
        res["suppressions"] = json!([{
            "kind": "inSource",
            "justification": f.suppression.as_deref().unwrap_or("suppressed"),
        }]);
    }
    res
}

/// Percent-encodes what a relative URI reference may not contain raw.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn root_uri(report: &ScanReport) -> String {
    let root = std::fs::canonicalize(&report.root).unwrap_or_else(|_| report.root.clone());
    let root = if root.is_file() {
        root.parent().map(|p| p.to_path_buf()).unwrap_or(root)
    } else {
        root
    };
    let mut s = uri_escape(&root.to_string_lossy());
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    if !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{s}")
}

/// Renders the report as a SARIF 2.1.0 log.
pub fn render_sarif(report: &ScanReport, opts: &RenderOptions) -> String {
    let visible = opts.visible(report);
    let mut rule_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    let mut results = Vec::new();
    for f in &visible {
        let idx = *rule_ids.entry(&f.rule_id).or_insert_with(|| {
            rules.push(rule_descriptor(f));
            rules.len() - 1
        });
        results.push(result(f, idx));
    }
    let notifications: Vec<Value> = report
        .summary
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "level": "warning",
                "message": { "text": format!("{}: {}", d.analyzer, d.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": {
                    "uri": uri_escape(&d.path), "uriBaseId": "%SRCROOT%" } } }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "vigil",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri(report) } },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdata::sample_report;

    fn validate(doc: &Value) {
        let schema: Value =
            serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    }

    #[test]
    fn validates_against_official_schema() {
        let r = sample_report();
        for show_suppressed in [false, true] {
            let out = render_sarif(
                &r,
                &RenderOptions {
                    show_suppressed,
                    color: false,
                },
            );
            validate(&serde_json::from_str(&out).unwrap());
        }
    }

    #[test]
    fn has_what_github_code_scanning_reads() {
        let out = render_sarif(&sample_report(), &RenderOptions::default());
        let v: Value = serde_json::from_str(&out).unwrap();
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["properties"]["security-severity"], "9.5");
        assert_eq!(rules[1]["properties"]["security-severity"], "7.2");
        assert!(
            rules[0]["help"]["text"]
                .as_str()
                .unwrap()
                .contains("Revoke")
        );
        let res = &run["results"][0];
        assert_eq!(
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "app/settings.py"
        );
        assert_eq!(
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        assert_eq!(
            res["partialFingerprints"]["vigil/v1"]
                .as_str()
                .unwrap()
                .len(),
            32
        );
        assert!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                .as_str()
                .unwrap()
                .ends_with('/')
        );
        let pkg = &run["results"][1]["properties"];
        assert_eq!(pkg["fixedVersion"], "4.17.21");
        assert_eq!(pkg["packageName"], "lodash");
        assert!(run["results"][1]["codeFlows"].is_array());
    }

    #[test]
    fn escapes_uris() {
        assert_eq!(uri_escape("a b/c#d.py"), "a%20b/c%23d.py");
    }
}
