use super::*;

const TAGS: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
  Password:
    Type: String
    NoEcho: true
Mappings:
  Sizes:
    prod:
      Size: "100"
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [a, a]]]
  Unknowable: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Env}-data"
      Tags:
        - Key: joined
          Value: !Join ["-", [a, !Ref Env]]
        - Key: sel
          Value: !Select [1, !Split [",", "x,y,z"]]
        - Key: map
          Value: !FindInMap [Sizes, !Ref Env, Size]
        - Key: imp
          Value: !ImportValue other
        - Key: b64
          Value: !Base64 plain
        - Key: cidr
          Value: !Select [0, !Cidr ["10.0.0.0/16", 2, 8]]
        - Key: azs
          Value: !Select [0, !GetAZs ""]
        - Key: both
          Value: !If [Both, yes, no]
      VersioningConfiguration: !If
        - Unknowable
        - Status: Enabled
        - !Ref AWS::NoValue
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
        LogFilePrefix: !GetAtt Logs.Arn
  Logs:
    Type: AWS::S3::Bucket
    Condition: NotProd
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: {"Ref": "Bucket"}
      PolicyDocument: {"Fn::Transform": {"Name": "x"}}
"#;

fn tag(r: &Resource, key: &str) -> Node {
    r.find("Tags")
        .into_iter()
        .find(|t| t.get("Key").and_then(|k| k.as_str()) == Some(key))
        .and_then(|t| t.get("Value"))
        .cloned()
        .unwrap()
}

#[test]
fn short_form_tags_resolve() {
    let m = parse("t.yaml", TAGS).unwrap().unwrap();
    // Logs has a condition that resolves to false: not created.
    let ids: Vec<_> = m.resources.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["Bucket", "Policy"]);
    let b = &m.resources[0];
    assert_eq!(b.get("BucketName").unwrap().as_str(), Some("prod-data"));
    assert_eq!(tag(b, "joined").as_str(), Some("a-prod"));
    assert_eq!(tag(b, "sel").as_str(), Some("y"));
    assert_eq!(tag(b, "map").as_str(), Some("100"));
    assert!(tag(b, "imp").is_unknown());
    assert_eq!(tag(b, "b64").as_str(), Some("plain"));
    assert!(tag(b, "cidr").is_unknown());
    assert!(tag(b, "azs").is_unknown());
    assert_eq!(tag(b, "both").as_str(), Some("yes"));
    // Unresolvable condition: both branches.
    let v = b.get("VersioningConfiguration");
    assert!(v.is_some());
    let alts = b
        .properties
        .get("VersioningConfiguration")
        .unwrap()
        .alternatives();
    assert_eq!(alts.len(), 2);
    assert_eq!(alts[1].value, Value::Null);
    assert_eq!(
        b.get("VersioningConfiguration.Status").unwrap().as_str(),
        Some("Enabled")
    );
    // !Ref and !GetAtt to a resource are references.
    assert_eq!(
        b.get("LoggingConfiguration.DestinationBucketName")
            .unwrap()
            .reference(),
        Some("Logs")
    );
    assert_eq!(b.references, vec!["Logs".to_string()]);
    let p = &m.resources[1];
    assert_eq!(p.references, vec!["Bucket".to_string()]);
    assert!(p.get("PolicyDocument").unwrap().is_unknown());
    assert_eq!(m.parameters.len(), 2);
    assert!(m.parameters[1].no_echo);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn spans_are_lines() {
    let m = parse("t.yaml", TAGS).unwrap().unwrap();
    let b = &m.resources[0];
    assert_eq!(b.span.start, 19);
    assert_eq!(b.get("BucketName").unwrap().span.start, 22);
    assert_eq!(
        b.get("LoggingConfiguration.DestinationBucketName")
            .unwrap()
            .span
            .start,
        45
    );
}

#[test]
fn json_template_with_long_forms() {
    let text = r#"{
  "Resources": {
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "StorageEncrypted": {"Fn::If": ["C", true, false]},
        "Port": {"Fn::Sub": ["${P}", {"P": "5432"}]}
      }
    }
  }
}"#;
    let m = parse("t.json", text).unwrap().unwrap();
    let r = &m.resources[0];
    assert_eq!(r.kind, "AWS::RDS::DBInstance");
    assert_eq!(r.span.start, 3);
    let enc = r.properties.get("StorageEncrypted").unwrap();
    assert_eq!(enc.span.start, 6);
    let alts: Vec<_> = enc.alternatives().iter().map(|n| n.as_bool()).collect();
    assert_eq!(alts, [Some(true), Some(false)]);
    assert_eq!(r.get("Port").unwrap().as_str(), Some("5432"));
}

#[test]
fn sam_globals_apply() {
    let text = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tracing: Active\n    Runtime: python3.12\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python2.7\n";
    let m = parse("t.yaml", text).unwrap().unwrap();
    let r = &m.resources[0];
    assert_eq!(r.get("Tracing").unwrap().as_str(), Some("Active"));
    assert_eq!(r.get("Runtime").unwrap().as_str(), Some("python2.7"));
}

#[test]
fn not_templates_and_errors() {
    assert!(parse("a.yml", "name: ci\non: push\n").unwrap().is_none());
    assert!(parse("a.json", "{\"Resources\": 3}").unwrap().is_none());
    let err = parse(
        "bad.yaml",
        "AWSTemplateFormatVersion: x\nResources:\n  A: [\n",
    )
    .unwrap_err();
    match err {
        IacError::Syntax { path, line, .. } => {
            assert_eq!(path, "bad.yaml");
            assert!(line >= 3, "line {line}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_tags_warn_and_deep_nesting_is_bounded() {
    let text = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Bogus y\n";
    let m = parse("t.yaml", text).unwrap().unwrap();
    assert!(m.resources[0].get("X").unwrap().is_unknown());
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains("t.yaml:5"));
    let mut deep =
        String::from("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ");
    deep.push_str(&"[".repeat(200));
    deep.push_str(&"]".repeat(200));
    deep.push('\n');
    let m = parse("t.yaml", &deep).unwrap().unwrap();
    assert_eq!(m.resources.len(), 1);
    let mut indented = String::from("Resources:\n");
    for i in 0..1100 {
        indented.push_str(&" ".repeat(i + 2));
        indented.push_str("a:\n");
    }
    assert!(matches!(
        parse("d.yaml", &indented),
        Err(IacError::Invalid { .. })
    ));
}

#[test]
fn condition_cycles_end() {
    let text = "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Condition: A\n    Properties:\n      X: !If [A, 1, 2]\n";
    let m = parse("t.yaml", text).unwrap().unwrap();
    assert_eq!(
        m.resources[0]
            .properties
            .get("X")
            .unwrap()
            .alternatives()
            .len(),
        2
    );
}

#[test]
fn compact_nested_sequences_and_large_templates() {
    let mut text =
        String::from("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ");
    text.push_str(&"- ".repeat(400));
    text.push_str("x\n");
    // Either parsed (deep part Unknown) or rejected with a message: never a crash.
    let _ = parse("t.yaml", &text);
    let mut big = String::from("Resources:\n");
    let mut i = 0;
    while big.len() < 2 * 1024 * 1024 {
        big.push_str(&format!("  Q{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"q-${{AWS::Region}}-{i}\"\n      SqsManagedSseEnabled: true\n"));
        i += 1;
    }
    let m = parse("big.yaml", &big).unwrap().unwrap();
    assert_eq!(m.resources.len(), i);
    let huge = " ".repeat(MAX_TEMPLATE_BYTES + 1);
    assert!(matches!(
        parse("huge.yaml", &huge),
        Err(IacError::Invalid { .. })
    ));
}

#[test]
fn condition_key_in_properties_is_not_an_intrinsic() {
    let text = "Conditions:\n  C: !Equals [a, a]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      Only:\n        Condition: {StringEquals: {k: v}}\n      Named:\n        Condition: C\n";
    let m = parse("t.yaml", text).unwrap().unwrap();
    let r = &m.resources[0];
    assert_eq!(
        r.get("Only.Condition.StringEquals.k").unwrap().as_str(),
        Some("v")
    );
    assert_eq!(r.get("Named").unwrap().as_bool(), Some(true));
}
