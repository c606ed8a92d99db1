//! Runs the rules over a document: one pass over the prose finds every rule's trigger
//! phrases (one lazy DFA for all of them), then structural checks run once.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, PhraseHit, Report, REGISTRY};

/// The trigger phrases of every rule, and which rule and trigger each phrase is.
struct PhraseIndex {
    /// Every phrase in one alternation, longest first, ASCII case ignored.
    matcher: regex::bytes::Regex,
    /// The rule and trigger of each phrase, by its lowercase bytes.
    owners: HashMap<Vec<u8>, (usize, usize)>,
}

static INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let mut owners = HashMap::new();
    for (r, rule) in REGISTRY.iter().enumerate() {
        for (t, trigger) in rule.triggers.iter().enumerate() {
            let curly = trigger.replace('\'', "\u{2019}");
            for phrase in [trigger.to_string(), curly] {
                owners.entry(phrase.to_ascii_lowercase().into_bytes()).or_insert((r, t));
            }
        }
    }
    // Leftmost-first over literals ordered longest first is leftmost-longest: where
    // several phrases start at one place ("should have" and "should have been"), the
    // longest wins. The lazy DFA scans the prose in less than half the instructions an
    // Aho-Corasick DFA of the same phrases took.
    let mut phrases: Vec<&Vec<u8>> = owners.keys().collect();
    phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternation: Vec<String> = phrases
        .iter()
        .map(|p| {
            p.iter()
                .map(|&b| match b {
                    // Across line wraps and removed markup: "should\n  have", "should **have**".
                    b' ' => WHITESPACE_RUN.to_string(),
                    b if b.is_ascii_alphanumeric() => (b as char).to_string(),
                    b => format!("\\x{b:02X}"),
                })
                .collect()
        })
        .collect();
    let matcher = regex::bytes::RegexBuilder::new(&format!("(?i-u:{})", alternation.join("|")))
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("trigger phrases build");
    PhraseIndex { matcher, owners }
});

/// What a space in a phrase matches in the masked prose: a run of ASCII whitespace, so
/// phrases match across line wraps and markup masked out.
const WHITESPACE_RUN: &str = r"[\t\n\x0C\r ]+";

/// A matched phrase as its owner is looked up: lowercase, whitespace runs as one space.
fn phrase_key(matched: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(matched.len());
    for &b in matched {
        if b.is_ascii_whitespace() {
            if key.last() != Some(&b' ') {
                key.push(b' ');
            }
        } else {
            key.push(b.to_ascii_lowercase());
        }
    }
    key
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether hits stand inside quotation marks opened earlier in their block, counted
/// incrementally: hits come in order, so each byte of a block is looked at once (counting
/// from the block's start for every hit was quadratic in a long paragraph).
#[derive(Default)]
struct QuoteTracker {
    block_start: usize,
    scanned_to: usize,
    straight: usize,
    open: usize,
    close: usize,
}

impl QuoteTracker {
    fn inside(&mut self, text: &str, hit: &PhraseHit) -> bool {
        if hit.block.start != self.block_start || hit.range.start < self.scanned_to {
            *self = QuoteTracker { block_start: hit.block.start, scanned_to: hit.block.start, ..Self::default() };
        }
        for c in text[self.scanned_to..hit.range.start].chars() {
            match c {
                '"' => self.straight += 1,
                '\u{201c}' => self.open += 1,
                '\u{201d}' => self.close += 1,
                _ => {}
            }
        }
        self.scanned_to = hit.range.start;
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// Runs every enabled rule and returns the findings, unsorted and unsuppressed.
pub(crate) fn run(ctx: &Context<'_>, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let enabled: Vec<Option<crate::diagnostic::Severity>> =
        (0..REGISTRY.len()).map(|i| config.severity_of(i)).collect();

    if enabled.iter().zip(REGISTRY.iter()).any(|(s, r)| s.is_some() && !r.triggers.is_empty()) {
        let index = &*INDEX;
        let masked = ctx.doc.masked.as_bytes();
        let mut quotes = QuoteTracker::default();
        for m in index.matcher.find_iter(masked) {
            let (start, end) = (m.start(), m.end());
            if (start > 0 && is_word_byte(masked[start - 1])) || masked.get(end).is_some_and(|&b| is_word_byte(b)) {
                continue;
            }
            let Some(&(r, t)) = index.owners.get(&phrase_key(m.as_bytes())) else { continue };
            let Some(severity) = enabled[r] else { continue };
            let Some(block) = ctx.doc.block_at(start) else {
                continue;
            };
            if end > block.range.end {
                continue;
            }
            let hit = PhraseHit { trigger: t, range: start..end, block: block.range.clone() };
            // Quoted words are someone else's, kept as they were said.
            if quotes.inside(ctx.doc.text, &hit) {
                continue;
            }
            let rule = REGISTRY[r];
            (rule.on_phrase)(ctx, &hit, &mut Report::new(rule.meta.id, severity, &mut out));
        }
    }
    for (r, rule) in REGISTRY.iter().enumerate() {
        if let Some(severity) = enabled[r] {
            (rule.check)(ctx, &mut Report::new(rule.meta.id, severity, &mut out));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(&'static str, &str)> {
        let doc = crate::document::Document::parse(text);
        INDEX
            .matcher
            .find_iter(doc.masked.as_bytes())
            .filter_map(|m| {
                let (r, _) = INDEX.owners.get(&phrase_key(m.as_bytes()))?;
                Some((REGISTRY[*r].meta.id, &text[m.range()]))
            })
            .collect()
    }

    #[test]
    fn phrases_match_across_line_wraps_and_removed_markup() {
        let found =
            hits("# Debrief\n\nDana should\n  have noticed it. It was Human   Error; Sam should **have** seen.\n");
        assert!(found.contains(&("blame-counterfactual", "should\n  have")), "{found:?}");
        assert!(found.contains(&("cause-human-error", "Human   Error")), "{found:?}");
        assert!(found.contains(&("blame-counterfactual", "should **have")), "{found:?}");
    }

    #[test]
    fn the_longest_phrase_starting_at_a_place_wins() {
        let starts_alike: Vec<&[u8]> =
            INDEX.owners.keys().map(Vec::as_slice).filter(|k| k.starts_with(b"should have")).collect();
        assert!(starts_alike.len() > 1, "the test needs phrases that start alike: {starts_alike:?}");
        let longest = starts_alike.iter().max_by_key(|k| k.len()).unwrap();
        let text = format!("# Debrief\n\nDana {} it.\n", String::from_utf8_lossy(longest));
        let found = hits(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.as_bytes(), *longest);
    }

    #[test]
    fn keys_collapse_whitespace_and_case() {
        assert_eq!(phrase_key(b"Human \n\t Error"), b"human error");
    }
}
