//! `vigil test-rules DIR`: each rule file's test file beside it (same stem, a supported
//! code extension) carries Semgrep's annotations — `ruleid: <id>` means the next line must
//! be flagged, `ok: <id>` that it must not; `todoruleid`/`todook` are known gaps and are
//! not checked. A rule passes when the lines it flags are exactly its `ruleid` lines.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::rule::{RuleError, collect_yaml, load_str};
use super::{RuleSet, SastAnalyzer};

/// Extensions a test file may have.
const TEST_EXTS: &[&str] = &[
    "py", "pyi", "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx",
];

/// The outcome for one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTestResult {
    pub rule_id: String,
    pub rule_file: String,
    /// Test files used (empty when none was found).
    pub test_files: Vec<String>,
    pub passed: bool,
    /// `ruleid:` lines (file:line) that were not flagged.
    pub missed: Vec<String>,
    /// Flagged lines (file:line) without a `ruleid:` annotation (including `ok:` lines).
    pub unexpected: Vec<String>,
    /// Other reasons for failure (no test file, no annotations).
    pub problems: Vec<String>,
}

/// The outcome for a directory of rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleTestReport {
    pub results: Vec<RuleTestResult>,
    /// Rules that did not load (each fails the run).
    pub load_errors: Vec<RuleError>,
}

impl RuleTestReport {
    /// True when every rule loaded and passed.
    pub fn passed(&self) -> bool {
        self.load_errors.is_empty() && self.results.iter().all(|r| r.passed)
    }

    /// Number of rules that passed.
    pub fn pass_count(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }
}

#[derive(Default)]
struct Expect {
    ruleid: BTreeSet<usize>,
    ok: BTreeSet<usize>,
    todo: BTreeSet<usize>,
}

fn annotation_re() -> Option<Regex> {
    Regex::new(r"(?:#|//|/\*)\s*(todoruleid|todook|ruleid|ok|deepruleid|deepok)\s*:\s*([A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*)").ok()
}

/// Annotations of `rule_id` in a test file's text (1-based lines).
fn expectations(text: &str, rule_id: &str, re: &Regex) -> Expect {
    let lines: Vec<&str> = text.lines().collect();
    let mut e = Expect::default();
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = re.captures(line) else { continue };
        let (Some(kind), Some(ids), Some(whole)) = (c.get(1), c.get(2), c.get(0)) else {
            continue;
        };
        if !ids.as_str().split(',').any(|x| x.trim() == rule_id) {
            continue;
        }
        let before = line[..whole.start()].trim().trim_start_matches('{').trim();
        let target = if before.is_empty() {
            // Own-line comment: the next line that is not itself an annotation.
            let mut j = i + 1;
            while j < lines.len()
                && (lines[j].trim().is_empty()
                    || re.captures(lines[j]).is_some_and(|c| {
                        c.get(0).is_some_and(|w| {
                            lines[j][..w.start()]
                                .trim()
                                .trim_start_matches('{')
                                .trim()
                                .is_empty()
                        })
                    }))
            {
                j += 1;
            }
            j + 1
        } else {
            i + 1
        };
        match kind.as_str() {
            "ruleid" | "deepruleid" => e.ruleid.insert(target),
            "ok" | "deepok" => e.ok.insert(target),
            _ => e.todo.insert(target),
        };
    }
    e
}

/// Test files beside a rule file: same stem, any supported extension.
fn tests_beside(rule_file: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (rule_file.parent(), rule_file.file_stem()) else {
        return Vec::new();
    };
    TEST_EXTS
        .iter()
        .map(|e| dir.join(format!("{}.{e}", stem.to_string_lossy())))
        .filter(|p| p.is_file())
        .collect()
}

/// Runs every rule under `dir` (a directory or one rule file) against its test files.
pub fn test_rules_dir(dir: &Path) -> RuleTestReport {
    let mut report = RuleTestReport::default();
    let Some(re) = annotation_re() else {
        return report;
    };
    let mut files = Vec::new();
    collect_yaml(dir, &mut files, 0);
    if files.is_empty() {
        report.load_errors.push(RuleError {
            file: dir.display().to_string(),
            line: 0,
            rule: "-".into(),
            message: "no rule files (.yml/.yaml) found".into(),
        });
    }
    for file in files {
        let name = file.display().to_string();
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                report.load_errors.push(RuleError {
                    file: name,
                    line: 0,
                    rule: "-".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let (rules, errors) = load_str(&text, &name);
        report.load_errors.extend(errors);
        if rules.is_empty() {
            continue;
        }
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        let analyzer = SastAnalyzer::new(RuleSet::new(rules, Vec::new()));
        let tests = tests_beside(&file);
        let mut scanned = Vec::new();
        for t in &tests {
            let tname = t
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            match std::fs::read_to_string(t) {
                Ok(src) => {
                    let out = analyzer.scan_source(&tname, &src);
                    scanned.push((t.display().to_string(), src, out));
                }
                Err(e) => scanned.push((t.display().to_string(), String::new(), {
                    let mut o = vigil_core::Output::default();
                    o.diagnostics.push(vigil_core::Diagnostic {
                        analyzer: "sast".into(),
                        path: tname,
                        message: e.to_string(),
                    });
                    o
                })),
            }
        }
        for id in ids {
            let mut res = RuleTestResult {
                rule_id: id.clone(),
                rule_file: name.clone(),
                test_files: scanned.iter().map(|s| s.0.clone()).collect(),
                passed: false,
                missed: Vec::new(),
                unexpected: Vec::new(),
                problems: Vec::new(),
            };
            if scanned.is_empty() {
                res.problems.push(format!(
                    "no test file beside {name} (same name, .py/.js/.ts/…)"
                ));
            }
            let mut annotated = 0;
            for (tpath, src, out) in &scanned {
                for d in &out.diagnostics {
                    res.problems.push(format!("{tpath}: {}", d.message));
                }
                let e = expectations(src, &id, &re);
                annotated += e.ruleid.len() + e.ok.len() + e.todo.len();
                let flagged: BTreeSet<usize> = out
                    .findings
                    .iter()
                    .filter(|f| f.rule_id == id)
                    .map(|f| f.location.start_line as usize)
                    .collect();
                res.missed.extend(
                    e.ruleid
                        .difference(&flagged)
                        .map(|l| format!("{tpath}:{l}")),
                );
                res.unexpected.extend(
                    flagged
                        .iter()
                        .filter(|l| !e.ruleid.contains(l) && !e.todo.contains(l))
                        .map(|l| format!("{tpath}:{l}")),
                );
            }
            if !scanned.is_empty() && annotated == 0 {
                res.problems
                    .push("no `ruleid:`/`ok:` annotations for this rule in its test file".into());
            }
            res.passed =
                res.missed.is_empty() && res.unexpected.is_empty() && res.problems.is_empty();
            report.results.push(res);
        }
    }
    report
}

/// The report as text: one line per rule, load errors, and a total.
pub fn render_test_report(r: &RuleTestReport) -> String {
    let mut s = String::new();
    for res in &r.results {
        if res.passed {
            let _ = writeln!(s, "PASS  {}  ({})", res.rule_id, res.rule_file);
            continue;
        }
        let _ = writeln!(s, "FAIL  {}  ({})", res.rule_id, res.rule_file);
        if !res.missed.is_empty() {
            let _ = writeln!(
                s,
                "      missed (ruleid line not flagged): {}",
                res.missed.join(", ")
            );
        }
        if !res.unexpected.is_empty() {
            let _ = writeln!(
                s,
                "      unexpected (flagged, not annotated ruleid): {}",
                res.unexpected.join(", ")
            );
        }
        for p in &res.problems {
            let _ = writeln!(s, "      {p}");
        }
    }
    for e in &r.load_errors {
        let _ = writeln!(s, "ERROR {e}");
    }
    let _ = writeln!(
        s,
        "{}/{} rules passed, {} failed to load",
        r.pass_count(),
        r.results.len(),
        r.load_errors.len()
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_point_at_the_next_code_line() {
        let re = annotation_re().unwrap();
        let src = "# ruleid: a, b\n# ok: c\nfoo()\nbar()  # ok: a\n// todoruleid: a\nbaz()\n";
        let e = expectations(src, "a", &re);
        assert_eq!(e.ruleid.iter().copied().collect::<Vec<_>>(), vec![3]);
        assert_eq!(e.ok.iter().copied().collect::<Vec<_>>(), vec![4]);
        assert_eq!(e.todo.iter().copied().collect::<Vec<_>>(), vec![6]);
        let c = expectations(src, "c", &re);
        assert_eq!(c.ok.iter().copied().collect::<Vec<_>>(), vec![3]);
    }
}
