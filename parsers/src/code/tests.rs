use super::*;

#[test]
fn detects_languages_from_extensions() {
    assert_eq!(Lang::from_path("a/b.py"), Some(Lang::Python));
    assert_eq!(Lang::from_path("x.pyi"), Some(Lang::Python));
    for p in ["a.js", "a.mjs", "a.cjs", "src/App.jsx"] {
        assert_eq!(Lang::from_path(p), Some(Lang::JavaScript), "{p}");
    }
    for p in ["a.ts", "a.mts", "a.cts"] {
        assert_eq!(Lang::from_path(p), Some(Lang::TypeScript), "{p}");
    }
    assert_eq!(Lang::from_path("C.TSX"), Some(Lang::Tsx));
    assert_eq!(Lang::from_path("Makefile"), None);
    assert_eq!(Lang::from_path("dir.py/readme"), None);
    assert_eq!(Lang::from_path("a.rb"), None);
}

#[test]
fn parses_each_language() {
    let cases = [
        (Lang::Python, "import os\nos.system(x)\n"),
        (Lang::JavaScript, "const a = <div onClick={f}>{x}</div>;\n"),
        (Lang::TypeScript, "let a: number = f<string>(x);\n"),
        (Lang::Tsx, "const C = (p: Props) => <b>{p.x}</b>;\n"),
    ];
    for (lang, src) in cases {
        let f = parse(lang, src).unwrap();
        assert!(!f.has_errors, "{lang:?}: {}", f.root().to_sexp());
        assert_eq!(f.text(f.root()).trim_end(), src.trim_end());
    }
}

#[test]
fn syntax_errors_are_flagged_but_tree_is_kept() {
    let f = parse(Lang::Python, "def f(:\n    pass\nos.system(x)\n").unwrap();
    assert!(f.has_errors);
    let calls = preorder(f.root())
        .into_iter()
        .filter(|n| n.kind() == "call")
        .count();
    assert_eq!(calls, 1);
}

#[test]
fn refuses_minified_and_huge_files() {
    let long = format!("var a = '{}';\n", "x".repeat(MAX_LINE_LEN + 10));
    assert!(matches!(
        parse(Lang::JavaScript, &long),
        Err(SkipReason::LongLine { line: 1, .. })
    ));
    let huge = "a = 1\n".repeat(MAX_FILE_BYTES / 6 + 10);
    let err = parse(Lang::Python, &huge).err().unwrap();
    assert!(matches!(err, SkipReason::TooLarge { .. }));
    assert!(err.to_string().contains("skipped"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    let n = 100_000;
    let mut src = String::with_capacity(n * 2 + 4);
    for i in 0..n {
        src.push('(');
        if i % 1000 == 999 {
            src.push('\n');
        }
    }
    src.push('1');
    for i in 0..n {
        src.push(')');
        if i % 1000 == 999 {
            src.push('\n');
        }
    }
    for lang in [Lang::Python, Lang::JavaScript] {
        match parse(lang, &src) {
            Err(SkipReason::TooDeep { .. }) => {}
            Ok(f) => assert!(tree_depth(f.root(), usize::MAX) <= MAX_TREE_DEPTH),
            Err(e) => panic!("{lang:?}: unexpected {e}"),
        }
    }
}

#[test]
fn preorder_visits_in_document_order() {
    let f = parse(Lang::JavaScript, "f(a, b); g(c);").unwrap();
    let ids: Vec<&str> = preorder(f.root())
        .into_iter()
        .filter(|n| n.kind() == "identifier")
        .map(|n| f.text(n))
        .collect();
    assert_eq!(ids, ["f", "a", "b", "g", "c"]);
    let inner = preorder(f.root())
        .into_iter()
        .find(|n| n.kind() == "arguments")
        .unwrap();
    assert_eq!(preorder(inner).len(), 6); // the node itself, then ( a , b )
}
