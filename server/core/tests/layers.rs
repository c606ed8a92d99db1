//! The core is built in layers (ARCHITECTURE.md): each module may use modules of its own
//! layer and the layers below, never one above. This test reads every source file of the
//! core, finds the modules it names through `crate::`, `super::` inside `rules/`, and
//! `use` lists, outside comments and `#[cfg(test)]` items (tests may drive the whole
//! analysis), and fails on any name of a higher layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first, and the top-level modules in each. `lib` is the crate root:
/// the entry points that run the engine.
const LAYERS: &[(&str, &[&str])] = &[
    ("base", &["diagnostic", "text", "times", "pattern", "word_index"]),
    ("configuration and syntax", &["config", "catalogue", "front_matter", "document"]),
    ("language", &["lexicon", "verbs", "people", "grammar", "timeline", "followups", "memo", "durations"]),
    ("rules", &["rules", "suppress"]),
    ("engine", &["engine", "fix", "metrics", "lib"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

/// The top-level module a source file belongs to: `rules/soak.rs` is `rules`,
/// `times/reader.rs` is `times`, `lib.rs` is `lib`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next().expect("a file").as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `source` with comments, string and character literals blanked out, so that braces and
/// paths inside them are not read as code.
fn code_only(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(source.len(), |n| i + n);
            out.push_str(&" ".repeat(end - i));
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(source.len(), |n| i + n + 2);
            out.extend(source[i..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            i = end;
        } else if let Some((prefix, hashes)) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = i + prefix + hashes + 1;
            let end = source[body..].find(&close).map_or(source.len(), |n| body + n + close.len());
            out.extend(source[i..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            i = end;
        } else if rest.starts_with('"') {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(source.len());
            out.extend(source[i..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            i = end;
        } else if let Some(len) = char_literal_len(rest) {
            out.push_str(&" ".repeat(len));
            i += len;
        } else {
            let c = rest.chars().next().expect("not at the end");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of a raw string's prefix (`r`, `br`) and how many `#` it has, when one
/// starts here (`r"…"`, `r#"…"#`, `br"…"`).
fn raw_string_start(rest: &str) -> Option<(usize, usize)> {
    let prefix = if rest.starts_with("br") { 2 } else { usize::from(rest.starts_with('r')) };
    let after = &rest[prefix..];
    let hashes = after.len() - after.trim_start_matches('#').len();
    (prefix > 0 && after[hashes..].starts_with('"')).then_some((prefix, hashes))
}

/// The length of a character literal starting here (`'{'`, `'\n'`, `'\u{201c}'`), not a
/// lifetime (`'a`).
fn char_literal_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('\'')?;
    if let Some(escaped) = body.strip_prefix('\\') {
        let close = escaped.find('\'')?;
        return Some(close + 3);
    }
    let c = body.chars().next()?;
    body[c.len_utf8()..].starts_with('\'').then(|| 2 + c.len_utf8())
}

/// `code` without the items marked `#[cfg(test)]`.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        // The item ends at its first `;` (or `,`: a field) outside braces, where its first
        // brace closes, or where the block holding it does.
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, b) in item.bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' if depth == 0 => {
                    end = i;
                    break;
                }
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                b';' | b',' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The top-level modules `code` (of a file in `module`) names.
fn named_modules(code: &str, module: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let ident = |s: &str| s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("").to_string();
    for (at, _) in code.match_indices("crate::") {
        let after = &code[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the first name of each top-level entry.
            let mut depth = 0usize;
            let mut entry_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => entry_start = true,
                    c if entry_start && !c.is_whitespace() => {
                        named.insert(ident(&group[i..]));
                        entry_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.insert(ident(after));
        }
    }
    if module == "rules" {
        // Inside `rules/`, `super::` is the rules module itself.
        named.insert("rules".to_string());
    }
    // `crate::analyse` and the like are the crate root's.
    named.into_iter().map(|n| if layer_of(&n).is_some() { n } else { "lib".to_string() }).collect()
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = layer_of(&module) else {
            wrong.push(format!("{}: module `{module}` is in no layer; add it to LAYERS", file.display()));
            continue;
        };
        let source = std::fs::read_to_string(file).expect("readable source");
        for used in named_modules(&without_tests(&code_only(&source)), &module) {
            if used == module {
                continue;
            }
            let theirs = layer_of(&used).expect("named modules are in a layer");
            if theirs > own {
                wrong.push(format!(
                    "{}: `{module}` ({}) uses `{used}` ({})",
                    file.strip_prefix(&src).unwrap_or(file).display(),
                    LAYERS[own].0,
                    LAYERS[theirs].0
                ));
            }
            graph.entry(module.clone()).or_default().insert(used);
        }
    }
    if std::env::var_os("SHOW_LAYERS").is_some() {
        for (module, used) in &graph {
            println!("{module}: {}", used.iter().cloned().collect::<Vec<_>>().join(" "));
        }
    }
    assert!(wrong.is_empty(), "modules that use a layer above their own:\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_what_a_file_uses() {
    let code = "use crate::{config::Config, document::{self, Part}};\nfn f() { crate::times::find_first(\"crate::engine\"); }\n// crate::lib_only\n#[cfg(test)]\nmod tests { use crate::engine; fn g() { let c = '{'; } }\nfn h() { crate::analyse(); }\n";
    let used = named_modules(&without_tests(&code_only(code)), "people");
    let used: Vec<&str> = used.iter().map(String::as_str).collect();
    assert_eq!(used, ["config", "document", "lib", "times"]);
}
