#!/usr/bin/env python3
"""Drives a language server over stdio as an editor would, for profilers: opens FILE, types
and deletes a character at the start of its middle line N times, waiting each time for the
publishDiagnostics of that version, then shuts the server down.

    tests/bench/lsp_drive.py N FILE valgrind --tool=callgrind target/release/debrief-ls

Instructions per keystroke: run with N = 1 and N = 11, divide the difference by 10.
"""
import json, subprocess, sys
n = int(sys.argv[1]); text = open(sys.argv[2]).read(); cmd = sys.argv[3:]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={"DEBRIEF_LS_LOG": "error", "PATH": "/usr/bin:/bin"})
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
def read():
    length = 0
    while True:
        line = p.stdout.readline()
        if not line: raise SystemExit("server closed")
        line = line.strip()
        if not line: break
        if line.startswith(b"Content-Length:"): length = int(line.split(b":")[1])
    return json.loads(p.stdout.read(length))
def until(pred):
    while True:
        m = read()
        if "id" in m and "method" in m: send({"jsonrpc": "2.0", "id": m["id"], "result": None}); continue
        if pred(m): return m
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {"workspace": {"configuration": False}}}})
until(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
uri = "file:///bench/postmortems/debrief.md"
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
diag = lambda v: (lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v)
until(diag(1))
line = text.count("\n") // 2
for k in range(n):
    v = k + 2
    ch = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0 if k % 2 == 0 else 1}}, "text": "x" if k % 2 == 0 else ""}
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [ch]}})
    until(diag(v))
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}); until(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"}); p.wait()
