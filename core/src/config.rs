//! Repository configuration: `.vigil.yml` at the scan root.
//!
//! Unknown keys and bad values are errors that name the file, line and key, because a
//! silently ignored misspelling (`exlude:`) is a security setting that never took effect.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::finding::Severity;

/// File name looked up at the root of every scanned tree.
pub const CONFIG_FILE: &str = ".vigil.yml";

/// Default per-file size limit: larger files are skipped and counted.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// A `.vigil.yml` that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Which analyzers run; all on by default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalyzerSwitches {
    pub secrets: bool,
    pub sast: bool,
    pub sca: bool,
    pub iac: bool,
}

impl Default for AnalyzerSwitches {
    fn default() -> Self {
        AnalyzerSwitches {
            secrets: true,
            sast: true,
            sca: true,
            iac: true,
        }
    }
}

impl AnalyzerSwitches {
    /// Whether the analyzer with this name (as returned by `Analyzer::name`) is on.
    pub fn enabled(&self, name: &str) -> bool {
        match name {
            "secrets" => self.secrets,
            "sast" => self.sast,
            "sca" => self.sca,
            "iac" => self.iac,
            _ => true,
        }
    }
}

/// The parsed `.vigil.yml`; every field has a default so an empty file is valid.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct RepoConfig {
    /// Glob patterns (gitignore-style, relative to the root) of paths never scanned.
    pub exclude: Vec<String>,
    pub analyzers: AnalyzerSwitches,
    /// Lowest severity of an active finding that makes `vigil scan` exit 1.
    #[serde(deserialize_with = "de_severity")]
    pub fail_on: Severity,
    /// Rule ids whose findings are dropped.
    pub disable_rules: Vec<String>,
    /// Extra rule folders (relative to the root), loaded after the built-in packs.
    pub rule_dirs: Vec<PathBuf>,
    /// Files larger than this are skipped (bytes, or a string such as `2MiB`, `500KB`).
    #[serde(deserialize_with = "de_size")]
    pub max_file_size: u64,
    /// Skip vendored dependency folders (node_modules, vendor, third_party, .venv …).
    pub skip_vendored: bool,
}

impl Default for RepoConfig {
    fn default() -> Self {
        RepoConfig {
            exclude: Vec::new(),
            analyzers: AnalyzerSwitches::default(),
            fail_on: Severity::High,
            disable_rules: Vec::new(),
            rule_dirs: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            skip_vendored: false,
        }
    }
}

fn de_severity<'de, D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(|_| {
        keyed_error(
            "fail-on",
            format!(
                "unknown severity `{s}` (expected critical, high, medium, low or informational)"
            ),
        )
    })
}

/// Custom (non-type) errors carry no position in serde_norway; prefixing them with the key
/// lets [`RepoConfig::parse`] find the line.
fn keyed_error<E: serde::de::Error>(key: &str, msg: String) -> E {
    E::custom(format!("`{key}`: {msg}"))
}

/// 1-based line and column of `key:` in `text`, for errors serde could not place.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let t = l.trim_start();
        let rest = t.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then(|| (i + 1, l.len() - t.len() + 1))
    })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SizeRepr {
    Bytes(u64),
    Text(String),
}

fn de_size<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match SizeRepr::deserialize(d)? {
        SizeRepr::Bytes(n) => Ok(n),
        SizeRepr::Text(s) => parse_size(&s).map_err(|m| keyed_error("max-file-size", m)),
    }
}

/// Parses `1048576`, `512KB`, `2MiB`, `1 GB` (KB/MB/GB are taken as binary units, as
/// users of file-size limits mean them).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid size `{s}` (expected e.g. 1048576, 512KB, 2MiB)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        other => {
            return Err(format!(
                "invalid size unit `{other}` in `{s}` (use B, KiB, MiB or GiB)"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size `{s}` is too large"))
}

impl RepoConfig {
    /// Parses config text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: &str) -> Result<RepoConfig, ConfigError> {
        if text.trim().is_empty() {
            return Ok(RepoConfig::default());
        }
        serde_norway::from_str::<Option<RepoConfig>>(text)
            .map(Option::unwrap_or_default)
            .map_err(|e| {
                let msg = e.to_string();
                let keyed = msg
                    .strip_prefix('`')
                    .and_then(|m| m.split_once("`: "))
                    .and_then(|(k, _)| key_position(text, k));
                let (line, column) = keyed
                    .or_else(|| e.location().map(|l| (l.line(), l.column())))
                    .unwrap_or((1, 1));
                // serde_norway appends " at line X column Y"; we print it up front instead.
                let message = match msg.find(" at line ") {
                    Some(i) => msg[..i].to_string(),
                    None => msg,
                };
                ConfigError::Invalid {
                    path: path.to_string(),
                    line,
                    column,
                    message,
                }
            })
    }

    /// Loads `<root>/.vigil.yml` if present, defaults otherwise.
    pub fn load(root: &Path) -> Result<RepoConfig, ConfigError> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => RepoConfig::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RepoConfig::default()),
            Err(source) => Err(ConfigError::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_missing_config_give_defaults() {
        assert_eq!(RepoConfig::parse("", "x").unwrap(), RepoConfig::default());
        assert_eq!(
            RepoConfig::parse("# nothing\n", "x").unwrap(),
            RepoConfig::default()
        );
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(RepoConfig::load(dir.path()).unwrap(), RepoConfig::default());
    }

    #[test]
    fn full_config_parses() {
        let c = RepoConfig::parse(
            "exclude: [\"tests/**\"]\nanalyzers:\n  sca: false\nfail-on: medium\n\
             disable-rules: [generic-password]\nrule-dirs: [my-rules]\nmax-file-size: 2MiB\n\
             skip-vendored: true\n",
            ".vigil.yml",
        )
        .unwrap();
        assert_eq!(c.exclude, vec!["tests/**"]);
        assert!(!c.analyzers.sca && c.analyzers.secrets);
        assert_eq!(c.fail_on, Severity::Medium);
        assert_eq!(c.disable_rules, vec!["generic-password"]);
        assert_eq!(c.max_file_size, 2 * 1024 * 1024);
        assert!(c.skip_vendored);
    }

    #[test]
    fn misspelt_key_names_file_line_and_key() {
        let err = RepoConfig::parse("fail-on: high\nexlude: [a]\n", "repo/.vigil.yml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("repo/.vigil.yml:2:"), "{err}");
        assert!(err.contains("exlude"), "{err}");
    }

    #[test]
    fn bad_values_are_errors_with_line() {
        let err = RepoConfig::parse("analyzers:\n  secrets: true\nfail-on: severe\n", "c.yml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.yml:3:"), "{err}");
        assert!(err.contains("severe"), "{err}");
        let err = RepoConfig::parse("max-file-size: 3 parsecs\n", "c.yml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("parsecs"), "{err}");
        let err = RepoConfig::parse("analyzers:\n  sast: maybe\n", "c.yml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.yml:2:"), "{err}");
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("512KB"), Ok(512 * 1024));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
    }
}
