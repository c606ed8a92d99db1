//! Shared helpers for the integration tests: the documents to run invariants over.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// Every Markdown file under a folder, sorted, as (path relative to the folder, text).
pub fn markdown_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("README"))
            {
                let rel = path.strip_prefix(dir).expect("under dir").to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).expect("UTF-8 fixture")));
            }
        }
    }
    out.sort();
    out
}

/// The public debriefs copied from `../shared/corpus` into `tests/corpus`.
pub fn corpus() -> Vec<(String, String)> {
    let docs = markdown_under(&repo_root().join("tests/corpus"));
    assert!(docs.len() >= 150, "tests/corpus holds {} debriefs; expected the 158 of the shared corpus", docs.len());
    docs
}

/// The rule and sentence fixtures of this crate.
pub fn fixtures() -> Vec<(String, String)> {
    markdown_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
}
