//! GitHub (github.com and Enterprise Server) behind the [`Platform`] trait, as a GitHub
//! App: the App JWT (RS256) buys installation tokens, which octocrab caches and refreshes
//! shortly before they expire.

pub mod api;
pub mod webhook;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use octocrab::models::{AppId, InstallationId};
use octocrab::service::middleware::retry::RetryConfig;
use octocrab::{EncodingKey, Octocrab};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use vigil_core::Severity;

use self::api::{Api, Method};
use super::{
    ChangeRequestInfo, ChangedLines, CheckReport, Conclusion, FetchAuth, InlineComment, Platform,
    PlatformError, PlatformFuture, PostedInline, RepoCtx,
};
use crate::config::GithubConfig;
use crate::metrics::Metrics;

/// The check run's name, shown in the PR's checks list.
pub const CHECK_NAME: &str = "vigil";
/// GitHub accepts at most this many annotations per check-run request.
pub const ANNOTATION_BATCH: usize = 50;
/// GitHub's limit on check-run summaries and comment bodies.
const MAX_TEXT: usize = 65_000;
/// Hidden marker in inline comments: maps a posted comment back to its finding.
pub const FINDING_MARKER_PREFIX: &str = "<!-- vigil:finding:";

/// Failures building the App client.
#[derive(Debug, thiserror::Error)]
pub enum GithubSetupError {
    #[error("{path}: cannot read the GitHub App private key: {error}")]
    KeyRead { path: String, error: std::io::Error },
    #[error("{path}: not an RSA private key in PEM form")]
    KeyParse { path: String },
    #[error("github.api_url {0:?}: {1}")]
    ApiUrl(String, String),
}

/// The GitHub platform adapter.
pub struct GithubPlatform {
    app: Octocrab,
    /// One client per installation, shared (not cloned): octocrab's token cache lives
    /// inside the client and a clone would start with an empty cache.
    installs: Mutex<HashMap<u64, Arc<Octocrab>>>,
    metrics: Arc<Metrics>,
    max_wait: Duration,
    graphql_url: String,
}

/// Review threads of a pull request with the database id of their first comment.
const THREADS_QUERY: &str = "query($owner:String!,$name:String!,$number:Int!,$cursor:String){repository(owner:$owner,name:$name){pullRequest(number:$number){reviewThreads(first:100,after:$cursor){pageInfo{hasNextPage endCursor}nodes{id isResolved comments(first:1){nodes{databaseId}}}}}}}";
/// Resolves one review thread.
const RESOLVE_MUTATION: &str =
    "mutation($id:ID!){resolveReviewThread(input:{threadId:$id}){thread{id isResolved}}}";

impl GithubPlatform {
    /// Builds the App client from the config (reads the private key file).
    pub fn new(
        cfg: &GithubConfig,
        metrics: Arc<Metrics>,
        max_wait: Duration,
    ) -> Result<GithubPlatform, GithubSetupError> {
        let path = cfg.private_key_path.display().to_string();
        let pem =
            std::fs::read(&cfg.private_key_path).map_err(|error| GithubSetupError::KeyRead {
                path: path.clone(),
                error,
            })?;
        let key =
            EncodingKey::from_rsa_pem(&pem).map_err(|_| GithubSetupError::KeyParse { path })?;
        let mut base = cfg.api_url.trim_end_matches('/').to_string();
        base.push('/');
        let app = Octocrab::builder()
            .base_uri(base.as_str())
            .map_err(|e| GithubSetupError::ApiUrl(cfg.api_url.clone(), api::short_error(&e)))?
            .add_retry_config(RetryConfig::None)
            .set_connect_timeout(Some(Duration::from_secs(10)))
            .set_read_timeout(Some(Duration::from_secs(60)))
            .app(AppId(cfg.app_id), key)
            .build()
            .map_err(|e| GithubSetupError::ApiUrl(cfg.api_url.clone(), api::short_error(&e)))?;
        Ok(GithubPlatform {
            app,
            installs: Mutex::new(HashMap::new()),
            metrics,
            max_wait,
            graphql_url: api::graphql_url(&cfg.api_url),
        })
    }

    /// Resolves the review thread whose first comment is `comment_id` (GraphQL
    /// `resolveReviewThread`).
    async fn resolve_thread(
        &self,
        api: &Api,
        repo: &RepoCtx,
        number: u64,
        comment_id: &str,
    ) -> Result<bool, PlatformError> {
        let (owner, name) = repo.repo.split_once('/').ok_or_else(|| {
            PlatformError::Invalid(format!("repository {:?} is not owner/name", repo.repo))
        })?;
        let want: u64 = comment_id.parse().map_err(|_| {
            PlatformError::Invalid(format!("comment id {comment_id:?} is not a number"))
        })?;
        let mut cursor = Value::Null;
        for _ in 0..20 {
            let vars = json!({"owner": owner, "name": name, "number": number, "cursor": cursor});
            let v = api
                .graphql("graphql.review-threads", THREADS_QUERY, vars)
                .await?;
            let threads = &v["data"]["repository"]["pullRequest"]["reviewThreads"];
            for t in threads["nodes"].as_array().into_iter().flatten() {
                if t["comments"]["nodes"][0]["databaseId"].as_u64() == Some(want) {
                    if t["isResolved"].as_bool() == Some(true) {
                        return Ok(true);
                    }
                    let id = t["id"]
                        .as_str()
                        .ok_or_else(|| invalid("graphql.review-threads", "thread id"))?;
                    api.graphql(
                        "graphql.resolve-review-thread",
                        RESOLVE_MUTATION,
                        json!({"id": id}),
                    )
                    .await?;
                    return Ok(true);
                }
            }
            if threads["pageInfo"]["hasNextPage"].as_bool() != Some(true) {
                break;
            }
            cursor = threads["pageInfo"]["endCursor"].clone();
        }
        Ok(false)
    }

    /// The installation client for `scope` (kept so its token cache survives between jobs).
    fn api(&self, repo: &RepoCtx) -> Result<Api, PlatformError> {
        let id: u64 = repo.scope.parse().map_err(|_| {
            PlatformError::Invalid(format!("installation id {:?} is not a number", repo.scope))
        })?;
        let mut map = self
            .installs
            .lock()
            .map_err(|_| PlatformError::Invalid("installation client cache poisoned".into()))?;
        let client = match map.get(&id) {
            Some(c) => c.clone(),
            None => {
                let c = self.app.installation(InstallationId(id)).map_err(|e| {
                    PlatformError::Invalid(format!("installation {id}: {}", api::short_error(&e)))
                })?;
                let c = Arc::new(c);
                map.insert(id, c.clone());
                c
            }
        };
        Ok(Api {
            client,
            metrics: self.metrics.clone(),
            max_wait: self.max_wait,
            graphql_url: self.graphql_url.clone(),
        })
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

fn invalid(op: &str, what: &str) -> PlatformError {
    PlatformError::Invalid(format!("GitHub {op}: response lacks {what}"))
}

/// Truncates to GitHub's text limits on a char boundary.
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

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "failure",
        Severity::Medium => "warning",
        Severity::Low | Severity::Informational => "notice",
    }
}

fn conclusion(c: Conclusion) -> &'static str {
    match c {
        Conclusion::Success => "success",
        Conclusion::Failure => "failure",
        Conclusion::Neutral => "neutral",
        Conclusion::Cancelled => "cancelled",
    }
}

/// The finding fingerprint hidden in an inline comment body.
pub fn finding_marker(fingerprint: &str) -> String {
    format!("{FINDING_MARKER_PREFIX}{fingerprint} -->")
}

fn marker_fingerprint(body: &str) -> Option<&str> {
    let start = body.find(FINDING_MARKER_PREFIX)? + FINDING_MARKER_PREFIX.len();
    let rest = &body[start..];
    Some(rest[..rest.find(" -->")?].trim())
}

impl Platform for GithubPlatform {
    fn name(&self) -> &'static str {
        "github"
    }

    fn fetch_auth<'a>(&'a self, repo: &'a RepoCtx) -> PlatformFuture<'a, Option<FetchAuth>> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let token =
                api.client
                    .installation_token()
                    .await
                    .map_err(|e| PlatformError::Transient {
                        message: format!("GitHub installation token: {}", api::short_error(&e)),
                        retry_after: None,
                    })?;
            Ok(Some(FetchAuth {
                username: "x-access-token".into(),
                secret: token.expose_secret().to_string(),
            }))
        })
    }

    fn change_request<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
    ) -> PlatformFuture<'a, ChangeRequestInfo> {
        Box::pin(async move {
            let op = "pulls.get";
            let v = self
                .api(repo)?
                .call(
                    op,
                    Method::Get,
                    &format!("/repos/{}/pulls/{number}", repo.repo),
                    None,
                )
                .await?;
            let s = |p: &[&str], what: &str| {
                str_at(&v, p)
                    .map(str::to_string)
                    .ok_or_else(|| invalid(op, what))
            };
            Ok(ChangeRequestInfo {
                number,
                head_sha: s(&["head", "sha"], "head.sha")?,
                head_ref: s(&["head", "ref"], "head.ref")?,
                base_sha: s(&["base", "sha"], "base.sha")?,
                base_ref: s(&["base", "ref"], "base.ref")?,
                head_clone_url: str_at(&v, &["head", "repo", "clone_url"]).map(str::to_string),
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
            let mut lines = ChangedLines::default();
            // The API lists at most 3000 files, 100 per page.
            for page in 1..=30 {
                let v = api
                    .call(
                        "pulls.list-files",
                        Method::Get,
                        &format!(
                            "/repos/{}/pulls/{number}/files?per_page=100&page={page}",
                            repo.repo
                        ),
                        None,
                    )
                    .await?;
                let files = v
                    .as_array()
                    .ok_or_else(|| invalid("pulls.list-files", "a file list"))?;
                for f in files {
                    let Some(name) = f.get("filename").and_then(Value::as_str) else {
                        continue;
                    };
                    match f.get("patch").and_then(Value::as_str) {
                        Some(patch) => lines.add_patch(name, patch),
                        None if f.get("status").and_then(Value::as_str) == Some("added") => {
                            lines.add_whole_file(name)
                        }
                        None => {}
                    }
                }
                if files.len() < 100 {
                    break;
                }
            }
            Ok(lines)
        })
    }

    fn start_check<'a>(&'a self, repo: &'a RepoCtx, sha: &'a str) -> PlatformFuture<'a, String> {
        Box::pin(async move {
            let body = json!({
                "name": CHECK_NAME,
                "head_sha": sha,
                "status": "in_progress",
                "started_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "output": {"title": "Scanning", "summary": "vigil is scanning this commit."},
            });
            let v = self
                .api(repo)?
                .call(
                    "checks.create",
                    Method::Post,
                    &format!("/repos/{}/check-runs", repo.repo),
                    Some(&body),
                )
                .await?;
            v.get("id")
                .and_then(Value::as_u64)
                .map(|id| id.to_string())
                .ok_or_else(|| invalid("checks.create", "id"))
        })
    }

    fn finish_check<'a>(
        &'a self,
        repo: &'a RepoCtx,
        _sha: &'a str,
        check_id: &'a str,
        report: &'a CheckReport,
    ) -> PlatformFuture<'a, ()> {
        Box::pin(async move {
            let api = self.api(repo)?;
            let route = format!("/repos/{}/check-runs/{check_id}", repo.repo);
            let title = clip(&report.title, 255);
            let summary = clip(&report.summary, MAX_TEXT);
            let annotations: Vec<Value> = report
                .annotations
                .iter()
                .map(|a| {
                    json!({
                        "path": a.path,
                        "start_line": a.start_line.max(1),
                        "end_line": a.end_line.max(a.start_line).max(1),
                        "annotation_level": level(a.severity),
                        "title": clip(&a.title, 255),
                        "message": clip(&a.message, 60_000),
                    })
                })
                .collect();
            let mut chunks: Vec<&[Value]> = annotations.chunks(ANNOTATION_BATCH).collect();
            if chunks.is_empty() {
                chunks.push(&[]);
            }
            // The first request completes the run; later ones append annotations.
            for (i, chunk) in chunks.iter().enumerate() {
                let mut body = json!({
                    "output": {"title": title, "summary": summary, "annotations": chunk},
                });
                if i == 0 {
                    body["status"] = json!("completed");
                    body["conclusion"] = json!(conclusion(report.conclusion));
                    body["completed_at"] = json!(
                        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    );
                }
                api.call("checks.update", Method::Patch, &route, Some(&body))
                    .await?;
            }
            Ok(())
        })
    }

    fn post_inline_comments<'a>(
        &'a self,
        repo: &'a RepoCtx,
        number: u64,
        head_sha: &'a str,
        review_body: &'a str,
        comments: &'a [InlineComment],
    ) -> PlatformFuture<'a, Vec<PostedInline>> {
        Box::pin(async move {
            if comments.is_empty() {
                return Ok(Vec::new());
            }
            let api = self.api(repo)?;
            // The PR itself is the final word on what was already said: a crash between
            // posting and recording (or a lost database) must not post a finding twice.
            let mut already: HashMap<String, String> = HashMap::new();
            for page in 1..=30 {
                let v = api
                    .call(
                        "pulls.list-review-comments",
                        Method::Get,
                        &format!(
                            "/repos/{}/pulls/{number}/comments?per_page=100&page={page}",
                            repo.repo
                        ),
                        None,
                    )
                    .await?;
                let list = v
                    .as_array()
                    .ok_or_else(|| invalid("pulls.list-review-comments", "a comment list"))?;
                for c in list {
                    if let (Some(id), Some(fp)) = (
                        c.get("id").and_then(Value::as_u64),
                        c.get("body")
                            .and_then(Value::as_str)
                            .and_then(marker_fingerprint),
                    ) {
                        already.insert(fp.to_string(), id.to_string());
                    }
                }
                if list.len() < 100 {
                    break;
                }
            }
            let mut out: Vec<PostedInline> = comments
                .iter()
                .filter_map(|c| {
                    already.get(&c.fingerprint).map(|id| PostedInline {
                        fingerprint: c.fingerprint.clone(),
                        comment_id: Some(id.clone()),
                    })
                })
                .collect();
            let comments: Vec<&InlineComment> = comments
                .iter()
                .filter(|c| !already.contains_key(&c.fingerprint))
                .collect();
            if comments.is_empty() {
                return Ok(out);
            }
            let items: Vec<Value> = comments
                .iter()
                .map(|c| {
                    json!({
                        "path": c.path,
                        "line": c.line,
                        "side": "RIGHT",
                        "body": clip(&format!("{}\n\n{}", c.body, finding_marker(&c.fingerprint)), MAX_TEXT),
                    })
                })
                .collect();
            // octocrab's create_review takes a non-constructible model (STACK.md): raw route.
            let body = json!({
                "commit_id": head_sha,
                "event": "COMMENT",
                "body": clip(review_body, MAX_TEXT),
                "comments": items,
            });
            let review = api
                .call(
                    "pulls.create-review",
                    Method::Post,
                    &format!("/repos/{}/pulls/{number}/reviews", repo.repo),
                    Some(&body),
                )
                .await?;
            let review_id = review
                .get("id")
                .and_then(Value::as_u64)
                .ok_or_else(|| invalid("pulls.create-review", "id"))?;
            // The review response carries no comment ids; list them to map fingerprints.
            let mut ids: HashMap<String, String> = HashMap::new();
            match api
                .call(
                    "pulls.list-comments-for-review",
                    Method::Get,
                    &format!(
                        "/repos/{}/pulls/{number}/reviews/{review_id}/comments?per_page=100",
                        repo.repo
                    ),
                    None,
                )
                .await
            {
                Ok(list) => {
                    for c in list.as_array().into_iter().flatten() {
                        if let (Some(id), Some(fp)) = (
                            c.get("id").and_then(Value::as_u64),
                            c.get("body")
                                .and_then(Value::as_str)
                                .and_then(marker_fingerprint),
                        ) {
                            ids.insert(fp.to_string(), id.to_string());
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "could not list the review's comments; fixed findings will not be marked")
                }
            }
            out.extend(comments.iter().map(|c| PostedInline {
                fingerprint: c.fingerprint.clone(),
                comment_id: ids.get(&c.fingerprint).cloned(),
            }));
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
            let route = format!("/repos/{}/pulls/comments/{comment_id}", repo.repo);
            let old = api
                .call("pulls.get-review-comment", Method::Get, &route, None)
                .await?;
            let old_body = old.get("body").and_then(Value::as_str).unwrap_or_default();
            if old_body.starts_with("✅") {
                return Ok(());
            }
            let body = format!(
                "✅ **Fixed** in {fixed_in}.\n\n<details><summary>Original comment</summary>\n\n{old_body}\n</details>"
            );
            api.call(
                "pulls.update-review-comment",
                Method::Patch,
                &route,
                Some(&json!({"body": clip(&body, MAX_TEXT)})),
            )
            .await?;
            // Resolving the thread is a courtesy on top of the edit: failures are logged only.
            match self.resolve_thread(&api, repo, number, comment_id).await {
                Ok(true) => {}
                Ok(false) => tracing::debug!(comment_id, "no review thread found for the comment"),
                Err(e) => tracing::warn!(error = %e, "could not resolve the review thread"),
            }
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
            let body = clip(body, MAX_TEXT);
            let mut existing = None;
            'pages: for page in 1..=50 {
                let v = api
                    .call(
                        "issues.list-comments",
                        Method::Get,
                        &format!(
                            "/repos/{}/issues/{number}/comments?per_page=100&page={page}",
                            repo.repo
                        ),
                        None,
                    )
                    .await?;
                let list = v
                    .as_array()
                    .ok_or_else(|| invalid("issues.list-comments", "a comment list"))?;
                for c in list {
                    // Only a bot's comment counts: a person quoting the marker must not
                    // have their comment overwritten (or fail the job with a 403).
                    let by_bot = str_at(c, &["user", "type"]) == Some("Bot")
                        || c.get("performed_via_github_app")
                            .is_some_and(|a| !a.is_null());
                    if by_bot
                        && c.get("body")
                            .and_then(Value::as_str)
                            .is_some_and(|b| b.contains(marker))
                        && let Some(id) = c.get("id").and_then(Value::as_u64)
                    {
                        existing = Some(id);
                        break 'pages;
                    }
                }
                if list.len() < 100 {
                    break;
                }
            }
            match existing {
                Some(id) => {
                    api.call(
                        "issues.update-comment",
                        Method::Patch,
                        &format!("/repos/{}/issues/comments/{id}", repo.repo),
                        Some(&json!({"body": body})),
                    )
                    .await?;
                }
                None => {
                    api.call(
                        "issues.create-comment",
                        Method::Post,
                        &format!("/repos/{}/issues/{number}/comments", repo.repo),
                        Some(&json!({"body": body})),
                    )
                    .await?;
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
            let r = self
                .api(repo)?
                .call(
                    "repos.get-collaborator-permission-level",
                    Method::Get,
                    &format!("/repos/{}/collaborators/{user}/permission", repo.repo),
                    None,
                )
                .await;
            match r {
                Ok(v) => Ok(matches!(
                    v.get("permission").and_then(Value::as_str),
                    Some("admin" | "maintain" | "write")
                )),
                Err(PlatformError::Denied(_)) => Ok(false),
                Err(e) => Err(e),
            }
        })
    }

    fn file_url(&self, clone_url: &str, sha: &str, path: &str, line: u32) -> Option<String> {
        let base = clone_url.strip_suffix(".git").unwrap_or(clone_url);
        base.starts_with("http")
            .then(|| format!("{base}/blob/{sha}/{path}#L{line}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_manifest_asks_for_what_vigil_uses() {
        let m: Value =
            serde_json::from_str(include_str!("../../../deploy/github-app-manifest.json")).unwrap();
        let p = &m["default_permissions"];
        for (k, v) in [
            ("checks", "write"),
            ("pull_requests", "write"),
            ("contents", "read"),
            ("metadata", "read"),
            ("statuses", "write"),
            ("issues", "write"),
        ] {
            assert_eq!(p[k], v, "{k}");
        }
        let events: Vec<&str> = m["default_events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for e in [
            "pull_request",
            "push",
            "check_suite",
            "check_run",
            "issue_comment",
        ] {
            assert!(events.contains(&e), "{e}");
        }
    }

    #[test]
    fn marker_round_trip() {
        let body = format!("text\n\n{}", finding_marker("abc123"));
        assert_eq!(marker_fingerprint(&body), Some("abc123"));
        assert_eq!(marker_fingerprint("no marker"), None);
    }

    #[test]
    fn clip_keeps_char_boundaries() {
        let s = "é".repeat(100);
        let c = clip(&s, 61);
        assert!(c.len() < 100);
        assert!(c.ends_with("(truncated)"));
        assert_eq!(clip("short", 10), "short");
    }

    #[test]
    fn bad_key_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.pem");
        std::fs::write(&p, "not a key").unwrap();
        let cfg = GithubConfig {
            app_id: 1,
            private_key_path: p,
            webhook_secret: "s".into(),
            api_url: "https://api.github.com".into(),
            web_url: None,
        };
        let e = GithubPlatform::new(&cfg, Arc::default(), Duration::from_secs(1))
            .err()
            .unwrap();
        assert!(e.to_string().contains("k.pem"), "{e}");
    }
}
