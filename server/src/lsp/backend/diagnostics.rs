//! Diagnostics, pushed (`textDocument/publishDiagnostics`) or pulled
//! (`textDocument/diagnostic`), never both.

use std::sync::atomic::Ordering;

use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;

use super::Backend;
use crate::lsp::document::Snapshot;

pub(super) async fn diagnostic(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> RpcResult<DocumentDiagnosticReportResult> {
    let full = |result_id: Option<String>, items: Vec<Diagnostic>| {
        DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        }))
    };
    backend.ready().await;
    let Some(snapshot) = backend.snapshot(&params.text_document.uri).await else {
        return Ok(full(None, Vec::new()));
    };
    let result_id = snapshot.result_id();
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
            RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
            },
        )));
    }
    Ok(full(Some(result_id), snapshot.diagnostics().to_vec()))
}

impl Backend {
    /// Pushes a snapshot's diagnostics, if it is still of the newest version and not
    /// already out. The per-document lock keeps the check and the send together, so
    /// publications for one document go out in the order of their versions.
    pub(super) async fn publish(&self, uri: &Url, snapshot: &Snapshot) {
        let Some(lock) = self.docs().get(uri).map(|d| d.publish_lock.clone()) else { return };
        let _guard = lock.lock().await;
        {
            let mut docs = self.docs();
            let Some(doc) = docs.get_mut(uri) else { return };
            // Only the newest version, and each result once: two analyses of one
            // version (a change and a reconfiguration racing) publish once.
            if !doc.is_current(snapshot) || doc.published == Some(snapshot.published()) {
                return;
            }
            doc.published = Some(snapshot.published());
        }
        match &snapshot.printed {
            Some(printed) => self.publish_printed(uri, printed, Some(snapshot.version)),
            None => self.publish_diagnostics(uri, snapshot.diagnostics(), Some(snapshot.version)),
        }
    }

    /// Sends `textDocument/publishDiagnostics` with `diagnostics`.
    pub(super) fn publish_diagnostics(&self, uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) {
        let printed = serde_json::to_vec(diagnostics).expect("diagnostics serialise");
        self.publish_printed(uri, &printed, version);
    }

    /// Sends `textDocument/publishDiagnostics` with diagnostics already printed as a JSON
    /// array (see [`Snapshot::printed`]). tower-lsp's `Client` takes them by value and
    /// turns them into a `serde_json::Value` tree before writing it out. Measured with
    /// `lsp_latency` against a build that publishes through `Client::publish_diagnostics`
    /// (three alternating runs, 2026-12-05): a keystroke in the 10,000-line debrief (368
    /// findings) took a median 3.51 ms that way and 2.03 ms this way (1.73×); in the
    /// 100-line one, 0.231 against 0.214 ms. Every publication goes this one way, so they
    /// reach the client in the order sent.
    pub(super) fn publish_printed(&self, uri: &Url, printed: &[u8], version: Option<i32>) {
        if !self.shared.initialized.load(Ordering::SeqCst) || self.shared.lifecycle.is_shut_down() {
            return;
        }
        let uri = serde_json::to_string(uri).expect("a URL serialises");
        let version = version.map(|v| format!(",\"version\":{v}")).unwrap_or_default();
        let head = r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#;
        let mut body = Vec::with_capacity(head.len() + uri.len() + printed.len() + version.len() + 32);
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(uri.as_bytes());
        body.extend_from_slice(b",\"diagnostics\":");
        body.extend_from_slice(printed);
        body.extend_from_slice(version.as_bytes());
        body.extend_from_slice(b"}}");
        // A closed channel means the output is gone: nothing to tell.
        let _ = self.shared.out.send(crate::lsp::framing::frame(&body));
    }
}
