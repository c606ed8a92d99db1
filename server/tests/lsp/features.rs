//! Hover, document symbols, code lenses, and pulled diagnostics.

use serde_json::{json, Value};

use crate::support::{codes, pull_capabilities, range, Setup, TestClient, DEBRIEF};

const URI: &str = "file:///ws/postmortems/2026-03-01.md";

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_finding_shows_the_rules_docs() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    client.diagnostics(URI).await;

    let hover = client.result("textDocument/hover", at(URI, 4, 53)).await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**“careless” judges a person or their work"), "{text}");
    assert!(text.contains("# `blame-judgement`"), "{text}");
    assert!(text.contains("## How to reframe"), "{text}");
    assert_eq!(hover["range"], range(4, 50, 4, 58));

    // Between the halves of the first 🚨: refused, not guessed.
    assert_eq!(client.result("textDocument/hover", at(URI, 4, 1)).await, Value::Null);
    // Text with no finding.
    assert_eq!(client.result("textDocument/hover", at(URI, 2, 4)).await, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_are_sections_timeline_entries_and_follow_ups() {
    let mut client = TestClient::start(Setup::default()).await;
    client.open(URI, DEBRIEF).await;
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    let top = symbols.as_array().unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["name"], "Incident debrief 🔥 checkout outage");
    assert_eq!(top[0]["selectionRange"], range(0, 0, 0, 37));
    let sections: Vec<&str> =
        top[0]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sections, ["Summary", "Timeline (all times UTC)", "Contributing factors", "Follow-ups"]);

    let timeline = &top[0]["children"][1];
    assert_eq!(timeline["detail"], "timeline");
    let entries = timeline["children"].as_array().unwrap();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["name"], "14:02 alert fired 🔔");
    assert_eq!(entries[0]["kind"], 24, "event");
    assert_eq!(entries[0]["selectionRange"], range(8, 2, 8, 22));
    // The detail shows what was read: the time in its zone, and the milestone it marks.
    assert_eq!(entries[0]["detail"], "14:02 UTC · detected");

    let followups = &top[0]["children"][3];
    let items: Vec<&str> =
        followups["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(items, ["Add an alert @dana", "Write a runbook"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flat_symbols_for_clients_without_nesting() {
    let mut caps = crate::support::capabilities();
    caps["textDocument"]["documentSymbol"] = json!({});
    let mut client = TestClient::start(Setup { capabilities: caps, ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})).await;
    let list = symbols.as_array().unwrap();
    assert_eq!(list.len(), 1 + 4 + 5 + 2);
    let entry = list.iter().find(|s| s["name"] == "13:50 deploy started").unwrap();
    assert_eq!(entry["containerName"], "Timeline (all times UTC)");
    assert_eq!(entry["location"]["uri"], URI);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lenses_show_the_follow_up_budget_and_the_timeline_span() {
    let mut client = TestClient::start(Setup::default()).await;
    let mut text = String::from(
        "---\nseverity: SEV3\nstarted: 2026-03-01T14:00:00Z\nresolved: 2026-03-01T14:06:00Z\n---\n# Incident debrief\n\n## Timeline\n\n- 14:00 UTC alert fired\n- 14:01 UTC on-call paged\n- 14:04 UTC mitigated\n- 14:06 UTC resolved\n\n## Follow-ups\n\n",
    );
    for i in 1..=14 {
        text.push_str(&format!("- Follow-up {i} @dana\n"));
    }
    client.open(URI, &text).await;
    let lenses = client.result("textDocument/codeLens", json!({"textDocument": {"uri": URI}})).await;
    let shown: Vec<(Value, &str)> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["range"]["start"].clone(), l["command"]["title"].as_str().unwrap()))
        .collect();
    // The budget is the core's to work out (SPEC 4); the lens shows it as it is.
    let budget = debrief_core::analyse_full(&text, &debrief_core::Config::default()).outline.followups[0].budget;
    assert!(budget.reason().starts_with("SEV3"), "{}", budget.reason());
    let followups = format!("14 follow-ups · budget {} ({})", budget.budget, budget.reason());
    assert_eq!(
        shown,
        [
            (json!({"line": 7, "character": 0}), "Timeline spans 6 min · largest gap 3 min"),
            (json!({"line": 14, "character": 0}), followups.as_str()),
        ]
    );

    let lenses = {
        client.open("file:///ws/postmortems/b.md", DEBRIEF).await;
        client.result("textDocument/codeLens", json!({"textDocument": {"uri": "file:///ws/postmortems/b.md"}})).await
    };
    let titles: Vec<&str> =
        lenses.as_array().unwrap().iter().map(|l| l["command"]["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Timeline spans 2 h 55 min · largest gap 2 h 40 min", "2 follow-ups · budget 10 (severity unknown)"]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_diagnostics_answer_unchanged_until_the_document_changes() {
    let mut client = TestClient::start(Setup { capabilities: pull_capabilities(), ..Setup::default() }).await;
    client.open(URI, DEBRIEF).await;
    let doc = json!({"textDocument": {"uri": URI}});
    let first = client.result("textDocument/diagnostic", doc.clone()).await;
    assert_eq!(first["kind"], "full");
    assert!(codes(&first["items"]).contains(&"blame-judgement".to_string()));
    let judgement = first["items"].as_array().unwrap().iter().find(|d| d["code"] == "blame-judgement").unwrap();
    assert_eq!(judgement["range"], range(4, 50, 4, 58));
    let id = first["resultId"].as_str().expect("a result id").to_string();

    let again =
        client.result("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));

    client.change(URI, 2, range(4, 50, 4, 58), "quick").await;
    let changed =
        client.result("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id})).await;
    assert_eq!(changed["kind"], "full");
    assert_ne!(changed["resultId"], id.as_str());
    assert!(!codes(&changed["items"]).contains(&"blame-judgement".to_string()));

    // A client that pulls gets nothing pushed for the document, or it would see each
    // finding twice.
    let pushed: Vec<Value> = client
        .drain(std::time::Duration::from_millis(300))
        .await
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI)
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
    client.shutdown().await;
}
