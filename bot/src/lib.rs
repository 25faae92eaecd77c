//! vigil: the CLI and the bot. The bot receives webhooks (`server`), stores jobs
//! (`queue`, `store`), fetches code (`checkout`), runs the same `vigil_core::scan` as the
//! CLI (`worker`), and reports through a platform-neutral interface (`platform`, `report`).
//! It wires the analyzers into `vigil_core::scan`; it never matches code itself.

pub mod app;
pub mod checkout;
pub mod cli;
pub mod config;
pub mod metrics;
pub mod platform;
pub mod queue;
pub mod registry;
pub mod report;
pub mod server;
pub mod store;
pub mod worker;
