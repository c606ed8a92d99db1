//! `cargo bench --bench analysis`: the analysis core on a 100-line debrief, a 10,000-line
//! one, and the whole corpus, with the phases apart to find hot spots, and pulldown-cmark's
//! parse alone beside them. Targets (issue #5): 100 lines in at most 50 µs, 10,000 lines in
//! at most 2 ms.

#[path = "inputs.rs"]
mod inputs;

use std::sync::LazyLock;

use debrief_core::{analyse, Config, Document, Incremental};
use divan::{black_box, Bencher};

static SMALL: LazyLock<String> = LazyLock::new(|| inputs::debrief(100));
static LARGE: LazyLock<String> = LazyLock::new(|| inputs::debrief(10_000));
static CORPUS: LazyLock<Vec<String>> = LazyLock::new(inputs::corpus);

fn main() {
    divan::main();
}

#[divan::bench(args = ["100 lines", "10,000 lines"])]
fn analyse_debrief(bencher: Bencher, size: &str) {
    let text: &str = if size.starts_with("100 ") { &SMALL } else { &LARGE };
    let config = Config::default();
    bencher.counter(divan::counter::BytesCount::of_str(text)).bench(|| analyse(black_box(text), &config));
}

/// The floor under any analysis: pulldown-cmark alone reading the same text with the same
/// extensions, every event with its range, and nothing done with them.
#[divan::bench(args = ["100 lines", "10,000 lines"])]
fn markdown_parse_alone(bencher: Bencher, size: &str) {
    let text: &str = if size.starts_with("100 ") { &SMALL } else { &LARGE };
    bencher.counter(divan::counter::BytesCount::of_str(text)).bench(|| {
        pulldown_cmark::Parser::new_ext(black_box(text), debrief_core::document::MARKDOWN_OPTIONS)
            .into_offset_iter()
            .count()
    });
}

/// One character typed, then deleted, at the start of the middle line, each version
/// analysed reusing the last one's parse as the language server does (the copy of the
/// text it takes is included).
#[divan::bench(args = ["100 lines", "10,000 lines"])]
fn edit_debrief(bencher: Bencher, size: &str) {
    let text: &str = if size.starts_with("100 ") { &SMALL } else { &LARGE };
    let config = Config::default();
    let middle = text.match_indices('\n').nth(text.lines().count() / 2).map_or(0, |(i, _)| i + 1);
    let mut incremental = Incremental::default();
    incremental.analyse(text.to_string(), &config);
    let mut typed = false;
    bencher.bench_local(|| {
        typed = !typed;
        let mut version = text.to_string();
        if typed {
            version.insert(middle, 'x');
        }
        incremental.analyse(version, &config)
    });
}

#[divan::bench]
fn analyse_corpus(bencher: Bencher) {
    let config = Config::default();
    let bytes: usize = CORPUS.iter().map(String::len).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        for text in CORPUS.iter() {
            black_box(analyse(black_box(text), &config));
        }
    });
}

/// [`analyse_corpus`] with each debrief's metrics (SPEC 8), as `check --format json` and
/// `report` ask for them: what the metrics cost is the difference.
#[divan::bench]
fn analyse_corpus_with_metrics(bencher: Bencher) {
    let config = Config::default();
    let bytes: usize = CORPUS.iter().map(String::len).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        for text in CORPUS.iter() {
            black_box(debrief_core::analyse_with_metrics(black_box(text), &config));
        }
    });
}

/// The phases on the 10,000-line debrief: Markdown model, timelines, follow-ups.
mod phases {
    use super::*;

    #[divan::bench]
    fn markdown_model(bencher: Bencher) {
        bencher.bench(|| Document::parse(black_box(&LARGE)));
    }

    #[divan::bench]
    fn timelines(bencher: Bencher) {
        let doc = Document::parse(&LARGE);
        bencher.bench(|| debrief_core::timeline::timelines(black_box(&doc), debrief_core::memo::Lookup::default()));
    }

    #[divan::bench]
    fn followups(bencher: Bencher) {
        let doc = Document::parse(&LARGE);
        bencher
            .bench(|| debrief_core::followups::followup_lists(black_box(&doc), debrief_core::memo::Lookup::default()));
    }

    /// The rule families alone (the others switched off) on the 10,000-line debrief.
    #[divan::bench(args = ["phrase rules", "timeline rules", "follow-up rules"])]
    fn rule_family(bencher: Bencher, family: &str) {
        let prefix: &[&str] = match family {
            "phrase rules" => &["blame-", "cause-", "followups-prevention", "term-"],
            "timeline rules" => &["timeline-"],
            _ => &["followups-too-many", "followups-no-owner"],
        };
        let mut toml = String::from("[rules]\n");
        for rule in debrief_core::rules::REGISTRY {
            let on = prefix.iter().any(|p| rule.meta.id.starts_with(p));
            toml.push_str(&format!("{} = \"{}\"\n", rule.meta.id, if on { "warning" } else { "off" }));
        }
        let (config, errors) = Config::from_toml(&toml);
        assert!(errors.is_empty());
        bencher.bench(|| analyse(black_box(&LARGE), &config));
    }
}
