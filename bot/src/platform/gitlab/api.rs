//! GitLab REST calls through the `gitlab` crate's async client: its endpoint types build
//! the requests (paths, escaping, form bodies) and its client adds the token, TLS and the
//! relative URL path. vigil sends them itself so it sees status and headers: 429 and
//! `RateLimit-*`/`Retry-After` become waits or retries, 5xx are retried, and every call
//! has a time limit (the crate's client sets none). Endpoints the crate lacks (MR
//! versions, one discussion, resolving it, replying to it) are defined here.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use gitlab::api::common::NameOrId;
use gitlab::api::endpoint_prelude::{Method, QueryParams};
use gitlab::api::{AsyncClient, BodyError, Endpoint, FormParams, UrlBase};
use gitlab::{AsyncGitlab, GitlabBuilder};
use serde_json::Value;
use tokio::sync::OnceCell;

use super::config::GitlabInstance;
use crate::metrics::Metrics;
use crate::platform::{PlatformError, retry};

/// Time limit of one HTTP exchange.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// One configured instance and its lazily built client (building calls `GET /user`,
/// so an unreachable instance must not stop vigil from starting).
pub struct Instance {
    pub cfg: GitlabInstance,
    ca_pem: Option<Vec<u8>>,
    client: OnceCell<AsyncGitlab>,
}

/// Failures setting up an instance.
#[derive(Debug, thiserror::Error)]
pub enum GitlabSetupError {
    #[error("{path}: cannot read the CA bundle of gitlab entry {name:?}: {source}")]
    CaRead {
        name: String,
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: no PEM certificate in the CA bundle of gitlab entry {name:?}")]
    CaParse { name: String, path: String },
    #[error("gitlab entry {0:?}: url {1:?} is not http(s)")]
    Url(String, String),
}

impl Instance {
    /// Reads the CA bundle (if any) now, so a bad path fails at startup.
    pub fn new(cfg: &GitlabInstance) -> Result<Instance, GitlabSetupError> {
        if split_url(&cfg.url).is_none() {
            return Err(GitlabSetupError::Url(cfg.name.clone(), cfg.url.clone()));
        }
        let ca_pem = match &cfg.ca_bundle {
            None => None,
            Some(p) => {
                let path = p.display().to_string();
                let pem = std::fs::read(p).map_err(|source| GitlabSetupError::CaRead {
                    name: cfg.name.clone(),
                    path: path.clone(),
                    source,
                })?;
                if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
                    return Err(GitlabSetupError::CaParse {
                        name: cfg.name.clone(),
                        path,
                    });
                }
                Some(pem)
            }
        };
        Ok(Instance {
            cfg: cfg.clone(),
            ca_pem,
            client: OnceCell::new(),
        })
    }

    /// The PEM bundle, for git's trust store.
    pub fn ca_pem(&self) -> Option<&[u8]> {
        self.ca_pem.as_deref()
    }

    async fn client(&self) -> Result<&AsyncGitlab, PlatformError> {
        self.client
            .get_or_try_init(|| async {
                let (https, host) = split_url(&self.cfg.url).ok_or_else(|| {
                    PlatformError::Invalid(format!("GitLab url {:?} is not http(s)", self.cfg.url))
                })?;
                let mut b = GitlabBuilder::new(host, self.cfg.token.clone());
                if !https {
                    b.insecure();
                }
                if let Some(pem) = &self.ca_pem {
                    let bundle = gitlab::CertificateBundle::pem_bundle(pem).map_err(|e| {
                        PlatformError::Invalid(format!(
                            "GitLab {:?}: CA bundle unusable: {e}",
                            self.cfg.name
                        ))
                    })?;
                    b.cert_custom(bundle);
                }
                b.user_agent(concat!("vigil/", env!("CARGO_PKG_VERSION")));
                match tokio::time::timeout(CALL_TIMEOUT, b.build_async()).await {
                    Err(_) => Err(PlatformError::Transient {
                        message: format!("GitLab {:?}: connecting timed out", self.cfg.name),
                        retry_after: None,
                    }),
                    Ok(Ok(c)) => Ok(c),
                    Ok(Err(e)) => {
                        let text = one_line(&e.to_string());
                        let message = format!("GitLab {:?}: connecting: {text}", self.cfg.name);
                        if text.contains("401") || text.contains("403") {
                            Err(PlatformError::Denied(message))
                        } else {
                            Err(PlatformError::Transient {
                                message,
                                retry_after: None,
                            })
                        }
                    }
                }
            })
            .await
    }
}

/// `https://host/path` → (true, `host/path`); the crate takes the host with any path.
pub fn split_url(url: &str) -> Option<(bool, String)> {
    let (https, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else {
        (false, url.strip_prefix("http://")?)
    };
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| (https, rest.to_string()))
}

fn one_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect()
}

/// What a response asks of us.
#[derive(Debug, PartialEq)]
enum Verdict {
    Ok,
    RateLimited(Duration),
    ServerError,
    Denied,
    NotFound,
    Rejected,
}

fn header<'a>(h: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// Classifies a response by status and GitLab's rate-limit headers.
fn verdict(status: u16, headers: &http::HeaderMap, now_epoch: u64) -> Verdict {
    if (200..300).contains(&status) {
        return Verdict::Ok;
    }
    let limited = status == 429
        || (status == 403 && header(headers, "ratelimit-remaining").map(str::trim) == Some("0"));
    if limited {
        if let Some(secs) =
            header(headers, "retry-after").and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Verdict::RateLimited(Duration::from_secs(secs));
        }
        if let Some(reset) =
            header(headers, "ratelimit-reset").and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Verdict::RateLimited(Duration::from_secs(reset.saturating_sub(now_epoch) + 1));
        }
        return Verdict::RateLimited(Duration::from_secs(60));
    }
    match status {
        500.. => Verdict::ServerError,
        401 | 403 => Verdict::Denied,
        404 => Verdict::NotFound,
        _ => Verdict::Rejected,
    }
}

/// GitLab's `message`/`error` field, or the start of the body.
fn error_message(body: &[u8]) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => match v.get("message").or_else(|| v.get("error")) {
            Some(Value::String(s)) => one_line(s),
            Some(other) => one_line(&other.to_string()),
            None => one_line(&v.to_string()),
        },
        Err(_) => one_line(&String::from_utf8_lossy(body)),
    }
}

/// An instance's client plus the rate-limit policy, for one call site.
pub struct Api<'a> {
    pub inst: &'a Instance,
    pub metrics: Arc<Metrics>,
    /// Longest wait honoured in place; longer ones go back to the queue.
    pub max_wait: Duration,
}

impl Api<'_> {
    /// Sends `ep`; `Ok(None)` on 404 (the thing is gone), JSON (or Null) otherwise.
    pub async fn call_opt<E: Endpoint + Sync>(
        &self,
        op: &str,
        ep: &E,
    ) -> Result<Option<Value>, PlatformError> {
        let client = self.inst.client().await?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut url = ep
                .url_base()
                .endpoint_for(client, &ep.endpoint())
                .map_err(|e| PlatformError::Invalid(format!("GitLab {op}: bad URL: {e}")))?;
            ep.parameters().add_to_url(&mut url);
            // No parameters: no dangling `?`.
            if url.query() == Some("") {
                url.set_query(None);
            }
            let uri: http::Uri = url
                .as_str()
                .parse()
                .map_err(|e| PlatformError::Invalid(format!("GitLab {op}: bad URL: {e}")))?;
            let mut req = http::Request::builder().method(ep.method()).uri(uri);
            let data = match ep.body().map_err(|e: BodyError| {
                PlatformError::Invalid(format!("GitLab {op}: request body: {e}"))
            })? {
                Some((mime, data)) => {
                    req = req.header(http::header::CONTENT_TYPE, mime);
                    data
                }
                None => Vec::new(),
            };
            let sent = tokio::time::timeout(CALL_TIMEOUT, client.rest_async(req, data)).await;
            let rsp = match sent {
                Ok(Ok(r)) => r,
                Ok(Err(e)) => {
                    self.count(op, "error");
                    let message =
                        format!("GitLab {op}: request failed: {}", one_line(&e.to_string()));
                    retry::backoff_or_fail(attempt, message).await?;
                    continue;
                }
                Err(_) => {
                    self.count(op, "timeout");
                    if attempt < retry::TRIES {
                        continue;
                    }
                    return Err(PlatformError::Transient {
                        message: format!(
                            "GitLab {op}: no answer within {} s",
                            CALL_TIMEOUT.as_secs()
                        ),
                        retry_after: None,
                    });
                }
            };
            let status = rsp.status().as_u16();
            self.count(op, &status.to_string());
            let now = chrono::Utc::now().timestamp().max(0) as u64;
            match verdict(status, rsp.headers(), now) {
                Verdict::Ok => {
                    let body = rsp.body();
                    if body.iter().all(u8::is_ascii_whitespace) {
                        return Ok(Some(Value::Null));
                    }
                    return serde_json::from_slice(body).map(Some).map_err(|e| {
                        PlatformError::Invalid(format!(
                            "GitLab {op}: unreadable response ({e}): {}",
                            one_line(&String::from_utf8_lossy(body))
                        ))
                    });
                }
                Verdict::NotFound => return Ok(None),
                Verdict::RateLimited(wait) => {
                    retry::wait_out_rate_limit(
                        "GitLab",
                        op,
                        wait,
                        attempt,
                        self.max_wait,
                        &self.metrics,
                    )
                    .await?;
                }
                Verdict::ServerError => {
                    retry::backoff_or_fail(attempt, format!("GitLab {op}: HTTP {status}")).await?;
                }
                Verdict::Denied => {
                    return Err(PlatformError::Denied(format!(
                        "GitLab {op}: HTTP {status}: {}",
                        error_message(rsp.body())
                    )));
                }
                Verdict::Rejected => {
                    return Err(PlatformError::Invalid(format!(
                        "GitLab {op}: HTTP {status}: {}",
                        error_message(rsp.body())
                    )));
                }
            }
        }
    }

    /// Sends `ep`; a 404 is an access problem (project or MR not visible to the token).
    pub async fn call<E: Endpoint + Sync>(&self, op: &str, ep: &E) -> Result<Value, PlatformError> {
        match self.call_opt(op, ep).await? {
            Some(v) => Ok(v),
            None => Err(PlatformError::Denied(format!(
                "GitLab {op}: HTTP 404 (not found or not visible to the token)"
            ))),
        }
    }

    /// Every item of a paginated list (100 per page, at most `max_pages` pages).
    pub async fn list<E: Endpoint + Sync>(
        &self,
        op: &str,
        ep: &E,
        max_pages: u64,
    ) -> Result<Option<Vec<Value>>, PlatformError> {
        let mut out = Vec::new();
        for page in 1..=max_pages.max(1) {
            let paged = Paged {
                inner: ep,
                page,
                per_page: 100,
            };
            let Some(v) = self.call_opt(op, &paged).await? else {
                return Ok(if page == 1 { None } else { Some(out) });
            };
            let Value::Array(items) = v else {
                return Err(PlatformError::Invalid(format!(
                    "GitLab {op}: expected a list"
                )));
            };
            let n = items.len();
            out.extend(items);
            if n < 100 {
                break;
            }
        }
        Ok(Some(out))
    }

    fn count(&self, op: &str, status: &str) {
        self.metrics.inc(
            "vigil_platform_api_calls_total",
            &[("platform", "gitlab"), ("op", op), ("status", status)],
        );
    }
}

/// Adds `page`/`per_page` to a list endpoint.
struct Paged<'e, E> {
    inner: &'e E,
    page: u64,
    per_page: u64,
}

impl<E: Endpoint> Endpoint for Paged<'_, E> {
    fn method(&self) -> Method {
        self.inner.method()
    }
    fn endpoint(&self) -> Cow<'static, str> {
        self.inner.endpoint()
    }
    fn url_base(&self) -> UrlBase {
        self.inner.url_base()
    }
    fn parameters(&self) -> QueryParams<'_> {
        let mut p = self.inner.parameters();
        p.push("page", self.page).push("per_page", self.per_page);
        p
    }
    fn body(&self) -> Result<Option<(&'static str, Vec<u8>)>, BodyError> {
        self.inner.body()
    }
}

/// `projects/:id/merge_requests/:iid` for the endpoints below.
fn mr_path(project: &str, iid: u64) -> String {
    format!("projects/{}/merge_requests/{iid}", NameOrId::from(project))
}

/// `GET /projects/:id/merge_requests/:iid/versions` (missing from the crate): the
/// base/start/head SHAs a diff position must name.
pub struct MrVersions<'a> {
    pub project: &'a str,
    pub iid: u64,
}

impl Endpoint for MrVersions<'_> {
    fn method(&self) -> Method {
        Method::GET
    }
    fn endpoint(&self) -> Cow<'static, str> {
        format!("{}/versions", mr_path(self.project, self.iid)).into()
    }
}

/// `GET /projects/:id/merge_requests/:iid/changes`: the pre-15.7 way to list diffs.
pub struct MrChanges<'a> {
    pub project: &'a str,
    pub iid: u64,
}

impl Endpoint for MrChanges<'_> {
    fn method(&self) -> Method {
        Method::GET
    }
    fn endpoint(&self) -> Cow<'static, str> {
        format!("{}/changes", mr_path(self.project, self.iid)).into()
    }
}

/// `GET /projects/:id/merge_requests/:iid/discussions/:discussion_id`.
pub struct Discussion<'a> {
    pub project: &'a str,
    pub iid: u64,
    pub id: &'a str,
}

impl Endpoint for Discussion<'_> {
    fn method(&self) -> Method {
        Method::GET
    }
    fn endpoint(&self) -> Cow<'static, str> {
        format!(
            "{}/discussions/{}",
            mr_path(self.project, self.iid),
            gitlab::api::common::path_escaped(self.id)
        )
        .into()
    }
}

/// `PUT /projects/:id/merge_requests/:iid/discussions/:discussion_id` with `resolved`.
pub struct ResolveDiscussion<'a> {
    pub project: &'a str,
    pub iid: u64,
    pub id: &'a str,
}

impl Endpoint for ResolveDiscussion<'_> {
    fn method(&self) -> Method {
        Method::PUT
    }
    fn endpoint(&self) -> Cow<'static, str> {
        format!(
            "{}/discussions/{}",
            mr_path(self.project, self.iid),
            gitlab::api::common::path_escaped(self.id)
        )
        .into()
    }
    fn body(&self) -> Result<Option<(&'static str, Vec<u8>)>, BodyError> {
        let mut p = FormParams::default();
        p.push("resolved", true);
        p.into_body()
    }
}

/// `POST /projects/:id/merge_requests/:iid/discussions/:discussion_id/notes`: a reply.
pub struct ReplyToDiscussion<'a> {
    pub project: &'a str,
    pub iid: u64,
    pub id: &'a str,
    pub body: &'a str,
}

impl Endpoint for ReplyToDiscussion<'_> {
    fn method(&self) -> Method {
        Method::POST
    }
    fn endpoint(&self) -> Cow<'static, str> {
        format!(
            "{}/discussions/{}/notes",
            mr_path(self.project, self.iid),
            gitlab::api::common::path_escaped(self.id)
        )
        .into()
    }
    fn body(&self) -> Result<Option<(&'static str, Vec<u8>)>, BodyError> {
        let mut p = FormParams::default();
        p.push("body", self.body);
        p.into_body()
    }
}

/// `GET /users?username=…`: a user's id when only the name is known.
pub struct UserByName<'a> {
    pub username: &'a str,
}

impl Endpoint for UserByName<'_> {
    fn method(&self) -> Method {
        Method::GET
    }
    fn endpoint(&self) -> Cow<'static, str> {
        "users".into()
    }
    fn parameters(&self) -> QueryParams<'_> {
        let mut p = QueryParams::default();
        p.push("username", self.username);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut m = http::HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.parse().unwrap());
        }
        m
    }

    #[test]
    fn classifies_responses() {
        assert_eq!(verdict(201, &h(&[]), 0), Verdict::Ok);
        assert_eq!(
            verdict(429, &h(&[("retry-after", "7")]), 0),
            Verdict::RateLimited(Duration::from_secs(7))
        );
        assert_eq!(
            verdict(429, &h(&[("ratelimit-reset", "1010")]), 1000),
            Verdict::RateLimited(Duration::from_secs(11))
        );
        assert_eq!(
            verdict(429, &h(&[]), 0),
            Verdict::RateLimited(Duration::from_secs(60))
        );
        assert_eq!(
            verdict(403, &h(&[("ratelimit-remaining", "0")]), 0),
            Verdict::RateLimited(Duration::from_secs(60))
        );
        assert_eq!(verdict(403, &h(&[]), 0), Verdict::Denied);
        assert_eq!(verdict(404, &h(&[]), 0), Verdict::NotFound);
        assert_eq!(verdict(502, &h(&[]), 0), Verdict::ServerError);
        assert_eq!(verdict(400, &h(&[]), 0), Verdict::Rejected);
    }

    #[test]
    fn urls_keep_their_relative_path() {
        assert_eq!(
            split_url("https://git.corp/gitlab/"),
            Some((true, "git.corp/gitlab".into()))
        );
        assert_eq!(
            split_url("http://127.0.0.1:8080"),
            Some((false, "127.0.0.1:8080".into()))
        );
        assert_eq!(split_url("git.corp"), None);
        assert_eq!(split_url("https://"), None);
    }

    #[test]
    fn custom_endpoints_escape_paths() {
        let v = MrVersions {
            project: "group/sub/app",
            iid: 3,
        };
        assert_eq!(
            v.endpoint(),
            "projects/group%2Fsub%2Fapp/merge_requests/3/versions"
        );
        let r = ResolveDiscussion {
            project: "g/a",
            iid: 1,
            id: "abc123",
        };
        assert_eq!(r.method(), Method::PUT);
        let (mime, body) = r.body().unwrap().unwrap();
        assert_eq!(mime, "application/x-www-form-urlencoded");
        assert_eq!(body, b"resolved=true");
    }

    #[test]
    fn error_messages_are_one_line() {
        assert_eq!(
            error_message(br#"{"message":"401 Unauthorized"}"#),
            "401 Unauthorized"
        );
        assert_eq!(
            error_message(br#"{"message":{"base":["bad line"]}}"#),
            r#"{"base":["bad line"]}"#
        );
        assert_eq!(error_message(b"oops\nmore"), "oops");
    }

    #[test]
    fn bad_ca_bundle_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ca.pem");
        std::fs::write(&p, "not a cert").unwrap();
        let cfg = GitlabInstance {
            name: "corp".into(),
            url: "https://git.corp".into(),
            token: "t".into(),
            webhook_secret: "s".into(),
            ca_bundle: Some(p),
        };
        let e = Instance::new(&cfg).err().unwrap();
        assert!(e.to_string().contains("ca.pem"), "{e}");
    }
}
