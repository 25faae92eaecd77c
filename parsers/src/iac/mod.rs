//! CloudFormation (YAML/JSON) and Terraform (HCL, .tf.json) → one resource model with line spans.
//!
//! Checks are written once over [`Resource`]s whose properties are a format-neutral tree of
//! [`Node`]s. Whatever the parser cannot resolve (an unset variable, `!Ref AWS::Region`, another
//! resource's attribute) becomes [`Value::Unknown`], and checks never report on unknowns.
//! An unresolved CloudFormation `!If` or Terraform conditional keeps both branches in
//! [`Value::Either`], so checks see every value the property can take.

pub mod cfn;
pub mod model;
pub mod terraform;

pub use model::{Format, Model, Node, Parameter, Resource, Span, Value};

/// Deepest nesting of values kept; deeper parts become Unknown so hostile input cannot
/// exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Why a file could not be turned into resources: names the line when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IacError {
    /// YAML/JSON/HCL syntax error.
    #[error("{path}:{line}: syntax error: {message}")]
    Syntax {
        path: String,
        line: u32,
        message: String,
    },
    /// Structurally valid but not usable (too deep, too large, bad module reference).
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: u32,
        message: String,
    },
}

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
}
