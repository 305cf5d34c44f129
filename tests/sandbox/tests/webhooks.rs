//! Webhooks: every status change, in order, retried until delivered, signed.

mod common;

use std::time::Duration;

use alexpay_core::{
    confirm_webhook, parse_payout_response, parse_status_response, parse_webhook, verify_webhook_signature, BankPayout,
    ErrorCode, MobileMoneyPayout, Observed, PayoutStatus, PayoutTracker,
};
use alexpay_sandbox::{Config, Sandbox};
use common::*;

const SECRET: &str = "whsec_c2FuZGJveC13ZWJob29rLXNlY3JldC1mb3ItdGVzdHM=";

async fn pay(sandbox: &Sandbox, phone: &str, webhook_url: &str) -> String {
    let client = client(sandbox);
    let request = client
        .mobile_money_payout(&MobileMoneyPayout {
            amount: 75,
            country_id: "GH".into(),
            phone_number: Some(phone.into()),
            narration: None,
            webhook_url: Some(webhook_url.into()),
        })
        .expect("request");
    let answer = send(&request).await.expect("answers");
    parse_payout_response(answer.status, &answer.body)
        .expect("payout")
        .payout_id
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::test]
async fn every_status_change_arrives_in_order_and_confirms() {
    let sandbox = sandbox().await;
    let receiver = Receiver::start(0).await;
    let id = pay(&sandbox, "0241234561", &receiver.url()).await;
    let hooks = receiver.wait_accepted(&id, 2).await;
    let client = client(&sandbox);
    let mut tracker = PayoutTracker::new(&id).expect("tracker");
    let mut seen = Vec::new();
    let mut observed = Vec::new();
    for hook in &hooks {
        assert_eq!(hook.header("content-type"), Some("application/json"));
        assert!(hook.header("webhook-id").is_some_and(|v| v.starts_with("msg_")));
        assert!(hook.header("webhook-timestamp").is_some());
        assert!(hook.header("webhook-signature").is_none(), "unsigned without a secret");
        let event = parse_webhook(&hook.body).expect("a webhook the core parses");
        assert_eq!(event.payout_id, id);
        assert_eq!(hook.json()["data"]["id"], id);
        assert!(event.reference.as_deref().is_some_and(|r| r.starts_with("PY_")));
        observed.push(tracker.observe_from(&event).expect("observe"));
        seen.push(event.raw_status.clone());
    }
    assert_eq!(seen, ["processing", "successful"]);
    // An unconfirmed webhook cannot end the tracker (the core's rule): the
    // final one waits for a status check.
    assert_eq!(observed, [Observed::Unchanged, Observed::NeedsConfirmation]);
    assert!(!tracker.is_terminal());
    // Confirm the terminal event with a status check, as the SDK advises.
    let event = parse_webhook(&hooks[1].body).expect("event");
    let answer = send(&client.status_check(&id).expect("check")).await.expect("answers");
    let report = parse_status_response(answer.status, &answer.body).expect("report");
    let confirmation = confirm_webhook(&event, &report).expect("confirmed");
    assert_eq!(confirmation.status, PayoutStatus::Succeeded);
    assert_eq!(confirmation.amount, Some(75.0));
    assert_eq!(tracker.observe_from(&confirmation).expect("observe"), Observed::Changed);
    assert!(tracker.is_terminal());
    // Different events, different ids.
    assert_ne!(hooks[0].header("webhook-id"), hooks[1].header("webhook-id"));
    let deliveries = sandbox.webhooks();
    assert_eq!(deliveries["count"], 2);
    assert_eq!(deliveries["owed"], 0);
}

#[tokio::test]
async fn failed_payouts_send_a_failed_webhook() {
    let sandbox = sandbox().await;
    let receiver = Receiver::start(0).await;
    let client = client(&sandbox);
    let request = client
        .bank_payout(&BankPayout {
            amount: 40,
            country_id: "GH".into(),
            bank_id: "GCB".into(),
            account_number: "5550".into(),
            narration: Some("rent".into()),
            webhook_url: Some(receiver.url()),
        })
        .expect("request");
    let answer = send(&request).await.expect("answers");
    let id = parse_payout_response(answer.status, &answer.body)
        .expect("payout")
        .payout_id;
    let hooks = receiver.wait_accepted(&id, 2).await;
    let last = hooks[1].json();
    assert_eq!(last["data"]["status"], "failed");
    assert_eq!(last["data"]["method"], "bank");
    assert_eq!(last["data"]["failure_reason"], "invalid account number");
    assert_eq!(last["message"], "Payout failed: invalid account number");
    assert_eq!(
        parse_webhook(&hooks[1].body).expect("event").status,
        PayoutStatus::Failed
    );
}

#[tokio::test]
async fn signed_webhooks_verify_with_the_core() {
    let sandbox = start(Config {
        webhook_secret: Some(SECRET.into()),
        ..fast_config()
    })
    .await;
    let receiver = Receiver::start(0).await;
    let id = pay(&sandbox, "0241234561", &receiver.url()).await;
    for hook in receiver.wait_accepted(&id, 2).await {
        let signature = hook.header("webhook-signature").unwrap_or_default();
        assert!(signature.starts_with("v1,"), "{signature}");
        verify_webhook_signature(SECRET, &hook.headers, &hook.body, now(), 300).expect("verifies");
        let other = "whsec_b3RoZXItc2VjcmV0LW5vdC10aGUtc2FtZQ==";
        let err = verify_webhook_signature(other, &hook.headers, &hook.body, now(), 300).expect_err("wrong secret");
        assert_eq!(err.code(), ErrorCode::WebhookSignatureInvalid);
        let mut tampered = hook.body.clone();
        tampered.push(b' ');
        assert!(verify_webhook_signature(SECRET, &hook.headers, &tampered, now(), 300).is_err());
    }
}

#[tokio::test]
async fn a_failing_receiver_gets_retries_with_the_same_event_id() {
    let sandbox = start(Config {
        webhook_secret: Some(SECRET.into()),
        ..fast_config()
    })
    .await;
    let receiver = Receiver::start(3).await;
    let id = pay(&sandbox, "0241234561", &receiver.url()).await;
    let accepted = receiver.wait_accepted(&id, 2).await;
    let all = receiver.hooks();
    // The first event was refused three times, then accepted.
    let first_id = accepted[0].header("webhook-id").unwrap_or_default().to_string();
    let attempts: Vec<&Hook> = all
        .iter()
        .filter(|h| h.header("webhook-id") == Some(&first_id))
        .collect();
    assert_eq!(attempts.len(), 4);
    let numbers: Vec<&str> = attempts
        .iter()
        .map(|h| h.header("x-alexpay-sandbox-attempt").unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    // Each retry is signed afresh and verifies.
    for hook in &attempts {
        verify_webhook_signature(SECRET, &hook.headers, &hook.body, now(), 300).expect("verifies");
    }
    // In order: the terminal event only after the first was delivered.
    assert_eq!(accepted[0].json()["data"]["status"], "processing");
    assert_eq!(accepted[1].json()["data"]["status"], "successful");
    let deliveries = sandbox.webhooks();
    let first = &deliveries["deliveries"][0];
    assert_eq!(first["attempts"], 4);
    assert_eq!(first["state"], "delivered");
    assert_eq!(first["log"][0]["result"], "HTTP 500");
}

#[tokio::test]
async fn a_receiver_that_is_down_gets_the_events_once_it_is_up() {
    let sandbox = sandbox().await;
    let addr = dead_addr().await;
    let url = format!("http://{addr}/late");
    let id = pay(&sandbox, "0241234569", &url).await;
    // Wait until the sandbox has failed to connect a few times.
    wait_for("failed attempts", || async {
        let deliveries = sandbox.webhooks();
        (deliveries["deliveries"][0]["attempts"].as_u64().unwrap_or(0) >= 3).then_some(())
    })
    .await;
    assert_eq!(
        sandbox.webhooks()["deliveries"][0]["log"][0]["result"],
        "could not connect"
    );
    let receiver = Receiver::start_on(addr).await;
    let hooks = receiver.wait_accepted(&id, 2).await;
    let statuses: Vec<String> = hooks.iter().map(|h| h.json()["data"]["status"].to_string()).collect();
    assert_eq!(statuses, ["\"processing\"", "\"failed\""]);
    wait_for("nothing owed", || async {
        (sandbox.webhooks()["owed"] == 0).then_some(())
    })
    .await;
}

#[tokio::test]
async fn max_attempts_gives_up_and_says_so() {
    let sandbox = start(Config {
        webhook_max_attempts: 2,
        ..fast_config()
    })
    .await;
    let url = format!("http://{}/never", dead_addr().await);
    pay(&sandbox, "0241234561", &url).await;
    let record = wait_for("the give-up", || async {
        let d = sandbox.webhooks();
        (d["count"] == 2 && d["owed"] == 0).then_some(d)
    })
    .await;
    assert_eq!(record["deliveries"][0]["state"], "gave_up");
    assert_eq!(record["deliveries"][0]["attempts"], 2);
}

#[tokio::test]
async fn remote_and_https_urls_are_not_delivered() {
    let sandbox = sandbox().await;
    pay(&sandbox, "0241234561", "https://hooks.example.invalid/x").await;
    // The core refuses plain http to a remote host; send that one by hand.
    let body = br#"{"amount":5,"countryId":"GH","transfer_to":"mobile_number","webhook_url":"http://192.0.2.1/x"}"#;
    let headers = [
        ("public-key", PUBLIC_KEY),
        ("secret-key", SECRET_KEY),
        ("content-type", "application/json"),
    ];
    let url = format!("{}/v1/payment/payouts/process", sandbox.url());
    let answer = raw("POST", &url, &headers, Some(body.to_vec()), PATIENCE)
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
    let record = wait_for("refusals", || async {
        let d = sandbox.webhooks();
        (d["count"] == 4 && d["owed"] == 0).then_some(d)
    })
    .await;
    for d in record["deliveries"].as_array().into_iter().flatten() {
        assert_eq!(d["state"], "gave_up");
        assert_eq!(d["attempts"], 0, "no request was sent");
    }
}

#[tokio::test]
async fn reset_stops_deliveries_owed_for_forgotten_payouts() {
    let sandbox = sandbox().await;
    let addr = dead_addr().await;
    pay(&sandbox, "0241234561", &format!("http://{addr}/x")).await;
    wait_for("an attempt", || async {
        (sandbox.webhooks()["deliveries"][0]["attempts"].as_u64().unwrap_or(0) >= 1).then_some(())
    })
    .await;
    let base = sandbox.url();
    assert_eq!(post_json(&format!("{base}/_sandbox/reset"), "").await.status, 200);
    let receiver = Receiver::start_on(addr).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(receiver.hooks().is_empty(), "nothing is delivered after a reset");
    assert_eq!(sandbox.webhooks()["count"], 0);
}
