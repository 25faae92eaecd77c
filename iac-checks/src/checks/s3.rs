//! placeholder
use crate::check::Check;

pub(super) fn checks() -> Vec<Check> {
    Vec::new()
}

#[cfg(test)]
pub(crate) const CASES: &[crate::tests::Case] = &[];
