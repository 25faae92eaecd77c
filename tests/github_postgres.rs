//! The PostgreSQL path: the same schema and queue as SQLite, shared by several processes.
//! Reads the server from `VIGIL_TEST_POSTGRES_URL` (skipped when unset); every run uses
//! its own schema so parallel runs do not collide, and drops it afterwards.

#[path = "github_support.rs"]
mod support;

use std::collections::HashSet;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use support::*;
use vigil::config::QueueConfig;
use vigil::queue::{Enqueued, JobSpec, Queue, Target};
use vigil::store::Db;

fn pg_url() -> Option<String> {
    match std::env::var("VIGIL_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            // Straight to stderr: libtest would swallow eprintln! of a passing test.
            let _ = writeln!(std::io::stderr(), "skipped: VIGIL_TEST_POSTGRES_URL unset");
            None
        }
    }
}

fn unique_schema(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("vigil_test_{tag}_{}_{nanos}", std::process::id())
}

async fn drop_schema(url: &str, schema: &str) {
    if let Ok(db) = Db::connect(url, None).await
        && let Db::Postgres(pool) = db
    {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE"
        )))
        .execute(&pool)
        .await;
    }
}

fn branch_job(n: u64, clone_url: &str) -> JobSpec {
    JobSpec {
        platform: "github".into(),
        scope: INSTALLATION.to_string(),
        repo: format!("{REPO}{n}"),
        clone_url: clone_url.into(),
        default_branch: Some("main".into()),
        target: Target::Branch {
            branch: "main".into(),
            sha: None,
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_share_fifty_jobs_none_twice() {
    let Some(url) = pg_url() else { return };
    let schema = unique_schema("queue");
    let cfg = QueueConfig {
        lease_secs: 60,
        ..QueueConfig::default()
    };
    // Two pools connecting at once also exercises the migration lock.
    let (a, b) = tokio::join!(
        Db::connect(&url, Some(&schema)),
        Db::connect(&url, Some(&schema))
    );
    let qa = Queue::new(a.unwrap(), cfg.clone());
    let qb = Queue::new(b.unwrap(), cfg);
    for n in 0..50u64 {
        let r = qa
            .enqueue(
                "github",
                &format!("pg-{n}"),
                "push",
                &[branch_job(n, "https://example.invalid/x.git")],
            )
            .await
            .unwrap();
        assert!(matches!(r, Enqueued::Accepted(_)));
    }
    assert_eq!(
        qb.enqueue("github", "pg-0", "push", &[branch_job(0, "x")])
            .await
            .unwrap(),
        Enqueued::Duplicate
    );
    let claimed = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for (i, q) in [
        qa.clone(),
        qb.clone(),
        qa.clone(),
        qb.clone(),
        qa.clone(),
        qb.clone(),
    ]
    .into_iter()
    .enumerate()
    {
        let claimed = claimed.clone();
        tasks.push(tokio::spawn(async move {
            let owner = format!("w{i}");
            while let Some(job) = q.claim(&owner).await.unwrap() {
                claimed.lock().unwrap().push(job.id);
                tokio::time::sleep(Duration::from_millis(5)).await;
                assert!(q.complete(job.id, &owner).await.unwrap());
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let ids = claimed.lock().unwrap().clone();
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), 50, "every job ran once");
    assert_eq!(unique.len(), 50, "no job ran twice");
    assert_eq!(qa.counts().await.unwrap(), vec![("done".to_string(), 50)]);
    drop_schema(&url, &schema).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn expired_lease_and_lifecycle_on_postgres() {
    let Some(url) = pg_url() else { return };
    let schema = unique_schema("lease");
    let db = Db::connect(&url, Some(&schema)).await.unwrap();
    let q = Queue::new(
        db.clone(),
        QueueConfig {
            lease_secs: 1,
            ..QueueConfig::default()
        },
    );
    q.enqueue("github", "l-1", "push", &[branch_job(1, "x")])
        .await
        .unwrap();
    let first = q.claim("dead").await.unwrap().unwrap();
    assert!(q.claim("other").await.unwrap().is_none());
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let again = q.claim("other").await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (first.id, 2));
    assert!(!q.complete(first.id, "dead").await.unwrap());
    assert!(q.complete(again.id, "other").await.unwrap());

    vigil::store::status::set(
        &db,
        "github",
        "o/r",
        "1",
        vigil::store::status::ScanStatus::Successful,
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        vigil::store::status::list(&db).await.unwrap()[0].status,
        "SUCCESSFUL"
    );
    drop_schema(&url, &schema).await;
}

/// Two real `vigil serve` processes (one worker each) on one PostgreSQL schema: 20 push
/// webhooks for 20 repositories, each scanned exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_share_the_queue() {
    let Some(url) = pg_url() else { return };
    let schema = unique_schema("procs");
    let remote = GitRemote::new();
    remote.write("a.py", &format!("K = \"{}\"\n", fake_aws_key(5)));
    let sha = remote.commit("a");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let procs: Vec<Vigil> = dirs
        .iter()
        .map(|d| {
            let mut o = ServeOpts::sqlite(d.path(), &api);
            o.database_url = url.clone();
            o.extra_env.push(("VIGIL_DATABASE_SCHEMA", schema.clone()));
            start_vigil(&o)
        })
        .collect();
    for n in 0..20u64 {
        let mut payload = webhook_fixture("push.with-new-branch.json");
        payload["ref"] = json!("refs/heads/main");
        payload["created"] = json!(false);
        payload["after"] = json!(sha);
        payload["installation"] = json!({"id": INSTALLATION});
        payload["repository"]["full_name"] = json!(format!("{REPO}-{n}"));
        payload["repository"]["clone_url"] = json!(remote.url());
        payload["repository"]["default_branch"] = json!("main");
        let addr = &procs[(n % 2) as usize].addr;
        let (s, b) = deliver(addr, "push", &format!("procs-{n}"), &payload);
        assert_eq!(s, 202, "{b}");
    }
    wait_until("20 completed check runs", 120, || {
        completed_checks(&fake).len() == 20
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(fake.count("checks.create"), 20, "no job ran twice");
    wait_until("both processes to log finished jobs", 20, || {
        procs.iter().all(|p| p.logs().contains("job finished"))
    })
    .await;
    drop(procs);
    drop_schema(&url, &schema).await;
}

/// A webhook-only process stores the job; a worker process that polls only once a minute
/// starts it at once, woken by PostgreSQL `NOTIFY`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_wakes_a_worker_in_another_process() {
    let Some(url) = pg_url() else { return };
    let schema = unique_schema("notify");
    let remote = GitRemote::new();
    remote.write("a.py", "x = 1\n");
    let sha = remote.commit("a");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let start = |dir: &std::path::Path, workers: usize| {
        let mut o = ServeOpts::sqlite(dir, &api);
        o.database_url = url.clone();
        o.workers = workers;
        o.extra_env.push(("VIGIL_DATABASE_SCHEMA", schema.clone()));
        o.extra_env.push(("VIGIL_POLL_MS", "60000".into()));
        start_vigil(&o)
    };
    let web = start(d1.path(), 0);
    let worker = start(d2.path(), 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut payload = webhook_fixture("push.with-new-branch.json");
    payload["ref"] = json!("refs/heads/main");
    payload["after"] = json!(sha);
    payload["installation"] = json!({"id": INSTALLATION});
    payload["repository"]["full_name"] = json!(REPO);
    payload["repository"]["clone_url"] = json!(remote.url());
    payload["repository"]["default_branch"] = json!("main");
    let (s, b) = deliver(&web.addr, "push", "notify-1", &payload);
    assert_eq!(s, 202, "{b}");
    wait_until("the other process to run the job", 20, || {
        completed_checks(&fake).len() == 1
    })
    .await;
    // The check run is completed just before the worker logs the end of the job.
    wait_until("the worker to log the finished job", 20, || {
        worker.logs().contains("job finished")
    })
    .await;
    assert!(!web.logs().contains("job finished"));
    drop((web, worker));
    drop_schema(&url, &schema).await;
}
