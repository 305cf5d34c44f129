//! The accept loop. Each connection is served by hyper directly (not
//! `axum::serve`) so that a fault can close one connection without an answer,
//! and so shutdown can be graceful.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Notify};
use tower::ServiceExt;

use crate::conns::{Registered, SocketSlot};
use crate::state::Shared;
use crate::{api, control, guard};

/// How long shutdown waits for open requests.
const DRAIN: Duration = Duration::from_secs(5);

/// Put in each request's extensions: notifying it closes the connection.
#[derive(Clone)]
pub struct ConnKill(pub Arc<Notify>);

/// Layers run outside in: faults, then the control endpoints' guard, then
/// the body read (bounded in size and time), then the handler.
pub fn router(shared: Arc<Shared>) -> Router {
    control::routes()
        .fallback(api::api)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), guard::read_body))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::control_only_from_loopback,
        ))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), api::fault_layer))
        .with_state(shared)
}

pub async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let app = router(shared.clone());
    // Each connection holds a sender; all dropped means all closed.
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    loop {
        tokio::select! {
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break;
                }
            }
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let (registered, evicted) = shared.conns.register();
                    if let Some(evicted) = evicted {
                        shared.log(format_args!(
                            "{} connections open (the limit): closed the one idle for {} ms",
                            shared.config.max_connections, evicted.idle_ms
                        ));
                    }
                    // Under load the evicted socket may not have closed yet.
                    let slot = tokio::select! {
                        slot = shared.conns.socket_slot() => slot,
                        _ = stop.changed() => None,
                    };
                    let Some(slot) = slot else { break };
                    tokio::spawn(connection(stream, registered, slot, shared.clone(), app.clone(), stop.clone(), open_tx.clone()));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    shared.log(format_args!("accept failed: {e}"));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }
    drop(listener);
    drop(open_tx);
    shared.stop_background();
    let _ = tokio::time::timeout(DRAIN, open_rx.recv()).await;
}

async fn connection(
    stream: TcpStream,
    registered: Registered,
    slot: SocketSlot,
    shared: Arc<Shared>,
    app: Router,
    mut stop: watch::Receiver<bool>,
    _open: mpsc::Sender<()>,
) {
    let _ = stream.set_nodelay(true);
    let kill: Arc<Notify> = registered.kill.clone();
    let handle = ConnKill(kill.clone());
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        app.clone().oneshot(request)
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30));
    let stream = shared.conns.watch(stream, &registered, slot);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut stopping = *stop.borrow();
    if stopping {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            // Dropping the connection closes the socket without an answer.
            _ = kill.notified() => break,
            _ = stop.changed(), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}
