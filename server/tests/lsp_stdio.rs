//! End to end: the built `debrief-ls` binary over stdio, started as VS Code starts it
//! (`--stdio --stdio`: vscode-languageclient appends its own).
//!
//! Run: `cargo test -p debrief-ls --test lsp_stdio`.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_debrief-ls"))
            .args(args)
            .env("DEBRIEF_LS_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start debrief-ls");
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).expect("JSON")).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Session { child, stdin, messages, next_id: 0 }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Option<Value>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if let Some(p) = params {
            message["params"] = p;
        }
        self.send(message);
        self.until(|m| m["id"] == id && m.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message matching `pred`; requests from the server are answered on the way.
    fn until(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.messages.recv_timeout(left).expect("a message from the server in time");
            if let (Some(id), Some(method)) = (m.get("id"), m.get("method")) {
                let result = if method == "workspace/configuration" { json!([{}]) } else { Value::Null };
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
            if pred(&m) {
                return m;
            }
        }
    }

    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("debrief-ls did not exit within {WAIT:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn initialize(&mut self) -> Value {
        let response = self.request(
            "initialize",
            Some(json!({"processId": std::process::id(), "capabilities": {"workspace": {"configuration": true}}, "rootUri": null})),
        );
        self.notify("initialized", json!({}));
        response
    }
}

#[test]
fn a_session_over_stdio_publishes_diagnostics_and_exits_cleanly() {
    let mut s = Session::start(&["--stdio", "--stdio"]);
    let init = s.initialize();
    assert_eq!(init["result"]["serverInfo"]["name"], "debrief-ls", "{init}");
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    let uri = "file:///tmp/postmortems/2026-03-01.md";
    let text = "# Incident debrief 🔥\r\n\r\n🚨 It was a careless change.\r\n";
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let published = s.until(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    let careless = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "blame-judgement")
        .cloned()
        .unwrap_or_else(|| panic!("{published}"));
    assert_eq!(careless["range"]["start"], json!({"line": 2, "character": 12}), "🚨 counts two UTF-16 units");
    assert_eq!(published["params"]["version"], 1);

    let response = s.request("shutdown", None);
    assert!(response.get("error").is_none(), "{response}");
    s.notify("exit", Value::Null);
    let status = s.wait();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn serve_and_no_arguments_run_the_server_too() {
    for args in [&["serve"][..], &[][..]] {
        let mut s = Session::start(args);
        assert_eq!(s.initialize()["result"]["serverInfo"]["name"], "debrief-ls");
        s.request("shutdown", None);
        s.notify("exit", Value::Null);
        assert_eq!(s.wait().code(), Some(0), "{args:?}");
    }
}

#[test]
fn the_server_exits_when_stdin_closes() {
    let mut s = Session::start(&["--stdio"]);
    s.initialize();
    drop(s.stdin.take());
    assert!(s.wait().success());
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut s = Session::start(&["--stdio"]);
    s.initialize();
    s.notify("exit", Value::Null);
    assert_eq!(s.wait().code(), Some(1));
}
