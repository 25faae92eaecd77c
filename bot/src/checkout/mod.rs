//! Fetching the code to scan with git2. The token only ever reaches libgit2 through the
//! credentials callback, never a URL that could be logged or quoted in an error. Fetches
//! are shallow (depth 1) except from local paths, which libgit2 cannot fetch shallowly.
//! Size, file-count and time limits end the checkout with their own reason, and the
//! temporary directory is removed on every path out (it is a `TempDir`).

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{
    AutotagOption, Cred, FetchOptions, ObjectType, RemoteCallbacks, Repository, TreeWalkMode,
    TreeWalkResult,
};

use crate::config::Limits;
use crate::platform::FetchAuth;

/// Why a checkout ended without a tree to scan; each maps to a scan status.
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("access denied fetching the repository: {0}")]
    AccessDenied(String),
    #[error("clone failed: {0}")]
    CloneFailed(String),
    #[error("repository too large: {0}")]
    SizeLimit(String),
    #[error("checkout took longer than {0} s")]
    Timeout(u64),
    #[error("temporary directory: {0}")]
    Io(#[from] std::io::Error),
}

/// One commit to materialise: the first source that fetches wins (a SHA, then refs).
#[derive(Debug, Clone)]
pub struct Want {
    /// Folder name under the checkout (`head`, `base`).
    pub name: &'static str,
    /// Fetch sources in order of preference: a commit SHA, `refs/pull/N/head`,
    /// `refs/heads/x`, or `HEAD` for the remote's default branch.
    pub sources: Vec<String>,
    /// Only these paths are written (None: the whole tree).
    pub paths: Option<Vec<String>>,
}

/// A materialised commit.
#[derive(Debug, Clone)]
pub struct Tree {
    pub dir: PathBuf,
    pub sha: String,
    /// The branch name when the source was `HEAD` (the remote's default branch).
    pub default_branch: Option<String>,
}

/// The checked-out trees; the directory goes away when this is dropped.
#[derive(Debug)]
pub struct Checkout {
    _tmp: tempfile::TempDir,
    pub trees: Vec<Tree>,
}

impl Checkout {
    /// The tree fetched for `name`.
    pub fn tree(&self, name: &str) -> Option<&Tree> {
        self.trees
            .iter()
            .find(|t| t.dir.file_name().is_some_and(|f| f == name))
    }
}

/// True for URLs libgit2 would read from the local file system (no shallow fetch there).
fn is_local(url: &str) -> bool {
    url.starts_with("file://") || url.starts_with('/') || url.starts_with('.')
}

/// Fetches and checks out `wants` from `url` under a fresh temporary directory (blocking:
/// call from `spawn_blocking`).
pub fn checkout(
    url: &str,
    auth: Option<&FetchAuth>,
    wants: &[Want],
    limits: &Limits,
) -> Result<Checkout, CheckoutError> {
    let tmp = tempfile::Builder::new()
        .prefix("vigil-checkout-")
        .tempdir()?;
    let deadline = Instant::now() + Duration::from_secs(limits.checkout_timeout_secs.max(1));
    let repo = Repository::init_bare(tmp.path().join("git"))
        .map_err(|e| CheckoutError::CloneFailed(e.message().into()))?;
    let mut trees = Vec::new();
    let mut fetched_bytes = 0u64;
    for want in wants {
        let local_ref = format!("refs/vigil/{}", want.name);
        let mut last_err = None;
        let mut got = None;
        for src in &want.sources {
            let mut default_branch = None;
            let src_ref = if src == "HEAD" {
                match default_branch_of(&repo, url, auth, deadline) {
                    Ok(b) => {
                        default_branch = Some(b.trim_start_matches("refs/heads/").to_string());
                        b
                    }
                    Err(e) => {
                        last_err = Some(e);
                        continue;
                    }
                }
            } else {
                src.clone()
            };
            match fetch(
                &repo,
                url,
                auth,
                &format!("+{src_ref}:{local_ref}"),
                limits,
                deadline,
                fetched_bytes,
            ) {
                Ok(bytes) => {
                    fetched_bytes += bytes;
                    // A refspec that matches nothing "succeeds" without creating the ref.
                    if repo.find_reference(&local_ref).is_ok() {
                        got = Some(default_branch);
                        break;
                    }
                    last_err = Some(CheckoutError::CloneFailed(format!(
                        "{src_ref} not found on the remote"
                    )));
                }
                Err(
                    e @ (CheckoutError::SizeLimit(_)
                    | CheckoutError::Timeout(_)
                    | CheckoutError::AccessDenied(_)),
                ) => {
                    return Err(e);
                }
                Err(e) => last_err = Some(e),
            }
        }
        let Some(default_branch) = got else {
            return Err(last_err.unwrap_or_else(|| {
                CheckoutError::CloneFailed(format!("nothing to fetch for {}", want.name))
            }));
        };
        let dir = tmp.path().join(want.name);
        let sha = materialise(
            &repo,
            &local_ref,
            &dir,
            want.paths.as_deref(),
            limits,
            deadline,
        )?;
        trees.push(Tree {
            dir,
            sha,
            default_branch,
        });
    }
    Ok(Checkout { _tmp: tmp, trees })
}

fn callbacks<'a>(
    auth: Option<&'a FetchAuth>,
    deadline: Instant,
    max_bytes: u64,
    tripped: &'a Cell<Option<&'static str>>,
    tries: &'a Cell<u32>,
    received: &'a Cell<u64>,
) -> RemoteCallbacks<'a> {
    let mut cb = RemoteCallbacks::new();
    cb.credentials(move |_url, _user, _allowed| {
        tries.set(tries.get() + 1);
        match auth {
            // One try: libgit2 calls again after a rejected credential.
            Some(a) if tries.get() == 1 => Cred::userpass_plaintext(&a.username, &a.secret),
            _ => Err(git2::Error::new(
                git2::ErrorCode::Auth,
                git2::ErrorClass::Http,
                "credentials rejected",
            )),
        }
    });
    cb.transfer_progress(move |p| {
        received.set(p.received_bytes() as u64);
        if p.received_bytes() as u64 > max_bytes {
            tripped.set(Some("size"));
            return false;
        }
        if Instant::now() > deadline {
            tripped.set(Some("time"));
            return false;
        }
        true
    });
    cb
}

fn map_git_error(e: git2::Error, tripped: Option<&'static str>, limits: &Limits) -> CheckoutError {
    match tripped {
        Some("size") => {
            CheckoutError::SizeLimit(format!("fetch exceeded {} bytes", limits.max_repo_bytes))
        }
        Some(_) => CheckoutError::Timeout(limits.checkout_timeout_secs),
        None if e.code() == git2::ErrorCode::Auth => {
            CheckoutError::AccessDenied(e.message().to_string())
        }
        None => CheckoutError::CloneFailed(e.message().to_string()),
    }
}

/// Fetches one refspec; returns the bytes received.
fn fetch(
    repo: &Repository,
    url: &str,
    auth: Option<&FetchAuth>,
    refspec: &str,
    limits: &Limits,
    deadline: Instant,
    already: u64,
) -> Result<u64, CheckoutError> {
    let tripped = Cell::new(None);
    let tries = Cell::new(0);
    let received = Cell::new(0);
    let mut opts = FetchOptions::new();
    opts.remote_callbacks(callbacks(
        auth,
        deadline,
        limits.max_repo_bytes.saturating_sub(already),
        &tripped,
        &tries,
        &received,
    ));
    opts.download_tags(AutotagOption::None);
    if !is_local(url) {
        opts.depth(1);
    }
    let mut remote = repo
        .remote_anonymous(url)
        .map_err(|e| CheckoutError::CloneFailed(e.message().to_string()))?;
    remote
        .fetch(&[refspec], Some(&mut opts), None)
        .map_err(|e| map_git_error(e, tripped.get(), limits))?;
    Ok(received.get())
}

/// Asks the remote which branch HEAD points at.
fn default_branch_of(
    repo: &Repository,
    url: &str,
    auth: Option<&FetchAuth>,
    deadline: Instant,
) -> Result<String, CheckoutError> {
    let tripped = Cell::new(None);
    let tries = Cell::new(0);
    let received = Cell::new(0);
    let cb = callbacks(auth, deadline, u64::MAX, &tripped, &tries, &received);
    let mut remote = repo
        .remote_anonymous(url)
        .map_err(|e| CheckoutError::CloneFailed(e.message().to_string()))?;
    let conn = remote
        .connect_auth(git2::Direction::Fetch, Some(cb), None)
        .map_err(|e| map_git_error(e, None, &Limits::default()))?;
    let buf = conn.default_branch().map_err(|e| {
        CheckoutError::CloneFailed(format!("remote has no default branch: {}", e.message()))
    })?;
    buf.as_str()
        .map(str::to_string)
        .map_err(|_| CheckoutError::CloneFailed("default branch name is not UTF-8".into()))
}

/// Checks limits on the fetched tree, then writes it to `dir`; returns the commit SHA.
fn materialise(
    repo: &Repository,
    local_ref: &str,
    dir: &Path,
    paths: Option<&[String]>,
    limits: &Limits,
    deadline: Instant,
) -> Result<String, CheckoutError> {
    let git = |e: git2::Error| CheckoutError::CloneFailed(e.message().to_string());
    let commit = repo
        .find_reference(local_ref)
        .and_then(|r| r.peel_to_commit())
        .map_err(git)?;
    let tree = commit.tree().map_err(git)?;
    let odb = repo.odb().map_err(git)?;
    let mut files = 0u64;
    let mut bytes = 0u64;
    let mut breach = None;
    tree.walk(TreeWalkMode::PreOrder, |_, entry| {
        if entry.kind() == Some(ObjectType::Blob) {
            files += 1;
            if let Ok((size, _)) = odb.read_header(entry.id()) {
                bytes += size as u64;
            }
            if files > limits.max_files {
                breach = Some(format!("more than {} files", limits.max_files));
                return TreeWalkResult::Abort;
            }
            if bytes > limits.max_repo_bytes {
                breach = Some(format!(
                    "checked-out tree exceeds {} bytes",
                    limits.max_repo_bytes
                ));
                return TreeWalkResult::Abort;
            }
        }
        TreeWalkResult::Ok
    })
    .or_else(|e| {
        if breach.is_some() {
            Ok(())
        } else {
            Err(git(e))
        }
    })?;
    if let Some(b) = breach {
        return Err(CheckoutError::SizeLimit(b));
    }
    if Instant::now() > deadline {
        return Err(CheckoutError::Timeout(limits.checkout_timeout_secs));
    }
    std::fs::create_dir_all(dir)?;
    if paths.is_some_and(<[String]>::is_empty) {
        // Nothing selected (an empty path list would mean "everything" to libgit2).
        return Ok(commit.id().to_string());
    }
    let mut cb = git2::build::CheckoutBuilder::new();
    cb.target_dir(dir).force().recreate_missing(true);
    if let Some(list) = paths {
        // Exact paths, not globs: a file name may contain `*`.
        cb.disable_pathspec_match(true);
        for p in list {
            cb.path(p);
        }
    }
    repo.checkout_tree(tree.as_object(), Some(&mut cb))
        .map_err(git)?;
    Ok(commit.id().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn repo_with_two_commits() -> (tempfile::TempDir, String, String) {
        let d = tempfile::tempdir().unwrap();
        let w = d.path();
        git(w, &["init", "-q", "-b", "main"]);
        std::fs::write(w.join("a.txt"), "one\n").unwrap();
        git(w, &["add", "."]);
        git(w, &["commit", "-qm", "one"]);
        let first = git(w, &["rev-parse", "HEAD"]);
        git(w, &["checkout", "-qb", "feature"]);
        std::fs::write(w.join("b.txt"), "two\n").unwrap();
        git(w, &["add", "."]);
        git(w, &["commit", "-qm", "two"]);
        let second = git(w, &["rev-parse", "HEAD"]);
        git(w, &["checkout", "-q", "main"]);
        (d, first, second)
    }

    #[test]
    fn local_checkout_of_head_and_base_and_cleanup() {
        let (d, first, second) = repo_with_two_commits();
        let url = d.path().display().to_string();
        let wants = [
            Want {
                name: "head",
                sources: vec!["refs/heads/nope".into(), "refs/heads/feature".into()],
                paths: None,
            },
            Want {
                name: "base",
                sources: vec!["HEAD".into()],
                // Only the listed paths are written.
                paths: Some(vec!["b.txt".into()]),
            },
        ];
        let co = checkout(&url, None, &wants, &Limits::default()).unwrap();
        let head = co.tree("head").unwrap();
        let base = co.tree("base").unwrap();
        assert_eq!(head.sha, second);
        assert_eq!(base.sha, first);
        assert_eq!(base.default_branch.as_deref(), Some("main"));
        assert!(head.dir.join("b.txt").is_file());
        assert!(!base.dir.join("b.txt").exists());
        assert!(!base.dir.join("a.txt").exists(), "a.txt was not selected");
        assert!(head.dir.join("a.txt").is_file());
        let root = head.dir.parent().unwrap().to_path_buf();
        drop(co);
        assert!(!root.exists(), "temp dir removed");
    }

    #[test]
    fn file_limit_and_missing_refs_are_clear() {
        let (d, _, _) = repo_with_two_commits();
        let url = d.path().display().to_string();
        let limits = Limits {
            max_files: 1,
            ..Limits::default()
        };
        let wants = [Want {
            name: "head",
            sources: vec!["refs/heads/feature".into()],
            paths: None,
        }];
        assert!(matches!(
            checkout(&url, None, &wants, &limits),
            Err(CheckoutError::SizeLimit(_))
        ));
        let wants = [Want {
            name: "head",
            sources: vec!["refs/heads/missing".into()],
            paths: None,
        }];
        assert!(matches!(
            checkout(&url, None, &wants, &Limits::default()),
            Err(CheckoutError::CloneFailed(_))
        ));
    }
}
