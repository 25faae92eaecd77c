//! The HTTP side of `vigil serve`: webhook endpoints, `/healthz`, `/readyz` and
//! `/metrics`. A webhook is verified before its body is parsed and answered only after
//! its jobs are durably stored.

mod gitlab;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::Notify;

use crate::metrics::Metrics;
use crate::platform::github::webhook as gh;
use crate::platform::{WebhookAction, WebhookError};
use crate::queue::{Enqueued, Queue};
use crate::store::status::{self, ScanStatus};

pub use self::gitlab::GitlabHook;

/// GitHub's payload cap; larger bodies are refused with 413.
pub const MAX_BODY: usize = 25 * 1024 * 1024;

/// What the GitHub endpoint needs to verify and map deliveries.
#[derive(Clone)]
pub struct GithubHook {
    pub secret: Vec<u8>,
    /// Base for clone URLs of installation events.
    pub web_base: String,
}

/// Shared state of the HTTP handlers.
pub struct AppState {
    pub queue: Queue,
    pub metrics: Arc<Metrics>,
    pub wake: Arc<Notify>,
    pub alive: Arc<AtomicUsize>,
    /// Workers this process should have running (0: webhook-only process).
    pub expected_workers: usize,
    pub github: Option<GithubHook>,
    pub gitlab: Option<GitlabHook>,
}

/// The router with every route and the body limit.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/webhooks/github", post(github_webhook))
        .route("/webhooks/gitlab", post(gitlab::gitlab_webhook))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

fn reply(status: StatusCode, body: serde_json::Value) -> Response {
    (status, axum::Json(body)).into_response()
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

async fn github_webhook(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let event = header(&headers, "x-github-event").unwrap_or("").to_string();
    let count = |outcome: &str| {
        st.metrics.inc(
            "vigil_webhooks_total",
            &[
                ("platform", gh::PLATFORM),
                ("event", &event),
                ("outcome", outcome),
            ],
        );
    };
    let Some(hook) = &st.github else {
        count("not_configured");
        return reply(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"error": "GitHub is not configured"}),
        );
    };
    // Authenticate the raw bytes before looking inside them.
    if gh::verify_signature(&hook.secret, &body, header(&headers, "x-hub-signature-256")).is_err() {
        count("unauthorized");
        return reply(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"error": "invalid or missing X-Hub-Signature-256"}),
        );
    }
    let Some(delivery) =
        header(&headers, "x-github-delivery").filter(|d| !d.is_empty() && d.len() <= 200)
    else {
        count("bad_request");
        return reply(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": "missing X-GitHub-Delivery"}),
        );
    };
    if event.is_empty() {
        count("bad_request");
        return reply(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": "missing X-GitHub-Event"}),
        );
    }
    let action = match gh::parse_event(&event, &body, &hook.web_base) {
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
    let (status, outcome, body) = apply(&st, gh::PLATFORM, delivery, &event, action).await;
    count(outcome);
    reply(status, body)
}

/// Stores what a webhook asked for; platform-neutral so every endpoint shares it.
pub async fn apply(
    st: &AppState,
    platform: &str,
    delivery: &str,
    event: &str,
    action: WebhookAction,
) -> (StatusCode, &'static str, serde_json::Value) {
    use serde_json::json;
    let db = st.queue.db();
    let fail = |e: crate::store::StoreError| {
        tracing::error!(error = %e, "storing a webhook failed");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "store_error",
            json!({"error": "could not store the delivery"}),
        )
    };
    let record = || async { st.queue.record_delivery(platform, delivery, event).await };
    match action {
        WebhookAction::Ping => match record().await {
            Ok(_) => (StatusCode::OK, "ping", json!({"ok": true})),
            Err(e) => fail(e),
        },
        WebhookAction::Ignore(why) => match record().await {
            Ok(_) => (StatusCode::ACCEPTED, "ignored", json!({"ignored": why})),
            Err(e) => fail(e),
        },
        WebhookAction::Scan { jobs, initial } => {
            match st.queue.enqueue(platform, delivery, event, &jobs).await {
                Ok(Enqueued::Duplicate) => {
                    (StatusCode::OK, "duplicate", json!({"duplicate": true}))
                }
                Ok(Enqueued::Accepted(ids)) => {
                    if initial {
                        for j in &jobs {
                            if let Err(e) = status::set(
                                db,
                                platform,
                                &j.repo,
                                &j.scope,
                                ScanStatus::PendingInitialScan,
                                None,
                            )
                            .await
                            {
                                return fail(e);
                            }
                        }
                    }
                    st.wake.notify_waiters();
                    (StatusCode::ACCEPTED, "queued", json!({"queued": ids}))
                }
                Err(e) => fail(e),
            }
        }
        WebhookAction::Drop { scope, repos } => {
            match record().await {
                Ok(false) => return (StatusCode::OK, "duplicate", json!({"duplicate": true})),
                Ok(true) => {}
                Err(e) => return fail(e),
            }
            let dropped = match st
                .queue
                .drop_pending(platform, &scope, repos.as_deref())
                .await
            {
                Ok(n) => n,
                Err(e) => return fail(e),
            };
            let res = match &repos {
                None => {
                    status::set_scope(
                        db,
                        platform,
                        &scope,
                        ScanStatus::Uninstalled,
                        "installation deleted",
                    )
                    .await
                }
                Some(list) => {
                    let mut r = Ok(());
                    for repo in list {
                        r = status::set(
                            db,
                            platform,
                            repo,
                            &scope,
                            ScanStatus::Uninstalled,
                            Some("removed from the installation"),
                        )
                        .await;
                        if r.is_err() {
                            break;
                        }
                    }
                    r
                }
            };
            if let Err(e) = res {
                return fail(e);
            }
            (StatusCode::ACCEPTED, "dropped", json!({"dropped": dropped}))
        }
        WebhookAction::DropChangeRequest { supersede_key } => {
            match record().await {
                Ok(false) => return (StatusCode::OK, "duplicate", json!({"duplicate": true})),
                Ok(true) => {}
                Err(e) => return fail(e),
            }
            match st.queue.drop_key(&supersede_key).await {
                Ok(n) => (StatusCode::ACCEPTED, "dropped", json!({"dropped": n})),
                Err(e) => fail(e),
            }
        }
    }
}

async fn readyz(State(st): State<Arc<AppState>>) -> Response {
    let alive = st.alive.load(Ordering::SeqCst);
    match st.queue.db().ping().await {
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
        }
        Ok(()) if alive < st.expected_workers => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{alive} of {} workers alive\n", st.expected_workers),
        )
            .into_response(),
        Ok(()) => (
            StatusCode::OK,
            format!("ready: database ok, {alive} workers\n"),
        )
            .into_response(),
    }
}

async fn metrics(State(st): State<Arc<AppState>>) -> Response {
    let mut gauges: Vec<crate::metrics::Gauge<'_>> = Vec::new();
    match st.queue.counts().await {
        Ok(c) => {
            for (state, n) in c {
                gauges.push(("vigil_jobs", vec![("state", state)], n as f64));
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: job counts unavailable"),
    }
    gauges.push((
        "vigil_workers_alive",
        vec![],
        st.alive.load(Ordering::SeqCst) as f64,
    ));
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        st.metrics.render(&gauges),
    )
        .into_response()
}
