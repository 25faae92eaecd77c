//! Store tests: imports from a directory and a zip, downloads from a loopback HTTP
//! server, and every failure path leaving the previous database in place.

use std::io::{BufRead, BufReader, Cursor, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use vigil_parsers::lockfiles::Ecosystem;

use super::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/osv")
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn eco_files_of(eco: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(fixtures().join(eco)).unwrap() {
        let p = e.unwrap().path();
        out.push((
            p.file_name().unwrap().to_string_lossy().to_string(),
            std::fs::read(&p).unwrap(),
        ));
    }
    out.sort();
    out
}

fn current_pointer(data: &Path) -> String {
    std::fs::read_to_string(db_root(data).join("CURRENT")).unwrap()
}

#[test]
fn import_directory_then_lookup_and_status() {
    let data = tempfile::tempdir().unwrap();
    let r = update_from_path(data.path(), &fixtures()).unwrap();
    assert_eq!(r.records_read, 53);
    assert_eq!(r.invalid, 0, "{:?}", r.errors);
    assert_eq!(r.withdrawn, 3);
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    let lodash = db.lookup(Ecosystem::Npm, "lodash").unwrap();
    let ids: Vec<&str> = lodash.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"GHSA-35jh-r3h4-6jhm"), "{ids:?}");
    // PEP 503: the index is keyed by normalised name.
    assert!(!db.lookup(Ecosystem::PyPI, "Mercurial").unwrap().is_empty());
    assert!(!db.lookup(Ecosystem::PyPI, "JW_Util").unwrap().is_empty());
    assert!(
        db.lookup(Ecosystem::Npm, "no-such-package")
            .unwrap()
            .is_empty()
    );
    // Withdrawn records are not indexed.
    assert!(
        db.lookup(Ecosystem::CratesIo, "tiny_http")
            .unwrap()
            .iter()
            .all(|a| a.id != "RUSTSEC-2020-0053")
    );
    let st = status(data.path()).unwrap().unwrap();
    assert!(st.meta.ecosystems.len() >= 7, "{:?}", st.meta.ecosystems);
    assert_eq!(st.age_days, 0);
    assert!(!st.is_stale());
    assert!(
        db.status_at(db.built_at() + chrono::Duration::days(8))
            .is_stale()
    );
    let text = st.to_string();
    assert!(text.contains("npm") && text.contains("withdrawn"), "{text}");
}

#[test]
fn no_database_is_none() {
    let data = tempfile::tempdir().unwrap();
    assert!(AdvisoryDb::open(data.path()).unwrap().is_none());
    assert!(status(data.path()).unwrap().is_none());
}

#[test]
fn zip_import_skips_bad_records_and_keeps_the_rest() {
    let data = tempfile::tempdir().unwrap();
    let mut files = eco_files_of("npm");
    files.push(("broken.json".into(), b"{\"id\": \"X\", ".to_vec()));
    files.push(("no-modified.json".into(), br#"{"id": "X-2"}"#.to_vec()));
    files.push(("README.txt".into(), b"not json, ignored".to_vec()));
    let zpath = data.path().join("npm.zip");
    std::fs::write(&zpath, zip_of(&files)).unwrap();
    let r = update_from_path(data.path(), &zpath).unwrap();
    assert_eq!(r.invalid, 2);
    assert!(
        r.errors.iter().any(|e| e.contains("broken.json")),
        "{:?}",
        r.errors
    );
    assert!(
        r.errors.iter().any(|e| e.contains("modified")),
        "{:?}",
        r.errors
    );
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    assert!(!db.lookup(Ecosystem::Npm, "minimist").unwrap().is_empty());
}

#[test]
fn failed_imports_keep_the_previous_database() {
    let data = tempfile::tempdir().unwrap();
    update_from_path(data.path(), &fixtures().join("npm")).unwrap();
    let before = current_pointer(data.path());
    // Corrupt zip.
    let bad = data.path().join("bad.zip");
    std::fs::write(&bad, b"PK\x03\x04 this is not really a zip").unwrap();
    let e = update_from_path(data.path(), &bad).unwrap_err();
    assert!(e.to_string().contains("bad.zip"), "{e}");
    // Empty directory: nothing usable, refuse to replace.
    let empty = data.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let e = update_from_path(data.path(), &empty).unwrap_err();
    assert!(e.to_string().contains("previous database is kept"), "{e}");
    // Missing path.
    assert!(update_from_path(data.path(), &data.path().join("nope")).is_err());
    assert_eq!(current_pointer(data.path()), before);
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    assert!(!db.lookup(Ecosystem::Npm, "lodash").unwrap().is_empty());
    // No staging directories left behind.
    let leftovers: Vec<_> = std::fs::read_dir(db_root(data.path()))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn newer_copy_of_a_record_wins() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("src");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let rec = |modified: &str, fixed: &str| {
        format!(
            r#"{{"id":"TEST-1","modified":"{modified}","summary":"s {fixed}","affected":[{{"package":{{"ecosystem":"npm","name":"pkg"}},"ranges":[{{"type":"SEMVER","events":[{{"introduced":"0"}},{{"fixed":"{fixed}"}}]}}]}}]}}"#
        )
    };
    std::fs::write(
        dir.join("a/TEST-1.json"),
        rec("2024-01-01T00:00:00Z", "2.0.0"),
    )
    .unwrap();
    std::fs::write(
        dir.join("b/TEST-1.json"),
        rec("2023-01-01T00:00:00Z", "1.0.0"),
    )
    .unwrap();
    update_from_path(data.path(), &dir).unwrap();
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    let advs = db.lookup(Ecosystem::Npm, "pkg").unwrap();
    assert_eq!(advs.len(), 1);
    assert_eq!(advs[0].summary, "s 2.0.0");
}

#[test]
fn successive_updates_prune_old_builds() {
    let data = tempfile::tempdir().unwrap();
    for _ in 0..4 {
        update_from_path(data.path(), &fixtures().join("Go")).unwrap();
    }
    let builds = std::fs::read_dir(db_root(data.path()))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("db-"))
        .count();
    assert!(builds <= 2, "{builds} builds kept");
}

#[test]
fn corrupt_current_pointer_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(db_root(data.path())).unwrap();
    std::fs::write(db_root(data.path()).join("CURRENT"), "../../etc").unwrap();
    assert!(AdvisoryDb::open(data.path()).is_err());
}

/// What the loopback server answers for one path.
#[derive(Clone)]
enum Reply {
    Body(Vec<u8>),
    /// Announces the full length, sends half, closes: an interrupted download.
    Truncated(Vec<u8>),
    Status(u16),
}

/// A one-thread HTTP/1.1 server on 127.0.0.1 answering from `routes`.
fn serve(routes: Vec<(String, Reply)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let reply = routes
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, r)| r.clone())
                .unwrap_or(Reply::Status(404));
            let _ = match reply {
                Reply::Body(b) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| stream.write_all(&b)),
                Reply::Truncated(b) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            b.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| stream.write_all(&b[..b.len() / 2])),
                Reply::Status(code) => stream.write_all(
                    format!(
                        "HTTP/1.1 {code} Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    )
                    .as_bytes(),
                ),
            };
            let _ = stream.flush();
        }
    });
    format!("http://{addr}")
}

#[test]
fn download_from_mirror_then_failures_keep_it() {
    let npm = zip_of(&eco_files_of("npm"));
    let pypi = zip_of(&eco_files_of("PyPI"));
    let base = serve(vec![
        ("/npm/all.zip".into(), Reply::Body(npm.clone())),
        ("/PyPI/all.zip".into(), Reply::Body(pypi.clone())),
        ("/bad/npm/all.zip".into(), Reply::Truncated(npm.clone())),
        (
            "/corrupt/npm/all.zip".into(),
            Reply::Body(b"<html>captive portal</html>".to_vec()),
        ),
    ]);
    let data = tempfile::tempdir().unwrap();
    let r = update_from_url(data.path(), &base, &[Ecosystem::Npm, Ecosystem::PyPI]).unwrap();
    assert_eq!(r.invalid, 0);
    assert!(r.ecosystems.contains_key("npm") && r.ecosystems.contains_key("PyPI"));
    let before = current_pointer(data.path());

    // Interrupted download.
    let e = update_from_url(data.path(), &format!("{base}/bad"), &[Ecosystem::Npm]).unwrap_err();
    assert!(matches!(e, DbError::Download { .. }), "{e}");
    // Not a zip.
    let e =
        update_from_url(data.path(), &format!("{base}/corrupt"), &[Ecosystem::Npm]).unwrap_err();
    assert!(matches!(e, DbError::Zip { .. }), "{e}");
    assert!(e.to_string().contains("/corrupt/npm/all.zip"), "{e}");
    // 404 for one ecosystem aborts the whole update.
    let e = update_from_url(data.path(), &base, &[Ecosystem::Npm, Ecosystem::Go]).unwrap_err();
    assert!(e.to_string().contains("404"), "{e}");
    // Nothing listening.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    assert!(update_from_url(data.path(), &dead_url, &[Ecosystem::Npm]).is_err());

    assert_eq!(current_pointer(data.path()), before);
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    assert!(!db.lookup(Ecosystem::Npm, "lodash").unwrap().is_empty());
    assert!(!db.lookup(Ecosystem::PyPI, "protobuf").unwrap().is_empty());
}

#[test]
fn directory_mirror_with_per_ecosystem_zips() {
    // An offline mirror laid out like the bucket: <Ecosystem>/all.zip, plus loose JSON.
    let data = tempfile::tempdir().unwrap();
    let mirror = data.path().join("mirror");
    std::fs::create_dir_all(mirror.join("npm")).unwrap();
    std::fs::create_dir_all(mirror.join("extra")).unwrap();
    std::fs::write(mirror.join("npm/all.zip"), zip_of(&eco_files_of("npm"))).unwrap();
    for (name, bytes) in eco_files_of("crates.io") {
        std::fs::write(mirror.join("extra").join(name), bytes).unwrap();
    }
    let r = update_from_path(data.path(), &mirror).unwrap();
    assert!(
        r.ecosystems.contains_key("npm") && r.ecosystems.contains_key("crates.io"),
        "{:?}",
        r.ecosystems
    );
    assert_eq!(r.invalid, 0);
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    assert!(!db.lookup(Ecosystem::CratesIo, "regex").unwrap().is_empty());
    assert!(!db.lookup(Ecosystem::Npm, "minimist").unwrap().is_empty());
}

#[test]
fn corrupt_index_entries_are_errors_not_panics() {
    let data = tempfile::tempdir().unwrap();
    let r = update_from_path(data.path(), &fixtures().join("npm")).unwrap();
    std::fs::write(r.path.join("npm.idx"), br#"{"lodash": [0, 4000000000]}"#).unwrap();
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    let e = db.lookup(Ecosystem::Npm, "lodash").unwrap_err();
    assert!(e.to_string().contains("past the end"), "{e}");
    std::fs::write(r.path.join("npm.idx"), b"not json").unwrap();
    let db = AdvisoryDb::open(data.path()).unwrap().unwrap();
    assert!(db.lookup(Ecosystem::Npm, "lodash").is_err());
}
