//! The core's flows behind one class, `NativeFlow`, with primitive-typed
//! methods (the same as the napi crate's `flows.rs`): the JavaScript driver
//! asks `next(nowMs)`, does the I/O, and reports back. Every decision is the
//! core's.

use alexpay_core as ap;
use wasm_bindgen::prelude::*;

use crate::{
    body_text, failure, ms, number, opt_text, opt_whole, or_null, outcome, packed, push_request, slots, text,
    NativeClient, Slots,
};

enum Inner {
    Payout(Box<ap::PayoutFlow>),
    Follow(Box<ap::FollowFlow>),
    Webhook(Box<ap::WebhookFlow>),
}

/// How the flow ended, kept for the outcome getters.
enum Ended {
    Payout(ap::Outcome),
    Webhook(ap::WebhookOutcome),
}

/// One payout, follow or webhook flow.
#[wasm_bindgen]
pub struct NativeFlow {
    inner: Inner,
    ended: Option<Ended>,
}

/// The webhook flow's caller-given numbers, range-checked by the core.
struct WebhookNumbers {
    tolerance_secs: u64,
    request_timeout_ms: u64,
    deadline_ms: u64,
}

/// Absent timeouts take the core's defaults; the caller's numbers follow
/// the core's range rule (`seed` comes from the facade itself).
fn options(request_timeout_ms: Option<f64>, wait_ms: Option<f64>, seed: f64) -> ap::Result<ap::FlowOptions> {
    Ok(ap::FlowOptions {
        request_timeout_ms: opt_whole(
            request_timeout_ms,
            ap::Field::RequestTimeoutMs,
            ap::DEFAULT_REQUEST_TIMEOUT_MS,
        )?,
        wait_ms: opt_whole(wait_ms, ap::Field::WaitMs, ap::DEFAULT_WAIT_MS)?,
        seed: ms(seed),
    })
}

fn flow(inner: ap::Result<Inner>) -> JsValue {
    outcome(inner, |inner| NativeFlow { inner, ended: None }.into())
}

/// A payout flow for a mobile-money payout (validated here).
#[wasm_bindgen(js_name = createMobileMoneyFlow, unchecked_return_type = "NativeFlow | NativeFailure")]
#[allow(clippy::too_many_arguments)]
pub fn create_mobile_money_flow(
    client: &NativeClient,
    amount: f64,
    #[wasm_bindgen(js_name = countryId)] country_id: String,
    #[wasm_bindgen(js_name = phoneNumber)] phone_number: Option<String>,
    narration: Option<String>,
    #[wasm_bindgen(js_name = webhookUrl)] webhook_url: Option<String>,
    #[wasm_bindgen(js_name = requestTimeoutMs)] request_timeout_ms: Option<f64>,
    #[wasm_bindgen(js_name = waitMs)] wait_ms: Option<f64>,
    seed: f64,
) -> JsValue {
    let payout = match crate::mobile_money(amount, country_id, phone_number, narration, webhook_url) {
        Ok(p) => p,
        Err(e) => return failure(&e),
    };
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return failure(&e),
    };
    flow(ap::PayoutFlow::mobile_money(client.core(), &payout, options).map(|f| Inner::Payout(Box::new(f))))
}

/// A payout flow for a bank payout (validated here).
#[wasm_bindgen(js_name = createBankFlow, unchecked_return_type = "NativeFlow | NativeFailure")]
#[allow(clippy::too_many_arguments)]
pub fn create_bank_flow(
    client: &NativeClient,
    amount: f64,
    #[wasm_bindgen(js_name = countryId)] country_id: String,
    #[wasm_bindgen(js_name = bankId)] bank_id: String,
    #[wasm_bindgen(js_name = accountNumber)] account_number: String,
    narration: Option<String>,
    #[wasm_bindgen(js_name = webhookUrl)] webhook_url: Option<String>,
    #[wasm_bindgen(js_name = requestTimeoutMs)] request_timeout_ms: Option<f64>,
    #[wasm_bindgen(js_name = waitMs)] wait_ms: Option<f64>,
    seed: f64,
) -> JsValue {
    let payout = match crate::bank(amount, country_id, bank_id, account_number, narration, webhook_url) {
        Ok(p) => p,
        Err(e) => return failure(&e),
    };
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return failure(&e),
    };
    flow(ap::PayoutFlow::bank(client.core(), &payout, options).map(|f| Inner::Payout(Box::new(f))))
}

/// A follow flow for a known payout id.
#[wasm_bindgen(js_name = createFollowFlow, unchecked_return_type = "NativeFlow | NativeFailure")]
pub fn create_follow_flow(
    client: &NativeClient,
    #[wasm_bindgen(js_name = payoutId)] payout_id: &str,
    #[wasm_bindgen(js_name = requestTimeoutMs)] request_timeout_ms: Option<f64>,
    #[wasm_bindgen(js_name = waitMs)] wait_ms: Option<f64>,
    seed: f64,
) -> JsValue {
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return failure(&e),
    };
    flow(ap::FollowFlow::new(client.core(), payout_id, options).map(|f| Inner::Follow(Box::new(f))))
}

/// A webhook flow for one delivery; `headers` as `[name, value, ...]`.
#[wasm_bindgen(js_name = createWebhookFlow, unchecked_return_type = "NativeFlow | NativeFailure")]
#[allow(clippy::too_many_arguments)]
pub fn create_webhook_flow(
    client: &NativeClient,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
    headers: Vec<String>,
    secret: Option<String>,
    #[wasm_bindgen(js_name = toleranceSecs)] tolerance_secs: Option<f64>,
    #[wasm_bindgen(js_name = requestTimeoutMs)] request_timeout_ms: Option<f64>,
    #[wasm_bindgen(js_name = deadlineMs)] deadline_ms: Option<f64>,
    seed: f64,
) -> JsValue {
    let numbers = (|| {
        Ok::<_, ap::Error>(WebhookNumbers {
            tolerance_secs: opt_whole(tolerance_secs, ap::Field::ToleranceSecs, ap::DEFAULT_TOLERANCE_SECS)?,
            request_timeout_ms: opt_whole(
                request_timeout_ms,
                ap::Field::RequestTimeoutMs,
                ap::DEFAULT_REQUEST_TIMEOUT_MS,
            )?,
            deadline_ms: opt_whole(deadline_ms, ap::Field::WaitMs, ap::DEFAULT_WEBHOOK_DEADLINE_MS)?,
        })
    })();
    let n = match numbers {
        Ok(n) => n,
        Err(e) => return failure(&e),
    };
    let options = ap::WebhookOptions {
        secret,
        tolerance_secs: n.tolerance_secs,
        request_timeout_ms: n.request_timeout_ms,
        deadline_ms: n.deadline_ms,
        seed: ms(seed),
    };
    flow(
        ap::WebhookFlow::new(client.core(), body, &crate::pairs(headers), options).map(|f| Inner::Webhook(Box::new(f))),
    )
}

/// The action as slots, and the outcome when it is `Done`.
fn action<O>(action: ap::Action<O>) -> (JsValue, Option<O>) {
    match action {
        ap::Action::Wait { until_ms } => (slots(&[text("wait"), number(Some(until_ms as f64))]), None),
        ap::Action::Send(out) => {
            let body = body_text(&out.request);
            let mut out_slots: Slots<'_> = vec![
                text("send"),
                number(Some(out.id as f64)),
                text(out.operation.as_str()),
                number(Some(out.timeout_ms as f64)),
            ];
            push_request(&mut out_slots, &out.request, body.as_deref());
            (slots(&out_slots), None)
        }
        ap::Action::Done(o) => (slots(&[text("done")]), Some(o)),
    }
}

#[wasm_bindgen]
impl NativeFlow {
    /// `["wait", untilMs]`, `["send", id, operation, timeoutMs, method, url,
    /// body | null, name1, value1, ...]` or `["done"]` (then read the
    /// outcome getters).
    #[wasm_bindgen(unchecked_return_type = "Array<Slot>")]
    pub fn next(&mut self, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) -> JsValue {
        let now = ms(now_ms);
        let (slots, ended) = match &mut self.inner {
            Inner::Payout(f) => {
                let (s, o) = action(f.next(now));
                (s, o.map(Ended::Payout))
            }
            Inner::Follow(f) => {
                let (s, o) = action(f.next(now));
                (s, o.map(Ended::Payout))
            }
            Inner::Webhook(f) => {
                let (s, o) = action(f.next(now));
                (s, o.map(Ended::Webhook))
            }
        };
        if ended.is_some() {
            self.ended = ended;
        }
        slots
    }

    /// The answer to request `id`; `headers` as `[name, value, ...]`.
    #[wasm_bindgen(js_name = onResponse, unchecked_return_type = "undefined | NativeFailure")]
    pub fn on_response(
        &mut self,
        id: f64,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        status: f64,
        headers: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: &[u8],
    ) -> JsValue {
        let (id, now, status, headers) = (ms(id), ms(now_ms), crate::http_status(status), crate::pairs(headers));
        let result = match &mut self.inner {
            Inner::Payout(f) => f.on_response(id, now, status, &headers, body),
            Inner::Follow(f) => f.on_response(id, now, status, &headers, body),
            Inner::Webhook(f) => f.on_response(id, now, status, &headers, body),
        };
        outcome(result, |()| JsValue::UNDEFINED)
    }

    /// Request `id` failed before an answer: `connect`, `timeout` or
    /// `connection_lost`.
    #[wasm_bindgen(js_name = onTransportError, unchecked_return_type = "undefined | NativeFailure")]
    pub fn on_transport_error(&mut self, id: f64, #[wasm_bindgen(js_name = nowMs)] now_ms: f64, kind: &str) -> JsValue {
        let kind = match ap::TransportError::parse(kind) {
            Ok(k) => k,
            Err(e) => return failure(&e),
        };
        let (id, now) = (ms(id), ms(now_ms));
        match &mut self.inner {
            Inner::Payout(f) => f.on_transport_error(id, now, kind),
            Inner::Follow(f) => f.on_transport_error(id, now, kind),
            Inner::Webhook(f) => f.on_transport_error(id, now, kind),
        }
        JsValue::UNDEFINED
    }

    /// Ends the flow with the outcome its state allows.
    pub fn cancel(&mut self, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) {
        let now = ms(now_ms);
        match &mut self.inner {
            Inner::Payout(f) => f.cancel(now),
            Inner::Follow(f) => f.cancel(now),
            Inner::Webhook(f) => f.cancel(now),
        }
    }

    /// Payout requests emitted so far (0 for other flows).
    #[wasm_bindgen(getter)]
    pub fn attempts(&self) -> u32 {
        match &self.inner {
            Inner::Payout(f) => f.attempts(),
            _ => 0,
        }
    }

    /// After `done`: `[kind, payoutId, message, receiverStatus]` where kind is
    /// `succeeded`/`failed`/`pending`/`rejected`/`unknown` for payout and
    /// follow flows, `ok`/`error` for webhook flows; `[]` before.
    #[wasm_bindgen(unchecked_return_type = "Array<Slot>")]
    pub fn outcome(&self) -> JsValue {
        match &self.ended {
            None => slots(&Slots::new()),
            Some(Ended::Payout(o)) => slots(&[
                text(o.kind.as_str()),
                opt_text(o.payout_id.as_deref()),
                opt_text(o.message.as_deref()),
                None,
            ]),
            Some(Ended::Webhook(w)) => slots(&[
                text(if w.is_ok() { "ok" } else { "error" }),
                opt_text(w.as_ref().ok().map(|r| r.payout_id.as_str())),
                None,
                number(Some(f64::from(ap::receiver_status(w)))),
            ]),
        }
    }

    /// The error of a rejected/unknown outcome or a failed webhook flow.
    #[wasm_bindgen(js_name = outcomeError, unchecked_return_type = "NativeFailure | null")]
    pub fn outcome_error(&self) -> JsValue {
        let error = match &self.ended {
            Some(Ended::Payout(o)) => o.error.as_ref(),
            Some(Ended::Webhook(Err(e))) => Some(e),
            _ => None,
        };
        error.map_or(JsValue::NULL, failure)
    }

    /// What left an `unknown` outcome open.
    #[wasm_bindgen(js_name = outcomeCause, unchecked_return_type = "NativeFailure | null")]
    pub fn outcome_cause(&self) -> JsValue {
        match &self.ended {
            Some(Ended::Payout(o)) => o.cause.as_ref().map_or(JsValue::NULL, failure),
            _ => JsValue::NULL,
        }
    }

    /// The latest status report (a packed `StatusReport`), if any.
    #[wasm_bindgen(js_name = outcomeReport, unchecked_return_type = "string | null")]
    pub fn outcome_report(&self) -> JsValue {
        let report = match &self.ended {
            Some(Ended::Payout(o)) => o.report.as_ref(),
            Some(Ended::Webhook(Ok(r))) => Some(&r.report),
            _ => None,
        };
        or_null(report.map(|r| JsValue::from(packed::status_report(r))))
    }

    /// Alexpay's answer to the payout request (a packed `Payout`), if accepted.
    #[wasm_bindgen(js_name = outcomePayout, unchecked_return_type = "string | null")]
    pub fn outcome_payout(&self) -> JsValue {
        match &self.ended {
            Some(Ended::Payout(o)) => or_null(o.payout.as_ref().map(|p| JsValue::from(packed::payout(p)))),
            _ => JsValue::NULL,
        }
    }

    /// A webhook result, packed: `payoutId, status, rawStatus, eventStatus,
    /// stale, webhookId`.
    #[wasm_bindgen(js_name = webhookResult, unchecked_return_type = "string | null")]
    pub fn webhook_result(&self) -> JsValue {
        match &self.ended {
            Some(Ended::Webhook(Ok(r))) => packed::webhook_result(r).into(),
            _ => JsValue::NULL,
        }
    }

    /// The parsed event of a webhook result (a packed `WebhookEvent`, without
    /// the body the caller handed in).
    #[wasm_bindgen(js_name = webhookEvent, unchecked_return_type = "string | null")]
    pub fn webhook_event(&self) -> JsValue {
        match &self.ended {
            Some(Ended::Webhook(Ok(r))) => packed::webhook_event(&r.event).into(),
            _ => JsValue::NULL,
        }
    }
}
