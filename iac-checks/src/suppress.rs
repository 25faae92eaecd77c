//! Suppressions teams already have in their templates, from vigil and from the tools they
//! migrate from. A suppressed finding is kept with status SUPPRESSED and the reason.
//!
//! | where | syntax |
//! |---|---|
//! | HCL comment on the finding line, the line above, or inside / above the resource block | `# vigil-ignore: <id>`, `#checkov:skip=<id>`, `#tfsec:ignore:<id>`, `#trivy:ignore:<id>` |
//! | CloudFormation resource `Metadata` | `vigil: {ignore: [<id>]}`, `checkov: {skip: [{id: <id>}]}`, `cfn_nag: {rules_to_suppress: [{id: <id>}]}`, `cfn-lint: {config: {ignore_checks: [<id>]}}` |
//!
//! Another tool's id suppresses a vigil check when it is in the check's `aliases` (the
//! mapping table lives with each check definition and is printed in the README).

use vigil_parsers::iac::{Node, Resource};

use crate::check::Check;

/// Why the finding of `check` on `r` at `line` is suppressed, if it is.
pub fn suppression(check: &Check, r: &Resource, line: u32, lines: &[&str]) -> Option<String> {
    if let Some(reason) = metadata_suppression(check, r.metadata.as_ref()) {
        return Some(reason);
    }
    let start = r.span.start.min(line).max(1);
    let end = r.span.end.max(line);
    // Inside the resource (or on the finding line): any comment; just above: a comment line
    // of its own, so a trailing comment of the previous resource does not leak.
    let above = start.checked_sub(1).filter(|a| *a >= 1);
    for n in above.into_iter().chain(start..=end) {
        let Some(l) = lines.get(n as usize - 1) else {
            continue;
        };
        if Some(n) == above && !is_comment_line(l) {
            continue;
        }
        if let Some(reason) = comment_suppression(check, l) {
            return Some(reason);
        }
    }
    None
}

fn is_comment_line(l: &str) -> bool {
    let t = l.trim_start();
    t.starts_with('#') || t.starts_with("//")
}

fn matches_id(check: &Check, id: &str) -> bool {
    let id = id
        .trim()
        .trim_matches(|c: char| c == '"' || c == '\'' || c == ',');
    !id.is_empty()
        && (id.eq_ignore_ascii_case(check.id)
            || check.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
            || id
                .strip_prefix("aws-")
                .is_some_and(|rest| check.aliases.iter().any(|a| a.eq_ignore_ascii_case(rest))))
}

/// One comment line: `vigil-ignore: a, b`, `checkov:skip=ID:reason`, `tfsec:ignore:ID`, `trivy:ignore:ID`.
fn comment_suppression(check: &Check, line: &str) -> Option<String> {
    let comment = line
        .find('#')
        .or_else(|| line.find("//"))
        .map(|i| &line[i..])?;
    for (marker, sep) in [
        ("vigil-ignore:", ','),
        ("checkov:skip=", ','),
        ("tfsec:ignore:", ' '),
        ("trivy:ignore:", ' '),
    ] {
        let Some(pos) = comment.find(marker) else {
            continue;
        };
        let rest = &comment[pos + marker.len()..];
        let ids: Vec<&str> = if marker == "checkov:skip=" {
            // checkov:skip=CKV_AWS_20:reason
            rest.split([',', ' '])
                .map(|s| s.split(':').next().unwrap_or(s))
                .collect()
        } else if marker == "vigil-ignore:" {
            rest.split([sep, ' ']).collect()
        } else {
            // tfsec:ignore:aws-s3-enable-versioning[:exp:2025-01-01]
            rest.split_whitespace()
                .take(1)
                .map(|s| s.split(":exp:").next().unwrap_or(s))
                .collect()
        };
        if let Some(id) = ids.into_iter().find(|id| matches_id(check, id)) {
            return Some(format!("{}{}", marker, id.trim()));
        }
    }
    None
}

fn strings_at<'a>(n: &'a Node, path: &str) -> Vec<&'a str> {
    n.find(path)
        .into_iter()
        .filter_map(|x| x.as_str())
        .collect()
}

fn metadata_suppression(check: &Check, meta: Option<&Node>) -> Option<String> {
    let meta = meta?;
    let candidates = [
        ("vigil", strings_at(meta, "vigil.ignore")),
        ("checkov", {
            let mut v = strings_at(meta, "checkov.skip.id");
            v.extend(strings_at(meta, "checkov.skip"));
            v
        }),
        ("cfn_nag", strings_at(meta, "cfn_nag.rules_to_suppress.id")),
        (
            "cfn-lint",
            strings_at(meta, "cfn-lint.config.ignore_checks"),
        ),
    ];
    for (tool, ids) in candidates {
        if let Some(id) = ids.into_iter().find(|id| matches_id(check, id)) {
            return Some(format!("Metadata {tool}: {id}"));
        }
    }
    None
}
