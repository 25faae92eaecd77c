//! More events through the real `vigil serve`: `/vigil rescan` comments (with the write
//! permission check), initial scans on installation, superseding pushes, the size limit,
//! and check-run annotations sent in batches of 50.

#[path = "github_support.rs"]
mod support;

use std::time::Duration;

use serde_json::json;
use support::*;
use vigil::store::Db;

fn repo_json(remote: &GitRemote) -> serde_json::Value {
    let mut r = webhook_fixture("pull_request.opened.json")["repository"].clone();
    r["full_name"] = json!(REPO);
    r["clone_url"] = json!(remote.url());
    r["default_branch"] = json!("main");
    r
}

fn rescan_comment(remote: &GitRemote, user: &str) -> serde_json::Value {
    json!({
        "action": "created",
        "issue": {"number": 1, "pull_request": {"url": "https://api.github.com/repos/octo/demo/pulls/1"}},
        "comment": {"id": 77, "body": "/vigil rescan", "user": {"login": user, "type": "User"}},
        "repository": repo_json(remote),
        "installation": {"id": INSTALLATION},
    })
}

fn pr_repo(remote: &GitRemote) -> (String, String) {
    remote.write("README.md", "# demo\n");
    let base = remote.commit("base");
    git(&remote.work, &["checkout", "-qb", "feature"]);
    remote.write("keys.py", &format!("A = 1\nK = \"{}\"\n", fake_aws_key(11)));
    let head = remote.commit("key");
    remote.publish_pr(1);
    (base, head)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rescan_comment_needs_write_access() {
    let remote = GitRemote::new();
    let (base, head) = pr_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.prs.insert(1, (head.clone(), base.clone()));
        s.pr_files.insert(1, remote.pr_files(&base, &head));
    });
    let dir = tempfile::tempdir().unwrap();
    let vigil = start_vigil(&ServeOpts::sqlite(dir.path(), &api));
    // A reader's request is refused after the permission check: no scan.
    let (s, b) = deliver(
        &vigil.addr,
        "issue_comment",
        "c-1",
        &rescan_comment(&remote, "reader"),
    );
    assert_eq!(s, 202, "{b}");
    wait_until("permission check", 30, || {
        fake.count("repos.get-collaborator-permission-level") == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(fake.count("checks.create"), 0);
    // A maintainer's request scans the PR's current head.
    let (s, b) = deliver(
        &vigil.addr,
        "issue_comment",
        "c-2",
        &rescan_comment(&remote, "maintainer"),
    );
    assert_eq!(s, 202, "{b}");
    wait_until("rescan check run", 60, || {
        completed_checks(&fake).len() == 1
    })
    .await;
    assert_eq!(
        fake.requests("checks.create")[0].body["head_sha"],
        head.as_str()
    );
    assert_eq!(fake.count("pulls.get"), 1);
    // Comments by bots, or other text, are ignored outright.
    let mut other = rescan_comment(&remote, "maintainer");
    other["comment"]["body"] = json!("nice work");
    assert_eq!(deliver(&vigil.addr, "issue_comment", "c-3", &other).0, 202);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.count("repos.get-collaborator-permission-level"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installation_created_scans_the_default_branch() {
    let remote = GitRemote::new();
    remote.write("x.py", &format!("KEY = \"{}\"\n", fake_aws_key(21)));
    let sha = remote.commit("x");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), &api);
    // Installation payloads carry no clone URL: it is built from the web base URL.
    o.extra_env.push((
        "VIGIL_GITHUB_WEB_URL",
        format!("git://127.0.0.1:{}", remote.port),
    ));
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    let mut payload = webhook_fixture("installation.created.json");
    payload["installation"]["id"] = json!(INSTALLATION);
    payload["repositories"] =
        json!([{"id": 1, "name": "demo", "full_name": REPO, "private": false}]);
    let (s, b) = deliver(&vigil.addr, "installation", "inst-1", &payload);
    assert_eq!(s, 202, "{b}");
    wait_until("initial scan check run", 60, || {
        completed_checks(&fake).len() == 1
    })
    .await;
    assert_eq!(
        fake.requests("checks.create")[0].body["head_sha"],
        sha.as_str()
    );
    let db = Db::connect(&db_url, None).await.unwrap();
    let mut status = String::new();
    for _ in 0..50 {
        status = vigil::store::status::list(&db).await.unwrap()[0]
            .status
            .clone();
        if status == "SUCCESSFUL" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "SUCCESSFUL");
    // Recorded under the remote's default branch name, resolved from HEAD.
    let rows = vigil::store::findings::list(&db, "github", REPO, "main")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_push_supersedes_the_running_scan() {
    let remote = GitRemote::new();
    let (base, head1) = pr_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head1));
        s.delays
            .insert("pulls.list-files".into(), Duration::from_secs(3));
    });
    let dir = tempfile::tempdir().unwrap();
    let vigil = start_vigil(&ServeOpts::sqlite(dir.path(), &api));
    deliver(
        &vigil.addr,
        "pull_request",
        "s-1",
        &pr_payload("opened", &remote, 1, &head1, &base),
    );
    wait_until("first scan running", 30, || {
        fake.count("pulls.list-files") == 1
    })
    .await;
    remote.write("keys.py", "A = 1\n");
    let head2 = remote.commit("drop key");
    remote.publish_pr(1);
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head2));
        s.delays.clear();
    });
    deliver(
        &vigil.addr,
        "pull_request",
        "s-2",
        &pr_payload("synchronize", &remote, 1, &head2, &base),
    );
    wait_until("both check runs completed", 60, || {
        completed_checks(&fake).len() == 2
    })
    .await;
    let checks = completed_checks(&fake);
    let created = fake.requests("checks.create");
    let sha_of = |id: u64| {
        let idx = checks.iter().position(|c| c.0 == id).unwrap();
        created[idx].body["head_sha"].as_str().unwrap().to_string()
    };
    let old = checks.iter().find(|c| sha_of(c.0) == head1).unwrap();
    let new = checks.iter().find(|c| sha_of(c.0) == head2).unwrap();
    assert_eq!(old.1, "cancelled", "the stale scan is closed as cancelled");
    assert_eq!(new.1, "success");
    // The superseded scan posted nothing.
    assert_eq!(fake.count("pulls.create-review"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_limit_ends_the_scan_with_a_neutral_check() {
    let remote = GitRemote::new();
    for i in 0..5 {
        remote.write(&format!("f{i}.txt"), "x\n");
    }
    let sha = remote.commit("files");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), &api);
    o.extra_env.push(("VIGIL_MAX_FILES", "3".into()));
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    let mut payload = webhook_fixture("push.with-new-branch.json");
    payload["ref"] = json!("refs/heads/main");
    payload["after"] = json!(sha);
    payload["installation"] = json!({"id": INSTALLATION});
    payload["repository"] = repo_json(&remote);
    deliver(&vigil.addr, "push", "big-1", &payload);
    wait_until("neutral check", 60, || completed_checks(&fake).len() == 1).await;
    let (id, conclusion, _) = &completed_checks(&fake)[0];
    assert_eq!(conclusion, "neutral");
    let title = fake.with(|s| s.check_runs[id].last().unwrap()["output"]["title"].clone());
    assert!(
        title.as_str().unwrap().contains("SIZE_LIMIT_EXCEEDED"),
        "{title}"
    );
    let db = Db::connect(&db_url, None).await.unwrap();
    let st = &vigil::store::status::list(&db).await.unwrap()[0];
    assert_eq!(st.status, "SIZE_LIMIT_EXCEEDED");
    assert!(
        st.reason.as_deref().unwrap().contains("more than 3 files"),
        "{st:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn annotations_go_in_batches_of_fifty() {
    let remote = GitRemote::new();
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&format!("K{i} = \"{}\"\n", fake_aws_key(100 + i)));
    }
    remote.write("many.py", &text);
    let sha = remote.commit("many");
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let vigil = start_vigil(&ServeOpts::sqlite(dir.path(), &api));
    let mut payload = webhook_fixture("push.with-new-branch.json");
    payload["ref"] = json!("refs/heads/main");
    payload["after"] = json!(sha);
    payload["installation"] = json!({"id": INSTALLATION});
    payload["repository"] = repo_json(&remote);
    deliver(&vigil.addr, "push", "many-1", &payload);
    wait_until("check run", 60, || completed_checks(&fake).len() == 1).await;
    wait_until("all annotation batches", 10, || {
        completed_checks(&fake)[0].2.len() == 60
    })
    .await;
    let updates = fake.requests("checks.update");
    let sizes: Vec<usize> = updates
        .iter()
        .map(|u| {
            u.body["output"]["annotations"]
                .as_array()
                .map_or(0, |a| a.len())
        })
        .collect();
    assert_eq!(sizes, vec![50, 10]);
    assert_eq!(updates[0].body["status"], "completed");
    let errors = fake.with(|s| s.schema_errors.clone());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_review_still_reports_and_long_rate_limits_requeue() {
    let remote = GitRemote::new();
    let (base, head) = pr_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    let far = (chrono::Utc::now().timestamp() + 3600).to_string();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
        s.faults.insert(
            "pulls.create-review".into(),
            std::collections::VecDeque::from([wiremock::ResponseTemplate::new(422)
                .set_body_json(json!({"message": "Unprocessable Entity", "errors": ["Line could not be resolved"]}))]),
        );
        // A rate limit an hour long: the job goes back to the queue instead of waiting.
        s.faults.insert(
            "issues.list-comments".into(),
            std::collections::VecDeque::from([wiremock::ResponseTemplate::new(403)
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", far.as_str())
                .set_body_json(json!({"message": "API rate limit exceeded"}))]),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), &api);
    o.extra_env
        .push(("VIGIL_MAX_RATE_LIMIT_WAIT_SECS", "5".into()));
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    deliver(
        &vigil.addr,
        "pull_request",
        "r-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    let q = vigil::queue::Queue::new(
        Db::connect(&db_url, None).await.unwrap(),
        Default::default(),
    );
    let mut state = None;
    for _ in 0..300 {
        state = q.job_state(1).await.unwrap();
        if state.as_ref().is_some_and(|s| s.0 == "queued" && s.1 == 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (st, attempts, err) = state.unwrap();
    assert_eq!((st.as_str(), attempts), ("queued", 1));
    assert!(err.unwrap().contains("rate limited"));
    assert_eq!(
        fake.count("pulls.create-review"),
        1,
        "the rejected review was not retried in place"
    );
    assert!(
        completed_checks(&fake).is_empty(),
        "not completed while rate limited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exhausted_retries_fail_the_job_with_a_reason() {
    let remote = GitRemote::new();
    let (base, head) = pr_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
        let bad = || wiremock::ResponseTemplate::new(502).set_body_string("bad gateway");
        s.faults.insert(
            "pulls.list-files".into(),
            std::collections::VecDeque::from([bad(), bad(), bad()]),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), &api);
    o.extra_env.push(("VIGIL_MAX_ATTEMPTS", "1".into()));
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    deliver(
        &vigil.addr,
        "pull_request",
        "x-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    wait_until("neutral check", 60, || completed_checks(&fake).len() == 1).await;
    let (id, conclusion, _) = &completed_checks(&fake)[0];
    assert_eq!(conclusion, "neutral");
    let out = fake.with(|s| s.check_runs[id].last().unwrap()["output"].clone());
    assert!(
        out["title"].as_str().unwrap().contains("INTERNAL_ERROR"),
        "{out}"
    );
    assert!(
        out["summary"].as_str().unwrap().contains("HTTP 502"),
        "{out}"
    );
    assert_eq!(
        fake.count("pulls.list-files"),
        3,
        "three tries inside the one attempt"
    );
    let q = vigil::queue::Queue::new(
        Db::connect(&db_url, None).await.unwrap(),
        Default::default(),
    );
    let mut state = None;
    for _ in 0..50 {
        state = q.job_state(1).await.unwrap();
        if state.as_ref().is_some_and(|s| s.0 == "failed") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (st, _, err) = state.unwrap();
    assert_eq!(st, "failed");
    assert!(err.unwrap().contains("gave up after 1 attempts"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_database_does_not_repost_comments() {
    let remote = GitRemote::new();
    let (base, head) = pr_repo(&remote);
    let fake = FakeGithub::new();
    let server = fake.start().await;
    let api = server.uri();
    fake.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
    });
    let d1 = tempfile::tempdir().unwrap();
    let first = start_vigil(&ServeOpts::sqlite(d1.path(), &api));
    deliver(
        &first.addr,
        "pull_request",
        "lost-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    wait_until("first scan", 60, || completed_checks(&fake).len() == 1).await;
    assert_eq!(fake.with(|s| s.review_comments.len()), 1);
    drop(first);
    // A new deployment with an empty database sees the same pull request again.
    let d2 = tempfile::tempdir().unwrap();
    let second = start_vigil(&ServeOpts::sqlite(d2.path(), &api));
    deliver(
        &second.addr,
        "pull_request",
        "lost-2",
        &pr_payload("reopened", &remote, 1, &head, &base),
    );
    wait_until("second scan", 60, || completed_checks(&fake).len() == 2).await;
    assert_eq!(
        fake.with(|s| s.review_comments.len()),
        1,
        "found on the PR by its marker, not posted again"
    );
    assert_eq!(fake.count("pulls.create-review"), 1);
    assert_eq!(
        fake.with(|s| s.issue_comments.len()),
        1,
        "summary found by its marker and updated"
    );
}
