//! Masking: the prose kept, everything else (code, markup, URLs, quoted logs) blanked to
//! spaces, so that masked prose and text have the same length and byte offsets stay true.

use std::ops::Range;

/// Block quotes are not the author's prose (SPEC 2): most hold what someone said (a chat
/// message, a customer's report) or log lines. Callouts the author writes as quotes
/// (`> [!NOTE]`, `> **Note:**`) stay prose.
pub(super) fn drop_quotations(text: &str, prose: &mut Vec<Range<usize>>, quotes: &[Range<usize>]) {
    // Only innermost quotes are read: an outer quote's text holds all the ones inside
    // it, and reading each would be quadratic in the nesting depth.
    let mut sorted: Vec<&Range<usize>> = quotes.iter().collect();
    sorted.sort_by_key(|q| q.start);
    let mut log_quotes: Vec<Range<usize>> = Vec::new();
    for (i, q) in sorted.iter().enumerate() {
        let innermost = sorted.get(i + 1).is_none_or(|next| next.start >= q.end);
        if innermost && !is_callout(&text[(*q).clone()]) {
            log_quotes.push((*q).clone());
        }
    }
    if log_quotes.is_empty() {
        return;
    }
    // Innermost quotes do not overlap, so each prose range needs one binary search.
    prose.retain(|p| {
        let i = log_quotes.partition_point(|q| q.start <= p.start);
        !(i > 0 && p.end <= log_quotes[i - 1].end)
    });
}

/// Appends the masked bytes of `range` of the text: the prose ranges in it kept, every
/// other byte but line breaks a space, bare URLs blanked. The range is copied whole and
/// the gaps between prose blanked in place: most gaps are a few bytes of markup, where
/// copying each piece apart cost more than the bytes themselves.
pub(super) fn build_masked(text: &str, range: Range<usize>, prose: &mut [Range<usize>], out: &mut Vec<u8>) {
    prose.sort_by_key(|r| r.start);
    let from = out.len();
    out.extend_from_slice(&text.as_bytes()[range.clone()]);
    let masked = &mut out[from..];
    let mut cursor = range.start;
    for r in prose.iter() {
        if r.start < cursor {
            continue;
        }
        blank_in_place(&mut masked[cursor - range.start..r.start - range.start]);
        cursor = r.end;
    }
    blank_in_place(&mut masked[cursor - range.start..]);
    mask_urls(masked);
}

/// Appends `range` of `bytes` blanked: spaces, line breaks kept.
pub(super) fn blank(bytes: &[u8], range: Range<usize>, out: &mut Vec<u8>) {
    let from = out.len();
    out.extend_from_slice(&bytes[range]);
    blank_in_place(&mut out[from..]);
}

/// Turns every byte but line breaks into a space.
fn blank_in_place(bytes: &mut [u8]) {
    for b in bytes {
        // A store of every byte, not only the blanked ones, for the compiler to do many
        // at once.
        *b = if *b == b'\n' || *b == b'\r' { *b } else { b' ' };
    }
}

/// Blanks bare URLs and e-mail addresses written in prose.
pub(super) fn mask_urls(out: &mut [u8]) {
    let mut starts: Vec<usize> = memchr::memmem::find_iter(out, b"://").collect();
    starts.extend(memchr::memmem::find_iter(out, b"www.").filter(|&i| i == 0 || out[i - 1].is_ascii_whitespace()));
    starts.sort_unstable();
    let mut done = 0;
    for i in starts {
        if i < done {
            continue;
        }
        let mut start = i;
        while start > 0 && out[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        let mut end = i;
        while end < out.len() && !out[end].is_ascii_whitespace() {
            end += 1;
        }
        out[start..end].fill(b' ');
        done = end;
    }
}

/// Whether a block quote is the author's own callout rather than a quotation: a GitHub
/// alert (`[!NOTE]`) or a bold or plain "Note:" label first.
pub(super) fn is_callout(quote: &str) -> bool {
    let first = quote.lines().map(|l| l.trim_start().trim_start_matches('>').trim()).find(|l| !l.is_empty());
    let Some(first) = first else { return false };
    if first.starts_with("[!") {
        return true;
    }
    let label = first.trim_start_matches(['*', '_']).to_ascii_lowercase();
    pub(super) const LABELS: &[&str] = &[
        "note",
        "warning",
        "important",
        "tip",
        "caution",
        "update",
        "edit",
        "tl;dr",
        "tldr",
        "summary",
        "info",
        "disclaimer",
    ];
    LABELS.iter().any(|l| {
        label.starts_with(l) && label[l.len()..].trim_start_matches(['*', '_']).starts_with([':', ' ', '\u{2014}', '-'])
    }) && !is_log_like(quote)
}

/// Whether a block quote reads as log output: most of its lines carry a timestamp, a log
/// level, JSON, or `key=value` pairs.
pub(super) fn is_log_like(quote: &str) -> bool {
    let lines: Vec<&str> =
        quote.lines().map(|l| l.trim_start().trim_start_matches('>').trim()).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return false;
    }
    let log_lines = lines.iter().filter(|l| is_log_line(l)).count();
    log_lines * 2 > lines.len()
}

pub(super) fn is_log_line(line: &str) -> bool {
    let starts_with_stamp = line.bytes().take(4).all(|b| b.is_ascii_digit()) && line.len() > 10
        || line.starts_with('[')
        || line.starts_with('{');
    pub(super) const LEVELS: &[&str] =
        &["ERROR", "WARN", "INFO", "DEBUG", "FATAL", "TRACE", "panic:", "Traceback", "Exception", "level="];
    let has_level = LEVELS.iter().any(|l| line.contains(l));
    let pairs = line.split_whitespace().filter(|w| w.contains('=') && !w.starts_with('=')).count();
    starts_with_stamp || has_level || pairs >= 2 || line.contains("\":")
}
