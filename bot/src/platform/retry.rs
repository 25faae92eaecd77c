//! What to do with a throttled or failing platform call: the same policy for every
//! platform, so GitHub and GitLab back off, wait on rate limits and give jobs back alike.

use std::time::Duration;

use super::PlatformError;
use crate::metrics::Metrics;

/// Attempts per call for 5xx / network errors before the job-level retry takes over.
pub const TRIES: u32 = 3;

/// Rate-limit waits per call before the job is given back to the queue.
const RATE_LIMIT_TRIES: u32 = TRIES + 2;

/// After a network error or a 5xx: back off exponentially and let the caller try again
/// (`Ok`), or fail transiently with `message` once the attempts are used up.
pub async fn backoff_or_fail(attempt: u32, message: String) -> Result<(), PlatformError> {
    if attempt < TRIES {
        tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
        return Ok(());
    }
    Err(PlatformError::Transient {
        message,
        retry_after: None,
    })
}

/// After a rate-limited answer: wait `wait` and let the caller try again (`Ok`), or — when
/// the wait is longer than `max_wait` or this call has waited too often — give the job
/// back with the platform's `retry_after`, so a worker is not held.
pub async fn wait_out_rate_limit(
    platform: &'static str,
    op: &str,
    wait: Duration,
    attempt: u32,
    max_wait: Duration,
    metrics: &Metrics,
) -> Result<(), PlatformError> {
    if wait > max_wait || attempt >= RATE_LIMIT_TRIES {
        return Err(PlatformError::Transient {
            message: format!("{platform} {op}: rate limited for {} s", wait.as_secs()),
            retry_after: Some(wait),
        });
    }
    tracing::warn!(
        platform,
        op,
        wait_secs = wait.as_secs(),
        "rate limit; waiting"
    );
    let label = platform.to_ascii_lowercase();
    metrics.inc("vigil_rate_limit_waits_total", &[("platform", &label)]);
    metrics.add(
        "vigil_rate_limit_wait_seconds_total",
        &[("platform", &label)],
        wait.as_secs_f64(),
    );
    tokio::time::sleep(wait).await;
    Ok(())
}
