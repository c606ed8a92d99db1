//! The published rule docs (`docs/rules/<id>.md`) and the README's rule table are
//! generated from the docs in each rule's file. This test fails when they drift; run it
//! with `UPDATE_DOCS=1` to regenerate them.

mod support;

use debrief_core::config::RuleLevel;
use debrief_core::rules::{render_docs, REGISTRY};

const TABLE_START: &str =
    "<!-- rules:start (generated from the rule docs; `UPDATE_DOCS=1 cargo test -p debrief-core --test docs`) -->";
const TABLE_END: &str = "<!-- rules:end -->";

fn rule_table() -> String {
    let mut out = String::from("| Rule | Default | Flags | Fix |\n| --- | --- | --- | --- |\n");
    for r in REGISTRY {
        let m = &r.meta;
        let level = match m.default_level {
            RuleLevel::Off => "off",
            RuleLevel::Info => "info",
            RuleLevel::Warning => "warning",
            RuleLevel::Error => "error",
        };
        let fix = m.docs.fix.split(". ").next().unwrap_or("").trim().trim_end_matches('.');
        out.push_str(&format!(
            "| [`{id}`](docs/rules/{id}.md) | {level} | {} | {} |\n",
            m.summary.replace('|', "\\|"),
            fix.replace('|', "\\|"),
            id = m.id
        ));
    }
    out
}

#[test]
fn rule_pages_and_readme_table_are_current() {
    let root = support::repo_root();
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    let docs_dir = root.join("docs/rules");
    for r in REGISTRY {
        let path = docs_dir.join(format!("{}.md", r.meta.id));
        let want = render_docs(r);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            if update {
                std::fs::create_dir_all(&docs_dir).expect("docs folder");
                std::fs::write(&path, &want).expect("write rule page");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(TABLE_START), readme.find(TABLE_END)) else {
        panic!("README.md lacks the rule table markers:\n{TABLE_START}\n{TABLE_END}");
    };
    let current = &readme[start + TABLE_START.len()..end];
    let want = format!("\n{}", rule_table());
    if current != want {
        if update {
            let new = format!("{}{TABLE_START}{want}{}", &readme[..start], &readme[end..]);
            std::fs::write(&readme_path, new).expect("write README");
        } else {
            stale.push("README.md rule table".into());
        }
    }
    assert!(stale.is_empty(), "generated docs are out of date (run with UPDATE_DOCS=1): {stale:?}");
}
