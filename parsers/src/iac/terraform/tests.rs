use super::*;

fn project(files: &[(&str, &str)]) -> TfProject {
    let names: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
    let map: HashMap<String, String> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    load(&names, &|p| map.get(p).cloned())
}

fn res<'a>(m: &'a Model, id: &str) -> &'a Resource {
    m.resources.iter().find(|r| r.id == id).unwrap_or_else(|| {
        panic!(
            "{id} not in {:?}",
            m.resources.iter().map(|r| &r.id).collect::<Vec<_>>()
        )
    })
}

#[test]
fn variables_locals_tfvars_and_spans() {
    let p = project(&[
        (
            "main.tf",
            r#"variable "enc" {
  default = false
}
variable "name" {}
locals {
  prefix = "app-${var.env}"
  both   = "${local.prefix}-x"
}
resource "aws_db_instance" "db" {
  storage_encrypted = var.enc
  identifier        = local.both
  name              = var.name
  port              = 3306 + 2
  tags = merge({ a = "1" }, { b = lookup({ k = "v" }, "k", "d") })
}
"#,
        ),
        ("terraform.tfvars", "env = \"prod\"\n"),
        ("vars.tf", "variable \"env\" {\n  default = \"dev\"\n}\n"),
    ]);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.models.len(), 1);
    let r = res(&p.models[0], "aws_db_instance.db");
    assert_eq!(r.span, Span::new(9, 15));
    let enc = r.get("storage_encrypted").unwrap();
    assert_eq!(enc.as_bool(), Some(false));
    assert_eq!(enc.span.start, 10);
    assert_eq!(r.get("identifier").unwrap().as_str(), Some("app-prod-x"));
    assert!(r.get("name").unwrap().is_unknown());
    assert_eq!(r.get("port").unwrap().as_f64(), Some(3308.0));
    assert_eq!(r.get("tags.b").unwrap().as_str(), Some("v"));
}

#[test]
fn split_s3_resources_point_at_their_bucket() {
    let p = project(&[(
        "s3.tf",
        r#"resource "aws_s3_bucket" "b" {
  bucket = "data"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_public_access_block" "p" {
  bucket = "data"
}
resource "aws_s3_bucket_policy" "pol" {
  bucket = "${aws_s3_bucket.b.bucket}"
  policy = jsonencode({ Statement = [{ Effect = "Allow" }] })
}
"#,
    )]);
    let m = &p.models[0];
    let b = res(m, "aws_s3_bucket.b");
    let v: Vec<_> = m.referring(b, "aws_s3_bucket_versioning").collect();
    assert_eq!(v.len(), 1);
    assert_eq!(
        v[0].get("versioning_configuration.status")
            .unwrap()
            .as_str(),
        Some("Enabled")
    );
    assert_eq!(
        m.referring(b, "aws_s3_bucket_public_access_block").count(),
        1
    );
    let pol: Vec<_> = m.referring(b, "aws_s3_bucket_policy").collect();
    assert_eq!(pol.len(), 1);
    assert_eq!(
        pol[0].get("policy.Statement.Effect").unwrap().as_str(),
        Some("Allow")
    );
    assert_eq!(
        pol[0].get("policy.Statement.Effect").unwrap().span.start,
        15
    );
}

#[test]
fn modules_are_followed_with_inputs() {
    let p = project(&[
        (
            "env/prod/main.tf",
            "module \"store\" {\n  source  = \"../../modules/store\"\n  encrypt = true\n}\nmodule \"reg\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = module.reg.id\n}\n",
        ),
        (
            "modules/store/main.tf",
            "variable \"encrypt\" {\n  default = false\n}\nresource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.encrypt\n}\n",
        ),
    ]);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.models.len(), 1, "the module dir is not a root of its own");
    let m = &p.models[0];
    let v = res(m, "module.store.aws_ebs_volume.v");
    assert_eq!(v.file, "modules/store/main.tf");
    assert_eq!(v.get("encrypted").unwrap().as_bool(), Some(true));
    assert_eq!(v.module, "module.store.");
    // Registry module outputs are unknown.
    assert!(res(m, "aws_sqs_queue.q").get("name").unwrap().is_unknown());
}

#[test]
fn cycles_and_outside_sources_are_reported() {
    let p = project(&[
        ("a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\n"),
        (
            "b/main.tf",
            "module \"a\" {\n  source = \"../a\"\n}\nresource \"aws_sqs_queue\" \"q\" {}\n",
        ),
        (
            "c/main.tf",
            "module \"x\" {\n  source = \"../../../etc\"\n}\n",
        ),
    ]);
    let msgs: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("circular module reference")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("c/main.tf:1") && m.contains("outside the repository")),
        "{msgs:?}"
    );
    assert!(
        p.models
            .iter()
            .any(|m| m.resources.iter().any(|r| r.local_id == "aws_sqs_queue.q"))
    );
}

#[test]
fn dynamic_blocks_count_and_for_each() {
    let p = project(&[(
        "sg.tf",
        r#"variable "ports" {
  default = [22, 443]
}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  egress {
    from_port = 0
  }
}
resource "aws_sqs_queue" "off" {
  count = 0
}
resource "aws_sqs_queue" "each" {
  for_each = { a = "x", b = "y" }
  name     = each.value
}
resource "aws_sqs_queue" "unk" {
  for_each = var.nope
  name     = each.key
}
"#,
    )]);
    let m = &p.models[0];
    let sg = res(m, "aws_security_group.sg");
    let ports: Vec<_> = sg
        .find("ingress.from_port")
        .iter()
        .filter_map(|n| n.as_f64())
        .collect();
    assert_eq!(ports, [22.0, 443.0]);
    assert_eq!(sg.find("ingress.from_port")[0].span.start, 8);
    assert_eq!(sg.find("egress").len(), 1);
    assert!(
        !m.resources
            .iter()
            .any(|r| r.id.starts_with("aws_sqs_queue.off"))
    );
    assert_eq!(
        res(m, "aws_sqs_queue.each[\"a\"]")
            .get("name")
            .unwrap()
            .as_str(),
        Some("x")
    );
    assert!(
        res(m, "aws_sqs_queue.unk")
            .get("name")
            .unwrap()
            .is_unknown()
    );
}

#[test]
fn conditionals_keep_both_branches_and_for_exprs_evaluate() {
    let p = project(&[(
        "x.tf",
        "variable \"prod\" {}\nresource \"aws_db_instance\" \"d\" {\n  storage_encrypted = var.prod ? true : false\n  tags = { for k in [\"a\", \"b\"] : k => upper(k) }\n  list = [for s in [\"x\"] : \"${s}!\"]\n}\n",
    )]);
    let r = res(&p.models[0], "aws_db_instance.d");
    let alts: Vec<_> = r
        .properties
        .get("storage_encrypted")
        .unwrap()
        .alternatives()
        .iter()
        .map(|n| n.as_bool())
        .collect();
    assert_eq!(alts, [Some(true), Some(false)]);
    assert_eq!(r.get("tags.b").unwrap().as_str(), Some("B"));
    assert_eq!(r.get("list").unwrap().as_str(), Some("x!"));
}

#[test]
fn tf_json_is_read() {
    let p = project(&[(
        "main.tf.json",
        r#"{
  "variable": {"enc": {"default": true}},
  "resource": {
    "aws_ebs_volume": {
      "v": {
        "encrypted": "${var.enc}",
        "size": 10
      }
    }
  }
}"#,
    )]);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let r = res(&p.models[0], "aws_ebs_volume.v");
    assert_eq!(r.span.start, 5);
    let e = r.get("encrypted").unwrap();
    assert_eq!(e.as_bool(), Some(true));
    assert_eq!(e.span.start, 6);
}

#[test]
fn syntax_errors_name_file_and_line_and_the_rest_goes_on() {
    let p = project(&[
        (
            "bad.tf",
            "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n",
        ),
        ("good.tf", "resource \"aws_sqs_queue\" \"ok\" {}\n"),
        (
            "deep.tf",
            &format!(
                "locals {{\n  x = {}{}\n}}\n",
                "[".repeat(300),
                "]".repeat(300)
            ),
        ),
    ]);
    assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
    let msgs: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
    assert!(msgs.iter().any(|m| m.starts_with("bad.tf:")), "{msgs:?}");
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("deep.tf:2") && m.contains("too deep")),
        "{msgs:?}"
    );
    assert_eq!(p.models[0].resources.len(), 1);
}

#[test]
fn hostile_nesting_is_bounded() {
    // Nested dynamic blocks over big collections stop at the evaluation budget.
    let big = format!(
        "[{}]",
        (0..200)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let text = format!(
        "resource \"aws_security_group\" \"s\" {{\n  dynamic \"a\" {{\n    for_each = {big}\n    content {{\n      dynamic \"b\" {{\n        for_each = {big}\n        content {{\n          x = [for i in {big} : [for j in {big} : i]]\n        }}\n      }}\n    }}\n  }}\n}}\n"
    );
    let p = project(&[("x.tf", &text)]);
    assert_eq!(p.models[0].resources.len(), 1);
    // A long chain of conditionals (no brackets) parses or fails cleanly.
    let chain = format!("locals {{\n  x = {}1\n}}\n", "true ? 1 : ".repeat(2000));
    let p = project(&[("c.tf", &chain)]);
    assert!(p.errors.len() <= 1);
}

#[test]
fn modules_switched_off_by_count_are_skipped() {
    let p = project(&[
        (
            "main.tf",
            "module \"off\" {\n  source = \"./m\"\n  count  = 0\n}\nmodule \"on\" {\n  source = \"./m\"\n}\n",
        ),
        ("m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"),
    ]);
    let ids: Vec<&str> = p.models[0]
        .resources
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["module.on.aws_sqs_queue.q"]);
}

#[test]
fn local_module_outputs_and_cross_module_references() {
    let p = project(&[
        (
            "main.tf",
            "module \"net\" {\n  source = \"./net\"\n  cidr   = \"10.1.0.0/16\"\n}\nresource \"aws_flow_log\" \"f\" {\n  vpc_id = module.net.vpc_id\n  note   = module.net.cidr\n}\n",
        ),
        (
            "net/main.tf",
            "variable \"cidr\" {}\nresource \"aws_vpc\" \"v\" {\n  cidr_block = var.cidr\n}\noutput \"vpc_id\" {\n  value = aws_vpc.v.id\n}\noutput \"cidr\" {\n  value = var.cidr\n}\n",
        ),
    ]);
    let m = &p.models[0];
    let vpc = res(m, "module.net.aws_vpc.v");
    assert_eq!(vpc.address(), "module.net.aws_vpc.v");
    let flow = res(m, "aws_flow_log.f");
    assert_eq!(flow.references, vec!["module.net.aws_vpc.v".to_string()]);
    assert_eq!(flow.get("note").unwrap().as_str(), Some("10.1.0.0/16"));
    assert_eq!(flow.get("note").unwrap().span.start, 7);
    assert_eq!(m.referring(vpc, "aws_flow_log").count(), 1);
}

#[test]
fn byte_order_mark_is_ignored() {
    let p = project(&[(
        "bom.tf",
        "\u{feff}resource \"aws_sqs_queue\" \"q\" {\n  name = \"x\"\n}\n",
    )]);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.models[0].resources[0].get("name").unwrap().span.start, 2);
}

#[test]
fn deep_nesting_is_a_clean_error_on_a_small_stack() {
    // Test threads have 2 MiB stacks, like rayon workers; hcl-edit stops at 64 levels.
    let arrays = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(250),
        "]".repeat(250)
    );
    let objects = format!(
        "locals {{\n  y = {}1{}\n}}\n",
        "{a = ".repeat(250),
        "}".repeat(250)
    );
    let calls = format!(
        "locals {{\n  z = {}1{}\n}}\n",
        "max(".repeat(250),
        ")".repeat(250)
    );
    let ok = format!(
        "locals {{\n  w = {}1{}\n}}\n",
        "[".repeat(60),
        "]".repeat(60)
    );
    let p = project(&[
        ("a.tf", &arrays),
        ("o.tf", &objects),
        ("c.tf", &calls),
        ("ok.tf", &ok),
    ]);
    assert_eq!(p.errors.len(), 3, "{:?}", p.errors);
    assert!(
        p.errors
            .iter()
            .all(|e| e.to_string().contains(":2: syntax error")),
        "{:?}",
        p.errors
    );
}
