//! The `iac` analyzer: parse once, run every applicable check over every resource.

use std::collections::{HashMap, HashSet};

use vigil_core::analyzer::{Analyzer, Diagnostic, Output, Project, SourceFile};
use vigil_core::finding::{Confidence, Finding, FindingType, Location, Status};
use vigil_parsers::iac::{Format, IacError, Model, cfn, terraform};

use crate::check::{Check, Ctx};
use crate::checks;
use crate::suppress::suppression;

/// Largest Terraform file read in the project pass.
const MAX_TF_BYTES: u64 = 16 * 1024 * 1024;
/// Longest snippet kept.
const MAX_SNIPPET: usize = 240;

/// Findings of one template and the parser's non-fatal warnings (unknown intrinsics).
pub type TemplateScan = (Vec<Finding>, Vec<String>);

/// CloudFormation/SAM and Terraform misconfiguration checks (`vigil_iac::checks::all()`).
pub struct IacAnalyzer {
    checks: &'static [Check],
}

impl Default for IacAnalyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl IacAnalyzer {
    /// The analyzer with every built-in check.
    pub fn new() -> IacAnalyzer {
        IacAnalyzer {
            checks: checks::all(),
        }
    }

    /// The checks this analyzer runs.
    pub fn checks(&self) -> &'static [Check] {
        self.checks
    }

    /// Findings for one CloudFormation template, with the parser's warnings (None when the
    /// file is not a template).
    pub fn scan_cloudformation(
        &self,
        path: &str,
        text: &str,
    ) -> Result<Option<TemplateScan>, IacError> {
        let Some(model) = cfn::parse(path, text)? else {
            return Ok(None);
        };
        let texts = |p: &str| (p == path).then_some(text);
        Ok(Some((self.run(&model, &texts), model.warnings.clone())))
    }

    /// Findings for Terraform files (relative paths; `read` gives their text), with the
    /// per-file problems met.
    pub fn scan_terraform(
        &self,
        files: &[String],
        read: &dyn Fn(&str) -> Option<String>,
    ) -> (Vec<Finding>, Vec<(String, String)>) {
        let mut texts: HashMap<String, String> = HashMap::new();
        let project = {
            let cache = std::cell::RefCell::new(&mut texts);
            terraform::load(files, &|p| {
                let t = read(p)?;
                cache.borrow_mut().insert(p.to_string(), t.clone());
                Some(t)
            })
        };
        let lookup = |p: &str| texts.get(p).map(String::as_str);
        let mut findings = Vec::new();
        let mut seen = HashSet::new();
        for m in &project.models {
            for f in self.run(m, &lookup) {
                // A module called twice (or a for_each instance) reports each line once per check.
                if seen.insert((
                    f.rule_id.clone(),
                    f.location.path.clone(),
                    f.location.start_line,
                )) {
                    findings.push(f);
                }
            }
        }
        let mut problems: Vec<(String, String)> = project
            .errors
            .iter()
            .map(|e| (error_path(e).to_string(), e.to_string()))
            .collect();
        for m in &project.models {
            for w in &m.warnings {
                problems.push((
                    w.split(':').next().unwrap_or_default().to_string(),
                    w.clone(),
                ));
            }
        }
        (findings, problems)
    }

    /// Runs every applicable check over a model.
    pub fn run<'a>(
        &self,
        model: &'a Model,
        text_of: &'a dyn Fn(&str) -> Option<&'a str>,
    ) -> Vec<Finding> {
        let ctx = Ctx { model, text_of };
        let mut out = Vec::new();
        // Lines of each file, split once (snippets and suppression comments).
        let mut lines: HashMap<&str, Vec<&str>> = HashMap::new();
        let snippet = |lines: &[&str], line: u32| {
            lines
                .get(line.saturating_sub(1) as usize)
                .map(|l| truncate(l.trim_end()))
                .unwrap_or_default()
        };
        for r in &model.resources {
            for c in self.checks.iter().filter(|c| c.applies(r)) {
                for h in c.run(&ctx, r) {
                    let file_lines = lines.entry(r.file.as_str()).or_insert_with(|| {
                        text_of(&r.file)
                            .map(|t| t.lines().collect())
                            .unwrap_or_default()
                    });
                    let mut f =
                        self.finding(c, &r.file, h.line, snippet(file_lines, h.line), r.format);
                    f.resource = Some(r.id.clone());
                    f.match_key = format!("{} {} {}", c.id, r.id, h.path);
                    if let Some(reason) = suppression(c, r, h.line, file_lines) {
                        f.status = Status::Suppressed;
                        f.suppression = Some(reason);
                    }
                    out.push(f);
                }
            }
        }
        for p in &model.parameters {
            for c in self.checks.iter() {
                let crate::check::Rule::Parameters(f) = &c.rule else {
                    continue;
                };
                let Some(h) = f(p) else { continue };
                let file_lines = lines.entry(p.file.as_str()).or_insert_with(|| {
                    text_of(&p.file)
                        .map(|t| t.lines().collect())
                        .unwrap_or_default()
                });
                let mut f = self.finding(
                    c,
                    &p.file,
                    h.line,
                    snippet(file_lines, h.line),
                    Format::CloudFormation,
                );
                f.resource = Some(p.name.clone());
                f.match_key = format!("{} {} {}", c.id, p.name, h.path);
                out.push(f);
            }
        }
        out
    }

    fn finding(
        &self,
        c: &Check,
        file: &str,
        line: u32,
        snippet: String,
        format: Format,
    ) -> Finding {
        let mut f = Finding::new(
            FindingType::IacMisconfiguration,
            c.id,
            c.title,
            c.severity,
            Location {
                path: file.to_string(),
                start_line: line,
                start_column: 1,
                end_line: line,
                end_column: snippet.chars().count() as u32 + 1,
            },
        );
        f.description = c.description.to_string();
        let fix = match format {
            Format::CloudFormation => c.fix_cfn,
            Format::Terraform => c.fix_tf,
        };
        f.remediation = if fix.is_empty() {
            c.remediation.to_string()
        } else {
            format!("{}\n\n{}", c.remediation, fix)
        };
        f.cwe = vec![format!("CWE-{}", c.cwe)];
        f.references = c.references.iter().map(|s| s.to_string()).collect();
        f.confidence = Some(Confidence::High);
        // Findings about hard-coded secrets must not copy the secret into reports.
        f.snippet = if c.cwe == 798 {
            redact(&snippet)
        } else {
            snippet
        };
        f
    }
}

fn error_path(e: &IacError) -> &str {
    match e {
        IacError::Syntax { path, .. } | IacError::Invalid { path, .. } => path,
    }
}

/// Keeps the key of a `key: value` / `key = value` line and masks all but the first two
/// characters of the value's first token (a trailing comment stays readable).
fn redact(line: &str) -> String {
    let cut = line.find([':', '=']).map(|i| i + 1).unwrap_or(0);
    let (head, value) = line.split_at(cut);
    let mut out = String::from(head);
    let mut kept = 0;
    let mut started = false;
    let mut chars = value.chars();
    for c in chars.by_ref() {
        if c.is_whitespace() || matches!(c, '"' | '\'' | ',') {
            if started && c.is_whitespace() {
                out.push(c);
                break;
            }
            out.push(c);
        } else if kept < 2 {
            started = true;
            out.push(c);
            kept += 1;
        } else {
            out.push('*');
        }
    }
    out.extend(chars);
    out
}

fn truncate(s: &str) -> String {
    if s.len() <= MAX_SNIPPET {
        return s.to_string();
    }
    let mut end = MAX_SNIPPET;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Extensions a CloudFormation template may have.
fn cfn_candidate(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".yml", ".yaml", ".json", ".template"]
        .iter()
        .any(|e| lower.ends_with(e))
        && !lower.ends_with(".tf.json")
        && !lower.ends_with(".tfvars.json")
        && !lower.ends_with("package.json")
        && !lower.ends_with("package-lock.json")
}

impl Analyzer for IacAnalyzer {
    fn name(&self) -> &'static str {
        "iac"
    }

    fn wants(&self, rel_path: &str) -> bool {
        cfn_candidate(rel_path)
    }

    fn analyze_file(&self, file: &SourceFile<'_>) -> Output {
        let mut out = Output::default();
        if !cfn::looks_like_template(file.text) {
            return out;
        }
        match self.scan_cloudformation(file.rel_path, file.text) {
            Ok(None) => {}
            Ok(Some((findings, warnings))) => {
                out.findings = findings;
                out.counters.push(("CloudFormation templates", 1));
                for w in warnings {
                    out.diagnostics.push(Diagnostic {
                        analyzer: "iac".into(),
                        path: file.rel_path.into(),
                        message: w,
                    });
                }
            }
            Err(e) => {
                out.counters.push(("IaC files with errors", 1));
                out.diagnostics.push(Diagnostic {
                    analyzer: "iac".into(),
                    path: file.rel_path.into(),
                    message: e.to_string(),
                });
            }
        }
        out
    }

    fn analyze_project(&self, project: &Project<'_>) -> Output {
        let tf: Vec<String> = project
            .files
            .iter()
            .filter(|f| terraform::is_terraform_file(f))
            .cloned()
            .collect();
        let mut out = Output::default();
        if tf.is_empty() {
            return out;
        }
        let too_big = std::cell::RefCell::new(Vec::new());
        let read = |rel: &str| {
            let abs = project.abs(rel);
            let meta = std::fs::metadata(&abs).ok()?;
            if meta.len() > MAX_TF_BYTES {
                too_big.borrow_mut().push(rel.to_string());
                return None;
            }
            let bytes = std::fs::read(&abs).ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        };
        let (findings, problems) = self.scan_terraform(&tf, &read);
        out.findings = findings;
        out.counters.push(("Terraform files", tf.len() as u64));
        for path in too_big.into_inner() {
            out.diagnostics.push(Diagnostic {
                analyzer: "iac".into(),
                message: format!(
                    "{path}:1: file larger than {} MiB, not parsed",
                    MAX_TF_BYTES >> 20
                ),
                path,
            });
        }
        for (path, message) in problems {
            out.diagnostics.push(Diagnostic {
                analyzer: "iac".into(),
                path,
                message,
            });
        }
        out
    }
}
