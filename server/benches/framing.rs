//! `cargo bench --bench framing`: what the framing layer (`src/lsp/framing.rs`) costs per
//! message, from framed bytes to the body handed to tower-lsp, for the messages an editor
//! sends most (a hover, a keystroke's `didChange`, a reply to `workspace/configuration`)
//! and the largest (`didOpen` of a 100-line and a 10,000-line debrief). Beside it,
//! `tower_lsp_decode`: tower-lsp's own parse of the same body, which every message pays
//! after the framing layer's, so the framing's share can be read off.

#[path = "inputs.rs"]
mod inputs;

use std::sync::LazyLock;

use debrief_ls::lsp::framing::{frame, Frame, FrameDecoder};
use divan::{black_box, Bencher};
use serde_json::{json, Value};

const KINDS: [&str; 5] = ["hover", "didChange", "configuration reply", "didOpen 100 lines", "didOpen 10,000 lines"];

static BODIES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let uri = "file:///ws/postmortems/2026-03-01.md";
    let open = |lines: usize| {
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "markdown", "version": 1, "text": inputs::debrief(lines)}}})
    };
    let messages: [Value; 5] = [
        json!({"jsonrpc": "2.0", "id": 42, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": uri}, "position": {"line": 12, "character": 7}}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 17},
            "contentChanges": [{"range": {"start": {"line": 50, "character": 0}, "end": {"line": 50, "character": 0}},
                                "rangeLength": 0, "text": "x"}]}}),
        json!({"jsonrpc": "2.0", "id": 3, "result": [{"severity": {"blame-named-person": "warning"}, "words": ["Dana"]}]}),
        open(100),
        open(10_000),
    ];
    messages.iter().map(|m| m.to_string().into_bytes()).collect()
});

/// The mirror of tower-lsp's private `jsonrpc::Message`, the type its decoder reads.
#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum TowerMessage {
    Response(tower_lsp::jsonrpc::Response),
    Request(tower_lsp::jsonrpc::Request),
}

fn main() {
    divan::main();
}

fn body(kind: &str) -> &'static [u8] {
    &BODIES[KINDS.iter().position(|k| *k == kind).expect("a known kind")]
}

/// Framed bytes in, the body for tower-lsp out: header scan, validation, copy.
#[divan::bench(args = KINDS)]
fn framing_per_message(bencher: Bencher, kind: &str) {
    let framed = frame(body(kind));
    let mut decoder = FrameDecoder::new();
    bencher.counter(divan::counter::BytesCount::of_slice(&framed)).bench_local(|| {
        decoder.push(black_box(&framed));
        match decoder.next_frame() {
            Some(Frame::Message(body)) => body,
            other => panic!("a message passes: {other:?}"),
        }
    });
}

/// tower-lsp's own decoding of the same body, paid after the framing layer's.
#[divan::bench(args = KINDS)]
fn tower_lsp_decode(bencher: Bencher, kind: &str) {
    let text = std::str::from_utf8(body(kind)).expect("UTF-8");
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| serde_json::from_str::<TowerMessage>(black_box(text)).is_ok());
}
