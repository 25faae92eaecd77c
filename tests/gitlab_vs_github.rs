//! One scenario through both platforms: the same repository and change request delivered
//! as a GitHub `pull_request` and as a GitLab Merge Request Hook to one `vigil serve`.
//! Everything above the platform interface is shared, so the findings reported must be
//! identical: the stored findings, the inline comments' places and findings, and the summary.

#[path = "github_support.rs"]
mod gh;
#[path = "gitlab_support.rs"]
mod gl;

use std::collections::BTreeSet;

use gh::{
    FakeGithub, GitRemote, REPO, completed_checks, deliver, fake_aws_key, git, pr_payload,
    wait_until,
};
use gl::*;
use vigil::store::Db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_change_request_same_findings_on_github_and_gitlab() {
    let remote = GitRemote::new();
    remote.write("README.md", "# demo\n");
    remote.write(
        "old.py",
        &format!("# legacy\nKEY_ID = \"{}\"\n", fake_aws_key(1)),
    );
    let base = remote.commit("base");
    git(&remote.work, &["checkout", "-qb", "feature"]);
    remote.write(
        "config.py",
        &format!(
            "import os\n\naws_access_key_id = \"{}\"\nregion = 'eu-west-1'\n",
            fake_aws_key(2)
        ),
    );
    remote.write(
        "deploy/creds.py",
        &format!("TOKEN = 'x'\nBACKUP_KEY = \"{}\"\n", fake_aws_key(3)),
    );
    let head = remote.commit("add keys");
    remote.publish_pr(1);

    let ghf = FakeGithub::new();
    let gh_server = ghf.start().await;
    let glf = FakeGitlab::new();
    let gl_server = glf.start().await;
    ghf.with(|s| {
        s.pr_files.insert(1, remote.pr_files(&base, &head));
    });
    glf.with(|s| {
        s.mrs.insert(
            1,
            FakeMr {
                head: head.clone(),
                base: base.clone(),
                source_branch: "feature".into(),
                target_branch: "main".into(),
                files: mr_files(&remote, &base, &head),
            },
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("vigil.db").display());
    let vigil = start_vigil_gl(
        dir.path(),
        &format!("{}{REL}", gl_server.uri()),
        Some(&gh_server.uri()),
    );

    let (s, b) = deliver(
        &vigil.addr,
        "pull_request",
        "gh-1",
        &pr_payload("opened", &remote, 1, &head, &base),
    );
    assert_eq!(s, 202, "{b}");
    let (s, b) = gl_deliver(
        &vigil.addr,
        "Merge Request Hook",
        "gl-1",
        GL_SECRET,
        &mr_hook("open", &remote, 1, &head, None),
    );
    assert_eq!(s, 202, "{b}");
    wait_until("both scans", 120, || {
        completed_checks(&ghf).len() == 1 && final_states(&glf, &head).len() == 1
    })
    .await;
    wait_until("both summaries", 30, || {
        ghf.with(|s| s.issue_comments.len()) == 1 && glf.with(|s| s.notes.len()) == 1
    })
    .await;

    // The verdict agrees.
    assert_eq!(completed_checks(&ghf)[0].1, "failure");
    assert_eq!(final_states(&glf, &head), ["failed"]);

    // The stored findings are identical.
    let db = Db::connect(&db_url, None).await.unwrap();
    let rows = |platform: &'static str| {
        let db = db.clone();
        async move {
            let mut v: Vec<_> = vigil::store::findings::list(&db, platform, REPO, "feature")
                .await
                .unwrap()
                .into_iter()
                .map(|r| {
                    (
                        r.fingerprint,
                        r.rule_id,
                        r.severity,
                        r.path,
                        r.line,
                        r.status,
                    )
                })
                .collect();
            v.sort();
            v
        }
    };
    let on_github = rows("github").await;
    let on_gitlab = rows("gitlab").await;
    assert_eq!(on_github.len(), 3, "{on_github:#?}");
    assert_eq!(on_github, on_gitlab);

    // The inline comments sit on the same lines and carry the same findings.
    let marker = |body: &str| {
        body.split("<!-- vigil:finding:")
            .nth(1)
            .and_then(|r| r.split(" -->").next())
            .unwrap_or_default()
            .to_string()
    };
    let gh_inline: BTreeSet<(String, u64, String)> = ghf.with(|s| {
        s.review_comments
            .values()
            .map(|(p, l, b)| (p.clone(), *l, marker(b)))
            .collect()
    });
    let gl_inline: BTreeSet<(String, u64, String)> = glf
        .threads()
        .iter()
        .filter_map(|t| {
            t.position
                .as_ref()
                .map(|(p, l)| (p.clone(), *l, marker(&t.notes[0])))
        })
        .collect();
    assert_eq!(gh_inline.len(), 2, "{gh_inline:?}");
    assert_eq!(gh_inline, gl_inline);
    // Same comment texts apart from where each platform keeps them.
    let gh_bodies: BTreeSet<String> =
        ghf.with(|s| s.review_comments.values().map(|c| c.2.clone()).collect());
    let gl_bodies: BTreeSet<String> = glf.threads().iter().map(|t| t.notes[0].clone()).collect();
    assert_eq!(gh_bodies, gl_bodies);

    // The summary says the same thing on both.
    let gh_summary = ghf.with(|s| s.issue_comments[0].1.clone());
    let gl_summary = glf.with(|s| s.notes[0].1.clone());
    assert_eq!(gh_summary, gl_summary);
    assert!(gl_summary.contains("config.py"), "{gl_summary}");
}
