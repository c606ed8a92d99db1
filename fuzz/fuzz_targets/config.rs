//! Arbitrary bytes as `debrief.toml`: configuration from a cloned repository is data.
//! Parsing must not panic, and a document must still analyse under whatever it yields.
#![no_main]

use libfuzzer_sys::fuzz_target;

const DOC: &str = "# Post-mortem: checkout\n\n## Summary\n\nDana should have caught it. Human error.\n\n\
## Timeline\n\n- 14:02 alert fired\n- 13:50 deploy\n\n## Follow-ups\n\n- Add an alert\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (config, _errors) = debrief_core::Config::from_toml(text);
    let _ = debrief_core::analyse(DOC, &config);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = debrief_core::ConfigFile::from_json(&value);
    }
});
