//! Output formats for a scan report: text for people, JSON/SARIF/CSV for machines.
//!
//! Every format renders the same [`ScanReport`]; which findings are shown (suppressed or
//! not) is decided once, by the caller, through [`RenderOptions`].

mod csv;
mod json;
mod sarif;
mod text;

use std::str::FromStr;

use crate::finding::{Finding, Status};
use crate::scan::ScanReport;

pub use csv::render_csv;
pub use json::{JSON_SCHEMA_VERSION, render_json};
pub use sarif::render_sarif;
pub use text::render_text;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Csv,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "csv" => Ok(Format::Csv),
            other => Err(format!("unknown format `{other}` (text, json, sarif, csv)")),
        }
    }
}

/// Choices that apply to every format.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Include SUPPRESSED findings (they are always kept, only hidden by default).
    pub show_suppressed: bool,
    /// ANSI colours (text only; the caller decides from whether the sink is a TTY).
    pub color: bool,
}

impl RenderOptions {
    /// Findings this render shows.
    pub fn visible<'a>(&self, report: &'a ScanReport) -> Vec<&'a Finding> {
        report
            .findings
            .iter()
            .filter(|f| self.show_suppressed || f.status != Status::Suppressed)
            .collect()
    }
}

/// Renders `report` in `format`.
pub fn render(report: &ScanReport, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Text => render_text(report, opts),
        Format::Json => render_json(report, opts),
        Format::Sarif => render_sarif(report, opts),
        Format::Csv => render_csv(report, opts),
    }
}

#[cfg(test)]
pub(crate) mod testdata;
