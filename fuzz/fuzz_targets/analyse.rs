//! Arbitrary bytes as a debrief, with and without front matter: the analysis must not
//! panic, every range it reports must lie on character boundaries inside the text, every
//! fix must apply, and fixing twice must change nothing the second time.
#![no_main]

#[path = "../../server/tests/robust_support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::analyse_bytes(data));
