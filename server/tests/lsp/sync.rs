//! Document sync and pushed diagnostics: exact ranges on CRLF text with emoji, in
//! UTF-16 and UTF-8; incremental and full changes; hundreds of edits sent without
//! waiting; stale versions never published.

use serde_json::{json, Value};

use crate::support::{capabilities, codes, range, with_code, Setup, TestClient, DEBRIEF};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_publishes_exact_utf16_ranges_on_crlf_text_with_emoji() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let published = client.diagnostics(URI).await;
    assert_eq!(published["version"], 1);
    let diags = &published["diagnostics"];

    // Line 4: "🚨🚨 Dana should have noticed the alert. It was a careless change."
    // Each 🚨 is two UTF-16 code units, so "Dana" starts at 5.
    let counterfactual = with_code(diags, "blame-counterfactual")[0];
    assert_eq!(counterfactual["range"], range(4, 5, 4, 29));
    assert_eq!(counterfactual["source"], "debrief-ls");
    assert_eq!(counterfactual["severity"], 2);
    assert!(counterfactual["codeDescription"]["href"].as_str().unwrap().ends_with("/blame-counterfactual.md"));
    // The fixes are sent when actions are asked for; `data` says which finding it is.
    assert_eq!(counterfactual["data"]["version"], 1);
    assert!(counterfactual["data"]["index"].is_u64(), "{counterfactual}");
    let request = json!({
        "textDocument": {"uri": URI},
        "range": counterfactual["range"],
        "context": {"diagnostics": [counterfactual], "only": ["quickfix"]},
    });
    let actions = client.result("textDocument/codeAction", request).await;
    let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Rewrite as what happened", "Ask what made it hard instead", "Ignore blame-counterfactual for this line"]
    );
    let first_edit = &actions[0]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(first_edit["range"], range(4, 10, 4, 29), "UTF-16 columns on CRLF text");

    let judgement = with_code(diags, "blame-judgement")[0];
    assert_eq!(judgement["range"], range(4, 50, 4, 58));

    // Line 10 "- 13:50 deploy started" comes after 14:10 on line 9.
    let order = with_code(diags, "timeline-out-of-order")[0];
    assert_eq!(order["range"], range(10, 2, 10, 22));
    assert_eq!(order["relatedInformation"][0]["location"]["uri"], URI);
    assert_eq!(order["relatedInformation"][0]["location"]["range"], range(9, 2, 9, 30));

    let gap = with_code(diags, "timeline-gap")[0];
    assert_eq!(gap["range"], range(11, 2, 11, 29));
    assert_eq!(gap["severity"], 3);
    assert_eq!(gap["relatedInformation"][0]["location"]["range"], range(10, 2, 10, 22));

    let human_error = with_code(diags, "cause-human-error")[0];
    assert_eq!(human_error["range"], range(16, 19, 16, 30));
    assert_eq!(human_error["severity"], 1);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_positions_count_bytes() {
    let mut caps = capabilities();
    caps["general"]["positionEncodings"] = json!(["utf-8", "utf-16"]);
    let mut client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    // Each 🚨 is four bytes.
    assert_eq!(with_code(&diags, "blame-counterfactual")[0]["range"], range(4, 9, 4, 33));
    assert_eq!(with_code(&diags, "blame-judgement")[0]["range"], range(4, 54, 4, 62));
    // An incremental edit in UTF-8 columns: drop "careless " (bytes 52..61 after "a ").
    client.change(URI, 2, range(4, 54, 4, 63), "").await;
    let diags = client.diagnostics_at(URI, 2).await["diagnostics"].clone();
    assert!(with_code(&diags, "blame-judgement").is_empty(), "{diags}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_and_full_changes_move_the_findings() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    client.diagnostics_at(URI, 1).await;

    // Replace "careless" with "quick".
    client.change(URI, 2, range(4, 50, 4, 58), "quick").await;
    let diags = client.diagnostics_at(URI, 2).await["diagnostics"].clone();
    assert!(with_code(&diags, "blame-judgement").is_empty());
    assert_eq!(with_code(&diags, "blame-counterfactual")[0]["range"], range(4, 5, 4, 29));

    // Insert a line with an emoji above: everything below moves down one line.
    client.change(URI, 3, range(2, 0, 2, 0), "😀 Written together.\r\n").await;
    let diags = client.diagnostics_at(URI, 3).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "blame-counterfactual")[0]["range"], range(5, 5, 5, 29));

    // Two changes in one notification apply in order: the second is relative to the
    // first's result.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 4}, "contentChanges": [
                {"range": range(2, 0, 3, 0), "text": ""},
                {"range": range(4, 5, 4, 9), "text": "Sam"},
            ]}),
        )
        .await;
    let diags = client.diagnostics_at(URI, 4).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "blame-counterfactual")[0]["range"], range(4, 5, 4, 28));

    // A full-text change (no range) replaces everything.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 5}, "contentChanges": [{"text": "# Incident debrief\n\nIt was human error.\n"}]}),
        )
        .await;
    let diags = client.diagnostics_at(URI, 5).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "cause-human-error")[0]["range"], range(2, 7, 2, 18));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_past_the_end_and_inside_surrogate_pairs_do_not_break_the_document() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, "# Incident debrief\r\n\r\n😀 text\r\n").await;
    client.diagnostics_at(URI, 1).await;
    // Inside the surrogate pair: snapped to before the emoji.
    client.change(URI, 2, range(2, 1, 2, 1), "It was careless. ").await;
    // Past the end of a line and of the document: clamped.
    client.change(URI, 3, range(0, 500, 0, 900), " (draft)").await;
    client.change(URI, 4, range(99, 0, 120, 4), "Tail.\r\n").await;
    let diags = client.diagnostics_at(URI, 4).await["diagnostics"].clone();
    assert_eq!(with_code(&diags, "blame-judgement")[0]["range"], range(2, 7, 2, 15));
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    assert_eq!(symbols[0]["name"], "Incident debrief (draft)");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_clears_the_diagnostics() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    assert!(!client.diagnostics(URI).await["diagnostics"].as_array().unwrap().is_empty());
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}})).await;
    let cleared = client.diagnostics(URI).await;
    assert_eq!(cleared["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_that_is_not_a_debrief_stays_silent() {
    let mut client = TestClient::start(Setup::default()).await;
    let uri = "file:///ws/docs/README.md";
    client.open(uri, "# README\r\n\r\nDana should have noticed the careless change. Human error.\r\n").await;
    let published = client.diagnostics(uri).await;
    assert_eq!(published["diagnostics"], json!([]));
    let doc = json!({"textDocument": {"uri": uri}});
    assert_eq!(client.result("textDocument/documentSymbol", doc.clone()).await, Value::Null);
    assert_eq!(client.result("textDocument/codeLens", doc.clone()).await, Value::Null);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 32}});
    assert_eq!(client.result("textDocument/hover", at).await, Value::Null);
    // The same text under a debrief folder is a debrief.
    client.open(URI, "# README\r\n\r\nDana should have noticed the careless change.\r\n").await;
    assert!(codes(&client.diagnostics(URI).await["diagnostics"]).contains(&"blame-judgement".to_string()));
    client.shutdown().await;
}

/// A document model independent of the server's: UTF-16 positions are computed by
/// scanning the text, lines end at `\n`.
struct Model {
    text: String,
}

impl Model {
    fn position(&self, byte: usize) -> Value {
        let before = &self.text[..byte];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let character: usize = self.text[line_start..byte].chars().map(char::len_utf16).sum();
        json!({"line": line, "character": character})
    }

    /// A char boundary at or before `at`, never between `\r` and `\n`.
    fn boundary(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        if at > 0 && self.text.as_bytes()[at - 1] == b'\r' && self.text.as_bytes().get(at) == Some(&b'\n') {
            at -= 1;
        }
        at
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_edits_sent_without_waiting_give_the_clients_text() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    client.diagnostics_at(URI, 1).await;

    let mut model = Model { text: DEBRIEF.to_string() };
    let inserts =
        ["careless ", "😀", "\r\n", "Dana should have noticed ", "é", "- 15:00 paged\r\n", "human error. ", "x"];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    const EDITS: i32 = 400;
    for version in 2..=EDITS + 1 {
        let start = model.boundary(next(model.text.len() + 1));
        let end = if next(3) == 0 { model.boundary(start + next(12)).max(start) } else { start };
        let new_text = if next(4) == 0 { "" } else { inserts[next(inserts.len())] };
        let r = json!({"start": model.position(start), "end": model.position(end)});
        model.text.replace_range(start..end, new_text);
        // No waiting: the server reads these as fast as it can.
        client.change(URI, version, r, new_text).await;
    }
    let last = i64::from(EDITS + 1);
    let burst = client.diagnostics_at(URI, last).await["diagnostics"].clone();

    // A fresh open of the client's text must give the same findings, ranges and all.
    let fresh_uri = "file:///ws/postmortems/fresh.md";
    client.open(fresh_uri, &model.text).await;
    let fresh = client.diagnostics(fresh_uri).await["diagnostics"].clone();
    assert!(!fresh.as_array().unwrap().is_empty(), "the edits leave findings to compare");
    assert_eq!(without_document_ids(&burst), without_document_ids(&fresh));
    let symbols = |uri: &str| json!({"textDocument": {"uri": uri}});
    assert_eq!(
        client.result("textDocument/documentSymbol", symbols(URI)).await,
        client.result("textDocument/documentSymbol", symbols(fresh_uri)).await
    );
    client.shutdown().await;
}

/// Diagnostics with related URIs taken out.
/// Diagnostics without what differs between two documents of the same text: the
/// documents' URIs and versions.
fn without_document_ids(diags: &Value) -> Value {
    let mut out = diags.clone();
    for d in out.as_array_mut().unwrap() {
        d["data"]["version"] = Value::Null;
        if let Some(related) = d.get_mut("relatedInformation").and_then(Value::as_array_mut) {
            for r in related {
                r["location"]["uri"] = Value::Null;
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_over_a_megabyte_are_analysed_when_typing_pauses() {
    let mut client = TestClient::start(Setup::default()).await;
    let mut text = String::from("# Incident debrief\n\n## Summary\n\n");
    while text.len() < 1_100_000 {
        text.push_str("The retry settings changed in the same deploy, which nobody could see from the dashboard.\n\n");
    }
    text.push_str("It was a careless change.\n");
    client.open(URI, &text).await;
    client.diagnostics_at(URI, 1).await;
    for version in 2..=21 {
        client.change(URI, version, range(4, 0, 4, 0), "x").await;
    }
    let mut published = Vec::new();
    loop {
        let params = client.diagnostics(URI).await;
        published.push(params["version"].as_i64().unwrap());
        if params["version"] == 21 {
            break;
        }
    }
    // Typing outpaces the analysis here: the burst is analysed at its end, not per key
    // (a loaded machine may split it once).
    assert!(published.len() <= 2, "{published:?}");
    client.shutdown().await;
}
