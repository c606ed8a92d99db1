//! Which rules there are: each one's id and its level when configuration says nothing, in
//! the order of [`crate::rules::REGISTRY`]. Configuration checks `[rules]` against this
//! list, so it sits below the rules; everything else about a rule (its docs, triggers and
//! checks) is in its own file under `rules/`, and a test there holds the two lists equal.

use crate::config::RuleLevel;
use RuleLevel::{Error, Info, Off, Warning};

/// Every rule's id and default level, in [`crate::rules::REGISTRY`]'s order.
pub const RULES: &[(&str, RuleLevel)] = &[
    ("blame-named-person", Warning),
    ("blame-judgement", Warning),
    ("blame-counterfactual", Warning),
    ("blame-interrogation", Warning),
    ("cause-human-error", Error),
    ("cause-single-root", Info),
    ("followups-too-many", Warning),
    ("followups-no-owner", Info),
    ("followups-prevention-only", Info),
    ("timeline-missing", Warning),
    ("timeline-entry-no-time", Warning),
    ("timeline-out-of-order", Warning),
    ("timeline-gap", Info),
    ("timeline-missing-milestone", Warning),
    ("timeline-no-timezone", Info),
    ("soak-too-soon", Info),
    ("soak-too-late", Info),
    ("term-post-mortem", Off),
    ("front-matter-invalid", Warning),
];

/// The index of a rule id in [`RULES`] (and in [`crate::rules::REGISTRY`]).
pub fn index_of(id: &str) -> Option<usize> {
    RULES.iter().position(|(known, _)| *known == id)
}

/// The known id closest to a mistyped one, for "did you mean".
pub fn closest_id(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|&(known, _)| (edit_distance(id, known), known))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
