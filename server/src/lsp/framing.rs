//! The first thing every byte from the client meets: LSP base-protocol framing
//! (`Content-Length` headers) and JSON-RPC 2.0 validation, in front of tower-lsp.
//!
//! tower-lsp's input stream ends at the first frame it cannot decode (a `FramedRead`
//! under tokio-util 0.7 yields nothing after an error), so one garbage byte from a
//! client would silently stop the server. Here every frame is checked first; tower-lsp
//! only ever sees well-formed frames that decode into its own message types. A
//! well-formed body is parsed once here, reading every value as strictly as tower-lsp's
//! decoder will ([`validate`]), and once more by tower-lsp; only a body that fails is
//! looked at again, to repair lone surrogates or find an id to answer.
//! Everything else is answered with a JSON-RPC error when it has an id we can read
//! (-32700 parse error, -32600 invalid request), logged otherwise, and skipped up to
//! the next `Content-Length` header.
//!
//! Resynchronising is safe: a header block needs raw `\r\n` line breaks, which JSON
//! allows only between tokens, never inside strings, and `Content-Length` outside a
//! string is not JSON, so a complete header found inside a body proves the body wrong.
//!
//! [`FrameDecoder`] does no I/O, so it is tested and fuzzed on bytes alone;
//! [`read_input`] and [`write_output`] are the tasks around it.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// The largest message accepted. A larger `Content-Length` is refused without
/// allocating it, and its body skipped.
pub const MAX_CONTENT_LENGTH: usize = 64 * 1024 * 1024;

/// The longest header block looked at; longer is garbage.
const MAX_HEADER_BYTES: usize = 4096;

/// Skipped bytes are reported at least this often, so endless garbage still shows.
const GARBAGE_REPORT_BYTES: usize = 1024 * 1024;

/// How long a body may stay incomplete, once what arrived is already a whole JSON value,
/// before the `Content-Length` is taken to be too large (the client is waiting for an
/// answer we would otherwise never give).
pub const STALL: Duration = Duration::from_millis(750);

const HEADER: &[u8] = b"content-length";

/// JSON-RPC "Parse error".
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC "Invalid Request".
pub const INVALID_REQUEST: i64 = -32600;

/// What the decoder found in the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// A well-formed JSON-RPC message body, to pass on.
    Message(Vec<u8>),
    /// Input that is not a message: what to log, and the error response owed, if any.
    Malformed(Malformed),
}

/// Input that was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    /// What was wrong, for the log.
    pub problem: String,
    /// The JSON-RPC error response to send, when the message had an id we could read.
    pub reply: Option<Value>,
}

impl Malformed {
    fn log_only(problem: impl Into<String>) -> Self {
        Malformed { problem: problem.into(), reply: None }
    }

    fn error(code: i64, problem: impl Into<String>, id: Option<Value>) -> Self {
        let problem = problem.into();
        let reply = id.map(|id| {
            let label = if code == PARSE_ERROR { "Parse error" } else { "Invalid Request" };
            json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": format!("{label}: {problem}")}})
        });
        Malformed { problem, reply }
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)?;
        if let Some(id) = self.reply.as_ref().and_then(|r| r.get("id")) {
            write!(f, " (answered request {id} with an error)")?;
        }
        Ok(())
    }
}

/// Splits a byte stream into frames, validating each; memory stays bounded by
/// [`MAX_CONTENT_LENGTH`] plus a header.
#[derive(Debug, Default)]
pub struct FrameDecoder {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    start: usize,
    /// The declared length, once a header was read and its body is awaited.
    body: Option<usize>,
    /// How far into the awaited body a next header has been looked for.
    scanned: usize,
    /// Bytes skipped since the last frame, and the first reason.
    garbage: usize,
    garbage_reasons: Vec<String>,
}

impl FrameDecoder {
    /// A decoder with nothing buffered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds bytes read from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
            // Give back the room a large message took.
            if self.buf.capacity() > 4 * 1024 * 1024 {
                self.buf.shrink_to(256 * 1024);
            }
        } else if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// How many bytes are held; bounded by [`MAX_CONTENT_LENGTH`] and a header.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// Whether a body is partly read (then [`FrameDecoder::idle`] applies).
    pub fn awaiting_body(&self) -> bool {
        self.body.is_some() && self.start < self.buf.len()
    }

    /// The next frame, or `None` until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            if let Some(len) = self.body {
                let available = self.buf.len() - self.start;
                let rest = &self.buf[self.start..];
                if available >= len {
                    let body = &rest[..len];
                    let frame = match validate(body) {
                        Ok(body) => Frame::Message(body.into_owned()),
                        Err(refused) => match first_header(body, 0) {
                            // The declared length was too large: resume at the next message.
                            Some(at) => {
                                let problem =
                                    format!("Content-Length {len}, but another message starts after {at} bytes");
                                let refused = refuse_truncated(&body[..at], problem);
                                self.start += at;
                                self.body = None;
                                return Some(Frame::Malformed(refused));
                            }
                            None => Frame::Malformed(refused),
                        },
                    };
                    self.start += len;
                    self.body = None;
                    return Some(frame);
                }
                // Not all here yet; a complete header already inside means the declared
                // length was too large.
                if let Some(at) = first_header(rest, self.scanned.saturating_sub(MAX_HEADER_BYTES)) {
                    let problem = format!("Content-Length {len}, but another message starts after {at} bytes");
                    let refused = refuse_truncated(&rest[..at], problem);
                    self.start += at;
                    self.body = None;
                    return Some(Frame::Malformed(refused));
                }
                self.scanned = available;
                return None;
            }
            let rest = &self.buf[self.start..];
            match scan_header(rest, 0) {
                HeaderScan::Found { at, len: header_len, parsed } => {
                    if at > 0 && !is_header_prefix(&rest[..at]) {
                        self.skip(at, "bytes that are not an LSP message");
                        continue;
                    }
                    // Headers before `Content-Length` (a `Content-Type`) count too.
                    let parsed = if at > 0 { parse_header_block(&rest[..at + header_len - 4]) } else { parsed };
                    match parsed {
                        Ok(len) => {
                            if let Some(report) = self.take_garbage_report() {
                                // Report the skipped bytes now; the frame comes next call.
                                return Some(Frame::Malformed(report));
                            }
                            self.start += at + header_len;
                            if len == 0 {
                                return Some(Frame::Malformed(Malformed::log_only("empty message (Content-Length 0)")));
                            }
                            self.body = Some(len);
                            self.scanned = 0;
                        }
                        Err(reason) => {
                            // Skip just this header name, so a real header right after is found.
                            self.skip(at + HEADER.len(), &format!("bad header ({reason})"));
                        }
                    }
                }
                HeaderScan::Incomplete { at } => {
                    if at > 0 && !is_header_prefix(&rest[..at]) {
                        self.skip(at, "bytes that are not an LSP message");
                    }
                    return None;
                }
                HeaderScan::NotFound => {
                    // Keep a tail that may hold the start of a header still arriving.
                    let keep = MAX_HEADER_BYTES.min(rest.len());
                    let drop = rest.len() - keep;
                    if drop > 0 {
                        self.skip(drop, "bytes that are not an LSP message");
                    }
                    if self.garbage >= GARBAGE_REPORT_BYTES {
                        return self.take_garbage_report().map(Frame::Malformed);
                    }
                    return None;
                }
            }
        }
    }

    /// Called when no input came for [`STALL`]. If a body is incomplete but what did
    /// arrive is a whole JSON value, the declared length was too large and the client
    /// is waiting for an answer: refuse it. Otherwise, report bytes skipped so far
    /// (reports are held back while input keeps coming, so a flood logs once).
    pub fn idle(&mut self) -> Option<Frame> {
        let Some(len) = self.body else {
            return self.take_garbage_report().map(Frame::Malformed);
        };
        let rest = &self.buf[self.start..];
        if rest.is_empty() || serde_json::from_slice::<IgnoredAny>(rest).is_err() {
            return None;
        }
        let body = rest.to_vec();
        self.start = self.buf.len();
        self.body = None;
        let problem = format!("Content-Length {len}, but the message ended after {} bytes", body.len());
        Some(Frame::Malformed(refuse_truncated(&body, problem)))
    }

    /// At the end of the input: what was left over, if anything.
    pub fn finish(&mut self) -> Option<Frame> {
        let rest = self.buf.len() - self.start;
        if let Some(len) = self.body.take() {
            self.start = self.buf.len();
            let problem = format!("input ended {rest} bytes into a message of {len}");
            return Some(Frame::Malformed(Malformed::log_only(problem)));
        }
        if rest > 0 && !self.buf[self.start..].iter().all(u8::is_ascii_whitespace) {
            self.skip(rest, "bytes that are not an LSP message");
        }
        self.start = self.buf.len();
        self.take_garbage_report().map(Frame::Malformed)
    }

    fn skip(&mut self, n: usize, reason: &str) {
        self.start += n;
        self.garbage += n;
        if self.garbage_reasons.len() < 5 && !self.garbage_reasons.iter().any(|r| r == reason) {
            self.garbage_reasons.push(reason.to_string());
        }
    }

    fn take_garbage_report(&mut self) -> Option<Malformed> {
        if self.garbage == 0 {
            return None;
        }
        let n = std::mem::take(&mut self.garbage);
        let reason = std::mem::take(&mut self.garbage_reasons).join("; ");
        Some(Malformed::log_only(format!("skipped {n} bytes up to the next Content-Length header: {reason}")))
    }
}

/// What [`scan_header`] found.
#[derive(Debug)]
enum HeaderScan {
    /// A complete header block at `at`, `len` bytes through its blank line, and the
    /// declared length or why it is unusable.
    Found { at: usize, len: usize, parsed: Result<usize, String> },
    /// A header name at `at` whose block has not fully arrived.
    Incomplete { at: usize },
    /// No header name.
    NotFound,
}

/// The first `Content-Length` header block in `bytes` at or after `from`.
fn scan_header(bytes: &[u8], mut from: usize) -> HeaderScan {
    while let Some(i) = find_ignore_case(&bytes[from..], HEADER) {
        let at = from + i;
        let block = &bytes[at..bytes.len().min(at + MAX_HEADER_BYTES)];
        match memchr::memmem::find(block, b"\r\n\r\n") {
            Some(end) => return HeaderScan::Found { at, len: end + 4, parsed: parse_header_block(&block[..end]) },
            None if block.len() < MAX_HEADER_BYTES => return HeaderScan::Incomplete { at },
            // Too long to be a header: not one.
            None => from = at + 1,
        }
    }
    HeaderScan::NotFound
}

/// The offset of the first complete, valid header block in `bytes` at or after `from`.
fn first_header(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let HeaderScan::Found { at, parsed, .. } = scan_header(bytes, from) {
        if parsed.is_ok() {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Case-insensitive search for an ASCII needle.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &haystack[from..]) {
        let at = from + i;
        if haystack.len() - at >= needle.len() && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Parses `Content-Length: N` and any other `Name: value` lines; the block starts with
/// the `Content-Length` name.
fn parse_header_block(block: &[u8]) -> Result<usize, String> {
    let mut length = None;
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err(format!("header line without a colon: {}", shown(line)));
        };
        let (name, value) = (&line[..colon], trim(&line[colon + 1..]));
        if !name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-') || name.is_empty() {
            return Err(format!("bad header name: {}", shown(name)));
        }
        if name.eq_ignore_ascii_case(HEADER) {
            if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
                return Err(format!("Content-Length is not a number: {}", shown(value)));
            }
            let n = if value.len() > 12 {
                usize::MAX
            } else {
                std::str::from_utf8(value).ok().and_then(|s| s.parse().ok()).unwrap_or(usize::MAX)
            };
            if length.is_some_and(|l| l != n) {
                return Err("two different Content-Length headers".into());
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case(b"content-type") {
            let charset = value
                .split(|&b| b == b';')
                .skip(1)
                .map(trim)
                .find_map(|p| p.get(..8).filter(|k| k.eq_ignore_ascii_case(b"charset=")).map(|_| &p[8..]));
            if let Some(cs) = charset {
                let cs = trim(cs);
                let cs = cs.strip_prefix(b"\"").and_then(|c| c.strip_suffix(b"\"")).unwrap_or(cs);
                if !cs.eq_ignore_ascii_case(b"utf-8") && !cs.eq_ignore_ascii_case(b"utf8") {
                    return Err(format!("unsupported charset {}", shown(cs)));
                }
            }
        }
    }
    let length = length.ok_or("no Content-Length")?;
    if length > MAX_CONTENT_LENGTH {
        return Err(format!("Content-Length {length} is over the limit of {MAX_CONTENT_LENGTH} bytes"));
    }
    Ok(length)
}

/// Whether `bytes`, before a `Content-Length` header, are other headers of its block:
/// complete `Name: value\r\n` lines, shorter than a header block may be (longer ones
/// are garbage however the input was cut).
fn is_header_prefix(bytes: &[u8]) -> bool {
    if bytes.len() >= MAX_HEADER_BYTES {
        return false;
    }
    let Some(body) = bytes.strip_suffix(b"\r\n") else { return false };
    body.split(|&b| b == b'\n').all(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        line.iter().position(|&b| b == b':').is_some_and(|c| {
            c > 0
                && line[..c].iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
                && line.iter().all(|&b| b >= 0x20 || b == b'\t')
        })
    })
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// A short, printable rendering of untrusted bytes for the log.
fn shown(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]);
    format!("{:?}{}", s, if bytes.len() > 40 { "…" } else { "" })
}

/// A body cut at the wrong place (the declared length did not match): refused, with an
/// error for its id when it has one.
fn refuse_truncated(body: &[u8], problem: String) -> Malformed {
    match serde_json::from_slice::<Envelope>(body) {
        Ok(envelope) => Malformed::error(INVALID_REQUEST, problem, envelope.id.and_then(Shape::into_reply_id)),
        Err(_) => Malformed::error(PARSE_ERROR, problem, salvage_id(body)),
    }
}

/// Checks that a body is one JSON-RPC 2.0 message that tower-lsp will decode: a request
/// or notification (string `method`; integer, string or null `id`; structured or null
/// `params`; no `result` or `error`) or a response to one of our requests (an `id`, and a
/// `result` or an `error` tower-lsp takes). A well-formed body is parsed once, into an
/// `Envelope`; only a body that fails is looked at again. Lone UTF-16 surrogates
/// escaped in strings (`"\udea8"`, which editors holding broken text send) become
/// U+FFFD, one UTF-16 unit as well, so the message is served and columns still match
/// the client's.
///
/// Reading once instead of up to four times (`cargo bench --bench framing`, medians in
/// alternating rounds): a hover 0.91 → 0.33 µs, a keystroke's `didChange` 1.46 → 0.48 µs,
/// `didOpen` of 10,000 lines 541 → 289 µs; a keystroke through the whole server on a
/// 57-line debrief, 291k → 276k instructions.
pub fn validate(body: &[u8]) -> Result<Cow<'_, [u8]>, Malformed> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(Malformed::error(PARSE_ERROR, "message is not valid UTF-8", salvage_id(body)));
    };
    match serde_json::from_str::<Envelope>(text) {
        Ok(envelope) => envelope.check().map(|()| Cow::Borrowed(body)),
        Err(e) => salvage(body, &e),
    }
}

/// The slow path, for a body [`Envelope`] could not read: served once lone surrogates
/// are replaced if they were all that was wrong, refused otherwise.
fn salvage<'a>(body: &'a [u8], error: &serde_json::Error) -> Result<Cow<'a, [u8]>, Malformed> {
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        let problem = if serde_json::from_slice::<IgnoredAny>(body).is_ok() {
            "message is JSON but not an object (batches are not part of LSP)"
        } else {
            "message is not JSON"
        };
        return Err(Malformed::log_only(problem));
    }
    if let Some(repaired) = replace_lone_surrogates(body) {
        if let Ok(envelope) = serde_json::from_slice::<Envelope>(&repaired) {
            return envelope.check().map(|()| Cow::Owned(repaired));
        }
    }
    if looks_like_response(body) {
        return Err(Malformed::log_only(format!("message has no \"method\" and is not a valid response: {error}")));
    }
    Err(Malformed::error(PARSE_ERROR, format!("message is not JSON this server can read: {error}"), salvage_id(body)))
}

/// `body` with every `\uXXXX` escape of an unpaired surrogate replaced by `\ufffd`;
/// `None` when there is none.
fn replace_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    let unit = |at: usize| -> Option<u16> {
        let esc = body.get(at..at + 6)?;
        if esc[0] != b'\\' || esc[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&esc[2..]).ok()?, 16).ok()
    };
    let mut out: Option<Vec<u8>> = None;
    let (mut i, mut in_string) = (0, false);
    while i < body.len() {
        let b = body[i];
        let mut take = 1;
        if !in_string {
            in_string = b == b'"';
        } else if b == b'"' {
            in_string = false;
        } else if b == b'\\' {
            match unit(i) {
                Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => take = 12,
                Some(0xD800..=0xDFFF) => {
                    out.get_or_insert_with(|| body[..i].to_vec()).extend_from_slice(b"\\ufffd");
                    i += 6;
                    continue;
                }
                // Any other escape: the backslash and the character after it.
                _ => take = 2,
            }
        }
        let end = (i + take).min(body.len());
        if let Some(o) = out.as_mut() {
            o.extend_from_slice(&body[i..end]);
        }
        i = end;
    }
    out
}

/// A message's top-level members, read in one pass that reads every other value too,
/// the way tower-lsp's decoder will. That decoder buffers the whole message (its
/// `Message` is an untagged enum) through `deserialize_any`, which is stricter than
/// skipping a value with `IgnoredAny`: numbers must fit an f64, `\u` escapes must make
/// whole characters, and nesting must stay within serde_json's 128 levels. So a body
/// read into an `Envelope` is JSON that tower-lsp reads; [`Envelope::check`] then tells
/// whether its members make a message tower-lsp's types take.
#[derive(Debug, Default)]
struct Envelope {
    jsonrpc: Option<Shape>,
    id: Option<Shape>,
    method: Option<Shape>,
    params: Option<Shape>,
    result: Option<Shape>,
    /// An error object tower-lsp's `jsonrpc::Error` takes (anything else is refused
    /// while reading).
    error: bool,
    /// A member given twice, which tower-lsp's types refuse.
    repeated: Option<&'static str>,
}

impl Envelope {
    /// Whether the members make a message tower-lsp's types take; an error response is
    /// owed only to a request (never to a response) with an id we can read.
    fn check(self) -> Result<(), Malformed> {
        let is_response = self.method.is_none() && (self.result.is_some() || self.error);
        let refuse = |problem: &str| {
            Err(if is_response {
                Malformed::log_only(format!("message has no \"method\" and is not a valid response: {problem}"))
            } else {
                Malformed::error(INVALID_REQUEST, problem, self.id.clone().and_then(Shape::into_reply_id))
            })
        };
        if let Some(name) = self.repeated {
            return refuse(&format!("\"{name}\" is given twice"));
        }
        if !matches!(&self.jsonrpc, Some(Shape::Str(v)) if v == "2.0") {
            return refuse("\"jsonrpc\" must be \"2.0\"");
        }
        if !matches!(self.id, None | Some(Shape::Int(_) | Shape::Str(_) | Shape::Null)) {
            return refuse("\"id\" must be an integer or a string");
        }
        match &self.method {
            Some(Shape::Str(_)) if !matches!(self.params, None | Some(Shape::Object | Shape::Array | Shape::Null)) => {
                refuse("\"params\" must be an object or an array")
            }
            // tower-lsp would take it for a response, and the request would go unanswered.
            Some(Shape::Str(_)) if self.result.is_some() || self.error => {
                refuse("a request has no \"result\" or \"error\"")
            }
            Some(Shape::Str(_)) => Ok(()),
            Some(_) => refuse("\"method\" must be a string"),
            None if is_response && self.id.is_none() => refuse("\"id\" is missing"),
            None if is_response => Ok(()),
            None => refuse("\"method\" is missing"),
        }
    }

    /// Where a member's value goes.
    fn slot(&mut self, member: Member) -> Option<&mut Option<Shape>> {
        match member {
            Member::Jsonrpc => Some(&mut self.jsonrpc),
            Member::Id => Some(&mut self.id),
            Member::Method => Some(&mut self.method),
            Member::Params => Some(&mut self.params),
            Member::Result => Some(&mut self.result),
            Member::Error | Member::Other => None,
        }
    }
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Envelope;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON-RPC message object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
                let mut envelope = Envelope::default();
                while let Some(member) = map.next_key::<Member>()? {
                    let given_before = match member {
                        Member::Other => {
                            map.next_value::<Checked>()?;
                            false
                        }
                        Member::Error => {
                            // tower-lsp's own type, so its rules for an error object hold.
                            map.next_value::<tower_lsp::jsonrpc::Error>()?;
                            std::mem::replace(&mut envelope.error, true)
                        }
                        _ => {
                            let value = map.next_value::<Shape>()?;
                            envelope.slot(member).is_some_and(|slot| slot.replace(value).is_some())
                        }
                    };
                    if given_before {
                        envelope.repeated.get_or_insert(member.name());
                    }
                }
                Ok(envelope)
            }
        }
        d.deserialize_map(V)
    }
}

/// A top-level member's name, as tower-lsp's types know them.
#[derive(Debug, Clone, Copy)]
enum Member {
    Jsonrpc,
    Id,
    Method,
    Params,
    Result,
    Error,
    Other,
}

impl Member {
    fn name(self) -> &'static str {
        match self {
            Member::Jsonrpc => "jsonrpc",
            Member::Id => "id",
            Member::Method => "method",
            Member::Params => "params",
            Member::Result => "result",
            Member::Error => "error",
            Member::Other => "",
        }
    }
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Member;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E>(self, name: &str) -> Result<Member, E> {
                Ok(match name {
                    "jsonrpc" => Member::Jsonrpc,
                    "id" => Member::Id,
                    "method" => Member::Method,
                    "params" => Member::Params,
                    "result" => Member::Result,
                    "error" => Member::Error,
                    _ => Member::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// What kind of JSON value a member holds; containers are read through, not kept.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Null,
    Bool,
    Int(i64),
    OtherNumber(serde_json::Number),
    Str(String),
    Array,
    Object,
}

impl Shape {
    /// The id to echo in an error response: a number or a string.
    fn into_reply_id(self) -> Option<Value> {
        match self {
            Shape::Int(n) => Some(n.into()),
            Shape::OtherNumber(n) => Some(Value::Number(n)),
            Shape::Str(s) => Some(Value::String(s)),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Bool)
            }
            fn visit_i64<E>(self, n: i64) -> Result<Shape, E> {
                Ok(Shape::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Shape, E> {
                Ok(i64::try_from(n).map_or_else(|_| Shape::OtherNumber(n.into()), Shape::Int))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Shape, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Shape::Null, Shape::OtherNumber))
            }
            fn visit_str<E>(self, s: &str) -> Result<Shape, E> {
                Ok(Shape::Str(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
                CheckedVisitor.visit_seq(seq).map(|_| Shape::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Shape, A::Error> {
                CheckedVisitor.visit_map(map).map(|_| Shape::Object)
            }
        }
        d.deserialize_any(V)
    }
}

/// Any JSON value, read as tower-lsp's decoder reads it (see [`Envelope`]) and dropped.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

/// Whether a body that is not valid JSON looks like a response to one of our requests
/// (a top-level `result` or `error` and no `method`), which is never answered.
fn looks_like_response(body: &[u8]) -> bool {
    let has = |name: &[u8]| member_value(body, name).is_some();
    !has(b"method") && (has(b"result") || has(b"error"))
}

/// The top-level `"id"` of a body that is not valid JSON (cut short, say), when it
/// comes before the damage.
fn salvage_id(body: &[u8]) -> Option<Value> {
    read_id(&body[member_value(body, b"id")?..])
}

/// Where the value of the top-level member `name` starts in a body that may not be
/// valid JSON, when the member comes before the damage: a short scan of the object's
/// first level.
fn member_value(body: &[u8], name: &[u8]) -> Option<usize> {
    let mut i = body.iter().position(|b| !b.is_ascii_whitespace())?;
    if body[i] != b'{' {
        return None;
    }
    i += 1;
    let mut depth = 1usize;
    let mut expect_key = true;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let end = string_end(body, i)?;
                if depth == 1 && expect_key {
                    let key = &body[i + 1..end];
                    let mut j = end + 1;
                    while body.get(j).is_some_and(u8::is_ascii_whitespace) {
                        j += 1;
                    }
                    if body.get(j) != Some(&b':') {
                        return None;
                    }
                    if key == name {
                        return Some(j + 1);
                    }
                    expect_key = false;
                    i = j + 1;
                    continue;
                }
                i = end + 1;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b',' if depth == 1 => expect_key = true,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the quote that closes the string starting at `start`.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A number or string literal at the start of `bytes` (after whitespace).
fn read_id(bytes: &[u8]) -> Option<Value> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    let len = if rest.first() == Some(&b'"') {
        string_end(rest, 0)? + 1
    } else {
        rest.iter().position(|b| !(b.is_ascii_digit() || b"-+.eE".contains(b))).unwrap_or(rest.len())
    };
    // The literal must be followed by the end of the member (or the cut).
    let after = rest[len..].iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(after, None | Some(b',' | b'}')) {
        return None;
    }
    match serde_json::from_slice::<Value>(&rest[..len]).ok()? {
        v @ (Value::Number(_) | Value::String(_)) => Some(v),
        _ => None,
    }
}

/// Writes a message with its header, as one frame.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads the client's bytes, passes well-formed frames to `to_server` (tower-lsp's
/// input), and sends error responses and log lines for the rest to `replies`. Returns
/// at the end of the input, closing `to_server` so the server sees it end too.
pub async fn read_input<I, W>(mut input: I, mut to_server: W, replies: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut decoder = FrameDecoder::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = match tokio::time::timeout(STALL, input.read(&mut chunk)).await {
            Ok(read) => read,
            Err(_) => {
                if let Some(f) = decoder.idle() {
                    if !deliver(f, &mut to_server, &replies).await {
                        break;
                    }
                }
                continue;
            }
        };
        let n = match read {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                report(&replies, &format!("cannot read the input ({e}); stopping"));
                break;
            }
        };
        decoder.push(&chunk[..n]);
        while let Some(f) = decoder.next_frame() {
            if !deliver(f, &mut to_server, &replies).await {
                return;
            }
        }
    }
    if let Some(f) = decoder.finish() {
        deliver(f, &mut to_server, &replies).await;
    }
    let _ = to_server.shutdown().await;
}

/// Passes a frame on; false when the server's input is gone.
async fn deliver<W: AsyncWrite + Unpin>(f: Frame, to_server: &mut W, replies: &mpsc::UnboundedSender<Vec<u8>>) -> bool {
    match f {
        Frame::Message(body) => to_server.write_all(&frame(&body)).await.is_ok() && to_server.flush().await.is_ok(),
        Frame::Malformed(m) => {
            report(replies, &m.to_string());
            if let Some(reply) = m.reply {
                let _ = replies.send(frame(reply.to_string().as_bytes()));
            }
            true
        }
    }
}

/// Logs a framing problem on stderr and to the client (`window/logMessage`, warning).
fn report(replies: &mpsc::UnboundedSender<Vec<u8>>, problem: &str) {
    let message = format!("malformed input from the client: {problem}");
    if super::log::initial_level() >= super::log::LogLevel::Warn {
        eprintln!("debrief-ls warn: {message}");
    }
    let note = json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 2, "message": message}});
    let _ = replies.send(frame(note.to_string().as_bytes()));
}

/// Copies tower-lsp's output (`from_server`, well-formed frames) and the framing
/// layer's own messages (`replies`, whole frames) to `output`, a whole frame at a
/// time, so the two never interleave. Returns once tower-lsp's output has ended and
/// everything queued is written.
pub async fn write_output<R, O>(mut from_server: R, mut replies: mpsc::UnboundedReceiver<Vec<u8>>, mut output: O)
where
    R: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut replies_open = true;
    loop {
        tokio::select! {
            biased;
            read = from_server.read(&mut chunk) => {
                let n = match read { Ok(0) | Err(_) => break, Ok(n) => n };
                buf.extend_from_slice(&chunk[..n]);
                let mut taken = 0;
                while let Some(len) = whole_frame(&buf[taken..]) {
                    if output.write_all(&buf[taken..taken + len]).await.is_err() {
                        return;
                    }
                    taken += len;
                }
                buf.drain(..taken);
                if output.flush().await.is_err() {
                    return;
                }
            }
            reply = replies.recv(), if replies_open => match reply {
                Some(bytes) => {
                    if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                }
                None => replies_open = false,
            },
        }
    }
    while let Ok(bytes) = replies.try_recv() {
        let _ = output.write_all(&bytes).await;
    }
    let _ = output.write_all(&buf).await;
    let _ = output.flush().await;
}

/// The length of the complete frame at the start of tower-lsp's output, if there is one.
fn whole_frame(buf: &[u8]) -> Option<usize> {
    let end = memchr::memmem::find(buf, b"\r\n\r\n")?;
    let header = String::from_utf8_lossy(&buf[..end]);
    let declared = header.lines().find_map(|l| l.strip_prefix("Content-Length: ")).and_then(|n| n.trim().parse().ok());
    // tower-lsp always writes the header; if it ever did not, pass the bytes through.
    let Some(len) = declared else { return Some(buf.len()) };
    let total = end.saturating_add(4).saturating_add(len);
    (buf.len() >= total).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(v: &Value) -> Vec<u8> {
        frame(v.to_string().as_bytes())
    }

    fn hover(id: i64) -> Value {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}}})
    }

    /// Every frame from `input`, fed in chunks of `chunk` bytes.
    fn decode(input: &[u8], chunk: usize) -> Vec<Frame> {
        let mut d = FrameDecoder::new();
        let mut out = Vec::new();
        for c in input.chunks(chunk.max(1)) {
            d.push(c);
            while let Some(f) = d.next_frame() {
                out.push(f);
            }
        }
        out.extend(d.finish());
        out
    }

    fn messages(frames: &[Frame]) -> Vec<Value> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Message(b) => Some(serde_json::from_slice(b).unwrap()),
                Frame::Malformed(_) => None,
            })
            .collect()
    }

    fn replies(frames: &[Frame]) -> Vec<Value> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Malformed(m) => m.reply.clone(),
                Frame::Message(_) => None,
            })
            .collect()
    }

    fn logged(frames: &[Frame]) -> Vec<String> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Malformed(m) => Some(m.problem.clone()),
                Frame::Message(_) => None,
            })
            .collect()
    }

    #[test]
    fn well_formed_frames_pass_whatever_the_chunking() {
        let mut input = msg(&hover(1));
        input.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        input.extend(msg(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
        input.extend(msg(&json!({"jsonrpc": "2.0", "id": 7, "result": null})));
        // Pretty-printed, with raw CRLFs between tokens and a header name inside a string.
        let pretty =
            "{\r\n\r\n\"jsonrpc\": \"2.0\",\r\n\"method\": \"x\", \"params\": [\"Content-Length: 5\"]\r\n\r\n}";
        input.extend(frame(pretty.as_bytes()));
        for chunk in [1, 2, 3, 7, 64, input.len()] {
            let frames = decode(&input, chunk);
            assert_eq!(messages(&frames).len(), 4, "chunk {chunk}: {frames:?}");
            assert!(logged(&frames).is_empty(), "chunk {chunk}: {frames:?}");
        }
    }

    #[test]
    fn garbage_is_skipped_to_the_next_header_and_reported_once() {
        let mut input = b"\x00\xff garbage {\"id\": 3}\r\n\r\n".to_vec();
        input.extend(msg(&hover(1)));
        input.extend(b"more junk");
        for chunk in [1, 5, input.len()] {
            let frames = decode(&input, chunk);
            assert_eq!(messages(&frames), [hover(1)]);
            let log = logged(&frames);
            assert_eq!(log.len(), 2, "{log:?}");
            assert!(log[0].starts_with("skipped 24 bytes"), "{log:?}");
            assert!(replies(&frames).is_empty());
        }
    }

    #[test]
    fn invalid_json_with_a_readable_id_is_answered_with_a_parse_error() {
        let mut input = frame(br#"{"jsonrpc": "2.0", "id": 42, "method": "x", "params": {"a": }"#);
        input.extend(frame(br#"{"jsonrpc": "2.0", "params": {"id": 5, "#));
        input.extend(frame(b"\xff\xfe not utf-8"));
        input.extend(msg(&hover(2)));
        let frames = decode(&input, 3);
        let r = replies(&frames);
        assert_eq!(r.len(), 1, "only the top-level id counts: {r:?}");
        assert_eq!(r[0]["id"], 42);
        assert_eq!(r[0]["error"]["code"], PARSE_ERROR);
        assert_eq!(messages(&frames), [hover(2)]);
        assert_eq!(logged(&frames).len(), 3);
    }

    #[test]
    fn json_that_is_not_json_rpc_is_an_invalid_request() {
        let bodies: &[(&str, Option<Value>)] = &[
            (r#"{"jsonrpc": "1.0", "id": 1, "method": "x"}"#, Some(json!(1))),
            (r#"{"id": "a", "method": "x"}"#, Some(json!("a"))),
            (r#"{"jsonrpc": "2.0", "id": 2, "method": 5}"#, Some(json!(2))),
            (r#"{"jsonrpc": "2.0", "id": 2.5, "method": "x"}"#, Some(json!(2.5))),
            (r#"{"jsonrpc": "2.0", "id": {"a": 1}, "method": "x"}"#, None),
            (r#"{"jsonrpc": "2.0", "id": 3, "method": "x", "params": 5}"#, Some(json!(3))),
            (r#"{"jsonrpc": "2.0", "method": "x", "params": "s"}"#, None),
            (r#"{"jsonrpc": "2.0", "id": 18446744073709551615, "method": "x"}"#, Some(json!(18446744073709551615u64))),
            (r#"[{"jsonrpc": "2.0", "id": 1, "method": "x"}]"#, None),
            (r#"{"jsonrpc": "2.0", "id": 9, "error": {"code": 1, "message": "m", "extra": 1}}"#, None),
            ("17", None),
        ];
        for (body, id) in bodies {
            let frames = decode(&frame(body.as_bytes()), 4);
            assert!(messages(&frames).is_empty(), "{body} passed");
            let r = replies(&frames);
            match id {
                Some(id) => {
                    assert_eq!(r.len(), 1, "{body}");
                    assert_eq!(&r[0]["id"], id, "{body}");
                    assert_eq!(r[0]["error"]["code"], INVALID_REQUEST, "{body}");
                }
                None => assert!(r.is_empty(), "{body}: {r:?}"),
            }
        }
    }

    #[test]
    fn a_content_length_too_small_answers_the_request_and_resynchronises() {
        let body = hover(5).to_string();
        let mut input = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10).into_bytes();
        input.extend(msg(&hover(6)));
        for chunk in [1, 9, input.len()] {
            let frames = decode(&input, chunk);
            let r = replies(&frames);
            assert_eq!(r.len(), 1, "{frames:?}");
            assert_eq!((r[0]["id"].clone(), r[0]["error"]["code"].clone()), (json!(5), json!(PARSE_ERROR)));
            assert_eq!(messages(&frames), [hover(6)]);
        }
    }

    #[test]
    fn a_content_length_too_large_answers_the_request_and_keeps_the_next_one() {
        let body = hover(5).to_string();
        let mut input = format!("Content-Length: {}\r\n\r\n{body}", body.len() + 40).into_bytes();
        input.extend(msg(&hover(6)));
        input.extend(msg(&hover(7)));
        for chunk in [1, 13, input.len()] {
            let frames = decode(&input, chunk);
            let r = replies(&frames);
            assert_eq!(r.len(), 1, "chunk {chunk}: {frames:?}");
            assert_eq!((r[0]["id"].clone(), r[0]["error"]["code"].clone()), (json!(5), json!(INVALID_REQUEST)));
            assert_eq!(messages(&frames), [hover(6), hover(7)], "chunk {chunk}");
        }
    }

    #[test]
    fn a_last_message_with_a_content_length_too_large_is_answered_when_input_stalls() {
        let body = hover(8).to_string();
        let mut d = FrameDecoder::new();
        d.push(format!("Content-Length: {}\r\n\r\n{}", body.len() + 1, &body[..body.len() - 1]).as_bytes());
        assert_eq!(d.next_frame(), None);
        assert!(d.awaiting_body());
        assert_eq!(d.idle(), None, "an incomplete JSON value may still be arriving");
        d.push(&body.as_bytes()[body.len() - 1..]);
        assert_eq!(d.next_frame(), None);
        let Some(Frame::Malformed(m)) = d.idle() else { panic!("a stalled whole value is refused") };
        assert_eq!(m.reply.unwrap()["id"], 8);
        assert!(!d.awaiting_body());
        d.push(&msg(&hover(9)));
        assert!(matches!(d.next_frame(), Some(Frame::Message(_))));
    }

    #[test]
    fn absurd_or_unreadable_lengths_are_refused_without_allocating() {
        let mut input = b"Content-Length: 99999999999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1}".to_vec();
        input.extend(b"Content-Length: 67108865\r\n\r\nxx");
        input.extend(b"Content-Length: -4\r\n\r\n{}");
        input.extend(b"Content-Length: 12abc\r\n\r\n{}");
        input.extend(b"Content-Length: 0\r\n\r\n");
        input.extend(b"Content-Type: text/plain; charset=latin1\r\nContent-Length: 2\r\n\r\n{}");
        input.extend(msg(&hover(1)));
        let mut d = FrameDecoder::new();
        let mut frames = Vec::new();
        for c in input.chunks(16) {
            d.push(c);
            assert!(d.buffered() < 2 * MAX_HEADER_BYTES, "nothing large is held");
            while let Some(f) = d.next_frame() {
                frames.push(f);
            }
        }
        assert_eq!(messages(&frames), [hover(1)]);
        assert!(replies(&frames).is_empty());
        let log = logged(&frames).join("\n");
        assert!(log.contains("over the limit") && log.contains("not a number"), "{log}");
        assert!(log.contains("unsupported charset"), "{log}");
        assert!(log.contains("empty message"), "{log}");
    }

    #[test]
    fn input_ending_mid_message_is_reported() {
        let frames = decode(b"Content-Length: 50\r\n\r\n{\"jsonrpc\"", 4);
        assert_eq!(logged(&frames), ["input ended 10 bytes into a message of 50"]);
        let frames = decode(b"Content-Len", 4);
        assert_eq!(logged(&frames).len(), 1);
        assert!(decode(b"\r\n", 4).is_empty());
    }

    /// The mirror of tower-lsp's private `jsonrpc::Message`, which its decoder reads:
    /// the framing layer must pass nothing this refuses.
    #[derive(Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)] // only whether it decodes matters
    enum TowerMessage {
        Response(tower_lsp::jsonrpc::Response),
        Request(tower_lsp::jsonrpc::Request),
    }

    fn tower_decodes(body: &[u8]) -> bool {
        std::str::from_utf8(body).is_ok_and(|text| serde_json::from_str::<TowerMessage>(text).is_ok())
    }

    #[test]
    fn everything_accepted_decodes_as_tower_lsp_messages() {
        let bodies = [
            r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":"s","method":"","params":null}"#,
            r#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"x","params":[]}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"m","data":[1]}}"#,
            r#"{"jsonrpc":"2.0","id":"1","result":{"a":1},"extra":true}"#,
            r#"{"json\u0072pc":"2\u002e0","method":"x","x":[1e308,-1e-400,{"":"\ud83d\ude00"}]}"#,
        ];
        for body in bodies {
            assert_eq!(validate(body.as_bytes()), Ok(Cow::Borrowed(body.as_bytes())), "{body}");
            assert!(tower_decodes(body.as_bytes()), "{body}");
        }
    }

    /// What the framing layer does with a body.
    #[derive(Debug, PartialEq)]
    enum Outcome {
        /// Passed on as it is.
        Passed,
        /// Passed on with lone surrogates replaced.
        Repaired,
        /// Refused with this error code for this id.
        Answered(i64, Value),
        /// Refused, logged, not answered.
        Logged,
    }

    /// Bodies tower-lsp's decoder refuses (which would end its input) or takes for
    /// something else, and bodies at the edge of what it takes: passed only when it
    /// decodes them, else answered with the right error when there is an id.
    #[test]
    fn refused_or_repaired() {
        use Outcome::{Answered, Logged, Passed, Repaired};
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let request = |extra: &str| format!(r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{{}}{extra}}}"#);
        let cases = [
            // Numbers beyond an f64, skipped by `IgnoredAny` but not by tower-lsp.
            (request(r#","x":1e400"#), Answered(PARSE_ERROR, json!(1))),
            (request(r#","x":-1e400"#), Answered(PARSE_ERROR, json!(1))),
            (request(&format!(r#","x":1{}"#, "0".repeat(400))), Answered(PARSE_ERROR, json!(1))),
            (r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":1e400}}"#.into(), Answered(PARSE_ERROR, json!(1))),
            (r#"{"jsonrpc":"2.0","method":"x","x":1e400}"#.into(), Logged),
            // Lone surrogates anywhere, in a member tower-lsp ignores too.
            (request(r#","x":"\ud800""#), Repaired),
            (request(r#","\udc00":1"#), Repaired),
            (request(r#","x":{"\ud800":"\udfff"}"#), Repaired),
            (r#"{"jsonrpc":"2.0","id":1,"method":"x","params":["\ud800"]}"#.into(), Repaired),
            // Nesting: the top-level object and 126 levels are within serde_json's 128.
            (request(&format!(r#","x":{}"#, nested(126))), Passed),
            (request(&format!(r#","x":{}"#, nested(127))), Answered(PARSE_ERROR, json!(1))),
            (request(&format!(r#","x":{{"y":{}}}"#, nested(200))), Answered(PARSE_ERROR, json!(1))),
            (
                format!(r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}}}"#, nested(127)),
                Answered(PARSE_ERROR, json!(1)),
            ),
            (format!(r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}}}"#, nested(126)), Passed),
            // Ids.
            (r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#.into(), Passed),
            (r#"{"jsonrpc":"2.0","id":1.0,"method":"x"}"#.into(), Answered(INVALID_REQUEST, json!(1.0))),
            (r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#.into(), Logged),
            // Members missing or given twice (tower-lsp refuses a known one twice).
            (r#"{"id":1,"method":"x"}"#.into(), Answered(INVALID_REQUEST, json!(1))),
            (r#"{"jsonrpc":"2.0","jsonrpc":"2.0","id":1,"method":"x"}"#.into(), Answered(INVALID_REQUEST, json!(1))),
            (r#"{"jsonrpc":"2.0","id":1,"method":"x","id":2}"#.into(), Answered(INVALID_REQUEST, json!(2))),
            (r#"{"jsonrpc":"2.0","id":1,"method":"x","method":"y"}"#.into(), Answered(INVALID_REQUEST, json!(1))),
            (request(r#","params":[]"#), Answered(INVALID_REQUEST, json!(1))),
            (request(r#","x":1,"x":2"#), Passed),
            (r#"{"jsonrpc":"2.0","id":3}"#.into(), Answered(INVALID_REQUEST, json!(3))),
            // A request tower-lsp would take for a response, leaving it unanswered.
            (request(r#","result":null"#), Answered(INVALID_REQUEST, json!(1))),
            (request(r#","error":{"code":1,"message":"m"}"#), Answered(INVALID_REQUEST, json!(1))),
            // Responses are never answered.
            (r#"{"jsonrpc":"2.0","id":"r","result":{"x":1e400}}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":"r","error":{"code":1,"message":"m"},"x":1e400}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":"r","error":{"code":1.5,"message":"m"}}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":"r","result":1,"result":2}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","result":1}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":"r","result":null,"error":null}"#.into(), Logged),
            (r#"{"jsonrpc":"2.0","id":"r","result":null,"x":"\ud800"}"#.into(), Repaired),
        ];
        for (body, expected) in cases {
            let shown: String = body.chars().take(90).collect();
            let outcome = match validate(body.as_bytes()) {
                Ok(passed) => {
                    assert!(tower_decodes(&passed), "passed what tower-lsp refuses: {shown}");
                    if passed == body.as_bytes() {
                        Passed
                    } else {
                        Repaired
                    }
                }
                Err(Malformed { reply: Some(reply), .. }) => {
                    Answered(reply["error"]["code"].as_i64().unwrap(), reply["id"].clone())
                }
                Err(Malformed { reply: None, .. }) => Logged,
            };
            assert_eq!(outcome, expected, "{shown}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// A request, a notification, a response or nothing much, with members made of
        /// the keys and values below added in any number: whatever passes, tower-lsp
        /// decodes.
        #[test]
        fn whatever_passes_tower_lsp_decodes(
            base in 0..BASES.len(),
            members in proptest::collection::vec((0..KEYS.len(), 0..VALUES.len()), 0..4),
        ) {
            let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
            let value = |i: usize| match VALUES[i] {
                "DEEP126" => nested(126),
                "DEEP127" => nested(127),
                v => v.to_string(),
            };
            let added = members.iter().map(|&(k, v)| format!(",\"{}\":{}", KEYS[k], value(v)));
            let body = format!("{{{}{}}}", BASES[base], added.collect::<String>());
            if let Ok(passed) = validate(body.as_bytes()) {
                proptest::prop_assert!(tower_decodes(&passed), "{}", String::from_utf8_lossy(&passed));
            }
        }
    }

    const BASES: [&str; 5] = [
        r#""jsonrpc":"2.0","method":"x""#,
        r#""jsonrpc":"2.0","id":1,"method":"x""#,
        r#""jsonrpc":"2.0","id":1,"result":null"#,
        r#""jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}"#,
        r#""x":0"#,
    ];

    const KEYS: [&str; 9] = ["jsonrpc", "id", "method", "params", "result", "error", "x", r"\ud800", r"json\u0072pc"];

    const VALUES: [&str; 22] = [
        r#""2.0""#,
        r#""1.0""#,
        "1",
        "-1",
        "1.5",
        "1e400",
        "18446744073709551616",
        "null",
        "true",
        r#""x""#,
        r#""\ud800""#,
        r#""\udc00\ud800""#,
        "{}",
        "[]",
        r#"{"a":1e400}"#,
        r#"["\ud800"]"#,
        "DEEP126",
        "DEEP127",
        r#"{"code":1,"message":"m"}"#,
        r#"{"code":1,"message":"m","data":1e400}"#,
        r#"{"code":1.0,"message":"m"}"#,
        r#"{"code":1,"message":"\ud800"}"#,
    ];

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        // Found by fuzzing: the shape check skipped such strings, and tower-lsp refused
        // them and stopped reading.
        let body = br#"{"jsonrpc":"2.0","method":"x","params":{"text":"a\udea8b \ud83d\ude00 \\udea8 \ud800"}}"#;
        let passed = validate(body).expect("served");
        let text = std::str::from_utf8(&passed).unwrap();
        let expected = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"a\ufffdb \ud83d\ude00 \\udea8 \ufffd"}}"#;
        assert_eq!(text, expected);
        let request: tower_lsp::jsonrpc::Request = serde_json::from_str(text).unwrap();
        assert_eq!(request.params().unwrap()["text"], "a\u{fffd}b 😀 \\udea8 \u{fffd}");
        // A string bad for another reason is still refused, with its id.
        let bad = br#"{"jsonrpc":"2.0","id":4,"method":"x","params":{"t":"\uZZZZ"}}"#;
        assert_eq!(validate(bad).unwrap_err().reply.unwrap()["id"], 4);
    }

    #[test]
    fn ids_are_salvaged_only_from_the_top_level() {
        assert_eq!(salvage_id(br#"{"jsonrpc":"2.0","id":12,"method":"x","params":{"#), Some(json!(12)));
        assert_eq!(salvage_id(br#"{"method":"x","id":"a\"b","params":"#), Some(json!("a\"b")));
        assert_eq!(salvage_id(br#"{"params":{"id":3},"method":"x""#), None);
        assert_eq!(salvage_id(br#"{"params":"\"id\":3""#), None);
        assert_eq!(salvage_id(br#"{"id":1x}"#), None);
        assert_eq!(salvage_id(br#"{"id":12"#), Some(json!(12)));
        assert_eq!(salvage_id(b"[1]"), None);
    }

    #[tokio::test]
    async fn the_tasks_pass_messages_on_and_answer_the_rest_without_interleaving() {
        let (mut client, server_side) = tokio::io::duplex(1024);
        let (to_server, mut server_reads) = tokio::io::duplex(1 << 16);
        let (tx, rx) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_input(server_side, to_server, tx));
        let mut input = frame(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":}"#);
        input.extend(msg(&hover(2)));
        client.write_all(&input).await.unwrap();
        drop(client);
        reader.await.unwrap();
        let mut passed = Vec::new();
        server_reads.read_to_end(&mut passed).await.unwrap();
        assert_eq!(passed, msg(&hover(2)));

        // A tiny pipe, so tower-lsp's frame arrives in pieces.
        let (mut server_out, from_server) = tokio::io::duplex(16);
        let (out_write, mut out_read) = tokio::io::duplex(1 << 16);
        let feeder = tokio::spawn(async move {
            server_out.write_all(&msg(&json!({"jsonrpc": "2.0", "id": 2, "result": null}))).await.unwrap();
        });
        write_output(from_server, rx, out_write).await;
        feeder.await.unwrap();
        let mut written = Vec::new();
        out_read.read_to_end(&mut written).await.unwrap();
        let frames = decode(&written, written.len());
        let all: Vec<Value> = frames
            .iter()
            .map(|f| match f {
                Frame::Message(b) => serde_json::from_slice(b).unwrap(),
                Frame::Malformed(m) => panic!("the output is well-formed: {m}"),
            })
            .collect();
        assert!(all.iter().any(|m| m["id"] == 1 && m["error"]["code"] == PARSE_ERROR), "{all:?}");
        assert!(all.iter().any(|m| m["method"] == "window/logMessage"), "{all:?}");
        assert!(all.iter().any(|m| m["id"] == 2 && m["result"].is_null()), "{all:?}");
    }
}
