//! Tree-sitter parsing of Python, JavaScript (JSX) and TypeScript (TSX): one tree per file, shared by every SAST rule.
