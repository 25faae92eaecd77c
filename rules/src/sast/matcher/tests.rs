use super::*;
use crate::sast::pattern::compile;

fn find_lines(lang: Lang, pat: &str, src: &str) -> Vec<usize> {
    let file = code::parse(lang, src).unwrap();
    let cx = FileCtx::new(&file);
    let p = compile(pat, lang).unwrap();
    cx.find(&p)
        .iter()
        .map(|m| src[..m.start].matches('\n').count() + 1)
        .collect()
}

#[test]
fn python_import_aliases_are_collected() {
    let src = "import subprocess as sp\nfrom a.b import c\nfrom x import y as z\nimport os\nfrom . import rel\n";
    let file = code::parse(Lang::Python, src).unwrap();
    let cx = FileCtx::new(&file);
    assert_eq!(cx.aliases.get("sp").map(String::as_str), Some("subprocess"));
    assert_eq!(cx.aliases.get("c").map(String::as_str), Some("a.b.c"));
    assert_eq!(cx.aliases.get("z").map(String::as_str), Some("x.y"));
    assert!(!cx.aliases.contains_key("os"));
    assert!(!cx.aliases.contains_key("rel"));
}

#[test]
fn js_import_and_require_aliases_are_collected() {
    let src = "import fs from 'fs';\nimport * as p from 'path';\nimport { a as b, c } from 'm';\nconst cp = require('child_process');\nconst { exec, spawn: sp } = require('child_process');\nconst e = require('x').y;\n";
    let file = code::parse(Lang::JavaScript, src).unwrap();
    let cx = FileCtx::new(&file);
    let get = |k: &str| cx.aliases.get(k).map(String::as_str);
    assert_eq!(get("fs"), Some("fs"));
    assert_eq!(get("p"), Some("path"));
    assert_eq!(get("b"), Some("m.a"));
    assert_eq!(get("c"), Some("m.c"));
    assert_eq!(get("cp"), Some("child_process"));
    assert_eq!(get("exec"), Some("child_process.exec"));
    assert_eq!(get("sp"), Some("child_process.spawn"));
    assert_eq!(get("e"), Some("x.y"));
}

#[test]
fn comments_and_parentheses_do_not_change_matches() {
    let src = "foo(a, # note\n    (b))\nfoo(a, c)\n";
    assert_eq!(find_lines(Lang::Python, "foo($X, b)", src), vec![1]);
    assert_eq!(
        find_lines(Lang::JavaScript, "foo($X, b)", "foo(a, /* c */ (b));\n"),
        vec![1]
    );
}

#[test]
fn metavariables_bind_consistently() {
    let src = "x = x\nx = y\nself.a = self.a\n";
    assert_eq!(find_lines(Lang::Python, "$A = $A", src), vec![1, 3]);
}

#[test]
fn ellipsis_and_sequence_metavariables_in_arguments() {
    let src = "f(1)\nf(1, 2, 3)\nf()\nf(2, 1)\n";
    assert_eq!(
        find_lines(Lang::Python, "f(..., 1, ...)", src),
        vec![1, 2, 4]
    );
    assert_eq!(find_lines(Lang::Python, "f(1, ...)", src), vec![1, 2]);
    assert_eq!(find_lines(Lang::Python, "f($...A)", src), vec![1, 2, 3, 4]);
    assert_eq!(find_lines(Lang::Python, "f($X)", src), vec![1]);
}

#[test]
fn deep_expression_finds_nested_calls() {
    let src = "a = g(h(1, input()))\nb = g(2)\n";
    assert_eq!(
        find_lines(Lang::Python, "g(<... input() ...>)", src),
        vec![1]
    );
}

#[test]
fn hostile_target_nesting_is_bounded_by_the_parser() {
    // 200 nested calls parse; matching a deep pattern over them terminates.
    let src = format!("{}x{}\n", "f(".repeat(200), ")".repeat(200));
    let lines = find_lines(Lang::Python, "f(<... x ...>)", &src);
    assert_eq!(lines.len(), 200);
}
