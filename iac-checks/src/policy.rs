//! IAM policy documents in every shape templates write them: CloudFormation maps, Terraform
//! `jsonencode({...})`, JSON strings (heredocs), and `data "aws_iam_policy_document"` blocks;
//! all normalised to [`Stmt`]s.

use vigil_parsers::iac::terraform::from_json;
use vigil_parsers::iac::{Format, Node, Resource, Value};

use crate::check::{Ctx, Hit, lookup, scalar};

/// One policy statement with only what checks ask about. Unknown elements are left out.
#[derive(Debug, Clone, Default)]
pub struct Stmt {
    pub line: u32,
    /// None when the effect is unknown.
    pub allow: Option<bool>,
    pub actions: Vec<String>,
    pub not_action: bool,
    pub resources: Vec<String>,
    pub not_resource: bool,
    /// `Principal: "*"` or an AWS principal `*`.
    pub principal_any: bool,
    pub has_principal: bool,
    pub has_condition: bool,
    /// Condition keys and values flattened as `operator:key=value` (lower-case).
    pub conditions: Vec<String>,
}

impl Stmt {
    /// Allow statement (known).
    pub fn is_allow(&self) -> bool {
        self.allow == Some(true)
    }

    /// Any action that is `*` or `service:*`.
    pub fn wildcard_action(&self) -> bool {
        self.actions.iter().any(|a| a == "*" || a.ends_with(":*"))
    }

    /// Resource `*`.
    pub fn any_resource(&self) -> bool {
        self.resources.iter().any(|r| r == "*")
    }

    /// Has an action matching `service:Name` exactly (case-insensitive) or via wildcard.
    pub fn grants(&self, action: &str) -> bool {
        let action = action.to_ascii_lowercase();
        self.actions.iter().any(|a| {
            let a = a.to_ascii_lowercase();
            a == "*" || a == action || (a.ends_with('*') && action.starts_with(&a[..a.len() - 1]))
        })
    }
}

/// Hits for every statement of the policy at `path` that allows any principal (`*`) with
/// no condition: the one test behind the public-bucket, public-repository, open-trust and
/// public-resource-policy checks.
pub fn open_to_anyone(ctx: &Ctx<'_>, r: &Resource, path: &str) -> Vec<Hit> {
    statements(ctx, r, path, true)
        .iter()
        .filter(|s| s.is_allow() && s.principal_any && !s.has_condition)
        .map(|s| Hit {
            line: s.line,
            path: path.into(),
        })
        .collect()
}

/// Statements of the policy documents at `path` (alternatives with `|`). With `follow`,
/// a reference to a `data "aws_iam_policy_document"` is followed.
pub fn statements(ctx: &Ctx<'_>, r: &Resource, path: &str, follow: bool) -> Vec<Stmt> {
    let mut out = Vec::new();
    for n in lookup(&r.properties, path).nodes {
        doc_statements(n, &mut out);
    }
    if follow {
        for alt in path.split('|') {
            for n in r.properties.find(alt) {
                if let Some(target) = n.reference()
                    && let Some(doc) = ctx
                        .model
                        .resources
                        .iter()
                        .find(|d| d.data && d.address() == target)
                {
                    // Report where the document is used: the data block may be in another file.
                    out.extend(policy_document_data(doc).into_iter().map(|mut s| {
                        s.line = n.span.start;
                        s
                    }));
                }
            }
        }
    }
    out
}

/// Statements of a `data "aws_iam_policy_document"` (or an `aws_iam_policy_document` given as
/// a resource for tests).
pub fn policy_document_data(r: &Resource) -> Vec<Stmt> {
    let mut out = Vec::new();
    for s in r.properties.find("statement") {
        let mut st = Stmt {
            line: s.span.start,
            allow: match s.get("effect") {
                None => Some(true),
                Some(e) => e.as_str().map(|e| e.eq_ignore_ascii_case("allow")),
            },
            ..Stmt::default()
        };
        st.actions = strings(s.get("actions"));
        if let Some(na) = s.get("not_actions") {
            st.not_action = true;
            st.actions = strings(Some(na));
        }
        st.resources = strings(s.get("resources"));
        st.not_resource = s.get("not_resources").is_some();
        for p in s.find("principals") {
            st.has_principal = true;
            let ty = p.get("type").and_then(|t| t.as_str()).unwrap_or("");
            let ids = strings(p.get("identifiers"));
            if (ty == "*" || ty == "AWS") && ids.iter().any(|i| i == "*") {
                st.principal_any = true;
            }
        }
        for c in s.find("condition") {
            st.has_condition = true;
            let test = c
                .get("test")
                .and_then(scalar)
                .unwrap_or_default()
                .to_ascii_lowercase();
            let var = c
                .get("variable")
                .and_then(scalar)
                .unwrap_or_default()
                .to_ascii_lowercase();
            for v in strings(c.get("values")) {
                st.conditions
                    .push(format!("{test}:{var}={}", v.to_ascii_lowercase()));
            }
        }
        out.push(st);
    }
    out
}

fn doc_statements(n: &Node, out: &mut Vec<Stmt>) {
    match &n.value {
        Value::String(s) => {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(s) {
                let doc = from_json(&v, n.span, 0);
                doc_statements(&doc, out);
            }
        }
        Value::Map(_) => {
            for s in n.find("Statement") {
                if matches!(s.value, Value::Map(_)) {
                    out.push(map_statement(s));
                }
            }
        }
        _ => {}
    }
}

fn map_statement(s: &Node) -> Stmt {
    let mut st = Stmt {
        line: s.span.start,
        allow: s
            .get("Effect")
            .and_then(|e| e.as_str())
            .map(|e| e.eq_ignore_ascii_case("allow")),
        ..Stmt::default()
    };
    st.actions = strings(s.get("Action"));
    if let Some(na) = s.get("NotAction") {
        st.not_action = true;
        st.actions = strings(Some(na));
    }
    st.resources = strings(s.get("Resource"));
    st.not_resource = s.get("NotResource").is_some();
    if let Some(p) = s.get("Principal") {
        st.has_principal = true;
        st.principal_any = match &p.value {
            Value::String(x) => x == "*",
            Value::Map(_) => p.find("AWS").iter().any(|a| a.as_str() == Some("*")),
            _ => false,
        };
    }
    if let Some(c) = s.get("Condition")
        && c.value != Value::Null
    {
        st.has_condition = true;
        if let Value::Map(ops) = &c.value {
            for (op, kv) in ops {
                if let Value::Map(kv) = &kv.value {
                    for (k, v) in kv {
                        for v in v.flatten().into_iter().filter_map(scalar) {
                            st.conditions.push(format!(
                                "{}:{}={}",
                                op.to_ascii_lowercase(),
                                k.to_ascii_lowercase(),
                                v.to_ascii_lowercase()
                            ));
                        }
                    }
                }
            }
        }
    }
    st
}

/// Known strings of a string-or-list node.
pub fn strings(n: Option<&Node>) -> Vec<String> {
    n.map(|n| n.flatten().into_iter().filter_map(scalar).collect())
        .unwrap_or_default()
}

/// Where identity policies live, per resource type.
pub fn identity_policy_path(r: &Resource) -> &'static str {
    match (r.format, r.kind.as_str()) {
        (Format::CloudFormation, "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy") => {
            "PolicyDocument"
        }
        (Format::CloudFormation, "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group") => {
            "Policies.PolicyDocument"
        }
        (Format::CloudFormation, "AWS::Serverless::Function") => "Policies.Statement|Policies",
        (Format::Terraform, "aws_iam_role") => "inline_policy.policy",
        (Format::Terraform, _) => "policy",
        _ => "",
    }
}

/// Identity-policy statements of a resource; `aws_iam_policy_document` data blocks are read
/// directly (and references to them are not followed, so each statement is reported once).
pub fn identity_statements(ctx: &Ctx<'_>, r: &Resource) -> Vec<Stmt> {
    if r.kind == "aws_iam_policy_document" {
        return policy_document_data(r);
    }
    if r.kind == "AWS::Serverless::Function" {
        // SAM Policies: a list mixing managed policy names and inline statements.
        let mut out = Vec::new();
        for p in r.properties.find("Policies") {
            if p.get("Statement").is_some() {
                doc_statements(p, &mut out);
            }
        }
        return out;
    }
    statements(ctx, r, identity_policy_path(r), false)
}

/// Resource types holding identity policies (for check type lists).
pub const IDENTITY_CFN: &[&str] = &[
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::Group",
    "AWS::Serverless::Function",
];
/// Terraform counterparts of [`IDENTITY_CFN`].
pub const IDENTITY_TF: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_role",
    "aws_iam_policy_document",
];
