//! S3: ACLs, public access block, bucket policies, encryption, versioning, logging, object lock.
//! Terraform AWS provider v4+ split resources count for the bucket they point to.

use vigil_parsers::iac::{Format, Resource};

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit, present};
use crate::policy::{Stmt, open_to_anyone, statements};

use super::{attr, check};

const R_S3: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html";
const R_PAB: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html";
const R_TF_S3: &str =
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket";

const PUBLIC_READ: &[&str] = &[
    "PublicRead",
    "AuthenticatedRead",
    "public-read",
    "authenticated-read",
];
const PUBLIC_WRITE: &[&str] = &["PublicReadWrite", "public-read-write"];

fn missing(r: &Resource) -> Vec<Hit> {
    vec![Hit {
        line: r.span.start,
        path: String::new(),
    }]
}

/// Bucket policy statements that apply to a bucket (CloudFormation BucketPolicy or Terraform
/// aws_s3_bucket_policy pointing at it). None when some policy document is unknown.
pub(crate) fn bucket_policy_statements(ctx: &Ctx<'_>, r: &Resource) -> Option<Vec<Stmt>> {
    let (kind, path) = match r.format {
        Format::CloudFormation => ("AWS::S3::BucketPolicy", "PolicyDocument"),
        Format::Terraform => ("aws_s3_bucket_policy", "policy"),
    };
    let mut out = Vec::new();
    for p in ctx.model.referring(r, kind) {
        let st = statements(ctx, p, path, true);
        if st.is_empty() && present(p, path) != Some(false) {
            return None;
        }
        out.extend(st);
    }
    if r.format == Format::Terraform {
        out.extend(statements(ctx, r, "policy", true));
    }
    Some(out)
}

/// Whether a bucket is public by ACL or by policy (for CloudTrail's bucket check).
pub(crate) fn bucket_is_public(ctx: &Ctx<'_>, r: &Resource) -> bool {
    let acl = r.find("AccessControl|acl").into_iter().any(|n| {
        n.as_str().is_some_and(|a| {
            PUBLIC_READ
                .iter()
                .chain(PUBLIC_WRITE)
                .any(|p| p.eq_ignore_ascii_case(a))
        })
    });
    acl || bucket_policy_statements(ctx, r)
        .unwrap_or_default()
        .iter()
        .any(|s| s.is_allow() && s.principal_any && !s.has_condition)
}

/// Bucket-level setting that Terraform may also declare in a split resource: the check on
/// the bucket passes when the inline block or any split resource exists; the split
/// resource's own value is checked where it is written.
fn split(
    ctx: &Ctx<'_>,
    r: &Resource,
    cfn: &str,
    tf_inline: &str,
    tf_split: &str,
    split_ok: impl Fn(&Resource) -> Vec<Hit>,
) -> Vec<Hit> {
    match r.format {
        Format::CloudFormation => match present(r, cfn) {
            Some(false) => missing(r),
            _ => Vec::new(),
        },
        Format::Terraform if r.kind == tf_split => split_ok(r),
        Format::Terraform => {
            if present(r, tf_inline) != Some(false)
                || ctx.model.referring(r, tf_split).next().is_some()
            {
                Vec::new()
            } else {
                missing(r)
            }
        }
    }
}

fn encryption(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    split(
        ctx,
        r,
        "BucketEncryption",
        "server_side_encryption_configuration",
        "aws_s3_bucket_server_side_encryption_configuration",
        |_| Vec::new(),
    )
}

fn versioning(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    if r.format == Format::CloudFormation {
        return r
            .find("VersioningConfiguration.Status")
            .into_iter()
            .filter(|n| {
                n.as_str()
                    .is_some_and(|s| !s.eq_ignore_ascii_case("enabled"))
            })
            .map(|n| hit(n, "VersioningConfiguration.Status"))
            .chain(
                (present(r, "VersioningConfiguration") == Some(false))
                    .then(|| missing(r))
                    .into_iter()
                    .flatten(),
            )
            .collect();
    }
    if r.kind == "aws_s3_bucket" {
        let legacy_off = r
            .find("versioning.enabled")
            .into_iter()
            .find(|n| n.as_bool() == Some(false));
        if let Some(n) = legacy_off {
            return vec![hit(n, "versioning.enabled")];
        }
    }
    split(
        ctx,
        r,
        "",
        "versioning.enabled",
        "aws_s3_bucket_versioning",
        |v| {
            v.find("versioning_configuration.status")
                .into_iter()
                .filter(|n| {
                    n.as_str()
                        .is_some_and(|s| !s.eq_ignore_ascii_case("enabled"))
                })
                .map(|n| hit(n, "versioning_configuration.status"))
                .collect()
        },
    )
}

/// Buckets that receive access logs do not need logging themselves.
fn is_log_target(ctx: &Ctx<'_>, r: &Resource) -> bool {
    let acl = r.find("AccessControl|acl").into_iter().any(|n| {
        n.as_str().is_some_and(|a| {
            a.eq_ignore_ascii_case("LogDeliveryWrite")
                || a.eq_ignore_ascii_case("log-delivery-write")
        })
    });
    acl || ctx.model.resources.iter().any(|o| {
        [
            "LoggingConfiguration.DestinationBucketName",
            "logging.target_bucket",
            "target_bucket",
        ]
        .iter()
        .flat_map(|p| o.find(p))
        .any(|n| n.reference() == Some(r.address().as_str()))
    })
}

fn logging(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    if r.kind != "aws_s3_bucket_logging" && is_log_target(ctx, r) {
        return Vec::new();
    }
    split(
        ctx,
        r,
        "LoggingConfiguration",
        "logging",
        "aws_s3_bucket_logging",
        |_| Vec::new(),
    )
}

fn tls_only(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let Some(st) = bucket_policy_statements(ctx, r) else {
        return Vec::new();
    };
    let denies_plain = st.iter().any(|s| {
        s.allow == Some(false)
            && s.conditions.iter().any(|c| {
                c == "bool:aws:securetransport=false"
                    || c.starts_with("numericlessthan:s3:tlsversion=")
            })
    });
    if denies_plain { Vec::new() } else { missing(r) }
}

fn public_policy(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = if r.format == Format::CloudFormation {
        "PolicyDocument"
    } else {
        "policy"
    };
    open_to_anyone(ctx, r, path)
}

fn object_lock(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    if r.format == Format::CloudFormation {
        let enabled = r.get("ObjectLockEnabled").and_then(|n| n.as_bool()) == Some(true);
        if enabled && present(r, "ObjectLockConfiguration.Rule.DefaultRetention") == Some(false) {
            return vec![hit(
                r.get("ObjectLockEnabled").unwrap_or(&r.properties),
                "ObjectLockConfiguration",
            )];
        }
        return Vec::new();
    }
    let enabled = r.get("object_lock_enabled").and_then(|n| n.as_bool()) == Some(true)
        || r.get("object_lock_configuration.object_lock_enabled")
            .and_then(|n| n.as_str())
            == Some("Enabled");
    if enabled
        && present(r, "object_lock_configuration.rule") == Some(false)
        && ctx
            .model
            .referring(r, "aws_s3_bucket_object_lock_configuration")
            .next()
            .is_none()
    {
        return vec![hit(
            r.get("object_lock_enabled").unwrap_or(&r.properties),
            "object_lock_configuration",
        )];
    }
    Vec::new()
}

const PAB_CFN: &[&str] = &["AWS::S3::Bucket"];
const PAB_TF: &[&str] = &[
    "aws_s3_bucket_public_access_block",
    "aws_s3_account_public_access_block",
];

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-S3-001", High, 732, "S3 bucket ACL grants public read",
            "A PublicRead or AuthenticatedRead canned ACL lets anyone (or any AWS user) list and read the bucket's objects.",
            "Remove the public canned ACL (leave it private) and grant access through a bucket policy to named principals or CloudFront.",
            cfn ["AWS::S3::Bucket"] "AccessControl: Private",
            tf ["aws_s3_bucket", "aws_s3_bucket_acl"] "acl = \"private\"",
            refs [R_S3], aliases ["CKV_AWS_20", "aws-s3-no-public-access-with-acl", "W31"],
            attr("AccessControl", "acl", T::NotOneOf(PUBLIC_READ), M::Pass)),
        check!("VIGIL-AWS-S3-002", Critical, 732, "S3 bucket ACL grants public write",
            "The PublicReadWrite canned ACL lets anyone upload, overwrite and delete objects.",
            "Remove the PublicReadWrite ACL.",
            cfn ["AWS::S3::Bucket"] "AccessControl: Private",
            tf ["aws_s3_bucket", "aws_s3_bucket_acl"] "acl = \"private\"",
            refs [R_S3], aliases ["CKV_AWS_57", "aws-s3-no-public-access-with-acl", "F14"],
            attr("AccessControl", "acl", T::NotOneOf(PUBLIC_WRITE), M::Pass)),
        check!("VIGIL-AWS-S3-003", High, 732, "S3 public access block does not block public ACLs",
            "With BlockPublicAcls off, new public ACLs on the bucket and its objects are accepted.",
            "Set BlockPublicAcls to true.",
            cfn PAB_CFN "PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true",
            tf PAB_TF "block_public_acls       = true\nblock_public_policy     = true\nignore_public_acls      = true\nrestrict_public_buckets = true",
            refs [R_PAB], aliases ["CKV_AWS_53", "aws-s3-block-public-acls"],
            attr("PublicAccessBlockConfiguration.BlockPublicAcls", "block_public_acls", T::True, M::FailIfParent)),
        check!("VIGIL-AWS-S3-004", High, 732, "S3 public access block does not block public policies",
            "With BlockPublicPolicy off, a bucket policy granting public access can be attached.",
            "Set BlockPublicPolicy to true.",
            cfn PAB_CFN "PublicAccessBlockConfiguration:\n  BlockPublicPolicy: true",
            tf PAB_TF "block_public_policy = true",
            refs [R_PAB], aliases ["CKV_AWS_54", "aws-s3-block-public-policy"],
            attr("PublicAccessBlockConfiguration.BlockPublicPolicy", "block_public_policy", T::True, M::FailIfParent)),
        check!("VIGIL-AWS-S3-005", High, 732, "S3 public access block does not ignore public ACLs",
            "With IgnorePublicAcls off, existing public ACLs keep granting access.",
            "Set IgnorePublicAcls to true.",
            cfn PAB_CFN "PublicAccessBlockConfiguration:\n  IgnorePublicAcls: true",
            tf PAB_TF "ignore_public_acls = true",
            refs [R_PAB], aliases ["CKV_AWS_55", "aws-s3-ignore-public-acls"],
            attr("PublicAccessBlockConfiguration.IgnorePublicAcls", "ignore_public_acls", T::True, M::FailIfParent)),
        check!("VIGIL-AWS-S3-006", High, 732, "S3 public access block does not restrict public buckets",
            "With RestrictPublicBuckets off, a public bucket policy keeps granting anonymous and cross-account access.",
            "Set RestrictPublicBuckets to true.",
            cfn PAB_CFN "PublicAccessBlockConfiguration:\n  RestrictPublicBuckets: true",
            tf PAB_TF "restrict_public_buckets = true",
            refs [R_PAB], aliases ["CKV_AWS_56", "aws-s3-no-public-buckets"],
            attr("PublicAccessBlockConfiguration.RestrictPublicBuckets", "restrict_public_buckets", T::True, M::FailIfParent)),
        check!("VIGIL-AWS-S3-007", Medium, 311, "S3 bucket has no default encryption configuration",
            "No default server-side encryption is declared. S3 now applies SSE-S3 to new objects, but declaring SSE-KMS gives key control, audit and separation of duties.",
            "Declare default encryption, preferably SSE-KMS with a customer managed key.",
            cfn ["AWS::S3::Bucket"] "BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: !Ref BucketKey",
            tf ["aws_s3_bucket"] "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.this.arn\n    }\n  }\n}",
            refs [R_S3, R_TF_S3], aliases ["CKV_AWS_19", "aws-s3-enable-bucket-encryption", "W41"], Rule::Custom(encryption)),
        check!("VIGIL-AWS-S3-008", Medium, 693, "S3 bucket versioning is not enabled",
            "Without versioning, overwritten or deleted objects cannot be recovered (ransomware, mistakes).",
            "Enable versioning.",
            cfn ["AWS::S3::Bucket"] "VersioningConfiguration:\n  Status: Enabled",
            tf ["aws_s3_bucket", "aws_s3_bucket_versioning"] "resource \"aws_s3_bucket_versioning\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}",
            refs [R_S3], aliases ["CKV_AWS_21", "aws-s3-enable-versioning"], Rule::Custom(versioning)),
        check!("VIGIL-AWS-S3-009", Low, 778, "S3 bucket access logging is not enabled",
            "Server access logs record who read and changed objects; without them incidents cannot be investigated. Buckets that receive logs are exempt.",
            "Enable server access logging to a dedicated log bucket.",
            cfn ["AWS::S3::Bucket"] "LoggingConfiguration:\n  DestinationBucketName: !Ref LogBucket\n  LogFilePrefix: access/",
            tf ["aws_s3_bucket"] "resource \"aws_s3_bucket_logging\" \"this\" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"access/\"\n}",
            refs [R_S3], aliases ["CKV_AWS_18", "aws-s3-enable-bucket-logging", "W35"], Rule::Custom(logging)),
        check!("VIGIL-AWS-S3-010", Medium, 319, "S3 bucket policy does not deny unencrypted transport",
            "Without a policy denying aws:SecureTransport = false, clients can read and write the bucket over plain HTTP.",
            "Add a bucket policy statement that denies s3:* when aws:SecureTransport is false.",
            cfn ["AWS::S3::Bucket"] "# AWS::S3::BucketPolicy for the bucket\nPolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: '*'\n      Action: 's3:*'\n      Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']\n      Condition:\n        Bool:\n          aws:SecureTransport: false",
            tf ["aws_s3_bucket"] "resource \"aws_s3_bucket_policy\" \"tls\" {\n  bucket = aws_s3_bucket.this.id\n  policy = jsonencode({\n    Statement = [{\n      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"s3:*\"\n      Resource  = [aws_s3_bucket.this.arn, \"${aws_s3_bucket.this.arn}/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}",
            refs [R_S3], aliases [], Rule::Custom(tls_only)),
        check!("VIGIL-AWS-S3-011", Critical, 732, "S3 bucket policy allows access to anyone",
            "An Allow statement with Principal \"*\" and no condition makes the bucket's objects public.",
            "Name the principals, or add a condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn).",
            cfn ["AWS::S3::BucketPolicy"] "Principal:\n  AWS: !Sub arn:aws:iam::${AWS::AccountId}:root",
            tf ["aws_s3_bucket_policy"] "Principal = { AWS = \"arn:aws:iam::123456789012:root\" }",
            refs [R_S3], aliases ["CKV_AWS_70", "aws-s3-no-public-buckets", "F16"], Rule::Custom(public_policy)),
        check!("VIGIL-AWS-S3-012", Low, 693, "S3 object lock enabled without a default retention rule",
            "Object lock is declared but no default retention is set, so objects are written without protection unless every writer sets retention.",
            "Add a default retention rule.",
            cfn ["AWS::S3::Bucket"] "ObjectLockEnabled: true\nObjectLockConfiguration:\n  ObjectLockEnabled: Enabled\n  Rule:\n    DefaultRetention:\n      Mode: GOVERNANCE\n      Days: 30",
            tf ["aws_s3_bucket"] "resource \"aws_s3_bucket_object_lock_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    default_retention {\n      mode = \"GOVERNANCE\"\n      days = 30\n    }\n  }\n}",
            refs [R_S3], aliases ["CKV_AWS_143"], Rule::Custom(object_lock)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-S3-001", true, "AWS::S3::Bucket", "AccessControl: PublicRead", true),
    ("VIGIL-AWS-S3-001", true, "AWS::S3::Bucket", "AccessControl: Private", false),
    ("VIGIL-AWS-S3-001", false, "aws_s3_bucket_acl", "bucket = \"b\"\nacl = \"public-read\"", true),
    ("VIGIL-AWS-S3-001", false, "aws_s3_bucket_acl", "bucket = \"b\"\nacl = \"private\"", false),
    ("VIGIL-AWS-S3-002", true, "AWS::S3::Bucket", "AccessControl: PublicReadWrite", true),
    ("VIGIL-AWS-S3-002", true, "AWS::S3::Bucket", "AccessControl: PublicRead", false),
    ("VIGIL-AWS-S3-002", false, "aws_s3_bucket", "acl = \"public-read-write\"", true),
    ("VIGIL-AWS-S3-002", false, "aws_s3_bucket", "acl = \"private\"", false),
    ("VIGIL-AWS-S3-003", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  BlockPublicPolicy: true", true),
    ("VIGIL-AWS-S3-003", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  BlockPublicAcls: true", false),
    ("VIGIL-AWS-S3-003", false, "aws_s3_bucket_public_access_block", "bucket = \"b\"\nblock_public_acls = false", true),
    ("VIGIL-AWS-S3-003", false, "aws_s3_bucket_public_access_block", "bucket = \"b\"\nblock_public_acls = true", false),
    ("VIGIL-AWS-S3-004", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  BlockPublicPolicy: false", true),
    ("VIGIL-AWS-S3-004", true, "AWS::S3::Bucket", "BucketName: no-block-declared", false),
    ("VIGIL-AWS-S3-004", false, "aws_s3_account_public_access_block", "block_public_acls = true", true),
    ("VIGIL-AWS-S3-004", false, "aws_s3_account_public_access_block", "block_public_policy = true", false),
    ("VIGIL-AWS-S3-005", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  IgnorePublicAcls: false", true),
    ("VIGIL-AWS-S3-005", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  IgnorePublicAcls: true", false),
    ("VIGIL-AWS-S3-005", false, "aws_s3_bucket_public_access_block", "bucket = \"b\"", true),
    ("VIGIL-AWS-S3-005", false, "aws_s3_bucket_public_access_block", "bucket = \"b\"\nignore_public_acls = true", false),
    ("VIGIL-AWS-S3-006", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  RestrictPublicBuckets: 'false'", true),
    ("VIGIL-AWS-S3-006", true, "AWS::S3::Bucket", "PublicAccessBlockConfiguration:\n  RestrictPublicBuckets: 'true'", false),
    ("VIGIL-AWS-S3-006", false, "aws_s3_bucket_public_access_block", "restrict_public_buckets = false", true),
    ("VIGIL-AWS-S3-006", false, "aws_s3_bucket_public_access_block", "restrict_public_buckets = var.unset", false),
    ("VIGIL-AWS-S3-007", true, "AWS::S3::Bucket", "BucketName: plain", true),
    ("VIGIL-AWS-S3-007", true, "AWS::S3::Bucket", "BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}", false),
    ("VIGIL-AWS-S3-007", false, "aws_s3_bucket", "bucket = \"plain\"", true),
    ("VIGIL-AWS-S3-007", false, "", "resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"e\" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n  }\n}", false),
    ("VIGIL-AWS-S3-008", true, "AWS::S3::Bucket", "VersioningConfiguration:\n  Status: Suspended", true),
    ("VIGIL-AWS-S3-008", true, "AWS::S3::Bucket", "VersioningConfiguration:\n  Status: Enabled", false),
    ("VIGIL-AWS-S3-008", false, "", "resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}", true),
    ("VIGIL-AWS-S3-008", false, "", "resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}", false),
    ("VIGIL-AWS-S3-009", true, "AWS::S3::Bucket", "BucketName: nolog", true),
    ("VIGIL-AWS-S3-009", true, "", "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n", false),
    ("VIGIL-AWS-S3-009", false, "aws_s3_bucket", "bucket = \"nolog\"", true),
    ("VIGIL-AWS-S3-009", false, "", "resource \"aws_s3_bucket\" \"logs\" {}\nresource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_logging\" \"l\" {\n  bucket        = aws_s3_bucket.b.id\n  target_bucket = aws_s3_bucket.logs.id\n}", false),
    ("VIGIL-AWS-S3-010", true, "AWS::S3::Bucket", "BucketName: x", true),
    ("VIGIL-AWS-S3-010", true, "", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: 's3:*'\n            Resource: '*'\n            Condition:\n              Bool:\n                aws:SecureTransport: false\n", false),
    ("VIGIL-AWS-S3-010", false, "", "resource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { AWS = \"arn:aws:iam::1:root\" }, Action = \"s3:GetObject\", Resource = \"*\" }] })\n}", true),
    ("VIGIL-AWS-S3-010", false, "", "resource \"aws_s3_bucket\" \"b\" {}\ndata \"aws_iam_policy_document\" \"tls\" {\n  statement {\n    effect    = \"Deny\"\n    actions   = [\"s3:*\"]\n    resources = [\"*\"]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.tls.json\n}", false),
    ("VIGIL-AWS-S3-011", true, "AWS::S3::BucketPolicy", "Bucket: b\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::b/*", true),
    ("VIGIL-AWS-S3-011", true, "AWS::S3::BucketPolicy", "Bucket: b\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::b/*\n      Condition: {StringEquals: {aws:SourceVpce: vpce-1}}", false),
    ("VIGIL-AWS-S3-011", false, "aws_s3_bucket_policy", "bucket = \"b\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::b/*\" }] })", true),
    ("VIGIL-AWS-S3-011", false, "aws_s3_bucket_policy", "bucket = \"b\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { Service = \"cloudfront.amazonaws.com\" }, Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::b/*\" }] })", false),
    ("VIGIL-AWS-S3-012", true, "AWS::S3::Bucket", "ObjectLockEnabled: true", true),
    ("VIGIL-AWS-S3-012", true, "AWS::S3::Bucket", "ObjectLockEnabled: true\nObjectLockConfiguration:\n  ObjectLockEnabled: Enabled\n  Rule:\n    DefaultRetention: {Mode: GOVERNANCE, Days: 1}", false),
    ("VIGIL-AWS-S3-012", false, "aws_s3_bucket", "object_lock_enabled = true", true),
    ("VIGIL-AWS-S3-012", false, "", "resource \"aws_s3_bucket\" \"b\" {\n  object_lock_enabled = true\n}\nresource \"aws_s3_bucket_object_lock_configuration\" \"l\" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = \"GOVERNANCE\"\n      days = 1\n    }\n  }\n}", false),
];
