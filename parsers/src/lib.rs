//! vigil-parsers: bytes to structure, with line spans. Each format lives in its own module:
//! `lockfiles` (package manifests and lockfiles → packages). Tree-sitter code parsing and
//! the IaC resource model join as their issues land (see the README's status table).

pub mod lockfiles;
