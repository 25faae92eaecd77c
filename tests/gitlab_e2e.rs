//! End to end on GitLab: the documented webhook payloads (rewritten to a local bare
//! repository served by `git daemon`) into the real `vigil serve` (SQLite), and a fake
//! GitLab API under a relative URL path that checks every form body against the documented
//! parameter tables and records statuses, discussions and notes.

#[path = "github_support.rs"]
mod gh;
#[path = "gitlab_support.rs"]
mod gl;

use std::collections::VecDeque;
use std::time::Duration;

use gh::{GitRemote, REPO, fake_aws_key, git, http, wait_until};
use gl::*;
use vigil::store::Db;
use wiremock::ResponseTemplate;

/// main has a pre-existing key in old.py; the MR adds one in config.py (line 3) and one in
/// big.py (line 2), a new file whose diff GitLab reports as too large to show.
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
    remote.write(
        "big.py",
        &format!("# generated\nBIG_KEY = \"{}\"\n", fake_aws_key(4)),
    );
    let head = remote.commit("add config");
    (base, head)
}

/// The MR's diff as the fake serves it: big.py collapsed (empty diff, new file).
fn fake_mr(remote: &GitRemote, base: &str, head: &str) -> FakeMr {
    let files = mr_files(remote, base, head)
        .into_iter()
        .map(|(p, d)| {
            if p == "big.py" {
                (p, String::new())
            } else {
                (p, d)
            }
        })
        .collect();
    FakeMr {
        head: head.into(),
        base: base.into(),
        source_branch: "feature".into(),
        target_branch: "main".into(),
        files,
    }
}

async fn job_total(db_url: &str) -> i64 {
    let q = vigil::queue::Queue::new(Db::connect(db_url, None).await.unwrap(), Default::default());
    q.counts().await.unwrap().iter().map(|c| c.1).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_request_statuses_discussions_and_second_push() {
    let remote = GitRemote::new();
    let (base, head1) = setup_repo(&remote);
    let fake = FakeGitlab::new();
    let server = fake.start().await;
    let url = format!("{}{REL}", server.uri());
    fake.with(|s| {
        s.mrs.insert(1, fake_mr(&remote, &base, &head1));
        // Slow first API call of the worker: the pending status lands first.
        s.delays
            .insert("merge_requests.get".into(), Duration::from_millis(1500));
        // The API fails once with 502 (retried in place) and once with a rate limit.
        s.faults.insert(
            "merge_requests.versions.list".into(),
            VecDeque::from([ResponseTemplate::new(502).set_body_string("bad gateway")]),
        );
        s.faults.insert(
            "merge_requests.diffs.list".into(),
            VecDeque::from([ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .insert_header("RateLimit-Remaining", "0")
                .set_body_json(serde_json::json!({"message": "Retry later"}))]),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("vigil.db").display());
    let vigil = start_vigil_gl(dir.path(), &url, None);

    let hook = mr_hook("open", &remote, 1, &head1, None);
    // Forged or missing token: 401 and nothing stored.
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "k-forged",
        "not-the-secret",
        &hook,
    );
    assert_eq!(s, 401);
    let body = serde_json::to_vec(&hook).unwrap();
    let (s, _) = http(
        &vigil.addr,
        "POST",
        "/webhooks/gitlab",
        &[("X-Gitlab-Event", "Merge Request Hook")],
        &body,
    );
    assert_eq!(s, 401);
    assert_eq!(
        job_total(&db_url).await,
        0,
        "nothing queued for a bad token"
    );
    // Malformed JSON with a good token: 400.
    let (s, _) = http(
        &vigil.addr,
        "POST",
        "/webhooks/gitlab",
        &[
            ("X-Gitlab-Event", "Merge Request Hook"),
            ("X-Gitlab-Token", GL_SECRET),
        ],
        b"{not json",
    );
    assert_eq!(s, 400);

    let (s, b) = gl_deliver(&vigil.addr, "Merge Request Hook", "k-1", GL_SECRET, &hook);
    assert_eq!(s, 202, "{b}");
    let (s, _) = gl_deliver(&vigil.addr, "Merge Request Hook", "k-1", GL_SECRET, &hook);
    assert_eq!(s, 200, "redelivery acknowledged without a new job");
    wait_until("first final status", 90, || {
        final_states(&fake, &head1).len() == 1
    })
    .await;

    // pending on enqueue → running on start → failed (a new CRITICAL key).
    let st = fake.statuses(&head1);
    let states: Vec<&str> = st.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(states, ["pending", "running", "failed"], "{st:?}");
    let (_, desc, target) = &st[2];
    assert!(desc.contains("new finding"), "{desc}");
    assert!(desc.contains("critical"), "{desc}");
    assert_eq!(target, &format!("{url}/{REPO}/-/merge_requests/1"));
    for r in fake.requests("commits.statuses.create") {
        assert_eq!(r.param("name"), Some("vigil"));
    }

    // Positioned discussion only on the diff line; big.py fell back to a general thread.
    let threads = fake.threads();
    assert_eq!(threads.len(), 2, "{threads:#?}");
    let cfg = threads
        .iter()
        .find(|t| t.position.as_ref().is_some_and(|p| p.0 == "config.py"))
        .expect("config.py thread");
    assert_eq!(cfg.position, Some(("config.py".into(), 3)));
    assert_eq!(
        cfg.position_shas,
        Some((base.clone(), base.clone(), head1.clone()))
    );
    let big = threads.iter().find(|t| t.position.is_none()).unwrap();
    assert!(big.notes[0].contains("`big.py` line 2"), "{}", big.notes[0]);
    assert!(!threads.iter().any(|t| t.notes[0].contains("old.py")));
    // The 502 on the versions call was retried in place.
    assert_eq!(fake.count("merge_requests.versions.list"), 2);
    let create = fake.requests("discussions.merge_request.create");
    assert_eq!(create.len(), 3, "config.py, big.py refused, big.py general");
    assert_eq!(create[0].param("position[position_type]"), Some("text"));
    // One summary note with the marker.
    let notes = fake.with(|s| s.notes.clone());
    assert_eq!(notes.len(), 1);
    assert!(notes[0].1.contains("<!-- vigil:summary -->"));
    assert!(notes[0].1.contains(&head1[..12]));
    // The token went in PRIVATE-TOKEN on every call, never elsewhere.
    assert!(fake.with(|s| s.requests.iter().all(|r| r.token == GL_TOKEN)));

    // A label edit (no oldrev) starts nothing.
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "k-label",
        GL_SECRET,
        &mr_hook("update", &remote, 1, &head1, None),
    );
    assert_eq!(s, 202, "{b}");
    assert!(b.contains("ignored"), "{b}");

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
    fake.with(|s| {
        s.mrs.insert(1, fake_mr(&remote, &base, &head2));
    });
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "k-2",
        GL_SECRET,
        &mr_hook("update", &remote, 1, &head2, Some(&head1)),
    );
    assert_eq!(s, 202, "{b}");
    wait_until("second final status", 90, || {
        final_states(&fake, &head2).len() == 1
    })
    .await;
    assert_eq!(final_states(&fake, &head2), ["failed"]);
    assert_eq!(final_states(&fake, &head1), ["failed"], "one scan of head1");

    let threads = fake.threads();
    assert_eq!(threads.len(), 3, "no finding discussed twice: {threads:#?}");
    let creds = threads
        .iter()
        .find(|t| t.position.as_ref().is_some_and(|p| p.0 == "creds.py"))
        .expect("creds.py thread");
    assert_eq!(creds.position, Some(("creds.py".into(), 2)));
    assert_eq!(
        creds.position_shas,
        Some((base.clone(), base.clone(), head2.clone()))
    );
    let cfg = threads
        .iter()
        .find(|t| t.position.as_ref().is_some_and(|p| p.0 == "config.py"))
        .unwrap();
    assert!(cfg.resolved, "the fixed finding's thread is resolved");
    assert!(
        cfg.notes.last().unwrap().contains(&head2[..12]),
        "{:?}",
        cfg.notes
    );
    let big = threads.iter().find(|t| t.position.is_none()).unwrap();
    assert!(!big.resolved, "big.py still has its key");
    // The summary was edited in place.
    assert_eq!(fake.count("notes.create"), 1);
    assert!(fake.count("notes.modify") >= 1);
    let notes = fake.with(|s| s.notes.clone());
    assert_eq!(notes.len(), 1);
    assert!(notes[0].1.contains(&head2[..12]), "{}", notes[0].1);

    // Lifecycle in the shared store.
    let db = Db::connect(&db_url, None).await.unwrap();
    let rows = vigil::store::findings::list(&db, "gitlab", REPO, "feature")
        .await
        .unwrap();
    let by_path = |p: &str| rows.iter().find(|r| r.path == p).unwrap().clone();
    assert_eq!(by_path("config.py").status, "CLOSED");
    assert_eq!(by_path("creds.py").status, "ACTIVE");
    assert_eq!(
        job_total(&db_url).await,
        2,
        "two scans, nothing else queued"
    );

    let errors = fake.with(|s| s.shape_errors.clone());
    assert!(errors.is_empty(), "{errors:#?}");
    let (_, metrics) = http(&vigil.addr, "GET", "/metrics", &[], b"");
    assert!(
        metrics.contains(r#"vigil_rate_limit_waits_total{platform="gitlab"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(
            r#"vigil_webhooks_total{platform="gitlab",event="merge_request",outcome="unauthorized"} 2"#
        ),
        "{metrics}"
    );
    let logs = vigil.logs();
    assert!(logs.contains("job finished"), "{logs}");
    assert!(!logs.contains(GL_TOKEN), "token leaked into logs");
    assert!(!logs.contains(GL_SECRET), "webhook secret leaked into logs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rescan_notes_need_developer_and_pushes_scan_the_default_branch() {
    let remote = GitRemote::new();
    let (base, head) = setup_repo(&remote);
    let fake = FakeGitlab::new();
    let server = fake.start().await;
    let url = format!("{}{REL}", server.uri());
    fake.with(|s| {
        s.mrs.insert(7, fake_mr(&remote, &base, &head));
    });
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("vigil.db").display());
    let vigil = start_vigil_gl(dir.path(), &url, None);
    let q = vigil::queue::Queue::new(
        Db::connect(&db_url, None).await.unwrap(),
        Default::default(),
    );

    // A guest asks: the job checks the role and refuses; nothing is posted.
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Note Hook",
        "n-1",
        GL_SECRET,
        &note_hook(&remote, 7, "/vigil rescan", GUEST),
    );
    assert_eq!(s, 202, "{b}");
    let mut state = None;
    for _ in 0..300 {
        state = q.job_state(1).await.unwrap().map(|j| j.0);
        if state.as_deref() == Some("done") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(state.as_deref(), Some("done"));
    assert_eq!(fake.count("members.get"), 1);
    assert!(fake.statuses(&head).is_empty());
    // An ordinary comment is not a command.
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Note Hook",
        "n-2",
        GL_SECRET,
        &note_hook(&remote, 7, "nice work", DEVELOPER),
    );
    assert_eq!(s, 202);
    // A developer asks: the MR's current head is scanned.
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Note Hook",
        "n-3",
        GL_SECRET,
        &note_hook(&remote, 7, "/vigil rescan", DEVELOPER),
    );
    assert_eq!(s, 202);
    wait_until("rescan status", 90, || {
        final_states(&fake, &head).len() == 1
    })
    .await;
    let states: Vec<String> = fake.statuses(&head).into_iter().map(|s| s.0).collect();
    assert_eq!(states, ["running", "failed"]);
    assert_eq!(fake.threads().len(), 2);

    // Push to the default branch: a full scan of that commit.
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Push Hook",
        "p-1",
        GL_SECRET,
        &push_hook(&remote, "0000000000000000000000000000000000000000", &base),
    );
    assert_eq!(s, 202, "{b}");
    wait_until("branch status", 90, || {
        final_states(&fake, &base).len() == 1
    })
    .await;
    let states: Vec<String> = fake.statuses(&base).into_iter().map(|s| s.0).collect();
    assert_eq!(states.last().map(String::as_str), Some("failed"));
    assert!(states.contains(&"running".to_string()), "{states:?}");
    let (_, _, target) = fake.statuses(&base).pop().unwrap();
    assert_eq!(target, format!("{url}/{REPO}/-/commit/{base}"));
    // The same push through an instance-wide System Hook.
    let (s, _) = gl_deliver(
        &vigil.addr,
        "System Hook",
        "p-sys",
        GL_SECRET,
        &push_hook(&remote, "0000000000000000000000000000000000000000", &base),
    );
    assert_eq!(s, 202);
    wait_until("system hook scan", 90, || {
        final_states(&fake, &base).len() == 2
    })
    .await;
    let db = Db::connect(&db_url, None).await.unwrap();
    let rows = vigil::store::findings::list(&db, "gitlab", REPO, "main")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].path, "old.py");
    // A tag push and a push to another branch start nothing.
    let mut other = push_hook(&remote, &base, &head);
    other["ref"] = serde_json::json!("refs/heads/feature");
    let (s, b) = gl_deliver(&vigil.addr, "Push Hook", "p-2", GL_SECRET, &other);
    assert_eq!(s, 202);
    assert!(b.contains("ignored"), "{b}");
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Tag Push Hook",
        "t-1",
        GL_SECRET,
        &gl_webhook_fixture("tag_push.json"),
    );
    assert_eq!(s, 202);
    let errors = fake.with(|s| s.shape_errors.clone());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_scans_superseded_or_closed_cancel_their_pending_status() {
    let remote = GitRemote::new();
    let (base, head1) = setup_repo(&remote);
    remote.write("app.py", "def main():\n    return 3\n");
    let head2 = remote.commit("again");
    let fake = FakeGitlab::new();
    let server = fake.start().await;
    let url = format!("{}{REL}", server.uri());
    fake.with(|s| {
        s.mrs.insert(3, fake_mr(&remote, &base, &head2));
    });
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("vigil.db").display());
    // No workers: jobs stay queued.
    let vigil = start_vigil_gl_with(dir.path(), &url, None, 0);
    let q = vigil::queue::Queue::new(
        Db::connect(&db_url, None).await.unwrap(),
        Default::default(),
    );

    let (s, _) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "q-1",
        GL_SECRET,
        &mr_hook("open", &remote, 3, &head1, None),
    );
    assert_eq!(s, 202);
    wait_until("pending on head1", 30, || fake.statuses(&head1).len() == 1).await;
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "q-2",
        GL_SECRET,
        &mr_hook("update", &remote, 3, &head2, Some(&head1)),
    );
    assert_eq!(s, 202);
    wait_until("head1 cancelled", 30, || fake.statuses(&head1).len() == 2).await;
    let st1: Vec<String> = fake.statuses(&head1).into_iter().map(|s| s.0).collect();
    assert_eq!(st1, ["pending", "canceled"]);
    assert!(fake.statuses(&head1)[1].1.contains("Superseded"));
    assert_eq!(q.job_state(1).await.unwrap().unwrap().0, "cancelled");

    // Closing the MR drops its queued scan and cancels the pending status.
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "q-3",
        GL_SECRET,
        &mr_hook("close", &remote, 3, &head2, None),
    );
    assert_eq!(s, 202, "{b}");
    assert!(b.contains("dropped"), "{b}");
    wait_until("head2 cancelled", 30, || fake.statuses(&head2).len() == 2).await;
    let st2: Vec<String> = fake.statuses(&head2).into_iter().map(|s| s.0).collect();
    assert_eq!(st2, ["pending", "canceled"]);
    assert_eq!(q.job_state(2).await.unwrap().unwrap().0, "cancelled");
    let (s, _) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "q-3",
        GL_SECRET,
        &mr_hook("close", &remote, 3, &head2, None),
    );
    assert_eq!(s, 200, "a redelivered close is a duplicate");

    // Bodies over 25 MB are refused before anything else happens.
    let big = vec![b' '; 26 * 1024 * 1024];
    let (s, _) = http(
        &vigil.addr,
        "POST",
        "/webhooks/gitlab",
        &[
            ("X-Gitlab-Event", "Push Hook"),
            ("X-Gitlab-Token", GL_SECRET),
        ],
        &big,
    );
    assert_eq!(s, 413);
    assert_eq!(job_total(&db_url).await, 2);
    let errors = fake.with(|s| s.shape_errors.clone());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkout_over_http_uses_the_token_as_oauth2_under_a_relative_path() {
    let remote = GitRemote::new();
    let (base, head) = setup_repo(&remote);
    let (port, log) = serve_git(remote.root.path().join("srv"), REL, "oauth2", GL_TOKEN);
    let clone_url = format!("http://127.0.0.1:{port}{REL}/{REPO}.git");
    let fake = FakeGitlab::new();
    let server = fake.start().await;
    let url = format!("{}{REL}", server.uri());
    fake.with(|s| {
        s.mrs.insert(1, fake_mr(&remote, &base, &head));
    });
    let dir = tempfile::tempdir().unwrap();
    let vigil = start_vigil_gl(dir.path(), &url, None);
    let mut hook = mr_hook("open", &remote, 1, &head, None);
    hook["project"]["git_http_url"] = serde_json::json!(clone_url);
    let (s, b) = gl_deliver(&vigil.addr, "Merge Request Hook", "h-1", GL_SECRET, &hook);
    assert_eq!(s, 202, "{b}");
    wait_until("final status", 90, || final_states(&fake, &head).len() == 1).await;
    assert_eq!(final_states(&fake, &head), ["failed"]);
    assert_eq!(fake.threads().len(), 2);
    let seen = log.lock().unwrap().clone();
    assert!(
        seen.iter().any(|(_, _, ok)| !ok),
        "first request unauthenticated (challenge): {seen:?}"
    );
    assert!(
        seen.iter().any(|(_, _, ok)| *ok),
        "then Basic oauth2:<token> from the credentials callback: {seen:?}"
    );
    assert!(
        seen.iter()
            .all(|(_, t, _)| t.starts_with(REL) && !t.contains(GL_TOKEN))
    );
    let logs = vigil.logs();
    assert!(!logs.contains(GL_TOKEN), "token leaked into logs");
}
