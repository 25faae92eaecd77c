//! Package URLs (<https://github.com/package-url/purl-spec>): the identifier both SBOM
//! formats use to name a package across tools.

use vigil_parsers::lockfiles::{Ecosystem, Package};

/// Percent-encodes one purl segment (everything but unreserved characters).
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The purl of a package, following each type's rules in the purl spec: npm scopes are
/// namespaces (`%40scope`), PyPI names lower-case with `_` → `-`, Maven `group:artifact`
/// and Composer `vendor/name` split into namespace and name, Go module paths split at
/// the last `/`.
pub fn purl(eco: Ecosystem, name: &str, version: &str) -> String {
    let name = name.trim();
    let (ty, namespace, short): (&str, Vec<String>, String) = match eco {
        Ecosystem::Npm => match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
            Some((scope, n)) => ("npm", vec![format!("@{scope}")], n.to_string()),
            None => ("npm", vec![], name.to_string()),
        },
        Ecosystem::PyPI => ("pypi", vec![], name.to_ascii_lowercase().replace('_', "-")),
        Ecosystem::CratesIo => ("cargo", vec![], name.to_string()),
        Ecosystem::RubyGems => ("gem", vec![], name.to_string()),
        Ecosystem::Go => match name.rsplit_once('/') {
            Some((ns, n)) => (
                "golang",
                ns.split('/').map(str::to_string).collect(),
                n.to_string(),
            ),
            None => ("golang", vec![], name.to_string()),
        },
        Ecosystem::Packagist => {
            let lower = name.to_ascii_lowercase();
            match lower.split_once('/') {
                Some((v, n)) => ("composer", vec![v.to_string()], n.to_string()),
                None => ("composer", vec![], lower),
            }
        }
        Ecosystem::Maven => match name.split_once(':') {
            Some((g, a)) => ("maven", vec![g.to_string()], a.to_string()),
            None => ("maven", vec![], name.to_string()),
        },
    };
    let mut out = format!("pkg:{ty}/");
    for ns in &namespace {
        out.push_str(&enc(ns));
        out.push('/');
    }
    out.push_str(&enc(&short));
    if !version.trim().is_empty() {
        out.push('@');
        out.push_str(&enc(version.trim()));
    }
    out
}

/// The purl of a parsed package.
pub fn of(pkg: &Package) -> String {
    purl(pkg.ecosystem, &pkg.name, &pkg.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purl_spec_examples() {
        // Examples from purl-spec PURL-TYPES.rst.
        assert_eq!(
            purl(Ecosystem::Npm, "@angular/animation", "12.3.1"),
            "pkg:npm/%40angular/animation@12.3.1"
        );
        assert_eq!(
            purl(Ecosystem::Npm, "foobar", "12.3.1"),
            "pkg:npm/foobar@12.3.1"
        );
        assert_eq!(
            purl(Ecosystem::PyPI, "Django_Package", "1.11.1"),
            "pkg:pypi/django-package@1.11.1"
        );
        assert_eq!(
            purl(Ecosystem::CratesIo, "rand", "0.7.2"),
            "pkg:cargo/rand@0.7.2"
        );
        assert_eq!(
            purl(Ecosystem::RubyGems, "ruby-advisory-db-check", "0.12.4"),
            "pkg:gem/ruby-advisory-db-check@0.12.4"
        );
        assert_eq!(
            purl(
                Ecosystem::Go,
                "github.com/gorilla/context",
                "234fd47e07d1004f0aed9c"
            ),
            "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c"
        );
        assert_eq!(
            purl(Ecosystem::Packagist, "Laravel/Laravel", "5.5.0"),
            "pkg:composer/laravel/laravel@5.5.0"
        );
        assert_eq!(
            purl(
                Ecosystem::Maven,
                "org.apache.xmlgraphics:batik-anim",
                "1.9.1"
            ),
            "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1"
        );
        assert_eq!(
            purl(Ecosystem::Go, "github.com/x/y", "v2.0.0+incompatible"),
            "pkg:golang/github.com/x/y@v2.0.0%2Bincompatible"
        );
    }
}
