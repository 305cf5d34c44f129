//! The flow invariants, checked on one scripted run of a flow. Shared by the
//! property tests (`core/tests/flow_properties.rs`) and the flow fuzz target
//! (`core/fuzz/fuzz_targets/flows.rs`), which include this file by path, so
//! both check exactly the same rules:
//! - the payout request is never emitted again after an attempt that may have
//!   arrived (only connect failures and 429s naming no payout allow it);
//! - every flow ends within a bounded number of steps;
//! - the outcome never contradicts the last status report.
//!
//! The oracle for "may have arrived" reads only the raw answer, never the
//! parser: exact for the shared bodies, and for any other body it forbids a
//! resend only where no body could allow one.
#![allow(dead_code)]

use alexpay_core::*;

/// Something the host can answer a request with.
#[derive(Debug, Clone)]
pub enum Reply {
    Transport(TransportError),
    Http(u16, Vec<(String, String)>, String),
    /// The host never answers; the flow must time the request out itself.
    Silence,
    /// An answer quoting an older request id arrives (and must be ignored),
    /// then the host goes silent.
    Stale(u16, String),
}

/// Statuses worth answering with: every class and every special case.
pub const STATUSES: &[u16] = &[100, 200, 201, 302, 400, 401, 404, 408, 409, 422, 429, 500, 502, 503];

/// Bodies that reach every branch of the parsers.
pub const BODIES: &[&str] = &[
    "",
    "{\"status\":\"succ",
    "<html>502</html>",
    r#"{"status":"success","code":0,"data":{"payout_id":"PO_1","status":"processing"}}"#,
    r#"{"status":"error","code":429,"data":{"payout_id":"PO_1"}}"#,
    r#"{"status":"error","code":429,"message":"slow"}"#,
    r#"{"status":"pending","code":0,"data":{"payout_id":"PO_1"}}"#,
    r#"{"status":"error","code":1,"message":"no"}"#,
    r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"processing"}}"#,
    r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"successful"}}"#,
    r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"failed"}}"#,
    r#"{"status":"success","code":200,"data":{"id":"PO_2","status":"failed"}}"#,
];

/// Header sets: none, a delta `Retry-After`, a date one.
pub fn header_sets() -> Vec<Vec<(String, String)>> {
    vec![
        vec![],
        vec![("retry-after".to_string(), "2".to_string())],
        vec![("Retry-After".to_string(), "Tue, 01 Dec 2026 10:00:09 GMT".to_string())],
    ]
}

/// The webhook body the webhook flow is fed.
pub const WEBHOOK_BODY: &[u8] = br#"{"payout_id":"PO_1","status":"successful"}"#;

/// Steps any flow may take besides following: a few payout attempts, each
/// with its waits.
pub const BASE_STEPS: u64 = 200;

/// The step bound of a flow that follows a payout for `wait_ms`: every
/// request is followed by at least 250 ms (the smallest backoff, half of
/// `RETRY_BASE_MS`) before the next one, and each request takes at most two
/// steps (send, wait).
pub fn max_steps(wait_ms: u64) -> u64 {
    BASE_STEPS + 2 * wait_ms / 250
}

pub fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: "sk".into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client")
}

/// Must the payout request never be sent again after this answer? Only a
/// connect failure or a rate limit naming no payout allows a resend. For the
/// shared bodies the answer is exact; for any other body only what holds
/// whatever it contains: an HTTP status other than 2xx or 429 can never mean
/// "rate limited, nothing created".
pub fn forbids_resend(r: &Reply) -> bool {
    match r {
        Reply::Transport(TransportError::Connect) => false,
        Reply::Transport(_) | Reply::Silence | Reply::Stale(..) => true,
        Reply::Http(s, _, b) if BODIES.contains(&b.as_str()) => {
            let names_payout = b.contains("payout_id");
            let rate_limited = *s == 429 || ((200..300).contains(s) && b.contains("\"code\":429"));
            !rate_limited || names_payout
        }
        Reply::Http(s, _, _) => *s != 429 && !(200..300).contains(s),
    }
}

/// One flow as the checker drives it.
pub trait Flow {
    type Outcome;
    /// Only the payout flow may send the payout request.
    const SENDS_PAYOUT: bool;
    fn step(&mut self, now: u64) -> Action<Self::Outcome>;
    fn answer(&mut self, id: u64, now: u64, status: u16, headers: &[(String, String)], body: &[u8]);
    fn fail(&mut self, id: u64, now: u64, kind: TransportError);
}

macro_rules! flow {
    ($ty:ty, $outcome:ty, $sends:expr) => {
        impl Flow for $ty {
            type Outcome = $outcome;
            const SENDS_PAYOUT: bool = $sends;
            fn step(&mut self, now: u64) -> Action<$outcome> {
                self.next(now)
            }
            fn answer(&mut self, id: u64, now: u64, status: u16, headers: &[(String, String)], body: &[u8]) {
                self.on_response(id, now, status, headers, body)
                    .expect("a valid HTTP status");
            }
            fn fail(&mut self, id: u64, now: u64, kind: TransportError) {
                self.on_transport_error(id, now, kind)
            }
        }
    };
}
flow!(PayoutFlow, Outcome, true);
flow!(FollowFlow, Outcome, false);
flow!(WebhookFlow, WebhookOutcome, false);

/// What a run showed: the outcome and every status report the host handed in.
pub struct Run<O> {
    pub outcome: O,
    pub reports: Vec<StatusReport>,
}

/// Drives `flow` with `replies` (cycled) and `gaps` (time between a send and
/// its answer, cycled), checking the resend and termination invariants.
pub fn drive<F: Flow>(flow: &mut F, wait_ms: u64, replies: &[Reply], gaps: &[u64]) -> Result<Run<F::Outcome>, String> {
    let max = max_steps(wait_ms);
    assert!(!replies.is_empty() && !gaps.is_empty());
    let mut now = 0u64;
    let mut replies = replies.iter().cycle();
    let mut resend_forbidden = false;
    let mut reports = Vec::new();
    let mut steps = 0;
    loop {
        steps += 1;
        if steps >= max {
            return Err(format!("the flow did not end within {max} steps"));
        }
        match flow.step(now) {
            Action::Done(outcome) => return Ok(Run { outcome, reports }),
            Action::Wait { until_ms } => {
                if until_ms <= now {
                    return Err(format!("a wait must move time forward (now {now}, until {until_ms})"));
                }
                now = until_ms;
            }
            Action::Send(out) => {
                let r = replies.next().unwrap();
                if out.operation == Operation::Payout {
                    if !F::SENDS_PAYOUT {
                        return Err("a flow other than the payout flow sent a payout request".into());
                    }
                    if resend_forbidden {
                        return Err("the payout request was sent again after one that may have arrived".into());
                    }
                    resend_forbidden = forbids_resend(r);
                }
                now += gaps[steps as usize % gaps.len()];
                match r {
                    Reply::Transport(kind) => flow.fail(out.id, now, *kind),
                    Reply::Http(s, h, b) => {
                        if out.operation == Operation::StatusCheck {
                            if let Ok(report) = parse_status_response(*s, b.as_bytes()) {
                                reports.push(report);
                            }
                        }
                        flow.answer(out.id, now, *s, h, b.as_bytes());
                    }
                    Reply::Silence => now += out.timeout_ms,
                    Reply::Stale(s, b) => {
                        flow.answer(out.id.wrapping_sub(1), now, *s, &[], b.as_bytes());
                        now += out.timeout_ms;
                    }
                }
            }
        }
    }
}

/// The last report the host handed in that names `payout_id` (by id or by
/// reference, as the SDK matches them).
fn last_report_naming<'a>(reports: &'a [StatusReport], payout_id: &str) -> Option<&'a StatusReport> {
    reports
        .iter()
        .rev()
        .find(|r| r.id == payout_id || r.reference.as_deref() == Some(payout_id))
}

/// A payout or follow outcome agrees with the reports it saw and carries the
/// fields its kind promises.
pub fn check_outcome(outcome: &Outcome, reports: &[StatusReport]) -> Result<(), String> {
    if let Some(report) = &outcome.report {
        let want = match report.status {
            PayoutStatus::Succeeded => OutcomeKind::Succeeded,
            PayoutStatus::Failed => OutcomeKind::Failed,
            _ => outcome.kind,
        };
        if outcome.kind != want {
            return Err(format!(
                "the outcome {:?} contradicts its report {:?}",
                outcome.kind, report.status
            ));
        }
        let id = outcome
            .payout_id
            .as_deref()
            .ok_or("an outcome with a report has no payout id")?;
        let last = last_report_naming(reports, id).map(|r| &r.status);
        if last != Some(&report.status) {
            return Err(format!(
                "the outcome's report {:?} is not the last one seen ({last:?})",
                report.status
            ));
        }
    }
    match outcome.kind {
        OutcomeKind::Unknown if outcome.error.as_ref().map(Error::code) != Some(ErrorCode::OutcomeUnknown) => {
            Err("an unknown outcome must carry outcome_unknown".into())
        }
        OutcomeKind::Rejected if outcome.error.is_none() => Err("a rejected outcome must carry its error".into()),
        OutcomeKind::Succeeded | OutcomeKind::Failed | OutcomeKind::Pending if outcome.payout_id.is_none() => {
            Err(format!("a {:?} outcome must name its payout", outcome.kind))
        }
        _ => Ok(()),
    }
}

/// A payout flow run: every invariant, at most three payout requests, and a
/// rejected payout names none.
pub fn check_payout(wait_ms: u64, seed: u64, replies: &[Reply], gaps: &[u64]) -> Result<(), String> {
    let payout = MobileMoneyPayout {
        amount: 100,
        country_id: "GH".into(),
        phone_number: None,
        narration: None,
        webhook_url: None,
    };
    let options = FlowOptions {
        request_timeout_ms: 10_000,
        wait_ms,
        seed,
    };
    let mut flow = PayoutFlow::mobile_money(&client(), &payout, options).expect("valid payout");
    let run = drive(&mut flow, wait_ms, replies, gaps)?;
    if flow.attempts() > 3 {
        return Err(format!("{} payout requests (at most 3)", flow.attempts()));
    }
    if run.outcome.kind == OutcomeKind::Rejected && run.outcome.payout_id.is_some() {
        return Err("a rejected payout names a payout id".into());
    }
    check_outcome(&run.outcome, &run.reports)
}

/// A follow flow run of `PO_1`.
pub fn check_follow(wait_ms: u64, seed: u64, replies: &[Reply], gaps: &[u64]) -> Result<(), String> {
    let options = FlowOptions {
        request_timeout_ms: 10_000,
        wait_ms,
        seed,
    };
    let mut flow = FollowFlow::new(&client(), "PO_1", options).expect("valid id");
    let run = drive(&mut flow, wait_ms, replies, gaps)?;
    check_outcome(&run.outcome, &run.reports)
}

/// A webhook flow run of `body`: a result is the last report's truth.
pub fn check_webhook(body: &[u8], seed: u64, replies: &[Reply], gaps: &[u64]) -> Result<(), String> {
    let options = WebhookOptions {
        seed,
        ..WebhookOptions::default()
    };
    let deadline = options.deadline_ms;
    let mut flow = WebhookFlow::new(&client(), body, &[], options).expect("valid options");
    let run = drive(&mut flow, deadline, replies, gaps)?;
    if let Ok(result) = &run.outcome {
        let last = last_report_naming(&run.reports, &result.event.payout_id).map(|r| &r.status);
        if last != Some(&result.status) {
            return Err(format!(
                "the webhook result {:?} is not the last report ({last:?})",
                result.status
            ));
        }
    }
    Ok(())
}
