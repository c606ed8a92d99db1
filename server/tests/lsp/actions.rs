//! Code actions: fixes as quick fixes (from the analysis of the current version), "Ignore for this line",
//! the timeline skeleton, and `source.fixAll.debrief` (resolved lazily or eagerly).

use serde_json::{json, Value};

use crate::support::{capabilities, range, with_code, Setup, TestClient, DEBRIEF};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

/// A debrief with no timeline (CRLF, emoji): the skeleton is a safe fix.
const NO_TIMELINE: &str = "# Incident debrief 🔥\r\n\r\n## Summary\r\n\r\nThe API was down 😀.\r\n\r\n## Action items\r\n\r\n- Add an alert @dana\r\n";

fn actions_request(uri: &str, r: Value, diagnostics: Vec<Value>, only: Option<Vec<&str>>) -> Value {
    let mut context = json!({"diagnostics": diagnostics, "triggerKind": 1});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    json!({"textDocument": {"uri": uri}, "range": r, "context": context})
}

/// The edits of a workspace edit for `uri`, with `documentChanges` (checking the
/// version) or `changes`.
fn edits_of(edit: &Value, uri: &str, version: i64) -> Vec<Value> {
    if let Some(changes) = edit["documentChanges"].as_array() {
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0]["textDocument"]["uri"], uri);
        assert_eq!(changes[0]["textDocument"]["version"], version);
        return changes[0]["edits"].as_array().unwrap().clone();
    }
    edit["changes"][uri].as_array().expect("edits for the document").clone()
}

/// Applies LSP edits (UTF-16, lines split at `\n`) to `text`, as a client does.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) = (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap() as usize);
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character || c == '\r' || c == '\n' {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut sorted: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    sorted.sort();
    let mut out = text.to_string();
    for (start, end, new_text) in sorted.into_iter().rev() {
        out.replace_range(start..end, new_text);
    }
    out
}

fn titles(actions: &Value) -> Vec<String> {
    actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

fn action<'a>(actions: &'a Value, title: &str) -> &'a Value {
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no {title:?} in {actions}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finding_offers_its_rewrites_and_an_ignore_comment() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    let judgement = with_code(&diags, "blame-judgement")[0].clone();
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(4, 52, 4, 52), vec![judgement.clone()], None))
        .await;
    assert_eq!(titles(&actions), ["Drop the judgement word", "Ignore blame-judgement for this line"]);

    let rewrite = action(&actions, "Drop the judgement word");
    assert_eq!(rewrite["kind"], "quickfix");
    assert_eq!(rewrite["isPreferred"], Value::Null, "rewrites change meaning: never preferred");
    assert_eq!(rewrite["diagnostics"][0]["code"], "blame-judgement");
    let fixed = apply(DEBRIEF, &edits_of(&rewrite["edit"], URI, 1));
    assert!(fixed.contains("\r\n🚨🚨 Dana should have noticed the alert. It was a change.\r\n"), "{fixed}");

    let ignore = action(&actions, "Ignore blame-judgement for this line");
    let edits = edits_of(&ignore["edit"], URI, 1);
    assert_eq!(edits, [json!({"range": range(4, 0, 4, 0), "newText": "<!-- debrief-ignore blame-judgement -->\r\n"})]);

    // The ignored text, sent back, no longer has the finding.
    let ignored = apply(DEBRIEF, &edits);
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": ignored}]}),
        )
        .await;
    let diags = client.diagnostics_at(URI, 2).await["diagnostics"].clone();
    assert!(with_code(&diags, "blame-judgement").is_empty(), "{diags}");
    assert_eq!(with_code(&diags, "blame-counterfactual")[0]["range"], range(5, 5, 5, 29));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_skeleton_is_the_preferred_fix_where_the_timeline_is_missing() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, NO_TIMELINE).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    let missing = with_code(&diags, "timeline-missing")[0].clone();
    let actions = client
        .result(
            "textDocument/codeAction",
            actions_request(URI, missing["range"].clone(), vec![missing.clone()], Some(vec!["quickfix"])),
        )
        .await;
    let skeleton = action(&actions, "Insert a timeline skeleton");
    assert_eq!(skeleton["isPreferred"], true);
    assert_eq!(skeleton["kind"], "quickfix");
    let fixed = apply(NO_TIMELINE, &edits_of(&skeleton["edit"], URI, 1));
    assert!(fixed.contains("## Timeline"), "{fixed}");
    assert!(fixed.find("## Timeline") < fixed.find("## Action items"), "placed before the follow-ups: {fixed}");
    assert!(!fixed.replace("\r\n", "").contains('\n'), "keeps CRLF line ends: {fixed:?}");

    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
    let diags = client.diagnostics_at(URI, 2).await["diagnostics"].clone();
    assert!(with_code(&diags, "timeline-missing").is_empty(), "{diags}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_is_resolved_when_picked() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, NO_TIMELINE).await;
    client.diagnostics(URI).await;
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(0, 0, 0, 0), vec![], Some(vec!["source.fixAll"])))
        .await;
    assert_eq!(titles(&actions), ["Fix all safe issues"]);
    let fix_all = &actions[0];
    assert_eq!(fix_all["kind"], "source.fixAll.debrief");
    assert_eq!(fix_all["edit"], Value::Null, "computed only when picked");
    let resolved = client.result("codeAction/resolve", fix_all.clone()).await;
    let fixed = apply(NO_TIMELINE, &edits_of(&resolved["edit"], URI, 1));
    assert!(fixed.contains("## Timeline"), "{fixed}");
    assert!(fixed.ends_with("## Action items\r\n\r\n- Add an alert @dana\r\n"), "{fixed}");

    // Quick fixes are not source actions.
    let only_quickfix = client
        .result("textDocument/codeAction", actions_request(URI, range(0, 0, 0, 0), vec![], Some(vec!["quickfix"])))
        .await;
    assert_eq!(only_quickfix, json!([]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_comes_with_its_edit_for_clients_that_cannot_resolve() {
    let mut caps = capabilities();
    caps["textDocument"]["codeAction"].as_object_mut().unwrap().remove("resolveSupport");
    caps["workspace"]["workspaceEdit"]["documentChanges"] = json!(false);
    let mut client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    client.open(URI, NO_TIMELINE).await;
    client.diagnostics(URI).await;
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(0, 0, 0, 0), vec![], Some(vec!["source"])))
        .await;
    let fix_all = action(&actions, "Fix all safe issues");
    assert!(fix_all["edit"]["documentChanges"].is_null(), "plain `changes` for this client");
    let fixed = apply(NO_TIMELINE, &edits_of(&fix_all["edit"], URI, 1));
    assert!(fixed.contains("## Timeline"), "{fixed}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_is_not_offered_when_no_fix_is_safe() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    client.diagnostics(URI).await;
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(0, 0, 0, 0), vec![], Some(vec!["source.fixAll"])))
        .await;
    assert_eq!(actions, json!([]), "reframing rewrites are never applied in bulk");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_for_a_diagnostic_of_an_older_version_use_the_current_analysis() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    let judgement = with_code(&diags, "blame-judgement")[0].clone();

    // Text inserted before the finding: the client's copy has stale ranges. The same
    // finding (rule, message, line) is still there, so its current fixes are offered.
    client.change(URI, 2, range(4, 0, 4, 0), "Note: ").await;
    client.diagnostics_at(URI, 2).await;
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(4, 58, 4, 58), vec![judgement.clone()], None))
        .await;
    let rewrite = action(&actions, "Drop the judgement word");
    let edits = edits_of(&rewrite["edit"], URI, 2);
    assert_eq!(edits[0]["range"], range(4, 54, 4, 65), "edits of version 2");
    let ignore = action(&actions, "Ignore blame-judgement for this line");
    assert_eq!(edits_of(&ignore["edit"], URI, 2)[0]["range"], range(4, 0, 4, 0));

    // Once the finding is gone, its stale fixes are not offered.
    client.change(URI, 3, range(4, 56, 4, 64), "quick").await;
    client.diagnostics_at(URI, 3).await;
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(4, 58, 4, 58), vec![judgement], None))
        .await;
    assert_eq!(actions, json!([]), "{actions}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diagnostic_sent_back_names_its_own_finding_whatever_its_range() {
    // Two findings of one rule with one message on one line, after wide characters: a
    // client that sends the second back in byte columns (as Neovim 0.7 does) still gets
    // the second's fix, which its `data` names; ranges alone would pick the first.
    let text = "# Post-mortem: checkout\n\n## Summary\n\n🚨 The careless deploy met a careless review.\n";
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, text).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    let judgements = with_code(&diags, "blame-judgement");
    assert_eq!(judgements.len(), 2, "{diags}");
    assert_eq!(judgements[0]["message"], judgements[1]["message"]);
    let mut second = judgements[1].clone();
    let column = |at: &str| u32::try_from(second["range"][at]["character"].as_u64().unwrap()).unwrap();
    // 🚨 is two UTF-16 code units and four bytes.
    second["range"] = range(4, column("start") + 2, 4, column("end") + 2);
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, second["range"].clone(), vec![second], None))
        .await;
    let drop = action(&actions, "Drop the judgement word");
    let edit = &edits_of(&drop["edit"], URI, 1)[0];
    assert!(edit["range"]["start"]["character"].as_u64().unwrap() > 25, "the second finding's fix: {edit}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_ranges_back_in_other_columns_still_gets_every_action() {
    // Neovim 0.7 sends diagnostics back with byte columns whatever the encoding.
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let diags = client.diagnostics(URI).await["diagnostics"].clone();
    let mut judgement = with_code(&diags, "blame-judgement")[0].clone();
    judgement["range"] = range(4, 54, 4, 62);
    let actions = client
        .result("textDocument/codeAction", actions_request(URI, range(4, 54, 4, 54), vec![judgement], None))
        .await;
    assert_eq!(titles(&actions), ["Drop the judgement word", "Ignore blame-judgement for this line"]);
    client.shutdown().await;
}
