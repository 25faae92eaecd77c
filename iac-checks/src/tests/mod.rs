//! Table-driven tests: every check fails on its failing snippet and stays quiet on its
//! passing one, in every format it supports; fixtures of correct templates give nothing.

use std::collections::{BTreeMap, HashMap};

use vigil_core::{Finding, Status};

use crate::IacAnalyzer;
use crate::checks;

mod analyzer;
mod catalogue;

/// (check id, CloudFormation?, resource type — `data.x` for a data source, `""` when the
/// body is a whole file —, body, whether the check must fire).
pub(crate) type Case = (&'static str, bool, &'static str, &'static str, bool);

pub(crate) fn cfn_text(ty: &str, body: &str) -> String {
    if ty.is_empty() {
        return body.to_string();
    }
    let mut s = format!("Resources:\n  R:\n    Type: {ty}\n");
    if body.trim().is_empty() {
        s.push_str("    Properties: {}\n");
    } else {
        s.push_str("    Properties:\n");
        for l in body.lines() {
            s.push_str("      ");
            s.push_str(l);
            s.push('\n');
        }
    }
    s
}

pub(crate) fn tf_text(ty: &str, body: &str) -> String {
    if ty.is_empty() {
        return body.to_string();
    }
    match ty.strip_prefix("data.") {
        Some(t) => format!("data \"{t}\" \"r\" {{\n{body}\n}}\n"),
        None => format!("resource \"{ty}\" \"r\" {{\n{body}\n}}\n"),
    }
}

pub(crate) fn run_cfn(text: &str) -> Vec<Finding> {
    let (f, w) = IacAnalyzer::new()
        .scan_cloudformation("t.yaml", text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .unwrap_or_else(|| panic!("not a template:\n{text}"));
    assert!(w.is_empty(), "{w:?}");
    f
}

pub(crate) fn run_tf(files: &[(&str, &str)]) -> Vec<Finding> {
    let names: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
    let map: HashMap<String, String> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let (f, problems) = IacAnalyzer::new().scan_terraform(&names, &|p| map.get(p).cloned());
    assert!(problems.is_empty(), "{problems:?}");
    f
}

fn active(f: &[Finding], id: &str) -> Vec<String> {
    f.iter()
        .filter(|f| f.rule_id == id && f.status == Status::Active)
        .map(|f| {
            format!(
                "{}:{} {}",
                f.location.path, f.location.start_line, f.snippet
            )
        })
        .collect()
}

#[test]
fn every_case_behaves() {
    let mut failures = Vec::new();
    for (id, is_cfn, ty, body, fails) in checks::cases() {
        let found = if is_cfn {
            active(&run_cfn(&cfn_text(ty, body)), id)
        } else {
            active(&run_tf(&[("main.tf", &tf_text(ty, body))]), id)
        };
        if found.is_empty() == fails {
            failures.push(format!(
                "{id} {} {ty}: expected {} but got {found:?}\n{body}",
                if is_cfn { "CFN" } else { "TF" },
                if fails { "a finding" } else { "none" }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) wrong:\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
}

#[test]
fn every_check_has_failing_and_passing_cases_in_each_format() {
    let mut seen: BTreeMap<(&str, bool, bool), usize> = BTreeMap::new();
    for (id, is_cfn, _, _, fails) in checks::cases() {
        *seen.entry((id, is_cfn, fails)).or_default() += 1;
    }
    let mut missing = Vec::new();
    for c in checks::all() {
        for (is_cfn, types) in [(true, c.cfn_types), (false, c.tf_types)] {
            if types.is_empty() {
                continue;
            }
            for fails in [true, false] {
                if !seen.contains_key(&(c.id, is_cfn, fails)) {
                    missing.push(format!(
                        "{} {} {}",
                        c.id,
                        if is_cfn { "CFN" } else { "TF" },
                        if fails { "fail" } else { "pass" }
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "missing cases:\n{}", missing.join("\n"));
}
