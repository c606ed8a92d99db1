//! Settings and `debrief.toml` files: fetched, watched (or polled), reported once
//! when wrong, and applied by re-analysing every open document.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ropey::Rope;
use tower_lsp::lsp_types::*;

use super::session::CONFIGURATION_TIMEOUT;
use super::Backend;
use crate::lsp::config::{EditorSettings, Folder};
use crate::lsp::convert::SOURCE;
use crate::lsp::position;
use crate::workspace::{LoadedConfig, CONFIG_NAMES};

/// How often configuration files are checked for changes when the client cannot watch
/// files for the server (Neovim on Linux, for one).
const CONFIG_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// The `workspace/configuration` section.
pub(super) const SECTION: &str = "debrief";

pub(super) async fn did_change_configuration(backend: &Backend, params: DidChangeConfigurationParams) {
    if backend.caps().configuration {
        // The notification's payload varies by client; ask for the section instead.
        if !backend.fetch_configuration().await {
            return;
        }
    } else if let Some(settings) = EditorSettings::from_change_notification(&params.settings) {
        let errors = settings.errors.clone();
        backend.configs().set_global(settings);
        backend.report_settings(errors).await;
    } else {
        return;
    }
    backend.reconfigure().await;
}

pub(super) async fn did_change_watched_files(backend: &Backend, params: DidChangeWatchedFilesParams) {
    let changed: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|c| c.uri.to_file_path().ok())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| CONFIG_NAMES.contains(&n)))
        .collect();
    if !changed.is_empty() {
        backend.config_files_changed(changed).await;
    }
}

pub(super) async fn did_change_workspace_folders(backend: &Backend, params: DidChangeWorkspaceFoldersParams) {
    {
        let mut configs = backend.configs();
        let mut folders: Vec<Folder> = configs.folders().to_vec();
        folders.retain(|f| !params.event.removed.iter().any(|r| r.uri == f.uri));
        folders.extend(
            params
                .event
                .added
                .iter()
                .filter_map(|f| Some(Folder { uri: f.uri.clone(), path: f.uri.to_file_path().ok()? })),
        );
        configs.set_folders(folders);
    }
    if backend.caps().configuration {
        backend.fetch_configuration().await;
    }
    backend.reconfigure().await;
}

impl Backend {
    /// Resolves every open document's configuration again and re-analyses them (after a
    /// settings, folder or `debrief.toml` change).
    pub(super) async fn reconfigure(&self) {
        let open: Vec<(Url, Option<PathBuf>)> =
            self.docs().iter().map(|(uri, d)| (uri.clone(), d.path.clone())).collect();
        let (resolved, loaded, level) = {
            let mut configs = self.configs();
            let resolved: Vec<_> =
                open.iter().map(|(uri, path)| (uri.clone(), configs.resolve(path.as_deref()))).collect();
            (resolved, configs.take_loaded(), configs.log_level())
        };
        if let Some(level) = level {
            self.shared.log.set_level(level);
        }
        {
            // Snapshots made with another configuration generation are stale by
            // `Document::is_current`; an unchanged one keeps its result id.
            let mut docs = self.docs();
            for (uri, config) in resolved {
                if let Some(doc) = docs.get_mut(&uri) {
                    doc.set_config(config);
                }
            }
        }
        self.shared.ready.send_replace(true);
        self.report_config_files(loaded).await;
        // Every document open now, not only those listed above: one opened in between
        // found `ready` still false and left its first publication to us.
        let open_now: Vec<Url> = self.docs().keys().cloned().collect();
        for uri in &open_now {
            self.refresh(uri).await;
        }
        let caps = self.caps();
        if caps.pull_diagnostics && caps.diagnostic_refresh {
            // Not awaited here: a client that never answers must not hold up this handler.
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
        if caps.code_lens_refresh {
            let _ = self.shared.client.code_lens_refresh().await;
        }
        if caps.inlay_hint_refresh {
            let _ = self.shared.client.inlay_hint_refresh().await;
        }
    }

    /// Publishes each configuration file's problems on the file (an empty list clears
    /// them), and says so once in a message.
    pub(super) async fn report_config_files(&self, loaded: Vec<Arc<LoadedConfig>>) {
        let enc = self.enc();
        for config in loaded {
            let Some(path) = &config.path else { continue };
            let Ok(uri) = Url::from_file_path(path) else { continue };
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let rope = Rope::from_str(&text);
            let diagnostics: Vec<Diagnostic> = config
                .errors
                .iter()
                .map(|e| {
                    let start = match e.line {
                        Some(line) => position::line_column_to_position(&rope, line, e.column.unwrap_or(1), enc),
                        None => Position::new(0, 0),
                    };
                    let line_end = position::line_content_bytes(&rope, start.line as usize).end;
                    Diagnostic {
                        range: Range::new(start, position::to_position(&rope, line_end, enc)),
                        severity: Some(DiagnosticSeverity::ERROR),
                        source: Some(SOURCE.to_string()),
                        message: e.message.clone(),
                        ..Diagnostic::default()
                    }
                })
                .collect();
            self.publish_diagnostics(&uri, &diagnostics, None);
            let problems: Vec<String> = config.errors.iter().map(ToString::to_string).collect();
            let name = path.display();
            match problems.as_slice() {
                [] => {
                    if self.shown_changed(path.clone(), problems) {
                        self.shared.log.info(format!("{name}: loaded")).await;
                    }
                }
                [first, rest @ ..] => {
                    if self.shown_changed(path.clone(), problems.clone()) {
                        let more = if rest.is_empty() { String::new() } else { format!(" (and {} more)", rest.len()) };
                        let message = format!(
                            "{name}: {first}{more}. Everything else in the file applies; the defaults stand in for what could not be read."
                        );
                        self.shared.log.warn(&message).await;
                        self.shared.client.show_message(MessageType::WARNING, message).await;
                    }
                }
            }
        }
    }

    /// Records what was shown for `key`; true when it differs from last time.
    pub(super) fn shown_changed(&self, key: PathBuf, problems: Vec<String>) -> bool {
        let mut shown = self.shared.shown.lock().unwrap_or_else(|e| e.into_inner());
        shown.insert(key, problems.clone()).as_ref() != Some(&problems)
    }

    /// Tells the user, once, what in the editor settings could not be used.
    pub(super) async fn report_settings(&self, errors: Vec<String>) {
        if !self.shown_changed(PathBuf::new(), errors.clone()) || errors.is_empty() {
            return;
        }
        let message = format!("debrief settings: {}. Those settings are skipped; the rest apply.", errors.join("; "));
        self.shared.log.warn(&message).await;
        self.shared.client.show_message(MessageType::WARNING, message).await;
    }

    /// Asks the client for the `debrief` section, unscoped and for each workspace folder.
    /// Returns whether the answer differs from the last one (editors announce changes to
    /// any setting; only ours should cost a re-analysis).
    pub(super) async fn fetch_configuration(&self) -> bool {
        let folders: Vec<Folder> = self.configs().folders().to_vec();
        let mut items = vec![ConfigurationItem { scope_uri: None, section: Some(SECTION.to_string()) }];
        items.extend(
            folders.iter().map(|f| ConfigurationItem { scope_uri: Some(f.uri.clone()), section: Some(SECTION.into()) }),
        );
        let answer = tokio::time::timeout(CONFIGURATION_TIMEOUT, self.shared.client.configuration(items)).await;
        let values = match answer {
            Ok(Ok(values)) => values,
            Ok(Err(e)) => {
                self.shared.log.warn(format!("workspace/configuration failed: {}", e.message)).await;
                return false;
            }
            Err(_) => {
                self.shared.log.warn("workspace/configuration got no answer; using the settings known so far").await;
                return false;
            }
        };
        {
            let mut last = self.shared.last_answer.lock().unwrap_or_else(|e| e.into_inner());
            if last.as_ref() == Some(&values) {
                return false;
            }
            *last = Some(values.clone());
        }
        let mut errors = Vec::new();
        {
            let mut configs = self.configs();
            if let Some(global) = values.first() {
                let settings = EditorSettings::from_json(global);
                errors.extend(settings.errors.iter().cloned());
                // An empty answer keeps `initializationOptions`, for clients that send
                // their settings only there.
                if settings.layer.is_some() || settings.log_level.is_some() || !global.is_null() {
                    configs.set_global(settings);
                }
            }
            for (folder, value) in folders.iter().zip(values.iter().skip(1)) {
                let settings = EditorSettings::from_json(value);
                for e in &settings.errors {
                    if !errors.contains(e) {
                        errors.push(e.clone());
                    }
                }
                configs.set_folder_settings(folder.uri.clone(), settings);
            }
        }
        self.report_settings(errors).await;
        true
    }

    /// Registers for what the client lets a server ask for at run time.
    pub(super) async fn register_watchers(&self) {
        let caps = self.caps();
        let mut registrations = Vec::new();
        if caps.watched_files_dynamic {
            let watchers = CONFIG_NAMES
                .iter()
                .map(|name| FileSystemWatcher { glob_pattern: GlobPattern::String(format!("**/{name}")), kind: None })
                .collect();
            registrations.push(Registration {
                id: "debrief-config-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
            });
        }
        if caps.configuration_dynamic {
            registrations.push(Registration {
                id: "debrief-settings".into(),
                method: "workspace/didChangeConfiguration".into(),
                register_options: Some(serde_json::json!({ "section": SECTION })),
            });
        }
        if registrations.is_empty() {
            return;
        }
        if let Err(e) = self.shared.client.register_capability(registrations).await {
            self.shared.log.warn(format!("could not register for configuration changes: {}", e.message)).await;
        }
    }

    /// Checks configuration files for changes every few seconds, until the server goes.
    pub(super) fn poll_config_files(&self) {
        let shared = Arc::downgrade(&self.shared);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(CONFIG_POLL_INTERVAL).await;
                let Some(shared) = shared.upgrade() else { return };
                let backend = Backend { shared };
                if backend.shared.lifecycle.is_shut_down() {
                    return;
                }
                let changed = backend.configs().files_changed_on_disk();
                if !changed.is_empty() {
                    backend.config_files_changed(changed).await;
                }
            }
        });
    }

    pub(super) async fn config_files_changed(&self, changed: Vec<PathBuf>) {
        for path in &changed {
            self.configs().file_changed(path);
            if !path.exists() {
                if let Ok(uri) = Url::from_file_path(path) {
                    self.publish_diagnostics(&uri, &[], None);
                }
                self.shown_changed(path.clone(), Vec::new());
            }
        }
        self.reconfigure().await;
    }
}
