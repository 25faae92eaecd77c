//! CVSS base scores from vector strings, per the FIRST CVSS v3.1 specification (§7.1
//! base equations, Appendix A `Roundup`); v3.0 vectors use the same equations (v3.1 only
//! made the rounding exact). CVSS v4.0 scores come from FIRST's macro-vector lookup table,
//! which RustSec's `cvss` crate implements; [`v4_base_score`] delegates to it.

use thiserror::Error;

/// Why a vector could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CvssError {
    #[error("not a CVSS v3 vector: {0:?}")]
    NotV3(String),
    #[error("a CVSS v4.0 vector: score it with v4_base_score")]
    V4Unsupported,
    #[error("vector {vector:?}: {reason}")]
    Invalid { vector: String, reason: String },
}

/// CVSS v3.1 `Roundup`: the smallest number with one decimal place that is ≥ the input,
/// computed on integers so that floating-point noise (e.g. 4.000000000000001) does not
/// round up.
pub fn roundup(x: f64) -> f64 {
    let int_input = (x * 100_000.0).round() as i64;
    if int_input % 10_000 == 0 {
        int_input as f64 / 100_000.0
    } else {
        ((int_input / 10_000) + 1) as f64 / 10.0
    }
}

/// Base score of a `CVSS:3.0/…` or `CVSS:3.1/…` vector. Temporal and environmental
/// metrics may be present and are ignored (this is the base score).
pub fn v3_base_score(vector: &str) -> Result<f64, CvssError> {
    let v = vector.trim();
    let rest = v
        .strip_prefix("CVSS:3.1/")
        .or_else(|| v.strip_prefix("CVSS:3.0/"))
        .ok_or_else(|| {
            if v.starts_with("CVSS:4.0/") {
                CvssError::V4Unsupported
            } else {
                CvssError::NotV3(v.to_string())
            }
        })?;
    let invalid = |reason: &str| CvssError::Invalid {
        vector: v.to_string(),
        reason: reason.to_string(),
    };
    let mut m: [Option<&str>; 8] = [None; 8];
    const NAMES: [&str; 8] = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];
    for part in rest.split('/') {
        let (k, val) = part
            .split_once(':')
            .ok_or_else(|| invalid("metric without ':'"))?;
        if let Some(i) = NAMES.iter().position(|n| *n == k) {
            if m[i].is_some() {
                return Err(invalid(&format!("metric {k} given twice")));
            }
            m[i] = Some(val);
        } else if !matches!(
            k,
            "E" | "RL"
                | "RC"
                | "CR"
                | "IR"
                | "AR"
                | "MAV"
                | "MAC"
                | "MPR"
                | "MUI"
                | "MS"
                | "MC"
                | "MI"
                | "MA"
        ) {
            return Err(invalid(&format!("unknown metric {k}")));
        }
    }
    let get = |i: usize| m[i].ok_or_else(|| invalid(&format!("missing metric {}", NAMES[i])));
    let scope_changed = match get(4)? {
        "U" => false,
        "C" => true,
        _ => return Err(invalid("S must be U or C")),
    };
    let av = match get(0)? {
        "N" => 0.85,
        "A" => 0.62,
        "L" => 0.55,
        "P" => 0.2,
        _ => return Err(invalid("AV must be N, A, L or P")),
    };
    let ac = match get(1)? {
        "L" => 0.77,
        "H" => 0.44,
        _ => return Err(invalid("AC must be L or H")),
    };
    let pr = match (get(2)?, scope_changed) {
        ("N", _) => 0.85,
        ("L", false) => 0.62,
        ("L", true) => 0.68,
        ("H", false) => 0.27,
        ("H", true) => 0.5,
        _ => return Err(invalid("PR must be N, L or H")),
    };
    let ui = match get(3)? {
        "N" => 0.85,
        "R" => 0.62,
        _ => return Err(invalid("UI must be N or R")),
    };
    let cia = |i: usize| -> Result<f64, CvssError> {
        match get(i)? {
            "H" => Ok(0.56),
            "L" => Ok(0.22),
            "N" => Ok(0.0),
            _ => Err(invalid(&format!("{} must be H, L or N", NAMES[i]))),
        }
    };
    let (c, i, a) = (cia(5)?, cia(6)?, cia(7)?);
    let iss = 1.0 - ((1.0 - c) * (1.0 - i) * (1.0 - a));
    let impact = if scope_changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02).powi(15)
    } else {
        6.42 * iss
    };
    let exploitability = 8.22 * av * ac * pr * ui;
    if impact <= 0.0 {
        return Ok(0.0);
    }
    let score = if scope_changed {
        roundup((1.08 * (impact + exploitability)).min(10.0))
    } else {
        roundup((impact + exploitability).min(10.0))
    };
    Ok(score)
}

/// Score of a `CVSS:4.0/…` vector (FIRST CVSS v4.0: macro-vector lookup plus the
/// severity-distance interpolation), via RustSec's `cvss` crate.
pub fn v4_base_score(vector: &str) -> Result<f64, CvssError> {
    let v = vector.trim();
    let parsed: ::cvss::v4::Vector = v.parse().map_err(|e: ::cvss::Error| CvssError::Invalid {
        vector: v.to_string(),
        reason: e.to_string(),
    })?;
    Ok(parsed.score().value())
}

/// Whether a string is a CVSS v4.0 vector.
pub fn is_v4(vector: &str) -> bool {
    vector.trim().starts_with("CVSS:4.0/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundup_spec_examples() {
        // CVSS v3.1 spec Appendix A.
        assert_eq!(roundup(4.02), 4.1);
        assert_eq!(roundup(4.00), 4.0);
        assert_eq!(roundup(4.000000000000001), 4.0);
    }

    #[test]
    fn published_scores() {
        // Scores as published by NVD / GitHub for these vectors.
        let cases = [
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8), // e.g. CVE-2021-44228-class
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0), // CVE-2021-44228
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5), // CVE-2022-24713 (regex)
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1), // CVE-2020-11022 (jQuery XSS)
            ("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:L/A:N", 3.1), // CVE-2020-15168 (node-fetch)
            ("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.2),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L", 5.6),
            ("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2), // CVE-2021-23337 (lodash)
            ("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.3),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:L/A:N", 6.9),
            ("CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 5.7),
            ("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
            ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4), // CVE-2019-11358 class
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:L/A:N/E:H", 6.9), // temporal ignored
        ];
        for (v, want) in cases {
            assert_eq!(v3_base_score(v).unwrap(), want, "{v}");
        }
    }

    #[test]
    fn bad_vectors() {
        assert!(matches!(
            v3_base_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"),
            Err(CvssError::V4Unsupported)
        ));
        assert!(v3_base_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").is_err()); // CVSS v2
        assert!(v3_base_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H").is_err());
        assert!(v3_base_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").is_err());
        assert!(v3_base_score("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").is_err());
        assert!(v3_base_score("CVSS:3.1/garbage").is_err());
        assert!(is_v4("CVSS:4.0/AV:N"));
    }

    #[test]
    fn v4_scores_match_first_calculator() {
        // Scores from FIRST's CVSS v4.0 calculator.
        let cases = [
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                9.3,
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
                0.0,
            ),
            (
                "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                8.5,
            ),
        ];
        for (v, want) in cases {
            assert_eq!(v4_base_score(v).unwrap(), want, "{v}");
        }
        assert!(v4_base_score("CVSS:4.0/AV:N").is_err());
        assert!(v4_base_score("CVSS:4.0/garbage").is_err());
    }
}
