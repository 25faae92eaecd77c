//! What vigil says about a scan, in platform-neutral Markdown: the check title and summary,
//! annotations, inline comment bodies and the one summary comment. Platforms only carry
//! these texts; they do not compose them.

use std::collections::BTreeMap;
use std::fmt::Write;

use vigil_core::{Finding, Severity};

use crate::platform::{Annotation, Conclusion};

/// Hidden marker that finds the summary comment again on later pushes.
pub const SUMMARY_MARKER: &str = "<!-- vigil:summary -->";
/// Findings listed by name in the summary.
const TOP: usize = 10;

/// The scan's findings sorted into what changed, for a change request or a branch.
#[derive(Debug, Default)]
pub struct Classified<'a> {
    /// Active on head, not on base (for branches: every active finding).
    pub new: Vec<&'a Finding>,
    /// Active on head and on base.
    pub existing: Vec<&'a Finding>,
    /// Active on base, gone from head.
    pub fixed: Vec<&'a Finding>,
    /// Suppressed on head.
    pub suppressed: usize,
}

/// The verdict: failure when a new active finding reaches `fail_on`.
pub fn conclusion(c: &Classified<'_>, fail_on: Severity) -> Conclusion {
    if c.new.iter().any(|f| f.severity >= fail_on) {
        Conclusion::Failure
    } else {
        Conclusion::Success
    }
}

/// The check's one-line title.
pub fn title(c: &Classified<'_>) -> String {
    match (c.new.len(), c.fixed.len()) {
        (0, 0) => "No new findings".to_string(),
        (0, f) => format!("No new findings, {f} fixed"),
        (n, 0) => format!("{n} new finding{}", if n == 1 { "" } else { "s" }),
        (n, f) => format!(
            "{n} new finding{}, {f} fixed",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// One annotation per active head finding.
pub fn annotations(findings: &[&Finding]) -> Vec<Annotation> {
    findings
        .iter()
        .map(|f| Annotation {
            path: f.location.path.clone(),
            start_line: f.location.start_line,
            end_line: f.location.end_line.max(f.location.start_line),
            severity: f.severity,
            title: format!("[{}] {}", f.severity.as_str(), f.title),
            message: message(f),
        })
        .collect()
}

fn message(f: &Finding) -> String {
    let mut m = String::new();
    if !f.description.is_empty() {
        m.push_str(&f.description);
    } else {
        m.push_str(&f.title);
    }
    if !f.remediation.is_empty() {
        let _ = write!(m, "\n\nHow to fix: {}", f.remediation);
    }
    let _ = write!(m, "\n\nRule: {}", f.rule_id);
    m
}

/// Body of an inline comment: title, severity, why it matters, how to fix, the fixed
/// version (packages) and the source → sink trace (taint).
pub fn inline_body(f: &Finding) -> String {
    let mut b = format!(
        "**{}** · {} · `{}`\n",
        f.title,
        f.severity.as_str(),
        f.rule_id
    );
    if !f.description.is_empty() {
        let _ = write!(b, "\n**Why it matters:** {}\n", f.description);
    }
    if !f.remediation.is_empty() {
        let _ = write!(b, "\n**How to fix:** {}\n", f.remediation);
    }
    if let Some(p) = &f.package {
        let _ = write!(
            b,
            "\n**Package:** {} {} ({})",
            p.name, p.installed_version, p.vulnerability_id
        );
        if let Some(fixed) = &p.fixed_version {
            let _ = write!(b, " — fixed in {fixed}");
        }
        b.push('\n');
    }
    if !f.trace.is_empty() {
        b.push_str("\n**Trace:** ");
        let steps: Vec<String> = f
            .trace
            .iter()
            .map(|s| format!("line {}: {}", s.line, s.note))
            .collect();
        b.push_str(&steps.join(" → "));
        b.push('\n');
    }
    let ids: Vec<&str> = f.cwe.iter().chain(&f.cve).map(String::as_str).collect();
    if !ids.is_empty() {
        let _ = write!(b, "\n{}\n", ids.join(", "));
    }
    b
}

/// The review body accompanying a batch of inline comments.
pub fn review_body(n: usize) -> String {
    format!(
        "vigil found {n} new finding{} on lines changed by this pull request.",
        if n == 1 { "" } else { "s" }
    )
}

/// Counts by severity (most severe first), then by type.
fn counts(findings: &[&Finding]) -> (Vec<(Severity, usize)>, BTreeMap<&'static str, usize>) {
    let mut by_sev: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut by_type: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in findings {
        *by_sev.entry(f.severity).or_default() += 1;
        *by_type.entry(f.finding_type.as_str()).or_default() += 1;
    }
    (by_sev.into_iter().rev().collect(), by_type)
}

/// The Markdown summary used for the check output and the summary comment. `link` turns
/// `(path, line)` into a URL when the platform can.
pub fn summary(
    c: &Classified<'_>,
    head_sha: &str,
    fail_on: Severity,
    notes: &[String],
    link: &dyn Fn(&str, u32) -> Option<String>,
) -> String {
    let mut s = String::new();
    let short = &head_sha[..head_sha.len().min(12)];
    let _ = writeln!(s, "### vigil security scan of `{short}`\n");
    let _ = writeln!(
        s,
        "| new | pre-existing | fixed | suppressed |\n|---:|---:|---:|---:|\n| {} | {} | {} | {} |\n",
        c.new.len(),
        c.existing.len(),
        c.fixed.len(),
        c.suppressed
    );
    let open: Vec<&Finding> = c.new.iter().chain(&c.existing).copied().collect();
    let (by_sev, by_type) = counts(&open);
    if !open.is_empty() {
        let sev: Vec<String> = by_sev
            .iter()
            .map(|(k, n)| format!("{}: {n}", k.as_str()))
            .collect();
        let typ: Vec<String> = by_type.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        let _ = writeln!(
            s,
            "Open findings by severity — {}  \nby type — {}\n",
            sev.join(", "),
            typ.join(", ")
        );
    }
    let failing = c.new.iter().filter(|f| f.severity >= fail_on).count();
    if failing > 0 {
        let _ = writeln!(
            s,
            "**{failing} new finding(s) at or above {}.**\n",
            fail_on.as_str()
        );
    }
    let mut top: Vec<(&str, &Finding)> = c
        .new
        .iter()
        .map(|f| ("new", *f))
        .chain(c.existing.iter().map(|f| ("pre-existing", *f)))
        .collect();
    top.sort_by(|a, b| b.1.severity.cmp(&a.1.severity).then(a.0.cmp(b.0)));
    if !top.is_empty() {
        let _ = writeln!(s, "| severity | finding | where | |\n|---|---|---|---|");
        for (kind, f) in top.iter().take(TOP) {
            let place = format!("{}:{}", f.location.path, f.location.start_line);
            let place = match link(&f.location.path, f.location.start_line) {
                Some(url) => format!("[`{place}`]({url})"),
                None => format!("`{place}`"),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {place} | {kind} |",
                f.severity.as_str(),
                f.title.replace('|', "\\|")
            );
        }
        if top.len() > TOP {
            let _ = writeln!(s, "\n…and {} more.", top.len() - TOP);
        }
        s.push('\n');
    }
    if !c.fixed.is_empty() {
        let _ = writeln!(s, "Fixed by this change:");
        for f in c.fixed.iter().take(TOP) {
            let _ = writeln!(s, "- ~~{}~~ (`{}`)", f.title, f.location.path);
        }
        s.push('\n');
    }
    for n in notes {
        let _ = writeln!(s, "> {n}");
    }
    s
}

/// The summary comment: the marker plus the summary.
pub fn summary_comment(summary: &str) -> String {
    format!("{SUMMARY_MARKER}\n{summary}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{FindingType, Location};

    fn f(sev: Severity, line: u32) -> Finding {
        let mut f = Finding::new(
            FindingType::Secret,
            "secrets.aws-access-key",
            "AWS access key",
            sev,
            Location {
                path: "app/config.py".into(),
                start_line: line,
                start_column: 1,
                end_line: line,
                end_column: 20,
            },
        );
        f.description = "Leaked keys let anyone act as you.".into();
        f.remediation = "Rotate the key.".into();
        f
    }

    #[test]
    fn conclusion_follows_fail_on_for_new_only() {
        let high = f(Severity::High, 3);
        let low = f(Severity::Low, 4);
        let c = Classified {
            new: vec![&low],
            existing: vec![&high],
            ..Default::default()
        };
        assert_eq!(conclusion(&c, Severity::High), Conclusion::Success);
        let c = Classified {
            new: vec![&high],
            ..Default::default()
        };
        assert_eq!(conclusion(&c, Severity::High), Conclusion::Failure);
        assert_eq!(title(&c), "1 new finding");
    }

    #[test]
    fn summary_has_counts_links_and_fixed() {
        let a = f(Severity::High, 3);
        let b = f(Severity::Medium, 9);
        let c = Classified {
            new: vec![&a],
            existing: vec![],
            fixed: vec![&b],
            suppressed: 1,
        };
        let s = summary(&c, "0123456789abcdef", Severity::High, &[], &|p, l| {
            Some(format!("https://x/{p}#L{l}"))
        });
        assert!(s.contains("| 1 | 0 | 1 | 1 |"), "{s}");
        assert!(
            s.contains("[`app/config.py:3`](https://x/app/config.py#L3)"),
            "{s}"
        );
        assert!(s.contains("~~AWS access key~~"), "{s}");
        assert!(summary_comment(&s).starts_with(SUMMARY_MARKER));
        let body = inline_body(&a);
        assert!(
            body.contains("Why it matters") && body.contains("How to fix") && body.contains("HIGH"),
            "{body}"
        );
        assert_eq!(annotations(&[&a])[0].start_line, 3);
    }
}
