//! `metavariable-comparison`: a small expression language over bound values —
//! numbers, strings, `$X`, `int(...)`/`str(...)`, `+ - * / %`, comparisons, `and`/`or`/`not`.

use super::formula::lookup;
use super::matcher::{Binds, FileCtx};
use super::pattern::{is_mv_name, string_content};

/// A parsed comparison expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Str(String),
    Mv(String),
    Call(String, Box<Expr>),
    Not(Box<Expr>),
    Bin(Box<Expr>, String, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(f64),
    Str(String),
    Bool(bool),
}

const MAX_TOKENS: usize = 200;

fn tokenize(s: &str) -> Result<Vec<String>, String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c {
                i += 1;
            }
            if i >= b.len() {
                return Err("unterminated string".into());
            }
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.' {
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] == b'.')
            {
                i += 1;
            }
        } else if i + 1 < b.len() && matches!(&b[i..i + 2], b"<=" | b">=" | b"==" | b"!=") {
            i += 2;
        } else if b"<>+-*/%()".contains(&c) {
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or('?');
            return Err(format!("unexpected character `{ch}`"));
        }
        out.push(s[start..i].to_string());
        if out.len() > MAX_TOKENS {
            return Err("comparison too long".into());
        }
    }
    Ok(out)
}

struct P {
    toks: Vec<String>,
    pos: usize,
}

impl P {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(|s| s.as_str())
    }
    fn next(&mut self) -> Option<String> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: [&[&str]; 5] = [
            &["or"],
            &["and"],
            &["<", "<=", ">", ">=", "==", "!="],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Some(op) = self
            .peek()
            .filter(|t| LEVELS[level].contains(t))
            .map(str::to_string)
        {
            self.pos += 1;
            let rhs = self.binary(level + 1)?;
            lhs = Expr::Bin(Box::new(lhs), op, Box::new(rhs));
        }
        Ok(lhs)
    }
    fn unary(&mut self) -> Result<Expr, String> {
        let t = self.next().ok_or("unexpected end of comparison")?;
        match t.as_str() {
            "not" => Ok(Expr::Not(Box::new(self.unary()?))),
            "-" => Ok(Expr::Bin(
                Box::new(Expr::Num(0.0)),
                "-".into(),
                Box::new(self.unary()?),
            )),
            "(" => {
                let e = self.binary(0)?;
                if self.next().as_deref() != Some(")") {
                    return Err("missing `)`".into());
                }
                Ok(e)
            }
            _ if t.starts_with('"') || t.starts_with('\'') => {
                Ok(Expr::Str(t[1..t.len() - 1].to_string()))
            }
            _ if is_mv_name(&t) => Ok(Expr::Mv(t)),
            "True" | "true" => Ok(Expr::Num(1.0)),
            "False" | "false" => Ok(Expr::Num(0.0)),
            "int" | "str" | "float" => {
                if self.next().as_deref() != Some("(") {
                    return Err(format!("`{t}` must be followed by `(`"));
                }
                let e = self.binary(0)?;
                if self.next().as_deref() != Some(")") {
                    return Err("missing `)`".into());
                }
                Ok(Expr::Call(t, Box::new(e)))
            }
            _ => parse_num(&t)
                .map(Expr::Num)
                .ok_or_else(|| format!("unsupported token `{t}` in comparison")),
        }
    }
}

/// Python/JS number literal text → value (`0x1F`, `0o17`, `1_000`, `1.5`).
fn parse_num(t: &str) -> Option<f64> {
    let t = t.replace('_', "");
    let t = t.trim_end_matches(['n', 'L', 'l']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(h, 16).ok().map(|v| v as f64);
    }
    if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        return i64::from_str_radix(o, 8).ok().map(|v| v as f64);
    }
    if let Some(bits) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        return i64::from_str_radix(bits, 2).ok().map(|v| v as f64);
    }
    t.parse::<f64>().ok()
}

impl Expr {
    /// Parses a `comparison:` string.
    pub fn parse(s: &str) -> Result<Expr, String> {
        let mut p = P {
            toks: tokenize(s)?,
            pos: 0,
        };
        let e = p.binary(0)?;
        if p.pos != p.toks.len() {
            return Err(format!("unexpected `{}` in comparison", p.toks[p.pos]));
        }
        Ok(e)
    }

    /// True when the comparison holds for these bindings (unbound or ill-typed: false).
    pub fn holds(&self, cx: &FileCtx<'_>, b: &Binds<'_>) -> bool {
        matches!(self.eval(cx, b), Some(Val::Bool(true)))
            || matches!(self.eval(cx, b), Some(Val::Num(n)) if n != 0.0)
    }

    fn eval(&self, cx: &FileCtx<'_>, b: &Binds<'_>) -> Option<Val> {
        Some(match self {
            Expr::Num(n) => Val::Num(*n),
            Expr::Str(s) => Val::Str(s.clone()),
            Expr::Mv(name) => {
                let text = cx.bound_text(lookup(b, name)?).trim();
                match parse_num(text) {
                    Some(n) => Val::Num(n),
                    None => Val::Str(string_content(text).to_string()),
                }
            }
            Expr::Call(f, e) => {
                let v = e.eval(cx, b)?;
                match (f.as_str(), v) {
                    ("int" | "float", Val::Num(n)) => {
                        Val::Num(if f == "int" { n.trunc() } else { n })
                    }
                    ("int" | "float", Val::Str(s)) => Val::Num(parse_num(s.trim())?),
                    ("str", Val::Num(n)) => Val::Str(n.to_string()),
                    ("str", v) => v,
                    _ => return None,
                }
            }
            Expr::Not(e) => Val::Bool(!e.holds(cx, b)),
            Expr::Bin(l, op, r) => {
                if op == "and" {
                    return Some(Val::Bool(l.holds(cx, b) && r.holds(cx, b)));
                }
                if op == "or" {
                    return Some(Val::Bool(l.holds(cx, b) || r.holds(cx, b)));
                }
                let (l, r) = (l.eval(cx, b)?, r.eval(cx, b)?);
                match (l, r) {
                    (Val::Num(x), Val::Num(y)) => match op.as_str() {
                        "+" => Val::Num(x + y),
                        "-" => Val::Num(x - y),
                        "*" => Val::Num(x * y),
                        "/" if y != 0.0 => Val::Num(x / y),
                        "%" if y != 0.0 => Val::Num(x % y),
                        "<" => Val::Bool(x < y),
                        "<=" => Val::Bool(x <= y),
                        ">" => Val::Bool(x > y),
                        ">=" => Val::Bool(x >= y),
                        "==" => Val::Bool(x == y),
                        "!=" => Val::Bool(x != y),
                        _ => return None,
                    },
                    (Val::Str(x), Val::Str(y)) => match op.as_str() {
                        "+" => Val::Str(x + &y),
                        "<" => Val::Bool(x < y),
                        "<=" => Val::Bool(x <= y),
                        ">" => Val::Bool(x > y),
                        ">=" => Val::Bool(x >= y),
                        "==" => Val::Bool(x == y),
                        "!=" => Val::Bool(x != y),
                        _ => return None,
                    },
                    (x, y) => match op.as_str() {
                        "==" => Val::Bool(x == y),
                        "!=" => Val::Bool(x != y),
                        _ => return None,
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert!(Expr::parse("$X > 1024 and int($Y) != 0").is_ok());
        assert!(Expr::parse("$X < 0x10 or not ($Y == 'a')").is_ok());
        assert!(Expr::parse("$X ~ 3").is_err());
        assert!(Expr::parse("re.match('a', $X)").is_err());
        assert!(Expr::parse("$X <é").is_err());
        assert!(Expr::parse("$X == 'é'").is_ok());
        assert_eq!(parse_num("0x1F"), Some(31.0));
        assert_eq!(parse_num("1_000"), Some(1000.0));
    }
}
