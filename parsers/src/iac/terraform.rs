//! Terraform (`.tf` HCL2 and `.tf.json`) → resources, one [`Model`] per root module.
//!
//! Files are grouped by directory (a module). Variables take their defaults, then
//! `terraform.tfvars` / `*.auto.tfvars` (root modules only), then module inputs; locals are
//! evaluated lazily; `module` blocks with local sources (`./x`, `../x`) are followed with
//! their inputs, and their resources get `module.<name>.` addresses. References to other
//! resources stay Unknown but remember the address they point to, which is how split S3
//! resources find their bucket. Anything not evaluable (functions we do not model,
//! registry modules, unset variables) is Unknown.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use hcl::edit::Span as _;
use hcl::edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl::edit::structure::{Block, Body};
use hcl::edit::template::{Element, Template};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::model::{Format, Model, Node, Resource, Span, Value};
use super::{IacError, LineIndex, MAX_DEPTH};

/// Largest Terraform file parsed.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Deepest bracket nesting accepted before handing a file to the HCL parser.
const MAX_BRACKETS: usize = 256;
/// Deepest chain of local module calls followed.
const MAX_MODULE_DEPTH: usize = 16;
/// Most instances expanded from one `for_each`.
const MAX_INSTANCES: usize = 64;
/// Most expressions evaluated for one resource (or variable, local, module input).
const EVAL_BUDGET: u32 = 200_000;

/// True for files the Terraform loader reads.
pub fn is_terraform_file(path: &str) -> bool {
    path.ends_with(".tf") || path.ends_with(".tf.json") || is_tfvars(path)
}

fn is_tfvars(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "terraform.tfvars"
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars")
        || name.ends_with(".auto.tfvars.json")
}

/// Result of loading every Terraform file of a repository.
#[derive(Debug, Default)]
pub struct TfProject {
    /// One model per root module (with the local modules it calls).
    pub models: Vec<Model>,
    /// Per-file problems: syntax errors, bad module sources, cycles.
    pub errors: Vec<IacError>,
}

enum Content {
    Hcl(Body),
    Json(Node),
}

struct ParsedFile {
    path: String,
    lines: LineIndex,
    content: Content,
}

/// Loads every Terraform module among `files` (relative, `/`-separated paths); `read`
/// returns a file's text (None when unreadable).
pub fn load(files: &[String], read: &dyn Fn(&str) -> Option<String>) -> TfProject {
    let mut project = TfProject::default();
    let mut dirs: BTreeMap<String, Vec<ParsedFile>> = BTreeMap::new();
    for path in files.iter().filter(|p| is_terraform_file(p)) {
        let Some(text) = read(path) else { continue };
        match parse_file(path, &text) {
            Ok(pf) => dirs.entry(dir_of(path).to_string()).or_default().push(pf),
            Err(e) => project.errors.push(e),
        }
    }
    let loader = Loader {
        dirs,
        errors: RefCell::new(Vec::new()),
    };
    // Directories called as local modules are evaluated through their callers.
    let mut called = BTreeSet::new();
    for (dir, pfs) in &loader.dirs {
        for pf in pfs {
            for (_, source, _) in module_calls(pf) {
                if let Some(target) = resolve_source(dir, &source) {
                    called.insert(target);
                }
            }
        }
    }
    let mut done = BTreeSet::new();
    let roots: Vec<String> = loader
        .dirs
        .keys()
        .filter(|d| !called.contains(*d))
        .cloned()
        .collect();
    for dir in roots {
        let mut model = Model::default();
        let _outputs = loader.eval_module(&dir, "", None, &mut Vec::new(), &mut model, &mut done);
        project.models.push(model);
    }
    // Modules only reachable through a cycle: evaluate them on their own.
    let rest: Vec<String> = loader
        .dirs
        .keys()
        .filter(|d| !done.contains(*d))
        .cloned()
        .collect();
    for dir in rest {
        if done.contains(&dir) {
            continue;
        }
        let mut model = Model::default();
        let _outputs = loader.eval_module(&dir, "", None, &mut Vec::new(), &mut model, &mut done);
        project.models.push(model);
    }
    project.errors.extend(loader.errors.into_inner());
    project
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Joins a local module source onto its caller's directory; None for registry/git sources
/// and for paths that leave the repository.
fn resolve_source(dir: &str, source: &str) -> Option<String> {
    if !(source.starts_with("./") || source.starts_with("../")) {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in source.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn parse_file(path: &str, text: &str) -> Result<ParsedFile, IacError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(IacError::Invalid {
            path: path.into(),
            line: 1,
            message: format!("file larger than {} MiB", MAX_FILE_BYTES >> 20),
        });
    }
    let lines = LineIndex::new(text);
    if let Some(off) = too_deep(text) {
        return Err(IacError::Invalid {
            path: path.into(),
            line: lines.line(off),
            message: "nesting too deep".into(),
        });
    }
    let content = if path.ends_with(".json") {
        let docs = MarkedYaml::load_from_str(text).map_err(|e| IacError::Syntax {
            path: path.into(),
            line: e.marker().line() as u32,
            message: e.info().to_string(),
        })?;
        let node = docs
            .first()
            .map(|d| json_node(d, 0))
            .unwrap_or_else(|| Node::new(Value::Map(Vec::new()), Span::new(1, 1)));
        Content::Json(node)
    } else {
        let body = hcl::edit::parser::parse_body(text).map_err(|e| IacError::Syntax {
            path: path.into(),
            line: e.location().line() as u32,
            message: e.message().to_string(),
        })?;
        Content::Hcl(body)
    };
    Ok(ParsedFile {
        path: path.into(),
        lines,
        content,
    })
}

/// Offset where bracket nesting first exceeds [`MAX_BRACKETS`].
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Some(i);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn yaml_span(y: &MarkedYaml<'_>) -> Span {
    let start = y.span.start.line() as u32;
    let mut end = y.span.end.line() as u32;
    if y.span.end.col() == 0 && end > start {
        end -= 1;
    }
    Span::new(start.max(1), end)
}

/// Plain JSON (no intrinsics) → node.
fn json_node(y: &MarkedYaml<'_>, depth: usize) -> Node {
    let span = yaml_span(y);
    if depth > MAX_DEPTH {
        return Node::unknown(span);
    }
    let value = match &y.data {
        YamlData::Value(Scalar::Null) => Value::Null,
        YamlData::Value(Scalar::Boolean(b)) => Value::Bool(*b),
        YamlData::Value(Scalar::Integer(i)) => Value::Number(*i as f64),
        YamlData::Value(Scalar::FloatingPoint(f)) => Value::Number(f.into_inner()),
        YamlData::Value(Scalar::String(s)) => Value::String(s.to_string()),
        YamlData::Representation(s, _, _) => Value::String(s.to_string()),
        YamlData::Sequence(v) => Value::List(v.iter().map(|e| json_node(e, depth + 1)).collect()),
        YamlData::Mapping(m) => Value::Map(
            m.iter()
                .filter_map(|(k, v)| {
                    let k = json_node(k, depth + 1);
                    k.as_str().map(|k| (k.to_string(), json_node(v, depth + 1)))
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => return json_node(inner, depth + 1),
        _ => Value::Unknown { reference: None },
    };
    Node::new(value, span)
}

/// A block in either syntax: `resource "t" "n" { … }` or `{"resource": {"t": {"n": {…}}}}`.
enum BodyRef<'a> {
    Hcl(&'a Body),
    Json(&'a Node),
}

struct TopBlock<'a> {
    kind: String,
    labels: Vec<String>,
    body: BodyRef<'a>,
    span: Span,
}

fn hcl_span(lines: &LineIndex, r: Option<Range<usize>>) -> Span {
    match r {
        Some(r) => Span::new(
            lines.line(r.start),
            lines.line(r.end.saturating_sub(1).max(r.start)),
        ),
        None => Span::new(1, 1),
    }
}

/// Top-level blocks of a file, labels filled in for JSON by nesting depth.
fn top_blocks(pf: &ParsedFile) -> Vec<TopBlock<'_>> {
    let mut out = Vec::new();
    match &pf.content {
        Content::Hcl(body) => {
            for b in body.blocks() {
                out.push(TopBlock {
                    kind: b.ident.as_str().to_string(),
                    labels: b.labels.iter().map(|l| l.as_str().to_string()).collect(),
                    body: BodyRef::Hcl(&b.body),
                    span: hcl_span(&pf.lines, b.span()),
                });
            }
        }
        Content::Json(root) => {
            let Value::Map(top) = &root.value else {
                return out;
            };
            for (kind, v) in top {
                let nlabels = match kind.as_str() {
                    "resource" | "data" => 2,
                    "variable" | "module" | "output" | "provider" => 1,
                    "locals" | "terraform" => 0,
                    _ => continue,
                };
                json_blocks(kind, v, nlabels, &mut Vec::new(), &mut out);
            }
        }
    }
    out
}

fn json_blocks<'a>(
    kind: &str,
    v: &'a Node,
    left: usize,
    labels: &mut Vec<String>,
    out: &mut Vec<TopBlock<'a>>,
) {
    if let Value::List(items) = &v.value {
        for i in items {
            json_blocks(kind, i, left, labels, out);
        }
        return;
    }
    if left == 0 {
        out.push(TopBlock {
            kind: kind.into(),
            labels: labels.clone(),
            body: BodyRef::Json(v),
            span: v.span,
        });
        return;
    }
    if let Value::Map(m) = &v.value {
        for (k, child) in m {
            labels.push(k.clone());
            json_blocks(kind, child, left - 1, labels, out);
            labels.pop();
        }
    }
}

/// `(name, source, span)` of every module block in a file.
fn module_calls(pf: &ParsedFile) -> Vec<(String, String, Span)> {
    let mut out = Vec::new();
    for b in top_blocks(pf) {
        if b.kind != "module" {
            continue;
        }
        let Some(name) = b.labels.first() else {
            continue;
        };
        let source = match &b.body {
            BodyRef::Hcl(body) => body.get_attribute("source").and_then(|a| match &a.value {
                Expression::String(s) => Some(s.as_str().to_string()),
                _ => None,
            }),
            BodyRef::Json(n) => n.get("source").and_then(|s| s.as_str()).map(str::to_string),
        };
        if let Some(source) = source {
            out.push((name.clone(), source, b.span));
        }
    }
    out
}

struct Loader {
    dirs: BTreeMap<String, Vec<ParsedFile>>,
    errors: RefCell<Vec<IacError>>,
}

/// Expressions of one module that evaluation needs by name.
struct Scope<'a> {
    vars: HashMap<String, Node>,
    locals: HashMap<String, (&'a ParsedFile, ExprRef<'a>)>,
    local_cache: RefCell<HashMap<String, Option<Node>>>,
    /// `type.name` and `data.type.name` addresses declared in this module.
    addresses: BTreeSet<String>,
    /// Module address prefix (`module.a.`): references are stored fully qualified.
    prefix: String,
    /// Outputs of the local modules this module calls, by module name.
    modules: HashMap<String, Node>,
}

impl Scope<'_> {
    fn new(prefix: &str) -> Self {
        Scope {
            vars: HashMap::new(),
            locals: HashMap::new(),
            local_cache: RefCell::new(HashMap::new()),
            addresses: BTreeSet::new(),
            prefix: prefix.to_string(),
            modules: HashMap::new(),
        }
    }
}

#[derive(Clone, Copy)]
enum ExprRef<'a> {
    Hcl(&'a Expression),
    Json(&'a Node),
}

impl Loader {
    fn eval_module(
        &self,
        dir: &str,
        prefix: &str,
        inputs: Option<HashMap<String, Node>>,
        stack: &mut Vec<String>,
        model: &mut Model,
        done: &mut BTreeSet<String>,
    ) -> Node {
        let no_outputs = Node::new(Value::Map(Vec::new()), Span::new(1, 1));
        let Some(files) = self.dirs.get(dir) else {
            return no_outputs;
        };
        done.insert(dir.to_string());
        stack.push(dir.to_string());
        let is_root = inputs.is_none();
        let inputs = inputs.unwrap_or_default();

        // Variables: default, then tfvars (root), then module inputs.
        let mut vars: HashMap<String, Node> = HashMap::new();
        let mut scope = Scope::new(prefix);
        for pf in files.iter().filter(|f| !is_tfvars(&f.path)) {
            for b in top_blocks(pf) {
                match (b.kind.as_str(), b.labels.as_slice()) {
                    ("variable", [name]) => {
                        let default = attr(&b.body, "default").map(|e| {
                            let ev = Ev::new(pf, &scope, Vec::new());
                            ev.eval(e, 0)
                        });
                        vars.insert(
                            name.clone(),
                            default.unwrap_or_else(|| Node::unknown(b.span)),
                        );
                    }
                    ("locals", []) => {
                        for (k, e) in attrs(&b.body) {
                            scope.locals.insert(k, (pf, e));
                        }
                    }
                    ("resource", [t, n]) => {
                        scope.addresses.insert(format!("{t}.{n}"));
                    }
                    ("data", [t, n]) => {
                        scope.addresses.insert(format!("data.{t}.{n}"));
                    }
                    _ => {}
                }
            }
        }
        if is_root {
            for pf in files.iter().filter(|f| is_tfvars(&f.path)) {
                let empty = Scope::new(prefix);
                let body = match &pf.content {
                    Content::Hcl(b) => BodyRef::Hcl(b),
                    Content::Json(n) => BodyRef::Json(n),
                };
                for (k, e) in attrs(&body) {
                    let v = Ev::new(pf, &empty, Vec::new()).eval(e, 0);
                    vars.insert(k, v);
                }
            }
        }
        vars.extend(inputs);
        scope.vars = vars;

        // Local modules first, so the resources here can use their outputs.
        for pf in files.iter().filter(|f| !is_tfvars(&f.path)) {
            for b in top_blocks(pf) {
                if let ("module", [name]) = (b.kind.as_str(), b.labels.as_slice()) {
                    let source = attr(&b.body, "source")
                        .map(|e| Ev::new(pf, &scope, Vec::new()).eval(e, 0))
                        .and_then(|n| n.as_str().map(str::to_string));
                    let Some(source) = source else { continue };
                    // `count = 0` / empty `for_each` switch the module off.
                    let off = |k: &str| {
                        attr(&b.body, k).map(|e| Ev::new(pf, &scope, Vec::new()).eval(e, 0))
                    };
                    if off("count").and_then(|c| c.as_f64()) == Some(0.0)
                        || off("for_each")
                            .and_then(|f| iterate(&f))
                            .is_some_and(|p| p.is_empty())
                    {
                        continue;
                    }
                    if !(source.starts_with("./") || source.starts_with("../")) {
                        continue; // registry/git module: its resources are unknown
                    }
                    let Some(target) = resolve_source(dir, &source) else {
                        self.error(
                            pf,
                            b.span,
                            format!("module `{name}` source `{source}` is outside the repository"),
                        );
                        continue;
                    };
                    if stack.contains(&target) {
                        self.error(
                            pf,
                            b.span,
                            format!("circular module reference: `{name}` calls `{source}`"),
                        );
                        continue;
                    }
                    if stack.len() >= MAX_MODULE_DEPTH {
                        self.error(pf, b.span, format!("module `{name}` nested too deeply"));
                        continue;
                    }
                    if !self.dirs.contains_key(&target) {
                        model.warnings.push(format!(
                            "{}:{}: module `{name}` source `{source}` has no Terraform files",
                            pf.path, b.span.start
                        ));
                        continue;
                    }
                    let mut child_inputs = HashMap::new();
                    for (k, e) in attrs(&b.body) {
                        if matches!(
                            k.as_str(),
                            "source"
                                | "version"
                                | "providers"
                                | "count"
                                | "for_each"
                                | "depends_on"
                        ) {
                            continue;
                        }
                        child_inputs.insert(k, Ev::new(pf, &scope, Vec::new()).eval(e, 0));
                    }
                    let child_prefix = format!("{prefix}module.{name}.");
                    let outputs = self.eval_module(
                        &target,
                        &child_prefix,
                        Some(child_inputs),
                        stack,
                        model,
                        done,
                    );
                    scope.modules.insert(name.clone(), outputs);
                }
            }
        }
        let mut outputs = Vec::new();
        for pf in files.iter().filter(|f| !is_tfvars(&f.path)) {
            for b in top_blocks(pf) {
                match (b.kind.as_str(), b.labels.as_slice()) {
                    ("resource", [t, n]) => {
                        self.eval_resource(pf, &scope, &b, t, n, false, prefix, model)
                    }
                    ("data", [t, n]) => {
                        self.eval_resource(pf, &scope, &b, t, n, true, prefix, model)
                    }
                    ("output", [name]) => {
                        if let Some(e) = attr(&b.body, "value") {
                            outputs
                                .push((name.clone(), Ev::new(pf, &scope, Vec::new()).eval(e, 0)));
                        }
                    }
                    _ => {}
                }
            }
        }
        stack.pop();
        Node::new(Value::Map(outputs), no_outputs.span)
    }

    fn error(&self, pf: &ParsedFile, span: Span, message: String) {
        self.errors.borrow_mut().push(IacError::Invalid {
            path: pf.path.clone(),
            line: span.start,
            message,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn eval_resource(
        &self,
        pf: &ParsedFile,
        scope: &Scope<'_>,
        b: &TopBlock<'_>,
        t: &str,
        n: &str,
        data: bool,
        prefix: &str,
        model: &mut Model,
    ) {
        let local_id = if data {
            format!("data.{t}.{n}")
        } else {
            format!("{t}.{n}")
        };
        let mut instances: Vec<(String, Vec<(String, Node)>)> = Vec::new();
        let ev0 = Ev::new(pf, scope, Vec::new());
        if let Some(c) = attr(&b.body, "count") {
            let c = ev0.eval(c, 0);
            match c.as_f64() {
                Some(k) if k <= 0.0 => return,
                Some(_) => instances.push((
                    String::new(),
                    vec![("count.index".into(), Node::new(Value::Number(0.0), c.span))],
                )),
                None => instances.push((
                    String::new(),
                    vec![("count.index".into(), Node::unknown(c.span))],
                )),
            }
        } else if let Some(fe) = attr(&b.body, "for_each") {
            let fe = ev0.eval(fe, 0);
            let pairs = iterate(&fe);
            match pairs {
                Some(p) if p.is_empty() => return,
                Some(p) => {
                    for (k, v) in p.into_iter().take(MAX_INSTANCES) {
                        let key = k.as_str().map(str::to_string).unwrap_or_default();
                        instances.push((
                            format!("[\"{key}\"]"),
                            vec![("each.key".into(), k), ("each.value".into(), v)],
                        ));
                    }
                }
                None => instances.push((
                    String::new(),
                    vec![
                        ("each.key".into(), Node::unknown(fe.span)),
                        ("each.value".into(), Node::unknown(fe.span)),
                    ],
                )),
            }
        } else {
            instances.push((String::new(), Vec::new()));
        }
        for (suffix, iters) in instances {
            let ev = Ev::new(pf, scope, iters);
            let properties = ev.eval_body(&b.body, b.span, 0);
            let references = properties.references();
            model.resources.push(Resource {
                kind: t.to_string(),
                id: format!("{prefix}{local_id}{suffix}"),
                format: Format::Terraform,
                data,
                file: pf.path.clone(),
                span: b.span,
                properties,
                metadata: None,
                references,
                local_id: local_id.clone(),
                module: prefix.to_string(),
            });
        }
    }
}

/// `(key, value)` pairs of a known map, list or set (lists iterate with their values as keys,
/// as `for_each = toset([...])` does). None when unknown.
fn iterate(n: &Node) -> Option<Vec<(Node, Node)>> {
    match &n.value {
        Value::Map(m) => Some(
            m.iter()
                .map(|(k, v)| (Node::new(Value::String(k.clone()), v.span), v.clone()))
                .collect(),
        ),
        Value::List(l) => Some(l.iter().map(|v| (v.clone(), v.clone())).collect()),
        _ => None,
    }
}

fn attr<'a>(body: &BodyRef<'a>, name: &str) -> Option<ExprRef<'a>> {
    match body {
        BodyRef::Hcl(b) => b.get_attribute(name).map(|a| ExprRef::Hcl(&a.value)),
        BodyRef::Json(n) => n.get(name).map(ExprRef::Json),
    }
}

fn attrs<'a>(body: &BodyRef<'a>) -> Vec<(String, ExprRef<'a>)> {
    match body {
        BodyRef::Hcl(b) => b
            .attributes()
            .map(|a| (a.key.as_str().to_string(), ExprRef::Hcl(&a.value)))
            .collect(),
        BodyRef::Json(n) => match &n.value {
            Value::Map(m) => m
                .iter()
                .map(|(k, v)| (k.clone(), ExprRef::Json(v)))
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// Evaluates expressions of one file in one module scope.
struct Ev<'s, 'a> {
    pf: &'s ParsedFile,
    scope: &'s Scope<'a>,
    /// Iteration variables (`each.value`, `count.index`, dynamic-block and `for` iterators).
    iters: RefCell<Vec<(String, Node)>>,
    /// Span forced on every node (JSON strings holding `${…}` templates).
    fixed: std::cell::Cell<Option<Span>>,
    /// Expressions left to evaluate: nested `for_each`/`for` over big collections cannot
    /// blow up; past the budget everything is Unknown.
    budget: std::cell::Cell<u32>,
}

impl<'s, 'a> Ev<'s, 'a> {
    fn new(pf: &'s ParsedFile, scope: &'s Scope<'a>, iters: Vec<(String, Node)>) -> Self {
        Ev {
            pf,
            scope,
            iters: RefCell::new(iters),
            fixed: std::cell::Cell::new(None),
            budget: std::cell::Cell::new(EVAL_BUDGET),
        }
    }

    fn sp(&self, r: Option<Range<usize>>) -> Span {
        self.fixed
            .get()
            .unwrap_or_else(|| hcl_span(&self.pf.lines, r))
    }

    fn iter_var(&self, name: &str) -> Option<Node> {
        self.iters
            .borrow()
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn with_iters<T>(&self, vars: Vec<(String, Node)>, f: impl FnOnce() -> T) -> T {
        let n = vars.len();
        self.iters.borrow_mut().extend(vars);
        let out = f();
        let mut it = self.iters.borrow_mut();
        let keep = it.len().saturating_sub(n);
        it.truncate(keep);
        out
    }

    fn eval(&self, e: ExprRef<'_>, depth: usize) -> Node {
        match e {
            ExprRef::Hcl(e) => self.expr(e, depth),
            ExprRef::Json(n) => self.json(n, depth),
        }
    }

    /// A `.tf.json` value: strings may hold `${…}` templates.
    fn json(&self, n: &Node, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            return Node::unknown(n.span);
        }
        match &n.value {
            Value::String(s) if s.contains("${") => {
                let Ok(t) = hcl::edit::parser::parse_template(s) else {
                    return Node::unknown(n.span);
                };
                let prev = self.fixed.replace(Some(n.span));
                let out = self.template(&t, n.span, depth + 1);
                self.fixed.set(prev);
                out
            }
            Value::List(v) => Node::new(
                Value::List(v.iter().map(|x| self.json(x, depth + 1)).collect()),
                n.span,
            ),
            Value::Map(m) => Node::new(
                Value::Map(
                    m.iter()
                        .map(|(k, v)| (k.clone(), self.json(v, depth + 1)))
                        .collect(),
                ),
                n.span,
            ),
            _ => n.clone(),
        }
    }

    /// A block body → Map; nested blocks become lists of maps under their name, `dynamic`
    /// blocks are expanded over their `for_each` (one generic instance when unknown).
    fn eval_body(&self, body: &BodyRef<'_>, span: Span, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            return Node::unknown(span);
        }
        let body = match body {
            BodyRef::Hcl(b) => *b,
            BodyRef::Json(n) => {
                let mut out = self.json(n, depth + 1);
                if !matches!(out.value, Value::Map(_)) {
                    out = Node::new(Value::Map(Vec::new()), span);
                }
                return out;
            }
        };
        let mut map: Vec<(String, Node)> = Vec::new();
        for a in body.attributes() {
            map.push((a.key.as_str().to_string(), self.expr(&a.value, depth + 1)));
        }
        let mut blocks: Vec<(String, Node)> = Vec::new();
        for b in body.blocks() {
            let bspan = self.sp(b.span());
            if b.ident.as_str() == "dynamic" {
                let Some(name) = b.labels.first().map(|l| l.as_str().to_string()) else {
                    continue;
                };
                for inst in self.dynamic(b, &name, bspan, depth) {
                    push_block(&mut blocks, &name, inst);
                }
                continue;
            }
            let n = self.eval_body(&BodyRef::Hcl(&b.body), bspan, depth + 1);
            push_block(&mut blocks, b.ident.as_str(), n);
        }
        map.extend(blocks);
        Node::new(Value::Map(map), span)
    }

    fn dynamic(&self, b: &Block, name: &str, span: Span, depth: usize) -> Vec<Node> {
        let iterator = b
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| name.to_string());
        let Some(content) = b.body.blocks().find(|c| c.ident.as_str() == "content") else {
            return Vec::new();
        };
        let cspan = self.sp(content.span());
        let fe = b
            .body
            .get_attribute("for_each")
            .map(|a| self.expr(&a.value, depth + 1))
            .unwrap_or_else(|| Node::unknown(span));
        let pairs =
            iterate(&fe).unwrap_or_else(|| vec![(Node::unknown(fe.span), Node::unknown(fe.span))]);
        pairs
            .into_iter()
            .take(MAX_INSTANCES)
            .map(|(k, v)| {
                let obj = Node::new(
                    Value::Map(vec![("key".into(), k), ("value".into(), v)]),
                    fe.span,
                );
                self.with_iters(vec![(iterator.clone(), obj)], || {
                    self.eval_body(&BodyRef::Hcl(&content.body), cspan, depth + 1)
                })
            })
            .collect()
    }

    fn expr(&self, e: &Expression, depth: usize) -> Node {
        let span = self.sp(e.span());
        let left = self.budget.get();
        if depth > MAX_DEPTH || left == 0 {
            return Node::unknown(span);
        }
        self.budget.set(left - 1);
        let d = depth + 1;
        let unknown = Node::unknown(span);
        let value = match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) => Value::Number(f),
                None => return unknown,
            },
            Expression::String(s) => Value::String(s.value().to_string()),
            Expression::Array(a) => Value::List(a.iter().map(|x| self.expr(x, d)).collect()),
            Expression::Object(o) => {
                let mut m = Vec::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(i) => Some(i.as_str().to_string()),
                        ObjectKey::Expression(Expression::Variable(i)) => {
                            Some(i.as_str().to_string())
                        }
                        ObjectKey::Expression(x) => self.expr(x, d).as_str().map(str::to_string),
                    };
                    if let Some(key) = key {
                        m.push((key, self.expr(v.expr(), d)));
                    }
                }
                Value::Map(m)
            }
            Expression::StringTemplate(t) => return self.template(t, span, d),
            Expression::HeredocTemplate(h) => return self.template(&h.template, span, d),
            Expression::Parenthesis(p) => return self.expr(p.inner(), d),
            Expression::Variable(v) => {
                return self
                    .iter_var(v.as_str())
                    .map(|n| respan(n, span))
                    .unwrap_or(unknown);
            }
            Expression::Conditional(c) => {
                let cond = self.expr(&c.cond_expr, d);
                return match cond.as_bool() {
                    Some(true) => self.expr(&c.true_expr, d),
                    Some(false) => self.expr(&c.false_expr, d),
                    None => Node::new(
                        Value::Either(vec![
                            self.expr(&c.true_expr, d),
                            self.expr(&c.false_expr, d),
                        ]),
                        span,
                    ),
                };
            }
            Expression::FuncCall(f) => return self.func(f, span, d),
            Expression::Traversal(t) => return self.traversal(t, span, d),
            Expression::UnaryOp(u) => {
                let v = self.expr(&u.expr, d);
                match (u.operator.value(), &v.value) {
                    (UnaryOperator::Not, _) => match v.as_bool() {
                        Some(b) => Value::Bool(!b),
                        None => return unknown,
                    },
                    (UnaryOperator::Neg, Value::Number(n)) => Value::Number(-n),
                    _ => return unknown,
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.expr(&b.lhs_expr, d);
                let r = self.expr(&b.rhs_expr, d);
                match binary(*b.operator.value(), &l, &r) {
                    Some(v) => v,
                    None => {
                        // Keep references visible (e.g. `"${aws_s3_bucket.b.id}" != ""`): none.
                        return unknown;
                    }
                }
            }
            Expression::ForExpr(f) => {
                let coll = self.expr(&f.intro.collection_expr, d);
                let Some(pairs) = iterate(&coll) else {
                    return unknown;
                };
                let kv = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
                let vv = f.intro.value_var.as_str().to_string();
                let mut list = Vec::new();
                let mut map = Vec::new();
                for (i, (k, v)) in pairs.into_iter().enumerate().take(1000) {
                    let k = if matches!(coll.value, Value::List(_)) {
                        Node::new(Value::Number(i as f64), k.span)
                    } else {
                        k
                    };
                    let mut vars = vec![(vv.clone(), v)];
                    if let Some(kv) = &kv {
                        vars.push((kv.clone(), k));
                    }
                    let item = self.with_iters(vars, || {
                        if let Some(c) = &f.cond
                            && self.expr(&c.expr, d).as_bool() == Some(false)
                        {
                            return None;
                        }
                        let key = f.key_expr.as_ref().map(|ke| self.expr(ke, d));
                        Some((key, self.expr(&f.value_expr, d)))
                    });
                    match item {
                        Some((Some(key), val)) => match key.as_str() {
                            Some(k) => map.push((k.to_string(), val)),
                            None => return unknown,
                        },
                        Some((None, val)) => list.push(val),
                        None => {}
                    }
                }
                if f.key_expr.is_some() {
                    Value::Map(map)
                } else {
                    Value::List(list)
                }
            }
        };
        Node::new(value, span)
    }

    fn template(&self, t: &Template, span: Span, d: usize) -> Node {
        let mut out = String::new();
        let mut reference = None;
        let mut known = true;
        for el in t.iter() {
            match el {
                Element::Literal(s) => out.push_str(s.as_str()),
                Element::Interpolation(i) => {
                    let v = self.expr(&i.expr, d);
                    match scalar_text(&v) {
                        Some(s) => out.push_str(&s),
                        None => {
                            known = false;
                            if reference.is_none() {
                                reference = v.reference().map(str::to_string);
                            }
                        }
                    }
                }
                Element::Directive(_) => known = false,
            }
        }
        if known {
            Node::new(Value::String(out), span)
        } else {
            Node::new(Value::Unknown { reference }, span)
        }
    }

    fn traversal(&self, t: &hcl::edit::expr::Traversal, span: Span, d: usize) -> Node {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let attr_at = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        let (base, rest): (Node, &[&TraversalOperator]) = match &t.expr {
            Expression::Variable(v) => {
                let root = v.as_str();
                match root {
                    "var" => {
                        let Some(name) = attr_at(0) else {
                            return Node::unknown(span);
                        };
                        match self.scope.vars.get(&name) {
                            Some(n) => (respan(n.clone(), span), &ops[1..]),
                            None => return Node::unknown(span),
                        }
                    }
                    "local" => {
                        let Some(name) = attr_at(0) else {
                            return Node::unknown(span);
                        };
                        match self.local(&name, d) {
                            Some(n) => (respan(n, span), &ops[1..]),
                            None => return Node::unknown(span),
                        }
                    }
                    "each" | "count" => {
                        let Some(name) = attr_at(0) else {
                            return Node::unknown(span);
                        };
                        match self.iter_var(&format!("{root}.{name}")) {
                            Some(n) => (respan(n, span), &ops[1..]),
                            None => return Node::unknown(span),
                        }
                    }
                    "module" => {
                        // module.NAME[.key].OUTPUT…: outputs of local modules are known.
                        let Some(name) = attr_at(0) else {
                            return Node::unknown(span);
                        };
                        let Some(outputs) = self.scope.modules.get(&name) else {
                            return Node::unknown(span);
                        };
                        let mut i = 1;
                        while matches!(
                            ops.get(i),
                            Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
                        ) {
                            i += 1;
                        }
                        let Some(out) = attr_at(i).and_then(|o| outputs.get(&o)) else {
                            return Node::unknown(span);
                        };
                        (respan(out.clone(), span), &ops[i + 1..])
                    }
                    "path" | "terraform" | "self" => return Node::unknown(span),
                    "data" => {
                        let (Some(ty), Some(name)) = (attr_at(0), attr_at(1)) else {
                            return Node::unknown(span);
                        };
                        let addr = format!("data.{ty}.{name}");
                        let reference = self
                            .scope
                            .addresses
                            .contains(&addr)
                            .then(|| format!("{}{addr}", self.scope.prefix));
                        return Node::new(Value::Unknown { reference }, span);
                    }
                    other => {
                        if let Some(n) = self.iter_var(other) {
                            (respan(n, span), &ops[..])
                        } else {
                            let Some(name) = attr_at(0) else {
                                return Node::unknown(span);
                            };
                            let addr = format!("{other}.{name}");
                            let reference = self
                                .scope
                                .addresses
                                .contains(&addr)
                                .then(|| format!("{}{addr}", self.scope.prefix));
                            return Node::new(Value::Unknown { reference }, span);
                        }
                    }
                }
            }
            other => (self.expr(other, d), &ops[..]),
        };
        let mut cur = base;
        for op in rest {
            let next = match (op, &cur.value) {
                (TraversalOperator::GetAttr(a), Value::Map(_)) => cur.get(a.as_str()).cloned(),
                (TraversalOperator::Index(i), _) => {
                    let i = self.expr(i, d);
                    match (&cur.value, &i.value) {
                        (Value::List(l), Value::Number(n)) if *n >= 0.0 => {
                            l.get(*n as usize).cloned()
                        }
                        (Value::Map(_), Value::String(k)) => cur.get(k).cloned(),
                        _ => None,
                    }
                }
                (TraversalOperator::LegacyIndex(i), Value::List(l)) => {
                    l.get(*i.value() as usize).cloned()
                }
                _ => None,
            };
            match next {
                Some(n) => cur = respan(n, span),
                None => return Node::unknown(span),
            }
        }
        cur
    }

    fn local(&self, name: &str, d: usize) -> Option<Node> {
        if let Some(v) = self.scope.local_cache.borrow().get(name) {
            return v.clone();
        }
        let (pf, e) = *self.scope.locals.get(name)?;
        // In progress: a cycle reads Unknown.
        self.scope
            .local_cache
            .borrow_mut()
            .insert(name.to_string(), None);
        let ev = Ev::new(pf, self.scope, Vec::new());
        let v = ev.eval(e, d);
        self.scope
            .local_cache
            .borrow_mut()
            .insert(name.to_string(), Some(v.clone()));
        Some(v)
    }

    fn func(&self, f: &hcl::edit::expr::FuncCall, span: Span, d: usize) -> Node {
        let name = f.name.name.as_str();
        let args: Vec<Node> = f.args.iter().map(|a| self.expr(a, d)).collect();
        let unknown = Node::unknown(span);
        let first = || args.first().cloned().unwrap_or_else(|| unknown.clone());
        match name {
            // Policies written with jsonencode keep their structure (and lines).
            "jsonencode" | "tostring" | "tonumber" | "tobool" | "tolist" | "toset" | "tomap"
            | "sensitive" | "nonsensitive" | "base64encode" => first(),
            "jsondecode" => match first()
                .as_str()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
            {
                Some(v) => from_json(&v, span, 0),
                None => unknown,
            },
            "lower" | "upper" | "trimspace" => match first().as_str() {
                Some(s) => Node::new(
                    Value::String(match name {
                        "lower" => s.to_lowercase(),
                        "upper" => s.to_uppercase(),
                        _ => s.trim().to_string(),
                    }),
                    span,
                ),
                None => unknown,
            },
            "concat" => {
                let mut out = Vec::new();
                for a in &args {
                    match &a.value {
                        Value::List(l) => out.extend(l.iter().cloned()),
                        _ => return unknown,
                    }
                }
                Node::new(Value::List(out), span)
            }
            "merge" => {
                let mut out: Vec<(String, Node)> = Vec::new();
                for a in &args {
                    match &a.value {
                        Value::Map(m) => {
                            for (k, v) in m {
                                out.retain(|(ok, _)| ok != k);
                                out.push((k.clone(), v.clone()));
                            }
                        }
                        _ => return unknown,
                    }
                }
                Node::new(Value::Map(out), span)
            }
            "lookup" => {
                let (Some(m), Some(k)) = (args.first(), args.get(1).and_then(|k| k.as_str()))
                else {
                    return unknown;
                };
                match (&m.value, m.get(k), args.get(2)) {
                    (_, Some(v), _) => v.clone(),
                    (Value::Map(_), None, Some(def)) => def.clone(),
                    _ => unknown,
                }
            }
            "coalesce" | "try" => {
                for a in &args {
                    match &a.value {
                        Value::Unknown { .. } if name == "try" => continue,
                        Value::Unknown { .. } => return unknown,
                        Value::Null => continue,
                        Value::String(s) if s.is_empty() && name == "coalesce" => continue,
                        _ => return a.clone(),
                    }
                }
                unknown
            }
            "length" => match &first().value {
                Value::List(l) => Node::new(Value::Number(l.len() as f64), span),
                Value::Map(m) => Node::new(Value::Number(m.len() as f64), span),
                Value::String(s) => Node::new(Value::Number(s.chars().count() as f64), span),
                _ => unknown,
            },
            "join" => {
                let (Some(sep), Some(Value::List(l))) = (
                    args.first().and_then(|s| s.as_str()),
                    args.get(1).map(|l| &l.value),
                ) else {
                    return unknown;
                };
                let parts: Option<Vec<String>> = l.iter().map(scalar_text).collect();
                match parts {
                    Some(p) => Node::new(Value::String(p.join(sep)), span),
                    None => unknown,
                }
            }
            "format" => {
                let Some(fmt) = args.first().and_then(|s| s.as_str()) else {
                    return unknown;
                };
                let mut out = String::new();
                let mut rest = args.iter().skip(1);
                let mut chars = fmt.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '%' {
                        match chars.next() {
                            Some('%') => out.push('%'),
                            Some(_) => match rest.next().and_then(scalar_text) {
                                Some(s) => out.push_str(&s),
                                None => return unknown,
                            },
                            None => out.push('%'),
                        }
                    } else {
                        out.push(c);
                    }
                }
                Node::new(Value::String(out), span)
            }
            _ => {
                // Keep a reference visible through functions we do not model.
                let refs: Vec<String> = args.iter().flat_map(|a| a.references()).collect();
                Node::new(
                    Value::Unknown {
                        reference: refs.into_iter().next(),
                    },
                    span,
                )
            }
        }
    }
}

fn push_block(blocks: &mut Vec<(String, Node)>, name: &str, n: Node) {
    if let Some((_, existing)) = blocks.iter_mut().find(|(k, _)| k == name) {
        if let Value::List(l) = &mut existing.value {
            existing.span = Span::new(
                existing.span.start.min(n.span.start),
                existing.span.end.max(n.span.end),
            );
            l.push(n);
        }
        return;
    }
    let span = n.span;
    blocks.push((name.to_string(), Node::new(Value::List(vec![n]), span)));
}

fn binary(op: BinaryOperator, l: &Node, r: &Node) -> Option<Value> {
    use BinaryOperator as B;
    Some(match op {
        B::Eq | B::NotEq => {
            let (a, b) = (scalar_text(l)?, scalar_text(r)?);
            Value::Bool((a == b) == (op == B::Eq))
        }
        B::And => Value::Bool(l.as_bool()? && r.as_bool()?),
        B::Or => Value::Bool(l.as_bool()? || r.as_bool()?),
        _ => {
            let (a, b) = (l.as_f64()?, r.as_f64()?);
            match op {
                B::Less => Value::Bool(a < b),
                B::LessEq => Value::Bool(a <= b),
                B::Greater => Value::Bool(a > b),
                B::GreaterEq => Value::Bool(a >= b),
                B::Plus => Value::Number(a + b),
                B::Minus => Value::Number(a - b),
                B::Mul => Value::Number(a * b),
                B::Div if b != 0.0 => Value::Number(a / b),
                B::Mod if b != 0.0 => Value::Number(a % b),
                _ => return None,
            }
        }
    })
}

fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        Value::Number(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Gives a substituted value (variable default, module input) the lines of the place it is
/// used, so findings point into the file that uses it.
pub fn respan(mut n: Node, span: Span) -> Node {
    fn go(n: &mut Node, span: Span, depth: usize) {
        n.span = span;
        if depth > MAX_DEPTH {
            return;
        }
        match &mut n.value {
            Value::List(v) | Value::Either(v) => v.iter_mut().for_each(|c| go(c, span, depth + 1)),
            Value::Map(m) => m.iter_mut().for_each(|(_, c)| go(c, span, depth + 1)),
            _ => {}
        }
    }
    go(&mut n, span, 0);
    n
}

/// serde_json value → node, every node at `span`.
pub fn from_json(v: &serde_json::Value, span: Span, depth: usize) -> Node {
    if depth > MAX_DEPTH {
        return Node::unknown(span);
    }
    let value = match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => {
            Value::List(a.iter().map(|x| from_json(x, span, depth + 1)).collect())
        }
        serde_json::Value::Object(o) => Value::Map(
            o.iter()
                .map(|(k, x)| (k.clone(), from_json(x, span, depth + 1)))
                .collect(),
        ),
    };
    Node::new(value, span)
}

#[cfg(test)]
mod tests;
