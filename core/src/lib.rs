//! Sans-I/O core of the Alexpay payouts SDK.
//!
//! Builds and validates payout and status-check requests as plain data,
//! parses Alexpay's responses and webhooks, and runs the payout, follow and
//! webhook flows as state machines the host drives ([`PayoutFlow`],
//! [`FollowFlow`], [`WebhookFlow`]). Whether a request may be sent again is
//! decided in one place, [`disposition`].
//! It never opens a socket, reads the clock or draws randomness: the host's
//! HTTP client sends the [`HttpRequest`]s and hands back status + body bytes.
#![forbid(unsafe_code)]

mod body_cap;
mod client;
mod disposition;
mod error;
mod field;
mod flow;
mod headers;
mod loose;
mod payout;
mod request;
mod response;
mod retry;
mod retry_after;
mod secret;
mod signature;
mod status;
mod text;
mod tolerant;
mod tracker;
mod url;
mod webhook;
mod whole;

pub use body_cap::{max_body_bytes_from_f64, max_body_bytes_from_i128, DEFAULT_MAX_BODY_BYTES, MAX_BODY_BYTES_LIMIT};
pub use client::{Client, ClientConfig, DEFAULT_USER_AGENT};
pub use disposition::{disposition, Answer, Disposition};
pub use error::{ApiFailure, Error, ErrorCode, ErrorFamily, Result};
pub use field::{Field, NameStyle};
pub use flow::{
    receiver_status, Action, FlowOptions, FollowFlow, Outcome, OutcomeKind, Outgoing, PayoutFlow, WebhookFlow,
    WebhookOptions, WebhookOutcome, WebhookResult, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_WAIT_MS,
    DEFAULT_WEBHOOK_DEADLINE_MS, MAX_REQUEST_TIMEOUT_MS, MAX_WAIT_MS,
};
pub use payout::{BankPayout, MobileMoneyPayout};
pub use request::{HttpRequest, PUBLIC_KEY_HEADER, SECRET_KEY_HEADER};
pub use response::{parse_payout_response, parse_status_response, Operation, Payout, StatusReport};
pub use retry::{
    retry_decision, retry_delay_ms, RetryAction, RetryDecision, RetryInput, TransportError, MAX_PAYOUT_ATTEMPTS,
    MAX_RETRY_AFTER_SECS, MAX_STATUS_CHECK_ATTEMPTS, RETRY_BASE_MS, RETRY_CAP_MS,
};
pub use retry_after::parse_retry_after;
pub use secret::SecretKey;
pub use signature::{sign_webhook, verify_webhook_signature, DEFAULT_TOLERANCE_SECS};
pub use status::PayoutStatus;
pub use text::{amount_from_f64, amount_from_i128, text_from_utf16, MAX_AMOUNT, MAX_NARRATION_CHARS};
pub use tracker::{Observation, Observed, PayoutTracker, POLL_BASE_MS, POLL_CAP_MS};
pub(crate) use webhook::parse_webhook_uncapped;
pub use webhook::{
    confirm_webhook, parse_webhook, parse_webhook_without_raw, parse_webhook_without_raw_within, webhook_id,
    Confirmation, WebhookEvent,
};
pub use whole::{whole_from_f64, whole_from_i128, WholeArg};
