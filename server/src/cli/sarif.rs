//! `check --format sarif`: SARIF 2.1.0 with rule metadata in the driver, columns in
//! Unicode code points.

use std::io;
use std::sync::LazyLock;

use debrief_core::{Applicability, LineCounter, Severity};
use serde::Serialize;
use serde_json::{json, Value};

use super::frame::{Frame, INNER};
use super::metrics::MetricsOut;
use super::report::{problems_to_stderr, write_out, Emitter, FileResult, Report};

/// The SARIF format: the log on stdout, problems both in it (as notifications) and on
/// stderr.
pub struct Sarif;

impl Emitter for Sarif {
    fn file(&self, file: &FileResult) -> Vec<String> {
        sarif_results(file, &RESULT_FRAME)
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        let results: Vec<&str> = report.items().collect();
        write_out(&sarif_frame(report).around(&results))?;
        problems_to_stderr(report.problems)
    }

    fn prints_metrics(&self) -> bool {
        true
    }

    fn metrics_item(&self, file: &FileResult) -> Option<String> {
        let metrics = MetricsOut::new(file.metrics.as_ref()?, &file.text);
        Some(METRICS_FRAME.item(&FileMetrics { metrics, uri: uri(&file.path) }))
    }
}

/// Where the log's results stand: what they are printed for, the frame of a log with no
/// problems (a test holds every log's frame to it).
static RESULT_FRAME: LazyLock<Frame> =
    LazyLock::new(|| sarif_frame(&Report { files: &[], problems: &[], diff_mode: false }));

/// Where the debriefs' metrics stand in the run's property bag (see [`FileMetrics`]).
static METRICS_FRAME: LazyLock<Frame> = LazyLock::new(|| {
    let doc = Frame::new(sarif_doc(&Report { files: &[], problems: &[], diff_mode: false }), "/runs/0/results");
    doc.inner().expect("the run's properties hold the metrics")
});

/// One debrief's metrics (SPEC 8) in `runs[0].properties.metrics`: a debrief with no
/// finding has no result to carry them.
#[derive(Serialize)]
struct FileMetrics {
    metrics: MetricsOut,
    uri: String,
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/`-separated, reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF report around its results, the debriefs' metrics in place.
fn sarif_frame(report: &Report<'_>) -> Frame {
    let metrics: Vec<&str> = report.files.iter().filter_map(|f| f.metrics.as_deref()).collect();
    Frame::new(sarif_doc(report), "/runs/0/results").with_inner(&metrics)
}

/// The SARIF report, its results and metrics to be filled.
fn sarif_doc(report: &Report<'_>) -> Value {
    let rules = debrief_core::rules::REGISTRY;
    let rule_meta: Vec<Value> = rules
        .iter()
        .map(|r| {
            let m = &r.meta;
            let level = m.default_level.severity().map_or("none", sarif_level);
            json!({
                "id": m.id,
                "name": m.id.split('-').map(debrief_core::rules::capitalise).collect::<String>(),
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": format!("{} {}", m.docs.what, m.docs.why)},
                "help": {"text": m.docs.reframe, "markdown": debrief_core::rules::render_docs(r)},
                "helpUri": debrief_core::rules::docs_url(m.id),
                "defaultConfiguration": {"enabled": level != "none", "level": if level == "none" { "note" } else { level }},
            })
        })
        .collect();
    let notifications: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            let mut n = json!({"level": "error", "message": {"text": p.message}});
            let mut physical = json!({"artifactLocation": {"uri": uri(&p.path)}});
            if let Some(line) = p.line {
                physical["region"] = json!({"startLine": line, "startColumn": p.column.unwrap_or(1)});
            }
            n["locations"] = json!([{"physicalLocation": physical}]);
            n
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "debrief-ls",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/debrief-ls/debrief-ls",
                "rules": rule_meta,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": report.problems.is_empty(), "toolExecutionNotifications": notifications}],
            "properties": {"metrics": INNER},
            "results": [],
        }],
    })
}

/// A result (SARIF 3.27). Members are in alphabetical order, the key order the report
/// has always had.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'a str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

/// A location; a related one has its id and message.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

/// 1-based lines and columns (Unicode code points).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

fn text(s: &str) -> Text<'_> {
    Text { text: s.into() }
}

/// One file's SARIF results, each printed to stand in the log's `results` (see
/// [`Frame::item`]).
fn sarif_results(f: &FileResult, frame: &Frame) -> Vec<String> {
    let mut lines = LineCounter::new(&f.text);
    let uri = uri(&f.path);
    let mut region = |r: &std::ops::Range<usize>| {
        let (start, end) = (lines.line_col(r.start), lines.line_col(r.end));
        Region { end_column: end.column, end_line: end.line, start_column: start.column, start_line: start.line }
    };
    let mut results = Vec::with_capacity(f.diagnostics.len());
    for d in &f.diagnostics {
        let fixes = d
            .fixes
            .iter()
            .map(|fix| {
                let replacements = fix
                    .edits
                    .iter()
                    .map(|e| Replacement { deleted_region: region(&e.range), inserted_content: text(&e.new_text) })
                    .collect();
                let description = match fix.applicability {
                    Applicability::Safe => text(&fix.title),
                    _ => Text { text: format!("{} (unsafe: changes meaning)", fix.title).into() },
                };
                SarifFix {
                    artifact_changes: [ArtifactChange {
                        artifact_location: ArtifactLocation { uri: &uri },
                        replacements,
                    }],
                    description,
                }
            })
            .collect();
        let mut location = |r: &std::ops::Range<usize>, related: Option<(usize, &'_ str)>| Location {
            id: related.map(|(id, _)| id),
            message: related.map(|(_, message)| Text { text: message.to_string().into() }),
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: &uri },
                region: region(r),
            },
        };
        let related_locations =
            d.related.iter().enumerate().map(|(i, r)| location(&r.range, Some((i, &r.message)))).collect();
        let result = SarifResult {
            fixes,
            level: sarif_level(d.severity),
            locations: [location(&d.range, None)],
            message: text(&d.message),
            related_locations,
            rule_id: d.rule,
            rule_index: debrief_core::rules::index_of(d.rule).unwrap_or(0),
        };
        results.push(frame.item(&result));
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::report::{tests::corpus_results, Problem};
    use debrief_core::LineIndex;

    #[test]
    fn results_stand_as_deep_as_the_log_holds_them() {
        let problems = [Problem { path: "a.md".into(), line: Some(1), column: None, message: "cannot read".into() }];
        for problems in [&problems[..], &[]] {
            let report = Report { files: &[], problems, diff_mode: false };
            assert_eq!(sarif_frame(&report).depth(), RESULT_FRAME.depth());
        }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("post mortems/2026 #1.md"), "post%20mortems/2026%20%231.md");
    }

    /// Each corpus file's results are what `serde_json` prints for the same values,
    /// placed with the line index.
    #[test]
    fn results_print_as_serde_json_prints_them() {
        let mut related = 0;
        for f in corpus_results() {
            let index = LineIndex::new(&f.text);
            let sarif_frame = Frame::new(json!({"runs": [{"results": []}]}), "/runs/0/results");
            let uri = uri(&f.path);
            let region = |r: &std::ops::Range<usize>| {
                let (s, e) = (index.line_col(&f.text, r.start), index.line_col(&f.text, r.end));
                json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
            };
            let location = |r: &std::ops::Range<usize>| json!({"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(r)}});
            let expected: Vec<String> = f
                .diagnostics
                .iter()
                .map(|d| {
                    let mut result = json!({
                        "level": sarif_level(d.severity),
                        "locations": [location(&d.range)],
                        "message": {"text": d.message},
                        "ruleId": d.rule,
                        "ruleIndex": debrief_core::rules::index_of(d.rule).unwrap_or(0),
                    });
                    if !d.fixes.is_empty() {
                        result["fixes"] = d
                            .fixes
                            .iter()
                            .map(|x| {
                                let replacements: Vec<Value> = x
                                    .edits
                                    .iter()
                                    .map(|e| json!({"deletedRegion": region(&e.range), "insertedContent": {"text": e.new_text}}))
                                    .collect();
                                let description = match x.applicability {
                                    Applicability::Safe => x.title.clone(),
                                    _ => format!("{} (unsafe: changes meaning)", x.title),
                                };
                                json!({
                                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                                    "description": {"text": description},
                                })
                            })
                            .collect();
                    }
                    if !d.related.is_empty() {
                        result["relatedLocations"] = d
                            .related
                            .iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let mut l = location(&r.range);
                                l["id"] = json!(i);
                                l["message"] = json!({"text": r.message});
                                l
                            })
                            .collect();
                        related += 1;
                    }
                    sarif_frame.item(&result)
                })
                .collect();
            assert_eq!(sarif_results(&f, &RESULT_FRAME), expected, "{}", f.path);
        }
        assert!(related > 0, "results with related places: {related}");
    }
}
