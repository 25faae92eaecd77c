//! Loading Semgrep-format rule files into compiled [`Rule`]s.
//!
//! Every key and operator is checked: a rule that uses something vigil does not implement
//! is an error naming the file, the line, the rule id and the operator, never a rule that
//! silently matches nothing. One bad rule does not stop the others in the same file (a
//! YAML syntax error is isolated by re-reading the file one rule at a time).

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde_norway::{Mapping, Value};
use vigil_core::{Confidence, Severity};
use vigil_parsers::code::Lang;

use super::formula::{Cond, Formula, required};
use super::mvcmp::Expr;
use super::pattern::{self, is_mv_name};

/// Which grammar family a rule's patterns are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Python,
    /// JavaScript; also runs on TypeScript and TSX.
    Js,
}

impl Family {
    /// Whether files of `lang` are in this family.
    pub fn covers(self, lang: Lang) -> bool {
        match self {
            Family::Python => lang == Lang::Python,
            Family::Js => lang.is_js_family(),
        }
    }
}

/// A rule that cannot be used: file, line, rule id and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: rule `{rule}`: {message}")]
pub struct RuleError {
    pub file: String,
    /// 1-based line in the rule file.
    pub line: usize,
    /// The rule id, or `-` when the file as a whole is wrong.
    pub rule: String,
    pub message: String,
}

/// `paths:` include/exclude globs.
#[derive(Debug)]
pub struct PathFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathFilter {
    /// Whether a relative path is in scope for the rule.
    pub fn allows(&self, rel: &str) -> bool {
        if let Some(ex) = &self.exclude
            && ex.is_match(rel)
        {
            return false;
        }
        self.include.as_ref().is_none_or(|inc| inc.is_match(rel))
    }
}

/// A `pattern-propagators` entry: taint flows from `$FROM` to `$TO` where it matches.
#[derive(Debug)]
pub struct Propagator {
    pub formula: Formula,
    pub from: String,
    pub to: String,
}

/// The parts of a `mode: taint` rule.
#[derive(Debug, Default)]
pub struct TaintSpec {
    pub sources: Vec<Formula>,
    pub sinks: Vec<Formula>,
    pub sanitizers: Vec<Formula>,
    pub propagators: Vec<Propagator>,
}

/// Search or taint.
#[derive(Debug)]
pub enum Body {
    Search(Formula),
    Taint(TaintSpec),
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub message: String,
    pub severity: Severity,
    pub title: String,
    pub remediation: String,
    pub cwe: Vec<String>,
    pub owasp: Vec<String>,
    pub references: Vec<String>,
    pub category: Option<String>,
    pub confidence: Option<Confidence>,
    pub family: Family,
    pub paths: Option<PathFilter>,
    pub body: Body,
    /// The file the rule came from and the line of its `id`.
    pub file: String,
    pub line: usize,
    /// Pre-filter: each inner list needs one of its words in the file.
    pub required: Vec<Vec<String>>,
}

/// Loads every rule file under `path` (a `.yml`/`.yaml` file, or a directory searched
/// recursively, in sorted order).
pub fn load_path(path: &Path) -> (Vec<Rule>, Vec<RuleError>) {
    let mut files = Vec::new();
    collect_yaml(path, &mut files, 0);
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if files.is_empty() && !path.exists() {
        errors.push(RuleError {
            file: path.display().to_string(),
            line: 0,
            rule: "-".into(),
            message: "no such file or directory".into(),
        });
    }
    for f in files {
        let name = f.display().to_string();
        match std::fs::read_to_string(&f) {
            Ok(text) => {
                let (r, e) = load_str(&text, &name);
                rules.extend(r);
                errors.extend(e);
            }
            Err(e) => errors.push(RuleError {
                file: name,
                line: 0,
                rule: "-".into(),
                message: e.to_string(),
            }),
        }
    }
    (rules, errors)
}

/// Rule files under a directory (sorted), bounded in depth.
pub fn collect_yaml(path: &Path, out: &mut Vec<std::path::PathBuf>, depth: usize) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    if depth > 16 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(path) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_yaml(&p, out, depth + 1);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")) {
            out.push(p);
        }
    }
}

/// Loads the rules in one file's text; `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> (Vec<Rule>, Vec<RuleError>) {
    let lines: Vec<&str> = text.lines().collect();
    let starts = rule_starts(&lines);
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    match serde_norway::from_str::<Value>(text) {
        Ok(doc) => {
            let Some(list) = doc.get("rules").and_then(Value::as_sequence) else {
                errors.push(file_err(file, 1, "expected a top-level `rules:` list"));
                return (rules, errors);
            };
            for (i, v) in list.iter().enumerate() {
                let start = starts.get(i).copied().unwrap_or(0);
                let end = starts.get(i + 1).copied().unwrap_or(lines.len());
                match load_rule(
                    v,
                    &Loc {
                        file,
                        lines: &lines,
                        start,
                        end,
                        id: String::from("-"),
                    },
                ) {
                    Ok(r) => rules.push(r),
                    Err(e) => errors.push(e),
                }
            }
        }
        Err(e) => {
            let whole_line = e.location().map_or(1, |l| l.line());
            if starts.is_empty() {
                errors.push(file_err(file, whole_line, &format!("YAML error: {e}")));
                return (rules, errors);
            }
            // Re-read rule by rule so one broken rule does not hide the others.
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(lines.len());
                let chunk = format!("rules:\n{}\n", lines[start..end].join("\n"));
                let loc = Loc {
                    file,
                    lines: &lines,
                    start,
                    end,
                    id: guess_id(&lines[start..end]),
                };
                match serde_norway::from_str::<Value>(&chunk) {
                    Ok(doc) => {
                        let Some(v) = doc
                            .get("rules")
                            .and_then(Value::as_sequence)
                            .and_then(|s| s.first())
                        else {
                            continue;
                        };
                        match load_rule(v, &loc) {
                            Ok(r) => rules.push(r),
                            Err(e) => errors.push(e),
                        }
                    }
                    Err(e) => {
                        let line = e
                            .location()
                            .map_or(start + 1, |l| start + l.line().saturating_sub(1));
                        errors.push(RuleError {
                            file: file.into(),
                            line,
                            rule: loc.id.clone(),
                            message: format!("YAML error: {e}"),
                        });
                    }
                }
            }
        }
    }
    (rules, errors)
}

fn file_err(file: &str, line: usize, msg: &str) -> RuleError {
    RuleError {
        file: file.into(),
        line,
        rule: "-".into(),
        message: msg.into(),
    }
}

fn guess_id(lines: &[&str]) -> String {
    lines
        .iter()
        .find_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .trim_start()
                .strip_prefix("id:")
        })
        .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
        .unwrap_or_else(|| "-".into())
}

/// 0-based line indexes where each rule of the `rules:` list starts.
fn rule_starts(lines: &[&str]) -> Vec<usize> {
    let Some(top) = lines.iter().position(|l| l.starts_with("rules:")) else {
        return Vec::new();
    };
    let mut indent = None;
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(top + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let ind = l.len() - t.len();
        if ind == 0 && !t.starts_with('-') {
            break;
        }
        if t.starts_with("- ") || t == "-" {
            match indent {
                None => {
                    indent = Some(ind);
                    out.push(i);
                }
                Some(x) if x == ind => out.push(i),
                _ => {}
            }
        }
    }
    out
}

/// Where a rule sits in its file, for error messages.
struct Loc<'a> {
    file: &'a str,
    lines: &'a [&'a str],
    start: usize,
    end: usize,
    id: String,
}

impl Loc<'_> {
    /// 1-based line of the first line in this rule containing `needle` (or the rule start).
    fn line_of(&self, needle: &str) -> usize {
        let needle = needle
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if !needle.is_empty() {
            for i in self.start..self.end.min(self.lines.len()) {
                if self.lines[i].contains(needle) {
                    return i + 1;
                }
            }
        }
        self.start + 1
    }

    fn err(&self, needle: &str, msg: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.into(),
            line: self.line_of(needle),
            rule: self.id.clone(),
            message: msg.into(),
        }
    }
}

const RULE_KEYS: &[&str] = &[
    "id",
    "message",
    "severity",
    "languages",
    "metadata",
    "paths",
    "mode",
    "pattern",
    "patterns",
    "pattern-either",
    "pattern-regex",
    "pattern-sources",
    "pattern-sinks",
    "pattern-sanitizers",
    "pattern-propagators",
    "fix",
    "fix-regex",
    "options",
    "min-version",
    "max-version",
];

fn load_rule(v: &Value, loc0: &Loc<'_>) -> Result<Rule, RuleError> {
    let map = v
        .as_mapping()
        .ok_or_else(|| loc0.err("", "a rule must be a mapping"))?;
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| loc0.err("", "rule has no `id`"))?
        .to_string();
    let loc = Loc {
        id: id.clone(),
        ..*loc0
    };
    for k in map.keys() {
        let k = k.as_str().unwrap_or("?");
        if !RULE_KEYS.contains(&k) {
            return Err(loc.err(&format!("{k}:"), format!("unsupported key `{k}`")));
        }
    }
    let message = map
        .get("message")
        .and_then(Value::as_str)
        .ok_or_else(|| loc.err("", "rule has no `message`"))?
        .trim()
        .to_string();
    let sev_text = map
        .get("severity")
        .and_then(Value::as_str)
        .ok_or_else(|| loc.err("", "rule has no `severity`"))?;
    let severity: Severity = sev_text
        .parse()
        .map_err(|e: String| loc.err("severity:", e))?;
    let family = languages(map.get("languages"), &loc)?;
    let meta = map.get("metadata").and_then(Value::as_mapping);
    let meta_str = |k: &str| {
        meta.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
    };
    let meta_list = |k: &str| -> Vec<String> {
        match meta.and_then(|m| m.get(k)) {
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Sequence(seq)) => seq.iter().filter_map(scalar).collect(),
            Some(other) => scalar(other).into_iter().collect(),
            None => Vec::new(),
        }
    };
    let cwe = meta_list("cwe")
        .into_iter()
        .map(|c| short_cwe(&c))
        .collect();
    let confidence = match meta_str("confidence").map(|c| c.to_ascii_uppercase()) {
        Some(c) if c == "HIGH" => Some(Confidence::High),
        Some(c) if c == "MEDIUM" => Some(Confidence::Medium),
        Some(c) if c == "LOW" => Some(Confidence::Low),
        Some(c) => {
            return Err(loc.err(
                "confidence:",
                format!("unknown confidence `{c}` (HIGH, MEDIUM or LOW)"),
            ));
        }
        None => None,
    };
    let paths = match map.get("paths") {
        Some(p) => Some(path_filter(p, &loc)?),
        None => None,
    };
    let mode = map.get("mode").and_then(Value::as_str).unwrap_or("search");
    let body = match mode {
        "search" => {
            let keys: Vec<&str> = ["pattern", "patterns", "pattern-either", "pattern-regex"]
                .into_iter()
                .filter(|k| map.contains_key(*k))
                .collect();
            if keys.len() != 1 {
                return Err(loc.err("", "a search rule needs exactly one of pattern, patterns, pattern-either, pattern-regex"));
            }
            for k in [
                "pattern-sources",
                "pattern-sinks",
                "pattern-sanitizers",
                "pattern-propagators",
            ] {
                if map.contains_key(k) {
                    return Err(loc.err(&format!("{k}:"), format!("`{k}` needs `mode: taint`")));
                }
            }
            Body::Search(formula_of(map, family, &loc)?.ok_or_else(|| loc.err("", "no pattern"))?)
        }
        "taint" => Body::Taint(taint_spec(map, family, &loc)?),
        other => {
            return Err(loc.err(
                "mode:",
                format!("unsupported mode `{other}` (search or taint)"),
            ));
        }
    };
    let required = match &body {
        Body::Search(f) => required(f),
        Body::Taint(t) => {
            let mut out = Vec::new();
            for group in [&t.sources, &t.sinks] {
                let mut any = Vec::new();
                let mut ok = true;
                for f in group {
                    match required(f).into_iter().next() {
                        Some(c) => any.extend(c),
                        None => ok = false,
                    }
                }
                if ok && !any.is_empty() {
                    out.push(any);
                }
            }
            out
        }
    };
    let title = meta_str("title").unwrap_or_else(|| humanise(&id));
    Ok(Rule {
        message,
        severity,
        title,
        remediation: meta_str("remediation")
            .or_else(|| meta_str("fix"))
            .unwrap_or_default(),
        cwe,
        owasp: meta_list("owasp"),
        references: meta_list("references"),
        category: meta_str("category"),
        confidence,
        family,
        paths,
        body,
        file: loc.file.into(),
        line: loc.start + 1,
        required,
        id,
    })
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `CWE-89: Improper Neutralization…` → `CWE-89`.
fn short_cwe(c: &str) -> String {
    let c = c.trim();
    let end = c
        .find(|ch: char| ch == ':' || ch.is_whitespace())
        .unwrap_or(c.len());
    let head = &c[..end];
    if head.to_ascii_uppercase().starts_with("CWE-") {
        head.to_ascii_uppercase()
    } else if head.chars().all(|ch| ch.is_ascii_digit()) && !head.is_empty() {
        format!("CWE-{head}")
    } else {
        c.to_string()
    }
}

/// `python.flask.security.debug-enabled` → `Debug enabled`.
pub fn humanise(id: &str) -> String {
    let last = id.rsplit('.').next().unwrap_or(id);
    let words = last.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => id.to_string(),
    }
}

fn languages(v: Option<&Value>, loc: &Loc<'_>) -> Result<Family, RuleError> {
    let list = v
        .and_then(Value::as_sequence)
        .ok_or_else(|| loc.err("languages:", "`languages` must be a list"))?;
    let mut py = false;
    let mut js = false;
    for l in list {
        match l.as_str().unwrap_or("").to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => py = true,
            "javascript" | "js" | "typescript" | "ts" | "jsx" | "tsx" => js = true,
            other => {
                return Err(loc.err(
                    "languages:",
                    format!("unsupported language `{other}` (python, javascript, typescript)"),
                ));
            }
        }
    }
    match (py, js) {
        (true, false) => Ok(Family::Python),
        (false, true) => Ok(Family::Js),
        (true, true) => Err(loc.err(
            "languages:",
            "a rule cannot mix python with javascript/typescript; split it",
        )),
        (false, false) => Err(loc.err("languages:", "`languages` is empty")),
    }
}

fn path_filter(v: &Value, loc: &Loc<'_>) -> Result<PathFilter, RuleError> {
    let m = v
        .as_mapping()
        .ok_or_else(|| loc.err("paths:", "`paths` must be a mapping"))?;
    let set = |k: &str| -> Result<Option<GlobSet>, RuleError> {
        let Some(list) = m.get(k) else {
            return Ok(None);
        };
        let items: Vec<String> = match list {
            Value::Sequence(s) => s.iter().filter_map(scalar).collect(),
            other => scalar(other).into_iter().collect(),
        };
        let mut b = GlobSetBuilder::new();
        for g in items {
            let g = g
                .trim_start_matches("./")
                .trim_start_matches('/')
                .trim_end_matches('/');
            let variants = [
                g.to_string(),
                format!("**/{g}"),
                format!("{g}/**"),
                format!("**/{g}/**"),
            ];
            for v in variants {
                b.add(
                    Glob::new(&v)
                        .map_err(|e| loc.err(g, format!("bad glob `{g}` in paths.{k}: {e}")))?,
                );
            }
        }
        b.build()
            .map(Some)
            .map_err(|e| loc.err(&format!("{k}:"), e.to_string()))
    };
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if k != "include" && k != "exclude" {
            return Err(loc.err(&format!("{k}:"), format!("unsupported key `paths.{k}`")));
        }
    }
    Ok(PathFilter {
        include: set("include")?,
        exclude: set("exclude")?,
    })
}

fn compile_pattern(text: &str, family: Family, loc: &Loc<'_>) -> Result<Formula, RuleError> {
    let r = match family {
        Family::Python => pattern::compile(text, Lang::Python),
        Family::Js => pattern::compile(text, Lang::JavaScript)
            .or_else(|e| pattern::compile(text, Lang::TypeScript).map_err(|_| e)),
    };
    r.map(Formula::Pattern).map_err(|e| {
        loc.err(
            text,
            format!("unparsable pattern `{}`: {}", first_line(text), e.0),
        )
    })
}

fn first_line(s: &str) -> String {
    let l = s.trim().lines().next().unwrap_or("");
    if l.len() > 60 {
        format!("{}…", &l[..pattern_floor(l, 60)])
    } else {
        l.to_string()
    }
}

fn pattern_floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn compile_regex(text: &str, loc: &Loc<'_>, anchored: bool) -> Result<Regex, RuleError> {
    let src = if anchored {
        format!("^(?:{text})")
    } else {
        text.to_string()
    };
    regex::RegexBuilder::new(&src)
        .multi_line(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| loc.err(text, format!("bad regex `{}`: {e}", first_line(text))))
}

fn as_text<'v>(v: &'v Value, key: &str, loc: &Loc<'_>) -> Result<&'v str, RuleError> {
    v.as_str()
        .ok_or_else(|| loc.err(&format!("{key}:"), format!("`{key}` must be a string")))
}

/// The formula of a mapping holding one of pattern/patterns/pattern-either/pattern-regex.
fn formula_of(map: &Mapping, family: Family, loc: &Loc<'_>) -> Result<Option<Formula>, RuleError> {
    if let Some(v) = map.get("pattern") {
        return compile_pattern(as_text(v, "pattern", loc)?, family, loc).map(Some);
    }
    if let Some(v) = map.get("pattern-regex") {
        return compile_regex(as_text(v, "pattern-regex", loc)?, loc, false)
            .map(|r| Some(Formula::Regex(r)));
    }
    if let Some(v) = map.get("pattern-either") {
        let list = v
            .as_sequence()
            .ok_or_else(|| loc.err("pattern-either:", "`pattern-either` must be a list"))?;
        let mut alts = Vec::new();
        let mut insides = Vec::new();
        for item in list {
            if let Some(m) = item.as_mapping()
                && m.len() == 1
                && let Some(inside) = m.get("pattern-inside")
            {
                insides.push(match inside {
                    Value::String(s) => compile_pattern(s, family, loc)?,
                    other => item_formula(other, family, loc, "pattern-inside")?,
                });
                continue;
            }
            alts.push(item_formula(item, family, loc, "pattern-either")?);
        }
        if !insides.is_empty() && !alts.is_empty() {
            return Err(loc.err("pattern-inside", "mixing `pattern-inside` with other patterns in one `pattern-either` is not supported"));
        }
        return Ok(Some(if insides.is_empty() {
            Formula::Either(alts)
        } else {
            Formula::InsideEither(insides)
        }));
    }
    if let Some(v) = map.get("patterns") {
        return patterns(v, family, loc).map(Some);
    }
    Ok(None)
}

/// One entry of a `pattern-either` or a taint list: a mapping with a formula (or a bare
/// pattern string).
fn item_formula(
    item: &Value,
    family: Family,
    loc: &Loc<'_>,
    ctx: &str,
) -> Result<Formula, RuleError> {
    if let Some(s) = item.as_str() {
        return compile_pattern(s, family, loc);
    }
    let m = item.as_mapping().ok_or_else(|| {
        loc.err(
            &format!("{ctx}:"),
            format!("entries of `{ctx}` must be mappings"),
        )
    })?;
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !matches!(
            k,
            "pattern" | "patterns" | "pattern-either" | "pattern-regex"
        ) {
            return Err(loc.err(
                &format!("{k}:"),
                format!("unsupported operator `{k}` inside `{ctx}`"),
            ));
        }
    }
    formula_of(m, family, loc)?
        .ok_or_else(|| loc.err(&format!("{ctx}:"), format!("empty entry in `{ctx}`")))
}

fn patterns(v: &Value, family: Family, loc: &Loc<'_>) -> Result<Formula, RuleError> {
    let list = v
        .as_sequence()
        .ok_or_else(|| loc.err("patterns:", "`patterns` must be a list"))?;
    let mut pos = Vec::new();
    let mut conds = Vec::new();
    let mut inside_only = Vec::new();
    for item in list {
        let m = item
            .as_mapping()
            .ok_or_else(|| loc.err("patterns:", "entries of `patterns` must be mappings"))?;
        if m.len() != 1 {
            let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
            return Err(loc.err(
                keys.first().copied().unwrap_or("patterns:"),
                format!("an entry of `patterns` must hold exactly one operator, found {keys:?}"),
            ));
        }
        let Some((k, val)) = m.iter().next() else {
            continue;
        };
        let k = k.as_str().unwrap_or("?");
        match k {
            "pattern" | "patterns" | "pattern-either" | "pattern-regex" => {
                match formula_of(m, family, loc)?.ok_or_else(|| loc.err(k, "empty operator"))? {
                    Formula::InsideEither(alts) => {
                        inside_only.push(conds.len());
                        conds.push(Cond::Inside(Formula::Either(alts)));
                    }
                    f => pos.push(f),
                }
            }
            "pattern-inside" | "pattern-not-inside" | "pattern-not" => {
                let f = match val {
                    Value::String(s) => compile_pattern(s, family, loc)?,
                    Value::Mapping(_) => item_formula(val, family, loc, k)?,
                    _ => return Err(loc.err(&format!("{k}:"), format!("`{k}` must be a pattern"))),
                };
                match k {
                    "pattern-inside" => {
                        inside_only.push(conds.len());
                        conds.push(Cond::Inside(f));
                    }
                    "pattern-not-inside" => conds.push(Cond::NotInside(f)),
                    _ => conds.push(Cond::Not(f)),
                }
            }
            "pattern-not-regex" => conds.push(Cond::NotRegex(compile_regex(
                as_text(val, k, loc)?,
                loc,
                false,
            )?)),
            "metavariable-regex" => {
                let mm = val
                    .as_mapping()
                    .ok_or_else(|| loc.err(k, "`metavariable-regex` must be a mapping"))?;
                check_keys(
                    mm,
                    &["metavariable", "regex", "constant-propagation"],
                    k,
                    loc,
                )?;
                let mv = metavariable(mm, k, loc)?;
                let re = mm
                    .get("regex")
                    .and_then(Value::as_str)
                    .ok_or_else(|| loc.err(k, "`metavariable-regex` needs `regex`"))?;
                conds.push(Cond::MvRegex {
                    mv,
                    re: compile_regex(re, loc, true)?,
                });
            }
            "metavariable-pattern" => {
                let mm = val
                    .as_mapping()
                    .ok_or_else(|| loc.err(k, "`metavariable-pattern` must be a mapping"))?;
                check_keys(
                    mm,
                    &[
                        "metavariable",
                        "pattern",
                        "patterns",
                        "pattern-either",
                        "pattern-regex",
                        "language",
                    ],
                    k,
                    loc,
                )?;
                let mv = metavariable(mm, k, loc)?;
                if let Some(lang) = mm.get("language").and_then(Value::as_str) {
                    let same = match family {
                        Family::Python => matches!(lang, "python" | "py"),
                        Family::Js => matches!(lang, "javascript" | "js" | "typescript" | "ts"),
                    };
                    if !same {
                        return Err(loc.err("language:", format!("unsupported `language: {lang}` in metavariable-pattern (only the rule's own language)")));
                    }
                }
                let formula = formula_of(mm, family, loc)?
                    .ok_or_else(|| loc.err(k, "`metavariable-pattern` needs a pattern"))?;
                conds.push(Cond::MvPattern { mv, formula });
            }
            "metavariable-comparison" => {
                let mm = val
                    .as_mapping()
                    .ok_or_else(|| loc.err(k, "`metavariable-comparison` must be a mapping"))?;
                check_keys(mm, &["metavariable", "comparison", "strip", "base"], k, loc)?;
                let c = mm
                    .get("comparison")
                    .and_then(Value::as_str)
                    .ok_or_else(|| loc.err(k, "`metavariable-comparison` needs `comparison`"))?;
                let e =
                    Expr::parse(c).map_err(|e| loc.err(c, format!("bad comparison `{c}`: {e}")))?;
                conds.push(Cond::MvCompare(e));
            }
            "focus-metavariable" => {
                let names: Vec<String> = match val {
                    Value::String(s) => vec![s.clone()],
                    Value::Sequence(s) => s
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                };
                if names.is_empty() || !names.iter().all(|n| is_mv_name(n)) {
                    return Err(
                        loc.err(k, "`focus-metavariable` needs metavariable names like `$X`")
                    );
                }
                conds.push(Cond::Focus(names));
            }
            other => {
                return Err(loc.err(
                    &format!("{other}:"),
                    format!("unsupported operator `{other}`"),
                ));
            }
        }
    }
    if pos.is_empty() {
        // Only `pattern-inside`s: the first one supplies the ranges.
        let Some(&first) = inside_only.first() else {
            return Err(loc.err(
                "patterns:",
                "`patterns` needs at least one positive pattern",
            ));
        };
        if let Cond::Inside(f) = conds.remove(first) {
            pos.push(f);
        }
    }
    conds.sort_by_key(Cond::phase);
    Ok(Formula::All(pos, conds))
}

fn check_keys(m: &Mapping, allowed: &[&str], op: &str, loc: &Loc<'_>) -> Result<(), RuleError> {
    for k in m.keys() {
        let k = k.as_str().unwrap_or("?");
        if !allowed.contains(&k) {
            return Err(loc.err(&format!("{k}:"), format!("unsupported key `{k}` in `{op}`")));
        }
    }
    Ok(())
}

fn metavariable(m: &Mapping, op: &str, loc: &Loc<'_>) -> Result<String, RuleError> {
    let mv = m
        .get("metavariable")
        .and_then(Value::as_str)
        .ok_or_else(|| loc.err(op, format!("`{op}` needs `metavariable`")))?;
    if !is_mv_name(mv) {
        return Err(loc.err(mv, format!("`{mv}` is not a metavariable name")));
    }
    Ok(mv.to_string())
}

fn taint_spec(map: &Mapping, family: Family, loc: &Loc<'_>) -> Result<TaintSpec, RuleError> {
    for k in ["pattern", "patterns", "pattern-either", "pattern-regex"] {
        if map.contains_key(k) {
            return Err(loc.err(
                &format!("{k}:"),
                format!("`{k}` is not allowed in a taint rule"),
            ));
        }
    }
    let list = |key: &str, extra: &[&str]| -> Result<Vec<(Formula, Mapping)>, RuleError> {
        let Some(v) = map.get(key) else {
            return Ok(Vec::new());
        };
        let seq = v
            .as_sequence()
            .ok_or_else(|| loc.err(&format!("{key}:"), format!("`{key}` must be a list")))?;
        let mut out = Vec::new();
        for item in seq {
            let m = item.as_mapping().ok_or_else(|| {
                loc.err(
                    &format!("{key}:"),
                    format!("entries of `{key}` must be mappings"),
                )
            })?;
            let mut fm = Mapping::new();
            for (k, v) in m {
                let ks = k.as_str().unwrap_or("?");
                if matches!(
                    ks,
                    "pattern" | "patterns" | "pattern-either" | "pattern-regex"
                ) {
                    fm.insert(k.clone(), v.clone());
                } else if !extra.contains(&ks) {
                    return Err(loc.err(
                        &format!("{ks}:"),
                        format!("unsupported operator `{ks}` in `{key}`"),
                    ));
                }
            }
            let f = formula_of(&fm, family, loc)?.ok_or_else(|| {
                loc.err(
                    &format!("{key}:"),
                    format!("an entry of `{key}` has no pattern"),
                )
            })?;
            out.push((f, m.clone()));
        }
        Ok(out)
    };
    let sources: Vec<Formula> = list("pattern-sources", &["exact", "by-side-effect"])?
        .into_iter()
        .map(|x| x.0)
        .collect();
    let sinks: Vec<Formula> = list("pattern-sinks", &["exact"])?
        .into_iter()
        .map(|x| x.0)
        .collect();
    let sanitizers: Vec<Formula> = list(
        "pattern-sanitizers",
        &["exact", "by-side-effect", "not-conflicting"],
    )?
    .into_iter()
    .map(|x| x.0)
    .collect();
    let mut propagators = Vec::new();
    for (formula, m) in list("pattern-propagators", &["from", "to", "by-side-effect"])? {
        let get = |k: &str| {
            m.get(k)
                .and_then(Value::as_str)
                .filter(|s| is_mv_name(s))
                .map(str::to_string)
                .ok_or_else(|| {
                    loc.err(
                        "pattern-propagators:",
                        format!("a propagator needs `{k}: $X`"),
                    )
                })
        };
        propagators.push(super::rule::Propagator {
            formula,
            from: get("from")?,
            to: get("to")?,
        });
    }
    if sources.is_empty() || sinks.is_empty() {
        return Err(loc.err(
            "mode:",
            "a taint rule needs `pattern-sources` and `pattern-sinks`",
        ));
    }
    Ok(TaintSpec {
        sources,
        sinks,
        sanitizers,
        propagators,
    })
}

#[cfg(test)]
mod tests;
