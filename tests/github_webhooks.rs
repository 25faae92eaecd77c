//! The GitHub webhook endpoint of the real `vigil serve` (no workers, so stored jobs stay
//! queued for inspection): signatures, status codes, redelivery, installation events,
//! health, readiness and metrics.

#[path = "github_support.rs"]
mod support;

use serde_json::json;
use support::*;
use vigil::queue::Queue;
use vigil::store::Db;

struct Env {
    _dir: tempfile::TempDir,
    vigil: Vigil,
    db_url: String,
}

fn start() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let mut o = ServeOpts::sqlite(dir.path(), "http://127.0.0.1:9");
    o.workers = 0;
    let db_url = o.database_url.clone();
    let vigil = start_vigil(&o);
    Env {
        _dir: dir,
        vigil,
        db_url,
    }
}

async fn queue(url: &str) -> Queue {
    Queue::new(Db::connect(url, None).await.unwrap(), Default::default())
}

#[tokio::test]
async fn forged_or_missing_signature_is_401_and_nothing_is_stored() {
    let env = start();
    let body = serde_json::to_vec(&webhook_fixture("pull_request.opened.json")).unwrap();
    let forged = vigil::platform::github::webhook::sign(b"not-the-secret", &body);
    for sig in [
        Some(forged.as_str()),
        None,
        Some("sha256=00"),
        Some("sha1=abcdef"),
    ] {
        let mut headers = vec![
            ("X-GitHub-Event", "pull_request"),
            ("X-GitHub-Delivery", "forged-1"),
        ];
        if let Some(s) = sig {
            headers.push(("X-Hub-Signature-256", s));
        }
        let (status, _) = http(&env.vigil.addr, "POST", "/webhooks/github", &headers, &body);
        assert_eq!(status, 401, "signature {sig:?}");
    }
    // Tampered body with a signature of the original.
    let good = vigil::platform::github::webhook::sign(SECRET.as_bytes(), &body);
    let mut tampered = body.clone();
    tampered[10] ^= 1;
    let (status, _) = http(
        &env.vigil.addr,
        "POST",
        "/webhooks/github",
        &[
            ("X-GitHub-Event", "pull_request"),
            ("X-GitHub-Delivery", "forged-2"),
            ("X-Hub-Signature-256", &good),
        ],
        &tampered,
    );
    assert_eq!(status, 401);
    let q = queue(&env.db_url).await;
    assert!(q.counts().await.unwrap().is_empty(), "no job stored");
    assert!(
        q.record_delivery("github", "forged-1", "x").await.unwrap(),
        "delivery id was not recorded"
    );
}

#[tokio::test]
async fn status_codes_for_malformed_unknown_ping_and_oversized() {
    let env = start();
    let addr = &env.vigil.addr;
    // Malformed JSON with a valid signature.
    let bad = b"{\"action\": ";
    let sig = vigil::platform::github::webhook::sign(SECRET.as_bytes(), bad);
    let (s, _) = http(
        addr,
        "POST",
        "/webhooks/github",
        &[
            ("X-GitHub-Event", "push"),
            ("X-GitHub-Delivery", "m-1"),
            ("X-Hub-Signature-256", &sig),
        ],
        bad,
    );
    assert_eq!(s, 400);
    // Missing delivery id.
    let body = b"{}";
    let sig = vigil::platform::github::webhook::sign(SECRET.as_bytes(), body);
    let (s, _) = http(
        addr,
        "POST",
        "/webhooks/github",
        &[("X-GitHub-Event", "push"), ("X-Hub-Signature-256", &sig)],
        body,
    );
    assert_eq!(s, 400);
    // Unknown event.
    let (s, body) = deliver(addr, "star", "u-1", &json!({"action": "created"}));
    assert_eq!(s, 202, "{body}");
    // Ping.
    let (s, _) = deliver(
        addr,
        "ping",
        "p-1",
        &webhook_fixture("ping.with-app_id.json"),
    );
    assert_eq!(s, 200);
    // Over 25 MB.
    let big = vec![b' '; 25 * 1024 * 1024 + 10];
    let (s, _) = http(
        addr,
        "POST",
        "/webhooks/github",
        &[
            ("X-GitHub-Event", "push"),
            ("X-GitHub-Delivery", "big-1"),
            ("X-Hub-Signature-256", "sha256=00"),
        ],
        &big,
    );
    assert_eq!(s, 413);
    assert!(queue(&env.db_url).await.counts().await.unwrap().is_empty());
}

#[tokio::test]
async fn redelivery_stores_one_job() {
    let env = start();
    let mut payload = webhook_fixture("pull_request.opened.json");
    payload["installation"]["id"] = json!(INSTALLATION);
    let (s1, b1) = deliver(&env.vigil.addr, "pull_request", "dup-1", &payload);
    let (s2, b2) = deliver(&env.vigil.addr, "pull_request", "dup-1", &payload);
    assert_eq!(s1, 202, "{b1}");
    assert_eq!(s2, 200, "{b2}");
    assert!(b2.contains("duplicate"));
    let counts = queue(&env.db_url).await.counts().await.unwrap();
    assert_eq!(counts, vec![("queued".to_string(), 1)]);
}

#[tokio::test]
async fn installation_created_then_deleted() {
    let env = start();
    let mut created = webhook_fixture("installation.created.json");
    created["installation"]["id"] = json!(INSTALLATION);
    let (s, b) = deliver(&env.vigil.addr, "installation", "i-1", &created);
    assert_eq!(s, 202, "{b}");
    let db = Db::connect(&env.db_url, None).await.unwrap();
    let st = vigil::store::status::list(&db).await.unwrap();
    assert_eq!(st.len(), 1);
    assert_eq!(st[0].status, "PENDING_INITIAL_SCAN");
    let q = queue(&env.db_url).await;
    assert_eq!(q.counts().await.unwrap(), vec![("queued".to_string(), 1)]);
    let mut deleted = webhook_fixture("installation.deleted.json");
    deleted["installation"]["id"] = json!(INSTALLATION);
    let (s, b) = deliver(&env.vigil.addr, "installation", "i-2", &deleted);
    assert_eq!(s, 202, "{b}");
    assert_eq!(
        q.counts().await.unwrap(),
        vec![("cancelled".to_string(), 1)]
    );
    let st = vigil::store::status::list(&db).await.unwrap();
    assert_eq!(st[0].status, "UNINSTALLED");
    // `vigil status` prints it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["status"])
        .env("DATABASE_URL", &env.db_url)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains("Codertocat/Hello-World") && text.contains("UNINSTALLED"),
        "{text}"
    );
}

#[tokio::test]
async fn health_ready_and_metrics() {
    let env = start();
    let addr = &env.vigil.addr;
    assert_eq!(http(addr, "GET", "/healthz", &[], b"").0, 200);
    assert_eq!(http(addr, "GET", "/readyz", &[], b"").0, 200);
    deliver(addr, "ping", "p-2", &webhook_fixture("ping.json"));
    http(
        addr,
        "POST",
        "/webhooks/github",
        &[("X-GitHub-Event", "push"), ("X-GitHub-Delivery", "x")],
        b"{}",
    );
    let (s, text) = http(addr, "GET", "/metrics", &[], b"");
    assert_eq!(s, 200);
    assert!(
        text.contains("# TYPE vigil_webhooks_total counter"),
        "{text}"
    );
    assert!(
        text.contains(r#"vigil_webhooks_total{platform="github",event="ping",outcome="ping"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"outcome="unauthorized"} 1"#), "{text}");
    assert!(text.contains("vigil_workers_alive 0"), "{text}");
}
