//! Process-wide counters rendered as Prometheus text at `/metrics`. Hand-written: a handful
//! of labelled counters and one duration summary do not justify a metrics crate.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// A gauge computed at scrape time: name, labels, value.
pub type Gauge<'a> = (&'a str, Vec<(&'a str, String)>, f64);

/// Counters keyed by metric name and rendered label set.
#[derive(Debug, Default)]
pub struct Metrics {
    counters: Mutex<BTreeMap<(String, String), f64>>,
}

/// Help text and type for each metric family vigil exports.
const FAMILIES: &[(&str, &str, &str)] = &[
    (
        "vigil_webhooks_total",
        "counter",
        "Webhook deliveries by platform, event and outcome.",
    ),
    (
        "vigil_jobs_finished_total",
        "counter",
        "Jobs finished by this process, by outcome.",
    ),
    (
        "vigil_scan_duration_seconds_sum",
        "counter",
        "Total seconds spent scanning.",
    ),
    (
        "vigil_scan_duration_seconds_count",
        "counter",
        "Number of scans timed.",
    ),
    (
        "vigil_findings_total",
        "counter",
        "Findings reported by scans, by severity.",
    ),
    (
        "vigil_platform_api_calls_total",
        "counter",
        "Platform API calls by platform, operation and status.",
    ),
    (
        "vigil_rate_limit_waits_total",
        "counter",
        "Times a platform rate limit made vigil wait.",
    ),
    (
        "vigil_rate_limit_wait_seconds_total",
        "counter",
        "Seconds spent waiting for platform rate limits.",
    ),
];

impl Metrics {
    /// Adds `v` to the counter `name{labels}`.
    pub fn add(&self, name: &str, labels: &[(&str, &str)], v: f64) {
        let mut rendered = String::new();
        for (i, (k, val)) in labels.iter().enumerate() {
            if i > 0 {
                rendered.push(',');
            }
            let _ = write!(rendered, "{k}=\"{}\"", escape(val));
        }
        if let Ok(mut c) = self.counters.lock() {
            *c.entry((name.to_string(), rendered)).or_default() += v;
        }
    }

    /// Adds one.
    pub fn inc(&self, name: &str, labels: &[(&str, &str)]) {
        self.add(name, labels, 1.0);
    }

    /// Prometheus text exposition of the counters plus `gauges` (name, labels, value)
    /// computed at scrape time (queue depth by state, workers alive).
    pub fn render(&self, gauges: &[Gauge<'_>]) -> String {
        let mut out = String::new();
        let counters = self.counters.lock().map(|c| c.clone()).unwrap_or_default();
        for (family, kind, help) in FAMILIES {
            let _ = writeln!(out, "# HELP {family} {help}\n# TYPE {family} {kind}");
            for ((name, labels), v) in &counters {
                if name == family {
                    if labels.is_empty() {
                        let _ = writeln!(out, "{name} {v}");
                    } else {
                        let _ = writeln!(out, "{name}{{{labels}}} {v}");
                    }
                }
            }
        }
        let mut last = "";
        for (name, labels, v) in gauges {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} gauge");
                last = name;
            }
            let l: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
                .collect();
            if l.is_empty() {
                let _ = writeln!(out, "{name} {v}");
            } else {
                let _ = writeln!(out, "{name}{{{}}} {v}", l.join(","));
            }
        }
        out
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_gauges() {
        let m = Metrics::default();
        m.inc(
            "vigil_webhooks_total",
            &[("event", "push"), ("outcome", "queued")],
        );
        m.inc(
            "vigil_webhooks_total",
            &[("event", "push"), ("outcome", "queued")],
        );
        m.inc(
            "vigil_webhooks_total",
            &[("event", "x\"y"), ("outcome", "ignored")],
        );
        let text = m.render(&[("vigil_jobs", vec![("state", "queued".into())], 3.0)]);
        assert!(
            text.contains("vigil_webhooks_total{event=\"push\",outcome=\"queued\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("event=\"x\\\"y\""), "{text}");
        assert!(
            text.contains("# TYPE vigil_jobs gauge\nvigil_jobs{state=\"queued\"} 3\n"),
            "{text}"
        );
    }
}
