//! Benchmark inputs, built the same way every time from the public debriefs in
//! `tests/corpus`: a 100-line and a 10,000-line debrief (corpus documents one after the
//! other, cut at the line count), and the corpus itself.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("repository root")
}

/// Every corpus debrief, sorted by path.
pub fn corpus() -> Vec<String> {
    let mut paths = Vec::new();
    let mut stack = vec![repo().join("tests/corpus")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && path.file_name().is_some_and(|n| n != "README.md")
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("UTF-8 debrief")).collect()
}

/// A debrief of exactly `lines` lines made of corpus documents in order.
pub fn debrief(lines: usize) -> String {
    let docs = corpus();
    let mut out = String::new();
    let mut count = 0;
    'fill: for doc in docs.iter().cycle() {
        for line in doc.lines() {
            out.push_str(line);
            out.push('\n');
            count += 1;
            if count == lines {
                break 'fill;
            }
        }
        out.push('\n');
        count += 1;
        if count == lines {
            break;
        }
    }
    out
}
