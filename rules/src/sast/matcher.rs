//! The structural matcher: compiled [`PNode`] patterns against one parsed file.
//!
//! A [`FileCtx`] is built once per file (node index by kind, statement blocks, import
//! aliases) and shared by every rule. Recursion follows the *pattern* tree, which is small
//! and depth-bounded at compile time; walks over the *target* tree use explicit lists, and
//! the parser refuses trees deeper than `MAX_TREE_DEPTH`, so hostile input cannot overflow
//! the stack.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Matching steps left for the current candidate node.
    budget: Cell<u64>,
    /// Node id → (dotted name, dotted name with imports resolved), for every name chain.
    chains: HashMap<usize, (String, String), BuildHasherDefault<IdHasher>>,
    /// Dotted name (raw and resolved) → the chain nodes spelling it.
    by_dotted: HashMap<String, Vec<Node<'t>>>,
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
            budget: Cell::new(STEP_BUDGET),
            chains: HashMap::default(),
            by_dotted: HashMap::new(),
        };
        cx.aliases = cx.collect_aliases();
        let mut chains: HashMap<usize, (String, String), BuildHasherDefault<IdHasher>> =
            HashMap::default();
        let mut by_dotted: HashMap<String, Vec<Node<'t>>> = HashMap::new();
        for &n in &cx.named {
            let k = canonical_kind(n.kind());
            if !(k == "identifier" || is_member_kind(k)) {
                continue;
            }
            let (Some(raw), Some(res)) = (cx.dotted_uncached(n), cx.resolved_uncached(n)) else {
                continue;
            };
            by_dotted.entry(raw.clone()).or_default().push(n);
            if res != raw {
                by_dotted.entry(res.clone()).or_default().push(n);
            }
            chains.insert(n.id(), (raw, res));
        }
        cx.chains = chains;
        cx.by_dotted = by_dotted;
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
        let n = unwrap_parens(n);
        if let Some((raw, _)) = self.chains.get(&n.id()) {
            return Some(raw.clone());
        }
        let k = canonical_kind(n.kind());
        if !self.chains.is_empty() && (k == "identifier" || is_member_kind(k)) {
            return None;
        }
        self.dotted_uncached(n)
    }

    fn dotted_uncached(&self, n: Node<'t>) -> Option<String> {
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
        let n = unwrap_parens(n);
        if let Some((_, res)) = self.chains.get(&n.id()) {
            return Some(res.clone());
        }
        self.resolved_uncached(n)
    }

    fn resolved_uncached(&self, n: Node<'t>) -> Option<String> {
        let d = self.dotted_uncached(n)?;
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

    /// Every match of `p` in the file. A node can match in several ways (different
    /// bindings); each way is a separate [`Mat`], up to [`MAX_ALTS`] per node.
    pub fn find(&self, p: &PNode) -> Vec<Mat<'t>> {
        let mut out = Vec::new();
        if let PNode::Seq(items) = p {
            let lead = matches!(items.first(), Some(PNode::Ellipsis));
            for block in &self.blocks {
                let kids = children(*block);
                let starts = if lead { kids.len().min(1) } else { kids.len() };
                for s in 0..starts {
                    let mut b = Vec::new();
                    let mut found: Option<(usize, Binds<'t>)> = None;
                    self.budget.set(STEP_BUDGET);
                    self.m_list(items, &kids[s..], &mut b, true, &mut |b, n| {
                        if n > 0 {
                            found = Some((n, b.clone()));
                            true
                        } else {
                            false
                        }
                    });
                    if let Some((n, binds)) = found {
                        out.push(Mat {
                            start: kids[s].start_byte(),
                            end: kids[s + n - 1].end_byte(),
                            node: None,
                            binds,
                        });
                    }
                }
            }
            return out;
        }
        let mut try_nodes = |nodes: &[Node<'t>]| {
            for &t in nodes {
                let mut b = Vec::new();
                let mut alts: Vec<Binds<'t>> = Vec::new();
                self.budget.set(STEP_BUDGET);
                self.m(p, t, &mut b, &mut |b| {
                    alts.push(b.clone());
                    alts.len() >= MAX_ALTS
                });
                for binds in alts {
                    out.push(Mat {
                        start: t.start_byte(),
                        end: t.end_byte(),
                        node: Some(t),
                        binds,
                    });
                }
            }
        };
        match p {
            PNode::Node {
                kind,
                dotted: Some(d),
                ..
            } if !d.contains('$') => {
                // A plain dotted name: only chains spelling it (directly or via imports).
                let nodes = self.by_dotted.get(d).map_or(&[][..], |v| v.as_slice());
                try_nodes(nodes);
            }
            PNode::Node { kind, dotted, .. } => {
                try_nodes(self.nodes_of(kind));
                if kind == "assignment_expression" {
                    try_nodes(self.nodes_of("variable_declarator"));
                }
                if kind == "function_expression" || kind == "function" {
                    try_nodes(self.nodes_of("arrow_function"));
                }
                if dotted.is_some() {
                    try_nodes(self.nodes_of("identifier"));
                    if kind == "member_expression" || kind == "attribute" {
                        let other = if kind == "attribute" {
                            "member_expression"
                        } else {
                            "attribute"
                        };
                        try_nodes(self.nodes_of(other));
                    }
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
        if name == "$_" {
            // The anonymous metavariable matches anything and binds nothing.
            return true;
        }
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

    /// Spends one matching step; false once the per-candidate budget is gone.
    fn step(&self) -> bool {
        let left = self.budget.get();
        if left == 0 {
            return false;
        }
        self.budget.set(left - 1);
        true
    }

    /// Binds and continues, undoing the binding when the continuation declines.
    fn bind_then(&self, name: &str, bound: Bound<'t>, b: &mut Binds<'t>, k: Cont<'_, 't>) -> bool {
        let mark = b.len();
        if self.bind(name, bound, b) && k(b) {
            return true;
        }
        b.truncate(mark);
        false
    }

    /// Matches pattern `p` against node `t`. For every way it matches, the continuation
    /// `k` is called with the bindings; `true` from `k` stops the search (and is returned).
    /// Bindings are restored when a way is abandoned.
    pub fn m(&self, p: &PNode, t: Node<'t>, b: &mut Binds<'t>, k: Cont<'_, 't>) -> bool {
        if !self.step() {
            return false;
        }
        let t = unwrap_parens(t);
        let whole = |t: Node<'t>| Bound {
            start: t.start_byte(),
            end: t.end_byte(),
            node: Some(t),
        };
        match p {
            PNode::Mv(name) | PNode::MvSeq(name) => {
                // A metavariable in parameter position binds the parameter's name.
                let name_node = match t.kind() {
                    "typed_parameter" => children(t).into_iter().find(|c| c.kind() == "identifier"),
                    "default_parameter" | "typed_default_parameter" => {
                        t.child_by_field_name("name")
                    }
                    "required_parameter" | "optional_parameter" => t.child_by_field_name("pattern"),
                    _ => None,
                };
                let bound = match name_node {
                    Some(nm) => Bound {
                        start: nm.start_byte(),
                        end: nm.end_byte(),
                        node: Some(nm),
                    },
                    None => whole(t),
                };
                self.bind_then(name, bound, b, k)
            }
            PNode::Ellipsis => k(b),
            PNode::Seq(_) => false,
            PNode::Deep(inner) => {
                for d in code::preorder(t) {
                    if d.is_named() && self.m(inner, d, b, k) {
                        return true;
                    }
                    if self.budget.get() == 0 {
                        return false;
                    }
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
                    StrPat::Any => !has_interpolation(t) && k(b),
                    StrPat::AnyInterpolated => k(b),
                    StrPat::Mv(name) => {
                        !has_interpolation(t) && self.bind_then(name, whole(t), b, k)
                    }
                    StrPat::Regex(re) => {
                        !has_interpolation(t) && re.0.is_match(string_content(self.text(t))) && k(b)
                    }
                    StrPat::Text(c) => {
                        is_string_kind(t.kind())
                            && !has_interpolation(t)
                            && string_content(self.text(t)) == c
                            && k(b)
                    }
                }
            }
            PNode::Leaf { kind, text } => {
                if canonical_kind(t.kind()) != kind.as_str() {
                    return false;
                }
                let tt = self.text(t);
                (tt == text
                    || (kind == "identifier"
                        && self.aliases.get(tt).is_some_and(|full| full == text)))
                    && k(b)
            }
            PNode::Node {
                kind,
                children: pc,
                dotted,
            } => {
                if let Some(d) = dotted
                    && let Some((raw, res)) = self.chains.get(&t.id())
                {
                    if !d.contains('$') {
                        return (raw == d || res == d) && k(b);
                    }
                    if res != raw && self.m_segments(d, res, t, b, k) {
                        return true;
                    }
                }
                let tk = canonical_kind(t.kind());
                if kind == "expression_statement"
                    && pc.len() == 1
                    && matches!(tk, "lexical_declaration" | "variable_declaration")
                {
                    let decls: Vec<_> = children(t)
                        .into_iter()
                        .filter(|d| d.kind() == "variable_declarator")
                        .collect();
                    return decls.len() == 1 && self.m(&pc[0], decls[0], b, k);
                }
                if matches!(kind.as_str(), "function_expression" | "function")
                    && tk == "arrow_function"
                {
                    return self.m_arrow(pc, t, b, k);
                }
                let same_kind = tk == kind.as_str()
                    || (kind == "assignment_expression" && tk == "variable_declarator")
                    || (is_member_kind(kind) && is_member_kind(tk));
                if !same_kind {
                    return false;
                }
                let tc = children(t);
                if matches!(kind.as_str(), "argument_list" | "dictionary" | "object")
                    && pc.iter().any(is_keyed)
                {
                    return self.m_unordered(pc, &tc, b, false, k);
                }
                if matches!(
                    kind.as_str(),
                    "jsx_self_closing_element" | "jsx_opening_element" | "decorated_definition"
                ) {
                    return self.m_unordered(pc, &tc, b, true, k);
                }
                self.m_list(pc, &tc, b, false, &mut |b, _| k(b))
            }
        }
    }

    /// `function (...) { ... }` also matches an arrow function with the same parameters
    /// and body (an expression body only matches a `{ ... }` pattern body).
    fn m_arrow(&self, pc: &[PNode], t: Node<'t>, b: &mut Binds<'t>, k: Cont<'_, 't>) -> bool {
        let find = |want: &str| {
            pc.iter()
                .find(|c| matches!(c, PNode::Node { kind, .. } if kind == want))
        };
        let (
            Some(PNode::Node {
                children: pparams, ..
            }),
            Some(pbody),
        ) = (find("formal_parameters"), find("statement_block"))
        else {
            return false;
        };
        let Some(body) = t.child_by_field_name("body") else {
            return false;
        };
        let params: Vec<Node<'t>> = match t.child_by_field_name("parameters") {
            Some(ps) => children(ps),
            None => t.child_by_field_name("parameter").into_iter().collect(),
        };
        self.m_list(pparams, &params, b, false, &mut |b, _| {
            if body.kind() == "statement_block" {
                self.m(pbody, body, b, k)
            } else {
                matches!(pbody, PNode::Node { children, .. } if matches!(children.as_slice(), [PNode::Ellipsis])) && k(b)
            }
        })
    }

    /// A dotted pattern with metavariables (`Crypto.Hash.$H.new`) against a target whose
    /// name was shortened by an import (`MD5.new` after `from Crypto.Hash import MD5`).
    fn m_segments(
        &self,
        pat: &str,
        resolved: &str,
        t: Node<'t>,
        b: &mut Binds<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        let ps: Vec<&str> = pat.split('.').collect();
        let ts: Vec<&str> = resolved.split('.').collect();
        if ps.len() != ts.len() {
            return false;
        }
        // The target's own segment nodes, head first; resolved segments that came from
        // expanding the head alias all map to the head node.
        let mut nodes = Vec::new();
        let mut cur = unwrap_parens(t);
        while is_member_kind(canonical_kind(cur.kind())) {
            let kids = children(cur);
            if kids.len() != 2 {
                return false;
            }
            nodes.push(kids[1]);
            cur = unwrap_parens(kids[0]);
        }
        nodes.push(cur);
        nodes.reverse();
        let extra = ts.len().saturating_sub(nodes.len());
        let mark = b.len();
        for (i, (p, seg)) in ps.iter().zip(&ts).enumerate() {
            if p.starts_with('$') {
                let n = nodes[i.saturating_sub(extra).min(nodes.len() - 1)];
                let bound = Bound {
                    start: n.start_byte(),
                    end: n.end_byte(),
                    node: Some(n),
                };
                if !self.bind(p, bound, b) {
                    b.truncate(mark);
                    return false;
                }
            } else if p != seg {
                b.truncate(mark);
                return false;
            }
        }
        if k(b) {
            return true;
        }
        b.truncate(mark);
        false
    }

    /// Keyword arguments, object/dict entries, JSX attributes and decorators match in any
    /// order; the rest in order. With `subset`, extra keyed items are always allowed.
    fn m_unordered(
        &self,
        pc: &[PNode],
        tc: &[Node<'t>],
        b: &mut Binds<'t>,
        subset: bool,
        k: Cont<'_, 't>,
    ) -> bool {
        let (pk, pp): (Vec<&PNode>, Vec<&PNode>) = pc.iter().partition(|p| is_keyed(p));
        let (tk, tp): (Vec<Node<'t>>, Vec<Node<'t>>) = tc.iter().partition(|t| {
            matches!(
                t.kind(),
                "keyword_argument" | "pair" | "jsx_attribute" | "decorator"
            )
        });
        let has_ell = subset
            || pp
                .iter()
                .any(|p| matches!(p, PNode::Ellipsis | PNode::MvSeq(_)));
        if !has_ell && tk.len() != pk.len() {
            return false;
        }
        let pp: Vec<PNode> = pp.into_iter().cloned().collect();
        let mut used = vec![false; tk.len()];
        self.m_list(&pp, &tp, b, false, &mut |b, _| {
            self.m_keyed(&pk, &tk, &mut used, b, k)
        })
    }

    fn m_keyed(
        &self,
        pk: &[&PNode],
        tk: &[Node<'t>],
        used: &mut [bool],
        b: &mut Binds<'t>,
        k: Cont<'_, 't>,
    ) -> bool {
        let Some((first, rest)) = pk.split_first() else {
            return k(b);
        };
        for j in 0..tk.len() {
            if used[j] {
                continue;
            }
            used[j] = true;
            let hit = self.m(first, tk[j], b, &mut |b| self.m_keyed(rest, tk, used, b, k));
            used[j] = false;
            if hit {
                return true;
            }
        }
        false
    }

    /// Matches a pattern list against a target list; `...` and `$...X` take any run. With
    /// `prefix`, the pattern may stop before the target ends. The continuation gets the
    /// number of target items consumed.
    pub fn m_list(
        &self,
        ps: &[PNode],
        ts: &[Node<'t>],
        b: &mut Binds<'t>,
        prefix: bool,
        k: &mut dyn FnMut(&mut Binds<'t>, usize) -> bool,
    ) -> bool {
        if !self.step() {
            return false;
        }
        let Some(first) = ps.first() else {
            return (prefix || ts.is_empty()) && k(b, 0);
        };
        match first {
            PNode::Ellipsis => {
                if ps.len() == 1 {
                    return k(b, ts.len());
                }
                for skip in 0..=ts.len() {
                    if self.m_list(&ps[1..], &ts[skip..], b, prefix, &mut |b, n| k(b, skip + n)) {
                        return true;
                    }
                }
                // In statement sequences, `...` also reaches into nested blocks: the last
                // statement of the pattern may sit inside a later `if`/`try`/loop.
                if prefix && ps.len() == 2 && !matches!(ps[1], PNode::Ellipsis | PNode::MvSeq(_)) {
                    // An expression statement also matches that expression anywhere inside.
                    let expr = match &ps[1] {
                        PNode::Node { kind, children, .. }
                            if kind == "expression_statement" && children.len() == 1 =>
                        {
                            Some(&children[0])
                        }
                        _ => None,
                    };
                    for (j, &t) in ts.iter().enumerate() {
                        if let Some(e) = expr {
                            for d in code::preorder(t).into_iter().skip(1) {
                                if d.is_named() && self.m(e, d, b, &mut |b| k(b, j + 1)) {
                                    return true;
                                }
                            }
                            continue;
                        }
                        for d in code::preorder(t).into_iter().skip(1) {
                            if !is_block_kind(d.kind()) {
                                continue;
                            }
                            for c in children(d) {
                                if self.m(&ps[1], c, b, &mut |b| k(b, j + 1)) {
                                    return true;
                                }
                            }
                            if self.budget.get() == 0 {
                                return false;
                            }
                        }
                    }
                }
                false
            }
            PNode::MvSeq(name) => {
                let from = if ps.len() == 1 && !prefix {
                    ts.len()
                } else {
                    0
                };
                for n in from..=ts.len() {
                    let (start, end) = match ts.first() {
                        Some(f) if n > 0 => (f.start_byte(), ts[n - 1].end_byte()),
                        Some(f) => (f.start_byte(), f.start_byte()),
                        None => (0, 0),
                    };
                    let node = if n == 1 { Some(ts[0]) } else { None };
                    let mark = b.len();
                    if self.bind(name, Bound { start, end, node }, b)
                        && self.m_list(&ps[1..], &ts[n..], b, prefix, &mut |b, r| k(b, n + r))
                    {
                        return true;
                    }
                    b.truncate(mark);
                }
                false
            }
            p => {
                let Some(&t) = ts.first() else { return false };
                self.m(p, t, b, &mut |b| {
                    self.m_list(&ps[1..], &ts[1..], b, prefix, &mut |b, n| k(b, n + 1))
                })
            }
        }
    }
}

/// Hasher for node ids (already unique addresses): no SipHash on the hot path.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A continuation: called with the bindings of one way to match; `true` stops the search.
pub type Cont<'k, 't> = &'k mut dyn FnMut(&mut Binds<'t>) -> bool;

/// Alternative bindings kept per node and pattern.
pub const MAX_ALTS: usize = 16;
/// Matching steps allowed per candidate node (bounds backtracking on hostile input).
const STEP_BUDGET: u64 = 200_000;

fn is_keyed(p: &PNode) -> bool {
    matches!(p, PNode::Node { kind, .. } if matches!(kind.as_str(), "keyword_argument" | "pair" | "jsx_attribute" | "decorator"))
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
