//! `check --format sarif`: SARIF 2.1.0 with rule metadata in the driver, columns in
//! Unicode code points.

use std::io;

use debrief_core::{Applicability, LineCounter, Severity};
use serde_json::{json, Value};

use super::frame::Frame;
use super::pretty::Pretty;
use super::report::{problems_to_stderr, write_out, Emitter, FileResult, Report};

/// The SARIF format: the log on stdout, problems both in it (as notifications) and on
/// stderr.
pub struct Sarif;

impl Emitter for Sarif {
    fn file(&self, file: &FileResult) -> Vec<String> {
        sarif_results(file, SARIF_DEPTH)
    }

    fn write(&self, report: &Report<'_>) -> io::Result<()> {
        let results: Vec<&str> = report.items().collect();
        write_out(&sarif_frame(report).around(&results))?;
        problems_to_stderr(report.problems)
    }
}

/// How many levels in the log's results stand (held to its frame by a test).
const SARIF_DEPTH: usize = 4;

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

/// The SARIF report around its results.
fn sarif_frame(report: &Report<'_>) -> Frame {
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
    let doc = json!({
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
            "results": [],
        }],
    });
    Frame::new(doc, "/runs/0/results")
}

/// One file's SARIF results, each printed as pretty JSON to stand `depth` levels in.
/// Members are in alphabetical order, the key order the report has always had.
fn sarif_results(f: &FileResult, depth: usize) -> Vec<String> {
    let mut lines = LineCounter::new(&f.text);
    let uri = uri(&f.path);
    let mut results = Vec::with_capacity(f.diagnostics.len());
    for d in &f.diagnostics {
        let mut p = Pretty::new(depth, 1024);
        p.open('{');
        if !d.fixes.is_empty() {
            p.key("fixes");
            p.open('[');
            for fix in &d.fixes {
                p.item();
                p.open('{');
                p.key("artifactChanges");
                p.open('[');
                p.item();
                p.open('{');
                p.key("artifactLocation");
                sarif_artifact(&mut p, &uri);
                p.key("replacements");
                p.open('[');
                for e in &fix.edits {
                    p.item();
                    p.open('{');
                    p.key("deletedRegion");
                    sarif_region(&mut p, &mut lines, &e.range);
                    p.key("insertedContent");
                    sarif_text(&mut p, &e.new_text);
                    p.close('}');
                }
                p.close(']');
                p.close('}');
                p.close(']');
                p.key("description");
                match fix.applicability {
                    Applicability::Safe => sarif_text(&mut p, &fix.title),
                    _ => sarif_text(&mut p, &format!("{} (unsafe: changes meaning)", fix.title)),
                }
                p.close('}');
            }
            p.close(']');
        }
        p.key("level");
        p.string(sarif_level(d.severity));
        p.key("locations");
        p.open('[');
        p.item();
        sarif_location(&mut p, &mut lines, &uri, &d.range, None);
        p.close(']');
        p.key("message");
        sarif_text(&mut p, &d.message);
        if !d.related.is_empty() {
            p.key("relatedLocations");
            p.open('[');
            for (i, r) in d.related.iter().enumerate() {
                p.item();
                sarif_location(&mut p, &mut lines, &uri, &r.range, Some((i, &r.message)));
            }
            p.close(']');
        }
        p.key("ruleId");
        p.string(d.rule);
        p.key("ruleIndex");
        p.number(debrief_core::rules::index_of(d.rule).unwrap_or(0));
        p.close('}');
        results.push(p.into_string());
    }
    results
}

/// A SARIF location in the file at `uri`, with its id and message when it is a related one.
fn sarif_location(
    p: &mut Pretty,
    lines: &mut LineCounter<'_>,
    uri: &str,
    range: &std::ops::Range<usize>,
    related: Option<(usize, &str)>,
) {
    p.open('{');
    if let Some((id, message)) = related {
        p.key("id");
        p.number(id);
        p.key("message");
        sarif_text(p, message);
    }
    p.key("physicalLocation");
    p.open('{');
    p.key("artifactLocation");
    sarif_artifact(p, uri);
    p.key("region");
    sarif_region(p, lines, range);
    p.close('}');
    p.close('}');
}

fn sarif_artifact(p: &mut Pretty, uri: &str) {
    p.open('{');
    p.key("uri");
    p.string(uri);
    p.close('}');
}

fn sarif_region(p: &mut Pretty, lines: &mut LineCounter<'_>, range: &std::ops::Range<usize>) {
    let (start, end) = (lines.line_col(range.start), lines.line_col(range.end));
    p.open('{');
    p.key("endColumn");
    p.number(end.column);
    p.key("endLine");
    p.number(end.line);
    p.key("startColumn");
    p.number(start.column);
    p.key("startLine");
    p.number(start.line);
    p.close('}');
}

fn sarif_text(p: &mut Pretty, text: &str) {
    p.open('{');
    p.key("text");
    p.string(text);
    p.close('}');
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
            assert_eq!(sarif_frame(&report).depth(), SARIF_DEPTH);
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
            assert_eq!(sarif_results(&f, sarif_frame.depth()), expected, "{}", f.path);
        }
        assert!(related > 0, "results with related places: {related}");
    }
}
