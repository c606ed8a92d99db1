//! Arbitrary bytes from a client, cut into arbitrary chunks, through the frame decoder:
//! it must not panic, hold more than a message and a header, pass on anything tower-lsp
//! cannot decode, or depend on how the input was cut.
#![no_main]

#[path = "../../server/tests/robust_support/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    // The first byte chooses where the input is cut; the rest is the client's bytes.
    let Some((&seed, data)) = input.split_first() else { return };
    invariants::framing_bytes(data, usize::from(seed % 61) + 1);
});
