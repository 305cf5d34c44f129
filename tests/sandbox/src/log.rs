//! The log: serving never waits for stderr. Lines go through a bounded queue
//! to one writer thread; when the queue is full (stderr is a pipe nobody
//! reads, or a slow terminal) the line is dropped and counted, and the writer
//! says how many were dropped once it can write again.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Lines queued before new ones are dropped.
const QUEUE: usize = 1024;

enum Message {
    Line(String),
    /// Answered once every line queued before it is written.
    Flush(SyncSender<()>),
}

#[derive(Default)]
pub struct Log {
    /// Started on the first line, so a quiet sandbox has no thread.
    queue: OnceLock<SyncSender<Message>>,
    dropped: Arc<Dropped>,
}

#[derive(Default)]
struct Dropped {
    /// Since the sandbox started (shown by `/_sandbox/health`).
    total: AtomicU64,
    /// Not yet reported by the writer.
    unreported: AtomicU64,
}

impl Log {
    /// Queues one line for stderr; never blocks.
    pub fn line(&self, line: String) {
        self.send(Message::Line(line));
    }

    /// Lines dropped so far because stderr was not keeping up.
    pub fn dropped(&self) -> u64 {
        self.dropped.total.load(Ordering::Relaxed)
    }

    /// Waits up to `limit` for the queued lines to be written (at exit).
    pub fn flush(&self, limit: Duration) {
        let (done, wait) = sync_channel(1);
        if self.send(Message::Flush(done)) {
            let _ = wait.recv_timeout(limit);
        }
    }

    fn send(&self, message: Message) -> bool {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = sync_channel(QUEUE);
            let dropped = self.dropped.clone();
            // If the thread cannot start, every line counts as dropped.
            let _ = std::thread::Builder::new()
                .name("alexpay-sandbox-log".into())
                .spawn(move || write_lines(rx, &dropped));
            tx
        });
        match queue.try_send(message) {
            Ok(()) => true,
            Err(TrySendError::Full(Message::Line(_)) | TrySendError::Disconnected(Message::Line(_))) => {
                self.dropped.total.fetch_add(1, Ordering::Relaxed);
                self.dropped.unreported.fetch_add(1, Ordering::Relaxed);
                false
            }
            Err(_) => false,
        }
    }
}

/// The writer thread: the only code that may block on stderr.
fn write_lines(queue: Receiver<Message>, dropped: &Dropped) {
    let stderr = std::io::stderr();
    for message in queue {
        let mut out = stderr.lock();
        let missed = dropped.unreported.swap(0, Ordering::Relaxed);
        if missed > 0 {
            let _ = writeln!(
                out,
                "alexpay-sandbox: {missed} log line(s) dropped: stderr was not read fast enough"
            );
        }
        match message {
            Message::Line(line) => {
                let _ = writeln!(out, "alexpay-sandbox: {line}");
            }
            Message::Flush(done) => {
                let _ = out.flush();
                let _ = done.try_send(());
            }
        }
    }
}
