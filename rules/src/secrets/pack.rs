//! Loading and compiling a secrets pack (the YAML shape documented in
//! `packs/secrets.yml`). A detector that cannot be compiled is an error naming the file and
//! detector id; nothing is silently dropped.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;
use vigil_core::Severity;

/// The built-in pack, embedded so the binary needs no data files.
pub const BUILTIN_PACK: &str = include_str!("../../packs/secrets.yml");

/// A secrets pack that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {detector}: {message}")]
pub struct SecretsPackError {
    pub file: String,
    /// The detector id, or `-` when the file as a whole is wrong.
    pub detector: String,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    allowlist: RawAllowlist,
    #[serde(default)]
    detectors: Vec<RawDetector>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllowlist {
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDetector {
    id: String,
    title: String,
    severity: String,
    keywords: Vec<String>,
    regex: String,
    secret_group: Option<usize>,
    entropy: Option<f64>,
    context: Option<String>,
    #[serde(default)]
    allowlist: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    remediation: String,
}

/// One compiled detector.
#[derive(Debug)]
pub struct Detector {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub keywords: Vec<String>,
    pub regex: Regex,
    /// Which capture group is the secret; `None` = first group that matched, or the whole match.
    pub secret_group: Option<usize>,
    pub entropy: Option<f64>,
    pub context: Option<Regex>,
    pub allowlist: Vec<Regex>,
    pub description: String,
    pub remediation: String,
}

/// A compiled pack: detectors plus the global allowlist.
#[derive(Debug, Default)]
pub struct SecretsPack {
    pub detectors: Vec<Detector>,
    pub allow_values: Vec<String>,
    pub allow_patterns: Vec<Regex>,
}

/// Size limit for compiled regexes: keeps a hostile user pack from using unbounded memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

fn compile(file: &str, detector: &str, what: &str, src: &str) -> Result<Regex, SecretsPackError> {
    regex::RegexBuilder::new(src)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| SecretsPackError {
            file: file.to_string(),
            detector: detector.to_string(),
            message: format!("invalid {what} regex: {e}"),
        })
}

impl SecretsPack {
    /// The built-in pack.
    pub fn builtin() -> SecretsPack {
        // The embedded pack is tested in CI; failing here would be a build defect.
        SecretsPack::parse(BUILTIN_PACK, "rules/packs/secrets.yml")
            .unwrap_or_else(|e| panic!("built-in secrets pack is invalid: {e}"))
    }

    /// Parses and compiles a pack; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<SecretsPack, SecretsPackError> {
        let raw: RawPack = serde_norway::from_str(text).map_err(|e| SecretsPackError {
            file: file.to_string(),
            detector: "-".into(),
            message: e.to_string(),
        })?;
        let mut pack = SecretsPack {
            detectors: Vec::with_capacity(raw.detectors.len()),
            allow_values: raw.allowlist.values,
            allow_patterns: Vec::new(),
        };
        for p in &raw.allowlist.patterns {
            pack.allow_patterns
                .push(compile(file, "-", "allowlist", p)?);
        }
        for d in raw.detectors {
            let err = |message: String| SecretsPackError {
                file: file.to_string(),
                detector: d.id.clone(),
                message,
            };
            let severity: Severity = d.severity.parse().map_err(err)?;
            if d.keywords.is_empty() {
                return Err(err(
                    "`keywords` must list at least one literal (the pre-filter)".into(),
                ));
            }
            let regex = compile(file, &d.id, "detector", &d.regex)?;
            if let Some(g) = d.secret_group
                && g >= regex.captures_len()
            {
                return Err(err(format!("secret-group {g} does not exist in the regex")));
            }
            let context = d
                .context
                .as_deref()
                .map(|c| compile(file, &d.id, "context", c))
                .transpose()?;
            let allowlist = d
                .allowlist
                .iter()
                .map(|a| compile(file, &d.id, "allowlist", a))
                .collect::<Result<_, _>>()?;
            pack.detectors.push(Detector {
                id: d.id,
                title: d.title,
                severity,
                keywords: d.keywords,
                regex,
                secret_group: d.secret_group,
                entropy: d.entropy,
                context,
                allowlist,
                description: d.description,
                remediation: d.remediation,
            });
        }
        Ok(pack)
    }

    /// Reads and compiles a pack file.
    pub fn load(path: &Path) -> Result<SecretsPack, SecretsPackError> {
        let text = std::fs::read_to_string(path).map_err(|e| SecretsPackError {
            file: path.display().to_string(),
            detector: "-".into(),
            message: e.to_string(),
        })?;
        SecretsPack::parse(&text, &path.display().to_string())
    }

    /// Adds another pack's detectors and allowlist to this one.
    pub fn extend(&mut self, other: SecretsPack) {
        self.detectors.extend(other.detectors);
        self.allow_values.extend(other.allow_values);
        self.allow_patterns.extend(other.allow_patterns);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_compiles() {
        let p = SecretsPack::builtin();
        assert!(p.detectors.len() >= 20);
    }

    #[test]
    fn errors_name_file_and_detector() {
        let bad = "detectors:\n  - id: broken\n    title: t\n    severity: high\n    keywords: [x]\n    regex: '(unclosed'\n";
        let e = SecretsPack::parse(bad, "team.yml").unwrap_err().to_string();
        assert!(
            e.starts_with("team.yml: broken: invalid detector regex"),
            "{e}"
        );
        let bad = "detectors:\n  - id: d\n    title: t\n    severity: dire\n    keywords: [x]\n    regex: 'x'\n";
        let e = SecretsPack::parse(bad, "team.yml").unwrap_err().to_string();
        assert!(e.contains("d: unknown severity `DIRE`"), "{e}");
        let e = SecretsPack::parse("detectors:\n  - id: d\n    titel: t\n", "t.yml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("titel") && e.contains("line 3"), "{e}");
    }
}
