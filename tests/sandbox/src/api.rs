//! The Alexpay API surface: payouts, status checks, and the fault layer in
//! front of them.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use tokio::sync::mpsc;

use crate::faults::{garble, html_error_page, unusual_envelope, FaultKind, FaultSpec, Route};
use crate::model::{
    currency_for, now_ms, NewPayout, Outcome, PayoutRecord, TransferTo, FAILED, PROCESSING, SUCCESSFUL,
};
use crate::server::ConnKill;
use crate::state::{lock, Shared};
use crate::webhooks::{self, Event};

pub const PROCESS_PATH: &str = "/v1/payment/payouts/process";
/// Largest request body read.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
const MAX_TEXT_CHARS: usize = 64;
const MAX_NARRATION_CHARS: usize = 255;
const MAX_URL_CHARS: usize = 2048;
const MAX_AMOUNT: u64 = (1 << 53) - 1;

/// Set on a response that created a payout, so the fault layer can record
/// what the client was answered.
#[derive(Debug, Clone)]
pub struct CreatedPayout(pub String);

/// The documented failure envelope.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({
        "status": "error",
        "code": status.as_u16(),
        "message": message.into(),
        "data": null,
    });
    (status, Json(body)).into_response()
}

enum ApiRoute<'a> {
    Process,
    Check(&'a str),
}

fn api_route(path: &str) -> Option<ApiRoute<'_>> {
    if path == PROCESS_PATH {
        return Some(ApiRoute::Process);
    }
    let id = path.strip_prefix("/v1/payment/")?.strip_suffix("/check")?;
    (!id.is_empty() && !id.contains('/')).then_some(ApiRoute::Check(id))
}

/// The fault route of a path (`Any` for paths that are neither).
pub fn fault_route(path: &str) -> Route {
    match api_route(path) {
        Some(ApiRoute::Process) => Route::Payout,
        Some(ApiRoute::Check(_)) => Route::Status,
        None => Route::Any,
    }
}

/// Every request outside `/_sandbox/`.
pub async fn api(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match api_route(uri.path()) {
        None => error(StatusCode::NOT_FOUND, "Route not found"),
        Some(ApiRoute::Process) if method != Method::POST => method_not_allowed("POST"),
        Some(ApiRoute::Check(_)) if method != Method::GET => method_not_allowed("GET"),
        Some(route) => {
            if let Some(refusal) = check_keys(&shared, &headers) {
                return refusal;
            }
            match route {
                ApiRoute::Process => process(&shared, &headers, &body),
                ApiRoute::Check(id) => check(&shared, id),
            }
        }
    }
}

fn method_not_allowed(allowed: &'static str) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method not allowed; use {allowed}"),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allowed));
    response
}

fn check_keys(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let (public, secret) = (get("public-key"), get("secret-key"));
    let message = match (public, secret) {
        (None, _) | (_, None) => "Unauthenticated: send your API keys in the public-key and secret-key headers",
        (Some(p), Some(s)) if same_key(p, &shared.config.public_key) & same_key(s, &shared.config.secret_key) => {
            return None
        }
        _ => "Unauthenticated: invalid public-key or secret-key",
    };
    Some(error(StatusCode::UNAUTHORIZED, message))
}

/// Compares a sent key with the configured one in constant time (only the
/// length can show), so response timing tells nothing about the key.
fn same_key(sent: &str, configured: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(sent.as_bytes().ct_eq(configured.as_bytes()))
}

fn check(shared: &Shared, id: &str) -> Response {
    let ledger = lock(&shared.ledger);
    match ledger.get(id) {
        Some(record) => Json(json!({
            "status": "success",
            "code": 200,
            "message": record.message(),
            "data": record.status_data(),
        }))
        .into_response(),
        None => error(StatusCode::NOT_FOUND, "Payout not found"),
    }
}

/// `bytes` is the whole body, already read within its limits (`guard::read_body`).
fn process(shared: &Arc<Shared>, headers: &HeaderMap, bytes: &[u8]) -> Response {
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !json_type {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported content type: send the body as JSON with 'content-type: application/json'",
        );
    }
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("Malformed JSON body: {e}")),
    };
    let Value::Object(fields) = value else {
        return error(StatusCode::BAD_REQUEST, "The request body must be a JSON object");
    };
    let payout = match validate(&fields) {
        Ok(payout) => payout,
        Err(problems) => return error(StatusCode::BAD_REQUEST, problems.join("; ")),
    };
    let record = create(shared, payout);
    let mut response = Json(json!({
        "status": "success",
        "code": 0,
        "message": "Payout initiated successfully",
        "data": {
            "amount": record.request.amount,
            "payout_id": record.id,
            "status": record.status,
        },
    }))
    .into_response();
    response.extensions_mut().insert(CreatedPayout(record.id));
    response
}

/// A field present and not null.
fn present<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields.get(name).filter(|v| !v.is_null())
}

/// A string field (numbers are accepted as their digits, as form-minded
/// APIs do for ids).
fn text(fields: &Map<String, Value>, name: &str, max: usize, problems: &mut Vec<String>) -> Option<String> {
    let value = present(fields, name)?;
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) if n.is_u64() => n.to_string(),
        _ => {
            problems.push(format!("{name} must be a string"));
            return None;
        }
    };
    if text.is_empty() {
        problems.push(format!("{name} must not be empty"));
        return None;
    }
    if text.chars().count() > max {
        problems.push(format!("{name} must be at most {max} characters"));
        return None;
    }
    if text.chars().any(char::is_control) {
        problems.push(format!("{name} must not contain control characters"));
        return None;
    }
    Some(text)
}

/// Validates a payout body the way the docs describe it; every problem found.
pub fn validate(fields: &Map<String, Value>) -> Result<NewPayout, Vec<String>> {
    let mut problems = Vec::new();
    let amount = match present(fields, "amount") {
        None => {
            problems.push("amount is required".to_string());
            None
        }
        Some(Value::Number(n)) => match n.as_u64() {
            Some(0) | None => {
                problems.push("amount must be a positive whole number".to_string());
                None
            }
            Some(a) if a > MAX_AMOUNT => {
                problems.push(format!("amount must not exceed {MAX_AMOUNT}"));
                None
            }
            Some(a) => Some(a),
        },
        Some(_) => {
            problems.push("amount must be a number (a positive whole number, not a string)".to_string());
            None
        }
    };
    let country_id = text(fields, "countryId", MAX_TEXT_CHARS, &mut problems);
    if present(fields, "countryId").is_none() {
        problems.push("countryId is required".to_string());
    }
    let transfer_to = match present(fields, "transfer_to").and_then(Value::as_str) {
        Some("mobile_number") => Some(TransferTo::MobileNumber),
        Some("bank") => Some(TransferTo::Bank),
        Some(_) => {
            problems.push("transfer_to must be 'mobile_number' or 'bank'".to_string());
            None
        }
        None if present(fields, "transfer_to").is_some() => {
            problems.push("transfer_to must be 'mobile_number' or 'bank'".to_string());
            None
        }
        None => {
            problems.push("transfer_to is required ('mobile_number' or 'bank')".to_string());
            None
        }
    };
    let narration = text(fields, "narration", MAX_NARRATION_CHARS, &mut problems);
    let webhook_url = text(fields, "webhook_url", MAX_URL_CHARS, &mut problems);
    if let Some(url) = &webhook_url {
        let ok = url
            .parse::<axum::http::Uri>()
            .ok()
            .filter(|u| matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty()));
        if ok.is_none() {
            problems.push("webhook_url must be an absolute http:// or https:// URL".to_string());
        }
    }
    let mut momo_phone_number = None;
    let mut bank_id = None;
    let mut account_number = None;
    match transfer_to {
        Some(TransferTo::MobileNumber) => {
            momo_phone_number = text(fields, "momo_phone_number", MAX_TEXT_CHARS, &mut problems);
            if let Some(phone) = &momo_phone_number {
                let digits = phone.strip_prefix('+').unwrap_or(phone);
                let digits: String = digits.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
                if !(7..=15).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
                    problems.push(
                        "momo_phone_number must be a phone number: 7 to 15 digits, an optional leading +".to_string(),
                    );
                }
            }
        }
        Some(TransferTo::Bank) => {
            bank_id = text(fields, "bank_id", MAX_TEXT_CHARS, &mut problems);
            account_number = text(fields, "account_number", MAX_TEXT_CHARS, &mut problems);
            if present(fields, "bank_id").is_none() {
                problems.push("bank_id is required for bank payouts".to_string());
            }
            if present(fields, "account_number").is_none() {
                problems.push("account_number is required for bank payouts".to_string());
            }
        }
        None => {}
    }
    match (amount, country_id, transfer_to) {
        (Some(amount), Some(country_id), Some(transfer_to)) if problems.is_empty() => Ok(NewPayout {
            amount,
            country_id,
            transfer_to,
            momo_phone_number,
            bank_id,
            account_number,
            narration,
            webhook_url,
        }),
        _ => Err(problems),
    }
}

/// The outcome the magic inputs ask for (README: "Magic inputs").
pub fn outcome_for(payout: &NewPayout, insufficient_funds_above: u64) -> Outcome {
    if payout.amount > insufficient_funds_above {
        return Outcome::Fail("insufficient funds");
    }
    let last_digit = |s: &Option<String>| s.as_deref().and_then(|s| s.trim().chars().last());
    match payout.transfer_to {
        TransferTo::MobileNumber => match last_digit(&payout.momo_phone_number) {
            Some('9') => Outcome::Fail("invalid number"),
            Some('8') => Outcome::Fail("recipient wallet is not active"),
            Some('7') => Outcome::Stay,
            _ => Outcome::Succeed,
        },
        TransferTo::Bank => match last_digit(&payout.account_number) {
            Some('0') => Outcome::Fail("invalid account number"),
            Some('9') => Outcome::Fail("account closed"),
            Some('7') => Outcome::Stay,
            _ => Outcome::Succeed,
        },
    }
}

/// Records the payout, queues its `processing` webhook and starts its clock.
fn create(shared: &Arc<Shared>, payout: NewPayout) -> PayoutRecord {
    let settings = *lock(&shared.settings);
    let now = now_ms();
    let operator = match payout.transfer_to {
        TransferTo::MobileNumber => "MTN".to_string(),
        TransferTo::Bank => payout.bank_id.clone().unwrap_or_default(),
    };
    let record = PayoutRecord {
        id: shared.ids.payout_id(),
        reference: shared.ids.reference(),
        currency: currency_for(&payout.country_id),
        operator,
        status: PROCESSING,
        outcome: outcome_for(&payout, settings.insufficient_funds_above),
        failure_reason: None,
        created_at_ms: now,
        updated_at_ms: now,
        answer: "pending".to_string(),
        history: vec![(PROCESSING, now)],
        request: payout,
    };
    let epoch = shared.epoch();
    let queue = record.request.webhook_url.clone().map(|url| {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(webhooks::run_queue(shared.clone(), rx, epoch));
        (tx, url)
    });
    {
        let mut ledger = lock(&shared.ledger);
        let index = ledger.payouts.len();
        ledger.index.insert(record.id.clone(), index);
        ledger.index.insert(record.reference.clone(), index);
        ledger.payouts.push(record.clone());
    }
    shared.log(format_args!(
        "payout {} created: {} {} by {}, will end {}",
        record.id,
        record.request.amount,
        record.currency,
        record.request.transfer_to.as_str(),
        record.outcome.planned_status()
    ));
    if let Some((tx, url)) = &queue {
        let event = Event {
            event_id: shared.ids.message_id(),
            payout_id: record.id.clone(),
            url: url.clone(),
            body: record.webhook_body(),
        };
        webhooks::enqueue(shared, tx, event, PROCESSING);
    }
    if record.outcome != Outcome::Stay {
        let delay = Duration::from_millis(settings.delay_ms);
        tokio::spawn(settle(shared.clone(), record.id.clone(), delay, epoch, queue));
    }
    record
}

/// After the delay: the payout's outcome, and its webhook.
async fn settle(
    shared: Arc<Shared>,
    id: String,
    delay: Duration,
    epoch: u64,
    queue: Option<(mpsc::UnboundedSender<Event>, String)>,
) {
    if !shared.pause(delay, epoch).await {
        return;
    }
    let settled = {
        let mut ledger = lock(&shared.ledger);
        let Some(record) = ledger.get_mut(&id) else {
            return;
        };
        let now = now_ms();
        let (status, reason) = match record.outcome {
            Outcome::Fail(reason) => (FAILED, Some(reason)),
            _ => (SUCCESSFUL, None),
        };
        record.status = status;
        record.failure_reason = reason;
        record.updated_at_ms = now;
        record.history.push((status, now));
        record.clone()
    };
    shared.log(format_args!(
        "payout {id} is {}{}",
        settled.status,
        settled.failure_reason.map(|r| format!(" ({r})")).unwrap_or_default()
    ));
    if let Some((tx, url)) = queue {
        let event = Event {
            event_id: shared.ids.message_id(),
            payout_id: id,
            url,
            body: settled.webhook_body(),
        };
        webhooks::enqueue(&shared, &tx, event, settled.status);
    }
}

fn html(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (code, html_error_page(status)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn rate_limited(retry_after: u64) -> Response {
    let mut response = error(
        StatusCode::TOO_MANY_REQUESTS,
        format!("Too many requests; retry after {retry_after} seconds"),
    );
    if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Closes the connection without answering (the handler never returns).
async fn hang_up(kill: Option<ConnKill>) -> Response {
    match kill {
        Some(ConnKill(notify)) => {
            notify.notify_one();
            std::future::pending::<Response>().await
        }
        // Not reached through the sandbox's own server; answer something.
        None => html(502),
    }
}

fn note_answer(shared: &Shared, created: &Option<CreatedPayout>, answer: String) {
    if let Some(CreatedPayout(id)) = created {
        if let Some(record) = lock(&shared.ledger).get_mut(id) {
            record.answer = answer;
        }
    }
}

/// The fault layer: faults strike API requests, never `/_sandbox/*`.
pub async fn fault_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    if path.starts_with("/_sandbox/") || path == "/_sandbox" {
        let response = next.run(request).await;
        shared.log(format_args!("{method} {path} -> {}", response.status().as_u16()));
        return response;
    }
    let route = fault_route(&path);
    let kill = request.extensions().get::<ConnKill>().cloned();
    let before = lock(&shared.faults).take_before(route);
    let delay = Duration::from_millis(before.delay_ms);
    if let Some(fault) = before.action {
        tokio::time::sleep(delay).await;
        shared.log(format_args!("{method} {path} -> fault {:?}", fault.fault));
        return refuse(&fault, kill).await;
    }
    let mut response = next.run(request).await;
    let created = response.extensions().get::<CreatedPayout>().cloned();
    let after = if response.status().is_success() {
        lock(&shared.faults).take_after(route)
    } else {
        None
    };
    match after {
        Some(FaultSpec {
            fault: FaultKind::DropAfterAccept,
            ..
        }) => {
            note_answer(&shared, &created, "dropped".to_string());
            tokio::time::sleep(delay).await;
            shared.log(format_args!(
                "{method} {path} -> accepted, then the connection was dropped"
            ));
            return hang_up(kill).await;
        }
        Some(FaultSpec {
            fault: FaultKind::GarbledAfterAccept,
            ..
        }) => {
            note_answer(&shared, &created, "garbled".to_string());
            let body = garble(&read_body(response).await);
            response = json_bytes(body);
        }
        Some(FaultSpec {
            fault: FaultKind::HugeAfterAccept,
            ..
        }) => {
            note_answer(&shared, &created, "huge".to_string());
            let body = read_body(response).await;
            response = crate::padding::json_then_whitespace(body, crate::padding::HUGE_BYTES);
        }
        Some(FaultSpec {
            fault: FaultKind::UnusualEnvelope,
            envelope,
            ..
        }) => {
            let envelope = envelope.unwrap_or_default();
            note_answer(&shared, &created, format!("envelope_{}", envelope.as_str()));
            let body = unusual_envelope(&read_body(response).await, envelope);
            response = json_bytes(body);
        }
        Some(fault) => {
            let status = fault.status.unwrap_or(500);
            note_answer(&shared, &created, format!("http_{status}"));
            response = html(status);
        }
        None => note_answer(&shared, &created, "ok".to_string()),
    }
    tokio::time::sleep(delay).await;
    shared.log(format_args!("{method} {path} -> {}", response.status().as_u16()));
    response
}

async fn read_body(response: Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default()
}

/// A 200 with these bytes as its JSON body (whether or not they parse).
fn json_bytes(body: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

async fn refuse(fault: &FaultSpec, kill: Option<ConnKill>) -> Response {
    match fault.fault {
        FaultKind::RateLimit => rate_limited(fault.retry_after.unwrap_or(1)),
        FaultKind::Drop | FaultKind::DropAfterAccept => hang_up(kill).await,
        FaultKind::HttpError
        | FaultKind::Slow
        | FaultKind::GarbledAfterAccept
        | FaultKind::HugeAfterAccept
        | FaultKind::UnusualEnvelope => html(fault.status.unwrap_or(500)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn routes() {
        assert!(matches!(api_route(PROCESS_PATH), Some(ApiRoute::Process)));
        assert!(matches!(
            api_route("/v1/payment/abc/check"),
            Some(ApiRoute::Check("abc"))
        ));
        assert!(api_route("/v1/payment//check").is_none());
        assert!(api_route("/v1/payment/a/b/check").is_none());
        assert!(api_route("/").is_none());
    }

    #[test]
    fn validation_reports_every_problem() {
        let problems = validate(&body(json!({"amount": 0, "transfer_to": "bank"}))).unwrap_err();
        let text = problems.join("; ");
        for part in [
            "amount must be",
            "countryId is required",
            "bank_id is required",
            "account_number is required",
        ] {
            assert!(text.contains(part), "{text}");
        }
        assert!(validate(&body(
            json!({"amount": 1.5, "countryId": "GH", "transfer_to": "mobile_number"})
        ))
        .is_err());
        assert!(validate(&body(
            json!({"amount": "10", "countryId": "GH", "transfer_to": "mobile_number"})
        ))
        .is_err());
        assert!(validate(&body(json!({"amount": 10, "countryId": "GH", "transfer_to": "wallet"}))).is_err());
        let ok = validate(&body(
            json!({"amount": 10, "countryId": "GH", "transfer_to": "mobile_number"}),
        ))
        .unwrap();
        assert_eq!(ok.momo_phone_number, None);
    }

    #[test]
    fn magic_inputs() {
        let momo = |phone: &str, amount| NewPayout {
            amount,
            country_id: "GH".into(),
            transfer_to: TransferTo::MobileNumber,
            momo_phone_number: Some(phone.into()),
            bank_id: None,
            account_number: None,
            narration: None,
            webhook_url: None,
        };
        assert_eq!(outcome_for(&momo("0241234561", 10), 100), Outcome::Succeed);
        assert_eq!(
            outcome_for(&momo("0241234569", 10), 100),
            Outcome::Fail("invalid number")
        );
        assert_eq!(outcome_for(&momo("0241234567", 10), 100), Outcome::Stay);
        assert_eq!(
            outcome_for(&momo("0241234561", 101), 100),
            Outcome::Fail("insufficient funds")
        );
        let mut bank = momo("", 10);
        bank.transfer_to = TransferTo::Bank;
        bank.account_number = Some("1234567890".into());
        assert_eq!(outcome_for(&bank, 100), Outcome::Fail("invalid account number"));
    }
}
