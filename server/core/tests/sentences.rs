//! The phrase rules against two fixture files of sentences: one whose items must each be
//! flagged by the rules named after `=>`, one whose items no blame, cause or prevention
//! rule may flag. All misses are listed at once, so a failing run shows the whole picture.

use debrief_core::{analyse, Config};

const PHRASE_RULES: &[&str] = &[
    "blame-named-person",
    "blame-judgement",
    "blame-counterfactual",
    "blame-interrogation",
    "cause-human-error",
    "cause-single-root",
    "followups-prevention-only",
];

/// Each list item: its byte range, its sentence, and the rules expected.
fn items(text: &str) -> Vec<(std::ops::Range<usize>, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(body) = line.strip_prefix("- ") {
            let (sentence, rules) = match body.split_once(" => ") {
                Some((s, r)) => (s.to_string(), r.split_whitespace().map(str::to_string).collect()),
                None => (body.trim_end().to_string(), Vec::new()),
            };
            out.push((offset..offset + line.len(), sentence, rules));
        }
        offset += line.len();
    }
    out
}

fn findings_in(text: &str) -> Vec<(usize, &'static str)> {
    analyse(text, &Config::default())
        .into_iter()
        .filter(|d| PHRASE_RULES.contains(&d.rule))
        .map(|d| (d.range.start, d.rule))
        .collect()
}

#[test]
fn every_flagged_sentence_is_flagged_by_its_rules() {
    let text = include_str!("fixtures/flagged-sentences.md");
    let found = findings_in(text);
    let mut misses = Vec::new();
    let mut expected_total = 0;
    for (range, sentence, rules) in items(text) {
        for rule in &rules {
            expected_total += 1;
            if !found.iter().any(|(at, r)| range.contains(at) && r == rule) {
                misses.push(format!("{rule} missed: {sentence}"));
            }
        }
    }
    assert!(expected_total > 70, "the fixture lost its items");
    assert!(
        misses.is_empty(),
        "{} of {expected_total} expected findings missing:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn no_clean_sentence_is_flagged() {
    let text = include_str!("fixtures/clean-sentences.md");
    let found = findings_in(text);
    let items = items(text);
    assert!(items.len() > 60, "the fixture lost its items");
    let mut false_positives = Vec::new();
    for (range, sentence, _) in &items {
        for (at, rule) in found.iter().filter(|(at, _)| range.contains(at)) {
            false_positives.push(format!("{rule} at {at}: {sentence}"));
        }
    }
    assert!(
        false_positives.is_empty(),
        "{} clean sentences flagged:\n{}",
        false_positives.len(),
        false_positives.join("\n")
    );
}
