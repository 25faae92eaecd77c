//! Maven pom.xml.
//!
//! Reported: the project's `<dependencies>` and its `<dependencyManagement>` entries (the
//! versions children and transitive dependencies get), named `groupId:artifactId`.
//! Versions may be literal or `${property}` references, resolved from `<properties>`,
//! `project.version` / `project.groupId` / `project.parent.version`, and the parent POMs
//! found through `<relativePath>` (default `../pom.xml`) inside the repository, whose
//! properties and dependencyManagement are inherited. A dependency without a version takes
//! the managed one. Versions still unresolved (the parent or BOM is not in the repository)
//! are listed in the notes; version ranges (`[1.0,2.0)`) pin nothing and go to
//! [`Parsed::unpinned`]. Scope `test` and `provided` are dev; `import` BOM entries, plugins
//! and profiles are not reported. Line: the `<version>` element, else `<dependency>`.

use std::collections::HashMap;

use roxmltree::{Document, Node, ParsingOptions};

use super::limits;
use super::manifest::dir_of;
use super::{Ecosystem, LockfileError, Package, Parsed, Scope, Unpinned, error};

/// Parent POMs followed before giving up (guards cycles too).
const MAX_PARENTS: usize = 8;
/// Nested `${…}` substitutions followed.
const MAX_SUBSTITUTIONS: usize = 16;
/// Unresolved versions listed one by one before summarising.
const MAX_NOTES: usize = 10;

#[derive(Clone)]
struct Dep {
    group: String,
    artifact: String,
    version: Option<String>,
    scope: Option<String>,
    line: u32,
}

struct Pom {
    group: Option<String>,
    artifact: Option<String>,
    version: Option<String>,
    parent: Option<(String, String, Option<String>, Option<String>)>,
    properties: HashMap<String, String>,
    dependencies: Vec<Dep>,
    managed: Vec<Dep>,
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn child_text(node: Node, name: &str) -> Option<String> {
    child(node, name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn read_pom(path: &str, text: &str) -> Result<Pom, LockfileError> {
    if limits::xml_depth(text, limits::MAX_DEPTH) > limits::MAX_DEPTH {
        return Err(error(
            path,
            format!("XML nested deeper than {} levels", limits::MAX_DEPTH),
        ));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 5_000_000,
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| error(path, format!("invalid pom.xml XML: {e}")))?;
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        return Err(error(
            path,
            format!(
                "root element is <{}>, expected <project>",
                project.tag_name().name()
            ),
        ));
    }
    let line_of = |n: Node| doc.text_pos_at(n.range().start).row;
    let deps_of = |container: Option<Node>| -> Vec<Dep> {
        let Some(deps) = container.and_then(|c| child(c, "dependencies")) else {
            return Vec::new();
        };
        deps.children()
            .filter(|d| d.is_element() && d.tag_name().name() == "dependency")
            .filter_map(|d| {
                let line = child(d, "version").map_or(line_of(d), line_of);
                Some(Dep {
                    group: child_text(d, "groupId")?,
                    artifact: child_text(d, "artifactId")?,
                    version: child_text(d, "version"),
                    scope: child_text(d, "scope"),
                    line,
                })
            })
            .collect()
    };
    let parent = child(project, "parent").map(|p| {
        (
            child_text(p, "groupId").unwrap_or_default(),
            child_text(p, "artifactId").unwrap_or_default(),
            child_text(p, "version"),
            child(p, "relativePath").map(|r| r.text().unwrap_or("").trim().to_string()),
        )
    });
    let properties = child(project, "properties")
        .map(|props| {
            props
                .children()
                .filter(Node::is_element)
                .map(|p| {
                    (
                        p.tag_name().name().to_string(),
                        p.text().unwrap_or("").trim().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Pom {
        group: child_text(project, "groupId"),
        artifact: child_text(project, "artifactId"),
        version: child_text(project, "version"),
        parent,
        properties,
        dependencies: deps_of(Some(project)),
        managed: deps_of(child(project, "dependencyManagement")),
    })
}

/// Joins a relative path to a directory, resolving `..`; `None` outside the root.
fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Everything the POM inherits: properties and managed versions, nearest POM first.
struct Context {
    properties: HashMap<String, String>,
    managed: HashMap<(String, String), String>,
}

impl Context {
    fn resolve(&self, raw: &str) -> String {
        let mut value = raw.to_string();
        for _ in 0..MAX_SUBSTITUTIONS {
            let Some(start) = value.find("${") else { break };
            let Some(len) = value[start..].find('}') else {
                break;
            };
            let key = &value[start + 2..start + len];
            let Some(replacement) = self.properties.get(key) else {
                break;
            };
            value = format!(
                "{}{}{}",
                &value[..start],
                replacement,
                &value[start + len + 1..]
            );
        }
        value
    }
}

fn build_context(
    rel_path: &str,
    pom: &Pom,
    read_sibling: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> Context {
    let mut chain: Vec<Pom> = Vec::new();
    let mut current_path = rel_path.to_string();
    let mut parent = pom.parent.clone();
    while let Some((group, artifact, _, relative)) = parent.take() {
        if chain.len() >= MAX_PARENTS {
            notes.push(format!(
                "more than {MAX_PARENTS} parent POMs, the rest not read"
            ));
            break;
        }
        let relative = relative.unwrap_or_else(|| "../pom.xml".to_string());
        if relative.is_empty() {
            break;
        }
        let Some(mut target) = join(dir_of(&current_path), &relative) else {
            break;
        };
        if !target.ends_with(".xml") {
            target = join(&target, "pom.xml").unwrap_or(target);
        }
        let Some(text) = read_sibling(&target) else {
            break;
        };
        let Ok(candidate) = read_pom(&target, &text) else {
            notes.push(format!("parent POM {target} does not parse, not used"));
            break;
        };
        if candidate.artifact.as_deref() != Some(artifact.as_str())
            || candidate
                .group
                .as_deref()
                .or(candidate.parent.as_ref().map(|p| p.0.as_str()))
                != Some(group.as_str())
        {
            break; // relativePath points at another project: the parent is in a repository
        }
        parent = candidate.parent.clone();
        current_path = target;
        chain.push(candidate);
    }
    let mut properties = HashMap::new();
    let mut managed = HashMap::new();
    // Farthest ancestor first, so nearer POMs override.
    for p in chain.iter().rev().chain(std::iter::once(pom)) {
        let version = p
            .version
            .clone()
            .or_else(|| p.parent.as_ref().and_then(|x| x.2.clone()));
        let group = p
            .group
            .clone()
            .or_else(|| p.parent.as_ref().map(|x| x.0.clone()));
        for (k, v) in &p.properties {
            properties.insert(k.clone(), v.clone());
        }
        for (key, value) in [
            ("project.version", version.clone()),
            ("pom.version", version.clone()),
            ("version", version),
            ("project.groupId", group.clone()),
            ("pom.groupId", group),
            ("project.artifactId", p.artifact.clone()),
            (
                "project.parent.version",
                p.parent.as_ref().and_then(|x| x.2.clone()),
            ),
            (
                "parent.version",
                p.parent.as_ref().and_then(|x| x.2.clone()),
            ),
        ] {
            if let Some(v) = value {
                properties.insert(key.to_string(), v);
            }
        }
        for d in &p.managed {
            if let Some(v) = &d.version {
                managed.insert((d.group.clone(), d.artifact.clone()), v.clone());
            }
        }
    }
    Context {
        properties,
        managed,
    }
}

fn is_range(version: &str) -> bool {
    version.starts_with(['[', '(']) || version.contains(',')
}

/// Parses pom.xml.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let pom = read_pom(rel_path, text)?;
    let mut parsed = Parsed::default();
    let context = build_context(rel_path, &pom, read_sibling, &mut parsed.notes);
    let mut unresolved: Vec<String> = Vec::new();
    let declared: std::collections::HashSet<(&str, &str)> = pom
        .dependencies
        .iter()
        .map(|d| (d.group.as_str(), d.artifact.as_str()))
        .collect();
    let entries = pom.dependencies.iter().map(|d| (d, Some(true))).chain(
        pom.managed
            .iter()
            .filter(|d| !declared.contains(&(d.group.as_str(), d.artifact.as_str())))
            .map(|d| (d, None)),
    );
    for (dep, direct) in entries {
        if dep.scope.as_deref() == Some("import") {
            continue;
        }
        let name = format!(
            "{}:{}",
            context.resolve(&dep.group),
            context.resolve(&dep.artifact)
        );
        let raw = dep.version.clone().or_else(|| {
            context
                .managed
                .get(&(dep.group.clone(), dep.artifact.clone()))
                .cloned()
        });
        let Some(raw) = raw else {
            unresolved.push(format!(
                "{rel_path}:{}: {name} has no version (managed by a parent POM or BOM outside the repository)",
                dep.line
            ));
            continue;
        };
        let version = context.resolve(&raw);
        if version.contains("${") {
            unresolved.push(format!(
                "{rel_path}:{}: {name} version {raw} not resolved (defined outside the repository)",
                dep.line
            ));
            continue;
        }
        if is_range(&version) {
            parsed.unpinned.push(Unpinned {
                ecosystem: Ecosystem::Maven,
                name,
                spec: version,
                path: rel_path.to_string(),
                line: dep.line,
            });
            continue;
        }
        let scope = match dep.scope.as_deref() {
            Some("test" | "provided") => Scope::Dev,
            _ => Scope::Runtime,
        };
        parsed.packages.push(Package {
            ecosystem: Ecosystem::Maven,
            name,
            version,
            path: rel_path.to_string(),
            line: dep.line,
            direct,
            scope,
        });
    }
    let extra = unresolved.len().saturating_sub(MAX_NOTES);
    parsed.notes.extend(unresolved.into_iter().take(MAX_NOTES));
    if extra > 0 {
        parsed.notes.push(format!(
            "{extra} more dependencies with unresolved versions"
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{line_text, parse_fixture};
    use super::*;

    #[test]
    fn pom_with_properties_parent_and_management() {
        let rel = "maven/app/pom.xml";
        let parsed = parse_fixture(rel);
        let got: Vec<(&str, &str, u32, Option<bool>, Scope)> = parsed
            .packages
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.version.as_str(),
                    p.line,
                    p.direct,
                    p.scope,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "com.fasterxml.jackson.core:jackson-databind",
                    "2.9.10",
                    33,
                    None,
                    Scope::Runtime
                ),
                (
                    "org.springframework:spring-core",
                    "5.3.0",
                    35,
                    None,
                    Scope::Runtime
                ),
                (
                    "com.example:shared",
                    "1.4.0",
                    42,
                    Some(true),
                    Scope::Runtime
                ),
                ("junit:junit", "4.12", 47, Some(true), Scope::Dev),
                (
                    "javax.servlet:servlet-api",
                    "2.5",
                    53,
                    Some(true),
                    Scope::Dev
                ),
                (
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    56,
                    Some(true),
                    Scope::Runtime
                ),
            ]
        );
        assert_eq!(line_text(rel, 33), "<version>${jackson.version}</version>");
        assert_eq!(parsed.unpinned.len(), 1);
        assert_eq!(parsed.unpinned[0].name, "org.yaml:snakeyaml");
        assert_eq!(parsed.unpinned[0].spec, "[1.26,2.0)");
        assert_eq!(
            parsed.notes,
            [
                "line 63: org.example:unknown version ${external.version} not resolved (defined outside the repository)",
                "line 65: org.example:managed-elsewhere has no version (managed by a parent POM or BOM outside the repository)",
            ]
        );
    }

    #[test]
    fn malformed_and_foreign_xml() {
        let err = parse("pom.xml", "<project><dependencies></project>", &|_| None).unwrap_err();
        assert!(
            err.message.contains("invalid pom.xml XML"),
            "{}",
            err.message
        );
        let err = parse("pom.xml", "<settings/>", &|_| None).unwrap_err();
        assert!(err.message.contains("<settings>"));
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><project/>";
        assert!(parse("pom.xml", bomb, &|_| None).is_err());
    }

    #[test]
    fn self_referencing_properties_terminate() {
        let text = "<project><properties><a>${a}</a></properties><dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>${a}</version></dependency></dependencies></project>";
        let parsed = parse("pom.xml", text, &|_| None).unwrap();
        assert!(parsed.packages.is_empty());
        assert_eq!(parsed.notes.len(), 1);
    }
}
