//! Server configuration: a TOML file, then environment overrides (so containers can inject
//! secrets without writing them to disk). Secrets never appear in `Debug` output.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Problems reading or validating the configuration; each names the file or variable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read config: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: invalid config: {message}")]
    Parse { path: String, message: String },
    #[error("environment variable {var}: {message}")]
    Env { var: &'static str, message: String },
    #[error("configuration: {0}")]
    Missing(String),
}

/// Everything `vigil serve` / `vigil worker` needs.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Address the HTTP server binds, e.g. `0.0.0.0:8080`.
    pub listen: String,
    /// `sqlite://path/vigil.db` (default) or `postgres://…`.
    pub database_url: String,
    /// PostgreSQL schema to use (created if missing); lets several deployments or test
    /// runs share one database.
    pub database_schema: Option<String>,
    /// SQLite only: `full` (default) fsyncs every commit; `normal` survives process
    /// crashes but may lose the last commits on power loss, for much higher throughput.
    pub sqlite_sync: String,
    /// Worker tasks per process (0 = the process only accepts webhooks).
    pub workers: usize,
    /// GitHub App settings; absent means the GitHub endpoint answers 503.
    pub github: Option<GithubConfig>,
    /// GitLab instances (`[[gitlab]]` entries); none means the GitLab endpoint answers 503.
    pub gitlab: Vec<crate::platform::gitlab::config::GitlabInstance>,
    /// Queue tuning.
    pub queue: QueueConfig,
    /// Limits on what one scan may fetch and how long it may take.
    pub limits: Limits,
}

/// The GitHub App identity and where its API lives.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GithubConfig {
    /// The App id shown on the App's settings page.
    pub app_id: u64,
    /// PEM file with the App's private key (PKCS#1 as GitHub hands it out).
    pub private_key_path: PathBuf,
    /// The webhook secret configured on the App.
    pub webhook_secret: String,
    /// `https://api.github.com` or, for GitHub Enterprise Server, `https://HOST/api/v3`.
    pub api_url: String,
    /// Web/git base URL for clone URLs the payload does not carry (installation events);
    /// derived from `api_url` when unset (`https://HOST/api/v3` → `https://HOST`).
    pub web_url: Option<String>,
}

/// Lease, retry and polling knobs of the job queue.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueueConfig {
    /// How long a claimed job stays with its worker without a heartbeat.
    pub lease_secs: u64,
    /// Attempts before a job fails for good.
    pub max_attempts: u32,
    /// First retry delay; doubled per attempt, with jitter.
    pub backoff_base_ms: u64,
    /// Cap on the retry delay.
    pub backoff_max_ms: u64,
    /// How often idle workers look for work (webhooks also wake them directly).
    pub poll_ms: u64,
}

/// Limits on one checkout and scan; each breach ends the scan with its own status reason.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Bytes fetched plus bytes checked out.
    pub max_repo_bytes: u64,
    /// Files in the checked-out tree.
    pub max_files: u64,
    /// Wall-clock limit for fetch + checkout.
    pub checkout_timeout_secs: u64,
    /// Wall-clock limit for the whole job.
    pub scan_timeout_secs: u64,
    /// Longest wait honoured for a rate limit inside one job; longer waits requeue the job.
    pub max_rate_limit_wait_secs: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: "127.0.0.1:8080".into(),
            database_url: "sqlite://vigil.db".into(),
            database_schema: None,
            sqlite_sync: "full".into(),
            workers: 2,
            github: None,
            gitlab: Vec::new(),
            queue: QueueConfig::default(),
            limits: Limits::default(),
        }
    }
}

impl Default for GithubConfig {
    fn default() -> Self {
        GithubConfig {
            app_id: 0,
            private_key_path: PathBuf::new(),
            webhook_secret: String::new(),
            api_url: "https://api.github.com".into(),
            web_url: None,
        }
    }
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig {
            lease_secs: 300,
            max_attempts: 5,
            backoff_base_ms: 2_000,
            backoff_max_ms: 300_000,
            poll_ms: 1_000,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_repo_bytes: 1 << 30,
            max_files: 200_000,
            checkout_timeout_secs: 300,
            scan_timeout_secs: 1_800,
            max_rate_limit_wait_secs: 120,
        }
    }
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url))
            .field("database_schema", &self.database_schema)
            .field("sqlite_sync", &self.sqlite_sync)
            .field("workers", &self.workers)
            .field("github", &self.github)
            .field("gitlab", &self.gitlab)
            .field("queue", &self.queue)
            .field("limits", &self.limits)
            .finish()
    }
}

impl GithubConfig {
    /// Base URL for `https://HOST/owner/repo.git` clone URLs.
    pub fn web_base(&self) -> String {
        if let Some(w) = &self.web_url {
            return w.trim_end_matches('/').to_string();
        }
        let api = self.api_url.trim_end_matches('/');
        if let Some(host) = api.strip_suffix("/api/v3") {
            host.to_string()
        } else if api == "https://api.github.com" {
            "https://github.com".to_string()
        } else {
            api.to_string()
        }
    }
}

impl std::fmt::Debug for GithubConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GithubConfig")
            .field("app_id", &self.app_id)
            .field("private_key_path", &self.private_key_path)
            .field("webhook_secret", &"[redacted]")
            .field("api_url", &self.api_url)
            .field("web_url", &self.web_url)
            .finish()
    }
}

/// Drops the password part of a database URL for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:[redacted]{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Reads an environment variable through a lookup function (tests pass a map).
type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

impl ServerConfig {
    /// Loads `path` (if given) and applies the environment overrides.
    pub fn load(path: Option<&Path>) -> Result<ServerConfig, ConfigError> {
        let mut cfg = match path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|error| ConfigError::Read {
                    path: p.display().to_string(),
                    error,
                })?;
                ServerConfig::parse(&text, &p.display().to_string())?
            }
            None => ServerConfig::default(),
        };
        cfg.apply_env(&|k| std::env::var(k).ok())?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Parses the TOML text of a config file.
    pub fn parse(text: &str, path: &str) -> Result<ServerConfig, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    /// Applies `VIGIL_*` and `DATABASE_URL` overrides.
    pub fn apply_env(&mut self, get: Lookup<'_>) -> Result<(), ConfigError> {
        if let Some(v) = get("VIGIL_LISTEN") {
            self.listen = v;
        }
        if let Some(v) = get("DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("VIGIL_DATABASE_SCHEMA") {
            self.database_schema = Some(v);
        }
        if let Some(v) = get("VIGIL_SQLITE_SYNC") {
            self.sqlite_sync = v;
        }
        if let Some(v) = num(get, "VIGIL_WORKERS")? {
            self.workers = v as usize;
        }
        let gh_vars = [
            "VIGIL_GITHUB_APP_ID",
            "VIGIL_GITHUB_PRIVATE_KEY_PATH",
            "VIGIL_GITHUB_WEBHOOK_SECRET",
            "VIGIL_GITHUB_API_URL",
        ];
        if self.github.is_none() && gh_vars.iter().any(|v| get(v).is_some()) {
            self.github = Some(GithubConfig::default());
        }
        if let Some(gh) = self.github.as_mut() {
            if let Some(v) = num(get, "VIGIL_GITHUB_APP_ID")? {
                gh.app_id = v;
            }
            if let Some(v) = get("VIGIL_GITHUB_PRIVATE_KEY_PATH") {
                gh.private_key_path = v.into();
            }
            if let Some(v) = get("VIGIL_GITHUB_WEBHOOK_SECRET") {
                gh.webhook_secret = v;
            }
            if let Some(v) = get("VIGIL_GITHUB_API_URL") {
                gh.api_url = v;
            }
            if let Some(v) = get("VIGIL_GITHUB_WEB_URL") {
                gh.web_url = Some(v);
            }
        }
        crate::platform::gitlab::config::apply_env(&mut self.gitlab, get)?;
        if let Some(v) = num(get, "VIGIL_LEASE_SECS")? {
            self.queue.lease_secs = v;
        }
        if let Some(v) = num(get, "VIGIL_MAX_ATTEMPTS")? {
            self.queue.max_attempts = v as u32;
        }
        if let Some(v) = num(get, "VIGIL_BACKOFF_BASE_MS")? {
            self.queue.backoff_base_ms = v;
        }
        if let Some(v) = num(get, "VIGIL_POLL_MS")? {
            self.queue.poll_ms = v;
        }
        if let Some(v) = num(get, "VIGIL_MAX_REPO_BYTES")? {
            self.limits.max_repo_bytes = v;
        }
        if let Some(v) = num(get, "VIGIL_MAX_FILES")? {
            self.limits.max_files = v;
        }
        if let Some(v) = num(get, "VIGIL_CHECKOUT_TIMEOUT_SECS")? {
            self.limits.checkout_timeout_secs = v;
        }
        if let Some(v) = num(get, "VIGIL_SCAN_TIMEOUT_SECS")? {
            self.limits.scan_timeout_secs = v;
        }
        if let Some(v) = num(get, "VIGIL_MAX_RATE_LIMIT_WAIT_SECS")? {
            self.limits.max_rate_limit_wait_secs = v;
        }
        Ok(())
    }

    /// Rejects settings that would only fail later, at the first webhook.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(gh) = &self.github {
            if gh.app_id == 0 {
                return Err(ConfigError::Missing(
                    "github.app_id (VIGIL_GITHUB_APP_ID) is required".into(),
                ));
            }
            if gh.webhook_secret.is_empty() {
                return Err(ConfigError::Missing(
                    "github.webhook_secret (VIGIL_GITHUB_WEBHOOK_SECRET) is required".into(),
                ));
            }
            if gh.private_key_path.as_os_str().is_empty() {
                return Err(ConfigError::Missing(
                    "github.private_key_path (VIGIL_GITHUB_PRIVATE_KEY_PATH) is required".into(),
                ));
            }
            if !(gh.api_url.starts_with("https://") || gh.api_url.starts_with("http://")) {
                return Err(ConfigError::Missing(format!(
                    "github.api_url must be an http(s) URL, got {:?}",
                    gh.api_url
                )));
            }
        }
        crate::platform::gitlab::config::validate(&self.gitlab)?;
        if !matches!(self.sqlite_sync.as_str(), "full" | "normal") {
            return Err(ConfigError::Missing(format!(
                "sqlite_sync (VIGIL_SQLITE_SYNC) must be \"full\" or \"normal\", got {:?}",
                self.sqlite_sync
            )));
        }
        if self.queue.lease_secs == 0 {
            return Err(ConfigError::Missing(
                "queue.lease_secs must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

fn num(get: Lookup<'_>, var: &'static str) -> Result<Option<u64>, ConfigError> {
    match get(var) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| ConfigError::Env {
            var,
            message: format!("expected a whole number, got {v:?}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn file_then_env_overrides() {
        let cfg_text = r#"
listen = "0.0.0.0:9000"
workers = 4
[github]
app_id = 12
private_key_path = "/k.pem"
webhook_secret = "s3cret"
api_url = "https://ghe.example/api/v3"
[limits]
max_files = 10
"#;
        let mut cfg = ServerConfig::parse(cfg_text, "vigil.toml").unwrap();
        let env: HashMap<&str, &str> = [
            ("VIGIL_WORKERS", "7"),
            ("DATABASE_URL", "postgres://u:pw@h/db"),
        ]
        .into();
        cfg.apply_env(&|k| env.get(k).map(|s| s.to_string()))
            .unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.workers, 7);
        assert_eq!(cfg.limits.max_files, 10);
        assert_eq!(
            cfg.github.as_ref().unwrap().api_url,
            "https://ghe.example/api/v3"
        );
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains("s3cret"), "{dbg}");
        assert!(!dbg.contains(":pw@"), "{dbg}");
    }

    #[test]
    fn example_config_is_valid() {
        let text = include_str!("../deploy/vigil.example.toml");
        let cfg = ServerConfig::parse(text, "vigil.example.toml").unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.github.unwrap().web_base(), "https://github.com");
    }

    #[test]
    fn bad_values_name_their_source() {
        let e = ServerConfig::parse("workers = \"x\"", "v.toml").unwrap_err();
        assert!(e.to_string().starts_with("v.toml:"), "{e}");
        let mut cfg = ServerConfig::default();
        let e = cfg
            .apply_env(&|k| (k == "VIGIL_WORKERS").then(|| "many".into()))
            .unwrap_err();
        assert!(e.to_string().contains("VIGIL_WORKERS"), "{e}");
    }

    #[test]
    fn web_base_from_api_url() {
        let mut g = GithubConfig::default();
        assert_eq!(g.web_base(), "https://github.com");
        g.api_url = "https://ghe.corp/api/v3/".into();
        assert_eq!(g.web_base(), "https://ghe.corp");
        g.web_url = Some("git://127.0.0.1:9/".into());
        assert_eq!(g.web_base(), "git://127.0.0.1:9");
    }

    #[test]
    fn github_env_only_requires_all_keys() {
        let mut cfg = ServerConfig::default();
        cfg.apply_env(&|k| (k == "VIGIL_GITHUB_APP_ID").then(|| "5".into()))
            .unwrap();
        assert!(cfg.validate().is_err());
    }
}
