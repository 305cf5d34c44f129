//! The retry policy as data: the disposition of an answer (decided only in
//! [`crate::disposition`]) plus the retry budget and backoff (decided only in
//! [`retry_delay_ms`]). A payout whose outcome is unknown is never resent.

use crate::disposition::{disposition, Answer, Disposition};
use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::response::{parse_payout_response, parse_status_response, Operation};

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
pub struct RetryInput<'a> {
    pub operation: Operation,
    /// The attempt that just failed, counting from 1.
    pub attempt: u32,
    pub http_status: Option<u16>,
    /// The response body. The decision reads it exactly as the parser does:
    /// an absent body is an empty one (so a 2xx payout answer without its
    /// body is not known to be accepted, and is never resent).
    pub body: Option<&'a [u8]>,
    pub transport_error: Option<TransportError>,
    pub retry_after_secs: Option<u64>,
}

/// `base * 2^attempt` capped, with the upper half spread by `jitter` in [0, 1].
pub(crate) fn backoff_ms(base: u64, cap: u64, attempt: u32, jitter: f64) -> u64 {
    let full = base.saturating_mul(1u64 << attempt.min(32)).min(cap);
    let half = full / 2;
    half + (half as f64 * jitter).round() as u64
}

/// The retry budget and backoff, the one place they are decided: the delay
/// before sending the same request again after `attempt` (counting from 1)
/// failed with a `Retry` disposition, or `None` once the budget is spent.
/// `Retry-After` (already capped) wins when it asks for longer.
pub fn retry_delay_ms(operation: Operation, attempt: u32, retry_after_ms: Option<u64>, jitter: f64) -> Option<u64> {
    let max = match operation {
        Operation::Payout => MAX_PAYOUT_ATTEMPTS,
        Operation::StatusCheck => MAX_STATUS_CHECK_ATTEMPTS,
    };
    if attempt == 0 || attempt >= max {
        return None;
    }
    let backoff = backoff_ms(RETRY_BASE_MS, RETRY_CAP_MS, attempt - 1, jitter.clamp(0.0, 1.0));
    let asked = retry_after_ms.map_or(0, |ms| ms.min(MAX_RETRY_AFTER_SECS * 1000));
    Some(backoff.max(asked))
}

/// The disposition of an HTTP answer, read through the operation's parser.
pub(crate) fn answer_disposition(operation: Operation, http_status: u16, body: &[u8]) -> Disposition {
    let parsed = match operation {
        Operation::Payout => parse_payout_response(http_status, body).map(|_| ()),
        Operation::StatusCheck => parse_status_response(http_status, body).map(|_| ()),
    };
    match parsed {
        Ok(()) => Disposition::Accepted,
        Err(e) => e.disposition().unwrap_or(Disposition::Unknown),
    }
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

/// What to do after one attempt: derived from [`disposition`] and
/// [`retry_delay_ms`], so it never disagrees with `Error::retryable` or the
/// flows.
pub fn retry_decision(input: &RetryInput<'_>) -> Result<RetryDecision> {
    use RetryAction::*;
    if input.attempt == 0 {
        return Err(invalid(Field::Attempt, "counts from 1 (the attempt that just failed)"));
    }
    let answer = match (input.http_status, input.transport_error) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                Field::TransportError,
                "give either http_status or transport_error, not both",
            ))
        }
        (None, None) => return Err(invalid(Field::HttpStatus, "give http_status or transport_error")),
        (Some(status), None) if !(100..=599).contains(&status) => {
            return Err(invalid(Field::HttpStatus, "must be an HTTP status from 100 to 599"))
        }
        (Some(status), None) => answer_disposition(input.operation, status, input.body.unwrap_or_default()),
        (None, Some(kind)) => disposition(input.operation, Answer::Transport(kind)),
    };
    Ok(match answer {
        Disposition::Accepted => decision(Stop, "the request succeeded"),
        Disposition::Rejected => decision(Stop, "the answer is final; fix the request instead of retrying"),
        Disposition::Unknown => decision(
            DoNotResend,
            "the payout may exist: do not resend it; check its status and reconcile",
        ),
        Disposition::Retry => {
            let asked = input.retry_after_secs.map(|s| s.saturating_mul(1000));
            match retry_delay_ms(input.operation, input.attempt, asked, 1.0) {
                Some(delay_ms) => RetryDecision {
                    action: Retry,
                    delay_ms,
                    reason: if input.transport_error == Some(TransportError::Connect) {
                        "nothing was sent; safe to retry"
                    } else {
                        "safe to send again after the delay"
                    },
                },
                None => decision(Stop, "gave up after the maximum number of attempts"),
            }
        }
    })
}
