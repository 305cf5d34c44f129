//! What every request passes before its handler: the control endpoints only
//! answer local callers, the sandbox never answers its own webhooks, and a
//! body is read whole within a size and a time limit.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;

use crate::api::{error, MAX_BODY_BYTES};
use crate::state::Shared;
use crate::webhooks::ATTEMPT_HEADER;

pub fn is_control(path: &str) -> bool {
    path == "/_sandbox" || path.starts_with("/_sandbox/")
}

/// A host name or address that reaches this machine only: `localhost` (and
/// `*.localhost`, which browsers never resolve through DNS), a loopback
/// address, or the address the sandbox is bound to. `host` may carry a port.
pub fn is_local_host(host: &str, own: SocketAddr) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || (ip == own.ip() && !ip.is_unspecified()))
}

/// Why a control request is refused: a page on another site (its `Origin`)
/// or a DNS-rebound name (its `Host`) must not drive or read the sandbox.
fn foreign(headers: &HeaderMap, own: SocketAddr) -> Option<&'static str> {
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    if let Some(host) = text(header::HOST) {
        if !is_local_host(host, own) {
            return Some("Control endpoints answer only requests addressed to localhost or a loopback address");
        }
    }
    if let Some(origin) = text(header::ORIGIN) {
        let authority = origin.split_once("://").map(|(_, rest)| rest);
        if !authority.is_some_and(|a| !a.contains('/') && is_local_host(a, own)) {
            return Some("Control endpoints do not answer pages from other sites (Origin is not local)");
        }
    }
    None
}

/// Control endpoints for local callers only; nothing for the sandbox's own
/// webhook deliveries (a payout whose `webhook_url` points back at it).
pub async fn control_only_from_loopback(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if request.headers().contains_key(ATTEMPT_HEADER) {
        return error(
            StatusCode::FORBIDDEN,
            "The sandbox does not accept its own webhook deliveries",
        );
    }
    if is_control(request.uri().path()) {
        if let Some(why) = foreign(request.headers(), shared.addr) {
            return error(StatusCode::FORBIDDEN, why);
        }
    }
    next.run(request).await
}

enum Short {
    TooLarge,
    Broken(String),
}

/// Reads the body into `into`, at most `limit` bytes.
async fn collect(mut body: Body, limit: usize, into: &mut BytesMut) -> Result<(), Short> {
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Short::Broken(e.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if into.len() + data.len() > limit {
                return Err(Short::TooLarge);
            }
            into.extend_from_slice(&data);
        }
    }
    Ok(())
}

fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Reads the whole body before the handler: at most `MAX_BODY_BYTES`, within
/// `body_timeout_ms`. A client that stops sending mid-body gets a 400 (or
/// just the closed connection) and an honest log line, never "too large".
pub async fn read_body(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return too_large();
    }
    let what = format!("{} {}", parts.method, parts.uri.path());
    let limit = Duration::from_millis(shared.config.body_timeout_ms);
    let mut bytes = BytesMut::new();
    let read = tokio::time::timeout(limit, collect(body, MAX_BODY_BYTES, &mut bytes)).await;
    let got = bytes.len();
    match read {
        Ok(Ok(())) => {
            next.run(Request::from_parts(parts, Body::from(Bytes::from(bytes))))
                .await
        }
        Ok(Err(Short::TooLarge)) => too_large(),
        Ok(Err(Short::Broken(why))) => {
            shared.log(format_args!(
                "{what}: the client stopped sending mid-body after {got} bytes ({why})"
            ));
            closing(error(
                StatusCode::BAD_REQUEST,
                "The request body ended before it was complete",
            ))
        }
        Err(_) => {
            shared.log(format_args!(
                "{what}: the body did not arrive within {} ms ({got} bytes received); closing",
                limit.as_millis()
            ));
            closing(error(
                StatusCode::REQUEST_TIMEOUT,
                format!("The request body did not arrive within {} ms", limit.as_millis()),
            ))
        }
    }
}

fn too_large() -> Response {
    closing(error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request body is too large (at most {MAX_BODY_BYTES} bytes)"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts() {
        let own: SocketAddr = "127.0.0.1:8089".parse().unwrap();
        for ok in [
            "localhost",
            "LOCALHOST:8089",
            "127.0.0.1:8089",
            "127.9.9.9",
            "[::1]:8089",
            "app.localhost",
            "localhost.",
        ] {
            assert!(is_local_host(ok, own), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8089",
            "10.0.0.1:8089",
            "localhost.evil.example",
            "[::2]",
            "",
            "0.0.0.0",
        ] {
            assert!(!is_local_host(bad, own), "{bad}");
        }
        let bound: SocketAddr = "192.0.2.7:8089".parse().unwrap();
        assert!(is_local_host("192.0.2.7:8089", bound));
        let any: SocketAddr = "0.0.0.0:8089".parse().unwrap();
        assert!(!is_local_host("0.0.0.0:8089", any));
    }
}
