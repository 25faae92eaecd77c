//! Lockfiles and manifests → the packages they pin, with the line that declares each one.
//!
//! Shared contract between the parsers (here) and the SCA analyzer (`vigil-sca`): every
//! parser returns [`Package`]s; a file it cannot read is a [`LockfileError`] naming the
//! file and what is wrong, never a panic.
//!
//! One module per format (see each for its rules): `npm` (package-lock.json and
//! npm-shrinkwrap.json v1–v3), `yarn` (classic and Berry), `pnpm` (v5, v6, v9),
//! `requirements`, `poetry`, `pipfile`, `uv`, `cargo`, `gomod` (go.mod, go.sum),
//! `gemfile`, `composer`, `maven` (pom.xml), `gradle`. Shared pieces: `lines` (one-pass
//! line indexes, since serde gives no spans), `manifest` (package.json, pyproject.toml,
//! Pipfile and composer.json read beside a lockfile for direct/dev), `graph` (scope from the
//! dependency graph) and `limits` (nesting guards before YAML and XML parsing).
//!
//! Conventions: versions are exact as the lockfile writes them, except Go, where the `v`
//! prefix is dropped as OSV does; names are as written (PyPI ones are not normalised).
//! `direct` is `None` and scope [`Scope::Unknown`] where the format and the manifests
//! beside it cannot tell. Problems that spoil one entry, not the file (missing version,
//! duplicate entry, unresolved Maven property, include not found) go to
//! [`Parsed::notes`] as `path:line: what` where a line is known.

use serde::Serialize;

mod cargo;
mod composer;
mod gemfile;
mod gomod;
mod gradle;
mod graph;
mod limits;
mod lines;
mod manifest;
mod maven;
mod npm;
mod pipfile;
mod pnpm;
mod poetry;
mod requirements;
mod uv;
mod yarn;

/// Package ecosystems, named exactly as OSV names them (`affected[].package.ecosystem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Ecosystem {
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "PyPI")]
    PyPI,
    #[serde(rename = "crates.io")]
    CratesIo,
    #[serde(rename = "Go")]
    Go,
    #[serde(rename = "RubyGems")]
    RubyGems,
    #[serde(rename = "Packagist")]
    Packagist,
    #[serde(rename = "Maven")]
    Maven,
}

impl Ecosystem {
    /// The OSV ecosystem name (also the folder name of the OSV export).
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Go => "Go",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Maven => "Maven",
        }
    }

    /// Every supported ecosystem.
    pub const ALL: [Ecosystem; 7] = [
        Ecosystem::Npm,
        Ecosystem::PyPI,
        Ecosystem::CratesIo,
        Ecosystem::Go,
        Ecosystem::RubyGems,
        Ecosystem::Packagist,
        Ecosystem::Maven,
    ];
}

/// Whether a package is needed at run time or only to develop/test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Runtime,
    Dev,
    /// The format does not say.
    Unknown,
}

/// One pinned package as a lockfile declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    pub ecosystem: Ecosystem,
    /// Name as the ecosystem spells it (`@scope/name`, `group:artifact`, module path…).
    pub name: String,
    /// Exact resolved version.
    pub version: String,
    /// Path of the lockfile relative to the scan root, `/`-separated.
    pub path: String,
    /// 1-based line where this package is declared (for pull-request annotations).
    pub line: u32,
    /// True when the project itself depends on it (not only through another package);
    /// `None` when the format cannot tell.
    pub direct: Option<bool>,
    pub scope: Scope,
}

/// A requirement that pins nothing (`flask>=2`): reported once as informational, not matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unpinned {
    pub ecosystem: Ecosystem,
    pub name: String,
    pub spec: String,
    pub path: String,
    pub line: u32,
}

/// A package of one lockfile, named as in its [`Package`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PackageId {
    pub name: String,
    pub version: String,
}

impl PackageId {
    /// The id of `name` at `version`.
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Self {
        PackageId {
            name: name.into(),
            version: version.into(),
        }
    }
}

/// "`from` depends on `to`", as the lockfile records it: the dependency relationships an
/// SBOM exports. Both ends are packages of the same [`Parsed`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Edge {
    pub from: PackageId,
    pub to: PackageId,
}

/// What one lockfile yielded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub packages: Vec<Package>,
    pub unpinned: Vec<Unpinned>,
    /// Dependency relationships between `packages`, sorted, without repeats. Empty for
    /// formats that record none (go.mod, go.sum, requirements, Pipfile.lock, pom.xml,
    /// gradle.lockfile); the project's own dependencies are marked by `Package::direct`.
    pub edges: Vec<Edge>,
    /// Non-fatal notes (e.g. "package.json without a lockfile", "-r include not found").
    pub notes: Vec<String>,
}

/// A lockfile that could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct LockfileError {
    pub path: String,
    pub message: String,
}

/// Largest lockfile parsed (bigger ones are reported, not read): far above any real one.
const MAX_LOCKFILE_BYTES: usize = 256 * 1024 * 1024;

/// The formats [`parse`] dispatches on, chosen by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Npm,
    Yarn,
    Pnpm,
    Requirements,
    Poetry,
    Pipfile,
    Uv,
    Cargo,
    GoMod,
    GoSum,
    Gemfile,
    Composer,
    Maven,
    Gradle,
}

fn kind_of(rel_path: &str) -> Option<Kind> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let parent = manifest::dir_of(rel_path).rsplit('/').next().unwrap_or("");
    Some(match name {
        "package-lock.json" | "npm-shrinkwrap.json" => Kind::Npm,
        "yarn.lock" => Kind::Yarn,
        "pnpm-lock.yaml" => Kind::Pnpm,
        "poetry.lock" => Kind::Poetry,
        "Pipfile.lock" => Kind::Pipfile,
        "uv.lock" => Kind::Uv,
        "Cargo.lock" => Kind::Cargo,
        "go.mod" => Kind::GoMod,
        "go.sum" => Kind::GoSum,
        "Gemfile.lock" | "gems.locked" => Kind::Gemfile,
        "composer.lock" => Kind::Composer,
        "pom.xml" => Kind::Maven,
        _ if name.ends_with(".txt")
            && (name.starts_with("requirements") || parent == "requirements") =>
        {
            Kind::Requirements
        }
        _ if name.ends_with("gradle.lockfile")
            || (name.ends_with(".lockfile") && parent == "dependency-locks") =>
        {
            Kind::Gradle
        }
        _ => return None,
    })
}

/// Whether `rel_path` (its file name) is a lockfile or manifest this module parses.
///
/// Covered: package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml,
/// requirements*.txt and `requirements/*.txt`, poetry.lock, Pipfile.lock, uv.lock,
/// Cargo.lock, go.mod, go.sum (only used when no go.mod is beside it), Gemfile.lock /
/// gems.locked, composer.lock, pom.xml, gradle.lockfile (and Gradle 6's
/// `gradle/dependency-locks/*.lockfile`). Manifests that pin nothing (package.json,
/// pyproject.toml, Pipfile, composer.json) are read only beside their lockfile, and noted
/// by [`tree_notes`] when alone.
pub fn is_lockfile(rel_path: &str) -> bool {
    kind_of(rel_path).is_some()
}

/// Parses the lockfile at `rel_path` whose contents are `text`. `read_sibling` reads another
/// file by root-relative path (for `-r` includes, go.sum next to go.mod); it returns `None`
/// when the file does not exist or cannot be read.
///
/// Packages come out sorted by path and line, edges sorted. A file that is not a lockfile,
/// is larger than 256 MiB or does not parse gives a [`LockfileError`]. Notes about the
/// file itself start `line N:`; notes about an included file start `path:N:`.
pub fn parse(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
) -> Result<Parsed, LockfileError> {
    let Some(kind) = kind_of(rel_path) else {
        return Err(error(rel_path, "no parser for this file"));
    };
    if text.len() > MAX_LOCKFILE_BYTES {
        return Err(error(
            rel_path,
            format!(
                "file is {} bytes, over the {MAX_LOCKFILE_BYTES}-byte limit",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parsed = match kind {
        Kind::Npm => npm::parse(rel_path, text, read_sibling),
        Kind::Yarn => yarn::parse(rel_path, text, read_sibling),
        Kind::Pnpm => pnpm::parse(rel_path, text),
        Kind::Requirements => Ok(requirements::parse(rel_path, text, read_sibling)),
        Kind::Poetry => poetry::parse(rel_path, text, read_sibling),
        Kind::Pipfile => pipfile::parse(rel_path, text, read_sibling),
        Kind::Uv => uv::parse(rel_path, text),
        Kind::Cargo => cargo::parse(rel_path, text),
        Kind::GoMod => gomod::parse_mod(rel_path, text),
        Kind::GoSum => Ok(gomod::parse_sum(rel_path, text, read_sibling)),
        Kind::Gemfile => Ok(gemfile::parse(rel_path, text)),
        Kind::Composer => composer::parse(rel_path, text, read_sibling),
        Kind::Maven => maven::parse(rel_path, text, read_sibling),
        Kind::Gradle => Ok(gradle::parse(rel_path, text)),
    }?;
    parsed
        .packages
        .sort_by(|a, b| (a.path.as_str(), a.line).cmp(&(b.path.as_str(), b.line)));
    parsed.edges.sort();
    parsed.edges.dedup();
    // Formats where one name@version (one module, for go.mod) appears once; npm, yarn,
    // pnpm and Bundler legitimately repeat or merge entries. Requirements may pin two
    // versions of one package under different environment markers.
    match kind {
        Kind::Cargo
        | Kind::Poetry
        | Kind::Uv
        | Kind::Composer
        | Kind::Gradle
        | Kind::Requirements => drop_duplicates(&mut parsed, true),
        Kind::GoMod => drop_duplicates(&mut parsed, false),
        _ => {}
    }
    // Notes about this file itself read "line N: …" (the caller shows the path); notes
    // about included files keep their "path:N: …".
    let own = format!("{rel_path}:");
    for note in &mut parsed.notes {
        if let Some(rest) = note.strip_prefix(&own) {
            *note = format!("line {rest}");
        }
    }
    Ok(parsed)
}

/// Builds a [`LockfileError`] for `path`.
fn error(path: &str, message: impl Into<String>) -> LockfileError {
    LockfileError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// Lockfiles that pin a package.json's dependencies.
const NPM_LOCKS: [&str; 4] = [
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
];

/// Notes for the whole tree, e.g. every `package.json` with no lockfile beside it.
///
/// A package.json is noted when neither its directory nor any directory above it holds
/// an npm, yarn or pnpm lockfile (workspace members are pinned by the root's lockfile).
/// Likewise pyproject.toml and Pipfile with no poetry.lock, uv.lock, Pipfile.lock or
/// requirements file beside them, Gemfile without Gemfile.lock and composer.json without
/// composer.lock. Anything under `node_modules/` or `vendor/` is ignored.
pub fn tree_notes(files: &[String]) -> Vec<(String, String)> {
    use std::collections::HashSet;
    let mut npm_dirs: HashSet<&str> = HashSet::new();
    let mut python_dirs: HashSet<&str> = HashSet::new();
    let mut present: HashSet<&str> = HashSet::new();
    for f in files {
        present.insert(f.as_str());
        let name = f.rsplit('/').next().unwrap_or(f);
        let dir = manifest::dir_of(f);
        if NPM_LOCKS.contains(&name) {
            npm_dirs.insert(dir);
        }
        if matches!(
            kind_of(f),
            Some(Kind::Poetry | Kind::Uv | Kind::Pipfile | Kind::Requirements)
        ) || name == "pdm.lock"
        {
            python_dirs.insert(dir);
            // requirements/*.txt pins the project one level up.
            if dir.rsplit('/').next() == Some("requirements") {
                python_dirs.insert(manifest::dir_of(dir));
            }
        }
    }
    let ancestors_have = |dir: &str, set: &HashSet<&str>| {
        let mut d = dir;
        loop {
            if set.contains(d) {
                return true;
            }
            if d.is_empty() {
                return false;
            }
            d = manifest::dir_of(d);
        }
    };
    let mut notes = Vec::new();
    for f in files {
        if f.split('/').any(|c| c == "node_modules" || c == "vendor") {
            continue;
        }
        let name = f.rsplit('/').next().unwrap_or(f);
        let dir = manifest::dir_of(f);
        let missing = match name {
            "package.json" if !ancestors_have(dir, &npm_dirs) => Some("package.json"),
            "pyproject.toml" | "Pipfile" if !python_dirs.contains(dir) => Some(name),
            "Gemfile" if !present.contains(manifest::sibling(f, "Gemfile.lock").as_str()) => {
                Some("Gemfile")
            }
            "composer.json"
                if !present.contains(manifest::sibling(f, "composer.lock").as_str()) =>
            {
                Some("composer.json")
            }
            _ => None,
        };
        if let Some(what) = missing {
            notes.push((
                f.clone(),
                format!(
                    "{what} without a lockfile: dependencies are not pinned, so vulnerable versions cannot be checked"
                ),
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests;

/// A TOML parse failure as a [`LockfileError`], with the line when toml gives a span.
fn toml_error(path: &str, what: &str, text: &str, e: &toml::de::Error) -> LockfileError {
    let message = e.message().trim();
    match e.span() {
        Some(span) => error(
            path,
            format!(
                "invalid {what} TOML at line {}: {message}",
                lines::line_at(text, span.start)
            ),
        ),
        None => error(path, format!("invalid {what} TOML: {message}")),
    }
}

/// Keeps the first of packages declared twice in one file (same name and, when
/// `by_version`, same version), noting where the repeats are.
fn drop_duplicates(parsed: &mut Parsed, by_version: bool) {
    use std::collections::HashMap;
    let mut first: HashMap<(String, String, String), u32> = HashMap::new();
    let mut notes = Vec::new();
    parsed.packages.retain(|p| {
        let version = if by_version {
            p.version.clone()
        } else {
            String::new()
        };
        let name = if p.ecosystem == Ecosystem::PyPI {
            manifest::pep503(&p.name)
        } else {
            p.name.clone()
        };
        match first.entry((p.path.clone(), name, version)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                notes.push(format!(
                    "{}:{}: {} {} is already declared at line {}; the repeat is ignored",
                    p.path,
                    p.line,
                    p.name,
                    p.version,
                    e.get()
                ));
                false
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(p.line);
                true
            }
        }
    });
    parsed.notes.extend(notes);
}
