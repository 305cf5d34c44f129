//! The core's `PayoutFlow`, driven end to end against the sandbox's faults
//! with a real HTTP client: what the flow concludes, how many payouts exist,
//! and how many payout requests it sent.

mod common;

use alexpay_core::{ErrorCode, FlowOptions, MobileMoneyPayout, OutcomeKind, PayoutFlow, PayoutStatus};
use alexpay_sandbox::{Envelope, FaultKind, FaultSpec, Sandbox};
use common::*;

fn payout() -> MobileMoneyPayout {
    MobileMoneyPayout {
        amount: 250,
        country_id: "GH".into(),
        phone_number: Some("0241234561".into()),
        narration: Some("flow e2e".into()),
        webhook_url: None,
    }
}

fn options(wait_ms: u64) -> FlowOptions {
    FlowOptions {
        request_timeout_ms: 5_000,
        wait_ms,
        seed: 10,
    }
}

async fn run(sandbox: &Sandbox, wait_ms: u64) -> (FlowRun, u32) {
    let mut flow = PayoutFlow::mobile_money(&client(sandbox), &payout(), options(wait_ms)).expect("a valid payout");
    let run = run_payout_flow(&mut flow).await;
    (run, flow.attempts())
}

fn ledger_ids(sandbox: &Sandbox) -> Vec<String> {
    sandbox.ledger()["payouts"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| p["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn a_clean_payout_flow_follows_to_succeeded() {
    let sandbox = sandbox().await;
    let (run, attempts) = run(&sandbox, 10_000).await;
    assert_eq!(run.outcome.kind, OutcomeKind::Succeeded, "{:?}", run.outcome);
    assert_eq!((run.payout_requests, attempts), (1, 1));
    assert!(run.status_checks >= 1);
    assert_eq!(run.outcome.payout_id, ledger_ids(&sandbox).pop());
}

#[tokio::test]
async fn garbled_after_accept_is_unknown_with_one_payout_and_one_request() {
    let sandbox = sandbox().await;
    sandbox
        .add_fault(FaultSpec::new(FaultKind::GarbledAfterAccept).count(1))
        .expect("fault");
    let (run, attempts) = run(&sandbox, 10_000).await;
    let outcome = &run.outcome;
    assert_eq!(outcome.kind, OutcomeKind::Unknown, "{outcome:?}");
    assert_eq!(outcome.payout_id, None, "a cut-off body names no usable id");
    let error = outcome.error.as_ref().expect("an outcome_unknown error");
    assert!(error.to_string().contains("do not resend"), "{error}");
    assert!(outcome.cause.is_some(), "the garbled answer is the cause");
    assert_eq!(run.payout_requests, 1, "a garbled 200 is never resent");
    assert_eq!(attempts, 1);
    assert_eq!(run.status_checks, 0);
    let ledger = sandbox.ledger();
    assert_eq!(ledger["count"], 1, "exactly one payout exists");
    assert_eq!(ledger["payouts"][0]["answer"], "garbled");
}

#[tokio::test]
async fn a_huge_answer_after_accept_is_unknown_and_never_resent() {
    let sandbox = sandbox().await;
    sandbox
        .add_fault(FaultSpec::new(FaultKind::HugeAfterAccept).count(1))
        .expect("fault");
    let (run, attempts) = run(&sandbox, 10_000).await;
    let outcome = &run.outcome;
    assert_eq!(outcome.kind, OutcomeKind::Unknown, "{outcome:?}");
    let cause = outcome.cause.as_ref().expect("the unread answer is the cause");
    assert_eq!(cause.code(), ErrorCode::ResponseTooLarge, "{cause}");
    assert_eq!(
        (run.payout_requests, attempts),
        (1, 1),
        "an unread answer is never resent"
    );
    let ledger = sandbox.ledger();
    assert_eq!(ledger["count"], 1, "exactly one payout exists");
    assert_eq!(ledger["payouts"][0]["answer"], "huge");
}

#[tokio::test]
async fn unusual_envelopes_are_accepted_and_followed_by_id() {
    for envelope in [Envelope::RateLimited, Envelope::Pending] {
        for wait_ms in [0, 10_000] {
            let sandbox = sandbox().await;
            let mut spec = FaultSpec::new(FaultKind::UnusualEnvelope).count(1);
            spec.envelope = Some(envelope);
            sandbox.add_fault(spec).expect("fault");
            let (run, attempts) = run(&sandbox, wait_ms).await;
            let outcome = &run.outcome;
            let case = format!("{envelope:?}, wait {wait_ms}: {outcome:?}");
            let ids = ledger_ids(&sandbox);
            assert_eq!(ids.len(), 1, "{case}");
            assert_eq!(outcome.payout_id.as_deref(), Some(ids[0].as_str()), "{case}");
            assert_eq!((run.payout_requests, attempts), (1, 1), "{case}");
            let accepted = outcome.payout.as_ref().expect("the accepted payout");
            assert_eq!(accepted.payout_id, ids[0], "{case}");
            assert_eq!(
                sandbox.ledger()["payouts"][0]["answer"],
                format!("envelope_{}", envelope.as_str())
            );
            if wait_ms == 0 {
                assert_eq!(outcome.kind, OutcomeKind::Pending, "{case}");
                assert_eq!(run.status_checks, 0, "{case}");
            } else {
                assert_eq!(outcome.kind, OutcomeKind::Succeeded, "{case}");
                let report = outcome.report.as_ref().expect("followed by id");
                assert_eq!(
                    (report.id.as_str(), &report.status),
                    (ids[0].as_str(), &PayoutStatus::Succeeded)
                );
            }
        }
    }
}

#[tokio::test]
async fn a_garbled_status_check_is_asked_again() {
    let sandbox = sandbox().await;
    sandbox
        .add_fault(FaultSpec::parse("garbled_after_accept,route=status,count=1").expect("spec"))
        .expect("fault");
    let (run, attempts) = run(&sandbox, 10_000).await;
    assert_eq!(run.outcome.kind, OutcomeKind::Succeeded, "{:?}", run.outcome);
    assert_eq!((run.payout_requests, attempts), (1, 1));
    assert!(run.status_checks >= 2, "the garbled check was retried");
    assert_eq!(ledger_ids(&sandbox).len(), 1);
}
