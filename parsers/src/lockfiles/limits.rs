//! Nesting guards run before parsers that are slow or recursive on deep input: libyaml
//! (behind serde_norway) slows down quadratically with flow-collection depth, and roxmltree
//! has no depth limit. Real lockfiles and POMs nest a handful of levels; hostile ones are
//! rejected here in one linear pass.

/// Deepest YAML flow nesting (`[`/`{`) or XML element nesting accepted.
pub const MAX_DEPTH: usize = 256;

/// Whether a token may start right after byte `prev` (YAML quoted scalars start a token).
fn token_boundary(prev: Option<u8>) -> bool {
    prev.is_none_or(|p| {
        matches!(
            p,
            b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'[' | b'{' | b'-'
        )
    })
}

/// Maximum nesting of YAML flow collections, outside quoted scalars and comments.
/// Stops counting (returning the depth reached) as soon as `limit` is passed.
pub fn yaml_flow_depth(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        match b {
            b'#' if prev.is_none_or(|p| p.is_ascii_whitespace()) => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' if token_boundary(prev) => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    if b == b'"' && bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                if max > limit {
                    return max;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

/// Maximum element nesting of an XML document (comments, CDATA, processing instructions
/// and quoted attribute values skipped). Stops once `limit` is passed.
pub fn xml_depth(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    let skip_to = |from: usize, end: &[u8]| -> usize {
        bytes[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(bytes.len(), |p| from + p + end.len())
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else {
            let mut j = i + 1;
            let mut quote: Option<u8> = None;
            while j < bytes.len() {
                let c = bytes[j];
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None if c == b'>' => break,
                    None => {}
                }
                j += 1;
            }
            if j >= bytes.len() || bytes[j - 1] != b'/' {
                depth += 1;
                max = max.max(depth);
                if max > limit {
                    return max;
                }
            }
            i = j + 1;
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_depth_ignores_quotes_and_comments() {
        assert_eq!(yaml_flow_depth("a: {b: [1, {c: 2}]}\n", 10), 3);
        assert_eq!(yaml_flow_depth("a: '[[[['\nb: \"{{\\\"{\" # [[[\n", 10), 0);
        assert_eq!(yaml_flow_depth("it's: [x]\n", 10), 1);
        assert_eq!(yaml_flow_depth(&"[".repeat(1000), 5), 6);
    }

    #[test]
    fn xml_depth_counts_elements() {
        let xml =
            "<?xml version=\"1.0\"?><!-- <a><b> --><p a=\"x>y\"><q/><r><![CDATA[<s>]]></r></p>";
        assert_eq!(xml_depth(xml, 10), 2);
        assert_eq!(xml_depth(&"<a>".repeat(1000), 256), 257);
    }
}
