//! The SCA analyzer: every lockfile in the tree → packages → advisories from the local
//! OSV database → one PACKAGE_VULNERABILITY finding per (package, vulnerability), with
//! records of the same vulnerability (GHSA + PYSEC + CVE…) merged into one.
//!
//! Everything happens in the project pass (lockfiles are few and go.mod needs go.sum), so
//! `analyze_file` is not used. Without a database the lockfiles are still parsed
//! (unpinned requirements and parse errors are still reported) and the summary says that
//! no package was checked.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use vigil_core::{
    Analyzer, Confidence, Diagnostic, Finding, FindingType, Location, Output, PackageInfo, Project,
    Severity,
};
use vigil_parsers::lockfiles::{self, Ecosystem, LockfileError, Package, Parsed, Scope, Unpinned};

use crate::db::{AdvisoryDb, DbError, STALE_AFTER_DAYS};
use crate::matching::{
    MatchProblem, affects, last_affected, lowest_fix, merge_aliases, primary_id,
};
use crate::osv::Advisory;
use crate::reachability::{self, Imports};
use crate::severity::{Basis, assess};
use crate::version::{Scheme, Version, ecosystem_from_osv, normalize_name};

/// Name of the analyzer (also the `.vigil.yml` switch).
pub const NAME: &str = "sca";
/// Rule id of the informational "unpinned dependency" findings.
pub const UNPINNED_RULE: &str = "sca/unpinned-dependency";
/// Most references copied onto one finding.
const MAX_REFERENCES: usize = 25;
/// Largest lockfile read (the parsers have their own limit too).
const MAX_LOCKFILE_BYTES: u64 = 256 * 1024 * 1024;

/// Software composition analysis against an optional local advisory database.
pub struct ScaAnalyzer {
    db: Option<Arc<AdvisoryDb>>,
    now: DateTime<Utc>,
}

impl ScaAnalyzer {
    /// An analyzer using `db`; `None` means "no database": lockfiles are still parsed and
    /// the scan reports that packages were not checked.
    pub fn new(db: Option<AdvisoryDb>) -> ScaAnalyzer {
        ScaAnalyzer {
            db: db.map(Arc::new),
            now: Utc::now(),
        }
    }

    /// Opens the database under `data_dir` (see [`crate::db`]); a missing database is
    /// not an error, a corrupt one is.
    pub fn from_data_dir(data_dir: &Path) -> Result<ScaAnalyzer, DbError> {
        Ok(ScaAnalyzer::new(AdvisoryDb::open(data_dir)?))
    }

    /// Pins "now" for the staleness check (tests).
    pub fn with_now(mut self, now: DateTime<Utc>) -> ScaAnalyzer {
        self.now = now;
        self
    }

    /// Matches already-parsed packages (the part of the project pass after parsing).
    pub fn analyze_packages(&self, packages: &[Package], out: &mut Output) {
        let Some(db) = &self.db else {
            out.diagnostics.push(Diagnostic {
                analyzer: NAME.into(),
                path: String::new(),
                message: format!(
                    "no advisory database: {} package(s) were not checked for known vulnerabilities; run `vigil db update`",
                    packages.len()
                ),
            });
            out.counters.push(("sca: no advisory database", 1));
            return;
        };
        let status = db.status_at(self.now);
        if status.age_days > STALE_AFTER_DAYS {
            out.diagnostics.push(Diagnostic {
                analyzer: NAME.into(),
                path: String::new(),
                message: format!(
                    "advisory database is {} days old (built {}); run `vigil db update`",
                    status.age_days,
                    status.meta.built_at.format("%Y-%m-%d")
                ),
            });
            out.counters.push(("sca: stale advisory database", 1));
        }
        let mut cache: HashMap<(Ecosystem, String), Vec<Advisory>> = HashMap::new();
        let mut reported: HashSet<String> = HashSet::new();
        let mut vulnerable = 0u64;
        for pkg in packages {
            let key = (pkg.ecosystem, normalize_name(pkg.ecosystem, &pkg.name));
            if !cache.contains_key(&key) {
                let advs = match db.lookup(pkg.ecosystem, &pkg.name) {
                    Ok(a) => a,
                    Err(e) => {
                        if reported.insert(format!("db:{}", pkg.ecosystem.osv_name())) {
                            out.diagnostics.push(Diagnostic {
                                analyzer: NAME.into(),
                                path: pkg.path.clone(),
                                message: e.to_string(),
                            });
                        }
                        Vec::new()
                    }
                };
                cache.insert(key.clone(), advs);
            }
            let advs = cache.get(&key).map(Vec::as_slice).unwrap_or_default();
            if advs.is_empty() {
                continue;
            }
            if let Err(e) = Version::parse(Scheme::of(pkg.ecosystem), &pkg.version)
                && reported.insert(format!("v:{}:{}:{}", pkg.path, pkg.name, pkg.version))
            {
                out.diagnostics.push(Diagnostic {
                    analyzer: NAME.into(),
                    path: pkg.path.clone(),
                    message: format!(
                        "line {}: {} {}: {e} in {}; only exact version lists were checked",
                        pkg.line,
                        pkg.name,
                        pkg.version,
                        pkg.ecosystem.osv_name()
                    ),
                });
            }
            let mut problems: Vec<MatchProblem> = Vec::new();
            let hits: Vec<&Advisory> = advs
                .iter()
                .filter(|a| affects(a, pkg.ecosystem, &pkg.version, &mut problems))
                .collect();
            for p in problems {
                if p.error.version != pkg.version
                    && reported.insert(format!("a:{}:{}", p.advisory, p.error.version))
                {
                    out.diagnostics.push(Diagnostic {
                        analyzer: NAME.into(),
                        path: pkg.path.clone(),
                        message: format!(
                            "advisory {}: {}; that range was skipped",
                            p.advisory, p.error
                        ),
                    });
                }
            }
            if hits.is_empty() {
                continue;
            }
            vulnerable += 1;
            for group in merge_aliases(&hits) {
                let members: Vec<&Advisory> = group.iter().map(|&i| hits[i]).collect();
                out.findings.push(finding_for(pkg, &members));
            }
        }
        out.counters.push(("sca: vulnerable packages", vulnerable));
    }
}

fn finding_for(pkg: &Package, group: &[&Advisory]) -> Finding {
    let (vuln_id, aliases) = primary_id(group);
    let mut sorted: Vec<&Advisory> = group.to_vec();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let summary = sorted
        .iter()
        .map(|a| a.summary.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("{vuln_id} in {}", pkg.name));
    let details = sorted
        .iter()
        .map(|a| a.details.trim())
        .max_by_key(|d| d.len())
        .unwrap_or("")
        .to_string();
    let fixed = lowest_fix(group, pkg.ecosystem, &pkg.version);
    let remediation = match &fixed {
        Some(f) => format!("upgrade {} {} → {f}", pkg.name, pkg.version),
        None => match last_affected(group, pkg.ecosystem) {
            Some(last) => format!(
                "no fix available (versions up to {last} are affected; a later release may not be)"
            ),
            None => "no fix available".to_string(),
        },
    };
    let (score, severity, basis) = assess(group);
    let mut description = details;
    let note = match &basis {
        Basis::Cvss(v) => format!("Severity from {v}."),
        Basis::Label { label, v4_only } => {
            if *v4_only {
                format!(
                    "Severity: the advisory's label {label} (its only CVSS vector, a v4.0 one, could not be parsed)."
                )
            } else {
                format!("Severity: the advisory's label {label}.")
            }
        }
        Basis::Informational(kind) => format!("Informational advisory ({kind})."),
        Basis::Unrated => "The advisory gives no severity; reported as MEDIUM.".to_string(),
    };
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&note);
    let mut cve: Vec<String> = std::iter::once(&vuln_id)
        .chain(aliases.iter())
        .filter(|i| i.starts_with("CVE-"))
        .cloned()
        .collect();
    cve.sort();
    cve.dedup();
    let mut references = Vec::new();
    for a in &sorted {
        for r in &a.references {
            if references.len() < MAX_REFERENCES && !references.contains(r) {
                references.push(r.clone());
            }
        }
    }
    let location = Location {
        path: pkg.path.clone(),
        start_line: pkg.line.max(1),
        start_column: 1,
        end_line: pkg.line.max(1),
        end_column: 1,
    };
    let mut f = Finding::new(
        FindingType::PackageVulnerability,
        vuln_id.clone(),
        summary.clone(),
        severity,
        location,
    );
    if let Some(s) = score {
        f = f.with_cvss(s);
    }
    f.description = description;
    f.remediation = remediation;
    f.confidence = Some(Confidence::High);
    f.cve = cve;
    f.references = references;
    f.snippet = format!("{}@{}", pkg.name, pkg.version);
    f.match_key = format!(
        "{}|{}|{}|{}",
        pkg.ecosystem.osv_name(),
        normalize_name(pkg.ecosystem, &pkg.name),
        pkg.version,
        vuln_id
    );
    f.package = Some(PackageInfo {
        ecosystem: pkg.ecosystem.osv_name().to_string(),
        name: pkg.name.clone(),
        installed_version: pkg.version.clone(),
        fixed_version: fixed,
        vulnerability_id: vuln_id,
        aliases,
        summary,
    });
    f
}

fn unpinned_finding(u: &Unpinned) -> Finding {
    let location = Location {
        path: u.path.clone(),
        start_line: u.line.max(1),
        start_column: 1,
        end_line: u.line.max(1),
        end_column: 1,
    };
    let mut f = Finding::new(
        FindingType::PackageVulnerability,
        UNPINNED_RULE,
        format!("Unpinned dependency {}{}", u.name, u.spec),
        Severity::Informational,
        location,
    );
    f.description = format!(
        "{} is required as `{}{}` without an exact version, so the installed version cannot be checked against advisories and may change between installs.",
        u.name, u.name, u.spec
    );
    f.remediation = format!(
        "pin {} to an exact version (`{}==X.Y.Z`) or use a lockfile",
        u.name, u.name
    );
    f.confidence = Some(Confidence::High);
    f.snippet = format!("{}{}", u.name, u.spec);
    f.match_key = format!("{}|{}|{}", u.ecosystem.osv_name(), u.name, u.spec);
    f
}

/// Adds the reachability signal to PyPI and npm findings: where the package is imported
/// (or that it is not), and whether it is a dev-only dependency. A package that is
/// neither imported nor needed at run time gets `Confidence::Low` (its CVSS and severity
/// are unchanged); one of the two gives `Medium`.
pub fn annotate_reachability(findings: &mut [Finding], packages: &[Package], imports: &Imports) {
    let scopes: HashMap<(&str, &str, &str), Scope> = packages
        .iter()
        .map(|p| {
            (
                (p.path.as_str(), p.name.as_str(), p.version.as_str()),
                p.scope,
            )
        })
        .collect();
    for f in findings.iter_mut() {
        if f.rule_id == UNPINNED_RULE {
            continue;
        }
        let Some(p) = &f.package else { continue };
        let Some(eco) = ecosystem_from_osv(&p.ecosystem) else {
            continue;
        };
        if !reachability::supported(eco) {
            continue;
        }
        let scope = scopes
            .get(&(
                f.location.path.as_str(),
                p.name.as_str(),
                p.installed_version.as_str(),
            ))
            .copied()
            .unwrap_or(Scope::Unknown);
        let site = imports.site_of(eco, &p.name);
        let mut text = match site {
            Some(s) if s.count > 1 => format!(
                "Reachability: {} is imported by this repository's source at {}:{} and {} other place(s).",
                p.name,
                s.path,
                s.line,
                s.count - 1
            ),
            Some(s) => format!(
                "Reachability: {} is imported by this repository's source at {}:{}.",
                p.name, s.path, s.line
            ),
            None => format!(
                "Reachability: no import of {} was found in this repository's own source ({} file(s) checked); it may still be loaded through another dependency.",
                p.name, imports.files
            ),
        };
        match scope {
            Scope::Dev => text.push_str(" It is a development-only dependency."),
            Scope::Runtime => text.push_str(" It is a runtime dependency."),
            Scope::Unknown => {}
        }
        let imported = site.is_some();
        let runtime = scope != Scope::Dev;
        f.confidence = Some(match (imported, runtime) {
            (false, false) => Confidence::Low,
            (true, true) => Confidence::High,
            _ => Confidence::Medium,
        });
        if !f.description.is_empty() {
            f.description.push_str("\n\n");
        }
        f.description.push_str(&text);
    }
}

/// Lockfiles the main walk skipped because they exceed `max_file_size` (1 MiB by default;
/// a package-lock.json is often larger): found with the same walker and excludes, so
/// the SCA pass still sees them.
fn oversized_lockfiles(project: &Project<'_>) -> Vec<String> {
    let Ok(walker) = vigil_core::walk::walker(project.root, project.config, 1) else {
        return Vec::new();
    };
    let limit = project.config.max_file_size;
    let root = project.root.to_path_buf();
    let found = std::sync::Mutex::new(Vec::new());
    walker.run(|| {
        let found = &found;
        let root = &root;
        Box::new(move |entry| {
            let Ok(entry) = entry else {
                return ignore::WalkState::Continue;
            };
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            let name = entry.file_name().to_string_lossy();
            if is_file && lockfiles::is_lockfile(&name) {
                let big = entry.metadata().map(|m| m.len() > limit).unwrap_or(false);
                if big {
                    let rel = vigil_core::walk::relative(root, entry.path());
                    if let Ok(mut v) = found.lock() {
                        v.push(rel);
                    }
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut v = found.into_inner().unwrap_or_default();
    v.retain(|rel| project.files.binary_search(rel).is_err() && lockfiles::is_lockfile(rel));
    v
}

/// Reads a file by root-relative path for the parsers (`-r` includes, go.sum), refusing
/// absolute paths and `..` so a hostile lockfile cannot read outside the tree.
fn read_sibling(root: &Path, rel: &str) -> Option<String> {
    let p = Path::new(rel);
    if p.components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let full = root.join(p);
    let md = std::fs::metadata(&full).ok()?;
    if !md.is_file() || md.len() > MAX_LOCKFILE_BYTES {
        return None;
    }
    std::fs::read_to_string(full).ok()
}

/// Parses every lockfile among `files` with `parse` (the real parsers, or a stand-in in
/// tests); returns the packages and fills `out` with findings and diagnostics.
pub(crate) fn collect(
    files: &[String],
    read: &dyn Fn(&str) -> Result<String, String>,
    parse: &dyn Fn(&str, &str) -> Result<Parsed, LockfileError>,
    out: &mut Output,
) -> Vec<Package> {
    let mut packages = Vec::new();
    let mut lockfiles_seen = 0u64;
    for rel in files.iter().filter(|f| lockfiles::is_lockfile(f)) {
        lockfiles_seen += 1;
        let text = match read(rel) {
            Ok(t) => t,
            Err(e) => {
                out.diagnostics.push(Diagnostic {
                    analyzer: NAME.into(),
                    path: rel.clone(),
                    message: e,
                });
                continue;
            }
        };
        match parse(rel, &text) {
            Ok(parsed) => {
                for note in parsed.notes {
                    out.diagnostics.push(Diagnostic {
                        analyzer: NAME.into(),
                        path: rel.clone(),
                        message: note,
                    });
                }
                let mut seen: HashSet<(Ecosystem, String, String)> = HashSet::new();
                for u in &parsed.unpinned {
                    if seen.insert((u.ecosystem, u.name.clone(), u.spec.clone())) {
                        out.findings.push(unpinned_finding(u));
                    }
                }
                let mut seen: HashSet<(Ecosystem, String, String)> = HashSet::new();
                for p in parsed.packages {
                    if seen.insert((
                        p.ecosystem,
                        normalize_name(p.ecosystem, &p.name),
                        p.version.clone(),
                    )) {
                        packages.push(p);
                    }
                }
            }
            Err(e) => out.diagnostics.push(Diagnostic {
                analyzer: NAME.into(),
                path: e.path.clone(),
                message: e.message,
            }),
        }
    }
    for (path, note) in lockfiles::tree_notes(files) {
        out.diagnostics.push(Diagnostic {
            analyzer: NAME.into(),
            path,
            message: note,
        });
    }
    out.counters.push(("sca: lockfiles", lockfiles_seen));
    out.counters.push(("sca: packages", packages.len() as u64));
    packages
}

/// Every package of every lockfile in `files` (for SBOM export), with the parse problems
/// as diagnostics.
pub fn collect_packages(root: &Path, files: &[String]) -> (Vec<Package>, Vec<Diagnostic>) {
    let mut out = Output::default();
    let read = |rel: &str| read_lockfile(root, rel);
    let parse = |rel: &str, text: &str| lockfiles::parse(rel, text, &|p| read_sibling(root, p));
    let pkgs = collect(files, &read, &parse, &mut out);
    (pkgs, out.diagnostics)
}

fn read_lockfile(root: &Path, rel: &str) -> Result<String, String> {
    let full = root.join(rel);
    let md = std::fs::metadata(&full).map_err(|e| format!("cannot read: {e}"))?;
    if md.len() > MAX_LOCKFILE_BYTES {
        return Err(format!(
            "larger than {MAX_LOCKFILE_BYTES} bytes; not parsed"
        ));
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

impl Analyzer for ScaAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn wants(&self, _rel_path: &str) -> bool {
        false
    }

    fn analyze_project(&self, project: &Project<'_>) -> Output {
        let mut out = Output::default();
        let root = project.root;
        let read = |rel: &str| read_lockfile(root, rel);
        let parse = |rel: &str, text: &str| lockfiles::parse(rel, text, &|p| read_sibling(root, p));
        let oversized = oversized_lockfiles(project);
        let all_files: Vec<String>;
        let files: &[String] = if oversized.is_empty() {
            project.files
        } else {
            out.counters.push((
                "sca: lockfiles above the file size limit (read anyway)",
                oversized.len() as u64,
            ));
            all_files = {
                let mut v = project.files.to_vec();
                v.extend(oversized);
                v.sort();
                v
            };
            &all_files
        };
        let packages = collect(files, &read, &parse, &mut out);
        self.analyze_packages(&packages, &mut out);
        let needs_reachability = out.findings.iter().any(|f| {
            f.rule_id != UNPINNED_RULE
                && f.package.as_ref().is_some_and(|p| {
                    ecosystem_from_osv(&p.ecosystem).is_some_and(reachability::supported)
                })
        });
        if needs_reachability {
            let imports = Imports::scan(project.files, &|rel| reachability::read_source(root, rel));
            out.counters
                .push(("sca: source files checked for imports", imports.files));
            annotate_reachability(&mut out.findings, &packages, &imports);
        }
        out
    }
}

#[cfg(test)]
mod tests;
