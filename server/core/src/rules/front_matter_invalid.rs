//! `front-matter-invalid`: front matter the rules cannot read.

use crate::config::RuleLevel;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "front-matter-invalid",
        default_level: RuleLevel::Warning,
        summary: "Front matter that cannot be read (bad YAML/TOML, a date or severity in an unknown form)",
        docs: RuleDocs {
            what: "Front matter that is not valid YAML or TOML, or a key the rules use (`severity`, `started`, \
                   `detected`, `resolved`, `debriefed`, `timezone`) with a value in a form debrief-ls does not \
                   understand.",
            why: "The follow-up budget, soak-time and timeline rules read these keys. A value they cannot read is \
                  silently ignored by most tools; here it is reported, so the checks that depend on it still run.",
            flagged: &["---\nresolved: last tuesday\n---\n# Incident debrief\n"],
            fine: &["---\nresolved: 2026-03-01T14:05:00Z\nseverity: SEV2\n---\n# Incident debrief\n"],
            reframe: "Write dates as `2026-03-01T14:32:00Z` or `2026-03-01 14:32 UTC`, severities as SEV1–SEV5, \
                      P1–P5 or 1–5.",
            fix: "None.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    let Some(fm) = &ctx.doc.front_matter else {
        return;
    };
    for p in &fm.problems {
        out.add(p.range.clone(), p.message.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    #[test]
    fn reports_each_problem() {
        let found = findings("front-matter-invalid", "---\nseverity: whenever\nresolved: soon\n---\n# Debrief\n");
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("severity"));
    }
}
