//! CloudFormation (and SAM) templates, YAML or JSON, → resources.
//!
//! saphyr gives every node its line and keeps short-form tags (`!Ref`), so one walker handles
//! YAML short forms, YAML long forms (`Fn::If:`) and JSON. Intrinsics are resolved while
//! converting: `Ref` to a parameter with a default gives the default, `Fn::FindInMap` looks in
//! `Mappings`, `Fn::If` picks the branch when its condition resolves and keeps both otherwise;
//! the rest (pseudo parameters, `GetAtt`, imports) are Unknown.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::model::{Format, Model, Node, Parameter, Resource, Span, Value};
use super::terraform::respan;
use super::{IacError, MAX_DEPTH};

/// Largest template accepted; bigger files are reported, not parsed.
pub const MAX_TEMPLATE_BYTES: usize = 16 * 1024 * 1024;
/// Deepest block indentation accepted before parsing (bounds the YAML tree depth).
const MAX_INDENT: usize = 1024;

/// Cheap content sniff: could this file be a CloudFormation template? A template has
/// `AWSTemplateFormatVersion` or a `Resources` section with `AWS::`/`Custom::` types.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && (text.contains("AWS::") || text.contains("Custom::")))
}

/// Parses one template. `Ok(None)` when the file is valid YAML/JSON but not a template.
pub fn parse(path: &str, text: &str) -> Result<Option<Model>, IacError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(IacError::Invalid {
            path: path.into(),
            line: 1,
            message: format!("template larger than {} MiB", MAX_TEMPLATE_BYTES >> 20),
        });
    }
    if let Some(line) = too_deep(text) {
        return Err(IacError::Invalid {
            path: path.into(),
            line,
            message: "nesting too deep".into(),
        });
    }
    let docs = MarkedYaml::load_from_str(text).map_err(|e| IacError::Syntax {
        path: path.into(),
        line: e.marker().line() as u32,
        message: e.info().to_string(),
    })?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(None);
    };
    if !is_template(&doc) {
        return Ok(None);
    }
    Ok(Some(Template::new(path, &doc).build()))
}

/// Line of the first line indented deeper than [`MAX_INDENT`] (counting `- ` compact nesting).
fn too_deep(text: &str) -> Option<u32> {
    for (i, line) in text.lines().enumerate() {
        let depth = line
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'[' | b'{'))
            .count();
        if depth > MAX_INDENT {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn key_str<'a>(y: &'a MarkedYaml<'_>) -> Option<std::borrow::Cow<'a, str>> {
    match &y.data {
        YamlData::Value(Scalar::String(s)) => Some(std::borrow::Cow::Borrowed(s.as_ref())),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string().into()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string().into()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string().into()),
        YamlData::Representation(s, _, _) => Some(std::borrow::Cow::Borrowed(s.as_ref())),
        YamlData::Tagged(_, inner) => key_str(inner),
        _ => None,
    }
}

fn get<'a, 'i>(y: &'a MarkedYaml<'i>, key: &str) -> Option<&'a MarkedYaml<'i>> {
    match &y.data {
        YamlData::Mapping(m) => m
            .iter()
            .find(|(k, _)| key_str(k).as_deref() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn entries<'a, 'i>(y: Option<&'a MarkedYaml<'i>>) -> Vec<(String, &'a MarkedYaml<'i>)> {
    keyed_entries(y)
        .into_iter()
        .map(|(k, _, v)| (k, v))
        .collect()
}

/// Map entries with the key node (its line is where a resource "starts").
fn keyed_entries<'a, 'i>(
    y: Option<&'a MarkedYaml<'i>>,
) -> Vec<(String, &'a MarkedYaml<'i>, &'a MarkedYaml<'i>)> {
    match y.map(|y| &y.data) {
        Some(YamlData::Mapping(m)) => m
            .iter()
            .filter_map(|(k, v)| key_str(k).map(|ks| (ks.into_owned(), k, v)))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_template(doc: &MarkedYaml<'_>) -> bool {
    if get(doc, "AWSTemplateFormatVersion").is_some() {
        return true;
    }
    let res = entries(get(doc, "Resources"));
    !res.is_empty()
        && res.iter().any(|(_, r)| {
            get(r, "Type")
                .and_then(|t| key_str(t))
                .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
        })
}

fn span_of(y: &MarkedYaml<'_>) -> Span {
    let start = y.span.start.line() as u32;
    let mut end = y.span.end.line() as u32;
    if y.span.end.col() == 0 && end > start {
        end -= 1;
    }
    Span::new(start.max(1), end)
}

struct Template<'a, 'i> {
    path: &'a str,
    doc: &'a MarkedYaml<'i>,
    params: HashMap<String, &'a MarkedYaml<'i>>,
    mappings: Option<&'a MarkedYaml<'i>>,
    conditions: HashMap<String, &'a MarkedYaml<'i>>,
    resources: HashSet<String>,
    cond_cache: RefCell<HashMap<String, Option<bool>>>,
    warnings: RefCell<Vec<String>>,
}

impl<'a, 'i> Template<'a, 'i> {
    fn new(path: &'a str, doc: &'a MarkedYaml<'i>) -> Self {
        let params = entries(get(doc, "Parameters"))
            .into_iter()
            .filter_map(|(k, p)| get(p, "Default").map(|d| (k, d)))
            .collect();
        let conditions = entries(get(doc, "Conditions")).into_iter().collect();
        let resources = entries(get(doc, "Resources"))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        Template {
            path,
            doc,
            params,
            mappings: get(doc, "Mappings"),
            conditions,
            resources,
            cond_cache: RefCell::new(HashMap::new()),
            warnings: RefCell::new(Vec::new()),
        }
    }

    fn build(self) -> Model {
        let mut model = Model::default();
        for (name, key, p) in keyed_entries(get(self.doc, "Parameters")) {
            model.parameters.push(Parameter {
                name,
                file: self.path.into(),
                span: Span::new(span_of(key).start, span_of(p).end),
                no_echo: get(p, "NoEcho")
                    .map(|n| self.conv(n, 0))
                    .and_then(|n| n.as_bool())
                    .unwrap_or(false),
                default: get(p, "Default").map(|d| self.conv(d, 0)),
                type_name: get(p, "Type")
                    .and_then(|t| key_str(t).map(|s| s.into_owned()))
                    .unwrap_or_default(),
            });
        }
        let globals = get(self.doc, "Globals");
        for (id, key, r) in keyed_entries(get(self.doc, "Resources")) {
            let Some(kind) = get(r, "Type")
                .and_then(|t| key_str(t))
                .map(|s| s.into_owned())
            else {
                continue;
            };
            if let Some(c) = get(r, "Condition").and_then(|c| key_str(c))
                && self.condition(&c, 0) == Some(false)
            {
                continue;
            }
            let span = Span::new(span_of(key).start, span_of(r).end);
            let mut properties = match get(r, "Properties") {
                Some(p) => self.conv(p, 0),
                None => Node::new(Value::Map(Vec::new()), span),
            };
            if !matches!(properties.value, Value::Map(_)) {
                properties = Node::new(Value::Map(Vec::new()), span);
            }
            // SAM: Globals.Function/Api/SimpleTable apply to every resource of that kind.
            if let Some(section) = kind.strip_prefix("AWS::Serverless::")
                && let Some(g) = globals.and_then(|g| get(g, section))
                && let Value::Map(gm) = self.conv(g, 0).value
                && let Value::Map(pm) = &mut properties.value
            {
                for (k, v) in gm {
                    if !pm.iter().any(|(pk, _)| *pk == k) {
                        pm.push((k, v));
                    }
                }
            }
            let references = properties.references();
            model.resources.push(Resource {
                kind,
                local_id: id.clone(),
                id,
                format: Format::CloudFormation,
                data: false,
                file: self.path.into(),
                span,
                properties,
                metadata: get(r, "Metadata").map(|m| self.conv(m, 0)),
                references,
                module: String::new(),
            });
        }
        model.warnings = self.warnings.into_inner();
        model
    }

    fn warn(&self, y: &MarkedYaml<'_>, msg: String) {
        self.warnings
            .borrow_mut()
            .push(format!("{}:{}: {msg}", self.path, span_of(y).start));
    }

    /// Converts a YAML node, resolving intrinsics.
    fn conv(&self, y: &MarkedYaml<'_>, depth: usize) -> Node {
        let span = span_of(y);
        if depth > MAX_DEPTH {
            return Node::unknown(span);
        }
        let value = match &y.data {
            YamlData::Value(s) => scalar(s),
            YamlData::Representation(s, _, _) => Value::String(s.to_string()),
            YamlData::Sequence(v) => {
                Value::List(v.iter().map(|e| self.conv(e, depth + 1)).collect())
            }
            YamlData::Mapping(m) => {
                if m.len() == 1
                    && let Some((k, v)) = m.iter().next()
                    && let Some(k) = key_str(k)
                    && (k == "Ref"
                        || k.starts_with("Fn::")
                        // `{Condition: Name}` is an intrinsic only when it names a condition
                        // (a policy statement's `Condition:` block is a property).
                        || (k == "Condition"
                            && key_str(v).is_some_and(|c| self.conditions.contains_key(c.as_ref()))))
                {
                    let mut n = self.intrinsic(&k, v, y, depth);
                    n.span = span;
                    return n;
                }
                Value::Map(
                    m.iter()
                        .filter_map(|(k, v)| {
                            key_str(k).map(|k| (k.into_owned(), self.conv(v, depth + 1)))
                        })
                        .collect(),
                )
            }
            YamlData::Tagged(tag, inner) => {
                if tag.handle != "!" {
                    return self.conv(inner, depth + 1);
                }
                let name = if tag.suffix == "Ref" || tag.suffix == "Condition" {
                    tag.suffix.clone()
                } else {
                    format!("Fn::{}", tag.suffix)
                };
                let mut n = self.intrinsic(&name, inner, y, depth);
                n.span = span;
                return n;
            }
            YamlData::Alias(_) | YamlData::BadValue => Value::Unknown { reference: None },
        };
        Node::new(value, span)
    }

    fn intrinsic(
        &self,
        name: &str,
        arg: &MarkedYaml<'_>,
        at: &MarkedYaml<'_>,
        depth: usize,
    ) -> Node {
        let span = span_of(at);
        let unknown = Node::unknown(span);
        let d = depth + 1;
        match name {
            "Ref" => {
                let Some(target) = self.conv(arg, d).as_str().map(str::to_string) else {
                    return unknown;
                };
                if target == "AWS::NoValue" {
                    return Node::new(Value::Null, span);
                }
                if let Some(def) = self.params.get(&target) {
                    return respan(self.conv(def, d), span);
                }
                if self.resources.contains(&target) {
                    return Node::new(
                        Value::Unknown {
                            reference: Some(target),
                        },
                        span,
                    );
                }
                unknown
            }
            "Fn::GetAtt" => {
                let target = match &arg.data {
                    YamlData::Sequence(v) => v
                        .first()
                        .map(|t| self.conv(t, d))
                        .and_then(|n| n.as_str().map(str::to_string)),
                    _ => self
                        .conv(arg, d)
                        .as_str()
                        .and_then(|s| s.split('.').next().map(str::to_string)),
                };
                Node::new(Value::Unknown { reference: target }, span)
            }
            "Fn::Sub" => {
                let (tpl, vars) = match &arg.data {
                    YamlData::Sequence(v) => (v.first(), v.get(1)),
                    _ => (Some(arg), None),
                };
                let Some(tpl) = tpl.map(|t| self.conv(t, d)) else {
                    return unknown;
                };
                let Some(tpl) = tpl.as_str() else {
                    return unknown;
                };
                let vars: HashMap<String, Node> = entries(vars)
                    .into_iter()
                    .map(|(k, v)| (k, self.conv(v, d)))
                    .collect();
                self.sub(tpl, &vars, span, d)
            }
            "Fn::Join" => {
                let args = self.conv(arg, d);
                let Value::List(a) = &args.value else {
                    return unknown;
                };
                let (Some(delim), Some(list)) = (a.first().and_then(|n| n.as_str()), a.get(1))
                else {
                    return unknown;
                };
                let Value::List(items) = &list.value else {
                    return unknown;
                };
                let parts: Option<Vec<String>> = items.iter().map(scalar_string).collect();
                match parts {
                    Some(p) => Node::new(Value::String(p.join(delim)), span),
                    None => unknown,
                }
            }
            "Fn::If" => {
                let YamlData::Sequence(v) = &arg.data else {
                    return unknown;
                };
                let (Some(c), Some(a), Some(b)) = (v.first(), v.get(1), v.get(2)) else {
                    return unknown;
                };
                let cond = key_str(c).and_then(|c| self.condition(&c, d));
                match cond {
                    Some(true) => self.conv(a, d),
                    Some(false) => self.conv(b, d),
                    None => Node::new(Value::Either(vec![self.conv(a, d), self.conv(b, d)]), span),
                }
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" | "Condition" => {
                match self.eval_bool(name, arg, d) {
                    Some(b) => Node::new(Value::Bool(b), span),
                    None => unknown,
                }
            }
            "Fn::FindInMap" => {
                let args = self.conv(arg, d);
                let Value::List(a) = &args.value else {
                    return unknown;
                };
                let keys: Option<Vec<String>> = a.iter().take(3).map(scalar_string).collect();
                let Some(keys) = keys.filter(|k| k.len() == 3) else {
                    return unknown;
                };
                let found = self
                    .mappings
                    .and_then(|m| get(m, &keys[0]))
                    .and_then(|m| get(m, &keys[1]))
                    .and_then(|m| get(m, &keys[2]));
                match found {
                    Some(v) => respan(self.conv(v, d), span),
                    None => unknown,
                }
            }
            "Fn::Select" => {
                let args = self.conv(arg, d);
                let Value::List(a) = &args.value else {
                    return unknown;
                };
                let (Some(i), Some(list)) = (a.first().and_then(|n| n.as_f64()), a.get(1)) else {
                    return unknown;
                };
                match &list.value {
                    Value::List(items) if i >= 0.0 => {
                        items.get(i as usize).cloned().unwrap_or(unknown)
                    }
                    _ => unknown,
                }
            }
            "Fn::Split" => {
                let args = self.conv(arg, d);
                let Value::List(a) = &args.value else {
                    return unknown;
                };
                match (
                    a.first().and_then(|n| n.as_str()),
                    a.get(1).and_then(|n| n.as_str()),
                ) {
                    (Some(delim), Some(s)) if !delim.is_empty() => Node::new(
                        Value::List(
                            s.split(delim)
                                .map(|p| Node::new(Value::String(p.into()), span))
                                .collect(),
                        ),
                        span,
                    ),
                    _ => unknown,
                }
            }
            // User data is checked as text, so Base64 keeps its argument.
            "Fn::Base64" => self.conv(arg, d),
            "Fn::ImportValue" | "Fn::Cidr" | "Fn::GetAZs" | "Fn::Transform" | "Fn::Length"
            | "Fn::ToJsonString" | "Fn::ForEach" => unknown,
            other => {
                self.warn(
                    at,
                    format!("unknown intrinsic function `{other}`; value treated as unknown"),
                );
                unknown
            }
        }
    }

    /// `${Name}` substitution for `Fn::Sub`; Unknown when any variable is unknown.
    fn sub(&self, tpl: &str, vars: &HashMap<String, Node>, span: Span, d: usize) -> Node {
        let mut out = String::new();
        let mut rest = tpl;
        let mut reference = None;
        let mut known = true;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let var = &after[..end];
            rest = &after[end + 1..];
            if let Some(lit) = var.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let value = vars
                .get(var)
                .cloned()
                .or_else(|| self.params.get(var).map(|p| self.conv(p, d)));
            match value.as_ref().and_then(scalar_string) {
                Some(s) => out.push_str(&s),
                None => {
                    known = false;
                    let base = var.split('.').next().unwrap_or(var);
                    if self.resources.contains(base) {
                        reference = Some(base.to_string());
                    }
                }
            }
        }
        out.push_str(rest);
        if known {
            Node::new(Value::String(out), span)
        } else {
            Node::new(Value::Unknown { reference }, span)
        }
    }

    fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        if let Some(v) = self.cond_cache.borrow().get(name) {
            return *v;
        }
        // Mark as in progress (unknown) so cycles end.
        self.cond_cache.borrow_mut().insert(name.to_string(), None);
        let v = self
            .conditions
            .get(name)
            .and_then(|c| self.conv(c, depth + 1).as_bool());
        self.cond_cache.borrow_mut().insert(name.to_string(), v);
        v
    }

    fn eval_bool(&self, name: &str, arg: &MarkedYaml<'_>, d: usize) -> Option<bool> {
        if d > MAX_DEPTH {
            return None;
        }
        let list = || match &arg.data {
            YamlData::Sequence(v) => v.iter().map(|e| self.conv(e, d + 1)).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        match name {
            "Condition" => key_str(arg).and_then(|c| self.condition(&c, d)),
            "Fn::Equals" => {
                let a = list();
                let (x, y) = (a.first()?, a.get(1)?);
                Some(scalar_string(x)? == scalar_string(y)?)
            }
            "Fn::Not" => list().first()?.as_bool().map(|b| !b),
            "Fn::And" => {
                let v: Vec<Option<bool>> = list().iter().map(|n| n.as_bool()).collect();
                if v.contains(&Some(false)) {
                    Some(false)
                } else if v.iter().all(|b| b.is_some()) {
                    Some(true)
                } else {
                    None
                }
            }
            "Fn::Or" => {
                let v: Vec<Option<bool>> = list().iter().map(|n| n.as_bool()).collect();
                if v.contains(&Some(true)) {
                    Some(true)
                } else if v.iter().all(|b| b.is_some()) {
                    Some(false)
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

fn scalar(s: &Scalar<'_>) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number(*i as f64),
        Scalar::FloatingPoint(f) => Value::Number(f.into_inner()),
        Scalar::String(s) => Value::String(s.to_string()),
    }
}

/// The text of a known scalar (numbers and booleans as CloudFormation would print them).
fn scalar_string(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        Value::Number(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
