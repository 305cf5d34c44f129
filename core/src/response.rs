//! Parsing Alexpay's answers from `(http_status, body bytes)`.
//!
//! Tolerant where the docs are loose: `code` 0 or 200, `status` "success" or
//! "successful", numbers as numeric strings, booleans as "true"/"false",
//! unknown fields ignored, unknown status strings kept.

use serde_json::{Map, Value};

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

fn retryable(code: ErrorCode, op: Operation) -> bool {
    match code {
        ErrorCode::RateLimited => true,
        ErrorCode::ServerError | ErrorCode::UnexpectedResponse => op == Operation::StatusCheck,
        _ => false,
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

fn failure(code: ErrorCode, op: Operation, http_status: u16, body: &[u8], env: Option<&Map<String, Value>>) -> Error {
    let envelope = env.filter(|e| looks_like_envelope(e));
    let api_code = envelope.and_then(tolerant::code);
    let api_message = envelope.and_then(|e| tolerant::string(e, "message"));
    let mut reason = describe(code, op, http_status);
    match (&api_message, envelope) {
        (Some(m), _) => reason.push_str(&format!(": {}", tolerant::excerpt(m.as_bytes()))),
        (None, None) if !body.is_empty() => reason.push_str(&format!("; body starts: {}", tolerant::excerpt(body))),
        (None, None) => reason.push_str("; the body was empty"),
        (None, Some(_)) => {}
    }
    let failure = ApiFailure {
        http_status,
        api_code,
        api_message,
        retryable: retryable(code, op),
    };
    Error::api(code, failure, reason)
}

/// A successful envelope split into the envelope (without `data`) and its
/// `data` object, or the typed failure. Parses the body once and moves `data`
/// out instead of cloning it.
fn success_data(op: Operation, http_status: u16, body: &[u8]) -> Result<(Map<String, Value>, Map<String, Value>)> {
    let env = object(body);
    if !(200..=299).contains(&http_status) {
        return Err(failure(classify(http_status), op, http_status, body, env.as_ref()));
    }
    let Some(mut env) = env.filter(looks_like_envelope) else {
        return Err(failure(ErrorCode::UnexpectedResponse, op, http_status, body, None));
    };
    if !envelope_ok(&env) {
        // A 2xx carrying a failure envelope: classify by Alexpay's own code
        // when it looks like an HTTP status, else it is a rejection.
        let api_status = tolerant::code(&env).and_then(|c| c.parse::<u16>().ok());
        let code = match api_status.map(classify) {
            Some(ErrorCode::UnexpectedResponse) | None => ErrorCode::RequestRejected,
            Some(code) => code,
        };
        return Err(failure(code, op, http_status, body, Some(&env)));
    }
    match env.remove("data") {
        Some(Value::Object(data)) => Ok((env, data)),
        _ => Err(failure(ErrorCode::UnexpectedResponse, op, http_status, body, None)),
    }
}

fn missing_id(op: Operation, http_status: u16, body: &[u8]) -> Error {
    failure(ErrorCode::UnexpectedResponse, op, http_status, body, None)
}

fn status_of(data: &Map<String, Value>) -> (PayoutStatus, String) {
    let raw = tolerant::string(data, "status").unwrap_or_default();
    (PayoutStatus::from_raw(&raw), raw)
}

/// Parses the answer to `POST /v1/payment/payouts/process`.
pub fn parse_payout_response(http_status: u16, body: &[u8]) -> Result<Payout> {
    let op = Operation::Payout;
    let (env, data) = success_data(op, http_status, body)?;
    let payout_id = tolerant::id(&data, "payout_id")
        .or_else(|| tolerant::id(&data, "id"))
        .ok_or_else(|| missing_id(op, http_status, body))?;
    let (status, raw_status) = status_of(&data);
    let message = tolerant::string(&env, "message");
    Ok(Payout {
        payout_id,
        amount: tolerant::number(&data, "amount"),
        status,
        raw_status,
        message,
    })
}

/// Parses the answer to `GET /v1/payment/{id}/check`.
pub fn parse_status_response(http_status: u16, body: &[u8]) -> Result<StatusReport> {
    let op = Operation::StatusCheck;
    let (_, data) = success_data(op, http_status, body)?;
    let id = tolerant::id(&data, "id")
        .or_else(|| tolerant::id(&data, "payout_id"))
        .ok_or_else(|| missing_id(op, http_status, body))?;
    let (status, raw_status) = status_of(&data);
    let text = |key: &str| tolerant::string(&data, key);
    let either = |a: &str, b: &str| text(a).or_else(|| text(b));
    Ok(StatusReport {
        id,
        reference: text("reference"),
        amount: tolerant::number(&data, "amount"),
        charge: tolerant::number(&data, "charge"),
        currency: text("currency"),
        status,
        raw_status,
        environment: text("environment"),
        payout_type: text("type"),
        method: text("method"),
        operator: text("operator"),
        narration: text("narration"),
        is_disbursed: tolerant::boolean(&data, "is_disbursed").or_else(|| tolerant::boolean(&data, "disbursed")),
        created_at: either("created_at", "createdAt"),
        updated_at: either("updated_at", "updatedAt"),
    })
}
