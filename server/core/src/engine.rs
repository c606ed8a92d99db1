//! Runs the rules over a document: one pass over the prose finds every rule's trigger
//! phrases (one lazy DFA for all of them), then structural checks run once.

use std::sync::LazyLock;

use std::collections::HashMap;

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
                .map(|&b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("\\x{b:02X}") })
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

/// The masked prose with runs of whitespace collapsed to one space, and where each byte
/// came from, so phrases match across line wraps and removed markup
/// ("should **have**", "should\n  have"). Where bytes came from is kept as segments: a new
/// one starts after each run of two or more whitespace bytes, so the list stays short.
struct ScanText {
    bytes: Vec<u8>,
    /// (offset in `bytes`, offset in the masked text) where each segment starts.
    segments: Vec<(u32, u32)>,
}

impl ScanText {
    /// The offset in the masked text of byte `at` of the scan text.
    fn origin(&self, at: usize) -> usize {
        let i = self.segments.partition_point(|s| s.0 as usize <= at) - 1;
        let (scan, orig) = self.segments[i];
        orig as usize + (at - scan as usize)
    }
}

fn collapse(masked: &str) -> ScanText {
    let src = masked.as_bytes();
    let mut bytes = Vec::with_capacity(src.len());
    let mut segments = vec![(0u32, 0u32)];
    let mut copied_from = 0;
    while let Some(run_start) = next_whitespace_pair(src, copied_from) {
        let mut i = run_start + 2;
        while i < src.len() && src[i].is_ascii_whitespace() {
            i += 1;
        }
        bytes.extend_from_slice(&src[copied_from..run_start]);
        bytes.push(b' ');
        segments.push((bytes.len() as u32, i as u32));
        copied_from = i;
    }
    bytes.extend_from_slice(&src[copied_from..]);
    // Single line breaks and tabs read as spaces.
    for b in &mut bytes {
        if matches!(*b, b'\n' | b'\r' | b'\t' | b'\x0c') {
            *b = b' ';
        }
    }
    ScanText { bytes, segments }
}

/// The first `i >= from` where `src[i]` and `src[i + 1]` are both ASCII whitespace.
/// Looks at 32 bytes at a time without branching on each (the compiler vectorises the
/// inner loop): masked prose is mostly single spaces between words, and a byte-at-a-time
/// scan of it was a tenth of the whole analysis.
fn next_whitespace_pair(src: &[u8], from: usize) -> Option<usize> {
    fn space(b: u8) -> u8 {
        u8::from(b == b' ') | (u8::from(b.wrapping_sub(b'\t') < 5) & u8::from(b != 0x0b))
    }
    const CHUNK: usize = 32;
    let mut i = from;
    while i + CHUNK < src.len() {
        let window = &src[i..=i + CHUNK];
        let any = window[..CHUNK].iter().zip(&window[1..]).fold(0u8, |any, (&a, &b)| any | (space(a) & space(b)));
        if any != 0 {
            break;
        }
        i += CHUNK;
    }
    (i..src.len().saturating_sub(1)).find(|&k| space(src[k]) & space(src[k + 1]) != 0)
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
        let scan = collapse(&ctx.doc.masked);
        let mut quotes = QuoteTracker::default();
        for m in index.matcher.find_iter(&scan.bytes) {
            let (s, e) = (m.start(), m.end());
            if (s > 0 && is_word_byte(scan.bytes[s - 1])) || scan.bytes.get(e).is_some_and(|&b| is_word_byte(b)) {
                continue;
            }
            let Some(&(r, t)) = index.owners.get(&m.as_bytes().to_ascii_lowercase()) else { continue };
            let Some(severity) = enabled[r] else { continue };
            let start = scan.origin(s);
            let end = scan.origin(e - 1) + 1;
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

    /// The obvious byte-at-a-time version of [`collapse`], to compare against.
    fn collapse_slowly(masked: &str) -> (Vec<u8>, Vec<usize>) {
        let src = masked.as_bytes();
        let (mut bytes, mut origins) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < src.len() {
            if !src[i].is_ascii_whitespace() {
                bytes.push(src[i]);
                origins.push(i);
                i += 1;
                continue;
            }
            let run_start = i;
            while i < src.len() && src[i].is_ascii_whitespace() {
                i += 1;
            }
            bytes.push(b' ');
            origins.push(if i - run_start >= 2 { usize::MAX } else { run_start });
        }
        (bytes, origins)
    }

    proptest::proptest! {
        /// Whitespace of every kind, in runs of any length, at chunk edges and not.
        #[test]
        fn collapse_agrees_with_the_obvious_version(text in "([a-z]{0,40}[ \t\n\r\x0b\x0c]{0,3}){0,30}") {
            let scan = collapse(&text);
            let (bytes, origins) = collapse_slowly(&text);
            proptest::prop_assert_eq!(&scan.bytes, &bytes, "{:?}", text);
            for (at, &origin) in origins.iter().enumerate() {
                if origin != usize::MAX {
                    proptest::prop_assert_eq!(scan.origin(at), origin, "byte {} of {:?}", at, text);
                }
            }
        }
    }

    #[test]
    fn phrases_match_across_line_wraps_and_removed_markup() {
        let scan = collapse("Dana should\n    have   noticed");
        assert_eq!(scan.bytes, b"Dana should have noticed");
        assert_eq!(scan.origin(17), "Dana should\n    have   ".len());
    }
}
