//! Text for people: findings grouped by file with the offending line, then a summary of
//! what was scanned, what was skipped and why. Colour only when asked (a TTY).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::RenderOptions;
use crate::finding::{Finding, Severity, Status};
use crate::scan::ScanReport;

struct Paint(bool);

impl Paint {
    fn sev(&self, s: Severity) -> String {
        if !self.0 {
            return s.as_str().to_string();
        }
        let code = match s {
            Severity::Critical => "1;35",
            Severity::High => "1;31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Informational => "2",
        };
        format!("\x1b[{code}m{}\x1b[0m", s.as_str())
    }
    fn bold(&self, s: &str) -> String {
        if self.0 {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn dim(&self, s: &str) -> String {
        if self.0 {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

fn write_finding(out: &mut String, f: &Finding, p: &Paint) {
    let l = &f.location;
    let status = if f.status == Status::Suppressed {
        format!(
            " [suppressed: {}]",
            f.suppression.as_deref().unwrap_or("yes")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "  {:>4}:{:<3} {:<8} {}  {}{}",
        l.start_line,
        l.start_column,
        p.sev(f.severity),
        p.bold(&f.title),
        p.dim(&f.rule_id),
        status
    );
    for line in f.snippet.lines().take(3) {
        let _ = writeln!(out, "           | {}", line.trim_end());
    }
    if let Some(pkg) = &f.package {
        let fixed = pkg.fixed_version.as_deref().unwrap_or("no fix available");
        let _ = writeln!(
            out,
            "           {} {} {} (fixed in {fixed})",
            pkg.vulnerability_id, pkg.name, pkg.installed_version
        );
    }
    if !f.trace.is_empty() {
        let steps: Vec<String> = f
            .trace
            .iter()
            .map(|s| format!("{} ({})", s.line, s.note))
            .collect();
        let _ = writeln!(out, "           trace: {}", steps.join(" → "));
    }
    let mut fix = f.remediation.lines();
    if let Some(first) = fix.next() {
        let _ = writeln!(out, "           {} {}", p.dim("fix:"), first);
        // Multi-line remediations (fixed snippets) stay indented under their finding.
        for line in fix {
            let _ = writeln!(out, "{}", format!("                {line}").trim_end());
        }
    }
}

/// Renders the report as text.
pub fn render_text(report: &ScanReport, opts: &RenderOptions) -> String {
    let p = Paint(opts.color);
    let mut out = String::new();
    let visible = opts.visible(report);
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &visible {
        by_file.entry(f.location.path.as_str()).or_default().push(f);
    }
    for (path, fs) in &by_file {
        let _ = writeln!(out, "{}", p.bold(path));
        for f in fs {
            write_finding(&mut out, f, &p);
        }
        out.push('\n');
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "Scanned {} files ({}, {} lines) in {:.2} s with {}.",
        s.files_scanned,
        human_bytes(s.bytes_scanned),
        s.lines_scanned,
        s.duration.as_secs_f64(),
        if s.analyzers.is_empty() {
            "no analyzers".to_string()
        } else {
            s.analyzers.join(", ")
        }
    );
    if s.files_invalid_utf8 > 0 {
        let _ = writeln!(
            out,
            "  {} files were not valid UTF-8 (scanned with invalid bytes replaced)",
            s.files_invalid_utf8
        );
    }
    let skipped: u64 = s.skipped.values().map(|g| g.count).sum();
    if skipped > 0 {
        let _ = writeln!(out, "Skipped {skipped} paths:");
        for (reason, g) in &s.skipped {
            let more = if g.count as usize > g.examples.len() {
                ", …"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {:>7}  {reason} ({}{more})",
                g.count,
                g.examples.join(", ")
            );
        }
    }
    for (k, v) in &s.counters {
        let _ = writeln!(out, "  {k}: {v}");
    }
    if !s.diagnostics.is_empty() {
        let _ = writeln!(out, "Problems ({}):", s.diagnostics.len());
        for d in &s.diagnostics {
            // Tree-wide problems (no advisory database…) have no path.
            if d.path.is_empty() {
                let _ = writeln!(out, "  {} ({})", d.message, d.analyzer);
            } else {
                let _ = writeln!(out, "  {}: {} ({})", d.path, d.message, d.analyzer);
            }
        }
    }
    let active: Vec<&Finding> = report.active().collect();
    let counts: Vec<String> = Severity::ALL_DESC
        .iter()
        .filter_map(|sev| {
            let n = active.iter().filter(|f| f.severity == *sev).count();
            (n > 0).then(|| format!("{n} {}", sev.as_str().to_ascii_lowercase()))
        })
        .collect();
    let suppressed = report
        .findings
        .iter()
        .filter(|f| f.status == Status::Suppressed)
        .count();
    let mut line = if counts.is_empty() {
        "No active findings.".to_string()
    } else {
        format!("{} active findings: {}.", active.len(), counts.join(", "))
    };
    if suppressed > 0 {
        if opts.show_suppressed {
            line.push_str(&format!(" {suppressed} suppressed (shown)."));
        } else {
            line.push_str(&format!(
                " {suppressed} suppressed (hidden; --show-suppressed lists them)."
            ));
        }
    }
    let _ = writeln!(out, "{}", p.bold(&line));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdata::sample_report;

    #[test]
    fn groups_by_file_and_summarises() {
        let out = render_text(&sample_report(), &RenderOptions::default());
        assert!(
            out.contains(
                "app/settings.py\n     3:5   CRITICAL AWS access key ID  aws-access-key-id"
            ),
            "{out}"
        );
        assert!(out.contains("| AWS_KEY = \"AKIA****\""), "{out}");
        assert!(
            out.contains("CVE-2021-23337 lodash 4.17.15 (fixed in 4.17.21)"),
            "{out}"
        );
        assert!(
            out.contains("2 active findings: 1 critical, 1 high. 1 suppressed (hidden"),
            "{out}"
        );
        assert!(!out.contains("tests/conftest.py"), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn colour_only_when_asked() {
        let out = render_text(
            &sample_report(),
            &RenderOptions {
                show_suppressed: true,
                color: true,
            },
        );
        assert!(out.contains("\x1b[1;35mCRITICAL"));
        assert!(out.contains("[suppressed: vigil-ignore]"));
    }
}
