//! `vigil test-rules DIR`: runs every rule in DIR against the test file beside it
//! (Semgrep's `ruleid:` / `ok:` annotations) and prints pass/fail per rule.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use vigil_rules::sast::testing::{render_test_report, test_rules_dir};

use super::{EXIT_FINDINGS, EXIT_OK};

/// Arguments of `vigil test-rules`.
#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Folder of rule files (`<id>.yml` with `<id>.py` / `.js` / `.ts` beside it).
    pub dir: PathBuf,
}

/// Exit 0 when every rule passes and loads, 1 otherwise.
pub fn run(args: TestRulesArgs) -> Result<i32> {
    if !args.dir.is_dir() {
        anyhow::bail!("{}: not a directory", args.dir.display());
    }
    let report = test_rules_dir(&args.dir);
    print!("{}", render_test_report(&report));
    Ok(if report.passed() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
