//! JSON: vigil's own stable schema (documented in docs/json-output.md). Additive changes
//! keep `schema_version`; removing or renaming a field bumps it.

use serde_json::json;

use super::RenderOptions;
use crate::scan::ScanReport;

/// Version of the JSON document layout.
pub const JSON_SCHEMA_VERSION: &str = "1";

/// Renders the report as pretty-printed JSON.
pub fn render_json(report: &ScanReport, opts: &RenderOptions) -> String {
    let doc = json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": { "name": "vigil", "version": env!("CARGO_PKG_VERSION") },
        "root": report.root.display().to_string(),
        "summary": report.summary,
        "findings": opts.visible(report),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdata::sample_report;

    #[test]
    fn findings_carry_package_fields_and_no_match_key() {
        let out = render_json(&sample_report(), &RenderOptions::default());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["schema_version"], "1");
        let f = v["findings"].as_array().unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0]["type"], "SECRET");
        assert_eq!(f[0]["severity"], "CRITICAL");
        assert_eq!(f[0]["fingerprint"].as_str().unwrap().len(), 32);
        assert!(
            f[0].get("match_key").is_none(),
            "the raw secret must never be serialised"
        );
        assert_eq!(f[1]["package"]["fixed_version"], "4.17.21");
        assert_eq!(f[1]["cvss_score"], 7.2);
        assert!(!out.contains("AKIAXXXXXXXXXXXXXXX1"));
    }
}
