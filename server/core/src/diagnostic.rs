//! What the analysis returns: findings with byte ranges, and the fixes that go with them.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails CI under the default `--fail-on warning`.
    Info,
    /// Should be addressed before the debrief is shared.
    Warning,
    /// Blocks learning outright (for example "human error" given as a cause).
    Error,
}

impl Severity {
    /// The lowercase name used in configuration and output formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a fix can be trusted to keep the author's meaning.
///
/// Ordered, so "apply every fix at least this safe" is one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the author as a suggestion; never applied by a tool.
    DisplayOnly,
    /// Changes meaning (a reframing): offered in the editor, applied by
    /// `check --fix` only with `--unsafe-fixes`.
    Unsafe,
    /// Mechanical and meaning-preserving: applied by `check --fix`.
    Safe,
}

/// One replacement of a byte range of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    /// The bytes replaced; empty for an insertion.
    pub range: Range<usize>,
    /// What replaces them.
    pub new_text: String,
}

impl Edit {
    /// Replaces `range` with `new_text`.
    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> Self {
        Edit { range, new_text: new_text.into() }
    }

    /// Inserts `new_text` at `offset`.
    pub fn insert(offset: usize, new_text: impl Into<String>) -> Self {
        Edit { range: offset..offset, new_text: new_text.into() }
    }
}

/// A set of edits that together resolve a finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    /// Starts with a verb: "Rewrite as what happened".
    pub title: String,
    /// Non-overlapping edits, sorted by start offset.
    pub edits: Vec<Edit>,
    /// Whether a tool may apply it without asking.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix made of one edit.
    pub fn new(title: impl Into<String>, edit: Edit, applicability: Applicability) -> Self {
        Fix { title: title.into(), edits: vec![edit], applicability }
    }
}

/// A second place in the text that explains a finding (the entry before an
/// out-of-order one, both ends of a gap).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Related {
    /// Byte range of the related text.
    pub range: Range<usize>,
    /// What it is, in a few words.
    pub message: String,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// The rule's stable id, e.g. `blame-counterfactual`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    /// Short, neutral, says what to do next.
    pub message: String,
    /// Fixes, best first.
    pub fixes: Vec<Fix>,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A copy with every range in it (its own, its fixes', its related places') moved
    /// `by` bytes: a finding kept from an earlier version of a document, for where the
    /// text it is about sits now.
    pub(crate) fn moved(&self, by: isize) -> Diagnostic {
        let shift = |r: &Range<usize>| r.start.wrapping_add_signed(by)..r.end.wrapping_add_signed(by);
        let fix = |f: &Fix| Fix {
            title: f.title.clone(),
            edits: f.edits.iter().map(|e| Edit { range: shift(&e.range), new_text: e.new_text.clone() }).collect(),
            applicability: f.applicability,
        };
        Diagnostic {
            rule: self.rule,
            severity: self.severity,
            range: shift(&self.range),
            message: self.message.clone(),
            fixes: self.fixes.iter().map(fix).collect(),
            related: self
                .related
                .iter()
                .map(|r| Related { range: shift(&r.range), message: r.message.clone() })
                .collect(),
        }
    }
}
