//! Messaging, keys, audit and data services: SQS, SNS, Kinesis, Firehose, MSK, MQ, DMS,
//! KMS, CloudTrail, CloudWatch Logs, Secrets Manager, Glue, Athena, Transfer, Cognito.

use vigil_parsers::iac::{Format, Resource};

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit, present};
use crate::checks::s3::bucket_is_public;
use crate::policy::open_to_anyone;

use super::{attr, attr_unless, check};

const R_SQS: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html";
const R_SNS: &str = "https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html";
const R_KIN: &str = "https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html";
const R_FH: &str = "https://docs.aws.amazon.com/firehose/latest/dev/encryption.html";
const R_MSK: &str = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html";
const R_MQ: &str =
    "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-best-practices.html";
const R_DMS: &str = "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html";
const R_KMS: &str = "https://docs.aws.amazon.com/kms/latest/developerguide/best-practices.html";
const R_CT: &str =
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html";
const R_LOGS: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/data-protection.html";
const R_SECM: &str =
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/best-practices.html";
const R_GLUE: &str = "https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html";
const R_ATH: &str = "https://docs.aws.amazon.com/athena/latest/ug/encryption.html";
const R_TRANSFER: &str = "https://docs.aws.amazon.com/transfer/latest/userguide/security.html";
const R_COGNITO: &str =
    "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html";

fn public_resource_policy(ctx: &Ctx<'_>, r: &Resource, cfn: &str, tf: &str) -> Vec<Hit> {
    let path = if r.format == Format::CloudFormation {
        cfn
    } else {
        tf
    };
    open_to_anyone(ctx, r, path)
}

fn sqs_encryption(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (sse, kms) = match r.format {
        Format::CloudFormation => ("SqsManagedSseEnabled", "KmsMasterKeyId"),
        Format::Terraform => ("sqs_managed_sse_enabled", "kms_master_key_id"),
    };
    // SSE-SQS is on by default for new queues: only an explicit `false` without a KMS key
    // leaves the queue unencrypted.
    match r.properties.get(sse) {
        Some(n) if n.as_bool() == Some(false) && present(r, kms) == Some(false) => {
            vec![hit(n, sse)]
        }
        _ => Vec::new(),
    }
}

fn kms_rotation(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (spec, rot) = match r.format {
        Format::CloudFormation => ("KeySpec", "EnableKeyRotation"),
        Format::Terraform => ("customer_master_key_spec", "enable_key_rotation"),
    };
    // Rotation exists only for symmetric encryption keys.
    if r.get(spec)
        .is_some_and(|s| s.as_str() != Some("SYMMETRIC_DEFAULT"))
    {
        return Vec::new();
    }
    match r.properties.get(rot) {
        None => vec![Hit {
            line: r.span.start,
            path: rot.into(),
        }],
        Some(n) if n.as_bool() == Some(false) => vec![hit(n, rot)],
        _ => Vec::new(),
    }
}

fn trail_bucket_public(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = if r.format == Format::CloudFormation {
        "S3BucketName"
    } else {
        "s3_bucket_name"
    };
    let Some(n) = r.properties.get(path) else {
        return Vec::new();
    };
    let Some(target) = n.reference() else {
        return Vec::new();
    };
    let bucket = ctx.model.resources.iter().find(|b| b.address() == target);
    match bucket {
        Some(b) if bucket_is_public(ctx, b) => vec![hit(n, path)],
        _ => Vec::new(),
    }
}

fn secret_rotation(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let kind = if r.format == Format::CloudFormation {
        "AWS::SecretsManager::RotationSchedule"
    } else {
        "aws_secretsmanager_secret_rotation"
    };
    if ctx.model.referring(r, kind).next().is_some()
        || present(r, "rotation_rules|rotation_lambda_arn") == Some(true)
    {
        return Vec::new();
    }
    vec![Hit {
        line: r.span.start,
        path: "rotation".into(),
    }]
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-SQS-001", Medium, 311, "SQS queue encryption is turned off",
            "SSE-SQS is explicitly disabled and no KMS key is set, so messages are stored unencrypted.",
            "Leave SqsManagedSseEnabled on or set a KMS key.",
            cfn ["AWS::SQS::Queue"] "SqsManagedSseEnabled: true",
            tf ["aws_sqs_queue"] "sqs_managed_sse_enabled = true",
            refs [R_SQS], aliases ["CKV_AWS_27", "aws-sqs-enable-queue-encryption"], Rule::Custom(sqs_encryption)),
        check!("VIGIL-AWS-SQS-002", High, 284, "SQS queue policy allows any principal",
            "Any AWS account can send, receive or delete messages.",
            "Name the principals or add a condition (aws:SourceArn, aws:PrincipalOrgID).",
            cfn ["AWS::SQS::QueuePolicy"] "Principal:\n  Service: sns.amazonaws.com\nCondition:\n  ArnEquals:\n    aws:SourceArn: !Ref Topic",
            tf ["aws_sqs_queue_policy", "aws_sqs_queue"] "Principal = { Service = \"sns.amazonaws.com\" }\nCondition = { ArnEquals = { \"aws:SourceArn\" = aws_sns_topic.t.arn } }",
            refs [R_SQS], aliases ["F20"],
            Rule::Custom(|ctx, r| public_resource_policy(ctx, r, "PolicyDocument", "policy"))),
        check!("VIGIL-AWS-SNS-001", Medium, 311, "SNS topic is not encrypted",
            "Messages are stored without server-side encryption.",
            "Set a KMS key on the topic.",
            cfn ["AWS::SNS::Topic"] "KmsMasterKeyId: alias/aws/sns",
            tf ["aws_sns_topic"] "kms_master_key_id = \"alias/aws/sns\"",
            refs [R_SNS], aliases ["CKV_AWS_26", "aws-sns-enable-topic-encryption"],
            attr("KmsMasterKeyId", "kms_master_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-SNS-002", High, 284, "SNS topic policy allows any principal",
            "Any AWS account can publish to or subscribe to the topic.",
            "Name the principals or add a condition.",
            cfn ["AWS::SNS::TopicPolicy"] "Principal:\n  Service: events.amazonaws.com",
            tf ["aws_sns_topic_policy", "aws_sns_topic"] "Principal = { Service = \"events.amazonaws.com\" }",
            refs [R_SNS], aliases ["CKV_AWS_169", "F18"],
            Rule::Custom(|ctx, r| public_resource_policy(ctx, r, "PolicyDocument", "policy"))),
        check!("VIGIL-AWS-SNS-003", Medium, 319, "SNS subscription delivers over plain HTTP",
            "Messages are pushed to the endpoint without TLS.",
            "Use an https endpoint.",
            cfn ["AWS::SNS::Subscription"] "Protocol: https\nEndpoint: https://hooks.example.com/sns",
            tf ["aws_sns_topic_subscription"] "protocol = \"https\"\nendpoint = \"https://hooks.example.com/sns\"",
            refs [R_SNS], aliases [],
            attr("Protocol", "protocol", T::NotEq("http"), M::Pass)),
        check!("VIGIL-AWS-KIN-001", Medium, 311, "Kinesis stream is not encrypted",
            "Records are stored without server-side encryption.",
            "Enable KMS encryption on the stream.",
            cfn ["AWS::Kinesis::Stream"] "StreamEncryption:\n  EncryptionType: KMS\n  KeyId: alias/aws/kinesis",
            tf ["aws_kinesis_stream"] "encryption_type = \"KMS\"\nkms_key_id      = \"alias/aws/kinesis\"",
            refs [R_KIN], aliases ["CKV_AWS_43", "aws-kinesis-enable-in-transit-encryption"],
            attr("StreamEncryption.EncryptionType", "encryption_type", T::Eq("KMS"), M::Fail)),
        check!("VIGIL-AWS-FH-001", Medium, 311, "Firehose delivery stream is not encrypted",
            "Records buffered by Firehose are not encrypted with server-side encryption.",
            "Enable server-side encryption (not available when the source is a Kinesis stream, which has its own).",
            cfn ["AWS::KinesisFirehose::DeliveryStream"] "DeliveryStreamEncryptionConfigurationInput:\n  KeyType: AWS_OWNED_CMK",
            tf ["aws_kinesis_firehose_delivery_stream"] "server_side_encryption {\n  enabled  = true\n  key_type = \"AWS_OWNED_CMK\"\n}",
            refs [R_FH], aliases ["CKV_AWS_240", "CKV_AWS_241"],
            attr_unless("DeliveryStreamEncryptionConfigurationInput", "server_side_encryption.enabled", T::True, M::Fail,
                &[("KinesisStreamSourceConfiguration", "kinesis_source_configuration"), ("MSKSourceConfiguration", "msk_source_configuration")])),
        check!("VIGIL-AWS-MSK-001", High, 319, "MSK allows plaintext traffic from clients",
            "ClientBroker TLS_PLAINTEXT or PLAINTEXT lets clients talk to brokers unencrypted.",
            "Set ClientBroker to TLS.",
            cfn ["AWS::MSK::Cluster"] "EncryptionInfo:\n  EncryptionInTransit:\n    ClientBroker: TLS\n    InCluster: true",
            tf ["aws_msk_cluster"] "encryption_info {\n  encryption_in_transit {\n    client_broker = \"TLS\"\n    in_cluster    = true\n  }\n}",
            refs [R_MSK], aliases ["CKV_AWS_81", "aws-msk-enable-in-transit-encryption"],
            attr("EncryptionInfo.EncryptionInTransit.ClientBroker", "encryption_info.encryption_in_transit.client_broker", T::Eq("TLS"), M::Pass)),
        check!("VIGIL-AWS-MSK-002", Medium, 319, "MSK traffic between brokers is not encrypted",
            "InCluster false sends replication traffic between brokers in clear text.",
            "Set InCluster to true.",
            cfn ["AWS::MSK::Cluster"] "EncryptionInfo:\n  EncryptionInTransit:\n    InCluster: true",
            tf ["aws_msk_cluster"] "encryption_info {\n  encryption_in_transit {\n    in_cluster = true\n  }\n}",
            refs [R_MSK], aliases ["CKV_AWS_81"],
            attr("EncryptionInfo.EncryptionInTransit.InCluster", "encryption_info.encryption_in_transit.in_cluster", T::True, M::Pass)),
        check!("VIGIL-AWS-MSK-003", Low, 311, "MSK data volumes are not encrypted with a customer managed key",
            "Broker storage uses the AWS managed key.",
            "Set a customer managed KMS key for encryption at rest.",
            cfn ["AWS::MSK::Cluster"] "EncryptionInfo:\n  EncryptionAtRest:\n    DataVolumeKMSKeyId: !Ref MskKey",
            tf ["aws_msk_cluster"] "encryption_info {\n  encryption_at_rest_kms_key_arn = aws_kms_key.msk.arn\n}",
            refs [R_MSK], aliases [],
            attr("EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId", "encryption_info.encryption_at_rest_kms_key_arn", T::Present, M::Fail)),
        check!("VIGIL-AWS-MSK-004", Low, 778, "MSK broker logs are not enabled",
            "Broker logs are not delivered anywhere, so client and broker activity cannot be investigated.",
            "Enable broker log delivery.",
            cfn ["AWS::MSK::Cluster"] "LoggingInfo:\n  BrokerLogs:\n    CloudWatchLogs:\n      Enabled: true\n      LogGroup: !Ref MskLogs",
            tf ["aws_msk_cluster"] "logging_info {\n  broker_logs {\n    cloudwatch_logs {\n      enabled   = true\n      log_group = aws_cloudwatch_log_group.msk.name\n    }\n  }\n}",
            refs [R_MSK], aliases ["CKV_AWS_80", "aws-msk-enable-logging"],
            attr("LoggingInfo", "logging_info", T::Present, M::Fail)),
        check!("VIGIL-AWS-MQ-001", High, 284, "Amazon MQ broker is publicly accessible",
            "The broker has a public endpoint reachable from the internet.",
            "Set PubliclyAccessible to false.",
            cfn ["AWS::AmazonMQ::Broker"] "PubliclyAccessible: false",
            tf ["aws_mq_broker"] "publicly_accessible = false",
            refs [R_MQ], aliases ["CKV_AWS_69", "aws-mq-no-public-access"],
            attr("PubliclyAccessible", "publicly_accessible", T::False, M::Pass)),
        check!("VIGIL-AWS-MQ-002", Low, 778, "Amazon MQ general logging is off",
            "Broker activity is not logged to CloudWatch.",
            "Enable general logs.",
            cfn ["AWS::AmazonMQ::Broker"] "Logs:\n  General: true",
            tf ["aws_mq_broker"] "logs {\n  general = true\n}",
            refs [R_MQ], aliases ["CKV_AWS_48", "aws-mq-enable-general-logging"],
            attr("Logs.General", "logs.general", T::True, M::Fail)),
        check!("VIGIL-AWS-DMS-001", High, 284, "DMS replication instance is publicly accessible",
            "The replication instance gets a public IP (the default), exposing the databases it connects to.",
            "Set PubliclyAccessible to false.",
            cfn ["AWS::DMS::ReplicationInstance"] "PubliclyAccessible: false",
            tf ["aws_dms_replication_instance"] "publicly_accessible = false",
            refs [R_DMS], aliases ["CKV_AWS_89"],
            attr("PubliclyAccessible", "publicly_accessible", T::False, M::Pass)),
        check!("VIGIL-AWS-KMS-001", Medium, 320, "KMS key rotation is off",
            "Without automatic rotation the same key material protects data indefinitely (CIS 3.8).",
            "Enable automatic key rotation.",
            cfn ["AWS::KMS::Key"] "EnableKeyRotation: true",
            tf ["aws_kms_key"] "enable_key_rotation = true",
            refs [R_KMS], aliases ["CKV_AWS_7", "aws-kms-auto-rotate-keys", "F19"], Rule::Custom(kms_rotation)),
        check!("VIGIL-AWS-KMS-002", High, 732, "KMS key policy allows any principal",
            "A key policy statement that allows Principal \"*\" without a condition lets any AWS account use or manage the key.",
            "Grant the account root or named roles, or add kms:CallerAccount / aws:PrincipalOrgID conditions.",
            cfn ["AWS::KMS::Key"] "KeyPolicy:\n  Statement:\n    - Effect: Allow\n      Principal:\n        AWS: !Sub arn:aws:iam::${AWS::AccountId}:root\n      Action: kms:*\n      Resource: '*'",
            tf ["aws_kms_key"] "policy = jsonencode({\n  Statement = [{\n    Effect    = \"Allow\"\n    Principal = { AWS = \"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\" }\n    Action    = \"kms:*\"\n    Resource  = \"*\"\n  }]\n})",
            refs [R_KMS], aliases ["CKV_AWS_33"],
            Rule::Custom(|ctx, r| public_resource_policy(ctx, r, "KeyPolicy", "policy"))),
        check!("VIGIL-AWS-CT-001", High, 778, "CloudTrail trail is not logging",
            "The trail exists but logging is turned off.",
            "Set IsLogging / enable_logging to true.",
            cfn ["AWS::CloudTrail::Trail"] "IsLogging: true",
            tf ["aws_cloudtrail"] "enable_logging = true",
            refs [R_CT], aliases [],
            attr("IsLogging", "enable_logging", T::True, M::Pass)),
        check!("VIGIL-AWS-CT-002", Medium, 778, "CloudTrail trail is not multi-region",
            "Activity in other regions is not recorded (CIS 3.1).",
            "Make the trail multi-region.",
            cfn ["AWS::CloudTrail::Trail"] "IsMultiRegionTrail: true",
            tf ["aws_cloudtrail"] "is_multi_region_trail = true",
            refs [R_CT], aliases ["CKV_AWS_67", "aws-cloudtrail-enable-all-regions"],
            attr("IsMultiRegionTrail", "is_multi_region_trail", T::True, M::Fail)),
        check!("VIGIL-AWS-CT-003", Medium, 354, "CloudTrail log file validation is off",
            "Without digest files, tampering with delivered logs cannot be detected (CIS 3.2).",
            "Enable log file validation.",
            cfn ["AWS::CloudTrail::Trail"] "EnableLogFileValidation: true",
            tf ["aws_cloudtrail"] "enable_log_file_validation = true",
            refs [R_CT], aliases ["CKV_AWS_36", "aws-cloudtrail-enable-log-validation"],
            attr("EnableLogFileValidation", "enable_log_file_validation", T::True, M::Fail)),
        check!("VIGIL-AWS-CT-004", Medium, 311, "CloudTrail logs are not encrypted with KMS",
            "Delivered logs use SSE-S3 only; a KMS key restricts who can read them (CIS 3.7).",
            "Set a KMS key on the trail.",
            cfn ["AWS::CloudTrail::Trail"] "KMSKeyId: !Ref TrailKey",
            tf ["aws_cloudtrail"] "kms_key_id = aws_kms_key.trail.arn",
            refs [R_CT], aliases ["CKV_AWS_35", "aws-cloudtrail-enable-at-rest-encryption"],
            attr("KMSKeyId", "kms_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-CT-005", Critical, 732, "CloudTrail logs go to a public bucket",
            "The trail's S3 bucket is public by ACL or policy, exposing the account's activity history (CIS 3.3).",
            "Make the log bucket private.",
            cfn ["AWS::CloudTrail::Trail"] "# on the trail's bucket\nAccessControl: Private",
            tf ["aws_cloudtrail"] "# on the trail's bucket\nacl = \"private\"",
            refs [R_CT], aliases ["aws-cloudtrail-no-public-log-access"], Rule::Custom(trail_bucket_public)),
        check!("VIGIL-AWS-CT-006", Low, 778, "CloudTrail is not integrated with CloudWatch Logs",
            "Without CloudWatch Logs delivery, metric filters and alarms on API activity are not possible (CIS 3.4).",
            "Send the trail to a CloudWatch Logs log group.",
            cfn ["AWS::CloudTrail::Trail"] "CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\nCloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn",
            tf ["aws_cloudtrail"] "cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.trail.arn}:*\"\ncloud_watch_logs_role_arn  = aws_iam_role.trail_logs.arn",
            refs [R_CT], aliases ["CKV2_AWS_10", "aws-cloudtrail-ensure-cloudwatch-integration"],
            attr("CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn", T::Present, M::Fail)),
        check!("VIGIL-AWS-LOGS-001", Low, 779, "CloudWatch log group has no retention",
            "Logs are kept forever by default: cost, and sensitive data held longer than needed.",
            "Set a retention period.",
            cfn ["AWS::Logs::LogGroup"] "RetentionInDays: 365",
            tf ["aws_cloudwatch_log_group"] "retention_in_days = 365",
            refs [R_LOGS], aliases ["CKV_AWS_66", "CKV_AWS_338"],
            attr("RetentionInDays", "retention_in_days", T::AtLeast(1.0), M::Fail)),
        check!("VIGIL-AWS-LOGS-002", Low, 311, "CloudWatch log group is not encrypted with KMS",
            "Log data uses the service default encryption; a KMS key controls who can read it.",
            "Set a KMS key on the log group.",
            cfn ["AWS::Logs::LogGroup"] "KmsKeyId: !GetAtt LogsKey.Arn",
            tf ["aws_cloudwatch_log_group"] "kms_key_id = aws_kms_key.logs.arn",
            refs [R_LOGS], aliases ["CKV_AWS_158", "aws-cloudwatch-log-group-customer-key"],
            attr("KmsKeyId", "kms_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-SM-001", Medium, 262, "Secrets Manager secret is not rotated",
            "A secret without a rotation schedule stays valid indefinitely after a leak.",
            "Add a rotation schedule.",
            cfn ["AWS::SecretsManager::Secret"] "RotationSchedule:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref Secret\n    HostedRotationLambda:\n      RotationType: PostgreSQLSingleUser\n    RotationRules:\n      AutomaticallyAfterDays: 30",
            tf ["aws_secretsmanager_secret"] "resource \"aws_secretsmanager_secret_rotation\" \"this\" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
            refs [R_SECM], aliases ["CKV2_AWS_57", "CKV_AWS_304"], Rule::Custom(secret_rotation)),
        check!("VIGIL-AWS-SM-002", Low, 311, "Secrets Manager secret uses the default key",
            "The secret is encrypted with aws/secretsmanager; a customer managed key controls who can decrypt it and allows cross-account use.",
            "Set a customer managed KMS key.",
            cfn ["AWS::SecretsManager::Secret"] "KmsKeyId: !Ref SecretsKey",
            tf ["aws_secretsmanager_secret"] "kms_key_id = aws_kms_key.secrets.arn",
            refs [R_SECM], aliases ["CKV_AWS_149"],
            attr("KmsKeyId", "kms_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-GLUE-001", High, 311, "Glue Data Catalog encryption is disabled",
            "Catalog metadata (table definitions, connection details) is stored unencrypted (the Amazon Inspector IaC rule).",
            "Set the catalog encryption mode to SSE-KMS.",
            cfn ["AWS::Glue::DataCatalogEncryptionSettings"] "DataCatalogEncryptionSettings:\n  EncryptionAtRest:\n    CatalogEncryptionMode: SSE-KMS\n    SseAwsKmsKeyId: !Ref GlueKey",
            tf ["aws_glue_data_catalog_encryption_settings"] "data_catalog_encryption_settings {\n  encryption_at_rest {\n    catalog_encryption_mode = \"SSE-KMS\"\n    sse_aws_kms_key_id      = aws_kms_key.glue.arn\n  }\n}",
            refs [R_GLUE], aliases ["CKV_AWS_94"],
            attr("DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode", "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode",
                 T::OneOf(&["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"]), M::Fail)),
        check!("VIGIL-AWS-GLUE-002", Medium, 311, "Glue connection passwords are not encrypted",
            "Connection passwords in the catalog are returned unencrypted to GetConnection callers.",
            "Enable ReturnConnectionPasswordEncrypted with a KMS key.",
            cfn ["AWS::Glue::DataCatalogEncryptionSettings"] "DataCatalogEncryptionSettings:\n  ConnectionPasswordEncryption:\n    ReturnConnectionPasswordEncrypted: true\n    KmsKeyId: !Ref GlueKey",
            tf ["aws_glue_data_catalog_encryption_settings"] "connection_password_encryption {\n  return_connection_password_encrypted = true\n  aws_kms_key_id                       = aws_kms_key.glue.arn\n}",
            refs [R_GLUE], aliases ["CKV_AWS_94"],
            attr("DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted",
                 "data_catalog_encryption_settings.connection_password_encryption.return_connection_password_encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-GLUE-003", Medium, 311, "Glue security configuration disables encryption",
            "S3 output, CloudWatch logs or job bookmarks written by Glue jobs are not encrypted.",
            "Enable SSE-KMS for S3, CloudWatch and job bookmark encryption.",
            cfn ["AWS::Glue::SecurityConfiguration"] "EncryptionConfiguration:\n  S3Encryptions:\n    - S3EncryptionMode: SSE-KMS\n      KmsKeyArn: !GetAtt GlueKey.Arn\n  CloudWatchEncryption:\n    CloudWatchEncryptionMode: SSE-KMS\n    KmsKeyArn: !GetAtt GlueKey.Arn\n  JobBookmarksEncryption:\n    JobBookmarksEncryptionMode: CSE-KMS\n    KmsKeyArn: !GetAtt GlueKey.Arn",
            tf ["aws_glue_security_configuration"] "encryption_configuration {\n  s3_encryption {\n    s3_encryption_mode = \"SSE-KMS\"\n    kms_key_arn        = aws_kms_key.glue.arn\n  }\n  cloudwatch_encryption {\n    cloudwatch_encryption_mode = \"SSE-KMS\"\n    kms_key_arn                = aws_kms_key.glue.arn\n  }\n  job_bookmarks_encryption {\n    job_bookmarks_encryption_mode = \"CSE-KMS\"\n    kms_key_arn                   = aws_kms_key.glue.arn\n  }\n}",
            refs [R_GLUE], aliases ["CKV_AWS_99"],
            attr("EncryptionConfiguration.S3Encryptions.S3EncryptionMode|EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode|EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode",
                 "encryption_configuration.s3_encryption.s3_encryption_mode|encryption_configuration.cloudwatch_encryption.cloudwatch_encryption_mode|encryption_configuration.job_bookmarks_encryption.job_bookmarks_encryption_mode",
                 T::NotEq("DISABLED"), M::Fail)),
        check!("VIGIL-AWS-GLUE-004", Low, 311, "Glue job has no security configuration",
            "Without a security configuration the job's output, logs and bookmarks are not encrypted.",
            "Attach a security configuration.",
            cfn ["AWS::Glue::Job"] "SecurityConfiguration: !Ref GlueSecurityConfiguration",
            tf ["aws_glue_job"] "security_configuration = aws_glue_security_configuration.this.name",
            refs [R_GLUE], aliases ["CKV_AWS_195"],
            attr("SecurityConfiguration", "security_configuration", T::Present, M::Fail)),
        check!("VIGIL-AWS-ATH-001", Medium, 311, "Athena workgroup query results are not encrypted",
            "Query results written to S3 are not encrypted by the workgroup.",
            "Configure result encryption (SSE_KMS).",
            cfn ["AWS::Athena::WorkGroup"] "WorkGroupConfiguration:\n  ResultConfiguration:\n    EncryptionConfiguration:\n      EncryptionOption: SSE_KMS\n      KmsKey: !Ref AthenaKey",
            tf ["aws_athena_workgroup"] "configuration {\n  result_configuration {\n    encryption_configuration {\n      encryption_option = \"SSE_KMS\"\n      kms_key_arn       = aws_kms_key.athena.arn\n    }\n  }\n}",
            refs [R_ATH], aliases ["CKV_AWS_159", "aws-athena-enable-at-rest-encryption"],
            attr("WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration", "configuration.result_configuration.encryption_configuration", T::Present, M::Fail)),
        check!("VIGIL-AWS-ATH-002", Low, 693, "Athena workgroup lets clients override its settings",
            "With EnforceWorkGroupConfiguration off, clients can turn off result encryption.",
            "Enforce the workgroup configuration.",
            cfn ["AWS::Athena::WorkGroup"] "WorkGroupConfiguration:\n  EnforceWorkGroupConfiguration: true",
            tf ["aws_athena_workgroup"] "configuration {\n  enforce_workgroup_configuration = true\n}",
            refs [R_ATH], aliases ["CKV_AWS_82", "aws-athena-no-encryption-override"],
            attr("WorkGroupConfiguration.EnforceWorkGroupConfiguration", "configuration.enforce_workgroup_configuration", T::True, M::Pass)),
        check!("VIGIL-AWS-ATH-003", Medium, 311, "Athena database is not encrypted",
            "The database's query results are not encrypted.",
            "Set an encryption configuration.",
            cfn [] "",
            tf ["aws_athena_database"] "encryption_configuration {\n  encryption_option = \"SSE_KMS\"\n  kms_key           = aws_kms_key.athena.arn\n}",
            refs [R_ATH], aliases ["CKV_AWS_77", "aws-athena-enable-at-rest-encryption"],
            attr("", "encryption_configuration", T::Present, M::Fail)),
        check!("VIGIL-AWS-TRANSFER-001", Medium, 319, "Transfer Family server allows plain FTP",
            "FTP sends credentials and files in clear text.",
            "Use SFTP or FTPS only.",
            cfn ["AWS::Transfer::Server"] "Protocols: [SFTP]",
            tf ["aws_transfer_server"] "protocols = [\"SFTP\"]",
            refs [R_TRANSFER], aliases [],
            attr("Protocols", "protocols", T::NotEq("FTP"), M::Pass)),
        check!("VIGIL-AWS-COGNITO-001", Low, 308, "Cognito user pool does not use MFA",
            "Accounts are protected by a password alone.",
            "Set MFA to ON or OPTIONAL.",
            cfn ["AWS::Cognito::UserPool"] "MfaConfiguration: 'ON'\nEnabledMfas: [SOFTWARE_TOKEN_MFA]",
            tf ["aws_cognito_user_pool"] "mfa_configuration = \"ON\"\nsoftware_token_mfa_configuration {\n  enabled = true\n}",
            refs [R_COGNITO], aliases [],
            attr("MfaConfiguration", "mfa_configuration", T::NotEq("OFF"), M::Fail)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-SQS-001", true, "AWS::SQS::Queue", "SqsManagedSseEnabled: false", true),
    ("VIGIL-AWS-SQS-001", true, "AWS::SQS::Queue", "QueueName: q", false),
    ("VIGIL-AWS-SQS-001", false, "aws_sqs_queue", "sqs_managed_sse_enabled = false", true),
    ("VIGIL-AWS-SQS-001", false, "aws_sqs_queue", "sqs_managed_sse_enabled = false\nkms_master_key_id = \"alias/aws/sqs\"", false),
    ("VIGIL-AWS-SQS-002", true, "AWS::SQS::QueuePolicy", "Queues: [q]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: sqs:SendMessage", true),
    ("VIGIL-AWS-SQS-002", true, "AWS::SQS::QueuePolicy", "Queues: [q]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: sqs:SendMessage\n      Condition: {ArnEquals: {aws:SourceArn: arn}}", false),
    ("VIGIL-AWS-SQS-002", false, "aws_sqs_queue_policy", "queue_url = \"q\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { AWS = \"*\" }, Action = \"sqs:*\" }] })", true),
    ("VIGIL-AWS-SQS-002", false, "aws_sqs_queue_policy", "queue_url = \"q\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { AWS = \"arn:aws:iam::1:root\" }, Action = \"sqs:*\" }] })", false),
    ("VIGIL-AWS-SNS-001", true, "AWS::SNS::Topic", "TopicName: t", true),
    ("VIGIL-AWS-SNS-001", true, "AWS::SNS::Topic", "KmsMasterKeyId: alias/aws/sns", false),
    ("VIGIL-AWS-SNS-001", false, "aws_sns_topic", "name = \"t\"", true),
    ("VIGIL-AWS-SNS-001", false, "aws_sns_topic", "kms_master_key_id = \"alias/aws/sns\"", false),
    ("VIGIL-AWS-SNS-002", true, "AWS::SNS::TopicPolicy", "Topics: [t]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: '*'}\n      Action: sns:Publish", true),
    ("VIGIL-AWS-SNS-002", true, "AWS::SNS::TopicPolicy", "Topics: [t]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: {Service: events.amazonaws.com}\n      Action: sns:Publish", false),
    ("VIGIL-AWS-SNS-002", false, "aws_sns_topic_policy", "arn = \"t\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"sns:Publish\" }] })", true),
    ("VIGIL-AWS-SNS-002", false, "aws_sns_topic_policy", "arn = \"t\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { Service = \"s3.amazonaws.com\" }, Action = \"sns:Publish\" }] })", false),
    ("VIGIL-AWS-SNS-003", true, "AWS::SNS::Subscription", "Protocol: http\nEndpoint: http://x\nTopicArn: t", true),
    ("VIGIL-AWS-SNS-003", true, "AWS::SNS::Subscription", "Protocol: https\nEndpoint: https://x\nTopicArn: t", false),
    ("VIGIL-AWS-SNS-003", false, "aws_sns_topic_subscription", "protocol = \"http\"\nendpoint = \"http://x\"", true),
    ("VIGIL-AWS-SNS-003", false, "aws_sns_topic_subscription", "protocol = \"sqs\"\nendpoint = \"arn\"", false),
    ("VIGIL-AWS-KIN-001", true, "AWS::Kinesis::Stream", "ShardCount: 1", true),
    ("VIGIL-AWS-KIN-001", true, "AWS::Kinesis::Stream", "StreamEncryption:\n  EncryptionType: KMS\n  KeyId: alias/aws/kinesis", false),
    ("VIGIL-AWS-KIN-001", false, "aws_kinesis_stream", "encryption_type = \"NONE\"", true),
    ("VIGIL-AWS-KIN-001", false, "aws_kinesis_stream", "encryption_type = \"KMS\"", false),
    ("VIGIL-AWS-FH-001", true, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamType: DirectPut", true),
    ("VIGIL-AWS-FH-001", true, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamType: KinesisStreamAsSource\nKinesisStreamSourceConfiguration:\n  KinesisStreamARN: arn\n  RoleARN: r", false),
    ("VIGIL-AWS-FH-001", false, "aws_kinesis_firehose_delivery_stream", "destination = \"extended_s3\"", true),
    ("VIGIL-AWS-FH-001", false, "aws_kinesis_firehose_delivery_stream", "destination = \"extended_s3\"\nserver_side_encryption {\n  enabled = true\n}", false),
    ("VIGIL-AWS-MSK-001", true, "AWS::MSK::Cluster", "EncryptionInfo:\n  EncryptionInTransit:\n    ClientBroker: TLS_PLAINTEXT", true),
    ("VIGIL-AWS-MSK-001", true, "AWS::MSK::Cluster", "EncryptionInfo:\n  EncryptionInTransit:\n    ClientBroker: TLS", false),
    ("VIGIL-AWS-MSK-001", false, "aws_msk_cluster", "encryption_info {\n  encryption_in_transit {\n    client_broker = \"PLAINTEXT\"\n  }\n}", true),
    ("VIGIL-AWS-MSK-001", false, "aws_msk_cluster", "cluster_name = \"c\"", false),
    ("VIGIL-AWS-MSK-002", true, "AWS::MSK::Cluster", "EncryptionInfo:\n  EncryptionInTransit:\n    InCluster: false", true),
    ("VIGIL-AWS-MSK-002", true, "AWS::MSK::Cluster", "EncryptionInfo:\n  EncryptionInTransit:\n    InCluster: true", false),
    ("VIGIL-AWS-MSK-002", false, "aws_msk_cluster", "encryption_info {\n  encryption_in_transit {\n    in_cluster = false\n  }\n}", true),
    ("VIGIL-AWS-MSK-002", false, "aws_msk_cluster", "encryption_info {\n  encryption_in_transit {\n    in_cluster = true\n  }\n}", false),
    ("VIGIL-AWS-MSK-003", true, "AWS::MSK::Cluster", "ClusterName: c", true),
    ("VIGIL-AWS-MSK-003", true, "AWS::MSK::Cluster", "EncryptionInfo:\n  EncryptionAtRest:\n    DataVolumeKMSKeyId: k", false),
    ("VIGIL-AWS-MSK-003", false, "aws_msk_cluster", "cluster_name = \"c\"", true),
    ("VIGIL-AWS-MSK-003", false, "aws_msk_cluster", "encryption_info {\n  encryption_at_rest_kms_key_arn = \"k\"\n}", false),
    ("VIGIL-AWS-MSK-004", true, "AWS::MSK::Cluster", "ClusterName: c", true),
    ("VIGIL-AWS-MSK-004", true, "AWS::MSK::Cluster", "LoggingInfo:\n  BrokerLogs:\n    CloudWatchLogs: {Enabled: true, LogGroup: g}", false),
    ("VIGIL-AWS-MSK-004", false, "aws_msk_cluster", "cluster_name = \"c\"", true),
    ("VIGIL-AWS-MSK-004", false, "aws_msk_cluster", "logging_info {\n  broker_logs {\n    cloudwatch_logs {\n      enabled = true\n    }\n  }\n}", false),
    ("VIGIL-AWS-MQ-001", true, "AWS::AmazonMQ::Broker", "PubliclyAccessible: true", true),
    ("VIGIL-AWS-MQ-001", true, "AWS::AmazonMQ::Broker", "PubliclyAccessible: false", false),
    ("VIGIL-AWS-MQ-001", false, "aws_mq_broker", "publicly_accessible = true", true),
    ("VIGIL-AWS-MQ-001", false, "aws_mq_broker", "publicly_accessible = false", false),
    ("VIGIL-AWS-MQ-002", true, "AWS::AmazonMQ::Broker", "BrokerName: b", true),
    ("VIGIL-AWS-MQ-002", true, "AWS::AmazonMQ::Broker", "Logs:\n  General: true", false),
    ("VIGIL-AWS-MQ-002", false, "aws_mq_broker", "broker_name = \"b\"", true),
    ("VIGIL-AWS-MQ-002", false, "aws_mq_broker", "logs {\n  general = true\n}", false),
    ("VIGIL-AWS-DMS-001", true, "AWS::DMS::ReplicationInstance", "PubliclyAccessible: true", true),
    ("VIGIL-AWS-DMS-001", true, "AWS::DMS::ReplicationInstance", "PubliclyAccessible: false", false),
    ("VIGIL-AWS-DMS-001", false, "aws_dms_replication_instance", "publicly_accessible = true", true),
    ("VIGIL-AWS-DMS-001", false, "aws_dms_replication_instance", "publicly_accessible = false", false),
    ("VIGIL-AWS-KMS-001", true, "AWS::KMS::Key", "Description: k", true),
    ("VIGIL-AWS-KMS-001", true, "AWS::KMS::Key", "KeySpec: RSA_2048\nKeyUsage: SIGN_VERIFY", false),
    ("VIGIL-AWS-KMS-001", false, "aws_kms_key", "enable_key_rotation = false", true),
    ("VIGIL-AWS-KMS-001", false, "aws_kms_key", "enable_key_rotation = true", false),
    ("VIGIL-AWS-KMS-002", true, "AWS::KMS::Key", "EnableKeyRotation: true\nKeyPolicy:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: '*'}\n      Action: kms:*\n      Resource: '*'", true),
    ("VIGIL-AWS-KMS-002", true, "AWS::KMS::Key", "EnableKeyRotation: true\nKeyPolicy:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: '*'}\n      Action: kms:Decrypt\n      Resource: '*'\n      Condition: {StringEquals: {kms:CallerAccount: '111122223333'}}", false),
    ("VIGIL-AWS-KMS-002", false, "aws_kms_key", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"kms:*\", Resource = \"*\" }] })", true),
    ("VIGIL-AWS-KMS-002", false, "aws_kms_key", "policy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = { AWS = \"arn:aws:iam::1:root\" }, Action = \"kms:*\", Resource = \"*\" }] })", false),
    ("VIGIL-AWS-CT-001", true, "AWS::CloudTrail::Trail", "IsLogging: false", true),
    ("VIGIL-AWS-CT-001", true, "AWS::CloudTrail::Trail", "IsLogging: true", false),
    ("VIGIL-AWS-CT-001", false, "aws_cloudtrail", "enable_logging = false", true),
    ("VIGIL-AWS-CT-001", false, "aws_cloudtrail", "name = \"t\"", false),
    ("VIGIL-AWS-CT-002", true, "AWS::CloudTrail::Trail", "IsLogging: true", true),
    ("VIGIL-AWS-CT-002", true, "AWS::CloudTrail::Trail", "IsMultiRegionTrail: true", false),
    ("VIGIL-AWS-CT-002", false, "aws_cloudtrail", "is_multi_region_trail = false", true),
    ("VIGIL-AWS-CT-002", false, "aws_cloudtrail", "is_multi_region_trail = true", false),
    ("VIGIL-AWS-CT-003", true, "AWS::CloudTrail::Trail", "IsLogging: true", true),
    ("VIGIL-AWS-CT-003", true, "AWS::CloudTrail::Trail", "EnableLogFileValidation: true", false),
    ("VIGIL-AWS-CT-003", false, "aws_cloudtrail", "name = \"t\"", true),
    ("VIGIL-AWS-CT-003", false, "aws_cloudtrail", "enable_log_file_validation = true", false),
    ("VIGIL-AWS-CT-004", true, "AWS::CloudTrail::Trail", "IsLogging: true", true),
    ("VIGIL-AWS-CT-004", true, "AWS::CloudTrail::Trail", "KMSKeyId: k", false),
    ("VIGIL-AWS-CT-004", false, "aws_cloudtrail", "name = \"t\"", true),
    ("VIGIL-AWS-CT-004", false, "aws_cloudtrail", "kms_key_id = \"k\"", false),
    ("VIGIL-AWS-CT-005", true, "", "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref Logs\n", true),
    ("VIGIL-AWS-CT-005", true, "", "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref Logs\n", false),
    ("VIGIL-AWS-CT-005", false, "", "resource \"aws_s3_bucket\" \"logs\" {}\nresource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.logs.id\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"*\" }] })\n}\nresource \"aws_cloudtrail\" \"t\" {\n  s3_bucket_name = aws_s3_bucket.logs.id\n}", true),
    ("VIGIL-AWS-CT-005", false, "", "resource \"aws_s3_bucket\" \"logs\" {}\nresource \"aws_cloudtrail\" \"t\" {\n  s3_bucket_name = aws_s3_bucket.logs.id\n}", false),
    ("VIGIL-AWS-CT-006", true, "AWS::CloudTrail::Trail", "IsLogging: true", true),
    ("VIGIL-AWS-CT-006", true, "AWS::CloudTrail::Trail", "CloudWatchLogsLogGroupArn: arn", false),
    ("VIGIL-AWS-CT-006", false, "aws_cloudtrail", "name = \"t\"", true),
    ("VIGIL-AWS-CT-006", false, "aws_cloudtrail", "cloud_watch_logs_group_arn = \"arn\"", false),
    ("VIGIL-AWS-LOGS-001", true, "AWS::Logs::LogGroup", "LogGroupName: g", true),
    ("VIGIL-AWS-LOGS-001", true, "AWS::Logs::LogGroup", "RetentionInDays: 30", false),
    ("VIGIL-AWS-LOGS-001", false, "aws_cloudwatch_log_group", "name = \"g\"", true),
    ("VIGIL-AWS-LOGS-001", false, "aws_cloudwatch_log_group", "retention_in_days = 30", false),
    ("VIGIL-AWS-LOGS-002", true, "AWS::Logs::LogGroup", "LogGroupName: g", true),
    ("VIGIL-AWS-LOGS-002", true, "AWS::Logs::LogGroup", "KmsKeyId: arn", false),
    ("VIGIL-AWS-LOGS-002", false, "aws_cloudwatch_log_group", "name = \"g\"", true),
    ("VIGIL-AWS-LOGS-002", false, "aws_cloudwatch_log_group", "kms_key_id = \"arn\"", false),
    ("VIGIL-AWS-SM-001", true, "AWS::SecretsManager::Secret", "Name: s", true),
    ("VIGIL-AWS-SM-001", true, "", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n  R:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref S\n", false),
    ("VIGIL-AWS-SM-001", false, "aws_secretsmanager_secret", "name = \"s\"", true),
    ("VIGIL-AWS-SM-001", false, "", "resource \"aws_secretsmanager_secret\" \"s\" {}\nresource \"aws_secretsmanager_secret_rotation\" \"r\" {\n  secret_id = aws_secretsmanager_secret.s.id\n}", false),
    ("VIGIL-AWS-SM-002", true, "AWS::SecretsManager::Secret", "Name: s", true),
    ("VIGIL-AWS-SM-002", true, "AWS::SecretsManager::Secret", "KmsKeyId: k", false),
    ("VIGIL-AWS-SM-002", false, "aws_secretsmanager_secret", "name = \"s\"", true),
    ("VIGIL-AWS-SM-002", false, "aws_secretsmanager_secret", "kms_key_id = \"k\"", false),
    ("VIGIL-AWS-GLUE-001", true, "AWS::Glue::DataCatalogEncryptionSettings", "CatalogId: '1'\nDataCatalogEncryptionSettings:\n  EncryptionAtRest:\n    CatalogEncryptionMode: DISABLED", true),
    ("VIGIL-AWS-GLUE-001", true, "AWS::Glue::DataCatalogEncryptionSettings", "CatalogId: '1'\nDataCatalogEncryptionSettings:\n  EncryptionAtRest:\n    CatalogEncryptionMode: SSE-KMS", false),
    ("VIGIL-AWS-GLUE-001", false, "aws_glue_data_catalog_encryption_settings", "data_catalog_encryption_settings {\n  encryption_at_rest {\n    catalog_encryption_mode = \"DISABLED\"\n  }\n}", true),
    ("VIGIL-AWS-GLUE-001", false, "aws_glue_data_catalog_encryption_settings", "data_catalog_encryption_settings {\n  encryption_at_rest {\n    catalog_encryption_mode = \"SSE-KMS\"\n  }\n}", false),
    ("VIGIL-AWS-GLUE-002", true, "AWS::Glue::DataCatalogEncryptionSettings", "CatalogId: '1'\nDataCatalogEncryptionSettings:\n  ConnectionPasswordEncryption:\n    ReturnConnectionPasswordEncrypted: false", true),
    ("VIGIL-AWS-GLUE-002", true, "AWS::Glue::DataCatalogEncryptionSettings", "CatalogId: '1'\nDataCatalogEncryptionSettings:\n  ConnectionPasswordEncryption:\n    ReturnConnectionPasswordEncrypted: true", false),
    ("VIGIL-AWS-GLUE-002", false, "aws_glue_data_catalog_encryption_settings", "data_catalog_encryption_settings {\n  encryption_at_rest {\n    catalog_encryption_mode = \"SSE-KMS\"\n  }\n}", true),
    ("VIGIL-AWS-GLUE-002", false, "aws_glue_data_catalog_encryption_settings", "data_catalog_encryption_settings {\n  connection_password_encryption {\n    return_connection_password_encrypted = true\n  }\n}", false),
    ("VIGIL-AWS-GLUE-003", true, "AWS::Glue::SecurityConfiguration", "Name: n\nEncryptionConfiguration:\n  S3Encryptions:\n    - S3EncryptionMode: DISABLED", true),
    ("VIGIL-AWS-GLUE-003", true, "AWS::Glue::SecurityConfiguration", "Name: n\nEncryptionConfiguration:\n  S3Encryptions:\n    - S3EncryptionMode: SSE-KMS", false),
    ("VIGIL-AWS-GLUE-003", false, "aws_glue_security_configuration", "name = \"n\"\nencryption_configuration {\n  cloudwatch_encryption {\n    cloudwatch_encryption_mode = \"DISABLED\"\n  }\n}", true),
    ("VIGIL-AWS-GLUE-003", false, "aws_glue_security_configuration", "name = \"n\"\nencryption_configuration {\n  s3_encryption {\n    s3_encryption_mode = \"SSE-S3\"\n  }\n}", false),
    ("VIGIL-AWS-GLUE-004", true, "AWS::Glue::Job", "Role: r\nCommand: {Name: glueetl}", true),
    ("VIGIL-AWS-GLUE-004", true, "AWS::Glue::Job", "Role: r\nSecurityConfiguration: sc", false),
    ("VIGIL-AWS-GLUE-004", false, "aws_glue_job", "name = \"j\"", true),
    ("VIGIL-AWS-GLUE-004", false, "aws_glue_job", "security_configuration = \"sc\"", false),
    ("VIGIL-AWS-ATH-001", true, "AWS::Athena::WorkGroup", "Name: w", true),
    ("VIGIL-AWS-ATH-001", true, "AWS::Athena::WorkGroup", "Name: w\nWorkGroupConfiguration:\n  ResultConfiguration:\n    EncryptionConfiguration:\n      EncryptionOption: SSE_S3", false),
    ("VIGIL-AWS-ATH-001", false, "aws_athena_workgroup", "name = \"w\"", true),
    ("VIGIL-AWS-ATH-001", false, "aws_athena_workgroup", "configuration {\n  result_configuration {\n    encryption_configuration {\n      encryption_option = \"SSE_S3\"\n    }\n  }\n}", false),
    ("VIGIL-AWS-ATH-002", true, "AWS::Athena::WorkGroup", "WorkGroupConfiguration:\n  EnforceWorkGroupConfiguration: false", true),
    ("VIGIL-AWS-ATH-002", true, "AWS::Athena::WorkGroup", "WorkGroupConfiguration:\n  EnforceWorkGroupConfiguration: true", false),
    ("VIGIL-AWS-ATH-002", false, "aws_athena_workgroup", "configuration {\n  enforce_workgroup_configuration = false\n}", true),
    ("VIGIL-AWS-ATH-002", false, "aws_athena_workgroup", "name = \"w\"", false),
    ("VIGIL-AWS-ATH-003", false, "aws_athena_database", "name = \"d\"\nbucket = \"b\"", true),
    ("VIGIL-AWS-ATH-003", false, "aws_athena_database", "name = \"d\"\nencryption_configuration {\n  encryption_option = \"SSE_S3\"\n}", false),
    ("VIGIL-AWS-TRANSFER-001", true, "AWS::Transfer::Server", "Protocols: [SFTP, FTP]", true),
    ("VIGIL-AWS-TRANSFER-001", true, "AWS::Transfer::Server", "Protocols: [SFTP]", false),
    ("VIGIL-AWS-TRANSFER-001", false, "aws_transfer_server", "protocols = [\"FTP\"]", true),
    ("VIGIL-AWS-TRANSFER-001", false, "aws_transfer_server", "protocols = [\"SFTP\", \"FTPS\"]", false),
    ("VIGIL-AWS-COGNITO-001", true, "AWS::Cognito::UserPool", "UserPoolName: p", true),
    ("VIGIL-AWS-COGNITO-001", true, "AWS::Cognito::UserPool", "MfaConfiguration: OPTIONAL", false),
    ("VIGIL-AWS-COGNITO-001", false, "aws_cognito_user_pool", "mfa_configuration = \"OFF\"", true),
    ("VIGIL-AWS-COGNITO-001", false, "aws_cognito_user_pool", "mfa_configuration = \"ON\"", false),
];
