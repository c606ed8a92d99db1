//! `Incremental` analyses each version of a document reusing the last one's parse; its
//! findings must be those of a fresh analysis, whatever the edits.

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
/// references, blame phrases and times.
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
];

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
        edits in proptest::collection::vec((any::<u32>(), 0usize..30, 0..SNIPPETS.len()), 1..12),
    ) {
        let config = Config::default();
        let mut text = DOCS[doc % DOCS.len()].clone();
        let mut incremental = Incremental::default();
        incremental.analyse(text.clone(), &config);
        for (at, delete, snippet) in edits {
            let start = char_floor(&text, at as usize % (text.len() + 1));
            let end = char_floor(&text, start + delete);
            text.replace_range(start..end, SNIPPETS[snippet]);
            let fresh = analyse_without_outline(&text, &config);
            let reused = incremental.analyse(text.clone(), &config);
            prop_assert_eq!(&reused.diagnostics, &fresh.diagnostics, "after replacing {}..{}", start, end);
            prop_assert_eq!(reused.declares_debrief, fresh.declares_debrief);
        }
    }
}
