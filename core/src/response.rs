//! Parsing Alexpay's answers from `(http_status, body bytes)`.
//!
//! Tolerant where the docs are loose: `code` 0 or 200, `status` "success" or
//! "successful", numbers as numeric strings, booleans as "true"/"false",
//! unknown fields ignored, unknown status strings kept.

use std::borrow::Cow;

use crate::disposition::{disposition, Answer};
use crate::error::{ApiFailure, Error, ErrorCode, Result};
use crate::field::Field;
use crate::loose::{self, Key, Object};
use crate::status::PayoutStatus;
use crate::tolerant;

/// Which call a response answers; it decides what is safe to resend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `POST /v1/payment/payouts/process`: resending may pay twice.
    Payout,
    /// `GET /v1/payment/{id}/check`: always safe to resend.
    StatusCheck,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Payout => "payout",
            Operation::StatusCheck => "status_check",
        }
    }

    /// `"payout"` or `"status_check"`; anything else is `invalid_argument`.
    pub fn parse(value: &str) -> Result<Operation> {
        match value {
            "payout" => Ok(Operation::Payout),
            "status_check" => Ok(Operation::StatusCheck),
            _ => Err(Error::field(
                ErrorCode::InvalidArgument,
                Field::Operation,
                "must be \"payout\" or \"status_check\"",
            )),
        }
    }
}

/// Alexpay's answer to a payout initiation.
#[derive(Debug, Clone, PartialEq)]
pub struct Payout {
    pub payout_id: String,
    pub amount: Option<f64>,
    pub status: PayoutStatus,
    /// The status string exactly as Alexpay sent it ("" when absent).
    pub raw_status: String,
    pub message: Option<String>,
}

/// Alexpay's answer to a status check. Everything but `id` and `status` is
/// optional because the docs show blanks.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    pub id: String,
    pub reference: Option<String>,
    pub amount: Option<f64>,
    pub charge: Option<f64>,
    pub currency: Option<String>,
    pub status: PayoutStatus,
    pub raw_status: String,
    pub environment: Option<String>,
    pub payout_type: Option<String>,
    pub method: Option<String>,
    pub operator: Option<String>,
    pub narration: Option<String>,
    pub is_disbursed: Option<bool>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Words explaining the status, when `data` carries any (`message`,
    /// `reason` or `failure_reason`: not documented by Alexpay, read
    /// tolerantly).
    pub message: Option<String>,
}

const SUCCESS_WORDS: [&str; 3] = ["success", "successful", "ok"];

/// `word` is one of `words`, ignoring ASCII case (no lowercased copy).
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// `code` 0/200 (or absent) and `status` success (or absent), not both absent.
fn envelope_ok(env: &Object<'_>) -> bool {
    let code = tolerant::text(env, Key::Code);
    let status = tolerant::status_word(env);
    if code.is_none() && status.is_none() {
        return false;
    }
    let code_ok = code.as_deref().map(str::trim).is_none_or(|c| c == "0" || c == "200");
    let status_ok = status.as_deref().is_none_or(|s| is_one_of(s, &SUCCESS_WORDS));
    code_ok && status_ok
}

fn looks_like_envelope(env: &Object<'_>) -> bool {
    env.has(Key::Code) || env.has(Key::Status) || env.has(Key::Message)
}

/// Maps an HTTP status (or an HTTP-like envelope code) to an error code.
fn classify(status: u16) -> ErrorCode {
    match status {
        401 | 403 => ErrorCode::AuthenticationFailed,
        404 => ErrorCode::NotFound,
        429 => ErrorCode::RateLimited,
        500..=599 => ErrorCode::ServerError,
        400..=499 => ErrorCode::RequestRejected,
        _ => ErrorCode::UnexpectedResponse,
    }
}

fn describe(code: ErrorCode, op: Operation, http_status: u16) -> String {
    let unknown_outcome = "the payout may or may not have been created, so do NOT resend it: \
        reconcile first (wait for its webhook, check its status, or look in the Alexpay dashboard)";
    match (code, op) {
        (ErrorCode::AuthenticationFailed, _) => {
            format!("Alexpay refused the credentials (HTTP {http_status}); check the public and secret keys")
        }
        (ErrorCode::NotFound, Operation::StatusCheck) => {
            format!("Alexpay knows no payout with this id (HTTP {http_status})")
        }
        (ErrorCode::NotFound, Operation::Payout) => {
            format!("Alexpay answered HTTP {http_status} (not found); check the base URL")
        }
        (ErrorCode::RequestRejected, _) => format!("Alexpay rejected the request (HTTP {http_status})"),
        (ErrorCode::RateLimited, _) => format!("Alexpay is rate limiting (HTTP {http_status}); wait and retry"),
        (ErrorCode::ServerError, Operation::Payout) => {
            format!("Alexpay answered HTTP {http_status} to the payout; {unknown_outcome}")
        }
        (ErrorCode::ServerError, Operation::StatusCheck) => {
            format!("Alexpay answered HTTP {http_status}; the status check can be retried")
        }
        (_, Operation::Payout) => format!("unexpected answer to the payout (HTTP {http_status}); {unknown_outcome}"),
        (_, Operation::StatusCheck) => format!("unexpected answer to the status check (HTTP {http_status})"),
    }
}

/// Words in a 2xx envelope's `status` that say the request was refused.
const FAILURE_WORDS: [&str; 6] = ["error", "failed", "fail", "failure", "declined", "rejected"];

/// What went wrong with one answer, before the disposition is derived.
struct Failure<'a> {
    code: ErrorCode,
    http_status: u16,
    /// The envelope, when the body had one worth quoting.
    envelope: Option<&'a Object<'a>>,
    payout_id: Option<String>,
    refusal: Option<u16>,
}

impl Failure<'_> {
    fn into_error(self, op: Operation, body: &[u8]) -> Error {
        let envelope = self.envelope.filter(|e| looks_like_envelope(e));
        let api_code = envelope.and_then(tolerant::code);
        let api_message = envelope.and_then(|e| tolerant::string(e, Key::Message));
        let shown = api_message.as_deref().map(tolerant::message);
        let mut reason = describe(self.code, op, self.http_status);
        match (&api_message, envelope) {
            (Some(m), _) => reason.push_str(&format!(": {}", tolerant::excerpt(m.as_bytes()))),
            (None, None) if !body.is_empty() => reason.push_str(&format!("; body starts: {}", tolerant::excerpt(body))),
            (None, None) => reason.push_str("; the body was empty"),
            (None, Some(_)) => {}
        }
        let answer = Answer::Http {
            http_status: self.http_status,
            parsed: false,
            payout_id: self.payout_id.is_some(),
            refusal: self.refusal,
        };
        let failure = ApiFailure {
            http_status: self.http_status,
            api_code,
            api_message: shown,
            payout_id: self.payout_id,
            disposition: disposition(op, answer),
        };
        Error::api(self.code, failure, reason)
    }
}

/// A 2xx whose envelope is not a success: the error code and the HTTP-like
/// refusal it names. An HTTP-like `code` is read as a status; a non-HTTP code
/// with an explicit failure word is a rejection; anything else (pending,
/// 201/202, an unknown word) is unexplained.
fn refusal_in(env: &Object<'_>) -> (ErrorCode, Option<u16>) {
    let api_status = tolerant::text(env, Key::Code)
        .and_then(|c| tolerant::trim(&c).parse::<u16>().ok())
        .filter(|c| (100..=599).contains(c));
    match api_status {
        Some(c @ 400..=599) => (classify(c), Some(c)),
        Some(_) => (ErrorCode::UnexpectedResponse, None),
        None => {
            if tolerant::status_word(env).is_some_and(|s| is_one_of(&s, &FAILURE_WORDS)) {
                (ErrorCode::RequestRejected, Some(400))
            } else {
                (ErrorCode::UnexpectedResponse, None)
            }
        }
    }
}

/// The data object of an envelope, if it has one.
fn data_of<'o>(env: &'o Object<'o>) -> Option<&'o Object<'o>> {
    env.data_object()
}

fn payout_id_in(data: &Object<'_>) -> Option<String> {
    tolerant::id(data, Key::PayoutId).or_else(|| tolerant::id(data, Key::Id))
}

/// The failure for an answer that did not parse into this operation's result.
fn failure_of<'a>(http_status: u16, env: Option<&'a Object<'a>>, payout_id: Option<String>) -> Failure<'a> {
    let unexpected = |envelope| Failure {
        code: ErrorCode::UnexpectedResponse,
        http_status,
        envelope,
        payout_id: payout_id.clone(),
        refusal: None,
    };
    if !(200..=299).contains(&http_status) {
        return Failure {
            code: classify(http_status),
            envelope: env,
            refusal: Some(http_status),
            ..unexpected(None)
        };
    }
    let Some(env) = env.filter(|e| looks_like_envelope(e)) else {
        return unexpected(None);
    };
    if envelope_ok(env) {
        // A success envelope without usable data: quote nothing from it.
        return unexpected(None);
    }
    let (code, refusal) = refusal_in(env);
    Failure {
        code,
        envelope: Some(env),
        refusal,
        ..unexpected(None)
    }
}

fn status_of(data: &Object<'_>) -> (PayoutStatus, String) {
    let raw = tolerant::text(data, Key::Status).unwrap_or(Cow::Borrowed(""));
    (PayoutStatus::from_raw(&raw), raw.into_owned())
}

/// Parses the answer to `POST /v1/payment/payouts/process`. Any 2xx whose
/// `data` carries a payout id is an accepted payout, whatever its envelope
/// `code` or `status` say: that payout exists, and its id is never dropped.
///
/// A body over [`crate::DEFAULT_MAX_BODY_BYTES`] is refused unread
/// (`response_too_large`); [`crate::Client::parse_payout_response`] applies
/// the client's own cap.
pub fn parse_payout_response(http_status: u16, body: &[u8]) -> Result<Payout> {
    payout_response(http_status, body, crate::DEFAULT_MAX_BODY_BYTES)
}

pub(crate) fn payout_response(http_status: u16, body: &[u8], max_body_bytes: usize) -> Result<Payout> {
    let op = Operation::Payout;
    crate::body_cap::check_response(op, http_status, body, max_body_bytes)?;
    let env = loose::object(body);
    let env = env.as_deref();
    let payout_id = env.and_then(data_of).and_then(payout_id_in);
    match (payout_id, env) {
        (Some(payout_id), Some(env)) if (200..=299).contains(&http_status) => {
            let data = data_of(env);
            let (status, raw_status) = data
                .map(status_of)
                .unwrap_or((PayoutStatus::Unknown(String::new()), String::new()));
            Ok(Payout {
                payout_id,
                amount: data.and_then(|d| tolerant::number(d, Key::Amount)),
                status,
                raw_status,
                message: tolerant::string(env, Key::Message),
            })
        }
        (payout_id, env) => Err(failure_of(http_status, env, payout_id).into_error(op, body)),
    }
}

/// Parses the answer to `GET /v1/payment/{id}/check`.
/// The body cap is as for [`parse_payout_response`].
pub fn parse_status_response(http_status: u16, body: &[u8]) -> Result<StatusReport> {
    status_response(http_status, body, crate::DEFAULT_MAX_BODY_BYTES)
}

pub(crate) fn status_response(http_status: u16, body: &[u8], max_body_bytes: usize) -> Result<StatusReport> {
    let op = Operation::StatusCheck;
    crate::body_cap::check_response(op, http_status, body, max_body_bytes)?;
    let env = loose::object(body);
    let env = env.as_deref();
    let ok = (200..=299).contains(&http_status) && env.is_some_and(|e| looks_like_envelope(e) && envelope_ok(e));
    let data = env.filter(|_| ok).and_then(data_of);
    let id = data.and_then(|d| tolerant::id(d, Key::Id).or_else(|| tolerant::id(d, Key::PayoutId)));
    let (Some(data), Some(id)) = (data, id) else {
        return Err(failure_of(http_status, env, None).into_error(op, body));
    };
    let (status, raw_status) = status_of(data);
    let text = |key: Key| tolerant::string(data, key);
    let either = |a: Key, b: Key| text(a).or_else(|| text(b));
    Ok(StatusReport {
        id,
        reference: text(Key::Reference),
        amount: tolerant::number(data, Key::Amount),
        charge: tolerant::number(data, Key::Charge),
        currency: text(Key::Currency),
        status,
        raw_status,
        environment: text(Key::Environment),
        payout_type: text(Key::Type),
        method: text(Key::Method),
        operator: text(Key::Operator),
        narration: text(Key::Narration),
        is_disbursed: tolerant::boolean(data, Key::IsDisbursed).or_else(|| tolerant::boolean(data, Key::Disbursed)),
        created_at: either(Key::CreatedAt, Key::CreatedAtCamel),
        updated_at: either(Key::UpdatedAt, Key::UpdatedAtCamel),
        message: either(Key::Message, Key::Reason).or_else(|| text(Key::FailureReason)),
    })
}
