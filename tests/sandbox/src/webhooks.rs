//! Webhook delivery: one ordered queue per payout, each event retried with
//! backoff until the receiver answers 2xx (at least once), optionally signed
//! with Standard Webhooks headers.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::model::{iso8601, now_ms};
use crate::state::{lock, Shared};
use crate::Config;

pub const USER_AGENT: &str = concat!("alexpay-sandbox/", env!("CARGO_PKG_VERSION"));
/// The attempt number, for receivers and tests; not part of any standard.
pub const ATTEMPT_HEADER: &str = "x-alexpay-sandbox-attempt";
/// Attempts kept in a delivery's log (the count goes on).
const LOG_LIMIT: usize = 20;

/// One status change owed to a payout's webhook_url.
#[derive(Debug, Clone)]
pub struct Event {
    pub event_id: String,
    pub payout_id: String,
    pub url: String,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone)]
pub enum DeliveryState {
    Pending,
    Delivered { at_ms: u64 },
    GaveUp { reason: String },
}

#[derive(Debug, Clone)]
pub struct DeliveryRecord {
    pub event_id: String,
    pub payout_id: String,
    pub status: &'static str,
    pub url: String,
    pub state: DeliveryState,
    pub attempts: u32,
    pub created_ms: u64,
    /// The latest attempts: (when, what happened).
    pub log: Vec<(u64, String)>,
}

impl DeliveryRecord {
    pub fn new(event: &Event, status: &'static str) -> DeliveryRecord {
        DeliveryRecord {
            event_id: event.event_id.clone(),
            payout_id: event.payout_id.clone(),
            status,
            url: event.url.clone(),
            state: DeliveryState::Pending,
            attempts: 0,
            created_ms: now_ms(),
            log: Vec::new(),
        }
    }

    pub fn is_owed(&self) -> bool {
        matches!(self.state, DeliveryState::Pending)
    }

    pub fn to_json(&self) -> Value {
        let (state, delivered_at, reason) = match &self.state {
            DeliveryState::Pending => ("pending", None, None),
            DeliveryState::Delivered { at_ms } => ("delivered", Some(iso8601(*at_ms)), None),
            DeliveryState::GaveUp { reason } => ("gave_up", None, Some(reason.clone())),
        };
        json!({
            "event_id": self.event_id,
            "payout_id": self.payout_id,
            "status": self.status,
            "url": self.url,
            "state": state,
            "delivered": delivered_at.is_some(),
            "delivered_at": delivered_at,
            "gave_up_reason": reason,
            "attempts": self.attempts,
            "created_at": iso8601(self.created_ms),
            "log": self.log.iter().map(|(at, what)| json!({"at": iso8601(*at), "result": what})).collect::<Vec<_>>(),
        })
    }
}

pub struct WebhookClient {
    client: Client<HttpConnector, Full<Bytes>>,
    secret: Option<String>,
    timeout: Duration,
    base_ms: u64,
    cap_ms: u64,
    max_attempts: u32,
    allow_remote: bool,
    /// The sandbox's own address: never a delivery target.
    own: SocketAddr,
}

impl WebhookClient {
    pub fn new(config: &Config, own: SocketAddr) -> WebhookClient {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(Duration::from_millis(config.webhook_timeout_ms)));
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(5))
            .build(connector);
        WebhookClient {
            client,
            secret: config.webhook_secret.clone(),
            timeout: Duration::from_millis(config.webhook_timeout_ms),
            base_ms: config.webhook_retry_base_ms,
            cap_ms: config.webhook_retry_cap_ms,
            max_attempts: config.webhook_max_attempts,
            allow_remote: config.allow_remote_webhooks,
            own,
        }
    }

    /// `min(cap, base * 2^(attempt-1))`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u64 << attempt.saturating_sub(1).min(32);
        Duration::from_millis(self.base_ms.saturating_mul(factor).min(self.cap_ms))
    }

    /// Why the sandbox will not deliver to this URL, if it will not.
    pub fn refuse(&self, url: &str) -> Option<String> {
        let uri: hyper::Uri = match url.parse() {
            Ok(uri) => uri,
            Err(_) => return Some("the webhook_url is not a valid URL".into()),
        };
        if uri.scheme_str() != Some("http") {
            return Some("the sandbox delivers to plain http:// URLs only".into());
        }
        let host = uri
            .host()
            .unwrap_or_default()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let loopback =
            host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !loopback && !self.allow_remote {
            return Some("the sandbox delivers to loopback hosts only (start it with --allow-remote-webhooks)".into());
        }
        // A webhook_url on the sandbox itself (say /_sandbox/reset) would let a
        // payout drive it; requests that get here anyway are refused by
        // `guard` (they carry the attempt header).
        let port = uri.port_u16().unwrap_or(80);
        let host = uri.host().unwrap_or_default();
        // 0.0.0.0 and [::] connect to this machine too.
        let unspecified = host
            .trim_matches(['[', ']'])
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_unspecified());
        if port == self.own.port() && (unspecified || crate::guard::is_local_host(host, self.own)) {
            return Some("the webhook_url points at the sandbox itself".into());
        }
        None
    }

    /// One POST; the receiver's HTTP status or what went wrong.
    async fn attempt(&self, event: &Event, attempt: u32) -> Result<u16, String> {
        let timestamp = (now_ms() / 1000) as i64;
        let mut request = Request::post(event.url.as_str())
            .header("content-type", "application/json")
            .header("user-agent", USER_AGENT)
            .header("webhook-id", event.event_id.as_str())
            .header("webhook-timestamp", timestamp.to_string())
            .header(ATTEMPT_HEADER, attempt.to_string());
        if let Some(secret) = &self.secret {
            let signature = alexpay_core::sign_webhook(secret, &event.event_id, timestamp, &event.body)
                .map_err(|_| "the webhook secret cannot sign".to_string())?;
            request = request.header("webhook-signature", signature);
        }
        let request = request
            .body(Full::new(Bytes::from(event.body.clone())))
            .map_err(|e| format!("could not build the request: {e}"))?;
        let exchange = async {
            let response = self.client.request(request).await.map_err(describe)?;
            let status = response.status().as_u16();
            // Read (and drop) the answer so the connection can be reused.
            let _ = response.into_body().collect().await;
            Ok(status)
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(format!("no answer within {} ms", self.timeout.as_millis())),
        }
    }
}

fn describe(error: hyper_util::client::legacy::Error) -> String {
    if error.is_connect() {
        "could not connect".to_string()
    } else {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(inner) = source {
            text.push_str(": ");
            text.push_str(&inner.to_string());
            source = inner.source();
        }
        text
    }
}

/// Records an owed event and queues it.
pub fn enqueue(shared: &Shared, queue: &mpsc::UnboundedSender<Event>, event: Event, status: &'static str) {
    {
        let mut ledger = lock(&shared.ledger);
        let index = ledger.deliveries.len();
        ledger.delivery_index.insert(event.event_id.clone(), index);
        ledger.deliveries.push(DeliveryRecord::new(&event, status));
    }
    // The worker only stops after its sender is dropped or the epoch moved on.
    let _ = queue.send(event);
}

/// Delivers one payout's events in order, each until delivered.
pub async fn run_queue(shared: Arc<Shared>, mut queue: mpsc::UnboundedReceiver<Event>, epoch: u64) {
    while let Some(event) = queue.recv().await {
        if shared.epoch() != epoch || !deliver(&shared, &event, epoch).await {
            return;
        }
    }
}

fn note(shared: &Shared, event_id: &str, what: String, state: Option<DeliveryState>, counts: bool) {
    let mut ledger = lock(&shared.ledger);
    if let Some(record) = ledger.delivery_mut(event_id) {
        if counts {
            record.attempts += 1;
        }
        if record.log.len() >= LOG_LIMIT {
            record.log.remove(0);
        }
        record.log.push((now_ms(), what));
        if let Some(state) = state {
            record.state = state;
        }
    }
}

/// Returns false when the sandbox is resetting or stopping.
async fn deliver(shared: &Shared, event: &Event, epoch: u64) -> bool {
    let client = &shared.webhooks;
    if let Some(reason) = client.refuse(&event.url) {
        shared.log(format_args!("webhook {} not delivered: {reason}", event.event_id));
        note(
            shared,
            &event.event_id,
            reason.clone(),
            Some(DeliveryState::GaveUp { reason }),
            false,
        );
        return true;
    }
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let result = {
            let mut rx = shared.epoch.subscribe();
            tokio::select! {
                r = client.attempt(event, attempt) => r,
                _ = rx.wait_for(|e| *e != epoch) => return false,
            }
        };
        let (what, delivered) = match result {
            Ok(status) => (format!("HTTP {status}"), (200..=299).contains(&status)),
            Err(why) => (why, false),
        };
        shared.log(format_args!(
            "webhook {} for payout {} attempt {attempt}: {what}",
            event.event_id, event.payout_id
        ));
        if delivered {
            let state = DeliveryState::Delivered { at_ms: now_ms() };
            note(shared, &event.event_id, what, Some(state), true);
            return true;
        }
        if client.max_attempts > 0 && attempt >= client.max_attempts {
            let reason = format!("gave up after {attempt} attempts (--webhook-max-attempts)");
            note(
                shared,
                &event.event_id,
                what,
                Some(DeliveryState::GaveUp { reason }),
                true,
            );
            return true;
        }
        note(shared, &event.event_id, what, None, true);
        if !shared.pause(client.backoff(attempt), epoch).await {
            return false;
        }
    }
}
