//! `debrief-ls check` (SPEC 6).

use std::process::ExitCode;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads stdin.
    pub paths: Vec<std::path::PathBuf>,
}

/// Runs `check`.
pub fn run(_args: CheckArgs) -> ExitCode {
    ExitCode::from(2)
}
