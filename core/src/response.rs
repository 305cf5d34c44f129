//! Parsing Alexpay's answers from `(http_status, body bytes)`.
//!
//! Tolerant where the docs are loose: `code` 0 or 200, `status` "success" or
//! "successful", numbers as numeric strings, booleans as "true"/"false",
//! unknown fields ignored, unknown status strings kept.

use serde_json::{Map, Value};

use crate::disposition::{disposition, Answer};
use crate::error::{ApiFailure, Error, ErrorCode, Result};
use crate::field::Field;
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

fn object(body: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// `code` 0/200 (or absent) and `status` success (or absent), not both absent.
fn envelope_ok(env: &Map<String, Value>) -> bool {
    let code = tolerant::code(env);
    let status = tolerant::string(env, "status").map(|s| s.trim().to_ascii_lowercase());
    if code.is_none() && status.is_none() {
        return false;
    }
    let code_ok = code.as_deref().is_none_or(|c| c == "0" || c == "200");
    let status_ok = status.as_deref().is_none_or(|s| SUCCESS_WORDS.contains(&s));
    code_ok && status_ok
}

fn looks_like_envelope(env: &Map<String, Value>) -> bool {
    env.contains_key("code") || env.contains_key("status") || env.contains_key("message")
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
    envelope: Option<&'a Map<String, Value>>,
    payout_id: Option<String>,
    refusal: Option<u16>,
}

impl Failure<'_> {
    fn into_error(self, op: Operation, body: &[u8]) -> Error {
        let envelope = self.envelope.filter(|e| looks_like_envelope(e));
        let api_code = envelope.and_then(tolerant::code);
        let api_message = envelope.and_then(|e| tolerant::string(e, "message"));
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
fn refusal_in(env: &Map<String, Value>) -> (ErrorCode, Option<u16>) {
    let api_status = tolerant::code(env)
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|c| (100..=599).contains(c));
    match api_status {
        Some(c @ 400..=599) => (classify(c), Some(c)),
        Some(_) => (ErrorCode::UnexpectedResponse, None),
        None => {
            let status = tolerant::string(env, "status").map(|s| s.trim().to_ascii_lowercase());
            if status.is_some_and(|s| FAILURE_WORDS.contains(&s.as_str())) {
                (ErrorCode::RequestRejected, Some(400))
            } else {
                (ErrorCode::UnexpectedResponse, None)
            }
        }
    }
}

/// The data object of an envelope, if it has one.
fn data_of(env: &Map<String, Value>) -> Option<&Map<String, Value>> {
    match env.get("data") {
        Some(Value::Object(data)) => Some(data),
        _ => None,
    }
}

fn payout_id_in(data: &Map<String, Value>) -> Option<String> {
    tolerant::id(data, "payout_id").or_else(|| tolerant::id(data, "id"))
}

/// The failure for an answer that did not parse into this operation's result.
fn failure_of<'a>(http_status: u16, env: Option<&'a Map<String, Value>>, payout_id: Option<String>) -> Failure<'a> {
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

fn status_of(data: &Map<String, Value>) -> (PayoutStatus, String) {
    let raw = tolerant::string(data, "status").unwrap_or_default();
    (PayoutStatus::from_raw(&raw), raw)
}

/// Parses the answer to `POST /v1/payment/payouts/process`. Any 2xx whose
/// `data` carries a payout id is an accepted payout, whatever its envelope
/// `code` or `status` say: that payout exists, and its id is never dropped.
pub fn parse_payout_response(http_status: u16, body: &[u8]) -> Result<Payout> {
    let op = Operation::Payout;
    let env = object(body);
    let payout_id = env.as_ref().and_then(data_of).and_then(payout_id_in);
    match (payout_id, env.as_ref()) {
        (Some(payout_id), Some(env)) if (200..=299).contains(&http_status) => {
            let data = data_of(env);
            let (status, raw_status) = data
                .map(status_of)
                .unwrap_or((PayoutStatus::Unknown(String::new()), String::new()));
            Ok(Payout {
                payout_id,
                amount: data.and_then(|d| tolerant::number(d, "amount")),
                status,
                raw_status,
                message: tolerant::string(env, "message"),
            })
        }
        (payout_id, env) => Err(failure_of(http_status, env, payout_id).into_error(op, body)),
    }
}

/// Parses the answer to `GET /v1/payment/{id}/check`.
pub fn parse_status_response(http_status: u16, body: &[u8]) -> Result<StatusReport> {
    let op = Operation::StatusCheck;
    let env = object(body);
    let ok =
        (200..=299).contains(&http_status) && env.as_ref().is_some_and(|e| looks_like_envelope(e) && envelope_ok(e));
    let data = env.as_ref().filter(|_| ok).and_then(data_of);
    let id = data.and_then(|d| tolerant::id(d, "id").or_else(|| tolerant::id(d, "payout_id")));
    let (Some(data), Some(id)) = (data, id) else {
        return Err(failure_of(http_status, env.as_ref(), None).into_error(op, body));
    };
    let (status, raw_status) = status_of(data);
    let text = |key: &str| tolerant::string(data, key);
    let either = |a: &str, b: &str| text(a).or_else(|| text(b));
    Ok(StatusReport {
        id,
        reference: text("reference"),
        amount: tolerant::number(data, "amount"),
        charge: tolerant::number(data, "charge"),
        currency: text("currency"),
        status,
        raw_status,
        environment: text("environment"),
        payout_type: text("type"),
        method: text("method"),
        operator: text("operator"),
        narration: text("narration"),
        is_disbursed: tolerant::boolean(data, "is_disbursed").or_else(|| tolerant::boolean(data, "disbursed")),
        created_at: either("created_at", "createdAt"),
        updated_at: either("updated_at", "updatedAt"),
        message: either("message", "reason").or_else(|| text("failure_reason")),
    })
}
