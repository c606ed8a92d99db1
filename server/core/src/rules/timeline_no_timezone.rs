//! `timeline-no-timezone`: times with no zone and no zone declared for the timeline.

use crate::config::RuleLevel;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-no-timezone",
        default_level: RuleLevel::Info,
        summary: "Timeline times with no time zone",
        docs: RuleDocs {
            what: "A timeline whose times carry no zone while none is declared for it: in the heading (\"Timeline \
                   (all times UTC)\"), the line under it, a table header (\"Time (CET)\"), front matter `timezone`, \
                   or on its first timed entry.",
            why: "Responders, vendors and status pages work in different zones. A time without a zone gets \
                  misread, and durations across a daylight-saving change or a vendor's report come out wrong.",
            flagged: &["# Incident debrief\n\n## Timeline\n\n- 10:00 alert fired\n- 10:05 acknowledged\n"],
            fine: &[
                "# Incident debrief\n\n## Timeline (all times UTC)\n\n- 10:00 alert fired\n",
                "# Incident debrief\n\n## Timeline\n\nAll times are PST.\n\n- 10:00 alert fired\n",
            ],
            reframe: "Declare the zone once for the timeline: \"## Timeline (all times UTC)\".",
            fix: "None: only the author knows which zone the times are in.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    for t in ctx.timelines {
        if t.declared_zone.is_some() {
            continue;
        }
        let timed: Vec<_> = t.entries.iter().filter(|e| e.time.as_ref().is_some_and(|x| x.time.is_some())).collect();
        let Some(first) = timed.first() else { continue };
        if first.time.as_ref().is_some_and(|x| x.zone.is_some()) {
            continue;
        }
        let without = timed.iter().filter(|e| e.time.as_ref().is_some_and(|x| x.zone.is_none())).count();
        let noun = if without == 1 { "time has" } else { "times have" };
        out.add(
            t.heading.clone(),
            format!("{without} timeline {noun} no time zone: declare one, such as “(all times UTC)” in the heading."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    const ID: &str = "timeline-no-timezone";

    #[test]
    fn declared_zones_in_every_place() {
        assert_eq!(findings(ID, "# D\n\n## Timeline\n\n- 10:00 a\n- 10:05 b\n").len(), 1);
        assert!(findings(ID, "# D\n\n## Timeline (UTC)\n\n- 10:00 a\n").is_empty());
        assert!(findings(ID, "# D\n\n## Timeline\n\nAll times in CET.\n\n- 10:00 a\n").is_empty());
        assert!(findings(ID, "# D\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 10:00 | a |\n").is_empty());
        assert!(findings(ID, "---\ntimezone: Europe/Berlin\n---\n# D\n\n## Timeline\n\n- 10:00 a\n").is_empty());
        assert!(findings(ID, "# D\n\n## Timeline\n\n- 10:00 UTC a\n- 10:05 b\n").is_empty());
        assert!(findings(ID, "# D\n\n## Timeline\n\n- 2021-05-08 release\n").is_empty(), "dates need no zone");
    }
}
