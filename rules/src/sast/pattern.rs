//! Pattern text → [`PNode`]: the pattern is parsed with the same tree-sitter grammar as the
//! code it will match, after metavariables and ellipses are rewritten into identifiers the
//! grammar accepts (`$X` → `__MV_X`, `$...X` → `__MVS_X`, `...` → `__ELL`,
//! `<... P ...>` → `__DEEP(P)`), then the tree is turned into an owned pattern tree.

use tree_sitter::Node;
use vigil_parsers::code::{self, Lang};

/// Longest pattern accepted (patterns are short; this bounds matching cost).
const MAX_PATTERN_LEN: usize = 20_000;

/// One node of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum PNode {
    /// `$X`: any one node; the same name must bind the same text everywhere.
    Mv(String),
    /// `$...X`: any run of list items (arguments, statements), bound as one span.
    MvSeq(String),
    /// `...`: any run of list items; any one node elsewhere.
    Ellipsis,
    /// `<... P ...>`: a node with `P` anywhere inside it (itself included).
    Deep(Box<PNode>),
    /// A string literal compared by content, so quote style does not matter.
    Str(StrPat),
    /// A token compared by canonical kind and text (identifiers, numbers, operators).
    Leaf { kind: String, text: String },
    /// An inner node: same canonical kind and matching children.
    Node {
        kind: String,
        children: Vec<PNode>,
        /// `a.b.c` when this subtree is a chain of names (segments may be `$X`), for
        /// import-alias matching.
        dotted: Option<String>,
    },
    /// Several statements in a row (a multi-line pattern).
    Seq(Vec<PNode>),
}

/// How a string literal in a pattern matches.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPat {
    /// `"..."`: any string literal without interpolation.
    Any,
    /// `f"..."` / `` `...` ``: any string, interpolated or not.
    AnyInterpolated,
    /// `"$X"`: any string literal, bound to `$X`.
    Mv(String),
    /// This exact content.
    Text(String),
    /// `"=~/regex/"`: content matching a regular expression.
    Regex(Re),
}

/// A regex that compares by its source text (so patterns stay comparable in tests).
#[derive(Debug, Clone)]
pub struct Re(pub regex::Regex);

impl PartialEq for Re {
    fn eq(&self, other: &Re) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// Why a pattern could not be compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError(pub String);

/// Rewrites metavariables and ellipses outside string literals.
pub fn preprocess(src: &str) -> String {
    preprocess_for(src, false)
}

/// [`preprocess`]; with `js`, an ellipsis standing between statements on one line gets
/// `;` separators so the JavaScript grammar sees statements (`{ ... f() ... }`).
pub fn preprocess_for(src: &str, js: bool) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() + 16);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let fstring =
            c == b'`' || ((c == b'"' || c == b'\'') && i > 0 && matches!(b[i - 1], b'f' | b'F'));
        if fstring {
            // Interpolating string: rewrite metavariables in it, keep the rest.
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            let body = &src[start..i];
            out.push_str(&rewrite_mvs(body));
            continue;
        }
        if c == b'"' || c == b'\'' {
            // Copy a string literal verbatim.
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push_str(&src[start..i]);
            continue;
        }
        if src[i..].starts_with("<...") {
            out.push_str("__DEEP(");
            i += 4;
            continue;
        }
        if src[i..].starts_with("...>") {
            out.push(')');
            i += 4;
            continue;
        }
        if src[i..].starts_with("$...") {
            let n = mv_name_len(&b[i + 4..]);
            if n > 0 {
                out.push_str("__MVS_");
                out.push_str(&src[i + 4..i + 4 + n]);
                i += 4 + n;
                continue;
            }
        }
        if c == b'$' {
            let n = mv_name_len(&b[i + 1..]);
            if n > 0 {
                out.push_str("__MV_");
                out.push_str(&src[i + 1..i + 1 + n]);
                i += 1 + n;
                continue;
            }
        }
        if src[i..].starts_with("...") {
            let prev = out.trim_end().chars().last();
            let next = src[i + 3..].trim_start().chars().next();
            let last_word: String = out
                .trim_end()
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let keyword = matches!(
                last_word.as_str(),
                "return"
                    | "await"
                    | "new"
                    | "yield"
                    | "typeof"
                    | "case"
                    | "throw"
                    | "in"
                    | "of"
                    | "void"
                    | "delete"
            );
            let stmt_before = !keyword
                && prev.is_some_and(|c| c == ')' || c == ']' || c.is_alphanumeric() || c == '_');
            let stmt_after =
                next.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '<');
            if js && stmt_before {
                out.push(';');
            }
            out.push_str("__ELL");
            if js && stmt_after {
                out.push(';');
            }
            i += 3;
            continue;
        }
        let ch = src[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// `$X` → `__MV_X` everywhere in `s` (used inside f-strings and template literals).
fn rewrite_mvs(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let n = mv_name_len(&b[i + 1..]);
            if n > 0 {
                out.push_str("__MV_");
                out.push_str(&s[i + 1..i + 1 + n]);
                i += 1 + n;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// In Python, `...` directly inside `{}` is a dict entry wildcard: `{**__ELL, "k": v}`.
fn dict_ellipsis(s: &str) -> String {
    let b = s.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'"' || c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push_str(&s[start..i]);
            continue;
        }
        match c {
            b'(' | b'[' | b'{' => stack.push(c),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        if stack.last() == Some(&b'{') && s[i..].starts_with("__ELL") {
            out.push_str("**__ELL");
            i += 5;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Length of a metavariable name (`[A-Z_][A-Z0-9_]*`) at the start of `b`.
fn mv_name_len(b: &[u8]) -> usize {
    match b.first() {
        Some(c) if c.is_ascii_uppercase() || *c == b'_' => {}
        _ => return 0,
    }
    b.iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'_')
        .count()
}

/// True for a metavariable name as written in rules (`$X`, `$FOO_1`).
pub fn is_mv_name(s: &str) -> bool {
    s.strip_prefix('$')
        .is_some_and(|r| !r.is_empty() && mv_name_len(r.as_bytes()) == r.len())
}

/// Compiles pattern text for `lang`.
pub fn compile(src: &str, lang: Lang) -> Result<PNode, PatternError> {
    if src.len() > MAX_PATTERN_LEN {
        return Err(PatternError(format!(
            "pattern longer than {MAX_PATTERN_LEN} bytes"
        )));
    }
    let pre = preprocess_for(src.trim(), lang.is_js_family());
    let mut attempts: Vec<(String, Wrap)> = Vec::new();
    if lang == Lang::Python {
        attempts.push((pre.clone(), Wrap::None));
        let body: String = pre.lines().map(|l| format!("    {l}\n")).collect();
        attempts.push((format!("def __W():\n{body}"), Wrap::PyDef));
        if pre.contains('{') {
            let d = dict_ellipsis(&pre);
            let body: String = d.lines().map(|l| format!("    {l}\n")).collect();
            attempts.push((d, Wrap::None));
            attempts.push((format!("def __W():\n{body}"), Wrap::PyDef));
        }
    } else {
        if pre.starts_with('{') {
            attempts.push((format!("({pre})"), Wrap::None));
        }
        attempts.push((pre.clone(), Wrap::None));
        attempts.push((format!("({pre})"), Wrap::None));
        attempts.push((format!("function __W() {{\n{pre}\n}}"), Wrap::JsFn));
        attempts.push((format!("class __W {{\n{pre}\n}}"), Wrap::JsClass));
    }
    let mut last_err = String::from("does not parse");
    for (text, wrap) in attempts {
        let parsed = match code::parse(lang, &text) {
            Ok(p) => p,
            Err(e) => return Err(PatternError(e.to_string())),
        };
        if parsed.has_errors {
            last_err = describe_error(&parsed);
            continue;
        }
        let stmts = wrapped_items(parsed.root(), wrap);
        let c = Compiler { src: &text };
        let mut items: Vec<PNode> = stmts
            .into_iter()
            .map(|n| c.node(n, 0))
            .collect::<Result<_, _>>()?;
        return match items.len() {
            0 => Err(PatternError("empty pattern".into())),
            1 => Ok(unwrap_stmt(items.remove(0))),
            _ => Ok(PNode::Seq(items)),
        };
    }
    Err(PatternError(format!(
        "pattern does not parse as {}: {last_err}",
        lang.as_str()
    )))
}

#[derive(Clone, Copy)]
enum Wrap {
    None,
    PyDef,
    JsFn,
    JsClass,
}

fn describe_error(p: &code::ParsedFile<'_>) -> String {
    for n in code::preorder(p.root()) {
        if n.is_error() || n.is_missing() {
            let t: String = p.text(n).chars().take(40).collect();
            return format!("syntax error near `{t}`");
        }
    }
    "syntax error".into()
}

/// The statements (or class members) the pattern consists of, without the wrapper.
fn named<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut c = n.walk();
    n.named_children(&mut c)
        .filter(|x| x.kind() != "comment")
        .collect()
}

fn wrapped_items(root: Node<'_>, wrap: Wrap) -> Vec<Node<'_>> {
    let top = named(root);
    match wrap {
        Wrap::None => top,
        Wrap::PyDef | Wrap::JsFn => top
            .first()
            .and_then(|f| f.child_by_field_name("body"))
            .map(named)
            .unwrap_or_default(),
        Wrap::JsClass => top
            .first()
            .and_then(|f| f.child_by_field_name("body"))
            .map(named)
            .unwrap_or_default(),
    }
}

/// A single expression statement matches the expression anywhere, not only as a statement.
fn unwrap_stmt(p: PNode) -> PNode {
    match p {
        PNode::Node {
            kind, mut children, ..
        } if kind == "expression_statement" && children.len() == 1 => children.remove(0),
        other => other,
    }
}

struct Compiler<'a> {
    src: &'a str,
}

/// Deepest pattern tree accepted.
const MAX_PATTERN_DEPTH: usize = 200;

impl Compiler<'_> {
    fn text(&self, n: Node<'_>) -> &str {
        self.src.get(n.byte_range()).unwrap_or("")
    }

    fn node(&self, n: Node<'_>, depth: usize) -> Result<PNode, PatternError> {
        if depth > MAX_PATTERN_DEPTH {
            return Err(PatternError("pattern nested too deeply".into()));
        }
        let n = unwrap_parens(n);
        let kind = canonical_kind(n.kind()).to_string();
        let text = self.text(n);
        if kind == "identifier" {
            if text == "__ELL" {
                return Ok(PNode::Ellipsis);
            }
            if let Some(name) = text.strip_prefix("__MVS_") {
                return Ok(PNode::MvSeq(format!("$...{name}")));
            }
            if let Some(name) = text.strip_prefix("__MV_") {
                return Ok(PNode::Mv(format!("${name}")));
            }
        }
        if is_string_kind(n.kind()) && !has_interpolation(n) {
            let content = string_content(text);
            let interpolating = text.starts_with(['f', 'F']) || text.starts_with('`');
            return Ok(PNode::Str(if content == "..." && interpolating {
                StrPat::AnyInterpolated
            } else if content == "..." {
                StrPat::Any
            } else if is_mv_name(content) {
                StrPat::Mv(content.to_string())
            } else if let Some(re) = content
                .strip_prefix("=~/")
                .and_then(|r| r.strip_suffix('/'))
            {
                let re = regex::RegexBuilder::new(re)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| PatternError(format!("bad regex in string pattern: {e}")))?;
                StrPat::Regex(Re(re))
            } else {
                StrPat::Text(content.to_string())
            }));
        }
        if n.kind() == "dictionary_splat" && self.text(n) == "**__ELL" {
            return Ok(PNode::Ellipsis);
        }
        if matches!(n.kind(), "string_content" | "string_fragment") {
            if text == "..." {
                return Ok(PNode::Ellipsis);
            }
            return Ok(PNode::Leaf {
                kind: "string_content".into(),
                text: text.to_string(),
            });
        }
        // A statement that is only `...` or `$X`.
        if n.kind() == "expression_statement" {
            let kids = children(n);
            if kids.len() == 1 {
                let inner = self.node(kids[0], depth + 1)?;
                if matches!(inner, PNode::Ellipsis | PNode::MvSeq(_) | PNode::Deep(_)) {
                    return Ok(inner);
                }
            }
        }
        // `__DEEP(P)`: deep expression.
        if (n.kind() == "call" || n.kind() == "call_expression")
            && let Some(f) = n.child_by_field_name("function")
            && self.text(f) == "__DEEP"
        {
            let args = n
                .child_by_field_name("arguments")
                .map(children)
                .unwrap_or_default();
            if args.len() != 1 {
                return Err(PatternError(
                    "`<... ...>` must hold exactly one expression".into(),
                ));
            }
            return Ok(PNode::Deep(Box::new(self.node(args[0], depth + 1)?)));
        }
        let kids = children(n);
        if kids.is_empty() {
            return Ok(PNode::Leaf {
                kind,
                text: text.to_string(),
            });
        }
        let children = kids
            .into_iter()
            .map(|k| self.node(k, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        // A TypeScript parameter that is only `...`, `$...X` or `$X` is that item itself.
        if matches!(kind.as_str(), "required_parameter" | "optional_parameter")
            && let [only @ (PNode::Ellipsis | PNode::MvSeq(_) | PNode::Mv(_))] = children.as_slice()
        {
            return Ok(only.clone());
        }
        let dotted = dotted_pattern(&children, &kind);
        Ok(PNode::Node {
            kind,
            children,
            dotted,
        })
    }
}

/// `a.b.c` (or `a.$X.c`) if a compiled attribute node is a chain of names/metavariables.
fn dotted_pattern(children: &[PNode], kind: &str) -> Option<String> {
    if !is_member_kind(kind) || children.len() != 2 {
        return None;
    }
    let head = match &children[0] {
        PNode::Leaf { kind, text } if kind == "identifier" => text.clone(),
        PNode::Mv(name) => name.clone(),
        PNode::Node {
            dotted: Some(d), ..
        } => d.clone(),
        _ => return None,
    };
    match &children[1] {
        PNode::Leaf { kind, text } if kind == "identifier" => Some(format!("{head}.{text}")),
        PNode::Mv(name) => Some(format!("{head}.{name}")),
        _ => None,
    }
}

/// Attribute access in either grammar.
pub fn is_member_kind(kind: &str) -> bool {
    kind == "attribute" || kind == "member_expression"
}

/// String literal node kinds.
pub fn is_string_kind(kind: &str) -> bool {
    matches!(kind, "string" | "template_string")
}

/// True if a string node has `{…}` / `${…}` parts.
pub fn has_interpolation(n: Node<'_>) -> bool {
    let mut c = n.walk();
    n.named_children(&mut c)
        .any(|k| k.kind() == "interpolation" || k.kind() == "template_substitution")
}

/// The content of a string literal's text, without prefix letters and quotes.
pub fn string_content(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| "rRbBuUfF".contains(c));
    for q in ["\"\"\"", "'''"] {
        if t.len() >= 6 && t.starts_with(q) && t.ends_with(q) {
            return &t[3..t.len() - 3];
        }
    }
    let bytes = t.as_bytes();
    if t.len() >= 2 && matches!(bytes[0], b'"' | b'\'' | b'`') && bytes[t.len() - 1] == bytes[0] {
        return &t[1..t.len() - 1];
    }
    t
}

/// Kinds that mean the same thing for matching are folded into one name.
pub fn canonical_kind(kind: &str) -> &str {
    match kind {
        "identifier"
        | "property_identifier"
        | "shorthand_property_identifier"
        | "shorthand_property_identifier_pattern"
        | "type_identifier"
        | "private_property_identifier"
        | "statement_identifier" => "identifier",
        "arguments" => "argument_list",
        "string_fragment" => "string_content",
        _ => kind,
    }
}

/// Punctuation that carries no meaning once the tree is built.
pub fn is_punct(kind: &str) -> bool {
    matches!(
        kind,
        "(" | ")"
            | ","
            | ";"
            | "["
            | "]"
            | "{"
            | "}"
            | ":"
            | "."
            | "\""
            | "'"
            | "`"
            | "${"
            | "string_start"
            | "string_end"
    )
}

/// Field names whose children are ignored when matching (type annotations the pattern
/// rarely mentions).
fn ignored_field(name: Option<&str>) -> bool {
    matches!(
        name,
        Some("return_type" | "type_parameters" | "type_arguments")
    )
}

/// The children that matter for matching: no comments, no punctuation, no type noise.
pub fn children(n: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::with_capacity(n.child_count() as usize);
    let mut c = n.walk();
    if !c.goto_first_child() {
        return out;
    }
    let assignment = n.kind() == "assignment";
    loop {
        let k = c.node();
        let kind = k.kind();
        let field = c.field_name();
        let keep = kind != "comment"
            && kind != "async"
            && kind != "type_annotation"
            && !(assignment && field == Some("type"))
            && !((!k.is_named() || matches!(kind, "string_start" | "string_end"))
                && is_punct(kind))
            && !ignored_field(field);
        if keep {
            out.push(k);
        }
        if !c.goto_next_sibling() {
            return out;
        }
    }
}

/// `(x)` → `x`, repeatedly.
pub fn unwrap_parens(mut n: Node<'_>) -> Node<'_> {
    while n.kind() == "parenthesized_expression" {
        let kids = children(n);
        if kids.len() != 1 {
            break;
        }
        n = kids[0];
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preprocess_rewrites_outside_strings_only() {
        assert_eq!(
            preprocess("foo($X, ..., $...REST)"),
            "foo(__MV_X, __ELL, __MVS_REST)"
        );
        assert_eq!(preprocess("f(\"$X ...\", '...')"), "f(\"$X ...\", '...')");
        assert_eq!(preprocess("<... $X ...>"), "__DEEP( __MV_X )");
        assert_eq!(preprocess("$el.innerHTML = $http"), "$el.innerHTML = $http");
        assert_eq!(
            preprocess_for("{ ... <... $E.x ...> ... }", true),
            "{ __ELL; __DEEP( __MV_E.x ) ;__ELL }"
        );
        assert_eq!(preprocess_for("return ...", true), "return __ELL");
    }

    #[test]
    fn compiles_calls_with_metavars_and_ellipsis() {
        let p = compile("os.system($CMD, ...)", Lang::Python).unwrap();
        let PNode::Node { kind, children, .. } = p else {
            panic!("{p:?}")
        };
        assert_eq!(kind, "call");
        assert!(matches!(&children[0], PNode::Node { dotted: Some(d), .. } if d == "os.system"));
        let PNode::Node { children: args, .. } = &children[1] else {
            panic!()
        };
        assert_eq!(args, &vec![PNode::Mv("$CMD".into()), PNode::Ellipsis]);
    }

    #[test]
    fn compiles_js_objects_statements_and_errors() {
        assert!(
            matches!(compile("{a: $X}", Lang::JavaScript).unwrap(), PNode::Node { kind, .. } if kind == "object")
        );
        assert!(
            matches!(compile("foo();\nbar();", Lang::JavaScript).unwrap(), PNode::Seq(v) if v.len() == 2)
        );
        assert!(
            matches!(compile("return $X;", Lang::JavaScript).unwrap(), PNode::Node { kind, .. } if kind == "return_statement")
        );
        assert!(compile("foo(((", Lang::Python).is_err());
        assert_eq!(
            compile("\"...\"", Lang::Python).unwrap(),
            PNode::Str(StrPat::Any)
        );
        assert_eq!(
            compile("'$S'", Lang::JavaScript).unwrap(),
            PNode::Str(StrPat::Mv("$S".into()))
        );
        assert!(matches!(
            compile("<... $X ...>", Lang::Python).unwrap(),
            PNode::Deep(_)
        ));
    }
}
