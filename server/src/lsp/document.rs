//! Open documents: their text (a rope, edited in place), version and configuration, and
//! the latest analysis of them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use debrief_core::{Analysis, Incremental};
use ropey::Rope;
use tower_lsp::lsp_types::{self as lsp, Url};

use super::config::DocConfig;
use super::convert;
use super::position::{Encoding, Positions};

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// Unique to this opening, so analyses of a closed and reopened document at the
    /// same version are not mistaken for each other.
    pub opened: u64,
    /// The version the client last sent.
    pub version: i32,
    /// The text at that version.
    pub rope: Rope,
    /// On disk, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// The configuration it is analysed with; set with [`Document::set_config`].
    pub config: Arc<DocConfig>,
    /// Whether the path alone makes it a debrief, under that configuration.
    pub included_by_path: bool,
    /// The latest analysis, when it is of this version and configuration.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The snapshot whose diagnostics were published last.
    pub published: Option<Published>,
    /// Held while deciding to publish and publishing, so two publications for one
    /// document cannot overtake each other.
    pub publish_lock: Arc<tokio::sync::Mutex<()>>,
    /// What the last analysis parsed, for the next one to reuse.
    pub incremental: Arc<Mutex<Incremental>>,
}

impl Document {
    /// A newly opened document.
    pub fn new(opened: u64, version: i32, text: &str, path: Option<PathBuf>, config: Arc<DocConfig>) -> Self {
        Document {
            opened,
            version,
            rope: Rope::from_str(text),
            included_by_path: path.as_deref().is_some_and(|p| config.includes(p)),
            path,
            config,
            snapshot: None,
            published: None,
            publish_lock: Arc::default(),
            incremental: Arc::default(),
        }
    }

    /// Switches to another configuration. Snapshots made with the old one become stale
    /// through their generation.
    pub fn set_config(&mut self, config: Arc<DocConfig>) {
        if !Arc::ptr_eq(&self.config, &config) {
            self.included_by_path = self.path.as_deref().is_some_and(|p| config.includes(p));
            self.config = config;
        }
    }

    /// The snapshot, if it is of the current text and configuration.
    pub fn current_snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot.clone().filter(|s| self.is_current(s))
    }

    /// Whether `snapshot` was made from the current text and configuration.
    pub fn is_current(&self, snapshot: &Snapshot) -> bool {
        snapshot.opened == self.opened
            && snapshot.version == self.version
            && snapshot.generation == self.config.generation
    }

    /// What an analysis needs, cheap to take under the store's lock: ropes share their
    /// nodes, so the clone is O(1).
    pub fn analysis_input(&self) -> AnalysisInput {
        AnalysisInput {
            opened: self.opened,
            version: self.version,
            rope: self.rope.clone(),
            config: self.config.clone(),
            included_by_path: self.included_by_path,
            incremental: self.incremental.clone(),
        }
    }
}

/// Which analysis a publication came from: same key, same diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The document version.
    pub version: i32,
    /// The configuration generation.
    pub generation: u64,
}

/// The most findings shown for one document. Past this an editor gains nothing (no one
/// reads the rest) and memory does not stay bounded: each published finding costs
/// about 25 KB while tower-lsp serialises it, so a 1 MB paragraph of blame (35,000
/// findings) peaked at 850 MB. The rest are counted and logged; fix-all and hover still
/// see every finding.
pub const MAX_PUBLISHED: usize = 1000;

/// The open documents, by URI.
pub type DocumentMap = HashMap<Url, Document>;

/// A document's text and configuration at one version, to analyse outside the lock.
#[derive(Debug, Clone)]
pub struct AnalysisInput {
    /// The document's opening.
    pub opened: u64,
    /// The version.
    pub version: i32,
    /// The text.
    pub rope: Rope,
    /// The configuration.
    pub config: Arc<DocConfig>,
    /// Whether the path alone makes it a debrief.
    pub included_by_path: bool,
    /// The document's reusable parse.
    pub incremental: Arc<Mutex<Incremental>>,
}

/// One analysis of one version of a document, with its diagnostics printed for the
/// client or converted on demand.
#[derive(Debug)]
pub struct Snapshot {
    /// Unique across the server's life; the pull-diagnostics `resultId`.
    pub serial: u64,
    /// The document's opening.
    pub opened: u64,
    /// The document version analysed.
    pub version: i32,
    /// The configuration generation used.
    pub generation: u64,
    /// The configuration used (fix-all applies fixes with it).
    pub config: Arc<DocConfig>,
    /// The text analysed.
    pub rope: Rope,
    /// Whether it is a debrief; if not, it gets no diagnostics, symbols or lenses.
    pub is_debrief: bool,
    /// The core's findings (byte ranges); its outline is left empty.
    pub analysis: Analysis,
    /// The outline, computed when symbols or code lenses are first asked for: typing
    /// need not pay for it.
    outline: std::sync::OnceLock<debrief_core::Outline>,
    /// The document's analyses, whose last parse the outline reuses when it is of this
    /// version.
    incremental: Arc<Mutex<Incremental>>,
    /// The document and how the client counts columns, for converting the findings.
    uri: Url,
    enc: Encoding,
    /// The findings as the client sees them, converted when first asked for (see
    /// [`Snapshot::diagnostics`]).
    diagnostics: std::sync::OnceLock<Vec<lsp::Diagnostic>>,
    /// Those findings' JSON, ready for `publishDiagnostics`, when the server pushes
    /// them: typing then neither converts them nor drops what converting made.
    pub printed: Option<Vec<u8>>,
    /// How many findings are shown: the first [`MAX_PUBLISHED`]; none when not a debrief.
    pub shown: usize,
    /// Findings past [`MAX_PUBLISHED`], not shown.
    pub not_shown: usize,
}

/// The rope's text, copied once into a string of its length (`to_string` formats it
/// chunk by chunk into a string that grows, copying it again at each doubling).
fn text_of(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    rope.chunks().for_each(|chunk| text.push_str(chunk));
    text
}

impl Snapshot {
    /// Analyses `input`, and prints its findings for `publishDiagnostics` if `print`.
    /// This is the only place the server calls the analysis.
    pub fn analyse(uri: &Url, input: AnalysisInput, enc: Encoding, serial: u64, print: bool) -> Self {
        let text = text_of(&input.rope);
        let config = &input.config.config;
        let found = |analysis: &Analysis| {
            let is_debrief = input.included_by_path || analysis.declares_debrief;
            if is_debrief {
                analysis.diagnostics.len().min(MAX_PUBLISHED)
            } else {
                0
            }
        };
        // The findings are placed in the text analysed: the copy the analysis keeps for
        // the next version's, not one of their own.
        let printed = |analysis: &Analysis, text: &str| {
            print.then(|| {
                let shown = &analysis.diagnostics[..found(analysis)];
                let positions = Positions::new(text, enc);
                convert::print_diagnostics(uri, &positions, shown.iter(), input.version, input.config.generation)
            })
        };
        // Two analyses of one document at once (a push and a pull) are rare; the second
        // parses the whole text rather than wait. A panic in an earlier analysis leaves
        // the last parse as it was, still a sound base.
        let reusing = |mut incremental: MutexGuard<'_, Incremental>, text: String| {
            let analysis = incremental.analyse(text, config);
            let printed = printed(&analysis, incremental.text().unwrap_or_default());
            (analysis, printed)
        };
        let (analysis, printed) = match input.incremental.try_lock() {
            Ok(guard) => reusing(guard, text),
            Err(TryLockError::Poisoned(poisoned)) => reusing(poisoned.into_inner(), text),
            Err(TryLockError::WouldBlock) => {
                let analysis = debrief_core::analyse_without_outline(&text, config);
                let printed = printed(&analysis, &text);
                (analysis, printed)
            }
        };
        let is_debrief = input.included_by_path || analysis.declares_debrief;
        let shown = found(&analysis);
        let not_shown = if is_debrief { analysis.diagnostics.len() - shown } else { 0 };
        Snapshot {
            serial,
            opened: input.opened,
            version: input.version,
            generation: input.config.generation,
            config: input.config,
            rope: input.rope,
            is_debrief,
            analysis,
            outline: std::sync::OnceLock::new(),
            incremental: input.incremental,
            uri: uri.clone(),
            enc,
            diagnostics: std::sync::OnceLock::new(),
            printed,
            shown,
            not_shown,
        }
    }

    /// The findings as the client sees them, the first [`MAX_PUBLISHED`]; empty when not
    /// a debrief. Converted on first use: pulled diagnostics and code actions need them,
    /// pushing them does not.
    pub fn diagnostics(&self) -> &[lsp::Diagnostic] {
        self.diagnostics.get_or_init(|| {
            let text = text_of(&self.rope);
            let positions = Positions::new(&text, self.enc);
            let shown = &self.analysis.diagnostics[..self.shown];
            let id = |index| convert::FindingId { version: self.version, generation: self.generation, index };
            shown.iter().enumerate().map(|(i, d)| convert::diagnostic(&self.uri, &positions, d, id(i))).collect()
        })
    }

    /// The outline of the analysed text: from the parts of the document's last analysis
    /// when that is of this text (on the 10,000-line debrief, 7 ms parsed afresh), else
    /// parsed afresh. The analysis is locked only to take out what the outline needs, so
    /// the next keystroke's analysis does not wait for it.
    pub fn outline(&self) -> &debrief_core::Outline {
        self.outline.get_or_init(|| {
            let text = text_of(&self.rope);
            let base = match self.incremental.try_lock() {
                Ok(incremental) => incremental.outline_base(),
                Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().outline_base(),
                Err(TryLockError::WouldBlock) => None,
            };
            match base.filter(|b| b.text() == text) {
                Some(base) => base.outline(&self.config.config),
                None => debrief_core::outline_of(&text, &self.config.config),
            }
        })
    }

    /// What a publication of this snapshot is.
    pub fn published(&self) -> Published {
        Published { version: self.version, generation: self.generation }
    }

    /// The pull-diagnostics result id.
    pub fn result_id(&self) -> String {
        self.serial.to_string()
    }
}
