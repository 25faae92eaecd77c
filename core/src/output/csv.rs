//! CSV: one row per finding, columns modelled on the Amazon Inspector findings report, so
//! spreadsheets and import scripts built for Inspector work unchanged. RFC 4180 quoting
//! and CRLF line ends.

use super::RenderOptions;
use crate::scan::ScanReport;

/// Column headers, in order.
pub const CSV_COLUMNS: [&str; 18] = [
    "Severity",
    "Finding Type",
    "Title",
    "Description",
    "Rule Id",
    "File Path",
    "Start Line",
    "End Line",
    "Package",
    "Installed Version",
    "Fixed In Version",
    "Vulnerability Id",
    "CWE",
    "CVSS Score",
    "Status",
    "First Seen",
    "Last Seen",
    "Remediation",
];

/// Quotes a field when RFC 4180 requires it (comma, quote, CR or LF inside).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Renders the report as CSV.
pub fn render_csv(report: &ScanReport, opts: &RenderOptions) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for f in opts.visible(report) {
        let pkg = f.package.as_ref();
        let row = [
            f.severity.as_str().to_string(),
            f.finding_type.as_str().to_string(),
            f.title.clone(),
            f.description.clone(),
            f.rule_id.clone(),
            f.location.path.clone(),
            f.location.start_line.to_string(),
            f.location.end_line.to_string(),
            pkg.map(|p| p.name.clone()).unwrap_or_default(),
            pkg.map(|p| p.installed_version.clone()).unwrap_or_default(),
            pkg.and_then(|p| p.fixed_version.clone())
                .unwrap_or_default(),
            pkg.map(|p| p.vulnerability_id.clone()).unwrap_or_default(),
            f.cwe.join(" "),
            f.cvss_score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            f.status.as_str().to_string(),
            f.first_seen.to_rfc3339(),
            f.last_seen.to_rfc3339(),
            f.remediation.clone(),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdata::sample_report;

    #[test]
    fn quoting_follows_rfc4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn one_row_per_visible_finding() {
        let r = sample_report();
        let csv = render_csv(&r, &RenderOptions::default());
        let rows: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(rows[0], CSV_COLUMNS.join(","));
        assert_eq!(rows.len(), 1 + 2, "{csv}"); // suppressed one hidden
        assert!(rows[1].starts_with("CRITICAL,SECRET,"));
        assert!(
            rows[2].contains("lodash,4.17.15,4.17.21,CVE-2021-23337"),
            "{}",
            rows[2]
        );
        let all = render_csv(
            &r,
            &RenderOptions {
                show_suppressed: true,
                color: false,
            },
        );
        assert_eq!(all.split("\r\n").filter(|l| !l.is_empty()).count(), 4);
    }
}
