//! Tree-sitter parsing of Python, JavaScript (JSX) and TypeScript (TSX): one tree per file,
//! shared by every SAST rule.
//!
//! Parsing happens once per file; every rule then walks the same [`ParsedFile`]. Files that
//! would make a scan slow or a tree walk deep (minified bundles, megabyte files, absurd
//! nesting) are refused up front with a [`SkipReason`] the summary can show, so nothing
//! downstream has to guard against them again.

use std::fmt;

use tree_sitter::{Language, Node, Parser, Tree};

/// Files larger than this are skipped: generated bundles, not code people review.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Files with a line longer than this are skipped: minified code, where a finding is
/// unreadable and matching is slow.
pub const MAX_LINE_LEN: usize = 5000;
/// Trees deeper than this are skipped, so recursive walks in rule engines stay bounded.
pub const MAX_TREE_DEPTH: usize = 1000;

/// A language vigil parses; TSX is separate because it is a separate grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
}

impl Lang {
    /// The language of a path from its extension; `None` for files vigil does not parse.
    pub fn from_path(path: &str) -> Option<Lang> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "py" | "pyi" => Some(Lang::Python),
            "js" | "mjs" | "cjs" | "jsx" => Some(Lang::JavaScript),
            "ts" | "mts" | "cts" => Some(Lang::TypeScript),
            "tsx" => Some(Lang::Tsx),
            _ => None,
        }
    }

    /// The tree-sitter grammar for this language.
    pub fn grammar(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }

    /// True for the JavaScript family (JS, TS, TSX): rules for `javascript` run on all three.
    pub fn is_js_family(self) -> bool {
        !matches!(self, Lang::Python)
    }

    /// Short lower-case name, as rule files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
        }
    }
}

/// Why a file was not parsed; shown in the scan summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge { bytes: usize },
    LongLine { line: usize, len: usize },
    TooDeep { depth: usize },
    ParserFailed,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::TooLarge { bytes } => {
                write!(f, "skipped: file is {bytes} bytes (limit {MAX_FILE_BYTES})")
            }
            SkipReason::LongLine { line, len } => write!(
                f,
                "skipped: line {line} is {len} characters long (limit {MAX_LINE_LEN}; minified?)"
            ),
            SkipReason::TooDeep { depth } => write!(
                f,
                "skipped: syntax tree nesting exceeds {depth} levels (limit {MAX_TREE_DEPTH})"
            ),
            SkipReason::ParserFailed => f.write_str("skipped: the parser gave up on this file"),
        }
    }
}

/// One parsed file: the tree and the text it was parsed from.
pub struct ParsedFile<'s> {
    pub lang: Lang,
    pub source: &'s str,
    pub tree: Tree,
    /// True when the tree holds ERROR or MISSING nodes; the rest of the file is still usable.
    pub has_errors: bool,
}

impl<'s> ParsedFile<'s> {
    /// The root node.
    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }

    /// The source text of a node (empty if the node's range is not valid UTF-8 boundaries).
    pub fn text(&self, node: Node<'_>) -> &'s str {
        self.source.get(node.byte_range()).unwrap_or("")
    }
}

/// Checks the size guards without parsing (cheap; also used by callers that want the reason
/// before doing any work).
pub fn check_limits(source: &str) -> Result<(), SkipReason> {
    if source.len() > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge {
            bytes: source.len(),
        });
    }
    for (i, line) in source.split('\n').enumerate() {
        if line.len() > MAX_LINE_LEN {
            return Err(SkipReason::LongLine {
                line: i + 1,
                len: line.len(),
            });
        }
    }
    Ok(())
}

/// Parses `source` as `lang`, refusing files over the limits.
pub fn parse(lang: Lang, source: &str) -> Result<ParsedFile<'_>, SkipReason> {
    check_limits(source)?;
    let mut parser = Parser::new();
    parser
        .set_language(&lang.grammar())
        .map_err(|_| SkipReason::ParserFailed)?;
    let tree = parser.parse(source, None).ok_or(SkipReason::ParserFailed)?;
    let depth = tree_depth(tree.root_node(), MAX_TREE_DEPTH + 1);
    if depth > MAX_TREE_DEPTH {
        return Err(SkipReason::TooDeep {
            depth: MAX_TREE_DEPTH,
        });
    }
    let has_errors = tree.root_node().has_error();
    Ok(ParsedFile {
        lang,
        source,
        tree,
        has_errors,
    })
}

/// Depth of the tree under `root`, counted with a cursor (no recursion); stops at `cap`.
pub fn tree_depth(root: Node<'_>, cap: usize) -> usize {
    let mut cursor = root.walk();
    let mut depth = 1usize;
    let mut max = 1usize;
    loop {
        if cursor.goto_first_child() {
            depth += 1;
            max = max.max(depth);
            if max >= cap {
                return max;
            }
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return max;
            }
            depth -= 1;
        }
    }
}

/// Every node under `root` in pre-order (document order), collected without recursion.
pub fn preorder(root: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    loop {
        out.push(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == root {
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests;
