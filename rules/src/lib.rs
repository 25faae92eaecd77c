//! vigil-rules: the built-in rule packs and the engines that run them. Today this holds the
//! secrets detectors (`packs/secrets.yml`); the SAST engine joins it (see the README's
//! status table).

pub mod sast;
pub mod secrets;
pub mod text;

pub use secrets::{SecretsAnalyzer, SecretsPack, SecretsPackError};
