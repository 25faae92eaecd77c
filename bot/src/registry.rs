//! Which analyzers a scan runs: the one place that knows every analyzer crate.

use std::path::Path;

use vigil_core::{Analyzer, RepoConfig};
use vigil_rules::{SecretsAnalyzer, SecretsPack};

/// Problems loading rule data; the scan does not start with a half-loaded rule set.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error(transparent)]
    Secrets(#[from] vigil_rules::SecretsPackError),
    #[error("{path}: {message}")]
    RuleDir { path: String, message: String },
}

/// Builds every analyzer for a scan of `root` with `config` (disabled analyzers are
/// filtered by the orchestrator, so they can still report that they exist).
pub fn analyzers(
    root: &Path,
    config: &RepoConfig,
) -> Result<Vec<Box<dyn Analyzer>>, RegistryError> {
    let mut secrets = SecretsPack::builtin();
    for dir in &config.rule_dirs {
        let dir = if dir.is_absolute() {
            dir.clone()
        } else {
            root.join(dir)
        };
        for path in yaml_files(&dir)? {
            let text = std::fs::read_to_string(&path).map_err(|e| RegistryError::RuleDir {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            // A file with a top-level `detectors:` key is a secrets pack; other rule kinds
            // are loaded by their analyzers as they land.
            if text.lines().any(|l| l.starts_with("detectors:")) {
                secrets.extend(SecretsPack::parse(&text, &path.display().to_string())?);
            }
        }
    }
    Ok(vec![Box::new(SecretsAnalyzer::new(secrets))])
}

fn yaml_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, RegistryError> {
    let rd = std::fs::read_dir(dir).map_err(|e| RegistryError::RuleDir {
        path: dir.display().to_string(),
        message: format!("cannot read rule folder: {e}"),
    })?;
    let mut out: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    out.sort();
    Ok(out)
}
