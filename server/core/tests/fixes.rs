//! Fix invariants over the fixtures and the corpus:
//! - every fix's edits apply, and applying one removes its finding without adding any
//!   other (the timeline skeleton may add only "fill in this time" placeholders);
//! - fixing everything converges: a second `fix_all` changes nothing;
//! - fixed text is still Markdown with the same tables.

mod support;

use std::collections::BTreeMap;

use debrief_core::fix::{apply_edits, fix_all};
use debrief_core::{analyse, Applicability, Config, Diagnostic, Document};

fn counts(findings: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in findings {
        *m.entry(d.rule).or_default() += 1;
    }
    m
}

fn all_rules_on() -> Config {
    let (config, errors) = Config::from_toml("[rules]\nterm-post-mortem = \"info\"\n");
    assert!(errors.is_empty());
    config
}

fn documents() -> Vec<(String, String)> {
    let mut docs = support::fixtures();
    docs.extend(support::corpus());
    docs
}

#[test]
fn each_fix_removes_its_finding_and_adds_none() {
    let config = all_rules_on();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, text) in documents() {
        let before = analyse(&text, &config);
        let before_counts = counts(&before);
        for d in &before {
            for fix in &d.fixes {
                checked += 1;
                let fixed = match apply_edits(&text, &fix.edits) {
                    Ok(t) => t,
                    Err(e) => {
                        problems.push(format!("{path}: {} fix {:?} does not apply: {e}", d.rule, fix.title));
                        continue;
                    }
                };
                let after = analyse(&fixed, &config);
                let after_counts = counts(&after);
                if after_counts.get(d.rule).copied().unwrap_or(0) >= before_counts[d.rule] {
                    problems.push(format!("{path}: {} fix {:?} leaves its finding", d.rule, fix.title));
                }
                for (rule, n) in &after_counts {
                    let was = before_counts.get(rule).copied().unwrap_or(0);
                    let placeholder = d.rule == "timeline-missing" && *rule == "timeline-entry-no-time";
                    if *n > was && !placeholder {
                        problems.push(format!("{path}: {} fix {:?} adds a {rule} finding", d.rule, fix.title));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} fixes checked");
    assert!(problems.is_empty(), "{} of {checked} fixes misbehave:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn fixing_everything_converges_and_keeps_the_markdown() {
    let config = all_rules_on();
    for (path, text) in documents() {
        for level in [Applicability::Safe, Applicability::Unsafe] {
            let once = fix_all(&text, &config, level);
            let twice = fix_all(&once.text, &config, level);
            assert_eq!(twice.applied, 0, "{path}: a second {level:?} fix_all still changed something");
            assert_eq!(
                Document::parse(&once.text).tables.len(),
                Document::parse(&text).tables.len(),
                "{path}: a fix broke a table"
            );
        }
    }
}
