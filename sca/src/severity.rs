//! Severity of a merged vulnerability: the highest CVSS v3.x base score computed from the
//! records' vectors; else, when only CVSS v4.0 vectors exist, the highest v4.0 score; else
//! the records' own labels (GitHub's `database_specific.severity`,
//! `ecosystem_specific.severity`); RustSec `informational` notices are informational;
//! with no information at all, MEDIUM (an unrated vulnerability is not harmless).

use vigil_core::Severity;

use crate::cvss;
use crate::osv::Advisory;

/// How the severity was decided (shown in the finding's description).
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// Computed from this CVSS v3 vector.
    Cvss(String),
    /// The advisory database's own label; `v4_only` when a CVSS v4.0 vector existed but
    /// could not be scored (malformed).
    Label {
        label: String,
        v4_only: bool,
    },
    Informational(String),
    Unrated,
}

/// Score and severity for a group of records describing one vulnerability.
pub fn assess(group: &[&Advisory]) -> (Option<f64>, Severity, Basis) {
    let mut best: Option<(f64, String)> = None;
    let mut best_v4: Option<(f64, String)> = None;
    let mut has_v4 = false;
    for a in group {
        for s in &a.severity {
            if cvss::is_v4(&s.score) {
                has_v4 = true;
                if let Ok(score) = cvss::v4_base_score(&s.score)
                    && best_v4.as_ref().is_none_or(|(b, _)| score > *b)
                {
                    best_v4 = Some((score, s.score.clone()));
                }
                continue;
            }
            if let Ok(score) = cvss::v3_base_score(&s.score)
                && best.as_ref().is_none_or(|(b, _)| score > *b)
            {
                best = Some((score, s.score.clone()));
            }
        }
    }
    if let Some((score, vector)) = best.or(best_v4) {
        return (Some(score), Severity::from_cvss(score), Basis::Cvss(vector));
    }
    let mut label: Option<(Severity, String)> = None;
    for a in group {
        // Textual severity types (e.g. OSV's `Ubuntu`: "medium") count as labels.
        for s in &a.severity {
            if !s.kind.starts_with("CVSS")
                && let Some(sev) = from_label(&s.score)
                && label.as_ref().is_none_or(|(b, _)| sev > *b)
            {
                label = Some((sev, s.score.to_ascii_uppercase()));
            }
        }
        if let Some(l) = &a.label
            && let Some(sev) = from_label(l)
            && label.as_ref().is_none_or(|(b, _)| sev > *b)
        {
            label = Some((sev, l.clone()));
        }
    }
    if let Some((sev, l)) = label {
        return (
            None,
            sev,
            Basis::Label {
                label: l,
                v4_only: has_v4,
            },
        );
    }
    if let Some(kind) = group.iter().find_map(|a| a.informational.clone()) {
        return (None, Severity::Informational, Basis::Informational(kind));
    }
    (None, Severity::Medium, Basis::Unrated)
}

/// Maps a database's severity word; `MODERATE` is GitHub's word for medium.
pub fn from_label(label: &str) -> Option<Severity> {
    match label.trim().to_ascii_uppercase().as_str() {
        "CRITICAL" => Some(Severity::Critical),
        "HIGH" | "IMPORTANT" => Some(Severity::High),
        "MODERATE" | "MEDIUM" => Some(Severity::Medium),
        "LOW" => Some(Severity::Low),
        "NONE" | "INFO" | "INFORMATIONAL" | "NEGLIGIBLE" => Some(Severity::Informational),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osv::OsvSeverity;

    fn adv(sev: &[(&str, &str)], label: Option<&str>) -> Advisory {
        Advisory {
            id: "X".into(),
            aliases: vec![],
            summary: String::new(),
            details: String::new(),
            references: vec![],
            severity: sev
                .iter()
                .map(|(k, s)| OsvSeverity {
                    kind: k.to_string(),
                    score: s.to_string(),
                })
                .collect(),
            label: label.map(String::from),
            informational: None,
            affected: vec![],
        }
    }

    #[test]
    fn cvss_wins_then_label_then_default() {
        let a = adv(
            &[("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")],
            Some("MODERATE"),
        );
        let (score, sev, _) = assess(&[&a]);
        assert_eq!(score, Some(7.5));
        assert_eq!(sev, Severity::High);
        let b = adv(
            &[(
                "CVSS_V4",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            )],
            Some("CRITICAL"),
        );
        // Only a v4.0 vector: it is scored (9.3 → CRITICAL), not the label.
        let (score, sev, basis) = assess(&[&b]);
        assert_eq!(score, Some(9.3));
        assert_eq!(sev, Severity::Critical);
        assert!(matches!(basis, Basis::Cvss(_)));
        // A v4.0 vector that cannot be scored falls back to the label.
        let b2 = adv(&[("CVSS_V4", "CVSS:4.0/AV:N")], Some("LOW"));
        let (score, sev, basis) = assess(&[&b2]);
        assert_eq!(score, None);
        assert_eq!(sev, Severity::Low);
        assert!(matches!(basis, Basis::Label { v4_only: true, .. }));
        let c = adv(&[], None);
        assert_eq!(assess(&[&c]).1, Severity::Medium);
        let mut d = adv(&[], None);
        d.informational = Some("unmaintained".into());
        assert_eq!(assess(&[&d]).1, Severity::Informational);
        // Highest over a merged group.
        let e = adv(
            &[("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")],
            None,
        );
        assert_eq!(assess(&[&a, &e]).0, Some(9.8));
        assert_eq!(from_label("moderate"), Some(Severity::Medium));
        let u = adv(&[("Ubuntu", "high")], None);
        assert_eq!(assess(&[&u]).1, Severity::High);
        assert_eq!(from_label("bogus"), None);
    }
}
