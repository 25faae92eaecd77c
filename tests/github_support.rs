//! Shared helpers of the GitHub end-to-end tests (included with `#[path]`): a fake GitHub
//! API on loopback that validates request bodies against the REST shapes in
//! `fixtures/github/rest/` and answers with their examples, a local bare repository served
//! by `git daemon` on loopback, the real `vigil serve` process, and a signed-delivery client.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

pub const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/github/");
pub const SECRET: &str = "test-webhook-secret-9f3k";
pub const TOKEN: &str = concat!("ghs_", "vigilTestInstallationToken0123456789");
pub const INSTALLATION: u64 = 42;
pub const REPO: &str = "octo/demo";

pub fn rest_fixture(op: &str) -> Value {
    serde_json::from_slice(&std::fs::read(format!("{FIX}rest/{op}.json")).unwrap()).unwrap()
}

pub fn webhook_fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(format!("{FIX}webhooks/{name}")).unwrap()).unwrap()
}

/// The first example of a response status of an operation fixture.
fn example(op: &str, status: &str) -> Value {
    let d = rest_fixture(op);
    let ex = &d["responses"][status]["content"]["application/json"]["examples"];
    ex.as_object()
        .and_then(|o| o.values().next())
        .map(|e| e["value"].clone())
        .unwrap_or(Value::Null)
}

/// One request the fake saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub op: String,
    pub body: Value,
    pub auth: String,
}

/// Mutable state of the fake GitHub.
#[derive(Default)]
pub struct GhState {
    pub requests: Vec<Seen>,
    next_id: u64,
    /// review comment id → (path, line, body)
    pub review_comments: HashMap<u64, (String, u64, String)>,
    /// review id → comment ids
    reviews: HashMap<u64, Vec<u64>>,
    /// issue comment id → body
    pub issue_comments: Vec<(u64, String)>,
    /// Comments by people on the PR (listed, never edited by vigil).
    pub human_comments: Vec<(u64, String)>,
    /// check run id → list of update bodies
    pub check_runs: HashMap<u64, Vec<Value>>,
    /// PR number → (head sha, base sha) for `pulls.get`
    pub prs: HashMap<u64, (String, String)>,
    /// PR number → files answer (filename, patch)
    pub pr_files: HashMap<u64, Vec<(String, String)>>,
    /// Canned failures by op, served before the real answer.
    pub faults: HashMap<String, VecDeque<ResponseTemplate>>,
    /// Delay added to every answer of an op.
    pub delays: HashMap<String, Duration>,
    pub schema_errors: Vec<String>,
    /// GraphQL review-thread ids resolved by vigil.
    pub resolved_threads: Vec<String>,
}

#[derive(Clone, Default)]
pub struct FakeGithub {
    pub state: Arc<Mutex<GhState>>,
    schemas: Arc<HashMap<&'static str, Value>>,
}

/// Request-body schemas of the operations that take a body.
fn load_schemas() -> HashMap<&'static str, Value> {
    let mut m = HashMap::new();
    for op in [
        "checks.create",
        "checks.update",
        "pulls.create-review",
        "issues.create-comment",
        "issues.update-comment",
    ] {
        let d = rest_fixture(op);
        m.insert(
            op,
            d["requestBody"]["content"]["application/json"]["schema"].clone(),
        );
    }
    m
}

fn classify(method: &str, path: &str) -> String {
    let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let op = match (method, seg.as_slice()) {
        ("POST", ["app", "installations", _, "access_tokens"]) => {
            "apps.create-installation-access-token"
        }
        ("POST", ["repos", _, _, "check-runs"]) => "checks.create",
        ("PATCH", ["repos", _, _, "check-runs", _]) => "checks.update",
        ("GET", ["repos", _, _, "pulls", _, "files"]) => "pulls.list-files",
        ("GET", ["repos", _, _, "pulls", n, "comments"]) if *n != "comments" => {
            "pulls.list-review-comments"
        }
        ("GET", ["repos", _, _, "pulls", _]) => "pulls.get",
        ("POST", ["repos", _, _, "pulls", _, "reviews"]) => "pulls.create-review",
        ("GET", ["repos", _, _, "pulls", _, "reviews", _, "comments"]) => {
            "pulls.list-comments-for-review"
        }
        ("GET", ["repos", _, _, "pulls", "comments", _]) => "pulls.get-review-comment",
        ("PATCH", ["repos", _, _, "pulls", "comments", _]) => "pulls.update-review-comment",
        ("GET", ["repos", _, _, "issues", _, "comments"]) => "issues.list-comments",
        ("POST", ["repos", _, _, "issues", _, "comments"]) => "issues.create-comment",
        ("PATCH", ["repos", _, _, "issues", "comments", _]) => "issues.update-comment",
        ("GET", ["repos", _, _, "collaborators", _, "permission"]) => {
            "repos.get-collaborator-permission-level"
        }
        ("POST", ["graphql"]) => "graphql",
        _ => "unknown",
    };
    op.to_string()
}

impl FakeGithub {
    pub fn new() -> FakeGithub {
        FakeGithub {
            state: Arc::default(),
            schemas: Arc::new(load_schemas()),
        }
    }

    pub async fn start(&self) -> MockServer {
        let server = MockServer::builder().start().await;
        Mock::given(any())
            .respond_with(self.clone())
            .mount(&server)
            .await;
        server
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut GhState) -> R) -> R {
        f(&mut self.state.lock().unwrap())
    }

    pub fn count(&self, op: &str) -> usize {
        self.with(|s| s.requests.iter().filter(|r| r.op == op).count())
    }

    pub fn requests(&self, op: &str) -> Vec<Seen> {
        self.with(|s| s.requests.iter().filter(|r| r.op == op).cloned().collect())
    }

    fn answer(&self, st: &mut GhState, op: &str, path: &str, body: &Value) -> ResponseTemplate {
        let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let num = |i: usize| seg.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
        st.next_id += 1;
        let id = 1000 + st.next_id;
        match op {
            "apps.create-installation-access-token" => {
                let mut v = example(op, "201");
                v["token"] = json!(TOKEN);
                v["expires_at"] =
                    json!((chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339());
                ResponseTemplate::new(201).set_body_json(v)
            }
            "checks.create" => {
                let mut v = example(op, "201");
                v["id"] = json!(id);
                v["head_sha"] = body["head_sha"].clone();
                v["status"] = body["status"].clone();
                st.check_runs.insert(id, vec![body.clone()]);
                ResponseTemplate::new(201).set_body_json(v)
            }
            "checks.update" => {
                let run = num(4);
                st.check_runs.entry(run).or_default().push(body.clone());
                let mut v = example(op, "200");
                v["id"] = json!(run);
                ResponseTemplate::new(200).set_body_json(v)
            }
            "pulls.list-files" => {
                let pr = num(4);
                let page = path.contains("page=1") || !path.contains("page=");
                let files: Vec<Value> = if page {
                    st.pr_files
                        .get(&pr)
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(f, p)| {
                            let mut v = example(op, "200")[0].clone();
                            v["filename"] = json!(f);
                            v["patch"] = json!(p);
                            v["status"] = json!("modified");
                            v
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                ResponseTemplate::new(200).set_body_json(Value::Array(files))
            }
            "pulls.get" => {
                let pr = num(4);
                match st.prs.get(&pr) {
                    Some((head, base)) => ResponseTemplate::new(200).set_body_json(json!({
                        "number": pr,
                        "state": "open",
                        "head": {"sha": head, "ref": "feature"},
                        "base": {"sha": base, "ref": "main"},
                    })),
                    None => {
                        ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"}))
                    }
                }
            }
            "pulls.create-review" => {
                let mut ids = Vec::new();
                for c in body["comments"].as_array().into_iter().flatten() {
                    st.next_id += 1;
                    let cid = 5000 + st.next_id;
                    st.review_comments.insert(
                        cid,
                        (
                            c["path"].as_str().unwrap_or_default().to_string(),
                            c["line"].as_u64().unwrap_or(0),
                            c["body"].as_str().unwrap_or_default().to_string(),
                        ),
                    );
                    ids.push(cid);
                }
                st.reviews.insert(id, ids);
                let mut v = example(op, "200");
                v["id"] = json!(id);
                ResponseTemplate::new(200).set_body_json(v)
            }
            "pulls.list-comments-for-review" => {
                let review = num(6);
                let base = example("pulls.create-review-comment", "201");
                let list: Vec<Value> = st
                    .reviews
                    .get(&review)
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|cid| {
                        st.review_comments.get(cid).map(|(p, l, b)| {
                            let mut v = base.clone();
                            v["id"] = json!(cid);
                            v["path"] = json!(p);
                            v["line"] = json!(l);
                            v["body"] = json!(b);
                            v
                        })
                    })
                    .collect();
                ResponseTemplate::new(200).set_body_json(Value::Array(list))
            }
            "pulls.list-review-comments" => {
                let base = example("pulls.create-review-comment", "201");
                let mut ids: Vec<u64> = st.review_comments.keys().copied().collect();
                ids.sort();
                let first_page = path.contains("page=1") || !path.contains("page=");
                let list: Vec<Value> = ids
                    .iter()
                    .filter(|_| first_page)
                    .map(|cid| {
                        let (p, l, b) = &st.review_comments[cid];
                        let mut v = base.clone();
                        v["id"] = json!(cid);
                        v["path"] = json!(p);
                        v["line"] = json!(l);
                        v["body"] = json!(b);
                        v
                    })
                    .collect();
                ResponseTemplate::new(200).set_body_json(Value::Array(list))
            }
            "pulls.get-review-comment" | "pulls.update-review-comment" => {
                let cid = num(5);
                let Some(entry) = st.review_comments.get_mut(&cid) else {
                    return ResponseTemplate::new(404)
                        .set_body_json(json!({"message": "Not Found"}));
                };
                if op == "pulls.update-review-comment" {
                    entry.2 = body["body"].as_str().unwrap_or_default().to_string();
                }
                let mut v = example("pulls.create-review-comment", "201");
                v["id"] = json!(cid);
                v["body"] = json!(entry.2);
                ResponseTemplate::new(200).set_body_json(v)
            }
            "issues.list-comments" => {
                let base = example("issues.create-comment", "201");
                let list: Vec<Value> = if path.contains("page=1") || !path.contains("page=") {
                    // People's comments first (one may quote the marker), then vigil's.
                    let people = st.human_comments.iter().map(|c| (c, "User"));
                    let bots = st.issue_comments.iter().map(|c| (c, "Bot"));
                    people
                        .chain(bots)
                        .map(|((cid, b), kind)| {
                            let mut v = base.clone();
                            v["id"] = json!(cid);
                            v["body"] = json!(b);
                            v["user"]["type"] = json!(kind);
                            v
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                ResponseTemplate::new(200).set_body_json(Value::Array(list))
            }
            "issues.create-comment" => {
                let b = body["body"].as_str().unwrap_or_default().to_string();
                st.issue_comments.push((id, b.clone()));
                let mut v = example(op, "201");
                v["id"] = json!(id);
                v["body"] = json!(b);
                ResponseTemplate::new(201).set_body_json(v)
            }
            "issues.update-comment" => {
                let cid = num(5);
                let b = body["body"].as_str().unwrap_or_default().to_string();
                match st.issue_comments.iter_mut().find(|(i, _)| *i == cid) {
                    Some(c) => c.1 = b.clone(),
                    None => {
                        return ResponseTemplate::new(404)
                            .set_body_json(json!({"message": "Not Found"}));
                    }
                }
                let mut v = example(op, "200");
                v["id"] = json!(cid);
                v["body"] = json!(b);
                ResponseTemplate::new(200).set_body_json(v)
            }
            "graphql" => {
                let q = body["query"].as_str().unwrap_or_default();
                if q.contains("resolveReviewThread") {
                    let id = body["variables"]["id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    st.resolved_threads.push(id.clone());
                    return ResponseTemplate::new(200)
                        .set_body_json(json!({"data": {"resolveReviewThread": {"thread": {"id": id, "isResolved": true}}}}));
                }
                let mut ids: Vec<u64> = st.review_comments.keys().copied().collect();
                ids.sort();
                let nodes: Vec<Value> = ids
                    .iter()
                    .map(|cid| {
                        let tid = format!("PRRT_{cid}");
                        json!({"id": tid, "isResolved": st.resolved_threads.contains(&tid),
                               "comments": {"nodes": [{"databaseId": cid}]}})
                    })
                    .collect();
                ResponseTemplate::new(200).set_body_json(
                    json!({"data": {"repository": {"pullRequest": {"reviewThreads": {
                    "pageInfo": {"hasNextPage": false, "endCursor": null}, "nodes": nodes}}}}}),
                )
            }
            "repos.get-collaborator-permission-level" => {
                let user = seg.get(4).copied().unwrap_or_default();
                let perm = if user == "maintainer" {
                    "write"
                } else {
                    "read"
                };
                ResponseTemplate::new(200)
                    .set_body_json(json!({"permission": perm, "role_name": perm}))
            }
            _ => ResponseTemplate::new(404)
                .set_body_json(json!({"message": format!("fake GitHub: no route for {path}")})),
        }
    }
}

impl Respond for FakeGithub {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let method = req.method.to_string();
        let path = match req.url.query() {
            Some(q) => format!("{}?{q}", req.url.path()),
            None => req.url.path().to_string(),
        };
        let op = classify(&method, req.url.path());
        let body: Value = if req.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&req.body).unwrap_or(Value::String("<not json>".into()))
        };
        let auth = req
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let mut st = self.state.lock().unwrap();
        if let Some(schema) = self.schemas.get(op.as_str()) {
            match jsonschema::validator_for(schema) {
                Ok(v) => {
                    for e in v.iter_errors(&body) {
                        st.schema_errors
                            .push(format!("{op}: {e} at {}", e.instance_path));
                    }
                }
                Err(e) => st.schema_errors.push(format!("{op}: schema unusable: {e}")),
            }
        }
        st.requests.push(Seen {
            method,
            path: path.clone(),
            op: op.clone(),
            body: body.clone(),
            auth,
        });
        let delay = st.delays.get(&op).copied();
        if let Some(fault) = st.faults.get_mut(&op).and_then(|q| q.pop_front()) {
            return fault;
        }
        let r = self.answer(&mut st, &op, &path, &body);
        match delay {
            Some(d) => r.set_delay(d),
            None => r,
        }
    }
}

/// Runs git with a fixed identity; panics with stderr on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A fake AWS access key built at run time (never the allowlisted documentation key).
pub fn fake_aws_key(seed: u32) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(97);
    let mut k = String::from("AKIA");
    for _ in 0..16 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        k.push(ALPHA[(x % 32) as usize] as char);
    }
    k
}

/// A bare repository served by `git daemon` on loopback, plus a work tree to commit in.
pub struct GitRemote {
    pub root: tempfile::TempDir,
    pub work: PathBuf,
    pub bare: PathBuf,
    pub port: u16,
    daemon: Child,
}

impl Drop for GitRemote {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "port {port} never opened");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl GitRemote {
    pub fn new() -> GitRemote {
        let root = tempfile::tempdir().unwrap();
        let bare = root.path().join("srv").join(format!("{REPO}.git"));
        std::fs::create_dir_all(&bare).unwrap();
        git(&bare, &["init", "-q", "--bare", "-b", "main"]);
        // Let clients fetch commits by SHA, as GitHub does.
        git(&bare, &["config", "uploadpack.allowAnySHA1InWant", "true"]);
        let work = root.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        git(&work, &["init", "-q", "-b", "main"]);
        git(&work, &["remote", "add", "origin", bare.to_str().unwrap()]);
        let port = free_port();
        let daemon = Command::new("git")
            .args([
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--listen=127.0.0.1",
                &format!("--port={port}"),
                &format!("--base-path={}", root.path().join("srv").display()),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port);
        GitRemote {
            root,
            work,
            bare,
            port,
            daemon,
        }
    }

    pub fn url(&self) -> String {
        format!("git://127.0.0.1:{}/{REPO}.git", self.port)
    }

    pub fn write(&self, path: &str, text: &str) {
        let p = self.work.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Commits everything on the current branch and pushes it; returns the SHA.
    pub fn commit(&self, msg: &str) -> String {
        git(&self.work, &["add", "-A"]);
        git(&self.work, &["commit", "-qm", msg]);
        let branch = git(&self.work, &["rev-parse", "--abbrev-ref", "HEAD"]);
        git(
            &self.work,
            &[
                "push",
                "-q",
                "-f",
                "origin",
                &format!("HEAD:refs/heads/{branch}"),
            ],
        );
        git(&self.work, &["rev-parse", "HEAD"])
    }

    /// Points `refs/pull/N/head` at the current commit, as GitHub does.
    pub fn publish_pr(&self, number: u64) {
        let sha = git(&self.work, &["rev-parse", "HEAD"]);
        git(
            &self.bare,
            &["update-ref", &format!("refs/pull/{number}/head"), &sha],
        );
    }

    /// `(filename, patch)` per file changed between `base` and `head` (GitHub's `patch`).
    pub fn pr_files(&self, base: &str, head: &str) -> Vec<(String, String)> {
        let names = git(&self.work, &["diff", "--name-only", base, head]);
        names
            .lines()
            .map(|f| {
                let d = git(&self.work, &["diff", "-U3", base, head, "--", f]);
                let patch = d
                    .lines()
                    .skip_while(|l| !l.starts_with("@@"))
                    .collect::<Vec<_>>()
                    .join("\n");
                (f.to_string(), patch)
            })
            .collect()
    }
}

/// A running `vigil serve`.
pub struct Vigil {
    pub child: Child,
    pub addr: String,
    pub dir: PathBuf,
    pub stderr_path: PathBuf,
}

impl Drop for Vigil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a PKCS#1 RSA key (as GitHub hands out) generated now, so no key is committed.
pub fn app_key(dir: &Path) -> PathBuf {
    let path = dir.join("app-key.pem");
    if !path.exists() {
        let out = Command::new("openssl")
            .args(["genrsa", "-traditional", "-out"])
            .arg(&path)
            .arg("2048")
            .output()
            .expect("openssl is needed to generate a test App key");
        assert!(
            out.status.success(),
            "openssl: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    path
}

/// Settings of one test server.
pub struct ServeOpts<'a> {
    pub dir: &'a Path,
    pub api_url: &'a str,
    pub database_url: String,
    pub workers: usize,
    pub lease_secs: u64,
    pub extra_env: Vec<(&'a str, String)>,
}

impl<'a> ServeOpts<'a> {
    pub fn sqlite(dir: &'a Path, api_url: &'a str) -> ServeOpts<'a> {
        ServeOpts {
            dir,
            api_url,
            database_url: format!("sqlite://{}", dir.join("vigil.db").display()),
            workers: 1,
            lease_secs: 30,
            extra_env: Vec::new(),
        }
    }
}

/// Starts `vigil serve` on an ephemeral loopback port and waits for it to listen.
pub fn start_vigil(o: &ServeOpts<'_>) -> Vigil {
    let key = app_key(o.dir);
    let cfg = o.dir.join("vigil.toml");
    std::fs::write(
        &cfg,
        format!(
            "listen = \"127.0.0.1:0\"\nworkers = {}\n[github]\napp_id = 12345\nprivate_key_path = {:?}\napi_url = {:?}\n[queue]\nlease_secs = {}\npoll_ms = 100\nbackoff_base_ms = 200\nbackoff_max_ms = 1000\n",
            o.workers,
            key.display().to_string(),
            o.api_url,
            o.lease_secs
        ),
    )
    .unwrap();
    let n = std::fs::read_dir(o.dir).unwrap().count();
    let stderr_path = o.dir.join(format!("vigil-stderr-{n}.log"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigil"));
    cmd.arg("serve")
        .arg("--config")
        .arg(&cfg)
        .env("VIGIL_GITHUB_WEBHOOK_SECRET", SECRET)
        .env("DATABASE_URL", &o.database_url)
        .env("VIGIL_LOG", "debug,hyper=info,h2=info,tower=info,sqlx=warn")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    for (k, v) in &o.extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("vigil: listening on ")
        .unwrap_or_else(|| {
            panic!(
                "unexpected first line {line:?}; stderr: {}",
                std::fs::read_to_string(&stderr_path).unwrap_or_default()
            )
        })
        .to_string();
    Vigil {
        child,
        addr,
        dir: o.dir.to_path_buf(),
        stderr_path,
    }
}

impl Vigil {
    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

/// A minimal HTTP/1.1 client: (status, body).
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    // The server may answer (413) before reading everything; ignore write errors then.
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Signs `payload` and delivers it as GitHub would.
pub fn deliver(addr: &str, event: &str, delivery: &str, payload: &Value) -> (u16, String) {
    let body = serde_json::to_vec(payload).unwrap();
    let sig = vigil::platform::github::webhook::sign(SECRET.as_bytes(), &body);
    http(
        addr,
        "POST",
        "/webhooks/github",
        &[
            ("Content-Type", "application/json"),
            ("User-Agent", "GitHub-Hookshot/test"),
            ("X-GitHub-Event", event),
            ("X-GitHub-Delivery", delivery),
            ("X-Hub-Signature-256", &sig),
        ],
        &body,
    )
}

/// The `pull_request` fixture rewritten to point at the local repository.
pub fn pr_payload(action: &str, remote: &GitRemote, number: u64, head: &str, base: &str) -> Value {
    let mut v = webhook_fixture("pull_request.opened.json");
    v["action"] = json!(action);
    v["number"] = json!(number);
    v["installation"]["id"] = json!(INSTALLATION);
    for ptr in [
        "/repository",
        "/pull_request/head/repo",
        "/pull_request/base/repo",
    ] {
        let r = v.pointer_mut(ptr).unwrap();
        r["full_name"] = json!(REPO);
        r["clone_url"] = json!(remote.url());
        r["default_branch"] = json!("main");
    }
    let pr = &mut v["pull_request"];
    pr["number"] = json!(number);
    pr["head"]["sha"] = json!(head);
    pr["head"]["ref"] = json!("feature");
    pr["base"]["sha"] = json!(base);
    pr["base"]["ref"] = json!("main");
    v
}

/// Polls `f` until it returns true or the time runs out.
pub async fn wait_until(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Completed check runs: (id, conclusion, all annotations across updates).
pub fn completed_checks(fake: &FakeGithub) -> Vec<(u64, String, Vec<Value>)> {
    fake.with(|s| {
        let mut out: Vec<_> = s
            .check_runs
            .iter()
            .filter_map(|(id, updates)| {
                let done = updates.iter().find(|u| u["status"] == "completed")?;
                let ann: Vec<Value> = updates
                    .iter()
                    .flat_map(|u| {
                        u["output"]["annotations"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                Some((
                    *id,
                    done["conclusion"].as_str().unwrap_or_default().to_string(),
                    ann,
                ))
            })
            .collect();
        out.sort_by_key(|c| c.0);
        out
    })
}
