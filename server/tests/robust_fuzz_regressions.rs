//! The fuzzers' invariants (`robust_support/invariants.rs`) on their seeds and on every
//! input they found, in CI: `tests/fuzz-regressions/analyse/` and `framing/` (one file
//! per finding, named for what it found), the framing seeds in `fuzz/seeds/framing/`,
//! and the public debriefs in `tests/corpus/` (the analyser's seeds). Inputs of core bugs
//! the fuzzers found also get a test of their own below, naming what went wrong.
//!
//! Run: `cargo test -p debrief-ls --test robust_fuzz_regressions`.

#[path = "robust_support/invariants.rs"]
mod invariants;

use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "README.md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn analyser_regressions_and_the_corpus_keep_the_invariants() {
    let mut n = 0;
    for f in files("tests/fuzz-regressions/analyse").into_iter().chain(files("tests/corpus")) {
        if f.extension().is_some_and(|e| e == "tsv") {
            continue;
        }
        let data = std::fs::read(&f).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| invariants::analyse_bytes(&data)) {
            panic!("{}: {:?}", f.display(), e.downcast_ref::<String>());
        }
        n += 1;
    }
    assert!(n > 150, "the corpus is there ({n} files)");
}

#[test]
fn framing_regressions_and_seeds_keep_the_invariants() {
    let mut n = 0;
    for f in files("tests/fuzz-regressions/framing").into_iter().chain(files("fuzz/seeds/framing")) {
        let input = std::fs::read(&f).unwrap();
        let Some((&seed, data)) = input.split_first() else { continue };
        for step in [usize::from(seed % 61) + 1, 1, 2, 7] {
            if let Err(e) = std::panic::catch_unwind(|| invariants::framing_bytes(data, step)) {
                panic!("{} cut every {step}: {:?}", f.display(), e.downcast_ref::<String>());
            }
        }
        n += 1;
    }
    assert!(n >= 8, "the seeds are there ({n} files)");
}

/// Found by the `analyse` fuzzer (fixed in the core): a document that ends inside a block
/// running to the end of the input — an unclosed HTML comment (`<!--` with no `-->`), an
/// `<!x` declaration with no `>`, a `<?` processing instruction with no `?>`, a fenced
/// code block, or a `<pre>` never closed — got a `timeline-missing` finding whose safe fix
/// appended a timeline skeleton at the end, inside that block, where the analysis could not
/// see it, so every round of `fix::fix_all` appended another. The skeleton now goes before
/// that block, at the start of its line: a later session found that an indented code block
/// at the end took the skeleton in after its indentation (and lost that indentation). Inputs in `tests/fuzz-regressions/analyse/`: `unclosed-*-timeline-skeleton.md`
/// (minimal) and `*-found.md` (the fuzzer's: corpus debriefs whose opening comment lost its
/// end; not valid UTF-8, so read lossily as an editor would).
#[test]
fn fixes_converge_in_a_document_ending_inside_an_unclosed_block() {
    let mut n = 0;
    for f in files("tests/fuzz-regressions/analyse") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if !name.contains("timeline-skeleton") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        let config = debrief_core::Config::default();
        let once = debrief_core::fix::fix_all(&text, &config, debrief_core::Applicability::Safe);
        let skeletons = once.text.matches("- HH:MM Detected:").count();
        assert_eq!(skeletons, 1, "{name}: {skeletons} timeline skeletons after one --fix");
        let twice = debrief_core::fix::fix_all(&once.text, &config, debrief_core::Applicability::Safe);
        assert_eq!(once.text, twice.text, "{name}: a second --fix changed the text again");
        let diags = debrief_core::analyse(&once.text, &config);
        assert!(!diags.iter().any(|d| d.rule == "timeline-missing"), "{name}: the skeleton is not seen: {diags:?}");
        n += 1;
    }
    assert!(n >= 6, "the inputs are there ({n} files)");
}
