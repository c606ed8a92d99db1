//! The server's state: what the client can do, the open documents and their
//! configuration, and the one way to get a document's analysis ([`Backend::snapshot`]).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch};
use tower_lsp::lsp_types::*;
use tower_lsp::Client;

use crate::lsp::actions::ActionSupport;
use crate::lsp::config::ConfigStore;
use crate::lsp::document::{DocumentMap, Snapshot};
use crate::lsp::log::{initial_level, LogLevel, Logger};
use crate::lsp::position::Encoding;
use crate::lsp::Lifecycle;

/// Documents larger than this are analysed on a blocking thread, so requests keep being
/// served meanwhile. Smaller ones (a 10,000-line debrief is 0.6 MB, about 3 ms) are
/// analysed where the change arrived: at 256 KB the hand-off to another thread put the
/// 10,000-line debrief's p99 keystroke at 7.1 ms against 5.6 ms without it, and the
/// runtime's second worker serves requests meanwhile.
const BLOCKING_ANALYSIS_BYTES: usize = 1024 * 1024;

/// How long to wait for the client's first `workspace/configuration` answer before
/// analysing with what is known.
pub(super) const CONFIGURATION_TIMEOUT: Duration = Duration::from_secs(2);

/// What the client said it can do, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClientCaps {
    pub(super) encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); then none are pushed,
    /// or they would show twice.
    pub(super) pull_diagnostics: bool,
    pub(super) diagnostic_refresh: bool,
    pub(super) configuration: bool,
    pub(super) watched_files_dynamic: bool,
    pub(super) configuration_dynamic: bool,
    pub(super) hierarchical_symbols: bool,
    pub(super) code_lens_refresh: bool,
    /// The client shows inlay hints (`textDocument.inlayHint`); only then are they offered.
    pub(super) inlay_hints: bool,
    pub(super) inlay_hint_refresh: bool,
    pub(super) actions: ActionSupport,
}

impl ClientCaps {
    pub(super) fn read(caps: &ClientCapabilities) -> Self {
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
            inlay_hints: text.and_then(|t| t.inlay_hint.as_ref()).is_some(),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
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
    pub(super) shared: Arc<Shared>,
}

#[derive(Debug)]
pub(super) struct Shared {
    pub(super) client: Client,
    /// Framed messages straight to the client's output (see [`Backend::publish_diagnostics`]).
    pub(super) out: mpsc::UnboundedSender<Vec<u8>>,
    /// Set by `initialized`: diagnostics go out only after it, as tower-lsp's own
    /// notifications do.
    pub(super) initialized: AtomicBool,
    pub(super) log: Logger,
    pub(super) lifecycle: Arc<Lifecycle>,
    pub(super) caps: OnceLock<ClientCaps>,
    pub(super) docs: Mutex<DocumentMap>,
    pub(super) configs: Mutex<ConfigStore>,
    /// Whether the first configuration is in; nothing is pushed before (and pulls wait
    /// a little), so a rule the settings turn off never flashes up.
    pub(super) ready: watch::Sender<bool>,
    /// Source of snapshot serials and document open ids.
    pub(super) serial: AtomicU64,
    /// Problems last shown for each configuration file, and for the editor settings
    /// (under an empty path), so each is shown once rather than on every load.
    pub(super) shown: Mutex<HashMap<PathBuf, Vec<String>>>,
    /// What `initializationOptions` had wrong, shown once the client can hear it.
    pub(super) init_errors: Mutex<Vec<String>>,
    /// The last `workspace/configuration` answer.
    pub(super) last_answer: Mutex<Option<Vec<serde_json::Value>>>,
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

    pub(super) fn caps(&self) -> ClientCaps {
        self.shared.caps.get().copied().unwrap_or_default()
    }

    pub(super) fn enc(&self) -> Encoding {
        self.caps().encoding
    }

    pub(super) fn docs(&self) -> MutexGuard<'_, DocumentMap> {
        // A panic while holding the lock leaves consistent data (every update is one
        // assignment); keep serving.
        self.shared.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn configs(&self) -> MutexGuard<'_, ConfigStore> {
        self.shared.configs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn next_serial(&self) -> u64 {
        self.shared.serial.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Analyses the document at `uri` unless its latest analysis is current.
    pub(super) async fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
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
    pub(super) async fn ready(&self) {
        let mut ready = self.shared.ready.subscribe();
        let _ = tokio::time::timeout(CONFIGURATION_TIMEOUT, ready.wait_for(|r| *r)).await;
    }
}
