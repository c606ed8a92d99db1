//! What must hold for any input, checked by the fuzz targets (`fuzz/fuzz_targets/*.rs`
//! include this file) and, in CI, for the seeds and every input the fuzzers found
//! (`tests/fuzz-regressions/`). Each function panics on a violation.

#![allow(dead_code)] // each user takes part of it

use debrief_core::{fix, Applicability, Config};
use debrief_ls::lsp::framing::{Frame, FrameDecoder, MAX_CONTENT_LENGTH};

/// Arbitrary bytes as a debrief, as they are and with their first paragraph as front
/// matter: no panic, every range on character boundaries inside the text, every fix
/// applies, and fixing twice changes nothing the second time.
pub fn analyse_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    analyse_text(&text);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    analyse_text(&format!("---\n{head}\n---\n{body}"));
}

/// The invariants for one text.
pub fn analyse_text(text: &str) {
    let config = Config::default();
    let analysis = debrief_core::analyse_full(text, &config);
    for d in &analysis.diagnostics {
        assert!(within(text, &d.range), "{} range {:?} in {} bytes", d.rule, d.range, text.len());
        for r in &d.related {
            assert!(within(text, &r.range), "{} related {:?}", d.rule, r.range);
        }
        for f in &d.fixes {
            for e in &f.edits {
                assert!(within(text, &e.range), "{} fix edit {:?}", d.rule, e.range);
            }
            if let Err(e) = fix::apply_edits(text, &f.edits) {
                panic!("{} fix {:?} does not apply: {e}", d.rule, f.title);
            }
        }
    }
    // Fixing is costly (repeated analyses); keep it to inputs of a realistic size.
    if text.len() <= 4096 {
        let once = fix::fix_all(text, &config, Applicability::Unsafe);
        let twice = fix::fix_all(&once.text, &config, Applicability::Unsafe);
        assert_eq!(once.text, twice.text, "fixes applied twice changed the text again");
    }
}

fn within(text: &str, r: &std::ops::Range<usize>) -> bool {
    r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
}

/// Client bytes through the frame decoder, whole and cut every `step` bytes: no panic,
/// nothing passed on that tower-lsp cannot decode, error replies only with a usable id,
/// memory bounded, and the same messages and replies however the input was cut.
pub fn framing_bytes(data: &[u8], step: usize) {
    let whole = decode(data, &[]);
    let cuts: Vec<usize> = (step.max(1)..data.len()).step_by(step.max(1)).collect();
    let chunked = decode(data, &cuts);
    assert_eq!(whole, chunked, "the outcome depends on how the input was cut (every {step} bytes)");
}

/// The mirror of tower-lsp's private `jsonrpc::Message`, which its decoder reads: an
/// untagged enum, so the whole body is read through `deserialize_any` first, which is
/// stricter than reading a `Request` or a `Response` alone.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum TowerMessage {
    Response(#[allow(dead_code)] tower_lsp::jsonrpc::Response),
    Request(#[allow(dead_code)] tower_lsp::jsonrpc::Request),
}

fn decode(data: &[u8], cuts: &[usize]) -> Vec<String> {
    let mut d = FrameDecoder::new();
    let mut out = Vec::new();
    let take = |d: &mut FrameDecoder, out: &mut Vec<String>| {
        while let Some(f) = d.next_frame() {
            match f {
                Frame::Message(body) => {
                    let decodes =
                        std::str::from_utf8(&body).is_ok_and(|text| serde_json::from_str::<TowerMessage>(text).is_ok());
                    let shown = String::from_utf8_lossy(&body);
                    assert!(decodes, "passed on what tower-lsp cannot decode: {shown:?}");
                    out.push(format!("message {shown}"));
                }
                Frame::Malformed(m) => {
                    if let Some(reply) = m.reply {
                        assert!(reply["id"].is_number() || reply["id"].is_string(), "{reply}");
                        out.push(format!("reply {reply}"));
                    }
                }
            }
        }
        assert!(d.buffered() <= MAX_CONTENT_LENGTH + 2 * 4096 + data.len().min(1 << 16));
    };
    let mut last = 0;
    for &cut in cuts {
        d.push(&data[last..cut]);
        take(&mut d, &mut out);
        last = cut;
    }
    d.push(&data[last..]);
    take(&mut d, &mut out);
    let _ = d.finish();
    out
}
