//! Analyzer-level behaviour: locations, suppressions, diagnostics, fixtures.
