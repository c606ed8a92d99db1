//! The built `debrief-ls` binary driven over stdio as an editor drives it, for the tests
//! and benchmarks that measure the real process (memory, keystroke latency). Requests the
//! server sends are answered with a `null` result; a server still running when its
//! handle is dropped (a failed test) is killed.

#![allow(dead_code)] // each user takes part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one wait for the server may take before the caller fails.
const WAIT: Duration = Duration::from_secs(120);

pub struct StdioServer {
    child: Child,
    stdin: ChildStdin,
    /// Each message with when its last byte was read, before it was parsed.
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// When the last message [`StdioServer::until`] returned had been read.
    pub arrived: Option<Instant>,
}

impl StdioServer {
    /// Starts the binary with `DEBRIEF_LS_LOG=log` and initializes it (a client that
    /// offers no `workspace/configuration`, so it analyses on its defaults at once).
    pub fn start(log: &str) -> StdioServer {
        // `DEBRIEF_LS_BIN` runs another build instead, to compare two in the benchmarks.
        let binary = std::env::var_os("DEBRIEF_LS_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_debrief-ls").into());
        let mut child = Command::new(binary)
            .env("DEBRIEF_LS_LOG", log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start debrief-ls");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    match line.trim_end() {
                        "" => break,
                        l => length = l.strip_prefix("Content-Length: ").and_then(|n| n.parse().ok()).unwrap_or(length),
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let arrived = Instant::now();
                let Ok(value) = serde_json::from_slice::<Value>(&body) else { return };
                if tx.send((arrived, value)).is_err() {
                    return;
                }
            }
        });
        let mut server = StdioServer { child, stdin, messages, next_id: 0, arrived: None };
        let caps = json!({"workspace": {"configuration": false}});
        server.request("initialize", json!({"processId": null, "capabilities": caps}));
        server.notify("initialized", json!({}));
        server
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
        self.stdin.flush().expect("flush to the server");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.until(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message matching `wanted`, answering the server's requests on the way.
    pub fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, m) = self.messages.recv_timeout(left).expect("the server answers in time");
            if wanted(&m) {
                self.arrived = Some(arrived);
                return m;
            }
            if m.get("method").is_some() && m.get("id").is_some() {
                let id = m["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "markdown", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    /// The diagnostics published for `version` of `uri`.
    pub fn diagnostics_for(&mut self, uri: &str, version: i64) -> Value {
        self.until(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    /// (resident now, peak) in MB, from `/proc/<pid>/status` (Linux).
    pub fn memory_mb(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("process status");
        let field = |name: &str| -> f64 {
            let line = status.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} in {status}"));
            line.split_whitespace().nth(1).expect("a value").parse::<f64>().expect("kB") / 1024.0
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

impl Drop for StdioServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
