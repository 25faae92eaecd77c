//! IAM: policy statements, attachments, trust policies, password policy, access keys.

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit};
use crate::policy::{IDENTITY_CFN, IDENTITY_TF, identity_statements, open_to_anyone};
use vigil_parsers::iac::Resource;

use super::{attr, check};

const R_IAM: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html";
const R_INSPECTOR: &str = "https://docs.aws.amazon.com/inspector/latest/user/scanning-cis.html";
const R_PW: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html";

fn stmt_hits(
    ctx: &Ctx<'_>,
    r: &Resource,
    path: &str,
    f: impl Fn(&crate::policy::Stmt) -> bool,
) -> Vec<Hit> {
    identity_statements(ctx, r)
        .iter()
        .filter(|s| f(s))
        .map(|s| Hit {
            line: s.line,
            path: path.into(),
        })
        .collect()
}

fn admin(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.Action", |s| {
        s.is_allow() && !s.not_action && s.actions.iter().any(|a| a == "*") && s.any_resource()
    })
}

fn wildcard_action(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.Action", |s| {
        s.is_allow() && !s.not_action && s.wildcard_action()
    })
}

/// Services whose actions support resource-level permissions, so `Resource: "*"` with a
/// write action is broader than needed.
const SCOPED_SERVICES: &[&str] = &[
    "s3",
    "dynamodb",
    "kms",
    "secretsmanager",
    "sqs",
    "sns",
    "lambda",
    "iam",
    "ssm",
];
const READ_PREFIXES: &[&str] = &["list", "describe", "get", "head"];

fn wildcard_resource(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.Resource", |s| {
        s.is_allow()
            && !s.not_action
            && s.any_resource()
            && s.actions.iter().any(|a| {
                let a = a.to_ascii_lowercase();
                let Some((svc, verb)) = a.split_once(':') else {
                    return false;
                };
                SCOPED_SERVICES.contains(&svc)
                    && !verb.ends_with('*')
                    && !READ_PREFIXES.iter().any(|p| verb.starts_with(p))
            })
    })
}

fn not_action(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.NotAction", |s| {
        s.is_allow() && s.not_action
    })
}

fn not_resource(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.NotResource", |s| {
        s.is_allow() && s.not_resource
    })
}

fn pass_role(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.Action", |s| {
        s.is_allow()
            && !s.not_action
            && s.any_resource()
            && s.actions.iter().any(|a| {
                a.eq_ignore_ascii_case("iam:PassRole") || a.eq_ignore_ascii_case("iam:Pass*")
            })
    })
}

fn user_inline(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    match r.kind.as_str() {
        "AWS::IAM::User" => r
            .find("Policies")
            .first()
            .map(|n| vec![hit(n, "Policies")])
            .unwrap_or_default(),
        "AWS::IAM::Policy" => r
            .find("Users")
            .first()
            .map(|n| vec![hit(n, "Users")])
            .unwrap_or_default(),
        "aws_iam_user_policy" => vec![Hit {
            line: r.span.start,
            path: String::new(),
        }],
        _ => Vec::new(),
    }
}

fn user_attached(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = match r.kind.as_str() {
        "AWS::IAM::User" => "ManagedPolicyArns",
        "AWS::IAM::ManagedPolicy" => "Users",
        "aws_iam_user_policy_attachment" => {
            return vec![Hit {
                line: r.span.start,
                path: String::new(),
            }];
        }
        "aws_iam_policy_attachment" => "users",
        _ => return Vec::new(),
    };
    r.find(path)
        .into_iter()
        .filter(|n| !n.is_unknown())
        .take(1)
        .map(|n| hit(n, path))
        .collect()
}

fn admin_attached(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = match r.kind.as_str() {
        "AWS::IAM::User" | "AWS::IAM::Group" | "AWS::IAM::Role" => "ManagedPolicyArns",
        _ => "policy_arn",
    };
    r.find(path)
        .into_iter()
        .filter(|n| {
            n.as_str()
                .is_some_and(|a| a.ends_with(":policy/AdministratorAccess"))
        })
        .map(|n| hit(n, path))
        .collect()
}

fn trust_any(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = if r.kind == "aws_iam_role" {
        "assume_role_policy"
    } else {
        "AssumeRolePolicyDocument"
    };
    open_to_anyone(ctx, r, path)
}

fn assume_any(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    stmt_hits(ctx, r, "Statement.Action", |s| {
        s.is_allow()
            && !s.not_action
            && s.any_resource()
            && s.actions
                .iter()
                .any(|a| a.eq_ignore_ascii_case("sts:AssumeRole"))
    })
}

fn login_password(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    r.find("LoginProfile.Password")
        .into_iter()
        .filter(|n| {
            n.as_str()
                .is_some_and(|s| !s.is_empty() && !s.starts_with("{{resolve:"))
        })
        .map(|n| hit(n, "LoginProfile.Password"))
        .collect()
}

fn password_complexity(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let mut hits = Vec::new();
    for k in [
        "require_symbols",
        "require_numbers",
        "require_uppercase_characters",
        "require_lowercase_characters",
    ] {
        match r.properties.get(k) {
            None => hits.push(Hit {
                line: r.span.start,
                path: k.into(),
            }),
            Some(n) if n.as_bool() == Some(false) => hits.push(hit(n, k)),
            _ => {}
        }
    }
    hits.truncate(1);
    hits
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-IAM-001", Critical, 269, "IAM policy grants full administrator access",
            "An Allow statement with Action \"*\" on Resource \"*\" gives every permission in the account; a leaked credential or compromised workload then controls everything.",
            "Grant only the actions and resources the principal needs.",
            cfn IDENTITY_CFN "Statement:\n  - Effect: Allow\n    Action: [s3:GetObject]\n    Resource: arn:aws:s3:::my-bucket/*",
            tf IDENTITY_TF "statement {\n  actions   = [\"s3:GetObject\"]\n  resources = [\"arn:aws:s3:::my-bucket/*\"]\n}",
            refs [R_IAM], aliases ["CKV_AWS_1", "CKV_AWS_62", "aws-iam-no-policy-wildcards"], Rule::Custom(admin)),
        check!("VIGIL-AWS-IAM-002", High, 732, "IAM policy statement allows wildcard actions",
            "An Allow statement whose Action is \"*\" or \"service:*\" grants every current and future action of the service, including destructive and permission-changing ones (the Amazon Inspector IaC rule).",
            "List the specific actions the principal needs instead of `*` or `service:*`.",
            cfn IDENTITY_CFN "Action:\n  - s3:GetObject\n  - s3:PutObject",
            tf IDENTITY_TF "actions = [\"s3:GetObject\", \"s3:PutObject\"]",
            refs [R_IAM, R_INSPECTOR], aliases ["CKV_AWS_63", "CKV_AWS_49", "aws-iam-no-policy-wildcards", "F3", "F4", "F5"], Rule::Custom(wildcard_action)),
        check!("VIGIL-AWS-IAM-003", Medium, 732, "IAM policy allows write actions on all resources",
            "An Allow statement grants write actions of a service that supports resource-level permissions on Resource \"*\", so the principal can change every such resource in the account.",
            "Scope Resource to the ARNs the principal must change.",
            cfn IDENTITY_CFN "Resource: !Sub arn:aws:s3:::${Bucket}/*",
            tf IDENTITY_TF "resources = [\"${aws_s3_bucket.data.arn}/*\"]",
            refs [R_IAM], aliases ["CKV_AWS_111", "W11", "W12", "W13"], Rule::Custom(wildcard_resource)),
        check!("VIGIL-AWS-IAM-004", High, 732, "IAM policy uses Allow with NotAction",
            "Allow with NotAction grants every action except the listed ones, including actions AWS adds later.",
            "Replace NotAction with an explicit Action list.",
            cfn IDENTITY_CFN "Effect: Allow\nAction: [ec2:DescribeInstances]",
            tf IDENTITY_TF "actions = [\"ec2:DescribeInstances\"]",
            refs [R_IAM], aliases ["W15", "W16", "W17"], Rule::Custom(not_action)),
        check!("VIGIL-AWS-IAM-005", Medium, 732, "IAM policy uses Allow with NotResource",
            "Allow with NotResource grants the actions on every resource except the listed ones, including resources created later.",
            "Replace NotResource with an explicit Resource list.",
            cfn IDENTITY_CFN "Effect: Allow\nResource: arn:aws:s3:::my-bucket/*",
            tf IDENTITY_TF "resources = [\"arn:aws:s3:::my-bucket/*\"]",
            refs [R_IAM], aliases [], Rule::Custom(not_resource)),
        check!("VIGIL-AWS-IAM-006", Medium, 269, "IAM user has an inline policy",
            "Permissions attached straight to users are hard to audit and revoke; AWS recommends granting them through groups or roles.",
            "Move the policy to a group (or role) and add the user to the group.",
            cfn ["AWS::IAM::User", "AWS::IAM::Policy"] "Groups: [!Ref DevelopersGroup]",
            tf ["aws_iam_user_policy"] "resource \"aws_iam_group_policy\" \"dev\" {\n  group  = aws_iam_group.dev.name\n  policy = data.aws_iam_policy_document.dev.json\n}",
            refs [R_IAM], aliases ["CKV_AWS_40", "F10"], Rule::Custom(user_inline)),
        check!("VIGIL-AWS-IAM-007", Medium, 269, "Managed policy attached directly to an IAM user",
            "Policies attached to individual users drift and are missed in reviews; attach them to groups or roles.",
            "Attach the managed policy to a group and add the user to it.",
            cfn ["AWS::IAM::User", "AWS::IAM::ManagedPolicy"] "Groups: [!Ref DevelopersGroup]",
            tf ["aws_iam_user_policy_attachment", "aws_iam_policy_attachment"] "resource \"aws_iam_group_policy_attachment\" \"dev\" {\n  group      = aws_iam_group.dev.name\n  policy_arn = aws_iam_policy.dev.arn\n}",
            refs [R_IAM], aliases ["CKV_AWS_40"], Rule::Custom(user_attached)),
        check!("VIGIL-AWS-IAM-008", High, 269, "AdministratorAccess managed policy attached",
            "The AWS-managed AdministratorAccess policy grants every action on every resource.",
            "Attach a policy limited to the actions the principal needs.",
            cfn ["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role"] "ManagedPolicyArns:\n  - arn:aws:iam::aws:policy/ReadOnlyAccess",
            tf ["aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment"] "policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"",
            refs [R_IAM], aliases ["CKV_AWS_274"], Rule::Custom(admin_attached)),
        check!("VIGIL-AWS-IAM-009", Critical, 284, "IAM role can be assumed by any principal",
            "A trust policy that allows Principal \"*\" without a condition lets any AWS account assume the role.",
            "Name the accounts, services or roles allowed to assume it, or add an sts:ExternalId / aws:PrincipalOrgID condition.",
            cfn ["AWS::IAM::Role"] "AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: {Service: lambda.amazonaws.com}\n      Action: sts:AssumeRole",
            tf ["aws_iam_role"] "assume_role_policy = jsonencode({\n  Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\", Principal = { Service = \"lambda.amazonaws.com\" } }]\n})",
            refs [R_IAM], aliases ["CKV_AWS_60", "F2"], Rule::Custom(trust_any)),
        check!("VIGIL-AWS-IAM-010", High, 269, "IAM policy allows iam:PassRole on all roles",
            "iam:PassRole on Resource \"*\" lets the principal hand any role, including admin roles, to a service it controls: a privilege-escalation path.",
            "Restrict iam:PassRole to the ARNs of the roles the principal must pass.",
            cfn IDENTITY_CFN "Action: iam:PassRole\nResource: !GetAtt AppRole.Arn",
            tf IDENTITY_TF "actions   = [\"iam:PassRole\"]\nresources = [aws_iam_role.app.arn]",
            refs [R_IAM], aliases ["CKV_AWS_110", "F38", "F39"], Rule::Custom(pass_role)),
        check!("VIGIL-AWS-IAM-011", High, 269, "IAM policy allows sts:AssumeRole on all roles",
            "sts:AssumeRole on Resource \"*\" lets the principal assume every role that trusts its account.",
            "List the role ARNs the principal may assume.",
            cfn IDENTITY_CFN "Action: sts:AssumeRole\nResource: arn:aws:iam::123456789012:role/deploy",
            tf IDENTITY_TF "actions   = [\"sts:AssumeRole\"]\nresources = [\"arn:aws:iam::123456789012:role/deploy\"]",
            refs [R_IAM], aliases ["CKV_AWS_61"], Rule::Custom(assume_any)),
        check!("VIGIL-AWS-IAM-012", Medium, 521, "Account password policy allows short passwords",
            "The account password policy should require at least 14 characters (CIS AWS Foundations 1.8).",
            "Set the minimum password length to 14 or more.",
            cfn [] "",
            tf ["aws_iam_account_password_policy"] "minimum_password_length = 14",
            refs [R_PW], aliases ["CKV_AWS_10", "aws-iam-set-minimum-password-length"],
            attr("", "minimum_password_length", T::AtLeast(14.0), M::Fail)),
        check!("VIGIL-AWS-IAM-013", Low, 521, "Account password policy allows password reuse",
            "Without reuse prevention users can cycle back to a compromised password (CIS 1.9 asks for 24).",
            "Set password_reuse_prevention to 24.",
            cfn [] "",
            tf ["aws_iam_account_password_policy"] "password_reuse_prevention = 24",
            refs [R_PW], aliases ["CKV_AWS_13", "aws-iam-no-password-reuse"],
            attr("", "password_reuse_prevention", T::AtLeast(24.0), M::Fail)),
        check!("VIGIL-AWS-IAM-014", Low, 521, "Account password policy does not require complex passwords",
            "The password policy should require symbols, numbers, upper- and lower-case letters.",
            "Set require_symbols, require_numbers, require_uppercase_characters and require_lowercase_characters to true.",
            cfn [] "",
            tf ["aws_iam_account_password_policy"] "require_symbols              = true\nrequire_numbers              = true\nrequire_uppercase_characters = true\nrequire_lowercase_characters = true",
            refs [R_PW], aliases ["CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_14", "CKV_AWS_15", "aws-iam-require-symbols-in-passwords"],
            Rule::Custom(password_complexity)),
        check!("VIGIL-AWS-IAM-015", Low, 262, "Account password policy does not expire passwords",
        "Passwords that never expire stay valid after a silent compromise; CIS asks for 90 days or less.",
        "Set max_password_age to 90 or less.",
        cfn [] "",
        tf ["aws_iam_account_password_policy"] "max_password_age = 90",
        refs [R_PW], aliases ["CKV_AWS_9", "aws-iam-set-max-password-age"],
        Rule::Custom(|_, r| match r.properties.get("max_password_age") {
            None => vec![Hit { line: r.span.start, path: "max_password_age".into() }],
            Some(n) if n.as_f64().is_some_and(|d| d <= 0.0 || d > 90.0) => vec![hit(n, "max_password_age")],
            _ => Vec::new(),
        })),
        check!("VIGIL-AWS-IAM-016", Medium, 798, "IAM user login password hard-coded in the template",
            "A console password written into the template is visible to everyone who can read the repository or the stack.",
            "Use a dynamic reference to Secrets Manager, or create the login profile outside the template.",
            cfn ["AWS::IAM::User"] "LoginProfile:\n  Password: '{{resolve:secretsmanager:console-password}}'\n  PasswordResetRequired: true",
            tf [] "",
            refs [R_IAM], aliases ["F51"], Rule::Custom(login_password)),
        check!("VIGIL-AWS-IAM-017", Low, 522, "Long-lived IAM access key created in the template",
        "Access keys created by infrastructure code end up in state files and outputs; prefer roles and temporary credentials.",
        "Use an IAM role (instance profile, IRSA, OIDC) instead of an access key.",
        cfn ["AWS::IAM::AccessKey"] "# remove the AWS::IAM::AccessKey and use a role",
        tf ["aws_iam_access_key"] "# remove aws_iam_access_key and use a role",
        refs [R_IAM], aliases [],
        Rule::Custom(|_, r| {
            let inactive = r.get("Status").or_else(|| r.get("status")).and_then(|s| s.as_str()).is_some_and(|s| s.eq_ignore_ascii_case("inactive"));
            if inactive { Vec::new() } else { vec![Hit { line: r.span.start, path: String::new() }] }
        })),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    // IAM-001 admin
    ("VIGIL-AWS-IAM-001", true, "AWS::IAM::ManagedPolicy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: '*'\n      Resource: '*'", true),
    ("VIGIL-AWS-IAM-001", true, "AWS::IAM::ManagedPolicy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: 's3:GetObject'\n      Resource: '*'", false),
    ("VIGIL-AWS-IAM-001", false, "aws_iam_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"*\", Resource = \"*\" }] })", true),
    ("VIGIL-AWS-IAM-001", false, "aws_iam_policy", "policy = <<EOF\n{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}\nEOF", false),
    // IAM-002 wildcard actions
    ("VIGIL-AWS-IAM-002", true, "AWS::IAM::Role", "Policies:\n  - PolicyName: p\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Action: ['s3:*']\n          Resource: arn:aws:s3:::b/*", true),
    ("VIGIL-AWS-IAM-002", true, "AWS::IAM::Role", "Policies:\n  - PolicyName: p\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Action: ['s3:*']\n          Resource: '*'\n        - Effect: Allow\n          Action: ['s3:GetObject']\n          Resource: arn:aws:s3:::b/*", false),
    ("VIGIL-AWS-IAM-002", false, "data.aws_iam_policy_document", "statement {\n  actions   = [\"dynamodb:*\"]\n  resources = [\"*\"]\n}", true),
    ("VIGIL-AWS-IAM-002", false, "data.aws_iam_policy_document", "statement {\n  actions   = [\"dynamodb:GetItem\"]\n  resources = [\"*\"]\n}", false),
    // IAM-003 write on *
    ("VIGIL-AWS-IAM-003", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: [s3:PutObject]\n      Resource: '*'", true),
    ("VIGIL-AWS-IAM-003", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: [s3:ListAllMyBuckets, xray:PutTraceSegments]\n      Resource: '*'", false),
    ("VIGIL-AWS-IAM-003", false, "aws_iam_role_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = [\"kms:Decrypt\"], Resource = \"*\" }] })", true),
    ("VIGIL-AWS-IAM-003", false, "aws_iam_role_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = [\"kms:Decrypt\"], Resource = aws_kms_key.k.arn }] })", false),
    // IAM-004 NotAction
    ("VIGIL-AWS-IAM-004", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      NotAction: iam:*\n      Resource: '*'", true),
    ("VIGIL-AWS-IAM-004", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Deny\n      NotAction: iam:*\n      Resource: '*'", false),
    ("VIGIL-AWS-IAM-004", false, "data.aws_iam_policy_document", "statement {\n  not_actions = [\"iam:*\"]\n  resources   = [\"*\"]\n}", true),
    ("VIGIL-AWS-IAM-004", false, "data.aws_iam_policy_document", "statement {\n  effect      = \"Deny\"\n  not_actions = [\"iam:*\"]\n  resources   = [\"*\"]\n}", false),
    // IAM-005 NotResource
    ("VIGIL-AWS-IAM-005", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObject\n      NotResource: arn:aws:s3:::secret/*", true),
    ("VIGIL-AWS-IAM-005", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::public/*", false),
    ("VIGIL-AWS-IAM-005", false, "aws_iam_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"s3:GetObject\", NotResource = \"arn:aws:s3:::x/*\" }] })", true),
    ("VIGIL-AWS-IAM-005", false, "aws_iam_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::x/*\" }] })", false),
    // IAM-006 user inline
    ("VIGIL-AWS-IAM-006", true, "AWS::IAM::User", "Policies:\n  - PolicyName: p\n    PolicyDocument: {Statement: []}", true),
    ("VIGIL-AWS-IAM-006", true, "AWS::IAM::User", "Groups: [devs]", false),
    ("VIGIL-AWS-IAM-006", false, "aws_iam_user_policy", "user = \"bob\"\npolicy = \"{}\"", true),
    ("VIGIL-AWS-IAM-006", false, "aws_iam_group_policy", "group = \"devs\"\npolicy = \"{}\"", false),
    // IAM-007 user attachments
    ("VIGIL-AWS-IAM-007", true, "AWS::IAM::User", "ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]", true),
    ("VIGIL-AWS-IAM-007", true, "AWS::IAM::User", "Groups: [devs]", false),
    ("VIGIL-AWS-IAM-007", false, "aws_iam_user_policy_attachment", "user = \"bob\"\npolicy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"", true),
    ("VIGIL-AWS-IAM-007", false, "aws_iam_policy_attachment", "name = \"a\"\ngroups = [\"devs\"]\npolicy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"", false),
    // IAM-008 AdministratorAccess
    ("VIGIL-AWS-IAM-008", true, "AWS::IAM::Role", "ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]", true),
    ("VIGIL-AWS-IAM-008", true, "AWS::IAM::Role", "ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]", false),
    ("VIGIL-AWS-IAM-008", false, "aws_iam_role_policy_attachment", "role = \"r\"\npolicy_arn = \"arn:aws:iam::aws:policy/AdministratorAccess\"", true),
    ("VIGIL-AWS-IAM-008", false, "aws_iam_role_policy_attachment", "role = \"r\"\npolicy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"", false),
    // IAM-009 trust any
    ("VIGIL-AWS-IAM-009", true, "AWS::IAM::Role", "AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: '*'}\n      Action: sts:AssumeRole", true),
    ("VIGIL-AWS-IAM-009", true, "AWS::IAM::Role", "AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: '*'}\n      Action: sts:AssumeRole\n      Condition: {StringEquals: {'aws:PrincipalOrgID': o-123}}", false),
    ("VIGIL-AWS-IAM-009", false, "", "data \"aws_iam_policy_document\" \"trust\" {\n  statement {\n    actions = [\"sts:AssumeRole\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"*\"]\n    }\n  }\n}\nresource \"aws_iam_role\" \"r\" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}", true),
    ("VIGIL-AWS-IAM-009", false, "aws_iam_role", "assume_role_policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\", Principal = { Service = \"ec2.amazonaws.com\" } }] })", false),
    // IAM-010 PassRole
    ("VIGIL-AWS-IAM-010", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: iam:PassRole\n      Resource: '*'", true),
    ("VIGIL-AWS-IAM-010", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: iam:PassRole\n      Resource: !GetAtt AppRole.Arn", false),
    ("VIGIL-AWS-IAM-010", false, "data.aws_iam_policy_document", "statement {\n  actions   = [\"iam:PassRole\"]\n  resources = [\"*\"]\n}", true),
    ("VIGIL-AWS-IAM-010", false, "data.aws_iam_policy_document", "statement {\n  actions   = [\"iam:PassRole\"]\n  resources = [\"arn:aws:iam::1:role/app\"]\n}", false),
    // IAM-011 AssumeRole *
    ("VIGIL-AWS-IAM-011", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: sts:AssumeRole\n      Resource: '*'", true),
    ("VIGIL-AWS-IAM-011", true, "AWS::IAM::Policy", "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: sts:AssumeRole\n      Resource: arn:aws:iam::1:role/deploy", false),
    ("VIGIL-AWS-IAM-011", false, "aws_iam_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\", Resource = \"*\" }] })", true),
    ("VIGIL-AWS-IAM-011", false, "aws_iam_policy", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\", Resource = \"arn:aws:iam::1:role/d\" }] })", false),
    // IAM-012..015 password policy (Terraform only)
    ("VIGIL-AWS-IAM-012", false, "aws_iam_account_password_policy", "minimum_password_length = 8", true),
    ("VIGIL-AWS-IAM-012", false, "aws_iam_account_password_policy", "minimum_password_length = 14", false),
    ("VIGIL-AWS-IAM-013", false, "aws_iam_account_password_policy", "minimum_password_length = 14", true),
    ("VIGIL-AWS-IAM-013", false, "aws_iam_account_password_policy", "password_reuse_prevention = 24", false),
    ("VIGIL-AWS-IAM-014", false, "aws_iam_account_password_policy", "require_symbols = false", true),
    ("VIGIL-AWS-IAM-014", false, "aws_iam_account_password_policy", "require_symbols = true\nrequire_numbers = true\nrequire_uppercase_characters = true\nrequire_lowercase_characters = true", false),
    ("VIGIL-AWS-IAM-015", false, "aws_iam_account_password_policy", "max_password_age = 365", true),
    ("VIGIL-AWS-IAM-015", false, "aws_iam_account_password_policy", "max_password_age = 90", false),
    // IAM-016 login password (CloudFormation only)
    ("VIGIL-AWS-IAM-016", true, "AWS::IAM::User", "LoginProfile:\n  Password: Hunter2Hunter2!", true),
    ("VIGIL-AWS-IAM-016", true, "AWS::IAM::User", "LoginProfile:\n  Password: '{{resolve:secretsmanager:pw}}'", false),
    // IAM-017 access keys
    ("VIGIL-AWS-IAM-017", true, "AWS::IAM::AccessKey", "UserName: bob", true),
    ("VIGIL-AWS-IAM-017", true, "AWS::IAM::AccessKey", "UserName: bob\nStatus: Inactive", false),
    ("VIGIL-AWS-IAM-017", false, "aws_iam_access_key", "user = \"bob\"", true),
    ("VIGIL-AWS-IAM-017", false, "aws_iam_access_key", "user = \"bob\"\nstatus = \"Inactive\"", false),
];
