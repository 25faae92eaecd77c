//! Rule formulas (`pattern`, `patterns`, `pattern-either`, filters) and their evaluation
//! over one file, with Semgrep's semantics: positive terms intersect on equal ranges,
//! `pattern-inside` keeps ranges inside another match, `pattern-not*` remove, the
//! `metavariable-*` conditions test bindings, `focus-metavariable` narrows the range.

use regex::Regex;

use super::matcher::{Binds, Bound, FileCtx, Mat};
use super::mvcmp::Expr;
use super::pattern::PNode;

/// A compiled boolean combination of patterns.
#[derive(Debug)]
pub enum Formula {
    Pattern(PNode),
    Regex(Regex),
    Either(Vec<Formula>),
    /// A `pattern-either` of `pattern-inside`s: inside a `patterns` it is a filter; alone
    /// it is the union of the enclosing ranges.
    InsideEither(Vec<Formula>),
    All(Vec<Formula>, Vec<Cond>),
}

/// A filter inside `patterns`.
#[derive(Debug)]
pub enum Cond {
    Inside(Formula),
    NotInside(Formula),
    Not(Formula),
    NotRegex(Regex),
    MvRegex { mv: String, re: Regex },
    MvPattern { mv: String, formula: Formula },
    MvCompare(Expr),
    Focus(Vec<String>),
}

impl Cond {
    /// Filters that bind metavariables run first, metavariable tests next, focus last.
    pub fn phase(&self) -> u8 {
        match self {
            Cond::Inside(_) | Cond::NotInside(_) | Cond::Not(_) | Cond::NotRegex(_) => 0,
            Cond::MvRegex { .. } | Cond::MvPattern { .. } | Cond::MvCompare(_) => 1,
            Cond::Focus(_) => 2,
        }
    }
}

/// Bindings agree where both bind the same name.
pub fn consistent(cx: &FileCtx<'_>, a: &Binds<'_>, b: &Binds<'_>) -> bool {
    a.iter().all(|(n, x)| {
        b.iter()
            .find(|(m, _)| m == n)
            .is_none_or(|(_, y)| cx.same(x, y))
    })
}

fn same_binds(a: &Binds<'_>, b: &Binds<'_>) -> bool {
    a.len() == b.len()
        && a.iter().all(|(n, x)| {
            b.iter()
                .any(|(m, y)| m == n && x.start == y.start && x.end == y.end)
        })
}

fn merge<'t>(a: &Binds<'t>, b: &Binds<'t>) -> Binds<'t> {
    let mut out = a.clone();
    for (n, v) in b {
        if !out.iter().any(|(m, _)| m == n) {
            out.push((n.clone(), *v));
        }
    }
    out
}

/// Looks up a binding by name.
pub fn lookup<'a, 't>(b: &'a Binds<'t>, name: &str) -> Option<&'a Bound<'t>> {
    b.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// Every match of `f` in the file.
pub fn eval<'t>(f: &Formula, cx: &FileCtx<'t>) -> Vec<Mat<'t>> {
    match f {
        Formula::Pattern(p) => cx.find(p),
        Formula::Regex(re) => regex_matches(re, cx),
        Formula::Either(fs) | Formula::InsideEither(fs) => {
            let mut out: Vec<Mat<'t>> = Vec::new();
            for f in fs {
                for m in eval(f, cx) {
                    if !out.iter().any(|o| {
                        o.start == m.start && o.end == m.end && same_binds(&o.binds, &m.binds)
                    }) {
                        out.push(m);
                    }
                }
            }
            out
        }
        Formula::All(pos, conds) => {
            // `pattern: $X` with a `pattern-inside`: only nodes inside the enclosing matches
            // are candidates (instead of every node of the file).
            let scoped = match (
                pos.as_slice(),
                conds.iter().position(|c| matches!(c, Cond::Inside(_))),
            ) {
                ([Formula::Pattern(PNode::Mv(name))], Some(i)) => Some((name, i)),
                _ => None,
            };
            let mut skip_cond = None;
            let mut cur = match (scoped, pos.first()) {
                (Some((name, i)), _) => {
                    skip_cond = Some(i);
                    let Cond::Inside(f) = &conds[i] else {
                        return Vec::new();
                    };
                    scoped_mv(name, &eval(f, cx), cx)
                }
                (None, Some(f)) => eval(f, cx),
                (None, None) => return Vec::new(),
            };
            for f in &pos[1..] {
                if cur.is_empty() {
                    return cur;
                }
                let other = eval(f, cx);
                cur = cur
                    .into_iter()
                    .filter_map(|r| {
                        other
                            .iter()
                            .find(|o| {
                                o.start == r.start
                                    && o.end == r.end
                                    && consistent(cx, &r.binds, &o.binds)
                            })
                            .map(|o| Mat {
                                binds: merge(&r.binds, &o.binds),
                                ..r
                            })
                    })
                    .collect();
            }
            for (i, c) in conds.iter().enumerate() {
                if cur.is_empty() {
                    break;
                }
                if skip_cond != Some(i) {
                    cur = apply(c, cur, cx);
                }
            }
            cur
        }
    }
}

/// Matches of `$X` restricted to nodes inside `outer` matches, consistent with their
/// bindings (if `outer` binds `$X`, only nodes with the same text qualify).
fn scoped_mv<'t>(name: &str, outer: &[Mat<'t>], cx: &FileCtx<'t>) -> Vec<Mat<'t>> {
    let mut out: Vec<Mat<'t>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for o in outer {
        let bound = lookup(&o.binds, name).map(|b| cx.bound_text(b));
        let first = cx.named.partition_point(|n| n.start_byte() < o.start);
        for &n in &cx.named[first..] {
            if n.start_byte() >= o.end {
                break;
            }
            if n.end_byte() > o.end {
                continue;
            }
            let here = Bound {
                start: n.start_byte(),
                end: n.end_byte(),
                node: Some(n),
            };
            if let Some(text) = bound
                && cx.text(n).split_whitespace().ne(text.split_whitespace())
            {
                continue;
            }
            let mut binds: Binds<'t> = vec![(name.to_string(), here)];
            for (k, v) in &o.binds {
                if k != name {
                    binds.push((k.clone(), *v));
                }
            }
            let key: Vec<(usize, usize)> = binds.iter().map(|(_, b)| (b.start, b.end)).collect();
            if seen.insert(key) {
                out.push(Mat {
                    start: here.start,
                    end: here.end,
                    node: Some(n),
                    binds,
                });
            }
        }
    }
    out
}

fn regex_matches<'t>(re: &Regex, cx: &FileCtx<'t>) -> Vec<Mat<'t>> {
    let names: Vec<(usize, &str)> = re
        .capture_names()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n)))
        .collect();
    let mut out = Vec::new();
    for caps in re.captures_iter(cx.src) {
        let Some(whole) = caps.get(0) else { continue };
        if whole.start() == whole.end() {
            continue;
        }
        let mut binds = Vec::new();
        // Semgrep binds capture groups as `$1`, `$2`…, and named groups by name.
        for i in 1..caps.len() {
            if let Some(g) = caps.get(i) {
                binds.push((
                    format!("${i}"),
                    Bound {
                        start: g.start(),
                        end: g.end(),
                        node: None,
                    },
                ));
            }
        }
        for (i, n) in &names {
            if let Some(g) = caps.get(*i) {
                binds.push((
                    format!("${n}"),
                    Bound {
                        start: g.start(),
                        end: g.end(),
                        node: None,
                    },
                ));
            }
        }
        out.push(Mat {
            start: whole.start(),
            end: whole.end(),
            node: None,
            binds,
        });
    }
    out
}

fn apply<'t>(c: &Cond, cur: Vec<Mat<'t>>, cx: &FileCtx<'t>) -> Vec<Mat<'t>> {
    match c {
        Cond::Inside(f) => {
            let outer = eval(f, cx);
            cur.into_iter()
                .filter_map(|r| {
                    outer
                        .iter()
                        .find(|o| {
                            o.start <= r.start
                                && r.end <= o.end
                                && consistent(cx, &r.binds, &o.binds)
                        })
                        .map(|o| Mat {
                            binds: merge(&r.binds, &o.binds),
                            ..r
                        })
                })
                .collect()
        }
        Cond::NotInside(f) => {
            let outer = eval(f, cx);
            cur.into_iter()
                .filter(|r| {
                    !outer.iter().any(|o| {
                        o.start <= r.start && r.end <= o.end && consistent(cx, &r.binds, &o.binds)
                    })
                })
                .collect()
        }
        Cond::Not(f) => {
            let not = eval(f, cx);
            cur.into_iter()
                .filter(|r| {
                    !not.iter().any(|o| {
                        o.start == r.start && o.end == r.end && consistent(cx, &r.binds, &o.binds)
                    })
                })
                .collect()
        }
        Cond::NotRegex(re) => {
            let hits: Vec<(usize, usize)> =
                re.find_iter(cx.src).map(|m| (m.start(), m.end())).collect();
            cur.into_iter()
                .filter(|r| !hits.iter().any(|(s, e)| *s < r.end && r.start < *e))
                .collect()
        }
        Cond::MvRegex { mv, re } => cur
            .into_iter()
            .filter(|r| lookup(&r.binds, mv).is_some_and(|b| re.is_match(cx.bound_text(b))))
            .collect(),
        Cond::MvPattern { mv, formula } => {
            let inner = eval(formula, cx);
            cur.into_iter()
                .filter_map(|r| {
                    let b = *lookup(&r.binds, mv)?;
                    inner
                        .iter()
                        .find(|o| {
                            b.start <= o.start
                                && o.end <= b.end
                                && consistent(cx, &r.binds, &o.binds)
                        })
                        .map(|o| Mat {
                            binds: merge(&r.binds, &o.binds),
                            ..r
                        })
                })
                .collect()
        }
        Cond::MvCompare(expr) => cur
            .into_iter()
            .filter(|r| expr.holds(cx, &r.binds))
            .collect(),
        Cond::Focus(names) => cur
            .into_iter()
            .filter_map(|r| {
                let mut start = 0usize;
                let mut end = usize::MAX;
                let mut node = None;
                for n in names {
                    let b = lookup(&r.binds, n)?;
                    start = start.max(b.start);
                    end = end.min(b.end);
                    node = b.node;
                }
                (start < end).then_some(Mat {
                    start,
                    end,
                    node: if names.len() == 1 { node } else { None },
                    binds: r.binds,
                })
            })
            .collect(),
    }
}

/// Literals a file must contain for a formula to match anywhere in it: a conjunction of
/// alternatives (each inner list needs one member present). Empty means "no constraint".
pub fn required(f: &Formula) -> Vec<Vec<String>> {
    match f {
        Formula::Pattern(p) => {
            let mut words = Vec::new();
            pattern_words(p, &mut words);
            words
                .into_iter()
                .max_by_key(|w| w.len())
                .map(|w| vec![vec![w]])
                .unwrap_or_default()
        }
        Formula::Regex(_) => Vec::new(),
        Formula::Either(fs) | Formula::InsideEither(fs) => {
            let mut any = Vec::new();
            for f in fs {
                match required(f).into_iter().next() {
                    Some(c) => any.extend(c),
                    None => return Vec::new(),
                }
            }
            if any.is_empty() {
                Vec::new()
            } else {
                vec![any]
            }
        }
        Formula::All(pos, conds) => {
            let mut out: Vec<Vec<String>> = pos.iter().flat_map(required).collect();
            for c in conds {
                if let Cond::Inside(f) = c {
                    out.extend(required(f));
                }
            }
            out
        }
    }
}

/// Identifier and string words a pattern cannot match without. For dotted names only the
/// last segment counts (the others may be renamed by an import alias).
fn pattern_words(p: &PNode, out: &mut Vec<String>) {
    match p {
        PNode::Leaf { kind, text } if kind == "identifier" => out.push(text.clone()),
        PNode::Str(super::pattern::StrPat::Text(t))
            if t.len() >= 3
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-./:".contains(c)) =>
        {
            out.push(t.clone())
        }
        PNode::Node {
            dotted: Some(d), ..
        } if !d.rsplit('.').next().unwrap_or("$").starts_with('$') => {
            if let Some(last) = d.rsplit('.').next() {
                out.push(last.to_string());
            }
        }
        PNode::Node { children, .. } => children.iter().for_each(|c| pattern_words(c, out)),
        PNode::Seq(items) => items.iter().for_each(|c| pattern_words(c, out)),
        PNode::Deep(inner) => pattern_words(inner, out),
        _ => {}
    }
}
