//! Finding the line that declares a package when the parser gives no spans.
//!
//! serde_json, serde_norway and toml do not report where a value sits, so each helper here
//! makes one pass over the text and builds an index the format parsers look packages up in
//! (never one search per package: lockfiles reach 50,000 packages).

use std::collections::{HashMap, VecDeque};

/// 1-based line of byte `offset` in `text` (for error messages).
pub fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    to_line(newlines)
}

/// 0-based line index → 1-based `u32` line, saturating.
pub fn to_line(index: usize) -> u32 {
    u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)
}

/// Separator between path components in [`JsonLines`] keys (never valid unescaped in JSON).
const SEP: char = '\u{1}';

/// Lines of selected object keys and array elements of a JSON document, by their path.
///
/// A path is the list of keys (array elements: their index in decimal) from the root. The
/// line of a key is the line of the key token; the line of an array element is the line its
/// value starts on. Works on minified JSON too (everything is then on line 1).
#[derive(Debug, Default)]
pub struct JsonLines {
    map: HashMap<String, u32>,
    /// Recorded paths seen more than once (duplicate object keys), with the later line.
    pub duplicates: Vec<(Vec<String>, u32)>,
}

impl JsonLines {
    /// Scans `text` (already known to be valid JSON) and records the paths `want` accepts.
    pub fn scan(text: &str, want: &dyn Fn(&[String]) -> bool) -> Self {
        #[derive(Clone, Copy)]
        enum Frame {
            Object { expect_key: bool },
            Array { index: usize, started: bool },
        }
        let bytes = text.as_bytes();
        let mut map = HashMap::new();
        let mut duplicates = Vec::new();
        let mut frames: Vec<Frame> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        let mut line = 0usize;
        let mut i = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                line += 1;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() || b == b':' {
                i += 1;
                continue;
            }
            // A value starting inside an array: record the element.
            if b != b',' && b != b']' {
                let depth = frames.len();
                if let Some(Frame::Array { index, started }) = frames.last_mut()
                    && !*started
                {
                    *started = true;
                    path.truncate(depth - 1);
                    path.push(index.to_string());
                    if want(&path) {
                        map.insert(path.join(&SEP.to_string()), to_line(line));
                    }
                }
            }
            match b {
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    let mut escaped = false;
                    while j < bytes.len() && bytes[j] != b'"' {
                        if bytes[j] == b'\\' {
                            escaped = true;
                            j += 1;
                        }
                        j += 1;
                    }
                    let end = j.min(bytes.len());
                    let is_key = matches!(frames.last(), Some(Frame::Object { expect_key: true }));
                    if is_key {
                        let raw = text.get(start..end).unwrap_or("");
                        let key = if escaped {
                            serde_json::from_str::<String>(text.get(i..=end).unwrap_or("\"\""))
                                .unwrap_or_else(|_| raw.to_string())
                        } else {
                            raw.to_string()
                        };
                        if let Some(Frame::Object { expect_key }) = frames.last_mut() {
                            *expect_key = false;
                        }
                        let depth = frames.len();
                        path.truncate(depth - 1);
                        path.push(key);
                        if want(&path)
                            && map
                                .insert(path.join(&SEP.to_string()), to_line(line))
                                .is_some()
                        {
                            duplicates.push((path.clone(), to_line(line)));
                        }
                    }
                    i = end + 1;
                    continue;
                }
                b'{' => frames.push(Frame::Object { expect_key: true }),
                b'[' => frames.push(Frame::Array {
                    index: 0,
                    started: false,
                }),
                b'}' | b']' => {
                    frames.pop();
                    path.truncate(frames.len());
                }
                b',' => match frames.last_mut() {
                    Some(Frame::Object { expect_key }) => *expect_key = true,
                    Some(Frame::Array { index, started }) => {
                        *index += 1;
                        *started = false;
                    }
                    None => {}
                },
                _ => {}
            }
            i += 1;
        }
        JsonLines { map, duplicates }
    }

    /// Line recorded for `path`, if any.
    pub fn get(&self, path: &[&str]) -> Option<u32> {
        self.map.get(&path.join(&SEP.to_string())).copied()
    }
}

/// Lines of `name = "…"` inside each `[[table]]` block of a TOML file, queued per name in
/// file order, so the n-th package of that name in the parsed array takes the n-th line.
#[derive(Debug, Default)]
pub struct TomlBlocks {
    by_name: HashMap<String, VecDeque<u32>>,
}

impl TomlBlocks {
    /// One pass over `text` collecting the `[[header]]` blocks (e.g. `package`).
    pub fn scan(text: &str, header: &str) -> Self {
        let wanted = format!("[[{header}]]");
        let mut by_name: HashMap<String, VecDeque<u32>> = HashMap::new();
        let mut in_block = false;
        let mut named = true;
        for (idx, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with('[') {
                let bare = line.split('#').next().unwrap_or("").trim();
                if bare == wanted {
                    in_block = true;
                    named = false;
                } else if !bare.starts_with(&format!("[{header}."))
                    && !bare.starts_with(&format!("[[{header}."))
                {
                    in_block = false;
                }
                continue;
            }
            if in_block
                && !named
                && let Some(rest) = line.strip_prefix("name")
                && let Some(value) = rest.trim_start().strip_prefix('=')
            {
                let name = value.trim().trim_matches(|c| c == '"' || c == '\'');
                by_name
                    .entry(name.to_string())
                    .or_default()
                    .push_back(to_line(idx));
                named = true;
            }
        }
        TomlBlocks { by_name }
    }

    /// Takes the next unclaimed line of a block named `name`.
    pub fn take(&mut self, name: &str) -> Option<u32> {
        self.by_name.get_mut(name).and_then(VecDeque::pop_front)
    }
}

/// Lines of the keys directly under a top-level YAML mapping key (`packages:` → its
/// two-space-indented keys), for block-style files such as pnpm-lock.yaml.
pub fn yaml_section_keys(text: &str, section: &str) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    let mut inside = false;
    let mut child_indent: Option<usize> = None;
    for (idx, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        if indent == 0 {
            inside = yaml_key(raw).is_some_and(|k| k == section);
            child_indent = None;
            continue;
        }
        if !inside {
            continue;
        }
        let ci = *child_indent.get_or_insert(indent);
        if indent == ci
            && let Some(key) = yaml_key(raw.trim_start())
        {
            out.entry(key).or_insert(to_line(idx));
        }
    }
    out
}

/// The key of a `key: value` / `key:` YAML line (quotes removed), if it is one.
pub fn yaml_key(line: &str) -> Option<String> {
    let line = line.trim_end();
    if let Some(rest) = line.strip_prefix('\'') {
        let mut key = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    key.push('\'');
                    continue;
                }
                let after: String = chars.collect();
                return after.starts_with(':').then_some(key);
            }
            key.push(c);
        }
        return None;
    }
    if let Some(rest) = line.strip_prefix('"') {
        let end = rest.find('"')?;
        return rest[end + 1..]
            .starts_with(':')
            .then(|| rest[..end].to_string());
    }
    if let Some(pos) = line.find(": ") {
        return Some(line[..pos].to_string());
    }
    line.strip_suffix(':').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_keys_and_array_elements() {
        let text = "{\n  \"a\": {\n    \"b\\\"x\": 1\n  },\n  \"list\": [\n    {\"name\": \"p\"},\n    {\n      \"name\": \"q\"\n    }\n  ]\n}";
        let lines = JsonLines::scan(text, &|_| true);
        assert_eq!(lines.get(&["a"]), Some(2));
        assert_eq!(lines.get(&["a", "b\"x"]), Some(3));
        assert_eq!(lines.get(&["list", "0"]), Some(6));
        assert_eq!(lines.get(&["list", "0", "name"]), Some(6));
        assert_eq!(lines.get(&["list", "1"]), Some(7));
        assert_eq!(lines.get(&["list", "1", "name"]), Some(8));
        assert_eq!(lines.get(&["missing"]), None);
        assert!(lines.duplicates.is_empty());
        let dup = JsonLines::scan("{\"a\": 1,\n\"a\": 2}", &|_| true);
        assert_eq!(dup.duplicates, [(vec!["a".to_string()], 2)]);
    }

    #[test]
    fn json_lines_filter_limits_what_is_kept() {
        let text = r#"{"packages": {"x": {"version": "1"}}}"#;
        let lines = JsonLines::scan(text, &|p| p.len() == 2);
        assert_eq!(lines.get(&["packages", "x"]), Some(1));
        assert_eq!(lines.get(&["packages"]), None);
    }

    #[test]
    fn toml_blocks_queue_names_in_order() {
        let text = "[[package]]\nname = \"a\"\n[package.dependencies]\nname = \"zzz\"\n\n[[package]]\nversion = \"1\"\nname = \"a\"\n";
        let mut blocks = TomlBlocks::scan(text, "package");
        assert_eq!(blocks.take("a"), Some(2));
        assert_eq!(blocks.take("a"), Some(8));
        assert_eq!(blocks.take("a"), None);
        assert_eq!(blocks.take("zzz"), None);
    }

    #[test]
    fn yaml_keys_of_a_section() {
        let text = "lockfileVersion: '9.0'\npackages:\n\n  '@a/b@1.0.0':\n    resolution: {x: y}\n  c@2.0.0:\n    dev: true\nsnapshots:\n  c@2.0.0: {}\n";
        let keys = yaml_section_keys(text, "packages");
        assert_eq!(keys.get("@a/b@1.0.0"), Some(&4));
        assert_eq!(keys.get("c@2.0.0"), Some(&6));
        assert_eq!(keys.len(), 2);
        assert_eq!(yaml_key("'it''s': 1").as_deref(), Some("it's"));
    }
}
