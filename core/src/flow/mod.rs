//! Flows: the payout, follow and webhook procedures as sans-I/O state
//! machines (in the manner of h11 and quinn-proto). The host asks
//! [`next`](PayoutFlow::next) what to do at `now_ms`, performs the
//! [`Action`] (send a request, wait, or stop), and feeds back what happened
//! with `on_response` / `on_transport_error`. Time comes in as an argument and
//! jitter from a seed, so a flow is deterministic given its inputs: the shared
//! flow vectors replay it step by step in every language.
//!
//! Every decision about resending comes from [`crate::disposition`] and
//! [`crate::retry::retry_delay_ms`]; no flow decides on its own.

mod engine;
mod follow;
mod follower;
mod outcome;
mod payout;
mod webhook;

pub use follow::FollowFlow;
pub use outcome::{Outcome, OutcomeKind};
pub use payout::PayoutFlow;
pub use webhook::{
    receiver_status, WebhookFlow, WebhookOptions, WebhookOutcome, WebhookResult, DEFAULT_WEBHOOK_DEADLINE_MS,
};

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::request::HttpRequest;
use crate::response::Operation;

/// Default time a single request may take before the flow counts it as
/// timed out.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u64 = 30_000;
/// Longest `request_timeout_ms` accepted (ten minutes).
pub const MAX_REQUEST_TIMEOUT_MS: u64 = 600_000;
/// How long a flow asked to wait follows the payout when the caller names
/// no wait (the drivers' `wait=True` / `{ wait: true }` without a timeout).
pub const DEFAULT_WAIT_MS: u64 = 60_000;
/// Longest `wait_ms` accepted (seven days).
pub const MAX_WAIT_MS: u64 = 7 * 24 * 3_600_000;

/// The body as far as the cap needs it: a longer one is cut at `cap + 1`
/// bytes, enough for the parser to refuse it without copying the rest.
pub(crate) fn within_cap(body: &[u8], cap: usize) -> &[u8] {
    &body[..body.len().min(cap.saturating_add(1))]
}

/// What the host does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<O> {
    /// Send this request and answer with `on_response` or
    /// `on_transport_error`, quoting `id`.
    Send(Outgoing),
    /// Nothing to do before `until_ms`; then call `next` again.
    Wait { until_ms: u64 },
    /// The flow is over; `next` keeps answering the same outcome.
    Done(O),
}

/// A request the host must send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// Quote it in the answer; answers for an older id are ignored.
    pub id: u64,
    pub operation: Operation,
    pub request: HttpRequest,
    /// Give up on the request after this long and report `timeout`.
    pub timeout_ms: u64,
    /// The client's body cap: a host may stop reading the answer's body after
    /// this many bytes plus one (the flow refuses a longer one unread).
    pub max_body_bytes: usize,
}

/// How a payout or follow flow runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowOptions {
    /// How long one request may take.
    pub request_timeout_ms: u64,
    /// How long to follow the payout to a final status, counted from the
    /// flow's first `next`; 0 means "do not follow" for a payout flow and "one
    /// status check" for a follow flow.
    pub wait_ms: u64,
    /// Seeds the backoff jitter; any value.
    pub seed: u64,
}

impl Default for FlowOptions {
    fn default() -> Self {
        FlowOptions {
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
            wait_ms: 0,
            seed: 0,
        }
    }
}

impl FlowOptions {
    pub(crate) fn checked(self) -> Result<FlowOptions> {
        check_timeout(self.request_timeout_ms)?;
        if self.wait_ms > MAX_WAIT_MS {
            return Err(Error::invalid_argument(
                Field::WaitMs,
                "must be at most 7 days (604800000 ms)",
            ));
        }
        Ok(self)
    }
}

pub(crate) fn check_timeout(ms: u64) -> Result<()> {
    if ms == 0 || ms > MAX_REQUEST_TIMEOUT_MS {
        return Err(Error::invalid_argument(
            Field::RequestTimeoutMs,
            "must be from 1 to 600000 ms",
        ));
    }
    Ok(())
}

/// What the host's HTTP client came back with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reply<'a> {
    Response {
        http_status: u16,
        headers: &'a [(String, String)],
        body: &'a [u8],
    },
    Transport(crate::retry::TransportError),
}

pub(crate) fn check_http_status(http_status: u16) -> Result<()> {
    if !(100..=599).contains(&http_status) {
        return Err(Error::field(
            ErrorCode::InvalidArgument,
            Field::HttpStatus,
            "must be an HTTP status from 100 to 599",
        ));
    }
    Ok(())
}
