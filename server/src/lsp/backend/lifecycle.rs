//! `initialize` (what the server offers, given what the client can do), `initialized`
//! (the first configuration, in a task of its own) and `shutdown`.

use std::sync::atomic::Ordering;

use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;

use super::configuration::SECTION;
use super::session::ClientCaps;
use super::Backend;
use crate::lsp::actions::FIX_ALL_KIND;
use crate::lsp::config::{EditorSettings, Folder};
use crate::lsp::log::LogLevel;
use crate::lsp::words;

pub(super) async fn initialize(backend: &Backend, params: InitializeParams) -> RpcResult<InitializeResult> {
    let caps = ClientCaps::read(&params.capabilities);
    let _ = backend.shared.caps.set(caps);
    let init = params
        .initialization_options
        .as_ref()
        .map(|v| EditorSettings::from_json(v.get(SECTION).unwrap_or(v)))
        .unwrap_or_default();
    if let Some(level) = init.log_level {
        backend.shared.log.set_level(level);
    }
    let errors = init.errors.clone();
    {
        let mut configs = backend.configs();
        configs.set_folders(folders_of(&params));
        configs.set_global(init);
    }
    // Messages cannot go out before `initialized`; keep them for then.
    *backend.shared.init_errors.lock().unwrap_or_else(|e| e.into_inner()) = errors;
    let client = params.client_info.map(|c| format!("{} {}", c.name, c.version.unwrap_or_default()));
    // On stderr only: the client hears nothing before `initialized`.
    if backend.shared.log.enabled(LogLevel::Info) {
        eprintln!(
            "debrief-ls info: {} starting for {}, positions in {:?}",
            env!("CARGO_PKG_VERSION"),
            client.as_deref().unwrap_or("an unnamed client").trim(),
            caps.encoding
        );
    }
    Ok(InitializeResult {
        server_info: Some(ServerInfo {
            name: "debrief-ls".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        capabilities: ServerCapabilities {
            position_encoding: Some(caps.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(FIX_ALL_KIND),
                    CodeActionKind::new(words::TREAT_AS_PERSON_KIND),
                ]),
                resolve_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
            inlay_hint_provider: caps.inlay_hints.then_some(OneOf::Left(true)),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![words::ADD_WORD_COMMAND.to_string()],
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("debrief-ls".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        },
    })
}

pub(super) async fn initialized(backend: &Backend, _: InitializedParams) {
    backend.shared.initialized.store(true, Ordering::SeqCst);
    // In a task of its own: it waits on the client, and must not hold one of
    // tower-lsp's few handler slots while edits queue behind it.
    let backend = backend.clone();
    tokio::spawn(async move { backend.start().await });
    // The analysis builds its automata on first use: build them now, off the
    // handlers, so the first document opened is not the one that waits.
    tokio::task::spawn_blocking(debrief_core::warm_up);
}

pub(super) async fn shutdown(backend: &Backend) -> RpcResult<()> {
    backend.shared.lifecycle.shut_down();
    backend.shared.log.info("shutting down").await;
    Ok(())
}

impl Backend {
    /// The first configuration, after `initialized`: watchers, settings, the folders'
    /// `debrief.toml`; then diagnostics for documents opened meanwhile.
    pub(super) async fn start(&self) {
        let init_errors = std::mem::take(&mut *self.shared.init_errors.lock().unwrap_or_else(|e| e.into_inner()));
        self.report_settings(init_errors).await;
        self.register_watchers().await;
        if self.caps().configuration {
            self.fetch_configuration().await;
        }
        let loaded = {
            let mut configs = self.configs();
            configs.load_folder_files();
            configs.take_loaded()
        };
        self.report_config_files(loaded).await;
        self.reconfigure().await;
        if !self.caps().watched_files_dynamic {
            self.poll_config_files();
        }
        self.shared.log.info("ready").await;
    }
}

fn folders_of(params: &InitializeParams) -> Vec<Folder> {
    let from_uri = |uri: &Url| uri.to_file_path().ok().map(|path| Folder { uri: uri.clone(), path });
    match &params.workspace_folders {
        Some(folders) => folders.iter().filter_map(|f| from_uri(&f.uri)).collect(),
        #[allow(deprecated)] // `rootUri` is what older clients send instead of folders
        None => params.root_uri.iter().filter_map(from_uri).collect(),
    }
}
