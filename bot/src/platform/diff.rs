//! Changed lines from unified-diff hunks (GitHub's `patch`, GitLab's `diff`): the lines an
//! inline comment may be placed on.

use std::collections::{BTreeSet, HashMap};

/// Added lines (head side, 1-based) per path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    by_path: HashMap<String, BTreeSet<u32>>,
}

impl ChangedLines {
    /// Platforms list at most this many files of a change request (GitHub: 3000); at the
    /// cap the list may be incomplete, so callers fall back to whole-tree comparisons.
    pub const LISTING_CAP: usize = 3000;

    /// Every path in the diff (added, changed or removed), sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.by_path.keys().cloned().collect();
        v.sort();
        v
    }

    /// Adds the added lines of one file's patch text.
    pub fn add_patch(&mut self, path: &str, patch: &str) {
        let set = self.by_path.entry(path.to_string()).or_default();
        let mut new_line: Option<u32> = None;
        for line in patch.lines() {
            if let Some(rest) = line.strip_prefix("@@") {
                new_line = parse_hunk_new_start(rest);
                continue;
            }
            let Some(n) = new_line else { continue };
            match line.as_bytes().first() {
                Some(b'+') => {
                    set.insert(n);
                    new_line = Some(n.saturating_add(1));
                }
                Some(b'-') | Some(b'\\') => {}
                _ => new_line = Some(n.saturating_add(1)),
            }
        }
    }

    /// Marks every line of a file as changed (a new file whose patch was too large to send).
    pub fn add_whole_file(&mut self, path: &str) {
        self.by_path.entry(path.to_string()).or_default().insert(0);
    }

    /// True when `line` of `path` was added or changed.
    pub fn contains(&self, path: &str, line: u32) -> bool {
        self.by_path
            .get(path)
            .is_some_and(|s| s.contains(&line) || s.contains(&0))
    }

    /// Number of files in the diff.
    pub fn files(&self) -> usize {
        self.by_path.len()
    }
}

/// `" -a,b +c,d @@ …"` → `c`.
fn parse_hunk_new_start(rest: &str) -> Option<u32> {
    let plus = rest.split_whitespace().find(|t| t.starts_with('+'))?;
    plus[1..].split(',').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_only() {
        let patch = "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n@@ -10,2 +11,2 @@ fn x\n x\n+y\n\\ No newline at end of file";
        let mut c = ChangedLines::default();
        c.add_patch("f.py", patch);
        assert!(!c.contains("f.py", 1));
        assert!(c.contains("f.py", 2));
        assert!(c.contains("f.py", 3));
        assert!(!c.contains("f.py", 4));
        assert!(!c.contains("f.py", 11));
        assert!(c.contains("f.py", 12));
        assert!(!c.contains("g.py", 2));
        c.add_patch("gone.py", "@@ -1,2 +0,0 @@\n-a\n-b");
        assert_eq!(c.paths(), vec!["f.py", "gone.py"]);
    }

    #[test]
    fn garbage_patch_yields_nothing() {
        let mut c = ChangedLines::default();
        c.add_patch("f", "+no hunk header\n@@ nonsense @@\n+x");
        assert!(!c.contains("f", 1));
        assert_eq!(c.files(), 1);
    }
}
