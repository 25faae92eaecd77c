//! vigil-iac: AWS misconfiguration checks over the format-neutral resource model of
//! `vigil_parsers::iac`, for CloudFormation (YAML/JSON, SAM) and Terraform alike.
//!
//! Entry point: [`IacAnalyzer`] (analyzer name `iac`). CloudFormation templates are checked
//! per file; Terraform per root module in the project pass, because a module spans files.
//! Values the parser cannot resolve are Unknown, and no check reports on an Unknown.

pub mod analyzer;
pub mod check;
pub mod checks;
pub mod policy;
pub mod suppress;

pub use analyzer::IacAnalyzer;
pub use check::Check;

#[cfg(test)]
mod tests;
