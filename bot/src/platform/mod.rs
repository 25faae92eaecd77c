//! The platform interface: everything the worker needs from a code host, with no code
//! host named. GitHub implements it in `github/`, GitLab in `gitlab/`; nothing above
//! this module knows which platform it serves.

pub mod diff;
pub mod github;
pub mod gitlab;
pub mod retry;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use vigil_core::Severity;

pub use diff::ChangedLines;

/// A boxed, sendable future: the trait is used as `dyn Platform`.
pub type PlatformFuture<'a, T> =
    Pin<Box<dyn Future<Output = Result<T, PlatformError>> + Send + 'a>>;

/// Why a platform call failed, sorted by what the worker should do about it.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    /// Worth retrying later: network trouble, 5xx, rate limits.
    #[error("{message}")]
    Transient {
        message: String,
        /// The platform said when to come back (Retry-After, rate-limit reset).
        retry_after: Option<Duration>,
    },
    /// The App/token may not do this (401/403/404 without rate-limit signals).
    #[error("access denied: {0}")]
    Denied(String),
    /// The platform rejected the request or answered something unreadable.
    #[error("{0}")]
    Invalid(String),
}

/// Which repository, under which platform authority (installation / instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoCtx {
    pub scope: String,
    pub repo: String,
}

/// The commits of a change request (pull request, merge request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRequestInfo {
    pub number: u64,
    pub head_sha: String,
    pub head_ref: String,
    pub base_sha: String,
    pub base_ref: String,
    /// Fetch URL of the head (differs from the base repository for forks).
    pub head_clone_url: Option<String>,
}

/// Credentials for git over HTTPS; handed to the git2 credentials callback only.
#[derive(Clone)]
pub struct FetchAuth {
    pub username: String,
    pub secret: String,
}

impl std::fmt::Debug for FetchAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchAuth")
            .field("username", &self.username)
            .field("secret", &"[redacted]")
            .finish()
    }
}

/// How a check (check run / commit status) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    Success,
    Failure,
    /// The scan could not run (limits, clone failure); the title says why.
    Neutral,
    /// Superseded by a newer push.
    Cancelled,
}

/// One annotation on a line of the scanned commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub path: String,
    pub start_line: u32,
    pub end_line: u32,
    pub severity: Severity,
    pub title: String,
    pub message: String,
}

/// What a finished check shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub conclusion: Conclusion,
    pub title: String,
    /// Markdown.
    pub summary: String,
    pub annotations: Vec<Annotation>,
}

/// An inline comment to place on a new line of the change request's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineComment {
    pub fingerprint: String,
    pub path: String,
    pub line: u32,
    pub body: String,
}

/// A comment the platform created, with its id when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedInline {
    pub fingerprint: String,
    pub comment_id: Option<String>,
}

/// The operations vigil needs from a code host.
pub trait Platform: Send + Sync {
    /// `github`, `gitlab`: matches `JobSpec::platform`.
    fn name(&self) -> &'static str;

    /// Credentials for fetching the repository (None: anonymous).
    fn fetch_auth<'a>(&'a self, repo: &'a RepoCtx) -> PlatformFuture<'a, Option<FetchAuth>>;

    /// The current commits of change request `number`.
    fn change_request<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
    ) -> PlatformFuture<'a, ChangeRequestInfo>;

    /// Lines added or changed on the head side of the change request's diff.
    fn changed_lines<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
    ) -> PlatformFuture<'a, ChangedLines>;

    /// Shows the scan as running on `sha`; returns the check's id.
    fn start_check<'a>(&'a self, repo: &'a RepoCtx, sha: &'a str) -> PlatformFuture<'a, String>;

    /// Completes check `check_id` on `sha` with its conclusion and annotations.
    fn finish_check<'a>(
        &'a self,
        repo: &'a RepoCtx,
        sha: &'a str,
        check_id: &'a str,
        report: &'a CheckReport,
    ) -> PlatformFuture<'a, ()>;

    /// Posts inline comments on the change request's diff as one review.
    fn post_inline_comments<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        head_sha: &'a str,
        review_body: &'a str,
        comments: &'a [InlineComment],
    ) -> PlatformFuture<'a, Vec<PostedInline>>;

    /// Marks an inline comment's finding as fixed (resolve the thread or edit the comment).
    fn mark_comment_fixed<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        comment_id: &'a str,
        fixed_in: &'a str,
    ) -> PlatformFuture<'a, ()>;

    /// Creates or updates in place the one summary comment, found by `marker`.
    fn upsert_summary<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        marker: &'a str,
        body: &'a str,
    ) -> PlatformFuture<'a, ()>;

    /// True when `user` may trigger a rescan (write access / Developer role).
    fn can_request_rescan<'a>(
        &'a self,
        repo: &'a RepoCtx,
        user: &'a str,
    ) -> PlatformFuture<'a, bool>;

    /// A browser link to `path` at `line` of commit `sha`, when the platform has one.
    fn file_url(&self, _clone_url: &str, _sha: &str, _path: &str, _line: u32) -> Option<String> {
        None
    }
}

/// The configured platforms by name.
#[derive(Clone, Default)]
pub struct Platforms {
    by_name: HashMap<&'static str, Arc<dyn Platform>>,
}

impl Platforms {
    /// Adds (or replaces) a platform.
    pub fn insert(&mut self, p: Arc<dyn Platform>) {
        self.by_name.insert(p.name(), p);
    }

    /// The platform a job names.
    pub fn get(&self, name: &str) -> Option<Arc<dyn Platform>> {
        self.by_name.get(name).cloned()
    }
}

/// What a verified, parsed webhook asks the server to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookAction {
    /// A connectivity check: answer 200.
    Ping,
    /// Nothing to do for this event/action (answered 202).
    Ignore(String),
    /// Store these scan jobs. `initial` marks first scans of newly installed repositories
    /// (their status becomes PENDING_INITIAL_SCAN).
    Scan {
        jobs: Vec<crate::queue::JobSpec>,
        initial: bool,
    },
    /// The installation (or some of its repositories) went away: drop pending jobs.
    Drop {
        scope: String,
        repos: Option<Vec<String>>,
    },
    /// A change request was closed: drop its pending jobs.
    DropChangeRequest { supersede_key: String },
}

/// Why a webhook was refused, mapped to an HTTP status by the server.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookError {
    /// Missing or wrong signature/token: 401, nothing stored.
    #[error("signature missing or invalid")]
    Unauthorized,
    /// Malformed body or missing required header: 400.
    #[error("{0}")]
    BadRequest(String),
}
