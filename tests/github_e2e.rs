//! End to end: a signed `pull_request` webhook into the real `vigil serve` (SQLite), a
//! local bare repository served by `git daemon` on loopback, and a fake GitHub API that
//! validates request bodies against the REST shapes and records what vigil did.

#[path = "github_support.rs"]
mod support;

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::json;
use support::*;
use vigil::store::Db;
use wiremock::ResponseTemplate;

fn review_comments(fake: &FakeGithub) -> Vec<(u64, String, u64, String)> {
    fake.with(|s| {
        let mut v: Vec<_> = s
            .review_comments
            .iter()
            .map(|(id, (p, l, b))| (*id, p.clone(), *l, b.clone()))
            .collect();
        v.sort();
        v
    })
}

/// main has a pre-existing key in old.py; the PR adds a new one in config.py.
fn setup_repo(remote: &GitRemote) -> (String, String) {
    remote.write("README.md", "# demo\n");
    remote.write(
        "old.py",
        &format!("# legacy\nKEY_ID = \"{}\"\n", fake_aws_key(1)),
    );
    remote.write("app.py", "def main():\n    return 1\n");
    let base = remote.commit("base");
    git(&remote.work, &["checkout", "-qb", "feature"]);
    remote.write(
        "config.py",
        &format!(
            "import os\n\naws_access_key_id = \"{}\"\nregion = 'eu-west-1'\n",
            fake_aws_key(2)
        ),
    );
    remote.write("app.py", "def main():\n    return 2\n");
    let head = remote.commit("add config");
    remote.publish_pr(1);
    (base, head)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_request_scan_reports_and_second_push_updates_in_place() {
    let remote = GitRemote::new();
    let (base, head1) = setup_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let reset = (chrono::Utc::now().timestamp() + 1).to_string();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head1));
        // Someone quotes the summary marker: their comment is not vigil's to edit.
        s.human_comments
            .push((1, "copying <!-- vigil:summary --> here".into()));
        // The API fails once with 502, and once with a primary rate limit.
        s.faults.insert(
            "checks.create".into(),
            VecDeque::from([ResponseTemplate::new(502).set_body_string("bad gateway")]),
        );
        s.faults.insert(
            "pulls.list-files".into(),
            VecDeque::from([ResponseTemplate::new(403)
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", reset.as_str())
                .set_body_json(json!({"message": "API rate limit exceeded"}))]),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let o = ServeOpts::sqlite(dir.path(), &api);
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);

    let payload = pr_payload("opened", &remote, 1, &head1, &base);
    let (s, b) = deliver(&vigil.addr, "pull_request", "e2e-1", &payload);
    assert_eq!(s, 202, "{b}");
    let (s, _) = deliver(&vigil.addr, "pull_request", "e2e-1", &payload);
    assert_eq!(s, 200, "redelivery acknowledged without a new job");
    wait_until("first check run completed", 60, || {
        completed_checks(&fake).len() == 1
    })
    .await;

    let checks = completed_checks(&fake);
    let (_, conclusion, ann) = &checks[0];
    assert_eq!(
        conclusion, "failure",
        "a new CRITICAL secret fails the check"
    );
    let ann_at: Vec<(String, u64)> = ann
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap().to_string(),
                a["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(ann_at.contains(&("config.py".into(), 3)), "{ann_at:?}");
    assert!(
        ann_at.contains(&("old.py".into(), 2)),
        "pre-existing findings are annotated too: {ann_at:?}"
    );
    // The first create got a 502 and was retried; the redelivery started nothing.
    assert_eq!(fake.count("checks.create"), 2);
    assert_eq!(fake.with(|s| s.check_runs.len()), 1);
    let first = &fake.requests("checks.create")[1];
    assert_eq!(first.body["status"], "in_progress");
    assert_eq!(first.body["head_sha"], head1.as_str());
    assert!(
        first.auth.contains(TOKEN),
        "installation token used for API calls"
    );
    assert!(fake.count("apps.create-installation-access-token") >= 1);

    // One inline comment, only on the changed line of the new finding.
    let rc = review_comments(&fake);
    assert_eq!(rc.len(), 1, "{rc:?}");
    assert_eq!((rc[0].1.as_str(), rc[0].2), ("config.py", 3));
    let review = &fake.requests("pulls.create-review")[0];
    assert_eq!(review.body["event"], "COMMENT");
    assert_eq!(review.body["commit_id"], head1.as_str());
    assert_eq!(review.body["comments"][0]["side"], "RIGHT");
    // One summary comment, with the hidden marker.
    let comments = fake.with(|s| s.issue_comments.clone());
    assert_eq!(comments.len(), 1);
    assert!(comments[0].1.contains("<!-- vigil:summary -->"));
    assert!(comments[0].1.contains(&head1[..12]));

    // Second push: the config.py key is removed, a new key lands in creds.py.
    remote.write(
        "config.py",
        "import os\n\naws_access_key_id = os.environ['AWS_ACCESS_KEY_ID']\nregion = 'eu-west-1'\n",
    );
    remote.write(
        "creds.py",
        &format!("TOKEN = 'x'\nBACKUP_KEY = \"{}\"\n", fake_aws_key(3)),
    );
    let head2 = remote.commit("move key to env");
    remote.publish_pr(1);
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head2));
    });
    let mut payload2 = pr_payload("synchronize", &remote, 1, &head2, &base);
    payload2["before"] = json!(head1);
    payload2["after"] = json!(head2);
    let (s, b) = deliver(&vigil.addr, "pull_request", "e2e-2", &payload2);
    assert_eq!(s, 202, "{b}");
    wait_until("second check run completed", 60, || {
        completed_checks(&fake).len() == 2
    })
    .await;

    let rc = review_comments(&fake);
    assert_eq!(rc.len(), 2, "only the new finding got a comment: {rc:?}");
    let fixed = rc.iter().find(|c| c.1 == "config.py").unwrap();
    assert!(fixed.3.starts_with("✅ **Fixed** in "), "{}", fixed.3);
    assert!(fixed.3.contains(&head2[..12]));
    assert!(rc.iter().any(|c| c.1 == "creds.py" && c.2 == 2));
    // …and its review thread is resolved through GraphQL.
    let resolved = fake.with(|s| s.resolved_threads.clone());
    assert_eq!(resolved, vec![format!("PRRT_{}", fixed.0)]);
    assert!(
        fake.requests("graphql")
            .iter()
            .all(|r| r.auth.contains(TOKEN))
    );
    // The summary was updated in place, not posted again.
    assert_eq!(fake.count("issues.create-comment"), 1);
    assert!(fake.count("issues.update-comment") >= 1);
    let comments = fake.with(|s| s.issue_comments.clone());
    assert_eq!(comments.len(), 1);
    assert!(comments[0].1.contains(&head2[..12]), "{}", comments[0].1);
    // creds.py is new; old.py pre-existing; the config.py key never reached the base.
    assert!(
        comments[0].1.contains("| 1 | 1 | 0 | 0 |"),
        "{}",
        comments[0].1
    );

    // Lifecycle: the removed key is CLOSED on the feature branch, the new one ACTIVE.
    let db = Db::connect(&db_url, None).await.unwrap();
    let rows = vigil::store::findings::list(&db, "github", REPO, "feature")
        .await
        .unwrap();
    let by_path = |p: &str| rows.iter().find(|r| r.path == p).unwrap().clone();
    assert_eq!(by_path("config.py").status, "CLOSED");
    assert_eq!(
        by_path("config.py").closed_in.as_deref(),
        Some(head2.as_str())
    );
    assert_eq!(by_path("creds.py").status, "ACTIVE");
    assert_eq!(by_path("old.py").status, "ACTIVE");
    let st = vigil::store::status::list(&db).await.unwrap();
    assert_eq!(st[0].status, "SUCCESSFUL");

    // The installation token was fetched once and cached across both jobs.
    assert_eq!(fake.count("apps.create-installation-access-token"), 1);
    // Every request body matched the documented shapes.
    let errors = fake.with(|s| s.schema_errors.clone());
    assert!(errors.is_empty(), "{errors:#?}");
    // The rate limit was honoured, and it shows in the metrics.
    wait_until("both jobs marked done", 10, || {
        http(&vigil.addr, "GET", "/metrics", &[], b"")
            .1
            .contains(r#"vigil_jobs{state="done"} 2"#)
    })
    .await;
    let (_, metrics) = http(&vigil.addr, "GET", "/metrics", &[], b"");
    assert!(
        metrics.contains(r#"vigil_rate_limit_waits_total{platform="github"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"vigil_jobs{state="done"} 2"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"vigil_findings_total{severity="CRITICAL"}"#),
        "{metrics}"
    );
    // No token, secret or key material in the logs.
    let logs = vigil.logs();
    assert!(logs.contains("job finished"), "logs captured: {logs}");
    assert!(!logs.contains(TOKEN), "token leaked into logs");
    assert!(!logs.contains(SECRET), "webhook secret leaked into logs");
    assert!(!logs.contains("PRIVATE KEY"), "key leaked into logs");
    let key = std::fs::read_to_string(dir.path().join("app-key.pem")).unwrap();
    let key_line = key.lines().nth(1).unwrap();
    assert!(!logs.contains(key_line), "key leaked into logs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_job_is_picked_up_after_the_lease_expires() {
    let remote = GitRemote::new();
    let (base, head) = setup_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
        s.delays
            .insert("pulls.list-files".into(), Duration::from_secs(60));
    });
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), &api);
    o.lease_secs = 2;
    let db_url = o.database_url.clone();
    let mut first = start_vigil(&o);
    let (s, _) = deliver(
        &first.addr,
        "pull_request",
        "kill-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    assert_eq!(s, 202);
    wait_until("the job to reach the diff request", 60, || {
        fake.count("pulls.list-files") >= 1
    })
    .await;
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    fake.with(|s| s.delays.clear());

    let second = start_vigil(&o);
    wait_until("the re-claimed job to complete", 60, || {
        completed_checks(&fake).len() == 1
    })
    .await;
    // The retry reused the check run created by the killed attempt.
    assert_eq!(fake.with(|s| s.check_runs.len()), 1);
    let q = vigil::queue::Queue::new(
        Db::connect(&db_url, None).await.unwrap(),
        Default::default(),
    );
    let mut state = None;
    for _ in 0..100 {
        state = q.job_state(1).await.unwrap().map(|j| j.0);
        if state.as_deref() == Some("done") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state.as_deref(), Some("done"));
    let (_, attempts, _) = q.job_state(1).await.unwrap().unwrap();
    assert_eq!(
        attempts, 2,
        "claimed once by the killed process, once after the lease expired"
    );
    drop(second);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_to_default_branch_runs_a_full_scan() {
    let remote = GitRemote::new();
    remote.write("settings.py", &format!("AWS = \"{}\"\n", fake_aws_key(9)));
    let sha = remote.commit("settings");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let o = ServeOpts::sqlite(dir.path(), &api);
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    let mut payload = webhook_fixture("push.with-new-branch.json");
    payload["ref"] = json!("refs/heads/main");
    payload["created"] = json!(false);
    payload["before"] = json!("1111111111111111111111111111111111111111");
    payload["after"] = json!(sha);
    payload["installation"] = json!({"id": INSTALLATION});
    payload["repository"]["full_name"] = json!(REPO);
    payload["repository"]["clone_url"] = json!(remote.url());
    payload["repository"]["default_branch"] = json!("main");
    let (s, b) = deliver(&vigil.addr, "push", "push-1", &payload);
    assert_eq!(s, 202, "{b}");
    wait_until("branch check run", 60, || {
        completed_checks(&fake).len() == 1
    })
    .await;
    let (_, conclusion, ann) = &completed_checks(&fake)[0];
    assert_eq!(conclusion, "failure");
    assert_eq!(ann[0]["path"], "settings.py");
    // No PR: no review and no summary comment.
    assert_eq!(fake.count("pulls.create-review"), 0);
    assert_eq!(fake.count("issues.create-comment"), 0);
    let db = Db::connect(&db_url, None).await.unwrap();
    let rows = vigil::store::findings::list(&db, "github", REPO, "main")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, "ACTIVE");
}

/// Benchmark, not a check (run with `--ignored --nocapture`): webhook → completed check
/// run for a pull request on a 100,000-line repository.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_pull_request_on_100k_lines() {
    let remote = GitRemote::new();
    for f in 0..200 {
        let mut text = String::with_capacity(500 * 40);
        for l in 0..500 {
            text.push_str(&format!("def f_{f}_{l}(x):  return x * {l} + {f}\n"));
        }
        remote.write(&format!("pkg{}/mod_{f}.py", f % 10), &text);
    }
    let base = remote.commit("100k lines");
    git(&remote.work, &["checkout", "-qb", "feature"]);
    remote.write(
        "pkg0/secret.py",
        &format!("KEY = \"{}\"\n", fake_aws_key(77)),
    );
    let head = remote.commit("key");
    remote.publish_pr(1);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
    });
    let dir = tempfile::tempdir().unwrap();
    let vigil = start_vigil(&ServeOpts::sqlite(dir.path(), &api));
    let t0 = std::time::Instant::now();
    let (s, _) = deliver(
        &vigil.addr,
        "pull_request",
        "bench-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    assert_eq!(s, 202);
    let ack = t0.elapsed();
    wait_until("check run", 300, || completed_checks(&fake).len() == 1).await;
    println!(
        "bench: 100,000-line repository, PR with 1 new secret: webhook ack {:.1} ms, webhook → completed check run {:.2} s (head scanned whole, base only for the changed files)",
        ack.as_secs_f64() * 1e3,
        t0.elapsed().as_secs_f64()
    );
}
