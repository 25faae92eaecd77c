//! Byte offsets to lines and columns, and snippets that stay readable on minified files.

/// Start offsets of every line, for turning match offsets into 1-based line/column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`'s line starts.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    /// Byte range of the line holding `offset`, without its line break.
    pub fn line_range(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&e| e.saturating_sub(1));
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        (start, end.max(start))
    }
}

/// Longest snippet line kept; longer lines (minified code) are cut around the match.
pub const MAX_SNIPPET: usize = 200;

/// Moves `i` down to the nearest char boundary.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_chars() {
        let t = "ab\nçd key\n";
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, 0), (1, 1));
        let k = t.find("key").unwrap();
        assert_eq!(idx.position(t, k), (2, 4));
        assert_eq!(&t[idx.line_range(t, k).0..idx.line_range(t, k).1], "çd key");
    }
}
