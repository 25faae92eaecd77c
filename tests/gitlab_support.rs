//! Shared helpers of the GitLab end-to-end tests (included with `#[path]`, beside
//! `github_support.rs` whose git remote, HTTP client and key helpers they reuse): a fake
//! GitLab REST API on loopback that checks every form body against the parameter tables
//! in `fixtures/gitlab/api/` and answers with their examples, payload rewriting for the
//! real webhook examples in `fixtures/gitlab/webhooks/`, and a `vigil serve` launcher
//! with `[[gitlab]]` (and optionally `[github]`) configured.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

use crate::gh::{GitRemote, REPO, Vigil, http};

pub const GL_FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/gitlab/");
pub const GL_SECRET: &str = "gitlab-hook-secret-7Qx2";
pub const GL_TOKEN: &str = concat!("glpat-", "vigilTestToken0123456789");
/// The relative URL path the fake instance lives under.
pub const REL: &str = "/gitlab";
/// Users of the fake instance: id → (username, access level).
pub const DEVELOPER: (u64, &str) = (31, "dev");
pub const GUEST: (u64, &str) = (10, "guest");

pub fn api_fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(format!("{GL_FIX}api/{name}.json")).unwrap()).unwrap()
}

pub fn gl_webhook_fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(format!("{GL_FIX}webhooks/{name}")).unwrap()).unwrap()
}

/// One request the fake saw.
#[derive(Debug, Clone)]
pub struct GlSeen {
    pub method: String,
    pub path: String,
    pub op: String,
    pub form: Vec<(String, String)>,
    pub token: String,
}

impl GlSeen {
    pub fn param(&self, k: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    }
}

/// A discussion thread on the fake MR.
#[derive(Debug, Clone)]
pub struct Thread {
    pub id: String,
    /// (new_path, new_line) when positioned on the diff.
    pub position: Option<(String, u64)>,
    pub position_shas: Option<(String, String, String)>,
    pub notes: Vec<String>,
    pub resolved: bool,
}

/// The fake MR's commits and diff.
#[derive(Debug, Clone, Default)]
pub struct FakeMr {
    pub head: String,
    pub base: String,
    pub source_branch: String,
    pub target_branch: String,
    /// (path, unified diff; empty = "too large", new file).
    pub files: Vec<(String, String)>,
}

/// Mutable state of the fake GitLab.
#[derive(Default)]
pub struct GlState {
    pub requests: Vec<GlSeen>,
    next_id: u64,
    /// (sha, state, description, target_url)
    pub statuses: Vec<(String, String, String, String)>,
    pub threads: Vec<Thread>,
    /// MR note id → body
    pub notes: Vec<(u64, String)>,
    pub mrs: HashMap<u64, FakeMr>,
    pub faults: HashMap<String, VecDeque<ResponseTemplate>>,
    pub delays: HashMap<String, Duration>,
    pub shape_errors: Vec<String>,
}

#[derive(Clone, Default)]
pub struct FakeGitlab {
    pub state: Arc<Mutex<GlState>>,
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// (method, segments after `/api/v4/`) → operation name (fixture file where one exists).
fn classify(method: &str, seg: &[&str]) -> &'static str {
    match (method, seg) {
        ("GET", ["user"]) => "user",
        ("POST", ["projects", _, "statuses", _]) => "commits.statuses.create",
        ("GET", ["projects", _, "merge_requests", _]) => "merge_requests.get",
        ("GET", ["projects", _, "merge_requests", _, "versions"]) => "merge_requests.versions.list",
        ("GET", ["projects", _, "merge_requests", _, "diffs"]) => "merge_requests.diffs.list",
        ("GET", ["projects", _, "merge_requests", _, "discussions"]) => "discussions.list",
        ("POST", ["projects", _, "merge_requests", _, "discussions"]) => {
            "discussions.merge_request.create"
        }
        ("GET", ["projects", _, "merge_requests", _, "discussions", _]) => "discussions.get",
        ("PUT", ["projects", _, "merge_requests", _, "discussions", _]) => "discussions.resolve",
        (
            "POST",
            [
                "projects",
                _,
                "merge_requests",
                _,
                "discussions",
                _,
                "notes",
            ],
        ) => "discussions.reply",
        ("GET", ["projects", _, "merge_requests", _, "notes"]) => "notes.list",
        ("POST", ["projects", _, "merge_requests", _, "notes"]) => "notes.create",
        ("PUT", ["projects", _, "merge_requests", _, "notes", _]) => "notes.modify",
        ("GET", ["projects", _, "members", "all", _]) => "members.get",
        _ => "unknown",
    }
}

/// The documented parameter table for an operation: (attribute, type, required text).
/// (attribute, type, required text) of one documented parameter.
type ParamRow = (String, String, String);

fn param_table(op: &str) -> Option<(String, Vec<ParamRow>)> {
    let (file, section) = match op {
        "commits.statuses.create" => ("commits.statuses.create", None),
        "discussions.merge_request.create" => ("discussions.merge_request.create", None),
        "notes.create" => ("notes.merge_request", Some("create")),
        "notes.modify" => ("notes.merge_request", Some("modify")),
        _ => return None,
    };
    let d = api_fixture(file);
    let d = match section {
        Some(s) => d[s].clone(),
        None => d,
    };
    let mut rows = Vec::new();
    for key in ["parameters", "multiline_parameters"] {
        for p in d[key].as_array().into_iter().flatten() {
            let attr = p["attribute"].as_str().unwrap_or_default();
            for name in attr.split(" or ") {
                rows.push((
                    name.trim().to_string(),
                    p["type"].as_str().unwrap_or_default().to_ascii_lowercase(),
                    p["required"]
                        .as_str()
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                ));
            }
        }
    }
    Some((d["path"].as_str().unwrap_or_default().to_string(), rows))
}

/// Checks a form body against the documented parameters: no unknown names, required ones
/// present, integers and enumerations as documented.
fn check_form(op: &str, form: &[(String, String)]) -> Vec<String> {
    let Some((path, rows)) = param_table(op) else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let path_params: Vec<&str> = path
        .split('/')
        .filter_map(|s| s.strip_prefix(':'))
        .collect();
    let has = |k: &str| form.iter().any(|(n, _)| n == k);
    let positioned = form.iter().any(|(n, _)| n.starts_with("position["));
    let text = form
        .iter()
        .any(|(n, v)| n == "position[position_type]" && v == "text");
    for (name, value) in form {
        match rows.iter().find(|r| &r.0 == name) {
            None => errs.push(format!("{op}: undocumented parameter {name:?}")),
            Some((_, ty, _)) => {
                if ty == "integer" && value.parse::<i64>().is_err() {
                    errs.push(format!("{op}: {name} = {value:?} is not an integer"));
                }
                if ty == "boolean" && value != "true" && value != "false" {
                    errs.push(format!("{op}: {name} = {value:?} is not a boolean"));
                }
            }
        }
    }
    for (name, _, req) in &rows {
        if path_params.contains(&name.as_str()) || !req.starts_with("yes") {
            continue;
        }
        if name.starts_with("position[line_range]") {
            continue;
        }
        let needed = if req.contains("position") && req.contains("supplied") {
            positioned
        } else if req.contains("position type is `text`") {
            text
        } else {
            true
        };
        if needed && !has(name) && !(name == "name" || name == "context") {
            errs.push(format!("{op}: required parameter {name:?} missing"));
        }
    }
    if op == "commits.statuses.create" {
        let state = form
            .iter()
            .find(|(n, _)| n == "state")
            .map(|(_, v)| v.as_str());
        let allowed = [
            "pending", "running", "success", "failed", "canceled", "skipped",
        ];
        if !state.is_some_and(|s| allowed.contains(&s)) {
            errs.push(format!("{op}: state {state:?} not documented"));
        }
        for f in ["ref", "target_url", "description"] {
            if form.iter().any(|(n, v)| n == f && v.chars().count() > 255) {
                errs.push(format!("{op}: {f} longer than 255 characters"));
            }
        }
    }
    if op == "discussions.merge_request.create" && positioned {
        let t = form
            .iter()
            .find(|(n, _)| n == "position[position_type]")
            .map(|(_, v)| v.as_str());
        if t != Some("text") {
            errs.push(format!("{op}: position_type {t:?}"));
        }
    }
    errs
}

/// Added lines (1-based, head side) of a unified diff.
fn added_lines(diff: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut n: Option<u64> = None;
    for l in diff.lines() {
        if let Some(rest) = l.strip_prefix("@@") {
            n = rest
                .split_whitespace()
                .find(|t| t.starts_with('+'))
                .and_then(|t| t[1..].split(',').next())
                .and_then(|x| x.parse().ok());
            continue;
        }
        let Some(cur) = n else { continue };
        match l.as_bytes().first() {
            Some(b'+') => {
                out.push(cur);
                n = Some(cur + 1);
            }
            Some(b'-') | Some(b'\\') => {}
            _ => n = Some(cur + 1),
        }
    }
    out
}

impl FakeGitlab {
    pub fn new() -> FakeGitlab {
        FakeGitlab::default()
    }

    pub async fn start(&self) -> MockServer {
        let server = MockServer::builder().start().await;
        Mock::given(any())
            .respond_with(self.clone())
            .mount(&server)
            .await;
        server
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut GlState) -> R) -> R {
        f(&mut self.state.lock().unwrap())
    }

    pub fn count(&self, op: &str) -> usize {
        self.with(|s| s.requests.iter().filter(|r| r.op == op).count())
    }

    pub fn requests(&self, op: &str) -> Vec<GlSeen> {
        self.with(|s| s.requests.iter().filter(|r| r.op == op).cloned().collect())
    }

    /// Statuses posted for `sha`, in order: (state, description, target_url).
    pub fn statuses(&self, sha: &str) -> Vec<(String, String, String)> {
        self.with(|s| {
            s.statuses
                .iter()
                .filter(|st| st.0 == sha)
                .map(|st| (st.1.clone(), st.2.clone(), st.3.clone()))
                .collect()
        })
    }

    pub fn threads(&self) -> Vec<Thread> {
        self.with(|s| s.threads.clone())
    }

    fn answer(
        &self,
        st: &mut GlState,
        op: &str,
        seg: &[&str],
        query: &str,
        form: &[(String, String)],
    ) -> ResponseTemplate {
        let num = |i: usize| seg.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
        let param = |k: &str| {
            form.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let page = query
            .split('&')
            .find_map(|p| p.strip_prefix("page="))
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1);
        st.next_id += 1;
        let id = 2000 + st.next_id;
        let list = |items: Vec<Value>| {
            let v = if page == 1 { items } else { Vec::new() };
            ResponseTemplate::new(200).set_body_json(Value::Array(v))
        };
        let note_json = |nid: u64, body: &str| {
            let mut v = api_fixture("notes.merge_request")["get"]["example_response"].clone();
            v["id"] = json!(nid);
            v["body"] = json!(body);
            v
        };
        let mr = |st: &GlState, iid: u64| st.mrs.get(&iid).cloned();
        match op {
            "user" => ResponseTemplate::new(200)
                .set_body_json(json!({"id": 99, "username": "vigil-bot", "name": "vigil"})),
            "commits.statuses.create" => {
                let sha = seg.get(3).copied().unwrap_or_default().to_string();
                st.statuses.push((
                    sha.clone(),
                    param("state"),
                    param("description"),
                    param("target_url"),
                ));
                let mut v = api_fixture("commits.statuses.create")["example_response"].clone();
                v["id"] = json!(id);
                v["sha"] = json!(sha);
                v["status"] = json!(param("state"));
                v["name"] = json!(param("name"));
                v["description"] = json!(param("description"));
                v["target_url"] = json!(param("target_url"));
                ResponseTemplate::new(201).set_body_json(v)
            }
            "merge_requests.get" => match mr(st, num(3)) {
                Some(m) => ResponseTemplate::new(200).set_body_json(json!({
                    "id": 500 + num(3),
                    "iid": num(3),
                    "project_id": 1,
                    "state": "opened",
                    "sha": m.head,
                    "source_branch": m.source_branch,
                    "target_branch": m.target_branch,
                    "diff_refs": {"base_sha": m.base, "head_sha": m.head, "start_sha": m.base},
                })),
                None => {
                    ResponseTemplate::new(404).set_body_json(json!({"message": "404 Not found"}))
                }
            },
            "merge_requests.versions.list" => match mr(st, num(3)) {
                Some(m) => {
                    let mut v =
                        api_fixture("merge_requests.versions.list")["example_response"][0].clone();
                    v["head_commit_sha"] = json!(m.head);
                    v["base_commit_sha"] = json!(m.base);
                    v["start_commit_sha"] = json!(m.base);
                    ResponseTemplate::new(200).set_body_json(json!([v]))
                }
                None => {
                    ResponseTemplate::new(404).set_body_json(json!({"message": "404 Not found"}))
                }
            },
            "merge_requests.diffs.list" => {
                let files = mr(st, num(3)).map(|m| m.files).unwrap_or_default();
                let base = api_fixture("merge_requests.diffs.list")["example_response"][0].clone();
                list(
                    files
                        .iter()
                        .map(|(p, d)| {
                            let mut v = base.clone();
                            v["old_path"] = json!(p);
                            v["new_path"] = json!(p);
                            v["diff"] = json!(d);
                            v["new_file"] = json!(d.is_empty() || d.contains("@@ -0,0 "));
                            v
                        })
                        .collect(),
                )
            }
            "discussions.list" => {
                let base =
                    api_fixture("discussions.merge_request.diff_note.list-response")[0].clone();
                list(st.threads.iter().map(|t| thread_json(&base, t)).collect())
            }
            "discussions.merge_request.create" => {
                let iid = num(3);
                let positioned = form.iter().any(|(n, _)| n.starts_with("position["));
                let mut position = None;
                let mut shas = None;
                if positioned {
                    let Some(m) = mr(st, iid) else {
                        return ResponseTemplate::new(404)
                            .set_body_json(json!({"message": "404 Not found"}));
                    };
                    let path = param("position[new_path]");
                    let line: u64 = param("position[new_line]").parse().unwrap_or(0);
                    let on_diff = m
                        .files
                        .iter()
                        .any(|(p, d)| *p == path && added_lines(d).contains(&line));
                    let refs_ok = param("position[head_sha]") == m.head
                        && param("position[base_sha]") == m.base
                        && param("position[start_sha]") == m.base;
                    if !on_diff || !refs_ok {
                        // What GitLab answers for a position outside its diff.
                        return ResponseTemplate::new(400).set_body_json(json!({
                            "message": "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"]}"
                        }));
                    }
                    position = Some((path, line));
                    shas = Some((
                        param("position[base_sha]"),
                        param("position[start_sha]"),
                        param("position[head_sha]"),
                    ));
                }
                let t = Thread {
                    id: format!("{:040x}", id),
                    position,
                    position_shas: shas,
                    notes: vec![param("body")],
                    resolved: false,
                };
                st.threads.push(t.clone());
                let base =
                    api_fixture("discussions.merge_request.diff_note.list-response")[0].clone();
                ResponseTemplate::new(201).set_body_json(thread_json(&base, &t))
            }
            "discussions.get" | "discussions.resolve" | "discussions.reply" => {
                let did = seg.get(5).copied().unwrap_or_default();
                let Some(t) = st.threads.iter_mut().find(|t| t.id == did) else {
                    return ResponseTemplate::new(404)
                        .set_body_json(json!({"message": "404 Not found"}));
                };
                if op == "discussions.resolve" {
                    t.resolved = param("resolved") == "true";
                }
                let base =
                    api_fixture("discussions.merge_request.diff_note.list-response")[0].clone();
                if op == "discussions.reply" {
                    t.notes.push(param("body"));
                    let t = t.clone();
                    return ResponseTemplate::new(201)
                        .set_body_json(note_json(id, t.notes.last().unwrap()));
                }
                ResponseTemplate::new(200).set_body_json(thread_json(&base, t))
            }
            "notes.list" => list(st.notes.iter().map(|(i, b)| note_json(*i, b)).collect()),
            "notes.create" => {
                let b = param("body");
                st.notes.push((id, b.clone()));
                ResponseTemplate::new(201).set_body_json(note_json(id, &b))
            }
            "notes.modify" => {
                let nid = num(5);
                let b = param("body");
                match st.notes.iter_mut().find(|(i, _)| *i == nid) {
                    Some(n) => n.1 = b.clone(),
                    None => {
                        return ResponseTemplate::new(404)
                            .set_body_json(json!({"message": "404 Not found"}));
                    }
                }
                ResponseTemplate::new(200).set_body_json(note_json(nid, &b))
            }
            "members.get" => {
                let uid = num(4);
                let level = match uid {
                    x if x == DEVELOPER.0 => 30,
                    x if x == GUEST.0 => 10,
                    _ => {
                        return ResponseTemplate::new(404)
                            .set_body_json(json!({"message": "404 Not found"}));
                    }
                };
                ResponseTemplate::new(200)
                    .set_body_json(json!({"id": uid, "username": "u", "access_level": level}))
            }
            _ => ResponseTemplate::new(404)
                .set_body_json(json!({"message": format!("fake GitLab: no route for {op}")})),
        }
    }
}

/// A thread in the shape of the documented discussion list response.
fn thread_json(base: &Value, t: &Thread) -> Value {
    let mut v = base.clone();
    v["id"] = json!(t.id);
    let note_base = base["notes"][0].clone();
    let notes: Vec<Value> = t
        .notes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut n = note_base.clone();
            n["id"] = json!(9000 + i);
            n["body"] = json!(b);
            n["resolved"] = json!(t.resolved);
            match (&t.position, &t.position_shas) {
                (Some((p, l)), Some((b, s, h))) => {
                    n["type"] = json!("DiffNote");
                    n["position"]["new_path"] = json!(p);
                    n["position"]["old_path"] = json!(p);
                    n["position"]["new_line"] = json!(l);
                    n["position"]["old_line"] = Value::Null;
                    n["position"]["base_sha"] = json!(b);
                    n["position"]["start_sha"] = json!(s);
                    n["position"]["head_sha"] = json!(h);
                }
                _ => {
                    n["type"] = json!("DiscussionNote");
                    n["position"] = Value::Null;
                }
            }
            n
        })
        .collect();
    v["notes"] = Value::Array(notes);
    v
}

impl Respond for FakeGitlab {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let method = req.method.to_string();
        let full = req.url.path().to_string();
        let rest = full.split_once("/api/v4/").map(|x| x.1).unwrap_or("");
        let seg: Vec<String> = rest.split('/').map(decode).collect();
        let seg_ref: Vec<&str> = seg.iter().map(String::as_str).collect();
        let op = classify(&method, &seg_ref).to_string();
        let ctype = req
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let form = if req.body.is_empty() {
            Vec::new()
        } else {
            parse_form(&req.body)
        };
        let token = req
            .headers
            .get("private-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let query = req.url.query().unwrap_or_default().to_string();
        let mut st = self.state.lock().unwrap();
        if !full.starts_with(&format!("{REL}/api/v4/")) {
            st.shape_errors
                .push(format!("{op}: {full} is not under the relative URL {REL}"));
        }
        if !req.body.is_empty() && ctype != "application/x-www-form-urlencoded" {
            st.shape_errors
                .push(format!("{op}: content type {ctype:?}"));
        }
        let errs = check_form(&op, &form);
        st.shape_errors.extend(errs);
        st.requests.push(GlSeen {
            method,
            path: full,
            op: op.clone(),
            form: form.clone(),
            token,
        });
        let delay = st.delays.get(&op).copied();
        if let Some(fault) = st.faults.get_mut(&op).and_then(|q| q.pop_front()) {
            return fault;
        }
        let r = self.answer(&mut st, &op, &seg_ref, &query, &form);
        match delay {
            Some(d) => r.set_delay(d),
            None => r,
        }
    }
}

/// `(path, diff)` per file changed between `base` and `head`, as GitLab's `/diffs` gives.
pub fn mr_files(remote: &GitRemote, base: &str, head: &str) -> Vec<(String, String)> {
    remote
        .pr_files(base, head)
        .into_iter()
        .map(|(f, patch)| (f, format!("{patch}\n")))
        .collect()
}

/// The documented Merge Request Hook rewritten to point at the local repository.
pub fn mr_hook(
    action: &str,
    remote: &GitRemote,
    iid: u64,
    head: &str,
    oldrev: Option<&str>,
) -> Value {
    let mut v = gl_webhook_fixture("merge_request.json");
    for p in [
        "/project",
        "/object_attributes/source",
        "/object_attributes/target",
    ] {
        let o = v.pointer_mut(p).unwrap();
        o["path_with_namespace"] = json!(REPO);
        o["git_http_url"] = json!(remote.url());
        o["http_url"] = json!(remote.url());
        o["default_branch"] = json!("main");
    }
    let oa = &mut v["object_attributes"];
    oa["action"] = json!(action);
    oa["iid"] = json!(iid);
    oa["source_branch"] = json!("feature");
    oa["target_branch"] = json!("main");
    oa["last_commit"]["id"] = json!(head);
    if let Some(o) = oldrev {
        oa["oldrev"] = json!(o);
    }
    v
}

/// The documented Note Hook on an MR, rewritten: `text` by user `(id, name)`.
pub fn note_hook(remote: &GitRemote, iid: u64, text: &str, user: (u64, &str)) -> Value {
    let mut v = gl_webhook_fixture("note.merge_request.json");
    v["project"]["path_with_namespace"] = json!(REPO);
    v["project"]["git_http_url"] = json!(remote.url());
    v["project"]["default_branch"] = json!("main");
    v["object_attributes"]["note"] = json!(text);
    v["merge_request"]["iid"] = json!(iid);
    v["user"]["id"] = json!(user.0);
    v["user"]["username"] = json!(user.1);
    v
}

/// The documented Push Hook rewritten: a push of `after` to `main`.
pub fn push_hook(remote: &GitRemote, before: &str, after: &str) -> Value {
    let mut v = gl_webhook_fixture("push.json");
    v["ref"] = json!("refs/heads/main");
    v["before"] = json!(before);
    v["after"] = json!(after);
    v["checkout_sha"] = json!(after);
    v["project"]["path_with_namespace"] = json!(REPO);
    v["project"]["git_http_url"] = json!(remote.url());
    v["project"]["default_branch"] = json!("main");
    v
}

/// Delivers `payload` as GitLab would (`token` in `X-Gitlab-Token`).
pub fn gl_deliver(
    addr: &str,
    event: &str,
    key: &str,
    token: &str,
    payload: &Value,
) -> (u16, String) {
    let body = serde_json::to_vec(payload).unwrap();
    http(
        addr,
        "POST",
        "/webhooks/gitlab",
        &[
            ("Content-Type", "application/json"),
            ("User-Agent", "GitLab/17.4.0"),
            ("X-Gitlab-Event", event),
            ("X-Gitlab-Token", token),
            ("X-Gitlab-Instance", "https://gitlab.example.com"),
            ("X-Gitlab-Event-UUID", &format!("uuid-{key}")),
            ("Idempotency-Key", key),
        ],
        &body,
    )
}

/// Starts `vigil serve` with `[[gitlab]]` at `gitlab_url` and, when given, `[github]`.
pub fn start_vigil_gl(dir: &Path, gitlab_url: &str, github_api: Option<&str>) -> Vigil {
    start_vigil_gl_with(dir, gitlab_url, github_api, 1)
}

/// [`start_vigil_gl`] with `workers` workers (0: the process only accepts webhooks).
pub fn start_vigil_gl_with(
    dir: &Path,
    gitlab_url: &str,
    github_api: Option<&str>,
    workers: usize,
) -> Vigil {
    let mut cfg_text = format!(
        "listen = \"127.0.0.1:0\"\nworkers = {workers}\n[[gitlab]]\nname = \"corp\"\nurl = {gitlab_url:?}\nwebhook_secret = {GL_SECRET:?}\n"
    );
    if let Some(api) = github_api {
        let key = crate::gh::app_key(dir);
        cfg_text.push_str(&format!(
            "[github]\napp_id = 12345\nprivate_key_path = {:?}\napi_url = {api:?}\n",
            key.display().to_string()
        ));
    }
    cfg_text.push_str(
        "[queue]\nlease_secs = 30\npoll_ms = 100\nbackoff_base_ms = 200\nbackoff_max_ms = 1000\n",
    );
    let cfg = dir.join("vigil.toml");
    std::fs::write(&cfg, cfg_text).unwrap();
    let n = std::fs::read_dir(dir).unwrap().count();
    let stderr_path: PathBuf = dir.join(format!("vigil-stderr-{n}.log"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigil"));
    cmd.arg("serve")
        .arg("--config")
        .arg(&cfg)
        .env("VIGIL_GITLAB_CORP_TOKEN", GL_TOKEN)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("vigil.db").display()),
        )
        .env(
            "VIGIL_LOG",
            "debug,hyper=info,h2=info,tower=info,sqlx=warn,reqwest=info",
        )
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    if github_api.is_some() {
        cmd.env("VIGIL_GITHUB_WEBHOOK_SECRET", crate::gh::SECRET);
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
        dir: dir.to_path_buf(),
        stderr_path,
    }
}

/// The final states posted for `sha` (success / failed / canceled).
pub fn final_states(fake: &FakeGitlab, sha: &str) -> Vec<String> {
    fake.statuses(sha)
        .into_iter()
        .map(|s| s.0)
        .filter(|s| s == "success" || s == "failed" || s == "canceled")
        .collect()
}

/// Request lines seen by the server: (method, path+query, authorized).
pub type Log = Arc<Mutex<Vec<(String, String, bool)>>>;

/// Smart HTTP (`git http-backend`) on loopback under `prefix` (a relative URL path),
/// demanding Basic auth as `user`:`token`. Adapted from `github_checkout.rs`.
pub fn serve_git(
    root: PathBuf,
    prefix: &'static str,
    user: &'static str,
    token: &'static str,
) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Log = Arc::default();
    let l2 = log.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let root = root.clone();
            let log = l2.clone();
            std::thread::spawn(move || handle(conn, &root, prefix, user, token, &log));
        }
    });
    (port, log)
}

fn b64(s: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn handle(
    conn: TcpStream,
    root: &std::path::Path,
    prefix: &str,
    user: &str,
    token: &str,
    log: &Log,
) {
    let mut r = BufReader::new(conn.try_clone().unwrap());
    let mut w = conn;
    let mut line = String::new();
    if r.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let get = |k: &str| headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(n, 0);
        r.read_exact(&mut body).unwrap();
    } else if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    let expected = format!("Basic {}", b64(&format!("{user}:{token}")));
    let authorized = get("authorization").as_deref() == Some(expected.as_str());
    log.lock()
        .unwrap()
        .push((method.clone(), target.clone(), authorized));
    if !authorized {
        let _ = w.write_all(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let path = path.strip_prefix(prefix).unwrap_or(path);
    let mut child = Command::new("git")
        .arg("http-backend")
        .env("GIT_PROJECT_ROOT", root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("REQUEST_METHOD", &method)
        .env("PATH_INFO", path)
        .env("QUERY_STRING", query)
        .env("CONTENT_TYPE", get("content-type").unwrap_or_default())
        .env("CONTENT_LENGTH", body.len().to_string())
        .env("GIT_PROTOCOL", get("git-protocol").unwrap_or_default())
        .env("REMOTE_USER", user)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&body).unwrap();
    let out = child.wait_with_output().unwrap().stdout;
    let split = out
        .windows(4)
        .position(|x| x == b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| out.windows(2).position(|x| x == b"\n\n").map(|p| (p, 2)));
    let Some((pos, skip)) = split else { return };
    let head = String::from_utf8_lossy(&out[..pos]).to_string();
    let payload = &out[pos + skip..];
    let mut status = "200 OK".to_string();
    let mut resp = String::new();
    for h in head.lines() {
        if let Some(s) = h.strip_prefix("Status:") {
            status = s.trim().to_string();
        } else if !h.trim().is_empty() {
            resp.push_str(h.trim());
            resp.push_str("\r\n");
        }
    }
    let _ = w.write_all(
        format!(
            "HTTP/1.1 {status}\r\n{resp}Content-Length: {}\r\nConnection: close\r\n\r\n",
            payload.len()
        )
        .as_bytes(),
    );
    let _ = w.write_all(payload);
}
