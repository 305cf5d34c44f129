//! The webhook flow: verify (when a secret is given), parse, check the status
//! of the payout the event names, and finish with the status check's truth.
//! Stale, duplicate and id-only events are normal results, so a receiver
//! answers 2xx and the next event is delivered.

use super::engine::Engine;
use super::follower::{Followed, Follower};
use super::{check_http_status, check_timeout, Action, Reply, DEFAULT_REQUEST_TIMEOUT_MS};
use crate::client::Client;
use crate::error::{Error, ErrorCode, ErrorFamily, Result};
use crate::field::Field;
use crate::response::StatusReport;
use crate::retry::TransportError;
use crate::signature::{verify_webhook_signature, DEFAULT_TOLERANCE_SECS};
use crate::status::PayoutStatus;
use crate::webhook::{confirm_webhook, webhook_id, WebhookEvent};

/// Default time the webhook flow may spend on status checks, so a receiver
/// answers well before a sender gives up on it.
pub const DEFAULT_WEBHOOK_DEADLINE_MS: u64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookOptions {
    /// A Standard Webhooks secret (`whsec_...`): verify before anything else.
    /// `None`: Alexpay documents no signature, and the status check is what
    /// makes the event safe.
    pub secret: Option<String>,
    pub tolerance_secs: u64,
    pub request_timeout_ms: u64,
    /// Time for the status checks, counted from the first `next`.
    pub deadline_ms: u64,
    pub seed: u64,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        WebhookOptions {
            secret: None,
            tolerance_secs: DEFAULT_TOLERANCE_SECS,
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
            deadline_ms: DEFAULT_WEBHOOK_DEADLINE_MS,
            seed: 0,
        }
    }
}

/// The truth about the payout an event names.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookResult {
    pub payout_id: String,
    /// The status check's status: the truth.
    pub status: PayoutStatus,
    pub raw_status: String,
    /// What the event claimed (`None` for an id-only event).
    pub event_status: Option<PayoutStatus>,
    /// The event's claim differs from the truth (out of order, redelivered).
    pub stale: bool,
    /// `webhook-id` (or `svix-id`) for de-duplication, when sent.
    pub webhook_id: Option<String>,
    pub report: StatusReport,
    pub event: WebhookEvent,
}

pub type WebhookOutcome = std::result::Result<WebhookResult, Error>;

/// The HTTP status a receiver should answer with: 200 for any result
/// (stale and duplicate included), 401 for a bad signature or timestamp,
/// 400 for a malformed or mismatched event, 503 when the status check could
/// not be made (so the sender delivers again later).
pub fn receiver_status(outcome: &WebhookOutcome) -> u16 {
    match outcome {
        Ok(_) => 200,
        Err(e) => match e.code() {
            ErrorCode::WebhookSignatureInvalid | ErrorCode::WebhookTimestampOutOfRange => 401,
            ErrorCode::WebhookTooLarge => 413,
            _ if matches!(
                e.family(),
                ErrorFamily::Webhook | ErrorFamily::Validation | ErrorFamily::Conflict
            ) =>
            {
                400
            }
            _ => 503,
        },
    }
}

#[derive(Debug, Clone)]
enum State {
    Start,
    Checking { follower: Follower, event: WebhookEvent },
    Done(WebhookOutcome),
}

#[derive(Debug, Clone)]
pub struct WebhookFlow {
    client: Client,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    options: WebhookOptions,
    engine: Engine,
    state: State,
}

impl WebhookFlow {
    /// `body` is the raw request body exactly as received (never re-encoded:
    /// the signature covers those bytes).
    pub fn new(
        client: &Client,
        body: &[u8],
        headers: &[(String, String)],
        options: WebhookOptions,
    ) -> Result<WebhookFlow> {
        check_timeout(options.request_timeout_ms)?;
        if options.deadline_ms == 0 || options.deadline_ms > super::MAX_REQUEST_TIMEOUT_MS {
            return Err(Error::invalid_argument(Field::WaitMs, "must be from 1 to 600000 ms"));
        }
        let cap = client.max_body_bytes();
        Ok(WebhookFlow {
            client: client.clone(),
            // Over the cap, only what proves it is kept (`start` refuses it).
            body: super::within_cap(body, cap).to_vec(),
            headers: headers.to_vec(),
            engine: Engine::new(options.seed, options.request_timeout_ms, cap),
            options,
            state: State::Start,
        })
    }

    pub fn next(&mut self, now_ms: u64) -> Action<WebhookOutcome> {
        let now = self.engine.tick(now_ms);
        loop {
            match &mut self.state {
                State::Done(outcome) => return Action::Done(outcome.clone()),
                State::Start => self.state = self.start(now),
                State::Checking { follower, event } => match follower.next(&mut self.engine, now) {
                    Ok(action) => return action,
                    Err(end) => {
                        let event = event.clone();
                        self.state = State::Done(self.finish(end, event));
                    }
                },
            }
        }
    }

    pub fn on_response(
        &mut self,
        id: u64,
        now_ms: u64,
        http_status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<()> {
        check_http_status(http_status)?;
        // Nothing built from the answer may carry the configured key.
        let body = self
            .client
            .secret()
            .mask(super::within_cap(body, self.engine.max_body_bytes));
        self.on_reply(
            id,
            now_ms,
            Reply::Response {
                http_status,
                headers,
                body: &body,
            },
        );
        Ok(())
    }

    pub fn on_transport_error(&mut self, id: u64, now_ms: u64, kind: TransportError) {
        self.on_reply(id, now_ms, Reply::Transport(kind));
    }

    /// Ends the flow; an unfinished one is an error (answer 503: the sender
    /// delivers again).
    pub fn cancel(&mut self, now_ms: u64) {
        self.engine.tick(now_ms);
        self.engine.in_flight = None;
        if !matches!(self.state, State::Done(_)) {
            let e = Error::flow(
                ErrorCode::Cancelled,
                "the webhook flow was cancelled before the status check answered",
            );
            self.state = State::Done(Err(e));
        }
    }

    fn start(&self, now: u64) -> State {
        // Refused unread, before the signature check reads the bytes.
        if let Err(e) = crate::body_cap::check_webhook(&self.body, self.engine.max_body_bytes) {
            return State::Done(Err(e));
        }
        if let Some(secret) = &self.options.secret {
            let now_secs = (now / 1000) as i64;
            if let Err(e) =
                verify_webhook_signature(secret, &self.headers, &self.body, now_secs, self.options.tolerance_secs)
            {
                return State::Done(Err(e));
            }
        }
        // After the signature check (it covers the bytes as received), the
        // event is built from the body with the configured key masked.
        let event = match crate::parse_webhook_uncapped(&self.client.secret().mask(&self.body)) {
            Ok(event) => event,
            Err(e) => return State::Done(Err(e)),
        };
        let request = match self.client.status_check(&event.payout_id) {
            Ok(request) => request,
            Err(e) => return State::Done(Err(e)),
        };
        let deadline = now.saturating_add(self.options.deadline_ms);
        let follower = Follower::new(event.payout_id.clone(), request, false, now, deadline);
        State::Checking { follower, event }
    }

    fn on_reply(&mut self, id: u64, now_ms: u64, reply: Reply<'_>) {
        let now = self.engine.tick(now_ms);
        let State::Checking { follower, event } = &mut self.state else {
            return;
        };
        if self.engine.answer(id).is_none() {
            return;
        }
        if let Err(end) = follower.on_reply(&mut self.engine, now, reply) {
            let event = event.clone();
            self.state = State::Done(self.finish(end, event));
        }
    }

    fn finish(&self, end: Followed, event: WebhookEvent) -> WebhookOutcome {
        let report = match end {
            Followed::Report(report) => *report,
            Followed::Failed(e) => return Err(e),
            Followed::Deadline => {
                return Err(Error::flow(
                    ErrorCode::ConnectionFailed,
                    "the status check did not answer before the webhook deadline",
                ))
            }
        };
        let confirmation = confirm_webhook(&event, &report)?;
        Ok(WebhookResult {
            payout_id: confirmation.payout_id,
            status: confirmation.status,
            raw_status: confirmation.raw_status,
            event_status: confirmation.event_status,
            stale: confirmation.stale,
            webhook_id: webhook_id(&self.headers),
            report,
            event,
        })
    }
}
