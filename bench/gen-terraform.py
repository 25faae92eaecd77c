#!/usr/bin/env python3
"""Generates a Terraform corpus for the IaC benchmark (no public registry reachable from
the benchmark machine ships Terraform configurations). Each "service" directory is a small
realistic root module: provider, variables, locals, a local child module, and AWS
resources drawn from common patterns, half of them with a misconfiguration, so both the
passing and failing paths of the checks are exercised. Deterministic (seeded)."""
import os, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else "bench/work/iac-tree/terraform"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 600
rnd = random.Random(42)

def bucket(name, bad):
    s = f'''resource "aws_s3_bucket" "{name}" {{
  bucket = "${{var.prefix}}-{name}"
  tags   = local.tags
}}

resource "aws_s3_bucket_public_access_block" "{name}" {{
  bucket                  = aws_s3_bucket.{name}.id
  block_public_acls       = {str(not bad).lower()}
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}
'''
    if not bad:
        s += f'''
resource "aws_s3_bucket_server_side_encryption_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }}
  }}
}}

resource "aws_s3_bucket_versioning" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  versioning_configuration {{
    status = "Enabled"
  }}
}}
'''
    return s

def sg(name, bad):
    cidr = '"0.0.0.0/0"' if bad else "var.office_cidrs"
    cidr = f"[{cidr}]" if bad else cidr
    return f'''resource "aws_security_group" "{name}" {{
  name        = "${{var.prefix}}-{name}"
  description = "{name} access"
  vpc_id      = var.vpc_id

  ingress {{
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = {cidr}
  }}

  dynamic "ingress" {{
    for_each = var.app_ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.office_cidrs
    }}
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
'''

def rds(name, bad):
    return f'''resource "aws_db_instance" "{name}" {{
  identifier              = "${{var.prefix}}-{name}"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  username                = "app"
  password                = var.db_password
  storage_encrypted       = {str(not bad).lower()}
  publicly_accessible     = {str(bad).lower()}
  backup_retention_period = {1 if bad else 14}
  deletion_protection     = {str(not bad).lower()}
  iam_database_authentication_enabled = true
  auto_minor_version_upgrade = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
  skip_final_snapshot     = false
}}
'''

def iam(name, bad):
    action = '"*"' if bad else '["s3:GetObject", "s3:PutObject"]'
    return f'''data "aws_iam_policy_document" "{name}" {{
  statement {{
    effect    = "Allow"
    actions   = {action if bad else '["s3:GetObject", "s3:PutObject"]'}
    resources = ["${{aws_s3_bucket.data.arn}}/*"]
  }}
}}

resource "aws_iam_policy" "{name}" {{
  name   = "${{var.prefix}}-{name}"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = {action}
      Resource = "*"
    }}]
  }})
}}
'''

def lam(name, bad):
    env = '\n    variables = {\n      API_TOKEN = "tok_9fA2kLq8Zr71xWm3"\n    }' if bad else '\n    variables = {\n      STAGE = var.stage\n    }'
    return f'''resource "aws_lambda_function" "{name}" {{
  function_name = "${{var.prefix}}-{name}"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = "{'python3.7' if bad else 'python3.12'}"
  filename      = "build/{name}.zip"
  environment {{{env}
  }}
  tracing_config {{
    mode = "{'PassThrough' if bad else 'Active'}"
  }}
}}
'''

def logs(name, bad):
    return f'''resource "aws_cloudwatch_log_group" "{name}" {{
  name              = "/app/${{var.prefix}}/{name}"
  retention_in_days = {0 if bad else 365}
{'' if bad else '  kms_key_id        = var.kms_key_arn'}
}}
'''

def instance(name, bad):
    return f'''resource "aws_instance" "{name}" {{
  count                       = var.instance_count
  ami                         = var.ami_id
  instance_type               = "t3.micro"
  associate_public_ip_address = {str(bad).lower()}
  ebs_optimized               = true
  metadata_options {{
    http_tokens   = "{'optional' if bad else 'required'}"
    http_endpoint = "enabled"
  }}
  root_block_device {{
    encrypted = {str(not bad).lower()}
  }}
  tags = merge(local.tags, {{ Name = "${{var.prefix}}-{name}-${{count.index}}" }})
}}
'''

makers = [bucket, sg, rds, iam, lam, logs, instance]
VARS = '''variable "prefix" {
  type    = string
  default = "acme"
}
variable "vpc_id" { type = string }
variable "kms_key_arn" { type = string }
variable "db_password" {
  type      = string
  sensitive = true
}
variable "office_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}
variable "app_ports" {
  type    = list(number)
  default = [443, 8443]
}
variable "stage" { default = "prod" }
variable "ami_id" { type = string }
variable "instance_count" { default = 2 }
'''
total_files = total_lines = 0
for i in range(n):
    d = os.path.join(out, f"service-{i:04d}")
    os.makedirs(os.path.join(d, "modules", "storage"), exist_ok=True)
    body = ['terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n\nlocals {\n  tags = {\n    service = "service-%d"\n    owner   = "platform"\n  }\n}\n' % i]
    body.append(bucket("data", rnd.random() < 0.5))
    for k in range(rnd.randint(3, 6)):
        m = rnd.choice(makers)
        body.append(m(f"{m.__name__}_{k}", rnd.random() < 0.5))
    body.append('resource "aws_iam_role" "lambda" {\n  name = "${var.prefix}-lambda"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]\n  })\n}\n')
    body.append('module "storage" {\n  source      = "./modules/storage"\n  prefix      = var.prefix\n  kms_key_arn = var.kms_key_arn\n}\n')
    files = {
        "main.tf": "\n".join(body),
        "variables.tf": VARS,
        "outputs.tf": 'output "bucket" {\n  value = aws_s3_bucket.data.id\n}\n',
        "terraform.tfvars": 'prefix = "svc%d"\nvpc_id = "vpc-0abc%04d"\nkms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/%04d"\nami_id = "ami-0123456789abcdef0"\n' % (i, i, i),
        "modules/storage/main.tf": 'variable "prefix" {}\nvariable "kms_key_arn" {}\n\n' + bucket("archive", rnd.random() < 0.5).replace("aws_s3_bucket.archive", "aws_s3_bucket.archive"),
    }
    for rel, text in files.items():
        with open(os.path.join(d, rel), "w") as f:
            f.write(text)
        total_files += 1
        total_lines += text.count("\n")
print(f"generated {total_files} Terraform files, {total_lines} lines in {out}")
