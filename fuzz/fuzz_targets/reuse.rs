//! Incremental analysis. Each version of a document, analysed reusing the last one's
//! parse, gets exactly the findings a fresh analysis of it gets: edits that open and close
//! code fences, comments, front matter, link and footnote definitions, anywhere.
#![no_main]

use debrief_core::{analyse_without_outline, Config, Incremental};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const PIECES: &[&str] = &[
    "a", "é", "😀", "\n", "\n\n", "\r\n", " ", "    ", "- ", "> ", "# ", "## Timeline\n", "```", "~~~", "<!--", "-->",
    "<pre>", "---\n", "+++\n", "[a]", "[a]: /x\n", "[^1]", "[^1]: n\n", "]", "|", "|---|\n", "10:42 UTC ", "Dana ",
    "should have ", "human error ", "**Follow-ups**\n", "- [ ] ", "<div>\n",
];

fn piece_text(u: &mut Unstructured<'_>) -> Result<String> {
    if u.ratio(1, 10)? {
        return u.arbitrary::<String>();
    }
    let n = u.int_in_range(0..=16)?;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(u.choose(PIECES)?);
    }
    Ok(s)
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let config = Config::default();
    let mut text = piece_text(u)?;
    let mut incremental = Incremental::default();
    incremental.analyse(text.clone(), &config);
    for _ in 0..u.int_in_range(1..=8)? {
        let start = boundary(&text, u.int_in_range(0..=text.len())?);
        let end = boundary(&text, start + u.int_in_range(0..=40)?);
        let insert = piece_text(u)?;
        text.replace_range(start..end, &insert);
        let reused = incremental.analyse(text.clone(), &config);
        let fresh = analyse_without_outline(&text, &config);
        assert_eq!(reused.diagnostics, fresh.diagnostics, "{text:?}");
        assert_eq!(reused.declares_debrief, fresh.declares_debrief);
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
