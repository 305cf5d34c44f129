//! WebAssembly binding of the Alexpay payouts SDK (browsers, Deno, Cloudflare
//! Workers, Node).
//!
//! It exports exactly the interface of the Node addon (`bindings-node`, its
//! generated `native.d.ts`): the classes `NativeClient`, `NativeFailure`,
//! `NativeTracker` and `NativeFlow` and the same functions, with the same
//! names, argument orders and return shapes, so one JavaScript facade sits on
//! either back end. Arguments are primitives; results are primitives, flat
//! arrays of slots (text, number, boolean or `null`: a flow's actions and
//! outcome) or one packed string per result object (`packed`, the napi
//! crate's own file) that the facade turns into objects. A core error is
//! *returned* as a `NativeFailure`, never thrown.
//!
//! This crate only converts values; every rule lives in `alexpay-core`. Whole
//! numbers a caller gives arrive as JS numbers (`f64`) and go through the
//! core's range rule (`whole`, `opt_whole`); numbers the facade itself makes
//! (times, request ids, seeds) saturate (`saturate`, `http_status`, `ms`),
//! exactly as in the napi crate, so both back ends give the same answer.
//! `tests/backend-parity.ts` (types) and `tests/node/parity.test.mjs`
//! (behaviour) hold the two back ends together.

mod flows;
/// `createClient`'s conversion, shared with the napi crate.
#[path = "../../bindings-node/src/new_client.rs"]
mod new_client;
/// The packed result format, shared with the napi crate (one file, one
/// format: see its header).
#[path = "../../bindings-node/src/packed.rs"]
mod packed;

use std::borrow::Cow;

use alexpay_core as ap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use flows::NativeFlow;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One field of a flat result array: text, number or boolean, `null` when absent. */
export type Slot = string | number | boolean | undefined | null;

export interface RetryDecision {
  /** `"retry"`, `"stop"` or `"do_not_resend"`. */
  action: string;
  delayMs: number;
  reason: string;
}
"#;

// ---------------------------------------------------------------- slots

/// One field of a flow's action or outcome (a flat array).
pub(crate) enum Slot<'a> {
    Text(&'a str),
    Number(f64),
}

pub(crate) type Slots<'a> = Vec<Option<Slot<'a>>>;

pub(crate) fn text(v: &str) -> Option<Slot<'_>> {
    Some(Slot::Text(v))
}

pub(crate) fn opt_text(v: Option<&str>) -> Option<Slot<'_>> {
    v.map(Slot::Text)
}

pub(crate) fn number(v: Option<f64>) -> Option<Slot<'static>> {
    v.map(Slot::Number)
}

/// The slots as a JS array; `None` is `null`, as napi-rs renders
/// `Option::None`. Built with js-sys: no serializer in the module.
pub(crate) fn slots(value: &[Option<Slot<'_>>]) -> JsValue {
    let array = js_sys::Array::new_with_length(value.len() as u32);
    for (i, slot) in value.iter().enumerate() {
        let v = match slot {
            None => JsValue::NULL,
            Some(Slot::Text(t)) => JsValue::from_str(t),
            Some(Slot::Number(n)) => JsValue::from_f64(*n),
        };
        array.set(i as u32, v);
    }
    array.into()
}

// ---------------------------------------------------------------- failures

/// A core error as data: the facade builds an `AlexpayError` from it.
#[wasm_bindgen]
pub struct NativeFailure {
    code: &'static str,
    family: &'static str,
    message: String,
    field: Option<&'static str>,
    http_status: Option<u16>,
    retryable: bool,
    api_code: Option<String>,
    api_message: Option<String>,
    payout_id: Option<String>,
}

impl From<&ap::Error> for NativeFailure {
    fn from(e: &ap::Error) -> Self {
        let style = ap::NameStyle::Camel;
        NativeFailure {
            code: e.code().as_str(),
            family: e.family().as_str(),
            message: e.message(style),
            field: e.field_name(style),
            http_status: e.http_status(),
            retryable: e.retryable(),
            api_code: e.api_code().map(str::to_string),
            api_message: e.api_message().map(str::to_string),
            payout_id: e.payout_id().map(str::to_string),
        }
    }
}

/// An absent optional field reads as `null`, as napi-rs getters do (its
/// declarations say `field?: string`; these say the same).
fn or_null<T: Into<JsValue>>(v: Option<T>) -> JsValue {
    v.map_or(JsValue::NULL, Into::into)
}

#[wasm_bindgen]
impl NativeFailure {
    /// The core's stable snake_case code, e.g. `invalid_phone_number`.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.code.to_string()
    }

    /// `validation`, `api`, `webhook`, `conflict` or `flow`.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        self.family.to_string()
    }

    /// The message for a JavaScript caller (`phoneNumber: ...`); never a secret.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }

    /// The field in camelCase as a JavaScript caller wrote it.
    #[wasm_bindgen(getter, unchecked_return_type = "string | undefined")]
    pub fn field(&self) -> JsValue {
        or_null(self.field)
    }

    #[wasm_bindgen(getter, js_name = httpStatus, unchecked_return_type = "number | undefined")]
    pub fn http_status(&self) -> JsValue {
        or_null(self.http_status)
    }

    /// `Error::retryable`: derived by the core from the answer's disposition.
    #[wasm_bindgen(getter)]
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    #[wasm_bindgen(getter, js_name = apiCode, unchecked_return_type = "string | undefined")]
    pub fn api_code(&self) -> JsValue {
        or_null(self.api_code.as_deref())
    }

    #[wasm_bindgen(getter, js_name = apiMessage, unchecked_return_type = "string | undefined")]
    pub fn api_message(&self) -> JsValue {
        or_null(self.api_message.as_deref())
    }

    /// For API errors: a payout id the failed answer's body carried (that
    /// payout may exist).
    #[wasm_bindgen(getter, js_name = payoutId, unchecked_return_type = "string | undefined")]
    pub fn payout_id(&self) -> JsValue {
        or_null(self.payout_id.as_deref())
    }
}

pub(crate) fn failure(e: &ap::Error) -> JsValue {
    NativeFailure::from(e).into()
}

/// `ok(value)`, or the error as a `NativeFailure`.
pub(crate) fn outcome<T>(result: ap::Result<T>, ok: impl FnOnce(T) -> JsValue) -> JsValue {
    match result {
        Ok(value) => ok(value),
        Err(e) => failure(&e),
    }
}

/// Every code the core can raise (for the facade's tests and docs).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ap::ErrorCode::ALL.iter().map(|c| c.as_str().to_string()).collect()
}

// ---------------------------------------------------------------- numbers

/// Whole numbers from JavaScript saturate into the core's integer types; the
/// core then refuses out-of-range values with its own code and field. The
/// same as the napi crate's `saturate`.
pub(crate) fn saturate(value: f64, max: f64) -> f64 {
    // Not `f64::clamp`: its `min > max` assertion formats floats with
    // `Debug`, which put 15 KB of float formatting in the module.
    if value.is_nan() {
        0.0
    } else {
        value.max(0.0).min(max)
    }
}

pub(crate) fn http_status(value: f64) -> u16 {
    saturate(value, f64::from(u16::MAX)) as u16
}

pub(crate) fn ms(value: f64) -> u64 {
    saturate(value, 9_007_199_254_740_991.0) as u64
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
/// facade checks (`isWellFormed`) and asks for the error here (as the napi
/// crate's `notUnicode`).
#[wasm_bindgen(js_name = notUnicode)]
pub fn not_unicode(field: &str) -> NativeFailure {
    let field = ap::Field::from_name(field).unwrap_or(ap::Field::Body);
    NativeFailure::from(&ap::Error::not_unicode(field))
}

/// The core's default body cap, as the napi crate's `defaultMaxBodyBytes`:
/// a huge body is refused without being copied into wasm memory, which
/// never shrinks.
#[wasm_bindgen(js_name = defaultMaxBodyBytes)]
pub fn default_max_body_bytes() -> f64 {
    ap::DEFAULT_MAX_BODY_BYTES as f64
}

/// The core's whole-number rule for a number the facade keeps on its own
/// side (the drivers' `now`), as the napi crate's `checkWhole`.
#[wasm_bindgen(js_name = checkWhole, unchecked_return_type = "undefined | NativeFailure")]
pub fn check_whole(value: f64, field: &str) -> JsValue {
    let field = ap::Field::from_name(field).unwrap_or(ap::Field::Body);
    match ap::whole_from_f64::<u64>(value, field) {
        Ok(_) => JsValue::UNDEFINED,
        Err(e) => failure(&e),
    }
}

// ---------------------------------------------------------------- requests

/// The body as text: the core builds bodies from Strings, so it is UTF-8.
pub(crate) fn body_text(r: &ap::HttpRequest) -> Option<Cow<'_, str>> {
    r.body.as_deref().map(String::from_utf8_lossy)
}

/// A flow's request: `[method, url, body | null, name1, value1, ...]`, header names lowercase
/// in the core's fixed order, appended to `out`.
pub(crate) fn push_request<'a>(out: &mut Slots<'a>, r: &'a ap::HttpRequest, body: Option<&'a str>) {
    out.reserve(3 + 2 * r.headers.len());
    out.push(text(r.method));
    out.push(text(&r.url));
    out.push(opt_text(body));
    for (name, value) in &r.headers {
        out.push(text(name));
        out.push(text(value));
    }
}

/// What a builder returns: its url and body, packed (`packed::request`).
/// The method and headers are the same for every request of a client and
/// operation: the facade fetches them once (`payoutShape`,
/// `statusCheckShape`) instead of decoding eleven strings more on every
/// build (issue 13).
fn request(r: ap::Result<ap::HttpRequest>) -> JsValue {
    outcome(r, |r| packed::request(&r).into())
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
#[wasm_bindgen]
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

/// Headers that cross as one flat `[name, value, ...]` string array (an odd
/// last name is dropped, as in the napi crate).
pub(crate) fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut it = flat.into_iter();
    let mut out = Vec::new();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

/// `Client::new`; `userAgent` / `maxBodyBytes` absent mean the SDK's
/// defaults.
#[wasm_bindgen(js_name = createClient, unchecked_return_type = "NativeClient | NativeFailure")]
pub fn create_client(
    #[wasm_bindgen(js_name = publicKey)] public_key: String,
    #[wasm_bindgen(js_name = secretKey)] secret_key: String,
    #[wasm_bindgen(js_name = baseUrl)] base_url: String,
    #[wasm_bindgen(js_name = userAgent)] user_agent: Option<String>,
    #[wasm_bindgen(js_name = maxBodyBytes)] max_body_bytes: Option<f64>,
) -> JsValue {
    let client = new_client::new_client(public_key, secret_key, base_url, user_agent, max_body_bytes);
    outcome(client, |inner| NativeClient { inner }.into())
}

#[wasm_bindgen]
impl NativeClient {
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> String {
        self.inner.public_key().to_string()
    }

    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    #[wasm_bindgen(getter, js_name = userAgent)]
    pub fn user_agent(&self) -> String {
        self.inner.user_agent().to_string()
    }

    #[wasm_bindgen(getter, js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> f64 {
        self.inner.max_body_bytes() as f64
    }

    /// `[method, name1, value1, ...]` of every payout request of this client
    /// (the builders return only `[url, body]`).
    #[wasm_bindgen(js_name = payoutShape)]
    pub fn payout_shape(&self) -> Vec<String> {
        shape_strings(&self.inner, ap::Operation::Payout)
    }

    /// `[method, name1, value1, ...]` of every status check of this client.
    #[wasm_bindgen(js_name = statusCheckShape)]
    pub fn status_check_shape(&self) -> Vec<String> {
        shape_strings(&self.inner, ap::Operation::StatusCheck)
    }

    /// `amount` is any JavaScript number; the core refuses fractions, NaN,
    /// negatives and values above 2^53 - 1 (`invalid_amount`).
    #[wasm_bindgen(
        js_name = mobileMoneyPayout,
        unchecked_return_type = "string | NativeFailure"
    )]
    pub fn mobile_money_payout(
        &self,
        amount: f64,
        #[wasm_bindgen(js_name = countryId)] country_id: String,
        #[wasm_bindgen(js_name = phoneNumber)] phone_number: Option<String>,
        narration: Option<String>,
        #[wasm_bindgen(js_name = webhookUrl)] webhook_url: Option<String>,
    ) -> JsValue {
        match mobile_money(amount, country_id, phone_number, narration, webhook_url) {
            Ok(payout) => request(self.inner.mobile_money_payout(&payout)),
            Err(e) => failure(&e),
        }
    }

    /// An absent `bankId`/`accountNumber` is passed as `""`, which the core
    /// reports as `missing_bank_details`.
    #[wasm_bindgen(
        js_name = bankPayout,
        unchecked_return_type = "string | NativeFailure"
    )]
    pub fn bank_payout(
        &self,
        amount: f64,
        #[wasm_bindgen(js_name = countryId)] country_id: String,
        #[wasm_bindgen(js_name = bankId)] bank_id: String,
        #[wasm_bindgen(js_name = accountNumber)] account_number: String,
        narration: Option<String>,
        #[wasm_bindgen(js_name = webhookUrl)] webhook_url: Option<String>,
    ) -> JsValue {
        match bank(amount, country_id, bank_id, account_number, narration, webhook_url) {
            Ok(payout) => request(self.inner.bank_payout(&payout)),
            Err(e) => failure(&e),
        }
    }

    #[wasm_bindgen(
        js_name = statusCheck,
        unchecked_return_type = "string | NativeFailure"
    )]
    pub fn status_check(&self, #[wasm_bindgen(js_name = payoutId)] payout_id: &str) -> JsValue {
        request(self.inner.status_check(payout_id))
    }
}

// ---------------------------------------------------------------- responses

/// Parses the answer to a payout initiation: a packed `Payout`.
#[wasm_bindgen(js_name = parsePayoutResponse, unchecked_return_type = "string | NativeFailure")]
pub fn parse_payout_response(
    #[wasm_bindgen(js_name = httpStatusCode)] http_status_code: f64,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
) -> JsValue {
    let status = whole(http_status_code, ap::Field::HttpStatus);
    outcome(status.and_then(|s| ap::parse_payout_response(s, body)), |p| {
        packed::payout(&p).into()
    })
}

/// Parses the answer to a status check: a packed `StatusReport`.
#[wasm_bindgen(js_name = parseStatusResponse, unchecked_return_type = "string | NativeFailure")]
pub fn parse_status_response(
    #[wasm_bindgen(js_name = httpStatusCode)] http_status_code: f64,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
) -> JsValue {
    let status = whole(http_status_code, ap::Field::HttpStatus);
    outcome(status.and_then(|s| ap::parse_status_response(s, body)), |r| {
        packed::status_report(&r).into()
    })
}

// ---------------------------------------------------------------- webhooks

/// Parses a webhook from its raw body: a packed `WebhookEvent` (without the
/// body: no copy of it is made in the module's memory, which never shrinks,
/// nor sent back).
#[wasm_bindgen(js_name = parseWebhook, unchecked_return_type = "string | NativeFailure")]
pub fn parse_webhook(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8]) -> JsValue {
    outcome(ap::parse_webhook_without_raw(body), |e| {
        packed::webhook_event(&e).into()
    })
}

/// Confirms a webhook against the status check fetched for its payout:
/// `texts` are the event's and the report's fields the check reads, packed
/// by the facade (`packed::confirm_webhook` says which; one string argument
/// instead of five), as in the napi crate; a packed `Confirmation` back.
#[wasm_bindgen(js_name = confirmWebhook, unchecked_return_type = "string | NativeFailure")]
pub fn confirm_webhook(
    texts: &str,
    #[wasm_bindgen(js_name = eventAmount)] event_amount: Option<f64>,
    #[wasm_bindgen(js_name = reportAmount)] report_amount: Option<f64>,
) -> JsValue {
    outcome(
        packed::confirm_webhook(texts, event_amount, report_amount),
        JsValue::from,
    )
}

/// `[name, value]` pairs, read as napi-rs reads `Vec<(String, String)>`:
/// an array of arrays of at least two strings (more are ignored); anything
/// else throws a `TypeError`. (Not serde-wasm-bindgen's deserializer: it
/// costs 4.4 KB gzipped, over the module's size budget.)
fn header_pairs(headers: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let bad = || {
        JsValue::from(js_sys::TypeError::new(
            "headers: expected an array of [name, value] string pairs",
        ))
    };
    let list: &js_sys::Array = headers.dyn_ref().ok_or_else(bad)?;
    let mut out = Vec::with_capacity(list.length() as usize);
    for entry in list.iter() {
        let pair: &js_sys::Array = entry.dyn_ref().ok_or_else(bad)?;
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(name), Some(value)) if pair.length() >= 2 => out.push((name, value)),
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// Verifies a Standard Webhooks signature. `now` is Unix seconds;
/// `toleranceSecs` absent is the core's default. `headers` are
/// `[name, value]` pairs.
#[wasm_bindgen(js_name = verifyWebhookSignature, unchecked_return_type = "undefined | NativeFailure")]
pub fn verify_webhook_signature(
    secret: &str,
    #[wasm_bindgen(unchecked_param_type = "Array<[string, string]>")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
    now: f64,
    #[wasm_bindgen(js_name = toleranceSecs)] tolerance_secs: Option<f64>,
) -> Result<JsValue, JsValue> {
    let headers = header_pairs(&headers)?;
    let verified = (|| {
        let now = whole(now, ap::Field::Now)?;
        let tolerance = opt_whole(tolerance_secs, ap::Field::ToleranceSecs, ap::DEFAULT_TOLERANCE_SECS)?;
        ap::verify_webhook_signature(secret, &headers, body, now, tolerance)
    })();
    Ok(outcome(verified, |()| JsValue::UNDEFINED))
}

/// Signs a webhook: the `webhook-signature` header value.
#[wasm_bindgen(js_name = signWebhook, unchecked_return_type = "string | NativeFailure")]
pub fn sign_webhook(
    secret: &str,
    id: &str,
    timestamp: f64,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
) -> JsValue {
    let timestamp = whole(timestamp, ap::Field::WebhookTimestampHeader);
    outcome(timestamp.and_then(|t| ap::sign_webhook(secret, id, t, body)), |s| {
        s.into()
    })
}

// ---------------------------------------------------------------- statuses

/// `"pending"`, `"succeeded"`, `"failed"` or `"unknown"`.
#[wasm_bindgen(js_name = normalizeStatus)]
pub fn normalize_status(raw: &str) -> String {
    ap::PayoutStatus::from_raw(raw).as_str().to_string()
}

/// True for succeeded and failed (raw or normalised spellings).
#[wasm_bindgen(js_name = isTerminalStatus)]
pub fn is_terminal_status(status: &str) -> bool {
    ap::PayoutStatus::from_raw(status).is_terminal()
}

/// Folds every observation of one payout into one status.
#[wasm_bindgen]
pub struct NativeTracker {
    inner: ap::PayoutTracker,
}

#[wasm_bindgen(js_name = createTracker, unchecked_return_type = "NativeTracker | NativeFailure")]
pub fn create_tracker(#[wasm_bindgen(js_name = payoutId)] payout_id: &str) -> JsValue {
    outcome(ap::PayoutTracker::new(payout_id), |inner| {
        NativeTracker { inner }.into()
    })
}

#[wasm_bindgen]
impl NativeTracker {
    #[wasm_bindgen(getter, js_name = payoutId)]
    pub fn payout_id(&self) -> String {
        self.inner.payout_id().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn status(&self) -> String {
        self.inner.status().as_str().to_string()
    }

    #[wasm_bindgen(getter, js_name = rawStatus)]
    pub fn raw_status(&self) -> String {
        self.inner.raw_status().to_string()
    }

    #[wasm_bindgen(getter, js_name = isTerminal)]
    pub fn is_terminal(&self) -> bool {
        self.inner.is_terminal()
    }

    /// A confirmed observation (a bare status, a payout, a status report, a
    /// confirmation): `ids` are the ids it carries (empty for a bare status).
    #[wasm_bindgen(unchecked_return_type = "string | NativeFailure")]
    pub fn observe(&mut self, #[wasm_bindgen(js_name = rawStatus)] raw_status: &str, ids: Vec<String>) -> JsValue {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        outcome(self.inner.observe(raw_status, &ids), |o| o.as_str().into())
    }

    /// An unconfirmed webhook event: only its payout id names the payout
    /// (never its `reference`), and a final status it claims is not applied
    /// (`"needs_confirmation"`).
    #[wasm_bindgen(js_name = observeEvent, unchecked_return_type = "string | NativeFailure")]
    pub fn observe_event(
        &mut self,
        #[wasm_bindgen(js_name = rawStatus)] raw_status: &str,
        #[wasm_bindgen(js_name = payoutId)] payout_id: &str,
    ) -> JsValue {
        outcome(self.inner.observe_event(raw_status, payout_id), |o| o.as_str().into())
    }

    /// `null` once terminal.
    #[wasm_bindgen(js_name = nextPollDelayMs, unchecked_return_type = "number | undefined | null | NativeFailure")]
    pub fn next_poll_delay_ms(&self, attempt: f64, jitter: f64) -> JsValue {
        let attempt = whole(attempt, ap::Field::Attempt);
        outcome(attempt.and_then(|a| self.inner.next_poll_delay_ms(a, jitter)), |d| {
            or_null(d.map(|ms| ms as f64))
        })
    }
}

// ---------------------------------------------------------------- retries

/// The retry policy. Numbers saturate into range, so the core reports
/// out-of-range values with its own code. `body` is the answer's body (the
/// core reads it with the operation's parser); absent counts as empty.
#[wasm_bindgen(js_name = retryDecision, unchecked_return_type = "RetryDecision | NativeFailure")]
pub fn retry_decision(
    operation: &str,
    attempt: f64,
    #[wasm_bindgen(js_name = httpStatusCode, unchecked_optional_param_type = "number | null")] http_status_code: Option<
        f64,
    >,
    #[wasm_bindgen(unchecked_optional_param_type = "Uint8Array | null")] body: Option<Vec<u8>>,
    #[wasm_bindgen(js_name = transportError, unchecked_optional_param_type = "string | null")] transport_error: Option<
        String,
    >,
    #[wasm_bindgen(js_name = retryAfterSecs, unchecked_optional_param_type = "number | null")] retry_after_secs: Option<
        f64,
    >,
) -> JsValue {
    let operation = match ap::Operation::parse(operation) {
        Ok(op) => op,
        Err(e) => return failure(&e),
    };
    let transport_error = match transport_error.map(|t| ap::TransportError::parse(&t)).transpose() {
        Ok(t) => t,
        Err(e) => return failure(&e),
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
    outcome(decided, |d| {
        // The one object result, as napi-rs builds a `#[napi(object)]`
        // (three `Reflect.set`s: no serializer in the module).
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
        let _ = set("action", JsValue::from_str(d.action.as_str()));
        let _ = set("delayMs", JsValue::from_f64(d.delay_ms as f64));
        let _ = set("reason", JsValue::from_str(d.reason));
        object.into()
    })
}

#[cfg(test)]
mod tests {
    //! Plain-Rust checks of the number conversions (the JS suites cover the
    //! module; `tests/node/parity.test.mjs` compares it with the napi addon).
    use super::*;

    #[test]
    fn numbers_saturate_like_the_napi_crate() {
        assert_eq!(http_status(1e12), u16::MAX);
        assert_eq!(http_status(-5.0), 0);
        assert_eq!(http_status(f64::NAN), 0);
        assert_eq!(http_status(404.0), 404);
        assert_eq!(ms(1e300), 9_007_199_254_740_991);
        assert_eq!(ms(-1.0), 0);
        assert_eq!(ms(f64::NAN), 0);
        assert_eq!(ms(f64::INFINITY), 9_007_199_254_740_991);
        assert_eq!(saturate(2.5, 10.0), 2.5);
    }

    #[test]
    fn flat_headers_pair_up() {
        let flat = ["a", "1", "b", "2", "odd"].map(String::from).to_vec();
        assert_eq!(pairs(flat), vec![("a".into(), "1".into()), ("b".into(), "2".into())]);
    }
}
