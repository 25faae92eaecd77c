//! pip requirements files (requirements*.txt, requirements/*.txt).
//!
//! A line pins a package when its only specifier is `==X` (no wildcard) or `===X`; extras,
//! environment markers (not evaluated), `--hash` options, comments and `\` continuations
//! are allowed around it. Everything else that names a package (`>=`, `~=`, no version,
//! `name @ URL`, bare URLs and paths, `-e`) goes to [`Parsed::unpinned`]. `-r` /
//! `--requirement` includes are followed relative to the including file through
//! `read_sibling`, with cycles and depth guarded; an include that is itself a requirements
//! file the scan picks up on its own (`requirements*.txt`, `requirements/*.txt`) is not
//! re-read, so its packages are reported once, at their own file. Direct: pip-compile's
//! `# via -r …` annotations mark direct requirements and `# via pkg` transitive ones;
//! without annotations the file cannot tell.

use std::collections::HashSet;

use super::manifest::{dir_of, pep508_name};
use super::{Ecosystem, Package, Parsed, Scope, Unpinned, is_lockfile};

/// Deepest chain of `-r` includes followed.
const MAX_INCLUDE_DEPTH: usize = 16;

/// Parses a requirements file and the includes it pulls in.
pub fn parse(rel_path: &str, text: &str, read_sibling: &dyn Fn(&str) -> Option<String>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut visited = HashSet::new();
    visited.insert(rel_path.to_string());
    parse_file(rel_path, text, read_sibling, &mut parsed, &mut visited, 0);
    parsed
}

/// Joins `include` to the directory of `from`, resolving `.` and `..`; `None` when it
/// leaves the scan root or is absolute.
fn resolve_include(from: &str, include: &str) -> Option<String> {
    if include.starts_with('/') || include.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = dir_of(from).split('/').filter(|p| !p.is_empty()).collect();
    for part in include.split(['/', '\\']) {
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

/// Logical lines: `(first physical line, text)` with `\` continuations joined.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut current: Option<(u32, String)> = None;
    for (idx, raw) in text.lines().enumerate() {
        let (start, mut buf) = current
            .take()
            .unwrap_or_else(|| (super::lines::to_line(idx), String::new()));
        if let Some(stripped) = raw.strip_suffix('\\') {
            buf.push_str(stripped);
            buf.push(' ');
            current = Some((start, buf));
        } else {
            buf.push_str(raw);
            out.push((start, buf));
        }
    }
    if let Some(last) = current {
        out.push(last);
    }
    out
}

/// Splits off a comment: `#` at the start or after whitespace.
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let bytes = line.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return (&line[..i], Some(&line[i + 1..]));
        }
    }
    (line, None)
}

/// What pip-compile's `# via` lines said about the last requirement.
#[derive(Default)]
struct Via {
    package: Option<usize>,
    active: bool,
    by_file: bool,
    by_package: bool,
}

impl Via {
    fn add(&mut self, item: &str) {
        let item = item.trim();
        if item.is_empty() {
            return;
        }
        if item.starts_with("-r") || item.starts_with("--requirement") {
            self.by_file = true;
        } else if !item.starts_with("-c") {
            self.by_package = true;
        }
    }

    fn comment(&mut self, comment: &str) {
        let c = comment.trim();
        if let Some(rest) = c.strip_prefix("via")
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            self.active = true;
            for item in rest.split(',') {
                self.add(item);
            }
            return;
        }
        if self.active {
            self.add(c);
        }
    }

    fn finish(&mut self, parsed: &mut Parsed) {
        if let Some(i) = self.package.take() {
            let direct = if self.by_file {
                Some(true)
            } else if self.by_package {
                Some(false)
            } else {
                None
            };
            if let Some(p) = parsed.packages.get_mut(i) {
                p.direct = direct;
            }
        }
        *self = Via::default();
    }
}

fn parse_file(
    rel_path: &str,
    text: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
    parsed: &mut Parsed,
    visited: &mut HashSet<String>,
    depth: usize,
) {
    let mut via = Via::default();
    for (line, logical) in logical_lines(text) {
        let (body, comment) = split_comment(&logical);
        let body = body.trim();
        if body.is_empty() {
            if let Some(c) = comment {
                via.comment(c);
            }
            continue;
        }
        via.finish(parsed);
        if let Some(include) = include_target(body) {
            follow_include(
                rel_path,
                line,
                include,
                read_sibling,
                parsed,
                visited,
                depth,
            );
            continue;
        }
        let unpinned = |name: &str, spec: &str| Unpinned {
            ecosystem: Ecosystem::PyPI,
            name: name.to_string(),
            spec: spec.to_string(),
            path: rel_path.to_string(),
            line,
        };
        if let Some(target) = strip_option(body, &["-e", "--editable"]) {
            let name = egg_name(target).unwrap_or(target);
            parsed.unpinned.push(unpinned(name, body));
            continue;
        }
        if body.starts_with('-') {
            continue; // -i, --index-url, --hash on its own, -c, --pre, …
        }
        // The requirement ends where per-requirement options (`--hash=…`) begin.
        let requirement = body
            .split_whitespace()
            .take_while(|t| !t.starts_with("--"))
            .collect::<Vec<_>>()
            .join(" ");
        let requirement = requirement.split(';').next().unwrap_or("").trim();
        let Some(name) = pep508_name(requirement).filter(|_| !looks_like_path(requirement)) else {
            let name = egg_name(requirement).unwrap_or(requirement);
            parsed.unpinned.push(unpinned(name, requirement));
            continue;
        };
        let mut rest = requirement[name.len()..].trim_start();
        if rest.starts_with('[') {
            rest = rest
                .find(']')
                .map_or("", |end| rest[end + 1..].trim_start());
        }
        match pinned_version(rest) {
            Some(version) => {
                parsed.packages.push(Package {
                    ecosystem: Ecosystem::PyPI,
                    name: name.to_string(),
                    version: version.to_string(),
                    path: rel_path.to_string(),
                    line,
                    direct: None,
                    scope: Scope::Unknown,
                });
                via.package = Some(parsed.packages.len() - 1);
                if let Some(c) = comment {
                    via.comment(c);
                }
            }
            None => parsed.unpinned.push(unpinned(name, rest.trim())),
        }
    }
    via.finish(parsed);
}

/// The single exact version of a specifier list, if it pins one.
fn pinned_version(spec: &str) -> Option<&str> {
    let spec = spec.trim();
    if spec.contains(',') {
        return None;
    }
    let version = spec
        .strip_prefix("===")
        .or_else(|| spec.strip_prefix("=="))?
        .trim();
    (!version.is_empty() && !version.contains(['*', ' ', '@'])).then_some(version)
}

/// A bare URL, path or archive rather than `name …` (the part before any `@` decides).
fn looks_like_path(req: &str) -> bool {
    let req = req.split('@').next().unwrap_or(req).trim();
    req.contains("://")
        || req.contains(':')
        || req.starts_with('.')
        || req.starts_with('/')
        || req.ends_with(".whl")
        || req.ends_with(".tar.gz")
        || req.ends_with(".zip")
}

/// `#egg=name` of a URL requirement.
fn egg_name(target: &str) -> Option<&str> {
    let egg = target.split("#egg=").nth(1)?;
    let end = egg.find(['&', ' ', '[']).unwrap_or(egg.len());
    Some(&egg[..end]).filter(|e| !e.is_empty())
}

/// The argument of `-x ARG`, `-xARG`, `--long ARG` or `--long=ARG` when `line` starts
/// with one of `options`.
fn strip_option<'a>(line: &'a str, options: &[&str]) -> Option<&'a str> {
    for opt in options {
        if let Some(rest) = line.strip_prefix(opt) {
            let arg = if opt.starts_with("--") {
                if let Some(a) = rest.strip_prefix('=') {
                    a
                } else if rest.starts_with(char::is_whitespace) {
                    rest
                } else {
                    continue;
                }
            } else {
                rest
            };
            let arg = arg.trim();
            if !arg.is_empty() {
                return Some(arg);
            }
        }
    }
    None
}

fn include_target(body: &str) -> Option<&str> {
    strip_option(body, &["--requirement", "-r"]).filter(|t| !t.starts_with('-'))
}

fn follow_include(
    rel_path: &str,
    line: u32,
    include: &str,
    read_sibling: &dyn Fn(&str) -> Option<String>,
    parsed: &mut Parsed,
    visited: &mut HashSet<String>,
    depth: usize,
) {
    let Some(target) = resolve_include(rel_path, include) else {
        parsed.notes.push(format!(
            "{rel_path}:{line}: include {include} is outside the repository, not followed"
        ));
        return;
    };
    if is_lockfile(&target) {
        return; // scanned on its own
    }
    if depth + 1 > MAX_INCLUDE_DEPTH {
        parsed.notes.push(format!(
            "{rel_path}:{line}: include {include} not followed: more than {MAX_INCLUDE_DEPTH} nested includes"
        ));
        return;
    }
    if !visited.insert(target.clone()) {
        parsed.notes.push(format!(
            "{rel_path}:{line}: include {include} already read, skipped"
        ));
        return;
    }
    match read_sibling(&target) {
        Some(text) => parse_file(&target, &text, read_sibling, parsed, visited, depth + 1),
        None => parsed
            .notes
            .push(format!("{rel_path}:{line}: include {include} not found")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find, parse_fixture};
    use super::*;

    #[test]
    fn pinned_unpinned_and_includes() {
        let parsed = parse_fixture("pip/requirements.txt");
        let got: Vec<(&str, &str, &str, u32)> = parsed
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.path.as_str(), p.line))
            .collect();
        assert_eq!(
            got,
            [
                ("six", "1.15.0", "pip/base.in", 2),
                ("idna", "2.10", "pip/common/shared.txt", 1),
                ("requests", "2.25.0", "pip/requirements.txt", 3),
                ("Jinja2", "2.11.2", "pip/requirements.txt", 4),
                ("urllib3", "1.26.4", "pip/requirements.txt", 9),
                ("legacy-pkg", "1.0-custom", "pip/requirements.txt", 12),
                ("pyyaml", "5.3.1", "pip/requirements.txt", 13),
            ]
        );
        assert!(
            parsed
                .packages
                .iter()
                .all(|p| p.direct.is_none() && p.scope == Scope::Unknown)
        );
        let unpinned: Vec<(&str, &str, u32)> = parsed
            .unpinned
            .iter()
            .map(|u| (u.name.as_str(), u.spec.as_str(), u.line))
            .collect();
        assert_eq!(
            unpinned,
            [
                ("flask", ">=2.0", 14),
                ("click", "", 15),
                ("attrs", "==21.*", 16),
                ("certifi", ">=2020,<2022", 17),
                (
                    "mylib",
                    "-e git+https://example.com/mylib.git#egg=mylib",
                    18
                ),
                ("pkg", "@ https://example.com/pkg-1.0.tar.gz", 19),
                ("https://example.com/x.whl", "https://example.com/x.whl", 20),
            ]
        );
        assert!(
            parsed
                .unpinned
                .iter()
                .all(|u| u.path == "pip/requirements.txt")
        );
        assert_eq!(
            parsed.notes,
            [
                "pip/common/shared.txt:2: include ../base.in already read, skipped",
                "line 22: include missing.txt not found",
                "line 24: include ../../outside.txt is outside the repository, not followed",
            ]
        );
    }

    #[test]
    fn pip_compile_via_annotations() {
        let parsed = parse_fixture("pip/requirements-compiled.txt");
        assert_eq!(find(&parsed, "flask", "2.0.1").direct, Some(true));
        assert_eq!(find(&parsed, "jinja2", "3.0.1").direct, Some(false));
        assert_eq!(find(&parsed, "click", "8.0.1").direct, Some(true));
        assert_eq!(find(&parsed, "markupsafe", "2.0.1").direct, Some(false));
        assert_eq!(find(&parsed, "itsdangerous", "2.0.1").line, 16);
        assert_eq!(parsed.packages.len(), 5);
    }

    #[test]
    fn includes_that_are_scanned_themselves_are_not_repeated() {
        let read = |p: &str| (p == "requirements-dev.txt").then(|| "pytest==7.0.0\n".to_string());
        let parsed = parse(
            "requirements.txt",
            "-r requirements-dev.txt\nsix==1.0\n",
            &read,
        );
        assert_eq!(parsed.packages.len(), 1);
        assert!(parsed.notes.is_empty());
    }

    #[test]
    fn resolves_relative_includes() {
        assert_eq!(
            resolve_include("a/b/r.txt", "../c.txt").as_deref(),
            Some("a/c.txt")
        );
        assert_eq!(
            resolve_include("r.txt", "./x/y.txt").as_deref(),
            Some("x/y.txt")
        );
        assert_eq!(resolve_include("r.txt", "../y.txt"), None);
        assert_eq!(resolve_include("r.txt", "/etc/passwd"), None);
    }

    #[test]
    fn self_include_and_deep_chains_terminate() {
        let read = |p: &str| {
            let n: usize = p
                .trim_start_matches("r")
                .trim_end_matches(".in")
                .parse()
                .ok()?;
            Some(format!("-r r{}.in\npkg{n}==1.0\n", n + 1))
        };
        let parsed = parse("r0.in.txt", "-r r0.in.txt\n-r r1.in\n", &read);
        assert_eq!(parsed.packages.len(), MAX_INCLUDE_DEPTH);
        assert_eq!(parsed.notes.len(), 2);
    }
}
