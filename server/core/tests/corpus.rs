//! Every public debrief in `tests/corpus` analyses without panic, with valid ranges, and
//! its findings are snapshotted: a change in what the rules say about real documents
//! shows up in review, one line per finding.

mod support;

use std::collections::BTreeMap;

use debrief_core::{analyse, Config, LineIndex};

#[test]
fn the_corpus_analyses_cleanly_and_its_findings_are_reviewed() {
    let config = Config::default();
    let mut report = String::new();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, text) in support::corpus() {
        let findings = std::panic::catch_unwind(|| analyse(&text, &config))
            .unwrap_or_else(|_| panic!("analysis panicked on {path}"));
        let index = LineIndex::new(&text);
        for d in &findings {
            assert!(
                d.range.start <= d.range.end && d.range.end <= text.len(),
                "{path}: range {:?} out of bounds",
                d.range
            );
            assert!(
                text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
                "{path}: range splits a character"
            );
            *per_rule.entry(d.rule).or_default() += 1;
            let at = index.line_col(&text, d.range.start);
            let flagged: String = text[d.range.clone()].chars().take(60).collect::<String>().replace('\n', "⏎");
            report.push_str(&format!("{path}:{}:{} {} [{flagged}] {}\n", at.line, at.column, d.rule, d.message));
        }
    }
    let counts: String = per_rule.iter().map(|(r, n)| format!("{r}: {n}\n")).collect();
    insta::assert_snapshot!("corpus_counts", counts);
    insta::assert_snapshot!("corpus_findings", report);
}
