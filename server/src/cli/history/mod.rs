//! `debrief-ls report` (SPEC 9): every debrief `check` would find, read once, and the
//! history written as one self-contained HTML page, the same data as JSON, or a Markdown
//! summary for a pull request or a CI job.
//!
//! Not to be confused with `cli/report.rs`, the report of `check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use minijinja::value::{Serde, Value};
use minijinja::Environment;
use serde::Serialize;

use super::report::problems_to_stderr;

mod charts;
pub mod data;

use data::{Debrief, History, Spread, DURATIONS, SEVERITIES};

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page: a sortable table and charts, light and dark.
    Html,
    /// The page's data.
    Json,
    /// A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files or folders of debriefs (default: the current folder), found as `check` finds them.
    pub paths: Vec<PathBuf>,
    /// Write the report to this file (whole or not at all) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Use this configuration file instead of searching for debrief.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs `report`: exit 0, or 2 when a file could not be read or configured (the report
/// is still written, naming them) or the report could not be written.
pub fn run(args: ReportArgs) -> ExitCode {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    if paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("debrief-ls: report reads files and folders, not stdin");
        return ExitCode::from(2);
    }
    let (debriefs, problems) = super::check::each_debrief(&paths, args.config.as_deref(), |f| {
        f.metrics.as_ref().map(|m| data::debrief(&f.path, &f.text, m))
    });
    let history = data::history(debriefs.into_iter().flatten().collect(), &problems);
    let written = render(&history, args.format).and_then(|text| write(args.output.as_deref(), &text));
    let _ = problems_to_stderr(&problems);
    if let Err(e) = written {
        eprintln!("debrief-ls: {e}");
        return ExitCode::from(2);
    }
    ExitCode::from(if problems.is_empty() { 0 } else { 2 })
}

/// The report in `format`.
pub fn render(h: &History, format: ReportFormat) -> Result<String, String> {
    match format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(h).map_err(|e| format!("cannot print the report: {e}"))?;
            text.push('\n');
            Ok(text)
        }
        ReportFormat::Html => template("report.html", h),
        ReportFormat::Markdown => template("report.md", h),
    }
}

/// A row of the debriefs' table, as the templates show it.
#[derive(Serialize)]
struct Row<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    severity: &'static str,
    /// SEV1 first, unknown last.
    severity_rank: usize,
    minutes: Vec<Cell>,
    followups: usize,
    budget: u32,
    /// Follow-ups over budget (negative: under), to sort by.
    over: i64,
    findings: usize,
    /// Findings per family, in words, for a tooltip.
    families: String,
}

/// A duration in a table.
#[derive(Serialize)]
struct Cell {
    value: Option<i64>,
    text: String,
}

/// A spread in a table.
#[derive(Serialize)]
struct SpreadRow<'a> {
    label: String,
    severity: &'a str,
    n: usize,
    q1: String,
    median: String,
    q3: String,
    min: String,
    max: String,
}

fn label(duration: &str) -> String {
    duration.replace('_', " ")
}

fn row(d: &Debrief) -> Row<'_> {
    let severity = data::severity_of(d);
    Row {
        path: &d.path,
        title: &d.title,
        date: d.date.as_deref(),
        severity,
        severity_rank: SEVERITIES.iter().position(|&s| s == severity).unwrap_or(SEVERITIES.len()),
        minutes: DURATIONS
            .iter()
            .map(|k| {
                let value = data::minutes_of(d, k);
                Cell { value, text: charts::minutes(value.map(|v| v as f64)) }
            })
            .collect(),
        followups: d.metrics.followups.count,
        budget: d.metrics.followups.budget,
        over: d.metrics.followups.count as i64 - i64::from(d.metrics.followups.budget),
        findings: d.findings_total,
        families: d
            .metrics
            .findings
            .0
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| format!("{f}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn spread_row(s: &Spread) -> SpreadRow<'_> {
    SpreadRow {
        label: label(s.duration),
        severity: s.severity,
        n: s.n,
        q1: charts::minutes(s.q1),
        median: charts::minutes(s.median),
        q3: charts::minutes(s.q3),
        min: charts::minutes(s.values.first().map(|&v| v as f64)),
        max: charts::minutes(s.values.last().map(|&v| v as f64)),
    }
}

/// The summary's medians, in words.
#[derive(Serialize)]
struct SummaryDuration {
    label: String,
    n: usize,
    q1_text: String,
    median_text: String,
    q3_text: String,
}

/// How many debriefs the Markdown summary lists (a job summary holds at most 1 MiB).
const MARKDOWN_ROWS: usize = 50;

fn template(name: &str, h: &History) -> Result<String, String> {
    let mut env = Environment::new();
    env.add_template("report.html", include_str!("templates/report.html")).map_err(template_error)?;
    env.add_template("report.md", include_str!("templates/report.md")).map_err(template_error)?;
    env.add_filter("md", markdown_cell);
    let rows: Vec<Row<'_>> = h.debriefs.iter().map(row).collect();
    let spreads: Vec<SpreadRow<'_>> = h.charts.durations.iter().map(spread_row).collect();
    let summary: Vec<SummaryDuration> = h
        .summary
        .durations
        .iter()
        .map(|s| SummaryDuration {
            label: label(s.duration),
            n: s.n,
            q1_text: charts::minutes(s.q1),
            median_text: charts::minutes(s.median),
            q3_text: charts::minutes(s.q3),
        })
        .collect();
    // The page draws the charts; the summary has none.
    let charts = (name == "report.html").then(|| charts::charts(h));
    #[derive(Serialize)]
    struct Page<'a> {
        h: &'a History,
        rows: Vec<Row<'a>>,
        spreads: Vec<SpreadRow<'a>>,
        summary: Vec<SummaryDuration>,
        charts: Option<charts::Charts>,
        severities: [&'static str; 6],
        limit: usize,
    }
    let page = Page { h, rows, spreads, summary, charts, severities: SEVERITIES, limit: MARKDOWN_ROWS };
    let mut text = env.get_template(name).and_then(|t| t.render(Value::from(Serde(&page)))).map_err(template_error)?;
    // Templates drop their last line break.
    text.push('\n');
    Ok(text)
}

fn template_error(e: minijinja::Error) -> String {
    format!("cannot write the report: {e}")
}

/// Text safe in a Markdown table cell: `|` escaped, lines joined, markup characters that
/// would start a link or an image escaped.
fn markdown_cell(s: String) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '[' | ']' | '<' | '>' | '*' | '_' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Gives the new report the old one's permissions, or a new file's usual ones (a temporary
/// file is readable by its owner alone, and a report is for sharing).
fn keep_permissions(tmp: &std::fs::File, path: &Path) {
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        #[cfg(unix)]
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o644),
        #[cfg(not(unix))]
        Err(_) => return,
    };
    let _ = tmp.set_permissions(permissions);
}

/// Writes `text` to `output`, through a temporary file in its folder renamed over it so
/// that no half-written report is ever left; stdout without `output`.
fn write(output: Option<&Path>, text: &str) -> Result<(), String> {
    let Some(path) = output else {
        let mut out = std::io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the report: {e}")),
            _ => Ok(()),
        };
    };
    let shown = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".debrief-report-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("{shown}: cannot write the report: {}", super::check::io_message(&e)))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown}: cannot write the report: {}", super::check::io_message(&e)))?;
    keep_permissions(tmp.as_file(), path);
    tmp.persist(path)
        .map_err(|e| format!("{shown}: cannot write the report: {}", super::check::io_message(&e.error)))?;
    Ok(())
}
