//! Code actions: quick fixes (each carried in its diagnostic's `data`), fix-all
//! (resolved lazily), and the "add a word" command.

use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;

use super::Backend;
use crate::lsp::actions::{self, FixAllData, FIX_ALL_KIND};
use crate::lsp::words;

pub(super) async fn code_action(backend: &Backend, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
    let uri = &params.text_document.uri;
    let Some(snapshot) = backend.snapshot(uri).await.filter(|s| s.is_debrief) else { return Ok(None) };
    let caps = backend.caps();
    let only = params.context.only.as_deref();
    let mut out = Vec::new();
    if actions::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        out.extend(actions::quick_fixes(uri, &snapshot, &params.context.diagnostics, caps.encoding, caps.actions));
    }
    out.extend(actions::word_actions(uri, &snapshot, &params.context.diagnostics, params.range, caps.encoding, only));
    if actions::wanted(only, FIX_ALL_KIND) && actions::has_safe_fix(&snapshot) {
        let config = &snapshot.config.config;
        out.extend(actions::fix_all_action(uri, &snapshot, config, caps.encoding, caps.actions));
    }
    Ok(Some(out))
}

pub(super) async fn execute_command(
    backend: &Backend,
    params: ExecuteCommandParams,
) -> RpcResult<Option<serde_json::Value>> {
    if params.command != words::ADD_WORD_COMMAND {
        return Err(tower_lsp::jsonrpc::Error::invalid_params(format!("unknown command {}", params.command)));
    }
    let argument = params.arguments.first().cloned().and_then(|a| serde_json::from_value::<words::AddWord>(a).ok());
    let Some(add) = argument else {
        return Err(tower_lsp::jsonrpc::Error::invalid_params("expected { uri, list, word }"));
    };
    let Some(snapshot) = backend.snapshot(&add.uri).await else {
        return Err(tower_lsp::jsonrpc::Error::invalid_params(format!("{} is not open", add.uri)));
    };
    let loaded = &snapshot.config.loaded;
    let path = words::target(loaded.path.as_deref(), &loaded.root);
    let before = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return backend.word_not_added(&path, &e.to_string()).await,
    };
    match words::with_word(&before, add.list, &add.word) {
        Err(problem) => return backend.word_not_added(&path, &problem).await,
        Ok(None) => {}
        Ok(Some(after)) => {
            if let Err(e) = words::write_whole(&path, &after) {
                return backend.word_not_added(&path, &e.to_string()).await;
            }
            backend.shared.log.info(&format!("added {:?} to {}", add.word, path.display())).await;
        }
    }
    backend.config_files_changed(vec![path]).await;
    Ok(None)
}

pub(super) async fn code_action_resolve(backend: &Backend, mut action: CodeAction) -> RpcResult<CodeAction> {
    let Some(data) = action.data.clone().and_then(|d| serde_json::from_value::<FixAllData>(d).ok()) else {
        return Ok(action);
    };
    let Some(snapshot) = backend.snapshot(&data.uri).await else { return Ok(action) };
    if snapshot.version == data.version {
        let caps = backend.caps();
        action.edit = actions::fix_all_edit(&data.uri, &snapshot, &snapshot.config.config, caps.encoding, caps.actions);
    }
    Ok(action)
}

impl Backend {
    /// Reads changed configuration files again and re-analyses open documents; a
    /// deleted file's diagnostics are cleared.
    /// Tells the user why a word was not added to `path`; the file is left as it was.
    pub(super) async fn word_not_added(
        &self,
        path: &std::path::Path,
        problem: &str,
    ) -> RpcResult<Option<serde_json::Value>> {
        let message = format!("debrief-ls: {}: {problem}; the word was not added.", path.display());
        self.shared.client.show_message(MessageType::ERROR, &message).await;
        Ok(None)
    }
}
