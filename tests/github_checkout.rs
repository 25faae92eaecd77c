//! Checkout over smart HTTP with a token: a loopback HTTP server that demands Basic auth
//! and runs `git http-backend`. Proves the token reaches libgit2 only through the
//! credentials callback (never in a URL), that the fetch is shallow, and that a wrong
//! token ends as ACCESS_DENIED.

#[path = "github_support.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use support::*;
use vigil::checkout::{CheckoutError, Want, checkout};
use vigil::config::Limits;
use vigil::platform::FetchAuth;

/// Request lines seen by the server: (method, path+query, authorized).
type Log = Arc<Mutex<Vec<(String, String, bool)>>>;

fn serve_git(root: PathBuf, token: &'static str) -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Log = Arc::default();
    let l2 = log.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let root = root.clone();
            let log = l2.clone();
            std::thread::spawn(move || handle(conn, &root, token, &log));
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

fn handle(conn: TcpStream, root: &std::path::Path, token: &str, log: &Log) {
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
    let expected = format!("Basic {}", b64(&format!("x-access-token:{token}")));
    let authorized = get("authorization").as_deref() == Some(expected.as_str());
    log.lock()
        .unwrap()
        .push((method.clone(), target.clone(), authorized));
    if !authorized {
        let _ = w.write_all(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
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
        .env("REMOTE_USER", "x-access-token")
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

fn repo_with_history() -> GitRemote {
    let remote = GitRemote::new();
    for i in 0..3 {
        remote.write("a.txt", &format!("version {i}\n"));
        remote.commit(&format!("c{i}"));
    }
    remote
}

#[test]
fn token_goes_through_the_credentials_callback_and_fetch_is_shallow() {
    let remote = repo_with_history();
    let (port, log) = serve_git(remote.root.path().join("srv"), "s3cr3t-token");
    let url = format!("http://127.0.0.1:{port}/{REPO}.git");
    let auth = FetchAuth {
        username: "x-access-token".into(),
        secret: "s3cr3t-token".into(),
    };
    let wants = [Want {
        name: "head",
        sources: vec!["refs/heads/main".into()],
        paths: None,
    }];
    let co = checkout(&url, Some(&auth), &wants, &Limits::default()).unwrap();
    let tree = co.tree("head").unwrap();
    assert_eq!(
        std::fs::read_to_string(tree.dir.join("a.txt")).unwrap(),
        "version 2\n"
    );
    // Shallow: only the tip commit arrived.
    let repo = git2::Repository::open_bare(tree.dir.parent().unwrap().join("git")).unwrap();
    assert!(repo.is_shallow());
    let tip = repo
        .find_commit(git2::Oid::from_str(&tree.sha).unwrap())
        .unwrap();
    assert!(tip.parent(0).is_err(), "parent commit was not fetched");
    let seen = log.lock().unwrap().clone();
    assert!(
        seen.iter().any(|(_, _, ok)| !ok),
        "first request unauthenticated (challenge)"
    );
    assert!(
        seen.iter().any(|(_, _, ok)| *ok),
        "then Basic auth from the callback"
    );
    assert!(
        seen.iter().all(|(_, t, _)| !t.contains("s3cr3t")),
        "token never in a URL: {seen:?}"
    );
}

#[test]
fn wrong_token_is_access_denied_without_leaking_it() {
    let remote = repo_with_history();
    let (port, _log) = serve_git(remote.root.path().join("srv"), "right-token");
    let url = format!("http://127.0.0.1:{port}/{REPO}.git");
    let auth = FetchAuth {
        username: "x-access-token".into(),
        secret: "wrong-token-value".into(),
    };
    let wants = [Want {
        name: "head",
        sources: vec!["refs/heads/main".into()],
        paths: None,
    }];
    let err = checkout(&url, Some(&auth), &wants, &Limits::default()).unwrap_err();
    assert!(matches!(err, CheckoutError::AccessDenied(_)), "{err:?}");
    assert!(!err.to_string().contains("wrong-token-value"));
    assert!(!format!("{auth:?}").contains("wrong-token-value"));
}
