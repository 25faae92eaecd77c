//! Times the IaC analyzer over a directory of CloudFormation and Terraform files, single
//! threaded, parsing each file once: `cargo run --release -p vigil-iac --example iac_bench -- <dir>`.
//! Without a directory it generates a synthetic corpus (N copies of the test fixtures,
//! `IAC_BENCH_COPIES`, default 300) in a temporary directory first.

use std::path::{Path, PathBuf};
use std::time::Instant;

use vigil_core::Analyzer;
use vigil_iac::IacAnalyzer;

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn synthetic(dir: &Path, copies: usize) -> std::io::Result<()> {
    let fx = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tests/fixtures");
    let good_cfn = std::fs::read_to_string(fx.join("good/template.yaml"))?;
    let bad_cfn = std::fs::read_to_string(fx.join("bad/template.yaml"))?;
    let mut tf_files = Vec::new();
    walk(&fx, &fx, &mut tf_files);
    tf_files.retain(|f| f.ends_with(".tf") || f.ends_with(".tfvars"));
    for i in 0..copies {
        let d = dir.join(format!("stack{i}"));
        std::fs::create_dir_all(&d)?;
        std::fs::write(d.join("good.yaml"), &good_cfn)?;
        std::fs::write(d.join("bad.yaml"), &bad_cfn)?;
        for f in &tf_files {
            let target = d.join("tf").join(f);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(fx.join(f), target)?;
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut generated = None;
    let root: PathBuf = match std::env::args().nth(1) {
        Some(d) => PathBuf::from(d),
        None => {
            let copies = std::env::var("IAC_BENCH_COPIES")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(300);
            let tmp = std::env::temp_dir().join(format!("vigil-iac-bench-{}", std::process::id()));
            synthetic(&tmp, copies)?;
            generated = Some(tmp.clone());
            tmp
        }
    };
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    let analyzer = IacAnalyzer::new();
    let start = Instant::now();
    let (mut cfn_files, mut cfn_bytes, mut findings, mut diagnostics) =
        (0u64, 0u64, 0usize, 0usize);
    for rel in files.iter().filter(|f| analyzer.wants(f)) {
        let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
            continue;
        };
        let abs = root.join(rel);
        let out = analyzer.analyze_file(&vigil_core::SourceFile {
            rel_path: rel,
            abs_path: &abs,
            text: &text,
            lossy: false,
        });
        if !out.findings.is_empty()
            || out
                .counters
                .iter()
                .any(|(k, _)| k.contains("CloudFormation"))
        {
            cfn_files += 1;
            cfn_bytes += text.len() as u64;
        }
        findings += out.findings.len();
        diagnostics += out.diagnostics.len();
    }
    let cfn_time = start.elapsed();
    let start = Instant::now();
    let config = vigil_core::RepoConfig::default();
    let out = analyzer.analyze_project(&vigil_core::Project {
        root: &root,
        files: &files,
        config: &config,
    });
    let tf_time = start.elapsed();
    let tf_files = files
        .iter()
        .filter(|f| vigil_parsers::iac::terraform::is_terraform_file(f))
        .count();
    println!(
        "CloudFormation: {cfn_files} templates ({:.1} MB) in {:.1} ms ({:.0} files/s)",
        cfn_bytes as f64 / 1e6,
        cfn_time.as_secs_f64() * 1e3,
        cfn_files as f64 / cfn_time.as_secs_f64().max(1e-9)
    );
    println!(
        "Terraform: {tf_files} files in {:.1} ms ({:.0} files/s)",
        tf_time.as_secs_f64() * 1e3,
        tf_files as f64 / tf_time.as_secs_f64().max(1e-9)
    );
    println!(
        "findings: {} ; diagnostics: {}",
        findings + out.findings.len(),
        diagnostics + out.diagnostics.len()
    );
    if let Some(tmp) = generated {
        std::fs::remove_dir_all(tmp)?;
    }
    Ok(())
}
