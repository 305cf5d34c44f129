//! Webhook parsing and confirmation. Alexpay documents neither the payload
//! shape nor a signature, so we accept the documented response envelope and a
//! flat object, and the safe path is to confirm each event with a status check.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::response::StatusReport;
use crate::status::PayoutStatus;
use crate::tolerant;

/// Keys that may carry the payout id, in the order we look.
const ID_KEYS: [&str; 3] = ["payout_id", "id", "reference"];

/// A parsed webhook. Treat it as a hint until confirmed.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    pub payout_id: String,
    pub reference: Option<String>,
    pub status: PayoutStatus,
    pub raw_status: String,
    pub amount: Option<f64>,
    /// The body exactly as received (UTF-8).
    pub raw: String,
}

/// The outcome of a confirmed webhook: the status-check report's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirmation {
    pub payout_id: String,
    pub status: PayoutStatus,
    pub raw_status: String,
    pub amount: Option<f64>,
}

fn malformed(reason: &str) -> Error {
    Error::field(ErrorCode::WebhookMalformed, Field::Body, reason.to_string())
}

/// Parses the raw body bytes (never a re-serialised object: re-encoding changes
/// the bytes a signature covers).
pub fn parse_webhook(body: &[u8]) -> Result<WebhookEvent> {
    let raw = std::str::from_utf8(body).map_err(|_| malformed("is not UTF-8 text"))?;
    let value: Value = serde_json::from_str(raw).map_err(|_| malformed("is not valid JSON"))?;
    let Value::Object(top) = value else {
        return Err(malformed("must be a JSON object"));
    };
    let data: &Map<String, Value> = match top.get("data") {
        Some(Value::Object(data)) => data,
        Some(_) => return Err(malformed("has a 'data' field that is not an object")),
        None => &top,
    };
    let payout_id = ID_KEYS
        .iter()
        .find_map(|k| tolerant::id(data, k))
        .ok_or_else(|| malformed("carries no payout id (looked for payout_id, id and reference)"))?;
    let raw_status = tolerant::string(data, "status").unwrap_or_default();
    Ok(WebhookEvent {
        payout_id,
        reference: tolerant::id(data, "reference"),
        status: PayoutStatus::from_raw(&raw_status),
        raw_status,
        amount: tolerant::number(data, "amount"),
        raw: raw.to_string(),
    })
}

fn mismatch(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::WebhookMismatch, field, reason.to_string())
}

/// Confirms a webhook against the status-check report fetched for its id:
/// same payout (id or reference), same normalised status, and same amount
/// when both carry one. The report is the truth; the event is only a hint.
pub fn confirm_webhook(event: &WebhookEvent, report: &StatusReport) -> Result<Confirmation> {
    let report_ids = [Some(&report.id), report.reference.as_ref()];
    let event_ids = [Some(&event.payout_id), event.reference.as_ref()];
    let same_payout = event_ids
        .iter()
        .flatten()
        .any(|e| report_ids.iter().flatten().any(|r| r == e));
    if !same_payout {
        return Err(mismatch(
            Field::PayoutId,
            "the webhook names another payout than the status check",
        ));
    }
    if event.status != report.status {
        return Err(mismatch(
            Field::Status,
            &format!(
                "the webhook says '{}' but the status check says '{}'; trust the status check",
                event.status, report.status
            ),
        ));
    }
    if let (Some(a), Some(b)) = (event.amount, report.amount) {
        if a != b {
            return Err(mismatch(
                Field::Amount,
                "the webhook's amount differs from the status check's",
            ));
        }
    }
    Ok(Confirmation {
        payout_id: report.id.clone(),
        status: report.status.clone(),
        raw_status: report.raw_status.clone(),
        amount: report.amount,
    })
}
