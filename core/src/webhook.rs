//! Webhook parsing and confirmation. Alexpay documents neither the payload
//! shape nor a signature, so we accept the documented response envelope and a
//! flat object, and the safe path is to confirm each event with a status check.

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;
use crate::loose::{self, Key};
use crate::response::StatusReport;
use crate::status::PayoutStatus;
use crate::tolerant;

/// Keys that may carry the payout id, in the order we look.
const ID_KEYS: [Key; 3] = [Key::PayoutId, Key::Id, Key::Reference];

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

impl WebhookEvent {
    /// The status the event claims, or `None` for an id-only event.
    pub fn claimed_status(&self) -> Option<&PayoutStatus> {
        (!crate::tolerant::trim(&self.raw_status).is_empty()).then_some(&self.status)
    }
}

/// The outcome of a confirmed webhook: the status-check report's facts, and
/// what the event claimed.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirmation {
    pub payout_id: String,
    pub status: PayoutStatus,
    pub raw_status: String,
    pub amount: Option<f64>,
    /// The status the event claimed (`None` for an id-only event).
    pub event_status: Option<PayoutStatus>,
    /// The event's status differs from the truth: out of order or redelivered.
    /// A normal result, not an error: answer 2xx so the next event comes.
    pub stale: bool,
}

fn malformed(reason: &str) -> Error {
    Error::field(ErrorCode::WebhookMalformed, Field::Body, reason.to_string())
}

/// Parses the raw body bytes (never a re-serialised object: re-encoding changes
/// the bytes a signature covers). A body over [`crate::DEFAULT_MAX_BODY_BYTES`]
/// is refused unread (`webhook_too_large`); [`crate::Client::parse_webhook`]
/// applies the client's own cap.
pub fn parse_webhook(body: &[u8]) -> Result<WebhookEvent> {
    crate::body_cap::check_webhook(body, crate::DEFAULT_MAX_BODY_BYTES)?;
    parse_webhook_uncapped(body)
}

pub(crate) fn parse_webhook_uncapped(body: &[u8]) -> Result<WebhookEvent> {
    let raw = text_of(body)?;
    let mut event = event_in(raw)?;
    event.raw = raw.to_string();
    Ok(event)
}

/// [`parse_webhook`] with `raw` left empty, for bindings whose caller already
/// holds the body: no copy of it is made (a JavaScript host keeps its own
/// text, and the wasm module's memory, which never shrinks, does not grow by
/// another body's size).
pub fn parse_webhook_without_raw(body: &[u8]) -> Result<WebhookEvent> {
    parse_webhook_without_raw_within(body, crate::DEFAULT_MAX_BODY_BYTES)
}

/// [`parse_webhook_without_raw`] under a given body cap (a client's).
pub fn parse_webhook_without_raw_within(body: &[u8], max_body_bytes: usize) -> Result<WebhookEvent> {
    crate::body_cap::check_webhook(body, max_body_bytes)?;
    event_in(text_of(body)?)
}

fn text_of(body: &[u8]) -> Result<&str> {
    std::str::from_utf8(body).map_err(|_| malformed("is not UTF-8 text"))
}

/// The event in the body text, `raw` left empty.
fn event_in(raw: &str) -> Result<WebhookEvent> {
    // UTF-8 checked once above; serde_json reads the text without again.
    let top = loose::object_in_text(raw)
        .map_err(|()| malformed("is not valid JSON"))?
        .ok_or_else(|| malformed("must be a JSON object"))?;
    let data = match top.data() {
        Some(loose::Data::Object(data)) => data,
        Some(loose::Data::Other) => return Err(malformed("has a 'data' field that is not an object")),
        None => &top,
    };
    let payout_id = ID_KEYS
        .iter()
        .find_map(|&k| tolerant::id(data, k))
        .ok_or_else(|| malformed("carries no payout id (looked for payout_id, id and reference)"))?;
    let raw_status = tolerant::string(data, Key::Status).unwrap_or_default();
    Ok(WebhookEvent {
        payout_id,
        reference: tolerant::id(data, Key::Reference),
        status: PayoutStatus::from_raw(&raw_status),
        raw_status,
        amount: tolerant::number(data, Key::Amount),
        raw: String::new(),
    })
}

fn mismatch(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::WebhookMismatch, field, reason.to_string())
}

/// True when the report is about `payout_id`: its id, or a reference the
/// report itself gives. The one id-matching rule of flows and confirmations;
/// an event's own `reference` field is a sender-chosen string and is never
/// matched on.
pub(crate) fn report_names(report: &StatusReport, payout_id: &str) -> bool {
    report.id == payout_id || report.reference.as_deref() == Some(payout_id)
}

/// Confirms a webhook against the status-check report fetched for its id.
/// The report is the truth; the event is only a hint: a status that differs is
/// `stale`, not an error. Errors: the report is about another payout, or both
/// carry amounts that differ.
pub fn confirm_webhook(event: &WebhookEvent, report: &StatusReport) -> Result<Confirmation> {
    if !report_names(report, &event.payout_id) {
        return Err(mismatch(
            Field::PayoutId,
            "the webhook names another payout than the status check",
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
    let event_status = event.claimed_status().cloned();
    Ok(Confirmation {
        payout_id: report.id.clone(),
        stale: event_status.as_ref().is_some_and(|s| *s != report.status),
        event_status,
        status: report.status.clone(),
        raw_status: report.raw_status.clone(),
        amount: report.amount,
    })
}

/// The event's delivery id for de-duplication: `webhook-id`, or its
/// Standard Webhooks alias `svix-id`.
pub fn webhook_id(headers: &[(String, String)]) -> Option<String> {
    ["webhook-id", "svix-id"]
        .iter()
        .find_map(|name| crate::headers::header(headers, name))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_raw_is_the_same_event_with_an_empty_raw() {
        let bodies: [&[u8]; 4] = [
            br#"{"data":{"id":"PO_1","reference":"R","amount":100,"status":"success"}}"#,
            br#"{"payout_id":"PO_1"}"#,
            br#"[1]"#,
            b"\xff{}",
        ];
        for body in bodies {
            let full = parse_webhook(body);
            let bare = parse_webhook_without_raw(body);
            match (full, bare) {
                (Ok(full), Ok(bare)) => {
                    assert_eq!(full.raw.as_bytes(), body);
                    assert_eq!(
                        WebhookEvent {
                            raw: String::new(),
                            ..full
                        },
                        bare
                    );
                }
                (Err(a), Err(b)) => assert_eq!(a, b),
                other => panic!("parse_webhook and parse_webhook_without_raw disagree: {other:?}"),
            }
        }
    }
}
