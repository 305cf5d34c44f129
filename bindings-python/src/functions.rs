//! Module-level functions: response and webhook parsing, signatures, status
//! helpers and the retry policy.

use alexpay_core as core;
use alexpay_core::Field;
use pyo3::prelude::*;

use crate::convert::{self, type_name};
use crate::errors::{wrong_type, OrRaise};
use crate::types::{Confirmation, Payout, RetryDecision, StatusReport, WebhookEvent};

const RESPONSE_HINT: &str = "pass response.content (httpx, requests) or await response.read() (aiohttp)";
const WEBHOOK_HINT: &str =
    "pass the request's raw body, e.g. await request.body() (FastAPI/Starlette) or request.get_data() (Flask)";
const HTTP_STATUS: &str = "an HTTP status code";

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_payout_response, m)?)?;
    m.add_function(wrap_pyfunction!(parse_status_response, m)?)?;
    m.add_function(wrap_pyfunction!(parse_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(confirm_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(verify_webhook_signature, m)?)?;
    m.add_function(wrap_pyfunction!(sign_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_status, m)?)?;
    m.add_function(wrap_pyfunction!(is_terminal_status, m)?)?;
    m.add_function(wrap_pyfunction!(retry_decision, m)?)?;
    Ok(())
}

/// Parses Alexpay's answer to a payout initiation.
///
/// ``http_status`` is the status your client received and ``body`` the raw
/// response body (``bytes`` or ``str``). Returns a ``Payout``; raises
/// ``ApiError`` for failures (``.retryable`` is False for anything that may
/// have created the payout: never resend then, reconcile).
#[pyfunction]
fn parse_payout_response(http_status: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<Payout> {
    let status: u16 = convert::int(http_status, Field::HttpStatus, HTTP_STATUS)?;
    let body = convert::body(body, "body", RESPONSE_HINT)?;
    Ok(Payout {
        inner: core::parse_payout_response(status, body.as_bytes()).or_raise()?,
    })
}

/// Parses Alexpay's answer to a status check.
///
/// Returns a ``StatusReport``; raises ``ApiError`` (``not_found`` for an
/// unknown id; ``.retryable`` is True when checking again may help).
#[pyfunction]
fn parse_status_response(http_status: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<StatusReport> {
    let status: u16 = convert::int(http_status, Field::HttpStatus, HTTP_STATUS)?;
    let body = convert::body(body, "body", RESPONSE_HINT)?;
    let report = core::parse_status_response(status, body.as_bytes()).or_raise()?;
    StatusReport::new(http_status.py(), report)
}

/// Parses a webhook from its raw body (``bytes`` or ``str``, exactly as
/// received: a parsed ``dict`` raises ``TypeError``).
///
/// Returns a ``WebhookEvent``; raises ``WebhookError``
/// (``webhook_malformed``) when the body is not a JSON object naming a
/// payout. Alexpay does not sign webhooks: confirm the event with a status
/// check (``confirm_webhook``) before acting on it.
#[pyfunction]
fn parse_webhook(body: &Bound<'_, PyAny>) -> PyResult<WebhookEvent> {
    let body = convert::body(body, "body", WEBHOOK_HINT)?;
    Ok(WebhookEvent {
        inner: core::parse_webhook(body.as_bytes()).or_raise()?,
    })
}

/// Confirms a webhook against the status report fetched for its payout id:
/// same payout, same status, same amount when both carry one.
///
/// Returns a ``Confirmation`` (the report's facts); raises ``WebhookError``
/// (``webhook_mismatch``) otherwise: trust the report, not the webhook.
#[pyfunction]
fn confirm_webhook(event: &Bound<'_, PyAny>, report: &Bound<'_, PyAny>) -> PyResult<Confirmation> {
    let event = event.cast::<WebhookEvent>().map_err(|_| {
        wrong_type(
            "event",
            format_args!(
                "must be the WebhookEvent from parse_webhook(), not {}",
                type_name(event)
            ),
        )
    })?;
    let report = report.cast::<StatusReport>().map_err(|_| {
        wrong_type(
            "report",
            format_args!(
                "must be the StatusReport from parse_status_response(), not {}",
                type_name(report)
            ),
        )
    })?;
    let report = report.get();
    let confirmation = core::confirm_webhook(&event.get().inner, &report.inner).or_raise()?;
    Confirmation::new(event.py(), confirmation, report)
}

/// Verifies a signed webhook (Standard Webhooks scheme; opt-in, for
/// deployments that sign: Alexpay documents no signature).
///
/// - ``secret``: the base64 key, ``whsec_`` prefix and padding optional (as
///   the Standard Webhooks libraries take it).
/// - ``headers``: the request's headers (a dict, Starlette/Werkzeug/httpx
///   headers, or a list of pairs), matched case-insensitively. Every
///   ``webhook-signature`` value counts; a repeated ``webhook-id`` or
///   ``webhook-timestamp`` is refused.
/// - ``body``: the raw body, exactly as received.
/// - ``now``: Unix seconds from your clock (``int(time.time())``).
/// - ``tolerance_secs``: allowed clock skew, both ways (``None`` means the
///   default, ``DEFAULT_TOLERANCE_SECS`` = 300).
///
/// Returns ``None``; raises ``WebhookError`` (``webhook_signature_invalid``,
/// ``webhook_timestamp_out_of_range``) or ``ValidationError``
/// (``invalid_webhook_secret``).
#[pyfunction]
#[pyo3(
    signature = (secret, headers, body, now, tolerance_secs = None),
    text_signature = "(secret, headers, body, now, tolerance_secs=300)"
)]
fn verify_webhook_signature(
    secret: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    tolerance_secs: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let secret = convert::text(secret, Field::Secret)?;
    let headers = convert::headers(headers)?;
    let body = convert::body(body, "body", WEBHOOK_HINT)?;
    let now: i64 = convert::int(now, Field::Now, "Unix seconds, e.g. int(time.time())")?;
    let tolerance: u64 = convert::optional_int(tolerance_secs, Field::ToleranceSecs, "seconds, 0 or more")?
        .unwrap_or(core::DEFAULT_TOLERANCE_SECS);
    core::verify_webhook_signature(&secret, &headers, body.as_bytes(), now, tolerance).or_raise()
}

/// Signs a webhook body: the ``webhook-signature`` header value
/// (``v1,<base64>``) over ``{id}.{timestamp}.{body}``. For senders and tests.
#[pyfunction]
fn sign_webhook(
    secret: &Bound<'_, PyAny>,
    id: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let secret = convert::text(secret, Field::Secret)?;
    let id = convert::text(id, Field::WebhookIdHeader)?;
    let timestamp: i64 = convert::int(timestamp, Field::WebhookTimestampHeader, "Unix seconds")?;
    let body = convert::body(body, "body", WEBHOOK_HINT)?;
    core::sign_webhook(&secret, &id, timestamp, body.as_bytes()).or_raise()
}

/// Normalises a raw Alexpay status (``"successful"``, ``"processing"``, ...)
/// to ``"pending"``, ``"succeeded"``, ``"failed"`` or ``"unknown"``.
#[pyfunction]
fn normalize_status(raw: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let raw = convert::text(raw, Field::Status)?;
    Ok(core::PayoutStatus::from_raw(&raw).as_str())
}

/// True for final statuses (succeeded or failed), given a normalised or raw
/// status string.
#[pyfunction]
fn is_terminal_status(status: &Bound<'_, PyAny>) -> PyResult<bool> {
    let status = convert::text(status, Field::Status)?;
    Ok(core::PayoutStatus::from_raw(&status).is_terminal())
}

/// Decides what to do after a failed attempt.
///
/// - ``operation``: ``"payout"`` or ``"status_check"``.
/// - ``attempt``: the attempt that just failed, from 1.
/// - ``http_status``: the status received, or ``None`` when the transport failed.
/// - ``transport_error``: ``"connect"`` (nothing was sent), ``"timeout"`` or
///   ``"connection_lost"`` (it may have arrived); give it or ``http_status``.
/// - ``retry_after_secs``: the ``Retry-After`` header in seconds, if any.
/// - ``body``: the response body. The decision reads it exactly as
///   ``parse_payout_response`` / ``parse_status_response`` do; an absent body
///   counts as empty, so a 2xx payout answer without its body is
///   ``"do_not_resend"`` (never known to be accepted).
///
/// The drivers (``Client.send_mobile_money_payout`` and friends) make these
/// decisions for you; this is for hosts that drive requests themselves.
///
/// Returns a ``RetryDecision``. A payout whose outcome is unknown is
/// ``"do_not_resend"``: never send it again, check its status instead.
#[pyfunction]
#[pyo3(signature = (operation, attempt, http_status = None, transport_error = None, retry_after_secs = None, body = None))]
fn retry_decision(
    operation: &Bound<'_, PyAny>,
    attempt: &Bound<'_, PyAny>,
    http_status: Option<&Bound<'_, PyAny>>,
    transport_error: Option<&Bound<'_, PyAny>>,
    retry_after_secs: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
) -> PyResult<RetryDecision> {
    let operation = core::Operation::parse(&convert::text(operation, Field::Operation)?).or_raise()?;
    let attempt: u32 = convert::int(attempt, Field::Attempt, "the attempt that failed, from 1")?;
    let http_status: Option<u16> = convert::optional_int(http_status, Field::HttpStatus, HTTP_STATUS)?;
    let transport_error = convert::optional_text(transport_error, Field::TransportError)?
        .map(|t| core::TransportError::parse(&t))
        .transpose()
        .or_raise()?;
    let retry_after_secs: Option<u64> =
        convert::optional_int(retry_after_secs, Field::RetryAfterSecs, "seconds, 0 or more")?;
    let body = body.map(|b| convert::body(b, "body", RESPONSE_HINT)).transpose()?;
    let input = core::RetryInput {
        operation,
        attempt,
        http_status,
        body: body.as_ref().map(convert::Body::as_bytes),
        transport_error,
        retry_after_secs,
    };
    Ok(RetryDecision {
        inner: core::retry_decision(&input).or_raise()?,
    })
}
