//! The OSV schema (<https://ossf.github.io/osv-schema/>) as far as matching needs it, and
//! the compact per-package form the advisory index stores.
//!
//! A record is validated on import: it must deserialize, have a non-empty `id` and a
//! `modified` timestamp, and every range event must name exactly one of `introduced`,
//! `fixed`, `last_affected`, `limit`. A record that fails is reported and skipped; the
//! others go on.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use vigil_parsers::lockfiles::Ecosystem;

use crate::version::{ecosystem_from_osv, normalize_name};

/// An OSV record as published (only the fields vigil reads).
#[derive(Debug, Clone, Deserialize)]
pub struct OsvRecord {
    pub id: String,
    pub modified: Option<String>,
    #[serde(default)]
    pub withdrawn: Option<String>,
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub severity: Option<Vec<OsvSeverity>>,
    #[serde(default)]
    pub affected: Option<Vec<OsvAffected>>,
    #[serde(default)]
    pub references: Option<Vec<OsvReference>>,
    #[serde(default)]
    pub database_specific: Option<Value>,
}

/// `severity[]` entry: a type (`CVSS_V3`, `CVSS_V4`, …) and a vector.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct OsvSeverity {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

/// `affected[]` entry.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvAffected {
    pub package: Option<OsvPackage>,
    #[serde(default)]
    pub severity: Option<Vec<OsvSeverity>>,
    #[serde(default)]
    pub ranges: Option<Vec<OsvRange>>,
    #[serde(default)]
    pub versions: Option<Vec<String>>,
    #[serde(default)]
    pub ecosystem_specific: Option<Value>,
    #[serde(default)]
    pub database_specific: Option<Value>,
}

/// `affected[].package`.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvPackage {
    pub ecosystem: String,
    pub name: String,
}

/// `affected[].ranges[]`.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvRange {
    #[serde(rename = "type")]
    pub kind: String,
    pub events: Vec<serde_json::Map<String, Value>>,
}

/// `references[]`.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvReference {
    pub url: String,
}

/// One range event, in OSV's own JSON shape (`{"introduced": "0"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    /// The version the event names.
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
}

/// A range kept for matching: `SEMVER` or `ECOSYSTEM` (GIT ranges are dropped on import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// True for `SEMVER` ranges (SemVer ordering), false for `ECOSYSTEM`.
    #[serde(rename = "s", default, skip_serializing_if = "std::ops::Not::not")]
    pub semver: bool,
    #[serde(rename = "e")]
    pub events: Vec<Event>,
}

/// The part of an `affected[]` entry about one package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Affected {
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

/// What the index stores per (package, advisory): just what matching and findings need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub details: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// CVSS vectors from the record and from this package's `affected[]` entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<OsvSeverity>,
    /// The database's own label (`HIGH`, `MODERATE`, …) for when there is no vector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// RustSec's `informational` kind (`unmaintained`, `unsound`, `notice`): not a
    /// vulnerability as such, reported as informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
    pub affected: Vec<Affected>,
}

/// A record that breaks the OSV schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct InvalidRecord {
    pub source_name: String,
    pub reason: String,
}

/// What one record contributes to the index.
#[derive(Debug, Default)]
pub struct Split {
    /// (ecosystem, normalised package name, advisory for that package).
    pub entries: Vec<(Ecosystem, String, Advisory)>,
    pub withdrawn: bool,
}

fn label_of(v: Option<&Value>) -> Option<String> {
    let s = v?.get("severity")?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_ascii_uppercase())
}

fn parse_event(obj: &serde_json::Map<String, Value>) -> Result<Event, String> {
    let mut found = None;
    for (k, v) in obj {
        let Some(s) = v.as_str() else {
            return Err(format!("event {k} is not a string"));
        };
        let e = match k.as_str() {
            "introduced" => Event::Introduced(s.to_string()),
            "fixed" => Event::Fixed(s.to_string()),
            "last_affected" => Event::LastAffected(s.to_string()),
            "limit" => Event::Limit(s.to_string()),
            _ => continue,
        };
        if found.is_some() {
            return Err("event names more than one of introduced/fixed/last_affected/limit".into());
        }
        found = Some(e);
    }
    found.ok_or_else(|| "event without introduced/fixed/last_affected/limit".into())
}

/// Parses and validates one OSV JSON document (`source_name` names it in errors).
pub fn parse_record(source_name: &str, bytes: &[u8]) -> Result<OsvRecord, InvalidRecord> {
    let bad = |reason: String| InvalidRecord {
        source_name: source_name.to_string(),
        reason,
    };
    let rec: OsvRecord =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not an OSV record: {e}")))?;
    if rec.id.trim().is_empty() {
        return Err(bad("empty id".into()));
    }
    if rec.modified.as_deref().is_none_or(|m| m.trim().is_empty()) {
        return Err(bad(format!("{}: missing required field modified", rec.id)));
    }
    for a in rec.affected.iter().flatten() {
        for r in a.ranges.iter().flatten() {
            for e in &r.events {
                parse_event(e).map_err(|m| bad(format!("{}: {m}", rec.id)))?;
            }
        }
    }
    Ok(rec)
}

/// Splits a record into one compact [`Advisory`] per affected package of a supported
/// ecosystem. Withdrawn records yield nothing (they must never match).
pub fn split(rec: &OsvRecord) -> Split {
    if rec
        .withdrawn
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        return Split {
            entries: Vec::new(),
            withdrawn: true,
        };
    }
    let mut out: Vec<(Ecosystem, String, Advisory)> = Vec::new();
    let top_label = label_of(rec.database_specific.as_ref());
    for a in rec.affected.iter().flatten() {
        let Some(pkg) = &a.package else { continue };
        let Some(eco) = ecosystem_from_osv(pkg.ecosystem.trim()) else {
            continue;
        };
        let name = normalize_name(eco, &pkg.name);
        if name.is_empty() {
            continue;
        }
        let mut ranges = Vec::new();
        for r in a.ranges.iter().flatten() {
            let semver = match r.kind.as_str() {
                "SEMVER" => true,
                "ECOSYSTEM" => false,
                _ => continue, // GIT and unknown types say nothing about package versions
            };
            let events: Vec<Event> = r
                .events
                .iter()
                .filter_map(|e| parse_event(e).ok())
                .collect();
            if !events.is_empty() {
                ranges.push(Range { semver, events });
            }
        }
        let affected = Affected {
            ranges,
            versions: a.versions.clone().unwrap_or_default(),
        };
        let label = label_of(a.ecosystem_specific.as_ref())
            .or_else(|| label_of(a.database_specific.as_ref()))
            .or_else(|| top_label.clone());
        let informational = a
            .database_specific
            .as_ref()
            .and_then(|d| d.get("informational"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let extra_sev = a.severity.clone().unwrap_or_default();
        if let Some((_, _, adv)) = out.iter_mut().find(|(e, n, _)| *e == eco && *n == name) {
            adv.affected.push(affected);
            for s in extra_sev {
                if !adv.severity.contains(&s) {
                    adv.severity.push(s);
                }
            }
            if adv.label.is_none() {
                adv.label = label;
            }
            if adv.informational.is_none() {
                adv.informational = informational;
            }
            continue;
        }
        let mut severity = rec.severity.clone().unwrap_or_default();
        for s in extra_sev {
            if !severity.contains(&s) {
                severity.push(s);
            }
        }
        out.push((
            eco,
            name,
            Advisory {
                id: rec.id.trim().to_string(),
                aliases: rec.aliases.clone().unwrap_or_default(),
                summary: rec.summary.clone().unwrap_or_default().trim().to_string(),
                details: rec.details.clone().unwrap_or_default().trim().to_string(),
                references: rec
                    .references
                    .iter()
                    .flatten()
                    .map(|r| r.url.clone())
                    .collect(),
                severity,
                label,
                informational,
                affected: vec![affected],
            },
        ));
    }
    Split {
        entries: out,
        withdrawn: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/osv/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn multi_ecosystem_record_splits_per_package() {
        let rec = parse_record("x", &fixture("npm/GHSA-gxr4-xjj5-5px2.json")).unwrap();
        let s = split(&rec);
        let ecos: std::collections::BTreeSet<_> = s.entries.iter().map(|e| e.0).collect();
        assert!(ecos.contains(&Ecosystem::Npm));
        assert!(ecos.contains(&Ecosystem::Packagist));
        assert!(ecos.contains(&Ecosystem::RubyGems));
        assert!(ecos.contains(&Ecosystem::Maven));
        assert!(
            s.entries
                .iter()
                .all(|(_, _, a)| a.label.as_deref() == Some("MODERATE"))
        );
    }

    #[test]
    fn git_ranges_dropped_and_withdrawn_flagged() {
        let rec = parse_record("x", &fixture("PyPI/PYSEC-2022-302.json")).unwrap();
        let s = split(&rec);
        assert!(!s.entries.is_empty());
        for (_, _, a) in &s.entries {
            assert!(a.affected.iter().all(|af| !af.ranges.is_empty()));
        }
        let rec = parse_record("x", &fixture("PyPI/PYSEC-2022-15.json")).unwrap();
        assert!(split(&rec).withdrawn);
        assert!(split(&rec).entries.is_empty());
    }

    #[test]
    fn schema_violations_are_errors() {
        assert!(parse_record("a.json", b"{").is_err());
        assert!(
            parse_record(
                "a.json",
                br#"{"id": "", "modified": "2020-01-01T00:00:00Z"}"#
            )
            .is_err()
        );
        assert!(parse_record("a.json", br#"{"id": "X-1"}"#).is_err());
        let two_keys = br#"{"id":"X-1","modified":"2020-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1.0.0"}]}]}]}"#;
        let e = parse_record("a.json", two_keys).unwrap_err();
        assert!(e.to_string().contains("a.json"), "{e}");
        assert!(parse_record("a.json", br#"{"id": 5}"#).is_err());
        assert!(parse_record("a.json", b"[1,2]").is_err());
    }

    #[test]
    fn pypi_names_are_normalised() {
        let rec = parse_record("x", &fixture("PyPI/PYSEC-2020-341.json")).unwrap();
        assert!(split(&rec).entries.iter().any(|(_, n, _)| n == "jw-util"));
    }
}
