//! Rough timing of the analysis and its phases on files given (median of many runs), for
//! development. The benchmarks proper live in `server/benches`.

use std::time::{Duration, Instant};

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let config = debrief_core::Config::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("read");
        let runs = if text.len() > 100_000 { 40 } else { 2000 };
        let md = median(
            || {
                let p = pulldown_cmark::Parser::new_ext(
                    &text,
                    pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_TASKLISTS,
                );
                std::hint::black_box(p.into_offset_iter().count());
            },
            runs,
        );
        let parse = median(
            || {
                std::hint::black_box(debrief_core::Document::parse(&text));
            },
            runs,
        );
        let doc = debrief_core::Document::parse(&text);
        let tl = median(
            || {
                std::hint::black_box(debrief_core::timeline::timelines(&doc, debrief_core::memo::Lookup::default()));
            },
            runs,
        );
        let fu = median(
            || {
                std::hint::black_box(debrief_core::followups::followup_lists(
                    &doc,
                    debrief_core::memo::Lookup::default(),
                ));
            },
            runs,
        );
        let all = median(
            || {
                std::hint::black_box(debrief_core::analyse(&text, &config));
            },
            runs,
        );
        println!("{path}: {} bytes | pulldown {md:?} | Document::parse {parse:?} | timelines {tl:?} | follow-ups {fu:?} | analyse {all:?}", text.len());
    }
}
