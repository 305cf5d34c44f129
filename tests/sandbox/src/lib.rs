//! A local server that behaves like the documented Alexpay payout API.
//!
//! `POST /v1/payment/payouts/process` and `GET /v1/payment/{id}/check` with
//! the documented envelopes, a simulated status flow (`processing`, then
//! `successful` or `failed`) whose outcome follows magic inputs, webhooks on
//! every status change (retried until delivered, optionally signed the
//! Standard Webhooks way), and fault injection by flag or control endpoint.
//! See `tests/sandbox/README.md` for the magic inputs, flags and switches.
//!
//! Start it in-process with [`start`], or run the `alexpay-sandbox` binary.
#![forbid(unsafe_code)]

mod api;
mod conns;
mod control;
mod faults;
mod guard;
mod log;
mod model;
mod padding;
mod server;
mod state;
mod webhooks;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

pub use faults::{Envelope, FaultKind, FaultSpec, Route};
pub use log::Log;

/// Default public key the sandbox accepts.
pub const DEFAULT_PUBLIC_KEY: &str = "pk_test_sandbox";
/// Default secret key the sandbox accepts (a test key, not a secret).
pub const DEFAULT_SECRET_KEY: &str = "sk_test_sandbox";
/// Default port of the binary (`--port 0` picks a free one).
pub const DEFAULT_PORT: u16 = 8089;
/// Default delay before a payout leaves `processing`.
pub const DEFAULT_DELAY_MS: u64 = 2_000;
/// Amounts above this fail with "insufficient funds" by default.
pub const DEFAULT_INSUFFICIENT_FUNDS_ABOVE: u64 = 1_000_000;
/// Connections open at once by default: well under the usual limit of 1024
/// file descriptors, so idle clients cannot starve the accept loop.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;
/// Default time a request body may take to arrive.
pub const DEFAULT_BODY_TIMEOUT_MS: u64 = 10_000;

/// How a sandbox runs. [`Config::default`] is what the binary uses without
/// flags, except that the binary's default port is [`DEFAULT_PORT`] while
/// the library's is 0 (a free port).
#[derive(Clone)]
pub struct Config {
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub public_key: String,
    pub secret_key: String,
    /// `whsec_<base64>`: sign webhooks (Standard Webhooks headers) when set.
    pub webhook_secret: Option<String>,
    /// How long a payout stays `processing` before its outcome.
    pub delay_ms: u64,
    /// Amounts above this fail with "insufficient funds".
    pub insufficient_funds_above: u64,
    /// First webhook retry delay; doubled per failed attempt up to the cap.
    pub webhook_retry_base_ms: u64,
    pub webhook_retry_cap_ms: u64,
    /// Time limit of one webhook delivery attempt.
    pub webhook_timeout_ms: u64,
    /// 0 (the default) retries until delivered while the sandbox runs.
    pub webhook_max_attempts: u32,
    /// Deliver webhooks to hosts other than loopback (off by default).
    pub allow_remote_webhooks: bool,
    /// Faults active from the start (the `--fault` flags).
    pub faults: Vec<FaultSpec>,
    /// Log each request and delivery to stderr.
    pub log: bool,
    /// Connections open at once; past it, the one idle longest is closed.
    pub max_connections: usize,
    /// Time a request body may take to arrive once its headers did.
    pub body_timeout_ms: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            public_key: DEFAULT_PUBLIC_KEY.to_string(),
            secret_key: DEFAULT_SECRET_KEY.to_string(),
            webhook_secret: None,
            delay_ms: DEFAULT_DELAY_MS,
            insufficient_funds_above: DEFAULT_INSUFFICIENT_FUNDS_ABOVE,
            webhook_retry_base_ms: 250,
            webhook_retry_cap_ms: 5_000,
            webhook_timeout_ms: 5_000,
            webhook_max_attempts: 0,
            allow_remote_webhooks: false,
            faults: Vec::new(),
            log: false,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            body_timeout_ms: DEFAULT_BODY_TIMEOUT_MS,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("public_key", &self.public_key)
            .field("secret_key", &"[test key]")
            .field("webhook_secret", &self.webhook_secret.as_ref().map(|_| "[redacted]"))
            .field("delay_ms", &self.delay_ms)
            .field("insufficient_funds_above", &self.insufficient_funds_above)
            .field("webhook_retry_base_ms", &self.webhook_retry_base_ms)
            .field("webhook_retry_cap_ms", &self.webhook_retry_cap_ms)
            .field("webhook_timeout_ms", &self.webhook_timeout_ms)
            .field("webhook_max_attempts", &self.webhook_max_attempts)
            .field("allow_remote_webhooks", &self.allow_remote_webhooks)
            .field("faults", &self.faults)
            .field("log", &self.log)
            .field("max_connections", &self.max_connections)
            .field("body_timeout_ms", &self.body_timeout_ms)
            .finish()
    }
}

impl Config {
    /// Checks what the server cannot run with; the message never echoes a key.
    pub fn validate(&self) -> Result<(), String> {
        let key_ok = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_graphic());
        if !key_ok(&self.public_key) {
            return Err("the public key must be non-empty printable ASCII without spaces".into());
        }
        if !key_ok(&self.secret_key) {
            return Err("the secret key must be non-empty printable ASCII without spaces".into());
        }
        if let Some(secret) = &self.webhook_secret {
            if alexpay_core::sign_webhook(secret, "msg_check", 0, b"").is_err() {
                return Err("the webhook secret must be 'whsec_' followed by a base64 key".into());
            }
        }
        if self.webhook_retry_base_ms == 0 || self.webhook_retry_cap_ms < self.webhook_retry_base_ms {
            return Err("webhook retry delays need 0 < base <= cap".into());
        }
        if self.webhook_timeout_ms == 0 {
            return Err("the webhook timeout must be above 0 ms".into());
        }
        if self.max_connections < 2 {
            return Err("the connection limit must be at least 2".into());
        }
        if self.body_timeout_ms == 0 {
            return Err("the body timeout must be above 0 ms".into());
        }
        for fault in &self.faults {
            fault.validate()?;
        }
        Ok(())
    }
}

/// A running sandbox. Dropping it stops the server too (without waiting);
/// [`Sandbox::shutdown`] stops it and waits.
pub struct Sandbox {
    addr: SocketAddr,
    stop: tokio::sync::watch::Sender<bool>,
    join: tokio::task::JoinHandle<()>,
    state: Arc<state::Shared>,
}

impl Sandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the base URL to give the SDK.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client configuration for this sandbox: its URL and the keys it
    /// accepts.
    pub fn client_config(&self) -> alexpay_core::ClientConfig {
        alexpay_core::ClientConfig {
            public_key: self.state.config.public_key.clone(),
            secret_key: self.state.config.secret_key.clone(),
            base_url: self.url(),
            user_agent: None,
            max_body_bytes: None,
        }
    }

    /// The ledger as `GET /_sandbox/ledger` shows it.
    pub fn ledger(&self) -> serde_json::Value {
        self.state.ledger_json()
    }

    /// The webhook deliveries as `GET /_sandbox/webhooks` shows them.
    pub fn webhooks(&self) -> serde_json::Value {
        self.state.webhooks_json()
    }

    /// The log (stderr, never blocking): for a host's own lines.
    pub fn log(&self) -> Arc<Log> {
        self.state.log.clone()
    }

    /// Adds a fault, as `POST /_sandbox/faults` does.
    pub fn add_fault(&self, spec: FaultSpec) -> Result<u64, String> {
        spec.validate()?;
        Ok(self.state.add_fault(spec))
    }

    /// Stops accepting, lets open requests finish (up to 5 s), stops timers
    /// and webhook deliveries, and returns when done.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.join.await;
    }

    /// Waits until the server stops (after `shutdown` from elsewhere or a
    /// signal handled by the caller).
    pub async fn stopped(&mut self) {
        let _ = (&mut self.join).await;
    }
}

/// Binds the listener and starts serving on the current tokio runtime.
pub async fn start(config: Config) -> std::io::Result<Sandbox> {
    config
        .validate()
        .map_err(|why| std::io::Error::new(std::io::ErrorKind::InvalidInput, why))?;
    let listener = tokio::net::TcpListener::bind((config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(state::Shared::new(config, addr));
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let join = tokio::spawn(server::serve(listener, state.clone(), stop_rx));
    Ok(Sandbox {
        addr,
        stop,
        join,
        state,
    })
}
