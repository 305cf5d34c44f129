//! Node.js binding of the Alexpay payouts SDK (napi-rs).
//!
//! This crate only converts values; every rule lives in `alexpay-core`. The
//! hand-written JavaScript wrapper (`index.js`) checks JavaScript types first,
//! then calls these functions with well-typed arguments. A core error comes
//! back as a [`NativeFailure`] value (structured data, never message text to
//! parse) that the wrapper turns into an `AlexpayError`: every fallible
//! function returns `Either<value, NativeFailure>`.
//!
//! With the default `noop` feature the napi macros expand to plain Rust, so
//! `cargo test --workspace` builds this crate without Node.js.

use alexpay_core as ap;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

/// A core error as data: the wrapper builds an `AlexpayError` from it.
#[napi]
pub struct NativeFailure {
    /// The core's stable snake_case code, e.g. `invalid_phone_number`.
    pub code: String,
    /// `validation`, `api`, `webhook` or `conflict`.
    pub family: String,
    /// The message for a JavaScript caller (`phoneNumber: ...`); never a secret.
    pub message: String,
    /// The field in camelCase as a JavaScript caller wrote it.
    pub field: Option<String>,
    pub http_status: Option<u32>,
    pub retryable: bool,
    pub api_code: Option<String>,
    pub api_message: Option<String>,
}

fn family(f: ap::ErrorFamily) -> &'static str {
    match f {
        ap::ErrorFamily::Validation => "validation",
        ap::ErrorFamily::Api => "api",
        ap::ErrorFamily::Webhook => "webhook",
        ap::ErrorFamily::Conflict => "conflict",
    }
}

impl From<&ap::Error> for NativeFailure {
    fn from(e: &ap::Error) -> Self {
        let style = ap::NameStyle::Camel;
        NativeFailure {
            code: e.code().as_str().to_string(),
            family: family(e.family()).to_string(),
            message: e.message(style),
            field: e.field_name(style).map(str::to_string),
            http_status: e.http_status().map(u32::from),
            retryable: e.retryable(),
            api_code: e.api_code().map(str::to_string),
            api_message: e.api_message().map(str::to_string),
        }
    }
}

fn fail<T>(e: ap::Error) -> Either<T, NativeFailure> {
    Either::B(NativeFailure::from(&e))
}

fn outcome<T, U>(result: ap::Result<T>, convert: impl FnOnce(T) -> U) -> Either<U, NativeFailure> {
    match result {
        Ok(value) => Either::A(convert(value)),
        Err(e) => fail(e),
    }
}

/// Every code the core can raise (for the wrapper's tests and docs).
#[napi]
pub fn error_codes() -> Vec<String> {
    ap::ErrorCode::ALL.iter().map(|c| c.as_str().to_string()).collect()
}

/// Whole numbers from JavaScript saturate into the core's integer types; the
/// core then refuses out-of-range values with its own code and field.
fn saturate(value: f64, max: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, max)
    }
}

// ---------------------------------------------------------------- requests

/// A built request before the wrapper turns `headers` into a plain object.
#[napi(object)]
pub struct NativeRequest {
    pub method: String,
    pub url: String,
    /// `[name, value]` pairs in the core's fixed order, names lowercase.
    pub headers: Vec<(String, String)>,
    pub body: Option<Buffer>,
}

impl From<ap::HttpRequest> for NativeRequest {
    fn from(r: ap::HttpRequest) -> Self {
        NativeRequest {
            method: r.method.to_string(),
            url: r.url,
            headers: r.headers,
            body: r.body.map(Buffer::from),
        }
    }
}

/// A validated configuration; holds the secret key on the Rust side only.
#[napi]
pub struct NativeClient {
    inner: ap::Client,
}

/// `Client::new`; `user_agent: None` means the SDK's default.
#[napi]
pub fn create_client(
    public_key: String,
    secret_key: String,
    base_url: String,
    user_agent: Option<String>,
) -> Either<NativeClient, NativeFailure> {
    let config = ap::ClientConfig {
        public_key,
        secret_key,
        base_url,
        user_agent,
    };
    outcome(ap::Client::new(config), |inner| NativeClient { inner })
}

#[napi]
impl NativeClient {
    #[napi(getter)]
    pub fn public_key(&self) -> String {
        self.inner.public_key().to_string()
    }

    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    #[napi(getter)]
    pub fn user_agent(&self) -> String {
        self.inner.user_agent().to_string()
    }

    /// `amount` is any JavaScript number; the core refuses fractions, NaN,
    /// negatives and values above 2^53 - 1 (`invalid_amount`).
    #[napi]
    pub fn mobile_money_payout(
        &self,
        amount: f64,
        country_id: String,
        phone_number: Option<String>,
        narration: Option<String>,
        webhook_url: Option<String>,
    ) -> Either<NativeRequest, NativeFailure> {
        let amount = match ap::amount_from_f64(amount) {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let payout = ap::MobileMoneyPayout {
            amount,
            country_id,
            phone_number,
            narration,
            webhook_url,
        };
        outcome(self.inner.mobile_money_payout(&payout), NativeRequest::from)
    }

    /// An absent `bank_id`/`account_number` is passed as `""`, which the core
    /// reports as `missing_bank_details`.
    #[napi]
    pub fn bank_payout(
        &self,
        amount: f64,
        country_id: String,
        bank_id: String,
        account_number: String,
        narration: Option<String>,
        webhook_url: Option<String>,
    ) -> Either<NativeRequest, NativeFailure> {
        let amount = match ap::amount_from_f64(amount) {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let payout = ap::BankPayout {
            amount,
            country_id,
            bank_id,
            account_number,
            narration,
            webhook_url,
        };
        outcome(self.inner.bank_payout(&payout), NativeRequest::from)
    }

    #[napi]
    pub fn status_check(&self, payout_id: String) -> Either<NativeRequest, NativeFailure> {
        outcome(self.inner.status_check(&payout_id), NativeRequest::from)
    }
}

// ---------------------------------------------------------------- responses

#[napi(object)]
pub struct Payout {
    pub payout_id: String,
    pub amount: Option<f64>,
    pub status: String,
    pub raw_status: String,
    pub message: Option<String>,
}

impl From<ap::Payout> for Payout {
    fn from(p: ap::Payout) -> Self {
        Payout {
            payout_id: p.payout_id,
            amount: p.amount,
            status: p.status.as_str().to_string(),
            raw_status: p.raw_status,
            message: p.message,
        }
    }
}

#[napi(object)]
pub struct StatusReport {
    pub id: String,
    pub reference: Option<String>,
    pub amount: Option<f64>,
    pub charge: Option<f64>,
    pub currency: Option<String>,
    pub status: String,
    pub raw_status: String,
    pub environment: Option<String>,
    #[napi(js_name = "type")]
    pub payout_type: Option<String>,
    pub method: Option<String>,
    pub operator: Option<String>,
    pub narration: Option<String>,
    pub is_disbursed: Option<bool>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl From<ap::StatusReport> for StatusReport {
    fn from(r: ap::StatusReport) -> Self {
        StatusReport {
            id: r.id,
            reference: r.reference,
            amount: r.amount,
            charge: r.charge,
            currency: r.currency,
            status: r.status.as_str().to_string(),
            raw_status: r.raw_status,
            environment: r.environment,
            payout_type: r.payout_type,
            method: r.method,
            operator: r.operator,
            narration: r.narration,
            is_disbursed: r.is_disbursed,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Back to the core's type (for `confirmWebhook`); the status is derived from
/// the raw status exactly as parsing derived it.
impl From<StatusReport> for ap::StatusReport {
    fn from(r: StatusReport) -> Self {
        ap::StatusReport {
            id: r.id,
            reference: r.reference,
            amount: r.amount,
            charge: r.charge,
            currency: r.currency,
            status: ap::PayoutStatus::from_raw(&r.raw_status),
            raw_status: r.raw_status,
            environment: r.environment,
            payout_type: r.payout_type,
            method: r.method,
            operator: r.operator,
            narration: r.narration,
            is_disbursed: r.is_disbursed,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

fn http_status(value: f64) -> u16 {
    saturate(value, f64::from(u16::MAX)) as u16
}

/// Parses the answer to a payout initiation.
#[napi]
pub fn parse_payout_response(http_status_code: f64, body: Buffer) -> Either<Payout, NativeFailure> {
    outcome(
        ap::parse_payout_response(http_status(http_status_code), &body),
        Payout::from,
    )
}

/// Parses the answer to a status check.
#[napi]
pub fn parse_status_response(http_status_code: f64, body: Buffer) -> Either<StatusReport, NativeFailure> {
    outcome(
        ap::parse_status_response(http_status(http_status_code), &body),
        StatusReport::from,
    )
}

// ---------------------------------------------------------------- webhooks

#[napi(object)]
pub struct WebhookEvent {
    pub payout_id: String,
    pub reference: Option<String>,
    pub status: String,
    pub raw_status: String,
    pub amount: Option<f64>,
    /// The body exactly as received (UTF-8 text).
    pub raw: String,
}

impl From<ap::WebhookEvent> for WebhookEvent {
    fn from(e: ap::WebhookEvent) -> Self {
        WebhookEvent {
            payout_id: e.payout_id,
            reference: e.reference,
            status: e.status.as_str().to_string(),
            raw_status: e.raw_status,
            amount: e.amount,
            raw: e.raw,
        }
    }
}

impl From<WebhookEvent> for ap::WebhookEvent {
    fn from(e: WebhookEvent) -> Self {
        ap::WebhookEvent {
            payout_id: e.payout_id,
            reference: e.reference,
            status: ap::PayoutStatus::from_raw(&e.raw_status),
            raw_status: e.raw_status,
            amount: e.amount,
            raw: e.raw,
        }
    }
}

#[napi(object)]
pub struct Confirmation {
    pub payout_id: String,
    pub status: String,
    pub raw_status: String,
    pub amount: Option<f64>,
}

impl From<ap::Confirmation> for Confirmation {
    fn from(c: ap::Confirmation) -> Self {
        Confirmation {
            payout_id: c.payout_id,
            status: c.status.as_str().to_string(),
            raw_status: c.raw_status,
            amount: c.amount,
        }
    }
}

/// Parses a webhook from its raw body.
#[napi]
pub fn parse_webhook(body: Buffer) -> Either<WebhookEvent, NativeFailure> {
    outcome(ap::parse_webhook(&body), WebhookEvent::from)
}

/// Confirms a webhook against the status check fetched for its payout.
#[napi]
pub fn confirm_webhook(event: WebhookEvent, report: StatusReport) -> Either<Confirmation, NativeFailure> {
    let event = ap::WebhookEvent::from(event);
    let report = ap::StatusReport::from(report);
    outcome(ap::confirm_webhook(&event, &report), Confirmation::from)
}

/// Verifies a Standard Webhooks signature. `now` is Unix seconds (a whole
/// number the wrapper checked); `tolerance_secs: None` is the core's default.
#[napi]
pub fn verify_webhook_signature(
    secret: String,
    headers: Vec<(String, String)>,
    body: Buffer,
    now: f64,
    tolerance_secs: Option<f64>,
) -> Either<(), NativeFailure> {
    let tolerance = tolerance_secs.map_or(ap::DEFAULT_TOLERANCE_SECS, |t| saturate(t, u64::MAX as f64) as u64);
    outcome(
        ap::verify_webhook_signature(&secret, &headers, &body, now as i64, tolerance),
        |()| (),
    )
}

/// Signs a webhook: the `webhook-signature` header value.
#[napi]
pub fn sign_webhook(secret: String, id: String, timestamp: f64, body: Buffer) -> Either<String, NativeFailure> {
    outcome(ap::sign_webhook(&secret, &id, timestamp as i64, &body), |s| s)
}

// ---------------------------------------------------------------- statuses

/// `"pending"`, `"succeeded"`, `"failed"` or `"unknown"`.
#[napi]
pub fn normalize_status(raw: String) -> String {
    ap::PayoutStatus::from_raw(&raw).as_str().to_string()
}

/// True for succeeded and failed (raw or normalised spellings).
#[napi]
pub fn is_terminal_status(status: String) -> bool {
    ap::PayoutStatus::from_raw(&status).is_terminal()
}

/// Folds every observation of one payout into one status.
#[napi]
pub struct NativeTracker {
    inner: ap::PayoutTracker,
}

#[napi]
pub fn create_tracker(payout_id: String) -> Either<NativeTracker, NativeFailure> {
    outcome(ap::PayoutTracker::new(&payout_id), |inner| NativeTracker { inner })
}

#[napi]
impl NativeTracker {
    #[napi(getter)]
    pub fn payout_id(&self) -> String {
        self.inner.payout_id().to_string()
    }

    #[napi(getter)]
    pub fn status(&self) -> String {
        self.inner.status().as_str().to_string()
    }

    #[napi(getter)]
    pub fn raw_status(&self) -> String {
        self.inner.raw_status().to_string()
    }

    #[napi(getter)]
    pub fn is_terminal(&self) -> bool {
        self.inner.is_terminal()
    }

    /// `ids` are the ids the observation carries (empty for a bare status).
    #[napi]
    pub fn observe(&mut self, raw_status: String, ids: Vec<String>) -> Either<String, NativeFailure> {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        outcome(self.inner.observe(&raw_status, &ids), |o| o.as_str().to_string())
    }

    /// `None` (JS `null`) once terminal.
    #[napi]
    pub fn next_poll_delay_ms(&self, attempt: f64, jitter: f64) -> Either<Option<f64>, NativeFailure> {
        let attempt = saturate(attempt, f64::from(u32::MAX)) as u32;
        outcome(self.inner.next_poll_delay_ms(attempt, jitter), |d| {
            d.map(|ms| ms as f64)
        })
    }
}

// ---------------------------------------------------------------- retries

#[napi(object)]
pub struct RetryDecision {
    /// `"retry"`, `"stop"` or `"do_not_resend"`.
    pub action: String,
    pub delay_ms: f64,
    pub reason: String,
}

/// The retry policy. Numbers are whole (the wrapper checked) and saturate
/// into range, so the core reports out-of-range values with its own code.
#[napi]
pub fn retry_decision(
    operation: String,
    attempt: f64,
    http_status_code: Option<f64>,
    transport_error: Option<String>,
    retry_after_secs: Option<f64>,
) -> Either<RetryDecision, NativeFailure> {
    let operation = match ap::Operation::parse(&operation) {
        Ok(op) => op,
        Err(e) => return fail(e),
    };
    let transport_error = match transport_error.map(|t| ap::TransportError::parse(&t)).transpose() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let input = ap::RetryInput {
        operation,
        attempt: saturate(attempt, f64::from(u32::MAX)) as u32,
        http_status: http_status_code.map(http_status),
        transport_error,
        retry_after_secs: retry_after_secs.map(|s| saturate(s, u64::MAX as f64) as u64),
    };
    outcome(ap::retry_decision(&input), |d| RetryDecision {
        action: d.action.as_str().to_string(),
        delay_ms: d.delay_ms as f64,
        reason: d.reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    //! Plain-Rust checks of the conversions (run by `cargo test --workspace`
    //! with the `noop` feature; the JS suites in test/ cover the addon).
    use super::*;

    fn client() -> NativeClient {
        match create_client(
            "pk".into(),
            "sk_secret".into(),
            "https://api.alexpay.test/".into(),
            None,
        ) {
            Either::A(c) => c,
            Either::B(f) => panic!("{}", f.message),
        }
    }

    #[test]
    fn failures_carry_camel_case_fields_and_no_secret() {
        let Either::B(f) = client().mobile_money_payout(1.0, "GH".into(), Some(String::new()), None, None) else {
            panic!("accepted an empty phone number");
        };
        assert_eq!(f.code, "invalid_phone_number");
        assert_eq!(f.family, "validation");
        assert_eq!(f.field.as_deref(), Some("phoneNumber"));
        assert!(f.message.starts_with("phoneNumber: "));
        let Either::B(f) = create_client("pk".into(), "sk_secret\n".into(), "https://a.test".into(), None) else {
            panic!("accepted a key with a newline");
        };
        assert_eq!(f.field.as_deref(), Some("secretKey"));
        assert!(!f.message.contains("sk_secret"));
    }

    #[test]
    fn amounts_from_js_numbers() {
        let c = client();
        for bad in [1.5, f64::NAN, f64::INFINITY, -1.0, 0.0, 9_007_199_254_740_992.0] {
            match c.mobile_money_payout(bad, "GH".into(), None, None, None) {
                Either::B(f) => assert_eq!(
                    (f.code.as_str(), f.field.as_deref()),
                    ("invalid_amount", Some("amount"))
                ),
                Either::A(_) => panic!("accepted amount {bad}"),
            }
        }
        let Either::A(r) = c.mobile_money_payout(9_007_199_254_740_991.0, "GH".into(), None, None, None) else {
            panic!("refused MAX_SAFE_INTEGER");
        };
        assert_eq!(r.url, "https://api.alexpay.test/v1/payment/payouts/process");
        assert!(std::str::from_utf8(&r.body.expect("body"))
            .unwrap()
            .starts_with("{\"amount\":9007199254740991,"));
    }

    #[test]
    fn reports_round_trip_to_the_core() {
        let body = br#"{"status":"success","code":200,"data":{"id":"PO_1","reference":"R","amount":"100","status":"successful","type":"payout"}}"#;
        let report = StatusReport::from(ap::parse_status_response(200, body).unwrap());
        assert_eq!(
            (report.status.as_str(), report.payout_type.as_deref()),
            ("succeeded", Some("payout"))
        );
        let back = ap::StatusReport::from(report);
        assert_eq!(back, ap::parse_status_response(200, body).unwrap());
    }

    #[test]
    fn numbers_saturate_into_core_types() {
        assert_eq!(http_status(1e12), u16::MAX);
        assert_eq!(http_status(-5.0), 0);
        assert_eq!(http_status(f64::NAN), 0);
        let Either::B(f) = retry_decision("payout".into(), -3.0, Some(500.0), None, None) else {
            panic!("accepted attempt -3");
        };
        assert_eq!(
            (f.code.as_str(), f.field.as_deref()),
            ("invalid_argument", Some("attempt"))
        );
    }
}
