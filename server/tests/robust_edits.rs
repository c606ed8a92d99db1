//! Edit sequences (issue #6): random incremental edits — inserts, deletes, replaces
//! across lines, emoji and other surrogate pairs, CRLF, positions inside a character,
//! ranges at and past the end — applied through the server's document store give exactly
//! the text a client holds (an independent UTF-16 model, `robust_support/client_model.rs`),
//! and the diagnostics equal those of a fresh analysis of that text.
//!
//! Two levels: the document store directly (thousands of cases, both position
//! encodings), and the whole server over JSON-RPC (edits sent without waiting, then the
//! pulled diagnostics compared with those of the same text opened fresh).
//!
//! Run: `cargo test -p debrief-ls --test robust_edits`. `PROPTEST_CASES` scales both.

#[path = "robust_support/client_model.rs"]
mod client_model;
#[path = "robust_support/raw_client.rs"]
mod raw_client;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use client_model::{ClientText, Columns};
use debrief_ls::lsp::config::DocConfig;
use debrief_ls::lsp::document::{Document, Snapshot};
use debrief_ls::lsp::position::{self, Encoding};
use debrief_ls::workspace::LoadedConfig;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use raw_client::{without_versions, RawClient};
use serde_json::{json, Value};
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// Pieces of text: debrief words that rules react to, multi-byte characters, surrogate
/// pairs (emoji, a flag, a skin-tone sequence), every line end.
const PIECES: &[&str] = &[
    "a",
    "é",
    "中",
    "😀",
    "🚨🚨",
    "🇺🇦",
    "👍🏽",
    "\u{10FFFF}",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    "# Post-mortem: outage\n",
    "## Timeline\n",
    "## Follow-ups\n",
    "- 14:02 alert fired\n",
    "- 13:50 deploy\n",
    "Dana should have noticed. ",
    "It was human error. ",
    "a careless change",
    "- [ ] Add an alert @dana\n",
    "```\ncode\n```\n",
    "> quote\n",
    "---\nseverity: SEV2\n---\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

/// An edit, chosen relative to the text it will apply to.
#[derive(Debug, Clone)]
enum Step {
    /// A range from one position to another (in either order), replaced by a text.
    Range { start: (Index, Index), end: (Index, Index), text: String },
    /// Far past the end (a line or column no text has).
    PastEnd { line: u32, character: u32, text: String },
    /// The whole text replaced (a change without a range).
    Full(String),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => (any::<(Index, Index)>(), any::<(Index, Index)>(), text())
            .prop_map(|(start, end, text)| Step::Range { start, end, text }),
        2 => (prop_oneof![Just(u32::MAX), 0..200u32], prop_oneof![Just(u32::MAX), 0..200u32], text())
            .prop_map(|(line, character, text)| Step::PastEnd { line, character, text }),
        1 => text().prop_map(Step::Full),
    ]
}

/// A position on (or just past) the client's text: any line, any column up to a little
/// past the line's end, inside surrogate pairs included.
fn position_in(model: &ClientText, (line, column): &(Index, Index), columns: Columns) -> (u32, u32) {
    let text = model.text();
    let lines: Vec<&str> = split_lines(&text);
    let l = line.index(lines.len() + 1);
    let width = lines.get(l).map_or(0, |s| match columns {
        Columns::Utf16 => s.encode_utf16().count(),
        Columns::Utf8 => s.len(),
    });
    (l as u32, column.index(width + 3) as u32)
}

fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push(&text[start..i]);
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&text[start..]);
    out
}

/// The change a client sends for `step`, applied to the model too.
fn change_for(model: &mut ClientText, step: &Step, columns: Columns) -> TextDocumentContentChangeEvent {
    let (range, text) = match step {
        Step::Range { start, end, text } => {
            let (a, b) = (position_in(model, start, columns), position_in(model, end, columns));
            model.replace(a, b, text, columns);
            (Some(Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))), text)
        }
        Step::PastEnd { line, character, text } => {
            model.replace((*line, *character), (u32::MAX, u32::MAX), text, columns);
            let end = Position::new(u32::MAX, u32::MAX);
            (Some(Range::new(Position::new(*line, *character), end)), text)
        }
        Step::Full(text) => {
            model.set(text);
            (None, text)
        }
    };
    TextDocumentContentChangeEvent { range, range_length: None, text: text.clone() }
}

fn doc_config() -> Arc<DocConfig> {
    let loaded = Arc::new(LoadedConfig::defaults(PathBuf::from("/ws")));
    Arc::new(DocConfig { config: loaded.config.clone(), loaded, generation: 1, inlay_hints: true })
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(3000), failure_persistence: None, ..ProptestConfig::default() })]

    /// The document store: text after every edit, diagnostics after the last.
    #[test]
    fn the_document_store_holds_the_clients_text_and_fresh_diagnostics(
        initial in text(),
        steps in prop::collection::vec(step(), 1..12),
        utf8 in any::<bool>(),
    ) {
        let (enc, columns) = if utf8 { (Encoding::Utf8, Columns::Utf8) } else { (Encoding::Utf16, Columns::Utf16) };
        let uri = Url::parse("file:///ws/postmortems/edited.md").unwrap();
        let config = doc_config();
        let mut doc = Document::new(1, 1, &initial, Some(PathBuf::from("/ws/postmortems/edited.md")), config.clone());
        let mut model = ClientText::new(&initial);
        for (i, s) in steps.iter().enumerate() {
            let change = change_for(&mut model, s, columns);
            position::apply_change(&mut doc.rope, &change, enc);
            doc.version = i as i32 + 2;
            prop_assert_eq!(doc.rope.to_string(), model.text(), "after step {}: {:?}", i, s);
        }
        let edited = Snapshot::analyse(&uri, doc.analysis_input(), enc, 1, true);
        let fresh_doc = Document::new(2, doc.version, &model.text(), Some(PathBuf::from("/ws/postmortems/edited.md")), config);
        let fresh = Snapshot::analyse(&uri, fresh_doc.analysis_input(), enc, 2, false);
        prop_assert_eq!(edited.is_debrief, fresh.is_debrief);
        prop_assert_eq!(edited.diagnostics(), fresh.diagnostics());
        // What is pushed is what is pulled.
        let printed = edited.printed.as_deref().map(|p| String::from_utf8(p.to_vec()).unwrap());
        prop_assert_eq!(printed, Some(serde_json::to_string(fresh.diagnostics()).unwrap()));
    }
}

/// Diagnostics without what names the document they were made for.
/// Diagnostics without what differs between two documents of the same text: the URI,
/// and the version in each finding's id.
fn comparable(diags: &Value, uri: &str) -> Value {
    without_versions(&serde_json::from_str(&diags.to_string().replace(uri, "URI")).unwrap())
}

/// The whole server: edits sent as `didChange` notifications without waiting (some
/// carrying several changes), then diagnostics pulled and compared with a fresh open of
/// the client's text. One server serves every case, each on its own documents.
#[test]
fn the_server_over_json_rpc_holds_the_clients_text() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let client = Mutex::new(runtime.block_on(RawClient::initialized()));
    let serial = Mutex::new(0u32);
    let config = ProptestConfig { cases: cases(3000) / 25, failure_persistence: None, ..ProptestConfig::default() };
    let strategy = (text(), prop::collection::vec(prop::collection::vec(step(), 1..4), 1..8));
    let result = TestRunner::new(config).run(&strategy, |(initial, batches)| {
        let n = {
            let mut s = serial.lock().unwrap();
            *s += 1;
            *s
        };
        let mut client = client.lock().unwrap();
        runtime.block_on(async {
            let uri = format!("file:///ws/postmortems/case-{n}.md");
            let fresh = format!("file:///ws/postmortems/case-{n}-fresh.md");
            client.open(&uri, &initial).await;
            let mut model = ClientText::new(&initial);
            let mut version = 1;
            for batch in &batches {
                version += 1;
                let changes: Vec<Value> = batch
                    .iter()
                    .map(|s| serde_json::to_value(change_for(&mut model, s, Columns::Utf16)).unwrap())
                    .collect();
                let p = json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes});
                client.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": p})).await;
            }
            let edited = client.pull(&uri).await;
            client.open(&fresh, &model.text()).await;
            let expected = client.pull(&fresh).await;
            for u in [&uri, &fresh] {
                let p = json!({"textDocument": {"uri": u}});
                client.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": p})).await;
            }
            prop_assert_eq!(comparable(&edited, &uri), comparable(&expected, &fresh), "text: {:?}", model.text());
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let client = client.into_inner().unwrap();
    runtime.block_on(client.shutdown());
}
