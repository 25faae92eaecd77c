//! The SAST engine: Semgrep-format rules (patterns, taint) over tree-sitter trees.
//!
//! Flow per file: the path picks a grammar (`vigil_parsers::code`), the file is parsed once
//! (or skipped with a reason when it is huge, minified or absurdly nested), one
//! Aho-Corasick pass finds which rules' required words occur, and only those rules run
//! against the shared [`matcher::FileCtx`]. Rules compile once, when the analyzer is built.
//!
//! Built-in packs: `build.rs` embeds every `rules/packs/{python,javascript}/*.yml` at
//! compile time (see [`BUILTIN_PACKS`]), so the binary needs no data files; extra rule
//! directories load at run time with [`SastAnalyzer::with_extra_dirs`].
//!
//! Supported (each covered by `fixtures/`): `pattern`, `patterns`, `pattern-either` (also of
//! `pattern-inside`s), `pattern-not`, `pattern-inside`, `pattern-not-inside`,
//! `pattern-regex`, `pattern-not-regex`, `metavariable-regex` (anchored at the start, as in
//! Semgrep), `metavariable-pattern` (same language), `metavariable-comparison`,
//! `focus-metavariable`, `paths`, and `mode: taint` with sources, sinks, sanitizers and
//! propagators. Pattern syntax: `$X`, `$_`, `$...X`, `...` (arguments, parameters,
//! statements — reaching into nested blocks —, dict/object entries), `"..."`, `f"..."`,
//! `` `...${$X}...` ``, `"=~/re/"`, `<... P ...>`; equivalences: import/require aliases
//! (also with metavariables in the dotted name), keyword-argument/object-key/JSX-attribute/
//! decorator order, quote style, parentheses, comments, type annotations, `const x = e` ≡
//! `x = e`, `function (…) {…}` ≡ arrow function.
//!
//! Not supported (a rule using them fails to load, naming the operator): taint `label`s /
//! `requires`, `pattern-where-python`, `metavariable-analysis`, `join`/`extract` modes,
//! `metavariable-pattern` in another language, typed metavariables. Accepted but ignored:
//! `options`, `fix`, taint `exact`/`by-side-effect`. Taint is per file (no cross-file flow);
//! closures start from their enclosing function's final taint (not flow-ordered).

pub mod formula;
pub mod matcher;
pub mod mvcmp;
pub mod pattern;
pub mod rule;
pub mod taint;
pub mod testing;

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use vigil_core::{Diagnostic, Finding, FindingType, Location, Output, SourceFile, TraceStep};
use vigil_parsers::code::{self, Lang};

use crate::text::{LineIndex, MAX_SNIPPET, floor_boundary};
use matcher::{Binds, FileCtx, Mat};
pub use rule::{Body, Family, Rule, RuleError, load_path, load_str};
pub use testing::{RuleTestReport, RuleTestResult, render_test_report, test_rules_dir};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Summary counter: files parsed with syntax errors (still scanned).
pub const COUNTER_SYNTAX_ERRORS: &str = "files with syntax errors";
/// Summary counter: files not parsed because of the size/line/depth guards.
pub const COUNTER_SKIPPED: &str = "files skipped (too large / long lines)";

/// A compiled rule set: rules plus the pre-filter automaton over their required words.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Rules that failed to load, each naming file, line and rule id.
    pub errors: Vec<RuleError>,
    words: Option<AhoCorasick>,
    /// For each rule, its clauses as word indexes into the automaton.
    clauses: Vec<Vec<Vec<usize>>>,
    nwords: usize,
}

impl RuleSet {
    /// Compiles the pre-filter for `rules`.
    pub fn new(rules: Vec<Rule>, errors: Vec<RuleError>) -> RuleSet {
        let mut words: Vec<String> = Vec::new();
        let mut clauses = Vec::with_capacity(rules.len());
        for r in &rules {
            let mut rc = Vec::new();
            for clause in &r.required {
                let mut ids = Vec::new();
                for w in clause {
                    let id = match words.iter().position(|x| x == w) {
                        Some(i) => i,
                        None => {
                            words.push(w.clone());
                            words.len() - 1
                        }
                    };
                    ids.push(id);
                }
                rc.push(ids);
            }
            clauses.push(rc);
        }
        let automaton = if words.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&words)
                .ok()
        };
        // If the automaton cannot be built, run every rule (slower, never wrong).
        if automaton.is_none() {
            clauses.iter_mut().for_each(Vec::clear);
        }
        RuleSet {
            rules,
            errors,
            words: automaton,
            clauses,
            nwords: words.len(),
        }
    }

    /// Loads rule files from each path (file or directory).
    pub fn from_paths(paths: &[&Path]) -> RuleSet {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            let (r, e) = load_path(p);
            rules.extend(r);
            errors.extend(e);
        }
        RuleSet::new(rules, errors)
    }

    /// Which rules may match `text`, from the required words it contains.
    fn candidates(&self, text: &str) -> Vec<bool> {
        let mut present = vec![false; self.nwords];
        if let Some(ac) = &self.words {
            for m in ac.find_overlapping_iter(text) {
                present[m.pattern().as_usize()] = true;
            }
        }
        self.clauses
            .iter()
            .map(|cs| cs.iter().all(|c| c.iter().any(|&w| present[w])))
            .collect()
    }
}

/// The SAST analyzer: runs a [`RuleSet`] over Python, JavaScript and TypeScript files.
pub struct SastAnalyzer {
    set: RuleSet,
}

impl SastAnalyzer {
    /// An analyzer over an already-loaded rule set.
    pub fn new(set: RuleSet) -> SastAnalyzer {
        SastAnalyzer { set }
    }

    /// The built-in packs embedded at compile time.
    pub fn builtin() -> SastAnalyzer {
        SastAnalyzer::new(builtin_rule_set(&[]))
    }

    /// The built-in packs plus every rule file under `dirs`.
    pub fn with_extra_dirs(dirs: &[&Path]) -> SastAnalyzer {
        SastAnalyzer::new(builtin_rule_set(dirs))
    }

    /// Only the rules under `dirs` (no built-ins), e.g. for `vigil test-rules`.
    pub fn from_dirs(dirs: &[&Path]) -> SastAnalyzer {
        SastAnalyzer::new(RuleSet::from_paths(dirs))
    }

    /// The compiled rules.
    pub fn rules(&self) -> &[Rule] {
        &self.set.rules
    }

    /// Rules that failed to load (the CLI prints these; the other rules still run).
    pub fn load_errors(&self) -> &[RuleError] {
        &self.set.errors
    }

    /// Findings in one file's text, plus counters/diagnostics for the summary.
    pub fn scan_source(&self, rel_path: &str, text: &str) -> Output {
        let mut out = Output::default();
        let Some(lang) = Lang::from_path(rel_path) else {
            return out;
        };
        if !self.set.rules.iter().any(|r| r.family.covers(lang)) {
            return out;
        }
        let parsed = match code::parse(lang, text) {
            Ok(p) => p,
            Err(reason) => {
                out.counters.push((COUNTER_SKIPPED, 1));
                out.diagnostics.push(Diagnostic {
                    analyzer: "sast".into(),
                    path: rel_path.into(),
                    message: reason.to_string(),
                });
                return out;
            }
        };
        if parsed.has_errors {
            out.counters.push((COUNTER_SYNTAX_ERRORS, 1));
        }
        let cand = self.set.candidates(text);
        let cx = FileCtx::new(&parsed);
        let index = LineIndex::new(text);
        for (i, rule) in self.set.rules.iter().enumerate() {
            if !cand[i]
                || !rule.family.covers(lang)
                || rule.paths.as_ref().is_some_and(|p| !p.allows(rel_path))
            {
                continue;
            }
            let hits: Vec<(Mat<'_>, Vec<TraceStep>)> = match &rule.body {
                Body::Search(f) => formula::eval(f, &cx)
                    .into_iter()
                    .map(|m| (m, Vec::new()))
                    .collect(),
                Body::Taint(spec) => taint::run(spec, &cx),
            };
            let mut seen: Vec<(usize, usize)> = Vec::new();
            for (m, trace) in hits {
                if seen.contains(&(m.start, m.end)) {
                    continue;
                }
                seen.push((m.start, m.end));
                out.findings
                    .push(make_finding(rule, rel_path, &cx, &index, &m, trace));
            }
        }
        out
    }
}

/// Built-ins plus extra directories, as one rule set.
fn builtin_rule_set(extra: &[&Path]) -> RuleSet {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        let (r, e) = load_str(text, &format!("rules/packs/{name}"));
        rules.extend(r);
        errors.extend(e);
    }
    for p in extra {
        let (r, e) = load_path(p);
        rules.extend(r);
        errors.extend(e);
    }
    RuleSet::new(rules, errors)
}

fn make_finding(
    rule: &Rule,
    path: &str,
    cx: &FileCtx<'_>,
    idx: &LineIndex,
    m: &Mat<'_>,
    trace: Vec<TraceStep>,
) -> Finding {
    let (start_line, start_column) = idx.position(cx.src, m.start);
    let (end_line, end_column) = idx.position(cx.src, m.end);
    let mut f = Finding::new(
        FindingType::CodeVulnerability,
        rule.id.clone(),
        rule.title.clone(),
        rule.severity,
        Location {
            path: path.to_string(),
            start_line,
            start_column,
            end_line,
            end_column,
        },
    );
    f.description = interpolate(&rule.message, cx, &m.binds);
    f.remediation = rule.remediation.clone();
    f.cwe = rule.cwe.clone();
    f.owasp = rule.owasp.clone();
    f.references = rule.references.clone();
    f.confidence = rule.confidence;
    let (ls, le) = idx.line_range(cx.src, m.start);
    let line = &cx.src[ls..le];
    f.snippet = if line.len() <= MAX_SNIPPET {
        line.trim_end().to_string()
    } else {
        let from = floor_boundary(line, (m.start - ls).saturating_sub(MAX_SNIPPET / 2));
        let to = floor_boundary(line, from + MAX_SNIPPET);
        format!("…{}…", &line[from..to])
    };
    f.match_key = cx.src.get(m.start..m.end).unwrap_or("").to_string();
    f.trace = trace;
    f
}

/// Replaces `$X` in a message with the text bound to `$X` (first line, at most 80 chars).
pub fn interpolate(msg: &str, cx: &FileCtx<'_>, binds: &Binds<'_>) -> String {
    let mut names: Vec<&(String, matcher::Bound<'_>)> = binds.iter().collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out = msg.to_string();
    for (n, b) in names {
        if !out.contains(n.as_str()) {
            continue;
        }
        let text = cx.bound_text(b);
        let first = text.lines().next().unwrap_or("");
        let short = if first.len() > 80 {
            format!("{}…", &first[..floor_boundary(first, 80)])
        } else {
            first.to_string()
        };
        out = out.replace(n.as_str(), &short);
    }
    out
}

impl vigil_core::Analyzer for SastAnalyzer {
    fn name(&self) -> &'static str {
        "sast"
    }

    fn wants(&self, rel_path: &str) -> bool {
        Lang::from_path(rel_path).is_some_and(|l| self.set.rules.iter().any(|r| r.family.covers(l)))
    }

    fn analyze_file(&self, file: &SourceFile<'_>) -> Output {
        self.scan_source(file.rel_path, file.text)
    }
}

#[cfg(test)]
mod tests;
