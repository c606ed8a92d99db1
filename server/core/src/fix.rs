//! Applying fixes to text: one fix's edits, or every fix at least this safe, repeated
//! until the text stops changing (as ruff does), never applying overlapping edits in one
//! round.

use std::fmt;

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Why edits could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// An edit's range is outside the text or not on character boundaries.
    OutOfBounds,
    /// Two edits overlap.
    Overlap,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::OutOfBounds => f.write_str("edit range is outside the text"),
            EditError::Overlap => f.write_str("edits overlap"),
        }
    }
}

impl std::error::Error for EditError {}

/// Applies non-overlapping edits (in any order) to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + sorted.iter().map(|e| e.new_text.len()).sum::<usize>());
    let mut cursor = 0;
    for e in sorted {
        let r = &e.range;
        if r.start > r.end || r.end > text.len() || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return Err(EditError::OutOfBounds);
        }
        if r.start < cursor {
            return Err(EditError::Overlap);
        }
        out.push_str(&text[cursor..r.start]);
        out.push_str(&e.new_text);
        cursor = r.end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

/// What [`fix_all`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied in all.
    pub applied: usize,
    /// Findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// The most rounds of fixing; real documents converge in one or two.
const MAX_ROUNDS: usize = 10;

/// Applies every fix at least as safe as `at_least`, re-analysing after each round
/// until no applicable fix is left (or the text stops changing).
pub fn fix_all(text: &str, config: &Config, at_least: Applicability) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut diagnostics = crate::analyse(&current, config);
    for _ in 0..MAX_ROUNDS {
        let mut chosen: Vec<&Edit> = Vec::new();
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        let mut count = 0;
        for d in &diagnostics {
            let Some(fix) = d.fixes.iter().find(|f| f.applicability >= at_least) else {
                continue;
            };
            let overlaps = fix.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    e.range.start < t.end && t.start < e.range.end
                        || (e.range.start == t.start && e.range.is_empty() && t.is_empty())
                })
            });
            if overlaps {
                continue;
            }
            taken.extend(fix.edits.iter().map(|e| e.range.clone()));
            chosen.extend(fix.edits.iter());
            count += 1;
        }
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<Edit> = chosen.into_iter().cloned().collect();
        let Ok(next) = apply_edits(&current, &edits) else {
            break;
        };
        if next == current {
            break;
        }
        applied += count;
        current = next;
        diagnostics = crate::analyse(&current, config);
    }
    FixOutcome { text: current, applied, remaining: diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_refuse_bad_ranges() {
        let t = "héllo world";
        let out = apply_edits(t, &[Edit::replace(7..12, "there"), Edit::insert(0, ">")]).unwrap();
        assert_eq!(out, ">héllo there");
        assert_eq!(apply_edits(t, &[Edit::replace(2..3, "x")]), Err(EditError::OutOfBounds));
        assert_eq!(apply_edits(t, &[Edit::replace(0..4, "x"), Edit::replace(3..5, "y")]), Err(EditError::Overlap));
        assert_eq!(apply_edits(t, &[Edit::replace(0..99, "x")]), Err(EditError::OutOfBounds));
    }

    #[test]
    fn fixing_twice_changes_nothing_the_second_time() {
        let (config, _) = Config::from_toml("[rules]\nterm-post-mortem = \"warning\"\n");
        let text = "# Post-mortem: database outage\n\nThe post-mortem was held late.\n";
        let once = fix_all(text, &config, Applicability::Safe);
        assert!(once.applied >= 2, "{once:?}");
        let twice = fix_all(&once.text, &config, Applicability::Safe);
        assert_eq!(twice.applied, 0);
        assert_eq!(twice.text, once.text);
    }
}
