//! `timeline-missing`: a debrief with no timeline section, or one with no entries.

use crate::config::RuleLevel;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::SectionKind;
use crate::rules::{no_phrase, Context, Report, Rule, RuleDocs, RuleMeta};
use crate::times::TimeExpr;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "timeline-missing",
        default_level: RuleLevel::Warning,
        summary: "A debrief with no timeline section",
        docs: RuleDocs {
            what: "A debrief with no section headed \"Timeline\", \"Sequence of events\", \"Chronology\" or \"Incident log\" (or a bold \
                   label such as \"**Key events**\"), or whose timeline has no entries.",
            why: "The timeline is the shared account everything else in a debrief rests on: when it was noticed, who \
                  knew what when, how long each step took. Without one, the discussion runs on each person's memory, \
                  and the gaps where learning hides — the slow detection, the long wait for access — stay invisible.",
            flagged: &[
                "# Incident debrief\n\n## Summary\n\nThe API was down.\n\n## Action items\n\n- Add an alert @dana\n",
            ],
            fine: &["# Incident debrief\n\n## Timeline\n\n- 14:02 UTC alert fired\n"],
            reframe: "Add a timeline with an entry, and a time, for when the problem was detected, when the response \
                      began, when impact was mitigated and when it was resolved.",
            fix: "Inserts a timeline skeleton with the four milestones (times from front matter where known, `HH:MM` \
                  to fill in otherwise) before the causes or follow-ups; safe.",
        },
    },
    triggers: &[],
    on_phrase: no_phrase,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Report<'_>) {
    let doc = ctx.doc;
    if let Some(first) = ctx.timelines.first() {
        // A log pasted as code under the heading ("```" then "2025-02-14T18:31:07Z  alert …")
        // is a timeline the reader does not read: it says nothing rather than "no entries".
        let pasted_log = || ctx.timelines.iter().any(|t| timed_lines_in_code(&doc.text[t.range.clone()]) >= 2);
        if ctx.timelines.iter().all(|t| t.entries.is_empty()) && !pasted_log() {
            out.add(
                first.heading.clone(),
                "The timeline has no entries: add one per event, each starting with its time.",
            );
        }
        return;
    }
    let at = doc.first_heading().map_or_else(|| first_text_line(doc), |h| h.range.clone());
    let d = out.add(at, "No timeline: add one with times for detection, response, mitigation and resolution.");
    d.fixes.push(Fix::new("Insert a timeline skeleton", skeleton(ctx), Applicability::Safe));
}

/// The first line with text after the front matter, where a document-wide finding
/// points when there is no heading.
/// How many lines of the fenced code blocks in `text` start with a time or a date.
fn timed_lines_in_code(text: &str) -> usize {
    let mut in_code = false;
    let mut timed = 0;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        } else if in_code && crate::times::find_first(t).is_some_and(|x| x.range.start == 0) {
            timed += 1;
        }
    }
    timed
}

fn first_text_line(doc: &crate::document::Document<'_>) -> std::ops::Range<usize> {
    let from = doc.front_matter.as_ref().map_or(0, |f| f.range.end);
    let first = doc.lines().line_of(from);
    (first..doc.lines().line_count())
        .map(|l| doc.lines().line_range(doc.text, l))
        .find(|r| {
            let t = doc.text[r.clone()].trim();
            !t.is_empty() && !t.starts_with("<!--")
        })
        .unwrap_or(from..from)
}

/// The skeleton, placed before the first causes, follow-ups or learnings section at the
/// level of the document's sections, else at the end, or before the block that the
/// document ends inside (an unclosed fence or comment would swallow it).
fn skeleton(ctx: &Context<'_>) -> Edit {
    let doc = ctx.doc;
    // Sections sit at the level most headings use below the title: usually 2, but some
    // teams write every section as a level-1 heading.
    let real = || doc.headings.iter().filter(|h| !h.pseudo);
    let level = if real().filter(|h| h.level == 1).count() > 1 {
        1
    } else {
        real().map(|h| h.level).filter(|&l| l > 1).min().unwrap_or(2)
    };
    let before = doc.sections.iter().find(|s| {
        let h = doc.heading_of(s);
        !h.pseudo
            && h.level == level
            && matches!(s.kind, SectionKind::Causes | SectionKind::FollowUps | SectionKind::Learnings)
    });
    let eol = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
    let fm = doc.front_matter.as_ref();
    let zone = fm.and_then(|f| f.timezone.as_ref()).map_or("UTC".to_string(), |z| z.value.name.clone());
    let time_of = |t: Option<&TimeExpr>| -> String {
        t.and_then(|t| t.time).map_or("HH:MM".to_string(), |t| format!("{:02}:{:02}", t.hour(), t.minute()))
    };
    let detected = fm.and_then(|f| f.detected.as_ref().or(f.started.as_ref())).map(|l| &l.value);
    let resolved = fm.and_then(|f| f.resolved.as_ref()).map(|l| &l.value);
    let hashes = "#".repeat(level as usize);
    let body = [
        format!("{hashes} Timeline"),
        String::new(),
        format!("All times {zone}."),
        String::new(),
        format!("- {} Detected: ", time_of(detected)),
        "- HH:MM Declared and responded: ".to_string(),
        "- HH:MM Mitigated: ".to_string(),
        format!("- {} Resolved: ", time_of(resolved)),
        String::new(),
    ]
    .map(|l| l.trim_end().to_string())
    .join(eol);
    match before.map(|s| s.range.start).or(doc.raw_tail) {
        Some(at) => Edit::insert(at, format!("{body}{eol}")),
        None => {
            let sep = if doc.text.ends_with("\n\n") || doc.text.is_empty() {
                ""
            } else if doc.text.ends_with('\n') {
                eol
            } else {
                "\n\n"
            };
            Edit::insert(doc.text.len(), format!("{sep}{body}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{findings, fixed};

    const ID: &str = "timeline-missing";

    #[test]
    fn flags_a_missing_or_empty_timeline() {
        assert_eq!(findings(ID, "# Debrief\n\n## Summary\n\nDown.\n").len(), 1);
        assert_eq!(findings(ID, "# Debrief\n\n## Timeline\n\nTBD.\n\n## Impact\n").len(), 1);
        assert!(findings(ID, "# Debrief\n\n## Timeline\n\n- 14:00 paged\n").is_empty());
        // A bot's log pasted as code: not read, and not called empty.
        let log =
            "# D\n\n## Timeline\n\n```text\n2025-02-14T18:58:02Z  alert  cue lag\n2025-02-14T19:01:10Z  ack\n```\n";
        assert!(findings(ID, log).is_empty());
        let code = "# D\n\n## Timeline\n\n```text\nSELECT 1;\n```\n";
        assert_eq!(findings(ID, code).len(), 1);
    }

    #[test]
    fn skeleton_goes_before_a_block_the_document_ends_inside() {
        for (text, before) in [
            ("# Debrief\n\nDown.\n\n```\ncode never closed\n", "```"),
            ("# Debrief\n\nDown.\n\n<pre>\nnever closed\n", "<pre>"),
            ("<!-- note, never closed\n# Debrief\n\nDown.\n", "<!--"),
            ("# Debrief\n\n- a list\n\n  ~~~\n  code in an item\n", "- a list"),
            // Indented code: before its line, indentation and all (found by fuzzing).
            ("# Debrief\n\nDown.\n\n    indented code to the end\n", "\n    indented code"),
        ] {
            let out = fixed(ID, text, 0).unwrap();
            let at = out.find("## Timeline").unwrap();
            assert!(out[at..].contains(before), "{out}");
            assert!(findings(ID, &out).is_empty(), "{out}");
        }
        // A fence closed before the end does not move the skeleton.
        let out = fixed(ID, "# Debrief\n\n```\ncode\n```\n\nDown.\n", 0).unwrap();
        assert!(out.ends_with("Down.\n\n## Timeline\n\nAll times UTC.\n\n- HH:MM Detected:\n- HH:MM Declared and responded:\n- HH:MM Mitigated:\n- HH:MM Resolved:\n"), "{out}");
    }

    #[test]
    fn skeleton_goes_before_the_causes_with_known_times() {
        let text = "---\ndetected: 2026-03-01T14:02:00Z\nresolved: 2026-03-01T15:10:00Z\n---\n# Debrief\n\n## Summary\n\nDown.\n\n## Contributing factors\n\nMany.\n";
        let out = fixed(ID, text, 0).unwrap();
        assert!(out.contains("Down.\n\n## Timeline\n\nAll times UTC.\n\n- 14:02 Detected:\n- HH:MM Declared and responded:\n- HH:MM Mitigated:\n- 15:10 Resolved:\n\n## Contributing factors"), "{out}");
    }
}
