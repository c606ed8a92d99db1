//! `cargo bench --bench lsp_latency`: drives the built server over stdio as an editor
//! does: open a debrief, type single characters with incremental sync, and time each edit
//! to the `publishDiagnostics` for its version. Reports median, p95, p99 and the peak RSS,
//! for a 100-line and a 10,000-line debrief, then the RSS with 100 debriefs open.
//!
//! Targets (issue #5): p99 ≤ 1 ms on 100 lines, ≤ 5 ms on 10,000 lines; ≤ 30 MB RSS with
//! 100 debriefs open. Pass `--quick` for a short run.

#[path = "inputs.rs"]
mod inputs;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_debrief-ls"))
            .env("DEBRIEF_LS_LOG", "error")
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
                let Ok(value) = serde_json::from_slice::<Value>(&body) else { return };
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let mut server = Server { child, stdin, messages, next_id: 0 };
        server.request("initialize", json!({"processId": null, "rootUri": "file:///bench", "capabilities": {}}));
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// Waits for a message matching `want`, answering server requests on the way.
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(60)).expect("the server answers within a minute");
            if want(&m) {
                return m;
            }
            if m.get("method").is_some() && m.get("id").is_some() {
                let id = m["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    /// Peak resident memory (`VmHWM`) and current (`VmRSS`) in KiB.
    fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
                .unwrap_or(0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn keystrokes(lines: usize, count: usize) {
    let text = inputs::debrief(lines);
    let mut server = Server::start();
    let uri = "file:///bench/postmortems/debrief.md";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let first = server.diagnostics_for(uri, 1);
    let findings = first["params"]["diagnostics"].as_array().map_or(0, Vec::len);
    // Type at the start of a line in the middle, alternating a character and its deletion.
    let line = (lines / 2) as u64;
    let mut times = Vec::with_capacity(count);
    for k in 0..count {
        let version = k as i64 + 2;
        let change = if k % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let started = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.diagnostics_for(uri, version);
        times.push(started.elapsed());
    }
    let (peak, _) = server.memory_kib();
    server.stop();
    times.sort();
    println!(
        "keystroke → publishDiagnostics, {lines} lines ({} bytes, {findings} findings), {count} edits: median {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms; peak RSS {:.1} MB",
        text.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().map_or(0.0, |t| t.as_secs_f64() * 1e3),
        peak as f64 / 1024.0
    );
}

fn many_open(count: usize) {
    let corpus = inputs::corpus();
    let mut server = Server::start();
    for (i, text) in corpus.iter().cycle().take(count).enumerate() {
        let uri = format!("file:///bench/postmortems/doc{i}.md");
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        server.diagnostics_for(&uri, 1);
    }
    let (peak, now) = server.memory_kib();
    let bytes: usize = corpus.iter().cycle().take(count).map(String::len).sum();
    server.stop();
    println!(
        "{count} debriefs open ({:.1} MB of text): RSS {:.1} MB, peak {:.1} MB",
        bytes as f64 / 1e6,
        now as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (small, large) = if quick { (200, 40) } else { (2000, 400) };
    keystrokes(100, small);
    keystrokes(10_000, large);
    many_open(100);
}
