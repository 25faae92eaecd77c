//! Where OSV records come from: the per-ecosystem `all.zip` exports over HTTP(S), a local
//! zip, or a local directory of JSON files (in per-ecosystem subfolders or not, possibly
//! holding `<Ecosystem>/all.zip` files as a mirror of the bucket does). Every source
//! feeds records one by one to a callback, so a bad record is reported and skipped.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use vigil_parsers::lockfiles::Ecosystem;

use super::DbError;

/// Where osv.dev publishes the exports.
pub const DEFAULT_BASE_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";

/// Largest single OSV JSON accepted (the biggest real records are a few hundred KB).
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
/// Largest download accepted per ecosystem.
pub const MAX_DOWNLOAD_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Deepest directory nesting walked by `--from DIR`.
const MAX_DEPTH: usize = 8;

/// Receives one raw record: (name for error messages, bytes).
pub type Sink<'a> = dyn FnMut(&str, Result<&[u8], String>) + 'a;

/// Feeds every `*.json` entry of a zip archive to `sink`.
pub fn read_zip(path: &Path, sink: &mut Sink<'_>) -> Result<u64, DbError> {
    let zerr = |reason: String| DbError::Zip {
        path: path.display().to_string(),
        reason,
    };
    let file = File::open(path).map_err(|e| DbError::io(path, e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| zerr(e.to_string()))?;
    let mut bytes = 0u64;
    let mut buf = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| zerr(e.to_string()))?;
        let entry_name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("entry #{i}"));
        if entry.is_dir() || !entry_name.ends_with(".json") {
            continue;
        }
        let name = format!("{}!{entry_name}", path.display());
        if entry.size() > MAX_RECORD_BYTES {
            sink(&name, Err(format!("larger than {MAX_RECORD_BYTES} bytes")));
            continue;
        }
        buf.clear();
        (&mut entry)
            .take(MAX_RECORD_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| zerr(format!("{entry_name}: {e}")))?;
        bytes += buf.len() as u64;
        sink(&name, Ok(&buf));
    }
    Ok(bytes)
}

/// Feeds every `*.json` file (and every record of every `*.zip`) under `dir`.
pub fn read_dir(dir: &Path, sink: &mut Sink<'_>) -> Result<u64, DbError> {
    let mut bytes = 0;
    walk(dir, 0, sink, &mut bytes)?;
    Ok(bytes)
}

fn walk(dir: &Path, depth: usize, sink: &mut Sink<'_>, bytes: &mut u64) -> Result<(), DbError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| DbError::io(dir, e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, depth + 1, sink, bytes)?;
        } else if ft.is_file() {
            let name = p.display().to_string();
            if name.ends_with(".json") {
                let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                if len > MAX_RECORD_BYTES {
                    sink(&name, Err(format!("larger than {MAX_RECORD_BYTES} bytes")));
                    continue;
                }
                match std::fs::read(&p) {
                    Ok(b) => {
                        *bytes += b.len() as u64;
                        sink(&name, Ok(&b));
                    }
                    Err(err) => return Err(DbError::io(&p, err)),
                }
            } else if name.ends_with(".zip") {
                *bytes += read_zip(&p, sink)?;
            }
        }
    }
    Ok(())
}

/// Feeds a path given to `--from`: a zip file, a single JSON file or a directory.
pub fn read_path(path: &Path, sink: &mut Sink<'_>) -> Result<u64, DbError> {
    let md = std::fs::metadata(path).map_err(|e| DbError::io(path, e))?;
    if md.is_dir() {
        read_dir(path, sink)
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let b = std::fs::read(path).map_err(|e| DbError::io(path, e))?;
        sink(&path.display().to_string(), Ok(&b));
        Ok(b.len() as u64)
    } else {
        read_zip(path, sink)
    }
}

/// The export URL of one ecosystem.
pub fn export_url(base_url: &str, eco: Ecosystem) -> String {
    format!(
        "{}/{}/all.zip",
        base_url.trim_end_matches('/'),
        eco.osv_name()
    )
}

/// Downloads `url` to `dest` (a file in the staging directory). Fails on any HTTP error
/// status, a body shorter than its `Content-Length`, or a connection that breaks.
pub fn download(
    client: &reqwest::blocking::Client,
    url: &str,
    dest: &Path,
) -> Result<u64, DbError> {
    let derr = |reason: String| DbError::Download {
        url: url.to_string(),
        reason,
    };
    let mut resp = client.get(url).send().map_err(|e| derr(error_chain(&e)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(derr(format!("HTTP {status}")));
    }
    let expected = resp.content_length();
    if expected.is_some_and(|n| n > MAX_DOWNLOAD_BYTES) {
        return Err(derr("export larger than the 4 GiB limit".into()));
    }
    let mut out = File::create(dest).map_err(|e| DbError::io(dest, e))?;
    let mut limited = (&mut resp).take(MAX_DOWNLOAD_BYTES + 1);
    let n = std::io::copy(&mut limited, &mut out).map_err(|e| derr(format!("interrupted: {e}")))?;
    if n > MAX_DOWNLOAD_BYTES {
        return Err(derr("export larger than the 4 GiB limit".into()));
    }
    if let Some(want) = expected
        && want != n
    {
        return Err(derr(format!("truncated: got {n} of {want} bytes")));
    }
    out.flush().map_err(|e| DbError::io(dest, e))?;
    Ok(n)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// An HTTP client for downloads (rustls, generous timeouts for large exports).
pub fn client() -> Result<reqwest::blocking::Client, DbError> {
    reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(30))
        .timeout(Duration::from_secs(30 * 60))
        .user_agent(concat!("vigil/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| DbError::Import(format!("cannot build HTTP client: {}", error_chain(&e))))
}
