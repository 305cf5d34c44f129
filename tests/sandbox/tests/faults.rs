//! Every fault switch, by control endpoint and by config (the `--fault`
//! flags), driven through the core's requests, parsers and retry policy.

mod common;

use std::time::{Duration, Instant};

use alexpay_core::{
    parse_payout_response, parse_status_response, retry_decision, ErrorCode, MobileMoneyPayout, Operation, RetryAction,
    RetryInput, TransportError,
};
use alexpay_sandbox::{Config, Envelope, FaultKind, FaultSpec, Route, Sandbox};
use common::*;

fn payout(webhook_url: Option<String>) -> MobileMoneyPayout {
    MobileMoneyPayout {
        amount: 120,
        country_id: "GH".into(),
        phone_number: Some("0241234561".into()),
        narration: None,
        webhook_url,
    }
}

async fn add_fault(sandbox: &Sandbox, json: &str) -> serde_json::Value {
    let answer = post_json(&format!("{}/_sandbox/faults", sandbox.url()), json).await;
    assert_eq!(answer.status, 201, "{}", String::from_utf8_lossy(&answer.body));
    answer.json()
}

fn ledger_count(sandbox: &Sandbox) -> u64 {
    sandbox.ledger()["count"].as_u64().unwrap_or(0)
}

fn decide(
    http_status: Option<u16>,
    body: Option<&[u8]>,
    transport_error: Option<TransportError>,
    retry_after: Option<u64>,
) -> RetryAction {
    retry_decision(&RetryInput {
        operation: Operation::Payout,
        attempt: 1,
        http_status,
        body,
        transport_error,
        retry_after_secs: retry_after,
    })
    .expect("a decision")
    .action
}

#[tokio::test]
async fn server_errors_answer_html_and_create_nothing() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    for status in [500u16, 502, 503] {
        add_fault(
            &sandbox,
            &format!(r#"{{"fault":"http_error","status":{status},"count":1}}"#),
        )
        .await;
        let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
            .await
            .expect("answers");
        assert_eq!(answer.status, status);
        assert!(answer
            .header("content-type")
            .unwrap_or_default()
            .starts_with("text/html"));
        assert!(String::from_utf8_lossy(&answer.body).contains("<html>"));
        let err = parse_payout_response(answer.status, &answer.body).expect_err("5xx");
        assert_eq!(err.code(), ErrorCode::ServerError);
        assert_eq!(
            decide(Some(status), Some(&answer.body), None, None),
            RetryAction::DoNotResend
        );
    }
    assert_eq!(ledger_count(&sandbox), 0);
    // One-shot: the next request is normal again.
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
    assert_eq!(ledger_count(&sandbox), 1);
}

#[tokio::test]
async fn a_5xx_after_accept_records_the_payout_and_its_webhooks_reconcile() {
    let sandbox = sandbox().await;
    let receiver = Receiver::start(0).await;
    let client = client(&sandbox);
    add_fault(
        &sandbox,
        r#"{"fault":"http_error","status":502,"after_accept":true,"count":1}"#,
    )
    .await;
    let answer = send(
        &client
            .mobile_money_payout(&payout(Some(receiver.url())))
            .expect("request"),
    )
    .await
    .expect("answers");
    assert_eq!(answer.status, 502);
    assert_eq!(
        decide(Some(502), Some(&answer.body), None, None),
        RetryAction::DoNotResend
    );
    let ledger = sandbox.ledger();
    assert_eq!(ledger["count"], 1);
    assert_eq!(ledger["payouts"][0]["answer"], "http_502");
    // Reconcile: the webhook names the payout; the status check confirms it.
    let id = ledger["payouts"][0]["id"].as_str().unwrap_or_default().to_string();
    let hooks = receiver.wait_accepted(&id, 2).await;
    assert_eq!(hooks[1].json()["data"]["status"], "successful");
    let answer = send(&client.status_check(&id).expect("check")).await.expect("answers");
    assert_eq!(
        parse_status_response(answer.status, &answer.body).expect("report").id,
        id
    );
}

#[tokio::test]
async fn rate_limits_send_retry_after_and_the_policy_waits() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    add_fault(
        &sandbox,
        r#"{"fault":"rate_limit","retry_after":3,"count":1,"route":"payout"}"#,
    )
    .await;
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("3"));
    assert_eq!(answer.json()["code"], 429);
    let err = parse_payout_response(answer.status, &answer.body).expect_err("429");
    assert_eq!(err.code(), ErrorCode::RateLimited);
    assert!(err.retryable());
    let decision = retry_decision(&RetryInput {
        operation: Operation::Payout,
        attempt: 1,
        http_status: Some(429),
        body: Some(&answer.body),
        transport_error: None,
        retry_after_secs: Some(3),
    })
    .expect("decision");
    assert_eq!(decision.action, RetryAction::Retry);
    assert_eq!(decision.delay_ms, 3_000);
    assert_eq!(ledger_count(&sandbox), 0, "a 429 creates nothing, so the retry is safe");
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
    assert_eq!(ledger_count(&sandbox), 1);
}

#[tokio::test]
async fn slow_responses_are_slow_but_complete() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    add_fault(&sandbox, r#"{"fault":"slow","delay_ms":300,"count":1}"#).await;
    let started = Instant::now();
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(answer.status, 200);

    // A client that gives up first: timeout, do not resend, the payout exists.
    add_fault(&sandbox, r#"{"fault":"slow","delay_ms":2000,"count":1}"#).await;
    let request = client.mobile_money_payout(&payout(None)).expect("request");
    let headers: Vec<(&str, &str)> = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let outcome = raw(
        "POST",
        &request.url,
        &headers,
        request.body.clone(),
        Duration::from_millis(200),
    )
    .await;
    assert!(matches!(outcome, Err(TransportError::Timeout)));
    assert_eq!(
        decide(None, None, Some(TransportError::Timeout), None),
        RetryAction::DoNotResend
    );
    assert_eq!(ledger_count(&sandbox), 2);
}

#[tokio::test]
async fn drop_closes_the_connection_and_creates_nothing() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    add_fault(&sandbox, r#"{"fault":"drop","count":1,"route":"status"}"#).await;
    let check = client.status_check("whatever").expect("check");
    assert!(matches!(send(&check).await, Err(TransportError::ConnectionLost)));
    // A status check may be retried: it is, and gets its honest 404.
    let answer = send(&check).await.expect("answers");
    assert_eq!(answer.status, 404);
}

#[tokio::test]
async fn connection_closed_after_accept_leaves_exactly_one_payout_per_request() {
    let sandbox = sandbox().await;
    let receiver = Receiver::start(0).await;
    let client = client(&sandbox);
    add_fault(&sandbox, r#"{"fault":"drop_after_accept","count":3}"#).await;
    for n in 1..=3u64 {
        let request = client
            .mobile_money_payout(&payout(Some(receiver.url())))
            .expect("request");
        // Follow the retry policy exactly: send, and resend only if it says so.
        let mut attempt = 1;
        loop {
            let error = match send(&request).await {
                Err(e) => e,
                Ok(answer) => panic!("expected a lost connection, got HTTP {}", answer.status),
            };
            assert_eq!(error, TransportError::ConnectionLost);
            let decision = retry_decision(&RetryInput {
                operation: Operation::Payout,
                attempt,
                http_status: None,
                body: None,
                transport_error: Some(error),
                retry_after_secs: None,
            })
            .expect("decision");
            if decision.action != RetryAction::Retry || attempt >= 5 {
                assert_eq!(decision.action, RetryAction::DoNotResend);
                break;
            }
            attempt += 1;
        }
        let ledger = sandbox.ledger();
        assert_eq!(ledger["count"], n, "one payout per request");
        assert_eq!(ledger["payouts"][(n - 1) as usize]["answer"], "dropped");
    }
    // Reconcile each lost payout from its webhooks.
    for entry in sandbox.ledger()["payouts"].as_array().cloned().unwrap_or_default() {
        let id = entry["id"].as_str().unwrap_or_default().to_string();
        let hooks = receiver.wait_accepted(&id, 2).await;
        assert_eq!(hooks[1].json()["data"]["status"], "successful");
    }
    // The fault ran out: the next one is answered.
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
    assert_eq!(ledger_count(&sandbox), 4);
}

#[tokio::test]
async fn garbled_after_accept_creates_the_payout_and_answers_cut_off_json() {
    let sandbox = sandbox().await;
    let receiver = Receiver::start(0).await;
    let client = client(&sandbox);
    add_fault(&sandbox, r#"{"fault":"garbled_after_accept","count":2}"#).await;
    let listed = get_json(&format!("{}/_sandbox/faults", sandbox.url())).await;
    assert_eq!(listed["faults"][0]["route"], "payout");
    // A status check is not a payout: it is answered normally, and the fault waits.
    let answer = send(&client.status_check("nobody").expect("check"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 404);
    for n in 1..=2u64 {
        let answer = send(
            &client
                .mobile_money_payout(&payout(Some(receiver.url())))
                .expect("request"),
        )
        .await
        .expect("a complete answer, not a lost connection");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(
            answer.header("content-length"),
            Some(answer.body.len().to_string().as_str())
        );
        let text = String::from_utf8_lossy(&answer.body).to_string();
        assert!(text.starts_with('{') && text.contains(r#""payout_id":""#), "{text}");
        assert!(
            serde_json::from_slice::<serde_json::Value>(&answer.body).is_err(),
            "{text}"
        );
        let err = parse_payout_response(answer.status, &answer.body).expect_err("garbled");
        assert_eq!(err.payout_id(), None, "no usable id in a cut-off body");
        assert_eq!(
            decide(Some(200), Some(&answer.body), None, None),
            RetryAction::DoNotResend
        );
        let ledger = sandbox.ledger();
        assert_eq!(ledger["count"], n, "the payout was created");
        let entry = &ledger["payouts"][(n - 1) as usize];
        assert_eq!(entry["answer"], "garbled");
        let id = entry["id"].as_str().unwrap_or_default();
        assert!(
            text.len() < 60 && id.starts_with(&text[text.len() - 4..]),
            "{text} cuts {id}"
        );
        // Its webhooks go out as usual: reconcile from them.
        let hooks = receiver.wait_accepted(id, 2).await;
        assert_eq!(hooks[1].json()["data"]["status"], "successful");
    }
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.json()["data"]["payout_id"], sandbox.ledger()["payouts"][2]["id"]);
    assert_eq!(sandbox.ledger()["payouts"][2]["answer"], "ok");
}

#[tokio::test]
async fn garbled_status_checks_on_request() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    let id = parse_payout_response(answer.status, &answer.body)
        .expect("payout")
        .payout_id;
    add_fault(
        &sandbox,
        r#"{"fault":"garbled_after_accept","route":"status","count":1}"#,
    )
    .await;
    let check = client.status_check(&id).expect("check");
    let answer = send(&check).await.expect("answers");
    assert_eq!(answer.status, 200);
    assert!(String::from_utf8_lossy(&answer.body).ends_with(&format!(r#""id":"{}"#, &id[..4])));
    let err = parse_status_response(answer.status, &answer.body).expect_err("garbled");
    assert!(err.retryable(), "a status check may be asked again");
    let answer = send(&check).await.expect("answers");
    assert_eq!(
        parse_status_response(answer.status, &answer.body).expect("report").id,
        id
    );
}

#[tokio::test]
async fn unusual_envelopes_still_carry_the_payout() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    add_fault(
        &sandbox,
        r#"[{"fault":"unusual_envelope","envelope":"rate_limited","count":1},
            {"fault":"unusual_envelope","envelope":"pending","count":1}]"#,
    )
    .await;
    for (n, (status, code)) in [("error", 429), ("pending", 0)].into_iter().enumerate() {
        let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
            .await
            .expect("answers");
        assert_eq!(answer.status, 200);
        let body = answer.json();
        assert_eq!(
            (body["status"].as_str(), body["code"].as_i64()),
            (Some(status), Some(code))
        );
        let ledger = sandbox.ledger();
        let entry = &ledger["payouts"][n];
        assert_eq!(body["data"]["payout_id"], entry["id"]);
        assert_eq!(body["data"]["status"], "processing");
        assert_eq!(
            entry["answer"],
            if code == 429 {
                "envelope_rate_limited"
            } else {
                "envelope_pending"
            }
        );
        // The payout id in a 2xx is what counts: accepted, not "retry".
        let accepted = parse_payout_response(answer.status, &answer.body).expect("accepted");
        assert_eq!(accepted.payout_id, entry["id"].as_str().unwrap_or_default());
        assert_eq!(decide(Some(200), Some(&answer.body), None, None), RetryAction::Stop);
    }
    assert_eq!(ledger_count(&sandbox), 2);
    // Used up: the next answer is the usual envelope.
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(
        (answer.json()["status"].as_str(), answer.json()["code"].as_i64()),
        (Some("success"), Some(0))
    );
    // The envelope defaults to rate_limited; it only applies to payouts.
    let added = add_fault(&sandbox, r#"{"fault":"unusual_envelope"}"#).await;
    assert_eq!(added["faults"][0]["route"], "payout");
    for bad in [
        r#"{"fault":"unusual_envelope","route":"status"}"#,
        r#"{"fault":"unusual_envelope","envelope":"teapot"}"#,
        r#"{"fault":"http_error","envelope":"pending"}"#,
    ] {
        let answer = post_json(&format!("{}/_sandbox/faults", sandbox.url()), bad).await;
        assert_eq!(answer.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn invalid_requests_do_not_use_up_an_after_accept_fault() {
    let sandbox = sandbox().await;
    add_fault(&sandbox, r#"{"fault":"drop_after_accept","count":1}"#).await;
    let url = format!("{}/v1/payment/payouts/process", sandbox.url());
    let answer = raw(
        "POST",
        &url,
        &[("content-type", "application/json")],
        Some(b"{}".to_vec()),
        PATIENCE,
    )
    .await
    .expect("a 401 is answered");
    assert_eq!(answer.status, 401);
    let faults = get_json(&format!("{}/_sandbox/faults", sandbox.url())).await;
    assert_eq!(faults["faults"][0]["remaining"], 1);
}

#[tokio::test]
async fn control_endpoint_lists_removes_and_clears_faults() {
    let sandbox = sandbox().await;
    let base = sandbox.url();
    let added = add_fault(
        &sandbox,
        r#"[{"fault":"slow","delay_ms":10},{"fault":"http_error","status":503,"route":"status"}]"#,
    )
    .await;
    assert_eq!(added["added"], serde_json::json!([1, 2]));
    let listed = get_json(&format!("{base}/_sandbox/faults")).await;
    assert_eq!(listed["count"], 2);
    assert_eq!(listed["faults"][1]["route"], "status");
    assert_eq!(listed["faults"][0]["remaining"], serde_json::Value::Null);
    // Route filter: payouts pass, status checks fail.
    let client = client(&sandbox);
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
    let answer = send(&client.status_check("x").expect("check")).await.expect("answers");
    assert_eq!(answer.status, 503);
    let listed = get_json(&format!("{base}/_sandbox/faults")).await;
    assert_eq!(listed["faults"][1]["hits"], 1);
    // The control endpoints themselves are never faulted.
    assert_eq!(get_json(&format!("{base}/_sandbox/ledger")).await["count"], 1);
    let removed = raw("DELETE", &format!("{base}/_sandbox/faults/2"), &[], None, PATIENCE)
        .await
        .expect("answers");
    assert_eq!((removed.status, removed.json()["count"].clone()), (200, 1.into()));
    let missing = raw("DELETE", &format!("{base}/_sandbox/faults/2"), &[], None, PATIENCE)
        .await
        .expect("answers");
    assert_eq!(missing.status, 404);
    let cleared = raw("DELETE", &format!("{base}/_sandbox/faults"), &[], None, PATIENCE)
        .await
        .expect("answers");
    assert_eq!(cleared.json()["count"], 0);
    for bad in [
        r#"{"fault":"http_error","status":404}"#,
        r#"{"fault":"slow"}"#,
        r#"{"fault":"explode"}"#,
        r#"{"fault":"drop","colour":"red"}"#,
        r#"{"fault":"drop_after_accept","route":"status"}"#,
        "not json",
    ] {
        let answer = post_json(&format!("{base}/_sandbox/faults"), bad).await;
        assert_eq!(answer.status, 400, "{bad}");
        assert_eq!(answer.json()["status"], "error");
    }
}

#[tokio::test]
async fn faults_from_the_config_like_the_flags() {
    let sandbox = start(Config {
        faults: vec![
            FaultSpec::parse("http_error=503,count=1").expect("spec"),
            FaultSpec::new(FaultKind::RateLimit).route(Route::Status).count(1),
        ],
        ..fast_config()
    })
    .await;
    let client = client(&sandbox);
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 503);
    let answer = send(&client.mobile_money_payout(&payout(None)).expect("request"))
        .await
        .expect("answers");
    let id = parse_payout_response(answer.status, &answer.body)
        .expect("payout")
        .payout_id;
    let check = client.status_check(&id).expect("check");
    let answer = send(&check).await.expect("answers");
    assert_eq!((answer.status, answer.header("retry-after")), (429, Some("1")));
    let answer = send(&check).await.expect("answers");
    assert_eq!(answer.status, 200);
    assert_eq!(ledger_count(&sandbox), 1);
    assert_eq!(sandbox.add_fault(FaultSpec::new(FaultKind::Drop)), Ok(1 + 2));
    let mut pending = FaultSpec::new(FaultKind::UnusualEnvelope).count(1);
    pending.envelope = Some(Envelope::Pending);
    assert_eq!(FaultSpec::parse("unusual_envelope=pending,count=1"), Ok(pending));
    assert!(sandbox.add_fault(FaultSpec::new(FaultKind::Slow)).is_err());
}
