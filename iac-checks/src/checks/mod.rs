//! The check catalogue: one definition per concept, grouped by service family.

use std::sync::OnceLock;

use crate::check::{Check, Missing, Rule, Test};

mod compute;
mod data;
mod iam;
mod network;
pub(crate) mod s3;
pub(crate) mod secrets;
mod services;

/// Defines one [`Check`] positionally, so the catalogue stays readable.
macro_rules! check {
    ($id:literal, $sev:ident, $cwe:literal, $title:literal, $desc:literal, $rem:literal,
     cfn $ct:tt $cfix:literal, tf $tt:tt $tfix:literal,
     refs [$($r:expr),*], aliases [$($a:literal),*], $rule:expr) => {
        $crate::check::Check {
            id: $id,
            title: $title,
            severity: vigil_core::Severity::$sev,
            cwe: $cwe,
            description: $desc,
            remediation: $rem,
            fix_cfn: $cfix,
            fix_tf: $tfix,
            references: &[$($r),*],
            cfn_types: $crate::checks::types!($ct),
            tf_types: $crate::checks::types!($tt),
            aliases: &[$($a),*],
            rule: $rule,
        }
    };
}
pub(crate) use check;

/// A type list written inline (`["A", "B"]`) or as a constant.
macro_rules! types {
    ([$($x:literal),*]) => { &[$($x),*] };
    ($i:ident) => { $i };
}
pub(crate) use types;

/// `Rule::Attr` without exceptions.
pub(crate) const fn attr(
    cfn: &'static str,
    tf: &'static str,
    test: Test,
    missing: Missing,
) -> Rule {
    Rule::Attr {
        cfn,
        tf,
        test,
        missing,
        unless: &[],
    }
}

/// `Rule::Attr` that does not apply when one of `unless` is set.
pub(crate) const fn attr_unless(
    cfn: &'static str,
    tf: &'static str,
    test: Test,
    missing: Missing,
    unless: &'static [(&'static str, &'static str)],
) -> Rule {
    Rule::Attr {
        cfn,
        tf,
        test,
        missing,
        unless,
    }
}

/// Every check, built once.
pub fn all() -> &'static [Check] {
    static ALL: OnceLock<Vec<Check>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = Vec::new();
        v.extend(iam::checks());
        v.extend(s3::checks());
        v.extend(network::checks());
        v.extend(data::checks());
        v.extend(compute::checks());
        v.extend(services::checks());
        v.extend(secrets::checks());
        v
    })
}

/// Test cases: (check id, CloudFormation?, resource type or "" for a whole file, body, fails).
#[cfg(test)]
pub(crate) fn cases() -> Vec<crate::tests::Case> {
    let mut v = Vec::new();
    v.extend_from_slice(iam::CASES);
    v.extend_from_slice(s3::CASES);
    v.extend_from_slice(network::CASES);
    v.extend_from_slice(data::CASES);
    v.extend_from_slice(compute::CASES);
    v.extend_from_slice(services::CASES);
    v.extend_from_slice(secrets::CASES);
    v
}
