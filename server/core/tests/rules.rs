//! Per-rule fixtures (`tests/fixtures/rules/<rule-id>/{flagged,clean}.md`): the flagged
//! document gets at least one finding of the rule, the clean one none, and the findings
//! with their fixes are snapshotted so any change in them shows in review.

use std::path::PathBuf;

use debrief_core::rules::REGISTRY;
use debrief_core::{analyse, Config, Diagnostic, LineIndex};

fn fixture_dir(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(id)
}

fn config_with(id: &str) -> Config {
    let (config, errors) = Config::from_toml(&format!("[rules]\n{id} = \"warning\"\n"));
    assert!(errors.is_empty());
    config
}

/// `line:col-line:col message` and each fix as `fix (applicability): title => text`.
fn render(text: &str, findings: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in findings {
        let s = index.line_col(text, d.range.start);
        let e = index.line_col(text, d.range.end);
        out.push_str(&format!(
            "{}:{}-{}:{} {:?} {}\n",
            s.line,
            s.column,
            e.line,
            e.column,
            &text[d.range.clone()],
            d.message
        ));
        for f in &d.fixes {
            let new: Vec<&str> = f.edits.iter().map(|e| e.new_text.as_str()).collect();
            out.push_str(&format!("  fix ({:?}): {} => {:?}\n", f.applicability, f.title, new));
        }
        for r in &d.related {
            let l = index.line_col(text, r.range.start);
            out.push_str(&format!("  related {}:{}: {}\n", l.line, l.column, r.message));
        }
    }
    out
}

#[test]
fn every_rule_has_fixtures_that_behave() {
    let mut problems = Vec::new();
    for rule in REGISTRY {
        let id = rule.meta.id;
        let dir = fixture_dir(id);
        let config = config_with(id);
        for (name, want_findings) in [("flagged.md", true), ("clean.md", false)] {
            let path = dir.join(name);
            let Ok(text) = std::fs::read_to_string(&path) else {
                problems.push(format!("{id}: missing fixture {}", path.display()));
                continue;
            };
            let findings: Vec<Diagnostic> = analyse(&text, &config).into_iter().filter(|d| d.rule == id).collect();
            if want_findings && findings.is_empty() {
                problems.push(format!("{id}: {name} has no finding"));
            }
            if !want_findings && !findings.is_empty() {
                problems.push(format!("{id}: {name} has findings:\n{}", render(&text, &findings)));
            }
            if want_findings {
                insta::assert_snapshot!(format!("{id}"), render(&text, &findings));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
