//! The analysis side of `lsp_latency`'s spread edits, for profilers and for finding which
//! edits are slow: `spread_edits FILE [COUNT] [--only N]` types a short sentence at the
//! start of COUNT lines spread through FILE, one version each, reusing the last version's
//! work as the language server does, and prints each edit's time and line. With
//! `--only K`, makes the K-th edit and its undo 200 times instead.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("a file");
    let count: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100);
    let only: Option<usize> = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)?.parse().ok());
    let text = std::fs::read_to_string(path).expect("read");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let config = debrief_core::Config::default();
    let mut current: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut incremental = debrief_core::Incremental::default();
    incremental.analyse(current.concat(), &config);
    for k in 0..count {
        let line = 1 + k * (lines.len() - 2) / count;
        let before = current.concat();
        current[line].insert_str(0, "We paused here. ");
        let version = current.concat();
        if only == Some(k) {
            // This edit and its undo, again and again, for a profiler.
            for _ in 0..200 {
                incremental.analyse(version.clone(), &config);
                incremental.analyse(before.clone(), &config);
            }
            return;
        }
        let started = Instant::now();
        let n = incremental.analyse(version, &config).diagnostics.len();
        let took = started.elapsed().as_secs_f64() * 1e3;
        println!("{took:8.3} ms  {n:4} findings  line {line}: {:.50}", lines[line].trim_end());
    }
}
