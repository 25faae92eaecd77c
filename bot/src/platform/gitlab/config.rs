//! The GitLab instances (or groups of one instance) vigil serves, each with its own base
//! URL, access token and webhook secret. The webhook secret identifies which entry a
//! delivery belongs to, so secrets must differ between entries.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Deserialize;

use crate::config::ConfigError;

/// One `[[gitlab]]` entry: an instance, or one group/token on an instance.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct GitlabInstance {
    /// Short name: the jobs' scope and the key of the `VIGIL_GITLAB_<NAME>_*` variables.
    /// Defaults to the URL's host.
    pub name: String,
    /// Base URL including any relative URL path, e.g. `https://git.corp.example/gitlab`.
    pub url: String,
    /// Access token (project, group or bot user) with the `api` and `read_repository`
    /// scopes; used for the API (PRIVATE-TOKEN) and for git over HTTPS (user `oauth2`).
    pub token: String,
    /// The secret token entered on the project/group webhook or the system hook.
    pub webhook_secret: String,
    /// PEM bundle of additional CA certificates, for instances with a private CA.
    pub ca_bundle: Option<PathBuf>,
}

impl std::fmt::Debug for GitlabInstance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitlabInstance")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("token", &"[redacted]")
            .field("webhook_secret", &"[redacted]")
            .field("ca_bundle", &self.ca_bundle)
            .finish()
    }
}

impl GitlabInstance {
    /// `https://host/path` without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.url.trim_end_matches('/')
    }

    /// The URL's host (and port), the default name.
    fn host(&self) -> String {
        let rest = self
            .url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.url);
        rest.split('/').next().unwrap_or_default().to_string()
    }

    /// `VIGIL_GITLAB_<NAME>_` for this entry's name.
    fn env_prefix(&self) -> String {
        let norm: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("VIGIL_GITLAB_{norm}_")
    }
}

/// Reads an environment variable through a lookup function (tests pass a map).
type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Applies `VIGIL_GITLAB_URL/TOKEN/WEBHOOK_SECRET/CA_BUNDLE` (one instance, created if
/// none is configured) and `VIGIL_GITLAB_<NAME>_TOKEN/WEBHOOK_SECRET` (per named entry),
/// then fills default names.
pub fn apply_env(list: &mut Vec<GitlabInstance>, get: Lookup<'_>) -> Result<(), ConfigError> {
    let single = [
        "VIGIL_GITLAB_URL",
        "VIGIL_GITLAB_TOKEN",
        "VIGIL_GITLAB_WEBHOOK_SECRET",
        "VIGIL_GITLAB_CA_BUNDLE",
    ];
    if single.iter().any(|v| get(v).is_some()) {
        if list.len() > 1 {
            return Err(ConfigError::Env {
                var: "VIGIL_GITLAB_URL",
                message: "several [[gitlab]] entries are configured; use VIGIL_GITLAB_<NAME>_TOKEN / _WEBHOOK_SECRET instead".into(),
            });
        }
        if list.is_empty() {
            list.push(GitlabInstance::default());
        }
        let g = &mut list[0];
        if let Some(v) = get("VIGIL_GITLAB_URL") {
            g.url = v;
        }
        if let Some(v) = get("VIGIL_GITLAB_TOKEN") {
            g.token = v;
        }
        if let Some(v) = get("VIGIL_GITLAB_WEBHOOK_SECRET") {
            g.webhook_secret = v;
        }
        if let Some(v) = get("VIGIL_GITLAB_CA_BUNDLE") {
            g.ca_bundle = Some(v.into());
        }
    }
    for g in list.iter_mut() {
        if g.name.is_empty() {
            g.name = g.host();
        }
        let prefix = g.env_prefix();
        if let Some(v) = get(&format!("{prefix}TOKEN")) {
            g.token = v;
        }
        if let Some(v) = get(&format!("{prefix}WEBHOOK_SECRET")) {
            g.webhook_secret = v;
        }
    }
    Ok(())
}

/// Rejects entries that could only fail later: missing URL/token/secret, duplicate names,
/// or a secret shared by two entries (a delivery could not be attributed).
pub fn validate(list: &[GitlabInstance]) -> Result<(), ConfigError> {
    let mut names = HashSet::new();
    let mut secrets = HashSet::new();
    for g in list {
        let who = format!("gitlab entry {:?}", g.name);
        if !(g.url.starts_with("https://") || g.url.starts_with("http://")) {
            return Err(ConfigError::Missing(format!(
                "{who}: url must be an http(s) URL, got {:?}",
                g.url
            )));
        }
        if g.name.is_empty() {
            return Err(ConfigError::Missing(format!("{who}: name is empty")));
        }
        if g.token.is_empty() {
            return Err(ConfigError::Missing(format!(
                "{who}: token (or {}TOKEN) is required",
                g.env_prefix()
            )));
        }
        if g.webhook_secret.is_empty() {
            return Err(ConfigError::Missing(format!(
                "{who}: webhook_secret (or {}WEBHOOK_SECRET) is required",
                g.env_prefix()
            )));
        }
        if !names.insert(g.name.as_str()) {
            return Err(ConfigError::Missing(format!(
                "{who}: two gitlab entries share this name"
            )));
        }
        if !secrets.insert(g.webhook_secret.as_str()) {
            return Err(ConfigError::Missing(format!(
                "{who}: its webhook_secret is also used by another gitlab entry; deliveries could not be attributed"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn names_default_to_host_and_env_overrides_apply() {
        let mut list = vec![
            GitlabInstance {
                url: "https://git.corp.example/gitlab/".into(),
                token: "t1".into(),
                webhook_secret: "s1".into(),
                ..Default::default()
            },
            GitlabInstance {
                name: "team-b".into(),
                url: "https://gitlab.example.com".into(),
                webhook_secret: "s2".into(),
                ..Default::default()
            },
        ];
        let env: HashMap<&str, &str> = [("VIGIL_GITLAB_TEAM_B_TOKEN", "glpat-x")].into();
        apply_env(&mut list, &|k| env.get(k).map(|s| s.to_string())).unwrap();
        assert_eq!(list[0].name, "git.corp.example");
        assert_eq!(list[0].base_url(), "https://git.corp.example/gitlab");
        assert_eq!(list[1].token, "glpat-x");
        validate(&list).unwrap();
        let dbg = format!("{list:?}");
        assert!(!dbg.contains("glpat-x") && !dbg.contains("s1"), "{dbg}");
    }

    #[test]
    fn single_instance_from_env_only() {
        let mut list = Vec::new();
        let env: HashMap<&str, &str> = [
            ("VIGIL_GITLAB_URL", "http://127.0.0.1:9/gl"),
            ("VIGIL_GITLAB_TOKEN", "tok"),
            ("VIGIL_GITLAB_WEBHOOK_SECRET", "sec"),
        ]
        .into();
        apply_env(&mut list, &|k| env.get(k).map(|s| s.to_string())).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "127.0.0.1:9");
        validate(&list).unwrap();
    }

    #[test]
    fn bad_entries_are_named() {
        let ok = GitlabInstance {
            name: "a".into(),
            url: "https://a".into(),
            token: "t".into(),
            webhook_secret: "s".into(),
            ca_bundle: None,
        };
        let mut dup = ok.clone();
        dup.name = "b".into();
        let e = validate(&[ok.clone(), dup]).unwrap_err();
        assert!(e.to_string().contains("\"b\""), "{e}");
        let mut no_secret = ok.clone();
        no_secret.webhook_secret.clear();
        let e = validate(&[no_secret]).unwrap_err();
        assert!(
            e.to_string().contains("VIGIL_GITLAB_A_WEBHOOK_SECRET"),
            "{e}"
        );
        let mut bad_url = ok;
        bad_url.url = "gitlab.corp".into();
        assert!(validate(&[bad_url]).is_err());
    }
}
