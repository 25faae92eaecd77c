//! The durable job queue: a hand-written `jobs` table (STACK.md explains why not apalis).
//! A job is claimed with a lease; a worker that dies leaves the lease to expire and another
//! worker picks the job up. Transient failures are retried with exponential backoff and
//! jitter; a newer event for the same pull request or branch supersedes older jobs.

use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};

use crate::config::QueueConfig;
use crate::store::{Db, StoreError, now_ms, with_pool};

/// What to scan, independent of the platform that asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSpec {
    /// `github` (later `gitlab`): picks the platform adapter.
    pub platform: String,
    /// Platform-specific authority for API calls (the GitHub installation id).
    pub scope: String,
    /// `owner/name`.
    pub repo: String,
    /// HTTPS (or, in tests, git://) URL to fetch from; never carries credentials.
    pub clone_url: String,
    /// The repository's default branch, when the event names it.
    pub default_branch: Option<String>,
    /// The commit(s) to scan.
    pub target: Target,
}

/// The commit(s) a job scans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A pull/merge request: scan head and base, report new findings on the diff.
    ChangeRequest {
        number: u64,
        head_sha: String,
        head_ref: String,
        base_sha: String,
        base_ref: String,
    },
    /// A branch state (push to the default branch, initial scan): full report.
    Branch { branch: String, sha: Option<String> },
    /// A `/vigil rescan` comment: the worker checks the author's permission and looks up
    /// the change request's current head before scanning.
    RescanRequest { number: u64, requested_by: String },
}

impl JobSpec {
    /// Jobs with the same key replace each other: a new push makes the older scan moot.
    pub fn supersede_key(&self) -> String {
        match &self.target {
            Target::ChangeRequest { number, .. } | Target::RescanRequest { number, .. } => {
                format!("{}:{}#{}", self.platform, self.repo, number)
            }
            Target::Branch { branch, .. } => format!("{}:{}@{}", self.platform, self.repo, branch),
        }
    }
}

/// Result of storing a webhook's jobs.
#[derive(Debug, PartialEq, Eq)]
pub enum Enqueued {
    /// New delivery; these job ids were stored.
    Accepted(Vec<i64>),
    /// The delivery id was seen before: nothing was stored.
    Duplicate,
}

/// A job this worker now holds the lease on.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub spec: JobSpec,
    pub attempts: u32,
    pub max_attempts: u32,
    /// The check run / status created by an earlier attempt, reused on retry.
    pub check_id: Option<String>,
}

/// How a failed attempt ended.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// Back in the queue, runnable after this many milliseconds.
    Retrying(u64),
    /// Out of attempts (or not retryable): failed for good.
    Failed,
}

/// The queue over a [`Db`].
#[derive(Clone, Debug)]
pub struct Queue {
    db: Db,
    cfg: QueueConfig,
    /// The group-commit writer, started on first use (it needs a runtime).
    writer: Arc<OnceLock<mpsc::Sender<EnqueueReq>>>,
}

/// One webhook's worth of jobs waiting for the writer.
#[derive(Debug)]
struct EnqueueReq {
    platform: String,
    delivery_id: String,
    event: String,
    specs: Vec<JobSpec>,
    reply: oneshot::Sender<Result<Enqueued, StoreError>>,
}

/// Most requests folded into one transaction.
const MAX_BATCH: usize = 256;

fn spawn_writer(db: Db, cfg: QueueConfig) -> mpsc::Sender<EnqueueReq> {
    let (tx, mut rx) = mpsc::channel::<EnqueueReq>(4 * MAX_BATCH);
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(r) => batch.push(r),
                    Err(_) => break,
                }
            }
            match store_batch(&db, &cfg, &batch).await {
                Ok(results) => {
                    for (req, res) in batch.into_iter().zip(results) {
                        let _ = req.reply.send(Ok(res));
                    }
                }
                Err(e) => {
                    let msg = e.to_string();
                    for req in batch {
                        let _ = req.reply.send(Err(StoreError::Batch(msg.clone())));
                    }
                }
            }
        }
    });
    tx
}

/// Stores a batch of deliveries and their jobs in one transaction.
async fn store_batch(
    db: &Db,
    cfg: &QueueConfig,
    batch: &[EnqueueReq],
) -> Result<Vec<Enqueued>, StoreError> {
    let now = now_ms();
    let max_attempts = i64::from(cfg.max_attempts.max(1));
    with_pool!(db, p => {
        let mut tx = p.begin().await?;
        let mut out = Vec::with_capacity(batch.len());
        for req in batch {
            let fresh = sqlx::query(
                "INSERT INTO deliveries (platform, delivery_id, event, received_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&req.platform)
            .bind(&req.delivery_id)
            .bind(&req.event)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if fresh == 0 {
                out.push(Enqueued::Duplicate);
                continue;
            }
            let mut ids = Vec::with_capacity(req.specs.len());
            for spec in &req.specs {
                let key = spec.supersede_key();
                sqlx::query(
                    "UPDATE jobs SET state = 'cancelled', last_error = 'superseded by a newer event', updated_at = $1 \
                     WHERE supersede_key = $2 AND state = 'queued'",
                )
                .bind(now)
                .bind(&key)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE jobs SET superseded = 1, updated_at = $1 WHERE supersede_key = $2 AND state = 'running'")
                    .bind(now)
                    .bind(&key)
                    .execute(&mut *tx)
                    .await?;
                let spec_json = serde_json::to_string(spec).unwrap_or_default();
                let row = sqlx::query(
                    "INSERT INTO jobs (platform, scope, repo, supersede_key, spec, state, attempts, max_attempts, run_after, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $7, $7, $7) RETURNING id",
                )
                .bind(&spec.platform)
                .bind(&spec.scope)
                .bind(&spec.repo)
                .bind(&key)
                .bind(&spec_json)
                .bind(max_attempts)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                ids.push(row.try_get::<i64, _>("id")?);
            }
            out.push(Enqueued::Accepted(ids));
        }
        if matches!(db, Db::Postgres(_)) && out.iter().any(|o| matches!(o, Enqueued::Accepted(_))) {
            // Delivered at commit: wakes idle workers of every process at once.
            sqlx::query("SELECT pg_notify($1, '')").bind(NOTIFY_CHANNEL).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(out)
    })
}

/// PostgreSQL channel announcing new jobs (`LISTEN`ed by [`listen_for_jobs`]).
pub const NOTIFY_CHANNEL: &str = "vigil_jobs";

/// On PostgreSQL, wakes `wake` whenever any process stores a job, so workers in other
/// processes start at once instead of at their next poll. Returns at once on SQLite.
pub async fn listen_for_jobs(db: &Db, wake: std::sync::Arc<tokio::sync::Notify>) {
    let Db::Postgres(pool) = db else { return };
    loop {
        let listened: Result<(), sqlx::Error> = async {
            let mut l = sqlx::postgres::PgListener::connect_with(pool).await?;
            l.listen(NOTIFY_CHANNEL).await?;
            loop {
                l.recv().await?;
                wake.notify_waiters();
            }
        }
        .await;
        if let Err(e) = listened {
            tracing::warn!(error = %e, "job notifications interrupted; polling meanwhile");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

const RETURNING: &str = "RETURNING id, spec, attempts, max_attempts, check_id";

impl Queue {
    /// Wraps `db` with the lease/retry settings.
    pub fn new(db: Db, cfg: QueueConfig) -> Queue {
        Queue {
            db,
            cfg,
            writer: Arc::default(),
        }
    }

    /// The underlying database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Records the delivery and stores its jobs in one transaction, so the webhook is only
    /// acknowledged once both are durable. A known delivery id stores nothing.
    ///
    /// Concurrent calls are grouped by one writer task per process into a single
    /// transaction (group commit): one fsync covers every delivery that arrived while the
    /// previous commit ran, which keeps SQLite's `synchronous=FULL` fast under load.
    pub async fn enqueue(
        &self,
        platform: &str,
        delivery_id: &str,
        event: &str,
        specs: &[JobSpec],
    ) -> Result<Enqueued, StoreError> {
        let (reply, answer) = oneshot::channel();
        let req = EnqueueReq {
            platform: platform.to_string(),
            delivery_id: delivery_id.to_string(),
            event: event.to_string(),
            specs: specs.to_vec(),
            reply,
        };
        let writer = self
            .writer
            .get_or_init(|| spawn_writer(self.db.clone(), self.cfg.clone()));
        writer
            .send(req)
            .await
            .map_err(|_| StoreError::Batch("the queue writer stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Batch("the queue writer stopped".into()))?
    }

    /// Records a delivery that starts no job (ping, ignored actions); false if seen before.
    pub async fn record_delivery(
        &self,
        platform: &str,
        delivery_id: &str,
        event: &str,
    ) -> Result<bool, StoreError> {
        let n = with_pool!(&self.db, p => sqlx::query(
            "INSERT INTO deliveries (platform, delivery_id, event, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(platform)
        .bind(delivery_id)
        .bind(event)
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Claims the oldest runnable job (queued and due, or running with an expired lease).
    pub async fn claim(&self, owner: &str) -> Result<Option<Claimed>, StoreError> {
        loop {
            let now = now_ms();
            let lease_until = now + (self.cfg.lease_secs as i64) * 1000;
            let lock = match self.db {
                Db::Sqlite(_) => "",
                Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
            };
            let sql = format!(
                "UPDATE jobs SET state = 'running', lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3 \
                 WHERE id = (SELECT id FROM jobs WHERE (state = 'queued' AND run_after <= $3) \
                 OR (state = 'running' AND lease_until < $3) ORDER BY id LIMIT 1 {lock}) {RETURNING}"
            );
            let parts = with_pool!(&self.db, p => {
                let row = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(owner)
                    .bind(lease_until)
                    .bind(now)
                    .fetch_optional(p)
                    .await?;
                match row {
                    None => None,
                    Some(r) => Some((
                        r.try_get::<i64, _>("id")?,
                        r.try_get::<String, _>("spec")?,
                        r.try_get::<i64, _>("attempts")?,
                        r.try_get::<i64, _>("max_attempts")?,
                        r.try_get::<Option<String>, _>("check_id")?,
                    )),
                }
            });
            let Some((id, spec, attempts, max_attempts, check_id)) = parts else {
                return Ok(None);
            };
            let claimed = claimed_from_parts(id, &spec, attempts, max_attempts, check_id)?;
            if claimed.attempts > claimed.max_attempts {
                // Its earlier holders all died mid-job: stop feeding it to workers.
                self.fail(
                    claimed.id,
                    owner,
                    "abandoned: the worker lease expired on every attempt",
                )
                .await?;
                continue;
            }
            return Ok(Some(claimed));
        }
    }

    /// Extends the lease; false when this worker no longer holds the job.
    pub async fn heartbeat(&self, id: i64, owner: &str) -> Result<bool, StoreError> {
        let until = now_ms() + (self.cfg.lease_secs as i64) * 1000;
        let n = with_pool!(&self.db, p => sqlx::query(
            "UPDATE jobs SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'running'",
        )
        .bind(until)
        .bind(id)
        .bind(owner)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    async fn finish(
        &self,
        id: i64,
        owner: &str,
        state: &str,
        error: Option<&str>,
    ) -> Result<bool, StoreError> {
        let n = with_pool!(&self.db, p => sqlx::query(
            "UPDATE jobs SET state = $1, last_error = $2, lease_owner = NULL, lease_until = NULL, updated_at = $3 \
             WHERE id = $4 AND lease_owner = $5 AND state = 'running'",
        )
        .bind(state)
        .bind(error)
        .bind(now_ms())
        .bind(id)
        .bind(owner)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Marks the job done.
    pub async fn complete(&self, id: i64, owner: &str) -> Result<bool, StoreError> {
        self.finish(id, owner, "done", None).await
    }

    /// Marks the job failed for good with `reason`.
    pub async fn fail(&self, id: i64, owner: &str, reason: &str) -> Result<bool, StoreError> {
        self.finish(id, owner, "failed", Some(reason)).await
    }

    /// Marks the job cancelled (superseded, repository removed).
    pub async fn cancel(&self, id: i64, owner: &str, reason: &str) -> Result<bool, StoreError> {
        self.finish(id, owner, "cancelled", Some(reason)).await
    }

    /// Requeues after a transient failure with backoff and jitter, or fails when out of
    /// attempts. `not_before` (a rate-limit reset) raises the delay.
    pub async fn retry_or_fail(
        &self,
        job: &Claimed,
        owner: &str,
        reason: &str,
        not_before: Option<Duration>,
    ) -> Result<AfterFailure, StoreError> {
        if job.attempts >= job.max_attempts {
            self.fail(
                job.id,
                owner,
                &format!("gave up after {} attempts: {reason}", job.attempts),
            )
            .await?;
            return Ok(AfterFailure::Failed);
        }
        let mut delay = backoff_ms(&self.cfg, job.attempts, job.id as u64);
        if let Some(nb) = not_before {
            delay = delay.max(nb.as_millis() as u64);
        }
        let now = now_ms();
        with_pool!(&self.db, p => sqlx::query(
            "UPDATE jobs SET state = 'queued', last_error = $1, run_after = $2, lease_owner = NULL, lease_until = NULL, updated_at = $3 \
             WHERE id = $4 AND lease_owner = $5 AND state = 'running'",
        )
        .bind(reason)
        .bind(now + delay as i64)
        .bind(now)
        .bind(job.id)
        .bind(owner)
        .execute(p)
        .await
        .map(|_| ()))?;
        Ok(AfterFailure::Retrying(delay))
    }

    /// Remembers the check run created for this job so a retry updates it.
    pub async fn set_check_id(&self, id: i64, check_id: &str) -> Result<(), StoreError> {
        with_pool!(&self.db, p => sqlx::query("UPDATE jobs SET check_id = $1 WHERE id = $2")
            .bind(check_id)
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// True when a newer event replaced this running job.
    pub async fn is_superseded(&self, id: i64) -> Result<bool, StoreError> {
        let v = with_pool!(&self.db, p => {
            let row = sqlx::query("SELECT superseded FROM jobs WHERE id = $1").bind(id).fetch_optional(p).await?;
            match row {
                Some(r) => r.try_get::<i64, _>("superseded")?,
                None => 0,
            }
        });
        Ok(v != 0)
    }

    /// Drops the queued jobs of an installation (all repositories, or only `repos`).
    pub async fn drop_pending(
        &self,
        platform: &str,
        scope: &str,
        repos: Option<&[String]>,
    ) -> Result<u64, StoreError> {
        let now = now_ms();
        let mut total = 0;
        let reason = "installation or repository removed";
        match repos {
            None => {
                total += with_pool!(&self.db, p => sqlx::query(
                    "UPDATE jobs SET state = 'cancelled', last_error = $1, updated_at = $2 \
                     WHERE platform = $3 AND scope = $4 AND state = 'queued'",
                )
                .bind(reason)
                .bind(now)
                .bind(platform)
                .bind(scope)
                .execute(p)
                .await
                .map(|r| r.rows_affected()))?;
            }
            Some(list) => {
                for repo in list {
                    total += with_pool!(&self.db, p => sqlx::query(
                        "UPDATE jobs SET state = 'cancelled', last_error = $1, updated_at = $2 \
                         WHERE platform = $3 AND scope = $4 AND repo = $5 AND state = 'queued'",
                    )
                    .bind(reason)
                    .bind(now)
                    .bind(platform)
                    .bind(scope)
                    .bind(repo)
                    .execute(p)
                    .await
                    .map(|r| r.rows_affected()))?;
                }
            }
        }
        Ok(total)
    }

    /// Drops the queued jobs with this supersede key (a closed pull request).
    pub async fn drop_key(&self, supersede_key: &str) -> Result<u64, StoreError> {
        let n = with_pool!(&self.db, p => sqlx::query(
            "UPDATE jobs SET state = 'cancelled', last_error = 'closed', updated_at = $1 WHERE supersede_key = $2 AND state = 'queued'",
        )
        .bind(now_ms())
        .bind(supersede_key)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n)
    }

    /// Job counts by state, for `/metrics`.
    pub async fn counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        with_pool!(&self.db, p => {
            let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state ORDER BY state")
                .fetch_all(p)
                .await?;
            rows.iter()
                .map(|r| Ok((r.try_get::<String, _>("state")?, r.try_get::<i64, _>("n")?)))
                .collect()
        })
    }

    /// `(state, attempts, last_error)` of one job, for tests and `vigil status`.
    pub async fn job_state(
        &self,
        id: i64,
    ) -> Result<Option<(String, i64, Option<String>)>, StoreError> {
        with_pool!(&self.db, p => {
            let row = sqlx::query("SELECT state, attempts, last_error FROM jobs WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?;
            row.map(|r| {
                Ok((
                    r.try_get::<String, _>("state")?,
                    r.try_get::<i64, _>("attempts")?,
                    r.try_get::<Option<String>, _>("last_error")?,
                ))
            })
            .transpose()
        })
    }
}

fn claimed_from_parts(
    id: i64,
    spec: &str,
    attempts: i64,
    max_attempts: i64,
    check_id: Option<String>,
) -> Result<Claimed, StoreError> {
    let spec = serde_json::from_str(spec).map_err(|e| StoreError::BadRow {
        id,
        message: format!("unreadable job spec: {e}"),
    })?;
    Ok(Claimed {
        id,
        spec,
        attempts: attempts.max(0) as u32,
        max_attempts: max_attempts.max(0) as u32,
        check_id,
    })
}

/// Exponential backoff with "equal jitter": half fixed, half random, capped.
pub fn backoff_ms(cfg: &QueueConfig, attempt: u32, salt: u64) -> u64 {
    let exp = cfg
        .backoff_base_ms
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(30))
        .min(cfg.backoff_max_ms.max(1));
    let half = exp / 2;
    half + jitter(salt) % (exp - half + 1)
}

fn jitter(salt: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    RandomState::new().hash_one((salt, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testdb;

    fn spec(n: u64, sha: &str) -> JobSpec {
        JobSpec {
            platform: "github".into(),
            scope: "1".into(),
            repo: "o/r".into(),
            clone_url: "https://example.invalid/o/r.git".into(),
            default_branch: Some("main".into()),
            target: Target::ChangeRequest {
                number: n,
                head_sha: sha.into(),
                head_ref: "f".into(),
                base_sha: "b".into(),
                base_ref: "main".into(),
            },
        }
    }

    fn cfg(lease_secs: u64) -> QueueConfig {
        QueueConfig {
            lease_secs,
            max_attempts: 3,
            backoff_base_ms: 0,
            backoff_max_ms: 0,
            poll_ms: 10,
        }
    }

    #[tokio::test]
    async fn redelivery_stores_nothing() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(60));
        assert!(
            matches!(q.enqueue("github", "d1", "pull_request", &[spec(1, "a")]).await.unwrap(), Enqueued::Accepted(ids) if ids.len() == 1)
        );
        assert_eq!(
            q.enqueue("github", "d1", "pull_request", &[spec(1, "a")])
                .await
                .unwrap(),
            Enqueued::Duplicate
        );
        assert_eq!(q.counts().await.unwrap(), vec![("queued".to_string(), 1)]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_enqueues_are_grouped_and_deduplicated() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(60));
        let mut tasks = Vec::new();
        for i in 0..100u64 {
            let q = q.clone();
            // Every delivery id is sent twice, concurrently.
            tasks.push(tokio::spawn(async move {
                q.enqueue(
                    "github",
                    &format!("d{}", i / 2),
                    "push",
                    &[spec(i / 2, "a")],
                )
                .await
                .unwrap()
            }));
        }
        let mut accepted = 0;
        let mut dup = 0;
        for t in tasks {
            match t.await.unwrap() {
                Enqueued::Accepted(ids) => accepted += ids.len(),
                Enqueued::Duplicate => dup += 1,
            }
        }
        assert_eq!((accepted, dup), (50, 50));
        assert_eq!(q.counts().await.unwrap(), vec![("queued".to_string(), 50)]);
    }

    #[tokio::test]
    async fn newer_push_supersedes_queued_and_flags_running() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(60));
        q.enqueue("github", "d1", "pull_request", &[spec(1, "a")])
            .await
            .unwrap();
        let running = q.claim("w").await.unwrap().unwrap();
        q.enqueue("github", "d2", "pull_request", &[spec(1, "b")])
            .await
            .unwrap();
        assert!(q.is_superseded(running.id).await.unwrap());
        let Enqueued::Accepted(ids) = q
            .enqueue("github", "d3", "pull_request", &[spec(1, "c")])
            .await
            .unwrap()
        else {
            panic!()
        };
        let next = q.claim("w").await.unwrap().unwrap();
        assert_eq!(next.id, ids[0], "the queued 'b' job was cancelled by 'c'");
        assert!(q.claim("w").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn expired_lease_is_reclaimed_and_old_owner_cannot_finish() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(1));
        q.enqueue("github", "d1", "push", &[spec(1, "a")])
            .await
            .unwrap();
        let first = q.claim("dead").await.unwrap().unwrap();
        assert!(
            q.claim("other").await.unwrap().is_none(),
            "lease still held"
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let again = q.claim("other").await.unwrap().unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.attempts, 2);
        assert!(!q.complete(first.id, "dead").await.unwrap());
        assert!(q.complete(again.id, "other").await.unwrap());
        assert_eq!(q.job_state(first.id).await.unwrap().unwrap().0, "done");
    }

    #[tokio::test]
    async fn retries_then_fails_with_reason() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(60));
        q.enqueue("github", "d1", "push", &[spec(1, "a")])
            .await
            .unwrap();
        for attempt in 1..=3 {
            let j = q.claim("w").await.unwrap().unwrap();
            assert_eq!(j.attempts, attempt);
            let r = q.retry_or_fail(&j, "w", "HTTP 502", None).await.unwrap();
            assert_eq!(r == AfterFailure::Failed, attempt == 3);
        }
        let (state, attempts, err) = q.job_state(1).await.unwrap().unwrap();
        assert_eq!((state.as_str(), attempts), ("failed", 3));
        assert!(err.unwrap().contains("HTTP 502"));
    }

    #[tokio::test]
    async fn drop_pending_cancels_only_that_installation() {
        let (db, _d) = testdb::sqlite().await;
        let q = Queue::new(db, cfg(60));
        q.enqueue("github", "d1", "push", &[spec(1, "a")])
            .await
            .unwrap();
        let mut other = spec(2, "a");
        other.scope = "2".into();
        q.enqueue("github", "d2", "push", &[other]).await.unwrap();
        assert_eq!(q.drop_pending("github", "1", None).await.unwrap(), 1);
        assert_eq!(q.claim("w").await.unwrap().unwrap().spec.scope, "2");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let c = QueueConfig {
            backoff_base_ms: 1000,
            backoff_max_ms: 8000,
            ..QueueConfig::default()
        };
        for _ in 0..50 {
            let a = backoff_ms(&c, 1, 7);
            assert!((500..=1000).contains(&a), "{a}");
            let d = backoff_ms(&c, 10, 7);
            assert!((4000..=8000).contains(&d), "{d}");
        }
    }
}
