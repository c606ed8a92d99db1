//! Teaching the tool a team's words from the editor: "Allow “Hermes” (not a person)" on a
//! `blame-named-person` finding, and "Treat “Ngozi” as a person" on a capitalised word.
//! Each adds the word to `[words] allow` or `[words] people` of the document's
//! `debrief.toml` (created at the folder root when there is none), keeping the file's
//! formatting and comments.
//!
//! The server writes the file itself, through the `debrief-ls.addWord` command the action
//! carries, rather than sending the client an edit: an edit applied by the client is left
//! unsaved in Neovim (and in VS Code with `files.refactoring.autoSave` off), and the
//! findings could not refresh until it is saved. Written here, they refresh at once.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tower_lsp::lsp_types::{self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, Command, Url};

/// The command the actions carry.
pub const ADD_WORD_COMMAND: &str = "debrief-ls.addWord";

/// The kind of "Treat as a person": offered on any capitalised word, so kept out of the
/// quick fixes that answer a finding.
pub const TREAT_AS_PERSON_KIND: &str = "refactor.rewrite.debrief";

/// Which list of `[words]` a word goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum List {
    /// `allow`: never a person, never flagged.
    Allow,
    /// `people`: a person's name.
    People,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Allow => "allow",
            List::People => "people",
        }
    }
}

/// The command's argument.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddWord {
    /// The document the action was offered in: its configuration file gets the word.
    pub uri: Url,
    /// Which list.
    pub list: List,
    /// The word, as written (without a possessive).
    pub word: String,
}

/// The name a `blame-named-person` finding at `range` is about: its first handle or
/// capitalised word, without a possessive ("Dana's" is "Dana").
pub fn name_in(text: &str, range: Range<usize>) -> Option<&str> {
    let mut at = range.start;
    while at < range.end {
        let word = word_from(text, at);
        if word.starts_with('@') || word.chars().next().is_some_and(char::is_uppercase) {
            return Some(without_possessive(word)).filter(|w| w.chars().count() >= 2);
        }
        let next = at + word.len().max(1);
        at = text.ceil_char_boundary(next);
        while at < range.end && !text[at..].starts_with(is_name_char) {
            at = text.ceil_char_boundary(at + 1);
        }
    }
    None
}

/// The capitalised word at `offset` that could be a person's name: not all capitals
/// ("DNS"), not a handle (handles are people already), at least two letters.
pub fn capitalised_word_at(text: &str, offset: usize) -> Option<&str> {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let start =
        text[..offset].char_indices().rev().take_while(|&(_, c)| is_name_char(c)).last().map_or(offset, |(i, _)| i);
    let word = without_possessive(word_from(text, start));
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest_lower = chars.clone().all(|c| !c.is_uppercase());
    (first.is_uppercase() && rest_lower && word.chars().count() >= 2).then_some(word)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}' | '_')
}

/// The word starting at `at`: a handle's `@` and the name characters after it.
fn word_from(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let skip = usize::from(rest.starts_with('@'));
    let len = rest[skip..].find(|c: char| !is_name_char(c)).unwrap_or(rest.len() - skip);
    rest[..skip + len].trim_end_matches(['-', '\'', '\u{2019}'])
}

fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word)
}

/// The action for `word` in `list`, offered for `uri`.
pub fn action(uri: &Url, list: List, word: &str, diagnostic: Option<&lsp::Diagnostic>) -> CodeActionOrCommand {
    let title = match list {
        List::Allow => format!("Allow “{word}” (not a person)"),
        List::People => format!("Treat “{word}” as a person"),
    };
    let argument = AddWord { uri: uri.clone(), list, word: word.to_string() };
    let kind = match list {
        List::Allow => CodeActionKind::QUICKFIX,
        List::People => CodeActionKind::new(TREAT_AS_PERSON_KIND),
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        command: Some(Command {
            title,
            command: ADD_WORD_COMMAND.to_string(),
            arguments: Some(vec![serde_json::to_value(argument).expect("plain data")]),
        }),
        ..CodeAction::default()
    })
}

/// The configuration file a word for a document goes to: the one it uses, else a new
/// `debrief.toml` at the root its configuration is read from.
pub fn target(used: Option<&Path>, root: &Path) -> PathBuf {
    used.map_or_else(|| root.join("debrief.toml"), Path::to_path_buf)
}

/// `toml` with `word` added to `[words] <list>`, formatting and comments kept; `None`
/// when the list has it already (in any case). An unreadable file is an error naming
/// its line, and is left as it is.
pub fn with_word(toml: &str, list: List, word: &str) -> Result<Option<String>, String> {
    let mut doc: toml_edit::DocumentMut = toml.parse().map_err(|e: toml_edit::TomlError| {
        let line = e.span().map(|s| toml[..s.start.min(toml.len())].matches('\n').count() + 1);
        let message = e.message().trim().to_string();
        match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        }
    })?;
    if !doc.contains_key("words") {
        // Comments at the end of the file stay where they are, before the new table, and
        // a blank line sets it apart.
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        doc.set_trailing("");
        let gap = if doc.as_table().is_empty() && trailing.trim().is_empty() { "" } else { "\n" };
        let mut table = toml_edit::Table::new();
        table.decor_mut().set_prefix(format!("{}{gap}", trailing.trim_start_matches('\n')));
        doc.insert("words", toml_edit::Item::Table(table));
    }
    let words = doc
        .get_mut("words")
        .expect("inserted above")
        .as_table_like_mut()
        .ok_or_else(|| "`words` is not a table".to_string())?;
    let key = list.key();
    if words.get(key).is_none() {
        words.insert(key, toml_edit::value(toml_edit::Array::new()));
    }
    let array = words
        .get_mut(key)
        .and_then(toml_edit::Item::as_array_mut)
        .ok_or_else(|| format!("`[words] {key}` is not a list of words"))?;
    if array.iter().any(|v| v.as_str().is_some_and(|w| w.eq_ignore_ascii_case(word))) {
        return Ok(None);
    }
    array.push(word);
    Ok(Some(doc.to_string()))
}

/// Writes `content` to `path` whole or not at all: into a file beside it, then renamed
/// over it.
pub fn write_whole(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(content.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_a_word_and_keeps_comments_and_layout() {
        let toml =
            "# Our settings\n[rules]\ntimeline-gap = \"error\"  # loud\n\n[words]\nallow = [\"Atlas\"]  # systems\n";
        let out = with_word(toml, List::Allow, "Hermes").unwrap().unwrap();
        assert_eq!(
            out,
            "# Our settings\n[rules]\ntimeline-gap = \"error\"  # loud\n\n[words]\nallow = [\"Atlas\", \"Hermes\"]  # systems\n"
        );
        let out = with_word(&out, List::People, "Ngozi").unwrap().unwrap();
        assert!(out.ends_with("allow = [\"Atlas\", \"Hermes\"]  # systems\npeople = [\"Ngozi\"]\n"), "{out}");
    }

    #[test]
    fn a_new_table_goes_after_the_file_and_its_last_comments() {
        let out = with_word("# the project root\n", List::Allow, "Marvin").unwrap().unwrap();
        assert_eq!(out, "# the project root\n\n[words]\nallow = [\"Marvin\"]\n");
        let out = with_word("[rules]\ntimeline-gap = \"error\"\n# end\n", List::People, "Ngozi").unwrap().unwrap();
        assert_eq!(out, "[rules]\ntimeline-gap = \"error\"\n# end\n\n[words]\npeople = [\"Ngozi\"]\n");
    }

    #[test]
    fn creates_the_table_in_an_empty_file_and_skips_words_it_has() {
        let out = with_word("", List::People, "Ngozi").unwrap().unwrap();
        assert_eq!(out, "[words]\npeople = [\"Ngozi\"]\n");
        assert_eq!(with_word(&out, List::People, "ngozi").unwrap(), None);
        let inline = with_word("words = { allow = [] }\n", List::Allow, "Hermes").unwrap().unwrap();
        assert_eq!(inline, "words = { allow = [\"Hermes\"] }\n");
    }

    #[test]
    fn refuses_a_file_it_cannot_read_and_names_the_line() {
        let err = with_word("[rules]\ntimeline-gap = \n", List::Allow, "Hermes").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = with_word("[words]\nallow = \"Hermes\"\n", List::Allow, "Atlas").unwrap_err();
        assert!(err.contains("not a list"), "{err}");
    }

    #[test]
    fn finds_the_name_a_finding_is_about() {
        let text = "Then Dana's change caused it; @priya.k deleted the volume.";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(name_in(text, at("Dana")..at(" caused") + 7), Some("Dana"));
        assert_eq!(name_in(text, at("@priya")..at(" the vol")), Some("@priya"));
        assert_eq!(name_in(text, at("caused")..at(";")), None);
    }

    #[test]
    fn offers_only_words_that_could_be_names() {
        let text = "We paged Ngozi, then DNS and Ngozi's fix at 10:00.";
        assert_eq!(capitalised_word_at(text, text.find("gozi").unwrap()), Some("Ngozi"));
        assert_eq!(capitalised_word_at(text, text.find("Ngozi's").unwrap() + 3), Some("Ngozi"));
        assert_eq!(capitalised_word_at(text, text.find("DNS").unwrap()), None);
        assert_eq!(capitalised_word_at(text, text.find("paged").unwrap()), None);
        assert_eq!(capitalised_word_at(text, text.find("10").unwrap()), None);
    }
}
