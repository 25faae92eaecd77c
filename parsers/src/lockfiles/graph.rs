//! Scope from the dependency graph, for lockfiles that record edges but no dev flag
//! (pnpm v9, yarn, uv, poetry 1.5+): a package reachable from the project's runtime
//! dependencies is runtime, one reachable only from its dev dependencies is dev.

use super::Scope;

/// Scope of each of `n` nodes given `edges[i]` (the nodes node `i` depends on) and the
/// project's runtime and dev roots. Nodes reachable from neither are [`Scope::Unknown`].
/// Iterative breadth-first walks: linear in nodes + edges, no recursion.
pub fn scopes(n: usize, edges: &[Vec<usize>], runtime: &[usize], dev: &[usize]) -> Vec<Scope> {
    let runtime_seen = reach(n, edges, runtime);
    let dev_seen = reach(n, edges, dev);
    (0..n)
        .map(|i| {
            if runtime_seen[i] {
                Scope::Runtime
            } else if dev_seen[i] {
                Scope::Dev
            } else {
                Scope::Unknown
            }
        })
        .collect()
}

fn reach(n: usize, edges: &[Vec<usize>], roots: &[usize]) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut queue: Vec<usize> = roots.iter().copied().filter(|r| *r < n).collect();
    for r in &queue {
        seen[*r] = true;
    }
    while let Some(node) = queue.pop() {
        for next in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            if *next < n && !seen[*next] {
                seen[*next] = true;
                queue.push(*next);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_wins_over_dev_and_unreached_is_unknown() {
        // 0 -> 1 -> 2 ; 3 -> 2 ; 3 -> 4 ; 5 alone ; cycle 1 <-> 2
        let edges = vec![vec![1], vec![2], vec![1], vec![2, 4], vec![], vec![]];
        let s = scopes(6, &edges, &[0], &[3]);
        assert_eq!(
            s,
            vec![
                Scope::Runtime,
                Scope::Runtime,
                Scope::Runtime,
                Scope::Dev,
                Scope::Dev,
                Scope::Unknown
            ]
        );
    }
}
