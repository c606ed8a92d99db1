//! The shells around `debrief-core`: the headless `check` command ([`cli`]) and the
//! language server ([`lsp`]). Neither holds rule logic; both call the core and convert
//! its byte ranges for their audience.

pub mod cli;
pub mod lsp;
pub mod workspace;
