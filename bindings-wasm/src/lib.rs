//! WebAssembly binding of the Alexpay payouts SDK (browsers, Deno, Cloudflare
//! Workers, Node). The same surface as the Node binding (`docs/API.md`, the
//! JavaScript column); all behaviour is in `alexpay-core`, this crate only
//! converts JS values and errors.

mod convert;
mod types;

use alexpay_core as ap;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use convert::{error, type_error, JsResult};
use types::{ConfirmationJs, PayoutJs, RetryDecisionJs, StatusReportJs, WebhookEventJs};

const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn request(req: ap::HttpRequest) -> JsResult<JsValue> {
    let headers = Object::new();
    for (name, value) in &req.headers {
        Reflect::set(&headers, &convert::key(name), &JsValue::from_str(value))?;
    }
    let body = req.body.as_deref().map(Uint8Array::from);
    Ok(convert::make_request(req.method, &req.url, &headers, body))
}

/// A validated configuration that builds requests as plain data.
#[wasm_bindgen]
pub struct Client {
    inner: ap::Client,
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue) -> JsResult<Client> {
        let o = convert::options(&config, "config", &["publicKey", "secretKey", "baseUrl", "userAgent"])?;
        let config = ap::ClientConfig {
            public_key: convert::required_text(&o, "publicKey")?,
            secret_key: convert::required_text(&o, "secretKey")?,
            base_url: convert::required_text(&o, "baseUrl")?,
            user_agent: convert::optional_text(&o, "userAgent")?,
        };
        ap::Client::new(config).map(|inner| Client { inner }).map_err(error)
    }

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

    /// `POST {baseUrl}/v1/payment/payouts/process` to a mobile-money wallet.
    #[wasm_bindgen(js_name = mobileMoneyPayout, unchecked_return_type = "HttpRequest")]
    pub fn mobile_money_payout(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MobileMoneyPayoutArgs")] args: JsValue,
    ) -> JsResult<JsValue> {
        let allowed = ["amount", "countryId", "phoneNumber", "narration", "webhookUrl"];
        let o = convert::options(&args, "mobileMoneyPayout", &allowed)?;
        let payout = ap::MobileMoneyPayout {
            amount: convert::amount(&o)?,
            country_id: convert::required_text(&o, "countryId")?,
            phone_number: convert::optional_text(&o, "phoneNumber")?,
            narration: convert::optional_text(&o, "narration")?,
            webhook_url: convert::optional_text(&o, "webhookUrl")?,
        };
        request(self.inner.mobile_money_payout(&payout).map_err(error)?)
    }

    /// `POST {baseUrl}/v1/payment/payouts/process` to a bank account.
    #[wasm_bindgen(js_name = bankPayout, unchecked_return_type = "HttpRequest")]
    pub fn bank_payout(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BankPayoutArgs")] args: JsValue,
    ) -> JsResult<JsValue> {
        let allowed = [
            "amount",
            "countryId",
            "bankId",
            "accountNumber",
            "narration",
            "webhookUrl",
        ];
        let o = convert::options(&args, "bankPayout", &allowed)?;
        let payout = ap::BankPayout {
            amount: convert::amount(&o)?,
            country_id: convert::required_text(&o, "countryId")?,
            bank_id: convert::required_text(&o, "bankId")?,
            account_number: convert::required_text(&o, "accountNumber")?,
            narration: convert::optional_text(&o, "narration")?,
            webhook_url: convert::optional_text(&o, "webhookUrl")?,
        };
        request(self.inner.bank_payout(&payout).map_err(error)?)
    }

    /// `GET {baseUrl}/v1/payment/{payoutId}/check`, without a body.
    #[wasm_bindgen(js_name = statusCheck, unchecked_return_type = "HttpRequest")]
    pub fn status_check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] payout_id: JsValue,
    ) -> JsResult<JsValue> {
        let id = convert::text_or_empty(&payout_id, "payoutId")?;
        request(self.inner.status_check(&id).map_err(error)?)
    }

    /// What `JSON.stringify(client)` shows: never the secret key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ publicKey: string; baseUrl: string; userAgent: string }")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        let o = Object::new();
        Reflect::set(&o, &"publicKey".into(), &self.inner.public_key().into())?;
        Reflect::set(&o, &"baseUrl".into(), &self.inner.base_url().into())?;
        Reflect::set(&o, &"userAgent".into(), &self.inner.user_agent().into())?;
        Ok(o.into())
    }
}

fn status_code(value: &JsValue) -> JsResult<u16> {
    Ok(convert::integer(value, "httpStatus", 0.0, 65_535.0, "from 0 to 65535")? as u16)
}

/// Parses Alexpay's answer to a payout initiation.
#[wasm_bindgen(js_name = parsePayoutResponse, unchecked_return_type = "Payout")]
pub fn parse_payout_response(
    #[wasm_bindgen(js_name = httpStatus, unchecked_param_type = "number")] http_status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
) -> JsResult<JsValue> {
    let status = status_code(&http_status)?;
    let body = convert::body(&body, "body")?;
    let payout = ap::parse_payout_response(status, &body).map_err(error)?;
    convert::to_js(&PayoutJs::from(&payout))
}

/// Parses Alexpay's answer to a status check.
#[wasm_bindgen(js_name = parseStatusResponse, unchecked_return_type = "StatusReport")]
pub fn parse_status_response(
    #[wasm_bindgen(js_name = httpStatus, unchecked_param_type = "number")] http_status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
) -> JsResult<JsValue> {
    let status = status_code(&http_status)?;
    let body = convert::body(&body, "body")?;
    let report = ap::parse_status_response(status, &body).map_err(error)?;
    convert::to_js(&StatusReportJs::from(&report))
}

/// Parses a webhook from its raw body (never a parsed object).
#[wasm_bindgen(js_name = parseWebhook, unchecked_return_type = "WebhookEvent")]
pub fn parse_webhook(#[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue) -> JsResult<JsValue> {
    let body = convert::body(&body, "body")?;
    let event = ap::parse_webhook(&body).map_err(error)?;
    convert::to_js(&WebhookEventJs::from(&event))
}

/// Confirms a webhook against the status check fetched for its payout.
#[wasm_bindgen(js_name = confirmWebhook, unchecked_return_type = "Confirmation")]
pub fn confirm_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookEvent")] event: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StatusReport")] report: JsValue,
) -> JsResult<JsValue> {
    let event = types::event_from_js(&convert::object(&event, "event")?)?;
    let report = types::report_from_js(&convert::object(&report, "report")?)?;
    let confirmation = ap::confirm_webhook(&event, &report).map_err(error)?;
    convert::to_js(&ConfirmationJs::from(&confirmation))
}

/// Verifies a signed webhook (Standard Webhooks, HMAC-SHA256), synchronously.
/// `now` is Unix seconds from the caller's clock.
#[wasm_bindgen(js_name = verifyWebhookSignature)]
pub fn verify_webhook_signature(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(js_name = toleranceSecs, unchecked_optional_param_type = "number")] tolerance_secs: JsValue,
) -> JsResult<()> {
    let secret = convert::text(&secret, "secret")?;
    let headers = convert::headers(&headers)?;
    let body = convert::body(&body, "body")?;
    let now = convert::integer(
        &now,
        "now",
        -MAX_SAFE,
        MAX_SAFE,
        "of Unix seconds, e.g. Math.floor(Date.now() / 1000)",
    )? as i64;
    let tolerance = if tolerance_secs.is_undefined() {
        ap::DEFAULT_TOLERANCE_SECS
    } else {
        convert::integer(&tolerance_secs, "toleranceSecs", 0.0, MAX_SAFE, "of seconds, 0 or more")? as u64
    };
    ap::verify_webhook_signature(&secret, &headers, &body, now, tolerance).map_err(error)
}

/// Signs a webhook: the `webhook-signature` header value (`v1,<base64>`).
#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] timestamp: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Body")] body: JsValue,
) -> JsResult<String> {
    let secret = convert::text(&secret, "secret")?;
    let id = convert::text(&id, "id")?;
    let timestamp = convert::integer(&timestamp, "timestamp", -MAX_SAFE, MAX_SAFE, "of Unix seconds")? as i64;
    let body = convert::body(&body, "body")?;
    ap::sign_webhook(&secret, &id, timestamp, &body).map_err(error)
}

/// `"pending"`, `"succeeded"`, `"failed"` or `"unknown"`.
#[wasm_bindgen(js_name = normalizeStatus, unchecked_return_type = "PayoutStatusName")]
pub fn normalize_status(#[wasm_bindgen(unchecked_param_type = "string")] raw: JsValue) -> JsResult<String> {
    let raw = convert::text(&raw, "raw")?;
    Ok(ap::PayoutStatus::from_raw(&raw).as_str().to_string())
}

/// True for succeeded and failed (raw or normalised status strings).
#[wasm_bindgen(js_name = isTerminalStatus)]
pub fn is_terminal_status(#[wasm_bindgen(unchecked_param_type = "string")] status: JsValue) -> JsResult<bool> {
    let status = convert::text(&status, "status")?;
    Ok(ap::PayoutStatus::from_raw(&status).is_terminal())
}

/// The retry policy as data: what to do after an attempt. `body` is the
/// answer's raw body, read with the operation's parser (absent counts as
/// empty: a payout 2xx without its body is `do_not_resend`).
#[wasm_bindgen(js_name = retryDecision, unchecked_return_type = "RetryDecision")]
pub fn retry_decision(#[wasm_bindgen(unchecked_param_type = "RetryInput")] input: JsValue) -> JsResult<JsValue> {
    let allowed = [
        "operation",
        "attempt",
        "httpStatus",
        "body",
        "transportError",
        "retryAfterSecs",
    ];
    let o = convert::options(&input, "retryDecision", &allowed)?;
    let operation = convert::text_or_empty(&convert::get(&o, "operation")?, "operation")?;
    let operation = ap::Operation::parse(&operation).map_err(error)?;
    // Out-of-range whole numbers saturate; the core refuses them with its own code.
    let attempt = convert::saturating_integer(&convert::get(&o, "attempt")?, "attempt", 0.0, f64::from(u32::MAX))?;
    let http_status = match convert::optional(&o, "httpStatus")? {
        Some(v) => Some(convert::saturating_integer(&v, "httpStatus", 0.0, 65_535.0)? as u16),
        None => None,
    };
    let body = match convert::optional(&o, "body")? {
        Some(v) => Some(convert::body(&v, "body")?),
        None => None,
    };
    let transport_error = match convert::optional_text(&o, "transportError")? {
        Some(t) => Some(ap::TransportError::parse(&t).map_err(error)?),
        None => None,
    };
    let retry_after_secs = match convert::optional(&o, "retryAfterSecs")? {
        Some(v) => Some(convert::integer(&v, "retryAfterSecs", 0.0, MAX_SAFE, "of seconds, 0 or more")? as u64),
        None => None,
    };
    let decision = ap::retry_decision(&ap::RetryInput {
        operation,
        attempt: attempt as u32,
        http_status,
        body: body.as_deref(),
        transport_error,
        retry_after_secs,
    })
    .map_err(error)?;
    convert::to_js(&RetryDecisionJs {
        action: decision.action.as_str(),
        delay_ms: decision.delay_ms as f64,
        reason: decision.reason,
    })
}

/// Folds every observation of one payout into one status that never leaves
/// a terminal state.
#[wasm_bindgen]
pub struct PayoutTracker {
    inner: ap::PayoutTracker,
}

#[wasm_bindgen]
impl PayoutTracker {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = payoutId, unchecked_param_type = "string")] payout_id: JsValue,
    ) -> JsResult<PayoutTracker> {
        let id = convert::text_or_empty(&payout_id, "payoutId")?;
        ap::PayoutTracker::new(&id)
            .map(|inner| PayoutTracker { inner })
            .map_err(error)
    }

    #[wasm_bindgen(getter, js_name = payoutId)]
    pub fn payout_id(&self) -> String {
        self.inner.payout_id().to_string()
    }

    #[wasm_bindgen(getter, unchecked_return_type = "PayoutStatusName")]
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

    /// What `JSON.stringify(tracker)` shows.
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ payoutId: string; status: PayoutStatusName; rawStatus: string; isTerminal: boolean }"
    )]
    pub fn to_json(&self) -> JsResult<JsValue> {
        let o = Object::new();
        Reflect::set(&o, &"payoutId".into(), &self.inner.payout_id().into())?;
        Reflect::set(&o, &"status".into(), &self.inner.status().as_str().into())?;
        Reflect::set(&o, &"rawStatus".into(), &self.inner.raw_status().into())?;
        Reflect::set(&o, &"isTerminal".into(), &self.inner.is_terminal().into())?;
        Ok(o.into())
    }

    /// Folds a parsed `Payout`/`StatusReport`/`WebhookEvent`/`Confirmation`
    /// (its id must be this payout's) or a raw status string. A `WebhookEvent`
    /// (the object carrying `raw`) is an unconfirmed hint: it matches by its
    /// `payoutId` only, and a final status it claims is `needs_confirmation`.
    #[wasm_bindgen(unchecked_return_type = "ObserveResult")]
    pub fn observe(&mut self, #[wasm_bindgen(unchecked_param_type = "Observation")] obs: JsValue) -> JsResult<String> {
        let observed = if let Some(raw) = obs.as_string() {
            self.inner.observe(&raw, &[])
        } else {
            let o = convert::object(&obs, "observation")?;
            let raw = match convert::optional_text(&o, "rawStatus")? {
                Some(raw) => raw,
                None => convert::optional_text(&o, "status")?.ok_or_else(|| {
                    type_error("observation: expected a status string or a parsed object with rawStatus")
                })?,
            };
            if convert::optional_text(&o, "raw")?.is_some() {
                convert::optional_text(&o, "reference")?;
                let payout_id = convert::optional_text(&o, "payoutId")?
                    .ok_or_else(|| type_error("observation: a WebhookEvent must carry its payoutId"))?;
                return Ok(self
                    .inner
                    .observe_event(&raw, &payout_id)
                    .map_err(error)?
                    .as_str()
                    .to_string());
            }
            let mut ids = Vec::new();
            for key in ["payoutId", "id", "reference"] {
                if let Some(id) = convert::optional_text(&o, key)? {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                return Err(type_error(
                    "observation: a parsed object must carry its payout id (payoutId or id)",
                ));
            }
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            self.inner.observe(&raw, &ids)
        };
        Ok(observed.map_err(error)?.as_str().to_string())
    }

    /// Delay before the next status poll (attempt from 0, jitter in [0, 1]),
    /// or `null` once terminal.
    #[wasm_bindgen(js_name = nextPollDelayMs, unchecked_return_type = "number | null")]
    pub fn next_poll_delay_ms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] attempt: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] jitter: JsValue,
    ) -> JsResult<JsValue> {
        let attempt = convert::integer(&attempt, "attempt", 0.0, f64::from(u32::MAX), "from 0 to 4294967295")? as u32;
        let jitter = jitter
            .as_f64()
            .ok_or_else(|| type_error("jitter: expected a number from 0 to 1"))?;
        Ok(match self.inner.next_poll_delay_ms(attempt, jitter).map_err(error)? {
            Some(ms) => JsValue::from_f64(ms as f64),
            None => JsValue::NULL,
        })
    }
}
