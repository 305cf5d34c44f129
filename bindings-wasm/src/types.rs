//! The JS object shapes (camelCase, absent optionals left out) and their
//! TypeScript declarations.

use alexpay_core::{Confirmation, Payout, PayoutStatus, StatusReport, WebhookEvent};
use js_sys::Object;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{prop_bool, prop_number, prop_required, prop_text, JsResult};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `new Client(config)`: validated once; never prints the secret key. */
export interface ClientConfig {
  publicKey: string;
  secretKey: string;
  /** Required: Alexpay publishes no base URL. */
  baseUrl: string;
  userAgent?: string;
}

export interface MobileMoneyPayoutArgs {
  /** Whole units of the currency, 1 to Number.MAX_SAFE_INTEGER. */
  amount: number;
  countryId: string;
  /** Leave out to credit the merchant's own wallet. */
  phoneNumber?: string;
  narration?: string;
  webhookUrl?: string;
}

export interface BankPayoutArgs {
  /** Whole units of the currency, 1 to Number.MAX_SAFE_INTEGER. */
  amount: number;
  countryId: string;
  bankId: string;
  accountNumber: string;
  narration?: string;
  webhookUrl?: string;
}

/** A request as plain data; `fetch(request.url, request)` sends it as it is. */
export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  /** `undefined` for GET. */
  body?: Uint8Array<ArrayBuffer>;
}

export type PayoutStatusName = "pending" | "succeeded" | "failed" | "unknown";

export interface Payout {
  payoutId: string;
  amount?: number;
  status: PayoutStatusName;
  rawStatus: string;
  message?: string;
}

export interface StatusReport {
  id: string;
  reference?: string;
  amount?: number;
  charge?: number;
  currency?: string;
  status: PayoutStatusName;
  rawStatus: string;
  environment?: string;
  type?: string;
  method?: string;
  operator?: string;
  narration?: string;
  isDisbursed?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface WebhookEvent {
  payoutId: string;
  reference?: string;
  status: PayoutStatusName;
  rawStatus: string;
  amount?: number;
  /** The body exactly as received (UTF-8). */
  raw: string;
}

/** A webhook confirmed by the status check: the report's values, and what the event claimed. */
export interface Confirmation {
  payoutId: string;
  status: PayoutStatusName;
  rawStatus: string;
  amount?: number;
  /** The status the event claimed; absent for an id-only event. */
  eventStatus?: PayoutStatusName;
  /** The event's status differs from the report's (out of order or
   * redelivered): a normal result, not an error. Act on `status`. */
  stale: boolean;
}

/** A raw body as received: text (sent as UTF-8) or bytes. Never a parsed object. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Anything with `entries()` yielding `[name, value]`, such as `Headers` or a `Map`. */
export interface HeaderEntries {
  entries(): Iterable<[string, string]>;
}

/** Webhook request headers, matched case-insensitively: a plain record, a
 * `Headers`, a `Map`, or `[name, value]` pairs. */
export type WebhookHeaders =
  | Record<string, string | string[] | number | undefined>
  | HeaderEntries
  | Iterable<readonly [string, string]>;

/** What `PayoutTracker.observe` folds in: a parsed object or a raw status string. */
export type Observation = string | Payout | StatusReport | WebhookEvent | Confirmation;

/** `needs_confirmation`: a webhook event claims a final status, which is not
 * applied until a status check (or a `Confirmation`) confirms it. */
export type ObserveResult = "changed" | "unchanged" | "ignored" | "needs_confirmation";

export interface RetryInput {
  operation: "payout" | "status_check";
  /** The attempt that just failed, from 1. */
  attempt: number;
  httpStatus?: number;
  /** The answer's raw body, read with the operation's parser; absent counts
   * as empty (a payout 2xx without its body is `do_not_resend`). */
  body?: Body;
  transportError?: "connect" | "timeout" | "connection_lost";
  retryAfterSecs?: number;
}

export interface RetryDecision {
  action: "retry" | "stop" | "do_not_resend";
  delayMs: number;
  reason: string;
}

export type ErrorFamily = "validation" | "api" | "webhook" | "conflict" | "flow";

export type ErrorCode =
  | "invalid_credentials"
  | "invalid_base_url"
  | "invalid_user_agent"
  | "invalid_amount"
  | "invalid_country_id"
  | "invalid_phone_number"
  | "missing_bank_details"
  | "invalid_bank_details"
  | "invalid_narration"
  | "invalid_webhook_url"
  | "invalid_payout_id"
  | "invalid_webhook_secret"
  | "invalid_argument"
  | "authentication_failed"
  | "not_found"
  | "request_rejected"
  | "rate_limited"
  | "server_error"
  | "unexpected_response"
  | "webhook_malformed"
  | "webhook_signature_invalid"
  | "webhook_timestamp_out_of_range"
  | "webhook_mismatch"
  | "status_conflict"
  | "payout_id_mismatch"
  | "outcome_unknown"
  | "connection_failed"
  | "cancelled";

export interface AlexpayErrorDetails {
  code: ErrorCode;
  family: ErrorFamily;
  field?: string;
  httpStatus?: number;
  retryable?: boolean;
  apiCode?: string;
  apiMessage?: string;
  payoutId?: string;
}

/** Every error the SDK raises on purpose (wrong JS types raise TypeError). */
export class AlexpayError extends Error {
  constructor(message: string, details: AlexpayErrorDetails);
  readonly name: "AlexpayError";
  /** Stable machine-readable code; branch on this, never on the message. */
  readonly code: ErrorCode;
  readonly family: ErrorFamily;
  /** The input concerned, as a JS caller spells it (`phoneNumber`, `webhook-signature`). */
  readonly field?: string;
  /** For API errors: the HTTP status received. */
  readonly httpStatus?: number;
  /** True only when resending the very same request is safe and may help. */
  readonly retryable: boolean;
  readonly apiCode?: string;
  readonly apiMessage?: string;
  /** For API errors: a payout id the failed answer carried. That payout may
   * exist: reconcile, never resend. */
  readonly payoutId?: string;
}
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PayoutJs<'a> {
    payout_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<f64>,
    status: &'static str,
    raw_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

impl<'a> From<&'a Payout> for PayoutJs<'a> {
    fn from(p: &'a Payout) -> Self {
        PayoutJs {
            payout_id: &p.payout_id,
            amount: p.amount,
            status: p.status.as_str(),
            raw_status: &p.raw_status,
            message: p.message.as_deref(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StatusReportJs<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    charge: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'a str>,
    status: &'static str,
    raw_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    payout_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    narration: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_disbursed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<&'a str>,
}

impl<'a> From<&'a StatusReport> for StatusReportJs<'a> {
    fn from(r: &'a StatusReport) -> Self {
        StatusReportJs {
            id: &r.id,
            reference: r.reference.as_deref(),
            amount: r.amount,
            charge: r.charge,
            currency: r.currency.as_deref(),
            status: r.status.as_str(),
            raw_status: &r.raw_status,
            environment: r.environment.as_deref(),
            payout_type: r.payout_type.as_deref(),
            method: r.method.as_deref(),
            operator: r.operator.as_deref(),
            narration: r.narration.as_deref(),
            is_disbursed: r.is_disbursed,
            created_at: r.created_at.as_deref(),
            updated_at: r.updated_at.as_deref(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WebhookEventJs<'a> {
    payout_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    status: &'static str,
    raw_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<f64>,
    raw: &'a str,
}

impl<'a> From<&'a WebhookEvent> for WebhookEventJs<'a> {
    fn from(e: &'a WebhookEvent) -> Self {
        WebhookEventJs {
            payout_id: &e.payout_id,
            reference: e.reference.as_deref(),
            status: e.status.as_str(),
            raw_status: &e.raw_status,
            amount: e.amount,
            raw: &e.raw,
        }
    }
}

/// The status a parsed object stands for: its raw status, normalised by the
/// core exactly as when it was parsed; the normalised name only when the raw
/// one is missing (a hand-built object).
fn status_of(o: &Object, owner: &str) -> JsResult<(PayoutStatus, String)> {
    let raw = match prop_text(o, owner, "rawStatus")? {
        Some(raw) => raw,
        None => prop_text(o, owner, "status")?.unwrap_or_default(),
    };
    Ok((PayoutStatus::from_raw(&raw), raw))
}

/// A `WebhookEvent` handed back by JS (from `parseWebhook`).
pub(crate) fn event_from_js(o: &Object) -> JsResult<WebhookEvent> {
    let owner = "event";
    let (status, raw_status) = status_of(o, owner)?;
    Ok(WebhookEvent {
        payout_id: prop_required(o, owner, "payoutId")?,
        reference: prop_text(o, owner, "reference")?,
        status,
        raw_status,
        amount: prop_number(o, owner, "amount")?,
        raw: prop_text(o, owner, "raw")?.unwrap_or_default(),
    })
}

/// A `StatusReport` handed back by JS (from `parseStatusResponse`).
pub(crate) fn report_from_js(o: &Object) -> JsResult<StatusReport> {
    let owner = "report";
    let text = |key| prop_text(o, owner, key);
    let (status, raw_status) = status_of(o, owner)?;
    Ok(StatusReport {
        id: prop_required(o, owner, "id")?,
        reference: text("reference")?,
        amount: prop_number(o, owner, "amount")?,
        charge: prop_number(o, owner, "charge")?,
        currency: text("currency")?,
        status,
        raw_status,
        environment: text("environment")?,
        payout_type: text("type")?,
        method: text("method")?,
        operator: text("operator")?,
        narration: text("narration")?,
        is_disbursed: prop_bool(o, owner, "isDisbursed")?,
        created_at: text("createdAt")?,
        updated_at: text("updatedAt")?,
        // Not part of the JavaScript StatusReport; no check reads it.
        message: None,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConfirmationJs<'a> {
    payout_id: &'a str,
    status: &'static str,
    raw_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_status: Option<&'static str>,
    stale: bool,
}

impl<'a> From<&'a Confirmation> for ConfirmationJs<'a> {
    fn from(c: &'a Confirmation) -> Self {
        ConfirmationJs {
            payout_id: &c.payout_id,
            status: c.status.as_str(),
            raw_status: &c.raw_status,
            amount: c.amount,
            event_status: c.event_status.as_ref().map(PayoutStatus::as_str),
            stale: c.stale,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RetryDecisionJs {
    pub(crate) action: &'static str,
    pub(crate) delay_ms: f64,
    pub(crate) reason: &'static str,
}

#[cfg(test)]
mod tests {
    use alexpay_core::ErrorCode;

    /// This file, whose TypeScript custom section the macro consumes.
    const TS_TYPES: &str = include_str!("types.rs");

    /// The declared `ErrorCode` union lists exactly the core's codes.
    #[test]
    fn typescript_error_codes_match_core() {
        let start = TS_TYPES.find("export type ErrorCode =").unwrap();
        let end = start + TS_TYPES[start..].find(';').unwrap();
        let declared: Vec<&str> = TS_TYPES[start..end].split('"').skip(1).step_by(2).collect();
        let core: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(declared, core);
    }
}
