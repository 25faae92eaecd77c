use super::*;

fn errors(yaml: &str) -> Vec<RuleError> {
    load_str(yaml, "bad.yml").1
}

const GOOD: &str = "  - id: good\n    pattern: eval($X)\n    message: m\n    severity: ERROR\n    languages: [python]\n";

#[test]
fn loads_metadata_severity_and_title() {
    let yaml = "rules:\n  - id: python.flask.debug-enabled\n    pattern: app.run(debug=True)\n    message: Flask debug is on\n    severity: CRITICAL\n    languages: [python]\n    metadata:\n      cwe: ['CWE-489: Active Debug Code']\n      owasp: A05:2021 - Security Misconfiguration\n      confidence: HIGH\n      references: [https://flask.palletsprojects.com]\n      category: security\n  - id: x\n    pattern: eval(...)\n    message: m\n    severity: INFO\n    languages: [js]\n    metadata:\n      title: Eval of data\n";
    let (rules, errs) = load_str(yaml, "f.yml");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(rules[0].title, "Debug enabled");
    assert_eq!(rules[0].severity, Severity::Critical);
    assert_eq!(rules[0].cwe, vec!["CWE-489"]);
    assert_eq!(rules[0].owasp, vec!["A05:2021 - Security Misconfiguration"]);
    assert_eq!(rules[0].confidence, Some(Confidence::High));
    assert_eq!(rules[0].category.as_deref(), Some("security"));
    assert_eq!(rules[0].line, 2);
    assert_eq!(rules[1].title, "Eval of data");
    assert_eq!(rules[1].severity, Severity::Informational);
    assert_eq!(rules[1].family, Family::Js);
    assert_eq!(rules[1].line, 13);
}

#[test]
fn unsupported_operator_names_rule_operator_and_line() {
    let yaml = format!(
        "rules:\n{GOOD}  - id: uses-join\n    patterns:\n      - pattern: foo()\n      - pattern-where-python: x\n    message: m\n    severity: ERROR\n    languages: [python]\n"
    );
    let (rules, errs) = load_str(&yaml, "bad.yml");
    assert_eq!(rules.len(), 1, "the other rule still loads");
    assert_eq!(errs.len(), 1);
    let e = errs[0].to_string();
    assert!(e.starts_with("bad.yml:10: rule `uses-join`:"), "{e}");
    assert!(
        e.contains("unsupported operator `pattern-where-python`"),
        "{e}"
    );
}

#[test]
fn unknown_top_level_key_and_mode_fail() {
    let yaml = format!(
        "rules:\n  - id: j\n    mode: join\n    message: m\n    severity: ERROR\n    languages: [python]\n{GOOD}"
    );
    let e = errors(&yaml);
    assert!(e[0].message.contains("unsupported mode `join`"), "{e:?}");
    assert_eq!(e[0].line, 3);
    let yaml = "rules:\n  - id: k\n    pattern: x\n    match: y\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    let e = errors(yaml);
    assert!(
        e[0].message.contains("unsupported key `match`") && e[0].line == 4,
        "{e:?}"
    );
}

#[test]
fn bad_regex_bad_pattern_and_bad_severity_are_errors_with_lines() {
    let yaml = format!(
        "rules:\n  - id: r\n    pattern-regex: '(unclosed'\n    message: m\n    severity: ERROR\n    languages: [python]\n  - id: p\n    pattern: foo(((\n    message: m\n    severity: ERROR\n    languages: [python]\n  - id: s\n    pattern: foo()\n    message: m\n    severity: SEVERE\n    languages: [python]\n  - id: l\n    pattern: foo()\n    message: m\n    severity: LOW\n    languages: [ruby]\n{GOOD}"
    );
    let (rules, e) = load_str(&yaml, "bad.yml");
    assert_eq!(rules.len(), 1);
    let by = |id: &str| e.iter().find(|x| x.rule == id).unwrap().clone();
    assert!(
        by("r").message.contains("bad regex") && by("r").line == 3,
        "{e:?}"
    );
    assert!(
        by("p").message.contains("unparsable pattern `foo(((`") && by("p").line == 8,
        "{e:?}"
    );
    assert!(
        by("s").message.contains("unknown severity") && by("s").line == 15,
        "{e:?}"
    );
    assert!(
        by("l").message.contains("unsupported language `ruby`"),
        "{e:?}"
    );
}

#[test]
fn yaml_error_in_one_rule_keeps_the_others() {
    let yaml = format!(
        "rules:\n{GOOD}  - id: broken\n    pattern: foo(: bar\n      nope: [\n    message: m\n{}",
        GOOD.replace("good", "good2")
    );
    let (rules, e) = load_str(&yaml, "y.yml");
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["good", "good2"]);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].rule, "broken");
    assert!(e[0].message.starts_with("YAML error"), "{e:?}");
    assert!((7..=9).contains(&e[0].line), "{e:?}");
}

#[test]
fn taint_rules_need_sources_and_sinks_and_reject_labels() {
    let yaml = "rules:\n  - id: t\n    mode: taint\n    pattern-sources:\n      - pattern: a()\n        label: USER\n    pattern-sinks:\n      - pattern: b($X)\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    let e = errors(yaml);
    assert!(
        e[0].message.contains("unsupported operator `label`") && e[0].line == 6,
        "{e:?}"
    );
    let yaml = "rules:\n  - id: t\n    mode: taint\n    pattern-sinks:\n      - pattern: b($X)\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    assert!(errors(yaml)[0].message.contains("needs `pattern-sources`"));
}

#[test]
fn path_filters_follow_semgrep_globs() {
    let yaml = "rules:\n  - id: p\n    pattern: foo()\n    message: m\n    severity: ERROR\n    languages: [python]\n    paths:\n      include: ['src/', '*.py']\n      exclude: [tests]\n";
    let (rules, e) = load_str(yaml, "p.yml");
    assert!(e.is_empty(), "{e:?}");
    let f = rules[0].paths.as_ref().unwrap();
    assert!(f.allows("src/a.py"));
    assert!(f.allows("lib/deep/a.py"));
    assert!(!f.allows("src/tests/a.py"));
    assert!(!f.allows("tests/a.py"));
}

#[test]
fn prefilter_words_come_from_patterns() {
    let yaml = "rules:\n  - id: p\n    pattern-either:\n      - pattern: subprocess.call(...)\n      - pattern: os.popen(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    let (rules, _) = load_str(yaml, "p.yml");
    assert_eq!(
        rules[0].required,
        vec![vec!["call".to_string(), "popen".to_string()]]
    );
}
