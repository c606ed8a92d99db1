//! The language server (SPEC 7). Placeholder until the server lands.

use std::process::ExitCode;

/// Runs the language server over stdio until the client exits.
pub fn serve() -> ExitCode {
    eprintln!("debrief-ls: the language server is not built yet");
    ExitCode::from(2)
}
