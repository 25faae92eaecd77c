//! Which analyzers a scan runs: the one place that knows every analyzer crate.

use std::path::{Path, PathBuf};

use vigil_core::{Analyzer, RepoConfig};
use vigil_iac::IacAnalyzer;
use vigil_rules::sast::SastAnalyzer;
use vigil_rules::{SecretsAnalyzer, SecretsPack};
use vigil_sca::ScaAnalyzer;

/// Problems that stop a scan before it starts (a user's secrets pack that does not compile,
/// an unreadable rule folder). Bad SAST rules are not here: they are reported as warnings
/// and the other rules run.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error(transparent)]
    Secrets(#[from] vigil_rules::SecretsPackError),
    #[error("{path}: {message}")]
    RuleDir { path: String, message: String },
}

/// The analyzers for one scan, plus warnings worth showing the user.
pub struct Registry {
    pub analyzers: Vec<Box<dyn Analyzer>>,
    /// Rule files that failed to load, an unreadable advisory database…
    pub warnings: Vec<String>,
}

/// Where the advisory database lives: `$VIGIL_DATA_DIR`, else `~/.local/share/vigil`.
pub fn data_dir() -> PathBuf {
    vigil_sca::db::default_data_dir().unwrap_or_else(|| PathBuf::from(".vigil-data"))
}

/// Builds every analyzer for a scan of `root` with `config` (disabled analyzers are
/// filtered by the orchestrator). Rule folders from `rule-dirs` are split by content: a
/// YAML file with a top-level `detectors:` key is a secrets pack, anything else is a
/// Semgrep-format SAST rule file.
pub fn load(root: &Path, config: &RepoConfig) -> Result<Registry, RegistryError> {
    let mut warnings = Vec::new();
    let mut secrets = SecretsPack::builtin();
    let mut sast_files: Vec<PathBuf> = Vec::new();
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
            if text.lines().any(|l| l.starts_with("detectors:")) {
                secrets.extend(SecretsPack::parse(&text, &path.display().to_string())?);
            } else {
                sast_files.push(path);
            }
        }
    }
    let sast = if config.analyzers.sast {
        let refs: Vec<&Path> = sast_files.iter().map(PathBuf::as_path).collect();
        let a = SastAnalyzer::with_extra_dirs(&refs);
        warnings.extend(
            a.load_errors()
                .iter()
                .map(|e| format!("rule not loaded: {e}")),
        );
        Some(a)
    } else {
        None
    };
    let sca = if config.analyzers.sca {
        match ScaAnalyzer::from_data_dir(&data_dir()) {
            Ok(a) => a,
            Err(e) => {
                warnings.push(format!(
                    "advisory database unusable ({e}); packages are not checked"
                ));
                ScaAnalyzer::new(None)
            }
        }
    } else {
        ScaAnalyzer::new(None)
    };
    let mut analyzers: Vec<Box<dyn Analyzer>> = vec![Box::new(SecretsAnalyzer::new(secrets))];
    if let Some(s) = sast {
        analyzers.push(Box::new(s));
    }
    analyzers.push(Box::new(sca));
    analyzers.push(Box::new(IacAnalyzer::new()));
    Ok(Registry {
        analyzers,
        warnings,
    })
}

/// The analyzers alone (callers that log warnings elsewhere, e.g. the worker).
pub fn analyzers(
    root: &Path,
    config: &RepoConfig,
) -> Result<Vec<Box<dyn Analyzer>>, RegistryError> {
    load(root, config).map(|r| r.analyzers)
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, RegistryError> {
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
