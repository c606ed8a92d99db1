//! Runs the rules over a document: one pass over the prose finds every rule's trigger
//! phrases (one lazy DFA for all of them), then structural checks run once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, PoisonError};

use regex_automata::meta::{Cache, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::Input;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, Repetition};

use crate::config::{Config, PhraseRulesKey};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, PhraseAt, Placed, SectionKind};
use crate::rules::{Context, PhraseHit, Report, REGISTRY};

/// The trigger phrases of every rule, and which rule and trigger each phrase is.
struct PhraseIndex {
    /// Every phrase, lowercase, in one pattern shaped as a trie (see [`trie_pattern`]).
    matcher: Regex,
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
    // The lazy DFA scans the prose in less than half the instructions an Aho-Corasick
    // DFA of the same phrases took. It searches a lowercase copy of the prose: matching
    // case-insensitively made an automaton that took longer to build (on every start of
    // the server or `check`) than the copy takes on a debrief.
    let mut phrases: Vec<&[u8]> = owners.keys().map(Vec::as_slice).collect();
    phrases.sort_unstable();
    // The expression is put together directly rather than written out and parsed:
    // parsing a pattern this long was a third of what `check` of a small debrief did.
    let trie = trie_hir(&phrases, 0);
    // Built on every start of the server or `check`: no literal prefilter (there is none
    // to find in phrases this many, and looking costs more than the rest of the build),
    // no captures, and only the lazy DFA with the NFA under it.
    let config = Regex::config()
        .auto_prefilter(false)
        .which_captures(WhichCaptures::Implicit)
        .onepass(false)
        .backtrack(false)
        .nfa_size_limit(Some(64 << 20))
        .hybrid_cache_capacity(8 << 20);
    let matcher = Regex::builder().configure(config).build_from_hir(&trie).expect("trigger phrases build");
    PhraseIndex { matcher, owners }
});

/// Sorted `phrases`, which share their first `depth` bytes, as one expression that shares
/// their prefixes: what [`trie_pattern`] writes, without the writing and parsing.
fn trie_hir(phrases: &[&[u8]], depth: usize) -> Hir {
    let mut items = Vec::new();
    trie_items(phrases, depth, &mut items);
    Hir::concat(items)
}

/// Appends the expression of [`trie_hir`] to `items`, a concatenation: a run of bytes
/// that every phrase shares goes in as it is, and one alternation where they part.
fn trie_items(phrases: &[&[u8]], depth: usize, items: &mut Vec<Hir>) {
    let ends_here = phrases.first().is_some_and(|p| p.len() == depth);
    let longer = &phrases[usize::from(ends_here)..];
    let branches: Vec<&[&[u8]]> = longer.chunk_by(|a, b| a[depth] == b[depth]).collect();
    let byte = |b: u8| match b {
        b' ' => {
            let spaces = [b'\t', b'\n', 0x0C, b'\r', b' '].map(|b| ClassBytesRange::new(b, b));
            let class = Hir::class(Class::Bytes(ClassBytes::new(spaces)));
            Hir::repetition(Repetition { min: 1, max: None, greedy: true, sub: Box::new(class) })
        }
        b => Hir::literal([b]),
    };
    if branches.len() > 1 || (ends_here && !branches.is_empty()) {
        let choices = branches
            .iter()
            .map(|branch| {
                let mut sub = vec![byte(branch[0][depth])];
                trie_items(branch, depth + 1, &mut sub);
                Hir::concat(sub)
            })
            .collect();
        let choice = Hir::alternation(choices);
        items.push(if ends_here {
            Hir::repetition(Repetition { min: 0, max: Some(1), greedy: true, sub: Box::new(choice) })
        } else {
            choice
        });
    } else if let Some(branch) = branches.first() {
        items.push(byte(branch[0][depth]));
        trie_items(branch, depth + 1, items);
    }
}

/// Writes sorted `phrases`, which share their first `depth` bytes, as one pattern that
/// shares their prefixes (a plain alternation of ~200 phrases made an automaton that took
/// longer to build than to run on a debrief). Where one phrase goes on past another
/// ("should have", "should have been"), the rest is a greedy option, so the longest
/// phrase starting at a place wins. A space matches any run of ASCII whitespace, so
/// phrases match across line wraps and markup masked out ("should\n  have",
/// "should **have**").
#[cfg(test)]
fn trie_pattern(phrases: &[&[u8]], depth: usize, out: &mut String) {
    let ends_here = phrases.first().is_some_and(|p| p.len() == depth);
    let longer = &phrases[usize::from(ends_here)..];
    let branches: Vec<&[&[u8]]> = longer.chunk_by(|a, b| a[depth] == b[depth]).collect();
    let group = branches.len() > 1 || (ends_here && !branches.is_empty());
    if group {
        out.push_str("(?:");
    }
    for (i, branch) in branches.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        match branch[0][depth] {
            b' ' => out.push_str(r"[\t\n\x0C\r ]+"),
            b if b.is_ascii_alphanumeric() => out.push(char::from(b)),
            b => out.push_str(&format!("\\x{b:02X}")),
        }
        trie_pattern(branch, depth + 1, out);
    }
    if group {
        out.push_str(if ends_here { ")?" } else { ")" });
    }
}

/// Every trigger phrase standing as whole words in the document's masked prose: where it
/// is, and which rule and trigger it is. Each part of the document is scanned once; a
/// part reused from an earlier version keeps what its scan found. A phrase never runs
/// across a heading.
#[cfg(test)]
fn phrases_of<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = PhraseAt> + 'd {
    doc.parts().iter().flat_map(|placed| phrases_of_part(doc, placed))
}

/// The trigger phrases of one part of `doc`, where they are in the document.
fn phrases_of_part<'d>(doc: &'d Document<'_>, placed: &'d Placed) -> impl Iterator<Item = PhraseAt> + 'd {
    let start = placed.start;
    hits_of(doc, placed).iter().map(move |(r, owner)| (r.start + start..r.end + start, *owner))
}

/// The trigger phrases of one part, from its start: scanned once, kept with the part.
fn hits_of<'d>(doc: &Document<'_>, placed: &'d Placed) -> &'d [PhraseAt] {
    placed.part.phrase_hits.get_or_init(|| phrases_in(&doc.masked[placed.range()], placed.segments()))
}

/// Builds the trigger phrases' automaton now, if it is not built yet.
pub(crate) fn prepare() {
    LazyLock::force(&INDEX);
}

/// Finds the trigger phrases of every part of the document not scanned yet, the parts
/// in parallel, for [`run`] to read.
pub(crate) fn find_phrases(doc: &Document<'_>) {
    use rayon::prelude::*;
    doc.parts().par_iter().for_each(|placed| {
        hits_of(doc, placed);
    });
}

/// Every trigger phrase standing as whole words in `masked`, within one of `segments`:
/// where it is, and which rule and trigger it is.
fn phrases_in(masked: &str, segments: impl Iterator<Item = Range<usize>>) -> Vec<PhraseAt> {
    // Each thread keeps its own search cache: taking one from the regex's shared pool
    // for every segment made `check`'s threads wait on each other.
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(INDEX.matcher.create_cache());
    }
    let lowered = masked.to_ascii_lowercase().into_bytes();
    let is_word_at = |i: Option<usize>| i.and_then(|i| lowered.get(i)).is_some_and(|&b| is_word_byte(b));
    let mut hits = Vec::new();
    CACHE.with_borrow_mut(|cache| {
        for segment in segments {
            let mut input = Input::new(&lowered).range(segment);
            while let Some(m) = INDEX.matcher.search_with(cache, &input) {
                input.set_start(m.end().max(m.start() + 1));
                if is_word_at(m.start().checked_sub(1)) || is_word_at(Some(m.end())) {
                    continue;
                }
                if let Some(owner) = INDEX.owners.get(&phrase_key(&lowered[m.range()])) {
                    hits.push((m.range(), *owner));
                }
            }
        }
    });
    hits
}

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

/// Runs every enabled rule and returns the findings, unsorted and unsuppressed. In a long
/// document, the parts' phrases, and then the rules' checks, are taken on at once; the
/// findings come in the same order either way.
pub(crate) fn run(ctx: &Context<'_>, config: &Config) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let enabled: Vec<Option<Severity>> = (0..REGISTRY.len()).map(|i| config.severity_of(i)).collect();
    let parallel = crate::in_parallel(ctx.doc);
    let apart = |found: Vec<Vec<Diagnostic>>| found.into_iter().flatten();
    let mut out = Vec::new();
    if enabled.iter().zip(REGISTRY.iter()).any(|(s, r)| s.is_some() && !r.triggers.is_empty()) {
        let parts = ctx.doc.parts();
        if parallel {
            out.extend(apart(parts.par_iter().map(|p| on_phrases(ctx, p, &enabled, Vec::new())).collect()));
        } else {
            out = parts.iter().fold(out, |out, p| on_phrases(ctx, p, &enabled, out));
        }
    }
    if parallel {
        out.extend(apart((0..REGISTRY.len()).into_par_iter().map(|r| check(ctx, r, &enabled, Vec::new())).collect()));
    } else {
        out = (0..REGISTRY.len()).fold(out, |out, r| check(ctx, r, &enabled, out));
    }
    out
}

/// What the phrase rules found at the trigger phrases of one part of a document, kept
/// with the part while the document's next versions reuse it: a keystroke then costs the
/// rules' work in the part it touched, not in every part.
#[derive(Debug)]
pub(crate) struct PartFindings {
    /// The configuration they were found with.
    config: PhraseRulesKey,
    /// The kinds of section over the part ([`Document::section_kinds_over`]), which
    /// headings before it decide. Everything else the rules read at a phrase is in the
    /// part: its block, its sentence, the links and headings in it.
    kinds: Vec<(usize, SectionKind)>,
    /// Where the part started in the document.
    start: usize,
    found: Vec<Diagnostic>,
}

/// `out` with what the phrase rules find at the trigger phrases of one part of the
/// document: found again, or, when the part is kept and nothing they read changed, as
/// found last time, moved to where the part is now.
fn on_phrases(
    ctx: &Context<'_>,
    part: &Placed,
    enabled: &[Option<Severity>],
    mut out: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if !ctx.doc.keeps_parts {
        return find_on_phrases(ctx, part, enabled, out);
    }
    let config = ctx.config.phrase_rules_key();
    let kinds = || ctx.doc.section_kinds_over(part.range());
    let kept = || part.part.phrase_findings.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(k) = kept().as_ref().filter(|k| k.config == config && k.kinds.iter().copied().eq(kinds())) {
        let by = part.start as isize - k.start as isize;
        out.extend(k.found.iter().map(|d| d.moved(by)));
        return out;
    }
    let found = find_on_phrases(ctx, part, enabled, Vec::new());
    out.extend(found.iter().cloned());
    *kept() = Some(PartFindings { config, kinds: kinds().collect(), start: part.start, found });
    out
}

/// `out` with what the phrase rules find at the trigger phrases of one part.
fn find_on_phrases(
    ctx: &Context<'_>,
    part: &Placed,
    enabled: &[Option<Severity>],
    mut out: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    // Blocks never run across parts, so neither do quotations.
    let mut quotes = QuoteTracker::default();
    for (Range { start, end }, (r, t)) in phrases_of_part(ctx.doc, part) {
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
    out
}

/// `out` with what rule `r`'s check of the whole document finds, if it is enabled.
fn check(ctx: &Context<'_>, r: usize, enabled: &[Option<Severity>], mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if let Some(severity) = enabled[r] {
        let rule = REGISTRY[r];
        (rule.check)(ctx, &mut Report::new(rule.meta.id, severity, &mut out));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(&'static str, &str)> {
        let doc = Document::parse(text);
        phrases_of(&doc).map(|(range, (r, _))| (REGISTRY[r].meta.id, &text[range])).collect()
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
    fn the_expression_put_together_is_the_pattern_parsed() {
        let mut phrases: Vec<&[u8]> = INDEX.owners.keys().map(Vec::as_slice).collect();
        phrases.sort_unstable();
        let mut pattern = String::new();
        trie_pattern(&phrases, 0, &mut pattern);
        let parsed = regex_syntax::ParserBuilder::new()
            .case_insensitive(false)
            .unicode(false)
            .utf8(false)
            .build()
            .parse(&pattern)
            .expect("the pattern parses");
        assert_eq!(trie_hir(&phrases, 0), parsed);
        // And on a small trie with every shape: a phrase inside another, a space, a
        // byte that is escaped.
        let small: Vec<&[u8]> = vec![b"at fault", b"should have", b"should have been", b"slip-up", b"x"];
        let mut pattern = String::new();
        trie_pattern(&small, 0, &mut pattern);
        let parsed = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(&pattern).unwrap();
        assert_eq!(trie_hir(&small, 0), parsed, "{pattern}");
    }

    #[test]
    fn keys_collapse_whitespace_and_case() {
        assert_eq!(phrase_key(b"Human \n\t Error"), b"human error");
    }
}
