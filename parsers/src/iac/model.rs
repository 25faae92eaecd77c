//! The format-neutral resource model: values with line spans, resources, references.

use std::collections::HashMap;

/// Which language a resource was written in; checks pick property names by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    CloudFormation,
    Terraform,
}

/// 1-based, inclusive line range of a node in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span of lines `start..=end`.
    pub fn new(start: u32, end: u32) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// A value in a template after resolving what could be resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Node>),
    /// Keys in source order.
    Map(Vec<(String, Node)>),
    /// Could not be resolved. `reference` names the resource it points at (CloudFormation
    /// logical id, Terraform address such as `aws_s3_bucket.logs`) when it is a reference.
    Unknown {
        reference: Option<String>,
    },
    /// An unresolved conditional: the property takes one of these values.
    Either(Vec<Node>),
}

/// A value with the lines it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    /// A node of `value` at `span`.
    pub fn new(value: Value, span: Span) -> Node {
        Node { value, span }
    }

    /// An unknown that is not a reference.
    pub fn unknown(span: Span) -> Node {
        Node::new(Value::Unknown { reference: None }, span)
    }

    /// Map member `key` (exact name), looking through nothing else.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, when this is a known string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean, accepting the strings `"true"`/`"false"` CloudFormation often uses.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// A number, accepting numeric strings.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// True for Unknown (including references).
    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown { .. })
    }

    /// The resource this node refers to, if it is an unresolved reference.
    pub fn reference(&self) -> Option<&str> {
        match &self.value {
            Value::Unknown { reference } => reference.as_deref(),
            _ => None,
        }
    }

    /// Every concrete value this node can take: the branches of `Either`, flattened.
    pub fn alternatives(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.push_alternatives(&mut out, 0);
        out
    }

    fn push_alternatives<'a>(&'a self, out: &mut Vec<&'a Node>, depth: usize) {
        match &self.value {
            Value::Either(v) if depth < super::MAX_DEPTH => {
                for n in v {
                    n.push_alternatives(out, depth + 1);
                }
            }
            _ => out.push(self),
        }
    }

    /// Every node reached by a dotted path (`a.b.c`), stepping into every element of lists
    /// and every branch of conditionals on the way, so a Terraform block list and a
    /// CloudFormation map are walked alike. `*` matches every map member; `a|b` gives the
    /// matches of both paths.
    pub fn find(&self, path: &str) -> Vec<&Node> {
        if path.contains('|') {
            return path.split('|').flat_map(|p| self.find(p)).collect();
        }
        let mut cur: Vec<&Node> = vec![self];
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            let mut next = Vec::new();
            for n in cur {
                for n in n.flatten() {
                    if let Value::Map(m) = &n.value {
                        for (k, v) in m {
                            if seg == "*" || k == seg {
                                next.push(v);
                            }
                        }
                    }
                }
            }
            cur = next;
        }
        let mut out = Vec::new();
        for n in cur {
            out.extend(n.flatten());
        }
        out
    }

    /// This node, or its list elements / conditional branches (recursively, bounded).
    pub fn flatten(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.push_flat(&mut out, 0);
        out
    }

    fn push_flat<'a>(&'a self, out: &mut Vec<&'a Node>, depth: usize) {
        match &self.value {
            Value::List(v) | Value::Either(v) if depth < super::MAX_DEPTH => {
                for n in v {
                    n.push_flat(out, depth + 1);
                }
            }
            _ => out.push(self),
        }
    }

    /// Every reference (resource id/address) anywhere below this node.
    pub fn references(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.push_refs(&mut out, 0);
        out.sort();
        out.dedup();
        out
    }

    fn push_refs(&self, out: &mut Vec<String>, depth: usize) {
        if depth > super::MAX_DEPTH {
            return;
        }
        match &self.value {
            Value::Unknown { reference: Some(r) } => out.push(r.clone()),
            Value::List(v) | Value::Either(v) => v.iter().for_each(|n| n.push_refs(out, depth + 1)),
            Value::Map(m) => m.iter().for_each(|(_, n)| n.push_refs(out, depth + 1)),
            _ => {}
        }
    }
}

/// A CloudFormation parameter, kept for checks on secrets passed as parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub file: String,
    pub span: Span,
    pub no_echo: bool,
    pub default: Option<Node>,
    pub type_name: String,
}

/// One resource (or Terraform data source) in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `AWS::S3::Bucket`, `aws_s3_bucket`, `data.aws_iam_policy_document` is `aws_iam_policy_document`
    /// with `data` set.
    pub kind: String,
    /// CloudFormation logical id or Terraform address (`module.m.aws_s3_bucket.b`).
    pub id: String,
    pub format: Format,
    /// Terraform data source (read, not created).
    pub data: bool,
    /// Relative path of the file that declares it.
    pub file: String,
    pub span: Span,
    /// `Properties` (CloudFormation) or the block body (Terraform); always a Map.
    pub properties: Node,
    /// CloudFormation `Metadata` (suppressions live there).
    pub metadata: Option<Node>,
    /// Resources this one refers to: CloudFormation logical ids, or full Terraform addresses
    /// without instance keys (see [`Resource::address`]).
    pub references: Vec<String>,
    /// Address inside its module (`aws_s3_bucket.b`, `data.x.y`), without instance key;
    /// equals `id` in CloudFormation.
    pub local_id: String,
    /// Module prefix (`module.a.`) so references resolve within the same module.
    pub module: String,
}

impl Resource {
    /// Full address without instance key (`module.m.aws_s3_bucket.b`): the form references
    /// use.
    pub fn address(&self) -> String {
        format!("{}{}", self.module, self.local_id)
    }

    /// The property at a dotted path (first match).
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.properties.find(path).into_iter().next()
    }

    /// Every node at a dotted path.
    pub fn find(&self, path: &str) -> Vec<&Node> {
        self.properties.find(path)
    }
}

/// Every resource of one CloudFormation template or one Terraform root module (with the
/// local modules it calls), plus what checks need beyond resources.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub resources: Vec<Resource>,
    pub parameters: Vec<Parameter>,
    /// Problems that did not stop parsing (unknown tags, skipped modules).
    pub warnings: Vec<String>,
}

impl Model {
    /// Resources of `kind` that refer to `target` (split S3 resources → their bucket, policy
    /// → its bucket). A reference matches by id, or by the target's name attribute
    /// (`bucket`, `BucketName`) when the referring value is the same literal name.
    pub fn referring<'a>(
        &'a self,
        target: &'a Resource,
        kind: &'a str,
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        let name = target
            .get("bucket")
            .or_else(|| target.get("BucketName"))
            .and_then(|n| n.as_str());
        let address = target.address();
        self.resources.iter().filter(move |r| {
            if r.kind != kind {
                return false;
            }
            if r.references
                .iter()
                .any(|x| *x == address || *x == target.id)
            {
                return true;
            }
            match name {
                Some(name) => ["bucket", "Bucket"]
                    .iter()
                    .filter_map(|k| r.properties.get(k))
                    .any(|n| n.as_str() == Some(name)),
                None => false,
            }
        })
    }

    /// Index from id to resource.
    pub fn by_id(&self) -> HashMap<&str, &Resource> {
        self.resources.iter().map(|r| (r.id.as_str(), r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str, line: u32) -> Node {
        Node::new(Value::String(v.into()), Span::new(line, line))
    }

    #[test]
    fn find_steps_through_lists_and_branches() {
        let inner = Node::new(Value::Map(vec![("b".into(), s("x", 3))]), Span::new(2, 3));
        let other = Node::new(Value::Map(vec![("b".into(), s("y", 5))]), Span::new(4, 5));
        let list = Node::new(Value::List(vec![inner]), Span::new(2, 3));
        let either = Node::new(Value::Either(vec![list, other]), Span::new(2, 5));
        let root = Node::new(Value::Map(vec![("a".into(), either)]), Span::new(1, 5));
        let got: Vec<_> = root.find("a.b").iter().filter_map(|n| n.as_str()).collect();
        assert_eq!(got, vec!["x", "y"]);
    }

    #[test]
    fn references_are_collected() {
        let r = Node::new(
            Value::Unknown {
                reference: Some("aws_s3_bucket.b".into()),
            },
            Span::new(1, 1),
        );
        let root = Node::new(Value::Map(vec![("bucket".into(), r)]), Span::new(1, 1));
        assert_eq!(root.references(), vec!["aws_s3_bucket.b".to_string()]);
    }
}
