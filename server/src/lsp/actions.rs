//! Code actions: each finding's fixes as quick fixes (read from the analysis, never
//! re-analysed), "Ignore for this line", and `source.fixAll.debrief` for the safe fixes.

use std::collections::HashMap;
use std::ops::Range;

use debrief_core::fix::fix_all;
use debrief_core::{Applicability, Config};
use ropey::Rope;
use serde::{Deserialize, Serialize};
use tower_lsp::lsp_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

use super::convert::{rule_of, FindingId};
use super::document::Snapshot;
use super::position::{to_byte, to_range, Encoding};

/// The kind of the "fix all safe issues" action.
pub const FIX_ALL_KIND: &str = "source.fixAll.debrief";

/// Title of the fix-all action.
pub const FIX_ALL_TITLE: &str = "Fix all safe issues";

/// What the client can take.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActionSupport {
    /// `workspaceEdit.documentChanges`: edits carry the document version.
    pub document_changes: bool,
    /// `codeAction/resolve` can fill in `edit`, so the costly fix-all is computed only
    /// when picked.
    pub resolve_edit: bool,
}

/// `CodeAction.data` of a fix-all action left for `codeAction/resolve`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixAllData {
    /// The document.
    pub uri: Url,
    /// The version the action was offered for.
    pub version: i32,
}

/// Whether an action of `kind` was asked for.
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    let Some(kinds) = only else { return true };
    kinds.iter().any(|o| {
        let o = o.as_str();
        kind == o || kind.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The quick fixes for the diagnostics in the request's context: each fix, and the
/// suppression comment. `snapshot` is the current analysis of the document.
pub fn quick_fixes(
    uri: &Url,
    snapshot: &Snapshot,
    context: &[lsp::Diagnostic],
    enc: Encoding,
    support: ActionSupport,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let mut text: Option<String> = None;
    let mut seen_ignores: Vec<(String, TextEdit)> = Vec::new();
    for d in context {
        let Some(rule) = rule_of(d) else { continue };
        // The fixes are those of our own copy of the diagnostic, in the current version,
        // converted now rather than for every finding on every keystroke.
        let Some(index) = our_copy(snapshot, d) else { continue };
        let (ours, finding) = (&snapshot.diagnostics()[index], &snapshot.analysis.diagnostics[index]);
        actions.extend(fix_actions(uri, snapshot.version, &snapshot.rope, d, finding, enc, support));
        let Ok(offset) = to_byte(&snapshot.rope, ours.range.start, enc) else { continue };
        let text = text.get_or_insert_with(|| snapshot.rope.to_string());
        let edit = debrief_core::ignore_edit(text, rule, offset);
        let edit = TextEdit::new(to_range(&snapshot.rope, &edit.range, enc), edit.new_text);
        let title = format!("Ignore {rule} for this line");
        if seen_ignores.iter().any(|(t, e)| *t == title && *e == edit) {
            continue;
        }
        seen_ignores.push((title.clone(), edit.clone()));
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(workspace_edit(uri, snapshot.version, vec![edit], support)),
            ..CodeAction::default()
        }));
    }
    actions
}

/// "Allow “X” (not a person)" for each `blame-named-person` finding in the request's
/// context, and "Treat “X” as a person" for a capitalised word at the start of `range`
/// that no finding is about (see [`super::words`]).
pub fn word_actions(
    uri: &Url,
    snapshot: &Snapshot,
    context: &[lsp::Diagnostic],
    range: lsp::Range,
    enc: Encoding,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    use super::words::{self, List};
    let mut actions = Vec::new();
    let mut named: Vec<String> = Vec::new();
    for d in context.iter().filter(|d| rule_of(d) == Some("blame-named-person")) {
        let Some(index) = our_copy(snapshot, d) else { continue };
        let finding = &snapshot.analysis.diagnostics[index];
        let (lines, start) = lines_holding(&snapshot.rope, finding.range.clone());
        let Some(name) = words::name_in(&lines, finding.range.start - start..finding.range.end - start) else {
            continue;
        };
        if !named.iter().any(|n| n == name) {
            named.push(name.to_string());
            if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
                actions.push(words::action(uri, List::Allow, name, Some(d)));
            }
        }
    }
    let listed = |list: &[String], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let words_config = &snapshot.config.config.words;
    let Ok(at) = to_byte(&snapshot.rope, range.start, enc) else { return actions };
    let (line, start) = lines_holding(&snapshot.rope, at..at);
    if let Some(word) = words::capitalised_word_at(&line, at - start) {
        let known = listed(&words_config.people, word) || listed(&words_config.allow, word);
        if !known && !named.iter().any(|n| n == word) && wanted(only, words::TREAT_AS_PERSON_KIND) {
            actions.push(words::action(uri, List::People, word, None));
        }
    }
    actions
}

/// The lines of `rope` that hold `range`, as text, and the byte they start at: what the
/// words actions read, rather than a copy of the whole document on every request (a
/// client asks for code actions each time the cursor moves).
fn lines_holding(rope: &Rope, range: Range<usize>) -> (String, usize) {
    let first = rope.byte_to_line(range.start);
    let last = rope.byte_to_line(range.end.max(range.start));
    let start = rope.line_to_byte(first);
    let end = rope.line_to_byte((last + 1).min(rope.len_lines()));
    (rope.byte_slice(start..end).to_string(), start)
}

/// Which of our findings the client's `d` is: the one its `data` names (see
/// [`FindingId`]) when it is of the analysis `snapshot` holds. When it is of an older one
/// (the client has not had the new diagnostics yet), or the client dropped `data`, the
/// finding of the same rule with the same range, or failing that with the same message
/// on the same line: its current fixes, if it is still there.
fn our_copy(snapshot: &Snapshot, d: &lsp::Diagnostic) -> Option<usize> {
    let ours = snapshot.diagnostics();
    let current = FindingId::of(d).filter(|id| id.version == snapshot.version && id.generation == snapshot.generation);
    if let Some(id) = current {
        return ours.get(id.index).is_some_and(|o| o.code == d.code).then_some(id.index);
    }
    let same_rule = || ours.iter().enumerate().filter(|(_, o)| o.code == d.code);
    same_rule()
        .find(|(_, o)| o.range == d.range)
        .or_else(|| same_rule().find(|(_, o)| o.message == d.message && o.range.start.line == d.range.start.line))
        .map(|(i, _)| i)
}

/// The quick fixes of `finding` (version `version` of the document, in `rope`), offered for
/// the client's `d`: display-only fixes are not actions, and safe ones are preferred.
fn fix_actions<'a>(
    uri: &'a Url,
    version: i32,
    rope: &'a Rope,
    d: &'a lsp::Diagnostic,
    finding: &'a debrief_core::Diagnostic,
    enc: Encoding,
    support: ActionSupport,
) -> impl Iterator<Item = CodeActionOrCommand> + 'a {
    finding.fixes.iter().filter(|f| f.applicability > Applicability::DisplayOnly).map(move |fix| {
        let edits =
            fix.edits.iter().map(|e| TextEdit::new(to_range(rope, &e.range, enc), e.new_text.clone())).collect();
        CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(workspace_edit(uri, version, edits, support)),
            is_preferred: (fix.applicability == Applicability::Safe).then_some(true),
            ..CodeAction::default()
        })
    })
}

/// Whether the analysis has any safe fix, so "fix all" has something to do.
pub fn has_safe_fix(snapshot: &Snapshot) -> bool {
    snapshot.is_debrief
        && snapshot.analysis.diagnostics.iter().any(|d| d.fixes.iter().any(|f| f.applicability == Applicability::Safe))
}

/// The fix-all action: with its edit, or (when the client resolves) with what is
/// needed to compute it later.
pub fn fix_all_action(
    uri: &Url,
    snapshot: &Snapshot,
    config: &Config,
    enc: Encoding,
    support: ActionSupport,
) -> Option<CodeActionOrCommand> {
    let mut action = CodeAction {
        title: FIX_ALL_TITLE.to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        ..CodeAction::default()
    };
    if support.resolve_edit {
        action.data = Some(
            serde_json::to_value(FixAllData { uri: uri.clone(), version: snapshot.version })
                .expect("fix-all data serialises"),
        );
    } else {
        action.edit = Some(fix_all_edit(uri, snapshot, config, enc, support)?);
    }
    Some(CodeActionOrCommand::CodeAction(action))
}

/// Applies every safe fix (as `check --fix` does, repeated until nothing changes) and
/// returns the change as edits of the snapshot's text; `None` when nothing changes.
pub fn fix_all_edit(
    uri: &Url,
    snapshot: &Snapshot,
    config: &Config,
    enc: Encoding,
    support: ActionSupport,
) -> Option<WorkspaceEdit> {
    let before = snapshot.rope.to_string();
    let outcome = fix_all(&before, config, Applicability::Safe);
    if outcome.applied == 0 || outcome.text == before {
        return None;
    }
    let edits = line_edits(&before, &outcome.text)
        .into_iter()
        .map(|(range, new_text)| TextEdit::new(to_range(&snapshot.rope, &range, enc), new_text))
        .collect();
    Some(workspace_edit(uri, snapshot.version, edits, support))
}

/// The smallest set of whole-line replacements turning `before` into `after`, as byte
/// ranges of `before`, so the editor keeps the cursor and folds outside them.
fn line_edits(before: &str, after: &str) -> Vec<(Range<usize>, String)> {
    let diff = similar::TextDiff::from_lines(before, after);
    let old = diff.old_slices();
    let new = diff.new_slices();
    let mut offsets = Vec::with_capacity(old.len() + 1);
    let mut at = 0;
    offsets.push(0);
    for line in old {
        at += line.len();
        offsets.push(at);
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Merges runs of adjacent changed ops into one edit.
    let mut pending: Option<(Range<usize>, Range<usize>)> = None;
    let flush = |p: &mut Option<(Range<usize>, Range<usize>)>, edits: &mut Vec<(Range<usize>, String)>| {
        if let Some((o, n)) = p.take() {
            edits.push((offsets[o.start]..offsets[o.end], new[n].concat()));
        }
    };
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            flush(&mut pending, &mut edits);
            continue;
        }
        pending = Some(match pending.take() {
            Some((po, pn)) => (po.start..o.end, pn.start..n.end),
            None => (o, n),
        });
    }
    flush(&mut pending, &mut edits);
    edits
}

/// Edits of one document, versioned when the client takes `documentChanges` (so it
/// refuses them if the document moved on).
pub fn workspace_edit(uri: &Url, version: i32, edits: Vec<TextEdit>, support: ActionSupport) -> WorkspaceEdit {
    if support.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(version) },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
    }
}

/// Applies LSP edits to a rope (for tests and for checking edits round-trip).
pub fn apply_text_edits(rope: &Rope, edits: &[TextEdit], enc: Encoding) -> String {
    let mut byte_edits: Vec<(Range<usize>, &str)> = edits
        .iter()
        .map(|e| {
            let start = super::position::to_byte_snapped(rope, e.range.start, enc);
            let end = super::position::to_byte_snapped(rope, e.range.end, enc).max(start);
            (start..end, e.new_text.as_str())
        })
        .collect();
    byte_edits.sort_by_key(|(r, _)| (r.start, r.end));
    let text = rope.to_string();
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (r, new_text) in byte_edits {
        let start = r.start.max(cursor);
        out.push_str(&text[cursor..start]);
        out.push_str(new_text);
        cursor = r.end.max(start);
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filters_by_kind_hierarchy() {
        let q = [CodeActionKind::QUICKFIX];
        let s = [CodeActionKind::SOURCE];
        let f = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(None, FIX_ALL_KIND));
        assert!(wanted(Some(&s), FIX_ALL_KIND));
        assert!(wanted(Some(&f), FIX_ALL_KIND));
        assert!(!wanted(Some(&q), FIX_ALL_KIND));
        assert!(wanted(Some(&q), "quickfix"));
        assert!(!wanted(Some(&[CodeActionKind::new("source.fix")]), FIX_ALL_KIND));
    }

    #[test]
    fn fixes_become_actions_in_the_clients_columns_without_the_display_only_ones() {
        use debrief_core::{Diagnostic, Edit, Fix, Severity};
        let rope = Rope::from_str("a 😀 b\nc\n");
        let uri = Url::parse("file:///x/postmortems/a.md").unwrap();
        let finding = Diagnostic {
            rule: "timeline-gap",
            severity: Severity::Info,
            range: 7..8,
            message: "m".into(),
            fixes: vec![
                Fix::new("Drop it", Edit::replace(7..8, "B"), Applicability::Safe),
                Fix::new("Only show", Edit::replace(7..8, "?"), Applicability::DisplayOnly),
                Fix::new("Reword", Edit::replace(7..8, "C"), Applicability::Unsafe),
            ],
            related: Vec::new(),
        };
        let d = lsp::Diagnostic::default();
        let actions: Vec<CodeAction> =
            fix_actions(&uri, 7, &rope, &d, &finding, Encoding::Utf16, ActionSupport::default())
                .map(|a| match a {
                    CodeActionOrCommand::CodeAction(a) => a,
                    CodeActionOrCommand::Command(_) => panic!("an action"),
                })
                .collect();
        let titles: Vec<&str> = actions.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Drop it", "Reword"], "display-only fixes are not actions");
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(actions[1].is_preferred, None);
        let edits = &actions[0].edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits[0].range, lsp::Range::new(lsp::Position::new(0, 5), lsp::Position::new(0, 6)));
        assert_eq!(edits[0].new_text, "B");
    }

    #[test]
    fn line_edits_turn_before_into_after() {
        let before = "a\r\nb\r\nc\r\nd\r\n";
        let after = "a\r\nB\r\nc\r\nd\r\ne\r\n";
        let edits = line_edits(before, after);
        assert_eq!(edits, vec![(3..6, "B\r\n".to_string()), (12..12, "e\r\n".to_string())]);
        let rope = Rope::from_str(before);
        let text_edits: Vec<TextEdit> =
            edits.into_iter().map(|(r, t)| TextEdit::new(to_range(&rope, &r, Encoding::Utf16), t)).collect();
        assert_eq!(apply_text_edits(&rope, &text_edits, Encoding::Utf16), after);
    }
}
