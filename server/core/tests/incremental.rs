//! `Incremental` analyses each version of a document reusing the last one's parse; its
//! findings (and the outline from its parts) must be those of a fresh analysis, whatever
//! the edits.

mod support;

use std::sync::LazyLock;

use debrief_core::{analyse_without_outline, Config, Incremental};
use proptest::prelude::*;

/// Corpus debriefs, two at a time, so that edits land among many headings, links with
/// their definitions in other sections, footnotes, tables and code.
static DOCS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let corpus = support::corpus();
    corpus.chunks(2).map(|pair| pair.iter().map(|(_, text)| text.as_str()).collect::<Vec<_>>().join("\n")).collect()
});

/// What the edits type: block markup that opens and closes, headings, definitions,
/// references, blame phrases and times, and headings that change the kind of the
/// sections after them ("user error" is a cause only in a section about causes).
const SNIPPETS: &[&str] = &[
    "x",
    "\n",
    "\n\n",
    "# ",
    "\n## Timeline\n\n",
    "```\n",
    "<!--\n",
    "-->",
    "- ",
    "> ",
    "[a]",
    "[a]: http://a\n",
    "[^1]",
    "\n[^1]: note\n",
    "Dana should have ",
    "human error",
    "\n- 10:42 UTC paged\n",
    "| a | b |\n|---|---|\n",
    "**Action items**\n\n- [ ] fix\n",
    "    ",
    "é",
    "\n## Causes\n\n",
    "\n### Notes\n\n",
    "\n**Contributing factors**\n\n",
    "It was a user error. ",
    "Dana's mistake. ",
    "\nSeverity: SEV1\n",
    " @dana",
    " OPS-12",
    " (Dana)",
    "- - ",
    "| Owner | Action |\n|---|---|\n| @sam | fix |\n",
];

/// The configurations the edits are analysed with, one each, built once as the language
/// server builds one per folder: the defaults, rules at other levels, and team words
/// (the phrase rules' findings are kept between versions, and must not outlive their
/// configuration).
static CONFIGS: LazyLock<Vec<Config>> = LazyLock::new(|| {
    let layers = [
        "",
        "[rules]\ncause-human-error = \"error\"\nblame-named-person = \"off\"\n",
        "[words]\npeople = [\"Zorblax\", \"Sam\"]\nallow = [\"Dana\"]\nblame = [\"cowboy deploy\"]\n",
    ];
    layers
        .iter()
        .map(|layer| {
            let (config, errors) = Config::from_toml(layer);
            assert!(errors.is_empty(), "{errors:?}");
            config
        })
        .collect()
});

fn char_floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn incremental_findings_are_fresh_findings(
        doc in 0usize..1000,
        edits in proptest::collection::vec((any::<u32>(), 0usize..30, 0..SNIPPETS.len(), 0..6usize), 1..12),
    ) {
        let mut text = DOCS[doc % DOCS.len()].clone();
        let mut incremental = Incremental::default();
        incremental.analyse(text.clone(), &CONFIGS[0]);
        for (at, delete, snippet, config) in edits {
            // Mostly the defaults, as a configuration changes far less often than the text.
            let config = &CONFIGS[config.saturating_sub(3)];
            let start = char_floor(&text, at as usize % (text.len() + 1));
            let end = char_floor(&text, start + delete);
            text.replace_range(start..end, SNIPPETS[snippet]);
            let fresh = analyse_without_outline(&text, config);
            let reused = incremental.analyse(text.clone(), config);
            prop_assert_eq!(&reused.diagnostics, &fresh.diagnostics, "after replacing {}..{}", start, end);
            prop_assert_eq!(reused.declares_debrief, fresh.declares_debrief);
        }
        // The outline worked out from the last version's parts is a fresh parse's.
        let base = incremental.outline_base().expect("a version was analysed");
        prop_assert_eq!(base.text(), text.as_str());
        prop_assert_eq!(base.outline(&CONFIGS[0]), debrief_core::outline_of(&text, &CONFIGS[0]));
    }
}

/// Analyses each text in turn, incrementally and afresh, with its configuration, and
/// returns how many findings of `rule` each had, having checked the two ways agree.
fn analyse_in_turn(rule: &str, versions: &[(&str, &Config)]) -> Vec<usize> {
    let mut incremental = Incremental::default();
    versions
        .iter()
        .map(|(text, config)| {
            let fresh = analyse_without_outline(text, config).diagnostics;
            let reused = incremental.analyse(text.to_string(), config).diagnostics;
            assert_eq!(reused, fresh, "in\n{text}");
            fresh.iter().filter(|d| d.rule == rule).count()
        })
        .collect()
}

/// Findings kept with a part are made again when a heading before it changes the kind of
/// its section: "user error" is a cause under "Causes", not under "Summary".
#[test]
fn kept_findings_follow_the_headings_before_their_part() {
    let causes = "# Debrief\n\n## Causes\n\n### Notes\n\nIt was a user error.\n";
    let summary = causes.replace("## Causes", "## Summary");
    let config = &CONFIGS[0];
    let counts = analyse_in_turn("cause-human-error", &[(causes, config), (&summary, config), (causes, config)]);
    assert_eq!(counts, [1, 0, 1], "the finding should come and go with the heading");
}

/// What the document says of a name is summed over its parts between versions: a part
/// that makes "Marvin" a system ("restarted Marvin", "the Marvin queue") added, then
/// removed again.
#[test]
fn what_the_parts_say_of_a_name_follows_the_parts_added_and_removed() {
    let alone = "# Debrief\n\n## Analysis\n\nMarvin deleted the production volume.\n";
    let systems = format!(
        "{alone}\n# Systems\n\nWe restarted Marvin twice. The Marvin queue was full and the Marvin service logs were empty.\n"
    );
    let config = &CONFIGS[0];
    let versions = [(alone, config), (systems.as_str(), config), (alone, config), (systems.as_str(), config)];
    let counts = analyse_in_turn("blame-named-person", &versions);
    assert_eq!(counts, [1, 0, 1, 0], "Marvin is a person only while nothing says it is a system");
}

/// A follow-up's owner and ticket, remembered by its text between versions, are read
/// again when its text or its first line changes.
#[test]
fn remembered_follow_up_marks_follow_the_text() {
    // Two items whose first lines are as long as each other, one with an owner.
    let bare = "# Debrief\n\n## Action items\n\n- Add an alert\n- Page on error\n- Fix it (Dana)\n\n| Action | Owner |\n|---|---|\n| Fix it | |\n";
    let owned = bare.replace("Add an alert", "Add an alert (Dana)");
    let ticket = bare.replace("Fix it", "Fix it OPS-12");
    // The item's first line cut short by a nested list: the outer item says nothing of its
    // own, the inner one is not counted apart from it, and only the row is left.
    let nested = bare.replace("- Add an alert", "- - Add an alert");
    let config = &CONFIGS[0];
    let versions =
        [(bare, config), (&owned, config), (bare, config), (&ticket, config), (&nested, config), (&owned, config)];
    let counts = analyse_in_turn("followups-no-owner", &versions);
    assert_eq!(counts, [3, 2, 3, 2, 2, 2], "each owner or ticket should count, and only while written");
}

/// Findings kept with a part are made again when the configuration changes, here to team
/// words that allow the name.
#[test]
fn kept_findings_follow_the_configuration() {
    let text = "# Debrief\n\n## Summary\n\nIt was Dana's mistake.\n\n## Timeline\n\n- 10:00 UTC paged\n";
    let edited = text.replace("paged", "paged again");
    let (default, words) = (&CONFIGS[0], &CONFIGS[2]);
    let versions = [(text, default), (&edited, words), (text, default), (text, words)];
    let counts = analyse_in_turn("blame-named-person", &versions);
    assert_eq!(counts, [1, 0, 1, 0], "the finding should come and go with the words");
}

/// A timeline kept between versions is read again when the front matter it is resolved
/// with changes: its zone, and the date that places entries written without a year.
#[test]
fn kept_timelines_follow_the_front_matter() {
    let body =
        "# Debrief\n\n## Summary\n\nAn outage.\n\n## Timeline\n\n- Jan 02 10:00 paged\n- 2026-01-01 09:00 restarted\n";
    let with = |front: &str| format!("---\n{front}\n---\n{body}");
    let (utc, none) = (with("timezone: UTC"), with("title: An outage"));
    let config = &CONFIGS[0];
    let counts = analyse_in_turn("timeline-no-timezone", &[(&utc, config), (&none, config), (&utc, config)]);
    assert_eq!(counts, [0, 1, 0], "the zone should come and go with the front matter");
    // Late in 2025, "Jan 02" is in 2026, after the restart; early in 2025 it is before.
    let (late, early) = (with("started: 2025-12-30"), with("started: 2025-03-01"));
    let counts = analyse_in_turn("timeline-out-of-order", &[(&late, config), (&early, config), (&late, config)]);
    assert_eq!(counts, [1, 0, 1], "the year of \"Jan 02\" should follow the start date");
}

/// A timeline kept between versions is read again when any part it lies in changes, not
/// only the one it starts in: here a day heading further down, edited to its length.
#[test]
fn kept_timelines_follow_every_part_they_lie_in() {
    let day =
        "# Debrief\n\n## Timeline\n\n### 2026-03-01\n\n- 10:00 UTC paged\n\n### 2026-03-02\n\n- 09:00 UTC restarted\n";
    let before = day.replace("2026-03-02", "2026-02-28");
    let config = &CONFIGS[0];
    let counts = analyse_in_turn("timeline-out-of-order", &[(day, config), (&before, config), (day, config)]);
    assert_eq!(counts, [0, 1, 0], "the finding should come and go with the day");
}
