//! SBOM export of the packages the lockfiles pin: CycloneDX 1.5 / 1.6 JSON and SPDX 2.3
//! JSON, written by hand with serde_json (both validate against the official schemas in
//! the tests). Each package appears once per purl, with the lockfiles that declare it;
//! the dependency relationships are those the parsed lockfiles give: the project depends
//! on its direct packages (runtime ones as dependencies, dev ones as dev dependencies), and
//! each package on the packages its lockfile says it depends on ([`SbomOptions::add_edges`];
//! formats whose lockfiles record no graph — go.mod, requirements, Pipfile.lock, pom.xml,
//! gradle.lockfile — list their packages without package-to-package edges).

pub mod purl;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use vigil_parsers::lockfiles::{Ecosystem, Edge, Package, Scope};

/// Output formats of `vigil sbom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SbomFormat {
    CycloneDx15,
    CycloneDx16,
    Spdx23,
}

impl SbomFormat {
    /// Parses `cyclonedx` (= 1.5), `cyclonedx-1.5`, `cyclonedx-1.6`, `spdx` (= 2.3), `spdx-2.3`.
    pub fn parse(s: &str) -> Option<SbomFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cyclonedx" | "cyclonedx-1.5" | "cyclonedx1.5" | "cdx" => Some(SbomFormat::CycloneDx15),
            "cyclonedx-1.6" | "cyclonedx1.6" => Some(SbomFormat::CycloneDx16),
            "spdx" | "spdx-2.3" | "spdx2.3" => Some(SbomFormat::Spdx23),
            _ => None,
        }
    }
}

/// Document-level inputs.
#[derive(Debug, Clone)]
pub struct SbomOptions {
    /// Name of the described project (the CLI uses the scanned directory's name).
    pub name: String,
    /// Creation time written into the document; fixed in tests for reproducible output.
    pub timestamp: DateTime<Utc>,
    /// Package → packages it depends on, by purl (from the lockfiles' dependency edges).
    pub dependencies: BTreeMap<String, BTreeSet<String>>,
}

impl SbomOptions {
    /// Options for `name`, created now.
    pub fn new(name: impl Into<String>) -> SbomOptions {
        SbomOptions {
            name: name.into(),
            timestamp: Utc::now(),
            dependencies: BTreeMap::new(),
        }
    }

    /// Records the dependency edges of one lockfile (whose packages are all in `eco`).
    pub fn add_edges(&mut self, eco: Ecosystem, edges: &[Edge]) {
        for e in edges {
            let from = purl::purl(eco, &e.from.name, &e.from.version);
            let to = purl::purl(eco, &e.to.name, &e.to.version);
            if from != to {
                self.dependencies.entry(from).or_default().insert(to);
            }
        }
    }
}

/// One component: a purl with every declaration of it.
struct Component<'a> {
    purl: String,
    first: &'a Package,
    paths: Vec<&'a str>,
    direct: bool,
    /// Dev only when every declaration says dev.
    dev: bool,
    runtime: bool,
}

fn components(packages: &[Package]) -> Vec<Component<'_>> {
    let mut by_purl: BTreeMap<String, Component<'_>> = BTreeMap::new();
    for p in packages {
        let purl = purl::of(p);
        let c = by_purl.entry(purl.clone()).or_insert_with(|| Component {
            purl,
            first: p,
            paths: Vec::new(),
            direct: false,
            dev: true,
            runtime: false,
        });
        if !c.paths.contains(&p.path.as_str()) {
            c.paths.push(p.path.as_str());
        }
        c.direct |= p.direct == Some(true);
        c.dev &= p.scope == Scope::Dev;
        c.runtime |= p.scope == Scope::Runtime;
    }
    by_purl.into_values().collect()
}

/// FNV-1a, for a reproducible serial number / namespace derived from the content.
fn fnv(seed: u64, parts: &[&str]) -> u64 {
    let mut h = seed;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A version-4-shaped UUID derived from the document content and timestamp.
fn content_uuid(packages: &[Package], opts: &SbomOptions) -> String {
    let ts = opts.timestamp.to_rfc3339();
    let mut parts: Vec<&str> = vec![&opts.name, &ts];
    for p in packages {
        parts.push(&p.name);
        parts.push(&p.version);
        parts.push(&p.path);
    }
    let a = fnv(0xcbf2_9ce4_8422_2325, &parts);
    let b = fnv(0x6c62_272e_07bb_0142, &parts);
    let hi = (a & 0xffff_ffff_ffff_0fff) | 0x4000;
    let lo = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

fn timestamp(opts: &SbomOptions) -> String {
    opts.timestamp.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A CycloneDX BOM (1.5 or 1.6) as JSON.
pub fn cyclonedx(packages: &[Package], spec: SbomFormat, opts: &SbomOptions) -> Value {
    let spec_version = if spec == SbomFormat::CycloneDx16 {
        "1.6"
    } else {
        "1.5"
    };
    let comps = components(packages);
    let root_ref = "root-component";
    let components: Vec<Value> = comps
        .iter()
        .map(|c| {
            let mut props =
                vec![json!({"name": "vigil:ecosystem", "value": c.first.ecosystem.osv_name()})];
            for p in &c.paths {
                props.push(json!({"name": "vigil:lockfile", "value": p}));
            }
            props.push(json!({"name": "vigil:direct", "value": c.direct.to_string()}));
            let mut v = json!({
                "type": "library",
                "bom-ref": c.purl,
                "name": c.first.name,
                "version": c.first.version,
                "purl": c.purl,
                "properties": props,
            });
            if c.dev {
                v["scope"] = json!("excluded");
            } else if c.runtime {
                v["scope"] = json!("required");
            }
            v
        })
        .collect();
    let direct: Vec<&str> = comps
        .iter()
        .filter(|c| c.direct)
        .map(|c| c.purl.as_str())
        .collect();
    json!({
        "$schema": format!("http://cyclonedx.org/schema/bom-{spec_version}.schema.json"),
        "bomFormat": "CycloneDX",
        "specVersion": spec_version,
        "serialNumber": format!("urn:uuid:{}", content_uuid(packages, opts)),
        "version": 1,
        "metadata": {
            "timestamp": timestamp(opts),
            "tools": {"components": [{
                "type": "application",
                "name": "vigil",
                "version": env!("CARGO_PKG_VERSION"),
            }]},
            "component": {
                "type": "application",
                "bom-ref": root_ref,
                "name": opts.name,
            },
        },
        "components": components,
        "dependencies": cdx_dependencies(root_ref, &direct, &comps, opts),
    })
}

/// CycloneDX `dependencies`: the project's direct packages, then every package's own
/// dependencies (only references to components in the document, as the schema requires).
fn cdx_dependencies(
    root_ref: &str,
    direct: &[&str],
    comps: &[Component<'_>],
    opts: &SbomOptions,
) -> Value {
    let known: BTreeSet<&str> = comps.iter().map(|c| c.purl.as_str()).collect();
    let mut deps = vec![json!({"ref": root_ref, "dependsOn": direct})];
    for c in comps {
        let on: Vec<&str> = opts
            .dependencies
            .get(&c.purl)
            .map(|s| {
                s.iter()
                    .map(String::as_str)
                    .filter(|p| known.contains(p))
                    .collect()
            })
            .unwrap_or_default();
        deps.push(json!({"ref": c.purl, "dependsOn": on}));
    }
    Value::Array(deps)
}

/// An SPDX 2.3 document as JSON.
pub fn spdx(packages: &[Package], opts: &SbomOptions) -> Value {
    let comps = components(packages);
    let root_id = "SPDXRef-Project";
    let mut spdx_packages = vec![json!({
        "SPDXID": root_id,
        "name": opts.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": "APPLICATION",
    })];
    let mut relationships = vec![json!({
        "spdxElementId": "SPDXRef-DOCUMENT",
        "relationshipType": "DESCRIBES",
        "relatedSpdxElement": root_id,
    })];
    for (i, c) in comps.iter().enumerate() {
        let id = format!("SPDXRef-Package-{}", i + 1);
        spdx_packages.push(json!({
            "SPDXID": id,
            "name": c.first.name,
            "versionInfo": c.first.version,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "primaryPackagePurpose": "LIBRARY",
            "sourceInfo": format!("declared in {}", c.paths.join(", ")),
            "externalRefs": [{
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": c.purl,
            }],
        }));
        if c.direct {
            relationships.push(if c.dev {
                json!({"spdxElementId": id, "relationshipType": "DEV_DEPENDENCY_OF", "relatedSpdxElement": root_id})
            } else {
                json!({"spdxElementId": root_id, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": id})
            });
        } else {
            relationships.push(json!({"spdxElementId": root_id, "relationshipType": "CONTAINS", "relatedSpdxElement": id}));
        }
    }
    let ids: BTreeMap<&str, String> = comps
        .iter()
        .enumerate()
        .map(|(i, c)| (c.purl.as_str(), format!("SPDXRef-Package-{}", i + 1)))
        .collect();
    for (from, tos) in &opts.dependencies {
        let Some(from_id) = ids.get(from.as_str()) else {
            continue;
        };
        for to in tos {
            if let Some(to_id) = ids.get(to.as_str()) {
                relationships.push(json!({"spdxElementId": from_id, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": to_id}));
            }
        }
    }
    let uuid = content_uuid(packages, opts);
    let safe_name: String = opts
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": opts.name,
        "documentNamespace": format!("https://vigil.invalid/spdx/{safe_name}-{uuid}"),
        "creationInfo": {
            "created": timestamp(opts),
            "creators": [format!("Tool: vigil-{}", env!("CARGO_PKG_VERSION"))],
        },
        "packages": spdx_packages,
        "relationships": relationships,
    })
}

/// Renders `packages` in `format` as pretty-printed JSON.
pub fn render(format: SbomFormat, packages: &[Package], opts: &SbomOptions) -> String {
    let v = match format {
        SbomFormat::CycloneDx15 | SbomFormat::CycloneDx16 => cyclonedx(packages, format, opts),
        SbomFormat::Spdx23 => spdx(packages, opts),
    };
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

#[cfg(test)]
mod tests;
