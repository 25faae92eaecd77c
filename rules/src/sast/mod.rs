//! The SAST engine: Semgrep-format rules (patterns, taint) over tree-sitter trees.
