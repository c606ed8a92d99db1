//! Hostile JSON-RPC (issue #6): garbage bytes, invalid JSON, wrong `Content-Length`,
//! unknown methods, invalid params, requests for and edits to unopened documents, and
//! positions out of range or inside a surrogate pair. The server answers what has an id
//! (with a JSON-RPC error where one is due), logs the rest, and keeps serving: every test
//! ends with a request that must still be answered and a clean `shutdown`/`exit`.
//!
//! Run: `cargo test -p debrief-ls --test robust_jsonrpc`.

#[path = "robust_support/raw_client.rs"]
mod raw_client;

use debrief_ls::lsp::ServeOutcome;
use raw_client::{frame, without_versions, RawClient};
use serde_json::{json, Value};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

/// A debrief with findings on a line holding emoji (surrogate pairs in UTF-16).
const DEBRIEF: &str = "# Post-mortem: checkout 🔥\r\n\r\n## Summary\r\n\r\n🚨🚨 Dana should have noticed the alert. It was a careless change.\r\n\r\n## Contributing factors\r\n\r\nThe root cause was human error.\r\n";

fn hover_params(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

/// Still serving: a request is answered and the session ends cleanly.
async fn still_serving(mut client: RawClient) {
    let r = client.request("textDocument/hover", hover_params(0, 0)).await;
    assert!(r.get("error").is_none(), "{r}");
    assert_eq!(client.shutdown().await, ServeOutcome::Exited { after_shutdown: true });
}

fn is_error(response: &Value, code: i64) -> bool {
    response["error"]["code"] == code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_bytes_are_logged_and_skipped() {
    let mut client = RawClient::initialized().await;
    client.raw(b"\x00\x01\xff\xfe garbage \x1b[31m not a header\r\n\r\n{\"id\": 1}\r\n").await;
    client.raw(&[0x80; 10_000]).await;
    let log = client.log_containing("skipped").await;
    assert!(log.contains("malformed input"), "{log}");
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_json_is_a_parse_error_for_its_id() {
    let mut client = RawClient::initialized().await;
    let body = br#"{"jsonrpc": "2.0", "id": 41, "method": "textDocument/hover", "params": {"textDocument": }"#;
    client.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await;
    client.raw(body).await;
    let r = client.response(json!(41)).await;
    assert!(is_error(&r, -32700), "{r}");
    // Not UTF-8, and not an object: logged, no id to answer.
    client.raw(b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc").await;
    client.raw(&frame(&json!([1, 2, 3]))).await;
    client.log_containing("not an object").await;
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_that_is_not_a_request_is_an_invalid_request() {
    let mut client = RawClient::initialized().await;
    for (message, id) in [
        (json!({"jsonrpc": "1.0", "id": 51, "method": "textDocument/hover"}), json!(51)),
        (json!({"jsonrpc": "2.0", "id": 52, "method": 12}), json!(52)),
        (json!({"jsonrpc": "2.0", "id": "s53", "method": "textDocument/hover", "params": 7}), json!("s53")),
        (json!({"jsonrpc": "2.0", "id": 5.5, "method": "textDocument/hover"}), json!(5.5)),
    ] {
        client.send(&message).await;
        let r = client.response(id).await;
        assert!(is_error(&r, -32600), "{message} -> {r}");
    }
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_lengths_are_answered_and_resynchronised() {
    let mut client = RawClient::initialized().await;
    // Too small: the cut-off body is a parse error for its id; the rest is skipped.
    let body =
        json!({"jsonrpc": "2.0", "id": 61, "method": "textDocument/hover", "params": hover_params(0, 0)}).to_string();
    client.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() - 12).as_bytes()).await;
    assert!(is_error(&client.response(json!(61)).await, -32700));
    // Too large, with another message after it: refused, and the next one served.
    let body =
        json!({"jsonrpc": "2.0", "id": 62, "method": "textDocument/hover", "params": hover_params(0, 0)}).to_string();
    client.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 100).as_bytes()).await;
    client
        .send(&json!({"jsonrpc": "2.0", "id": 63, "method": "textDocument/hover", "params": hover_params(0, 0)}))
        .await;
    assert!(is_error(&client.response(json!(62)).await, -32600));
    assert!(client.response(json!(63)).await.get("error").is_none());
    // Too large, and the client waits: answered once the input stalls.
    let body =
        json!({"jsonrpc": "2.0", "id": 64, "method": "textDocument/hover", "params": hover_params(0, 0)}).to_string();
    client.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 1).as_bytes()).await;
    assert!(is_error(&client.response(json!(64)).await, -32600));
    // Absurd, not a number, negative: skipped without allocating.
    client.raw(b"Content-Length: 18446744073709551616\r\n\r\n{}").await;
    client.raw(b"Content-Length: 1e9\r\n\r\n{}").await;
    client.raw(b"Content-Length: -1\r\n\r\n{}").await;
    client.log_containing("bad header").await;
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_json_is_refused_without_deep_recursion() {
    let mut client = RawClient::initialized().await;
    // 100,000 nested arrays: parsers that recurse per level would overflow the stack.
    let depth = 100_000;
    let body = format!(
        r#"{{"jsonrpc":"2.0","id":81,"method":"textDocument/hover","params":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    client.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await;
    let r = client.response(json!(81)).await;
    assert!(is_error(&r, -32700), "{r}");
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_methods_and_invalid_params() {
    let mut client = RawClient::initialized().await;
    let r = client.request("debrief/noSuchThing", json!({})).await;
    assert!(is_error(&r, -32601), "{r}");
    client.send(&json!({"jsonrpc": "2.0", "method": "debrief/noSuchNotification", "params": {}})).await;
    client.send(&json!({"jsonrpc": "2.0", "method": "$/noSuchThing", "params": {}})).await;
    let r = client.request("textDocument/hover", json!({"textDocument": 5})).await;
    assert!(is_error(&r, -32602), "{r}");
    let r = client.request("textDocument/codeAction", json!([1, 2])).await;
    assert!(is_error(&r, -32602), "{r}");
    // Notifications with invalid params: nothing to answer, nothing applied.
    client
        .send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 3}}}))
        .await;
    client
        .send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"contentChanges": "x"}}))
        .await;
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_before_initialize_are_refused_and_the_session_still_starts() {
    let mut client = RawClient::start();
    client
        .send(&json!({"jsonrpc": "2.0", "id": 71, "method": "textDocument/hover", "params": hover_params(0, 0)}))
        .await;
    assert!(is_error(&client.response(json!(71)).await, -32002));
    let init = client.request("initialize", json!({"capabilities": {}})).await;
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    client.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})).await;
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_for_and_edits_to_unopened_documents() {
    let mut client = RawClient::initialized().await;
    let doc = json!({"textDocument": {"uri": URI}});
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}});
    for (method, params) in [
        ("textDocument/hover", hover_params(3, 3)),
        ("textDocument/documentSymbol", doc.clone()),
        ("textDocument/codeLens", doc.clone()),
        ("textDocument/diagnostic", doc.clone()),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
        ),
        ("codeAction/resolve", json!({"title": "Fix all", "data": {"uri": URI, "version": 3}})),
    ] {
        let r = client.request(method, params).await;
        assert!(r.get("error").is_none(), "{method}: {r}");
        let result = &r["result"];
        let empty = result.is_null() || result["items"] == json!([]) || result["title"] == "Fix all";
        assert!(empty, "{method} on an unopened document: {r}");
    }
    // An edit to a document that is not open is ignored (and said so) ...
    let change = json!({"textDocument": {"uri": URI, "version": 2},
                        "contentChanges": [{"range": range, "text": "Dana should have known. "}]});
    client.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change})).await;
    client.log_containing("not open").await;
    client.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": doc})).await;
    // ... so opening it afterwards sees only the opened text.
    client.open(URI, "# Post-mortem\n\nAll calm.\n").await;
    let codes: Vec<Value> = client.pull(URI).await.as_array().unwrap().iter().map(|d| d["code"].clone()).collect();
    assert_eq!(codes, [json!("timeline-missing")], "only the opened text is analysed");
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_out_of_range_or_inside_a_surrogate_pair() {
    let mut client = RawClient::initialized().await;
    client.open(URI, DEBRIEF).await;
    let before = client.pull(URI).await;
    assert!(!before.as_array().unwrap().is_empty());
    // Line 4 starts with two 🚨: columns 1 and 3 are inside surrogate pairs.
    for (line, character) in [(4, 1), (4, 3), (9999, 0), (0, 9999), (u32::MAX, u32::MAX), (2, 1 << 31)] {
        let r = client.request("textDocument/hover", hover_params(line, character)).await;
        assert!(r.get("error").is_none(), "hover at {line}:{character}: {r}");
        let range = json!({"start": {"line": line, "character": character}, "end": {"line": u32::MAX, "character": 0}});
        let r = client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": before}}),
            )
            .await;
        assert!(r.get("error").is_none(), "codeAction at {line}:{character}: {r}");
    }
    // Inside a surrogate pair, hover is refused rather than guessed.
    assert_eq!(client.request("textDocument/hover", hover_params(4, 1)).await["result"], Value::Null);
    // Edits there snap to the character's start; past the end, to the end. The server's
    // text must then be what the client model holds: same findings as a fresh open.
    let edits = json!([
        {"range": {"start": {"line": 4, "character": 1}, "end": {"line": 4, "character": 3}}, "text": "X"},
        {"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "\r\nDana was careless.\r\n"},
        {"range": {"start": {"line": 0, "character": 400}, "end": {"line": 1, "character": 0}}, "text": " 🧯"},
    ]);
    let p = json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": edits});
    client.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": p})).await;
    let edited = client.pull(URI).await;
    let expected_text =
        DEBRIEF.replacen("🚨🚨", "X🚨", 1).replacen("🔥\r\n\r\n", "🔥 🧯\r\n", 1) + "\r\nDana was careless.\r\n";
    let fresh = "file:///ws/postmortems/fresh.md";
    client.open(fresh, &expected_text).await;
    let expected = client.pull(fresh).await;
    assert_eq!(without_versions(&edited), without_versions(&expected));
    still_serving(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_bad_input_never_interleaves_with_responses() {
    let mut client = RawClient::initialized().await;
    client.open(URI, DEBRIEF).await;
    // Bad frames with ids and good requests, sent at once: every frame the client reads
    // must be whole JSON (the reader panics otherwise) and every id answered once.
    let mut batch = Vec::new();
    for i in 0..200 {
        if i % 2 == 0 {
            batch.extend(frame(
                &json!({"jsonrpc": "2.0", "id": i, "method": "textDocument/hover", "params": hover_params(4, 6)}),
            ));
        } else {
            batch.extend(
                format!("Content-Length: 30\r\n\r\n{{\"jsonrpc\":\"2.0\",\"id\":{i},\"params\":{{").into_bytes(),
            );
            batch.extend(b"\x00junk ");
        }
    }
    client.raw(&batch).await;
    let mut seen = std::collections::BTreeSet::new();
    while seen.len() < 200 {
        let m = client.until(|m| m.get("id").is_some() && m.get("method").is_none()).await;
        let id = m["id"].as_i64().expect("numeric id");
        assert!(seen.insert(id), "id {id} answered twice");
        if id % 2 == 0 {
            assert!(m.get("error").is_none(), "{m}");
        } else {
            assert!(is_error(&m, -32700), "{m}");
        }
    }
    still_serving(client).await;
}

/// The same through the real binary on stdio: garbage, a cut-off request, an absurd
/// length and frames tower-lsp cannot decode, then a normal session that ends with exit
/// code 0.
#[test]
fn the_binary_survives_hostile_stdin() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_debrief-ls"))
        .env("DEBRIEF_LS_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start debrief-ls");
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut answered = std::collections::BTreeMap::new();
    // Reads until the response with `id` has come.
    let mut until_answered = |id: i64, answered: &mut std::collections::BTreeMap<i64, Value>| {
        while !answered.contains_key(&id) {
            let mut length = 0;
            loop {
                let mut line = String::new();
                assert!(reader.read_line(&mut line).unwrap() > 0, "stdout ended early: {answered:?}");
                match line.trim_end() {
                    "" => break,
                    l => length = l.strip_prefix("Content-Length: ").expect("a header").parse().unwrap(),
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let m: Value = serde_json::from_slice(&body).unwrap();
            if let (Some(id), None) = (m["id"].as_i64(), m.get("method")) {
                answered.insert(id, m);
            }
        }
    };
    let mut input = b"\x00\xffnot a header\r\n\r\n".to_vec();
    input.extend(frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})));
    stdin.write_all(&input).unwrap();
    until_answered(1, &mut answered);
    let mut input = b"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdo".to_vec();
    input.extend(b"Content-Length: 99999999999999\r\n\r\n{}");
    input.extend(frame(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
    // Frames that once ended tower-lsp's input, and so the session.
    for body in [
        r#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{},"x":1e400}"#,
        r#"{"jsonrpc":"2.0","method":"$/progress","params":{},"x":"\ud800"}"#,
    ] {
        input.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
    }
    input.extend(frame(&json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})));
    stdin.write_all(&input).unwrap();
    until_answered(2, &mut answered);
    until_answered(4, &mut answered);
    until_answered(3, &mut answered);
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"}))).unwrap();
    assert!(answered[&1]["result"]["capabilities"].is_object());
    assert!(is_error(&answered[&2], -32700), "{}", answered[&2]);
    assert!(is_error(&answered[&4], -32700), "{}", answered[&4]);
    assert!(answered[&3].get("error").is_none());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "exit after shutdown");
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("malformed input from the client"), "{stderr}");
}

/// Frames our checks once passed but tower-lsp's decoder refused, which ended its input
/// and so the session: it reads a whole message through `deserialize_any`, stricter
/// than a check that skips what it does not need. Each frame is served (lone surrogates
/// become U+FFFD), refused with the right error for its id, or logged when it has no
/// id we can answer; and the request after it is still answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frames_tower_lsp_cannot_decode_never_end_the_session() {
    enum Expect {
        Answered,
        Refused(i64),
        Logged(&'static str),
        /// A response to the server: taken without a reply.
        Taken,
    }
    use Expect::{Answered, Logged, Refused, Taken};
    let hover = hover_params(0, 0).to_string();
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let request = |id: &Value, extra: &str| {
        format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{hover}{extra}}}"#)
    };
    let cases = [
        (json!(101), request(&json!(101), r#","x":1e400"#), Refused(-32700)),
        (json!(102), request(&json!(102), &format!(r#","x":1{}"#, "0".repeat(400))), Refused(-32700)),
        (json!(103), request(&json!(103), r#","x":"\ud800""#), Answered),
        (json!(104), request(&json!(104), r#","\udc00":1"#), Answered),
        (json!(105), request(&json!(105), &format!(r#","x":{deep}"#)), Refused(-32700)),
        (json!(106), request(&json!(106), &format!(r#","x":{{"y":{deep}}}"#)), Refused(-32700)),
        (json!(107), request(&json!(107), r#","params":{}"#), Refused(-32600)),
        (json!(108), request(&json!(108), r#","jsonrpc":"2.0""#), Refused(-32600)),
        (json!(109), request(&json!(109), r#","result":null"#), Refused(-32600)),
        (json!(null), request(&json!(null), ""), Answered),
        (json!(110.5), request(&json!(110.5), ""), Refused(-32600)),
        (json!(null), request(&json!({"a": 1}), ""), Logged("\"id\" must be")),
        (json!(111), format!(r#"{{"id":111,"method":"textDocument/hover","params":{hover}}}"#), Refused(-32600)),
        (
            json!(112),
            format!(
                r#"{{"jsonrpc":"2.0","id":112,"method":"textDocument/hover","params":{{"x":"\ud800","y":{deep}}}}}"#
            ),
            Refused(-32700),
        ),
        (
            json!("r1"),
            r#"{"jsonrpc":"2.0","id":"r1","result":{"x":1e400}}"#.to_string(),
            Logged("not a valid response"),
        ),
        (json!("r2"), r#"{"jsonrpc":"2.0","id":"r2","result":null,"x":"\ud800"}"#.to_string(), Taken),
        (
            json!("r3"),
            r#"{"jsonrpc":"2.0","id":"r3","result":null,"error":null}"#.to_string(),
            Logged("not a valid response"),
        ),
    ];
    let mut client = RawClient::initialized().await;
    for (id, body, expect) in cases {
        client.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await;
        match expect {
            Answered => {
                let r = client.response(id).await;
                assert!(r.get("error").is_none(), "{body} -> {r}");
            }
            Refused(code) => {
                let r = client.response(id).await;
                assert!(is_error(&r, code), "{body} -> {r}");
            }
            Logged(needle) => {
                client.log_containing(needle).await;
            }
            Taken => {}
        }
        let r = client.request("textDocument/hover", hover_params(0, 0)).await;
        assert!(r.get("error").is_none(), "after {body}: {r}");
    }
    still_serving(client).await;
}
