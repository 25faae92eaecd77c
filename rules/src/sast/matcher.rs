//! The structural matcher: compiled [`PNode`] patterns against one parsed file.
//!
//! A [`FileCtx`] is built once per file (node index by kind, statement blocks, import
//! aliases) and shared by every rule. Recursion follows the *pattern* tree, which is small
//! and depth-bounded at compile time; walks over the *target* tree use explicit lists, and
//! the parser refuses trees deeper than `MAX_TREE_DEPTH`, so hostile input cannot overflow
//! the stack.

use std::collections::HashMap;

use tree_sitter::Node;
use vigil_parsers::code::{self, Lang, ParsedFile};

use super::pattern::{
    PNode, StrPat, canonical_kind, children, has_interpolation, is_member_kind, is_string_kind,
    string_content, unwrap_parens,
};

/// What a metavariable is bound to: a node, or a span of list items for `$...X`.
#[derive(Debug, Clone, Copy)]
pub struct Bound<'t> {
    pub start: usize,
    pub end: usize,
    pub node: Option<Node<'t>>,
}

/// Metavariable bindings of one match, in binding order.
pub type Binds<'t> = Vec<(String, Bound<'t>)>;

/// One match: a byte range, its node when it is one node, and its bindings.
#[derive(Debug, Clone)]
pub struct Mat<'t> {
    pub start: usize,
    pub end: usize,
    pub node: Option<Node<'t>>,
    pub binds: Binds<'t>,
}

/// Everything about one file that rules share: built once, read by every rule.
pub struct FileCtx<'t> {
    pub lang: Lang,
    pub src: &'t str,
    pub root: Node<'t>,
    /// Named nodes by canonical kind, in document order.
    by_kind: HashMap<&'t str, Vec<Node<'t>>>,
    /// Every named node, in document order.
    pub named: Vec<Node<'t>>,
    /// Nodes holding statement lists (module, blocks).
    blocks: Vec<Node<'t>>,
    /// Local name → fully qualified dotted name, from imports and `require`.
    pub aliases: HashMap<String, String>,
}

fn is_block_kind(kind: &str) -> bool {
    matches!(
        kind,
        "module"
            | "block"
            | "program"
            | "statement_block"
            | "switch_case"
            | "switch_default"
            | "class_body"
    )
}

impl<'t> FileCtx<'t> {
    /// Indexes a parsed file.
    pub fn new(file: &'t ParsedFile<'t>) -> FileCtx<'t> {
        let root = file.root();
        let mut by_kind: HashMap<&'t str, Vec<Node<'t>>> = HashMap::new();
        let mut named = Vec::new();
        let mut blocks = Vec::new();
        for n in code::preorder(root) {
            if !n.is_named() {
                continue;
            }
            by_kind.entry(canonical_kind(n.kind())).or_default().push(n);
            if is_block_kind(n.kind()) {
                blocks.push(n);
            }
            named.push(n);
        }
        let mut cx = FileCtx {
            lang: file.lang,
            src: file.source,
            root,
            by_kind,
            named,
            blocks,
            aliases: HashMap::new(),
        };
        cx.aliases = cx.collect_aliases();
        cx
    }

    /// Source text of a node.
    pub fn text(&self, n: Node<'_>) -> &'t str {
        self.src.get(n.byte_range()).unwrap_or("")
    }

    /// Source text of a binding.
    pub fn bound_text(&self, b: &Bound<'_>) -> &'t str {
        self.src.get(b.start..b.end).unwrap_or("")
    }

    /// Named nodes of one canonical kind.
    pub fn nodes_of(&self, kind: &str) -> &[Node<'t>] {
        self.by_kind.get(kind).map_or(&[], |v| v.as_slice())
    }

    fn collect_aliases(&self) -> HashMap<String, String> {
        let mut out = HashMap::new();
        if self.lang == Lang::Python {
            for n in self.nodes_of("import_statement") {
                for c in children(*n) {
                    if c.kind() == "aliased_import"
                        && let (Some(name), Some(alias)) = (
                            c.child_by_field_name("name"),
                            c.child_by_field_name("alias"),
                        )
                    {
                        out.insert(self.text(alias).to_string(), self.text(name).to_string());
                    }
                }
            }
            for n in self.nodes_of("import_from_statement") {
                let Some(module) = n.child_by_field_name("module_name") else {
                    continue;
                };
                let module = self.text(module);
                if module.starts_with('.') {
                    continue;
                }
                let mut c = n.walk();
                for name in n.children_by_field_name("name", &mut c) {
                    match name.kind() {
                        "dotted_name" => {
                            let t = self.text(name);
                            out.insert(t.to_string(), format!("{module}.{t}"));
                        }
                        "aliased_import" => {
                            if let (Some(nm), Some(al)) = (
                                name.child_by_field_name("name"),
                                name.child_by_field_name("alias"),
                            ) {
                                out.insert(
                                    self.text(al).to_string(),
                                    format!("{module}.{}", self.text(nm)),
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
        } else {
            for n in self.nodes_of("import_statement") {
                let Some(source) = n.child_by_field_name("source") else {
                    continue;
                };
                let module = string_content(self.text(source)).to_string();
                for clause in children(*n)
                    .into_iter()
                    .filter(|c| c.kind() == "import_clause")
                {
                    for part in children(clause) {
                        match part.kind() {
                            "identifier" => {
                                out.insert(self.text(part).to_string(), module.clone());
                            }
                            "namespace_import" => {
                                if let Some(id) = children(part)
                                    .into_iter()
                                    .find(|x| x.kind() == "identifier")
                                {
                                    out.insert(self.text(id).to_string(), module.clone());
                                }
                            }
                            "named_imports" => {
                                for spec in children(part)
                                    .into_iter()
                                    .filter(|x| x.kind() == "import_specifier")
                                {
                                    let Some(name) = spec.child_by_field_name("name") else {
                                        continue;
                                    };
                                    let local = spec.child_by_field_name("alias").unwrap_or(name);
                                    out.insert(
                                        self.text(local).to_string(),
                                        format!("{module}.{}", self.text(name)),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            for d in self.nodes_of("variable_declarator") {
                let (Some(name), Some(value)) = (
                    d.child_by_field_name("name"),
                    d.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let Some(module) = self.dotted(value) else {
                    continue;
                };
                if !value_is_require(self, value) {
                    continue;
                }
                match name.kind() {
                    "identifier" => {
                        out.insert(self.text(name).to_string(), module);
                    }
                    "object_pattern" => {
                        for p in children(name) {
                            match p.kind() {
                                "shorthand_property_identifier_pattern" => {
                                    let t = self.text(p);
                                    out.insert(t.to_string(), format!("{module}.{t}"));
                                }
                                "pair_pattern" => {
                                    if let (Some(k), Some(v)) = (
                                        p.child_by_field_name("key"),
                                        p.child_by_field_name("value"),
                                    ) {
                                        out.insert(
                                            self.text(v).to_string(),
                                            format!("{module}.{}", self.text(k)),
                                        );
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The dotted name of a plain chain (`a.b.c`, `require('m').x`), aliases not applied.
    pub fn dotted(&self, n: Node<'t>) -> Option<String> {
        let mut segs: Vec<String> = Vec::new();
        let mut cur = unwrap_parens(n);
        loop {
            let kind = canonical_kind(cur.kind());
            if is_member_kind(kind) {
                let kids = children(cur);
                if kids.len() != 2 || canonical_kind(kids[1].kind()) != "identifier" {
                    return None;
                }
                segs.push(self.text(kids[1]).to_string());
                cur = unwrap_parens(kids[0]);
                if segs.len() > 32 {
                    return None;
                }
                continue;
            }
            if kind == "identifier" || kind == "this" || kind == "self" {
                segs.push(self.text(cur).to_string());
            } else if let Some(m) = require_module(self, cur) {
                segs.push(m);
            } else {
                return None;
            }
            break;
        }
        segs.reverse();
        Some(segs.join("."))
    }

    /// The dotted name with the first segment resolved through imports.
    pub fn resolved(&self, n: Node<'t>) -> Option<String> {
        let d = self.dotted(n)?;
        let (head, rest) = match d.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (d.as_str(), None),
        };
        match (self.aliases.get(head), rest) {
            (Some(full), Some(r)) => Some(format!("{full}.{r}")),
            (Some(full), None) => Some(full.clone()),
            (None, _) => Some(d),
        }
    }

    /// Every match of `p` in the file.
    pub fn find(&self, p: &PNode) -> Vec<Mat<'t>> {
        let mut out = Vec::new();
        if let PNode::Seq(items) = p {
            let lead = matches!(items.first(), Some(PNode::Ellipsis));
            for block in &self.blocks {
                let kids = children(*block);
                let starts = if lead { kids.len().min(1) } else { kids.len() };
                for s in 0..starts {
                    let mut b = Vec::new();
                    if let Some(n) = self.m_list(items, &kids[s..], &mut b, true)
                        && n > 0
                    {
                        out.push(Mat {
                            start: kids[s].start_byte(),
                            end: kids[s + n - 1].end_byte(),
                            node: None,
                            binds: b,
                        });
                    }
                }
            }
            return out;
        }
        let mut try_nodes = |nodes: &[Node<'t>]| {
            for &t in nodes {
                let mut b = Vec::new();
                if self.m(p, t, &mut b) {
                    out.push(Mat {
                        start: t.start_byte(),
                        end: t.end_byte(),
                        node: Some(t),
                        binds: b,
                    });
                }
            }
        };
        match p {
            PNode::Node { kind, dotted, .. } => {
                try_nodes(self.nodes_of(kind));
                if kind == "assignment_expression" {
                    try_nodes(self.nodes_of("variable_declarator"));
                }
                if dotted.is_some() {
                    try_nodes(self.nodes_of("identifier"));
                }
            }
            PNode::Leaf { kind, .. } => try_nodes(self.nodes_of(kind)),
            PNode::Str(_) => {
                for k in ["string", "template_string", "concatenated_string"] {
                    try_nodes(self.nodes_of(k));
                }
            }
            _ => try_nodes(&self.named),
        }
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out
    }

    /// Binds `name` to `b`, or checks it against an earlier binding.
    fn bind(&self, name: &str, b: Bound<'t>, binds: &mut Binds<'t>) -> bool {
        if let Some((_, old)) = binds.iter().find(|(n, _)| n == name) {
            return self.same(old, &b);
        }
        binds.push((name.to_string(), b));
        true
    }

    /// Whether two bindings denote the same code (whitespace and quote style ignored).
    pub fn same(&self, a: &Bound<'_>, b: &Bound<'_>) -> bool {
        let (ta, tb) = (self.bound_text(a), self.bound_text(b));
        if let (Some(na), Some(nb)) = (a.node, b.node)
            && is_string_kind(na.kind())
            && is_string_kind(nb.kind())
        {
            return string_content(ta) == string_content(tb);
        }
        ta.split_whitespace().eq(tb.split_whitespace())
    }

    /// Does pattern `p` match node `t`? Bindings are added to `b` (left partial on failure;
    /// callers that backtrack truncate).
    pub fn m(&self, p: &PNode, t: Node<'t>, b: &mut Binds<'t>) -> bool {
        let t = unwrap_parens(t);
        match p {
            PNode::Mv(name) | PNode::MvSeq(name) => self.bind(
                name,
                Bound {
                    start: t.start_byte(),
                    end: t.end_byte(),
                    node: Some(t),
                },
                b,
            ),
            PNode::Ellipsis => true,
            PNode::Seq(_) => false,
            PNode::Deep(inner) => {
                for d in code::preorder(t) {
                    if !d.is_named() {
                        continue;
                    }
                    let mark = b.len();
                    if self.m(inner, d, b) {
                        return true;
                    }
                    b.truncate(mark);
                }
                false
            }
            PNode::Str(sp) => {
                if !matches!(
                    t.kind(),
                    "string" | "template_string" | "concatenated_string"
                ) {
                    return false;
                }
                match sp {
                    StrPat::Any => true,
                    StrPat::Mv(name) => self.bind(
                        name,
                        Bound {
                            start: t.start_byte(),
                            end: t.end_byte(),
                            node: Some(t),
                        },
                        b,
                    ),
                    StrPat::Text(c) => {
                        is_string_kind(t.kind())
                            && !has_interpolation(t)
                            && string_content(self.text(t)) == c
                    }
                }
            }
            PNode::Leaf { kind, text } => {
                if canonical_kind(t.kind()) != kind.as_str() {
                    return false;
                }
                let tt = self.text(t);
                tt == text
                    || (kind == "identifier"
                        && self.aliases.get(tt).is_some_and(|full| full == text))
            }
            PNode::Node {
                kind,
                children: pc,
                dotted,
            } => {
                if let Some(d) = dotted
                    && let Some(raw) = self.dotted(t)
                {
                    return raw == *d || self.resolved(t).is_some_and(|r| r == *d);
                }
                let tk = canonical_kind(t.kind());
                if kind == "expression_statement"
                    && pc.len() == 1
                    && matches!(tk, "lexical_declaration" | "variable_declaration")
                {
                    let decls = children(t);
                    let decls: Vec<_> = decls
                        .into_iter()
                        .filter(|d| d.kind() == "variable_declarator")
                        .collect();
                    return decls.len() == 1 && self.m(&pc[0], decls[0], b);
                }
                let same_kind = tk == kind.as_str()
                    || (kind == "assignment_expression" && tk == "variable_declarator");
                if !same_kind {
                    return false;
                }
                let tc = children(t);
                if matches!(kind.as_str(), "argument_list" | "dictionary" | "object")
                    && pc.iter().any(is_keyed)
                {
                    return self.m_unordered(pc, &tc, b, false);
                }
                if matches!(
                    kind.as_str(),
                    "jsx_self_closing_element" | "jsx_opening_element"
                ) {
                    return self.m_unordered(pc, &tc, b, true);
                }
                self.m_list(pc, &tc, b, false).is_some()
            }
        }
    }

    /// Keyword arguments and object/dict entries match in any order; the rest in order.
    fn m_unordered(&self, pc: &[PNode], tc: &[Node<'t>], b: &mut Binds<'t>, subset: bool) -> bool {
        let (pk, pp): (Vec<&PNode>, Vec<&PNode>) = pc.iter().partition(|p| is_keyed(p));
        let (tk, tp): (Vec<Node<'t>>, Vec<Node<'t>>) = tc
            .iter()
            .partition(|t| matches!(t.kind(), "keyword_argument" | "pair" | "jsx_attribute"));
        let has_ell = subset
            || pp
                .iter()
                .any(|p| matches!(p, PNode::Ellipsis | PNode::MvSeq(_)));
        if !has_ell && tk.len() != pk.len() {
            return false;
        }
        let pp: Vec<PNode> = pp.into_iter().cloned().collect();
        if self.m_list(&pp, &tp, b, false).is_none() {
            return false;
        }
        let mut used = vec![false; tk.len()];
        'outer: for p in pk {
            for (j, t) in tk.iter().enumerate() {
                if used[j] {
                    continue;
                }
                let mark = b.len();
                if self.m(p, *t, b) {
                    used[j] = true;
                    continue 'outer;
                }
                b.truncate(mark);
            }
            return false;
        }
        true
    }

    /// Matches a pattern list against a target list; `...` and `$...X` take any run. With
    /// `prefix`, the pattern may stop before the target ends. Returns items consumed.
    pub fn m_list(
        &self,
        ps: &[PNode],
        ts: &[Node<'t>],
        b: &mut Binds<'t>,
        prefix: bool,
    ) -> Option<usize> {
        let Some(first) = ps.first() else {
            return (prefix || ts.is_empty()).then_some(0);
        };
        match first {
            PNode::Ellipsis => {
                if ps.len() == 1 {
                    return Some(ts.len());
                }
                for k in 0..=ts.len() {
                    let mark = b.len();
                    if let Some(n) = self.m_list(&ps[1..], &ts[k..], b, prefix) {
                        return Some(k + n);
                    }
                    b.truncate(mark);
                }
                None
            }
            PNode::MvSeq(name) => {
                let from = if ps.len() == 1 && !prefix {
                    ts.len()
                } else {
                    0
                };
                for k in from..=ts.len() {
                    let mark = b.len();
                    let (start, end) = match (ts.first(), k) {
                        (Some(f), k) if k > 0 => (f.start_byte(), ts[k - 1].end_byte()),
                        (Some(f), _) => (f.start_byte(), f.start_byte()),
                        (None, _) => (0, 0),
                    };
                    let node = if k == 1 { Some(ts[0]) } else { None };
                    if self.bind(name, Bound { start, end, node }, b)
                        && let Some(n) = self.m_list(&ps[1..], &ts[k..], b, prefix)
                    {
                        return Some(k + n);
                    }
                    b.truncate(mark);
                }
                None
            }
            p => {
                let t = *ts.first()?;
                let mark = b.len();
                if self.m(p, t, b)
                    && let Some(n) = self.m_list(&ps[1..], &ts[1..], b, prefix)
                {
                    return Some(n + 1);
                }
                b.truncate(mark);
                None
            }
        }
    }
}

fn is_keyed(p: &PNode) -> bool {
    matches!(p, PNode::Node { kind, .. } if kind == "keyword_argument" || kind == "pair" || kind == "jsx_attribute")
}

/// `m` for `require('m')` / `require("m")`.
fn require_module(cx: &FileCtx<'_>, n: Node<'_>) -> Option<String> {
    if n.kind() != "call_expression" {
        return None;
    }
    let f = n.child_by_field_name("function")?;
    if cx.text(f) != "require" {
        return None;
    }
    let args = children(n.child_by_field_name("arguments")?);
    match args.as_slice() {
        [s] if s.kind() == "string" => Some(string_content(cx.text(*s)).to_string()),
        _ => None,
    }
}

fn value_is_require(cx: &FileCtx<'_>, mut n: Node<'_>) -> bool {
    loop {
        if require_module(cx, n).is_some() {
            return true;
        }
        match n.child_by_field_name("object") {
            Some(o) if n.kind() == "member_expression" => n = o,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests;
