//! The edit appliers. Incremental `didChange` edits (any positions: past the end, inside
//! surrogate pairs, between `\r` and `\n`; UTF-16 and UTF-8 columns) applied to the
//! server's rope give exactly the text an independent model of the client holds; and the
//! core's `apply_edits` applies non-overlapping byte edits as a naive splice does, and
//! refuses the rest.
#![no_main]

use debrief_core::{fix, Edit};
use debrief_ls::lsp::position::{self, Encoding};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

#[path = "../../server/tests/robust_support/client_model.rs"]
mod client_model;
use client_model::{ClientText, Columns};

const PIECES: &[&str] = &["a", "é", "😀", "🚨", "中", "\n", "\r\n", "\r", " ", "- ", "# ", "\u{2028}", "\u{feff}"];

fn piece_text(u: &mut Unstructured<'_>) -> Result<String> {
    if u.ratio(1, 8)? {
        return u.arbitrary::<String>();
    }
    let n = u.int_in_range(0..=12)?;
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(u.choose(PIECES)?);
    }
    Ok(s)
}

fn coordinate(u: &mut Unstructured<'_>, near: u32) -> Result<u32> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u32::MAX,
        1 => u.arbitrary()?,
        _ => u.int_in_range(0..=near.saturating_add(2))?,
    })
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let (enc, columns) = if u.arbitrary()? { (Encoding::Utf8, Columns::Utf8) } else { (Encoding::Utf16, Columns::Utf16) };
    let initial = piece_text(u)?;
    let mut rope = Rope::from_str(&initial);
    let mut model = ClientText::new(&initial);
    let steps = u.int_in_range(1..=16)?;
    for _ in 0..steps {
        let text = piece_text(u)?;
        if u.ratio(1, 20)? {
            position::apply_change(&mut rope, &TextDocumentContentChangeEvent { range: None, range_length: None, text: text.clone() }, enc);
            model.set(&text);
        } else {
            let lines = rope.len_lines() as u32;
            let longest = 40;
            let start = (coordinate(u, lines)?, coordinate(u, longest)?);
            let end = (coordinate(u, lines)?, coordinate(u, longest)?);
            let range = Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1));
            let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: text.clone() };
            position::apply_change(&mut rope, &change, enc);
            model.replace(start, end, &text, columns);
        }
        assert_eq!(rope.to_string(), model.text());
    }

    // The core's byte edits.
    let text = rope.to_string();
    let n = u.int_in_range(0..=4)?;
    let mut edits = Vec::new();
    for _ in 0..n {
        let a = u.int_in_range(0..=text.len() + 1)?;
        let b = u.int_in_range(0..=text.len() + 1)?;
        edits.push(Edit::replace(a..b, piece_text(u)?));
    }
    let got = fix::apply_edits(&text, &edits);
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let valid = sorted.iter().all(|e| {
        e.range.start <= e.range.end && e.range.end <= text.len() && text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end)
    });
    let overlapping = sorted.windows(2).any(|w| w[1].range.start < w[0].range.end);
    match got {
        Ok(out) => {
            assert!(valid && !overlapping, "accepted bad edits {edits:?}");
            let mut expected = text.clone();
            for e in sorted.iter().rev() {
                expected.replace_range(e.range.clone(), &e.new_text);
            }
            assert_eq!(out, expected);
        }
        Err(_) => assert!(!valid || overlapping, "refused good edits {edits:?}"),
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
