//! vigil-parsers: bytes to structure, with line spans. One module per kind of input:
//! `code` (tree-sitter trees for Python, JavaScript, TypeScript), `lockfiles` (package
//! manifests and lockfiles → packages) and `iac` (CloudFormation and Terraform → one
//! resource model).

pub mod code;
pub mod iac;
pub mod lockfiles;
