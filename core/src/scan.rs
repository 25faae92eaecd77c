//! The scan orchestrator: one parallel pass over the tree, every analyzer on every file
//! it wants, then the project pass, suppressions, disabled rules and fingerprints.
//!
//! The CLI and the bot both call [`scan`]; only where the tree comes from and where the
//! report goes differ.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ignore::WalkState;
use serde::Serialize;

use crate::analyzer::{Analyzer, Diagnostic, Output, Project, SourceFile};
use crate::config::RepoConfig;
use crate::finding::{Finding, Status, assign_fingerprints};
use crate::suppress::inline_suppression;
use crate::walk::{SkipReason, Visit, classify_symlink, read_file, relative, walker};

/// How many example paths the summary keeps per skip reason.
const SKIP_EXAMPLES: usize = 5;

/// A scan that could not start at all (everything else is reported in the summary).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{path}: {message}")]
    Root { path: String, message: String },
    #[error("{0}")]
    Config(String),
}

/// Knobs that are not repository config: they belong to the caller.
#[derive(Default)]
pub struct ScanOptions<'a> {
    /// Worker threads for the walk and the analyzers (0 = number of CPUs).
    pub threads: usize,
    /// Called with the running count of files read, from any thread.
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

/// Files skipped for one reason: how many and a few examples.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SkipGroup {
    pub count: u64,
    pub examples: Vec<String>,
}

/// Everything but the findings: what was read, what was not and why.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub lines_scanned: u64,
    /// Files whose bytes were not valid UTF-8 (scanned after lossy decoding).
    pub files_invalid_utf8: u64,
    /// Skipped paths by reason label.
    pub skipped: BTreeMap<String, SkipGroup>,
    /// Per-file problems analyzers reported (bad lockfile, template that is not YAML…).
    pub diagnostics: Vec<Diagnostic>,
    /// Analyzer counters (e.g. `sast: files with syntax errors`).
    pub counters: BTreeMap<String, u64>,
    pub analyzers: Vec<String>,
    #[serde(serialize_with = "ser_duration_ms", rename = "duration_ms")]
    pub duration: Duration,
}

fn ser_duration_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// The result of one scan.
#[derive(Debug, Clone, Serialize)]
pub struct ScanReport {
    /// Root as given by the caller.
    pub root: PathBuf,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl ScanReport {
    /// Findings that count (status ACTIVE).
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status == Status::Active)
    }
}

#[derive(Default)]
struct Acc {
    findings: Vec<Finding>,
    files: Vec<String>,
    summary: Summary,
}

impl Acc {
    fn skip(&mut self, reason: &SkipReason, rel: String) {
        let mut label = reason.label();
        if let Some(d) = reason.detail() {
            label = format!("{label}: {d}");
        }
        let g = self.summary.skipped.entry(label).or_default();
        g.count += 1;
        if g.examples.len() < SKIP_EXAMPLES {
            g.examples.push(rel);
        }
    }

    fn absorb(&mut self, analyzer: &str, out: Output) {
        self.findings.extend(out.findings);
        self.summary.diagnostics.extend(out.diagnostics);
        for (k, v) in out.counters {
            // Shown as `analyzer: name`; analyzers that already prefix their keys keep them.
            let key = if k.starts_with(&format!("{analyzer}:")) {
                k.to_string()
            } else {
                format!("{analyzer}: {k}")
            };
            *self.summary.counters.entry(key).or_default() += v;
        }
    }
}

/// Scans `root` (a directory or a single file) with `analyzers`.
pub fn scan(
    root: &Path,
    config: &RepoConfig,
    analyzers: &[Box<dyn Analyzer>],
    opts: &ScanOptions<'_>,
) -> Result<ScanReport, ScanError> {
    let started = Instant::now();
    let canonical_root = std::fs::canonicalize(root).map_err(|e| ScanError::Root {
        path: root.display().to_string(),
        message: e.to_string(),
    })?;
    let active: Vec<&dyn Analyzer> = analyzers
        .iter()
        .map(|a| a.as_ref())
        .filter(|a| config.analyzers.enabled(a.name()))
        .collect();
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        opts.threads
    };
    let walk = walker(&canonical_root, config, threads).map_err(ScanError::Config)?;
    let acc = Mutex::new(Acc::default());
    let read_count = AtomicU64::new(0);

    walk.run(|| {
        let acc = &acc;
        let active = &active;
        let canonical_root = &canonical_root;
        let read_count = &read_count;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = walk_error_path(&err);
                    lock(acc).skip(&SkipReason::WalkError(err.to_string()), path);
                    return WalkState::Continue;
                }
            };
            let Some(ft) = entry.file_type() else {
                return WalkState::Continue;
            };
            if ft.is_dir() {
                return WalkState::Continue;
            }
            let rel = relative(canonical_root, entry.path());
            if ft.is_symlink() {
                let reason = classify_symlink(entry.path(), canonical_root);
                lock(acc).skip(&reason, rel);
                return WalkState::Continue;
            }
            if !ft.is_file() {
                lock(acc).skip(&SkipReason::NotAFile, rel);
                return WalkState::Continue;
            }
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let bytes = match read_file(entry.path(), len, config.max_file_size) {
                Visit::Read(b) => b,
                Visit::Skip(reason) => {
                    lock(acc).skip(&reason, rel);
                    return WalkState::Continue;
                }
            };
            let n = read_count.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(p) = opts.progress {
                p(n);
            }
            let (text, lossy) = match String::from_utf8(bytes) {
                Ok(s) => (s, false),
                Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
            };
            let file = SourceFile {
                rel_path: &rel,
                abs_path: entry.path(),
                text: &text,
                lossy,
            };
            let mut outs = Vec::new();
            for a in active.iter().filter(|a| a.wants(&rel)) {
                let mut out = a.analyze_file(&file);
                apply_inline_suppressions(&mut out.findings, &text);
                outs.push((a.name(), out));
            }
            let mut g = lock(acc);
            g.summary.files_scanned += 1;
            g.summary.bytes_scanned += text.len() as u64;
            g.summary.lines_scanned += line_count(&text);
            if lossy {
                g.summary.files_invalid_utf8 += 1;
            }
            for (name, out) in outs {
                g.absorb(name, out);
            }
            g.files.push(rel);
            WalkState::Continue
        })
    });

    let mut acc = acc.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut files = std::mem::take(&mut acc.files);
    files.sort();
    let project = Project {
        root: &canonical_root,
        files: &files,
        config,
    };
    let mut file_cache: HashMap<String, Option<String>> = HashMap::new();
    for a in &active {
        let mut out = a.analyze_project(&project);
        for f in &mut out.findings {
            let text = file_cache
                .entry(f.location.path.clone())
                .or_insert_with(|| {
                    std::fs::read_to_string(canonical_root.join(&f.location.path)).ok()
                });
            if let Some(text) = text {
                apply_inline_suppressions(std::slice::from_mut(f), text);
            }
        }
        acc.absorb(a.name(), out);
    }

    let mut findings = acc.findings;
    findings.retain(|f| !config.disable_rules.iter().any(|r| r == &f.rule_id));
    assign_fingerprints(&mut findings);
    let mut summary = acc.summary;
    summary
        .diagnostics
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    summary.analyzers = active.iter().map(|a| a.name().to_string()).collect();
    summary.duration = started.elapsed();
    Ok(ScanReport {
        root: root.to_path_buf(),
        findings,
        summary,
    })
}

fn apply_inline_suppressions(findings: &mut [Finding], text: &str) {
    if findings.is_empty() {
        return;
    }
    let lines: Vec<&str> = text.lines().collect();
    for f in findings {
        if f.status != Status::Active {
            continue;
        }
        if let Some(reason) = inline_suppression(&lines, f.location.start_line, &f.rule_id) {
            f.status = Status::Suppressed;
            f.suppression = Some(reason);
        }
    }
}

fn line_count(text: &str) -> u64 {
    let n = memchr_count(text.as_bytes(), b'\n');
    if text.is_empty() || text.ends_with('\n') {
        n
    } else {
        n + 1
    }
}

fn memchr_count(b: &[u8], needle: u8) -> u64 {
    b.iter().filter(|&&c| c == needle).count() as u64
}

fn walk_error_path(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { path, .. } => path.display().to_string(),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => child.display().to_string(),
        _ => String::new(),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
