//! `POST /webhooks/gitlab`: project, group and system hooks from any configured GitLab
//! entry. The secret token picks the entry (constant-time, before parsing); the delivery
//! is stored through the shared [`super::apply`]; queued change-request and branch jobs
//! then get a pending `vigil` status on their commit.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{AppState, apply, header, reply};
use crate::platform::gitlab::GitlabPlatform;
use crate::platform::gitlab::webhook as gl;
use crate::platform::{RepoCtx, WebhookAction, WebhookError};
use crate::queue::Target;

/// What the GitLab endpoint needs: each entry's name and webhook secret, and the adapter
/// that posts pending statuses (None in a process without GitLab API access).
#[derive(Clone)]
pub struct GitlabHook {
    pub entries: Vec<(String, Vec<u8>)>,
    pub platform: Option<Arc<GitlabPlatform>>,
}

/// A bounded label for metrics (the header is sender-controlled).
fn event_label(event: &str) -> &'static str {
    match event {
        "Push Hook" => "push",
        "Merge Request Hook" => "merge_request",
        "Note Hook" => "note",
        "System Hook" => "system",
        "Tag Push Hook" => "tag_push",
        "" => "none",
        _ => "other",
    }
}

pub(super) async fn gitlab_webhook(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event = header(&headers, "x-gitlab-event").unwrap_or("").to_string();
    let label = event_label(&event);
    let count = |outcome: &str| {
        st.metrics.inc(
            "vigil_webhooks_total",
            &[
                ("platform", gl::PLATFORM),
                ("event", label),
                ("outcome", outcome),
            ],
        );
    };
    let Some(hook) = &st.gitlab else {
        count("not_configured");
        return reply(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"error": "GitLab is not configured"}),
        );
    };
    // Authenticate before looking inside the body.
    let Some(entry) = gl::match_token(&hook.entries, header(&headers, "x-gitlab-token")) else {
        count("unauthorized");
        return reply(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"error": "invalid or missing X-Gitlab-Token"}),
        );
    };
    if event.is_empty() {
        count("bad_request");
        return reply(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": "missing X-Gitlab-Event"}),
        );
    }
    let action = match gl::parse_event(&event, &body, entry) {
        Ok(a) => a,
        Err(WebhookError::BadRequest(m)) => {
            count("bad_request");
            return reply(StatusCode::BAD_REQUEST, serde_json::json!({"error": m}));
        }
        Err(WebhookError::Unauthorized) => {
            count("unauthorized");
            return reply(
                StatusCode::UNAUTHORIZED,
                serde_json::json!({"error": "unauthorized"}),
            );
        }
    };
    let delivery = gl::delivery_id(
        entry,
        header(&headers, "idempotency-key"),
        header(&headers, "x-gitlab-event-uuid"),
        &event,
        &body,
    );
    let queued_jobs = match &action {
        WebhookAction::Scan { jobs, .. } => jobs.clone(),
        _ => Vec::new(),
    };
    // `gitlab:<project>#<iid>` of a closed merge request.
    let closed = match &action {
        WebhookAction::DropChangeRequest { supersede_key } => supersede_key
            .strip_prefix(&format!("{}:", gl::PLATFORM))
            .and_then(|k| k.rsplit_once('#'))
            .and_then(|(repo, iid)| Some((repo.to_string(), iid.parse::<u64>().ok()?))),
        _ => None,
    };
    let (status, outcome, body) = apply(&st, gl::PLATFORM, &delivery, &event, action).await;
    if outcome == "queued"
        && let Some(platform) = &hook.platform
    {
        for job in queued_jobs {
            let (sha, number) = match &job.target {
                Target::ChangeRequest {
                    head_sha, number, ..
                } => (head_sha.clone(), Some(*number)),
                Target::Branch { sha: Some(sha), .. } => (sha.clone(), None),
                _ => continue,
            };
            let platform = platform.clone();
            let repo = RepoCtx {
                scope: job.scope,
                repo: job.repo,
            };
            // After the answer is on its way: the API call must not delay the webhook.
            tokio::spawn(async move { platform.mark_queued(&repo, &sha, number).await });
        }
    }
    if outcome == "dropped"
        && let (Some(platform), Some((repo, iid))) = (&hook.platform, closed)
    {
        let platform = platform.clone();
        let repo = RepoCtx {
            scope: entry.to_string(),
            repo,
        };
        tokio::spawn(async move { platform.mark_dropped(&repo, iid).await });
    }
    count(outcome);
    reply(status, body)
}
