//! Prints the findings for each file given, one JSON object per line, using only the
//! core (handy for reviewing rules on a corpus without building the server).
//!
//! `cargo run -p debrief-core --example findings -- FILE...`

use debrief_core::{analyse, Config, LineIndex};

fn main() {
    let config = Config::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read as UTF-8 text");
            continue;
        };
        let index = LineIndex::new(&text);
        for d in analyse(&text, &config) {
            let start = index.line_col(&text, d.range.start);
            let end = index.line_col(&text, d.range.end);
            let line = serde_json::json!({
                "path": path, "rule": d.rule, "line": start.line, "column": start.column,
                "end_line": end.line, "end_column": end.column, "message": d.message,
                "fix": d.fixes.first().and_then(|f| f.edits.first()).map(|e| e.new_text.clone()),
            });
            println!("{line}");
        }
    }
}
