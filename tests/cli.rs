//! End-to-end tests of `vigil scan`: the real binary over real trees built in temp dirs.
//! Live-looking secrets are generated at test time; the repository holds none.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn vigil(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("run vigil")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fake AWS access key id (right shape, not a real key, not the documented example).
fn fake_aws_key(seed: u8) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let tail: String = (0..16u8)
        .map(|i| alphabet[((i as usize * 7 + seed as usize * 13) ^ 5) % 32] as char)
        .collect();
    format!("AKIA{tail}")
}

fn fake_github_token() -> String {
    let alnum = b"aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz";
    let tail: String = (0..36)
        .map(|i| alnum[(i * 11 + 3) % alnum.len()] as char)
        .collect();
    format!("ghp_{tail}")
}

/// A small project: app code with secrets, a suppressed one, an ignored folder, a binary.
fn fixture_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("app")).unwrap();
    std::fs::create_dir_all(root.join("build")).unwrap();
    std::fs::create_dir_all(root.join("node_modules/lib")).unwrap();
    std::fs::write(
        root.join("app/settings.py"),
        format!(
            "import os\n\nAWS_ACCESS_KEY_ID = \"{}\"\nDEBUG = False\n# vigil-ignore: generic-secret-assignment\nDB_PASSWORD = \"Xk29!pLq7vRz\"\n",
            fake_aws_key(1)
        ),
    )
    .unwrap();
    std::fs::write(
        root.join(".env"),
        format!("GITHUB_TOKEN={}\n", fake_github_token()),
    )
    .unwrap();
    std::fs::write(root.join("docs.md"), "Example key: AKIAIOSFODNN7EXAMPLE\n").unwrap();
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(
        root.join("build/out.js"),
        format!("var k='{}';\n", fake_aws_key(2)),
    )
    .unwrap();
    std::fs::write(
        root.join("node_modules/lib/index.js"),
        format!("var k='{}';\n", fake_aws_key(3)),
    )
    .unwrap();
    std::fs::write(root.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    dir
}

#[test]
fn text_scan_finds_secrets_and_exits_1() {
    let dir = fixture_tree();
    let o = vigil(&["scan", "."], dir.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", stderr(&o));
    assert!(out.contains("app/settings.py"), "{out}");
    assert!(out.contains("AWS access key ID"), "{out}");
    assert!(out.contains(".env"), "{out}");
    assert!(out.contains("GITHUB_TOKEN=ghp_****"), "{out}");
    // .gitignore'd build/ is not scanned; node_modules is (not configured to skip).
    assert!(!out.contains("build/out.js"), "{out}");
    assert!(out.contains("node_modules/lib/index.js"), "{out}");
    // Documented example values are not findings.
    assert!(!out.contains("docs.md\n"), "{out}");
    assert!(out.contains("binary file"), "{out}");
    assert!(out.contains("1 suppressed (hidden"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a TTY");
    // The raw secret never appears.
    assert!(!out.contains(&fake_github_token()), "{out}");
}

#[test]
fn json_output_is_stable_and_complete() {
    let dir = fixture_tree();
    let o = vigil(
        &["scan", ".", "--format", "json", "--show-suppressed"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema_version"], "1");
    let findings = v["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"aws-access-key-id"), "{rules:?}");
    assert!(rules.contains(&"github-pat-classic"), "{rules:?}");
    let sup: Vec<&Value> = findings
        .iter()
        .filter(|f| f["status"] == "SUPPRESSED")
        .collect();
    assert_eq!(sup.len(), 1);
    assert_eq!(sup[0]["rule_id"], "generic-secret-assignment");
    assert!(v["summary"]["files_scanned"].as_u64().unwrap() >= 4);
    assert!(!stdout(&o).contains(&fake_aws_key(1)[4..]));
}

#[test]
fn sarif_output_validates_against_official_schema() {
    let dir = fixture_tree();
    let out_file = dir.path().join("out.sarif");
    let o = vigil(
        &[
            "scan",
            ".",
            "--format",
            "sarif",
            "--output",
            out_file.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "report goes to the file");
    assert!(stderr(&o).contains("active findings"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    let schema: Value = serde_json::from_str(include_str!(
        "../core/src/output/fixtures/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    ));
}

#[test]
fn csv_output_has_inspector_columns() {
    let dir = fixture_tree();
    let o = vigil(&["scan", "--format", "csv"], dir.path());
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("Severity,Finding Type,Title,Description,Rule Id,File Path,Start Line")
    );
    assert!(
        out.lines()
            .skip(1)
            .any(|l| l.starts_with("CRITICAL,SECRET,AWS access key ID,"))
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.py"), "print('hello')\n").unwrap();
    assert_eq!(vigil(&["scan"], dir.path()).status.code(), Some(0));
    // A JWT is MEDIUM: below the default threshold (high), at or above `--fail-on medium`.
    let jwt = format!(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.{}",
        "Qm9ndXNTaWduYXR1cmVWYWx1ZTEyMzQ1"
    );
    std::fs::write(dir.path().join("t.txt"), format!("Bearer {jwt}\n")).unwrap();
    assert_eq!(vigil(&["scan"], dir.path()).status.code(), Some(0));
    assert_eq!(
        vigil(&["scan", "--fail-on", "medium"], dir.path())
            .status
            .code(),
        Some(1)
    );
    std::fs::write(dir.path().join(".vigil.yml"), "fail-on: low\n").unwrap();
    assert_eq!(vigil(&["scan"], dir.path()).status.code(), Some(1));
    // Usage and I/O errors are 2.
    assert_eq!(
        vigil(&["scan", "--format", "xml"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vigil(&["scan", "--bogus"], dir.path()).status.code(),
        Some(2)
    );
    let o = vigil(&["scan", "does-not-exist"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does-not-exist"));
}

#[test]
fn config_errors_name_file_line_and_key_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".vigil.yml"),
        "fail-on: high\nexlude: [\"x\"]\n",
    )
    .unwrap();
    let o = vigil(&["scan"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(".vigil.yml:2:") && err.contains("exlude"),
        "{err}"
    );
}

#[test]
fn config_excludes_disables_and_skips_vendored() {
    let dir = fixture_tree();
    std::fs::write(
        dir.path().join(".vigil.yml"),
        "exclude: [\"app/**\"]\nskip-vendored: true\ndisable-rules: [github-pat-classic]\n",
    )
    .unwrap();
    let o = vigil(&["scan", "--format", "json"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(paths.is_empty(), "{paths:?}");
    assert_eq!(o.status.code(), Some(0));
    // Analyzer switched off: nothing runs.
    std::fs::write(
        dir.path().join(".vigil.yml"),
        "analyzers:\n  secrets: false\n",
    )
    .unwrap();
    let o = vigil(&["scan"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn fingerprints_survive_unrelated_edits() {
    let dir = tempfile::tempdir().unwrap();
    let key = fake_aws_key(9);
    let file = dir.path().join("a.py");
    std::fs::write(&file, format!("K = \"{key}\"\n")).unwrap();
    let fp = |dir: &Path| -> String {
        let o = vigil(&["scan", "--format", "json"], dir);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["findings"][0]["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = fp(dir.path());
    std::fs::write(
        &file,
        format!("import os\n\n\ndef f():\n    pass\n\nK   =   \"{key}\"\n"),
    )
    .unwrap();
    assert_eq!(before, fp(dir.path()));
}

#[test]
fn hostile_trees_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("ok.py"), format!("k = '{}'\n", fake_aws_key(4))).unwrap();
    // A 2 GB (sparse) file: skipped from metadata, never read.
    let big = std::fs::File::create(root.join("huge.log")).unwrap();
    big.set_len(2 * 1024 * 1024 * 1024).unwrap();
    // Invalid UTF-8 with a secret inside: still scanned.
    let mut bytes = b"caf\xe9 \xff\xfe ".to_vec();
    bytes.extend(format!("key={}\n", fake_aws_key(5)).as_bytes());
    std::fs::write(root.join("latin1.txt"), bytes).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", root.join("passwd")).unwrap();
        std::os::unix::fs::symlink(root.join("loop"), root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("ok.py"), root.join("alias.py")).unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/up")).unwrap();
    }
    let o = vigil(&["scan", "--format", "json"], root);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"ok.py") && paths.contains(&"latin1.txt"),
        "{paths:?}"
    );
    assert_eq!(
        paths.iter().filter(|p| **p == "ok.py").count(),
        1,
        "symlinks are not followed: {paths:?}"
    );
    let s = &v["summary"];
    assert_eq!(s["files_invalid_utf8"], 1);
    let skipped = s["skipped"].as_object().unwrap();
    let count = |needle: &str| -> u64 {
        skipped
            .iter()
            .filter(|(k, _)| k.contains(needle))
            .map(|(_, g)| g["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(count("larger than"), 1, "{skipped:?}");
    #[cfg(unix)]
    {
        assert_eq!(count("outside the scanned root"), 1, "{skipped:?}");
        assert_eq!(count("broken symlink or symlink loop"), 1, "{skipped:?}");
        assert_eq!(count("symlink inside the root"), 2, "{skipped:?}");
    }
}

#[test]
fn many_files_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..20 {
        let sub = dir.path().join(format!("d{d}"));
        std::fs::create_dir(&sub).unwrap();
        for f in 0..100 {
            std::fs::write(sub.join(format!("f{f}.txt")), "nothing here\n").unwrap();
        }
    }
    let o = vigil(&["scan", "--format", "json"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["files_scanned"], 2000);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn single_file_and_max_file_size_flag() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one.env");
    std::fs::write(&f, format!("A={}\n{}\n", fake_aws_key(6), "#".repeat(2000))).unwrap();
    let o = vigil(&["scan", "one.env", "--format", "json"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"][0]["location"]["path"], "one.env");
    let o = vigil(
        &["scan", "--max-file-size", "1KiB", "--format", "json"],
        dir.path(),
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn extra_secrets_pack_from_rule_dirs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my-rules")).unwrap();
    std::fs::write(
        dir.path().join("my-rules/internal.yml"),
        "detectors:\n  - id: acme-internal-token\n    title: ACME token\n    severity: high\n    keywords: [acme_]\n    regex: '\\b(acme_[a-z0-9]{20})\\b'\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".vigil.yml"), "rule-dirs: [my-rules]\n").unwrap();
    std::fs::write(dir.path().join("x.txt"), "t = acme_0123456789abcdefghij\n").unwrap();
    let o = vigil(&["scan", "--format", "json"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule_id"] == "acme-internal-token"),
        "{}",
        stdout(&o)
    );
    // A broken pack is an error naming the file and detector; exit 2.
    std::fs::write(
        dir.path().join("my-rules/internal.yml"),
        "detectors:\n  - id: broken\n    title: t\n    severity: high\n    keywords: [x]\n    regex: '('\n",
    )
    .unwrap();
    let o = vigil(&["scan"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("internal.yml: broken:"),
        "{}",
        stderr(&o)
    );
}

const LODASH_LOCK: &str = r#"{
  "name": "web",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "web",
      "version": "1.0.0",
      "dependencies": {
        "lodash": "^4.17.0"
      }
    },
    "node_modules/lodash": {
      "version": "4.17.15",
      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
      "integrity": "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MpmE+O2NomUTi+GJa2uYE3U8iNj0uqh9Ug=="
    }
  }
}
"#;

#[test]
fn sca_end_to_end_with_offline_database_and_sbom() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let osv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/osv");
    let run = |args: &[&str], cwd: &Path| -> Output {
        Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(args)
            .current_dir(cwd)
            .env("VIGIL_DATA_DIR", data.path())
            .output()
            .unwrap()
    };
    std::fs::create_dir(dir.path().join("web")).unwrap();
    std::fs::write(dir.path().join("web/package-lock.json"), LODASH_LOCK).unwrap();
    // No database yet: the scan says so and still runs.
    let o = run(&["scan", "--format", "json"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["summary"]["diagnostics"].to_string();
    assert!(diags.contains("database"), "{diags}");
    let o = run(
        &["db", "update", "--from", osv.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["db", "status"], dir.path());
    assert!(stdout(&o).contains("npm"), "{}", stdout(&o));
    let o = run(&["scan", "--format", "json"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "lodash 4.17.15 has HIGH advisories"
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pkgs: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["type"] == "PACKAGE_VULNERABILITY")
        .collect();
    let ids: Vec<&str> = pkgs
        .iter()
        .map(|f| f["package"]["vulnerability_id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"CVE-2021-23337") && ids.contains(&"CVE-2020-28500"),
        "{ids:?}"
    );
    for f in &pkgs {
        assert_eq!(f["package"]["installed_version"], "4.17.15");
        assert_eq!(f["package"]["fixed_version"], "4.17.21");
        assert_eq!(f["location"]["path"], "web/package-lock.json");
        assert_eq!(f["location"]["start_line"], 14);
    }
    let o = run(&["sbom", "--format", "cyclonedx"], dir.path());
    let bom: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert!(bom.to_string().contains("pkg:npm/lodash@4.17.15"), "{bom}");
}

#[test]
fn test_rules_command_runs_builtin_packs() {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/packs");
    for lang in ["python", "javascript"] {
        let o = vigil(
            &["test-rules", packs.join(lang).to_str().unwrap()],
            Path::new("."),
        );
        let out = stdout(&o);
        assert!(out.contains("rules passed"), "{out}");
        assert!(out.contains("PASS"), "{out}");
    }
    let o = vigil(&["test-rules", "no-such-dir"], Path::new("."));
    assert_eq!(o.status.code(), Some(2));
}
