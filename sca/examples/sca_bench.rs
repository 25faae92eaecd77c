//! Reproducible SCA measurements (figures for BENCHMARKS.md):
//!
//! ```text
//! cargo run -p vigil-sca --example sca_bench -- gen   /tmp/osv.zip 300000
//! cargo run -p vigil-sca --example sca_bench -- import /tmp/osv.zip /tmp/vigil-data
//! cargo run -p vigil-sca --example sca_bench -- match  /tmp/vigil-data 10000
//! ```
//! `gen` synthesises OSV records with realistic shapes (several ranges, aliases, CVSS
//! vectors, ~600-byte details; most in npm like the real export); `import` times
//! `db update --from`; `match` times matching N packages (half of them with advisories)
//! against the database; `zip FILE` only reads the zip (memory baseline). Each phase
//! prints wall time and the process's peak RSS.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use vigil_core::Output;
use vigil_parsers::lockfiles::{Ecosystem, Package, Scope};
use vigil_sca::ScaAnalyzer;
use vigil_sca::db::{AdvisoryDb, update_from_path};

/// Small deterministic PRNG (xorshift) so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|k| k.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn eco_for(i: u64) -> Ecosystem {
    match i % 20 {
        0..=11 => Ecosystem::Npm,
        12..=14 => Ecosystem::PyPI,
        15 => Ecosystem::Maven,
        16 => Ecosystem::Go,
        17 => Ecosystem::CratesIo,
        18 => Ecosystem::RubyGems,
        _ => Ecosystem::Packagist,
    }
}

fn pkg_name(eco: Ecosystem, n: u64) -> String {
    match eco {
        Ecosystem::Maven => format!("org.example{}:artifact-{n}", n % 97),
        Ecosystem::Go => format!("github.com/org{}/mod-{n}", n % 97),
        Ecosystem::Packagist => format!("vendor{}/pkg-{n}", n % 97),
        _ => format!("pkg-{n}"),
    }
}

fn ver(r: &mut Rng) -> (u64, u64, u64) {
    (r.below(8), r.below(20), r.below(30))
}

fn generate(out: &Path, count: u64) {
    let started = Instant::now();
    let file = std::fs::File::create(out).expect("create zip");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let opts = zip::write::SimpleFileOptions::default();
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let details = "A crafted input can make the parser allocate without bound, leading to denial of service. ".repeat(6);
    for i in 0..count {
        let eco = eco_for(i);
        let pkgs = count / 3; // ~3 advisories per vulnerable package on average
        let name = pkg_name(eco, r.below(pkgs));
        let mut ranges = Vec::new();
        for _ in 0..=r.below(3) {
            let (a, b, c) = ver(&mut r);
            let v = |a: u64, b: u64, c: u64| format!("{a}.{b}.{c}");
            ranges.push(serde_json::json!({"introduced": if r.below(4) == 0 { "0".to_string() } else { v(a, b, 0) }}));
            ranges.push(serde_json::json!({"fixed": v(a, b, c + 1)}));
        }
        let kind = if matches!(eco, Ecosystem::Npm | Ecosystem::CratesIo | Ecosystem::Go) {
            "SEMVER"
        } else {
            "ECOSYSTEM"
        };
        let rec = serde_json::json!({
            "id": format!("SYN-{i}"),
            "modified": "2026-11-01T00:00:00Z",
            "aliases": [format!("CVE-2026-{i}")],
            "summary": format!("Denial of service in {name}"),
            "details": details,
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
            "affected": [{
                "package": {"ecosystem": eco.osv_name(), "name": name},
                "ranges": [{"type": kind, "events": ranges}],
            }],
            "references": [{"type": "ADVISORY", "url": format!("https://example.invalid/advisories/SYN-{i}")}],
        });
        zip.start_file(format!("SYN-{i}.json"), opts)
            .expect("zip entry");
        zip.write_all(&serde_json::to_vec(&rec).expect("json"))
            .expect("zip write");
    }
    zip.finish().expect("zip finish");
    println!(
        "gen: {count} records in {:.1}s, {} MB zip, peak RSS {:.0} MB",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(out)
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0),
        peak_rss_mb()
    );
}

fn import(from: &Path, data: &Path) {
    let r = update_from_path(data, from).expect("import");
    println!(
        "import: {} records ({} MB JSON) in {:.1}s = {:.0} records/s, {:.1} MB/s; peak RSS {:.0} MB",
        r.records_read,
        r.bytes_read / 1_000_000,
        r.elapsed_secs,
        r.records_read as f64 / r.elapsed_secs,
        r.bytes_read as f64 / 1e6 / r.elapsed_secs,
        peak_rss_mb()
    );
}

fn do_match(data: &Path, n: u64) {
    let started = Instant::now();
    let db = AdvisoryDb::open(data).expect("open").expect("a database");
    let mut r = Rng(42);
    let total = db
        .meta()
        .ecosystems
        .values()
        .map(|s| s.advisories)
        .sum::<u64>();
    let mut packages = Vec::new();
    for i in 0..n {
        let eco = eco_for(i);
        let name = if i % 2 == 0 {
            pkg_name(eco, r.below(total / 3))
        } else {
            format!("unrelated-{i}")
        };
        let (a, b, c) = ver(&mut r);
        packages.push(Package {
            ecosystem: eco,
            name,
            version: format!("{a}.{b}.{c}"),
            path: "package-lock.json".into(),
            line: 1 + i as u32,
            direct: Some(false),
            scope: Scope::Runtime,
        });
    }
    let analyzer = ScaAnalyzer::new(Some(db));
    let t = Instant::now();
    let mut out = Output::default();
    analyzer.analyze_packages(&packages, &mut out);
    println!(
        "match: {n} packages against {total} advisory entries in {:.3}s ({} findings); open+match {:.3}s; peak RSS {:.0} MB",
        t.elapsed().as_secs_f64(),
        out.findings.len(),
        started.elapsed().as_secs_f64(),
        peak_rss_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(1).as_str() {
        "gen" => generate(Path::new(&arg(2)), arg(3).parse().unwrap_or(300_000)),
        "import" => import(Path::new(&arg(2)), Path::new(&arg(3))),
        "zip" => zip_only(Path::new(&arg(2))),
        "match" => do_match(Path::new(&arg(2)), arg(3).parse().unwrap_or(10_000)),
        _ => eprintln!(
            "usage: sca_bench gen OUT.zip [N] | import FROM DATA_DIR | match DATA_DIR [N]"
        ),
    }
}

/// Reads the zip only (baseline for the import's memory).
fn zip_only(from: &Path) {
    let mut n = 0u64;
    let mut sink = |_: &str, _: Result<&[u8], String>| n += 1;
    vigil_sca::db::fetch::read_zip(from, &mut sink).expect("zip");
    println!("zip only: {n} entries; peak RSS {:.0} MB", peak_rss_mb());
}
