//! The connection cap. Every open connection is registered with the time it
//! last moved a byte; when a new one would exceed the cap, the one idle
//! longest is closed, so clients that open connections and then stall
//! (headers and one body byte, then nothing) can never take every file
//! descriptor, and a fresh client such as `/_sandbox/health` is still served.
//! An evicted connection closes its socket a moment later, on its own task;
//! a semaphore counts sockets really open, so the accept loop waits for that
//! close instead of running ahead of it under load.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use crate::state::lock;

/// Milliseconds since the sandbox started; all activity stamps use it.
#[derive(Clone, Copy)]
pub struct Clock(Instant);

impl Clock {
    pub fn new() -> Clock {
        Clock(Instant::now())
    }

    fn now_ms(self) -> u64 {
        self.0.elapsed().as_millis() as u64
    }
}

struct Entry {
    last_active: Arc<AtomicU64>,
    kill: Arc<Notify>,
}

pub struct Connections {
    max: usize,
    clock: Clock,
    open: Mutex<(u64, HashMap<u64, Entry>)>,
    sockets: Arc<Semaphore>,
}

/// One registered connection; dropping it unregisters it.
pub struct Registered {
    pub id: u64,
    pub kill: Arc<Notify>,
    pub last_active: Arc<AtomicU64>,
    conns: Arc<Connections>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        lock(&self.conns.open).1.remove(&self.id);
    }
}

/// What made room for a new connection.
pub struct Evicted {
    pub idle_ms: u64,
}

impl Connections {
    pub fn new(max: usize) -> Arc<Connections> {
        Arc::new(Connections {
            max,
            clock: Clock::new(),
            open: Mutex::new((0, HashMap::new())),
            sockets: Arc::new(Semaphore::new(max)),
        })
    }

    /// Registers a new connection, closing the one idle longest if the cap
    /// is reached.
    pub fn register(self: &Arc<Self>) -> (Registered, Option<Evicted>) {
        let now = self.clock.now_ms();
        let mut open = lock(&self.open);
        let mut evicted = None;
        if open.1.len() >= self.max {
            let idlest = open
                .1
                .iter()
                .min_by_key(|(_, e)| e.last_active.load(Ordering::Relaxed))
                .map(|(&id, _)| id);
            if let Some(entry) = idlest.and_then(|id| open.1.remove(&id)) {
                // notify_one keeps a permit, so it works even between polls.
                entry.kill.notify_one();
                let idle_ms = now.saturating_sub(entry.last_active.load(Ordering::Relaxed));
                evicted = Some(Evicted { idle_ms });
            }
        }
        open.0 += 1;
        let id = open.0;
        let kill = Arc::new(Notify::new());
        let last_active = Arc::new(AtomicU64::new(now));
        open.1.insert(
            id,
            Entry {
                last_active: last_active.clone(),
                kill: kill.clone(),
            },
        );
        let registered = Registered {
            id,
            kill,
            last_active,
            conns: self.clone(),
        };
        (registered, evicted)
    }

    pub fn count(&self) -> usize {
        lock(&self.open).1.len()
    }

    /// Waits until fewer than `max` sockets are open (evicted ones included
    /// until they have really closed). `None` only if the semaphore closed.
    pub async fn socket_slot(&self) -> Option<SocketSlot> {
        self.sockets.clone().acquire_owned().await.ok().map(SocketSlot)
    }

    /// The stream, stamping `last_active` whenever a byte moves; it holds
    /// the socket's slot until the socket is dropped.
    pub fn watch(&self, stream: TcpStream, registered: &Registered, slot: SocketSlot) -> Watched {
        Watched {
            stream,
            last_active: registered.last_active.clone(),
            clock: self.clock,
            _slot: slot,
        }
    }
}

/// One open socket's share of the cap.
pub struct SocketSlot(#[allow(dead_code)] OwnedSemaphorePermit);

/// Fields drop in order: the socket closes before its slot is released.
pub struct Watched {
    stream: TcpStream,
    last_active: Arc<AtomicU64>,
    clock: Clock,
    _slot: SocketSlot,
}

impl Watched {
    fn stamp(&self) {
        self.last_active.store(self.clock.now_ms(), Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.stamp();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.stamp();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
