//! GitLab (self-managed or gitlab.com) behind the [`Platform`] trait. Several entries
//! (instances, or groups with their own tokens) are served at once; a job's scope names
//! its entry. Checks are commit statuses named `vigil`; inline comments are diff
//! discussions positioned on new lines (falling back to an unpositioned discussion when
//! GitLab refuses the position); the summary is one MR note found again by its marker.

pub mod api;
pub mod config;
pub mod webhook;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gitlab::api::projects::members::AllProjectMember;
use gitlab::api::projects::merge_requests::discussions::{
    CreateMergeRequestDiscussion, MergeRequestDiscussions, Position, TextPosition,
};
use gitlab::api::projects::merge_requests::notes::{
    CreateMergeRequestNote, EditMergeRequestNote, MergeRequestNotes,
};
use gitlab::api::projects::merge_requests::{MergeRequest, MergeRequestDiffs};
use gitlab::api::projects::repository::commits::{CommitStatusState, CreateCommitStatus};
use serde_json::Value;
use vigil_core::Severity;

pub use self::api::GitlabSetupError;
use self::api::{Api, Instance, MrChanges, MrVersions};
use self::config::GitlabInstance;
use super::{
    ChangeRequestInfo, ChangedLines, CheckReport, Conclusion, FetchAuth, InlineComment, Platform,
    PlatformError, PlatformFuture, PostedInline, RepoCtx,
};
use crate::metrics::Metrics;

/// The commit status's name, shown in the MR's pipeline widget.
pub const STATUS_NAME: &str = "vigil";
/// Hidden marker in discussion bodies: maps a thread back to its finding.
pub const FINDING_MARKER_PREFIX: &str = "<!-- vigil:finding:";
/// GitLab's limit on note bodies (characters; bytes are a safe bound).
const MAX_NOTE: usize = 1_000_000;
/// GitLab's limit on a commit status's description and target URL.
const MAX_STATUS_FIELD: usize = 255;

/// Where a commit status is in its life; a status never moves backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Pending,
    Running,
    Done,
}

/// The GitLab platform adapter.
pub struct GitlabPlatform {
    instances: HashMap<String, Instance>,
    metrics: Arc<Metrics>,
    max_wait: Duration,
    /// Per (entry, project, sha): the stage last posted, behind an async lock so a late
    /// "pending" from the webhook never overwrites "running" from a worker.
    stages: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Stage>>>>>,
    /// head sha → MR iid, for status links.
    mr_of_sha: Mutex<HashMap<String, u64>>,
    /// (entry, project, iid) → the head sha last marked pending, so a newer push or a
    /// close can cancel a status that would otherwise stay pending forever.
    queued_head: Mutex<HashMap<String, String>>,
    /// (entry, project, iid) → new_path → old_path, from the last diff listing.
    old_paths: Mutex<HashMap<String, HashMap<String, String>>>,
    /// Keeps the combined CA file for git alive.
    _git_ca: Option<tempfile::TempPath>,
}

fn invalid(op: &str, what: &str) -> PlatformError {
    PlatformError::Invalid(format!("GitLab {op}: response lacks {what}"))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().filter(|s| !s.is_empty())
}

/// Truncates to at most `max` bytes on a char boundary.
fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max.saturating_sub(20);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n\n…(truncated)", &s[..end])
}

fn clip_line(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max.saturating_sub(3);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

fn stage_key(repo: &RepoCtx, sha: &str) -> String {
    format!("{}\n{}\n{sha}", repo.scope, repo.repo)
}

fn mr_key(repo: &RepoCtx, iid: u64) -> String {
    format!("{}\n{}\n{iid}", repo.scope, repo.repo)
}

/// The finding fingerprint hidden in a discussion body.
pub fn finding_marker(fingerprint: &str) -> String {
    format!("{FINDING_MARKER_PREFIX}{fingerprint} -->")
}

fn marker_fingerprint(body: &str) -> Option<&str> {
    let start = body.find(FINDING_MARKER_PREFIX)? + FINDING_MARKER_PREFIX.len();
    let rest = &body[start..];
    Some(rest[..rest.find(" -->")?].trim())
}

/// The one-line status description: the check title plus open findings by severity.
pub fn status_description(report: &CheckReport) -> String {
    let mut by_sev: Vec<(Severity, usize)> = Vec::new();
    for a in &report.annotations {
        match by_sev.iter_mut().find(|(s, _)| *s == a.severity) {
            Some(e) => e.1 += 1,
            None => by_sev.push((a.severity, 1)),
        }
    }
    by_sev.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut d = report.title.clone();
    if !by_sev.is_empty() {
        let parts: Vec<String> = by_sev
            .iter()
            .map(|(s, n)| format!("{n} {}", s.as_str().to_ascii_lowercase()))
            .collect();
        d.push_str(&format!(" · open: {}", parts.join(", ")));
    }
    clip_line(&d, MAX_STATUS_FIELD)
}

fn state_of(c: Conclusion) -> CommitStatusState {
    match c {
        Conclusion::Success => CommitStatusState::Success,
        Conclusion::Failure => CommitStatusState::Failed,
        // GitLab has no "neutral": a scan that could not run is cancelled, with the reason.
        Conclusion::Neutral | Conclusion::Cancelled => CommitStatusState::Canceled,
    }
}

/// Appends `extra` (PEM) to the system trust store in one file and points libgit2 at it,
/// so git over HTTPS trusts private CAs without losing the public ones.
fn install_git_ca(extra: &[&[u8]]) -> Option<tempfile::TempPath> {
    if extra.is_empty() {
        return None;
    }
    let mut pem = Vec::new();
    let system = std::env::var("SSL_CERT_FILE").ok().into_iter().chain(
        [
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/ca-bundle.pem",
            "/etc/ssl/cert.pem",
        ]
        .map(String::from),
    );
    for p in system {
        if let Ok(b) = std::fs::read(&p) {
            pem.extend_from_slice(&b);
            pem.push(b'\n');
            break;
        }
    }
    for e in extra {
        pem.extend_from_slice(e);
        pem.push(b'\n');
    }
    let file = tempfile::Builder::new()
        .prefix("vigil-git-ca-")
        .suffix(".pem")
        .tempfile()
        .ok()?;
    std::fs::write(file.path(), &pem).ok()?;
    let path = file.into_temp_path();
    // SAFETY: called once while the platform is built, before any worker runs libgit2.
    let r = unsafe { git2::opts::set_ssl_cert_file(path.to_path_buf()) };
    if let Err(e) = r {
        tracing::warn!(error = %e.message(), "git cannot use the GitLab CA bundle");
    }
    Some(path)
}

impl GitlabPlatform {
    /// Builds the adapter for the configured entries (reads CA bundles; connects lazily).
    pub fn new(
        entries: &[GitlabInstance],
        metrics: Arc<Metrics>,
        max_wait: Duration,
    ) -> Result<GitlabPlatform, GitlabSetupError> {
        let mut instances = HashMap::new();
        for e in entries {
            instances.insert(e.name.clone(), Instance::new(e)?);
        }
        let cas: Vec<&[u8]> = instances.values().filter_map(Instance::ca_pem).collect();
        let git_ca = install_git_ca(&cas);
        Ok(GitlabPlatform {
            instances,
            metrics,
            max_wait,
            stages: Mutex::default(),
            mr_of_sha: Mutex::default(),
            queued_head: Mutex::default(),
            old_paths: Mutex::default(),
            _git_ca: git_ca,
        })
    }

    fn api(&self, repo: &RepoCtx) -> Result<Api<'_>, PlatformError> {
        let inst = self.instances.get(&repo.scope).ok_or_else(|| {
            PlatformError::Invalid(format!(
                "no gitlab entry named {:?} is configured",
                repo.scope
            ))
        })?;
        Ok(Api {
            inst,
            metrics: self.metrics.clone(),
            max_wait: self.max_wait,
        })
    }

    fn web_base(&self, repo: &RepoCtx) -> Option<String> {
        self.instances
            .get(&repo.scope)
            .map(|i| i.cfg.base_url().to_string())
    }

    /// Link shown on the status: the MR when known, else the commit.
    fn target_url(&self, repo: &RepoCtx, sha: &str) -> Option<String> {
        let base = self.web_base(repo)?;
        let mr = self.mr_of_sha.lock().ok()?.get(sha).copied();
        let url = match mr {
            Some(iid) => format!("{base}/{}/-/merge_requests/{iid}", repo.repo),
            None => format!("{base}/{}/-/commit/{sha}", repo.repo),
        };
        (url.len() <= MAX_STATUS_FIELD).then_some(url)
    }

    fn remember_mr(&self, sha: &str, iid: u64) {
        if let Ok(mut m) = self.mr_of_sha.lock() {
            if m.len() > 10_000 {
                m.clear();
            }
            m.insert(sha.to_string(), iid);
        }
    }

    /// Posts status `state` for `sha` unless a later stage was already posted.
    async fn post_status(
        &self,
        repo: &RepoCtx,
        sha: &str,
        stage: Stage,
        state: CommitStatusState,
        description: &str,
    ) -> Result<(), PlatformError> {
        let key = stage_key(repo, sha);
        let slot = {
            let mut m = self
                .stages
                .lock()
                .map_err(|_| PlatformError::Invalid("status table poisoned".into()))?;
            if m.len() > 10_000 {
                m.retain(|_, v| Arc::strong_count(v) > 1);
            }
            m.entry(key.clone()).or_default().clone()
        };
        let mut last = slot.lock().await;
        // A late "queued" must not hide a running scan; anything else moves on (a new
        // job for the same commit starts over).
        if stage == Stage::Pending && *last == Some(Stage::Running) {
            return Ok(());
        }
        self.send_status(repo, sha, state, description).await?;
        *last = Some(stage);
        Ok(())
    }

    /// One `POST /projects/:id/statuses/:sha` for the `vigil` status.
    async fn send_status(
        &self,
        repo: &RepoCtx,
        sha: &str,
        state: CommitStatusState,
        description: &str,
    ) -> Result<(), PlatformError> {
        let api = self.api(repo)?;
        let target_url = self.target_url(repo, sha);
        let mut b = CreateCommitStatus::builder();
        b.project(repo.repo.as_str())
            .commit(sha)
            .state(state)
            .name(STATUS_NAME)
            .description(clip_line(description, MAX_STATUS_FIELD));
        if let Some(u) = &target_url {
            b.target_url(u.as_str());
        }
        let ep = b
            .build()
            .map_err(|e| PlatformError::Invalid(format!("commit status: {e}")))?;
        match api.call("commits.statuses.create", &ep).await {
            Ok(_) => {}
            // Re-posting the state a status already has (a retried job) is refused by
            // GitLab's state machine; the status is where we want it.
            Err(PlatformError::Invalid(m)) if m.contains("Cannot transition status") => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Shows a queued job on its commit (called by the webhook endpoint after enqueueing).
    /// A merge request's previous head that is still only pending was superseded while
    /// queued: its status is cancelled.
    pub async fn mark_queued(&self, repo: &RepoCtx, sha: &str, number: Option<u64>) {
        let mut previous = None;
        if let Some(iid) = number {
            self.remember_mr(sha, iid);
            if let Ok(mut m) = self.queued_head.lock() {
                if m.len() > 10_000 {
                    m.clear();
                }
                previous = m
                    .insert(mr_key(repo, iid), sha.to_string())
                    .filter(|p| p != sha);
            }
        }
        if let Some(old) = previous {
            self.cancel_if_pending(repo, &old, "Superseded by a newer push")
                .await;
        }
        if let Err(e) = self
            .post_status(
                repo,
                sha,
                Stage::Pending,
                CommitStatusState::Pending,
                "Queued for a vigil scan",
            )
            .await
        {
            tracing::warn!(repo = %repo.repo, error = %e, "could not set the pending status");
        }
    }

    /// The merge request was merged or closed: its queued scan was dropped, so a status
    /// still pending is cancelled.
    pub async fn mark_dropped(&self, repo: &RepoCtx, iid: u64) {
        let head = self
            .queued_head
            .lock()
            .ok()
            .and_then(|mut m| m.remove(&mr_key(repo, iid)));
        if let Some(sha) = head {
            self.cancel_if_pending(repo, &sha, "Merge request closed before the scan ran")
                .await;
        }
    }

    async fn cancel_if_pending(&self, repo: &RepoCtx, sha: &str, why: &str) {
        let slot = self
            .stages
            .lock()
            .ok()
            .and_then(|m| m.get(&stage_key(repo, sha)).cloned());
        let Some(slot) = slot else { return };
        let mut last = slot.lock().await;
        if *last != Some(Stage::Pending) {
            return;
        }
        let r = self
            .send_status(repo, sha, CommitStatusState::Canceled, why)
            .await;
        match r {
            Ok(()) => *last = Some(Stage::Done),
            Err(e) => {
                tracing::warn!(repo = %repo.repo, error = %e, "could not cancel a pending status")
            }
        }
    }

    /// The SHAs a diff position must name: the MR version whose head is `head_sha`,
    /// else the newest version, else the MR's `diff_refs`.
    async fn diff_refs(
        &self,
        api: &Api<'_>,
        project: &str,
        iid: u64,
        head_sha: &str,
    ) -> Result<(String, String, String), PlatformError> {
        let versions = api
            .call_opt("merge_requests.versions.list", &MrVersions { project, iid })
            .await?;
        if let Some(Value::Array(list)) = versions {
            let pick = list
                .iter()
                .find(|v| str_at(v, &["head_commit_sha"]) == Some(head_sha))
                .or_else(|| list.first());
            if let Some(v) = pick
                && let (Some(b), Some(s), Some(h)) = (
                    str_at(v, &["base_commit_sha"]),
                    str_at(v, &["start_commit_sha"]),
                    str_at(v, &["head_commit_sha"]),
                )
            {
                return Ok((b.into(), s.into(), h.into()));
            }
        }
        let mr = self.get_mr(api, project, iid).await?;
        match (
            str_at(&mr, &["diff_refs", "base_sha"]),
            str_at(&mr, &["diff_refs", "start_sha"]),
            str_at(&mr, &["diff_refs", "head_sha"]),
        ) {
            (Some(b), Some(s), Some(h)) => Ok((b.into(), s.into(), h.into())),
            // diff_refs fill in asynchronously right after the MR is created.
            _ => Err(PlatformError::Transient {
                message: format!("GitLab merge request {project}!{iid}: diff not ready yet"),
                retry_after: Some(Duration::from_secs(5)),
            }),
        }
    }

    async fn get_mr(&self, api: &Api<'_>, project: &str, iid: u64) -> Result<Value, PlatformError> {
        let ep = MergeRequest::builder()
            .project(project)
            .merge_request(iid)
            .build()
            .map_err(|e| PlatformError::Invalid(format!("merge request: {e}")))?;
        api.call("merge_requests.get", &ep).await
    }

    /// Finding fingerprint → discussion id, for threads vigil opened earlier.
    async fn existing_threads(
        &self,
        api: &Api<'_>,
        project: &str,
        iid: u64,
    ) -> Result<HashMap<String, String>, PlatformError> {
        let ep = MergeRequestDiscussions::builder()
            .project(project)
            .merge_request(iid)
            .build()
            .map_err(|e| PlatformError::Invalid(format!("discussions: {e}")))?;
        let mut out = HashMap::new();
        let list = api
            .list("discussions.merge_request.list", &ep, 50)
            .await?
            .unwrap_or_default();
        for d in list {
            let (Some(id), Some(first)) = (
                d.get("id").and_then(Value::as_str),
                d.get("notes").and_then(|n| n.get(0)),
            ) else {
                continue;
            };
            if let Some(fp) = first
                .get("body")
                .and_then(Value::as_str)
                .and_then(marker_fingerprint)
            {
                out.entry(fp.to_string()).or_insert_with(|| id.to_string());
            }
        }
        Ok(out)
    }
}

impl Platform for GitlabPlatform {
    fn name(&self) -> &'static str {
        webhook::PLATFORM
    }

    fn fetch_auth<'a>(&'a self, repo: &'a RepoCtx) -> PlatformFuture<'a, Option<FetchAuth>> {
        Box::pin(async move {
            let api = self.api(repo)?;
            Ok(Some(FetchAuth {
                username: "oauth2".into(),
                secret: api.inst.cfg.token.clone(),
            }))
        })
    }

    fn change_request<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
    ) -> PlatformFuture<'a, ChangeRequestInfo> {
        Box::pin(async move {
            let op = "merge_requests.get";
            let api = self.api(repo)?;
            let mr = self.get_mr(&api, &repo.repo, number).await?;
            let head_sha = str_at(&mr, &["sha"])
                .or_else(|| str_at(&mr, &["diff_refs", "head_sha"]))
                .ok_or_else(|| invalid(op, "sha"))?
                .to_string();
            let base_ref = str_at(&mr, &["target_branch"])
                .ok_or_else(|| invalid(op, "target_branch"))?
                .to_string();
            // The merge base, which GitLab's own diff is computed against.
            let base_sha = match str_at(&mr, &["diff_refs", "base_sha"]) {
                Some(b) => b.to_string(),
                None => self.diff_refs(&api, &repo.repo, number, &head_sha).await?.0,
            };
            self.remember_mr(&head_sha, number);
            Ok(ChangeRequestInfo {
                number,
                head_ref: str_at(&mr, &["source_branch"])
                    .ok_or_else(|| invalid(op, "source_branch"))?
                    .to_string(),
                head_sha,
                base_sha,
                base_ref,
                head_clone_url: None,
            })
        })
    }

    fn changed_lines<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
    ) -> PlatformFuture<'a, ChangedLines> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let ep = MergeRequestDiffs::builder()
                .project(repo.repo.as_str())
                .merge_request(number)
                .build()
                .map_err(|e| PlatformError::Invalid(format!("diffs: {e}")))?;
            // `/diffs` appeared in GitLab 15.7; older instances only have `/changes`.
            let files = match api.list("merge_requests.diffs.list", &ep, 30).await? {
                Some(f) => f,
                None => {
                    let v = api
                        .call(
                            "merge_requests.changes.get",
                            &MrChanges {
                                project: &repo.repo,
                                iid: number,
                            },
                        )
                        .await?;
                    v.get("changes")
                        .and_then(Value::as_array)
                        .cloned()
                        .ok_or_else(|| invalid("merge_requests.changes.get", "changes"))?
                }
            };
            let mut lines = ChangedLines::default();
            let mut old = HashMap::new();
            for f in &files {
                let Some(new_path) = str_at(f, &["new_path"]) else {
                    continue;
                };
                if f.get("deleted_file").and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                if let Some(o) = str_at(f, &["old_path"]) {
                    old.insert(new_path.to_string(), o.to_string());
                }
                match str_at(f, &["diff"]) {
                    Some(d) => lines.add_patch(new_path, d),
                    // A new file whose diff was too large to send: all of it is new.
                    None if f.get("new_file").and_then(Value::as_bool) == Some(true) => {
                        lines.add_whole_file(new_path)
                    }
                    None => {}
                }
            }
            if let Ok(mut m) = self.old_paths.lock() {
                if m.len() > 1_000 {
                    m.clear();
                }
                m.insert(format!("{}\n{}\n{number}", repo.scope, repo.repo), old);
            }
            Ok(lines)
        })
    }

    fn start_check<'a>(&'a self, repo: &'a RepoCtx, sha: &'a str) -> PlatformFuture<'a, String> {
        Box::pin(async move {
            self.post_status(
                repo,
                sha,
                Stage::Running,
                CommitStatusState::Running,
                "vigil is scanning this commit",
            )
            .await?;
            Ok(sha.to_string())
        })
    }

    fn finish_check<'a>(
        &'a self,
        repo: &'a RepoCtx,
        sha: &'a str,
        _check_id: &'a str,
        report: &'a CheckReport,
    ) -> PlatformFuture<'a, ()> {
        Box::pin(async move {
            self.post_status(
                repo,
                sha,
                Stage::Done,
                state_of(report.conclusion),
                &status_description(report),
            )
            .await
        })
    }

    fn post_inline_comments<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        head_sha: &'a str,
        _review_body: &'a str,
        comments: &'a [InlineComment],
    ) -> PlatformFuture<'a, Vec<PostedInline>> {
        Box::pin(async move {
            if comments.is_empty() {
                return Ok(Vec::new());
            }
            let api = self.api(repo)?;
            let project = repo.repo.as_str();
            // Threads opened by an earlier attempt that failed before it was recorded.
            let existing = self.existing_threads(&api, project, number).await?;
            let (base, start, head) = self.diff_refs(&api, project, number, head_sha).await?;
            let old_paths = self
                .old_paths
                .lock()
                .ok()
                .and_then(|m| {
                    m.get(&format!("{}\n{project}\n{number}", repo.scope))
                        .cloned()
                })
                .unwrap_or_default();
            let mut out = Vec::with_capacity(comments.len());
            for c in comments {
                if let Some(id) = existing.get(&c.fingerprint) {
                    out.push(PostedInline {
                        fingerprint: c.fingerprint.clone(),
                        comment_id: Some(id.clone()),
                    });
                    continue;
                }
                let body = clip(
                    &format!("{}\n\n{}", c.body, finding_marker(&c.fingerprint)),
                    MAX_NOTE,
                );
                let old_path = old_paths
                    .get(&c.path)
                    .map(String::as_str)
                    .unwrap_or(&c.path);
                let text = TextPosition::builder()
                    .new_path(c.path.as_str())
                    .old_path(old_path)
                    .new_line(u64::from(c.line))
                    .build()
                    .map_err(|e| PlatformError::Invalid(format!("position: {e}")))?;
                let position = Position::builder()
                    .base_sha(base.as_str())
                    .start_sha(start.as_str())
                    .head_sha(head.as_str())
                    .text_position(text)
                    .build()
                    .map_err(|e| PlatformError::Invalid(format!("position: {e}")))?;
                let ep = CreateMergeRequestDiscussion::builder()
                    .project(project)
                    .merge_request(number)
                    .body(body.as_str())
                    .position(position)
                    .build()
                    .map_err(|e| PlatformError::Invalid(format!("discussion: {e}")))?;
                let created = match api.call("discussions.merge_request.create", &ep).await {
                    Ok(v) => v,
                    // GitLab refuses positions outside its own diff (collapsed or too
                    // large files, diff limits): open an unpositioned thread instead.
                    Err(PlatformError::Invalid(why)) => {
                        tracing::info!(path = %c.path, line = c.line, reason = %why, "diff position refused; opening a general thread");
                        let general = clip(
                            &format!(
                                "**`{}` line {}**\n\n{}\n\n{}",
                                c.path,
                                c.line,
                                c.body,
                                finding_marker(&c.fingerprint)
                            ),
                            MAX_NOTE,
                        );
                        let ep = CreateMergeRequestDiscussion::builder()
                            .project(project)
                            .merge_request(number)
                            .body(general.as_str())
                            .build()
                            .map_err(|e| PlatformError::Invalid(format!("discussion: {e}")))?;
                        api.call("discussions.merge_request.create", &ep).await?
                    }
                    Err(e) => return Err(e),
                };
                out.push(PostedInline {
                    fingerprint: c.fingerprint.clone(),
                    comment_id: created
                        .get("id")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                });
            }
            Ok(out)
        })
    }

    fn mark_comment_fixed<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        comment_id: &'a str,
        fixed_in: &'a str,
    ) -> PlatformFuture<'a, ()> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let project = repo.repo.as_str();
            let d = api
                .call_opt(
                    "discussions.merge_request.get",
                    &api::Discussion {
                        project,
                        iid: number,
                        id: comment_id,
                    },
                )
                .await?;
            // Deleted by someone: nothing left to mark.
            let Some(d) = d else { return Ok(()) };
            let resolved = d
                .get("notes")
                .and_then(Value::as_array)
                .and_then(|n| n.first())
                .and_then(|n| n.get("resolved"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if resolved {
                return Ok(());
            }
            let note = format!("✅ **Fixed** in {fixed_in}.");
            api.call(
                "discussions.merge_request.reply",
                &api::ReplyToDiscussion {
                    project,
                    iid: number,
                    id: comment_id,
                    body: &note,
                },
            )
            .await?;
            api.call(
                "discussions.merge_request.resolve",
                &api::ResolveDiscussion {
                    project,
                    iid: number,
                    id: comment_id,
                },
            )
            .await?;
            Ok(())
        })
    }

    fn upsert_summary<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        marker: &'a str,
        body: &'a str,
    ) -> PlatformFuture<'a, ()> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let project = repo.repo.as_str();
            let body = clip(body, MAX_NOTE);
            let ep = MergeRequestNotes::builder()
                .project(project)
                .merge_request(number)
                .build()
                .map_err(|e| PlatformError::Invalid(format!("notes: {e}")))?;
            let notes = api
                .list("notes.merge_request.list", &ep, 50)
                .await?
                .ok_or_else(|| {
                    PlatformError::Denied(format!(
                        "GitLab merge request {project}!{number} not found"
                    ))
                })?;
            let existing = notes.iter().find_map(|n| {
                let system = n.get("system").and_then(Value::as_bool).unwrap_or(false);
                let hit = n
                    .get("body")
                    .and_then(Value::as_str)
                    .is_some_and(|b| b.contains(marker));
                if hit && !system {
                    n.get("id").and_then(Value::as_u64)
                } else {
                    None
                }
            });
            match existing {
                Some(id) => {
                    let ep = EditMergeRequestNote::builder()
                        .project(project)
                        .merge_request(number)
                        .note(id)
                        .body(body.as_str())
                        .build()
                        .map_err(|e| PlatformError::Invalid(format!("note: {e}")))?;
                    api.call("notes.merge_request.modify", &ep).await?;
                }
                None => {
                    let ep = CreateMergeRequestNote::builder()
                        .project(project)
                        .merge_request(number)
                        .body(body.as_str())
                        .build()
                        .map_err(|e| PlatformError::Invalid(format!("note: {e}")))?;
                    api.call("notes.merge_request.create", &ep).await?;
                }
            }
            Ok(())
        })
    }

    fn can_request_rescan<'a>(
        &'a self,
        repo: &'a RepoCtx,
        user: &'a str,
    ) -> PlatformFuture<'a, bool> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let id = match user
                .rsplit_once('#')
                .and_then(|(_, id)| id.parse::<u64>().ok())
            {
                Some(id) => id,
                None => {
                    let found = api
                        .call("users.list", &api::UserByName { username: user })
                        .await?;
                    match found
                        .as_array()
                        .and_then(|a| a.first())
                        .and_then(|u| u.get("id"))
                        .and_then(Value::as_u64)
                    {
                        Some(id) => id,
                        None => return Ok(false),
                    }
                }
            };
            let ep = AllProjectMember::builder()
                .project(repo.repo.as_str())
                .user(id)
                .build()
                .map_err(|e| PlatformError::Invalid(format!("member: {e}")))?;
            match api.call_opt("projects.members.all.get", &ep).await {
                // Developer (30) or above may ask for a rescan.
                Ok(Some(m)) => Ok(m.get("access_level").and_then(Value::as_u64).unwrap_or(0) >= 30),
                Ok(None) | Err(PlatformError::Denied(_)) => Ok(false),
                Err(e) => Err(e),
            }
        })
    }

    fn file_url(&self, clone_url: &str, sha: &str, path: &str, line: u32) -> Option<String> {
        let base = clone_url.strip_suffix(".git").unwrap_or(clone_url);
        base.starts_with("http")
            .then(|| format!("{base}/-/blob/{sha}/{path}#L{line}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Annotation;

    #[test]
    fn marker_round_trip() {
        let body = format!("text\n\n{}", finding_marker("abc123"));
        assert_eq!(marker_fingerprint(&body), Some("abc123"));
        assert_eq!(marker_fingerprint("no marker"), None);
    }

    #[test]
    fn description_counts_and_fits() {
        let ann = |severity| Annotation {
            path: "a".into(),
            start_line: 1,
            end_line: 1,
            severity,
            title: "t".into(),
            message: "m".into(),
        };
        let r = CheckReport {
            conclusion: Conclusion::Failure,
            title: "2 new findings".into(),
            summary: String::new(),
            annotations: vec![
                ann(Severity::Medium),
                ann(Severity::Critical),
                ann(Severity::Medium),
            ],
        };
        assert_eq!(
            status_description(&r),
            "2 new findings · open: 1 critical, 2 medium"
        );
        let long = CheckReport {
            title: "é".repeat(300),
            ..r
        };
        assert!(status_description(&long).len() <= MAX_STATUS_FIELD);
    }

    #[test]
    fn states_map() {
        assert_eq!(state_of(Conclusion::Success), CommitStatusState::Success);
        assert_eq!(state_of(Conclusion::Failure), CommitStatusState::Failed);
        assert_eq!(state_of(Conclusion::Cancelled), CommitStatusState::Canceled);
        assert_eq!(state_of(Conclusion::Neutral), CommitStatusState::Canceled);
    }

    #[test]
    fn links_and_auth() {
        let cfg = GitlabInstance {
            name: "corp".into(),
            url: "https://git.corp/gitlab".into(),
            token: "glpat-secret".into(),
            webhook_secret: "s".into(),
            ca_bundle: None,
        };
        let p = GitlabPlatform::new(&[cfg], Arc::default(), Duration::from_secs(1)).unwrap();
        assert_eq!(
            p.file_url("https://git.corp/gitlab/g/app.git", "abc", "src/a.py", 3),
            Some("https://git.corp/gitlab/g/app/-/blob/abc/src/a.py#L3".into())
        );
        let repo = RepoCtx {
            scope: "corp".into(),
            repo: "g/app".into(),
        };
        assert_eq!(
            p.target_url(&repo, "abc"),
            Some("https://git.corp/gitlab/g/app/-/commit/abc".into())
        );
        p.remember_mr("abc", 7);
        assert_eq!(
            p.target_url(&repo, "abc"),
            Some("https://git.corp/gitlab/g/app/-/merge_requests/7".into())
        );
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let auth = rt.block_on(p.fetch_auth(&repo)).unwrap().unwrap();
        assert_eq!(auth.username, "oauth2");
        assert_eq!(auth.secret, "glpat-secret");
        assert!(!format!("{auth:?}").contains("glpat-secret"));
        let other = RepoCtx {
            scope: "nope".into(),
            repo: "g/app".into(),
        };
        assert!(rt.block_on(p.fetch_auth(&other)).is_err());
    }
}
