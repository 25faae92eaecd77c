//! Engine conformance: the annotated fixtures under `fixtures/` (one rule file per topic,
//! test files beside them), plus error messages, traces and hostile inputs.

use std::path::Path;

use super::*;

fn fixtures(sub: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/sast/fixtures")
        .join(sub)
}

fn analyzer(yaml: &str) -> SastAnalyzer {
    let (rules, errors) = load_str(yaml, "inline.yml");
    assert!(errors.is_empty(), "{errors:?}");
    SastAnalyzer::new(RuleSet::new(rules, Vec::new()))
}

fn assert_fixture_dir(sub: &str) {
    let report = test_rules_dir(&fixtures(sub));
    let text = render_test_report(&report);
    assert!(report.passed(), "{text}");
    assert!(report.results.len() >= 3, "{text}");
}

#[test]
fn python_operator_conformance() {
    assert_fixture_dir("python/operators.yml");
}

#[test]
fn python_syntax_and_equivalence_conformance() {
    assert_fixture_dir("python/syntax.yml");
}

#[test]
fn python_taint_conformance() {
    let report = test_rules_dir(&fixtures("python/taint.yml"));
    assert!(report.passed(), "{}", render_test_report(&report));
}

#[test]
fn javascript_and_typescript_conformance() {
    let report = test_rules_dir(&fixtures("javascript"));
    assert!(report.passed(), "{}", render_test_report(&report));
    assert!(
        report
            .results
            .iter()
            .any(|r| r.test_files.iter().any(|f| f.ends_with(".ts")))
    );
    assert!(
        report
            .results
            .iter()
            .any(|r| r.test_files.iter().any(|f| f.ends_with(".tsx")))
    );
}

const TAINT: &str = r#"rules:
  - id: t
    mode: taint
    pattern-sources:
      - pattern: request.args.get(...)
    pattern-sinks:
      - pattern: os.system(...)
    message: input reaches os.system
    severity: HIGH
    languages: [python]
"#;

#[test]
fn taint_findings_carry_a_trace_from_source_to_sink() {
    let src = "import os\nfrom flask import request\n\ndef h():\n    a = request.args.get('x')\n    b = 'ls ' + a\n    os.system(b)\n";
    let out = analyzer(TAINT).scan_source("app.py", src);
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    let lines: Vec<u32> = out.findings[0].trace.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![5, 5, 6, 7], "{:?}", out.findings[0].trace);
    assert!(out.findings[0].trace[0].note.starts_with("source:"));
    assert!(
        out.findings[0]
            .trace
            .last()
            .unwrap()
            .note
            .starts_with("sink:")
    );
}

#[test]
fn interprocedural_trace_mentions_the_call() {
    let src = "import os\nfrom flask import request\n\ndef run(c):\n    os.system(c)\n\ndef h():\n    run(request.args.get('x'))\n";
    let out = analyzer(TAINT).scan_source("app.py", src);
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].location.start_line, 5);
    let notes: Vec<&str> = out.findings[0]
        .trace
        .iter()
        .map(|s| s.note.as_str())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("passed to run()")),
        "{notes:?}"
    );
    assert_eq!(out.findings[0].trace[0].line, 8);
}

#[test]
fn findings_have_interpolated_message_location_and_metadata() {
    let yaml = "rules:\n  - id: py.eval-use\n    patterns:\n      - pattern: eval($CODE)\n      - focus-metavariable: $CODE\n    message: eval of $CODE\n    severity: WARNING\n    languages: [python]\n    metadata:\n      cwe: CWE-95\n      confidence: MEDIUM\n";
    let out = analyzer(yaml).scan_source("src/a.py", "x = 1\ny = eval(user_code)\n");
    let f = &out.findings[0];
    assert_eq!(f.description, "eval of user_code");
    assert_eq!(f.title, "Eval use");
    assert_eq!(
        (
            f.location.start_line,
            f.location.start_column,
            f.location.end_column
        ),
        (2, 10, 19)
    );
    assert_eq!(f.location.path, "src/a.py");
    assert_eq!(f.snippet, "y = eval(user_code)");
    assert_eq!(f.match_key, "user_code");
    assert_eq!(f.cwe, vec!["CWE-95"]);
    assert_eq!(f.finding_type, vigil_core::FindingType::CodeVulnerability);
}

#[test]
fn javascript_rules_run_on_typescript_and_not_on_python() {
    let yaml = "rules:\n  - id: e\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [javascript]\n";
    let a = analyzer(yaml);
    assert_eq!(
        a.scan_source("a.ts", "const x: string = eval(y);\n")
            .findings
            .len(),
        1
    );
    assert_eq!(
        a.scan_source("a.tsx", "const C = () => <b>{eval(y)}</b>;\n")
            .findings
            .len(),
        1
    );
    assert_eq!(a.scan_source("a.py", "eval(y)\n").findings.len(), 0);
    use vigil_core::Analyzer as _;
    assert!(a.wants("src/x.mjs") && !a.wants("x.py") && !a.wants("README.md"));
    assert_eq!(a.name(), "sast");
}

#[test]
fn syntax_errors_are_counted_and_still_scanned() {
    let yaml = "rules:\n  - id: e\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    let out = analyzer(yaml).scan_source("a.py", "def broken(:\n    pass\neval(x)\n");
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.counters, vec![(COUNTER_SYNTAX_ERRORS, 1)]);
}

#[test]
fn pathological_inputs_are_skipped_with_a_reason() {
    let yaml = "rules:\n  - id: e\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [javascript]\n";
    let a = analyzer(yaml);
    // A 5 MB minified bundle.
    let minified = format!("eval(x);{}\n", "var a=1;".repeat(5 * 1024 * 1024 / 8));
    let out = a.scan_source("bundle.min.js", &minified);
    assert!(out.findings.is_empty());
    assert_eq!(out.counters, vec![(COUNTER_SKIPPED, 1)]);
    assert!(
        out.diagnostics[0].message.contains("skipped"),
        "{:?}",
        out.diagnostics
    );
    // 100,000 nested parentheses, split over lines so only the depth guard applies.
    let mut deep = String::from("eval(x);\n");
    for i in 0..100_000 {
        deep.push('(');
        if i % 100 == 99 {
            deep.push('\n');
        }
    }
    deep.push('1');
    for i in 0..100_000 {
        deep.push(')');
        if i % 100 == 99 {
            deep.push('\n');
        }
    }
    let out = a.scan_source("deep.js", &deep);
    assert_eq!(out.counters, vec![(COUNTER_SKIPPED, 1)]);
    assert!(
        out.diagnostics[0].message.contains("nesting"),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn pathological_regex_rule_runs_in_linear_time() {
    let yaml = "rules:\n  - id: r\n    pattern-regex: (a+)+$\n    message: m\n    severity: LOW\n    languages: [python]\n";
    let src = format!("x = '{}b'\n", "a".repeat(4000));
    let out = analyzer(yaml).scan_source("a.py", &src);
    assert!(out.findings.is_empty());
}

#[test]
fn prefilter_skips_rules_whose_words_are_absent() {
    let yaml = "rules:\n  - id: p\n    pattern: subprocess.call(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    let (rules, _) = load_str(yaml, "p.yml");
    let set = RuleSet::new(rules, Vec::new());
    assert_eq!(set.candidates("import os\nos.system(x)\n"), vec![false]);
    assert_eq!(
        set.candidates("import subprocess as sp\nsp.call(x)\n"),
        vec![true]
    );
}

#[test]
fn builtin_packs_load_without_errors() {
    let a = SastAnalyzer::builtin();
    assert!(a.load_errors().is_empty(), "{:#?}", a.load_errors());
    assert_eq!(
        a.rules().len(),
        BUILTIN_PACKS
            .iter()
            .map(|(_, t)| load_str(t, "x").0.len())
            .sum::<usize>()
    );
}

#[test]
fn test_rules_reports_missing_test_files_and_wrong_lines() {
    let dir = std::env::temp_dir().join(format!("vigil-test-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yml"), "rules:\n  - id: a\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n").unwrap();
    std::fs::write(dir.join("a.py"), "# ruleid: a\nfoo()\n# ok: a\neval(x)\n").unwrap();
    std::fs::write(dir.join("b.yml"), "rules:\n  - id: b\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n").unwrap();
    let r = test_rules_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!r.passed());
    let a = r.results.iter().find(|x| x.rule_id == "a").unwrap();
    assert!(
        a.missed[0].ends_with("a.py:2") && a.unexpected[0].ends_with("a.py:4"),
        "{a:?}"
    );
    let b = r.results.iter().find(|x| x.rule_id == "b").unwrap();
    assert!(b.problems[0].contains("no test file"), "{b:?}");
    let text = render_test_report(&r);
    assert!(
        text.contains("FAIL  a") && text.contains("0/2 rules passed"),
        "{text}"
    );
}

#[test]
fn deep_but_accepted_nesting_does_not_overflow_a_worker_stack() {
    // Nesting just under the parser's depth limit, scanned on a 2 MiB thread like a
    // rayon worker, with a taint rule and a deep-expression rule.
    let yaml = format!(
        "{TAINT}  - id: deep\n    pattern: os.system(<... request ...>)\n    message: m\n    severity: LOW\n    languages: [python]\n"
    );
    let nested_calls = format!(
        "import os\nfrom flask import request\ndef h():\n    a = request.args.get('x')\n    b = {}a{}\n    os.system(b)\n",
        "f(".repeat(300),
        ")".repeat(300)
    );
    let nested_ops = format!(
        "import os\nfrom flask import request\ndef h():\n    a = request.args.get('x')\n    os.system({}a{})\n",
        "(a + ".repeat(300),
        ")".repeat(300)
    );
    let a = analyzer(&yaml);
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let one = a.scan_source("calls.py", &nested_calls);
            let two = a.scan_source("ops.py", &nested_ops);
            (
                one.findings.len(),
                one.counters,
                two.findings.len(),
                two.counters,
            )
        })
        .unwrap();
    let (n1, c1, n2, c2) = handle.join().unwrap();
    assert!(c1.is_empty() && c2.is_empty(), "{c1:?} {c2:?}");
    assert_eq!(n1, 1);
    assert!(n2 >= 1);
}

#[test]
fn builtin_pack_tests_pass() {
    // `vigil test-rules` over the shipped packs: every rule must pass its own test file.
    for lang in ["python", "javascript"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("packs")
            .join(lang);
        if !dir.is_dir() {
            continue;
        }
        let report = test_rules_dir(&dir);
        assert!(report.passed(), "{}", render_test_report(&report));
    }
}

#[test]
fn a_directory_with_a_broken_file_still_loads_the_good_ones() {
    let dir = std::env::temp_dir().join(format!("vigil-rules-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("bad.yml"),
        "rules:\n  - id: x\n    pattern: [foo\n    message: {\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/good.yaml"),
        "rules:\n  - id: good\n    pattern: eval(...)\n    message: m\n    severity: ERROR\n    languages: [python]\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a rule").unwrap();
    let a = SastAnalyzer::from_dirs(&[dir.as_path()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(a.rules().len(), 1);
    assert_eq!(a.load_errors().len(), 1);
    let e = a.load_errors()[0].to_string();
    assert!(e.contains("bad.yml") && e.contains("YAML error"), "{e}");
    let missing = SastAnalyzer::from_dirs(&[Path::new("/nonexistent/vigil/rules")]);
    assert!(
        missing.load_errors()[0]
            .to_string()
            .contains("no such file")
    );
}

#[test]
fn runs_inside_the_scan_orchestrator_with_counters_and_fingerprints() {
    let dir = std::env::temp_dir().join(format!("vigil-sast-scan-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/app.py"),
        "import os\nfrom flask import request\n\ndef h():\n    os.system(request.args.get('c'))\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/broken.py"),
        "def f(:\n    pass\nos.system(request.args.get('c'))\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/min.js"),
        format!("var a='{}';\n", "x".repeat(6000)),
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "os.system(x)\n").unwrap();
    let analyzers: Vec<Box<dyn vigil_core::Analyzer>> = vec![Box::new(analyzer(TAINT))];
    let report = vigil_core::scan(
        &dir,
        &vigil_core::RepoConfig::default(),
        &analyzers,
        &vigil_core::ScanOptions::default(),
    )
    .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut paths: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.location.path.as_str())
        .collect();
    paths.sort();
    assert_eq!(paths, vec!["src/app.py", "src/broken.py"]);
    assert!(
        report
            .findings
            .iter()
            .all(|f| !f.fingerprint.is_empty() && !f.trace.is_empty())
    );
    assert_eq!(
        report
            .summary
            .counters
            .get("sast: files with syntax errors"),
        Some(&1)
    );
}

#[test]
fn regex_capture_groups_bind_numbered_and_named_metavariables() {
    let yaml = "rules:\n  - id: r\n    pattern-regex: (api|app)_key\\s*=\\s*'(?P<VALUE>[a-z0-9]+)'\n    message: $1 key $VALUE\n    severity: LOW\n    languages: [python]\n";
    let out = analyzer(yaml).scan_source("a.py", "x = 1\napi_key = 'abc123'\n");
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].description, "api key abc123");
    assert_eq!(out.findings[0].location.start_line, 2);
}
