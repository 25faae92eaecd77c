//! Building a new database and switching to it atomically.
//!
//! An update writes a complete build into `advisories/.tmp-…` beside the current one,
//! fsyncs every file and the directory, re-opens and checks it, renames it to `db-…`,
//! then replaces the `CURRENT` pointer with write-to-temp + fsync + rename. Until that
//! last rename the previous database is what every reader sees, so a failed download,
//! a corrupt zip or a crash mid-update leaves it working.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use vigil_parsers::lockfiles::Ecosystem;

use super::fetch::{self, Sink};
use super::{AdvisoryDb, DbError, EcosystemStats, FORMAT, Meta, db_root, eco_files};
use crate::osv::{Advisory, parse_record, split};

/// At most this many invalid-record messages are kept in a report (all are counted).
const MAX_REPORTED_ERRORS: usize = 50;

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct UpdateReport {
    /// Path of the new build.
    pub path: PathBuf,
    /// Records read (valid or not).
    pub records_read: u64,
    /// Records indexed (after de-duplication by id).
    pub records_indexed: u64,
    pub withdrawn: u64,
    /// Records with no package of a supported ecosystem.
    pub unsupported: u64,
    pub invalid: u64,
    /// The first invalid records, each "file: reason".
    pub errors: Vec<String>,
    pub ecosystems: BTreeMap<String, EcosystemStats>,
    /// Bytes of JSON read.
    pub bytes_read: u64,
    pub elapsed_secs: f64,
}

/// Where one compact advisory sits in an ecosystem's spool file, and which record it
/// came from (to drop it when a newer copy of the record arrives).
#[derive(Clone, Copy)]
struct Span {
    off: u64,
    len: u32,
    seq: u32,
}

/// An ecosystem's spool: compact advisories appended as they are read, so memory holds
/// only names and offsets, never the advisory text of the whole export.
struct Spool {
    path: PathBuf,
    out: BufWriter<File>,
    len: u64,
    packages: HashMap<String, Vec<Span>>,
}

/// Where a record went: (its `modified`, its sequence number, (ecosystem, package) pairs).
type Placed = (String, u32, Vec<(Ecosystem, String)>);

/// Accumulates records into per-ecosystem, per-package advisory lists, spooled to disk.
pub(crate) struct IndexBuilder {
    dir: PathBuf,
    spools: BTreeMap<Ecosystem, Spool>,
    /// id → (modified, record sequence number, where its entries went): to replace older
    /// copies of a record (a multi-ecosystem advisory is in several ecosystems' exports).
    placed: HashMap<String, Placed>,
    seq: u32,
    /// First I/O error while spooling; reported by `write`.
    failed: Option<DbError>,
    report: UpdateReport,
}

impl IndexBuilder {
    /// A builder spooling into `dir` (created if missing).
    pub(crate) fn new(dir: &Path) -> Result<IndexBuilder, DbError> {
        std::fs::create_dir_all(dir).map_err(|e| DbError::io(dir, e))?;
        Ok(IndexBuilder {
            dir: dir.to_path_buf(),
            spools: BTreeMap::new(),
            placed: HashMap::new(),
            seq: 0,
            failed: None,
            report: UpdateReport::default(),
        })
    }

    pub(crate) fn add(&mut self, name: &str, bytes: Result<&[u8], String>) {
        self.report.records_read += 1;
        if self.failed.is_some() {
            return;
        }
        let parsed = bytes
            .map_err(|reason| format!("{name}: {reason}"))
            .and_then(|b| parse_record(name, b).map_err(|e| e.to_string()));
        let rec = match parsed {
            Ok(r) => r,
            Err(msg) => {
                self.report.invalid += 1;
                if self.report.errors.len() < MAX_REPORTED_ERRORS {
                    self.report.errors.push(msg);
                }
                return;
            }
        };
        let id = rec.id.trim().to_string();
        let modified = rec.modified.clone().unwrap_or_default();
        if let Some((old_mod, old_seq, old_places)) = self.placed.get(&id) {
            if modified <= *old_mod {
                return; // same or older copy
            }
            let old_seq = *old_seq;
            for (eco, pkg) in old_places.clone() {
                if let Some(list) = self
                    .spools
                    .get_mut(&eco)
                    .and_then(|s| s.packages.get_mut(&pkg))
                {
                    list.retain(|sp| sp.seq != old_seq);
                }
            }
            if !old_places.is_empty() {
                self.report.records_indexed = self.report.records_indexed.saturating_sub(1);
            }
            self.placed.remove(&id);
        }
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        let s = split(&rec);
        if s.withdrawn {
            self.report.withdrawn += 1;
            self.placed.insert(id, (modified, seq, Vec::new()));
            return;
        }
        if s.entries.is_empty() {
            self.report.unsupported += 1;
            return;
        }
        let mut places = Vec::new();
        for (eco, pkg, adv) in s.entries {
            if let Err(e) = self.spool(eco, &pkg, seq, &adv) {
                self.failed = Some(e);
                return;
            }
            places.push((eco, pkg));
        }
        self.report.records_indexed += 1;
        self.placed.insert(id, (modified, seq, places));
    }

    fn spool(
        &mut self,
        eco: Ecosystem,
        pkg: &str,
        seq: u32,
        adv: &Advisory,
    ) -> Result<(), DbError> {
        let spool = match self.spools.entry(eco) {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => {
                let path = self.dir.join(format!("spool-{}", eco.osv_name()));
                let f = File::create(&path).map_err(|e| DbError::io(&path, e))?;
                v.insert(Spool {
                    path,
                    out: BufWriter::new(f),
                    len: 0,
                    packages: HashMap::new(),
                })
            }
        };
        let bytes = serde_json::to_vec(adv)
            .map_err(|e| DbError::Import(format!("cannot encode {}: {e}", adv.id)))?;
        let len = u32::try_from(bytes.len())
            .map_err(|_| DbError::Import(format!("advisory {} is larger than 4 GiB", adv.id)))?;
        spool
            .out
            .write_all(&bytes)
            .map_err(|e| DbError::io(&spool.path, e))?;
        spool
            .packages
            .entry(pkg.to_string())
            .or_default()
            .push(Span {
                off: spool.len,
                len,
                seq,
            });
        spool.len += u64::from(len);
        Ok(())
    }

    /// Writes the build into `dir` and returns its meta.
    pub(crate) fn write(&mut self, dir: &Path, source: &str) -> Result<Meta, DbError> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        std::fs::create_dir_all(dir).map_err(|e| DbError::io(dir, e))?;
        let mut ecosystems = BTreeMap::new();
        for (eco, spool) in &mut self.spools {
            spool.out.flush().map_err(|e| DbError::io(&spool.path, e))?;
            let mut src = File::open(&spool.path).map_err(|e| DbError::io(&spool.path, e))?;
            let mut seqs: HashSet<u32> = HashSet::new();
            let mut names: Vec<(&String, &Vec<Span>)> = spool
                .packages
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .collect();
            names.sort_by(|a, b| a.0.cmp(b.0));
            let mut offsets: BTreeMap<&str, (u64, u32)> = BTreeMap::new();
            let (idx_path, dat_path) = eco_files(dir, *eco);
            let dat = File::create(&dat_path).map_err(|e| DbError::io(&dat_path, e))?;
            let mut w = BufWriter::new(dat);
            let mut off = 0u64;
            let mut buf = Vec::new();
            for (name, spans) in names {
                let mut entry: Vec<u8> =
                    Vec::with_capacity(spans.iter().map(|s| s.len as usize + 1).sum::<usize>() + 2);
                entry.push(b'[');
                for (i, sp) in spans.iter().enumerate() {
                    if i > 0 {
                        entry.push(b',');
                    }
                    buf.resize(sp.len as usize, 0);
                    src.seek(SeekFrom::Start(sp.off))
                        .and_then(|_| src.read_exact(&mut buf))
                        .map_err(|e| DbError::io(&spool.path, e))?;
                    entry.extend_from_slice(&buf);
                    seqs.insert(sp.seq);
                }
                entry.push(b']');
                let len = u32::try_from(entry.len())
                    .map_err(|_| DbError::Import(format!("advisories of {name} exceed 4 GiB")))?;
                w.write_all(&entry).map_err(|e| DbError::io(&dat_path, e))?;
                offsets.insert(name, (off, len));
                off += u64::from(len);
            }
            let dat = w
                .into_inner()
                .map_err(|e| DbError::io(&dat_path, e.into_error()))?;
            dat.sync_all().map_err(|e| DbError::io(&dat_path, e))?;
            let idx = serde_json::to_vec(&offsets)
                .map_err(|e| DbError::Import(format!("cannot encode index: {e}")))?;
            write_synced(&idx_path, &idx)?;
            if !offsets.is_empty() {
                ecosystems.insert(
                    eco.osv_name().to_string(),
                    EcosystemStats {
                        advisories: seqs.len() as u64,
                        packages: offsets.len() as u64,
                    },
                );
            }
            let _ = std::fs::remove_file(&spool.path);
        }
        let meta = Meta {
            format: FORMAT,
            built_at: Utc::now(),
            source: source.to_string(),
            ecosystems,
            withdrawn: self.report.withdrawn,
            invalid: self.report.invalid,
        };
        let meta_bytes = serde_json::to_vec_pretty(&meta)
            .map_err(|e| DbError::Import(format!("cannot encode meta: {e}")))?;
        write_synced(&dir.join("meta.json"), &meta_bytes)?;
        sync_dir(dir)?;
        self.report.ecosystems = meta.ecosystems.clone();
        Ok(meta)
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), DbError> {
    let mut f = File::create(path).map_err(|e| DbError::io(path, e))?;
    f.write_all(bytes).map_err(|e| DbError::io(path, e))?;
    f.sync_all().map_err(|e| DbError::io(path, e))
}

fn sync_dir(dir: &Path) -> Result<(), DbError> {
    // Directory fsync makes renames durable; not supported on every platform.
    match File::open(dir) {
        Ok(d) => {
            let _ = d.sync_all();
            Ok(())
        }
        Err(e) => Err(DbError::io(dir, e)),
    }
}

/// A staging directory that removes itself unless committed.
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn build_name() -> String {
    format!(
        "{}-{}",
        Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
        std::process::id()
    )
}

/// Runs `fill` into a fresh builder, writes the build, verifies it and switches to it.
fn run_update(
    data_dir: &Path,
    source: &str,
    fill: impl FnOnce(&mut IndexBuilder, &Path) -> Result<u64, DbError>,
) -> Result<UpdateReport, DbError> {
    let started = Instant::now();
    let root = db_root(data_dir);
    std::fs::create_dir_all(&root).map_err(|e| DbError::io(&root, e))?;
    clean_stale_staging(&root);
    let name = build_name();
    let staging = Staging {
        path: root.join(format!(".tmp-{name}")),
        keep: false,
    };
    std::fs::create_dir_all(&staging.path).map_err(|e| DbError::io(&staging.path, e))?;
    let mut builder = IndexBuilder::new(&staging.path.join("spool"))?;
    let downloads = staging.path.join("downloads");
    let bytes = fill(&mut builder, &downloads)?;
    let _ = std::fs::remove_dir_all(&downloads);
    if let Some(e) = builder.failed.take() {
        return Err(e);
    }
    if builder.report.records_indexed == 0 {
        return Err(DbError::Import(format!(
            "{source}: no usable advisories ({} records read, {} invalid, {} withdrawn, {} for other ecosystems); the previous database is kept",
            builder.report.records_read,
            builder.report.invalid,
            builder.report.withdrawn,
            builder.report.unsupported
        )));
    }
    let build_dir = staging.path.join("build");
    builder.write(&build_dir, source)?;
    let _ = std::fs::remove_dir_all(staging.path.join("spool"));
    // Verify before switching: the meta and every index must load.
    let check = AdvisoryDb::open_dir(&build_dir)?;
    for eco in Ecosystem::ALL {
        if check.has_ecosystem(eco) {
            check.lookup(eco, "\u{0}probe")?;
        }
    }
    let final_dir = root.join(format!("db-{name}"));
    std::fs::rename(&build_dir, &final_dir).map_err(|e| DbError::io(&final_dir, e))?;
    sync_dir(&root)?;
    let previous = super::current_dir(data_dir).ok().flatten();
    let tmp_ptr = root.join(format!(".CURRENT-{name}"));
    write_synced(&tmp_ptr, format!("db-{name}\n").as_bytes())?;
    let pointer = root.join("CURRENT");
    std::fs::rename(&tmp_ptr, &pointer).map_err(|e| DbError::io(&pointer, e))?;
    sync_dir(&root)?;
    drop(staging);
    prune_old_builds(&root, &final_dir, previous.as_deref());
    let mut report = builder.report;
    report.path = final_dir;
    report.bytes_read = bytes;
    report.elapsed_secs = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Removes staging dirs left by interrupted updates more than an hour ago.
fn clean_stale_staging(root: &Path) {
    let Ok(rd) = std::fs::read_dir(root) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let n = e.file_name().to_string_lossy().to_string();
        if !(n.starts_with(".tmp-") || n.starts_with(".CURRENT-")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old {
            let p = e.path();
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
    }
}

/// Keeps the new build and the one before it (a scan may still be reading it).
fn prune_old_builds(root: &Path, current: &Path, previous: Option<&Path>) {
    let Ok(rd) = std::fs::read_dir(root) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with("db-") && p != current && Some(p.as_path()) != previous {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

/// `vigil db update --from PATH`: imports a directory of OSV JSON files (any nesting,
/// `*.zip` exports inside it included), a zip of them, or one JSON file.
pub fn update_from_path(data_dir: &Path, from: &Path) -> Result<UpdateReport, DbError> {
    let source = from.display().to_string();
    run_update(data_dir, &source, |b, _| {
        let mut sink = |name: &str, bytes: Result<&[u8], String>| b.add(name, bytes);
        fetch::read_path(from, &mut sink as &mut Sink<'_>)
    })
}

/// `vigil db update [--base-url URL]`: downloads `<base_url>/<Ecosystem>/all.zip` for each
/// ecosystem. Any failed download or unreadable zip aborts the update and keeps the
/// previous database; invalid records inside a good zip are skipped and reported.
pub fn update_from_url(
    data_dir: &Path,
    base_url: &str,
    ecosystems: &[Ecosystem],
) -> Result<UpdateReport, DbError> {
    let client = fetch::client()?;
    run_update(data_dir, base_url, |b, downloads| {
        std::fs::create_dir_all(downloads).map_err(|e| DbError::io(downloads, e))?;
        let mut bytes = 0;
        for eco in ecosystems {
            let url = fetch::export_url(base_url, *eco);
            let dest = downloads.join(format!("{}.zip", eco.osv_name()));
            fetch::download(&client, &url, &dest)?;
            let mut sink = |name: &str, data: Result<&[u8], String>| b.add(name, data);
            bytes += fetch::read_zip(&dest, &mut sink as &mut Sink<'_>).map_err(|e| match e {
                DbError::Zip { reason, .. } => DbError::Zip {
                    path: url.clone(),
                    reason,
                },
                other => other,
            })?;
            let _ = std::fs::remove_file(&dest);
        }
        Ok(bytes)
    })
}
