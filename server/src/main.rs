//! `debrief-ls`: the language server (default), `check`, `init`, `rules` and `explain`.

fn main() -> std::process::ExitCode {
    debrief_ls::cli::main()
}
