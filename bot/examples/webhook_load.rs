//! Sustained signed webhook load against a running `vigil serve`, for BENCHMARKS.md:
//! acknowledgement latency p50/p99 and throughput. Standard library only.
//!
//! `cargo run -p vigil --example webhook_load -- ADDR SECRET [CONNECTIONS] [SECONDS] [RATE]`
//! RATE is the total target deliveries per second (0 = as fast as possible).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: webhook_load ADDR SECRET [CONNECTIONS] [SECONDS] [RATE]");
        std::process::exit(2);
    }
    let addr = args[1].clone();
    let secret = args[2].clone();
    let conns: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    let secs: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(10);
    let rate: f64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let template: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/github/webhooks/pull_request.opened.json"
    ))
    .expect("fixture");
    let seq = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let run_id = std::process::id();
    let handles: Vec<_> = (0..conns)
        .map(|c| {
            let (addr, secret, template, seq, errors) =
                (addr.clone(), secret.clone(), template.clone(), seq.clone(), errors.clone());
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let interval = (rate > 0.0).then(|| Duration::from_secs_f64(conns as f64 / rate));
                let mut next = Instant::now() + Duration::from_millis((c as u64 * 7) % 50);
                let mut stream: Option<(TcpStream, BufReader<TcpStream>)> = None;
                while Instant::now() < deadline {
                    if let Some(iv) = interval {
                        let now = Instant::now();
                        if next > now {
                            std::thread::sleep(next - now);
                        }
                        next += iv;
                    }
                    let n = seq.fetch_add(1, Ordering::Relaxed);
                    let mut p = template.clone();
                    p["number"] = serde_json::json!(n + 1);
                    p["pull_request"]["number"] = serde_json::json!(n + 1);
                    let body = serde_json::to_vec(&p).unwrap_or_default();
                    let sig = vigil::platform::github::webhook::sign(secret.as_bytes(), &body);
                    let req = format!(
                        "POST /webhooks/github HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
                         X-GitHub-Event: pull_request\r\nX-GitHub-Delivery: load-{run_id}-{n}\r\n\
                         X-Hub-Signature-256: {sig}\r\nContent-Length: {}\r\n\r\n",
                        body.len()
                    );
                    if stream.is_none() {
                        match TcpStream::connect(&addr) {
                            Ok(s) => {
                                let _ = s.set_nodelay(true);
                                let r = BufReader::new(s.try_clone().expect("clone"));
                                stream = Some((s, r));
                            }
                            Err(_) => {
                                errors.fetch_add(1, Ordering::Relaxed);
                                continue;
                            }
                        }
                    }
                    let Some((w, r)) = stream.as_mut() else { continue };
                    let t0 = Instant::now();
                    let ok = w.write_all(req.as_bytes()).is_ok() && w.write_all(&body).is_ok() && read_response(r);
                    if ok {
                        lat.push(t0.elapsed());
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        stream = None;
                    }
                }
                lat
            })
        })
        .collect();
    let started = Instant::now();
    let mut all: Vec<Duration> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap_or_default())
        .collect();
    let elapsed = started.elapsed().as_secs_f64().max(secs as f64);
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
    };
    println!(
        "connections={conns} seconds={secs} target_rate={rate} delivered={} errors={} throughput={:.0}/s p50={:.2}ms p99={:.2}ms max={:.2}ms",
        all.len(),
        errors.load(Ordering::Relaxed),
        all.len() as f64 / elapsed,
        pct(0.50).unwrap_or_default().as_secs_f64() * 1e3,
        pct(0.99).unwrap_or_default().as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

/// Reads one HTTP/1.1 response; true for a 2xx.
fn read_response(r: &mut BufReader<TcpStream>) -> bool {
    let mut status = String::new();
    if r.read_line(&mut status).unwrap_or(0) == 0 {
        return false;
    }
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return false;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).is_ok()
        && status
            .split_whitespace()
            .nth(1)
            .is_some_and(|c| c.starts_with('2'))
}
