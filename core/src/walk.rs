//! Walking a tree: which files are read, which are skipped and why.
//!
//! Built on ripgrep's `ignore` walker (parallel, honours `.gitignore`). Repository content
//! is hostile: symlinks are never followed (a link to `/etc/passwd` or a loop must not
//! escape the root or stall the walk), sizes are checked from metadata before anything is
//! read (a 2 GB file costs one `stat`), and reads are bounded by the limit even if the
//! file grows in between.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkParallel};

use crate::config::RepoConfig;

/// Folder names treated as vendored code when `skip-vendored: true`.
pub const VENDORED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    ".venv",
    "venv",
    "site-packages",
    "__pypackages__",
];

/// Bytes inspected for a NUL to decide a file is binary (git and ripgrep use the same test).
const BINARY_SNIFF: usize = 8192;

/// Why a path was not scanned; the summary counts these by reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    Binary,
    TooLarge { limit: u64 },
    SymlinkOutsideRoot,
    SymlinkBroken,
    SymlinkInsideRoot,
    Unreadable(String),
    WalkError(String),
    NotAFile,
}

impl SkipReason {
    /// The summary line's text for this reason (counted, so no per-file detail).
    pub fn label(&self) -> String {
        match self {
            SkipReason::Binary => "binary file".into(),
            SkipReason::TooLarge { limit } => format!("larger than the {limit}-byte limit"),
            SkipReason::SymlinkOutsideRoot => {
                "symlink pointing outside the scanned root (not followed)".into()
            }
            SkipReason::SymlinkBroken => "broken symlink or symlink loop (not followed)".into(),
            SkipReason::SymlinkInsideRoot => {
                "symlink inside the root (target scanned at its own path)".into()
            }
            SkipReason::Unreadable(_) => "unreadable".into(),
            SkipReason::WalkError(_) => "walk error".into(),
            SkipReason::NotAFile => "not a regular file (device, socket or fifo)".into(),
        }
    }

    /// Per-file detail worth printing (the OS error), if any.
    pub fn detail(&self) -> Option<&str> {
        match self {
            SkipReason::Unreadable(e) | SkipReason::WalkError(e) => Some(e),
            _ => None,
        }
    }
}

/// What the walk decided about one file.
pub enum Visit {
    /// Read: its bytes (at most the size limit).
    Read(Vec<u8>),
    Skip(SkipReason),
}

/// Builds the parallel walker for `root` with the config's excludes.
pub fn walker(root: &Path, config: &RepoConfig, threads: usize) -> Result<WalkParallel, String> {
    let mut ov = OverrideBuilder::new(root);
    for pat in &config.exclude {
        ov.add(&format!("!{pat}"))
            .map_err(|e| format!("exclude pattern `{pat}`: {e}"))?;
    }
    if config.skip_vendored {
        for d in VENDORED_DIRS {
            ov.add(&format!("!**/{d}/"))
                .map_err(|e| format!("vendored pattern `{d}`: {e}"))?;
        }
    }
    let overrides = ov.build().map_err(|e| format!("exclude patterns: {e}"))?;
    let mut b = WalkBuilder::new(root);
    b.hidden(false) // .env files and dotfiles are exactly where secrets hide
        .git_ignore(true)
        .git_global(false) // the scan must not depend on the machine it runs on
        .git_exclude(true)
        .require_git(false)
        .ignore(true)
        .parents(false)
        .follow_links(false)
        .overrides(overrides)
        .threads(threads)
        .filter_entry(|e| e.file_name() != ".git");
    Ok(b.build_parallel())
}

/// Classifies a symlink found in the tree; it is never followed.
pub fn classify_symlink(path: &Path, canonical_root: &Path) -> SkipReason {
    match std::fs::canonicalize(path) {
        Err(_) => SkipReason::SymlinkBroken,
        Ok(target) if target.starts_with(canonical_root) => SkipReason::SymlinkInsideRoot,
        Ok(_) => SkipReason::SymlinkOutsideRoot,
    }
}

/// Reads a regular file if it is under `limit` bytes and not binary.
pub fn read_file(path: &Path, len_hint: u64, limit: u64) -> Visit {
    if len_hint > limit {
        return Visit::Skip(SkipReason::TooLarge { limit });
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Visit::Skip(SkipReason::Unreadable(e.to_string())),
    };
    let mut buf = Vec::with_capacity(len_hint as usize);
    // Read one byte past the limit to notice a file that grew after the stat.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut buf) {
        return Visit::Skip(SkipReason::Unreadable(e.to_string()));
    }
    if buf.len() as u64 > limit {
        return Visit::Skip(SkipReason::TooLarge { limit });
    }
    if buf[..buf.len().min(BINARY_SNIFF)].contains(&0) {
        return Visit::Skip(SkipReason::Binary);
    }
    Visit::Read(buf)
}

/// The `/`-separated path of `path` relative to `root` (the file name when the root is
/// the file itself).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel: PathBuf = match path.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
        _ => path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| path.to_path_buf()),
    };
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_large_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("a.bin");
        std::fs::write(&bin, b"abc\0def").unwrap();
        assert!(matches!(
            read_file(&bin, 7, 100),
            Visit::Skip(SkipReason::Binary)
        ));
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 200]).unwrap();
        assert!(matches!(
            read_file(&big, 200, 100),
            Visit::Skip(SkipReason::TooLarge { .. })
        ));
        // A stale (small) length hint still cannot make us read past the limit.
        assert!(matches!(
            read_file(&big, 10, 100),
            Visit::Skip(SkipReason::TooLarge { .. })
        ));
        let ok = dir.path().join("ok.txt");
        std::fs::write(&ok, b"hello").unwrap();
        assert!(matches!(read_file(&ok, 5, 100), Visit::Read(ref b) if b == b"hello"));
    }

    #[test]
    fn relative_paths_use_slashes_and_file_roots() {
        assert_eq!(relative(Path::new("/r"), Path::new("/r/a/b.py")), "a/b.py");
        assert_eq!(relative(Path::new("/r/x.py"), Path::new("/r/x.py")), "x.py");
    }
}
