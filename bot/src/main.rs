//! The `vigil` binary: everything lives in the library so tests can reach it.

fn main() {
    std::process::exit(vigil::cli::main());
}
