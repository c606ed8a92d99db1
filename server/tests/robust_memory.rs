//! Memory, measured on the real binary over stdio (issue #6): 300 documents open stay
//! under 200 MB resident, and big or deep documents (12 MB, a 1 MB line, 20,000 nested
//! block quotes) are analysed with findings published and bounded peak memory. Peaks
//! are the process's `VmHWM` in `/proc/<pid>/status` (Linux only).
//!
//! Run: `cargo test -p debrief-ls --test robust_memory -- --nocapture` to see the figures.

#![cfg(target_os = "linux")]

#[path = "../benches/inputs.rs"]
mod inputs;
#[path = "robust_support/stdio_server.rs"]
mod stdio_server;

use std::time::Instant;

use serde_json::json;
use stdio_server::StdioServer;

#[test]
fn three_hundred_open_documents_stay_under_200_mb() {
    let texts = inputs::corpus();
    let mut server = StdioServer::start("warn");
    let (base, _) = server.memory_mb();
    let mut bytes = 0;
    for i in 0..300 {
        // Under a `postmortems` folder, so each is a debrief and analysed.
        let text = &texts[i % texts.len()];
        bytes += text.len();
        server.open(&format!("file:///ws/postmortems/doc-{i:03}.md"), text);
    }
    // Publications come in any order (handlers run concurrently): wait for all 300.
    let mut published = std::collections::HashSet::new();
    while published.len() < 300 {
        let m = server.until(|m| m["method"] == "textDocument/publishDiagnostics");
        published.insert(m["params"]["uri"].as_str().unwrap().to_string());
    }
    let (rss, peak) = server.memory_mb();
    eprintln!(
        "300 documents ({:.1} MB of text): {rss:.1} MB resident, peak {peak:.1} MB (at start {base:.1} MB)",
        bytes as f64 / 1e6
    );
    assert!(rss < 200.0 && peak < 200.0, "{rss:.1} MB resident, peak {peak:.1} MB");
    // Still answering.
    let r = server
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///ws/postmortems/doc-000.md"}}));
    assert!(r["result"].as_array().is_some_and(|s| !s.is_empty()), "{r}");
    server.shutdown();
}

#[test]
fn big_and_deep_documents_have_bounded_peak_memory() {
    let head = "# Post-mortem: checkout outage\n\n## Summary\n\n";
    let blaming = "Dana should have noticed the alert, and it was human error. ";
    let mut big = String::from(head);
    big.push_str(blaming);
    let texts = inputs::corpus();
    while big.len() < 12 * 1024 * 1024 {
        for t in &texts {
            big.push_str(t);
            big.push('\n');
        }
    }
    let cases = [
        ("12 MB document", big),
        ("1 MB single line", format!("{head}{}\n", blaming.repeat(1024 * 1024 / blaming.len()))),
        ("20,000 nested block quotes", format!("{head}{} **Note:** {blaming}\n", ">".repeat(20_000))),
        ("5,000 nested lists", format!("{head}{}{blaming}\n", "- ".repeat(5_000))),
    ];
    for (name, text) in cases {
        let mut server = StdioServer::start("warn");
        let uri = "file:///ws/postmortems/big.md";
        let started = Instant::now();
        server.open(uri, &text);
        // The diagnostics, and what was logged before them (more may come after).
        let mut logged = Vec::new();
        let diagnostics = loop {
            let m = server
                .until(|m| m["method"] == "textDocument/publishDiagnostics" || m["method"] == "window/logMessage");
            if m["method"] == "window/logMessage" {
                logged.push(m["params"]["message"].as_str().unwrap_or_default().to_string());
            } else if m["params"]["uri"] == uri {
                break m["params"]["diagnostics"].clone();
            }
        };
        let took = started.elapsed();
        let (rss, peak) = server.memory_mb();
        eprintln!(
            "{name} ({} bytes): diagnostics after {took:?}, {} findings; {rss:.1} MB resident, peak {peak:.1} MB",
            text.len(),
            diagnostics.as_array().unwrap().len()
        );
        assert!(
            diagnostics.as_array().unwrap().iter().any(|d| d["code"] == "cause-human-error"),
            "{name}: findings reported"
        );
        let shown = diagnostics.as_array().unwrap().len();
        assert!(shown <= debrief_ls::lsp::document::MAX_PUBLISHED, "{name}: {shown} published");
        if name == "1 MB single line" {
            // 34,953 findings: the first thousand published, and the rest said.
            assert_eq!(shown, debrief_ls::lsp::document::MAX_PUBLISHED);
            // The log goes through tower-lsp and the diagnostics straight to the output:
            // either may arrive first.
            let said = |l: &str| l.contains("showing the first 1000 of 34953 findings");
            if !logged.iter().any(|l| said(l)) {
                let m = server.until(|m| {
                    m["method"] == "window/logMessage" && said(m["params"]["message"].as_str().unwrap_or_default())
                });
                logged.push(m["params"]["message"].as_str().unwrap_or_default().to_string());
            }
            assert!(logged.iter().any(|l| said(l)), "{logged:?}");
        }
        // A bound, not a budget: a few copies of the text and its analysis.
        let limit = 150.0 + 40.0 * text.len() as f64 / 1e6;
        assert!(peak < limit, "{name}: peak {peak:.1} MB, over {limit:.0} MB");
        server.shutdown();
    }
}
