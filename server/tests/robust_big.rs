//! Big and deep documents (issue #6): a 12 MB document, thousands of nested list levels,
//! 20,000 nested block quotes, a 1 MB single line. Each is analysed on a thread with a
//! 256 KiB stack (so recursion that grows with nesting would overflow), within a
//! generous time bound for this debug build, and its findings are still reported with
//! ranges inside the text. Peak memory is measured through the real binary in
//! `robust_memory.rs`.
//!
//! Run: `cargo test -p debrief-ls --test robust_big`. How time grows with size is checked
//! on its own in `robust_scaling.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use debrief_core::{Config, Diagnostic};

/// The stack the analysis gets here; the main thread has 8 MiB, tokio's 2 MiB.
const SMALL_STACK: usize = 256 * 1024;

const HEAD: &str = "# Post-mortem: checkout outage\n\n## Summary\n\n";

/// A sentence with two findings (`blame-counterfactual`, `cause-human-error`).
const BLAMING: &str = "Dana should have noticed the alert, and it was human error. ";

/// Analyses `text` on a small stack; returns the findings and how long it took.
fn analyse_on_small_stack(text: String) -> (Vec<Diagnostic>, Duration, String) {
    let handle = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let started = Instant::now();
            let diagnostics = debrief_core::analyse(&text, &Config::default());
            (diagnostics, started.elapsed(), text)
        })
        .expect("spawn");
    handle.join().expect("the analysis finished without a panic or overflow")
}

/// Findings of `rule`, after checking every range lies on character boundaries.
fn findings<'a>(text: &str, diagnostics: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    for d in diagnostics {
        assert!(
            d.range.start <= d.range.end && text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{} has a range outside the text: {:?}",
            d.rule,
            d.range
        );
    }
    diagnostics.iter().filter(|d| d.rule == rule).collect()
}

fn corpus_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("the corpus") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") && path.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus"), &mut out);
    out.sort();
    out
}

/// The public debriefs, one after another, to `bytes` (a debrief of debriefs).
pub fn corpus_document(bytes: usize) -> String {
    let files = corpus_files();
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("UTF-8")).collect();
    let mut out = String::from(HEAD);
    out.push_str(BLAMING);
    out.push_str("\n\n");
    while out.len() < bytes {
        for t in &texts {
            out.push_str(t);
            out.push('\n');
            if out.len() >= bytes {
                break;
            }
        }
    }
    out
}

#[test]
fn a_12_mb_document() {
    let text = corpus_document(12 * 1024 * 1024);
    let (diagnostics, took, text) = analyse_on_small_stack(text);
    eprintln!("12 MB ({} bytes): {took:?}, {} findings", text.len(), diagnostics.len());
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert!(!findings(&text, &diagnostics, "blame-counterfactual").is_empty());
    assert!(diagnostics.len() > 1000, "findings across the whole document: {}", diagnostics.len());
    assert!(diagnostics.iter().any(|d| d.range.start > 11 * 1024 * 1024), "findings near the end too");
}

#[test]
fn five_thousand_nested_list_levels() {
    // "- - - …": each marker opens a list inside the previous item.
    let text = format!("{HEAD}{}{BLAMING}\n", "- ".repeat(5000));
    let (diagnostics, took, text) = analyse_on_small_stack(text);
    eprintln!("5,000 nested lists: {took:?}");
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(findings(&text, &diagnostics, "cause-human-error").len(), 1);

    // Indented the usual way: 1,000 levels (a 1 MB document), a finding on every line.
    let mut text = String::from(HEAD);
    for level in 0..1000 {
        text.push_str(&"  ".repeat(level));
        text.push_str("- It was human error\n");
    }
    let (diagnostics, took, text) = analyse_on_small_stack(text);
    eprintln!("1,000 indented nested lists: {took:?}");
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(findings(&text, &diagnostics, "cause-human-error").len(), 1000);
}

#[test]
fn twenty_thousand_nested_block_quotes() {
    // ">>>…" and "> > >…": 20,000 block quotes, each inside the last. The innermost is the
    // author's callout ("**Note:**"), so its words are prose the rules read (a quotation
    // would be someone else's words, never flagged).
    for prefix in [">".repeat(20_000), "> ".repeat(20_000)] {
        let text = format!("{HEAD}{prefix} **Note:** {BLAMING}\n");
        let (diagnostics, took, text) = analyse_on_small_stack(text);
        eprintln!("20,000 nested block quotes ({} bytes): {took:?}", text.len());
        assert!(took < Duration::from_secs(20), "took {took:?}");
        assert_eq!(findings(&text, &diagnostics, "cause-human-error").len(), 1);
    }
}

#[test]
fn a_1_mb_single_line() {
    let text = format!("{HEAD}{}\n", BLAMING.repeat(1024 * 1024 / BLAMING.len()));
    let lines = text.lines().count();
    let (diagnostics, took, text) = analyse_on_small_stack(text);
    eprintln!("1 MB line: {took:?}, {} findings", diagnostics.len());
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(lines, 5);
    assert!(findings(&text, &diagnostics, "cause-human-error").len() > 10_000);
}
