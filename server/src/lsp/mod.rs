//! The language server (SPEC 7): LSP 3.17 over stdio on tower-lsp, a shell over
//! `debrief-core` with no rule logic of its own.
//!
//! - [`backend`]: the one `LanguageServer`: lifecycle, documents, requests.
//! - [`document`]: open documents (ropes) and their latest analysis.
//! - [`position`]: every byte ↔ LSP position conversion.
//! - [`convert`], [`actions`], [`outline`]: the core's results as LSP values.
//! - [`config`]: editor settings and `debrief.toml` files, resolved per document.
//! - [`words`]: "Allow “X”" and "Treat “X” as a person", which add a word to
//!   `debrief.toml` (the one place the server writes a file).
//! - [`log`]: stderr and `window/logMessage`.
//! - [`framing`]: `Content-Length` framing and JSON-RPC validation in front of
//!   tower-lsp, so malformed input is answered or logged, never the end of the server.
//!
//! [`serve_with`] takes any reader and writer (stdio, a test's in-memory pipe); bytes
//! pass through [`framing`] both ways.

#![warn(missing_docs)]

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::{ExitedError, LspService, Server};
use tower_service::Service;

pub mod actions;
pub mod backend;
pub mod config;
pub mod convert;
pub mod document;
pub mod framing;
pub mod log;
pub mod outline;
pub mod position;
pub mod words;

pub use backend::Backend;

/// How long the server waits, once its input has closed, for work in flight to finish.
const DRAIN_AFTER_EOF: Duration = Duration::from_millis(200);

/// How long the server waits, once it is done, for its output to be written.
const FLUSH_AT_END: Duration = Duration::from_secs(2);

/// The capacity of the in-memory pipes between the framing layer and tower-lsp.
const PIPE_BYTES: usize = 256 * 1024;

/// Why [`serve_with`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServeOutcome {
    /// The client sent `exit`; `after_shutdown` says whether `shutdown` came first.
    Exited {
        /// Whether `shutdown` was received before `exit`.
        after_shutdown: bool,
    },
    /// The input ended (the client went away).
    InputClosed,
}

impl ServeOutcome {
    /// The process exit code: 1 for `exit` without `shutdown` (as LSP asks), else 0.
    pub fn exit_code(self) -> ExitCode {
        match self {
            ServeOutcome::Exited { after_shutdown: false } => ExitCode::from(1),
            _ => ExitCode::SUCCESS,
        }
    }
}

/// What the lifecycle watchers tell [`serve_with`].
#[derive(Debug, Default)]
pub struct Lifecycle {
    shutdown: AtomicBool,
    exit: Notify,
    eof: Notify,
}

impl Lifecycle {
    /// Records the `shutdown` request.
    pub fn shut_down(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
    }

    /// Whether `shutdown` was received.
    pub fn is_shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

/// Runs the language server over stdio until the client exits or stdin closes.
pub fn serve() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("debrief-ls: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = runtime.block_on(serve_with(tokio::io::stdin(), tokio::io::stdout()));
    // Reading stdin blocks a thread; do not wait for it.
    runtime.shutdown_background();
    outcome.exit_code()
}

/// Serves LSP on `input` and `output` until `exit`, or until `input` ends.
///
/// The client's bytes go through [`framing::read_input`] before tower-lsp sees them, and
/// tower-lsp's output goes out through [`framing::write_output`] together with the
/// framing layer's own error responses, a whole message at a time.
pub async fn serve_with<I, O>(input: I, output: O) -> ServeOutcome
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_input, framed_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, framed_output) = tokio::io::duplex(PIPE_BYTES);
    let (replies_tx, replies_rx) = tokio::sync::mpsc::unbounded_channel();
    let publications = replies_tx.clone();
    let reader = tokio::spawn(framing::read_input(input, framed_input, replies_tx));
    let writer = tokio::spawn(framing::write_output(framed_output, replies_rx, output));

    let lifecycle = Arc::new(Lifecycle::default());
    let (service, socket) = LspService::new(|client| Backend::new(client, publications, lifecycle.clone()));
    let service = ExitWatch { inner: service, lifecycle: lifecycle.clone() };
    let server_input = EofWatch { inner: server_input, lifecycle: lifecycle.clone() };
    let mut server = Box::pin(Server::new(server_input, server_output, socket).serve(service));
    let outcome = tokio::select! {
        () = &mut server => ServeOutcome::InputClosed,
        () = lifecycle.exit.notified() => ServeOutcome::Exited {
            after_shutdown: lifecycle.shutdown.load(Ordering::SeqCst),
        },
        () = lifecycle.eof.notified() => {
            // tower-lsp keeps serving while a handler waits on the client; give work in
            // flight a moment, then stop.
            let _ = tokio::time::timeout(DRAIN_AFTER_EOF, &mut server).await;
            ServeOutcome::InputClosed
        }
    };
    // Dropping the server closes its output; the writer then finishes what is queued.
    drop(server);
    reader.abort();
    let _ = tokio::time::timeout(FLUSH_AT_END, writer).await;
    outcome
}

/// Passes every message to tower-lsp's service and signals once `exit` was handled:
/// tower-lsp itself only stops at the next message or at end of input.
struct ExitWatch<S> {
    inner: S,
    lifecycle: Arc<Lifecycle>,
}

type ResponseFuture = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

impl<S> Service<Request> for ExitWatch<S>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let is_exit = request.method() == "exit";
        let response = self.inner.call(request);
        let lifecycle = self.lifecycle.clone();
        Box::pin(async move {
            let out = response.await;
            if is_exit {
                lifecycle.exit.notify_one();
            }
            out
        })
    }
}

/// Signals when the input ends or fails.
struct EofWatch<R> {
    inner: R,
    lifecycle: Arc<Lifecycle>,
}

impl<R: AsyncRead + Unpin> AsyncRead for EofWatch<R> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let room = buf.remaining() > 0;
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        match &polled {
            Poll::Ready(Ok(())) if room && buf.filled().len() == before => self.lifecycle.eof.notify_one(),
            Poll::Ready(Err(_)) => self.lifecycle.eof.notify_one(),
            _ => {}
        }
        polled
    }
}
