//! Front matter (SPEC 3): YAML between `---` lines or TOML between `+++` lines, with the
//! keys debriefs use: `severity`, `started`, `detected`, `resolved`, `debriefed`,
//! `timezone`, `debrief`, `type`.
//!
//! YAML is read with yaml-rust2 (maintained, pure Rust, no unsafe; serde_yaml is
//! unmaintained and we only need a few scalar keys, not serde mapping). TOML with toml.

use std::ops::Range;

use yaml_rust2::{Yaml, YamlLoader};

use crate::times::{self, TimeExpr, Zone};

/// Front matter larger than this is not parsed (it is still masked as non-prose).
const MAX_FRONT_MATTER: usize = 64 * 1024;

/// Which syntax the front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` … `---`
    Yaml,
    /// `+++` … `+++`
    Toml,
}

/// A value from the front matter, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// The line holding the key, in bytes of the document.
    pub range: Range<usize>,
}

/// A problem with a front-matter key, reported by `front-matter-invalid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub range: Range<usize>,
    /// What is wrong and how to write it.
    pub message: String,
}

/// The parsed front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub range: Range<usize>,
    /// Incident severity 1 (worst) to 5.
    pub severity: Option<Located<u8>>,
    /// When impact started.
    pub started: Option<Located<TimeExpr>>,
    /// When it was detected.
    pub detected: Option<Located<TimeExpr>>,
    /// When it was resolved.
    pub resolved: Option<Located<TimeExpr>>,
    /// When the debrief meeting was held.
    pub debriefed: Option<Located<TimeExpr>>,
    /// The zone all times are in.
    pub timezone: Option<Located<Zone>>,
    /// `debrief: true`, or `type` naming a debrief.
    pub marks_debrief: bool,
    /// What kind of debrief it is (`type: security`), lowercase, words joined by `-`: it
    /// says which milestones the timeline needs (see [`crate::config::Config::milestones`]).
    pub kind: Option<String>,
    /// Problems with keys we read.
    pub problems: Vec<Problem>,
}

/// Where leading blank lines and single-line HTML comments end.
pub fn leading_comments_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
            offset += line.len();
        } else {
            break;
        }
    }
    offset
}

/// Finds and parses front matter at the start of `text` (after blank lines and
/// single-line HTML comments).
pub fn find(text: &str) -> Option<FrontMatter> {
    let start = leading_comments_end(text);
    let rest = &text[start..];
    let (format, delimiter) = if rest.starts_with("---") {
        (Format::Yaml, "---")
    } else if rest.starts_with("+++") {
        (Format::Toml, "+++")
    } else {
        return None;
    };
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != delimiter {
        return None;
    }
    let body_start = start + first_line_end + 1;
    let mut offset = body_start;
    let mut body_end = None;
    for line in text[body_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == delimiter || (format == Format::Yaml && t == "...") {
            body_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (body_end, block_end) = body_end?;
    let body = &text[body_start..body_end];
    // A thematic break followed by prose is not front matter: the first line must be a key.
    let first = body.lines().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let looks_like_key = first.split_once(if format == Format::Yaml { ':' } else { '=' }).is_some_and(|(k, _)| {
        let k = k.trim().trim_matches(['"', '\'']);
        !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
    });
    if !looks_like_key {
        return None;
    }
    let mut fm = FrontMatter { range: start..block_end, ..FrontMatter::default() };
    if body.len() > MAX_FRONT_MATTER {
        fm.problems.push(Problem {
            range: start..body_start,
            message: format!("front matter is larger than {} KiB and was not read", MAX_FRONT_MATTER / 1024),
        });
        return Some(fm);
    }
    let values = match format {
        Format::Yaml => read_yaml(body, body_start, &mut fm),
        Format::Toml => read_toml(body, body_start, &mut fm),
    };
    for (key, value) in values {
        let range = key_line(text, body_start, body, &key, format);
        fm.interpret(&key, value, range);
    }
    Some(fm)
}

/// A scalar from either syntax, as text (numbers and booleans written out).
#[derive(Debug, PartialEq)]
enum Scalar {
    Text(String),
    Bool(bool),
    Other,
}

impl Scalar {
    fn of_yaml(value: Yaml) -> Scalar {
        match value {
            Yaml::String(s) | Yaml::Real(s) => Scalar::Text(s),
            Yaml::Integer(i) => Scalar::Text(i.to_string()),
            Yaml::Boolean(b) => Scalar::Bool(b),
            _ => Scalar::Other,
        }
    }
}

/// Byte offset of the first alias (`*name`) in the YAML event stream, found without
/// building anything. Syntax errors are left for the loader to report.
fn first_alias(body: &str) -> Option<usize> {
    if !body.contains('*') {
        return None;
    }
    let mut parser = yaml_rust2::parser::Parser::new_from_str(body);
    loop {
        match parser.next_token() {
            Ok((yaml_rust2::parser::Event::Alias(_), mark)) => return Some(mark.index().min(body.len())),
            Ok((yaml_rust2::parser::Event::StreamEnd, _)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn read_yaml(body: &str, body_start: usize, fm: &mut FrontMatter) -> Vec<(String, Scalar)> {
    if let Some(pairs) = plain_yaml(body) {
        return pairs;
    }
    // yaml-rust2 expands aliases by copying, so nine levels of nine aliases in 700 bytes
    // ask for 10^9 nodes; refuse them, in any style, before loading.
    if let Some(at) = first_alias(body) {
        let at = body_start + body.floor_char_boundary(at);
        fm.problems.push(Problem {
            range: at..at,
            message: "front matter uses YAML anchors and aliases, which are not read".into(),
        });
        return Vec::new();
    }
    match YamlLoader::load_from_str(body) {
        Ok(docs) => match docs.into_iter().next() {
            Some(Yaml::Hash(map)) => {
                map.into_iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), Scalar::of_yaml(v)))).collect()
            }
            Some(Yaml::Null) | None => Vec::new(),
            Some(_) => {
                fm.problems.push(Problem {
                    range: body_start..body_start,
                    message: "front matter is not a set of `key: value` lines".into(),
                });
                Vec::new()
            }
        },
        Err(e) => {
            let at = body_start + e.marker().index().min(body.len());
            let at = body.floor_char_boundary(at - body_start) + body_start;
            fm.problems
                .push(Problem { range: at..at, message: format!("front matter is not valid YAML: {}", e.info()) });
            Vec::new()
        }
    }
}

/// The pairs of `body` when it is YAML at its plainest, as [`read_yaml`]'s loader reads
/// them: every line blank, a comment or an unindented `key: value`, with a word for key
/// and a value on one line that is plain or quoted without escapes and holds nothing
/// YAML would read as more (no `: `, ` #`, anchors, tags or flow collections at its
/// start). `None` for anything else, left to the loader, which took 48,000 instructions
/// for the few lines of a typical front matter (a fifth of analysing a one-page debrief).
fn plain_yaml(body: &str) -> Option<Vec<(String, Scalar)>> {
    let mut pairs: Vec<(String, Scalar)> = Vec::new();
    for line in body.lines() {
        let line = line.trim_end_matches(' ');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let word = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
        // `true:` or `null:` are keys that are not text, skipped by the loader's reader.
        if !word || !matches!(Yaml::from_str(key), Yaml::String(_)) || pairs.iter().any(|(k, _)| k == key) {
            return None;
        }
        let value = match rest {
            "" => Scalar::Other,
            _ => plain_scalar(rest.strip_prefix(' ')?.trim_start_matches(' '))?,
        };
        pairs.push((key.to_string(), value));
    }
    Some(pairs)
}

/// One value of [`plain_yaml`], trimmed: quoted without escapes, or plain.
fn plain_scalar(value: &str) -> Option<Scalar> {
    // What YAML may hold as it is: printable, and no tabs (left to the loader).
    let printable = |s: &str| {
        s.chars().all(|c| {
            matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..) && c != '\u{FEFF}'
        })
    };
    if !printable(value) {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            return (!inner.contains([quote, '\\'])).then(|| Scalar::Text(inner.to_string()));
        }
    }
    let plain = value.starts_with(char::is_alphanumeric)
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':');
    if !plain {
        return None;
    }
    Some(Scalar::of_yaml(Yaml::from_str(value)))
}

fn read_toml(body: &str, body_start: usize, fm: &mut FrontMatter) -> Vec<(String, Scalar)> {
    match toml::from_str::<toml::Table>(body) {
        Ok(table) => table
            .into_iter()
            .map(|(k, v)| {
                let value = match v {
                    toml::Value::String(s) => Scalar::Text(s),
                    toml::Value::Integer(i) => Scalar::Text(i.to_string()),
                    toml::Value::Float(f) => Scalar::Text(f.to_string()),
                    toml::Value::Boolean(b) => Scalar::Bool(b),
                    toml::Value::Datetime(d) => Scalar::Text(d.to_string()),
                    _ => Scalar::Other,
                };
                (k, value)
            })
            .collect(),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start).min(body.len());
            let at = body_start + body.floor_char_boundary(at);
            fm.problems.push(Problem {
                range: at..at,
                message: format!("front matter is not valid TOML: {}", e.message().trim()),
            });
            Vec::new()
        }
    }
}

/// The range of the line where `key` is written, trimmed.
fn key_line(text: &str, body_start: usize, body: &str, key: &str, format: Format) -> Range<usize> {
    let sep = if format == Format::Yaml { ':' } else { '=' };
    let mut offset = body_start;
    for line in body.split_inclusive('\n') {
        if let Some((k, _)) = line.split_once(sep) {
            if k.trim().trim_matches(['"', '\'']) == key && !line.starts_with([' ', '\t']) {
                let trimmed = line.trim_end();
                return offset..offset + trimmed.len();
            }
        }
        offset += line.len();
    }
    let _ = text;
    body_start..body_start
}

/// Reads a severity written as `SEV1`, `sev-2`, `P3`, `S4`, `5`, or a word.
pub fn parse_severity(value: &str) -> Option<u8> {
    let v = value.trim().to_ascii_lowercase();
    let digits =
        v.trim_start_matches("sev").trim_start_matches('p').trim_start_matches('s').trim_start_matches(['-', ' ', '_']);
    if let Ok(n) = digits.parse::<u8>() {
        // P0 and SEV0 exist in the wild: the worst level.
        return Some(n.clamp(1, 5));
    }
    match v.as_str() {
        "critical" => Some(1),
        "major" | "high" => Some(2),
        "medium" | "moderate" => Some(3),
        "minor" | "low" => Some(4),
        _ => None,
    }
}

impl FrontMatter {
    fn interpret(&mut self, key: &str, value: Scalar, range: Range<usize>) {
        let key_lower = key.to_ascii_lowercase();
        let text = match &value {
            Scalar::Text(s) => Some(s.as_str()),
            _ => None,
        };
        match key_lower.as_str() {
            "severity" | "sev" => match text.and_then(parse_severity) {
                Some(n) => self.severity = Some(Located { value: n, range }),
                None => self.problem(range, format!("`{key}` is not a severity; write SEV1–SEV5, P1–P5 or 1–5")),
            },
            "started" | "detected" | "resolved" | "debriefed" => {
                let parsed = text.and_then(times::parse_value);
                let slot = match key_lower.as_str() {
                    "started" => &mut self.started,
                    "detected" => &mut self.detected,
                    "resolved" => &mut self.resolved,
                    _ => &mut self.debriefed,
                };
                match parsed {
                    Some(t) if key_lower == "debriefed" || t.time.is_some() => *slot = Some(Located { value: t, range }),
                    Some(t) => *slot = Some(Located { value: t, range }),
                    None => self.problem(
                        range,
                        format!("`{key}` is not a date-time; write it as 2026-03-01T14:32:00Z or 2026-03-01 14:32 UTC"),
                    ),
                }
            }
            "timezone" | "time_zone" | "tz" => match text.and_then(times::find_zone) {
                Some(z) => self.timezone = Some(Located { value: z, range }),
                None => self.problem(range, format!("`{key}` is not a time zone; write UTC, an offset such as +01:00, or a name such as Europe/Berlin")),
            },
            "debrief" => self.marks_debrief |= matches!(value, Scalar::Bool(true)),
            "type" | "kind" | "layout" => {
                if let Some(t) = text {
                    let t = t.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                    self.marks_debrief |= matches!(
                        t.as_str(),
                        "postmortem"
                            | "post-mortem"
                            | "debrief"
                            | "incident-review"
                            | "incident-debrief"
                            | "incident-report"
                            | "outage"
                            | "incident"
                            | "security"
                            | "security-incident"
                            | "near-miss"
                            | "release"
                    );
                    self.kind = Some(t);
                }
            }
            _ => {}
        }
    }

    fn problem(&mut self, range: Range<usize>, message: String) {
        self.problems.push(Problem { range, message });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the YAML loader reads from `body`, as [`read_yaml`] without the fast path.
    fn loaded(body: &str) -> Option<Vec<(String, Scalar)>> {
        let pairs = match YamlLoader::load_from_str(body).ok()?.into_iter().next() {
            Some(Yaml::Hash(map)) => {
                map.into_iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), Scalar::of_yaml(v)))).collect()
            }
            Some(Yaml::Null) | None => Vec::new(),
            Some(_) => return None,
        };
        Some(pairs)
    }

    #[test]
    fn plain_yaml_reads_what_the_loader_reads() {
        let bodies = [
            "title: Incident on 2023-11-01 - Prometheus restarted\nweight: 4\n",
            "title: \"Image #:counter\"\nauthor: 'Kris Nóva'\n# a comment\n\ndate: 2026-03-01 14:32\n",
            "severity: SEV2\nstarted: 2026-03-01T14:32:00Z\ndebrief: true\ntimezone: Europe/Berlin\n",
            "debrief: True\nsev: 007\nh: 0x1F\nf: 1.50\nnothing:\nnull_word: null\nempty: ''\n",
            "title: a, [b] {c} d-e:f\n",
            "n: +5\n",
            "tags: [a, b]\n",
            "a: x\na: y\n",
            "true: x\n",
            "title: Incident: the sequel\n",
            "title: a # comment\n",
            "title: \"say \\\"hi\\\"\"\n",
            "title: 'it''s'\n",
            "list:\n  - a\n",
            "title: &a x\nother: *a\n",
            "title: trailing:\n",
            "title:\tx\n",
            "title: x\r\nweight: 2\r\n",
            "ti tle: x\n",
            "- a\n",
        ];
        let mut fast = 0;
        for body in bodies {
            if let Some(pairs) = plain_yaml(body) {
                fast += 1;
                assert_eq!(Some(pairs), loaded(body), "{body:?}");
            }
        }
        assert_eq!(fast, 6, "the plain bodies are read without the loader");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn plain_yaml_never_disagrees_with_the_loader(
            lines in proptest::collection::vec((
                proptest::sample::select(vec!["title", "a", "sev_2", "x-y", "a", "title", "true", "Null", " a", "#c", "", "a b"]),
                proptest::sample::select(vec![": ", ": ", ": ", ":", ":  ", ":\t", " : "]),
                proptest::sample::select(vec!["x", "1", "0x1", ".5", "true", "~", "é", "'", "\"", "&", "[", "-", "+", ""]),
                proptest::collection::vec(proptest::sample::select(vec![
                    "x", " ", ": ", " #", ":", "#", "'", "\"", "\\", "é", "\t", "{", ",", "\u{FEFF}",
                ]), 0..4),
            ), 0..4)
        ) {
            let body: String = lines.iter().map(|(k, s, v, rest)| format!("{k}{s}{v}{}\n", rest.concat())).collect();
            if let Some(pairs) = plain_yaml(&body) {
                proptest::prop_assert_eq!(Some(pairs), loaded(&body), "{:?}", body);
            }
        }
    }

    #[test]
    fn aliases_are_refused_in_any_style_and_stars_in_text_are_not_aliases() {
        let laughs = |levels: usize| {
            let mut y = "a0: &a0 [\"lol\",\"lol\",\"lol\"]\n".to_string();
            for i in 1..levels {
                y += &format!("a{i}: &a{i} [*a{p},*a{p},*a{p}]\n", p = i - 1);
            }
            y
        };
        for body in [laughs(9), "a: &x 1\nb:\n  - *x\n".into(), "a: &x 1\nb: {c: *x}\n".into()] {
            let fm = find(&format!("---\n{body}---\n# D\n")).unwrap();
            assert!(fm.problems.iter().any(|p| p.message.contains("aliases")), "{body}");
        }
        let fm = find("---\ntitle: \"*Outage* & recovery\"\nowner: '*ops*'\n---\n# D\n").unwrap();
        assert!(fm.problems.is_empty(), "{:?}", fm.problems);
    }

    #[test]
    fn yaml_front_matter_with_every_key() {
        let text = "---\nseverity: SEV2\nstarted: 2026-03-01T14:00:00Z\nresolved: 2026-03-01 14:05 UTC\ndebriefed: 2026-03-03\ntimezone: UTC\ntype: postmortem\n---\n# Title\n";
        let fm = find(text).unwrap();
        assert_eq!(fm.severity.as_ref().map(|s| s.value), Some(2));
        assert!(fm.started.is_some() && fm.resolved.is_some() && fm.debriefed.is_some());
        assert!(fm.marks_debrief);
        assert!(fm.problems.is_empty(), "{:?}", fm.problems);
        assert_eq!(&text[fm.range.clone()], &text[..text.find("# Title").unwrap()]);
        assert_eq!(&text[fm.severity.unwrap().range], "severity: SEV2");
    }

    #[test]
    fn toml_front_matter_and_leading_comments() {
        let text =
            "<!-- source: x -->\n+++\nseverity = 3\nresolved = 2026-03-01T14:05:00Z\ndebrief = true\n+++\nBody\n";
        let fm = find(text).unwrap();
        assert_eq!(fm.severity.map(|s| s.value), Some(3));
        assert!(fm.resolved.is_some(), "{:?}", fm.problems);
        assert!(fm.marks_debrief);
    }

    #[test]
    fn bad_values_are_problems_with_lines() {
        let text = "---\nseverity: urgent-ish\nresolved: yesterday\n---\n";
        let fm = find(text).unwrap();
        assert_eq!(fm.problems.len(), 2);
        assert_eq!(&text[fm.problems[1].range.clone()], "resolved: yesterday");
        let fm = find("---\nkey: [unclosed\n---\n").unwrap();
        assert!(fm.problems[0].message.contains("not valid YAML"));
    }

    #[test]
    fn a_thematic_break_is_not_front_matter() {
        assert!(find("---\n\nSome prose here.\n\n---\n").is_none());
        assert!(find("--- not a delimiter\nkey: v\n---\n").is_none());
        assert!(find("---\nkey: v\n").is_none(), "unclosed");
    }

    #[test]
    fn severities() {
        for (v, n) in [("SEV1", 1), ("sev-2", 2), ("P3", 3), ("4", 4), ("S5", 5), ("P0", 1), ("critical", 1)] {
            assert_eq!(parse_severity(v), Some(n), "{v}");
        }
        assert_eq!(parse_severity("soon"), None);
    }
}
