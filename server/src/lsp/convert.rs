//! The core's findings as LSP diagnostics. Their fixes stay in the analysis, and are
//! converted when a code action asks for them: each diagnostic carries in `data` which
//! finding of which analysis it is (see [`FindingId`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use debrief_core::{rules, Severity};
use tower_lsp::lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url,
};

use super::position::Positions;

/// What the server calls itself in `Diagnostic.source`.
pub const SOURCE: &str = "debrief-ls";

/// What a diagnostic carries in `data`: which finding it is, of the analysis of which
/// version under which configuration. A code action finds the finding's fixes by it,
/// rather than by matching ranges, which some clients send back in their own columns
/// (Neovim 0.7 in bytes, whatever was negotiated). An analysis of the same version and
/// configuration finds the same findings in the same order, so the id holds across
/// analyses of one version (a push and a pull).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FindingId {
    /// The document version analysed.
    pub version: i32,
    /// The configuration's generation (see `config::Loaded`).
    pub generation: u64,
    /// The finding's place among the analysis's findings.
    pub index: usize,
}

impl FindingId {
    /// The id a diagnostic the client sent back carries, if it is one of ours that
    /// kept its `data`.
    pub fn of(d: &lsp::Diagnostic) -> Option<FindingId> {
        rule_of(d)?;
        serde_json::from_value(d.data.clone()?).ok()
    }
}

/// The LSP severity of a finding.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts one finding of the document at `uri`, placed by `positions`; its fixes are
/// left to code actions, which find them by `id`.
pub fn diagnostic(
    uri: &Url,
    positions: &Positions<'_>,
    d: &debrief_core::Diagnostic,
    id: FindingId,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), positions.range(&r.range)),
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: positions.range(&d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: docs_link(d.rule),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::to_value(id).expect("an id serialises")),
    }
}

/// The JSON of `findings`, those of the analysis of `version` under configuration
/// `generation`, converted as [`diagnostic`] converts each, as an array: what
/// `serde_json` writes for the converted diagnostics, written without converting them.
/// On every keystroke in a long debrief, building the diagnostics' owned strings (six
/// for each) and dropping them again, then serialising them field by field, cost more
/// than the rest of the server's work but the analysis: with the typed path instead, that
/// keystroke's median went from 2.03 to 3.51 ms (see `Backend::publish_printed`).
pub fn print_diagnostics<'d>(
    uri: &Url,
    positions: &Positions<'_>,
    findings: impl ExactSizeIterator<Item = &'d debrief_core::Diagnostic>,
    version: i32,
    generation: u64,
) -> Vec<u8> {
    let uri = serde_json::to_vec(uri).expect("a URL serialises");
    // Around each finding's index, `data` is the same for every finding (its keys in
    // the order `serde_json::Value` keeps them).
    let data_head = format!(",\"data\":{{\"generation\":{generation},\"index\":");
    let data_tail = format!(",\"version\":{version}}}}}");
    // A finding prints to 330–580 bytes (a median of 390 over the corpus, 420 in the
    // 10,000-line benchmark debrief); growing the buffer near the end copied all of it.
    let mut out = Vec::with_capacity(findings.len() * 512 + 2);
    out.push(b'[');
    for (i, d) in findings.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"range\":");
        print_range(&mut out, positions.range(&d.range));
        out.extend_from_slice(b",\"severity\":");
        out.extend_from_slice(itoa::Buffer::new().format(severity_number(d.severity)).as_bytes());
        match RULE_FIELDS.get(d.rule) {
            Some(fields) => out.extend_from_slice(fields),
            None => out.extend_from_slice(&rule_fields(d.rule, None)),
        }
        print_str(&mut out, &d.message);
        if !d.related.is_empty() {
            out.extend_from_slice(b",\"relatedInformation\":[");
            for (j, r) in d.related.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"location\":{\"uri\":");
                out.extend_from_slice(&uri);
                out.extend_from_slice(b",\"range\":");
                print_range(&mut out, positions.range(&r.range));
                out.extend_from_slice(b"},\"message\":");
                print_str(&mut out, &r.message);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.extend_from_slice(data_head.as_bytes());
        out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
        out.extend_from_slice(data_tail.as_bytes());
    }
    out.push(b']');
    out
}

fn print_range(out: &mut Vec<u8>, r: lsp::Range) {
    let mut number = itoa::Buffer::new();
    out.extend_from_slice(b"{\"start\":{\"line\":");
    out.extend_from_slice(number.format(r.start.line).as_bytes());
    out.extend_from_slice(b",\"character\":");
    out.extend_from_slice(number.format(r.start.character).as_bytes());
    out.extend_from_slice(b"},\"end\":{\"line\":");
    out.extend_from_slice(number.format(r.end.line).as_bytes());
    out.extend_from_slice(b",\"character\":");
    out.extend_from_slice(number.format(r.end.character).as_bytes());
    out.extend_from_slice(b"}}");
}

fn print_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(out, s).expect("a string serialises");
}

/// How [`lsp::DiagnosticSeverity`] serialises.
fn severity_number(s: Severity) -> i32 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    }
}

/// What a diagnostic of each rule says between its severity and its message, the same
/// for every one: `,"code":…,"codeDescription":…,"source":…,"message":`.
static RULE_FIELDS: LazyLock<HashMap<&'static str, Vec<u8>>> =
    LazyLock::new(|| DOCS_LINKS.iter().map(|(rule, link)| (*rule, rule_fields(rule, Some(link)))).collect());

fn rule_fields(rule: &str, link: Option<&CodeDescription>) -> Vec<u8> {
    let json = |v: &str| serde_json::to_string(v).expect("a string serialises");
    let mut out = format!(",\"code\":{}", json(rule));
    if let Some(link) = link {
        let link = serde_json::to_string(link).expect("a link serialises");
        out.push_str(&format!(",\"codeDescription\":{link}"));
    }
    out.push_str(&format!(",\"source\":{},\"message\":", json(SOURCE)));
    out.into_bytes()
}

/// Each rule's page, parsed once rather than per diagnostic per keystroke.
static DOCS_LINKS: LazyLock<HashMap<&'static str, CodeDescription>> = LazyLock::new(|| {
    rules::REGISTRY
        .iter()
        .filter_map(|r| Some((r.meta.id, CodeDescription { href: Url::parse(&rules::docs_url(r.meta.id)).ok()? })))
        .collect()
});

/// The rule's page, for `codeDescription`.
fn docs_link(rule: &str) -> Option<CodeDescription> {
    DOCS_LINKS.get(rule).cloned()
}

/// The rule id of one of our diagnostics.
pub fn rule_of(d: &lsp::Diagnostic) -> Option<&str> {
    if d.source.as_deref() != Some(SOURCE) {
        return None;
    }
    match &d.code {
        Some(NumberOrString::String(id)) => Some(id.as_str()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;
    use debrief_core::{Applicability, Diagnostic, Edit, Fix, Related};

    #[test]
    fn findings_carry_rule_docs_and_related_places_and_leave_fixes_for_actions() {
        let text = "a 😀 b\nc\n";
        let uri = Url::parse("file:///x/postmortems/a.md").unwrap();
        let d = Diagnostic {
            rule: "timeline-gap",
            severity: Severity::Info,
            range: 7..8,
            message: "m".into(),
            fixes: vec![
                Fix::new("Drop it", Edit::replace(7..8, "B"), Applicability::Safe),
                Fix::new("Only show", Edit::replace(7..8, "?"), Applicability::DisplayOnly),
            ],
            related: vec![Related { range: 0..1, message: "before".into() }],
        };
        let id = FindingId { version: 7, generation: 2, index: 3 };
        let out = diagnostic(&uri, &Positions::new(text, Encoding::Utf16), &d, id);
        assert_eq!(out.range, lsp::Range::new(lsp::Position::new(0, 5), lsp::Position::new(0, 6)));
        assert_eq!(rule_of(&out), Some("timeline-gap"));
        assert_eq!(out.severity, Some(DiagnosticSeverity::INFORMATION));
        assert!(out.code_description.as_ref().unwrap().href.as_str().ends_with("/timeline-gap.md"));
        assert_eq!(out.related_information.as_ref().unwrap()[0].location.range.end, lsp::Position::new(0, 1));
        assert_eq!(out.data, Some(serde_json::json!({"version": 7, "generation": 2, "index": 3})));
        assert_eq!(FindingId::of(&out), Some(id), "the finding is found again by its id");
        let someone_elses = lsp::Diagnostic { source: Some("other".into()), ..out.clone() };
        assert_eq!(FindingId::of(&someone_elses), None);
    }

    /// Findings printed straight to JSON read exactly as the converted diagnostics
    /// serialised: the corpus's, and a timeline's with related places and wide
    /// characters, in both encodings.
    #[test]
    fn printed_findings_are_the_converted_diagnostics_serialised() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
        let mut texts =
            vec!["# Débrief 😀\r\n\n## Timeline\n\n- 10:00 UTC alerté 😀\n- 13:30 UTC Dana should have noticed\n"
                .to_string()];
        for entry in std::fs::read_dir(&corpus).expect("tests/corpus").flatten() {
            for file in std::fs::read_dir(entry.path()).into_iter().flatten().flatten() {
                if file.path().extension().is_some_and(|e| e == "md") {
                    texts.push(std::fs::read_to_string(file.path()).expect("a corpus debrief"));
                }
            }
        }
        assert!(texts.len() > 150, "{}", texts.len());
        let uri = Url::parse("file:///x/postmortems/a%20b.md").unwrap();
        let config = debrief_core::Config::default();
        let mut related = 0;
        for text in &texts {
            let found = debrief_core::analyse_without_outline(text, &config).diagnostics;
            related += found.iter().filter(|d| !d.related.is_empty()).count();
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let id = |index| FindingId { version: 12, generation: 3, index };
                let converted: Vec<lsp::Diagnostic> = found
                    .iter()
                    .enumerate()
                    .map(|(i, d)| diagnostic(&uri, &Positions::new(text, enc), d, id(i)))
                    .collect();
                let printed = print_diagnostics(&uri, &Positions::new(text, enc), found.iter(), 12, 3);
                assert_eq!(
                    String::from_utf8(printed).unwrap(),
                    serde_json::to_string(&converted).unwrap(),
                    "in {text:.80}"
                );
            }
        }
        assert!(related > 10, "related places: {related}");
    }
}
