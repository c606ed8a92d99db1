//! How well the language rules do on debriefs written to measure them
//! (`tests/eval/language/`, see `tests/eval/README.md`): precision and recall per rule and
//! per set, and the number of clean lines flagged, printed on every run and held to floors.
//!
//! `cargo test -p debrief-core --test eval -- --nocapture` prints the figures;
//! `EVAL_SHOW=tuning` also lists every miss and false positive of the tuning set. The blind
//! set's lines are only scored (listing them is `EVAL_SHOW=blind`, for after a release:
//! a line looked at moves to `tuning/`).

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use debrief_core::{analyse, Config};

/// The seven language rules, in the order the figures are printed.
const RULES: &[&str] = &[
    "blame-named-person",
    "blame-counterfactual",
    "blame-interrogation",
    "blame-judgement",
    "cause-human-error",
    "cause-single-root",
    "followups-prevention-only",
];

/// One scored line: the annotated line with the lines of its sentence above it.
#[derive(Debug)]
struct Unit {
    /// 0-based lines, inclusive.
    lines: std::ops::RangeInclusive<usize>,
    /// Rules that must flag it.
    expect: Vec<String>,
    /// Rules that may flag it.
    also: Vec<String>,
}

/// Splits `<!-- expect: a b; also: c -->` off a line.
fn annotation(line: &str) -> Option<(Vec<String>, Vec<String>)> {
    let start = line.find("<!--")?;
    let body = line[start + 4..].split("-->").next()?.trim();
    let body = body.strip_prefix("expect:")?;
    let (expect, also) = body.split_once(';').unwrap_or((body, ""));
    let also = also.trim().strip_prefix("also:").unwrap_or(also);
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    Some((words(expect), words(also)))
}

/// Whether a line starts a block of its own rather than continuing the one above.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['#', '|', '>', '-', '*', '+'])
        || t.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Lines that are prose (not blank, not front matter, fences, table rules or code).
fn prose_lines(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut in_front = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if i == 0 && (t == "---" || t == "+++") {
            in_front = true;
            out.push(false);
            continue;
        }
        if in_front {
            in_front = !(t == "---" || t == "+++");
            out.push(false);
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            out.push(false);
            continue;
        }
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let rule_row = t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        out.push(!in_fence && !rule_row && letters >= 3);
    }
    out
}

/// The units of a document: every annotated line with its sentence, every other prose line alone.
fn units(text: &str) -> Vec<Unit> {
    let lines: Vec<&str> = text.lines().collect();
    let prose = prose_lines(text);
    let mut owner: Vec<Option<usize>> = vec![None; lines.len()];
    let mut units = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((expect, also)) = annotation(line) else { continue };
        let mut first = i;
        while first > 0
            && !starts_block(lines[first])
            && !lines[first - 1].trim().is_empty()
            && annotation(lines[first - 1]).is_none()
            && !lines[first - 1].trim_start().starts_with(['#', '|'])
        {
            first -= 1;
        }
        for o in owner.iter_mut().take(i + 1).skip(first) {
            *o = Some(units.len());
        }
        units.push(Unit { lines: first..=i, expect, also });
    }
    for (i, is_prose) in prose.iter().enumerate() {
        if *is_prose && owner[i].is_none() {
            units.push(Unit { lines: i..=i, expect: Vec::new(), also: Vec::new() });
        }
    }
    units
}

#[derive(Default, Clone, Copy)]
struct Score {
    /// Units expected to be flagged by the rule.
    expected: usize,
    /// Of those, flagged.
    caught: usize,
    /// Units flagged by the rule that do not expect or allow it.
    false_positives: usize,
}

impl Score {
    fn recall(self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.caught as f64 / self.expected as f64
        }
    }

    fn precision(self) -> f64 {
        let flagged = self.caught + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            self.caught as f64 / flagged as f64
        }
    }
}

/// A set's figures.
struct SetScore {
    per_rule: BTreeMap<&'static str, Score>,
    clean_units: usize,
    clean_flagged: usize,
    flagged_units: usize,
    /// Misses and false positives, for `EVAL_SHOW`.
    details: Vec<String>,
}

impl SetScore {
    fn overall(&self) -> Score {
        let mut total = Score::default();
        for s in self.per_rule.values() {
            total.expected += s.expected;
            total.caught += s.caught;
            total.false_positives += s.false_positives;
        }
        total
    }
}

fn score_set(dir: &Path) -> SetScore {
    let docs: Vec<_> = support::markdown_under(dir)
        .into_iter()
        .filter(|(p, _)| !p.ends_with("LABELLING.md") && !p.rsplit('/').next().is_some_and(|n| n.starts_with("README")))
        .collect();
    assert!(!docs.is_empty(), "no documents under {}", dir.display());
    let config = Config::default();
    let mut per_rule: BTreeMap<&'static str, Score> = RULES.iter().map(|r| (*r, Score::default())).collect();
    let (mut clean_units, mut clean_flagged, mut flagged_units) = (0, 0, 0);
    let mut details = Vec::new();
    for (path, text) in &docs {
        let units = units(text);
        let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;
        let mut unit_of_line = vec![None; line_starts.len()];
        for (u, unit) in units.iter().enumerate() {
            for l in unit.lines.clone() {
                unit_of_line[l] = Some(u);
            }
        }
        let lines: Vec<&str> = text.lines().collect();
        let findings = analyse(text, &config);
        let mut flagged: Vec<Vec<&str>> = vec![Vec::new(); units.len()];
        for d in findings.iter().filter(|d| RULES.contains(&d.rule)) {
            let line = line_of(d.range.start);
            match unit_of_line.get(line).copied().flatten() {
                Some(u) => flagged[u].push(d.rule),
                None => details.push(format!(
                    "{path}:{}: {} outside any scored line: {:?}",
                    line + 1,
                    d.rule,
                    &text[d.range.clone()]
                )),
            }
        }
        for (u, unit) in units.iter().enumerate() {
            let shown = || {
                let l = *unit.lines.end();
                let body = lines[l].split("<!--").next().unwrap_or("").trim();
                format!("{path}:{}: {body}", l + 1)
            };
            if unit.expect.is_empty() && unit.also.is_empty() {
                clean_units += 1;
                if !flagged[u].is_empty() {
                    clean_flagged += 1;
                }
            } else {
                flagged_units += 1;
            }
            for rule in RULES {
                let hit = flagged[u].contains(rule);
                let expected = unit.expect.iter().any(|r| r == rule);
                let allowed = unit.also.iter().any(|r| r == rule);
                let s = per_rule.get_mut(rule).expect("a language rule");
                if expected {
                    s.expected += 1;
                    if hit {
                        s.caught += 1;
                    } else {
                        details.push(format!("MISS {rule}: {}", shown()));
                    }
                } else if hit && !allowed {
                    s.false_positives += 1;
                    details.push(format!("FALSE {rule}: {}", shown()));
                }
            }
            for rule in unit.expect.iter().chain(&unit.also) {
                assert!(RULES.contains(&rule.as_str()), "{}: unknown rule {rule} in an annotation", shown());
            }
        }
    }
    SetScore { per_rule, clean_units, clean_flagged, flagged_units, details }
}

fn report(name: &str, s: &SetScore) -> String {
    let mut out = format!(
        "\n{name}: {} flagged lines, {} clean lines ({} clean lines flagged)\n",
        s.flagged_units, s.clean_units, s.clean_flagged
    );
    let _ = writeln!(out, "  {:28} {:>9} {:>9} {:>6}", "rule", "precision", "recall", "lines");
    for (rule, score) in &s.per_rule {
        let _ = writeln!(
            out,
            "  {rule:28} {:>9.2} {:>9.2} {:>6}",
            score.precision(),
            score.recall(),
            format!("{}/{}", score.caught, score.expected)
        );
    }
    let all = s.overall();
    let _ = writeln!(
        out,
        "  {:28} {:>9.2} {:>9.2} {:>6}",
        "all",
        all.precision(),
        all.recall(),
        format!("{}/{}", all.caught, all.expected)
    );
    out
}

/// The least each set must score, per rule (recall) and overall; raised as the rules improve.
struct Floors {
    recall_per_rule: f64,
    recall_overall: f64,
    precision_overall: f64,
    /// The most clean lines any rule may flag, as a share of the clean lines.
    clean_flagged_share: f64,
}

fn check_set(name: &str, floors: &Floors) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/language").join(name);
    let score = score_set(&dir);
    print!("{}", report(name, &score));
    if std::env::var("EVAL_SHOW").is_ok_and(|v| v == name) {
        for d in &score.details {
            println!("  {d}");
        }
    }
    let mut failures = Vec::new();
    for (rule, s) in &score.per_rule {
        if s.expected > 0 && s.recall() < floors.recall_per_rule {
            failures.push(format!("{rule}: recall {:.2} < {:.2}", s.recall(), floors.recall_per_rule));
        }
    }
    let all = score.overall();
    if all.recall() < floors.recall_overall {
        failures.push(format!("overall recall {:.2} < {:.2}", all.recall(), floors.recall_overall));
    }
    if all.precision() < floors.precision_overall {
        failures.push(format!("overall precision {:.2} < {:.2}", all.precision(), floors.precision_overall));
    }
    let share = score.clean_flagged as f64 / score.clean_units.max(1) as f64;
    if share > floors.clean_flagged_share {
        failures.push(format!(
            "{} of {} clean lines flagged ({:.3} > {:.3})",
            score.clean_flagged, score.clean_units, share, floors.clean_flagged_share
        ));
    }
    assert!(failures.is_empty(), "the {name} set dropped below its floors:\n{}", failures.join("\n"));
}

#[test]
fn tuning_set_scores_at_least_its_floors() {
    check_set(
        "tuning",
        &Floors { recall_per_rule: 0.9, recall_overall: 0.95, precision_overall: 0.97, clean_flagged_share: 0.01 },
    );
}

#[test]
fn blind_set_scores_at_least_its_floors() {
    check_set(
        "blind",
        // A little below the first score of the b and d sets (2026-12-04: recall 0.79, named
        // person 0.51, precision 0.99, 4 of 743 clean lines flagged; named person 0.54 on
        // 2026-12-05, 0.60 that evening, 0.65 and 0.68 on 2026-12-06). The j set joined on
        // 2026-12-06 unread (named person 11 of 40), which took the whole set to named person
        // 0.53, recall 0.81, precision 0.98, 7 of 969 clean lines flagged: a change that loses
        // generalisation fails here even though the tuning set still passes. Half of the l set
        // joined unread on 2026-12-06 (named person 20 of 29): named person 0.56, recall 0.81.
        // On 2026-12-06 (later) the j set moved to fresh/ once its misses were read, and half
        // of the m set joined unread (named person 19 of 25): named person 0.67, recall 0.84,
        // precision 0.99, 6 of 1464 clean lines flagged; with the n set (unread, named person
        // 22 of 30): named person 0.68, recall 0.84, 6 of 1655 clean lines flagged. With the
        // r set (unread, named person 16 of 29): named person 0.66, recall 0.83, precision
        // 0.99, 9 of 2273 clean lines flagged. With the a set (2026-12-07, unread, named person
        // 14 of 33): named person 0.64, recall 0.83, 10 of 2516 clean lines flagged.
        &Floors { recall_per_rule: 0.5, recall_overall: 0.78, precision_overall: 0.95, clean_flagged_share: 0.01 },
    );
}

#[test]
fn fresh_set_scores_at_least_its_floors() {
    check_set(
        "fresh",
        // A little below its score (2026-12-06, with the h and i sets added: recall 0.86,
        // named person 0.71, precision 0.99, 4 of 1230 clean lines flagged): the named-person
        // rule still misses 3 in 10 of these authors' lines. With the j set and half of the
        // m set (2026-12-06, later): recall 0.88, named person 0.76, 6 of 2050 clean lines.
        &Floors { recall_per_rule: 0.65, recall_overall: 0.83, precision_overall: 0.97, clean_flagged_share: 0.01 },
    );
}

/// `EVAL_EXTRA=dir` scores a set outside the repository (a new author's debriefs, before
/// they are looked at) and lists its misses; without it this test does nothing.
#[test]
fn extra_set_from_the_environment() {
    let Some(dir) = std::env::var_os("EVAL_EXTRA") else { return };
    let score = score_set(Path::new(&dir));
    print!("{}", report("extra", &score));
    for d in &score.details {
        println!("  {d}");
    }
}

#[test]
fn annotations_and_units_are_read_as_documented() {
    let text = "# Debrief\n\nDana broke it <!-- expect: blame-named-person -->\n\nA long sentence that\nends here. <!-- expect: blame-judgement; also: blame-counterfactual -->\n- item one\n- item two <!-- expect: cause-human-error -->\n\n```\ncode\n```\n| time | what |\n|---|---|\n";
    let units = units(text);
    let annotated: Vec<_> = units
        .iter()
        .filter(|u| !u.expect.is_empty())
        .map(|u| (u.lines.clone(), u.expect.clone(), u.also.clone()))
        .collect();
    assert_eq!(
        annotated,
        [
            (2..=2, vec!["blame-named-person".to_string()], vec![]),
            (4..=5, vec!["blame-judgement".to_string()], vec!["blame-counterfactual".to_string()]),
            (7..=7, vec!["cause-human-error".to_string()], vec![]),
        ]
    );
    let clean: Vec<_> = units.iter().filter(|u| u.expect.is_empty()).map(|u| *u.lines.start()).collect();
    assert_eq!(clean, [0, 6, 12], "the heading, the unannotated item and the table's header row");
}

/// Every language finding on the real debriefs of `tests/corpus`, judged by a reviewer in
/// `tests/eval/corpus-verdicts.tsv`: a change that adds a finding fails here until the
/// finding is judged, and one that drops a finding fails until its row is removed, so
/// every change in what the rules say about real writing is reviewed.
#[test]
fn every_language_finding_on_the_corpus_has_a_verdict() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/corpus-verdicts.tsv");
    let table = std::fs::read_to_string(&path).expect("corpus-verdicts.tsv");
    // (file, line, rule, flagged text) → verdict
    let mut verdicts: BTreeMap<(String, usize, String, String), String> = BTreeMap::new();
    for (n, row) in table.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert!(cells.len() >= 5, "corpus-verdicts.tsv:{}: expected file, line, rule, text, verdict[, why]", n + 1);
        let verdict = cells[4].trim();
        assert!(matches!(verdict, "right" | "wrong"), "corpus-verdicts.tsv:{}: verdict {verdict:?}", n + 1);
        let line = cells[1].parse().unwrap_or_else(|_| panic!("corpus-verdicts.tsv:{}: line {:?}", n + 1, cells[1]));
        verdicts.insert((cells[0].to_string(), line, cells[2].to_string(), cells[3].to_string()), verdict.to_string());
    }
    let config = Config::default();
    let mut unjudged = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let (mut right, mut wrong) = (0, 0);
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (file, text) in support::corpus() {
        for d in analyse(&text, &config).into_iter().filter(|d| RULES.contains(&d.rule)) {
            let line = text[..d.range.start].matches('\n').count() + 1;
            let flagged: String = text[d.range.clone()].chars().take(60).collect::<String>().replace(['\n', '\t'], " ");
            let key = (file.clone(), line, d.rule.to_string(), flagged);
            match verdicts.get(&key) {
                Some(v) => {
                    let counts = by_rule.entry(d.rule).or_default();
                    if v == "right" {
                        right += 1;
                        counts.0 += 1;
                    } else {
                        wrong += 1;
                        counts.1 += 1;
                    }
                }
                None => unjudged.push(format!("{}\t{}\t{}\t{}\t?\t{}", key.0, key.1, key.2, key.3, d.message)),
            }
            seen.insert(key);
        }
    }
    let dropped: Vec<String> = verdicts
        .iter()
        .filter(|(k, _)| !seen.contains(*k))
        .map(|(k, v)| format!("{}\t{}\t{}\t{}\t{v}", k.0, k.1, k.2, k.3))
        .collect();
    println!("\ncorpus language findings: {right} judged right, {wrong} judged wrong");
    for (rule, (r, w)) in &by_rule {
        println!("  {rule:28} {r:>3} right {w:>3} wrong");
    }
    assert!(
        unjudged.is_empty() && dropped.is_empty(),
        "the language findings on tests/corpus changed: judge each new one in tests/eval/corpus-verdicts.tsv (verdict \
         `right` or `wrong`, and why), and remove the rows of the dropped ones.\nnew:\n{}\ndropped:\n{}",
        unjudged.join("\n"),
        dropped.join("\n")
    );
}
