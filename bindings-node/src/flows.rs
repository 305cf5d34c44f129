//! The core's flows behind one class, `NativeFlow`, with primitive-typed
//! methods: the JavaScript driver asks `next(nowMs)`, does the I/O, and
//! reports back. Every decision is the core's.

use alexpay_core as ap;
use napi::bindgen_prelude::{BufferSlice, Either};
use napi_derive::napi;

use crate::{fail, http_status, number, opt_whole, packed, saturate, text, NativeClient, NativeFailure, Slot};

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
#[napi]
pub struct NativeFlow {
    inner: Inner,
    ended: Option<Ended>,
}

fn ms(value: f64) -> u64 {
    saturate(value, 9_007_199_254_740_991.0) as u64
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

fn flow(inner: ap::Result<Inner>) -> Either<NativeFlow, NativeFailure> {
    match inner {
        Ok(inner) => Either::A(NativeFlow { inner, ended: None }),
        Err(e) => fail(e),
    }
}

/// A payout flow for a mobile-money payout (validated here).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn create_mobile_money_flow(
    client: &NativeClient,
    amount: f64,
    country_id: String,
    phone_number: Option<String>,
    narration: Option<String>,
    webhook_url: Option<String>,
    request_timeout_ms: Option<f64>,
    wait_ms: Option<f64>,
    seed: f64,
) -> Either<NativeFlow, NativeFailure> {
    let payout = match crate::mobile_money(amount, country_id, phone_number, narration, webhook_url) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    flow(ap::PayoutFlow::mobile_money(client.core(), &payout, options).map(|f| Inner::Payout(Box::new(f))))
}

/// A payout flow for a bank payout (validated here).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn create_bank_flow(
    client: &NativeClient,
    amount: f64,
    country_id: String,
    bank_id: String,
    account_number: String,
    narration: Option<String>,
    webhook_url: Option<String>,
    request_timeout_ms: Option<f64>,
    wait_ms: Option<f64>,
    seed: f64,
) -> Either<NativeFlow, NativeFailure> {
    let payout = match crate::bank(amount, country_id, bank_id, account_number, narration, webhook_url) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    flow(ap::PayoutFlow::bank(client.core(), &payout, options).map(|f| Inner::Payout(Box::new(f))))
}

/// A follow flow for a known payout id.
#[napi]
pub fn create_follow_flow(
    client: &NativeClient,
    payout_id: String,
    request_timeout_ms: Option<f64>,
    wait_ms: Option<f64>,
    seed: f64,
) -> Either<NativeFlow, NativeFailure> {
    let options = match options(request_timeout_ms, wait_ms, seed) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    flow(ap::FollowFlow::new(client.core(), &payout_id, options).map(|f| Inner::Follow(Box::new(f))))
}

/// A webhook flow for one delivery; `headers` as `[name, value, ...]`.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn create_webhook_flow(
    client: &NativeClient,
    body: BufferSlice,
    headers: Vec<String>,
    secret: Option<String>,
    tolerance_secs: Option<f64>,
    request_timeout_ms: Option<f64>,
    deadline_ms: Option<f64>,
    seed: f64,
) -> Either<NativeFlow, NativeFailure> {
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
        Err(e) => return fail(e),
    };
    let options = ap::WebhookOptions {
        secret,
        tolerance_secs: n.tolerance_secs,
        request_timeout_ms: n.request_timeout_ms,
        deadline_ms: n.deadline_ms,
        seed: ms(seed),
    };
    flow(
        ap::WebhookFlow::new(client.core(), &body, &crate::pairs(headers), options)
            .map(|f| Inner::Webhook(Box::new(f))),
    )
}

fn action_slots<O>(action: ap::Action<O>) -> (Vec<Slot>, Option<O>) {
    match action {
        ap::Action::Wait { until_ms } => (vec![text(Some("wait".into())), number(Some(until_ms as f64))], None),
        ap::Action::Send(out) => {
            let mut slots: Vec<Slot> = vec![
                text(Some("send".into())),
                number(Some(out.id as f64)),
                text(Some(out.operation.as_str().into())),
                number(Some(out.timeout_ms as f64)),
            ];
            slots.extend(crate::request_slots(out.request).into_iter().map(text));
            (slots, None)
        }
        ap::Action::Done(o) => (vec![text(Some("done".into()))], Some(o)),
    }
}

#[napi]
impl NativeFlow {
    /// `["wait", untilMs]`, `["send", id, operation, timeoutMs, method, url,
    /// body | null, name1, value1, ...]` or `["done"]` (then read the
    /// outcome getters).
    #[napi]
    pub fn next(&mut self, now_ms: f64) -> Vec<Slot> {
        let now = ms(now_ms);
        let (slots, ended) = match &mut self.inner {
            Inner::Payout(f) => {
                let (s, o) = action_slots(f.next(now));
                (s, o.map(Ended::Payout))
            }
            Inner::Follow(f) => {
                let (s, o) = action_slots(f.next(now));
                (s, o.map(Ended::Payout))
            }
            Inner::Webhook(f) => {
                let (s, o) = action_slots(f.next(now));
                (s, o.map(Ended::Webhook))
            }
        };
        if ended.is_some() {
            self.ended = ended;
        }
        slots
    }

    /// The answer to request `id`; `headers` as `[name, value, ...]`.
    #[napi]
    pub fn on_response(
        &mut self,
        id: f64,
        now_ms: f64,
        status: f64,
        headers: Vec<String>,
        body: BufferSlice,
    ) -> Either<(), NativeFailure> {
        let (id, now, status, headers) = (ms(id), ms(now_ms), http_status(status), crate::pairs(headers));
        let result = match &mut self.inner {
            Inner::Payout(f) => f.on_response(id, now, status, &headers, &body),
            Inner::Follow(f) => f.on_response(id, now, status, &headers, &body),
            Inner::Webhook(f) => f.on_response(id, now, status, &headers, &body),
        };
        crate::outcome(result, |()| ())
    }

    /// Request `id` failed before an answer: `connect`, `timeout` or
    /// `connection_lost`.
    #[napi]
    pub fn on_transport_error(&mut self, id: f64, now_ms: f64, kind: String) -> Either<(), NativeFailure> {
        let kind = match ap::TransportError::parse(&kind) {
            Ok(k) => k,
            Err(e) => return fail(e),
        };
        let (id, now) = (ms(id), ms(now_ms));
        match &mut self.inner {
            Inner::Payout(f) => f.on_transport_error(id, now, kind),
            Inner::Follow(f) => f.on_transport_error(id, now, kind),
            Inner::Webhook(f) => f.on_transport_error(id, now, kind),
        }
        Either::A(())
    }

    /// Ends the flow with the outcome its state allows.
    #[napi]
    pub fn cancel(&mut self, now_ms: f64) {
        let now = ms(now_ms);
        match &mut self.inner {
            Inner::Payout(f) => f.cancel(now),
            Inner::Follow(f) => f.cancel(now),
            Inner::Webhook(f) => f.cancel(now),
        }
    }

    /// Payout requests emitted so far (0 for other flows).
    #[napi(getter)]
    pub fn attempts(&self) -> u32 {
        match &self.inner {
            Inner::Payout(f) => f.attempts(),
            _ => 0,
        }
    }

    /// After `done`: `[kind, payoutId, message, receiverStatus]` where kind is
    /// `succeeded`/`failed`/`pending`/`rejected`/`unknown` for payout and
    /// follow flows, `ok`/`error` for webhook flows.
    #[napi]
    pub fn outcome(&self) -> Vec<Slot> {
        match &self.ended {
            None => vec![],
            Some(Ended::Payout(o)) => vec![
                text(Some(o.kind.as_str().into())),
                text(o.payout_id.clone()),
                text(o.message.clone()),
                None,
            ],
            Some(Ended::Webhook(w)) => vec![
                text(Some(if w.is_ok() { "ok" } else { "error" }.into())),
                text(w.as_ref().ok().map(|r| r.payout_id.clone())),
                None,
                number(Some(f64::from(ap::receiver_status(w)))),
            ],
        }
    }

    /// The error of a rejected/unknown outcome or a failed webhook flow.
    #[napi]
    pub fn outcome_error(&self) -> Option<NativeFailure> {
        match &self.ended {
            Some(Ended::Payout(o)) => o.error.as_ref().map(NativeFailure::from),
            Some(Ended::Webhook(Err(e))) => Some(NativeFailure::from(e)),
            _ => None,
        }
    }

    /// What left an `unknown` outcome open.
    #[napi]
    pub fn outcome_cause(&self) -> Option<NativeFailure> {
        match &self.ended {
            Some(Ended::Payout(o)) => o.cause.as_ref().map(NativeFailure::from),
            _ => None,
        }
    }

    /// The latest status report (a packed `StatusReport`), if any.
    #[napi]
    pub fn outcome_report(&self) -> Option<String> {
        match &self.ended {
            Some(Ended::Payout(o)) => o.report.as_ref().map(packed::status_report),
            Some(Ended::Webhook(Ok(r))) => Some(packed::status_report(&r.report)),
            _ => None,
        }
    }

    /// Alexpay's answer to the payout request (a packed `Payout`), if accepted.
    #[napi]
    pub fn outcome_payout(&self) -> Option<String> {
        match &self.ended {
            Some(Ended::Payout(o)) => o.payout.as_ref().map(packed::payout),
            _ => None,
        }
    }

    /// A webhook result, packed: `payoutId, status, rawStatus, eventStatus,
    /// stale, webhookId`.
    #[napi]
    pub fn webhook_result(&self) -> Option<String> {
        match &self.ended {
            Some(Ended::Webhook(Ok(r))) => Some(packed::webhook_result(r)),
            _ => None,
        }
    }

    /// The parsed event of a webhook result (a packed `WebhookEvent`, without
    /// the body the caller handed in).
    #[napi]
    pub fn webhook_event(&self) -> Option<String> {
        match &self.ended {
            Some(Ended::Webhook(Ok(r))) => Some(packed::webhook_event(&r.event)),
            _ => None,
        }
    }
}
