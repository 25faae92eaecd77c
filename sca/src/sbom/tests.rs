//! SBOMs validate against the official CycloneDX 1.5/1.6 and SPDX 2.3 schemas.

use std::path::Path;

use chrono::TimeZone;
use serde_json::Value;
use vigil_parsers::lockfiles::Ecosystem;

use super::*;

fn schema(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(name);
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn validator(main: &str) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .with_resource(
            "http://cyclonedx.org/schema/spdx.schema.json",
            jsonschema::Resource::from_contents(schema("cyclonedx-spdx.schema.json")).unwrap(),
        )
        .with_resource(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            jsonschema::Resource::from_contents(schema("cyclonedx-jsf-0.82.schema.json")).unwrap(),
        )
        .build(&schema(main))
        .unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}

fn pkg(
    eco: Ecosystem,
    name: &str,
    version: &str,
    path: &str,
    direct: Option<bool>,
    scope: Scope,
) -> Package {
    Package {
        ecosystem: eco,
        name: name.into(),
        version: version.into(),
        path: path.into(),
        line: 3,
        direct,
        scope,
    }
}

fn sample() -> Vec<Package> {
    vec![
        pkg(
            Ecosystem::Npm,
            "@babel/traverse",
            "7.22.0",
            "web/package-lock.json",
            Some(true),
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.15",
            "web/package-lock.json",
            Some(false),
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.15",
            "admin/package-lock.json",
            Some(true),
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::Npm,
            "jest",
            "29.0.0",
            "web/package-lock.json",
            Some(true),
            Scope::Dev,
        ),
        pkg(
            Ecosystem::PyPI,
            "Django_Rest",
            "3.0",
            "requirements.txt",
            None,
            Scope::Unknown,
        ),
        pkg(
            Ecosystem::Go,
            "github.com/x/y",
            "v2.0.0+incompatible",
            "go.mod",
            Some(true),
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::Maven,
            "org.apache:commons",
            "1.0",
            "pom.xml",
            Some(true),
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::Packagist,
            "symfony/http-kernel",
            "v5.0.0",
            "composer.lock",
            None,
            Scope::Runtime,
        ),
        pkg(
            Ecosystem::CratesIo,
            "regex",
            "1.5.4",
            "Cargo.lock",
            None,
            Scope::Unknown,
        ),
        pkg(
            Ecosystem::RubyGems,
            "rails",
            "7.0.0",
            "Gemfile.lock",
            Some(true),
            Scope::Runtime,
        ),
    ]
}

fn opts() -> SbomOptions {
    let mut o = SbomOptions {
        name: "demo project".into(),
        timestamp: Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap(),
        dependencies: Default::default(),
    };
    let id = |n: &str, v: &str| vigil_parsers::lockfiles::PackageId {
        name: n.into(),
        version: v.into(),
    };
    o.add_edges(
        vigil_parsers::lockfiles::Ecosystem::Npm,
        &[vigil_parsers::lockfiles::Edge {
            from: id("jest", "29.0.0"),
            to: id("lodash", "4.17.15"),
        }],
    );
    o
}

#[test]
fn package_edges_become_relationships_in_both_formats() {
    let pk = sample();
    let doc = cyclonedx(&pk, SbomFormat::CycloneDx15, &opts());
    let deps = doc["dependencies"].as_array().unwrap();
    let jest = deps
        .iter()
        .find(|d| d["ref"] == "pkg:npm/jest@29.0.0")
        .unwrap();
    assert_eq!(
        jest["dependsOn"],
        serde_json::json!(["pkg:npm/lodash@4.17.15"])
    );
    let doc = spdx(&pk, &opts());
    let rels = doc["relationships"].as_array().unwrap();
    let pkgs = doc["packages"].as_array().unwrap();
    let id_of = |name: &str| pkgs.iter().find(|p| p["name"] == name).unwrap()["SPDXID"].clone();
    assert!(rels.iter().any(|r| r["relationshipType"] == "DEPENDS_ON"
        && r["spdxElementId"] == id_of("jest")
        && r["relatedSpdxElement"] == id_of("lodash")));
}

#[test]
fn cyclonedx_15_and_16_validate() {
    let pk = sample();
    for (fmt, file) in [
        (SbomFormat::CycloneDx15, "cyclonedx-bom-1.5.schema.json"),
        (SbomFormat::CycloneDx16, "cyclonedx-bom-1.6.schema.json"),
    ] {
        let doc = cyclonedx(&pk, fmt, &opts());
        assert_valid(&validator(file), &doc);
        let comps = doc["components"].as_array().unwrap();
        // lodash declared twice → one component listing both lockfiles.
        assert_eq!(comps.len(), 9);
        let lodash = comps.iter().find(|c| c["name"] == "lodash").unwrap();
        let files: Vec<&str> = lodash["properties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == "vigil:lockfile")
            .map(|p| p["value"].as_str().unwrap())
            .collect();
        assert_eq!(
            files,
            vec!["web/package-lock.json", "admin/package-lock.json"]
        );
        let jest = comps.iter().find(|c| c["name"] == "jest").unwrap();
        assert_eq!(jest["scope"], "excluded");
        let deps = doc["dependencies"][0]["dependsOn"].as_array().unwrap();
        assert!(deps.iter().any(|d| d == "pkg:npm/%40babel/traverse@7.22.0"));
        assert!(deps.iter().any(|d| d == "pkg:npm/lodash@4.17.15"));
        assert!(!deps.iter().any(|d| d == "pkg:cargo/regex@1.5.4"));
    }
}

#[test]
fn spdx_23_validates() {
    let doc = spdx(&sample(), &opts());
    assert_valid(&validator("spdx-2.3-schema.json"), &doc);
    let rels = doc["relationships"].as_array().unwrap();
    assert!(
        rels.iter()
            .any(|r| r["relationshipType"] == "DEV_DEPENDENCY_OF")
    );
    assert!(rels.iter().any(|r| r["relationshipType"] == "DESCRIBES"));
    let purls: Vec<&str> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["externalRefs"][0]["referenceLocator"].as_str())
        .collect();
    assert!(purls.contains(&"pkg:pypi/django-rest@3.0"));
    assert!(purls.contains(&"pkg:maven/org.apache/commons@1.0"));
}

#[test]
fn empty_project_is_still_valid_and_reproducible() {
    let a = render(SbomFormat::CycloneDx15, &[], &opts());
    let b = render(SbomFormat::CycloneDx15, &[], &opts());
    assert_eq!(a, b);
    assert_valid(
        &validator("cyclonedx-bom-1.5.schema.json"),
        &serde_json::from_str(&a).unwrap(),
    );
    assert_valid(&validator("spdx-2.3-schema.json"), &spdx(&[], &opts()));
    assert_eq!(SbomFormat::parse("SPDX"), Some(SbomFormat::Spdx23));
    assert_eq!(
        SbomFormat::parse("cyclonedx"),
        Some(SbomFormat::CycloneDx15)
    );
    assert_eq!(SbomFormat::parse("xml"), None);
}

#[test]
fn invalid_documents_are_rejected_by_the_validators() {
    // The validators are real: a broken document fails.
    let mut doc = cyclonedx(&sample(), SbomFormat::CycloneDx15, &opts());
    doc["components"][0]["type"] = serde_json::json!("not-a-type");
    assert!(!validator("cyclonedx-bom-1.5.schema.json").is_valid(&doc));
    let mut doc = spdx(&sample(), &opts());
    doc["packages"][1]
        .as_object_mut()
        .unwrap()
        .remove("downloadLocation");
    assert!(!validator("spdx-2.3-schema.json").is_valid(&doc));
    let mut doc = spdx(&sample(), &opts());
    doc["packages"][1]["filesAnalyzed"] = serde_json::json!("no");
    assert!(!validator("spdx-2.3-schema.json").is_valid(&doc));
}

#[test]
fn sbom_of_a_parsed_project_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let files: Vec<String> = [
        "api/requirements.txt",
        "broken/Cargo.lock",
        "web/package-lock.json",
        "web/package.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (packages, diagnostics) = crate::collect_packages(&root, &files);
    assert_eq!(packages.len(), 6, "{packages:?}");
    assert!(diagnostics.iter().any(|d| d.path == "broken/Cargo.lock"));
    let cdx: Value =
        serde_json::from_str(&render(SbomFormat::CycloneDx15, &packages, &opts())).unwrap();
    assert_valid(&validator("cyclonedx-bom-1.5.schema.json"), &cdx);
    let deps = cdx["dependencies"][0]["dependsOn"].as_array().unwrap();
    assert!(
        deps.iter().any(|d| d == "pkg:npm/lodash@4.17.15"),
        "{deps:?}"
    );
    let sp: Value = serde_json::from_str(&render(SbomFormat::Spdx23, &packages, &opts())).unwrap();
    assert_valid(&validator("spdx-2.3-schema.json"), &sp);
}
