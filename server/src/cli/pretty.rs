//! Pretty JSON written straight from the values, byte for byte as `serde_json`'s pretty
//! printer writes it: two spaces a level, `": "` after a key, `[]` and `{}` when empty,
//! strings escaped alike. The JSON report's findings, put through `Serialize` and the
//! pretty printer, were a twentieth of `check`'s work for the corpus; most of their
//! bytes are message text, which needs escaping only now and then.

pub struct Pretty {
    out: String,
    /// How many arrays and objects are open.
    depth: usize,
    /// Whether the innermost one has nothing in it yet.
    empty: bool,
}

impl Pretty {
    /// A writer for one value standing `depth` levels in, its first line indented.
    pub fn new(depth: usize, capacity: usize) -> Self {
        let mut p = Pretty { out: String::with_capacity(capacity), depth, empty: false };
        p.indent();
        p
    }

    /// Opens an array (`[`) or an object (`{`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    /// Closes the innermost array (`]`) or object (`}`).
    pub fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.empty {
            self.out.push('\n');
            self.indent();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts an object's member; its value is written next. Keys are names that need no
    /// escape.
    pub fn key(&mut self, key: &str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'), "{key}");
        self.item();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\": ");
    }

    /// Starts an array's item; it is written next.
    pub fn item(&mut self) {
        self.out.push_str(if self.empty { "\n" } else { ",\n" });
        self.indent();
        self.empty = false;
    }

    pub fn string(&mut self, s: &str) {
        // Most strings need no escape: one look at every byte settles it, without
        // stopping early, which the compiler turns into a few wide comparisons. The rest
        // are escaped by serde_json itself.
        let plain = !s.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\'));
        if plain {
            self.out.push('"');
            self.out.push_str(s);
            self.out.push('"');
        } else {
            self.out.push_str(&serde_json::to_string(s).expect("a string serialises"));
        }
    }

    pub fn number(&mut self, n: usize) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    pub fn boolean(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    pub fn into_string(self) -> String {
        self.out
    }

    fn indent(&mut self) {
        const SPACES: &str = "                                ";
        let mut n = self.depth * 2;
        while n > 0 {
            let step = n.min(SPACES.len());
            self.out.push_str(&SPACES[..step]);
            n -= step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// `value` written through [`Pretty`], at `depth`.
    fn print(value: &Value, depth: usize) -> String {
        fn go(p: &mut Pretty, v: &Value) {
            match v {
                Value::Object(members) => {
                    p.open('{');
                    for (k, v) in members {
                        p.key(k);
                        go(p, v);
                    }
                    p.close('}');
                }
                Value::Array(items) => {
                    p.open('[');
                    for v in items {
                        p.item();
                        go(p, v);
                    }
                    p.close(']');
                }
                Value::String(s) => p.string(s),
                Value::Number(n) => p.number(n.as_u64().expect("the test uses counts") as usize),
                Value::Bool(b) => p.boolean(*b),
                Value::Null => unreachable!("the report has no nulls"),
            }
        }
        let mut p = Pretty::new(depth, 0);
        go(&mut p, value);
        p.into_string()
    }

    #[test]
    fn values_print_as_serde_json_prints_them() {
        let all_bytes: String = (0u8..0x80).map(char::from).collect();
        let value = json!({
            "diagnostics": [
                {"fixes": [], "message": "plain", "range": {"end": {"column": 3, "line": 1}}},
                {"fixes": [{"edits": [], "safe": true, "title": "q\"uote\\d"}], "message": "two\nlines\t\u{1}\u{1f}"},
            ],
            "empty": {},
            "path": "dir/ä 😀.md",
            "every": all_bytes,
            "nested": [[], [[1]], {"a": false}],
        });
        assert_eq!(print(&value, 0), serde_json::to_string_pretty(&value).unwrap());
        let indented: String = serde_json::to_string_pretty(&value)
            .unwrap()
            .lines()
            .map(|l| format!("      {l}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(print(&value, 3), indented);
        let deep = (0..40).fold(json!("x"), |v, _| json!([v]));
        assert_eq!(print(&deep, 0), serde_json::to_string_pretty(&deep).unwrap());
    }
}
