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
use napi::bindgen_prelude::{BufferSlice, Either, Either3};
use napi_derive::napi;

pub mod flows;
mod new_client;
pub mod packed;

/// One field of a flow's action or outcome, which cross as flat arrays:
/// text, number or boolean, `null` when absent (one array element per field
/// is much cheaper in N-API than `napi_set_named_property` per field). The
/// results the facade turns into objects cross cheaper still, as one packed
/// string each (`packed.rs`).
pub type Slot = Option<Either3<String, f64, bool>>;

pub(crate) fn text(v: Option<String>) -> Slot {
    v.map(Either3::A)
}

pub(crate) fn number(v: Option<f64>) -> Slot {
    v.map(Either3::B)
}

/// A core error as data: the wrapper builds an `AlexpayError` from it.
#[napi]
pub struct NativeFailure {
    /// The core's stable snake_case code, e.g. `invalid_phone_number`.
    pub code: String,
    /// `validation`, `api`, `webhook`, `conflict` or `flow`.
    pub family: String,
    /// The message for a JavaScript caller (`phoneNumber: ...`); never a secret.
    pub message: String,
    /// The field in camelCase as a JavaScript caller wrote it.
    pub field: Option<String>,
    pub http_status: Option<u32>,
    /// `Error::retryable`: derived by the core from the answer's disposition.
    pub retryable: bool,
    pub api_code: Option<String>,
    pub api_message: Option<String>,
    /// For API errors: a payout id the failed answer's body carried (that
    /// payout may exist).
    pub payout_id: Option<String>,
}

impl From<&ap::Error> for NativeFailure {
    fn from(e: &ap::Error) -> Self {
        let style = ap::NameStyle::Camel;
        NativeFailure {
            code: e.code().as_str().to_string(),
            family: e.family().as_str().to_string(),
            message: e.message(style),
            field: e.field_name(style).map(str::to_string),
            http_status: e.http_status().map(u32::from),
            retryable: e.retryable(),
            api_code: e.api_code().map(str::to_string),
            api_message: e.api_message().map(str::to_string),
            payout_id: e.payout_id().map(str::to_string),
        }
    }
}

pub(crate) fn fail<T>(e: ap::Error) -> Either<T, NativeFailure> {
    Either::B(NativeFailure::from(&e))
}

pub(crate) fn outcome<T, U>(result: ap::Result<T>, convert: impl FnOnce(T) -> U) -> Either<U, NativeFailure> {
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
pub(crate) fn saturate(value: f64, max: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, max)
    }
}

/// A JavaScript number for one of the core's integer arguments: the core's
/// range rule (a fraction, NaN or out-of-range value is `invalid_argument`
/// naming the field, never clamped), the same as for Python ints.
pub(crate) fn whole<T: ap::WholeArg>(value: f64, field: ap::Field) -> ap::Result<T> {
    ap::whole_from_f64(value, field)
}

/// The same for an optional argument; absent is the core's default.
pub(crate) fn opt_whole<T: ap::WholeArg>(value: Option<f64>, field: ap::Field, default: T) -> ap::Result<T> {
    value.map_or(Ok(default), |v| ap::whole_from_f64(v, field))
}

/// The core's refusal of text that is not valid Unicode, for the facade: a
/// JavaScript string with a lone surrogate would cross as U+FFFD, so the
/// facade checks (`isWellFormed`) and asks for the error here. `field` is the
/// camelCase (or snake_case) name; an unknown name names the body.
#[napi]
pub fn not_unicode(field: String) -> NativeFailure {
    let field = ap::Field::from_name(&field).unwrap_or(ap::Field::Body);
    NativeFailure::from(&ap::Error::not_unicode(field))
}

/// The core's default body cap (`DEFAULT_MAX_BODY_BYTES`): the facade hands
/// the free parse functions at most this many bytes plus one, so a huge body
/// is refused without being copied across.
#[napi]
pub fn default_max_body_bytes() -> f64 {
    ap::DEFAULT_MAX_BODY_BYTES as f64
}

/// The core's whole-number rule (0 to 2^64 - 1) for a number the facade keeps
/// on its own side (the drivers' `now`): nothing when it holds, else the
/// core's `invalid_argument` naming `field`, never a clamped value.
#[napi]
pub fn check_whole(value: f64, field: String) -> Either<(), NativeFailure> {
    let field = ap::Field::from_name(&field).unwrap_or(ap::Field::Body);
    match ap::whole_from_f64::<u64>(value, field) {
        Ok(_) => Either::A(()),
        Err(e) => Either::B(NativeFailure::from(&e)),
    }
}

// ---------------------------------------------------------------- requests

/// A flow's request as one flat array of strings: `[method, url, body | null,
/// name1, value1, name2, value2, ...]`, header names lowercase in the core's
/// fixed order. The body is the core's UTF-8 JSON text (the wrapper makes the
/// Buffer): one array instead of an object, five pair arrays and an external
/// buffer.
pub(crate) fn request_slots(mut r: ap::HttpRequest) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(3 + 2 * r.headers.len());
    out.push(Some(r.method.to_string()));
    out.push(Some(std::mem::take(&mut r.url)));
    // The core builds bodies from Strings, so they are always UTF-8.
    out.push(
        r.body
            .take()
            .map(|b| String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
    );
    // Taken out (the request wipes only what it still holds when dropped).
    for (name, value) in std::mem::take(&mut r.headers) {
        out.push(Some(name));
        out.push(Some(value));
    }
    out
}

/// `[method, name1, value1, ...]` of a client's requests of one operation.
fn shape_strings(client: &ap::Client, operation: ap::Operation) -> Vec<String> {
    let (method, headers) = client.request_shape(operation);
    let mut out = Vec::with_capacity(1 + 2 * headers.len());
    out.push(method.to_string());
    for (name, value) in headers {
        out.push(name);
        out.push(value);
    }
    out
}

/// A validated configuration; holds the secret key on the Rust side only.
#[napi]
pub struct NativeClient {
    inner: ap::Client,
}

impl NativeClient {
    pub(crate) fn core(&self) -> &ap::Client {
        &self.inner
    }
}

/// A mobile-money payout from JavaScript values (the request builder and the
/// payout flow share it).
pub(crate) fn mobile_money(
    amount: f64,
    country_id: String,
    phone_number: Option<String>,
    narration: Option<String>,
    webhook_url: Option<String>,
) -> ap::Result<ap::MobileMoneyPayout> {
    Ok(ap::MobileMoneyPayout {
        amount: ap::amount_from_f64(amount)?,
        country_id,
        phone_number,
        narration,
        webhook_url,
    })
}

/// A bank payout from JavaScript values.
pub(crate) fn bank(
    amount: f64,
    country_id: String,
    bank_id: String,
    account_number: String,
    narration: Option<String>,
    webhook_url: Option<String>,
) -> ap::Result<ap::BankPayout> {
    Ok(ap::BankPayout {
        amount: ap::amount_from_f64(amount)?,
        country_id,
        bank_id,
        account_number,
        narration,
        webhook_url,
    })
}

/// Headers that cross as one flat `[name, value, ...]` string array.
pub(crate) fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut it = flat.into_iter();
    let mut out = Vec::new();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

/// `Client::new`; `user_agent` / `max_body_bytes` absent mean the SDK's
/// defaults.
#[napi]
pub fn create_client(
    public_key: String,
    secret_key: String,
    base_url: String,
    user_agent: Option<String>,
    max_body_bytes: Option<f64>,
) -> Either<NativeClient, NativeFailure> {
    let client = new_client::new_client(public_key, secret_key, base_url, user_agent, max_body_bytes);
    outcome(client, |inner| NativeClient { inner })
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

    #[napi(getter)]
    pub fn max_body_bytes(&self) -> f64 {
        self.inner.max_body_bytes() as f64
    }

    /// `[method, name1, value1, ...]` of every payout request of this client
    /// (the builders return only `[url, body]`).
    #[napi]
    pub fn payout_shape(&self) -> Vec<String> {
        shape_strings(&self.inner, ap::Operation::Payout)
    }

    /// `[method, name1, value1, ...]` of every status check of this client.
    #[napi]
    pub fn status_check_shape(&self) -> Vec<String> {
        shape_strings(&self.inner, ap::Operation::StatusCheck)
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
    ) -> Either<String, NativeFailure> {
        match mobile_money(amount, country_id, phone_number, narration, webhook_url) {
            Ok(payout) => outcome(self.inner.mobile_money_payout(&payout), |r| packed::request(&r)),
            Err(e) => fail(e),
        }
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
    ) -> Either<String, NativeFailure> {
        match bank(amount, country_id, bank_id, account_number, narration, webhook_url) {
            Ok(payout) => outcome(self.inner.bank_payout(&payout), |r| packed::request(&r)),
            Err(e) => fail(e),
        }
    }

    #[napi]
    pub fn status_check(&self, payout_id: String) -> Either<String, NativeFailure> {
        outcome(self.inner.status_check(&payout_id), |r| packed::request(&r))
    }
}

// ---------------------------------------------------------------- responses

pub(crate) fn http_status(value: f64) -> u16 {
    saturate(value, f64::from(u16::MAX)) as u16
}

/// Parses the answer to a payout initiation: a packed `Payout` (`packed.rs`).
#[napi]
pub fn parse_payout_response(http_status_code: f64, body: BufferSlice) -> Either<String, NativeFailure> {
    let status = whole(http_status_code, ap::Field::HttpStatus);
    outcome(status.and_then(|s| ap::parse_payout_response(s, &body)), |p| {
        packed::payout(&p)
    })
}

/// Parses the answer to a status check: a packed `StatusReport`.
#[napi]
pub fn parse_status_response(http_status_code: f64, body: BufferSlice) -> Either<String, NativeFailure> {
    let status = whole(http_status_code, ap::Field::HttpStatus);
    outcome(status.and_then(|s| ap::parse_status_response(s, &body)), |r| {
        packed::status_report(&r)
    })
}

// ---------------------------------------------------------------- webhooks

/// Parses a webhook from its raw body: a packed `WebhookEvent` (without the
/// body: no copy of it is made or sent back).
#[napi]
pub fn parse_webhook(body: BufferSlice) -> Either<String, NativeFailure> {
    outcome(ap::parse_webhook_without_raw(&body), |e| packed::webhook_event(&e))
}

/// Confirms a webhook against the status check fetched for its payout:
/// `texts` are the event's and the report's fields the check reads, packed
/// by the facade (`packed::confirm_webhook` says which); a packed
/// `Confirmation` back.
#[napi]
pub fn confirm_webhook(
    texts: String,
    event_amount: Option<f64>,
    report_amount: Option<f64>,
) -> Either<String, NativeFailure> {
    outcome(packed::confirm_webhook(&texts, event_amount, report_amount), |c| c)
}

/// Verifies a Standard Webhooks signature. `now` is Unix seconds (a whole
/// number the wrapper checked); `tolerance_secs: None` is the core's default.
#[napi]
pub fn verify_webhook_signature(
    secret: String,
    headers: Vec<(String, String)>,
    body: BufferSlice,
    now: f64,
    tolerance_secs: Option<f64>,
) -> Either<(), NativeFailure> {
    let verified = (|| {
        let now = whole(now, ap::Field::Now)?;
        let tolerance = opt_whole(tolerance_secs, ap::Field::ToleranceSecs, ap::DEFAULT_TOLERANCE_SECS)?;
        ap::verify_webhook_signature(&secret, &headers, &body, now, tolerance)
    })();
    outcome(verified, |()| ())
}

/// Signs a webhook: the `webhook-signature` header value.
#[napi]
pub fn sign_webhook(secret: String, id: String, timestamp: f64, body: BufferSlice) -> Either<String, NativeFailure> {
    let timestamp = whole(timestamp, ap::Field::WebhookTimestampHeader);
    outcome(timestamp.and_then(|t| ap::sign_webhook(&secret, &id, t, &body)), |s| s)
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

    /// A confirmed observation (a bare status, a payout, a status report, a
    /// confirmation): `ids` are the ids it carries (empty for a bare status).
    #[napi]
    pub fn observe(&mut self, raw_status: String, ids: Vec<String>) -> Either<String, NativeFailure> {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        outcome(self.inner.observe(&raw_status, &ids), |o| o.as_str().to_string())
    }

    /// An unconfirmed webhook event: only its payout id names the payout
    /// (never its `reference`), and a final status it claims is not applied
    /// (`"needs_confirmation"`).
    #[napi]
    pub fn observe_event(&mut self, raw_status: String, payout_id: String) -> Either<String, NativeFailure> {
        outcome(self.inner.observe_event(&raw_status, &payout_id), |o| {
            o.as_str().to_string()
        })
    }

    /// `None` (JS `null`) once terminal.
    #[napi]
    pub fn next_poll_delay_ms(&self, attempt: f64, jitter: f64) -> Either<Option<f64>, NativeFailure> {
        let attempt = whole(attempt, ap::Field::Attempt);
        outcome(attempt.and_then(|a| self.inner.next_poll_delay_ms(a, jitter)), |d| {
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
/// `body` is the answer's body (the core reads it with the operation's
/// parser); absent counts as empty.
#[napi]
pub fn retry_decision(
    operation: String,
    attempt: f64,
    http_status_code: Option<f64>,
    body: Option<BufferSlice>,
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
    let decided = (|| {
        let input = ap::RetryInput {
            operation,
            attempt: whole(attempt, ap::Field::Attempt)?,
            http_status: http_status_code.map(|s| whole(s, ap::Field::HttpStatus)).transpose()?,
            body: body.as_deref(),
            transport_error,
            retry_after_secs: retry_after_secs
                .map(|s| whole(s, ap::Field::RetryAfterSecs))
                .transpose()?,
        };
        ap::retry_decision(&input)
    })();
    outcome(decided, |d| RetryDecision {
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
        let Either::B(f) = create_client("pk".into(), "sk_secret\n".into(), "https://a.test".into(), None, None) else {
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
        // url and body only: the method and headers are the client's shape.
        assert!(
            r.starts_with("51:https://api.alexpay.test/v1/payment/payouts/process74:{\"amount\":9007199254740991,"),
            "{r}"
        );
        let shape = c.payout_shape();
        assert_eq!(shape[0], "POST");
        assert_eq!(shape.len(), 1 + 2 * 5, "method and five header pairs");
    }

    #[test]
    fn reports_cross_packed_in_field_order() {
        let body = br#"{"status":"success","code":200,"data":{"id":"PO_1","reference":"R","amount":"100","status":"successful","type":"payout"}}"#;
        let r = packed::status_report(&ap::parse_status_response(200, body).unwrap());
        assert_eq!(r, "4:PO_11:R3:100~~9:succeeded10:successful~6:payout~~~~~~");
    }

    /// `confirm_webhook` passes only the fields the core's check reads; the
    /// result must equal the core's on the full values, whatever the unread
    /// fields (the event's `reference` and raw body, the report's extras) hold.
    /// `confirmWebhook`'s texts packed as the facade packs them.
    fn confirm_texts(
        event_id: &str,
        event_raw: &str,
        report_id: &str,
        reference: Option<&str>,
        report_raw: &str,
    ) -> String {
        let mut p = packed::Packed::with_capacity(0);
        p.text(event_id)
            .text(event_raw)
            .text(report_id)
            .opt_text(reference)
            .text(report_raw);
        p.finish()
    }

    #[test]
    fn confirm_ignores_unread_fields() {
        let status = br#"{"status":"success","code":200,"data":{"id":"PO_1","reference":"R","amount":100,"charge":2,"currency":"ZMW","status":"successful","narration":"n","is_disbursed":true,"message":"paid out"}}"#;
        let report = ap::parse_status_response(200, status).unwrap();
        let native = |event: &ap::WebhookEvent| {
            confirm_webhook(
                confirm_texts(
                    &event.payout_id,
                    &event.raw_status,
                    &report.id,
                    report.reference.as_deref(),
                    &report.raw_status,
                ),
                event.amount,
                report.amount,
            )
        };
        let hooks: [&[u8]; 7] = [
            br#"{"data":{"id":"PO_1","reference":"R","amount":100,"status":"success"}}"#,
            // Stale: the event's status differs from the report's.
            br#"{"payout_id":"PO_1","status":"failed"}"#,
            br#"{"payout_id":"PO_1","reference":"ANYTHING","status":"processing","amount":100}"#,
            // Id-only: no claimed status.
            br#"{"payout_id":"PO_1"}"#,
            // The report's own reference names the payout too.
            br#"{"payout_id":"R","status":"successful"}"#,
            // Another payout, whatever its reference says.
            br#"{"payout_id":"OTHER","reference":"PO_1","status":"successful"}"#,
            br#"{"payout_id":"PO_1","status":"successful","amount":99}"#,
        ];
        for hook in hooks {
            let event = ap::parse_webhook(hook).unwrap();
            let want = ap::confirm_webhook(&event, &report);
            match (native(&event), want) {
                (Either::A(got), Ok(c)) => {
                    assert_eq!(got, packed::confirmation(&c), "{}", event.raw);
                }
                (Either::B(got), Err(e)) => {
                    let want = NativeFailure::from(&e);
                    assert_eq!(
                        (got.code, got.field, got.message),
                        (want.code, want.field, want.message),
                        "{}",
                        event.raw
                    );
                }
                (Either::A(_), Err(e)) => panic!("{}: accepted, the core says {e}", event.raw),
                (Either::B(f), Ok(_)) => panic!("{}: refused ({}), the core accepts", event.raw, f.message),
            }
        }
    }

    #[test]
    fn confirm_reports_stale_and_id_only_events() {
        let confirm = |raw_status: &str| {
            confirm_webhook(
                confirm_texts("PO_1", raw_status, "PO_1", None, "successful"),
                None,
                None,
            )
        };
        let Either::A(stale) = confirm("failed") else {
            panic!("a stale status is not an error");
        };
        assert_eq!(stale, "4:PO_19:succeeded10:successful~6:failedt");
        let Either::A(id_only) = confirm("") else {
            panic!("an id-only event is not an error");
        };
        assert_eq!(
            id_only, "4:PO_19:succeeded10:successful~~f",
            "no event status for an id-only event, not stale"
        );
        let Either::B(f) = confirm_webhook(
            confirm_texts("OTHER", "successful", "PO_1", None, "successful"),
            None,
            None,
        ) else {
            panic!("accepted another payout's event");
        };
        assert_eq!(
            (f.code.as_str(), f.field.as_deref()),
            ("webhook_mismatch", Some("payoutId"))
        );
    }

    #[test]
    fn webhook_events_never_end_the_tracker() {
        let Either::A(mut t) = create_tracker("PO_1".into()) else {
            panic!("refused PO_1");
        };
        let Either::A(o) = t.observe_event("successful".into(), "PO_1".into()) else {
            panic!("refused our own event");
        };
        assert_eq!((o.as_str(), t.status().as_str()), ("needs_confirmation", "pending"));
        let Either::B(f) = t.observe_event("failed".into(), "OTHER".into()) else {
            panic!("accepted another payout's event");
        };
        assert_eq!(f.code, "payout_id_mismatch");
        let Either::A(o) = t.observe("successful".into(), vec!["PO_1".into()]) else {
            panic!("refused a confirmed status");
        };
        assert_eq!((o.as_str(), t.status().as_str()), ("changed", "succeeded"));
    }

    #[test]
    fn api_failures_carry_the_payout_id_and_retryable() {
        let Either::B(f) =
            parse_payout_response_core(429, br#"{"status":"error","code":429,"data":{"payout_id":"PO_9"}}"#)
        else {
            panic!("accepted a 429");
        };
        assert_eq!(
            (f.code.as_str(), f.family.as_str(), f.payout_id.as_deref(), f.retryable),
            ("rate_limited", "api", Some("PO_9"), false),
            "a payout that may exist is never retryable"
        );
        let Either::B(f) = parse_payout_response_core(429, br#"{"status":"error","code":429}"#) else {
            panic!("accepted a 429");
        };
        assert_eq!((f.payout_id, f.retryable), (None, true));
    }

    fn parse_payout_response_core(status: u16, body: &[u8]) -> Either<String, NativeFailure> {
        outcome(ap::parse_payout_response(status, body), |p| packed::payout(&p))
    }

    #[test]
    fn flow_codes_are_listed() {
        let codes = error_codes();
        assert_eq!(codes.len(), ap::ErrorCode::ALL.len());
        for code in ["outcome_unknown", "connection_failed", "cancelled"] {
            assert!(codes.iter().any(|c| c == code), "{code}");
        }
        assert_eq!(ap::ErrorCode::OutcomeUnknown.family().as_str(), "flow");
    }

    #[test]
    fn numbers_saturate_into_core_types() {
        assert_eq!(http_status(1e12), u16::MAX);
        assert_eq!(http_status(-5.0), 0);
        assert_eq!(http_status(f64::NAN), 0);
        let Either::B(f) = retry_decision("payout".into(), -3.0, Some(500.0), None, None, None) else {
            panic!("accepted attempt -3");
        };
        assert_eq!(
            (f.code.as_str(), f.field.as_deref()),
            ("invalid_argument", Some("attempt"))
        );
    }
}
