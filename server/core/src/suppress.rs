//! Inline suppression comments (SPEC 5), as in markdownlint and Vale:
//!
//! - `<!-- debrief-ignore rule-id -->` silences the next line that has text;
//! - `<!-- debrief-ignore-line rule-id -->` silences its own line (for table rows, where
//!   a comment line would break the table);
//! - `<!-- debrief-disable rule-id -->` … `<!-- debrief-enable rule-id -->` a region;
//! - no id means every rule; several ids may be separated by spaces or commas.

use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Ignore,
    IgnoreLine,
    Disable,
    Enable,
}

/// A parsed suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    directive_line: usize,
    directive: Directive,
    /// Rule ids; empty for all rules.
    ids: Vec<String>,
}

/// Parses `debrief-…` directives from a comment body.
fn parse(body: &str) -> Option<(Directive, Vec<String>)> {
    let mut words = body.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let directive = match words.next()? {
        "debrief-ignore" | "debrief-ignore-next-line" | "debrief-disable-next-line" => Directive::Ignore,
        "debrief-ignore-line" | "debrief-disable-line" => Directive::IgnoreLine,
        "debrief-disable" => Directive::Disable,
        "debrief-enable" => Directive::Enable,
        _ => return None,
    };
    Some((directive, words.map(str::to_string).collect()))
}

/// Drops the findings the document's comments silence.
pub fn filter(doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let directives: Vec<(usize, usize, Directive, Vec<String>)> = doc
        .comments
        .iter()
        .filter_map(|c| {
            let (d, ids) = parse(&c.body)?;
            Some((doc.lines().line_of(c.range.start), doc.lines().line_of(c.range.end.saturating_sub(1)), d, ids))
        })
        .collect();
    if directives.is_empty() {
        return;
    }
    let applies = |ids: &[String], rule: &str| ids.is_empty() || ids.iter().any(|i| i == rule);
    let next_text_line = |after: usize| -> usize {
        let mut line = after + 1;
        while line < doc.lines().line_count() && doc.text[doc.lines().line_range(doc.text, line)].trim().is_empty() {
            line += 1;
        }
        line
    };
    diagnostics.retain(|d| {
        let line = doc.lines().line_of(d.range.start);
        let mut disabled = false;
        for (start_line, end_line, directive, ids) in &directives {
            match directive {
                Directive::Ignore => {
                    if applies(ids, d.rule) && next_text_line(*end_line) == line {
                        return false;
                    }
                }
                Directive::IgnoreLine => {
                    if applies(ids, d.rule) && (*start_line..=*end_line).contains(&line) {
                        return false;
                    }
                }
                Directive::Disable => {
                    if *start_line <= line && applies(ids, d.rule) {
                        disabled = true;
                    }
                }
                Directive::Enable => {
                    if *start_line <= line && applies(ids, d.rule) {
                        disabled = false;
                    }
                }
            }
        }
        !disabled
    });
}

/// The edit that silences `rule` on the line holding `offset`, for the "Ignore for
/// this line" action: a comment line above it, or in a table row (where a line would
/// break the table) a comment at the end of the row.
pub fn ignore_edit_for(doc: &Document<'_>, rule: &str, offset: usize) -> Edit {
    let line = doc.lines().line_of(offset);
    let range = doc.lines().line_range(doc.text, line);
    let line_text = &doc.text[range.clone()];
    if doc.tables.iter().any(|t| t.range.start <= offset && offset < t.range.end) {
        let trimmed = line_text.trim_end();
        let at = match trimmed.strip_suffix('|') {
            Some(before) => range.start + before.trim_end().len(),
            None => range.start + trimmed.len(),
        };
        return Edit::insert(at, format!(" <!-- debrief-ignore-line {rule} -->"));
    }
    let indent: String = line_text.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let eol = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
    Edit::insert(range.start, format!("{indent}<!-- debrief-ignore {rule} -->{eol}"))
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn rules_found(text: &str) -> Vec<(usize, &'static str)> {
        let doc = crate::document::Document::parse(text);
        crate::analyse(text, &Config::default())
            .into_iter()
            .map(|d| (doc.lines().line_of(d.range.start) + 1, d.rule))
            .filter(|(_, r)| r.starts_with("blame") || r.starts_with("cause"))
            .collect()
    }

    #[test]
    fn ignore_silences_the_next_line_only() {
        let text = "# Debrief\n\n<!-- debrief-ignore blame-judgement -->\nIt was a careless change.\n\nIt was a careless change.\n";
        assert_eq!(rules_found(text), [(6, "blame-judgement")]);
        let text = "# Debrief\n\n<!-- debrief-ignore cause-human-error -->\nIt was a careless change.\n";
        assert_eq!(rules_found(text), [(4, "blame-judgement")], "other rules still apply");
    }

    #[test]
    fn disable_and_enable_make_a_region() {
        let text = "# Debrief\n\n<!-- debrief-disable -->\n\nA careless change.\n\nThe cause was human error.\n\n<!-- debrief-enable -->\n\nA careless change.\n";
        assert_eq!(rules_found(text), [(11, "blame-judgement")]);
        let text = "# Debrief\n\n<!-- debrief-disable blame-judgement, cause-human-error -->\n\nA careless change caused by human error.\n";
        assert!(rules_found(text).is_empty());
    }

    #[test]
    fn the_ignore_edit_silences_the_finding() {
        for text in [
            "# Debrief\n\nIt was a careless change.\n",
            "# Debrief\n\n- first\n- It was a careless change.\n",
            "# Debrief\n\n| a | b |\n|---|---|\n| 1 | a careless change |\n",
        ] {
            let doc = crate::document::Document::parse(text);
            let at = text.find("careless").unwrap();
            let edit = super::ignore_edit_for(&doc, "blame-judgement", at);
            let fixed = crate::fix::apply_edits(text, &[edit]).unwrap();
            assert!(rules_found(&fixed).is_empty(), "{fixed}");
            assert_eq!(crate::document::Document::parse(&fixed).tables.len(), doc.tables.len());
        }
    }

    #[test]
    fn comments_in_code_do_not_count() {
        let text = "# Debrief\n\n```\n<!-- debrief-disable -->\n```\n\nA careless change.\n";
        assert_eq!(rules_found(text), [(7, "blame-judgement")]);
    }
}
