//! Hard-coded secrets in templates: parameters without NoEcho, literal passwords in
//! properties, access keys, literal secret values, secrets in plain SSM parameters.

use std::sync::OnceLock;

use regex::Regex;
use vigil_parsers::iac::{MAX_DEPTH, Node, Parameter, Resource, Value};

use crate::check::{Check, Ctx, Hit, Rule, hit};

use super::check;

const R_SECRETS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds";
const R_DYNREF: &str =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html";
const R_SSM: &str = "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html";

const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "privatekey",
    "private_key",
    "accesskey",
    "access_key",
    "credential",
    "authkey",
];
const NOT_SECRET_WORDS: &[&str] = &[
    "arn",
    "_id",
    "id_",
    "name",
    "url",
    "path",
    "param",
    "file",
    "length",
    "policy",
    "ttl",
    "expir",
    "type",
    "rotation",
    "region",
    "endpoint",
    "header",
    "required",
    "enabled",
    "version",
    "count",
    "reset",
    "manage",
    "generate",
    "kms",
    "secretsmanager",
    "ssm",
    "minimum",
    "reuse",
    "max",
    "age",
    "tokenizer",
    "table",
    "bucket",
    "queue",
    "topic",
    "stream",
    "host",
    "username",
    "user_name",
    "issuer",
    "audience",
    "prefix",
    "format",
    "location",
];

/// A name that says it holds a secret (`DB_PASSWORD`, `apiToken`), not a pointer to one
/// (`SECRET_ARN`, `PASSWORD_PARAM`) or something named after one (`TOKEN_TABLE`).
pub fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| n.contains(w)) && !NOT_SECRET_WORDS.iter().any(|w| n.contains(w))
}

/// A value that looks like a real literal secret rather than a reference or placeholder.
pub fn literal_secret(v: &str) -> bool {
    let v = v.trim();
    v.len() >= 6
        && !v.contains("{{resolve:")
        && !v.starts_with("arn:")
        && !v.starts_with("${")
        && !v.starts_with('/')
        && !v.starts_with("alias/")
        && !(v.starts_with('<') && v.ends_with('>'))
        && !v.contains(' ')
}

fn access_key_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b").expect("constant regex is valid")
    })
}

fn assignment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?i)\b[a-z0-9_]*(?:password|passwd|secret|token|api_?key)[a-z0-9_]*\s*[:=]\s*['"]?([^\s'"$`{(<]{6,})"#)
            .expect("constant regex is valid")
    })
}

/// A line of script text (user data) that embeds a secret: an AWS access key id, or
/// `PASSWORD=literal` style assignments (not `PASSWORD=$(…)` or `${VAR}`).
pub fn text_has_secret(line: &str) -> bool {
    access_key_re().is_match(line)
        || assignment_re()
            .captures_iter(line)
            .any(|c| c.get(1).is_some_and(|m| literal_secret(m.as_str())))
}

fn walk<'a>(n: &'a Node, key: &str, depth: usize, out: &mut Vec<(&'a Node, String)>) {
    if depth > MAX_DEPTH {
        return;
    }
    match &n.value {
        Value::Map(m) => m.iter().for_each(|(k, v)| walk(v, k, depth + 1, out)),
        Value::List(l) | Value::Either(l) => l.iter().for_each(|v| walk(v, key, depth + 1, out)),
        Value::String(_) => out.push((n, key.to_string())),
        _ => {}
    }
}

/// Every known string in the resource with the key it sits under.
fn strings_with_keys(r: &Resource) -> Vec<(&Node, String)> {
    let mut out = Vec::new();
    walk(&r.properties, "", 0, &mut out);
    out
}

fn password_key(k: &str) -> bool {
    let k = k.to_ascii_lowercase();
    (k.contains("password") || k == "authtoken" || k == "auth_token")
        && ![
            "length", "policy", "reset", "required", "secret", "manage", "param",
        ]
        .iter()
        .any(|w| k.contains(w))
}

fn literal_password(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    strings_with_keys(r)
        .into_iter()
        .filter(|(n, k)| password_key(k) && n.as_str().is_some_and(literal_secret))
        .map(|(n, k)| hit(n, &k))
        .collect()
}

fn access_keys(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    strings_with_keys(r)
        .into_iter()
        .filter(|(n, _)| n.as_str().is_some_and(|s| access_key_re().is_match(s)))
        .map(|(n, k)| hit(n, &k))
        .collect()
}

fn secret_value(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let Some(v) = r
        .properties
        .get("SecretString")
        .or_else(|| r.properties.get("secret_string"))
    else {
        return Vec::new();
    };
    match &v.value {
        Value::String(s) if literal_secret(s) || s.contains("\":\"") => {
            vec![hit(v, "SecretString")]
        }
        Value::Map(m) => m
            .iter()
            .filter(|(k, x)| secret_name(k) && x.as_str().is_some_and(literal_secret))
            .map(|(_, x)| hit(x, "SecretString"))
            .take(1)
            .collect(),
        _ => Vec::new(),
    }
}

fn plain_ssm(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let ty = r.get("Type").or_else(|| r.get("type"));
    let name = r
        .get("Name")
        .or_else(|| r.get("name"))
        .and_then(|n| n.as_str());
    let plain = ty
        .and_then(|t| t.as_str())
        .is_some_and(|t| t == "String" || t == "StringList");
    let secretish = name.is_some_and(|n| {
        let last = n.rsplit('/').next().unwrap_or(n);
        secret_name(last)
    });
    match ty {
        Some(t) if plain && secretish => vec![hit(t, "Type")],
        _ => Vec::new(),
    }
}

/// Parameters whose name says secret but which are echoed in the console and API.
pub fn parameter_without_noecho(p: &Parameter) -> Option<Hit> {
    let secret_type =
        p.type_name.starts_with("AWS::SSM::Parameter::Value") || p.type_name.contains("Secret");
    (secret_name(&p.name) && !p.no_echo && !secret_type).then(|| Hit {
        line: p.span.start,
        path: "NoEcho".into(),
    })
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-SECRET-001", Medium, 200, "Secret parameter is not marked NoEcho",
            "A parameter named like a secret is shown in clear text in the console, describe-stacks output and events.",
            "Set NoEcho: true, or better, resolve the secret with a dynamic reference to Secrets Manager.",
            cfn ["*"] "DbPassword:\n  Type: String\n  NoEcho: true",
            tf [] "",
            refs [R_SECRETS, R_DYNREF], aliases [], Rule::Parameters(parameter_without_noecho)),
        check!("VIGIL-AWS-SECRET-002", Critical, 798, "Password hard-coded in a resource property",
            "A literal password (or AUTH token) in the template is readable by everyone with access to the repository, the stack or the state file.",
            "Generate it in Secrets Manager and use a dynamic reference ({{resolve:secretsmanager:…}}) or a managed master password.",
            cfn ["*"] "MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
            tf ["*"] "manage_master_user_password = true",
            refs [R_SECRETS, R_DYNREF], aliases [], Rule::Custom(literal_password)),
        check!("VIGIL-AWS-SECRET-003", Critical, 798, "AWS access key id hard-coded in the template",
            "An AWS access key id (AKIA…/ASIA…) in a property means a long-lived credential lives in source control.",
            "Remove the key, rotate it, and use roles or a secrets store.",
            cfn ["*"] "# use an IAM role instead of embedding keys",
            tf ["*"] "# use an IAM role or the provider's credential chain instead of embedding keys",
            refs [R_SECRETS], aliases ["CKV_AWS_41"], Rule::Custom(access_keys)),
        check!("VIGIL-AWS-SECRET-004", High, 798, "Secrets Manager secret value written in the template",
            "The secret's value is in the template (and in Terraform state), defeating the secret store.",
            "Let Secrets Manager generate it (GenerateSecretString / random_password) or set it out of band.",
            cfn ["AWS::SecretsManager::Secret"] "GenerateSecretString:\n  SecretStringTemplate: '{\"username\": \"app\"}'\n  GenerateStringKey: password\n  PasswordLength: 32",
            tf ["aws_secretsmanager_secret_version"] "secret_string = random_password.db.result",
            refs [R_DYNREF], aliases [], Rule::Custom(secret_value)),
        check!("VIGIL-AWS-SSM-001", Medium, 312, "SSM parameter holding a secret is stored as plain String",
            "A parameter named like a secret is stored unencrypted; anyone with ssm:GetParameter reads it in clear text.",
            "Use a SecureString parameter (created outside CloudFormation) or Secrets Manager.",
            cfn ["AWS::SSM::Parameter"] "# CloudFormation cannot create SecureString: store the secret in AWS::SecretsManager::Secret",
            tf ["aws_ssm_parameter"] "type   = \"SecureString\"\nkey_id = aws_kms_key.params.arn",
            refs [R_SSM], aliases ["CKV2_AWS_34"], Rule::Custom(plain_ssm)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-SECRET-001", true, "", "Parameters:\n  DbPassword:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n", true),
    ("VIGIL-AWS-SECRET-001", true, "", "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n  DbPasswordParam:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n", false),
    ("VIGIL-AWS-SECRET-002", true, "AWS::RDS::DBInstance", "MasterUsername: admin\nMasterUserPassword: Sup3rSecret!", true),
    ("VIGIL-AWS-SECRET-002", true, "AWS::RDS::DBInstance", "MasterUsername: admin\nMasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'", false),
    ("VIGIL-AWS-SECRET-002", false, "aws_db_instance", "username = \"admin\"\npassword = \"Sup3rSecret!\"", true),
    ("VIGIL-AWS-SECRET-002", false, "aws_db_instance", "username = \"admin\"\npassword = random_password.db.result", false),
    ("VIGIL-AWS-SECRET-003", true, "AWS::Lambda::Function", "Environment:\n  Variables:\n    KEY: AKIAIOSFODNN7EXAMPLE", true),
    ("VIGIL-AWS-SECRET-003", true, "AWS::Lambda::Function", "Environment:\n  Variables:\n    KEY: not-a-key", false),
    ("VIGIL-AWS-SECRET-003", false, "aws_lambda_function", "environment {\n  variables = {\n    KEY = \"AKIAIOSFODNN7EXAMPLE\"\n  }\n}", true),
    ("VIGIL-AWS-SECRET-003", false, "aws_lambda_function", "environment {\n  variables = {\n    KEY = \"hello\"\n  }\n}", false),
    // A deliberate literal secret: the check's failing case. vigil-ignore: generic-secret-assignment
    ("VIGIL-AWS-SECRET-004", true, "AWS::SecretsManager::Secret", "SecretString: 'hunter2-prod-pw'", true),
    ("VIGIL-AWS-SECRET-004", true, "AWS::SecretsManager::Secret", "GenerateSecretString:\n  PasswordLength: 32", false),
    ("VIGIL-AWS-SECRET-004", false, "aws_secretsmanager_secret_version", "secret_id = \"s\"\nsecret_string = jsonencode({ username = \"app\", password = \"hunter2-prod\" })", true),
    ("VIGIL-AWS-SECRET-004", false, "aws_secretsmanager_secret_version", "secret_id = \"s\"\nsecret_string = random_password.p.result", false),
    ("VIGIL-AWS-SSM-001", true, "AWS::SSM::Parameter", "Name: /app/db_password\nType: String\nValue: x", true),
    ("VIGIL-AWS-SSM-001", true, "AWS::SSM::Parameter", "Name: /app/db_host\nType: String\nValue: x", false),
    ("VIGIL-AWS-SSM-001", false, "aws_ssm_parameter", "name = \"/app/api_token\"\ntype = \"String\"\nvalue = var.t", true),
    ("VIGIL-AWS-SSM-001", false, "aws_ssm_parameter", "name = \"/app/api_token\"\ntype = \"SecureString\"\nvalue = var.t", false),
];

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn secret_names_and_values() {
        for n in [
            "DB_PASSWORD",
            "apiToken",
            "STRIPE_SECRET_KEY",
            "private_key",
            "ACCESS_KEY",
        ] {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "SECRET_ARN",
            "PASSWORD_PARAM",
            "TOKEN_TABLE",
            "SecretName",
            "token_ttl",
            "PASSWORD_LENGTH",
        ] {
            assert!(!secret_name(n), "{n}");
        }
        assert!(literal_secret("hunter2hunter2"));
        for v in [
            "{{resolve:secretsmanager:x}}",
            "arn:aws:secretsmanager:x",
            "${var.x}",
            "/ssm/path",
            "<your-key>",
            "short",
        ] {
            assert!(!literal_secret(v), "{v}");
        }
        assert!(text_has_secret("export DB_PASSWORD=Sup3rS3cret"));
        assert!(text_has_secret("aws_access_key_id = AKIAIOSFODNN7EXAMPLE"));
        assert!(!text_has_secret(
            "export DB_PASSWORD=$(aws ssm get-parameter --name x)"
        ));
        assert!(!text_has_secret("PASSWORD=${DB_PASSWORD}"));
    }
}
