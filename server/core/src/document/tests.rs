use std::ops::Range;
use std::sync::Arc;

use super::parse::parse_parts;
use super::reuse::{common_prefix, common_suffix, Outside};
use super::*;

/// Everything the rules read of a document, to compare two parses.
fn model(doc: &Document<'_>) -> String {
    format!(
        "{:?}",
        (
            &doc.masked,
            &doc.blocks,
            &doc.headings,
            &doc.sections,
            &doc.items,
            &doc.tables,
            &doc.paragraphs,
            &doc.comments,
            &doc.links,
            &doc.front_matter,
            &doc.kind_spans,
            doc.raw_tail
        )
    )
}

/// The document parsed cut into parts, as for reuse: the same model as one part.
fn cut_into_parts(text: &str) -> String {
    assembled(text, |text, from, masked| {
        parse_parts(text, from, None, masked, true, &Outside::default()).expect("whole")
    })
    .model
}

/// A document assembled from its body parsed by `parse`: its model, its parts' ranges
/// and the stretches phrases are found in.
struct Assembled {
    model: String,
    parts: Vec<Range<usize>>,
    segments: Vec<Range<usize>>,
    /// What reuse reads of each part.
    reuse: Vec<String>,
}

fn assembled(text: &str, parse: impl FnOnce(&str, usize, &mut Vec<u8>) -> Vec<Placed>) -> Assembled {
    let mut reference = Document::parse(text);
    let body_start = reference.front_matter.as_ref().map_or(0, |f| f.range.end);
    let mut masked = Vec::new();
    blank(text.as_bytes(), 0..body_start, &mut masked);
    let parts = parse(text, body_start, &mut masked);
    let leading: Vec<Comment> =
        std::mem::take(&mut reference.comments).into_iter().filter(|c| c.range.end <= body_start).collect();
    let mut doc = Document::empty(text, reference.front_matter.take());
    doc.masked = String::from_utf8(masked).expect("UTF-8");
    doc.parts = parts;
    doc.comments = leading;
    doc.assemble(false);
    doc.find_bold_labels();
    doc.build_sections();
    doc.build_kind_spans();
    let segments = doc.parts.iter().flat_map(|p| p.segments().map(|r| r.start + p.start..r.end + p.start)).collect();
    let reuse = doc
        .parts
        .iter()
        .map(|p| format!("{:?}", (&p.part.definitions, &p.part.footnotes, p.part.brackets, &p.part.cuts)))
        .collect();
    Assembled { model: model(&doc), parts: doc.parts.iter().map(Placed::range).collect(), segments, reuse }
}

/// Compares `text` parsed in pieces of at least `min_piece` bytes with it parsed in
/// one go, cut into parts for reuse or not; how many parts the pieces gave.
fn check_pieces(text: &str, min_piece: usize, cut: bool) -> Result<usize, String> {
    let whole = assembled(text, |text, from, masked| {
        parse_parts(text, from, None, masked, cut, &Outside::default()).expect("whole")
    });
    let pieces = assembled(text, |text, from, masked| parse_fresh(text, from, masked, cut, Some(min_piece)));
    let context = || format!("in pieces of {min_piece} (cut {cut}): {text:?}");
    if pieces.model != whole.model {
        return Err(format!("models differ {}", context()));
    }
    if pieces.segments != whole.segments {
        return Err(format!("phrase stretches {:?} != {:?} {}", pieces.segments, whole.segments, context()));
    }
    if cut && (pieces.parts != whole.parts || pieces.reuse != whole.reuse) {
        return Err(format!("parts {:?} != {:?} {}", pieces.parts, whole.parts, context()));
    }
    Ok(pieces.parts.len())
}

#[test]
fn a_text_parsed_in_pieces_is_the_text_parsed_whole() {
    let mut split = 0;
    for text in corpus() {
        for (min_piece, cut) in [(40, false), (400, false), (150, true)] {
            split += usize::from(check_pieces(&text, min_piece, cut).unwrap() > 1 && !cut);
        }
    }
    assert!(split > 150, "only {split} parses were split");
}

#[test]
fn pieces_share_definitions_and_footnotes_as_the_whole_text_does() {
    let parts = |text: &str| check_pieces(text, 8, false).unwrap();
    // References before and after their definitions, in other pieces.
    assert_eq!(parts("# A\n\nSee [x] and [y][].\n\n# B\n\n[x]: /x\n\n# C\n\n[Y]: /y \"t\"\n\n# D\n\n[x] again\n"), 4);
    // A label defined twice the same way, and twice differently (the first wins).
    assert_eq!(parts("# A\n\n[x]: /x\n\n# B\n\n[x]\n\n# C\n\n[x]: /x\n\n# D\n\nend\n"), 4);
    // …and cut into parts for reuse, the second definition is not one (found by the
    // property test below: a later part said it defined the label).
    check_pieces("# A\n\n[É]: /e\n\n# B\n\n[é]\n\n# C\n\n[É]: /e\n\n# D\n\nend\n", 8, true).unwrap();
    assert!(parts("# A\n\n[x]: /x\n\n# B\n\n[x]\n\n# C\n\n[X]: /other\n\n[x]\n\n# D\n\nend\n") > 1);
    // A footnote referred to in one piece, defined in another.
    assert!(parts("# A\n\nText[^1].\n\n# B\n\nmore\n\n# C\n\n[^1]: The note.\n\n# D\n\nend\n") > 1);
    // Labels that are not ASCII match by Unicode case folding, as in pulldown-cmark.
    let folded = "# A\n\n[É] and [K]\n\n# B\n\n[é]: /e\n\n# C\n\n[\u{212A}]: /kelvin\n";
    assert_eq!(parts(folded), 3);
    let doc = Document::parse(folded);
    assert_eq!(doc.links.iter().map(|l| &*l.destination).collect::<Vec<_>>(), ["/e", "/kelvin"]);
    // Definitions long enough for pulldown-cmark's limit on expanding them: parsed whole.
    // (The whole text allows more expansion than a piece: it is longer than 100,000 bytes.)
    let long = format!(
        "# A\n\n{}\n\n# B\n\n[x]: /{}\n\n# C\n\n{}",
        "[x] ".repeat(60),
        "u".repeat(2000),
        "Filler text.\n\n# More\n\n".repeat(5000)
    );
    assert_eq!(parts(&long), 1);
    // A heading cut at that is inside a code block, or not at the top level.
    assert!(parts("# A\n\n```\n\n# B\n\n```\n\n# C\n\ntext\n\n- item\n# D\n\n> q\n# E\n") > 1);
    // Only the stretch a wrong cut halved is parsed again as one: the first half of
    // this text is cut in pieces, the second half's middle is in a code block.
    let text = format!("{}```\n{}```\n", "# A\n\ntext\n\n".repeat(55), "\n# comment\n".repeat(40));
    let n = check_pieces(&text, 16, false).unwrap();
    assert!(n > 4, "{n} parts");
}

/// Every debrief of the test corpus.
pub(crate) fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut stack = vec![dir];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("corpus folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(std::fs::read_to_string(&path).expect("UTF-8"));
            }
        }
    }
    assert!(out.len() > 100, "the corpus is missing");
    out
}

#[test]
fn parts_cut_at_top_level_headings_change_nothing() {
    let mut cut_somewhere = 0;
    for text in corpus() {
        let doc = Document::parse(&text);
        assert_eq!(doc.parts.len(), 1);
        cut_somewhere += usize::from(!doc.parts[0].part.cuts.is_empty());
        assert_eq!(model(&doc), cut_into_parts(&text), "{}", &text[..text.len().min(200)]);
    }
    assert!(cut_somewhere > 100, "only {cut_somewhere} documents were cut into parts");
    // Headings that are not top-level ATX headings are not cuts.
    let text = "intro\n\n```\n# not a heading\n```\n\n> # quoted\n\n- # in a list\n\nSetext\n===\n\n   # indented\n\n# Real\n\ntext\n";
    let doc = Document::parse(text);
    assert_eq!(doc.parts[0].part.cuts, [text.find("# Real").unwrap()]);
    let reused = Document::parse_reusing(text, None, Cores::One);
    let starts: Vec<usize> = reused.parts.iter().map(|p| p.start).collect();
    assert_eq!(starts, [0, text.find("# Real").unwrap()]);
    assert_eq!(model(&doc), cut_into_parts(text));
}

/// Applies `edits` one after another, each time parsing the new text reusing the
/// previous parse, and checks the model against a fresh parse.
fn check_edits(base: &str, edits: &[(usize, usize, &str)], cores: Cores) -> Result<(), String> {
    let mut text = base.to_string();
    let mut reuse = {
        let doc = Document::parse_reusing(&text, None, cores);
        doc.into_reuse()
    }
    .with_text(text.clone());
    for &(at, delete, insert) in edits {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + delete).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(at..end, insert);
        let reused = Document::parse_reusing(&text, Some(&reuse), cores);
        let fresh = Document::parse(&text);
        if model(&reused) != model(&fresh) {
            return Err(format!("after replacing {at}..{end} with {insert:?}: {text:?}"));
        }
        let reused_parts: Vec<Range<usize>> = reused.parts.iter().map(Placed::range).collect();
        let fresh_parts: Vec<Range<usize>> =
            Document::parse_reusing(&text, None, cores).parts.iter().map(Placed::range).collect();
        if reused_parts != fresh_parts {
            return Err(format!("parts {reused_parts:?} != {fresh_parts:?} in {text:?}"));
        }
        reuse = reused.into_reuse().with_text(text.clone());
    }
    Ok(())
}

#[test]
fn text_typed_at_the_start_of_a_heading_parses_only_the_stretch_it_bounded() {
    let base =
        "# Debrief\n\nIntro.\n\n## Timeline\n\n- 10:00 a\n\n## Causes\n\nWhy.\n\n## Follow-ups\n\n- [ ] b\n\n# End\n";
    let at = base.find("## Causes").unwrap();
    check_edits(base, &[(at, 0, "We paused. "), (at, 11, "")], Cores::One).unwrap();
    let previous = Document::parse_reusing(base, None, Cores::One).into_reuse().with_text(base.to_string());
    let mut text = base.to_string();
    text.insert_str(at, "We paused. ");
    let doc = Document::parse_reusing(&text, Some(&previous), Cores::One);
    // The heading is prose now: its part joins the one before; the parts after it are the
    // last version's, moved, not parsed again.
    assert_eq!(doc.parts().len(), previous.parts.len() - 1);
    let kept = |title: &str| {
        let then = previous.parts.iter().find(|p| base[p.range()].starts_with(title)).unwrap();
        let now = doc.parts().iter().find(|p| text[p.range()].starts_with(title)).unwrap();
        Arc::ptr_eq(&then.part, &now.part)
    };
    assert!(kept("## Follow-ups") && kept("# End") && kept("# Debrief"));
    assert!(!kept("## Timeline"), "the part the heading ended is parsed again");
}

#[test]
fn common_prefixes_and_suffixes_are_found_across_blocks() {
    let a: Vec<u8> = (0..2000u32).map(|i| (i % 251) as u8).collect();
    for at in [0, 1, 255, 256, 257, 1000, 1999] {
        let mut b = a.clone();
        b[at] ^= 1;
        assert_eq!(common_prefix(&a, &b), at);
        assert_eq!(common_suffix(&a, &b), a.len() - at - 1);
    }
    assert_eq!(common_prefix(&a, &a[..700]), 700);
    assert_eq!(common_suffix(&a, &a[1300..]), 700);
    assert_eq!(common_suffix(b"xabc", b"abc"), 3);
}

#[test]
fn a_reused_parse_is_a_fresh_parse() {
    let base = "---\ntitle: x\n---\n# Debrief\n\nIntro www.example.com.\n\n## Timeline\n\n- 10:00 a\n\n## Causes\n\n```\ncode\n```\n\n## Follow-ups\n\n- [ ] b\n\n# End\n";
    let cases: &[&[(usize, usize, &str)]] = &[
        // Typing in one part, in the first, in the last.
        &[(base.find("- 10:00").unwrap(), 0, "x"), (base.find("- 10:00").unwrap(), 1, "")],
        &[(base.find("Intro").unwrap(), 0, "Dana should have ")],
        &[(base.len(), 0, "more\n")],
        // An unclosed fence or comment swallows the headings after it; closing it frees them.
        &[(base.find("## Causes").unwrap(), 0, "```\n"), (base.find("## Causes").unwrap(), 4, "")],
        &[(base.find("## Causes").unwrap(), 0, "<!--\n\n")],
        // A heading made and unmade; the front matter's end removed.
        &[(base.find("Intro").unwrap(), 0, "# "), (base.find("Intro").unwrap(), 2, "")],
        &[(base.find("---\n#").unwrap(), 4, "")],
        // A link definition reaches across parts: added, used, typed next to, changed.
        &[
            (base.len(), 0, "\n[a]: http://x\n"),
            (base.find("- [ ] b").unwrap(), 0, "[a] "),
            (base.find("Intro").unwrap(), 0, "see [A] "),
            (base.find("Intro").unwrap(), 0, "x"),
            (base.len() + 22, 1, "y"),
        ],
        // Footnotes: defined in one part, referenced in another, then typed near.
        &[
            (base.len(), 0, "\n[^n]: note\n"),
            (base.find("Intro").unwrap(), 0, "a[^n] "),
            (base.find("Intro").unwrap(), 0, "x"),
        ],
        // Everything deleted.
        &[(0, base.len(), "")],
        // Found by fuzzing: a heading at the very end, without a line break, goes on
        // into a setext heading's text once more is typed after it.
        &[(0, base.len(), "2\n#"), (3, 0, "---\n---\n")],
        &[(0, base.len(), "# A\n\n# B"), (9, 0, " more\n\ntext")],
    ];
    for edits in cases {
        check_edits(base, edits, Cores::One).unwrap();
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(300))]
    #[test]
    fn pieces_match_a_whole_parse_after_random_edits(
        base in 0usize..1000,
        edits in proptest::collection::vec((0usize..100_000, 0usize..SNIPPETS.len()), 1..12),
        min_piece in 1usize..300,
        cut in proptest::bool::ANY,
    ) {
        let docs = corpus_sample();
        let mut text = docs[base % docs.len()].clone();
        for &(at, i) in &edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, SNIPPETS[i]);
        }
        if let Err(e) = check_pieces(&text, min_piece, cut) {
            proptest::prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn reused_parses_match_fresh_ones_after_random_edits(
        base in 0usize..1000,
        edits in proptest::collection::vec((0usize..100_000, 0usize..40, 0usize..SNIPPETS.len()), 1..8),
        min_piece in proptest::option::of(1usize..400),
    ) {
        // Some of the time, every parse is made in pieces (the first, reused later, too).
        let cores = min_piece.map_or(Cores::One, |min_piece| Cores::Both { min_piece });
        let docs = corpus_sample();
        let base = &docs[base % docs.len()];
        let edits: Vec<(usize, usize, &str)> = edits.iter().map(|&(at, del, i)| (at, del, SNIPPETS[i])).collect();
        if let Err(e) = check_edits(base, &edits, cores) {
            proptest::prop_assert!(false, "{}", e);
        }
    }
}

/// What the random edits type: markup that opens and closes blocks, headings, prose.
const SNIPPETS: &[&str] = &[
    "x",
    "\n",
    "\n\n",
    "# ",
    "\n## Timeline\n\n",
    "```",
    "\n```\n",
    "~~~\n",
    "<!--",
    "-->",
    "<pre>\n",
    "</pre>",
    "- ",
    "  ",
    "> ",
    "| a | b |\n|---|---|\n",
    "[x]: http://e\n",
    "---\n",
    "    ",
    "Dana should have ",
    "]",
    "[x]",
    "[^1]",
    "\n[^1]: note\n",
    "[X][]",
    "\n# H\n",
    "www.example.com ",
    "http://",
    "**Timeline**\n\n",
    "1. ",
    "\t",
    "é",
    "<div>\n\n",
    "\r\n",
    // Added later, at the end so the saved regression cases keep their snippets.
    "\n[X]: /other \"t\"\n",
    "[é]",
    "\n[É]: /e\n",
];

/// A few corpus debriefs, shortened, for the property test.
fn corpus_sample() -> &'static [String] {
    static SAMPLE: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        corpus()
            .into_iter()
            .step_by(9)
            .map(|t| {
                let mut end = t.len().min(3000);
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t[..end].to_string()
            })
            .collect()
    });
    &SAMPLE
}

#[test]
fn masked_text_keeps_prose_at_its_offsets() {
    let text = "# Title\n\nDana ran `rm -rf` on [the host](http://x.example/should-have).\n\n```\nshould have\n```\n<!-- careless -->\nSee https://example.com/careless now.\n";
    let doc = Document::parse(text);
    assert_eq!(doc.masked.len(), text.len());
    assert!(doc.masked.contains("Dana ran"));
    assert!(!doc.masked.contains("rm -rf"));
    assert!(!doc.masked.contains("should-have"));
    assert!(doc.masked.contains("the host"));
    assert!(!doc.masked.contains("should have"));
    assert!(!doc.masked.contains("careless"));
    assert!(doc.masked.contains("See"));
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(&*doc.comments[0].body, "careless");
}

#[test]
fn sections_nest_and_bold_labels_count() {
    for (heading, kind) in [
        ("## Rollout log", SectionKind::Timeline),
        ("## Incident log", SectionKind::Timeline),
        ("## Log", SectionKind::Timeline),
        ("## Change log policy", SectionKind::Other),
        ("## Log retention", SectionKind::Other),
        ("## What we'll change", SectionKind::FollowUps),
        ("## What we're changing", SectionKind::FollowUps),
        ("## Recommendations and agreed actions", SectionKind::FollowUps),
        ("## Tijdlijn", SectionKind::Timeline),
        ("## Cronología", SectionKind::Timeline),
        ("## Línea de tiempo", SectionKind::Timeline),
        ("## Hendelsesforløp", SectionKind::Timeline),
        ("## Chronologie", SectionKind::Timeline),
        ("## Actiepunten", SectionKind::FollowUps),
        ("## Acciones de seguimiento", SectionKind::FollowUps),
        ("## Maßnahmen", SectionKind::FollowUps),
        ("## Plan d'action", SectionKind::FollowUps),
        ("## Planning", SectionKind::Other),
        ("## Ablaufdatum der Zertifikate", SectionKind::Other),
    ] {
        let text = format!("{heading}\n\nsome text\n");
        let doc = Document::parse(&text);
        assert_eq!(doc.section_kind_at(text.find("some").unwrap()), kind, "{heading}");
    }
    let text = "# Incident\n\n## Timeline\n\n### Day 1\n\n- 10:00 paged\n\n## Action Items\n\n- fix\n\n**Follow-ups:**\n\n- more\n\n- **Key events**\n  - 11:00 declared\n";
    let doc = Document::parse(text);
    let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Other,
            SectionKind::Timeline,
            SectionKind::Other,
            SectionKind::FollowUps,
            SectionKind::FollowUps,
            SectionKind::Timeline
        ]
    );
    let day1 = text.find("- 10:00").unwrap();
    assert_eq!(doc.section_kind_at(day1), SectionKind::Timeline);
    assert_eq!(doc.section_kind_at(text.find("- more").unwrap()), SectionKind::FollowUps);
    assert_eq!(doc.section_kind_at(text.find("11:00").unwrap()), SectionKind::Timeline);
    // The bold label sits inside "Action Items", so it is part of that section.
    assert_eq!(doc.sections_of(SectionKind::FollowUps).len(), 1);
}

#[test]
fn section_kind_lookup_matches_the_plain_definition() {
    let text = "# Debrief\n\n## Timeline\n\n- 10:00 a\n\n**Root causes:**\n\n- b\n\n### Day 2\n\n- 11:00 c\n\n## Other\n\n### Action items\n\n- d\n\n#### Causes\n\nx\n\n- **Key events**\n  - 12:00 e\n\n## Summary\n\nend\n";
    let doc = Document::parse(text);
    for offset in 0..=text.len() {
        let naive = doc
            .sections
            .iter()
            .filter(|s| s.kind != SectionKind::Other && s.range.start <= offset && offset < s.range.end)
            .max_by_key(|s| s.range.start)
            .map_or(SectionKind::Other, |s| s.kind);
        assert_eq!(doc.section_kind_at(offset), naive, "at {offset}: {:?}", &text[offset.min(text.len())..]);
    }
}

#[test]
fn list_items_know_their_own_text_and_depth() {
    let text = "- [ ] one\n  - child\n- [x] two\n";
    let doc = Document::parse(text);
    assert_eq!(doc.items.len(), 3);
    assert_eq!(&text[doc.items[0].own.clone()].trim_end(), &"- [ ] one");
    assert_eq!(doc.items[0].task, Some(false));
    assert!(doc.items[0].has_children);
    assert_eq!(doc.items[1].depth, 1);
    assert_eq!(doc.items[2].task, Some(true));
}

#[test]
fn quotations_and_log_quotes_are_not_prose_and_callouts_are() {
    let text = "> 2021-01-23T16:08:30Z level=fatal msg=\"careless\"\n\n> Dana said it was careless.\n\n\
                > [!NOTE]\n> A careless note.\n\n> **Note:** careless too.\n";
    let doc = Document::parse(text);
    assert_eq!(doc.masked.matches("careless").count(), 2, "{}", doc.masked);
    assert!(doc.masked.contains("A careless note") && doc.masked.contains("careless too"));
}

#[test]
fn headings_normalise() {
    assert_eq!(normalise_heading("2. Action Items (owners)"), "action items");
    assert_eq!(SectionKind::of_heading("Timeline (all times UTC)"), SectionKind::Timeline);
    assert_eq!(SectionKind::of_heading("Sequence of Events"), SectionKind::Timeline);
    assert_eq!(SectionKind::of_heading("Corrective and Preventative Measure"), SectionKind::FollowUps);
    assert_eq!(SectionKind::of_heading("Root Cause"), SectionKind::Causes);
    assert_eq!(SectionKind::of_heading("Actions taken"), SectionKind::Other);
}

#[test]
fn a_section_of_timed_entries_is_the_timeline_whatever_its_heading() {
    let kind_of = |text: &str, at: &str| Document::parse(text).section_kind_at(text.find(at).unwrap());
    // A heading in another language over list items; lines of one paragraph written
    // "6.00am …"; a table whose rows start with times.
    let list = "# Oversold\n\n## Tijdlijn\n\nAll times CEST.\n\n- 17:38 — price published\n- 18:22 — call from the door\n- 18:55 — slots closed\n";
    assert_eq!(kind_of(list, "18:22"), SectionKind::Timeline);
    let lines =
        "## What happened\n\nTimes are NZST.\n\n6.00am Run starts.\n6.40am Emails go out.\n8.15am First calls.\n";
    assert_eq!(kind_of(lines, "6.40am"), SectionKind::Timeline);
    let table = "## Cronología\n\n| Hora | Qué pasó |\n| --- | --- |\n| 09:02 | versión 4.18 |\n| 09:20 | llamadas |\n| 10:18 | reversión |\n";
    assert_eq!(kind_of(table, "09:20"), SectionKind::Timeline);
    // Not timelines: a narrative with a time or two, a list mostly without times, fewer
    // than three timed entries, and any section once a heading names the timeline.
    let narrative = "## What happened\n\nAt 09:10 the job started.\n09:30 was when it failed, and nobody saw it.\nThe queue grew for an hour.\nThen it drained.\n";
    assert_eq!(kind_of(narrative, "Then"), SectionKind::Other);
    let mostly_untimed = "## Notes\n\n- 09:10 started\n- 09:20 failed\n- 09:30 drained\n- ask finance\n- ask legal\n- check the vendor\n- write it up\n";
    assert_eq!(kind_of(mostly_untimed, "ask legal"), SectionKind::Other);
    let two = "## Notes\n\n- 09:10 started\n- 09:20 failed\n";
    assert_eq!(kind_of(two, "09:20"), SectionKind::Other);
    let named = "## Timeline\n\n- 09:00 paged\n\n## Notes\n\n- 09:10 started\n- 09:20 failed\n- 09:30 drained\n";
    assert_eq!(kind_of(named, "09:20"), SectionKind::Other);
}
