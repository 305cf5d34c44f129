//! The one retry authority. Every answer to an attempt (a response or a
//! transport failure) gets exactly one disposition here; the response parsers
//! (`Error::retryable`), `retry_decision` and the flows all derive from it, so
//! they cannot disagree.
//!
//! Alexpay has no idempotency key: a payout request that may have arrived is
//! never sent again. Only "nothing was delivered" (a connect failure) and
//! "rate limited, nothing created" (429 with no payout id) may be resent.

use crate::response::Operation;
use crate::retry::TransportError;

/// What one attempt's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// The answer is the result: an accepted payout, a status report.
    Accepted,
    /// Nothing happened on Alexpay's side; the same request may be sent again
    /// (within the retry budget).
    Retry,
    /// A definite refusal: for a payout, Alexpay did not create it.
    Rejected,
    /// The request may have taken effect: for a payout, it may exist. Never
    /// resend it; follow it by id or reconcile.
    Unknown,
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Accepted => "accepted",
            Disposition::Retry => "retry",
            Disposition::Rejected => "rejected",
            Disposition::Unknown => "unknown",
        }
    }
}

/// The facts about one answer that the rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The host's HTTP client failed before a response arrived.
    Transport(TransportError),
    /// An HTTP response, as far as the parser understood it.
    Http {
        http_status: u16,
        /// The body parsed into this operation's result (a payout with an id,
        /// a status report).
        parsed: bool,
        /// The body carried a payout id (even inside a failure envelope).
        payout_id: bool,
        /// For a 2xx carrying a failure envelope: the HTTP-like status it
        /// names (its `code`, or 400 for an explicit failure word with a
        /// non-HTTP code). `None` when the envelope names no refusal.
        refusal: Option<u16>,
    },
    /// An HTTP response whose body was not read (over the client's
    /// `max_body_bytes`): it may carry a payout id or a refusal we never saw.
    Unread { http_status: u16 },
}

/// Statuses that say the request was refused before anything was created.
fn definite_refusal(status: u16) -> bool {
    matches!(status, 400 | 401 | 403 | 404 | 405 | 413 | 415 | 422)
}

/// The rule. Deterministic, total, and the only place it is written.
pub fn disposition(operation: Operation, answer: Answer) -> Disposition {
    use Disposition::*;
    match (operation, answer) {
        (_, Answer::Transport(TransportError::Connect)) => Retry,
        (Operation::Payout, Answer::Transport(_)) => Unknown,
        (Operation::StatusCheck, Answer::Transport(_)) => Retry,
        // Whatever the status, an unread answer may name a payout that exists.
        (Operation::Payout, Answer::Unread { .. }) => Unknown,
        (Operation::StatusCheck, Answer::Unread { http_status }) => disposition(
            Operation::StatusCheck,
            Answer::Http {
                http_status,
                parsed: false,
                payout_id: false,
                refusal: None,
            },
        ),
        (
            Operation::Payout,
            Answer::Http {
                http_status,
                parsed,
                payout_id,
                refusal,
            },
        ) => {
            let success = (200..=299).contains(&http_status);
            if success && (parsed || payout_id) {
                return Accepted;
            }
            if payout_id {
                // A failure that names a payout: that payout may exist.
                return Unknown;
            }
            let refused_with = if success { refusal } else { Some(http_status) };
            match refused_with {
                Some(429) => Retry,
                Some(s) if definite_refusal(s) => Rejected,
                // 1xx, 3xx, 408, 409, other 4xx, 5xx, garbled or unexplained 2xx.
                _ => Unknown,
            }
        }
        (
            Operation::StatusCheck,
            Answer::Http {
                http_status,
                parsed,
                refusal,
                ..
            },
        ) => {
            let success = (200..=299).contains(&http_status);
            if success && parsed {
                return Accepted;
            }
            let refused_with = if success { refusal } else { Some(http_status) };
            match refused_with {
                Some(s) if definite_refusal(s) => Rejected,
                // A status check changes nothing: everything else may be retried.
                _ => Retry,
            }
        }
    }
}
