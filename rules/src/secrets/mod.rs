//! The secrets analyzer: regex detectors with entropy floors and keyword pre-filters,
//! run over every text file (not only source: `.env`, YAML, notebooks, shell history…).
//!
//! The secret value never leaves this module unredacted: findings carry a redacted snippet
//! (a short prefix and `****`); the raw value is only the input of the fingerprint hash.

mod pack;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use vigil_core::{Confidence, Finding, FindingType, Location, Output, SourceFile};

use crate::text::{LineIndex, MAX_SNIPPET, floor_boundary};
pub use pack::{BUILTIN_PACK, Detector, SecretsPack, SecretsPackError};

/// Shannon entropy in bits per character; random tokens score 4–6, words and
/// placeholders below 3.
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Keeps a short prefix so a reader can tell which key it was, hides the rest.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = (n / 5).clamp(1, 4);
    let prefix: String = secret.chars().take(if n <= 4 { 0 } else { keep }).collect();
    format!("{prefix}****")
}

/// Runs a [`SecretsPack`] over files.
pub struct SecretsAnalyzer {
    pack: SecretsPack,
    /// Keyword automaton; pattern i belongs to detector `keyword_owner[i]`.
    keywords: AhoCorasick,
    keyword_owner: Vec<usize>,
}

impl SecretsAnalyzer {
    /// An analyzer over `pack`.
    pub fn new(pack: SecretsPack) -> SecretsAnalyzer {
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for (i, d) in pack.detectors.iter().enumerate() {
            for k in &d.keywords {
                pats.push(k.clone());
                owner.push(i);
            }
        }
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .unwrap_or_else(|e| panic!("keyword automaton: {e}"));
        SecretsAnalyzer {
            pack,
            keywords,
            keyword_owner: owner,
        }
    }

    /// The analyzer over the built-in pack.
    pub fn builtin() -> SecretsAnalyzer {
        SecretsAnalyzer::new(SecretsPack::builtin())
    }

    fn allowed(&self, d: &Detector, secret: &str) -> bool {
        self.pack.allow_values.iter().any(|v| v == secret)
            || self.pack.allow_patterns.iter().any(|r| r.is_match(secret))
            || d.allowlist.iter().any(|r| r.is_match(secret))
    }

    /// Findings in `text` (the file at `path`).
    pub fn scan_text(&self, path: &str, text: &str) -> Vec<Finding> {
        // Which detectors have a keyword in this file: overlapping search so one keyword
        // shadowing another (`ghs_` inside `ghs_x`) cannot hide a detector.
        let mut candidates = vec![false; self.pack.detectors.len()];
        let mut remaining = candidates.len();
        for m in self.keywords.find_overlapping_iter(text) {
            let d = self.keyword_owner[m.pattern().as_usize()];
            if !candidates[d] {
                candidates[d] = true;
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
        }
        let mut out = Vec::new();
        let mut index: Option<LineIndex> = None;
        for (di, d) in self.pack.detectors.iter().enumerate() {
            if !candidates[di] {
                continue;
            }
            for caps in d.regex.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                let secret = match d.secret_group {
                    Some(g) => caps.get(g),
                    None => (1..caps.len()).find_map(|g| caps.get(g)).or(Some(whole)),
                };
                let Some(secret) = secret else { continue };
                let value = secret.as_str().trim_end();
                if value.is_empty() || self.allowed(d, value) {
                    continue;
                }
                if let Some(min) = d.entropy
                    && shannon_entropy(value) < min
                {
                    continue;
                }
                let idx = index.get_or_insert_with(|| LineIndex::new(text));
                let (ls, le) = idx.line_range(text, whole.start());
                if let Some(ctx) = &d.context
                    && !ctx.is_match(&text[ls..le])
                {
                    continue;
                }
                let (start_line, start_column) = idx.position(text, whole.start());
                let end_off = secret.start() + value.len();
                let (end_line, end_column) = idx.position(text, end_off);
                let snippet = redacted_line(text, ls, le, secret.start(), end_off);
                let mut f = Finding::new(
                    FindingType::Secret,
                    d.id.clone(),
                    d.title.clone(),
                    d.severity,
                    Location {
                        path: path.to_string(),
                        start_line,
                        start_column,
                        end_line,
                        end_column,
                    },
                );
                f.description = format!("{} Value: {}", d.description, redact(value))
                    .trim()
                    .to_string();
                f.remediation = d.remediation.clone();
                f.cwe = vec!["CWE-798".into()];
                f.owasp = vec!["A07:2021 - Identification and Authentication Failures".into()];
                f.confidence = Some(if d.entropy.is_some() || d.context.is_some() {
                    Confidence::Medium
                } else {
                    Confidence::High
                });
                f.snippet = snippet;
                f.match_key = value.to_string();
                out.push(f);
            }
        }
        out
    }
}

/// The line `[ls, le)` with the secret bytes `[ss, se)` redacted, cut to [`MAX_SNIPPET`].
fn redacted_line(text: &str, ls: usize, le: usize, ss: usize, se: usize) -> String {
    let line = &text[ls..le];
    let (rs, re) = (ss.clamp(ls, le) - ls, se.clamp(ls, le) - ls);
    let mut s = String::with_capacity(line.len());
    s.push_str(&line[..rs]);
    if re > rs {
        s.push_str(&redact(&line[rs..re]));
    }
    s.push_str(&line[re..]);
    if s.len() <= MAX_SNIPPET {
        return s;
    }
    let from = floor_boundary(&s, rs.saturating_sub(MAX_SNIPPET / 2));
    let to = floor_boundary(&s, from + MAX_SNIPPET);
    format!("…{}…", &s[from..to])
}

impl vigil_core::Analyzer for SecretsAnalyzer {
    fn name(&self) -> &'static str {
        "secrets"
    }

    fn analyze_file(&self, file: &SourceFile<'_>) -> Output {
        Output::findings(self.scan_text(file.rel_path, file.text))
    }
}

#[cfg(test)]
mod tests;
