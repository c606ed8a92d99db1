//! In-process tests of the language server: a test client drives `serve_with` over an
//! in-memory pipe, framing messages exactly as an editor does over stdio, and asserts
//! exact ranges (UTF-16 and UTF-8, with emoji and CRLF text).
//!
//! Run: `cargo test -p debrief-ls --test lsp`.

#[path = "lsp/support.rs"]
mod support;

#[path = "lsp/actions.rs"]
mod actions;
#[path = "lsp/features.rs"]
mod features;
#[path = "lsp/latency.rs"]
mod latency;
#[path = "lsp/lifecycle.rs"]
mod lifecycle;
#[path = "lsp/settings.rs"]
mod settings;
#[path = "lsp/sync.rs"]
mod sync;
#[path = "lsp/words.rs"]
mod words;
