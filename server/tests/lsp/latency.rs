//! Keystroke → `publishDiagnostics` latency, measured through the whole server (framing,
//! tower-lsp, sync, analysis, conversion). Ignored by default; run in release:
//!
//! `cargo test --release -p debrief-ls --test lsp latency -- --ignored --nocapture`

use std::time::{Duration, Instant};

use crate::support::{range, Setup, TestClient};

/// A debrief of about `lines` lines: a timeline, prose, follow-ups, and a finding in
/// one paragraph of every `finding_every` (dense findings cost conversion and JSON).
fn debrief(lines: usize, finding_every: usize) -> String {
    let mut text = String::from("# Incident debrief: checkout outage 🔥\n\n## Timeline (all times UTC)\n\n");
    for i in 0..20 {
        text.push_str(&format!("- 14:{:02} step {i} of the response\n", i * 2));
    }
    text.push_str("\n## What happened\n\n");
    let mut n = 0;
    while text.lines().count() < lines.saturating_sub(8) {
        n += 1;
        let line = match n % 4 {
            0 => "The deploy went out while the queue was draining, and the alert fired late.\n",
            1 if (n / 4) % finding_every == 0 => {
                "It was a careless change to the retry settings 😀 and Dana should have noticed.\n"
            }
            1 => "The retry settings 😀 changed in the same deploy, which nobody could see from the dashboard.\n",
            2 => "\n",
            _ => "The on-call engineer followed the runbook; the dashboard showed no errors.\n",
        };
        text.push_str(line);
    }
    text.push_str("\n## Follow-ups\n\n- Add an alert @dana\n- Write a runbook @sam\n");
    text
}

async fn measure(lines: usize, finding_every: usize, keystrokes: i32) -> (usize, Vec<Duration>) {
    let mut client = TestClient::start(Setup::default()).await;
    let uri = "file:///ws/postmortems/latency.md";
    let text = debrief(lines, finding_every);
    let line_count = text.lines().count();
    client.open(uri, &text).await;
    client.diagnostics_at(uri, 1).await;
    let mut times = Vec::new();
    // Typing at the end of a prose line near the middle, one character at a time.
    let line = (line_count / 2) as u32;
    for k in 0..keystrokes {
        let version = k + 2;
        let start = Instant::now();
        client.change(uri, version, range(line, 0, line, 0), "x").await;
        client.diagnostics_at(uri, i64::from(version)).await;
        times.push(start.elapsed());
    }
    client.shutdown().await;
    times.sort();
    (line_count, times)
}

fn report(label: &str, lines: usize, times: &[Duration]) {
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{label}: {lines} lines, {} keystrokes: p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        times.len(),
        pct(0.50),
        pct(0.90),
        pct(0.99),
        times[times.len() - 1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run in release with --ignored --nocapture"]
async fn keystroke_to_publish_latency() {
    // Findings in one paragraph of 40 (a long debrief with a few dozen findings), then
    // in every paragraph (thousands of findings: conversion and JSON dominate).
    for (lines, every, keystrokes) in [(100, 40, 1000), (10_000, 40, 300), (100, 1, 1000), (10_000, 1, 50)] {
        let (lines, times) = measure(lines, every, keystrokes).await;
        report(&format!("keystroke→publishDiagnostics, finding every {every} paragraphs"), lines, &times);
    }
}
