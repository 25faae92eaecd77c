//! Raw GitHub REST calls through octocrab (its typed API lacks some endpoints and its
//! models are stricter than we need), with vigil's own handling of `Retry-After`,
//! `x-ratelimit-remaining/reset`, secondary rate limits and 5xx.

use std::sync::Arc;
use std::time::Duration;

use octocrab::Octocrab;
use serde_json::Value;

use crate::metrics::Metrics;
use crate::platform::{PlatformError, retry};

/// HTTP methods vigil uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
}

/// An installation-authenticated client plus the rate-limit policy.
#[derive(Clone)]
pub struct Api {
    pub(super) client: Arc<Octocrab>,
    pub(super) metrics: Arc<Metrics>,
    /// Longest wait honoured in place; longer ones go back to the queue.
    pub(super) max_wait: Duration,
    /// Absolute GraphQL endpoint (`/graphql` on github.com, `/api/graphql` on GHES).
    pub(super) graphql_url: String,
}

/// What a response asks of us.
#[derive(Debug, PartialEq)]
enum Verdict {
    Ok,
    RateLimited(Duration),
    ServerError,
    Denied,
    Rejected,
}

fn header<'a>(h: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// Classifies a response by status, headers and (for secondary limits) body.
fn verdict(status: u16, headers: &http::HeaderMap, body: &str, now_epoch: u64) -> Verdict {
    if (200..300).contains(&status) {
        return Verdict::Ok;
    }
    if status == 403 || status == 429 {
        if let Some(secs) =
            header(headers, "retry-after").and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Verdict::RateLimited(Duration::from_secs(secs));
        }
        if header(headers, "x-ratelimit-remaining").map(str::trim) == Some("0") {
            let reset = header(headers, "x-ratelimit-reset")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(now_epoch + 60);
            return Verdict::RateLimited(Duration::from_secs(reset.saturating_sub(now_epoch) + 1));
        }
        if status == 429 || body.to_ascii_lowercase().contains("rate limit") {
            // Secondary limits without headers: GitHub asks for at least a minute.
            return Verdict::RateLimited(Duration::from_secs(60));
        }
        return Verdict::Denied;
    }
    if status >= 500 {
        return Verdict::ServerError;
    }
    if status == 401 || status == 404 {
        return Verdict::Denied;
    }
    Verdict::Rejected
}

/// GitHub's `message` field, or the start of the body.
fn error_message(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| body.chars().take(200).collect())
}

impl Api {
    /// Sends one request; `op` names the operation in metrics and errors.
    pub async fn call(
        &self,
        op: &str,
        method: Method,
        route: &str,
        body: Option<&Value>,
    ) -> Result<Value, PlatformError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let sent = match method {
                Method::Get => self.client._get(route).await,
                Method::Post => self.client._post(route, body).await,
                Method::Patch => self.client._patch(route, body).await,
            };
            let resp = match sent {
                Ok(r) => r,
                Err(e) => {
                    self.metrics.inc(
                        "vigil_platform_api_calls_total",
                        &[("platform", "github"), ("op", op), ("status", "error")],
                    );
                    let message = format!("GitHub {op}: request failed: {}", short_error(&e));
                    retry::backoff_or_fail(attempt, message).await?;
                    continue;
                }
            };
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            self.metrics.inc(
                "vigil_platform_api_calls_total",
                &[
                    ("platform", "github"),
                    ("op", op),
                    ("status", &status.to_string()),
                ],
            );
            let text =
                self.client
                    .body_to_string(resp)
                    .await
                    .map_err(|e| PlatformError::Transient {
                        message: format!("GitHub {op}: reading response: {}", short_error(&e)),
                        retry_after: None,
                    })?;
            let now = chrono::Utc::now().timestamp().max(0) as u64;
            match verdict(status, &headers, &text, now) {
                Verdict::Ok => {
                    if text.trim().is_empty() {
                        return Ok(Value::Null);
                    }
                    return serde_json::from_str(&text).map_err(|e| {
                        PlatformError::Invalid(format!("GitHub {op}: unreadable response: {e}"))
                    });
                }
                Verdict::RateLimited(wait) => {
                    retry::wait_out_rate_limit(
                        "GitHub",
                        op,
                        wait,
                        attempt,
                        self.max_wait,
                        &self.metrics,
                    )
                    .await?;
                }
                Verdict::ServerError => {
                    retry::backoff_or_fail(attempt, format!("GitHub {op}: HTTP {status}")).await?;
                }
                Verdict::Denied => {
                    return Err(PlatformError::Denied(format!(
                        "GitHub {op}: HTTP {status}: {}",
                        error_message(&text)
                    )));
                }
                Verdict::Rejected => {
                    return Err(PlatformError::Invalid(format!(
                        "GitHub {op}: HTTP {status}: {}",
                        error_message(&text)
                    )));
                }
            }
        }
    }
}

impl Api {
    /// One GraphQL request with the installation token. The endpoint is absolute because
    /// on GHES it sits beside, not under, the REST base (`/api/graphql` vs `/api/v3`).
    pub async fn graphql(
        &self,
        op: &str,
        query: &str,
        variables: Value,
    ) -> Result<Value, PlatformError> {
        use secrecy::ExposeSecret;
        let token =
            self.client
                .installation_token()
                .await
                .map_err(|e| PlatformError::Transient {
                    message: format!("GitHub installation token: {}", short_error(&e)),
                    retry_after: None,
                })?;
        let body = serde_json::json!({"query": query, "variables": variables}).to_string();
        let mut auth = http::HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
            .map_err(|_| {
                PlatformError::Invalid("installation token is not a valid header value".into())
            })?;
        auth.set_sensitive(true);
        let req = http::Request::post(self.graphql_url.as_str())
            .header(http::header::AUTHORIZATION, auth)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body)
            .map_err(|e| PlatformError::Invalid(format!("GitHub {op}: {e}")))?;
        let resp = self
            .client
            .execute(req)
            .await
            .map_err(|e| PlatformError::Transient {
                message: format!("GitHub {op}: request failed: {}", short_error(&e)),
                retry_after: None,
            })?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        self.metrics.inc(
            "vigil_platform_api_calls_total",
            &[
                ("platform", "github"),
                ("op", op),
                ("status", &status.to_string()),
            ],
        );
        let text =
            self.client
                .body_to_string(resp)
                .await
                .map_err(|e| PlatformError::Transient {
                    message: format!("GitHub {op}: reading response: {}", short_error(&e)),
                    retry_after: None,
                })?;
        let now = chrono::Utc::now().timestamp().max(0) as u64;
        match verdict(status, &headers, &text, now) {
            Verdict::Ok => {}
            Verdict::RateLimited(wait) => {
                return Err(PlatformError::Transient {
                    message: format!("GitHub {op}: rate limited for {} s", wait.as_secs()),
                    retry_after: Some(wait),
                });
            }
            Verdict::ServerError => {
                return Err(PlatformError::Transient {
                    message: format!("GitHub {op}: HTTP {status}"),
                    retry_after: None,
                });
            }
            Verdict::Denied => {
                return Err(PlatformError::Denied(format!("GitHub {op}: HTTP {status}")));
            }
            Verdict::Rejected => {
                return Err(PlatformError::Invalid(format!(
                    "GitHub {op}: HTTP {status}: {}",
                    error_message(&text)
                )));
            }
        }
        let v: Value = serde_json::from_str(&text).map_err(|e| {
            PlatformError::Invalid(format!("GitHub {op}: unreadable response: {e}"))
        })?;
        if let Some(errs) = v
            .get("errors")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
        {
            let msgs: Vec<&str> = errs
                .iter()
                .filter_map(|e| e.get("message").and_then(Value::as_str))
                .collect();
            return Err(PlatformError::Invalid(format!(
                "GitHub {op}: {}",
                msgs.join("; ")
            )));
        }
        Ok(v)
    }
}

/// The GraphQL endpoint for a REST base URL.
pub fn graphql_url(api_url: &str) -> String {
    let api = api_url.trim_end_matches('/');
    match api.strip_suffix("/api/v3") {
        Some(host) => format!("{host}/api/graphql"),
        None => format!("{api}/graphql"),
    }
}

/// An octocrab error in one line, without request internals.
pub(super) fn short_error(e: &octocrab::Error) -> String {
    match e {
        octocrab::Error::GitHub { source, .. } => {
            format!("HTTP {}: {}", source.status_code, source.message)
        }
        other => {
            let s = other.to_string();
            s.lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect()
        }
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
    fn classifies_rate_limits() {
        assert_eq!(verdict(200, &h(&[]), "", 0), Verdict::Ok);
        assert_eq!(
            verdict(403, &h(&[("retry-after", "7")]), "", 0),
            Verdict::RateLimited(Duration::from_secs(7))
        );
        assert_eq!(
            verdict(
                403,
                &h(&[
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-reset", "1010")
                ]),
                "",
                1000
            ),
            Verdict::RateLimited(Duration::from_secs(11))
        );
        assert_eq!(
            verdict(
                403,
                &h(&[]),
                r#"{"message":"You have exceeded a secondary rate limit"}"#,
                0
            ),
            Verdict::RateLimited(Duration::from_secs(60))
        );
        assert_eq!(
            verdict(
                403,
                &h(&[]),
                r#"{"message":"Resource not accessible by integration"}"#,
                0
            ),
            Verdict::Denied
        );
        assert_eq!(verdict(502, &h(&[]), "", 0), Verdict::ServerError);
        assert_eq!(verdict(422, &h(&[]), "", 0), Verdict::Rejected);
        assert_eq!(
            error_message(r#"{"message":"Validation Failed"}"#),
            "Validation Failed"
        );
    }

    #[test]
    fn graphql_endpoints() {
        assert_eq!(
            graphql_url("https://api.github.com"),
            "https://api.github.com/graphql"
        );
        assert_eq!(
            graphql_url("https://ghe.corp/api/v3/"),
            "https://ghe.corp/api/graphql"
        );
    }
}
