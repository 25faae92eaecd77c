//! Taint mode: does data from a source reach a sink without passing a sanitizer?
//!
//! Sources, sinks, sanitizers and propagators are ordinary formulas, matched once per file.
//! Then every function (and the module top level) is walked in source order with an
//! environment from variable names (and `obj.attr` paths) to taint labels. Taint moves
//! through assignments, augmented assignments, any expression built from tainted parts
//! (concatenation, f-strings, template literals, `%`, `.format()`, containers, attribute
//! and subscript reads, calls of unknown functions), and through functions defined in the
//! same file via per-function summaries (which parameters reach the return value or a
//! sink; whether the return value carries a source). A sanitizer match stops taint.
//! Assignments inside branches or loops only add taint (a may-analysis).

use std::collections::HashMap;

use tree_sitter::Node;
use vigil_core::TraceStep;

use super::formula::{eval, lookup};
use super::matcher::{FileCtx, Mat};
use super::pattern::{children, unwrap_parens};
use super::rule::TaintSpec;

/// Longest trace kept per finding.
const MAX_TRACE: usize = 12;
/// Deepest expression/statement nesting the walk descends into.
const MAX_DEPTH: usize = 400;
/// Rounds of summary refinement (calls through chains of local functions).
const ROUNDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Source,
    Param(usize),
}

#[derive(Debug, Clone)]
struct Label {
    origin: Origin,
    trace: Vec<TraceStep>,
}

type Taint = Vec<Label>;

fn join(into: &mut Taint, from: Taint) {
    for l in from {
        if !into.iter().any(|x| x.origin == l.origin) {
            into.push(l);
        }
    }
}

fn with_step(mut t: Taint, line: u32, note: String) -> Taint {
    for l in &mut t {
        if l.trace.len() < MAX_TRACE
            && l.trace
                .last()
                .is_none_or(|s| s.line != line || s.note != note)
        {
            l.trace.push(TraceStep {
                line,
                note: note.clone(),
            });
        }
    }
    t
}

/// What a local function does with taint, as seen from its callers.
#[derive(Debug, Clone, Default)]
struct Summary {
    /// Labels of the return value: `Source` (it returns source data) or `Param(i)`.
    ret: Taint,
    /// Parameter `i` reaches sink `k`, with the trace inside the function.
    param_sinks: Vec<(usize, usize, Vec<TraceStep>)>,
}

struct Func<'t> {
    node: Node<'t>,
    body: Option<Node<'t>>,
    params: Vec<Option<String>>,
}

/// Shared, per-rule state for one file.
struct Ctx<'a, 't> {
    cx: &'a FileCtx<'t>,
    sources: Vec<Mat<'t>>,
    /// Source ranges merged and sorted, for fast "is this inside a source" tests.
    source_spans: Vec<(usize, usize)>,
    sanitizers: Vec<(usize, usize)>,
    /// Sink index by (start, end) of its node.
    sink_at: HashMap<(usize, usize), Vec<usize>>,
    sink_nodes: Vec<Node<'t>>,
    props: HashMap<(usize, usize), Vec<(Node<'t>, String)>>,
    funcs: Vec<Func<'t>>,
    by_name: HashMap<String, usize>,
    summaries: Vec<Summary>,
}

/// Findings of a taint rule in one file: the sink match and the trace that reaches it.
pub fn run<'t>(spec: &TaintSpec, cx: &FileCtx<'t>) -> Vec<(Mat<'t>, Vec<TraceStep>)> {
    let mut sources = Vec::new();
    for f in &spec.sources {
        sources.extend(eval(f, cx));
    }
    if sources.is_empty() {
        return Vec::new();
    }
    let mut sinks: Vec<Mat<'t>> = Vec::new();
    for f in &spec.sinks {
        sinks.extend(eval(f, cx));
    }
    if sinks.is_empty() {
        return Vec::new();
    }
    let mut sanitizers = Vec::new();
    for f in &spec.sanitizers {
        sanitizers.extend(eval(f, cx).into_iter().map(|m| (m.start, m.end)));
    }
    let sanitizers = merge_spans(sanitizers);
    let source_spans = merge_spans(sources.iter().map(|m| (m.start, m.end)).collect());
    let mut props: HashMap<(usize, usize), Vec<(Node<'t>, String)>> = HashMap::new();
    for p in &spec.propagators {
        for m in eval(&p.formula, cx) {
            let (Some(from), Some(to)) = (lookup(&m.binds, &p.from), lookup(&m.binds, &p.to))
            else {
                continue;
            };
            let (Some(from_node), Some(to_node)) = (from.node, to.node) else {
                continue;
            };
            let key = var_key(cx, to_node);
            if let Some(key) = key {
                props
                    .entry((m.start, m.end))
                    .or_default()
                    .push((from_node, key));
            }
        }
    }
    let mut sink_at: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut sink_nodes = Vec::with_capacity(sinks.len());
    for (i, s) in sinks.iter().enumerate() {
        let node = s
            .node
            .or_else(|| cx.root.descendant_for_byte_range(s.start, s.end))
            .unwrap_or(cx.root);
        let node = unwrap_parens(node);
        sink_at
            .entry((node.start_byte(), node.end_byte()))
            .or_default()
            .push(i);
        sink_nodes.push(node);
    }
    let funcs = collect_functions(cx);
    let mut by_name = HashMap::new();
    for (i, f) in funcs.iter().enumerate() {
        if let Some(name) = function_name(cx, f.node) {
            by_name.entry(name).or_insert(i);
        }
    }
    let n = funcs.len();
    let mut ctx = Ctx {
        cx,
        sources,
        source_spans,
        sanitizers,
        sink_at,
        sink_nodes,
        props,
        funcs,
        by_name,
        summaries: vec![Summary::default(); n],
    };

    for _ in 0..ROUNDS {
        let mut changed = false;
        for i in 0..n {
            let mut w = Walker::new(&ctx, Some(i), None);
            if let Some(body) = ctx.funcs[i].body {
                w.walk(body, 0, 0);
            }
            let s = w.summary();
            if s.ret.len() != ctx.summaries[i].ret.len()
                || s.param_sinks.len() != ctx.summaries[i].param_sinks.len()
            {
                changed = true;
            }
            ctx.summaries[i] = s;
        }
        if !changed {
            break;
        }
    }
    // Final pass: findings from every function and from the top level.
    let mut found: Vec<(usize, Vec<TraceStep>)> = Vec::new();
    let mut units: Vec<(Option<usize>, Node<'t>)> = vec![(None, cx.root)];
    for (i, f) in ctx.funcs.iter().enumerate() {
        if let Some(b) = f.body {
            units.push((Some(i), b));
        }
    }
    // Units run outer before inner (document order), so a closure starts from the taint
    // its enclosing function had at the end (captured variables; source labels only).
    let mut envs: HashMap<usize, HashMap<String, Taint>> = HashMap::new();
    for (fi, body) in units {
        let own = fi.map_or(cx.root, |i| ctx.funcs[i].node);
        let inherited = fi.and_then(|_| {
            let mut p = own.parent();
            while let Some(n) = p {
                if is_function(n.kind()) || n.id() == cx.root.id() {
                    return envs.get(&n.id());
                }
                p = n.parent();
            }
            None
        });
        let mut w = Walker::new(&ctx, fi, inherited);
        w.walk(body, 0, 0);
        for (k, trace) in std::mem::take(&mut w.hits) {
            if !found.iter().any(|(j, _)| *j == k) {
                found.push((k, trace));
            }
        }
        let captured: HashMap<String, Taint> = w
            .env
            .into_iter()
            .filter_map(|(k, t)| {
                let t: Taint = t
                    .into_iter()
                    .filter(|l| l.origin == Origin::Source)
                    .collect();
                (!t.is_empty()).then_some((k, t))
            })
            .collect();
        envs.insert(own.id(), captured);
    }
    found.sort_by_key(|(k, _)| *k);
    found
        .into_iter()
        .map(|(k, trace)| (sinks[k].clone(), trace))
        .collect()
}

/// Sorted, overlap-merged spans.
fn merge_spans(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The merged span containing `[s, e)`, if any.
fn containing(spans: &[(usize, usize)], s: usize, e: usize) -> Option<(usize, usize)> {
    let i = spans.partition_point(|sp| sp.0 <= s);
    let sp = *spans.get(i.checked_sub(1)?)?;
    (e <= sp.1).then_some(sp)
}

fn is_function(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "generator_function"
            | "lambda"
    )
}

fn collect_functions<'t>(cx: &FileCtx<'t>) -> Vec<Func<'t>> {
    let mut out = Vec::new();
    for &n in &cx.named {
        if !is_function(n.kind()) || n.kind() == "lambda" {
            continue;
        }
        let body = n.child_by_field_name("body");
        let mut params = Vec::new();
        if let Some(ps) = n
            .child_by_field_name("parameters")
            .or_else(|| n.child_by_field_name("parameter"))
        {
            let list = if ps.kind() == "identifier" {
                vec![ps]
            } else {
                children(ps)
            };
            for p in list {
                if !p.is_named() {
                    continue;
                }
                let name = param_name(cx, p);
                if matches!(name.as_deref(), Some("self" | "cls")) && params.is_empty() {
                    continue;
                }
                params.push(name);
            }
        }
        out.push(Func {
            node: n,
            body,
            params,
        });
    }
    out
}

fn param_name(cx: &FileCtx<'_>, p: Node<'_>) -> Option<String> {
    match p.kind() {
        "identifier" => Some(cx.text(p).to_string()),
        "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" | "rest_pattern" => {
            children(p)
                .into_iter()
                .find(|c| c.kind() == "identifier")
                .map(|c| cx.text(c).to_string())
        }
        "default_parameter" | "typed_default_parameter" => p
            .child_by_field_name("name")
            .map(|c| cx.text(c).to_string()),
        "assignment_pattern" => p
            .child_by_field_name("left")
            .filter(|c| c.kind() == "identifier")
            .map(|c| cx.text(c).to_string()),
        "required_parameter" | "optional_parameter" => p
            .child_by_field_name("pattern")
            .filter(|c| c.kind() == "identifier")
            .map(|c| cx.text(c).to_string()),
        _ => None,
    }
}

/// The name a function is called by: its own name, or the variable/property it is assigned to.
fn function_name(cx: &FileCtx<'_>, n: Node<'_>) -> Option<String> {
    if let Some(name) = n.child_by_field_name("name") {
        return Some(cx.text(name).to_string());
    }
    let parent = n.parent()?;
    match parent.kind() {
        "variable_declarator" => parent
            .child_by_field_name("name")
            .map(|x| cx.text(x).to_string()),
        "assignment_expression" | "pair" => {
            let lhs = parent
                .child_by_field_name("left")
                .or_else(|| parent.child_by_field_name("key"))?;
            let t = cx.text(lhs);
            Some(t.rsplit('.').next().unwrap_or(t).to_string())
        }
        _ => None,
    }
}

/// The environment key of an assignment target or read (`x`, `self.x`).
fn var_key(cx: &FileCtx<'_>, n: Node<'_>) -> Option<String> {
    let n = unwrap_parens(n);
    match n.kind() {
        "identifier" | "shorthand_property_identifier_pattern" => Some(cx.text(n).to_string()),
        "attribute" | "member_expression" => cx.dotted(n),
        _ => None,
    }
}

fn line_of(n: Node<'_>) -> u32 {
    n.start_position().row as u32 + 1
}

fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    if first.chars().count() > 60 {
        format!("{}…", first.chars().take(60).collect::<String>())
    } else {
        first.to_string()
    }
}

struct Walker<'c, 'a, 't> {
    ctx: &'c Ctx<'a, 't>,
    env: HashMap<String, Taint>,
    ret: Taint,
    hits: Vec<(usize, Vec<TraceStep>)>,
    param_sinks: Vec<(usize, usize, Vec<TraceStep>)>,
}

impl<'c, 'a, 't> Walker<'c, 'a, 't> {
    fn new(
        ctx: &'c Ctx<'a, 't>,
        func: Option<usize>,
        inherited: Option<&HashMap<String, Taint>>,
    ) -> Self {
        let mut env = inherited.cloned().unwrap_or_default();
        if let Some(i) = func {
            let f = &ctx.funcs[i];
            for (pi, name) in f.params.iter().enumerate() {
                if let Some(name) = name {
                    env.insert(
                        name.clone(),
                        vec![Label {
                            origin: Origin::Param(pi),
                            trace: Vec::new(),
                        }],
                    );
                }
            }
            // Parameters that a source pattern matched (e.g. handler arguments).
            if let Some(ps) = f.node.child_by_field_name("parameters") {
                for p in children(ps) {
                    if let Some(src) = ctx
                        .sources
                        .iter()
                        .find(|s| s.start <= p.start_byte() && p.end_byte() <= s.end)
                        && let Some(name) = param_name(ctx.cx, p)
                    {
                        let note = format!(
                            "source: {}",
                            short(ctx.cx.src.get(src.start..src.end).unwrap_or(""))
                        );
                        env.insert(
                            name,
                            vec![Label {
                                origin: Origin::Source,
                                trace: vec![TraceStep {
                                    line: line_of(p),
                                    note,
                                }],
                            }],
                        );
                    }
                }
            }
        }
        Walker {
            ctx,
            env,
            ret: Vec::new(),
            hits: Vec::new(),
            param_sinks: Vec::new(),
        }
    }

    fn summary(self) -> Summary {
        Summary {
            ret: self.ret,
            param_sinks: self.param_sinks,
        }
    }

    fn sanitized(&self, n: Node<'_>) -> bool {
        containing(&self.ctx.sanitizers, n.start_byte(), n.end_byte()).is_some()
    }

    /// Walks statements/expressions in source order, checking sinks and applying effects.
    fn walk(&mut self, n: Node<'t>, depth: usize, cond: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if depth > 0 && is_function(n.kind()) {
            return;
        }
        let kind = n.kind();
        let inner_cond = cond
            + usize::from(matches!(
                kind,
                "if_statement"
                    | "while_statement"
                    | "for_statement"
                    | "for_in_statement"
                    | "try_statement"
                    | "switch_statement"
                    | "match_statement"
                    | "conditional_expression"
                    | "ternary_expression"
                    | "do_statement"
            ));
        let kids = children(n);
        // Effects happen after their right-hand side is evaluated.
        let loops = matches!(
            kind,
            "for_statement" | "for_in_statement" | "while_statement" | "do_statement"
        );
        if matches!(kind, "for_statement" | "for_in_statement")
            && let (Some(left), Some(right)) = (
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
            )
        {
            self.walk(right, depth + 1, inner_cond);
            let t = self.taint_of(right, 0);
            self.assign(left, t, inner_cond, line_of(n));
        }
        for _ in 0..if loops { 2 } else { 1 } {
            for &k in &kids {
                if Some(k) == n.child_by_field_name("left")
                    && matches!(kind, "for_statement" | "for_in_statement")
                {
                    continue;
                }
                if Some(k) == n.child_by_field_name("right")
                    && matches!(kind, "for_statement" | "for_in_statement")
                {
                    continue;
                }
                self.walk(k, depth + 1, inner_cond);
            }
        }
        self.check_sink(n);
        self.effect(n, cond);
    }

    fn check_sink(&mut self, n: Node<'t>) {
        let Some(ids) = self.ctx.sink_at.get(&(n.start_byte(), n.end_byte())) else {
            return;
        };
        let ids = ids.clone();
        for k in ids {
            let node = self.ctx.sink_nodes[k];
            if self.sanitized(node) {
                continue;
            }
            let mut t = self.taint_of(node, 0);
            if matches!(node.kind(), "call" | "call_expression" | "new_expression") {
                for c in children(node) {
                    join(&mut t, self.taint_of(c, 0));
                }
            }
            let note = format!("sink: {}", short(self.ctx.cx.text(node)));
            for l in t {
                let mut trace = l.trace.clone();
                trace.push(TraceStep {
                    line: line_of(node),
                    note: note.clone(),
                });
                match l.origin {
                    Origin::Source => {
                        if !self.hits.iter().any(|(j, _)| *j == k) {
                            self.hits.push((k, trace));
                        }
                    }
                    Origin::Param(p) => {
                        if !self.param_sinks.iter().any(|(q, j, _)| *q == p && *j == k) {
                            self.param_sinks.push((p, k, trace));
                        }
                    }
                }
            }
        }
    }

    fn effect(&mut self, n: Node<'t>, cond: usize) {
        let line = line_of(n);
        match n.kind() {
            "assignment" | "assignment_expression" => {
                if let (Some(l), Some(r)) = (
                    n.child_by_field_name("left"),
                    n.child_by_field_name("right"),
                ) {
                    let t = self.taint_of(r, 0);
                    self.assign(l, t, cond, line);
                }
            }
            "variable_declarator" => {
                if let (Some(l), Some(r)) = (
                    n.child_by_field_name("name"),
                    n.child_by_field_name("value"),
                ) {
                    let t = self.taint_of(r, 0);
                    self.assign(l, t, cond, line);
                }
            }
            "augmented_assignment" | "augmented_assignment_expression" => {
                if let (Some(l), Some(r)) = (
                    n.child_by_field_name("left"),
                    n.child_by_field_name("right"),
                ) {
                    let mut t = self.taint_of(l, 0);
                    join(&mut t, self.taint_of(r, 0));
                    self.assign(l, t, cond, line);
                }
            }
            "return_statement" => {
                for c in children(n) {
                    if c.is_named() {
                        let t = self.taint_of(c, 0);
                        join(&mut self.ret, with_step(t, line, "returned".into()));
                    }
                }
            }
            "call" | "call_expression" => {
                // A call of a local function may carry tainted arguments into its sinks.
                let callee = n
                    .child_by_field_name("function")
                    .map(|f| self.ctx.cx.text(f))
                    .unwrap_or("");
                let name = callee.rsplit('.').next().unwrap_or(callee);
                if self
                    .ctx
                    .by_name
                    .get(name)
                    .is_some_and(|&i| !self.ctx.summaries[i].param_sinks.is_empty())
                {
                    let _ = self.taint_of(n, 0);
                }
            }
            _ => {}
        }
        if let Some(ps) = self.ctx.props.get(&(n.start_byte(), n.end_byte())) {
            for (from, to) in ps.clone() {
                let t = self.taint_of(from, 0);
                if !t.is_empty() {
                    let t = with_step(t, line, format!("propagated to {to}"));
                    join(self.env.entry(to).or_default(), t);
                }
            }
        }
    }

    fn assign(&mut self, target: Node<'t>, t: Taint, cond: usize, line: u32) {
        let target = unwrap_parens(target);
        match target.kind() {
            "identifier"
            | "attribute"
            | "member_expression"
            | "shorthand_property_identifier_pattern" => {
                let Some(key) = var_key(self.ctx.cx, target) else {
                    return;
                };
                let t = with_step(t, line, format!("assigned to {key}"));
                if cond == 0 {
                    if t.is_empty() {
                        self.env.remove(&key);
                    } else {
                        self.env.insert(key, t);
                    }
                } else {
                    join(self.env.entry(key).or_default(), t);
                }
            }
            "subscript" | "subscript_expression" => {
                // `a[k] = v` taints `a` (never cleans it).
                let base = target
                    .child_by_field_name("value")
                    .or_else(|| target.child_by_field_name("object"));
                if let Some(b) = base
                    && !t.is_empty()
                {
                    self.assign(b, t, cond + 1, line);
                }
            }
            _ => {
                // Destructuring: every name inside gets the taint.
                for c in children(target) {
                    self.assign(c, t.clone(), cond, line);
                }
            }
        }
    }

    /// The taint of an expression at this point of the walk.
    fn taint_of(&mut self, n: Node<'t>, depth: usize) -> Taint {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let n = unwrap_parens(n);
        if self.sanitized(n) {
            return Vec::new();
        }
        if let Some((ss, se)) = containing(&self.ctx.source_spans, n.start_byte(), n.end_byte()) {
            let note = format!(
                "source: {}",
                short(self.ctx.cx.src.get(ss..se).unwrap_or(""))
            );
            let line = self
                .ctx
                .cx
                .root
                .descendant_for_byte_range(ss, ss)
                .map_or(line_of(n), line_of);
            return vec![Label {
                origin: Origin::Source,
                trace: vec![TraceStep { line, note }],
            }];
        }
        match n.kind() {
            "identifier" | "shorthand_property_identifier" => self
                .env
                .get(self.ctx.cx.text(n))
                .cloned()
                .unwrap_or_default(),
            "attribute" | "member_expression" => {
                if let Some(t) = var_key(self.ctx.cx, n).and_then(|k| self.env.get(&k).cloned()) {
                    return t;
                }
                match n.child_by_field_name("object") {
                    Some(o) => self.taint_of(o, depth + 1),
                    None => Vec::new(),
                }
            }
            "subscript" | "subscript_expression" => {
                let base = n
                    .child_by_field_name("value")
                    .or_else(|| n.child_by_field_name("object"));
                base.map(|b| self.taint_of(b, depth + 1))
                    .unwrap_or_default()
            }
            "call" | "call_expression" | "new_expression" => self.taint_of_call(n, depth),
            "lambda"
            | "arrow_function"
            | "function_expression"
            | "function"
            | "function_definition"
            | "class_definition" => Vec::new(),
            "keyword_argument" | "pair" => n
                .child_by_field_name("value")
                .map(|v| self.taint_of(v, depth + 1))
                .unwrap_or_default(),
            _ => {
                let mut t = Vec::new();
                for c in children(n) {
                    if c.is_named() {
                        join(&mut t, self.taint_of(c, depth + 1));
                    }
                }
                t
            }
        }
    }

    fn taint_of_call(&mut self, n: Node<'t>, depth: usize) -> Taint {
        let callee = n
            .child_by_field_name("function")
            .or_else(|| n.child_by_field_name("constructor"));
        let args: Vec<Node<'t>> = n
            .child_by_field_name("arguments")
            .map(children)
            .unwrap_or_default();
        let local = callee.and_then(|c| {
            let name = match c.kind() {
                "identifier" => self.ctx.cx.text(c).to_string(),
                "attribute" | "member_expression" => {
                    let obj = c.child_by_field_name("object")?;
                    if !matches!(self.ctx.cx.text(obj), "self" | "this" | "cls") {
                        return None;
                    }
                    let t = self.ctx.cx.text(c);
                    t.rsplit('.').next()?.to_string()
                }
                _ => return None,
            };
            self.ctx.by_name.get(&name).copied()
        });
        let line = line_of(n);
        let Some(fi) = local else {
            // Unknown function: its result carries the taint of its receiver and arguments.
            let mut t = Vec::new();
            if let Some(c) = callee
                && let Some(o) = c.child_by_field_name("object")
            {
                join(&mut t, self.taint_of(o, depth + 1));
            }
            for a in &args {
                join(&mut t, self.taint_of(*a, depth + 1));
            }
            return t;
        };
        let f = &self.ctx.funcs[fi];
        let fname = function_name(self.ctx.cx, f.node).unwrap_or_default();
        // Argument taint by parameter index (positional, then keyword by name).
        let mut arg_taint: Vec<Taint> = vec![Vec::new(); f.params.len()];
        let mut pos = 0usize;
        let params = f.params.clone();
        for a in &args {
            if a.kind() == "keyword_argument" {
                let name = a
                    .child_by_field_name("name")
                    .map(|x| self.ctx.cx.text(x))
                    .unwrap_or("");
                if let Some(i) = params.iter().position(|p| p.as_deref() == Some(name)) {
                    arg_taint[i] = self.taint_of(*a, depth + 1);
                }
            } else if pos < arg_taint.len() {
                arg_taint[pos] = self.taint_of(*a, depth + 1);
                pos += 1;
            }
        }
        let summary = self.ctx.summaries[fi].clone();
        // Parameters that reach a sink inside the callee.
        for (p, k, inner) in &summary.param_sinks {
            let Some(at) = arg_taint.get(*p) else {
                continue;
            };
            for l in at.clone() {
                let mut trace = l.trace.clone();
                if trace.len() < MAX_TRACE {
                    trace.push(TraceStep {
                        line,
                        note: format!("passed to {fname}()"),
                    });
                }
                trace.extend(inner.iter().cloned());
                match l.origin {
                    Origin::Source => {
                        if !self.hits.iter().any(|(j, _)| j == k) {
                            self.hits.push((*k, trace));
                        }
                    }
                    Origin::Param(q) => {
                        if !self.param_sinks.iter().any(|(a, b, _)| *a == q && b == k) {
                            self.param_sinks.push((q, *k, trace));
                        }
                    }
                }
            }
        }
        let mut t = Vec::new();
        for l in summary.ret {
            match l.origin {
                Origin::Source => join(
                    &mut t,
                    with_step(vec![l], line, format!("returned by {fname}()")),
                ),
                Origin::Param(p) => {
                    if let Some(at) = arg_taint.get(p) {
                        join(
                            &mut t,
                            with_step(at.clone(), line, format!("through {fname}()")),
                        );
                    }
                }
            }
        }
        t
    }
}
