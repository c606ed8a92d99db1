//! The core's findings as LSP diagnostics. Their fixes stay in the analysis, and are
//! converted when a code action asks for them.

use std::collections::HashMap;
use std::sync::LazyLock;

use debrief_core::{rules, Severity};
use tower_lsp::lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url,
};

use super::position::Positions;

/// What the server calls itself in `Diagnostic.source`.
pub const SOURCE: &str = "debrief-ls";

/// The LSP severity of a finding.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts one finding of the document at `uri`, placed by `positions` (its fixes are
/// left to code actions).
pub fn diagnostic(uri: &Url, positions: &Positions<'_>, d: &debrief_core::Diagnostic) -> lsp::Diagnostic {
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
        data: None,
    }
}

/// Each rule's page, parsed once rather than per diagnostic per keystroke.
static DOCS_LINKS: LazyLock<HashMap<&'static str, Url>> = LazyLock::new(|| {
    rules::REGISTRY.iter().filter_map(|r| Some((r.meta.id, Url::parse(&rules::docs_url(r.meta.id)).ok()?))).collect()
});

/// The rule's page, for `codeDescription`.
fn docs_link(rule: &str) -> Option<CodeDescription> {
    DOCS_LINKS.get(rule).map(|href| CodeDescription { href: href.clone() })
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
        let out = diagnostic(&uri, &Positions::new(text, Encoding::Utf16), &d);
        assert_eq!(out.range, lsp::Range::new(lsp::Position::new(0, 5), lsp::Position::new(0, 6)));
        assert_eq!(rule_of(&out), Some("timeline-gap"));
        assert_eq!(out.severity, Some(DiagnosticSeverity::INFORMATION));
        assert!(out.code_description.as_ref().unwrap().href.as_str().ends_with("/timeline-gap.md"));
        assert_eq!(out.related_information.as_ref().unwrap()[0].location.range.end, lsp::Position::new(0, 1));
        assert_eq!(out.data, None, "fixes are converted when asked for");
    }
}
