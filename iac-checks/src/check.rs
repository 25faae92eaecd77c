//! What a check is, and the small engine that runs one over a resource.
//!
//! Most checks are "property P must (not) be V" with a per-format property path
//! ([`Rule::Attr`]); the rest are functions over the resource and the model ([`Rule::Custom`]).
//! Both obey one rule: an Unknown value never produces a finding.

use vigil_core::Severity;
use vigil_parsers::iac::{Format, Model, Node, Parameter, Resource, Value};

/// One misconfiguration concept, the same for CloudFormation and Terraform.
#[derive(Clone)]
pub struct Check {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// CWE number (`311` → `CWE-311`).
    pub cwe: u32,
    pub description: &'static str,
    /// What to change, in words.
    pub remediation: &'static str,
    /// The fixed property in CloudFormation YAML (empty when the check is Terraform-only).
    pub fix_cfn: &'static str,
    /// The fixed attribute in Terraform (empty when the check is CloudFormation-only).
    pub fix_tf: &'static str,
    pub references: &'static [&'static str],
    /// CloudFormation resource types it applies to (`*` = every type).
    pub cfn_types: &'static [&'static str],
    /// Terraform resource types it applies to (data sources included by type).
    pub tf_types: &'static [&'static str],
    /// Ids other tools use for the same concept (Checkov, tfsec/Trivy, cfn_nag, cfn-lint):
    /// their suppression comments and metadata suppress this check too.
    pub aliases: &'static [&'static str],
    pub rule: Rule,
}

/// How a check decides.
#[derive(Clone)]
pub enum Rule {
    /// A property test. Paths are dotted (`a.b.c`); `|` separates alternative paths whose
    /// matches are all tested (e.g. SAM `Tracing` and Lambda `TracingConfig.Mode`).
    Attr {
        cfn: &'static str,
        tf: &'static str,
        test: Test,
        missing: Missing,
        /// The check does not apply when any of these paths (format-specific, same `cfn|tf`
        /// order: `("CfnPath", "tf_path")`) holds a non-null value.
        unless: &'static [(&'static str, &'static str)],
    },
    /// Anything else.
    Custom(fn(&Ctx<'_>, &Resource) -> Vec<Hit>),
    /// A test on each CloudFormation parameter (not on resources).
    Parameters(fn(&Parameter) -> Option<Hit>),
}

/// The test a present, known value must pass.
#[derive(Clone, Copy)]
pub enum Test {
    True,
    False,
    /// Equal, ignoring ASCII case.
    Eq(&'static str),
    NotEq(&'static str),
    OneOf(&'static [&'static str]),
    NotOneOf(&'static [&'static str]),
    /// A number at least this large.
    AtLeast(f64),
    /// Any non-null, non-empty value.
    Present,
    /// A list (or string) that contains this item.
    Contains(&'static str),
}

/// What a missing property means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The default is safe.
    Pass,
    /// The default is unsafe: report on the resource line.
    Fail,
    /// Unsafe only when the enclosing block exists (a block whose flag defaults to off).
    FailIfParent,
}

/// Where a check fired: the line and the attribute path that is wrong or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub line: u32,
    pub path: String,
}

/// What checks see besides the resource: the whole model (for references) and file texts.
pub struct Ctx<'a> {
    pub model: &'a Model,
    /// Text of the file a resource is in.
    pub text_of: &'a dyn Fn(&str) -> Option<&'a str>,
}

impl Check {
    /// Whether the check applies to this resource type in its format.
    pub fn applies(&self, r: &Resource) -> bool {
        let types = match r.format {
            Format::CloudFormation => self.cfn_types,
            Format::Terraform => self.tf_types,
        };
        types.iter().any(|t| *t == "*" || *t == r.kind)
    }

    /// Runs the check on one resource (caller has checked [`Check::applies`]).
    pub fn run(&self, ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
        match &self.rule {
            Rule::Custom(f) => f(ctx, r),
            Rule::Parameters(_) => Vec::new(),
            Rule::Attr {
                cfn,
                tf,
                test,
                missing,
                unless,
            } => {
                let path = pick(r, cfn, tf);
                if path.is_empty() {
                    return Vec::new();
                }
                for (uc, ut) in unless.iter() {
                    let up = pick(r, uc, ut);
                    if !up.is_empty() && present(r, up) != Some(false) {
                        return Vec::new();
                    }
                }
                attr_hits(r, path, *test, *missing)
            }
        }
    }
}

/// The path for the resource's format.
pub fn pick<'p>(r: &Resource, cfn: &'p str, tf: &'p str) -> &'p str {
    match r.format {
        Format::CloudFormation => cfn,
        Format::Terraform => tf,
    }
}

/// What a lookup found: the nodes, and whether an Unknown was met on the way (so a missing
/// value might exist after all).
pub struct Lookup<'a> {
    pub nodes: Vec<&'a Node>,
    pub unknown: bool,
}

/// Walks a dotted path (alternatives with `|`), flattening lists and conditionals.
pub fn lookup<'a>(root: &'a Node, path: &str) -> Lookup<'a> {
    let mut out = Lookup {
        nodes: Vec::new(),
        unknown: false,
    };
    for alt in path.split('|') {
        let mut cur: Vec<&Node> = vec![root];
        for seg in alt.split('.').filter(|s| !s.is_empty()) {
            let mut next = Vec::new();
            for n in cur {
                for n in n.flatten() {
                    match &n.value {
                        Value::Map(m) => {
                            next.extend(m.iter().filter(|(k, _)| k == seg).map(|(_, v)| v))
                        }
                        Value::Unknown { .. } => out.unknown = true,
                        _ => {}
                    }
                }
            }
            cur = next;
        }
        for n in cur {
            for n in n.flatten() {
                if n.is_unknown() {
                    out.unknown = true;
                } else if n.value != Value::Null {
                    out.nodes.push(n);
                }
            }
        }
    }
    out
}

/// Some(true) when the path has a non-null value, Some(false) when it certainly has none,
/// None when that depends on an unknown.
pub fn present(r: &Resource, path: &str) -> Option<bool> {
    let l = lookup(&r.properties, path);
    if !l.nodes.is_empty() {
        Some(true)
    } else if l.unknown {
        None
    } else {
        Some(false)
    }
}

fn attr_hits(r: &Resource, path: &str, test: Test, missing: Missing) -> Vec<Hit> {
    let l = lookup(&r.properties, path);
    let mut hits = Vec::new();
    let display = path.split('|').next().unwrap_or(path);
    if l.nodes.is_empty() {
        if l.unknown {
            return hits;
        }
        let fails = match missing {
            Missing::Pass => false,
            Missing::Fail => true,
            Missing::FailIfParent => {
                let alt = path
                    .split('|')
                    .map(|p| p.rsplit_once('.').map(|(a, _)| a).unwrap_or(""));
                alt.into_iter().any(|parent| {
                    parent.is_empty() || !lookup(&r.properties, parent).nodes.is_empty()
                })
            }
        };
        if fails {
            hits.push(Hit {
                line: missing_line(r, path),
                path: display.to_string(),
            });
        }
        return hits;
    }
    if let Test::Contains(_) = test {
        // The whole (flattened) list must contain the item.
        if !l.unknown && !l.nodes.iter().any(|n| passes(n, test)) {
            hits.push(Hit {
                line: l.nodes[0].span.start,
                path: display.to_string(),
            });
        }
        return hits;
    }
    for n in l.nodes {
        if !passes(n, test) {
            hits.push(Hit {
                line: n.span.start,
                path: display.to_string(),
            });
        }
    }
    hits
}

/// The line to report a missing property on: its closest present parent block, else the
/// resource line.
pub fn missing_line(r: &Resource, path: &str) -> u32 {
    let first = path.split('|').next().unwrap_or(path);
    let mut parent = first;
    while let Some((p, _)) = parent.rsplit_once('.') {
        if let Some(n) = lookup(&r.properties, p).nodes.first() {
            return n.span.start;
        }
        parent = p;
    }
    r.span.start
}

/// Whether a known value passes a test (unknowns are filtered out before).
pub fn passes(n: &Node, test: Test) -> bool {
    let s = scalar(n);
    match test {
        Test::True => n.as_bool() != Some(false),
        Test::False => n.as_bool() != Some(true),
        Test::Eq(v) => s.as_deref().is_none_or(|s| s.eq_ignore_ascii_case(v)),
        Test::NotEq(v) => s.as_deref().is_none_or(|s| !s.eq_ignore_ascii_case(v)),
        Test::OneOf(vs) => s
            .as_deref()
            .is_none_or(|s| vs.iter().any(|v| s.eq_ignore_ascii_case(v))),
        Test::NotOneOf(vs) => s
            .as_deref()
            .is_none_or(|s| !vs.iter().any(|v| s.eq_ignore_ascii_case(v))),
        Test::AtLeast(min) => n.as_f64().is_none_or(|x| x >= min),
        Test::Present => match &n.value {
            Value::String(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Null => false,
            _ => true,
        },
        Test::Contains(item) => match &n.value {
            Value::List(l) => l
                .iter()
                .any(|x| x.is_unknown() || scalar(x).is_some_and(|s| s.eq_ignore_ascii_case(item))),
            Value::String(s) => s.eq_ignore_ascii_case(item),
            _ => true,
        },
    }
}

/// Known scalar as text.
pub fn scalar(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(f) if f.fract() == 0.0 => Some(format!("{}", *f as i64)),
        Value::Number(f) => Some(f.to_string()),
        _ => None,
    }
}

/// A hit on a node.
pub fn hit(n: &Node, path: &str) -> Hit {
    Hit {
        line: n.span.start,
        path: path.to_string(),
    }
}

/// A hit on the resource line for something missing.
pub fn hit_missing(r: &Resource, path: &str) -> Hit {
    Hit {
        line: missing_line(r, path),
        path: path.to_string(),
    }
}
