//! Command-line entry: `debrief-ls [serve]`, `check`, `init`, `rules`, `explain`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
mod frame;
mod github;
mod gitlab;
mod history;
mod human;
mod init;
mod json;
mod metrics;
mod rdjson;
mod report;
mod sarif;

/// Incident debriefs that teach: a language server and a checker for debriefs in Markdown.
#[derive(Debug, Parser)]
#[command(name = "debrief-ls", version, about, long_about = None)]
struct Cli {
    /// Talk LSP over stdin/stdout (the default; accepted for editors that pass it).
    #[arg(long, global = true, action = clap::ArgAction::Count, hide = true)]
    stdio: u8,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the language server over stdio (what running with no command does).
    Serve,
    /// Check debriefs: files, folders (walked, honouring .gitignore), or `-` for stdin.
    Check(check::CheckArgs),
    /// Write the history of every debrief found: one self-contained HTML page (a sortable
    /// table, durations, follow-ups, findings and soak time charted), its data as JSON, or
    /// a Markdown summary for a pull request or CI job.
    Report(history::ReportArgs),
    /// Write a commented debrief.toml with every key at its default (and a debrief template).
    Init(init::InitArgs),
    /// List every rule with its id, default level and summary.
    Rules {
        /// `text` (a table) or `json` (for tools: ids, default levels, summaries, docs URLs
        /// and the default limits).
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. blame-counterfactual.
        rule: String,
    },
}

/// Output of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

/// Parses arguments and runs the command; exit codes as SPEC 6.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        None | Some(Command::Serve) => crate::lsp::serve(),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Report(args)) => history::run(args),
        Some(Command::Init(args)) => init::run(args),
        Some(Command::Rules { format: RulesFormat::Text }) => {
            print_rules();
            ExitCode::SUCCESS
        }
        Some(Command::Rules { format: RulesFormat::Json }) => {
            println!("{}", rules_json());
            ExitCode::SUCCESS
        }
        Some(Command::Explain { rule }) => match debrief_core::rules::by_id(&rule) {
            Some(r) => {
                print!("{}", debrief_core::rules::render_docs(r));
                ExitCode::SUCCESS
            }
            None => {
                let hint = debrief_core::rules::closest_id(&rule)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                eprintln!("debrief-ls: no rule `{rule}`{hint}; `debrief-ls rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}

fn rules_json() -> serde_json::Value {
    use debrief_core::config::Limits;
    let rules: Vec<serde_json::Value> = debrief_core::rules::REGISTRY
        .iter()
        .map(|r| {
            let level = r.meta.default_level.as_str();
            serde_json::json!({
                "id": r.meta.id,
                "default": level,
                "summary": r.meta.summary,
                "docs_url": debrief_core::rules::docs_url(r.meta.id),
            })
        })
        .collect();
    let l = Limits::default();
    let b = &l.followup_budget;
    serde_json::json!({
        "rules": rules,
        "limits": {
            "followup-budget": {"sev1": b.sev1, "sev2": b.sev2, "sev3": b.sev3, "sev4": b.sev4, "sev5": b.sev5, "unknown": b.unknown},
            "minutes-per-followup": l.minutes_per_followup,
            "min-followup-budget": l.min_followup_budget,
            "gap-minutes": l.gap_minutes,
            "gap-share": l.gap_share,
            "soak-min-days": l.soak_min_days,
            "soak-max-days": l.soak_max_days,
        },
        "include": debrief_core::config::DEFAULT_INCLUDE,
    })
}

fn print_rules() {
    let rules = debrief_core::rules::REGISTRY;
    let width = rules.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
    for r in rules {
        let level = format!("{:?}", r.meta.default_level).to_lowercase();
        println!("{:width$}  {:7}  {}", r.meta.id, level, r.meta.summary);
    }
}
