//! Embeds the built-in SAST packs (`packs/python/*.yml`, `packs/javascript/*.yml`) so the
//! binary needs no data files. Missing or empty folders give an empty list; adding or
//! editing a pack file re-runs this script.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let mut code = String::from(
        "/// Built-in SAST rule packs embedded at compile time: (path under `rules/packs/`, YAML text).\n\
         pub const BUILTIN_PACKS: &[(&str, &str)] = &[\n",
    );
    println!("cargo:rerun-if-changed=packs");
    for lang in ["python", "javascript"] {
        let dir = Path::new(&manifest).join("packs").join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
            .collect();
        files.sort();
        for f in files {
            let name = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let _ = writeln!(
                code,
                "    ({:?}, include_str!({:?})),",
                format!("{lang}/{name}"),
                f.display().to_string()
            );
        }
    }
    code.push_str("];\n");
    let _ = std::fs::write(Path::new(&out_dir).join("builtin_packs.rs"), code);
}
