//! vigil: the CLI (and, as its issues land, the server, platform adapters, queue and store).
//! It wires the analyzers into `vigil_core::scan`; it never matches code itself.

pub mod cli;
pub mod registry;
