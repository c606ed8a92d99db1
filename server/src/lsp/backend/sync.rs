//! Document sync: `didOpen`, `didChange` (incremental) and `didClose`, and the
//! re-analysis each change starts.

use std::time::Duration;

use tower_lsp::lsp_types::*;

use super::Backend;
use crate::lsp::document::Document;
use crate::lsp::position;

/// Above this size an analysis takes long enough that typing outpaces it: wait for a
/// pause of [`LARGE_DOCUMENT_PAUSE`] first. Below it, every keystroke is analysed.
const LARGE_DOCUMENT_BYTES: usize = 1024 * 1024;

/// See [`LARGE_DOCUMENT_BYTES`].
const LARGE_DOCUMENT_PAUSE: Duration = Duration::from_millis(150);

pub(super) async fn did_open(backend: &Backend, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let path = doc.uri.to_file_path().ok();
    let (config, loaded) = {
        let mut configs = backend.configs();
        let config = configs.resolve(path.as_deref());
        (config, configs.take_loaded())
    };
    let opened = backend.next_serial();
    backend.docs().insert(doc.uri.clone(), Document::new(opened, doc.version, &doc.text, path, config));
    if !loaded.is_empty() {
        backend.report_config_files(loaded).await;
    }
    backend.refresh(&doc.uri).await;
}

pub(super) async fn did_change(backend: &Backend, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let enc = backend.enc();
    // Applied before the first `.await`: see the module docs.
    let applied = {
        let mut docs = backend.docs();
        docs.get_mut(&uri).map(|doc| {
            for change in &params.content_changes {
                position::apply_change(&mut doc.rope, change, enc);
            }
            let previous = std::mem::replace(&mut doc.version, version);
            doc.snapshot = None;
            previous
        })
    };
    match applied {
        None => {
            backend.shared.log.warn(format!("change to {uri}, which is not open; ignored")).await;
            return;
        }
        Some(previous) if previous >= version => {
            backend
                .shared
                .log
                .warn(format!("{uri}: version {version} follows version {previous}; applied in the order received"))
                .await;
        }
        Some(_) => {}
    }
    backend.refresh(&uri).await;
}

pub(super) async fn did_close(backend: &Backend, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let lock = backend.docs().remove(&uri).map(|d| d.publish_lock);
    if backend.caps().pull_diagnostics {
        return;
    }
    if let Some(lock) = lock {
        // After any publication in flight for it, so the clearing comes last.
        let _guard = lock.lock().await;
        if !backend.docs().contains_key(&uri) {
            backend.publish_diagnostics(&uri, &[], None);
        }
    }
}

impl Backend {
    /// After a change: analyse and push, unless a newer change has come in (it will) or
    /// the client pulls.
    pub(super) async fn refresh(&self, uri: &Url) {
        let Some((version, bytes)) = self.docs().get(uri).map(|d| (d.version, d.rope.len_bytes())) else { return };
        // Let edits already received apply first, so a burst is analysed once.
        if bytes > LARGE_DOCUMENT_BYTES {
            tokio::time::sleep(LARGE_DOCUMENT_PAUSE).await;
        } else {
            tokio::task::yield_now().await;
        }
        if !*self.shared.ready.borrow() || self.caps().pull_diagnostics {
            return;
        }
        if self.docs().get(uri).map(|d| d.version) != Some(version) {
            return;
        }
        if let Some(snapshot) = self.snapshot(uri).await {
            self.publish(uri, &snapshot).await;
        }
    }
}
