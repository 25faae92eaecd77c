//! The one finding model every analyzer produces and every reporter consumes.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What kind of problem a finding is; the same four types Amazon Inspector uses, so
/// exports line up with reports security teams already read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingType {
    CodeVulnerability,
    PackageVulnerability,
    IacMisconfiguration,
    Secret,
}

impl FindingType {
    /// The upper-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingType::CodeVulnerability => "CODE_VULNERABILITY",
            FindingType::PackageVulnerability => "PACKAGE_VULNERABILITY",
            FindingType::IacMisconfiguration => "IAC_MISCONFIGURATION",
            FindingType::Secret => "SECRET",
        }
    }
}

/// Severity, ordered from least to most severe so `>=` means "at least as bad".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Maps a CVSS base score with the bands in DESIGN.md (the FIRST qualitative scale).
    pub fn from_cvss(score: f64) -> Severity {
        if score >= 9.0 {
            Severity::Critical
        } else if score >= 7.0 {
            Severity::High
        } else if score >= 4.0 {
            Severity::Medium
        } else if score > 0.0 {
            Severity::Low
        } else {
            Severity::Informational
        }
    }

    /// The upper-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Informational => "INFORMATIONAL",
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }

    /// A representative score for SARIF `security-severity` when no CVSS score exists;
    /// GitHub code scanning buckets on these same thresholds.
    pub fn representative_score(self) -> f64 {
        match self {
            Severity::Critical => 9.5,
            Severity::High => 8.0,
            Severity::Medium => 5.5,
            Severity::Low => 2.0,
            Severity::Informational => 0.0,
        }
    }

    /// Every severity, most severe first (for summaries).
    pub const ALL_DESC: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
    ];
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Accepts vigil's names, their lower-case forms, `info`, and Semgrep's ERROR/WARNING/INFO
/// so rule files and `--fail-on` share one vocabulary.
impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "CRITICAL" => Ok(Severity::Critical),
            "HIGH" | "ERROR" => Ok(Severity::High),
            "MEDIUM" | "MODERATE" | "WARNING" => Ok(Severity::Medium),
            "LOW" => Ok(Severity::Low),
            "INFORMATIONAL" | "INFO" | "NONE" => Ok(Severity::Informational),
            other => Err(format!(
                "unknown severity `{other}` (expected critical, high, medium, low or informational)"
            )),
        }
    }
}

/// Lifecycle state of a finding, as kept in the findings store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Active,
    Suppressed,
    Closed,
}

impl Status {
    /// The upper-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "ACTIVE",
            Status::Suppressed => "SUPPRESSED",
            Status::Closed => "CLOSED",
        }
    }
}

/// How sure a rule is that a match is a real problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// Where a finding is, 1-based lines and columns, path relative to the scan root with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// The package side of a PACKAGE_VULNERABILITY finding.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PackageInfo {
    pub ecosystem: String,
    pub name: String,
    pub installed_version: String,
    /// Lowest fixed version above the installed one; `None` means no fix is available.
    pub fixed_version: Option<String>,
    pub vulnerability_id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: String,
}

/// One step of a taint trace (source → … → sink), for reports that explain a data flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    pub line: u32,
    pub note: String,
}

/// One problem found by one analyzer at one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(rename = "type")]
    pub finding_type: FindingType,
    pub rule_id: String,
    pub title: String,
    pub description: String,
    pub remediation: String,
    pub severity: Severity,
    /// CVSS base score when the finding has one (SCA); drives `severity`.
    pub cvss_score: Option<f64>,
    pub confidence: Option<Confidence>,
    pub cwe: Vec<String>,
    pub owasp: Vec<String>,
    pub cve: Vec<String>,
    pub references: Vec<String>,
    pub location: Location,
    /// The source line(s) of the finding, secrets already redacted.
    pub snippet: String,
    pub package: Option<PackageInfo>,
    /// The IaC resource (logical id or Terraform address).
    pub resource: Option<String>,
    pub trace: Vec<TraceStep>,
    pub status: Status,
    /// Why a SUPPRESSED finding is suppressed (the comment or config that did it).
    pub suppression: Option<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub fingerprint: String,
    /// The text the fingerprint is built from (normalised by [`normalize_match`]); never
    /// serialised because for secrets it is the secret itself.
    #[serde(skip)]
    pub match_key: String,
}

impl Finding {
    /// A finding with the required parts and neutral defaults; analyzers fill in the rest.
    pub fn new(
        finding_type: FindingType,
        rule_id: impl Into<String>,
        title: impl Into<String>,
        severity: Severity,
        location: Location,
    ) -> Finding {
        let now = Utc::now();
        Finding {
            finding_type,
            rule_id: rule_id.into(),
            title: title.into(),
            description: String::new(),
            remediation: String::new(),
            severity,
            cvss_score: None,
            confidence: None,
            cwe: Vec::new(),
            owasp: Vec::new(),
            cve: Vec::new(),
            references: Vec::new(),
            location,
            snippet: String::new(),
            package: None,
            resource: None,
            trace: Vec::new(),
            status: Status::Active,
            suppression: None,
            first_seen: now,
            last_seen: now,
            fingerprint: String::new(),
            match_key: String::new(),
        }
    }

    /// Sets severity and score together so they never disagree.
    pub fn with_cvss(mut self, score: f64) -> Finding {
        self.cvss_score = Some(score);
        self.severity = Severity::from_cvss(score);
        self
    }
}

/// Collapses all whitespace so that reformatting a match (indentation, line breaks,
/// spaces around operators) leaves its fingerprint unchanged.
pub fn normalize_match(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The stable identity of a finding: rule + path + normalised matched text + occurrence
/// index among identical matches in the same file. No line number, so inserting unrelated
/// lines above the finding keeps it.
pub fn fingerprint(rule_id: &str, path: &str, match_key: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    for part in [rule_id, path, &normalize_match(match_key)] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.update(occurrence.to_le_bytes());
    hex::encode(&h.finalize()[..16])
}

/// Fills `fingerprint` for every finding. Identical (rule, path, key) triples get
/// occurrence indexes in line order, so the n-th identical match keeps its identity.
pub fn assign_fingerprints(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.location.path,
            a.location.start_line,
            a.location.start_column,
            &a.rule_id,
        )
            .cmp(&(
                &b.location.path,
                b.location.start_line,
                b.location.start_column,
                &b.rule_id,
            ))
    });
    let mut seen: std::collections::HashMap<(String, String, String), usize> =
        std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let key = if f.match_key.is_empty() {
            f.snippet.clone()
        } else {
            f.match_key.clone()
        };
        let norm = normalize_match(&key);
        let n = seen
            .entry((f.rule_id.clone(), f.location.path.clone(), norm))
            .or_insert(0);
        f.fingerprint = fingerprint(&f.rule_id, &f.location.path, &key, *n);
        *n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvss_bands_follow_design_table() {
        assert_eq!(Severity::from_cvss(10.0), Severity::Critical);
        assert_eq!(Severity::from_cvss(9.0), Severity::Critical);
        assert_eq!(Severity::from_cvss(8.9), Severity::High);
        assert_eq!(Severity::from_cvss(7.0), Severity::High);
        assert_eq!(Severity::from_cvss(6.9), Severity::Medium);
        assert_eq!(Severity::from_cvss(4.0), Severity::Medium);
        assert_eq!(Severity::from_cvss(3.9), Severity::Low);
        assert_eq!(Severity::from_cvss(0.1), Severity::Low);
        assert_eq!(Severity::from_cvss(0.0), Severity::Informational);
    }

    #[test]
    fn severity_parses_semgrep_and_vigil_names() {
        assert_eq!("ERROR".parse::<Severity>(), Ok(Severity::High));
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Medium));
        assert_eq!("info".parse::<Severity>(), Ok(Severity::Informational));
        assert_eq!("Critical".parse::<Severity>(), Ok(Severity::Critical));
        assert!("severe".parse::<Severity>().is_err());
    }

    fn finding_at(line: u32, key: &str) -> Finding {
        let mut f = Finding::new(
            FindingType::Secret,
            "r",
            "t",
            Severity::High,
            Location {
                path: "a.py".into(),
                start_line: line,
                start_column: 1,
                end_line: line,
                end_column: 2,
            },
        );
        f.match_key = key.into();
        f
    }

    #[test]
    fn fingerprint_ignores_line_numbers_and_whitespace() {
        let mut a = vec![finding_at(3, "x = call(a, b)")];
        let mut b = vec![finding_at(40, "x=call(a,\n    b)")];
        assign_fingerprints(&mut a);
        assign_fingerprints(&mut b);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
    }

    #[test]
    fn identical_matches_get_distinct_stable_fingerprints() {
        let mut v = vec![finding_at(9, "k"), finding_at(2, "k")];
        assign_fingerprints(&mut v);
        assert_ne!(v[0].fingerprint, v[1].fingerprint);
        // Shift both down: identities follow the order, not the lines.
        let mut w = vec![finding_at(12, "k"), finding_at(5, "k")];
        assign_fingerprints(&mut w);
        assert_eq!(v[0].fingerprint, w[0].fingerprint);
        assert_eq!(v[1].fingerprint, w[1].fingerprint);
    }

    #[test]
    fn fingerprint_depends_on_rule_and_path() {
        assert_ne!(fingerprint("a", "p", "k", 0), fingerprint("b", "p", "k", 0));
        assert_ne!(fingerprint("a", "p", "k", 0), fingerprint("a", "q", "k", 0));
    }
}
