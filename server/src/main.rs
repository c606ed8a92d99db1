//! `debrief-ls`: the language server (default), `check`, `rules` and `explain`.

fn main() -> std::process::ExitCode {
    debrief_ls::cli::main()
}
