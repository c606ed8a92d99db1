//! The one `LanguageServer`: lifecycle, document sync, diagnostics (pushed and pulled),
//! code actions, hover, symbols, code lenses and configuration.
//!
//! Ordering: tower-lsp runs handlers concurrently (tower-lsp issue 284) but starts them in
//! the order received, so each `didOpen`/`didChange` applies its text before its first
//! `.await`. Analyses then run on a snapshot of one version and are published only while
//! that version is still the document's newest; a burst of edits is analysed once, at
//! its last version.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use debrief_core::rules;
use ropey::Rope;
use tokio::sync::{mpsc, watch};
use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

use super::actions::{self, ActionSupport, FixAllData, FIX_ALL_KIND};
use super::config::{ConfigStore, EditorSettings, Folder};
use super::convert::SOURCE;
use super::document::{Document, DocumentMap, Snapshot};
use super::log::{initial_level, LogLevel, Logger};
use super::outline;
use super::position::{self, Encoding};
use super::words;
use super::Lifecycle;
use crate::workspace::{LoadedConfig, CONFIG_NAMES};

/// Documents larger than this are analysed on a blocking thread, so requests keep being
/// served meanwhile. Smaller ones (a 10,000-line debrief is 0.6 MB, about 3 ms) are
/// analysed where the change arrived: at 256 KB the hand-off to another thread put the
/// 10,000-line debrief's p99 keystroke at 7.1 ms against 5.6 ms without it, and the
/// runtime's second worker serves requests meanwhile.
const BLOCKING_ANALYSIS_BYTES: usize = 1024 * 1024;

/// Above this size an analysis takes long enough that typing outpaces it: wait for a
/// pause of [`LARGE_DOCUMENT_PAUSE`] first. Below it, every keystroke is analysed.
const LARGE_DOCUMENT_BYTES: usize = 1024 * 1024;

/// See [`LARGE_DOCUMENT_BYTES`].
const LARGE_DOCUMENT_PAUSE: Duration = Duration::from_millis(150);

/// How long to wait for the client's first `workspace/configuration` answer before
/// analysing with what is known.
const CONFIGURATION_TIMEOUT: Duration = Duration::from_secs(2);

/// How often configuration files are checked for changes when the client cannot watch
/// files for the server (Neovim on Linux, for one).
const CONFIG_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// The `workspace/configuration` section.
const SECTION: &str = "debrief";

/// What the client said it can do, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
struct ClientCaps {
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); then none are pushed,
    /// or they would show twice.
    pull_diagnostics: bool,
    diagnostic_refresh: bool,
    configuration: bool,
    watched_files_dynamic: bool,
    configuration_dynamic: bool,
    hierarchical_symbols: bool,
    code_lens_refresh: bool,
    actions: ActionSupport,
}

impl ClientCaps {
    fn read(caps: &ClientCapabilities) -> Self {
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        let encodings = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        ClientCaps {
            encoding: Encoding::negotiate(encodings),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
            // lsp-types 0.94 (tower-lsp 0.20) reads `workspace.diagnostic`, but the spec and
            // VS Code say `workspace.diagnostics`, so the flag never arrives: every client
            // that pulls is asked to refresh, and one that cannot answers with an error,
            // which is ignored.
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(true),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watched_files_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration_dynamic: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            actions: ActionSupport {
                document_changes: workspace
                    .and_then(|w| w.workspace_edit.as_ref())
                    .and_then(|e| e.document_changes)
                    .unwrap_or(false),
                resolve_edit: text
                    .and_then(|t| t.code_action.as_ref())
                    .and_then(|c| c.resolve_support.as_ref())
                    .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            },
        }
    }
}

/// The server. Cheap to clone: the state is shared, so work can continue in spawned tasks.
#[derive(Debug, Clone)]
pub struct Backend {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    client: Client,
    /// Framed messages straight to the client's output (see [`Backend::publish_diagnostics`]).
    out: mpsc::UnboundedSender<Vec<u8>>,
    /// Set by `initialized`: diagnostics go out only after it, as tower-lsp's own
    /// notifications do.
    initialized: AtomicBool,
    log: Logger,
    lifecycle: Arc<Lifecycle>,
    caps: OnceLock<ClientCaps>,
    docs: Mutex<DocumentMap>,
    configs: Mutex<ConfigStore>,
    /// Whether the first configuration is in; nothing is pushed before (and pulls wait
    /// a little), so a rule the settings turn off never flashes up.
    ready: watch::Sender<bool>,
    /// Source of snapshot serials and document open ids.
    serial: AtomicU64,
    /// Problems last shown for each configuration file, and for the editor settings
    /// (under an empty path), so each is shown once rather than on every load.
    shown: Mutex<HashMap<PathBuf, Vec<String>>>,
    /// What `initializationOptions` had wrong, shown once the client can hear it.
    init_errors: Mutex<Vec<String>>,
    /// The last `workspace/configuration` answer.
    last_answer: Mutex<Option<Vec<serde_json::Value>>>,
}

impl Backend {
    /// A backend talking to `client`, and publishing diagnostics on `out` (whole frames
    /// for the client's output); `lifecycle` hears about `shutdown`.
    pub fn new(client: Client, out: mpsc::UnboundedSender<Vec<u8>>, lifecycle: Arc<Lifecycle>) -> Self {
        Backend {
            shared: Arc::new(Shared {
                log: Logger::new(client.clone(), initial_level()),
                client,
                out,
                initialized: AtomicBool::new(false),
                lifecycle,
                caps: OnceLock::new(),
                docs: Mutex::default(),
                configs: Mutex::default(),
                ready: watch::Sender::new(false),
                serial: AtomicU64::new(0),
                shown: Mutex::default(),
                init_errors: Mutex::default(),
                last_answer: Mutex::default(),
            }),
        }
    }

    fn caps(&self) -> ClientCaps {
        self.shared.caps.get().copied().unwrap_or_default()
    }

    fn enc(&self) -> Encoding {
        self.caps().encoding
    }

    fn docs(&self) -> MutexGuard<'_, DocumentMap> {
        // A panic while holding the lock leaves consistent data (every update is one
        // assignment); keep serving.
        self.shared.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn configs(&self) -> MutexGuard<'_, ConfigStore> {
        self.shared.configs.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn next_serial(&self) -> u64 {
        self.shared.serial.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Analyses the document at `uri` unless its latest analysis is current.
    async fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let input = {
            let docs = self.docs();
            let doc = docs.get(uri)?;
            if let Some(s) = doc.current_snapshot() {
                return Some(s);
            }
            doc.analysis_input()
        };
        let serial = self.next_serial();
        let enc = self.enc();
        // Pushed diagnostics are printed with the analysis; pulled ones are converted.
        let print = !self.caps().pull_diagnostics;
        let started = Instant::now();
        let bytes = input.rope.len_bytes();
        let analysed = if bytes > BLOCKING_ANALYSIS_BYTES {
            let uri = uri.clone();
            tokio::task::spawn_blocking(move || Snapshot::analyse(&uri, input, enc, serial, print))
                .await
                .map_err(|e| e.to_string())
        } else {
            // The core is pure and well tested, but one bad document must not take the
            // server (and every other document) down with it.
            catch_unwind(AssertUnwindSafe(|| Snapshot::analyse(uri, input, enc, serial, print)))
                .map_err(|_| "panic".into())
        };
        let snapshot = match analysed {
            Ok(s) => Arc::new(s),
            Err(e) => {
                self.shared.log.error(format!("analysis of {uri} failed ({e}); no diagnostics for this version")).await;
                return None;
            }
        };
        if snapshot.not_shown > 0 {
            let shown = snapshot.shown;
            let message = format!(
                "{uri} v{}: showing the first {shown} of {} findings",
                snapshot.version,
                shown + snapshot.not_shown
            );
            self.shared.log.warn(message).await;
        }
        if self.shared.log.enabled(LogLevel::Debug) {
            let took = started.elapsed();
            self.shared.log.debug(format!("analysed {uri} v{} ({bytes} bytes) in {took:?}", snapshot.version)).await;
        }
        let mut docs = self.docs();
        if let Some(doc) = docs.get_mut(uri) {
            if doc.is_current(&snapshot) {
                doc.snapshot = Some(snapshot.clone());
            }
        }
        Some(snapshot)
    }

    /// Waits (a bounded time) for the first configuration, so the first answers use it.
    async fn ready(&self) {
        let mut ready = self.shared.ready.subscribe();
        let _ = tokio::time::timeout(CONFIGURATION_TIMEOUT, ready.wait_for(|r| *r)).await;
    }

    /// After a change: analyse and push, unless a newer change has come in (it will) or
    /// the client pulls.
    async fn refresh(&self, uri: &Url) {
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

    /// Pushes a snapshot's diagnostics, if it is still of the newest version and not
    /// already out. The per-document lock keeps the check and the send together, so
    /// publications for one document go out in the order of their versions.
    async fn publish(&self, uri: &Url, snapshot: &Snapshot) {
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
    fn publish_diagnostics(&self, uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) {
        let printed = serde_json::to_vec(diagnostics).expect("diagnostics serialise");
        self.publish_printed(uri, &printed, version);
    }

    /// Sends `textDocument/publishDiagnostics` with diagnostics already printed as a JSON
    /// array (see [`Snapshot::printed`]). tower-lsp's `Client` takes them by value and
    /// turns them into a `serde_json::Value` tree before writing it out; for a
    /// 10,000-line debrief's 362 findings the copy and the tree took about a millisecond
    /// of each keystroke. Every publication goes this one way, so they reach the client
    /// in the order sent.
    fn publish_printed(&self, uri: &Url, printed: &[u8], version: Option<i32>) {
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
        let _ = self.shared.out.send(super::framing::frame(&body));
    }

    /// Resolves every open document's configuration again and re-analyses them (after a
    /// settings, folder or `debrief.toml` change).
    async fn reconfigure(&self) {
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
    }

    /// Publishes each configuration file's problems on the file (an empty list clears
    /// them), and says so once in a message.
    async fn report_config_files(&self, loaded: Vec<Arc<LoadedConfig>>) {
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
    fn shown_changed(&self, key: PathBuf, problems: Vec<String>) -> bool {
        let mut shown = self.shared.shown.lock().unwrap_or_else(|e| e.into_inner());
        shown.insert(key, problems.clone()).as_ref() != Some(&problems)
    }

    /// Tells the user, once, what in the editor settings could not be used.
    async fn report_settings(&self, errors: Vec<String>) {
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
    async fn fetch_configuration(&self) -> bool {
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
    async fn register_watchers(&self) {
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

    /// The first configuration, after `initialized`: watchers, settings, the folders'
    /// `debrief.toml`; then diagnostics for documents opened meanwhile.
    async fn start(&self) {
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

    /// Checks configuration files for changes every few seconds, until the server goes.
    fn poll_config_files(&self) {
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

    /// Reads changed configuration files again and re-analyses open documents; a
    /// deleted file's diagnostics are cleared.
    /// Tells the user why a word was not added to `path`; the file is left as it was.
    async fn word_not_added(&self, path: &std::path::Path, problem: &str) -> RpcResult<Option<serde_json::Value>> {
        let message = format!("debrief-ls: {}: {problem}; the word was not added.", path.display());
        self.shared.client.show_message(MessageType::ERROR, &message).await;
        Ok(None)
    }

    async fn config_files_changed(&self, changed: Vec<PathBuf>) {
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

fn folders_of(params: &InitializeParams) -> Vec<Folder> {
    let from_uri = |uri: &Url| uri.to_file_path().ok().map(|path| Folder { uri: uri.clone(), path });
    match &params.workspace_folders {
        Some(folders) => folders.iter().filter_map(|f| from_uri(&f.uri)).collect(),
        #[allow(deprecated)] // `rootUri` is what older clients send instead of folders
        None => params.root_uri.iter().filter_map(from_uri).collect(),
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let caps = ClientCaps::read(&params.capabilities);
        let _ = self.shared.caps.set(caps);
        let init = params
            .initialization_options
            .as_ref()
            .map(|v| EditorSettings::from_json(v.get(SECTION).unwrap_or(v)))
            .unwrap_or_default();
        if let Some(level) = init.log_level {
            self.shared.log.set_level(level);
        }
        let errors = init.errors.clone();
        {
            let mut configs = self.configs();
            configs.set_folders(folders_of(&params));
            configs.set_global(init);
        }
        // Messages cannot go out before `initialized`; keep them for then.
        *self.shared.init_errors.lock().unwrap_or_else(|e| e.into_inner()) = errors;
        let client = params.client_info.map(|c| format!("{} {}", c.name, c.version.unwrap_or_default()));
        // On stderr only: the client hears nothing before `initialized`.
        if self.shared.log.enabled(LogLevel::Info) {
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

    async fn initialized(&self, _: InitializedParams) {
        self.shared.initialized.store(true, Ordering::SeqCst);
        // In a task of its own: it waits on the client, and must not hold one of
        // tower-lsp's few handler slots while edits queue behind it.
        let backend = self.clone();
        tokio::spawn(async move { backend.start().await });
        // The analysis builds its automata on first use: build them now, off the
        // handlers, so the first document opened is not the one that waits.
        tokio::task::spawn_blocking(debrief_core::warm_up);
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.shared.lifecycle.shut_down();
        self.shared.log.info("shutting down").await;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path().ok();
        let (config, loaded) = {
            let mut configs = self.configs();
            let config = configs.resolve(path.as_deref());
            (config, configs.take_loaded())
        };
        let opened = self.next_serial();
        self.docs().insert(doc.uri.clone(), Document::new(opened, doc.version, &doc.text, path, config));
        if !loaded.is_empty() {
            self.report_config_files(loaded).await;
        }
        self.refresh(&doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.enc();
        // Applied before the first `.await`: see the module docs.
        let applied = {
            let mut docs = self.docs();
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
                self.shared.log.warn(format!("change to {uri}, which is not open; ignored")).await;
                return;
            }
            Some(previous) if previous >= version => {
                self.shared
                    .log
                    .warn(format!("{uri}: version {version} follows version {previous}; applied in the order received"))
                    .await;
            }
            Some(_) => {}
        }
        self.refresh(&uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let lock = self.docs().remove(&uri).map(|d| d.publish_lock);
        if self.caps().pull_diagnostics {
            return;
        }
        if let Some(lock) = lock {
            // After any publication in flight for it, so the clearing comes last.
            let _guard = lock.lock().await;
            if !self.docs().contains_key(&uri) {
                self.publish_diagnostics(&uri, &[], None);
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if self.caps().configuration {
            // The notification's payload varies by client; ask for the section instead.
            if !self.fetch_configuration().await {
                return;
            }
        } else if let Some(settings) = EditorSettings::from_change_notification(&params.settings) {
            let errors = settings.errors.clone();
            self.configs().set_global(settings);
            self.report_settings(errors).await;
        } else {
            return;
        }
        self.reconfigure().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changed: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().ok())
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| CONFIG_NAMES.contains(&n)))
            .collect();
        if !changed.is_empty() {
            self.config_files_changed(changed).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut configs = self.configs();
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
        if self.caps().configuration {
            self.fetch_configuration().await;
        }
        self.reconfigure().await;
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> RpcResult<DocumentDiagnosticReportResult> {
        let full = |result_id: Option<String>, items: Vec<Diagnostic>| {
            DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
                },
            ))
        };
        self.ready().await;
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
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

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let Some(snapshot) = self.snapshot(uri).await.filter(|s| s.is_debrief) else { return Ok(None) };
        let caps = self.caps();
        let only = params.context.only.as_deref();
        let mut out = Vec::new();
        if actions::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
            out.extend(actions::quick_fixes(uri, &snapshot, &params.context.diagnostics, caps.encoding, caps.actions));
        }
        out.extend(actions::word_actions(
            uri,
            &snapshot,
            &params.context.diagnostics,
            params.range,
            caps.encoding,
            only,
        ));
        if actions::wanted(only, FIX_ALL_KIND) && actions::has_safe_fix(&snapshot) {
            let config = &snapshot.config.config;
            out.extend(actions::fix_all_action(uri, &snapshot, config, caps.encoding, caps.actions));
        }
        Ok(Some(out))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> RpcResult<Option<serde_json::Value>> {
        if params.command != words::ADD_WORD_COMMAND {
            return Err(tower_lsp::jsonrpc::Error::invalid_params(format!("unknown command {}", params.command)));
        }
        let argument = params.arguments.first().cloned().and_then(|a| serde_json::from_value::<words::AddWord>(a).ok());
        let Some(add) = argument else {
            return Err(tower_lsp::jsonrpc::Error::invalid_params("expected { uri, list, word }"));
        };
        let Some(snapshot) = self.snapshot(&add.uri).await else {
            return Err(tower_lsp::jsonrpc::Error::invalid_params(format!("{} is not open", add.uri)));
        };
        let loaded = &snapshot.config.loaded;
        let path = words::target(loaded.path.as_deref(), &loaded.root);
        let before = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return self.word_not_added(&path, &e.to_string()).await,
        };
        match words::with_word(&before, add.list, &add.word) {
            Err(problem) => return self.word_not_added(&path, &problem).await,
            Ok(None) => {}
            Ok(Some(after)) => {
                if let Err(e) = words::write_whole(&path, &after) {
                    return self.word_not_added(&path, &e.to_string()).await;
                }
                self.shared.log.info(&format!("added {:?} to {}", add.word, path.display())).await;
            }
        }
        self.config_files_changed(vec![path]).await;
        Ok(None)
    }

    async fn code_action_resolve(&self, mut action: CodeAction) -> RpcResult<CodeAction> {
        let Some(data) = action.data.clone().and_then(|d| serde_json::from_value::<FixAllData>(d).ok()) else {
            return Ok(action);
        };
        let Some(snapshot) = self.snapshot(&data.uri).await else { return Ok(action) };
        if snapshot.version == data.version {
            let caps = self.caps();
            action.edit =
                actions::fix_all_edit(&data.uri, &snapshot, &snapshot.config.config, caps.encoding, caps.actions);
        }
        Ok(action)
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&at.text_document.uri).await.filter(|s| s.is_debrief) else {
            return Ok(None);
        };
        // A position inside a surrogate pair is refused rather than guessed.
        let Ok(offset) = position::to_byte(&snapshot.rope, at.position, self.enc()) else { return Ok(None) };
        let mut sections: Vec<String> = Vec::new();
        let mut range = None;
        let mut seen: Vec<&str> = Vec::new();
        for d in &snapshot.analysis.diagnostics {
            let under = d.range.contains(&offset) || (d.range.is_empty() && d.range.start == offset);
            if !under || seen.contains(&d.rule) {
                continue;
            }
            seen.push(d.rule);
            let Some(rule) = rules::by_id(d.rule) else { continue };
            range.get_or_insert_with(|| position::to_range(&snapshot.rope, &d.range, self.enc()));
            sections.push(format!("**{}**\n\n{}", d.message, rules::render_docs(rule)));
        }
        if sections.is_empty() {
            return Ok(None);
        }
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range,
        }))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> RpcResult<Option<DocumentSymbolResponse>> {
        let uri = &params.text_document.uri;
        let Some(snapshot) = self.snapshot(uri).await.filter(|s| s.is_debrief) else { return Ok(None) };
        let symbols = outline::document_symbols(snapshot.outline(), &snapshot.rope, self.enc());
        Ok(Some(if self.caps().hierarchical_symbols {
            DocumentSymbolResponse::Nested(symbols)
        } else {
            DocumentSymbolResponse::Flat(outline::flat_symbols(symbols, uri))
        }))
    }

    async fn code_lens(&self, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await.filter(|s| s.is_debrief) else {
            return Ok(None);
        };
        Ok(Some(outline::code_lenses(snapshot.outline(), &snapshot.rope, self.enc())))
    }
}
