//! The on-disk advisory database: one directory per build, chosen by a `CURRENT` pointer
//! file, holding per ecosystem a data file (`<eco>.dat`, the compact advisories of each
//! package as a JSON array, packages one after another) and an index (`<eco>.idx`,
//! package → byte range). A scan loads only the indexes of the ecosystems it meets and
//! reads only the packages it looks up, so the full database never sits in memory.
//!
//! ```text
//! <data_dir>/advisories/CURRENT          "db-20261121T235900Z-1234"
//! <data_dir>/advisories/db-…/meta.json   built_at, source, counts
//! <data_dir>/advisories/db-…/npm.idx     {"lodash": [offset, len], …}
//! <data_dir>/advisories/db-…/npm.dat
//! ```
//! Updates build a new directory beside the current one and switch `CURRENT` with an
//! atomic rename (see [`build`]); readers never see a half-written database.

pub mod build;
pub mod fetch;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use vigil_parsers::lockfiles::Ecosystem;

use crate::osv::Advisory;
use crate::version::normalize_name;

pub use build::{UpdateReport, update_from_path, update_from_url};
pub use fetch::DEFAULT_BASE_URL;

/// Format version of the on-disk layout; a database of another format is rebuilt.
pub const FORMAT: u32 = 1;
/// Name of the folder under the data dir.
pub const DIR_NAME: &str = "advisories";
/// Age after which a scan warns that the database is stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// Everything that can go wrong reading or updating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: corrupt advisory database: {reason}")]
    Corrupt { path: String, reason: String },
    #[error("download {url}: {reason}")]
    Download { url: String, reason: String },
    #[error("{path}: not a readable zip archive: {reason}")]
    Zip { path: String, reason: String },
    #[error("{0}")]
    Import(String),
}

impl DbError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> DbError {
        DbError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Counts for one ecosystem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcosystemStats {
    /// Distinct advisories with at least one package of this ecosystem.
    pub advisories: u64,
    /// Distinct packages with at least one advisory.
    pub packages: u64,
}

/// `meta.json` of one build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    pub built_at: DateTime<Utc>,
    /// Where the data came from (URL or path).
    pub source: String,
    pub ecosystems: BTreeMap<String, EcosystemStats>,
    /// Records skipped because they were withdrawn.
    pub withdrawn: u64,
    /// Records skipped because they broke the OSV schema.
    pub invalid: u64,
}

/// What `vigil db status` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct DbStatus {
    pub path: PathBuf,
    pub meta: Meta,
    /// Whole days since the build.
    pub age_days: i64,
}

impl DbStatus {
    /// True when the database is older than [`STALE_AFTER_DAYS`].
    pub fn is_stale(&self) -> bool {
        self.age_days > STALE_AFTER_DAYS
    }
}

impl fmt::Display for DbStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "advisory database: {}", self.path.display())?;
        writeln!(
            f,
            "built: {} ({} day{} ago){}",
            self.meta.built_at.format("%Y-%m-%d %H:%M:%S UTC"),
            self.age_days,
            if self.age_days == 1 { "" } else { "s" },
            if self.is_stale() {
                " — older than 7 days, run `vigil db update`"
            } else {
                ""
            }
        )?;
        writeln!(f, "source: {}", self.meta.source)?;
        let mut total = 0;
        for (eco, s) in &self.meta.ecosystems {
            writeln!(
                f,
                "  {eco:<10} {:>8} advisories  {:>8} packages",
                s.advisories, s.packages
            )?;
            total += s.advisories;
        }
        write!(
            f,
            "total: {total} advisory entries; skipped {} withdrawn, {} invalid",
            self.meta.withdrawn, self.meta.invalid
        )
    }
}

/// Where the database of a data dir lives.
pub fn db_root(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR_NAME)
}

/// The default data dir: `$VIGIL_DATA_DIR`, else `$HOME/.local/share/vigil`.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("VIGIL_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local/share/vigil"))
}

/// The active build directory, if a database exists.
pub(crate) fn current_dir(data_dir: &Path) -> Result<Option<PathBuf>, DbError> {
    let root = db_root(data_dir);
    let pointer = root.join("CURRENT");
    let name = match std::fs::read_to_string(&pointer) {
        Ok(s) => s.trim().to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(DbError::io(&pointer, e)),
    };
    if name.is_empty() || name.contains('/') || name.contains('\\') || name.starts_with('.') {
        return Err(DbError::Corrupt {
            path: pointer.display().to_string(),
            reason: format!("bad pointer {name:?}"),
        });
    }
    Ok(Some(root.join(name)))
}

pub(crate) fn read_meta(dir: &Path) -> Result<Meta, DbError> {
    let p = dir.join("meta.json");
    let bytes = std::fs::read(&p).map_err(|e| DbError::io(&p, e))?;
    let meta: Meta = serde_json::from_slice(&bytes).map_err(|e| DbError::Corrupt {
        path: p.display().to_string(),
        reason: e.to_string(),
    })?;
    if meta.format != FORMAT {
        return Err(DbError::Corrupt {
            path: p.display().to_string(),
            reason: format!(
                "format {} (this vigil reads {FORMAT}); run `vigil db update`",
                meta.format
            ),
        });
    }
    Ok(meta)
}

/// `vigil db status`: `None` when no database has been built yet.
pub fn status(data_dir: &Path) -> Result<Option<DbStatus>, DbError> {
    Ok(AdvisoryDb::open(data_dir)?.map(|db| db.status()))
}

/// File names for an ecosystem inside a build directory.
pub(crate) fn eco_files(dir: &Path, eco: Ecosystem) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{}.idx", eco.osv_name())),
        dir.join(format!("{}.dat", eco.osv_name())),
    )
}

/// One ecosystem's index, loaded on first use.
struct EcoIndex {
    offsets: HashMap<String, (u64, u32)>,
    data: Mutex<File>,
    data_len: u64,
    data_path: PathBuf,
}

/// An opened advisory database (cheap to open; ecosystems load lazily). Shared by the
/// analyzer's threads.
pub struct AdvisoryDb {
    dir: PathBuf,
    meta: Meta,
    ecosystems: HashMap<Ecosystem, OnceLock<Result<Option<EcoIndex>, String>>>,
}

impl fmt::Debug for AdvisoryDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdvisoryDb")
            .field("dir", &self.dir)
            .field("meta", &self.meta)
            .finish()
    }
}

impl AdvisoryDb {
    /// Opens the current database of `data_dir`; `Ok(None)` when there is none yet.
    pub fn open(data_dir: &Path) -> Result<Option<AdvisoryDb>, DbError> {
        let Some(dir) = current_dir(data_dir)? else {
            return Ok(None);
        };
        Self::open_dir(&dir).map(Some)
    }

    /// Opens one build directory (used to verify a fresh build before switching to it).
    pub(crate) fn open_dir(dir: &Path) -> Result<AdvisoryDb, DbError> {
        let meta = read_meta(dir)?;
        let ecosystems = Ecosystem::ALL
            .iter()
            .map(|e| (*e, OnceLock::new()))
            .collect();
        Ok(AdvisoryDb {
            dir: dir.to_path_buf(),
            meta,
            ecosystems,
        })
    }

    /// Build metadata.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// When the database was built.
    pub fn built_at(&self) -> DateTime<Utc> {
        self.meta.built_at
    }

    /// Status as of now.
    pub fn status(&self) -> DbStatus {
        self.status_at(Utc::now())
    }

    /// Status as of `now` (tests pin the clock).
    pub fn status_at(&self, now: DateTime<Utc>) -> DbStatus {
        DbStatus {
            path: self.dir.clone(),
            meta: self.meta.clone(),
            age_days: (now - self.meta.built_at).num_days(),
        }
    }

    fn load_eco(&self, eco: Ecosystem) -> Result<Option<EcoIndex>, String> {
        let (idx, dat) = eco_files(&self.dir, eco);
        let bytes = match std::fs::read(&idx) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", idx.display())),
        };
        let offsets: HashMap<String, (u64, u32)> = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: corrupt index: {e}", idx.display()))?;
        let data = File::open(&dat).map_err(|e| format!("{}: {e}", dat.display()))?;
        let data_len = data
            .metadata()
            .map_err(|e| format!("{}: {e}", dat.display()))?
            .len();
        Ok(Some(EcoIndex {
            offsets,
            data: Mutex::new(data),
            data_len,
            data_path: dat,
        }))
    }

    /// The advisories indexed for one package (name in any spelling the ecosystem
    /// considers equal). Empty when there are none.
    pub fn lookup(&self, eco: Ecosystem, name: &str) -> Result<Vec<Advisory>, DbError> {
        let Some(cell) = self.ecosystems.get(&eco) else {
            return Ok(Vec::new());
        };
        let loaded = cell.get_or_init(|| self.load_eco(eco));
        let idx = match loaded {
            Ok(Some(idx)) => idx,
            Ok(None) => return Ok(Vec::new()),
            Err(e) => {
                return Err(DbError::Corrupt {
                    path: self.dir.display().to_string(),
                    reason: e.clone(),
                });
            }
        };
        let key = normalize_name(eco, name);
        let Some(&(off, len)) = idx.offsets.get(&key) else {
            return Ok(Vec::new());
        };
        if off.saturating_add(u64::from(len)) > idx.data_len {
            return Err(DbError::Corrupt {
                path: idx.data_path.display().to_string(),
                reason: format!("entry for {key} points past the end of the file"),
            });
        }
        let mut buf = vec![0u8; len as usize];
        {
            let mut f = idx
                .data
                .lock()
                .map_err(|_| DbError::Import("advisory data file lock poisoned".into()))?;
            f.seek(SeekFrom::Start(off))
                .and_then(|_| f.read_exact(&mut buf))
                .map_err(|e| DbError::io(&idx.data_path, e))?;
        }
        serde_json::from_slice(&buf).map_err(|e| DbError::Corrupt {
            path: idx.data_path.display().to_string(),
            reason: format!("entry for {key}: {e}"),
        })
    }

    /// Whether the database has any data for `eco`.
    pub fn has_ecosystem(&self, eco: Ecosystem) -> bool {
        self.meta.ecosystems.contains_key(eco.osv_name())
    }
}

#[cfg(test)]
mod tests;
