//! Inline suppressions: a comment on the finding's line or the line above.
//!
//! `vigil-ignore` suppresses any finding there; `vigil-ignore: id1, id2` only those rules.
//! `nosemgrep` (optionally `nosemgrep: id`) and `gitleaks:allow` are honoured too, so teams
//! migrating from Semgrep or gitleaks keep their annotations. Suppressed findings are kept
//! with status SUPPRESSED and the reason, never dropped.

/// Returns the suppressing comment if line `line` (1-based) or the line above suppresses
/// `rule_id`.
pub fn inline_suppression(lines: &[&str], line: u32, rule_id: &str) -> Option<String> {
    let idx = (line as usize).checked_sub(1)?;
    let candidates = [Some(idx), idx.checked_sub(1)];
    for i in candidates.into_iter().flatten() {
        let Some(text) = lines.get(i) else { continue };
        if let Some(reason) = suppression_in(text, rule_id) {
            return Some(reason);
        }
    }
    None
}

fn suppression_in(text: &str, rule_id: &str) -> Option<String> {
    if text.contains("gitleaks:allow") {
        return Some("gitleaks:allow".into());
    }
    for marker in ["vigil-ignore", "nosemgrep"] {
        let Some(pos) = text.find(marker) else {
            continue;
        };
        let rest = &text[pos + marker.len()..];
        let Some(ids) = rest.strip_prefix(':') else {
            // Bare marker (maybe followed by prose): suppresses every rule on that line.
            return Some(marker.to_string());
        };
        let listed: Vec<&str> = ids
            .split([',', ' '])
            .map(|s| s.trim().trim_end_matches(['*', '/', '-', '>']))
            .filter(|s| !s.is_empty())
            .collect();
        if listed.is_empty() {
            return Some(marker.to_string());
        }
        // Semgrep ids are often qualified (`python.lang.security.x`): match on the last part too.
        if listed.iter().any(|id| {
            *id == rule_id
                || rule_id.ends_with(&format!(".{id}"))
                || id.ends_with(&format!(".{rule_id}"))
        }) {
            return Some(format!("{marker}: {rule_id}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_on_line_or_line_above() {
        let lines = [
            "x = 1",
            "# vigil-ignore",
            "key = 'abc'",
            "key2 = 'def' # nosemgrep",
        ];
        assert_eq!(
            inline_suppression(&lines, 3, "r").as_deref(),
            Some("vigil-ignore")
        );
        assert_eq!(
            inline_suppression(&lines, 4, "r").as_deref(),
            Some("nosemgrep")
        );
        assert_eq!(inline_suppression(&lines, 1, "r"), None);
    }

    #[test]
    fn rule_lists_only_suppress_listed_rules() {
        let lines = ["a # vigil-ignore: aws-access-key-id, slack-token"];
        assert!(inline_suppression(&lines, 1, "aws-access-key-id").is_some());
        assert!(inline_suppression(&lines, 1, "slack-token").is_some());
        assert!(inline_suppression(&lines, 1, "github-pat").is_none());
        let lines = ["// nosemgrep: javascript.lang.security.eval-use"];
        assert!(inline_suppression(&lines, 1, "eval-use").is_some());
    }

    #[test]
    fn gitleaks_allow() {
        assert!(inline_suppression(&["t = 'x' // gitleaks:allow"], 1, "any").is_some());
    }

    #[test]
    fn line_two_below_is_not_suppressed() {
        let lines = ["# vigil-ignore", "", "secret"];
        assert_eq!(inline_suppression(&lines, 3, "r"), None);
    }
}
