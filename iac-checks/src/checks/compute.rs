//! Compute: EC2, Lambda, ECS, Batch, EKS, ECR, CodeBuild, SageMaker.

use vigil_parsers::iac::terraform::from_json;
use vigil_parsers::iac::{Format, Node, Resource, Value};

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit};
use crate::checks::secrets::{literal_secret, secret_name, text_has_secret};
use crate::policy::open_to_anyone;

use super::{attr, attr_unless, check};

const R_EC2: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html";
const R_LAMBDA: &str = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-security.html";
const R_RUNTIMES: &str = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";
const R_ECS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html";
const R_EKS: &str = "https://docs.aws.amazon.com/eks/latest/best-practices/security.html";
const R_ECR: &str = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/security.html";
const R_CB: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/security.html";
const R_SM: &str = "https://docs.aws.amazon.com/sagemaker/latest/dg/security.html";
const R_BATCH: &str = "https://docs.aws.amazon.com/batch/latest/userguide/security.html";

const EOL_RUNTIMES: &[&str] = &[
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "java8",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "dotnet7",
    "ruby2.5",
    "ruby2.7",
    "go1.x",
    "provided",
];

/// Case-insensitive map member (container definitions are PascalCase in CloudFormation and
/// camelCase in the JSON Terraform takes).
fn get_ci<'a>(n: &'a Node, key: &str) -> Option<&'a Node> {
    match &n.value {
        Value::Map(m) => m
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The container definitions of a task definition / job definition, parsed when Terraform
/// gives them as a JSON string.
fn containers(r: &Resource, cfn: &str, tf: &str) -> Vec<Node> {
    let path = if r.format == Format::CloudFormation {
        cfn
    } else {
        tf
    };
    let mut out = Vec::new();
    for n in r.find(path) {
        match &n.value {
            Value::String(s) => {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(s) {
                    out.extend(from_json(&v, n.span, 0).flatten().into_iter().cloned());
                }
            }
            Value::Map(_) => out.push(n.clone()),
            _ => {}
        }
    }
    out
}

fn task_containers(r: &Resource) -> Vec<Node> {
    containers(r, "ContainerDefinitions", "container_definitions")
}

fn privileged(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    task_containers(r)
        .iter()
        .filter_map(|c| get_ci(c, "privileged"))
        .filter(|p| p.as_bool() == Some(true))
        .map(|p| hit(p, "privileged"))
        .collect()
}

fn root_user(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    task_containers(r)
        .iter()
        .filter_map(|c| get_ci(c, "user"))
        .filter(|u| {
            u.as_str()
                .is_some_and(|u| matches!(u.trim(), "root" | "0" | "0:0" | "root:root"))
        })
        .map(|u| hit(u, "user"))
        .collect()
}

fn ecs_env_secrets(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let mut out = Vec::new();
    for c in task_containers(r) {
        for e in get_ci(&c, "environment")
            .map(|e| e.flatten())
            .unwrap_or_default()
        {
            let name = get_ci(e, "name")
                .and_then(|n| n.as_str())
                .unwrap_or_default();
            if let Some(v) = get_ci(e, "value")
                && secret_name(name)
                && v.as_str().is_some_and(literal_secret)
            {
                out.push(hit(v, "environment"));
            }
        }
    }
    out
}

fn lambda_env_secrets(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = if r.format == Format::CloudFormation {
        "Environment.Variables"
    } else {
        "environment.variables"
    };
    let mut out = Vec::new();
    for vars in r.find(path) {
        if let Value::Map(m) = &vars.value {
            for (k, v) in m {
                if secret_name(k) && v.as_str().is_some_and(literal_secret) {
                    out.push(hit(v, path));
                }
            }
        }
    }
    out
}

fn codebuild_env_secrets(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (path, name, value, ty) = match r.format {
        Format::CloudFormation => ("Environment.EnvironmentVariables", "Name", "Value", "Type"),
        Format::Terraform => ("environment.environment_variable", "name", "value", "type"),
    };
    r.find(path)
        .into_iter()
        .filter(|e| {
            e.get(ty)
                .and_then(|t| t.as_str())
                .is_none_or(|t| t.eq_ignore_ascii_case("PLAINTEXT"))
        })
        .filter(|e| {
            e.get(name)
                .and_then(|n| n.as_str())
                .is_some_and(secret_name)
        })
        .filter_map(|e| e.get(value))
        .filter(|v| v.as_str().is_some_and(literal_secret))
        .map(|v| hit(v, path))
        .collect()
}

fn user_data_secrets(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let Some(text) = (ctx.text_of)(&r.file) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for n in r.find("UserData|LaunchTemplateData.UserData|user_data") {
        for l in n.span.start..=n.span.end {
            if lines
                .get(l as usize - 1)
                .is_some_and(|t| text_has_secret(t))
            {
                out.push(Hit {
                    line: l,
                    path: "user_data".into(),
                });
                break;
            }
        }
    }
    out
}

fn eks_public(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (cfg, public, cidrs) = match r.format {
        Format::CloudFormation => (
            "ResourcesVpcConfig",
            "EndpointPublicAccess",
            "PublicAccessCidrs",
        ),
        Format::Terraform => (
            "vpc_config",
            "endpoint_public_access",
            "public_access_cidrs",
        ),
    };
    let mut out = Vec::new();
    for c in r.find(cfg) {
        if c.is_unknown() {
            continue;
        }
        let p = c.get(public);
        if p.is_some_and(|p| p.as_bool() != Some(true)) {
            continue; // explicitly private, or unknown
        }
        match c.get(cidrs) {
            None => out.push(hit(p.unwrap_or(c), public)),
            Some(list) => {
                let open = list
                    .flatten()
                    .into_iter()
                    .find(|n| n.as_str() == Some("0.0.0.0/0"));
                if let Some(n) = open {
                    out.push(hit(n, cidrs));
                }
            }
        }
    }
    out
}

fn ecr_public(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = if r.format == Format::CloudFormation {
        "RepositoryPolicyText"
    } else {
        "policy"
    };
    open_to_anyone(ctx, r, path)
}

fn insights(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (path, name, value) = match r.format {
        Format::CloudFormation => ("ClusterSettings", "Name", "Value"),
        Format::Terraform => ("setting", "name", "value"),
    };
    let settings = r.find(path);
    if settings.iter().any(|s| s.is_unknown()) {
        return Vec::new();
    }
    let on = settings.iter().any(|s| {
        s.get(name).and_then(|n| n.as_str()) == Some("containerInsights")
            && s.get(value)
                .and_then(|v| v.as_str())
                .is_some_and(|v| v != "disabled")
    });
    if on {
        Vec::new()
    } else {
        vec![Hit {
            line: r.span.start,
            path: path.into(),
        }]
    }
}

fn batch_privileged(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    containers(r, "ContainerProperties", "container_properties")
        .iter()
        .filter_map(|c| get_ci(c, "privileged"))
        .filter(|p| p.as_bool() == Some(true))
        .map(|p| hit(p, "privileged"))
        .collect()
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        check!("VIGIL-AWS-EC2-001", Medium, 918, "EC2 instance metadata does not require IMDSv2",
            "IMDSv1 answers unauthenticated GET requests, so an SSRF in the workload can read the instance role's credentials.",
            "Require session tokens (IMDSv2).",
            cfn ["AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"] "LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n    HttpPutResponseHopLimit: 1",
            tf ["aws_instance", "aws_launch_template", "aws_launch_configuration"] "metadata_options {\n  http_tokens                 = \"required\"\n  http_put_response_hop_limit = 1\n}",
            refs [R_EC2], aliases ["CKV_AWS_79", "aws-ec2-enforce-http-token-imds", "aws-ec2-enforce-launch-config-http-token-imds"],
            attr_unless("LaunchTemplateData.MetadataOptions.HttpTokens|MetadataOptions.HttpTokens", "metadata_options.http_tokens", T::Eq("required"), M::Fail,
                &[("LaunchTemplateData.MetadataOptions.HttpEndpoint|MetadataOptions.HttpEndpoint", "metadata_options.http_endpoint")])),
        check!("VIGIL-AWS-EC2-002", Medium, 284, "EC2 instance gets a public IP address",
            "The instance is directly reachable from the internet; a security group mistake exposes it.",
            "Do not associate a public IP; put instances behind a load balancer or NAT.",
            cfn ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"] "NetworkInterfaces:\n  - DeviceIndex: '0'\n    AssociatePublicIpAddress: false",
            tf ["aws_instance", "aws_launch_template", "aws_launch_configuration"] "associate_public_ip_address = false",
            refs [R_EC2], aliases ["CKV_AWS_88", "aws-autoscaling-no-public-ip"],
            attr("NetworkInterfaces.AssociatePublicIpAddress|LaunchTemplateData.NetworkInterfaces.AssociatePublicIpAddress|AssociatePublicIpAddress",
                 "associate_public_ip_address|network_interfaces.associate_public_ip_address", T::False, M::Pass)),
        check!("VIGIL-AWS-EC2-003", High, 798, "EC2 user data contains a secret",
            "User data is readable by anyone who can describe the instance and from inside it via the metadata service.",
            "Fetch secrets at boot from Secrets Manager or SSM Parameter Store SecureString.",
            cfn ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"] "UserData:\n  Fn::Base64: |\n    #!/bin/bash\n    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)",
            tf ["aws_instance", "aws_launch_template", "aws_launch_configuration"] "user_data = <<-EOT\n  #!/bin/bash\n  DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\nEOT",
            refs [R_EC2], aliases ["CKV_AWS_46", "aws-ec2-no-secrets-in-user-data", "aws-ec2-no-secrets-in-launch-template-user-data"], Rule::Custom(user_data_secrets)),
        check!("VIGIL-AWS-EC2-004", Low, 400, "EC2 instance is not EBS-optimized",
            "Without EBS optimisation, EBS traffic competes with network traffic (older instance types).",
            "Set EbsOptimized to true.",
            cfn ["AWS::EC2::Instance"] "EbsOptimized: true",
            tf ["aws_instance"] "ebs_optimized = true",
            refs [R_EC2], aliases ["CKV_AWS_135"],
            attr("EbsOptimized", "ebs_optimized", T::True, M::Fail)),
        check!("VIGIL-AWS-EC2-005", Low, 778, "EC2 detailed monitoring is off",
            "Without detailed monitoring metrics arrive every 5 minutes, slowing detection of anomalies.",
            "Enable detailed monitoring.",
            cfn ["AWS::EC2::Instance"] "Monitoring: true",
            tf ["aws_instance"] "monitoring = true",
            refs [R_EC2], aliases ["CKV_AWS_126"],
            attr("Monitoring", "monitoring", T::True, M::Fail)),
        check!("VIGIL-AWS-LAMBDA-001", High, 798, "Lambda environment variable holds a secret",
            "Environment variables are visible to anyone with lambda:GetFunctionConfiguration and end up in templates and state.",
            "Store the secret in Secrets Manager or SSM SecureString and read it at run time.",
            cfn ["AWS::Lambda::Function", "AWS::Serverless::Function"] "Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbSecret",
            tf ["aws_lambda_function"] "environment {\n  variables = {\n    DB_SECRET_ARN = aws_secretsmanager_secret.db.arn\n  }\n}",
            refs [R_LAMBDA], aliases ["CKV_AWS_45"], Rule::Custom(lambda_env_secrets)),
        check!("VIGIL-AWS-LAMBDA-002", High, 306, "Lambda function URL has no authentication",
            "AuthType NONE makes the function URL callable by anyone on the internet.",
            "Use AWS_IAM auth (and sign requests), or put the function behind API Gateway with an authorizer.",
            cfn ["AWS::Lambda::Url", "AWS::Serverless::Function"] "AuthType: AWS_IAM",
            tf ["aws_lambda_function_url"] "authorization_type = \"AWS_IAM\"",
            refs [R_LAMBDA], aliases ["CKV_AWS_258"],
            attr("AuthType|FunctionUrlConfig.AuthType", "authorization_type", T::NotEq("NONE"), M::Pass)),
        check!("VIGIL-AWS-LAMBDA-003", High, 284, "Lambda permission allows any principal",
            "A resource-based permission for Principal \"*\" without SourceArn/SourceAccount lets any account invoke the function.",
            "Name the invoking service or account and set SourceArn or SourceAccount.",
            cfn ["AWS::Lambda::Permission"] "Principal: s3.amazonaws.com\nSourceArn: !GetAtt Bucket.Arn\nSourceAccount: !Ref AWS::AccountId",
            tf ["aws_lambda_permission"] "principal      = \"s3.amazonaws.com\"\nsource_arn     = aws_s3_bucket.this.arn\nsource_account = data.aws_caller_identity.current.account_id",
            refs [R_LAMBDA], aliases ["CKV_AWS_301", "F13"],
            attr_unless("Principal", "principal", T::NotEq("*"), M::Pass,
                &[("SourceArn", "source_arn"), ("SourceAccount", "source_account"), ("PrincipalOrgID", "principal_org_id")])),
        check!("VIGIL-AWS-LAMBDA-004", Low, 778, "Lambda X-Ray tracing is off",
            "Without active tracing, calls through the function cannot be followed during an incident.",
            "Set the tracing mode to Active.",
            cfn ["AWS::Lambda::Function", "AWS::Serverless::Function"] "TracingConfig:\n  Mode: Active",
            tf ["aws_lambda_function"] "tracing_config {\n  mode = \"Active\"\n}",
            refs [R_LAMBDA], aliases ["CKV_AWS_50", "aws-lambda-enable-tracing"],
            attr("TracingConfig.Mode|Tracing", "tracing_config.mode", T::Eq("Active"), M::Fail)),
        check!("VIGIL-AWS-LAMBDA-005", Medium, 1104, "Lambda runtime is end of life",
            "Deprecated runtimes no longer receive security patches, and functions on them eventually cannot be updated.",
            "Move to a supported runtime (e.g. python3.12, nodejs20.x, java21, provided.al2023).",
            cfn ["AWS::Lambda::Function", "AWS::Serverless::Function"] "Runtime: python3.12",
            tf ["aws_lambda_function"] "runtime = \"python3.12\"",
            refs [R_RUNTIMES], aliases ["CKV_AWS_363"],
            attr("Runtime", "runtime", T::NotOneOf(EOL_RUNTIMES), M::Pass)),
        check!("VIGIL-AWS-LAMBDA-006", Medium, 284, "Lambda layer is shared with every account",
            "A layer version permission for principal \"*\" lets any AWS account use the layer's code.",
            "Share the layer with specific accounts or an organization.",
            cfn ["AWS::Lambda::LayerVersionPermission"] "Principal: '123456789012'",
            tf ["aws_lambda_layer_version_permission"] "principal = \"123456789012\"",
            refs [R_LAMBDA], aliases [],
            attr_unless("Principal", "principal", T::NotEq("*"), M::Pass, &[("OrganizationId", "organization_id")])),
        check!("VIGIL-AWS-ECS-001", High, 250, "ECS container runs privileged",
            "A privileged container has root on the host: a container escape is trivial.",
            "Remove privileged; grant only the Linux capabilities needed.",
            cfn ["AWS::ECS::TaskDefinition"] "ContainerDefinitions:\n  - Name: app\n    Privileged: false",
            tf ["aws_ecs_task_definition"] "container_definitions = jsonencode([{\n  name       = \"app\"\n  privileged = false\n}])",
            refs [R_ECS], aliases ["CKV_AWS_334"], Rule::Custom(privileged)),
        check!("VIGIL-AWS-ECS-002", Medium, 250, "ECS container runs as root",
            "The container's user is root, so a compromise of the process has full control of the container.",
            "Run as a non-root user.",
            cfn ["AWS::ECS::TaskDefinition"] "ContainerDefinitions:\n  - Name: app\n    User: '1000:1000'",
            tf ["aws_ecs_task_definition"] "container_definitions = jsonencode([{\n  name = \"app\"\n  user = \"1000:1000\"\n}])",
            refs [R_ECS], aliases [], Rule::Custom(root_user)),
        check!("VIGIL-AWS-ECS-003", High, 798, "ECS container environment holds a secret",
            "Plain environment values are visible in the task definition to anyone who can describe it.",
            "Use the container definition's secrets (Secrets Manager or SSM) instead of environment.",
            cfn ["AWS::ECS::TaskDefinition"] "ContainerDefinitions:\n  - Name: app\n    Secrets:\n      - Name: DB_PASSWORD\n        ValueFrom: !Ref DbSecret",
            tf ["aws_ecs_task_definition"] "container_definitions = jsonencode([{\n  name    = \"app\"\n  secrets = [{ name = \"DB_PASSWORD\", valueFrom = aws_secretsmanager_secret.db.arn }]\n}])",
            refs [R_ECS], aliases [], Rule::Custom(ecs_env_secrets)),
        check!("VIGIL-AWS-ECS-004", Medium, 653, "ECS task uses host networking",
            "With network mode host, containers share the host's network stack and can reach its metadata and services.",
            "Use awsvpc network mode.",
            cfn ["AWS::ECS::TaskDefinition"] "NetworkMode: awsvpc",
            tf ["aws_ecs_task_definition"] "network_mode = \"awsvpc\"",
            refs [R_ECS], aliases [],
            attr("NetworkMode", "network_mode", T::NotEq("host"), M::Pass)),
        check!("VIGIL-AWS-ECS-005", Low, 778, "ECS cluster has Container Insights off",
            "Without Container Insights, task-level metrics and logs for investigation are missing.",
            "Enable containerInsights on the cluster.",
            cfn ["AWS::ECS::Cluster"] "ClusterSettings:\n  - Name: containerInsights\n    Value: enabled",
            tf ["aws_ecs_cluster"] "setting {\n  name  = \"containerInsights\"\n  value = \"enabled\"\n}",
            refs [R_ECS], aliases ["CKV_AWS_65", "aws-ecs-enable-container-insight"], Rule::Custom(insights)),
        check!("VIGIL-AWS-ECS-006", Medium, 319, "ECS EFS volume without transit encryption",
            "Data between the task and the EFS file system travels unencrypted.",
            "Enable TransitEncryption on the EFS volume configuration.",
            cfn ["AWS::ECS::TaskDefinition"] "Volumes:\n  - Name: data\n    EFSVolumeConfiguration:\n      FilesystemId: !Ref Fs\n      TransitEncryption: ENABLED",
            tf ["aws_ecs_task_definition"] "volume {\n  name = \"data\"\n  efs_volume_configuration {\n    file_system_id     = aws_efs_file_system.this.id\n    transit_encryption = \"ENABLED\"\n  }\n}",
            refs [R_ECS], aliases ["CKV_AWS_97", "aws-ecs-enable-in-transit-encryption"],
            attr("Volumes.EFSVolumeConfiguration.TransitEncryption", "volume.efs_volume_configuration.transit_encryption", T::Eq("ENABLED"), M::FailIfParent)),
        check!("VIGIL-AWS-BATCH-001", High, 250, "Batch job definition runs privileged",
            "A privileged job container has root on the compute host.",
            "Remove Privileged.",
            cfn ["AWS::Batch::JobDefinition"] "ContainerProperties:\n  Privileged: false",
            tf ["aws_batch_job_definition"] "container_properties = jsonencode({\n  privileged = false\n})",
            refs [R_BATCH], aliases ["CKV_AWS_210"], Rule::Custom(batch_privileged)),
        check!("VIGIL-AWS-EKS-001", Medium, 284, "EKS API endpoint is public to the internet",
            "The Kubernetes API server accepts connections from 0.0.0.0/0 (the default).",
            "Disable public access or restrict PublicAccessCidrs to known ranges.",
            cfn ["AWS::EKS::Cluster"] "ResourcesVpcConfig:\n  EndpointPrivateAccess: true\n  EndpointPublicAccess: false",
            tf ["aws_eks_cluster"] "vpc_config {\n  endpoint_private_access = true\n  endpoint_public_access  = false\n}",
            refs [R_EKS], aliases ["CKV_AWS_39", "CKV_AWS_38", "aws-eks-no-public-cluster-access", "aws-eks-no-public-cluster-access-to-cidr"], Rule::Custom(eks_public)),
        check!("VIGIL-AWS-EKS-002", Medium, 311, "EKS secrets are not encrypted with KMS",
            "Kubernetes secrets are stored in etcd without envelope encryption.",
            "Configure encryption of the secrets resource with a KMS key.",
            cfn ["AWS::EKS::Cluster"] "EncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: !GetAtt EksKey.Arn",
            tf ["aws_eks_cluster"] "encryption_config {\n  resources = [\"secrets\"]\n  provider {\n    key_arn = aws_kms_key.eks.arn\n  }\n}",
            refs [R_EKS], aliases ["CKV_AWS_58", "aws-eks-encrypt-secrets"],
            attr("EncryptionConfig.Resources", "encryption_config.resources", T::Contains("secrets"), M::Fail)),
        check!("VIGIL-AWS-EKS-003", Low, 778, "EKS control plane audit logging is off",
            "Without the audit log, API calls to the cluster cannot be investigated.",
            "Enable at least the api and audit control plane log types.",
            cfn ["AWS::EKS::Cluster"] "Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit",
            tf ["aws_eks_cluster"] "enabled_cluster_log_types = [\"api\", \"audit\"]",
            refs [R_EKS], aliases ["CKV_AWS_37", "aws-eks-enable-control-plane-logging"],
            attr("Logging.ClusterLogging.EnabledTypes.Type", "enabled_cluster_log_types", T::Contains("audit"), M::Fail)),
        check!("VIGIL-AWS-ECR-001", Medium, 1104, "ECR repository does not scan images on push",
            "Vulnerable images are pushed without being scanned.",
            "Enable scan on push (or registry-level enhanced scanning).",
            cfn ["AWS::ECR::Repository"] "ImageScanningConfiguration:\n  ScanOnPush: true",
            tf ["aws_ecr_repository"] "image_scanning_configuration {\n  scan_on_push = true\n}",
            refs [R_ECR], aliases ["CKV_AWS_163", "aws-ecr-enable-image-scans"],
            attr("ImageScanningConfiguration.ScanOnPush", "image_scanning_configuration.scan_on_push", T::True, M::Fail)),
        check!("VIGIL-AWS-ECR-002", Low, 494, "ECR image tags are mutable",
            "A pushed tag can be overwritten, so a deployment may run a different image than the one reviewed.",
            "Set image tag mutability to IMMUTABLE.",
            cfn ["AWS::ECR::Repository"] "ImageTagMutability: IMMUTABLE",
            tf ["aws_ecr_repository"] "image_tag_mutability = \"IMMUTABLE\"",
            refs [R_ECR], aliases ["CKV_AWS_51", "aws-ecr-enforce-immutable-repository"],
            attr("ImageTagMutability", "image_tag_mutability", T::OneOf(&["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"]), M::Fail)),
        check!("VIGIL-AWS-ECR-003", High, 284, "ECR repository policy allows any principal",
            "Anyone (any AWS account) can pull, or even push, images.",
            "Grant access to named accounts or add an aws:PrincipalOrgID condition.",
            cfn ["AWS::ECR::Repository"] "RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n      Action: [ecr:BatchGetImage]",
            tf ["aws_ecr_repository_policy"] "Principal = { AWS = \"arn:aws:iam::123456789012:root\" }",
            refs [R_ECR], aliases ["CKV_AWS_32", "aws-ecr-no-public-access"], Rule::Custom(ecr_public)),
        check!("VIGIL-AWS-ECR-004", Low, 311, "ECR repository is not encrypted with KMS",
            "Images are encrypted with AES-256 managed by ECR; KMS gives key control and audit.",
            "Set the encryption type to KMS.",
            cfn ["AWS::ECR::Repository"] "EncryptionConfiguration:\n  EncryptionType: KMS",
            tf ["aws_ecr_repository"] "encryption_configuration {\n  encryption_type = \"KMS\"\n}",
            refs [R_ECR], aliases ["CKV_AWS_136", "aws-ecr-repository-customer-key"],
            attr("EncryptionConfiguration.EncryptionType", "encryption_configuration.encryption_type", T::Eq("KMS"), M::Fail)),
        check!("VIGIL-AWS-CB-001", Medium, 250, "CodeBuild project runs in privileged mode",
            "Privileged builds can run Docker and reach the build host; a malicious dependency gets more than the build.",
            "Turn privileged mode off unless the project builds Docker images.",
            cfn ["AWS::CodeBuild::Project"] "Environment:\n  PrivilegedMode: false",
            tf ["aws_codebuild_project"] "environment {\n  privileged_mode = false\n}",
            refs [R_CB], aliases ["CKV_AWS_316"],
            attr("Environment.PrivilegedMode", "environment.privileged_mode", T::False, M::Pass)),
        check!("VIGIL-AWS-CB-002", Medium, 311, "CodeBuild artifacts are not encrypted",
            "Build artifacts are stored without encryption.",
            "Leave artifact encryption on.",
            cfn ["AWS::CodeBuild::Project"] "Artifacts:\n  Type: S3\n  EncryptionDisabled: false",
            tf ["aws_codebuild_project"] "artifacts {\n  type                = \"S3\"\n  encryption_disabled = false\n}",
            refs [R_CB], aliases ["CKV_AWS_78", "aws-codebuild-enable-encryption"],
            attr("Artifacts.EncryptionDisabled|SecondaryArtifacts.EncryptionDisabled", "artifacts.encryption_disabled|secondary_artifacts.encryption_disabled", T::False, M::Pass)),
        check!("VIGIL-AWS-CB-003", Low, 311, "CodeBuild project has no customer managed KMS key",
            "Build output is encrypted with the AWS managed key only.",
            "Set EncryptionKey to a customer managed key.",
            cfn ["AWS::CodeBuild::Project"] "EncryptionKey: !GetAtt BuildKey.Arn",
            tf ["aws_codebuild_project"] "encryption_key = aws_kms_key.build.arn",
            refs [R_CB], aliases ["CKV_AWS_147"],
            attr("EncryptionKey", "encryption_key", T::Present, M::Fail)),
        check!("VIGIL-AWS-CB-004", High, 798, "CodeBuild plaintext environment variable holds a secret",
            "PLAINTEXT environment variables are visible to anyone who can view the project.",
            "Use type SECRETS_MANAGER or PARAMETER_STORE.",
            cfn ["AWS::CodeBuild::Project"] "EnvironmentVariables:\n  - Name: NPM_TOKEN\n    Type: SECRETS_MANAGER\n    Value: npm-token",
            tf ["aws_codebuild_project"] "environment_variable {\n  name  = \"NPM_TOKEN\"\n  type  = \"SECRETS_MANAGER\"\n  value = \"npm-token\"\n}",
            refs [R_CB], aliases [], Rule::Custom(codebuild_env_secrets)),
        check!("VIGIL-AWS-CB-005", Low, 311, "CodeBuild S3 logs are not encrypted",
            "Build logs written to S3 are stored without encryption.",
            "Leave S3 log encryption on.",
            cfn ["AWS::CodeBuild::Project"] "LogsConfig:\n  S3Logs:\n    Status: ENABLED\n    EncryptionDisabled: false",
            tf ["aws_codebuild_project"] "logs_config {\n  s3_logs {\n    status              = \"ENABLED\"\n    encryption_disabled = false\n  }\n}",
            refs [R_CB], aliases ["CKV_AWS_311"],
            attr("LogsConfig.S3Logs.EncryptionDisabled", "logs_config.s3_logs.encryption_disabled", T::False, M::Pass)),
        check!("VIGIL-AWS-SAGE-001", Medium, 284, "SageMaker notebook has direct internet access",
            "The notebook instance can reach (and be reached from) the internet outside the VPC's controls.",
            "Disable direct internet access and route through the VPC.",
            cfn ["AWS::SageMaker::NotebookInstance"] "DirectInternetAccess: Disabled\nSubnetId: !Ref PrivateSubnet",
            tf ["aws_sagemaker_notebook_instance"] "direct_internet_access = \"Disabled\"\nsubnet_id              = aws_subnet.private.id",
            refs [R_SM], aliases ["CKV_AWS_122"],
            attr("DirectInternetAccess", "direct_internet_access", T::Eq("Disabled"), M::Fail)),
        check!("VIGIL-AWS-SAGE-002", Low, 311, "SageMaker notebook storage has no KMS key",
            "The notebook's ML storage volume is not encrypted with a customer managed key.",
            "Set KmsKeyId.",
            cfn ["AWS::SageMaker::NotebookInstance"] "KmsKeyId: !Ref NotebookKey",
            tf ["aws_sagemaker_notebook_instance"] "kms_key_id = aws_kms_key.notebook.id",
            refs [R_SM], aliases ["CKV_AWS_22"],
            attr("KmsKeyId", "kms_key_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-SAGE-003", Low, 250, "SageMaker notebook users have root access",
            "Root access (the default) lets notebook users change the instance's software and configuration.",
            "Set RootAccess to Disabled.",
            cfn ["AWS::SageMaker::NotebookInstance"] "RootAccess: Disabled",
            tf ["aws_sagemaker_notebook_instance"] "root_access = \"Disabled\"",
            refs [R_SM], aliases [],
            attr("RootAccess", "root_access", T::Eq("Disabled"), M::Fail)),
        check!("VIGIL-AWS-SAGE-004", Low, 311, "SageMaker endpoint configuration has no KMS key",
            "The endpoint's storage volumes are not encrypted with a customer managed key.",
            "Set KmsKeyId on the endpoint configuration.",
            cfn ["AWS::SageMaker::EndpointConfig"] "KmsKeyId: !Ref EndpointKey",
            tf ["aws_sagemaker_endpoint_configuration"] "kms_key_arn = aws_kms_key.endpoint.arn",
            refs [R_SM], aliases ["CKV_AWS_98"],
            attr("KmsKeyId", "kms_key_arn", T::Present, M::Fail)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-EC2-001", true, "AWS::EC2::LaunchTemplate", "LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: optional", true),
    ("VIGIL-AWS-EC2-001", true, "AWS::EC2::LaunchTemplate", "LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required", false),
    ("VIGIL-AWS-EC2-001", false, "aws_instance", "ami = \"a\"", true),
    ("VIGIL-AWS-EC2-001", false, "aws_instance", "ami = \"a\"\nmetadata_options {\n  http_tokens = \"required\"\n}", false),
    ("VIGIL-AWS-EC2-002", true, "AWS::EC2::Instance", "NetworkInterfaces:\n  - DeviceIndex: '0'\n    AssociatePublicIpAddress: true", true),
    ("VIGIL-AWS-EC2-002", true, "AWS::EC2::Instance", "NetworkInterfaces:\n  - DeviceIndex: '0'\n    AssociatePublicIpAddress: false", false),
    ("VIGIL-AWS-EC2-002", false, "aws_instance", "associate_public_ip_address = true", true),
    ("VIGIL-AWS-EC2-002", false, "aws_instance", "ami = \"a\"", false),
    ("VIGIL-AWS-EC2-003", true, "AWS::EC2::Instance", "UserData:\n  Fn::Base64: !Sub |\n    #!/bin/bash\n    export DB_PASSWORD=Sup3rS3cretPw\n    echo ${AWS::Region}", true),
    ("VIGIL-AWS-EC2-003", true, "AWS::EC2::Instance", "UserData:\n  Fn::Base64: !Sub |\n    #!/bin/bash\n    export DB_PASSWORD=$(aws ssm get-parameter --name /db --with-decryption)\n    echo ${AWS::Region}", false),
    ("VIGIL-AWS-EC2-003", false, "aws_instance", concat!("user_data = <<EOF\n#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIA", "ABCDEFGHIJKLMNOP\nEOF"), true),
    ("VIGIL-AWS-EC2-003", false, "aws_instance", "user_data = <<EOF\n#!/bin/bash\nyum install -y nginx\nEOF", false),
    ("VIGIL-AWS-EC2-004", true, "AWS::EC2::Instance", "ImageId: ami-1", true),
    ("VIGIL-AWS-EC2-004", true, "AWS::EC2::Instance", "EbsOptimized: true", false),
    ("VIGIL-AWS-EC2-004", false, "aws_instance", "ami = \"a\"", true),
    ("VIGIL-AWS-EC2-004", false, "aws_instance", "ebs_optimized = true", false),
    ("VIGIL-AWS-EC2-005", true, "AWS::EC2::Instance", "Monitoring: false", true),
    ("VIGIL-AWS-EC2-005", true, "AWS::EC2::Instance", "Monitoring: true", false),
    ("VIGIL-AWS-EC2-005", false, "aws_instance", "ami = \"a\"", true),
    ("VIGIL-AWS-EC2-005", false, "aws_instance", "monitoring = true", false),
    ("VIGIL-AWS-LAMBDA-001", true, "AWS::Lambda::Function", "Environment:\n  Variables:\n    DB_PASSWORD: hunter2hunter2", true),
    ("VIGIL-AWS-LAMBDA-001", true, "AWS::Serverless::Function", "Environment:\n  Variables:\n    DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n    TABLE: t", false),
    ("VIGIL-AWS-LAMBDA-001", false, "aws_lambda_function", "environment {\n  variables = {\n    API_TOKEN = \"tok_9f8e7d6c5b4a\"\n  }\n}", true),
    ("VIGIL-AWS-LAMBDA-001", false, "aws_lambda_function", "environment {\n  variables = {\n    API_TOKEN = var.api_token\n    STAGE = \"prod\"\n  }\n}", false),
    ("VIGIL-AWS-LAMBDA-002", true, "AWS::Lambda::Url", "AuthType: NONE\nTargetFunctionArn: arn", true),
    ("VIGIL-AWS-LAMBDA-002", true, "AWS::Lambda::Url", "AuthType: AWS_IAM\nTargetFunctionArn: arn", false),
    ("VIGIL-AWS-LAMBDA-002", false, "aws_lambda_function_url", "function_name = \"f\"\nauthorization_type = \"NONE\"", true),
    ("VIGIL-AWS-LAMBDA-002", false, "aws_lambda_function_url", "function_name = \"f\"\nauthorization_type = \"AWS_IAM\"", false),
    ("VIGIL-AWS-LAMBDA-003", true, "AWS::Lambda::Permission", "Action: lambda:InvokeFunction\nFunctionName: f\nPrincipal: '*'", true),
    ("VIGIL-AWS-LAMBDA-003", true, "AWS::Lambda::Permission", "Action: lambda:InvokeFunction\nFunctionName: f\nPrincipal: '*'\nSourceAccount: '123456789012'", false),
    ("VIGIL-AWS-LAMBDA-003", false, "aws_lambda_permission", "action = \"lambda:InvokeFunction\"\nfunction_name = \"f\"\nprincipal = \"*\"", true),
    ("VIGIL-AWS-LAMBDA-003", false, "aws_lambda_permission", "action = \"lambda:InvokeFunction\"\nfunction_name = \"f\"\nprincipal = \"sns.amazonaws.com\"", false),
    ("VIGIL-AWS-LAMBDA-004", true, "AWS::Lambda::Function", "Runtime: python3.12", true),
    ("VIGIL-AWS-LAMBDA-004", true, "AWS::Serverless::Function", "Tracing: Active", false),
    ("VIGIL-AWS-LAMBDA-004", false, "aws_lambda_function", "tracing_config {\n  mode = \"PassThrough\"\n}", true),
    ("VIGIL-AWS-LAMBDA-004", false, "aws_lambda_function", "tracing_config {\n  mode = \"Active\"\n}", false),
    ("VIGIL-AWS-LAMBDA-005", true, "AWS::Serverless::Function", "Runtime: nodejs14.x", true),
    ("VIGIL-AWS-LAMBDA-005", true, "AWS::Lambda::Function", "Runtime: nodejs20.x", false),
    ("VIGIL-AWS-LAMBDA-005", false, "aws_lambda_function", "runtime = \"python3.7\"", true),
    ("VIGIL-AWS-LAMBDA-005", false, "aws_lambda_function", "runtime = \"python3.12\"", false),
    ("VIGIL-AWS-LAMBDA-006", true, "AWS::Lambda::LayerVersionPermission", "Action: lambda:GetLayerVersion\nLayerVersionArn: arn\nPrincipal: '*'", true),
    ("VIGIL-AWS-LAMBDA-006", true, "AWS::Lambda::LayerVersionPermission", "Action: lambda:GetLayerVersion\nLayerVersionArn: arn\nPrincipal: '*'\nOrganizationId: o-1", false),
    ("VIGIL-AWS-LAMBDA-006", false, "aws_lambda_layer_version_permission", "principal = \"*\"", true),
    ("VIGIL-AWS-LAMBDA-006", false, "aws_lambda_layer_version_permission", "principal = \"123456789012\"", false),
    ("VIGIL-AWS-ECS-001", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    Privileged: true", true),
    ("VIGIL-AWS-ECS-001", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    Image: nginx", false),
    ("VIGIL-AWS-ECS-001", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = jsonencode([{ name = \"app\", privileged = true }])", true),
    ("VIGIL-AWS-ECS-001", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = <<EOF\n[{\"name\": \"app\", \"privileged\": false}]\nEOF", false),
    ("VIGIL-AWS-ECS-002", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    User: root", true),
    ("VIGIL-AWS-ECS-002", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    User: '1000'", false),
    ("VIGIL-AWS-ECS-002", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = jsonencode([{ name = \"app\", user = \"0\" }])", true),
    ("VIGIL-AWS-ECS-002", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = jsonencode([{ name = \"app\", user = \"app\" }])", false),
    ("VIGIL-AWS-ECS-003", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    Environment:\n      - Name: DB_PASSWORD\n        Value: s3cr3tPassw0rd", true),
    ("VIGIL-AWS-ECS-003", true, "AWS::ECS::TaskDefinition", "ContainerDefinitions:\n  - Name: app\n    Environment:\n      - Name: LOG_LEVEL\n        Value: debug", false),
    ("VIGIL-AWS-ECS-003", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = jsonencode([{ name = \"app\", environment = [{ name = \"SECRET_KEY\", value = \"abcd1234efgh\" }] }])", true),
    ("VIGIL-AWS-ECS-003", false, "aws_ecs_task_definition", "family = \"f\"\ncontainer_definitions = jsonencode([{ name = \"app\", environment = [{ name = \"SECRET_KEY\", value = var.secret }] }])", false),
    ("VIGIL-AWS-ECS-004", true, "AWS::ECS::TaskDefinition", "NetworkMode: host", true),
    ("VIGIL-AWS-ECS-004", true, "AWS::ECS::TaskDefinition", "NetworkMode: awsvpc", false),
    ("VIGIL-AWS-ECS-004", false, "aws_ecs_task_definition", "family = \"f\"\nnetwork_mode = \"host\"", true),
    ("VIGIL-AWS-ECS-004", false, "aws_ecs_task_definition", "family = \"f\"\nnetwork_mode = \"awsvpc\"", false),
    ("VIGIL-AWS-ECS-005", true, "AWS::ECS::Cluster", "ClusterName: c", true),
    ("VIGIL-AWS-ECS-005", true, "AWS::ECS::Cluster", "ClusterSettings:\n  - Name: containerInsights\n    Value: enabled", false),
    ("VIGIL-AWS-ECS-005", false, "aws_ecs_cluster", "name = \"c\"\nsetting {\n  name = \"containerInsights\"\n  value = \"disabled\"\n}", true),
    ("VIGIL-AWS-ECS-005", false, "aws_ecs_cluster", "name = \"c\"\nsetting {\n  name = \"containerInsights\"\n  value = \"enabled\"\n}", false),
    ("VIGIL-AWS-ECS-006", true, "AWS::ECS::TaskDefinition", "Volumes:\n  - Name: d\n    EFSVolumeConfiguration:\n      FilesystemId: fs-1", true),
    ("VIGIL-AWS-ECS-006", true, "AWS::ECS::TaskDefinition", "Volumes:\n  - Name: d\n    EFSVolumeConfiguration:\n      FilesystemId: fs-1\n      TransitEncryption: ENABLED", false),
    ("VIGIL-AWS-ECS-006", false, "aws_ecs_task_definition", "family = \"f\"\nvolume {\n  name = \"d\"\n  efs_volume_configuration {\n    file_system_id = \"fs-1\"\n    transit_encryption = \"DISABLED\"\n  }\n}", true),
    ("VIGIL-AWS-ECS-006", false, "aws_ecs_task_definition", "family = \"f\"\nvolume {\n  name = \"d\"\n  host_path = \"/data\"\n}", false),
    ("VIGIL-AWS-BATCH-001", true, "AWS::Batch::JobDefinition", "Type: container\nContainerProperties:\n  Image: i\n  Privileged: true", true),
    ("VIGIL-AWS-BATCH-001", true, "AWS::Batch::JobDefinition", "Type: container\nContainerProperties:\n  Image: i", false),
    ("VIGIL-AWS-BATCH-001", false, "aws_batch_job_definition", "type = \"container\"\ncontainer_properties = jsonencode({ image = \"i\", privileged = true })", true),
    ("VIGIL-AWS-BATCH-001", false, "aws_batch_job_definition", "type = \"container\"\ncontainer_properties = jsonencode({ image = \"i\" })", false),
    ("VIGIL-AWS-EKS-001", true, "AWS::EKS::Cluster", "ResourcesVpcConfig:\n  SubnetIds: [s]", true),
    ("VIGIL-AWS-EKS-001", true, "AWS::EKS::Cluster", "ResourcesVpcConfig:\n  SubnetIds: [s]\n  EndpointPublicAccess: false\n  EndpointPrivateAccess: true", false),
    ("VIGIL-AWS-EKS-001", false, "aws_eks_cluster", "vpc_config {\n  subnet_ids = [\"s\"]\n  public_access_cidrs = [\"0.0.0.0/0\"]\n}", true),
    ("VIGIL-AWS-EKS-001", false, "aws_eks_cluster", "vpc_config {\n  subnet_ids = [\"s\"]\n  public_access_cidrs = [\"203.0.113.0/24\"]\n}", false),
    ("VIGIL-AWS-EKS-002", true, "AWS::EKS::Cluster", "Name: c", true),
    ("VIGIL-AWS-EKS-002", true, "AWS::EKS::Cluster", "EncryptionConfig:\n  - Resources: [secrets]\n    Provider: {KeyArn: arn}", false),
    ("VIGIL-AWS-EKS-002", false, "aws_eks_cluster", "name = \"c\"", true),
    ("VIGIL-AWS-EKS-002", false, "aws_eks_cluster", "encryption_config {\n  resources = [\"secrets\"]\n  provider {\n    key_arn = \"arn\"\n  }\n}", false),
    ("VIGIL-AWS-EKS-003", true, "AWS::EKS::Cluster", "Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api", true),
    ("VIGIL-AWS-EKS-003", true, "AWS::EKS::Cluster", "Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit", false),
    ("VIGIL-AWS-EKS-003", false, "aws_eks_cluster", "name = \"c\"", true),
    ("VIGIL-AWS-EKS-003", false, "aws_eks_cluster", "enabled_cluster_log_types = [\"api\", \"audit\"]", false),
    ("VIGIL-AWS-ECR-001", true, "AWS::ECR::Repository", "RepositoryName: r", true),
    ("VIGIL-AWS-ECR-001", true, "AWS::ECR::Repository", "ImageScanningConfiguration:\n  ScanOnPush: true", false),
    ("VIGIL-AWS-ECR-001", false, "aws_ecr_repository", "name = \"r\"\nimage_scanning_configuration {\n  scan_on_push = false\n}", true),
    ("VIGIL-AWS-ECR-001", false, "aws_ecr_repository", "name = \"r\"\nimage_scanning_configuration {\n  scan_on_push = true\n}", false),
    ("VIGIL-AWS-ECR-002", true, "AWS::ECR::Repository", "ImageTagMutability: MUTABLE", true),
    ("VIGIL-AWS-ECR-002", true, "AWS::ECR::Repository", "ImageTagMutability: IMMUTABLE", false),
    ("VIGIL-AWS-ECR-002", false, "aws_ecr_repository", "name = \"r\"", true),
    ("VIGIL-AWS-ECR-002", false, "aws_ecr_repository", "image_tag_mutability = \"IMMUTABLE\"", false),
    ("VIGIL-AWS-ECR-003", true, "AWS::ECR::Repository", "RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: ecr:*", true),
    ("VIGIL-AWS-ECR-003", true, "AWS::ECR::Repository", "RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: arn:aws:iam::1:root}\n      Action: ecr:BatchGetImage", false),
    ("VIGIL-AWS-ECR-003", false, "aws_ecr_repository_policy", "repository = \"r\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"ecr:*\" }] })", true),
    ("VIGIL-AWS-ECR-003", false, "aws_ecr_repository_policy", "repository = \"r\"\npolicy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"ecr:BatchGetImage\", Condition = { StringEquals = { \"aws:PrincipalOrgID\" = \"o-1\" } } }] })", false),
    ("VIGIL-AWS-ECR-004", true, "AWS::ECR::Repository", "RepositoryName: r", true),
    ("VIGIL-AWS-ECR-004", true, "AWS::ECR::Repository", "EncryptionConfiguration:\n  EncryptionType: KMS", false),
    ("VIGIL-AWS-ECR-004", false, "aws_ecr_repository", "encryption_configuration {\n  encryption_type = \"AES256\"\n}", true),
    ("VIGIL-AWS-ECR-004", false, "aws_ecr_repository", "encryption_configuration {\n  encryption_type = \"KMS\"\n}", false),
    ("VIGIL-AWS-CB-001", true, "AWS::CodeBuild::Project", "Environment:\n  PrivilegedMode: true", true),
    ("VIGIL-AWS-CB-001", true, "AWS::CodeBuild::Project", "Environment:\n  ComputeType: BUILD_GENERAL1_SMALL", false),
    ("VIGIL-AWS-CB-001", false, "aws_codebuild_project", "environment {\n  privileged_mode = true\n}", true),
    ("VIGIL-AWS-CB-001", false, "aws_codebuild_project", "environment {\n  privileged_mode = false\n}", false),
    ("VIGIL-AWS-CB-002", true, "AWS::CodeBuild::Project", "Artifacts:\n  Type: S3\n  EncryptionDisabled: true", true),
    ("VIGIL-AWS-CB-002", true, "AWS::CodeBuild::Project", "Artifacts:\n  Type: S3", false),
    ("VIGIL-AWS-CB-002", false, "aws_codebuild_project", "artifacts {\n  type = \"S3\"\n  encryption_disabled = true\n}", true),
    ("VIGIL-AWS-CB-002", false, "aws_codebuild_project", "artifacts {\n  type = \"NO_ARTIFACTS\"\n}", false),
    ("VIGIL-AWS-CB-003", true, "AWS::CodeBuild::Project", "Name: p", true),
    ("VIGIL-AWS-CB-003", true, "AWS::CodeBuild::Project", "EncryptionKey: arn:aws:kms:k", false),
    ("VIGIL-AWS-CB-003", false, "aws_codebuild_project", "name = \"p\"", true),
    ("VIGIL-AWS-CB-003", false, "aws_codebuild_project", "encryption_key = aws_kms_key.k.arn", false),
    ("VIGIL-AWS-CB-004", true, "AWS::CodeBuild::Project", "Environment:\n  EnvironmentVariables:\n    - Name: NPM_TOKEN\n      Value: npm_abcdef123456", true),
    ("VIGIL-AWS-CB-004", true, "AWS::CodeBuild::Project", "Environment:\n  EnvironmentVariables:\n    - Name: NPM_TOKEN\n      Type: SECRETS_MANAGER\n      Value: npm-token", false),
    ("VIGIL-AWS-CB-004", false, "aws_codebuild_project", "environment {\n  environment_variable {\n    name = \"DOCKER_PASSWORD\"\n    value = \"pa55w0rd!x\"\n  }\n}", true),
    ("VIGIL-AWS-CB-004", false, "aws_codebuild_project", "environment {\n  environment_variable {\n    name = \"DOCKER_PASSWORD\"\n    type = \"PARAMETER_STORE\"\n    value = \"/ci/docker\"\n  }\n}", false),
    ("VIGIL-AWS-CB-005", true, "AWS::CodeBuild::Project", "LogsConfig:\n  S3Logs:\n    Status: ENABLED\n    EncryptionDisabled: true", true),
    ("VIGIL-AWS-CB-005", true, "AWS::CodeBuild::Project", "LogsConfig:\n  S3Logs:\n    Status: ENABLED", false),
    ("VIGIL-AWS-CB-005", false, "aws_codebuild_project", "logs_config {\n  s3_logs {\n    encryption_disabled = true\n  }\n}", true),
    ("VIGIL-AWS-CB-005", false, "aws_codebuild_project", "logs_config {\n  s3_logs {\n    status = \"ENABLED\"\n  }\n}", false),
    ("VIGIL-AWS-SAGE-001", true, "AWS::SageMaker::NotebookInstance", "InstanceType: ml.t3.medium", true),
    ("VIGIL-AWS-SAGE-001", true, "AWS::SageMaker::NotebookInstance", "DirectInternetAccess: Disabled", false),
    ("VIGIL-AWS-SAGE-001", false, "aws_sagemaker_notebook_instance", "direct_internet_access = \"Enabled\"", true),
    ("VIGIL-AWS-SAGE-001", false, "aws_sagemaker_notebook_instance", "direct_internet_access = \"Disabled\"", false),
    ("VIGIL-AWS-SAGE-002", true, "AWS::SageMaker::NotebookInstance", "InstanceType: ml.t3.medium", true),
    ("VIGIL-AWS-SAGE-002", true, "AWS::SageMaker::NotebookInstance", "KmsKeyId: k", false),
    ("VIGIL-AWS-SAGE-002", false, "aws_sagemaker_notebook_instance", "instance_type = \"ml.t3.medium\"", true),
    ("VIGIL-AWS-SAGE-002", false, "aws_sagemaker_notebook_instance", "kms_key_id = \"k\"", false),
    ("VIGIL-AWS-SAGE-003", true, "AWS::SageMaker::NotebookInstance", "RootAccess: Enabled", true),
    ("VIGIL-AWS-SAGE-003", true, "AWS::SageMaker::NotebookInstance", "RootAccess: Disabled", false),
    ("VIGIL-AWS-SAGE-003", false, "aws_sagemaker_notebook_instance", "instance_type = \"ml.t3.medium\"", true),
    ("VIGIL-AWS-SAGE-003", false, "aws_sagemaker_notebook_instance", "root_access = \"Disabled\"", false),
    ("VIGIL-AWS-SAGE-004", true, "AWS::SageMaker::EndpointConfig", "ProductionVariants: []", true),
    ("VIGIL-AWS-SAGE-004", true, "AWS::SageMaker::EndpointConfig", "KmsKeyId: k", false),
    ("VIGIL-AWS-SAGE-004", false, "aws_sagemaker_endpoint_configuration", "name = \"e\"", true),
    ("VIGIL-AWS-SAGE-004", false, "aws_sagemaker_endpoint_configuration", "kms_key_arn = \"k\"", false),
];
