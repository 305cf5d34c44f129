//! Property tests of the flows, for any sequence of answers and times:
//! - the payout request is never emitted again after an attempt that may have
//!   arrived (only connect failures and 429s naming no payout allow it);
//! - every flow ends within a bounded number of steps;
//! - the outcome never contradicts the last status report.

use alexpay_core::*;
use proptest::prelude::*;

fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: "sk".into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
    })
    .expect("valid client")
}

/// Something the host can answer a request with.
#[derive(Debug, Clone)]
enum Reply {
    Transport(TransportError),
    Http(u16, Vec<(String, String)>, String),
    /// The host never answers; the flow must time the request out itself.
    Silence,
}

fn body() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        String::new(),
        "{\"status\":\"succ".into(),
        "<html>502</html>".into(),
        r#"{"status":"success","code":0,"data":{"payout_id":"PO_1","status":"processing"}}"#.into(),
        r#"{"status":"error","code":429,"data":{"payout_id":"PO_1"}}"#.into(),
        r#"{"status":"error","code":429,"message":"slow"}"#.into(),
        r#"{"status":"pending","code":0,"data":{"payout_id":"PO_1"}}"#.into(),
        r#"{"status":"error","code":1,"message":"no"}"#.into(),
        r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"processing"}}"#.into(),
        r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"successful"}}"#.into(),
        r#"{"status":"success","code":200,"data":{"id":"PO_1","status":"failed"}}"#.into(),
        r#"{"status":"success","code":200,"data":{"id":"PO_2","status":"failed"}}"#.into(),
    ])
}

fn reply() -> impl Strategy<Value = Reply> {
    let status = prop::sample::select(vec![
        100u16, 200, 201, 302, 400, 401, 404, 408, 409, 422, 429, 500, 502, 503,
    ]);
    let headers = prop::sample::select(vec![
        vec![],
        vec![("retry-after".to_string(), "2".to_string())],
        vec![("Retry-After".to_string(), "Tue, 01 Dec 2026 10:00:09 GMT".to_string())],
    ]);
    prop_oneof![
        prop::sample::select(vec![
            TransportError::Connect,
            TransportError::Timeout,
            TransportError::ConnectionLost
        ])
        .prop_map(Reply::Transport),
        (status, headers, body()).prop_map(|(s, h, b)| Reply::Http(s, h, b)),
        Just(Reply::Silence),
    ]
}

/// May the payout request be sent again after this answer? Only after a
/// connect failure or a rate limit naming no payout.
fn forbids_resend(r: &Reply) -> bool {
    match r {
        Reply::Transport(TransportError::Connect) => false,
        Reply::Transport(_) | Reply::Silence => true,
        Reply::Http(s, _, b) => {
            let names_payout = b.contains("payout_id");
            let rate_limited = *s == 429 || ((200..300).contains(s) && b.contains("\"code\":429"));
            !rate_limited || names_payout
        }
    }
}

const MAX_STEPS: usize = 200;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn payout_is_never_resent_after_it_may_have_arrived(
        replies in prop::collection::vec(reply(), 1..40),
        gaps in prop::collection::vec(0u64..5_000, 40),
        wait_ms in prop::sample::select(vec![0u64, 1_000, 60_000]),
        seed in any::<u64>(),
    ) {
        let payout = MobileMoneyPayout { amount: 100, country_id: "GH".into(), phone_number: None, narration: None, webhook_url: None };
        let options = FlowOptions { request_timeout_ms: 10_000, wait_ms, seed };
        let mut flow = PayoutFlow::mobile_money(&client(), &payout, options).expect("valid");
        let mut now = 0u64;
        let mut replies = replies.into_iter().cycle();
        let mut resend_forbidden = false;
        let mut last_report: Option<PayoutStatus> = None;
        let mut steps = 0;
        let outcome = loop {
            steps += 1;
            prop_assert!(steps < MAX_STEPS, "the flow did not end within {MAX_STEPS} steps");
            match flow.next(now) {
                Action::Done(outcome) => break outcome,
                Action::Wait { until_ms } => {
                    prop_assert!(until_ms > now, "a wait must move time forward");
                    now = until_ms;
                }
                Action::Send(out) => {
                    let r = replies.next().unwrap();
                    if out.operation == Operation::Payout {
                        prop_assert!(!resend_forbidden, "the payout request was sent again after one that may have arrived");
                        resend_forbidden = forbids_resend(&r);
                    }
                    now += gaps[steps % gaps.len()];
                    match &r {
                        Reply::Transport(kind) => flow.on_transport_error(out.id, now, *kind),
                        Reply::Http(s, h, b) => {
                            if out.operation == Operation::StatusCheck {
                                if let Ok(report) = parse_status_response(*s, b.as_bytes()) {
                                    if report.id == "PO_1" { last_report = Some(report.status.clone()); }
                                }
                            }
                            flow.on_response(out.id, now, *s, h, b.as_bytes()).expect("valid status");
                        }
                        Reply::Silence => now += out.timeout_ms,
                    }
                }
            }
        };
        prop_assert!(flow.attempts() <= 3);
        if let Some(report) = &outcome.report {
            let want = match report.status {
                PayoutStatus::Succeeded => OutcomeKind::Succeeded,
                PayoutStatus::Failed => OutcomeKind::Failed,
                _ => outcome.kind,
            };
            prop_assert_eq!(outcome.kind, want, "the outcome contradicts its report");
            prop_assert_eq!(Some(&report.status), last_report.as_ref());
        }
        match outcome.kind {
            OutcomeKind::Unknown => prop_assert_eq!(outcome.error.as_ref().map(Error::code), Some(ErrorCode::OutcomeUnknown)),
            OutcomeKind::Rejected => prop_assert!(outcome.error.is_some() && outcome.payout_id.is_none()),
            _ => prop_assert!(outcome.payout_id.is_some()),
        }
    }

    #[test]
    fn follow_and_webhook_flows_end(
        replies in prop::collection::vec(reply(), 1..40),
        gaps in prop::collection::vec(0u64..5_000, 40),
        seed in any::<u64>(),
    ) {
        let options = FlowOptions { request_timeout_ms: 10_000, wait_ms: 120_000, seed };
        let mut follow = FollowFlow::new(&client(), "PO_1", options).expect("valid");
        let body = br#"{"payout_id":"PO_1","status":"successful"}"#;
        let mut hook = WebhookFlow::new(&client(), body, &[], WebhookOptions { seed, ..WebhookOptions::default() }).expect("valid");
        for flow in 0..2 {
            let mut now = 0u64;
            let mut replies = replies.iter().cycle();
            let mut steps = 0;
            loop {
                steps += 1;
                prop_assert!(steps < MAX_STEPS, "flow {flow} did not end");
                let action = if flow == 0 { map(follow.next(now)) } else { map(hook.next(now)) };
                match action {
                    None => break,
                    Some(Action::Wait { until_ms }) => { prop_assert!(until_ms > now); now = until_ms; }
                    Some(Action::Send(out)) => {
                        prop_assert_eq!(out.operation, Operation::StatusCheck);
                        now += gaps[steps % gaps.len()];
                        match replies.next().unwrap() {
                            Reply::Transport(k) if flow == 0 => follow.on_transport_error(out.id, now, *k),
                            Reply::Transport(k) => hook.on_transport_error(out.id, now, *k),
                            Reply::Http(s, h, b) if flow == 0 => follow.on_response(out.id, now, *s, h, b.as_bytes()).expect("valid"),
                            Reply::Http(s, h, b) => hook.on_response(out.id, now, *s, h, b.as_bytes()).expect("valid"),
                            Reply::Silence => now += out.timeout_ms,
                        }
                    }
                    Some(Action::Done(())) => break,
                }
            }
        }
    }
}

/// Drops the outcome type so both flows share one loop.
fn map<O>(a: Action<O>) -> Option<Action<()>> {
    Some(match a {
        Action::Send(o) => Action::Send(o),
        Action::Wait { until_ms } => Action::Wait { until_ms },
        Action::Done(_) => Action::Done(()),
    })
}
