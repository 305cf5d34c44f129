//! The retry policy as data. The rule that matters: a payout initiation whose
//! outcome is unknown (timeout, lost connection, 5xx) is never resent, so
//! nobody pays twice.

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::response::Operation;

pub const RETRY_BASE_MS: u64 = 500;
pub const RETRY_CAP_MS: u64 = 30_000;
/// Attempts, the first included, after which we stop retrying.
pub const MAX_STATUS_CHECK_ATTEMPTS: u32 = 5;
pub const MAX_PAYOUT_ATTEMPTS: u32 = 3;
/// Longest `Retry-After` we honour.
pub const MAX_RETRY_AFTER_SECS: u64 = 3_600;

/// How the host's HTTP client failed before getting a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportError {
    /// The connection was never made: nothing was sent.
    Connect,
    /// No answer in time: the request may have arrived.
    Timeout,
    /// The connection broke mid-way: the request may have arrived.
    ConnectionLost,
}

impl TransportError {
    /// `"connect"`, `"timeout"` or `"connection_lost"`; anything else is
    /// `invalid_argument`.
    pub fn parse(value: &str) -> Result<TransportError> {
        match value {
            "connect" => Ok(TransportError::Connect),
            "timeout" => Ok(TransportError::Timeout),
            "connection_lost" => Ok(TransportError::ConnectionLost),
            _ => Err(invalid(
                Field::TransportError,
                "must be \"connect\", \"timeout\" or \"connection_lost\"",
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAction {
    /// Send the same request again after `delay_ms`.
    Retry,
    /// Do not retry: the answer is final (success or a definite refusal).
    Stop,
    /// The payout may exist: never resend it; check its status instead.
    DoNotResend,
}

impl RetryAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RetryAction::Retry => "retry",
            RetryAction::Stop => "stop",
            RetryAction::DoNotResend => "do_not_resend",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryDecision {
    pub action: RetryAction,
    /// Milliseconds to wait before retrying; 0 unless `action` is `Retry`.
    pub delay_ms: u64,
    /// Why, in words a person can act on.
    pub reason: &'static str,
}

/// What happened to one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryInput {
    pub operation: Operation,
    /// The attempt that just failed, counting from 1.
    pub attempt: u32,
    pub http_status: Option<u16>,
    pub transport_error: Option<TransportError>,
    pub retry_after_secs: Option<u64>,
}

/// `base * 2^attempt` capped, with the upper half spread by `jitter` in [0, 1].
pub(crate) fn backoff_ms(base: u64, cap: u64, attempt: u32, jitter: f64) -> u64 {
    let full = base.saturating_mul(1u64 << attempt.min(32)).min(cap);
    let half = full / 2;
    half + (half as f64 * jitter).round() as u64
}

fn decision(action: RetryAction, reason: &'static str) -> RetryDecision {
    RetryDecision {
        action,
        delay_ms: 0,
        reason,
    }
}

fn invalid(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::InvalidArgument, field, reason.to_string())
}

pub fn retry_decision(input: &RetryInput) -> Result<RetryDecision> {
    use RetryAction::*;
    if input.attempt == 0 {
        return Err(invalid(Field::Attempt, "counts from 1 (the attempt that just failed)"));
    }
    if let Some(status) = input.http_status {
        if !(100..=599).contains(&status) {
            return Err(invalid(Field::HttpStatus, "must be an HTTP status from 100 to 599"));
        }
    }
    let payout = input.operation == Operation::Payout;
    let retry = |reason| {
        let max = if payout {
            MAX_PAYOUT_ATTEMPTS
        } else {
            MAX_STATUS_CHECK_ATTEMPTS
        };
        if input.attempt >= max {
            return decision(Stop, "gave up after the maximum number of attempts");
        }
        let backoff = backoff_ms(RETRY_BASE_MS, RETRY_CAP_MS, input.attempt - 1, 1.0);
        let asked = input.retry_after_secs.map_or(0, |s| s.min(MAX_RETRY_AFTER_SECS) * 1000);
        RetryDecision {
            action: Retry,
            delay_ms: backoff.max(asked),
            reason,
        }
    };
    let unknown = "the payout may exist: do not resend it; check its status and reconcile";
    Ok(match (input.http_status, input.transport_error) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                Field::TransportError,
                "give either http_status or transport_error, not both",
            ))
        }
        (None, None) => return Err(invalid(Field::HttpStatus, "give http_status or transport_error")),
        (None, Some(TransportError::Connect)) => retry("nothing was sent; safe to retry"),
        (None, Some(_)) if payout => decision(DoNotResend, unknown),
        (None, Some(_)) => retry("the status check can be retried"),
        (Some(429), None) => retry("rate limited; retry after the delay"),
        (Some(500..=599), None) if payout => decision(DoNotResend, unknown),
        (Some(500..=599), None) => retry("server error; the status check can be retried"),
        (Some(200..=299), None) => decision(Stop, "the request succeeded"),
        (Some(_), None) => decision(Stop, "the answer is final; fix the request instead of retrying"),
    })
}
