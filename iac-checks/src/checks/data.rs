//! Data stores: RDS/Aurora, EBS, EFS, FSx, DynamoDB, Redshift, ElastiCache,
//! OpenSearch/Elasticsearch, Neptune, DocumentDB, Backup, WorkSpaces.

use vigil_parsers::iac::{Format, Resource};

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit, present};

use super::{attr, attr_unless, check};

const R_RDS: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_BestPractices.Security.html";
const R_EBS: &str = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html";
const R_EFS: &str = "https://docs.aws.amazon.com/efs/latest/ug/encryption.html";
const R_FSX: &str = "https://docs.aws.amazon.com/fsx/latest/WindowsGuide/encryption-at-rest.html";
const R_DDB: &str =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/best-practices-security.html";
const R_RS: &str =
    "https://docs.aws.amazon.com/redshift/latest/mgmt/security-server-side-encryption.html";
const R_EC: &str = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html";
const R_OS: &str =
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/security.html";
const R_NEP: &str = "https://docs.aws.amazon.com/neptune/latest/userguide/security.html";
const R_DOC: &str = "https://docs.aws.amazon.com/documentdb/latest/developerguide/security.html";
const R_BACKUP: &str = "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html";
const R_WS: &str =
    "https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html";

const RDS_I_CFN: &[&str] = &["AWS::RDS::DBInstance"];
const RDS_I_TF: &[&str] = &["aws_db_instance"];
const RDS_CFN: &[&str] = &["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"];
const RDS_TF: &[&str] = &["aws_db_instance", "aws_rds_cluster"];
/// Aurora cluster members inherit storage, backup and logging settings from the cluster.
const MEMBER: &[(&str, &str)] = &[("DBClusterIdentifier", "cluster_identifier")];
const OS_CFN: &[&str] = &[
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
];
const OS_TF: &[&str] = &["aws_opensearch_domain", "aws_elasticsearch_domain"];

fn backup_retention(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    if r.format == Format::CloudFormation
        && present(r, "DBClusterIdentifier") != Some(false)
        && r.kind == "AWS::RDS::DBInstance"
    {
        return Vec::new();
    }
    let path = if r.format == Format::CloudFormation {
        "BackupRetentionPeriod"
    } else {
        "backup_retention_period"
    };
    r.find(path)
        .into_iter()
        .flat_map(|n| n.alternatives())
        .filter(|n| n.as_f64().is_some_and(|d| d < 7.0))
        .map(|n| hit(n, path))
        .collect()
}

fn rds_iam_auth(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (engine, flag, member) = match r.format {
        Format::CloudFormation => (
            "Engine",
            "EnableIAMDatabaseAuthentication",
            "DBClusterIdentifier",
        ),
        Format::Terraform => (
            "engine",
            "iam_database_authentication_enabled",
            "cluster_identifier",
        ),
    };
    if present(r, member) != Some(false) {
        return Vec::new();
    }
    // IAM authentication exists for MySQL, MariaDB and PostgreSQL engines only.
    let engine_ok = r.get(engine).and_then(|e| e.as_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        e.contains("mysql") || e.contains("postgres") || e.contains("mariadb")
    });
    if !engine_ok {
        return Vec::new();
    }
    match r.properties.get(flag) {
        None => vec![Hit {
            line: r.span.start,
            path: flag.into(),
        }],
        Some(n) if n.as_bool() == Some(false) => vec![hit(n, flag)],
        _ => Vec::new(),
    }
}

fn docdb_tls(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    match r.format {
        Format::CloudFormation => r
            .find("Parameters.tls")
            .into_iter()
            .filter(|n| {
                n.as_str()
                    .is_some_and(|v| v.eq_ignore_ascii_case("disabled"))
            })
            .map(|n| hit(n, "Parameters.tls"))
            .collect(),
        Format::Terraform => r
            .find("parameter")
            .into_iter()
            .filter(|p| p.get("name").and_then(|n| n.as_str()) == Some("tls"))
            .filter_map(|p| p.get("value"))
            .filter(|v| {
                v.as_str()
                    .is_some_and(|v| v.eq_ignore_ascii_case("disabled"))
            })
            .map(|v| hit(v, "parameter.value"))
            .collect(),
    }
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-RDS-001", High, 311, "RDS instance storage is not encrypted",
            "Unencrypted database storage, snapshots and replicas expose data to anyone who obtains the volume or a snapshot copy; encryption cannot be turned on later without a restore.",
            "Enable storage encryption (optionally with a customer managed KMS key).",
            cfn RDS_I_CFN "StorageEncrypted: true\nKmsKeyId: !Ref DbKey",
            tf RDS_I_TF "storage_encrypted = true\nkms_key_id        = aws_kms_key.db.arn",
            refs [R_RDS], aliases ["CKV_AWS_16", "aws-rds-encrypt-instance-storage-data", "F26"],
            attr_unless("StorageEncrypted", "storage_encrypted", T::True, M::Fail, MEMBER)),
        check!("VIGIL-AWS-RDS-002", High, 311, "Aurora/RDS cluster storage is not encrypted",
            "The cluster volume and its snapshots are stored unencrypted.",
            "Enable storage encryption on the cluster.",
            cfn ["AWS::RDS::DBCluster"] "StorageEncrypted: true",
            tf ["aws_rds_cluster"] "storage_encrypted = true",
            refs [R_RDS], aliases ["CKV_AWS_96", "aws-rds-encrypt-cluster-storage-data"],
            attr("StorageEncrypted", "storage_encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-RDS-003", High, 284, "RDS instance is publicly accessible",
            "A publicly accessible instance gets a public DNS name and IP; one security group mistake exposes the database to the internet.",
            "Set PubliclyAccessible to false and reach the database from inside the VPC.",
            cfn RDS_I_CFN "PubliclyAccessible: false",
            tf ["aws_db_instance", "aws_rds_cluster_instance"] "publicly_accessible = false",
            refs [R_RDS], aliases ["CKV_AWS_17", "aws-rds-no-public-db-access", "F22"],
            attr("PubliclyAccessible", "publicly_accessible", T::False, M::Pass)),
        check!("VIGIL-AWS-RDS-004", Medium, 693, "RDS backup retention is shorter than 7 days",
            "Backups are disabled or kept for less than a week, limiting recovery from corruption or ransomware.",
            "Keep automated backups for at least 7 days.",
            cfn RDS_CFN "BackupRetentionPeriod: 7",
            tf RDS_TF "backup_retention_period = 7",
            refs [R_RDS], aliases ["CKV_AWS_133", "aws-rds-specify-backup-retention"], Rule::Custom(backup_retention)),
        check!("VIGIL-AWS-RDS-005", Low, 693, "RDS deletion protection is off",
            "The database can be deleted by a single mistaken change or stack deletion.",
            "Enable deletion protection.",
            cfn RDS_CFN "DeletionProtection: true",
            tf RDS_TF "deletion_protection = true",
            refs [R_RDS], aliases ["CKV_AWS_293", "CKV_AWS_139"],
            attr_unless("DeletionProtection", "deletion_protection", T::True, M::Fail, MEMBER)),
        check!("VIGIL-AWS-RDS-006", Low, 287, "RDS IAM database authentication is off",
            "Without IAM authentication every client uses long-lived database passwords.",
            "Enable IAM database authentication.",
            cfn RDS_CFN "EnableIAMDatabaseAuthentication: true",
            tf ["aws_db_instance", "aws_rds_cluster"] "iam_database_authentication_enabled = true",
            refs [R_RDS], aliases ["CKV_AWS_161", "CKV_AWS_162", "aws-rds-enable-iam-auth"], Rule::Custom(rds_iam_auth)),
        check!("VIGIL-AWS-RDS-007", Low, 1104, "RDS automatic minor version upgrades are off",
            "Minor versions carry security fixes; with upgrades off the engine stays vulnerable.",
            "Enable automatic minor version upgrades.",
            cfn RDS_I_CFN "AutoMinorVersionUpgrade: true",
            tf ["aws_db_instance", "aws_rds_cluster_instance"] "auto_minor_version_upgrade = true",
            refs [R_RDS], aliases ["CKV_AWS_226"],
            attr("AutoMinorVersionUpgrade", "auto_minor_version_upgrade", T::True, M::Pass)),
        check!("VIGIL-AWS-RDS-008", Low, 778, "RDS logs are not exported to CloudWatch",
            "Database logs (audit, error, general) are not exported, so access and failures cannot be investigated.",
            "Export the engine's logs to CloudWatch Logs.",
            cfn RDS_CFN "EnableCloudwatchLogsExports: [error, general, slowquery]",
            tf RDS_TF "enabled_cloudwatch_logs_exports = [\"error\", \"general\", \"slowquery\"]",
            refs [R_RDS], aliases ["CKV_AWS_129", "CKV_AWS_324"],
            attr_unless("EnableCloudwatchLogsExports", "enabled_cloudwatch_logs_exports", T::Present, M::Fail, MEMBER)),
        check!("VIGIL-AWS-EBS-001", High, 311, "EBS volume is not encrypted",
            "An unencrypted volume and its snapshots expose data to anyone who can copy or share them.",
            "Enable encryption on the volume (or account-level EBS encryption by default).",
            cfn ["AWS::EC2::Volume"] "Encrypted: true",
            tf ["aws_ebs_volume"] "encrypted = true",
            refs [R_EBS], aliases ["CKV_AWS_3", "aws-ebs-enable-volume-encryption", "F1"],
            attr("Encrypted", "encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-EBS-002", High, 311, "Instance or launch template block device is not encrypted",
            "A block device mapping declares an EBS volume without encryption.",
            "Set Encrypted: true on every EBS block device mapping.",
            cfn ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"] "BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      Encrypted: true",
            tf ["aws_instance", "aws_launch_template", "aws_launch_configuration"] "root_block_device {\n  encrypted = true\n}",
            refs [R_EBS], aliases ["CKV_AWS_8", "aws-ec2-enable-at-rest-encryption", "aws-ec2-enable-launch-config-at-rest-encryption"],
            attr("BlockDeviceMappings.Ebs.Encrypted|LaunchTemplateData.BlockDeviceMappings.Ebs.Encrypted",
                 "root_block_device.encrypted|ebs_block_device.encrypted|block_device_mappings.ebs.encrypted", T::True, M::FailIfParent)),
        check!("VIGIL-AWS-EBS-003", Medium, 311, "EBS encryption by default is turned off",
            "The account-level setting that encrypts every new volume is disabled.",
            "Enable EBS encryption by default.",
            cfn [] "",
            tf ["aws_ebs_encryption_by_default"] "enabled = true",
            refs [R_EBS], aliases ["CKV_AWS_106"],
            attr("", "enabled", T::True, M::Pass)),
        check!("VIGIL-AWS-EFS-001", High, 311, "EFS file system is not encrypted",
            "File system data at rest is not encrypted; encryption can only be chosen at creation.",
            "Create the file system with encryption enabled.",
            cfn ["AWS::EFS::FileSystem"] "Encrypted: true",
            tf ["aws_efs_file_system"] "encrypted = true",
            refs [R_EFS], aliases ["CKV_AWS_42", "aws-efs-enable-at-rest-encryption"],
            attr("Encrypted", "encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-FSX-001", Low, 311, "FSx file system is not encrypted with a customer managed key",
            "FSx encrypts with an AWS managed key by default; a customer managed key gives control over access and rotation.",
            "Set a customer managed KMS key.",
            cfn ["AWS::FSx::FileSystem"] "KmsKeyId: !Ref FsxKey",
            tf ["aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_fsx_lustre_file_system"] "kms_key_id = aws_kms_key.fsx.arn",
            refs [R_FSX], aliases ["CKV_AWS_179", "CKV_AWS_178"],
            attr("KmsKeyId", "kms_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-DDB-001", Low, 311, "DynamoDB table is not encrypted with a KMS key",
            "The table uses the AWS owned key; a KMS key adds access control and audit of key use.",
            "Enable SSE with KMS.",
            cfn ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"] "SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS",
            tf ["aws_dynamodb_table"] "server_side_encryption {\n  enabled     = true\n  kms_key_arn = aws_kms_key.ddb.arn\n}",
            refs [R_DDB], aliases ["CKV_AWS_119", "aws-dynamodb-table-customer-key"],
            attr("SSESpecification.SSEEnabled", "server_side_encryption.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-DDB-002", Medium, 693, "DynamoDB point-in-time recovery is off",
            "Without PITR, accidental writes and deletes cannot be rolled back.",
            "Enable point-in-time recovery.",
            cfn ["AWS::DynamoDB::Table"] "PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true",
            tf ["aws_dynamodb_table"] "point_in_time_recovery {\n  enabled = true\n}",
            refs [R_DDB], aliases ["CKV_AWS_28", "aws-dynamodb-enable-recovery"],
            attr("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", "point_in_time_recovery.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-DDB-003", Medium, 311, "DAX cluster is not encrypted at rest",
            "The DynamoDB Accelerator cache stores table data unencrypted.",
            "Enable server-side encryption on the DAX cluster.",
            cfn ["AWS::DAX::Cluster"] "SSESpecification:\n  SSEEnabled: true",
            tf ["aws_dax_cluster"] "server_side_encryption {\n  enabled = true\n}",
            refs [R_DDB], aliases ["CKV_AWS_47", "aws-dynamodb-enable-at-rest-encryption"],
            attr("SSESpecification.SSEEnabled", "server_side_encryption.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-DDB-004", Low, 693, "DynamoDB table deletion protection is off",
            "The table can be deleted by a single mistaken change.",
            "Enable deletion protection.",
            cfn ["AWS::DynamoDB::Table"] "DeletionProtectionEnabled: true",
            tf ["aws_dynamodb_table"] "deletion_protection_enabled = true",
            refs [R_DDB], aliases [],
            attr("DeletionProtectionEnabled", "deletion_protection_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-RS-001", High, 311, "Redshift cluster is not encrypted",
            "Warehouse data and snapshots are stored unencrypted.",
            "Enable encryption (with a KMS key).",
            cfn ["AWS::Redshift::Cluster"] "Encrypted: true\nKmsKeyId: !Ref RedshiftKey",
            tf ["aws_redshift_cluster"] "encrypted  = true\nkms_key_id = aws_kms_key.redshift.arn",
            refs [R_RS], aliases ["CKV_AWS_64"],
            attr("Encrypted", "encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-RS-002", High, 284, "Redshift cluster is publicly accessible",
            "The cluster gets a public endpoint reachable from the internet.",
            "Set PubliclyAccessible to false.",
            cfn ["AWS::Redshift::Cluster"] "PubliclyAccessible: false",
            tf ["aws_redshift_cluster"] "publicly_accessible = false",
            refs [R_RS], aliases ["CKV_AWS_87"],
            attr("PubliclyAccessible", "publicly_accessible", T::False, M::Pass)),
        check!("VIGIL-AWS-RS-003", Low, 778, "Redshift audit logging is off",
        "Connection and user activity logs are not kept.",
        "Enable audit logging.",
        cfn ["AWS::Redshift::Cluster"] "LoggingProperties:\n  BucketName: !Ref AuditBucket",
        tf ["aws_redshift_cluster"] "resource \"aws_redshift_logging\" \"this\" {\n  cluster_identifier   = aws_redshift_cluster.this.id\n  log_destination_type = \"cloudwatch\"\n  log_exports          = [\"connectionlog\", \"userlog\", \"useractivitylog\"]\n}",
        refs [R_RS], aliases ["CKV_AWS_71"],
        Rule::Custom(|ctx, r| {
            let ok = match r.format {
                Format::CloudFormation => present(r, "LoggingProperties") != Some(false),
                Format::Terraform => {
                    r.find("logging.enable").iter().any(|n| n.as_bool() != Some(false))
                        || ctx.model.referring(r, "aws_redshift_logging").next().is_some()
                }
            };
            if ok { Vec::new() } else { vec![Hit { line: r.span.start, path: "logging".into() }] }
        })),
        check!("VIGIL-AWS-RS-004", Low, 1104, "Redshift version upgrades are off",
            "The cluster does not receive engine upgrades with security fixes.",
            "Allow version upgrades.",
            cfn ["AWS::Redshift::Cluster"] "AllowVersionUpgrade: true",
            tf ["aws_redshift_cluster"] "allow_version_upgrade = true",
            refs [R_RS], aliases ["CKV_AWS_141"],
            attr("AllowVersionUpgrade", "allow_version_upgrade", T::True, M::Pass)),
        check!("VIGIL-AWS-EC-001", Medium, 311, "ElastiCache replication group is not encrypted at rest",
            "Cached data, swap and backups are stored unencrypted.",
            "Enable at-rest encryption.",
            cfn ["AWS::ElastiCache::ReplicationGroup"] "AtRestEncryptionEnabled: true",
            tf ["aws_elasticache_replication_group"] "at_rest_encryption_enabled = true",
            refs [R_EC], aliases ["CKV_AWS_29", "aws-elasticache-enable-at-rest-encryption"],
            attr("AtRestEncryptionEnabled", "at_rest_encryption_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-EC-002", High, 319, "ElastiCache replication group is not encrypted in transit",
            "Clients talk to the cache in clear text.",
            "Enable in-transit encryption.",
            cfn ["AWS::ElastiCache::ReplicationGroup"] "TransitEncryptionEnabled: true",
            tf ["aws_elasticache_replication_group"] "transit_encryption_enabled = true",
            refs [R_EC], aliases ["CKV_AWS_30", "aws-elasticache-enable-in-transit-encryption"],
            attr("TransitEncryptionEnabled", "transit_encryption_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-EC-003", Medium, 306, "ElastiCache Redis has no AUTH token or user group",
            "Anyone who can reach the endpoint can run commands.",
            "Set an AUTH token (from Secrets Manager) or RBAC user groups.",
            cfn ["AWS::ElastiCache::ReplicationGroup"] "AuthToken: '{{resolve:secretsmanager:redis-auth}}'",
            tf ["aws_elasticache_replication_group"] "auth_token = random_password.redis.result",
            refs [R_EC], aliases ["CKV_AWS_31"],
            attr_unless("AuthToken", "auth_token", T::Present, M::Fail, &[("UserGroupIds", "user_group_ids")])),
        check!("VIGIL-AWS-EC-004", Low, 693, "ElastiCache automatic backups are off",
            "Snapshot retention is 0, so there is no backup to restore from.",
            "Set a snapshot retention limit of at least 1 day.",
            cfn ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"] "SnapshotRetentionLimit: 7",
            tf ["aws_elasticache_replication_group", "aws_elasticache_cluster"] "snapshot_retention_limit = 7",
            refs [R_EC], aliases ["CKV_AWS_134"],
            attr("SnapshotRetentionLimit", "snapshot_retention_limit", T::AtLeast(1.0), M::Pass)),
        check!("VIGIL-AWS-OS-001", High, 311, "OpenSearch domain is not encrypted at rest",
            "Indexes, logs, swap and snapshots are stored unencrypted.",
            "Enable encryption at rest.",
            cfn OS_CFN "EncryptionAtRestOptions:\n  Enabled: true",
            tf OS_TF "encrypt_at_rest {\n  enabled = true\n}",
            refs [R_OS], aliases ["CKV_AWS_5", "aws-elastic-search-enable-domain-encryption"],
            attr("EncryptionAtRestOptions.Enabled", "encrypt_at_rest.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-OS-002", Medium, 319, "OpenSearch node-to-node encryption is off",
            "Traffic between the domain's nodes is not encrypted.",
            "Enable node-to-node encryption.",
            cfn OS_CFN "NodeToNodeEncryptionOptions:\n  Enabled: true",
            tf OS_TF "node_to_node_encryption {\n  enabled = true\n}",
            refs [R_OS], aliases ["CKV_AWS_6", "aws-elastic-search-enable-in-transit-encryption"],
            attr("NodeToNodeEncryptionOptions.Enabled", "node_to_node_encryption.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-OS-003", High, 319, "OpenSearch domain does not enforce HTTPS",
            "Clients can send queries and credentials over plain HTTP.",
            "Enforce HTTPS on the domain endpoint.",
            cfn OS_CFN "DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07",
            tf OS_TF "domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\"\n}",
            refs [R_OS], aliases ["CKV_AWS_83", "aws-elastic-search-enforce-https"],
            attr("DomainEndpointOptions.EnforceHTTPS", "domain_endpoint_options.enforce_https", T::True, M::Fail)),
        check!("VIGIL-AWS-OS-004", Medium, 326, "OpenSearch domain accepts TLS older than 1.2",
            "The endpoint's TLS policy (default Policy-Min-TLS-1-0-2019-07) accepts TLS 1.0 and 1.1.",
            "Use Policy-Min-TLS-1-2-2019-07 or newer.",
            cfn OS_CFN "DomainEndpointOptions:\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07",
            tf OS_TF "domain_endpoint_options {\n  tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\"\n}",
            refs [R_OS], aliases ["CKV_AWS_228", "aws-elastic-search-use-secure-tls-policy"],
            attr("DomainEndpointOptions.TLSSecurityPolicy", "domain_endpoint_options.tls_security_policy", T::NotEq("Policy-Min-TLS-1-0-2019-07"), M::Fail)),
        check!("VIGIL-AWS-OS-005", Medium, 284, "OpenSearch domain is not in a VPC",
            "A domain outside a VPC has a public endpoint protected only by its access policy.",
            "Place the domain in private subnets with VPCOptions.",
            cfn OS_CFN "VPCOptions:\n  SubnetIds: [!Ref PrivateSubnet]\n  SecurityGroupIds: [!Ref SearchSg]",
            tf OS_TF "vpc_options {\n  subnet_ids         = [aws_subnet.private.id]\n  security_group_ids = [aws_security_group.search.id]\n}",
            refs [R_OS], aliases ["CKV_AWS_137"],
            attr("VPCOptions", "vpc_options", T::Present, M::Fail)),
        check!("VIGIL-AWS-OS-006", Low, 778, "OpenSearch domain does not publish audit or application logs",
            "Without log publishing, access and errors cannot be investigated.",
            "Publish audit and error logs to CloudWatch Logs.",
            cfn OS_CFN "LogPublishingOptions:\n  AUDIT_LOGS:\n    CloudWatchLogsLogGroupArn: !GetAtt SearchLogs.Arn\n    Enabled: true",
            tf OS_TF "log_publishing_options {\n  log_type                 = \"AUDIT_LOGS\"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n}",
            refs [R_OS], aliases ["CKV_AWS_84", "CKV_AWS_317", "aws-elastic-search-enable-logging"],
            attr("LogPublishingOptions", "log_publishing_options", T::Present, M::Fail)),
        check!("VIGIL-AWS-OS-007", Low, 284, "OpenSearch fine-grained access control is off",
            "Without fine-grained access control every user with access to the domain sees every index.",
            "Enable advanced security options.",
            cfn OS_CFN "AdvancedSecurityOptions:\n  Enabled: true\n  InternalUserDatabaseEnabled: false",
            tf OS_TF "advanced_security_options {\n  enabled = true\n}",
            refs [R_OS], aliases ["CKV2_AWS_52"],
            attr("AdvancedSecurityOptions.Enabled", "advanced_security_options.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-NEP-001", High, 311, "Neptune cluster storage is not encrypted",
            "Graph data and snapshots are stored unencrypted.",
            "Enable storage encryption.",
            cfn ["AWS::Neptune::DBCluster"] "StorageEncrypted: true",
            tf ["aws_neptune_cluster"] "storage_encrypted = true",
            refs [R_NEP], aliases ["CKV_AWS_44", "aws-neptune-enable-storage-encryption"],
            attr("StorageEncrypted", "storage_encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-NEP-002", Low, 778, "Neptune audit logs are not exported",
            "Audit logs are not sent to CloudWatch Logs.",
            "Export the audit log.",
            cfn ["AWS::Neptune::DBCluster"] "EnableCloudwatchLogsExports: [audit]",
            tf ["aws_neptune_cluster"] "enable_cloudwatch_logs_exports = [\"audit\"]",
            refs [R_NEP], aliases ["CKV_AWS_101", "aws-neptune-enable-log-export"],
            attr("EnableCloudwatchLogsExports", "enable_cloudwatch_logs_exports", T::Contains("audit"), M::Fail)),
        check!("VIGIL-AWS-NEP-003", Low, 287, "Neptune IAM authentication is off",
            "Clients connect without IAM authentication.",
            "Enable IAM database authentication.",
            cfn ["AWS::Neptune::DBCluster"] "IamAuthEnabled: true",
            tf ["aws_neptune_cluster"] "iam_database_authentication_enabled = true",
            refs [R_NEP], aliases [],
            attr("IamAuthEnabled", "iam_database_authentication_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-DOC-001", High, 311, "DocumentDB cluster storage is not encrypted",
            "Documents and snapshots are stored unencrypted.",
            "Enable storage encryption.",
            cfn ["AWS::DocDB::DBCluster"] "StorageEncrypted: true",
            tf ["aws_docdb_cluster"] "storage_encrypted = true",
            refs [R_DOC], aliases ["CKV_AWS_74", "aws-documentdb-enable-storage-encryption"],
            attr("StorageEncrypted", "storage_encrypted", T::True, M::Fail)),
        check!("VIGIL-AWS-DOC-002", Low, 778, "DocumentDB logs are not exported",
            "Audit and profiler logs are not sent to CloudWatch Logs.",
            "Export the audit and profiler logs.",
            cfn ["AWS::DocDB::DBCluster"] "EnableCloudwatchLogsExports: [audit, profiler]",
            tf ["aws_docdb_cluster"] "enabled_cloudwatch_logs_exports = [\"audit\", \"profiler\"]",
            refs [R_DOC], aliases ["CKV_AWS_85", "aws-documentdb-enable-log-export"],
            attr("EnableCloudwatchLogsExports", "enabled_cloudwatch_logs_exports", T::Present, M::Fail)),
        check!("VIGIL-AWS-DOC-003", High, 319, "DocumentDB TLS is disabled",
            "The cluster parameter group turns TLS off, so clients connect in clear text.",
            "Set the tls parameter to enabled.",
            cfn ["AWS::DocDB::DBClusterParameterGroup"] "Parameters:\n  tls: enabled",
            tf ["aws_docdb_cluster_parameter_group"] "parameter {\n  name  = \"tls\"\n  value = \"enabled\"\n}",
            refs [R_DOC], aliases ["CKV_AWS_90"], Rule::Custom(docdb_tls)),
        check!("VIGIL-AWS-BKP-001", Low, 311, "Backup vault is not encrypted with a customer managed key",
            "Recovery points use the default key; a customer managed key controls who can restore.",
            "Set a KMS key on the vault.",
            cfn ["AWS::Backup::BackupVault"] "EncryptionKeyArn: !GetAtt BackupKey.Arn",
            tf ["aws_backup_vault"] "kms_key_arn = aws_kms_key.backup.arn",
            refs [R_BACKUP], aliases ["CKV_AWS_166"],
            attr("EncryptionKeyArn", "kms_key_arn", T::Present, M::Fail)),
        check!("VIGIL-AWS-WS-001", Medium, 311, "WorkSpaces user volume is not encrypted",
            "The user's data volume is stored unencrypted.",
            "Enable user volume encryption.",
            cfn ["AWS::WorkSpaces::Workspace"] "UserVolumeEncryptionEnabled: true\nVolumeEncryptionKey: alias/aws/workspaces",
            tf ["aws_workspaces_workspace"] "user_volume_encryption_enabled = true\nvolume_encryption_key          = \"alias/aws/workspaces\"",
            refs [R_WS], aliases ["CKV_AWS_155"],
            attr("UserVolumeEncryptionEnabled", "user_volume_encryption_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-WS-002", Medium, 311, "WorkSpaces root volume is not encrypted",
            "The workspace's root volume is stored unencrypted.",
            "Enable root volume encryption.",
            cfn ["AWS::WorkSpaces::Workspace"] "RootVolumeEncryptionEnabled: true",
            tf ["aws_workspaces_workspace"] "root_volume_encryption_enabled = true",
            refs [R_WS], aliases ["CKV_AWS_156"],
            attr("RootVolumeEncryptionEnabled", "root_volume_encryption_enabled", T::True, M::Fail)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-DDB-001", true, "AWS::Serverless::SimpleTable", "PrimaryKey: {Name: id, Type: String}", true),
    ("VIGIL-AWS-DDB-001", true, "AWS::Serverless::SimpleTable", "SSESpecification:\n  SSEEnabled: true", false),
    ("VIGIL-AWS-RDS-001", true, "AWS::RDS::DBInstance", "Engine: mysql", true),
    ("VIGIL-AWS-RDS-001", true, "AWS::RDS::DBInstance", "Engine: aurora-mysql\nDBClusterIdentifier: !Ref Cluster", false),
    ("VIGIL-AWS-RDS-001", false, "aws_db_instance", "engine = \"mysql\"\nstorage_encrypted = false", true),
    ("VIGIL-AWS-RDS-001", false, "aws_db_instance", "engine = \"mysql\"\nstorage_encrypted = true", false),
    ("VIGIL-AWS-RDS-002", true, "AWS::RDS::DBCluster", "Engine: aurora-postgresql", true),
    ("VIGIL-AWS-RDS-002", true, "AWS::RDS::DBCluster", "Engine: aurora-postgresql\nStorageEncrypted: true", false),
    ("VIGIL-AWS-RDS-002", false, "aws_rds_cluster", "engine = \"aurora-mysql\"", true),
    ("VIGIL-AWS-RDS-002", false, "aws_rds_cluster", "engine = \"aurora-mysql\"\nstorage_encrypted = true", false),
    ("VIGIL-AWS-RDS-003", true, "AWS::RDS::DBInstance", "PubliclyAccessible: true", true),
    ("VIGIL-AWS-RDS-003", true, "AWS::RDS::DBInstance", "PubliclyAccessible: false", false),
    ("VIGIL-AWS-RDS-003", false, "aws_rds_cluster_instance", "publicly_accessible = true", true),
    ("VIGIL-AWS-RDS-003", false, "aws_db_instance", "engine = \"postgres\"", false),
    ("VIGIL-AWS-RDS-004", true, "AWS::RDS::DBInstance", "BackupRetentionPeriod: 0", true),
    ("VIGIL-AWS-RDS-004", true, "AWS::RDS::DBInstance", "BackupRetentionPeriod: 14", false),
    ("VIGIL-AWS-RDS-004", false, "aws_rds_cluster", "backup_retention_period = 1", true),
    ("VIGIL-AWS-RDS-004", false, "aws_rds_cluster", "backup_retention_period = 7", false),
    ("VIGIL-AWS-RDS-005", true, "AWS::RDS::DBCluster", "Engine: aurora-mysql", true),
    ("VIGIL-AWS-RDS-005", true, "AWS::RDS::DBCluster", "DeletionProtection: true", false),
    ("VIGIL-AWS-RDS-005", false, "aws_db_instance", "deletion_protection = false", true),
    ("VIGIL-AWS-RDS-005", false, "aws_db_instance", "deletion_protection = true", false),
    ("VIGIL-AWS-RDS-006", true, "AWS::RDS::DBInstance", "Engine: postgres", true),
    ("VIGIL-AWS-RDS-006", true, "AWS::RDS::DBInstance", "Engine: sqlserver-ex", false),
    ("VIGIL-AWS-RDS-006", false, "aws_rds_cluster", "engine = \"aurora-mysql\"\niam_database_authentication_enabled = false", true),
    ("VIGIL-AWS-RDS-006", false, "aws_rds_cluster", "engine = \"aurora-mysql\"\niam_database_authentication_enabled = true", false),
    ("VIGIL-AWS-RDS-007", true, "AWS::RDS::DBInstance", "AutoMinorVersionUpgrade: false", true),
    ("VIGIL-AWS-RDS-007", true, "AWS::RDS::DBInstance", "AutoMinorVersionUpgrade: true", false),
    ("VIGIL-AWS-RDS-007", false, "aws_db_instance", "auto_minor_version_upgrade = false", true),
    ("VIGIL-AWS-RDS-007", false, "aws_db_instance", "engine = \"mysql\"", false),
    ("VIGIL-AWS-RDS-008", true, "AWS::RDS::DBInstance", "Engine: mysql", true),
    ("VIGIL-AWS-RDS-008", true, "AWS::RDS::DBInstance", "Engine: mysql\nEnableCloudwatchLogsExports: [error]", false),
    ("VIGIL-AWS-RDS-008", false, "aws_db_instance", "enabled_cloudwatch_logs_exports = []", true),
    ("VIGIL-AWS-RDS-008", false, "aws_db_instance", "enabled_cloudwatch_logs_exports = [\"postgresql\"]", false),
    ("VIGIL-AWS-EBS-001", true, "AWS::EC2::Volume", "Size: 10", true),
    ("VIGIL-AWS-EBS-001", true, "AWS::EC2::Volume", "Size: 10\nEncrypted: true", false),
    ("VIGIL-AWS-EBS-001", false, "aws_ebs_volume", "size = 10\nencrypted = false", true),
    ("VIGIL-AWS-EBS-001", false, "aws_ebs_volume", "size = 10\nencrypted = true", false),
    ("VIGIL-AWS-EBS-002", true, "AWS::EC2::LaunchTemplate", "LaunchTemplateData:\n  BlockDeviceMappings:\n    - DeviceName: /dev/xvda\n      Ebs:\n        VolumeSize: 20", true),
    ("VIGIL-AWS-EBS-002", true, "AWS::EC2::Instance", "BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      Encrypted: true", false),
    ("VIGIL-AWS-EBS-002", false, "aws_instance", "ami = \"a\"\nroot_block_device {\n  volume_size = 20\n}", true),
    ("VIGIL-AWS-EBS-002", false, "aws_instance", "ami = \"a\"\nroot_block_device {\n  encrypted = true\n}", false),
    ("VIGIL-AWS-EBS-003", false, "aws_ebs_encryption_by_default", "enabled = false", true),
    ("VIGIL-AWS-EBS-003", false, "aws_ebs_encryption_by_default", "enabled = true", false),
    ("VIGIL-AWS-EFS-001", true, "AWS::EFS::FileSystem", "PerformanceMode: generalPurpose", true),
    ("VIGIL-AWS-EFS-001", true, "AWS::EFS::FileSystem", "Encrypted: true", false),
    ("VIGIL-AWS-EFS-001", false, "aws_efs_file_system", "creation_token = \"x\"", true),
    ("VIGIL-AWS-EFS-001", false, "aws_efs_file_system", "encrypted = true", false),
    ("VIGIL-AWS-FSX-001", true, "AWS::FSx::FileSystem", "FileSystemType: WINDOWS", true),
    ("VIGIL-AWS-FSX-001", true, "AWS::FSx::FileSystem", "FileSystemType: WINDOWS\nKmsKeyId: key", false),
    ("VIGIL-AWS-FSX-001", false, "aws_fsx_lustre_file_system", "storage_capacity = 1200", true),
    ("VIGIL-AWS-FSX-001", false, "aws_fsx_lustre_file_system", "kms_key_id = aws_kms_key.k.arn", false),
    ("VIGIL-AWS-DDB-001", true, "AWS::DynamoDB::Table", "BillingMode: PAY_PER_REQUEST", true),
    ("VIGIL-AWS-DDB-001", true, "AWS::DynamoDB::Table", "SSESpecification:\n  SSEEnabled: true", false),
    ("VIGIL-AWS-DDB-001", false, "aws_dynamodb_table", "name = \"t\"", true),
    ("VIGIL-AWS-DDB-001", false, "aws_dynamodb_table", "server_side_encryption {\n  enabled = true\n}", false),
    ("VIGIL-AWS-DDB-002", true, "AWS::DynamoDB::Table", "PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: false", true),
    ("VIGIL-AWS-DDB-002", true, "AWS::DynamoDB::Table", "PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true", false),
    ("VIGIL-AWS-DDB-002", false, "aws_dynamodb_table", "name = \"t\"", true),
    ("VIGIL-AWS-DDB-002", false, "aws_dynamodb_table", "point_in_time_recovery {\n  enabled = true\n}", false),
    ("VIGIL-AWS-DDB-003", true, "AWS::DAX::Cluster", "NodeType: dax.r4.large", true),
    ("VIGIL-AWS-DDB-003", true, "AWS::DAX::Cluster", "SSESpecification:\n  SSEEnabled: true", false),
    ("VIGIL-AWS-DDB-003", false, "aws_dax_cluster", "node_type = \"dax.r4.large\"", true),
    ("VIGIL-AWS-DDB-003", false, "aws_dax_cluster", "server_side_encryption {\n  enabled = true\n}", false),
    ("VIGIL-AWS-DDB-004", true, "AWS::DynamoDB::Table", "DeletionProtectionEnabled: false", true),
    ("VIGIL-AWS-DDB-004", true, "AWS::DynamoDB::Table", "DeletionProtectionEnabled: true", false),
    ("VIGIL-AWS-DDB-004", false, "aws_dynamodb_table", "name = \"t\"", true),
    ("VIGIL-AWS-DDB-004", false, "aws_dynamodb_table", "deletion_protection_enabled = true", false),
    ("VIGIL-AWS-RS-001", true, "AWS::Redshift::Cluster", "NodeType: dc2.large", true),
    ("VIGIL-AWS-RS-001", true, "AWS::Redshift::Cluster", "Encrypted: true", false),
    ("VIGIL-AWS-RS-001", false, "aws_redshift_cluster", "node_type = \"dc2.large\"", true),
    ("VIGIL-AWS-RS-001", false, "aws_redshift_cluster", "encrypted = true", false),
    ("VIGIL-AWS-RS-002", true, "AWS::Redshift::Cluster", "PubliclyAccessible: true", true),
    ("VIGIL-AWS-RS-002", true, "AWS::Redshift::Cluster", "PubliclyAccessible: false", false),
    ("VIGIL-AWS-RS-002", false, "aws_redshift_cluster", "publicly_accessible = true", true),
    ("VIGIL-AWS-RS-002", false, "aws_redshift_cluster", "publicly_accessible = false", false),
    ("VIGIL-AWS-RS-003", true, "AWS::Redshift::Cluster", "NodeType: dc2.large", true),
    ("VIGIL-AWS-RS-003", true, "AWS::Redshift::Cluster", "LoggingProperties:\n  BucketName: logs", false),
    ("VIGIL-AWS-RS-003", false, "aws_redshift_cluster", "node_type = \"dc2.large\"", true),
    ("VIGIL-AWS-RS-003", false, "", "resource \"aws_redshift_cluster\" \"c\" {}\nresource \"aws_redshift_logging\" \"l\" {\n  cluster_identifier = aws_redshift_cluster.c.id\n}", false),
    ("VIGIL-AWS-RS-004", true, "AWS::Redshift::Cluster", "AllowVersionUpgrade: false", true),
    ("VIGIL-AWS-RS-004", true, "AWS::Redshift::Cluster", "AllowVersionUpgrade: true", false),
    ("VIGIL-AWS-RS-004", false, "aws_redshift_cluster", "allow_version_upgrade = false", true),
    ("VIGIL-AWS-RS-004", false, "aws_redshift_cluster", "node_type = \"dc2.large\"", false),
    ("VIGIL-AWS-EC-001", true, "AWS::ElastiCache::ReplicationGroup", "Engine: redis", true),
    ("VIGIL-AWS-EC-001", true, "AWS::ElastiCache::ReplicationGroup", "AtRestEncryptionEnabled: true", false),
    ("VIGIL-AWS-EC-001", false, "aws_elasticache_replication_group", "at_rest_encryption_enabled = false", true),
    ("VIGIL-AWS-EC-001", false, "aws_elasticache_replication_group", "at_rest_encryption_enabled = true", false),
    ("VIGIL-AWS-EC-002", true, "AWS::ElastiCache::ReplicationGroup", "TransitEncryptionEnabled: false", true),
    ("VIGIL-AWS-EC-002", true, "AWS::ElastiCache::ReplicationGroup", "TransitEncryptionEnabled: true", false),
    ("VIGIL-AWS-EC-002", false, "aws_elasticache_replication_group", "description = \"x\"", true),
    ("VIGIL-AWS-EC-002", false, "aws_elasticache_replication_group", "transit_encryption_enabled = true", false),
    ("VIGIL-AWS-EC-003", true, "AWS::ElastiCache::ReplicationGroup", "TransitEncryptionEnabled: true", true),
    ("VIGIL-AWS-EC-003", true, "AWS::ElastiCache::ReplicationGroup", "UserGroupIds: [!Ref Users]", false),
    ("VIGIL-AWS-EC-003", false, "aws_elasticache_replication_group", "transit_encryption_enabled = true", true),
    ("VIGIL-AWS-EC-003", false, "aws_elasticache_replication_group", "auth_token = var.redis_token", false),
    ("VIGIL-AWS-EC-004", true, "AWS::ElastiCache::CacheCluster", "SnapshotRetentionLimit: 0", true),
    ("VIGIL-AWS-EC-004", true, "AWS::ElastiCache::CacheCluster", "SnapshotRetentionLimit: 5", false),
    ("VIGIL-AWS-EC-004", false, "aws_elasticache_cluster", "snapshot_retention_limit = 0", true),
    ("VIGIL-AWS-EC-004", false, "aws_elasticache_cluster", "snapshot_retention_limit = 3", false),
    ("VIGIL-AWS-OS-001", true, "AWS::OpenSearchService::Domain", "EncryptionAtRestOptions:\n  Enabled: false", true),
    ("VIGIL-AWS-OS-001", true, "AWS::Elasticsearch::Domain", "EncryptionAtRestOptions:\n  Enabled: true", false),
    ("VIGIL-AWS-OS-001", false, "aws_opensearch_domain", "domain_name = \"d\"", true),
    ("VIGIL-AWS-OS-001", false, "aws_elasticsearch_domain", "encrypt_at_rest {\n  enabled = true\n}", false),
    ("VIGIL-AWS-OS-002", true, "AWS::OpenSearchService::Domain", "DomainName: d", true),
    ("VIGIL-AWS-OS-002", true, "AWS::OpenSearchService::Domain", "NodeToNodeEncryptionOptions:\n  Enabled: true", false),
    ("VIGIL-AWS-OS-002", false, "aws_opensearch_domain", "node_to_node_encryption {\n  enabled = false\n}", true),
    ("VIGIL-AWS-OS-002", false, "aws_opensearch_domain", "node_to_node_encryption {\n  enabled = true\n}", false),
    ("VIGIL-AWS-OS-003", true, "AWS::OpenSearchService::Domain", "DomainEndpointOptions:\n  EnforceHTTPS: false", true),
    ("VIGIL-AWS-OS-003", true, "AWS::OpenSearchService::Domain", "DomainEndpointOptions:\n  EnforceHTTPS: true", false),
    ("VIGIL-AWS-OS-003", false, "aws_opensearch_domain", "domain_name = \"d\"", true),
    ("VIGIL-AWS-OS-003", false, "aws_opensearch_domain", "domain_endpoint_options {\n  enforce_https = true\n}", false),
    ("VIGIL-AWS-OS-004", true, "AWS::OpenSearchService::Domain", "DomainEndpointOptions:\n  TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07", true),
    ("VIGIL-AWS-OS-004", true, "AWS::OpenSearchService::Domain", "DomainEndpointOptions:\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07", false),
    ("VIGIL-AWS-OS-004", false, "aws_opensearch_domain", "domain_endpoint_options {\n  enforce_https = true\n}", true),
    ("VIGIL-AWS-OS-004", false, "aws_opensearch_domain", "domain_endpoint_options {\n  tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n}", false),
    ("VIGIL-AWS-OS-005", true, "AWS::OpenSearchService::Domain", "DomainName: d", true),
    ("VIGIL-AWS-OS-005", true, "AWS::OpenSearchService::Domain", "VPCOptions:\n  SubnetIds: [s]", false),
    ("VIGIL-AWS-OS-005", false, "aws_opensearch_domain", "domain_name = \"d\"", true),
    ("VIGIL-AWS-OS-005", false, "aws_opensearch_domain", "vpc_options {\n  subnet_ids = [\"s\"]\n}", false),
    ("VIGIL-AWS-OS-006", true, "AWS::Elasticsearch::Domain", "DomainName: d", true),
    ("VIGIL-AWS-OS-006", true, "AWS::Elasticsearch::Domain", "LogPublishingOptions:\n  AUDIT_LOGS:\n    Enabled: true", false),
    ("VIGIL-AWS-OS-006", false, "aws_elasticsearch_domain", "domain_name = \"d\"", true),
    ("VIGIL-AWS-OS-006", false, "aws_elasticsearch_domain", "log_publishing_options {\n  log_type = \"AUDIT_LOGS\"\n  cloudwatch_log_group_arn = \"arn\"\n}", false),
    ("VIGIL-AWS-OS-007", true, "AWS::OpenSearchService::Domain", "AdvancedSecurityOptions:\n  Enabled: false", true),
    ("VIGIL-AWS-OS-007", true, "AWS::OpenSearchService::Domain", "AdvancedSecurityOptions:\n  Enabled: true", false),
    ("VIGIL-AWS-OS-007", false, "aws_opensearch_domain", "domain_name = \"d\"", true),
    ("VIGIL-AWS-OS-007", false, "aws_opensearch_domain", "advanced_security_options {\n  enabled = true\n}", false),
    ("VIGIL-AWS-NEP-001", true, "AWS::Neptune::DBCluster", "StorageEncrypted: false", true),
    ("VIGIL-AWS-NEP-001", true, "AWS::Neptune::DBCluster", "StorageEncrypted: true", false),
    ("VIGIL-AWS-NEP-001", false, "aws_neptune_cluster", "cluster_identifier = \"n\"", true),
    ("VIGIL-AWS-NEP-001", false, "aws_neptune_cluster", "storage_encrypted = true", false),
    ("VIGIL-AWS-NEP-002", true, "AWS::Neptune::DBCluster", "EnableCloudwatchLogsExports: [slowquery]", true),
    ("VIGIL-AWS-NEP-002", true, "AWS::Neptune::DBCluster", "EnableCloudwatchLogsExports: [audit]", false),
    ("VIGIL-AWS-NEP-002", false, "aws_neptune_cluster", "cluster_identifier = \"n\"", true),
    ("VIGIL-AWS-NEP-002", false, "aws_neptune_cluster", "enable_cloudwatch_logs_exports = [\"audit\"]", false),
    ("VIGIL-AWS-NEP-003", true, "AWS::Neptune::DBCluster", "IamAuthEnabled: false", true),
    ("VIGIL-AWS-NEP-003", true, "AWS::Neptune::DBCluster", "IamAuthEnabled: true", false),
    ("VIGIL-AWS-NEP-003", false, "aws_neptune_cluster", "cluster_identifier = \"n\"", true),
    ("VIGIL-AWS-NEP-003", false, "aws_neptune_cluster", "iam_database_authentication_enabled = true", false),
    ("VIGIL-AWS-DOC-001", true, "AWS::DocDB::DBCluster", "MasterUsername: '{{resolve:secretsmanager:x:SecretString:u}}'", true),
    ("VIGIL-AWS-DOC-001", true, "AWS::DocDB::DBCluster", "StorageEncrypted: true", false),
    ("VIGIL-AWS-DOC-001", false, "aws_docdb_cluster", "storage_encrypted = false", true),
    ("VIGIL-AWS-DOC-001", false, "aws_docdb_cluster", "storage_encrypted = true", false),
    ("VIGIL-AWS-DOC-002", true, "AWS::DocDB::DBCluster", "StorageEncrypted: true", true),
    ("VIGIL-AWS-DOC-002", true, "AWS::DocDB::DBCluster", "EnableCloudwatchLogsExports: [audit]", false),
    ("VIGIL-AWS-DOC-002", false, "aws_docdb_cluster", "storage_encrypted = true", true),
    ("VIGIL-AWS-DOC-002", false, "aws_docdb_cluster", "enabled_cloudwatch_logs_exports = [\"audit\"]", false),
    ("VIGIL-AWS-DOC-003", true, "AWS::DocDB::DBClusterParameterGroup", "Family: docdb5.0\nDescription: x\nParameters:\n  tls: disabled", true),
    ("VIGIL-AWS-DOC-003", true, "AWS::DocDB::DBClusterParameterGroup", "Family: docdb5.0\nDescription: x\nParameters:\n  tls: enabled", false),
    ("VIGIL-AWS-DOC-003", false, "aws_docdb_cluster_parameter_group", "family = \"docdb5.0\"\nparameter {\n  name = \"tls\"\n  value = \"disabled\"\n}", true),
    ("VIGIL-AWS-DOC-003", false, "aws_docdb_cluster_parameter_group", "family = \"docdb5.0\"\nparameter {\n  name = \"tls\"\n  value = \"enabled\"\n}", false),
    ("VIGIL-AWS-BKP-001", true, "AWS::Backup::BackupVault", "BackupVaultName: v", true),
    ("VIGIL-AWS-BKP-001", true, "AWS::Backup::BackupVault", "BackupVaultName: v\nEncryptionKeyArn: arn", false),
    ("VIGIL-AWS-BKP-001", false, "aws_backup_vault", "name = \"v\"", true),
    ("VIGIL-AWS-BKP-001", false, "aws_backup_vault", "name = \"v\"\nkms_key_arn = aws_kms_key.k.arn", false),
    ("VIGIL-AWS-WS-001", true, "AWS::WorkSpaces::Workspace", "BundleId: b", true),
    ("VIGIL-AWS-WS-001", true, "AWS::WorkSpaces::Workspace", "UserVolumeEncryptionEnabled: true", false),
    ("VIGIL-AWS-WS-001", false, "aws_workspaces_workspace", "bundle_id = \"b\"", true),
    ("VIGIL-AWS-WS-001", false, "aws_workspaces_workspace", "user_volume_encryption_enabled = true", false),
    ("VIGIL-AWS-WS-002", true, "AWS::WorkSpaces::Workspace", "BundleId: b", true),
    ("VIGIL-AWS-WS-002", true, "AWS::WorkSpaces::Workspace", "RootVolumeEncryptionEnabled: true", false),
    ("VIGIL-AWS-WS-002", false, "aws_workspaces_workspace", "bundle_id = \"b\"", true),
    ("VIGIL-AWS-WS-002", false, "aws_workspaces_workspace", "root_volume_encryption_enabled = true", false),
];
