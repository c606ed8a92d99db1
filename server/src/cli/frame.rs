//! A pretty JSON document printed around items printed apart (the JSON and SARIF reports).

use serde_json::Value;

/// What a document given to [`Frame::new`] holds where a second array's items go (see
/// [`Frame::inner`]).
pub const INNER: &str = "\u{0}debrief-ls: inner items go here\u{0}";

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value prints")
}

/// A pretty JSON document around one array whose items are printed on their own,
/// already indented, in parallel: for thousands of findings, building, printing and
/// indenting them is most of the work, and putting them in place is then one copy. The
/// text is what printing the whole document at once would give.
pub struct Frame {
    head: String,
    tail: String,
    /// The indentation of the array's items.
    indent: String,
}

impl Frame {
    /// `doc`, whose array at `pointer` is to hold the items.
    pub fn new(mut doc: Value, pointer: &str) -> Frame {
        const MARK: &str = "\u{0}debrief-ls: items go here\u{0}";
        *doc.pointer_mut(pointer).expect("the array is in the document") = Value::from(MARK);
        let mut whole = pretty(&doc);
        let quoted = serde_json::to_string(MARK).expect("a string prints");
        let at = whole.find(&quoted).expect("the mark is printed");
        let line_start = whole[..at].rfind('\n').map_or(0, |i| i + 1);
        let outer = &whole[line_start..at];
        let outer = &outer[..outer.len() - outer.trim_start_matches(' ').len()];
        let indent = format!("{outer}  ");
        let tail = whole.split_off(at + quoted.len());
        whole.truncate(at);
        Frame { head: whole, tail, indent }
    }

    /// `item` as pretty JSON, indented to stand in the array. Every line break in pretty
    /// JSON is between tokens (strings escape theirs), so each line is indented alike.
    pub fn item(&self, item: &impl serde::Serialize) -> String {
        let printed = serde_json::to_string_pretty(item).expect("the report prints");
        let lines = memchr::memchr_iter(b'\n', printed.as_bytes()).count() + 1;
        let mut out = String::with_capacity(printed.len() + lines * self.indent.len());
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', printed.as_bytes()).chain([printed.len()]) {
            out.push_str(&self.indent);
            out.push_str(&printed[start..end]);
            if end < printed.len() {
                out.push('\n');
            }
            start = end + 1;
        }
        out
    }

    /// For a document that holds [`INNER`] as a value before the frame's array: the frame
    /// of a second array standing there, whose items are printed apart too (see
    /// [`Frame::with_inner`]).
    pub fn inner(&self) -> Option<Frame> {
        let quoted = serde_json::to_string(INNER).expect("a string prints");
        let at = self.head.find(&quoted)?;
        let line_start = self.head[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.head[line_start..at];
        let indent = format!("{}  ", &line[..line.len() - line.trim_start_matches(' ').len()]);
        Some(Frame { head: self.head[..at].to_string(), tail: self.head[at + quoted.len()..].to_string(), indent })
    }

    /// The frame with `items` (each printed by [`Frame::inner`]'s frame) in the array at
    /// [`INNER`].
    pub fn with_inner(mut self, items: &[impl AsRef<str>]) -> Frame {
        if let Some(inner) = self.inner() {
            self.head = inner.around(items);
        }
        self
    }

    /// How many levels in the array's items stand.
    #[cfg(test)]
    pub fn depth(&self) -> usize {
        self.indent.len() / 2
    }

    /// The whole document, with `items` (each printed at [`Frame::depth`]) in the array.
    pub fn around(&self, items: &[impl AsRef<str>]) -> String {
        let closing = self.indent.len() - 2;
        let size =
            self.head.len() + self.tail.len() + items.iter().map(|i| i.as_ref().len() + 2).sum::<usize>() + closing + 3;
        let mut doc = String::with_capacity(size);
        doc.push_str(&self.head);
        doc.push('[');
        for (i, item) in items.iter().enumerate() {
            doc.push_str(if i == 0 { "\n" } else { ",\n" });
            doc.push_str(item.as_ref());
        }
        if !items.is_empty() {
            doc.push('\n');
            doc.push_str(&self.indent[..closing]);
        }
        doc.push(']');
        doc.push_str(&self.tail);
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_printed_apart_give_the_document_printed_whole() {
        let items = [
            json!({"path": "a.md", "diagnostics": [{"message": "two\nlines", "range": {"start": 1}}]}),
            json!({"path": "b.md", "diagnostics": []}),
            json!("a string"),
        ];
        for (doc, pointer) in [
            (json!({"files": [], "summary": {"files": 2}, "version": 1}), "/files"),
            (json!({"runs": [{"results": [], "tool": {"name": "x"}}], "version": "2.1.0"}), "/runs/0/results"),
        ] {
            for n in 0..=items.len() {
                let mut whole = doc.clone();
                *whole.pointer_mut(pointer).unwrap() = Value::from(items[..n].to_vec());
                let frame = Frame::new(doc.clone(), pointer);
                let printed: Vec<String> = items[..n].iter().map(|i| frame.item(i)).collect();
                assert_eq!(frame.around(&printed), pretty(&whole), "{n} items at {pointer}");
            }
        }
    }

    #[test]
    fn an_inner_array_filled_apart_gives_the_document_printed_whole() {
        let items = [json!({"uri": "a.md", "metrics": {"minutes": {"impact": 3}}}), json!({"uri": "b.md"})];
        let doc = json!({"runs": [{"properties": {"metrics": INNER}, "results": [], "tool": {}}]});
        for n in 0..=items.len() {
            let mut whole = doc.clone();
            *whole.pointer_mut("/runs/0/properties/metrics").unwrap() = Value::from(items[..n].to_vec());
            *whole.pointer_mut("/runs/0/results").unwrap() = Value::from(vec![json!(1)]);
            let frame = Frame::new(doc.clone(), "/runs/0/results");
            let inner = frame.inner().expect("an inner array");
            let printed: Vec<String> = items[..n].iter().map(|i| inner.item(i)).collect();
            let frame = frame.with_inner(&printed);
            assert_eq!(frame.around(&[frame.item(&json!(1))]), pretty(&whole), "{n} items");
        }
    }
}
