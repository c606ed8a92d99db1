//! Runs the rules over a document: one pass over the prose finds every rule's trigger
//! phrases (one DFA for all of them, built ahead and stored in the binary), then
//! structural checks run once.

use std::ops::Range;
use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};

use foldhash::{HashMap, HashMapExt};
use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::Input;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, Look, Repetition};

use crate::config::{Config, PhraseRulesKey};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, PartId, Placed, SectionKind};
use crate::rules::{Context, PhraseHit, Report, REGISTRY};

/// A trigger phrase found: where, and which rule and which of its triggers.
pub(crate) type PhraseAt = (Range<usize>, (usize, usize));

/// What the engine found in each part of a document ([`crate::document::Part`]): its
/// trigger phrases, and what the phrase rules found at them. A caller that analyses
/// version after version of a document keeps one, so that the parts an edit left alone
/// are neither scanned nor checked again; a one-off analysis starts with an empty one.
#[derive(Debug, Default)]
pub struct Caches(Vec<(PartId, PartCache)>);

/// What the engine found in one part.
#[derive(Debug, Default)]
pub(crate) struct PartCache {
    /// The trigger phrases in its prose, ranges from the part's start, found once.
    hits: OnceLock<Vec<PhraseAt>>,
    /// What the rules found at those phrases, when the part is kept for the document's
    /// next versions: found again only if what else they read changed.
    findings: Mutex<Option<PartFindings>>,
}

impl Caches {
    /// The caches of `doc`'s parts, in its order, taken out (empty ones for parts not
    /// seen before); the caches of parts no longer in the document are dropped.
    ///
    /// The parts a version keeps from the last come in the same order (those before the
    /// edit, then those after it), and a part parsed since has a newer id than any kept
    /// (ids are handed out in order), so one walk through the last version's caches finds
    /// them, with no lookup table to build at each keystroke.
    pub(crate) fn take(&mut self, doc: &Document<'_>) -> Vec<PartCache> {
        let newest_kept = self.0.iter().map(|(id, _)| *id).max();
        let mut last = std::mem::take(&mut self.0).into_iter();
        let mut cache_of = |id: PartId| {
            if newest_kept.is_none_or(|newest| id > newest) {
                return PartCache::default();
            }
            last.find(|(kept, _)| *kept == id).map(|(_, cache)| cache).unwrap_or_default()
        };
        doc.parts().iter().map(|p| cache_of(p.part.id)).collect()
    }

    /// Keeps the caches [`Caches::take`] gave for `doc`, for its next version.
    pub(crate) fn keep(&mut self, doc: &Document<'_>, caches: Vec<PartCache>) {
        self.0 = doc.parts().iter().map(|p| p.part.id).zip(caches).collect();
    }
}

/// The trigger phrases of every rule, and which rule and trigger each phrase is.
struct PhraseIndex {
    /// Where the leftmost phrase ends: every phrase, lowercase, as one pattern shaped as a
    /// trie (see [`trie_hir`]), searched forward. Where it starts is found from its end
    /// and [`Self::tails`] (see [`phrase_start`]).
    ends: dense::DFA<&'static [u32]>,
    /// Every phrase's tails that start a word ("error" of "human error", "occur" of
    /// "re-occur"), the phrases among them: where a phrase starts is looked for from its
    /// end back, and stops at text no phrase ends with. Each with the rules and triggers
    /// it is for when it is a phrase itself (see [`Owner`]; none when it is not), so that
    /// each place passed is looked up once, not once as a tail and once as a phrase.
    tails: HashMap<Vec<u8>, Vec<Owner>>,
}

/// A rule that hears about a phrase: the rule, its trigger, and how many words of the
/// phrase the trigger is. A rule hears about its triggers also where they start a longer
/// phrase of another rule ("should have" inside "should have known"): the automaton
/// reports the longest phrase at a place, and each rule is told of its own part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owner {
    rule: usize,
    trigger: usize,
    words: usize,
}

static INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let owners = phrase_owners();
    let phrases = sorted_phrases(&owners);
    // Where the stored automata are for other phrases (a rule's triggers changed and
    // `stored_automata_are_current` was not run since), they are built: slower to start,
    // but right.
    let ends = stored_matcher(fingerprint(&phrases)).unwrap_or_else(|| built_matcher(&phrases));
    // The tails after a phrase's first word, with no owners, then the phrases with
    // theirs, moved in rather than copied: this is built at every start of a process.
    let mut tails: HashMap<Vec<u8>, Vec<Owner>> = phrases
        .iter()
        .flat_map(|p| (1..p.len()).filter(|&i| starts_word(p, i)).map(move |i| (p[i..].to_vec(), Vec::new())))
        .collect();
    tails.extend(owners.into_iter().filter(|(phrase, _)| !phrase.is_empty() && starts_word(phrase, 0)));
    PhraseIndex { ends, tails }
});

/// The automaton of `phrases` built now, kept for the rest of the process.
fn built_matcher(phrases: &[&[u8]]) -> dense::DFA<&'static [u32]> {
    Box::leak(Box::new(build_automata(phrases))).as_ref()
}

/// Every rule's trigger phrases, lowercase, with straight and curly apostrophes, and the
/// rules that hear about each: its own, and those whose triggers start it (see [`Owner`]).
fn phrase_owners() -> HashMap<Vec<u8>, Vec<Owner>> {
    let mut direct: HashMap<Vec<u8>, Vec<Owner>> = HashMap::new();
    for (r, rule) in REGISTRY.iter().enumerate() {
        for (t, trigger) in rule.triggers.iter().enumerate() {
            let curly = trigger.replace('\'', "\u{2019}");
            let words = trigger.split(' ').count();
            for phrase in [trigger.to_string(), curly] {
                let owners = direct.entry(phrase.to_ascii_lowercase().into_bytes()).or_default();
                let owner = Owner { rule: r, trigger: t, words };
                // A rule lists a phrase once; the same phrase in two rules is heard by both.
                if !owners.iter().any(|o| o.rule == r) {
                    owners.push(owner);
                }
            }
        }
    }
    let mut owners = direct.clone();
    for (phrase, heard) in &mut owners {
        // The longest of a rule's triggers that starts the phrase is the one it hears.
        let spaces: Vec<usize> = phrase.iter().enumerate().filter(|(_, &b)| b == b' ').map(|(i, _)| i).collect();
        for &cut in spaces.iter().rev() {
            for owner in direct.get(&phrase[..cut]).into_iter().flatten() {
                if !heard.iter().any(|o| o.rule == owner.rule) {
                    heard.push(*owner);
                }
            }
        }
    }
    owners
}

fn sorted_phrases(owners: &HashMap<Vec<u8>, Vec<Owner>>) -> Vec<&[u8]> {
    let mut phrases: Vec<&[u8]> = owners.keys().map(Vec::as_slice).collect();
    phrases.sort_unstable();
    phrases
}

/// The DFA that finds where the leftmost of `phrases` (lowercase) ends in prose, in any
/// case.
///
/// A lazy DFA built it state by state as the prose needed: 3 ms of every process and
/// every thread, more than `check` of a small debrief spends on the debrief. Built whole
/// and minimised it takes 0.1 s, so it is built ahead, stored in `data/phrases.dfa`,
/// and read in place. Matching either case doubles its size (byte
/// classes are ranges, and `A` and `a` cannot share one), but searching a lowercase copy
/// of the prose instead added a fifth to the scan (16k instructions to 78k in the
/// 100-line benchmark debrief).
///
/// There is no reverse DFA to find where a phrase starts: a phrase starts at one of the
/// few word starts before its end, and [`phrase_start`] looks them up. The reverse DFA
/// was 1.0 of the 2.2 MB stored, and checking it as it was read in place cost every
/// process 2.3M instructions: without it `check` of one small debrief went from 12.5M to
/// 9.5M instructions and 0.957 in wall time (`ab.py`, 100 pairs), and the binary is 1 MB
/// smaller.
fn build_automata(phrases: &[&[u8]]) -> dense::DFA<Vec<u32>> {
    // The expression is put together directly rather than written out and parsed. A
    // phrase starts a word: with that said in the expression, the automaton follows only
    // phrases begun at word starts, not every phrase that could end inside a word
    // ("unset"), which made it three times the size and slower to scan.
    let trie = Hir::concat(vec![Hir::look(Look::WordStartHalfAscii), trie_hir(phrases, 0)]);
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_from_hir(&trie)
        .expect("trigger phrases compile");
    // No anchored start states: every search is unanchored, and states for anchored
    // searches made the automaton half again as large (more to read at every start, and
    // to keep in the cache while scanning).
    let config = dense::Config::new().start_kind(StartKind::Unanchored).minimize(true);
    dense::Builder::new().configure(config).build_from_nfa(&nfa).expect("trigger phrases build")
}

/// Identifies a list of phrases (FNV-1a), so that automata stored for other phrases are
/// not used.
fn fingerprint(phrases: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in phrases.iter().flat_map(|p| p.iter().chain(&[0])) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// `data/phrases.dfa`, aligned to four bytes as DFAs read in place need.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

static STORED: &Aligned<[u8]> = &Aligned { _align: [], bytes: *include_bytes!("../data/phrases.dfa") };

/// The automaton of [`build_automata`] as stored: the phrases' fingerprint (8 bytes), then
/// the DFA, little-endian (the 8 bytes keep it aligned to four, as reading in place needs).
#[cfg(test)]
fn store(phrases: &[&[u8]], dfa: &dense::DFA<Vec<u32>>) -> Vec<u8> {
    let (dfa, pad) = dfa.to_bytes_little_endian();
    let mut out = fingerprint(phrases).to_le_bytes().to_vec();
    out.extend(&dfa[pad..]);
    out
}

/// The stored automaton, if it is for the phrases `fingerprint` identifies and this
/// platform reads it in place.
fn stored_matcher(fingerprint: u64) -> Option<dense::DFA<&'static [u32]>> {
    let (head, dfa) = STORED.bytes.split_at_checked(8)?;
    if head != fingerprint.to_le_bytes() {
        return None;
    }
    Some(dense::DFA::from_bytes(dfa).ok()?.0)
}

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
        b if b.is_ascii_lowercase() => {
            let cases = [b.to_ascii_uppercase(), b].map(|b| ClassBytesRange::new(b, b));
            Hir::class(Class::Bytes(ClassBytes::new(cases)))
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
/// "should **have**"), and a lowercase letter matches either case.
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
            b if b.is_ascii_lowercase() => {
                out.push_str(&format!("[{}{}]", char::from(b.to_ascii_uppercase()), char::from(b)))
            }
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
/// is, and which rule and trigger it is. A phrase never runs across a heading.
#[cfg(test)]
fn phrases_of(doc: &Document<'_>) -> Vec<PhraseAt> {
    let caches = Caches::default().take(doc);
    doc.parts().iter().zip(&caches).flat_map(|(placed, cache)| phrases_of_part(doc, placed, cache)).collect()
}

/// The trigger phrases of one part of `doc`, where they are in the document.
fn phrases_of_part<'d>(
    doc: &Document<'_>,
    placed: &Placed,
    cache: &'d PartCache,
) -> impl Iterator<Item = PhraseAt> + 'd {
    let start = placed.start;
    hits_of(doc, placed, cache).iter().map(move |(r, owner)| (r.start + start..r.end + start, *owner))
}

/// The trigger phrases of one part, from its start: scanned once, kept in its cache.
fn hits_of<'c>(doc: &Document<'_>, placed: &Placed, cache: &'c PartCache) -> &'c [PhraseAt] {
    cache.hits.get_or_init(|| phrases_in(&doc.masked[placed.range()], placed.segments()))
}

/// Builds the trigger phrases' automaton now, if it is not built yet.
pub(crate) fn prepare() {
    LazyLock::force(&INDEX);
}

/// Finds the trigger phrases of every part of the document not scanned yet, the parts
/// in parallel, for [`run`] to read.
pub(crate) fn find_phrases(doc: &Document<'_>, caches: &[PartCache]) {
    use rayon::prelude::*;
    doc.parts().par_iter().zip(caches).for_each(|(placed, cache)| {
        hits_of(doc, placed, cache);
    });
}

/// Every trigger phrase standing as whole words in `masked`, within one of `segments`:
/// where it is, and which rule and trigger it is.
fn phrases_in(masked: &str, segments: impl Iterator<Item = Range<usize>>) -> Vec<PhraseAt> {
    let masked = masked.as_bytes();
    let is_word_at = |i: Option<usize>| i.and_then(|i| masked.get(i)).is_some_and(|&b| is_word_byte(b));
    let mut hits = Vec::new();
    let mut key = Vec::new();
    for segment in segments {
        let mut input = Input::new(masked).range(segment);
        // A search fails only on a byte the DFA quits at, or a look-around it cannot
        // do: this DFA has neither.
        while let Ok(Some(end)) = INDEX.ends.try_search_fwd(&input) {
            let end = end.offset();
            let Some((start, owners)) = phrase_start(masked, input.start(), end, &mut key) else {
                // Never: every end the automaton reports is a phrase's.
                input.set_start(end.max(input.start() + 1));
                continue;
            };
            // A match inside a longer word ("had i" in "had ignored") is no phrase, and
            // takes nothing from the phrases after its start ("ignored" is one).
            if is_word_at(start.checked_sub(1)) || is_word_at(Some(end)) {
                input.set_start(start + 1);
                continue;
            }
            input.set_start(end.max(start + 1));
            for owner in owners {
                let end = end_of_word(&masked[start..end], owner.words).map_or(end, |e| start + e);
                hits.push((start..end, (owner.rule, owner.trigger)));
            }
        }
    }
    hits
}

/// Where the leftmost phrase that ends at `end` starts, at or after `from`, and its owners.
/// It starts a word (a word byte after none, as `\\b{start-half}` says); going back from
/// `end` over the places that do, the text up to `end` stays one of [`PhraseIndex::tails`]
/// until the phrase's start is passed. The leftmost start whose text is a phrase is the
/// one the automaton matched.
fn phrase_start(masked: &[u8], from: usize, end: usize, key: &mut Vec<u8>) -> Option<(usize, &'static [Owner])> {
    let mut found = None;
    for p in (from..end).rev().filter(|&p| starts_word(masked, p)) {
        key.clear();
        phrase_key_into(&masked[p..end], key);
        let Some(owners) = INDEX.tails.get(key.as_slice()) else {
            break;
        };
        if !owners.is_empty() {
            found = Some((p, owners.as_slice()));
        }
    }
    found
}

/// Whether a word starts at `at` in `text`: an ASCII word byte after none.
fn starts_word(text: &[u8], at: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    word(text[at]) && (at == 0 || !word(text[at - 1]))
}

/// Where the `words`-th word of a matched phrase ends (words are parted by whitespace
/// runs), or `None` when the phrase has no more words than that.
fn end_of_word(matched: &[u8], words: usize) -> Option<usize> {
    let mut seen = 0;
    let mut i = 0;
    while i < matched.len() {
        if matched[i].is_ascii_whitespace() {
            seen += 1;
            if seen == words {
                return Some(i);
            }
            while matched.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A matched phrase as its owner is looked up: lowercase, whitespace runs as one space.
#[cfg(test)]
fn phrase_key(matched: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(matched.len());
    phrase_key_into(matched, &mut key);
    key
}

/// Appends the key of [`phrase_key`] to `key`.
fn phrase_key_into(matched: &[u8], key: &mut Vec<u8>) {
    for &b in matched {
        if b.is_ascii_whitespace() {
            if key.last() != Some(&b' ') {
                key.push(b' ');
            }
        } else {
            key.push(b.to_ascii_lowercase());
        }
    }
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
        let [straight, open, close] = quotes_in(&text.as_bytes()[self.scanned_to..hit.range.start]);
        self.straight += straight;
        self.open += open;
        self.close += close;
        self.scanned_to = hit.range.start;
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// How many straight, opening and closing double quotes (`"`, `“`, `”`) the UTF-8 `text`
/// holds. By bytes: `"` is one, and the curly quotes are the only characters written E2 80
/// 9C and E2 80 9D (E2 only ever starts a character). Decoding every character of the text
/// before each phrase took 2.2M of the corpus's 87.7M instructions.
fn quotes_in(text: &[u8]) -> [usize; 3] {
    let mut found = [0; 3];
    for at in memchr::memchr2_iter(b'"', 0xE2, text) {
        match &text[at..text.len().min(at + 3)] {
            [b'"', ..] => found[0] += 1,
            [0xE2, 0x80, 0x9C] => found[1] += 1,
            [0xE2, 0x80, 0x9D] => found[2] += 1,
            _ => {}
        }
    }
    found
}

/// Runs every enabled rule and returns the findings, unsorted and unsuppressed. When
/// `parallel` (a long document on both cores), the parts' phrases, and then the rules'
/// checks, are taken on at once; the findings come in the same order either way.
pub(crate) fn run(ctx: &Context<'_>, config: &Config, parallel: bool, caches: &[PartCache]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let enabled: Vec<Option<Severity>> = (0..REGISTRY.len()).map(|i| config.severity_of(i)).collect();
    let apart = |found: Vec<Vec<Diagnostic>>| found.into_iter().flatten();
    let mut out = Vec::new();
    if enabled.iter().zip(REGISTRY.iter()).any(|(s, r)| s.is_some() && !r.triggers.is_empty()) {
        let parts = ctx.doc.parts();
        if parallel {
            let found = parts.par_iter().zip(caches).map(|(p, c)| on_phrases(ctx, p, c, &enabled, Vec::new()));
            out.extend(apart(found.collect()));
        } else {
            out = parts.iter().zip(caches).fold(out, |out, (p, c)| on_phrases(ctx, p, c, &enabled, out));
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
/// in its [`PartCache`] while the document's next versions reuse it: a keystroke then costs the
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
    /// What the document said of the capitalised words looked up ([`Context::people_digest`]).
    people: u64,
    found: Vec<Diagnostic>,
}

/// `out` with what the phrase rules find at the trigger phrases of one part of the
/// document: found again, or, when the part is kept and nothing they read changed, as
/// found last time, moved to where the part is now.
fn on_phrases(
    ctx: &Context<'_>,
    part: &Placed,
    cache: &PartCache,
    enabled: &[Option<Severity>],
    mut out: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if !ctx.doc.keeps_parts {
        return find_on_phrases(ctx, part, cache, enabled, out);
    }
    let config = ctx.config.phrase_rules_key();
    let kinds = || ctx.doc.section_kinds_over(part.range());
    let kept = || cache.findings.lock().unwrap_or_else(PoisonError::into_inner);
    let same =
        |k: &&PartFindings| k.config == config && k.people == ctx.people_digest && k.kinds.iter().copied().eq(kinds());
    if let Some(k) = kept().as_ref().filter(same) {
        let by = part.start as isize - k.start as isize;
        out.extend(k.found.iter().map(|d| d.moved(by)));
        return out;
    }
    let found = find_on_phrases(ctx, part, cache, enabled, Vec::new());
    out.extend(found.iter().cloned());
    *kept() =
        Some(PartFindings { config, kinds: kinds().collect(), start: part.start, people: ctx.people_digest, found });
    out
}

/// `out` with what the phrase rules find at the trigger phrases of one part.
fn find_on_phrases(
    ctx: &Context<'_>,
    part: &Placed,
    cache: &PartCache,
    enabled: &[Option<Severity>],
    mut out: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    // Blocks never run across parts, so neither do quotations.
    let mut quotes = QuoteTracker::default();
    for (Range { start, end }, (r, t)) in phrases_of_part(ctx.doc, part, cache) {
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
        phrases_of(&doc).into_iter().map(|(range, (r, _))| (REGISTRY[r].meta.id, &text[range])).collect()
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
    fn the_longest_phrase_starting_at_a_place_wins_and_each_rule_hears_its_part() {
        let text = "# Debrief\n\nDana should have known it.\n";
        let found = hits(text);
        // The judgement rule's phrase is the longest; the counterfactual rule's "should
        // have" starts it and is heard too, its own range; nothing else starts there.
        assert!(found.contains(&("blame-judgement", "should have known")), "{found:?}");
        assert!(found.contains(&("blame-counterfactual", "should have")), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(end_of_word(b"should \n have known", 2), Some(13));
        assert_eq!(end_of_word(b"should have", 2), None);
    }

    #[test]
    fn a_phrase_cut_from_a_longer_word_hides_no_phrase_after_its_start() {
        // "had i" (a counterfactual's "had I") matches the start of "had ignored"; it is no
        // phrase there, and "ignored" after it still is.
        let found = hits("# Debrief\n\nDana had ignored the warnings.\n");
        assert_eq!(found, [("blame-named-person", "ignored")]);
    }

    /// Quotes counted by bytes are the quote characters counted.
    #[test]
    fn quotes_in_counts_the_quote_characters() {
        let mut texts = crate::document::tests::corpus();
        texts.extend(
            ["\"a\" “b” ”“ \u{2018}x\u{2019} \u{20ac}\u{201e}", "“", "\u{E000}\u{2030}\"", ""].map(String::from),
        );
        for text in &texts {
            let by_chars = text.chars().fold([0; 3], |mut n, c| {
                match c {
                    '"' => n[0] += 1,
                    '\u{201c}' => n[1] += 1,
                    '\u{201d}' => n[2] += 1,
                    _ => {}
                }
                n
            });
            assert_eq!(quotes_in(text.as_bytes()), by_chars, "{text}");
        }
    }

    /// Every phrase is a tail of itself, found with its owners; a tail that is no phrase
    /// has none.
    #[test]
    fn tails_hold_each_phrases_owners() {
        let owners = phrase_owners();
        for (phrase, heard) in &owners {
            assert_eq!(INDEX.tails.get(phrase), Some(heard), "{}", String::from_utf8_lossy(phrase));
        }
        for (tail, heard) in &INDEX.tails {
            assert_eq!(heard.is_empty(), !owners.contains_key(tail), "{}", String::from_utf8_lossy(tail));
        }
    }

    #[test]
    fn the_expression_put_together_is_the_pattern_parsed() {
        let owners = phrase_owners();
        let phrases = sorted_phrases(&owners);
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

    /// Run with `UPDATE_DFA=1` to store the automata again after changing a
    /// rule's triggers or how they are put together.
    #[test]
    fn stored_automata_are_current() {
        let owners = phrase_owners();
        let phrases = sorted_phrases(&owners);
        let built = store(&phrases, &build_automata(&phrases));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/phrases.dfa");
        if std::env::var_os("UPDATE_DFA").is_some() {
            let temporary = path.with_extension("dfa.new");
            std::fs::write(&temporary, &built).expect("write the automata");
            std::fs::rename(&temporary, &path).expect("replace the stored automata");
            return;
        }
        assert!(
            built == STORED.bytes,
            "{} is not what the trigger phrases build: run `UPDATE_DFA=1 cargo test -p debrief-core \
             stored_automata_are_current`, then build again",
            path.display()
        );
        let stored = stored_matcher(fingerprint(&phrases)).expect("the stored automaton reads in place");
        assert!(
            stored_matcher(fingerprint(&phrases[1..])).is_none(),
            "an automaton stored for other phrases is not used"
        );
        // What a process builds when it is not used finds the same.
        let text = b"dana should have  noticed; root cause: human error, or sam's failure to look";
        let all = |dfa: &dense::DFA<&'static [u32]>| {
            let mut input = Input::new(text);
            let mut key = Vec::new();
            std::iter::from_fn(|| {
                let end = dfa.try_search_fwd(&input).ok().flatten()?.offset();
                let (start, _) = phrase_start(text, input.start(), end, &mut key)?;
                input.set_start(end);
                Some(start..end)
            })
            .collect::<Vec<_>>()
        };
        let found = all(&stored);
        assert_eq!(found, [5..16, 27..37, 39..50], "{found:?}");
        assert_eq!(all(&built_matcher(&phrases)), found);
    }

    #[test]
    fn keys_collapse_whitespace_and_case() {
        assert_eq!(phrase_key(b"Human \n\t Error"), b"human error");
    }
}
