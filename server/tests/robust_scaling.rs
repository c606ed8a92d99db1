//! Scaling (issue #6): doubling a long line or a block-quote nesting must about double
//! the analysis time, not quadruple it. Two quadratic paths were found here (fixed in
//! 58b4b5c); these tests keep them out. Timing ratios are sensitive to other work, so
//! this file holds a single test: nothing else in its binary runs at the same time.
//!
//! Run: `cargo test -p debrief-ls --test robust_scaling`.

use std::time::Instant;

use debrief_core::Config;

const HEAD: &str = "# Post-mortem: checkout outage\n\n## Summary\n\n";

/// A sentence with two findings (`blame-counterfactual`, `cause-human-error`).
const BLAMING: &str = "Dana should have noticed the alert, and it was human error. ";

/// Time to analyse `make(2n)` over `make(n)`, the fastest of five runs each: about 2
/// for linear work, 4 for quadratic; 3.5 is allowed for a loaded machine.
fn growth(make: impl Fn(usize) -> String, n: usize) -> f64 {
    let time = |text: &str| {
        let started = Instant::now();
        let _ = debrief_core::analyse(text, &Config::default());
        started.elapsed().as_secs_f64()
    };
    let (small_text, large_text) = (make(n), make(2 * n));
    let small = (0..5).map(|_| time(&small_text)).fold(f64::MAX, f64::min);
    let large = (0..5).map(|_| time(&large_text)).fold(f64::MAX, f64::min);
    eprintln!("{n}: {small:.3} s, {}: {large:.3} s", 2 * n);
    large / small
}

#[test]
fn analysis_time_grows_linearly() {
    // Was quadratic: quotation marks were counted from the start of the block for every
    // hit (release build: 0.6 s for a 0.5 MB line, 2.1 s for 1 MB).
    let g = growth(|n| format!("{HEAD}{}\n", BLAMING.repeat(n)), 8000);
    assert!(g < 3.5, "doubling a line multiplied the time by {g:.1}");
    // Was quadratic: every block quote's text was read for log lines, and each nested
    // quote spans all those inside it (release build: 20,000 levels of "> " took 1.9 s).
    let g = growth(|n| format!("{HEAD}{}{BLAMING}\n", "> ".repeat(n)), 400_000);
    assert!(g < 3.5, "doubling the nesting multiplied the time by {g:.1}");
}
