//! Shared by the integration tests: a real HTTP client for the core's
//! requests, a tiny webhook receiver, and bounded waiting. Loopback only.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alexpay_core::{Action, Client, ClientConfig, HttpRequest, Operation, Outcome, PayoutFlow, TransportError};
use alexpay_sandbox::{Config, Sandbox};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::Value;

pub const PUBLIC_KEY: &str = "pk_test_sandbox";
pub const SECRET_KEY: &str = "sk_test_sandbox";
/// Upper bound for any single wait in the tests.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// A config for fast tests: short delays, quiet.
pub fn fast_config() -> Config {
    Config {
        delay_ms: 100,
        webhook_retry_base_ms: 20,
        webhook_retry_cap_ms: 100,
        webhook_timeout_ms: 2_000,
        ..Config::default()
    }
}

pub async fn sandbox() -> Sandbox {
    start(fast_config()).await
}

pub async fn start(config: Config) -> Sandbox {
    alexpay_sandbox::start(config).await.expect("sandbox starts")
}

pub fn client(sandbox: &Sandbox) -> Client {
    Client::new(ClientConfig {
        public_key: PUBLIC_KEY.into(),
        secret_key: SECRET_KEY.into(),
        base_url: sandbox.url(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client config")
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

fn http() -> hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>> {
    hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http()
}

/// Sends any request; a transport failure is classified the way the core's
/// retry policy wants it.
pub async fn raw(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
    timeout: Duration,
) -> Result<Answer, TransportError> {
    let mut builder = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let request = builder
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .expect("a valid request");
    let exchange = async {
        let response = http().request(request).await.map_err(|e| {
            if e.is_connect() {
                TransportError::Connect
            } else {
                TransportError::ConnectionLost
            }
        })?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|_| TransportError::ConnectionLost)?
            .to_bytes()
            .to_vec();
        Ok(Answer { status, headers, body })
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .unwrap_or(Err(TransportError::Timeout))
}

/// Sends a request the core built.
pub async fn send(request: &HttpRequest) -> Result<Answer, TransportError> {
    let headers: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    raw(request.method, &request.url, &headers, request.body.clone(), PATIENCE).await
}

/// How a payout flow ended, and how many payout requests it sent.
#[derive(Debug)]
pub struct FlowRun {
    pub outcome: Outcome,
    pub payout_requests: u32,
    pub status_checks: u32,
}

/// Drives a payout flow to its outcome with the real HTTP client: wall-clock
/// milliseconds since the start for `now_ms`, each request bounded by the
/// flow's `timeout_ms`, tokio sleeps for `Wait`. Bounded by 3 x `PATIENCE`.
pub async fn run_payout_flow(flow: &mut PayoutFlow) -> FlowRun {
    let started = Instant::now();
    let now = || started.elapsed().as_millis() as u64;
    let (mut payout_requests, mut status_checks) = (0, 0);
    loop {
        assert!(started.elapsed() < PATIENCE * 3, "the flow did not finish");
        match flow.next(now()) {
            Action::Send(out) => {
                match out.operation {
                    Operation::Payout => payout_requests += 1,
                    Operation::StatusCheck => status_checks += 1,
                }
                let request = &out.request;
                let headers: Vec<(&str, &str)> =
                    request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let timeout = Duration::from_millis(out.timeout_ms);
                match raw(request.method, &request.url, &headers, request.body.clone(), timeout).await {
                    Ok(answer) => {
                        let headers: Vec<(String, String)> = answer
                            .headers
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
                            .collect();
                        flow.on_response(out.id, now(), answer.status, &headers, &answer.body)
                            .expect("a real HTTP status");
                    }
                    Err(error) => flow.on_transport_error(out.id, now(), error),
                }
            }
            Action::Wait { until_ms } => {
                tokio::time::sleep(Duration::from_millis(until_ms.saturating_sub(now()))).await;
            }
            Action::Done(outcome) => {
                return FlowRun {
                    outcome,
                    payout_requests,
                    status_checks,
                }
            }
        }
    }
}

pub async fn get_json(url: &str) -> Value {
    raw("GET", url, &[], None, PATIENCE).await.expect("GET answers").json()
}

pub async fn post_json(url: &str, body: &str) -> Answer {
    raw(
        "POST",
        url,
        &[("content-type", "application/json")],
        Some(body.as_bytes().to_vec()),
        PATIENCE,
    )
    .await
    .expect("POST answers")
}

/// Polls `check` every 10 ms until it returns Some, at most `PATIENCE`.
pub async fn wait_for<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// One webhook as received.
#[derive(Debug, Clone)]
pub struct Hook {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub answered: u16,
}

impl Hook {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// A tiny webhook receiver on a free loopback port. It answers 500 to the
/// first `fail_first` requests, then 200, and records every request.
pub struct Receiver {
    pub addr: SocketAddr,
    pub hooks: Arc<Mutex<Vec<Hook>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(fail_first: u32) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        Receiver::serve(listener, fail_first)
    }

    /// On a given port (for "the receiver comes back up").
    pub async fn start_on(addr: SocketAddr) -> Receiver {
        let listener = tokio::net::TcpListener::bind(addr).await.expect("bind again");
        Receiver::serve(listener, 0)
    }

    fn serve(listener: tokio::net::TcpListener, fail_first: u32) -> Receiver {
        let addr = listener.local_addr().expect("addr");
        let hooks = Arc::new(Mutex::new(Vec::new()));
        let left = Arc::new(AtomicU32::new(fail_first));
        let recorded = hooks.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (recorded, left) = (recorded.clone(), left.clone());
                let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                    let (recorded, left) = (recorded.clone(), left.clone());
                    async move {
                        let headers = request
                            .headers()
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
                            .collect();
                        let body = match request.into_body().collect().await {
                            Ok(body) => body.to_bytes().to_vec(),
                            Err(_) => Vec::new(),
                        };
                        let failing = left
                            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                            .is_ok();
                        let answered = if failing { 500 } else { 200 };
                        recorded.lock().expect("lock").push(Hook {
                            headers,
                            body,
                            answered,
                        });
                        let mut response = hyper::Response::new(Full::new(Bytes::from_static(b"ok")));
                        if failing {
                            *response.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
                        }
                        Ok::<_, std::convert::Infallible>(response)
                    }
                });
                tokio::spawn(async move {
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Receiver { addr, hooks, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}/hooks", self.addr)
    }

    pub fn hooks(&self) -> Vec<Hook> {
        self.hooks.lock().expect("lock").clone()
    }

    /// The accepted (200) hooks about one payout.
    pub fn accepted_for(&self, payout_id: &str) -> Vec<Hook> {
        self.hooks()
            .into_iter()
            .filter(|h| h.answered == 200 && h.json()["data"]["payout_id"] == payout_id)
            .collect()
    }

    /// Waits until `n` accepted hooks arrived for the payout.
    pub async fn wait_accepted(&self, payout_id: &str, n: usize) -> Vec<Hook> {
        wait_for(&format!("{n} webhooks for {payout_id}"), || async {
            let hooks = self.accepted_for(payout_id);
            (hooks.len() >= n).then_some(hooks)
        })
        .await
    }

    pub fn stop(self) {
        self.task.abort();
    }
}

/// A loopback port with nothing listening (bound, then released).
pub async fn dead_addr() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("addr")
}
