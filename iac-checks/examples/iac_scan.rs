//! Prints the findings for a directory (CloudFormation per file, Terraform per module):
//! `cargo run -p vigil-iac --example iac_scan -- <dir>`.

use std::path::Path;

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

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: iac_scan <dir>");
        std::process::exit(2);
    };
    let root = Path::new(&root);
    let mut files = Vec::new();
    walk(root, root, &mut files);
    files.sort();
    let a = IacAnalyzer::new();
    let mut outputs = Vec::new();
    for rel in files.iter().filter(|f| a.wants(f)) {
        let abs = root.join(rel);
        let Ok(text) = std::fs::read_to_string(&abs) else {
            continue;
        };
        outputs.push(a.analyze_file(&vigil_core::SourceFile {
            rel_path: rel,
            abs_path: &abs,
            text: &text,
            lossy: false,
        }));
    }
    let config = vigil_core::RepoConfig::default();
    outputs.push(a.analyze_project(&vigil_core::Project {
        root,
        files: &files,
        config: &config,
    }));
    for o in outputs {
        for d in o.diagnostics {
            println!("DIAGNOSTIC {}", d.message);
        }
        for f in o.findings {
            println!(
                "{} {} {}:{} [{}] {} | {}",
                f.severity,
                f.rule_id,
                f.location.path,
                f.location.start_line,
                f.resource.unwrap_or_default(),
                f.status.as_str(),
                f.snippet.trim()
            );
        }
    }
}
