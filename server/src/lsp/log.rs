//! Logs to stderr and to the client (`window/logMessage`) at a configurable level.
//! Never to stdout: that is the protocol stream.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

use tower_lsp::lsp_types::MessageType;
use tower_lsp::Client;

/// How much the server says. Ordered: `Off < Error < … < Trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Nothing.
    Off = 0,
    /// Failures the user should know about.
    Error = 1,
    /// Something was wrong but the server carried on (a bad config, a stale edit).
    Warn = 2,
    /// Lifecycle: start, configuration loaded, shutdown.
    Info = 3,
    /// Per-request detail, timings.
    Debug = 4,
    /// Everything.
    Trace = 5,
}

impl LogLevel {
    /// Parses a level name as users write it (`"warn"`, `"warning"`, `"INFO"`…).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "silent" => LogLevel::Off,
            "error" => LogLevel::Error,
            "warn" | "warning" => LogLevel::Warn,
            "info" | "messages" => LogLevel::Info,
            "debug" | "verbose" => LogLevel::Debug,
            "trace" => LogLevel::Trace,
            _ => return None,
        })
    }

    fn from_u8(n: u8) -> Self {
        match n {
            0 => LogLevel::Off,
            1 => LogLevel::Error,
            2 => LogLevel::Warn,
            3 => LogLevel::Info,
            4 => LogLevel::Debug,
            _ => LogLevel::Trace,
        }
    }

    fn label(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }

    fn message_type(self) -> MessageType {
        match self {
            LogLevel::Off | LogLevel::Error => MessageType::ERROR,
            LogLevel::Warn => MessageType::WARNING,
            LogLevel::Info => MessageType::INFO,
            LogLevel::Debug | LogLevel::Trace => MessageType::LOG,
        }
    }
}

/// The default level, unless `DEBRIEF_LS_LOG` names another.
pub fn initial_level() -> LogLevel {
    std::env::var("DEBRIEF_LS_LOG").ok().and_then(|v| LogLevel::parse(&v)).unwrap_or(LogLevel::Info)
}

/// Writes each message to stderr and the client's log, when its level is enabled.
#[derive(Debug)]
pub struct Logger {
    level: AtomicU8,
    client: Client,
}

impl Logger {
    /// A logger at `level` that also sends to `client`.
    pub fn new(client: Client, level: LogLevel) -> Self {
        Logger { level: AtomicU8::new(level as u8), client }
    }

    /// Changes the level (from settings).
    pub fn set_level(&self, level: LogLevel) {
        self.level.store(level as u8, Ordering::Relaxed);
    }

    /// The level in force.
    pub fn level(&self) -> LogLevel {
        LogLevel::from_u8(self.level.load(Ordering::Relaxed))
    }

    /// Whether messages at `level` are written; check before building costly messages.
    pub fn enabled(&self, level: LogLevel) -> bool {
        level != LogLevel::Off && level <= self.level()
    }

    /// Logs `message` at `level`.
    pub async fn log(&self, level: LogLevel, message: impl Display) {
        if !self.enabled(level) {
            return;
        }
        let message = message.to_string();
        eprintln!("debrief-ls {}: {message}", level.label());
        self.client.log_message(level.message_type(), message).await;
    }

    /// Logs at error level.
    pub async fn error(&self, message: impl Display) {
        self.log(LogLevel::Error, message).await;
    }

    /// Logs at warn level.
    pub async fn warn(&self, message: impl Display) {
        self.log(LogLevel::Warn, message).await;
    }

    /// Logs at info level.
    pub async fn info(&self, message: impl Display) {
        self.log(LogLevel::Info, message).await;
    }

    /// Logs at debug level.
    pub async fn debug(&self, message: impl Display) {
        self.log(LogLevel::Debug, message).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_parse_as_users_write_them() {
        assert_eq!(LogLevel::parse("Warning"), Some(LogLevel::Warn));
        assert_eq!(LogLevel::parse(" debug "), Some(LogLevel::Debug));
        assert_eq!(LogLevel::parse("off"), Some(LogLevel::Off));
        assert_eq!(LogLevel::parse("loud"), None);
        assert!(LogLevel::Error < LogLevel::Trace);
    }
}
