//! Network exposure: security groups, network ACLs, VPC flow logs, load balancers,
//! CloudFront and API Gateway.

use vigil_core::Severity;
use vigil_parsers::iac::{Format, Node, Resource};

use crate::check::{Check, Ctx, Hit, Missing as M, Rule, Test as T, hit, scalar};

use super::{attr, attr_unless, check};

const R_SG: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
const R_FLOW: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html";
const R_ELB: &str = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html";
const R_ELB_TLS: &str = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html";
const R_CF: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html";
const R_APIGW: &str =
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/security-best-practices.html";

/// One ingress permission, normalised.
struct Ingress {
    line: u32,
    world: bool,
    all: bool,
    range: Option<(f64, f64)>,
}

const WORLD: &[&str] = &["0.0.0.0/0", "::/0"];

fn ingress_of(it: &Node, cidr_keys: &[&str], from: &str, to: &str, proto: &str) -> Option<Ingress> {
    let mut world_line = None;
    for k in cidr_keys {
        for n in it.find(k) {
            if n.as_str().is_some_and(|c| WORLD.contains(&c)) {
                world_line.get_or_insert(n.span.start);
            }
        }
    }
    let line = world_line?;
    let p = it
        .get(proto)
        .and_then(scalar)
        .map(|s| s.to_ascii_lowercase());
    let (f, t) = (
        it.get(from).and_then(|n| n.as_f64()),
        it.get(to).and_then(|n| n.as_f64()),
    );
    let all_proto = matches!(p.as_deref(), Some("-1") | Some("all"));
    let range = match (f, t) {
        (Some(f), Some(t)) => Some((f, t)),
        (Some(f), None) => Some((f, f)),
        _ => None,
    };
    let full_range = range.is_some_and(|(f, t)| f <= 0.0 && t >= 65535.0);
    if p.is_none() && range.is_none() {
        return None;
    }
    Some(Ingress {
        line,
        world: true,
        all: all_proto || full_range,
        range,
    })
}

fn ingress_rules(r: &Resource) -> Vec<Ingress> {
    let mut out = Vec::new();
    match (r.format, r.kind.as_str()) {
        (Format::CloudFormation, "AWS::EC2::SecurityGroup") => {
            for it in r.find("SecurityGroupIngress") {
                out.extend(ingress_of(
                    it,
                    &["CidrIp", "CidrIpv6"],
                    "FromPort",
                    "ToPort",
                    "IpProtocol",
                ));
            }
        }
        (Format::CloudFormation, _) => {
            out.extend(ingress_of(
                &r.properties,
                &["CidrIp", "CidrIpv6"],
                "FromPort",
                "ToPort",
                "IpProtocol",
            ));
        }
        (Format::Terraform, "aws_security_group" | "aws_default_security_group") => {
            for it in r.find("ingress") {
                out.extend(ingress_of(
                    it,
                    &["cidr_blocks", "ipv6_cidr_blocks"],
                    "from_port",
                    "to_port",
                    "protocol",
                ));
            }
        }
        (Format::Terraform, "aws_security_group_rule") => {
            if r.get("type").and_then(|t| t.as_str()) == Some("ingress") {
                out.extend(ingress_of(
                    &r.properties,
                    &["cidr_blocks", "ipv6_cidr_blocks"],
                    "from_port",
                    "to_port",
                    "protocol",
                ));
            }
        }
        (Format::Terraform, _) => {
            out.extend(ingress_of(
                &r.properties,
                &["cidr_ipv4", "cidr_ipv6"],
                "from_port",
                "to_port",
                "ip_protocol",
            ));
        }
    }
    out.retain(|i| i.world);
    out
}

fn port_hits(r: &Resource, ports: &[u32]) -> Vec<Hit> {
    ingress_rules(r)
        .into_iter()
        .filter(|i| {
            !i.all
                && i.range
                    .is_some_and(|(f, t)| ports.iter().any(|p| f <= *p as f64 && *p as f64 <= t))
        })
        .map(|i| Hit {
            line: i.line,
            path: "ingress".into(),
        })
        .collect()
}

fn all_ports(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    ingress_rules(r)
        .into_iter()
        .filter(|i| i.all)
        .map(|i| Hit {
            line: i.line,
            path: "ingress".into(),
        })
        .collect()
}

const SG_CFN: &[&str] = &["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"];
const SG_TF: &[&str] = &[
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
];

macro_rules! port_check {
    ($fn:ident, $id:literal, $sev:ident, $ports:expr, $title:literal, $what:literal, $port:literal) => {{
        fn $fn(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
            port_hits(r, &$ports)
        }
        Check {
            id: $id,
            title: $title,
            severity: Severity::$sev,
            cwe: 284,
            description: concat!("A security group accepts ", $what, " (port ", $port, ") from 0.0.0.0/0 or ::/0, exposing the service to scanning and brute force from the whole internet."),
            remediation: "Allow the port only from known CIDR ranges or security groups (or use SSM Session Manager / a VPN).",
            fix_cfn: concat!("SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: ", $port, "\n    ToPort: ", $port, "\n    CidrIp: 10.0.0.0/16"),
            fix_tf: concat!("ingress {\n  protocol    = \"tcp\"\n  from_port   = ", $port, "\n  to_port     = ", $port, "\n  cidr_blocks = [\"10.0.0.0/16\"]\n}"),
            references: &[R_SG],
            cfn_types: SG_CFN,
            tf_types: SG_TF,
            aliases: &[],
            rule: Rule::Custom($fn),
        }
    }};
}

/// LoadBalancerAttributes `[{Key, Value}]` (CloudFormation) value for `key`.
fn lb_attribute<'a>(r: &'a Resource, key: &str) -> Option<&'a Node> {
    r.find("LoadBalancerAttributes")
        .into_iter()
        .find(|a| a.get("Key").and_then(|k| k.as_str()) == Some(key))
        .and_then(|a| a.get("Value"))
}

fn lb_flag(r: &Resource, cfn_key: &str, tf_path: &str) -> Vec<Hit> {
    let is_app = |r: &Resource| {
        r.find("Type|load_balancer_type")
            .first()
            .and_then(|t| t.as_str())
            .is_none_or(|t| t.eq_ignore_ascii_case("application"))
    };
    if cfn_key.starts_with("routing.http") && !is_app(r) {
        return Vec::new();
    }
    match r.format {
        Format::CloudFormation => match lb_attribute(r, cfn_key) {
            Some(v) if v.as_bool() == Some(false) => vec![hit(v, cfn_key)],
            Some(_) => Vec::new(),
            None if r
                .find("LoadBalancerAttributes")
                .iter()
                .any(|n| n.is_unknown()) =>
            {
                Vec::new()
            }
            None => vec![Hit {
                line: r.span.start,
                path: cfn_key.into(),
            }],
        },
        Format::Terraform => {
            let l = crate::check::lookup(&r.properties, tf_path);
            if l.nodes.is_empty() {
                if l.unknown {
                    Vec::new()
                } else {
                    vec![Hit {
                        line: r.span.start,
                        path: tf_path.into(),
                    }]
                }
            } else {
                l.nodes
                    .into_iter()
                    .filter(|n| n.as_bool() == Some(false))
                    .map(|n| hit(n, tf_path))
                    .collect()
            }
        }
    }
}

fn http_listener(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (proto, actions, ty, redirect_proto) = match r.format {
        Format::CloudFormation => (
            "Protocol",
            "DefaultActions",
            "Type",
            "RedirectConfig.Protocol",
        ),
        Format::Terraform => ("protocol", "default_action", "type", "redirect.protocol"),
    };
    let Some(p) = r.get(proto) else {
        return Vec::new();
    };
    if p.as_str().is_none_or(|p| !p.eq_ignore_ascii_case("http")) {
        return Vec::new();
    }
    let acts = r.find(actions);
    if acts.iter().any(|a| a.is_unknown()) {
        return Vec::new();
    }
    let redirects = acts.iter().any(|a| {
        a.get(ty)
            .and_then(|t| t.as_str())
            .is_some_and(|t| t.eq_ignore_ascii_case("redirect"))
            && a.find(redirect_proto).iter().all(|p| {
                p.as_str()
                    .is_none_or(|p| p.eq_ignore_ascii_case("https") || p.starts_with("#{"))
            })
    });
    let fixed = acts.iter().all(|a| {
        a.get(ty)
            .and_then(|t| t.as_str())
            .is_some_and(|t| t.eq_ignore_ascii_case("fixed-response"))
    });
    if redirects || (fixed && !acts.is_empty()) {
        Vec::new()
    } else {
        vec![hit(p, proto)]
    }
}

const WEAK_ELB_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-FS-1-1-2019-08",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
];

fn listener_tls(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (proto, pol) = match r.format {
        Format::CloudFormation => ("Protocol", "SslPolicy"),
        Format::Terraform => ("protocol", "ssl_policy"),
    };
    let is_tls = r
        .get(proto)
        .and_then(|p| p.as_str())
        .is_some_and(|p| p.eq_ignore_ascii_case("https") || p.eq_ignore_ascii_case("tls"));
    if !is_tls {
        return Vec::new();
    }
    match r.properties.get(pol) {
        None => vec![Hit {
            line: r.span.start,
            path: pol.into(),
        }],
        Some(n) => n
            .alternatives()
            .into_iter()
            .filter(|n| {
                n.as_str()
                    .is_some_and(|s| WEAK_ELB_POLICIES.iter().any(|w| w.eq_ignore_ascii_case(s)))
            })
            .map(|n| hit(n, pol))
            .collect(),
    }
}

fn cf_min_tls(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (vc, default, min) = match r.format {
        Format::CloudFormation => (
            "DistributionConfig.ViewerCertificate",
            "CloudFrontDefaultCertificate",
            "MinimumProtocolVersion",
        ),
        Format::Terraform => (
            "viewer_certificate",
            "cloudfront_default_certificate",
            "minimum_protocol_version",
        ),
    };
    let mut out = Vec::new();
    for c in r.find(vc) {
        if c.get(default).and_then(|d| d.as_bool()) == Some(true) || c.is_unknown() {
            continue;
        }
        match c.get(min) {
            None => out.push(hit(c, min)),
            Some(m) => out.extend(
                m.alternatives()
                    .into_iter()
                    .filter(|m| {
                        m.as_str()
                            .is_some_and(|s| !s.starts_with("TLSv1.2") && !s.starts_with("TLSv1.3"))
                    })
                    .map(|m| hit(m, min)),
            ),
        }
    }
    out
}

fn method_auth(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let (auth, method, key) = match r.format {
        Format::CloudFormation => ("AuthorizationType", "HttpMethod", "ApiKeyRequired"),
        Format::Terraform => ("authorization", "http_method", "api_key_required"),
    };
    if r.get(method)
        .and_then(|m| m.as_str())
        .is_some_and(|m| m.eq_ignore_ascii_case("options"))
        || r.get(key).and_then(|k| k.as_bool()) == Some(true)
    {
        return Vec::new();
    }
    match r.properties.get(auth) {
        None if r.format == Format::CloudFormation => vec![Hit {
            line: r.span.start,
            path: auth.into(),
        }],
        Some(a) if a.as_str().is_some_and(|a| a.eq_ignore_ascii_case("none")) => vec![hit(a, auth)],
        _ => Vec::new(),
    }
}

fn stage_waf(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let assoc = [
        "AWS::WAFv2::WebACLAssociation",
        "aws_wafv2_web_acl_association",
        "AWS::WAFRegional::WebACLAssociation",
        "aws_wafregional_web_acl_association",
    ];
    let api = r
        .find("RestApiId|rest_api_id")
        .into_iter()
        .find_map(|n| n.reference())
        .map(str::to_string);
    let covered = ctx.model.resources.iter().any(|a| {
        assoc.contains(&a.kind.as_str())
            && a.references
                .iter()
                .any(|x| *x == r.address() || Some(x) == api.as_ref())
    });
    // Stage ARNs are built from strings as often as from references: an association we
    // cannot tie to a stage counts for every stage, so only templates without one report.
    let any_assoc = ctx
        .model
        .resources
        .iter()
        .any(|a| assoc.contains(&a.kind.as_str()) && a.references.is_empty());
    if covered || any_assoc {
        Vec::new()
    } else {
        vec![Hit {
            line: r.span.start,
            path: String::new(),
        }]
    }
}

fn nacl_all(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let entries: Vec<&Node> = match r.kind.as_str() {
        "aws_network_acl" => r.find("ingress"),
        _ => vec![&r.properties],
    };
    let mut out = Vec::new();
    for e in entries {
        let egress = e
            .get("Egress")
            .or_else(|| e.get("egress"))
            .and_then(|n| n.as_bool())
            == Some(true);
        let action = e
            .find("RuleAction|rule_action|action")
            .first()
            .and_then(|n| n.as_str())
            .map(str::to_ascii_lowercase);
        let proto = e.find("Protocol|protocol").first().and_then(|n| scalar(n));
        let cidr = e.find("CidrBlock|Ipv6CidrBlock|cidr_block|ipv6_cidr_block");
        let world = cidr
            .iter()
            .find(|c| c.as_str().is_some_and(|c| WORLD.contains(&c)));
        if !egress
            && action.as_deref() == Some("allow")
            && matches!(proto.as_deref(), Some("-1") | Some("all"))
            && let Some(w) = world
        {
            out.push(hit(w, "CidrBlock"));
        }
    }
    out
}

fn flow_logs(ctx: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let kinds = ["AWS::EC2::FlowLog", "aws_flow_log"];
    let has = ctx
        .model
        .resources
        .iter()
        .any(|f| kinds.contains(&f.kind.as_str()) && f.references.contains(&r.address()));
    if has {
        Vec::new()
    } else {
        vec![Hit {
            line: r.span.start,
            path: String::new(),
        }]
    }
}

fn default_sg(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    r.find("ingress")
        .into_iter()
        .chain(r.find("egress"))
        .take(1)
        .map(|n| hit(n, "ingress"))
        .collect()
}

fn origin_ssl(_: &Ctx<'_>, r: &Resource) -> Vec<Hit> {
    let path = match r.format {
        Format::CloudFormation => {
            "DistributionConfig.Origins.CustomOriginConfig.OriginSSLProtocols"
        }
        Format::Terraform => "origin.custom_origin_config.origin_ssl_protocols",
    };
    r.find(path)
        .into_iter()
        .filter(|n| {
            n.as_str()
                .is_some_and(|p| p.eq_ignore_ascii_case("SSLv3") || p.eq_ignore_ascii_case("TLSv1"))
        })
        .map(|n| hit(n, path))
        .collect()
}

pub(super) fn checks() -> Vec<Check> {
    vec![
        port_check!(
            p22,
            "VIGIL-AWS-SG-001",
            High,
            [22],
            "Security group allows SSH from the internet",
            "SSH",
            "22"
        ),
        port_check!(
            p3389,
            "VIGIL-AWS-SG-002",
            High,
            [3389],
            "Security group allows RDP from the internet",
            "RDP",
            "3389"
        ),
        check!("VIGIL-AWS-SG-003", Critical, 284, "Security group allows all traffic from the internet",
            "An ingress rule for every protocol or the whole port range from 0.0.0.0/0 or ::/0 exposes every service on the attached instances.",
            "Allow only the ports the service needs, from the sources that need them.",
            cfn SG_CFN "SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0",
            tf SG_TF "ingress {\n  protocol    = \"tcp\"\n  from_port   = 443\n  to_port     = 443\n  cidr_blocks = [\"0.0.0.0/0\"]\n}",
            refs [R_SG], aliases ["CKV_AWS_277", "aws-ec2-no-public-ingress-sgr", "W2"], Rule::Custom(all_ports)),
        port_check!(
            p3306,
            "VIGIL-AWS-SG-004",
            High,
            [3306],
            "Security group allows MySQL from the internet",
            "MySQL/MariaDB",
            "3306"
        ),
        port_check!(
            p5432,
            "VIGIL-AWS-SG-005",
            High,
            [5432],
            "Security group allows PostgreSQL from the internet",
            "PostgreSQL",
            "5432"
        ),
        port_check!(
            p1433,
            "VIGIL-AWS-SG-006",
            High,
            [1433],
            "Security group allows SQL Server from the internet",
            "Microsoft SQL Server",
            "1433"
        ),
        port_check!(
            p1521,
            "VIGIL-AWS-SG-007",
            High,
            [1521],
            "Security group allows Oracle from the internet",
            "Oracle database",
            "1521"
        ),
        port_check!(
            p27017,
            "VIGIL-AWS-SG-008",
            High,
            [27017],
            "Security group allows MongoDB from the internet",
            "MongoDB",
            "27017"
        ),
        port_check!(
            p6379,
            "VIGIL-AWS-SG-009",
            High,
            [6379],
            "Security group allows Redis from the internet",
            "Redis",
            "6379"
        ),
        port_check!(
            p9200,
            "VIGIL-AWS-SG-010",
            High,
            [9200],
            "Security group allows Elasticsearch from the internet",
            "Elasticsearch/OpenSearch HTTP",
            "9200"
        ),
        port_check!(
            p11211,
            "VIGIL-AWS-SG-011",
            High,
            [11211],
            "Security group allows Memcached from the internet",
            "Memcached",
            "11211"
        ),
        port_check!(
            p23,
            "VIGIL-AWS-SG-012",
            High,
            [23],
            "Security group allows Telnet from the internet",
            "Telnet",
            "23"
        ),
        port_check!(
            p21,
            "VIGIL-AWS-SG-013",
            Medium,
            [21],
            "Security group allows FTP from the internet",
            "FTP",
            "21"
        ),
        port_check!(
            p445,
            "VIGIL-AWS-SG-014",
            High,
            [445],
            "Security group allows SMB from the internet",
            "SMB/CIFS",
            "445"
        ),
        port_check!(
            p9092,
            "VIGIL-AWS-SG-015",
            High,
            [9092],
            "Security group allows Kafka from the internet",
            "Kafka",
            "9092"
        ),
        port_check!(
            p9042,
            "VIGIL-AWS-SG-016",
            High,
            [9042],
            "Security group allows Cassandra from the internet",
            "Cassandra",
            "9042"
        ),
        port_check!(
            p5900,
            "VIGIL-AWS-SG-017",
            High,
            [5900],
            "Security group allows VNC from the internet",
            "VNC",
            "5900"
        ),
        port_check!(
            p2375,
            "VIGIL-AWS-SG-018",
            Critical,
            [2375],
            "Security group allows the Docker API from the internet",
            "the Docker daemon API",
            "2375"
        ),
        port_check!(
            p6443,
            "VIGIL-AWS-SG-019",
            High,
            [6443],
            "Security group allows the Kubernetes API from the internet",
            "the Kubernetes API server",
            "6443"
        ),
        port_check!(
            p2379,
            "VIGIL-AWS-SG-020",
            Critical,
            [2379],
            "Security group allows etcd from the internet",
            "etcd",
            "2379"
        ),
        port_check!(
            p139,
            "VIGIL-AWS-SG-021",
            High,
            [139],
            "Security group allows NetBIOS from the internet",
            "NetBIOS session service",
            "139"
        ),
        port_check!(
            p5984,
            "VIGIL-AWS-SG-022",
            High,
            [5984],
            "Security group allows CouchDB from the internet",
            "CouchDB",
            "5984"
        ),
        port_check!(
            p389,
            "VIGIL-AWS-SG-023",
            High,
            [389],
            "Security group allows LDAP from the internet",
            "LDAP",
            "389"
        ),
        check!("VIGIL-AWS-SG-024", Medium, 284, "Default security group has rules",
            "The VPC default security group is attached to anything launched without a group; it should allow no traffic (CIS 5.4).",
            "Declare the default security group with no ingress or egress rules.",
            cfn [] "",
            tf ["aws_default_security_group"] "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n}",
            refs [R_SG], aliases ["CKV2_AWS_12"], Rule::Custom(default_sg)),
        check!("VIGIL-AWS-NACL-001", Medium, 284, "Network ACL allows all inbound traffic from the internet",
            "An allow entry for every protocol from 0.0.0.0/0 removes the subnet-level filter.",
            "Allow only the needed protocols and ports.",
            cfn ["AWS::EC2::NetworkAclEntry"] "Protocol: 6\nPortRange: {From: 443, To: 443}\nRuleAction: allow\nCidrBlock: 0.0.0.0/0",
            tf ["aws_network_acl_rule", "aws_network_acl"] "protocol    = \"tcp\"\nfrom_port   = 443\nto_port     = 443\nrule_action = \"allow\"\ncidr_block  = \"0.0.0.0/0\"",
            refs [R_SG], aliases ["aws-ec2-no-public-ingress-acl"], Rule::Custom(nacl_all)),
        check!("VIGIL-AWS-VPC-001", Medium, 778, "VPC has no flow logs",
            "Without flow logs there is no record of the traffic that reached or left the network (CIS 3.9).",
            "Add a flow log for the VPC.",
            cfn ["AWS::EC2::VPC"] "FlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref VPC\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: !GetAtt FlowLogBucket.Arn",
            tf ["aws_vpc"] "resource \"aws_flow_log\" \"this\" {\n  vpc_id               = aws_vpc.this.id\n  traffic_type         = \"ALL\"\n  log_destination_type = \"s3\"\n  log_destination      = aws_s3_bucket.flow_logs.arn\n}",
            refs [R_FLOW], aliases ["CKV2_AWS_11", "aws-ec2-require-vpc-flow-logs-for-all-vpcs"], Rule::Custom(flow_logs)),
        check!("VIGIL-AWS-VPC-002", Low, 284, "Subnet assigns public IP addresses by default",
            "Instances launched in the subnet get a public IP without asking for one.",
            "Turn off MapPublicIpOnLaunch and give public IPs only where intended.",
            cfn ["AWS::EC2::Subnet"] "MapPublicIpOnLaunch: false",
            tf ["aws_subnet"] "map_public_ip_on_launch = false",
            refs [R_SG], aliases ["CKV_AWS_130", "aws-ec2-no-public-ip-subnet"],
            attr("MapPublicIpOnLaunch", "map_public_ip_on_launch", T::False, M::Pass)),
        check!("VIGIL-AWS-ELB-001", High, 319, "Load balancer listener accepts plain HTTP",
            "An HTTP listener that does not redirect to HTTPS sends credentials and session cookies in clear text.",
            "Use an HTTPS listener, and make port 80 redirect to HTTPS.",
            cfn ["AWS::ElasticLoadBalancingV2::Listener"] "Protocol: HTTP\nDefaultActions:\n  - Type: redirect\n    RedirectConfig:\n      Protocol: HTTPS\n      Port: '443'\n      StatusCode: HTTP_301",
            tf ["aws_lb_listener", "aws_alb_listener"] "default_action {\n  type = \"redirect\"\n  redirect {\n    protocol    = \"HTTPS\"\n    port        = \"443\"\n    status_code = \"HTTP_301\"\n  }\n}",
            refs [R_ELB], aliases ["CKV_AWS_2", "aws-elb-http-not-used"], Rule::Custom(http_listener)),
        check!("VIGIL-AWS-ELB-002", Medium, 326, "Load balancer listener uses an outdated TLS policy",
            "The listener's security policy (or the default ELBSecurityPolicy-2016-08) still accepts TLS 1.0/1.1.",
            "Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
            cfn ["AWS::ElasticLoadBalancingV2::Listener"] "SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06",
            tf ["aws_lb_listener", "aws_alb_listener"] "ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
            refs [R_ELB_TLS], aliases ["CKV_AWS_103", "aws-elb-use-secure-tls-policy"], Rule::Custom(listener_tls)),
        check!("VIGIL-AWS-ELB-003", Low, 693, "Load balancer deletion protection is off",
            "A production load balancer can be deleted by one mistaken change.",
            "Enable deletion protection.",
            cfn ["AWS::ElasticLoadBalancingV2::LoadBalancer"] "LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: 'true'",
            tf ["aws_lb", "aws_alb"] "enable_deletion_protection = true",
            refs [R_ELB], aliases ["CKV_AWS_150"],
            Rule::Custom(|_, r| lb_flag(r, "deletion_protection.enabled", "enable_deletion_protection"))),
        check!("VIGIL-AWS-ELB-004", Low, 778, "Load balancer access logs are off",
            "Without access logs requests to the load balancer cannot be investigated.",
            "Enable access logs to an S3 bucket.",
            cfn ["AWS::ElasticLoadBalancingV2::LoadBalancer"] "LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: 'true'\n  - Key: access_logs.s3.bucket\n    Value: !Ref LogBucket",
            tf ["aws_lb", "aws_alb"] "access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}",
            refs [R_ELB], aliases ["CKV_AWS_91"],
            Rule::Custom(|_, r| lb_flag(r, "access_logs.s3.enabled", "access_logs.enabled"))),
        check!("VIGIL-AWS-ELB-005", Medium, 444, "Application load balancer does not drop invalid HTTP headers",
            "Forwarding malformed headers enables HTTP desync / request smuggling against the targets.",
            "Enable routing.http.drop_invalid_header_fields.",
            cfn ["AWS::ElasticLoadBalancingV2::LoadBalancer"] "LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: 'true'",
            tf ["aws_lb", "aws_alb"] "drop_invalid_header_fields = true",
            refs [R_ELB], aliases ["CKV_AWS_131", "aws-elb-drop-invalid-headers"],
            Rule::Custom(|_, r| lb_flag(r, "routing.http.drop_invalid_header_fields.enabled", "drop_invalid_header_fields"))),
        check!("VIGIL-AWS-ELB-006", Low, 778, "Classic load balancer access logs are off",
            "Without access logs requests to the load balancer cannot be investigated.",
            "Enable the access logging policy.",
            cfn ["AWS::ElasticLoadBalancing::LoadBalancer"] "AccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: !Ref LogBucket",
            tf ["aws_elb"] "access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}",
            refs [R_ELB], aliases ["CKV_AWS_92"],
            attr("AccessLoggingPolicy.Enabled", "access_logs.enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-ELB-007", Medium, 319, "Classic load balancer listener uses plain HTTP",
            "Traffic between clients and the load balancer is not encrypted.",
            "Use an HTTPS/SSL listener.",
            cfn ["AWS::ElasticLoadBalancing::LoadBalancer"] "Listeners:\n  - LoadBalancerPort: '443'\n    Protocol: HTTPS\n    InstancePort: '80'\n    SSLCertificateId: !Ref Certificate",
            tf ["aws_elb"] "listener {\n  lb_port            = 443\n  lb_protocol        = \"https\"\n  instance_port      = 80\n  instance_protocol  = \"http\"\n  ssl_certificate_id = aws_acm_certificate.this.arn\n}",
            refs [R_ELB], aliases ["aws-elb-http-not-used"],
            attr("Listeners.Protocol", "listener.lb_protocol", T::NotOneOf(&["http", "tcp"]), M::Pass)),
        check!("VIGIL-AWS-CF-001", High, 319, "CloudFront allows plain HTTP to viewers",
            "ViewerProtocolPolicy allow-all serves content (and cookies) over HTTP.",
            "Use redirect-to-https or https-only for every cache behaviour.",
            cfn ["AWS::CloudFront::Distribution"] "DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https",
            tf ["aws_cloudfront_distribution"] "viewer_protocol_policy = \"redirect-to-https\"",
            refs [R_CF], aliases ["CKV_AWS_34", "aws-cloudfront-enforce-https"],
            attr("DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy|DistributionConfig.CacheBehaviors.ViewerProtocolPolicy",
                 "default_cache_behavior.viewer_protocol_policy|ordered_cache_behavior.viewer_protocol_policy", T::NotEq("allow-all"), M::Pass)),
        check!("VIGIL-AWS-CF-002", Medium, 326, "CloudFront accepts TLS versions older than 1.2",
            "With a custom certificate the minimum protocol version should be TLSv1.2_2021.",
            "Set MinimumProtocolVersion to TLSv1.2_2021.",
            cfn ["AWS::CloudFront::Distribution"] "ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021",
            tf ["aws_cloudfront_distribution"] "viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.this.arn\n  ssl_support_method       = \"sni-only\"\n  minimum_protocol_version = \"TLSv1.2_2021\"\n}",
            refs [R_CF], aliases ["CKV_AWS_174", "aws-cloudfront-use-secure-tls-policy"], Rule::Custom(cf_min_tls)),
        check!("VIGIL-AWS-CF-003", Low, 693, "CloudFront distribution has no WAF web ACL",
            "Without a web ACL the distribution has no protection against common web exploits and bots.",
            "Associate an AWS WAF web ACL.",
            cfn ["AWS::CloudFront::Distribution"] "DistributionConfig:\n  WebACLId: !GetAtt WebAcl.Arn",
            tf ["aws_cloudfront_distribution"] "web_acl_id = aws_wafv2_web_acl.this.arn",
            refs [R_CF], aliases ["CKV_AWS_68", "aws-cloudfront-enable-waf"],
            attr("DistributionConfig.WebACLId", "web_acl_id", T::Present, M::Fail)),
        check!("VIGIL-AWS-CF-004", Low, 778, "CloudFront access logging is off",
            "Without standard logs viewer requests cannot be investigated.",
            "Configure logging to an S3 bucket.",
            cfn ["AWS::CloudFront::Distribution"] "DistributionConfig:\n  Logging:\n    Bucket: !GetAtt LogBucket.DomainName",
            tf ["aws_cloudfront_distribution"] "logging_config {\n  bucket = aws_s3_bucket.logs.bucket_domain_name\n}",
            refs [R_CF], aliases ["CKV_AWS_86", "aws-cloudfront-enable-logging"],
            attr("DistributionConfig.Logging", "logging_config", T::Present, M::Fail)),
        check!("VIGIL-AWS-CF-005", Medium, 319, "CloudFront talks to a custom origin over plain HTTP",
            "OriginProtocolPolicy http-only sends requests from CloudFront to the origin unencrypted.",
            "Use https-only (or match-viewer with HTTPS-only viewers).",
            cfn ["AWS::CloudFront::Distribution"] "CustomOriginConfig:\n  OriginProtocolPolicy: https-only",
            tf ["aws_cloudfront_distribution"] "custom_origin_config {\n  origin_protocol_policy = \"https-only\"\n}",
            refs [R_CF], aliases [],
            attr("DistributionConfig.Origins.CustomOriginConfig.OriginProtocolPolicy", "origin.custom_origin_config.origin_protocol_policy", T::NotEq("http-only"), M::Pass)),
        check!("VIGIL-AWS-CF-006", Medium, 326, "CloudFront origin allows SSLv3 or TLS 1.0",
            "The origin SSL protocol list includes protocols with known weaknesses.",
            "Allow only TLSv1.2.",
            cfn ["AWS::CloudFront::Distribution"] "OriginSSLProtocols: [TLSv1.2]",
            tf ["aws_cloudfront_distribution"] "origin_ssl_protocols = [\"TLSv1.2\"]",
            refs [R_CF], aliases ["aws-cloudfront-use-secure-tls-policy"], Rule::Custom(origin_ssl)),
        check!("VIGIL-AWS-APIGW-001", Medium, 306, "API Gateway method has no authorization",
            "AuthorizationType NONE (without an API key) lets anyone call the method.",
            "Use IAM, Cognito or a Lambda authorizer (OPTIONS preflight methods are exempt).",
            cfn ["AWS::ApiGateway::Method"] "AuthorizationType: COGNITO_USER_POOLS\nAuthorizerId: !Ref Authorizer",
            tf ["aws_api_gateway_method"] "authorization = \"COGNITO_USER_POOLS\"\nauthorizer_id = aws_api_gateway_authorizer.this.id",
            refs [R_APIGW], aliases ["CKV_AWS_59", "aws-api-gateway-no-public-access"], Rule::Custom(method_auth)),
        check!("VIGIL-AWS-APIGW-002", Medium, 306, "API Gateway v2 route has no authorization",
            "A route with AuthorizationType NONE is callable by anyone.",
            "Set an authorizer on the route.",
            cfn ["AWS::ApiGatewayV2::Route"] "AuthorizationType: JWT\nAuthorizerId: !Ref Authorizer",
            tf ["aws_apigatewayv2_route"] "authorization_type = \"JWT\"\nauthorizer_id      = aws_apigatewayv2_authorizer.this.id",
            refs [R_APIGW], aliases [],
            attr_unless("AuthorizationType", "authorization_type", T::NotEq("NONE"), M::Fail, &[("ApiKeyRequired", "api_key_required")])),
        check!("VIGIL-AWS-APIGW-003", Medium, 778, "API Gateway stage has no access logging",
            "Without access logs calls to the API cannot be traced.",
            "Configure access log settings with a CloudWatch Logs destination.",
            cfn ["AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage", "AWS::Serverless::Api", "AWS::Serverless::HttpApi"] "AccessLogSetting:\n  DestinationArn: !GetAtt ApiLogs.Arn\n  Format: $context.requestId",
            tf ["aws_api_gateway_stage", "aws_apigatewayv2_stage"] "access_log_settings {\n  destination_arn = aws_cloudwatch_log_group.api.arn\n  format          = \"$context.requestId\"\n}",
            refs [R_APIGW], aliases ["CKV_AWS_76", "CKV_AWS_95", "aws-api-gateway-enable-access-logging"],
            attr("AccessLogSetting|AccessLogSettings", "access_log_settings", T::Present, M::Fail)),
        check!("VIGIL-AWS-APIGW-004", Low, 778, "API Gateway stage has no X-Ray tracing",
            "Without tracing, requests cannot be followed across services during an incident.",
            "Enable X-Ray tracing on the stage.",
            cfn ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"] "TracingEnabled: true",
            tf ["aws_api_gateway_stage"] "xray_tracing_enabled = true",
            refs [R_APIGW], aliases ["CKV_AWS_73", "aws-api-gateway-enable-tracing"],
            attr("TracingEnabled", "xray_tracing_enabled", T::True, M::Fail)),
        check!("VIGIL-AWS-APIGW-005", Medium, 326, "API Gateway custom domain allows TLS 1.0",
            "The domain's security policy is TLS_1_0 (the default), which accepts outdated protocols.",
            "Set the security policy to TLS_1_2.",
            cfn ["AWS::ApiGateway::DomainName", "AWS::ApiGatewayV2::DomainName"] "SecurityPolicy: TLS_1_2",
            tf ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"] "security_policy = \"TLS_1_2\"",
            refs [R_APIGW], aliases ["CKV_AWS_206", "aws-api-gateway-use-secure-tls-policy"],
            attr("SecurityPolicy|DomainNameConfigurations.SecurityPolicy", "security_policy|domain_name_configuration.security_policy", T::Eq("TLS_1_2"), M::Fail)),
        check!("VIGIL-AWS-APIGW-006", Low, 693, "API Gateway stage is not protected by WAF",
            "No WAF web ACL is associated with the stage, so it has no protection against common web exploits.",
            "Associate an AWS WAFv2 web ACL with the stage.",
            cfn ["AWS::ApiGateway::Stage"] "WebAclAssociation:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}\n    WebACLArn: !GetAtt WebAcl.Arn",
            tf ["aws_api_gateway_stage"] "resource \"aws_wafv2_web_acl_association\" \"api\" {\n  resource_arn = aws_api_gateway_stage.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}",
            refs [R_APIGW], aliases ["CKV2_AWS_29"], Rule::Custom(stage_waf)),
    ]
}

#[cfg(test)]
#[rustfmt::skip]
pub(crate) const CASES: &[crate::tests::Case] = &[
    ("VIGIL-AWS-APIGW-003", true, "AWS::Serverless::Api", "StageName: prod", true),
    ("VIGIL-AWS-APIGW-003", true, "AWS::Serverless::HttpApi", "AccessLogSettings:\n  DestinationArn: arn\n  Format: x", false),
    ("VIGIL-AWS-APIGW-004", true, "AWS::Serverless::Api", "StageName: prod\nTracingEnabled: false", true),
    ("VIGIL-AWS-SG-001", true, "AWS::EC2::SecurityGroup", "GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-001", true, "AWS::EC2::SecurityGroup", "GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-001", false, "aws_security_group", "ingress {\n  protocol    = \"tcp\"\n  from_port   = 20\n  to_port     = 25\n  cidr_blocks = [\"0.0.0.0/0\"]\n}", true),
    ("VIGIL-AWS-SG-001", false, "aws_security_group", "ingress {\n  protocol    = \"tcp\"\n  from_port   = 443\n  to_port     = 443\n  cidr_blocks = [\"0.0.0.0/0\"]\n}", false),
    ("VIGIL-AWS-SG-002", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 3389\nToPort: 3389\nCidrIpv6: ::/0", true),
    ("VIGIL-AWS-SG-002", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 3389\nToPort: 3389\nSourceSecurityGroupId: sg-1", false),
    ("VIGIL-AWS-SG-002", false, "aws_security_group_rule", "type = \"ingress\"\nprotocol = \"tcp\"\nfrom_port = 3389\nto_port = 3389\ncidr_blocks = [\"0.0.0.0/0\"]", true),
    ("VIGIL-AWS-SG-002", false, "aws_security_group_rule", "type = \"egress\"\nprotocol = \"tcp\"\nfrom_port = 3389\nto_port = 3389\ncidr_blocks = [\"0.0.0.0/0\"]", false),
    ("VIGIL-AWS-SG-003", true, "AWS::EC2::SecurityGroup", "GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: '-1'\n    CidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-003", true, "AWS::EC2::SecurityGroup", "GroupDescription: x\nSecurityGroupIngress:\n  - IpProtocol: '-1'\n    CidrIp: 10.1.0.0/16", false),
    ("VIGIL-AWS-SG-003", false, "aws_vpc_security_group_ingress_rule", "security_group_id = \"sg-1\"\nip_protocol = \"-1\"\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-003", false, "aws_vpc_security_group_ingress_rule", "security_group_id = \"sg-1\"\nip_protocol = \"tcp\"\nfrom_port = 443\nto_port = 443\ncidr_ipv4 = \"0.0.0.0/0\"", false),
    ("VIGIL-AWS-SG-004", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 3306\nToPort: 3306\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-004", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 3307\nToPort: 3307\nCidrIp: 0.0.0.0/0", false),
    ("VIGIL-AWS-SG-004", false, "aws_security_group", "ingress {\n  protocol = \"tcp\"\n  from_port = 3306\n  to_port = 3306\n  ipv6_cidr_blocks = [\"::/0\"]\n}", true),
    ("VIGIL-AWS-SG-004", false, "aws_security_group", "ingress {\n  protocol = \"tcp\"\n  from_port = 3306\n  to_port = 3306\n  security_groups = [\"sg-1\"]\n}", false),
    ("VIGIL-AWS-SG-005", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5432\nToPort: 5432\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-005", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5432\nToPort: 5432\nCidrIp: 172.16.0.0/12", false),
    ("VIGIL-AWS-SG-005", false, "aws_security_group_rule", "type = \"ingress\"\nprotocol = \"tcp\"\nfrom_port = 5000\nto_port = 6000\ncidr_blocks = [\"0.0.0.0/0\"]", true),
    ("VIGIL-AWS-SG-005", false, "aws_security_group_rule", "type = \"ingress\"\nprotocol = \"tcp\"\nfrom_port = 5432\nto_port = 5432\ncidr_blocks = [var.office_cidr]", false),
    ("VIGIL-AWS-SG-006", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 1433\nToPort: 1433\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-006", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 1434\nToPort: 1434\nCidrIp: 0.0.0.0/0", false),
    ("VIGIL-AWS-SG-006", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 1433\nto_port = 1433\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-006", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 1433\nto_port = 1433\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-007", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 1521\nToPort: 1521\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-007", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 1521\nToPort: 1521\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-007", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 1521\nto_port = 1521\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-007", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 1522\nto_port = 1522\ncidr_ipv4 = \"0.0.0.0/0\"", false),
    ("VIGIL-AWS-SG-008", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 27017\nToPort: 27017\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-008", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 27017\nToPort: 27017\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-008", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 27017\nto_port = 27017\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-008", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 27017\nto_port = 27017\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-009", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 6379\nToPort: 6379\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-009", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 6379\nToPort: 6379\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-009", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 6379\nto_port = 6379\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-009", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 6379\nto_port = 6379\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-010", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9200\nToPort: 9300\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-010", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9200\nToPort: 9300\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-010", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9200\nto_port = 9200\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-010", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9200\nto_port = 9200\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-011", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: udp\nFromPort: 11211\nToPort: 11211\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-011", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: udp\nFromPort: 11211\nToPort: 11211\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-011", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 11211\nto_port = 11211\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-011", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 11211\nto_port = 11211\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-012", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 23\nToPort: 23\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-012", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 23\nToPort: 23\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-012", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 23\nto_port = 23\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-012", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 23\nto_port = 23\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-013", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 21\nToPort: 21\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-013", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 21\nToPort: 21\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-013", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 21\nto_port = 21\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-013", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 21\nto_port = 21\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-014", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 445\nToPort: 445\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-014", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 445\nToPort: 445\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-014", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 445\nto_port = 445\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-014", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 445\nto_port = 445\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-015", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9092\nToPort: 9092\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-015", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9092\nToPort: 9092\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-015", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9092\nto_port = 9092\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-015", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9092\nto_port = 9092\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-016", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9042\nToPort: 9042\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-016", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 9042\nToPort: 9042\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-016", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9042\nto_port = 9042\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-016", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 9042\nto_port = 9042\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-017", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5900\nToPort: 5900\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-017", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5900\nToPort: 5900\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-017", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 5900\nto_port = 5900\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-017", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 5900\nto_port = 5900\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-018", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 2375\nToPort: 2376\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-018", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 2375\nToPort: 2375\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-018", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 2375\nto_port = 2375\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-018", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 2375\nto_port = 2375\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-019", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 6443\nToPort: 6443\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-019", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 6443\nToPort: 6443\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-019", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 6443\nto_port = 6443\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-019", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 6443\nto_port = 6443\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-020", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 2379\nToPort: 2380\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-020", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 2379\nToPort: 2380\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-020", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 2379\nto_port = 2379\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-020", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 2379\nto_port = 2379\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-021", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 137\nToPort: 139\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-021", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 139\nToPort: 139\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-021", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 139\nto_port = 139\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-021", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 139\nto_port = 139\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-022", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5984\nToPort: 5984\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-022", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 5984\nToPort: 5984\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-022", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 5984\nto_port = 5984\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-022", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 5984\nto_port = 5984\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-023", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 389\nToPort: 389\nCidrIp: 0.0.0.0/0", true),
    ("VIGIL-AWS-SG-023", true, "AWS::EC2::SecurityGroupIngress", "IpProtocol: tcp\nFromPort: 389\nToPort: 389\nCidrIp: 10.0.0.0/8", false),
    ("VIGIL-AWS-SG-023", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 389\nto_port = 389\ncidr_ipv4 = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-SG-023", false, "aws_vpc_security_group_ingress_rule", "ip_protocol = \"tcp\"\nfrom_port = 389\nto_port = 389\ncidr_ipv4 = \"10.0.0.0/8\"", false),
    ("VIGIL-AWS-SG-024", false, "aws_default_security_group", "vpc_id = \"vpc-1\"\ningress {\n  protocol = -1\n  self = true\n  from_port = 0\n  to_port = 0\n}", true),
    ("VIGIL-AWS-SG-024", false, "aws_default_security_group", "vpc_id = \"vpc-1\"", false),
    ("VIGIL-AWS-NACL-001", true, "AWS::EC2::NetworkAclEntry", "NetworkAclId: acl-1\nRuleNumber: 100\nProtocol: -1\nRuleAction: allow\nCidrBlock: 0.0.0.0/0", true),
    ("VIGIL-AWS-NACL-001", true, "AWS::EC2::NetworkAclEntry", "NetworkAclId: acl-1\nRuleNumber: 100\nProtocol: -1\nRuleAction: allow\nEgress: true\nCidrBlock: 0.0.0.0/0", false),
    ("VIGIL-AWS-NACL-001", false, "aws_network_acl_rule", "network_acl_id = \"a\"\nrule_number = 100\nprotocol = \"-1\"\nrule_action = \"allow\"\ncidr_block = \"0.0.0.0/0\"", true),
    ("VIGIL-AWS-NACL-001", false, "aws_network_acl_rule", "network_acl_id = \"a\"\nrule_number = 100\nprotocol = \"tcp\"\nfrom_port = 443\nto_port = 443\nrule_action = \"allow\"\ncidr_block = \"0.0.0.0/0\"", false),
    ("VIGIL-AWS-VPC-001", true, "AWS::EC2::VPC", "CidrBlock: 10.0.0.0/16", true),
    ("VIGIL-AWS-VPC-001", true, "", "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Flow:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: !Ref Vpc\n      ResourceType: VPC\n      TrafficType: ALL\n", false),
    ("VIGIL-AWS-VPC-001", false, "aws_vpc", "cidr_block = \"10.0.0.0/16\"", true),
    ("VIGIL-AWS-VPC-001", false, "", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\nresource \"aws_flow_log\" \"f\" {\n  vpc_id = aws_vpc.v.id\n  traffic_type = \"ALL\"\n}", false),
    ("VIGIL-AWS-VPC-002", true, "AWS::EC2::Subnet", "VpcId: v\nMapPublicIpOnLaunch: true", true),
    ("VIGIL-AWS-VPC-002", true, "AWS::EC2::Subnet", "VpcId: v", false),
    ("VIGIL-AWS-VPC-002", false, "aws_subnet", "vpc_id = \"v\"\nmap_public_ip_on_launch = true", true),
    ("VIGIL-AWS-VPC-002", false, "aws_subnet", "vpc_id = \"v\"\nmap_public_ip_on_launch = false", false),
    ("VIGIL-AWS-ELB-001", true, "AWS::ElasticLoadBalancingV2::Listener", "Protocol: HTTP\nPort: 80\nDefaultActions:\n  - Type: forward\n    TargetGroupArn: tg", true),
    ("VIGIL-AWS-ELB-001", true, "AWS::ElasticLoadBalancingV2::Listener", "Protocol: HTTP\nPort: 80\nDefaultActions:\n  - Type: redirect\n    RedirectConfig: {Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}", false),
    ("VIGIL-AWS-ELB-001", false, "aws_lb_listener", "protocol = \"HTTP\"\nport = 80\ndefault_action {\n  type = \"forward\"\n  target_group_arn = \"tg\"\n}", true),
    ("VIGIL-AWS-ELB-001", false, "aws_lb_listener", "protocol = \"HTTP\"\nport = 80\ndefault_action {\n  type = \"redirect\"\n  redirect {\n    protocol = \"HTTPS\"\n    port = \"443\"\n    status_code = \"HTTP_301\"\n  }\n}", false),
    ("VIGIL-AWS-ELB-002", true, "AWS::ElasticLoadBalancingV2::Listener", "Protocol: HTTPS\nPort: 443\nSslPolicy: ELBSecurityPolicy-2016-08", true),
    ("VIGIL-AWS-ELB-002", true, "AWS::ElasticLoadBalancingV2::Listener", "Protocol: HTTPS\nPort: 443\nSslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06", false),
    ("VIGIL-AWS-ELB-002", false, "aws_lb_listener", "protocol = \"HTTPS\"\nport = 443", true),
    ("VIGIL-AWS-ELB-002", false, "aws_lb_listener", "protocol = \"HTTPS\"\nport = 443\nssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"", false),
    ("VIGIL-AWS-ELB-003", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: 'false'", true),
    ("VIGIL-AWS-ELB-003", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: 'true'", false),
    ("VIGIL-AWS-ELB-003", false, "aws_lb", "name = \"x\"", true),
    ("VIGIL-AWS-ELB-003", false, "aws_lb", "enable_deletion_protection = true", false),
    ("VIGIL-AWS-ELB-004", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "Name: x", true),
    ("VIGIL-AWS-ELB-004", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: 'true'", false),
    ("VIGIL-AWS-ELB-004", false, "aws_lb", "access_logs {\n  bucket = \"b\"\n  enabled = false\n}", true),
    ("VIGIL-AWS-ELB-004", false, "aws_lb", "access_logs {\n  bucket = \"b\"\n  enabled = true\n}", false),
    ("VIGIL-AWS-ELB-005", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "Type: application", true),
    ("VIGIL-AWS-ELB-005", true, "AWS::ElasticLoadBalancingV2::LoadBalancer", "Type: network", false),
    ("VIGIL-AWS-ELB-005", false, "aws_lb", "drop_invalid_header_fields = false", true),
    ("VIGIL-AWS-ELB-005", false, "aws_lb", "drop_invalid_header_fields = true", false),
    ("VIGIL-AWS-ELB-006", true, "AWS::ElasticLoadBalancing::LoadBalancer", "Listeners: []", true),
    ("VIGIL-AWS-ELB-006", true, "AWS::ElasticLoadBalancing::LoadBalancer", "AccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: logs", false),
    ("VIGIL-AWS-ELB-006", false, "aws_elb", "name = \"x\"", true),
    ("VIGIL-AWS-ELB-006", false, "aws_elb", "access_logs {\n  bucket = \"logs\"\n  enabled = true\n}", false),
    ("VIGIL-AWS-ELB-007", true, "AWS::ElasticLoadBalancing::LoadBalancer", "Listeners:\n  - LoadBalancerPort: '80'\n    InstancePort: '80'\n    Protocol: HTTP", true),
    ("VIGIL-AWS-ELB-007", true, "AWS::ElasticLoadBalancing::LoadBalancer", "Listeners:\n  - LoadBalancerPort: '443'\n    InstancePort: '80'\n    Protocol: HTTPS", false),
    ("VIGIL-AWS-ELB-007", false, "aws_elb", "listener {\n  lb_port = 80\n  lb_protocol = \"http\"\n  instance_port = 80\n  instance_protocol = \"http\"\n}", true),
    ("VIGIL-AWS-ELB-007", false, "aws_elb", "listener {\n  lb_port = 443\n  lb_protocol = \"https\"\n  instance_port = 80\n  instance_protocol = \"http\"\n}", false),
    ("VIGIL-AWS-CF-001", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  DefaultCacheBehavior:\n    ViewerProtocolPolicy: allow-all", true),
    ("VIGIL-AWS-CF-001", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  DefaultCacheBehavior:\n    ViewerProtocolPolicy: https-only\n  CacheBehaviors:\n    - ViewerProtocolPolicy: redirect-to-https", false),
    ("VIGIL-AWS-CF-001", false, "aws_cloudfront_distribution", "default_cache_behavior {\n  viewer_protocol_policy = \"redirect-to-https\"\n}\nordered_cache_behavior {\n  viewer_protocol_policy = \"allow-all\"\n}", true),
    ("VIGIL-AWS-CF-001", false, "aws_cloudfront_distribution", "default_cache_behavior {\n  viewer_protocol_policy = \"redirect-to-https\"\n}", false),
    ("VIGIL-AWS-CF-002", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  ViewerCertificate:\n    AcmCertificateArn: arn\n    MinimumProtocolVersion: TLSv1", true),
    ("VIGIL-AWS-CF-002", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  ViewerCertificate:\n    CloudFrontDefaultCertificate: true", false),
    ("VIGIL-AWS-CF-002", false, "aws_cloudfront_distribution", "viewer_certificate {\n  acm_certificate_arn = \"arn\"\n  minimum_protocol_version = \"TLSv1.1_2016\"\n}", true),
    ("VIGIL-AWS-CF-002", false, "aws_cloudfront_distribution", "viewer_certificate {\n  acm_certificate_arn = \"arn\"\n  minimum_protocol_version = \"TLSv1.2_2021\"\n}", false),
    ("VIGIL-AWS-CF-003", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Enabled: true", true),
    ("VIGIL-AWS-CF-003", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  WebACLId: arn:aws:wafv2:acl", false),
    ("VIGIL-AWS-CF-003", false, "aws_cloudfront_distribution", "enabled = true", true),
    ("VIGIL-AWS-CF-003", false, "aws_cloudfront_distribution", "web_acl_id = aws_wafv2_web_acl.w.arn", false),
    ("VIGIL-AWS-CF-004", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Enabled: true", true),
    ("VIGIL-AWS-CF-004", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Logging:\n    Bucket: logs.s3.amazonaws.com", false),
    ("VIGIL-AWS-CF-004", false, "aws_cloudfront_distribution", "enabled = true", true),
    ("VIGIL-AWS-CF-004", false, "aws_cloudfront_distribution", "logging_config {\n  bucket = \"logs.s3.amazonaws.com\"\n}", false),
    ("VIGIL-AWS-CF-005", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Origins:\n    - Id: o\n      CustomOriginConfig:\n        OriginProtocolPolicy: http-only", true),
    ("VIGIL-AWS-CF-005", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Origins:\n    - Id: o\n      CustomOriginConfig:\n        OriginProtocolPolicy: https-only", false),
    ("VIGIL-AWS-CF-005", false, "aws_cloudfront_distribution", "origin {\n  origin_id = \"o\"\n  custom_origin_config {\n    origin_protocol_policy = \"http-only\"\n  }\n}", true),
    ("VIGIL-AWS-CF-005", false, "aws_cloudfront_distribution", "origin {\n  origin_id = \"o\"\n  custom_origin_config {\n    origin_protocol_policy = \"https-only\"\n  }\n}", false),
    ("VIGIL-AWS-CF-006", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Origins:\n    - Id: o\n      CustomOriginConfig:\n        OriginSSLProtocols: [SSLv3, TLSv1.2]", true),
    ("VIGIL-AWS-CF-006", true, "AWS::CloudFront::Distribution", "DistributionConfig:\n  Origins:\n    - Id: o\n      CustomOriginConfig:\n        OriginSSLProtocols: [TLSv1.2]", false),
    ("VIGIL-AWS-CF-006", false, "aws_cloudfront_distribution", "origin {\n  custom_origin_config {\n    origin_ssl_protocols = [\"TLSv1\", \"TLSv1.2\"]\n  }\n}", true),
    ("VIGIL-AWS-CF-006", false, "aws_cloudfront_distribution", "origin {\n  custom_origin_config {\n    origin_ssl_protocols = [\"TLSv1.2\"]\n  }\n}", false),
    ("VIGIL-AWS-APIGW-001", true, "AWS::ApiGateway::Method", "HttpMethod: GET\nAuthorizationType: NONE", true),
    ("VIGIL-AWS-APIGW-001", true, "AWS::ApiGateway::Method", "HttpMethod: OPTIONS\nAuthorizationType: NONE", false),
    ("VIGIL-AWS-APIGW-001", false, "aws_api_gateway_method", "http_method = \"POST\"\nauthorization = \"NONE\"", true),
    ("VIGIL-AWS-APIGW-001", false, "aws_api_gateway_method", "http_method = \"POST\"\nauthorization = \"AWS_IAM\"", false),
    ("VIGIL-AWS-APIGW-002", true, "AWS::ApiGatewayV2::Route", "RouteKey: GET /\nAuthorizationType: NONE", true),
    ("VIGIL-AWS-APIGW-002", true, "AWS::ApiGatewayV2::Route", "RouteKey: GET /\nAuthorizationType: AWS_IAM", false),
    ("VIGIL-AWS-APIGW-002", false, "aws_apigatewayv2_route", "route_key = \"GET /\"", true),
    ("VIGIL-AWS-APIGW-002", false, "aws_apigatewayv2_route", "route_key = \"GET /\"\nauthorization_type = \"JWT\"", false),
    ("VIGIL-AWS-APIGW-003", true, "AWS::ApiGateway::Stage", "StageName: prod", true),
    ("VIGIL-AWS-APIGW-003", true, "AWS::ApiGatewayV2::Stage", "StageName: prod\nAccessLogSettings:\n  DestinationArn: arn\n  Format: x", false),
    ("VIGIL-AWS-APIGW-003", false, "aws_api_gateway_stage", "stage_name = \"prod\"", true),
    ("VIGIL-AWS-APIGW-003", false, "aws_api_gateway_stage", "stage_name = \"prod\"\naccess_log_settings {\n  destination_arn = \"arn\"\n  format = \"x\"\n}", false),
    ("VIGIL-AWS-APIGW-004", true, "AWS::ApiGateway::Stage", "StageName: prod", true),
    ("VIGIL-AWS-APIGW-004", true, "AWS::ApiGateway::Stage", "StageName: prod\nTracingEnabled: true", false),
    ("VIGIL-AWS-APIGW-004", false, "aws_api_gateway_stage", "stage_name = \"prod\"\nxray_tracing_enabled = false", true),
    ("VIGIL-AWS-APIGW-004", false, "aws_api_gateway_stage", "stage_name = \"prod\"\nxray_tracing_enabled = true", false),
    ("VIGIL-AWS-APIGW-005", true, "AWS::ApiGateway::DomainName", "DomainName: api.example.com", true),
    ("VIGIL-AWS-APIGW-005", true, "AWS::ApiGatewayV2::DomainName", "DomainName: api.example.com\nDomainNameConfigurations:\n  - SecurityPolicy: TLS_1_2", false),
    ("VIGIL-AWS-APIGW-005", false, "aws_api_gateway_domain_name", "domain_name = \"api.example.com\"\nsecurity_policy = \"TLS_1_0\"", true),
    ("VIGIL-AWS-APIGW-005", false, "aws_api_gateway_domain_name", "domain_name = \"api.example.com\"\nsecurity_policy = \"TLS_1_2\"", false),
    ("VIGIL-AWS-APIGW-006", true, "AWS::ApiGateway::Stage", "StageName: prod", true),
    ("VIGIL-AWS-APIGW-006", true, "", "Resources:\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      StageName: prod\n  Assoc:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties:\n      ResourceArn: !Ref Stage\n      WebACLArn: arn\n", false),
    ("VIGIL-AWS-APIGW-006", false, "aws_api_gateway_stage", "stage_name = \"prod\"", true),
    ("VIGIL-AWS-APIGW-006", false, "", "resource \"aws_api_gateway_stage\" \"s\" {\n  stage_name = \"prod\"\n}\nresource \"aws_wafv2_web_acl_association\" \"a\" {\n  resource_arn = aws_api_gateway_stage.s.arn\n  web_acl_arn = \"arn\"\n}", false),
];
