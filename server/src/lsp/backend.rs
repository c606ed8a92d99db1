//! The one `LanguageServer`: a table from each LSP method to its handler. Handlers live
//! one group to a file, over the shared state in [`session`]:
//!
//! - [`lifecycle`]: `initialize`, `initialized`, `shutdown`.
//! - [`sync`]: `didOpen`, `didChange`, `didClose`.
//! - [`diagnostics`]: publishing, and `textDocument/diagnostic` for clients that pull.
//! - [`actions`]: code actions, their resolution, `workspace/executeCommand`.
//! - [`navigation`]: hover, document symbols, code lenses, inlay hints.
//! - [`configuration`]: settings, `debrief.toml` files, workspace folders.
//!
//! Ordering: tower-lsp runs handlers concurrently (tower-lsp issue 284) but starts them in
//! the order received, so each `didOpen`/`didChange` applies its text before its first
//! `.await`. Analyses then run on a snapshot of one version and are published only while
//! that version is still the document's newest; a burst of edits is analysed once, at
//! its last version.

use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;
use tower_lsp::LanguageServer;

mod actions;
mod configuration;
mod diagnostics;
mod lifecycle;
mod navigation;
mod session;
mod sync;

pub use session::Backend;

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        lifecycle::initialize(self, params).await
    }

    async fn initialized(&self, params: InitializedParams) {
        lifecycle::initialized(self, params).await
    }

    async fn shutdown(&self) -> RpcResult<()> {
        lifecycle::shutdown(self).await
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        sync::did_open(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        sync::did_change(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        sync::did_close(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::did_change_configuration(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        configuration::did_change_watched_files(self, params).await
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        configuration::did_change_workspace_folders(self, params).await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> RpcResult<DocumentDiagnosticReportResult> {
        diagnostics::diagnostic(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        actions::code_action(self, params).await
    }

    async fn code_action_resolve(&self, action: CodeAction) -> RpcResult<CodeAction> {
        actions::code_action_resolve(self, action).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> RpcResult<Option<serde_json::Value>> {
        actions::execute_command(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        navigation::hover(self, params).await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> RpcResult<Option<DocumentSymbolResponse>> {
        navigation::document_symbol(self, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
        navigation::code_lens(self, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> RpcResult<Option<Vec<InlayHint>>> {
        navigation::inlay_hint(self, params).await
    }
}
