//! Reading aids: hover (a finding's rule, a timeline time's timing), document symbols,
//! code lenses and inlay hints.

use debrief_core::rules;
use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;

use super::Backend;
use crate::lsp::outline;
use crate::lsp::position;

pub(super) async fn hover(backend: &Backend, params: HoverParams) -> RpcResult<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = backend.snapshot(&at.text_document.uri).await.filter(|s| s.is_debrief) else {
        return Ok(None);
    };
    // A position inside a surrogate pair is refused rather than guessed.
    let Ok(offset) = position::to_byte(&snapshot.rope, at.position, backend.enc()) else { return Ok(None) };
    let mut sections: Vec<String> = Vec::new();
    let mut range = None;
    let mut seen: Vec<&str> = Vec::new();
    for d in &snapshot.analysis.diagnostics {
        let under = d.range.contains(&offset) || (d.range.is_empty() && d.range.start == offset);
        if !under || seen.contains(&d.rule) {
            continue;
        }
        seen.push(d.rule);
        let Some(rule) = rules::by_id(d.rule) else { continue };
        range.get_or_insert_with(|| position::to_range(&snapshot.rope, &d.range, backend.enc()));
        sections.push(format!("**{}**\n\n{}", d.message, rules::render_docs(rule)));
    }
    if let Some((time, timing)) = outline::time_hover(snapshot.outline(), offset) {
        range.get_or_insert_with(|| position::to_range(&snapshot.rope, &time, backend.enc()));
        sections.push(timing);
    }
    if sections.is_empty() {
        return Ok(None);
    }
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    }))
}

pub(super) async fn document_symbol(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> RpcResult<Option<DocumentSymbolResponse>> {
    let uri = &params.text_document.uri;
    let Some(snapshot) = backend.snapshot(uri).await.filter(|s| s.is_debrief) else { return Ok(None) };
    let symbols = outline::document_symbols(snapshot.outline(), &snapshot.rope, backend.enc());
    Ok(Some(if backend.caps().hierarchical_symbols {
        DocumentSymbolResponse::Nested(symbols)
    } else {
        DocumentSymbolResponse::Flat(outline::flat_symbols(symbols, uri))
    }))
}

pub(super) async fn code_lens(backend: &Backend, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
    let Some(snapshot) = backend.snapshot(&params.text_document.uri).await.filter(|s| s.is_debrief) else {
        return Ok(None);
    };
    Ok(Some(outline::code_lenses(snapshot.outline(), &snapshot.rope, backend.enc())))
}

pub(super) async fn inlay_hint(backend: &Backend, params: InlayHintParams) -> RpcResult<Option<Vec<InlayHint>>> {
    // The settings may switch them off: wait (a bounded time) for the first ones.
    backend.ready().await;
    let Some(snapshot) = backend.snapshot(&params.text_document.uri).await.filter(|s| s.is_debrief) else {
        return Ok(None);
    };
    if !snapshot.config.inlay_hints {
        return Ok(Some(Vec::new()));
    }
    let enc = backend.enc();
    let Ok(range) = position::to_byte_range(&snapshot.rope, params.range, enc) else { return Ok(None) };
    Ok(Some(outline::inlay_hints(snapshot.outline(), &snapshot.rope, enc, range)))
}
