//! Payouts and status checks through the core's request builders and parsers.

mod common;

use alexpay_core::{
    parse_payout_response, parse_status_response, BankPayout, ErrorCode, MobileMoneyPayout, PayoutStatus,
    PayoutTracker, StatusReport,
};
use alexpay_sandbox::Config;
use common::*;

fn momo(amount: u64, phone: Option<&str>) -> MobileMoneyPayout {
    MobileMoneyPayout {
        amount,
        country_id: "GH".into(),
        phone_number: phone.map(String::from),
        narration: Some("sandbox test".into()),
        webhook_url: None,
    }
}

fn bank(amount: u64, account: &str) -> BankPayout {
    BankPayout {
        amount,
        country_id: "ZM".into(),
        bank_id: "ZANACO".into(),
        account_number: account.into(),
        narration: None,
        webhook_url: None,
    }
}

/// Initiates with the core's request, then polls with the tracker until a
/// terminal status (every 20 ms, bounded by PATIENCE).
async fn run_to_end(client: &alexpay_core::Client, request: alexpay_core::HttpRequest) -> (String, StatusReport) {
    let answer = send(&request).await.expect("the sandbox answers");
    let payout = parse_payout_response(answer.status, &answer.body).expect("a payout");
    assert_eq!(payout.status, PayoutStatus::Pending);
    assert_eq!(payout.raw_status, "processing");
    let mut tracker = PayoutTracker::new(&payout.payout_id).expect("tracker");
    tracker.observe_from(&payout).expect("observe");
    let started = std::time::Instant::now();
    let report = loop {
        let check = client.status_check(&payout.payout_id).expect("status check");
        let answer = send(&check).await.expect("answers");
        let report = parse_status_response(answer.status, &answer.body).expect("a report");
        tracker.observe_from(&report).expect("observe");
        if tracker.is_terminal() {
            break report;
        }
        assert!(started.elapsed() < PATIENCE, "no terminal status in time");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    (payout.payout_id, report)
}

#[tokio::test]
async fn mobile_money_payout_succeeds_with_documented_fields() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let request = client
        .mobile_money_payout(&momo(250, Some("+233 24 123 4561")))
        .expect("request");
    let (id, report) = run_to_end(&client, request).await;
    assert_eq!(report.status, PayoutStatus::Succeeded);
    assert_eq!(report.raw_status, "successful");
    assert_eq!(report.id, id);
    assert!(report.reference.as_deref().is_some_and(|r| r.starts_with("PY_")));
    assert_eq!(report.amount, Some(250.0));
    assert_eq!(report.charge, Some(2.5));
    assert_eq!(report.currency.as_deref(), Some("GHS"));
    assert_eq!(report.payout_type.as_deref(), Some("payout"));
    assert_eq!(report.method.as_deref(), Some("mobilemoney"));
    assert_eq!(report.operator.as_deref(), Some("MTN"));
    assert_eq!(report.narration.as_deref(), Some("sandbox test"));
    assert_eq!(report.is_disbursed, Some(true));
    assert!(report.created_at.is_some() && report.updated_at.is_some());

    // The reference finds the same payout.
    let reference = report.reference.clone().unwrap_or_default();
    let answer = send(&client.status_check(&reference).expect("check"))
        .await
        .expect("answers");
    assert_eq!(
        parse_status_response(answer.status, &answer.body).expect("report").id,
        id
    );

    let ledger = sandbox.ledger();
    assert_eq!(ledger["count"], 1);
    assert_eq!(
        ledger["payouts"][0]["momo_phone_number"], "233241234561",
        "the core sends digits"
    );
    assert_eq!(ledger["payouts"][0]["answer"], "ok");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn merchant_wallet_payout_without_a_phone_succeeds() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let (_, report) = run_to_end(&client, client.mobile_money_payout(&momo(10, None)).expect("request")).await;
    assert_eq!(report.status, PayoutStatus::Succeeded);
}

#[tokio::test]
async fn bank_payout_succeeds() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let (_, report) = run_to_end(&client, client.bank_payout(&bank(900, "0012345678")).expect("request")).await;
    assert_eq!(report.status, PayoutStatus::Succeeded);
    assert_eq!(report.method.as_deref(), Some("bank"));
    assert_eq!(report.currency.as_deref(), Some("ZMW"));
    assert_eq!(sandbox.ledger()["payouts"][0]["transfer_to"], "bank");
}

#[tokio::test]
async fn magic_inputs_choose_the_failure() {
    let sandbox = start(Config {
        insufficient_funds_above: 5_000,
        ..fast_config()
    })
    .await;
    let client = client(&sandbox);
    let cases = [
        (
            client.mobile_money_payout(&momo(10, Some("0241234569"))),
            "invalid number",
        ),
        (
            client.mobile_money_payout(&momo(10, Some("0241234568"))),
            "recipient wallet is not active",
        ),
        (
            client.mobile_money_payout(&momo(5_001, Some("0241234561"))),
            "insufficient funds",
        ),
        (client.bank_payout(&bank(10, "1234567890")), "invalid account number"),
        (client.bank_payout(&bank(10, "1234567899")), "account closed"),
    ];
    for (request, reason) in cases {
        let (id, report) = run_to_end(&client, request.expect("request")).await;
        assert_eq!(report.status, PayoutStatus::Failed, "{reason}");
        assert_eq!(report.is_disbursed, Some(false));
        let answer = send(&client.status_check(&id).expect("check")).await.expect("answers");
        let json = answer.json();
        assert_eq!(json["data"]["failure_reason"], reason);
        assert_eq!(json["message"], format!("Payout failed: {reason}"));
    }
    // Exactly at the threshold is fine.
    let (_, report) = run_to_end(
        &client,
        client.mobile_money_payout(&momo(5_000, None)).expect("request"),
    )
    .await;
    assert_eq!(report.status, PayoutStatus::Succeeded);
    assert_eq!(sandbox.ledger()["count"], 6);
}

#[tokio::test]
async fn numbers_ending_in_7_stay_processing() {
    let sandbox = start(Config {
        delay_ms: 20,
        ..fast_config()
    })
    .await;
    let client = client(&sandbox);
    let answer = send(
        &client
            .mobile_money_payout(&momo(10, Some("0241234567")))
            .expect("request"),
    )
    .await
    .expect("answers");
    let payout = parse_payout_response(answer.status, &answer.body).expect("payout");
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let answer = send(&client.status_check(&payout.payout_id).expect("check"))
        .await
        .expect("answers");
    let report = parse_status_response(answer.status, &answer.body).expect("report");
    assert_eq!(report.raw_status, "processing");
    assert_eq!(sandbox.ledger()["payouts"][0]["planned_status"], "processing");
}

#[tokio::test]
async fn wrong_or_missing_keys_get_401_envelopes() {
    let sandbox = sandbox().await;
    let wrong = alexpay_core::Client::new(alexpay_core::ClientConfig {
        public_key: PUBLIC_KEY.into(),
        secret_key: "sk_test_wrong".into(),
        base_url: sandbox.url(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("client");
    let answer = send(&wrong.mobile_money_payout(&momo(10, None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json()["code"], 401);
    assert_eq!(answer.json()["status"], "error");
    let err = parse_payout_response(answer.status, &answer.body).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::AuthenticationFailed);
    assert!(
        !String::from_utf8_lossy(&answer.body).contains("sk_test"),
        "never echoes keys"
    );

    let answer = raw(
        "GET",
        &format!("{}/v1/payment/x/check", sandbox.url()),
        &[("public-key", PUBLIC_KEY)],
        None,
        PATIENCE,
    )
    .await
    .expect("answers");
    assert_eq!(answer.status, 401);
    assert!(answer.json()["message"]
        .as_str()
        .unwrap_or_default()
        .contains("secret-key"));
    assert_eq!(sandbox.ledger()["count"], 0);
}

async fn post_process(sandbox: &alexpay_sandbox::Sandbox, content_type: Option<&str>, body: &[u8]) -> Answer {
    let mut headers = vec![("public-key", PUBLIC_KEY), ("secret-key", SECRET_KEY)];
    if let Some(ct) = content_type {
        headers.push(("content-type", ct));
    }
    raw(
        "POST",
        &format!("{}/v1/payment/payouts/process", sandbox.url()),
        &headers,
        Some(body.to_vec()),
        PATIENCE,
    )
    .await
    .expect("answers")
}

#[tokio::test]
async fn bad_bodies_get_4xx_envelopes_with_messages() {
    let sandbox = sandbox().await;
    let json = Some("application/json; charset=utf-8");
    let cases: Vec<(Option<&str>, Vec<u8>, u16, &str)> = vec![
        (
            json,
            br#"{"amount":0,"countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "amount must be a positive whole number",
        ),
        (
            json,
            br#"{"amount":-5,"countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "amount must be a positive whole number",
        ),
        (
            json,
            br#"{"amount":1.5,"countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "amount must be a positive whole number",
        ),
        (
            json,
            br#"{"amount":"100","countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "amount must be a number",
        ),
        (
            json,
            br#"{"countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "amount is required",
        ),
        (
            json,
            br#"{"amount":9007199254740992,"countryId":"GH","transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "must not exceed",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"bank"}"#.to_vec(),
            400,
            "bank_id is required for bank payouts",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"bank","bank_id":"B1"}"#.to_vec(),
            400,
            "account_number is required",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"bank","bank_id":"","account_number":"1"}"#.to_vec(),
            400,
            "bank_id must not be empty",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"wallet"}"#.to_vec(),
            400,
            "transfer_to must be",
        ),
        (
            json,
            br#"{"amount":10,"transfer_to":"mobile_number"}"#.to_vec(),
            400,
            "countryId is required",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"mobile_number","momo_phone_number":"call me"}"#.to_vec(),
            400,
            "momo_phone_number must be a phone number",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"mobile_number","webhook_url":"ftp://x"}"#.to_vec(),
            400,
            "webhook_url must be",
        ),
        (
            json,
            br#"{"amount":10,"countryId":"GH","transfer_to":"mobile_number""#.to_vec(),
            400,
            "Malformed JSON",
        ),
        (json, b"[1,2]".to_vec(), 400, "must be a JSON object"),
        (json, vec![0xff, 0xfe], 400, "Malformed JSON"),
        (json, vec![b' '; 70_000], 413, "too large"),
        (
            Some("text/plain"),
            br#"{"amount":10}"#.to_vec(),
            415,
            "content-type: application/json",
        ),
        (None, br#"{"amount":10}"#.to_vec(), 415, "Unsupported content type"),
    ];
    for (content_type, body, status, needle) in cases {
        let answer = post_process(&sandbox, content_type, &body).await;
        let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).to_string();
        assert_eq!(answer.status, status, "{shown}");
        let json = answer.json();
        assert_eq!(json["status"], "error", "{shown}");
        assert_eq!(json["code"], status, "{shown}");
        let message = json["message"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{shown}: {message}");
        let err = parse_payout_response(answer.status, &answer.body).expect_err("refused");
        assert_eq!(err.code(), ErrorCode::RequestRejected, "{shown}");
        assert_eq!(err.api_message(), Some(message));
    }
    assert_eq!(sandbox.ledger()["count"], 0, "nothing invalid is recorded");
}

#[tokio::test]
async fn unknown_ids_routes_and_methods() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let answer = send(&client.status_check("no-such-payout").expect("check"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json()["code"], 404);
    let err = parse_status_response(answer.status, &answer.body).expect_err("404");
    assert_eq!(err.code(), ErrorCode::NotFound);

    let auth = [("public-key", PUBLIC_KEY), ("secret-key", SECRET_KEY)];
    let answer = raw("GET", &format!("{}/v1/nothing", sandbox.url()), &auth, None, PATIENCE)
        .await
        .expect("answers");
    assert_eq!((answer.status, answer.json()["code"].clone()), (404, 404.into()));
    let answer = raw(
        "GET",
        &format!("{}/v1/payment/payouts/process", sandbox.url()),
        &auth,
        None,
        PATIENCE,
    )
    .await
    .expect("answers");
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("POST"));
    let answer = raw(
        "DELETE",
        &format!("{}/v1/payment/x/check", sandbox.url()),
        &auth,
        None,
        PATIENCE,
    )
    .await
    .expect("answers");
    assert_eq!(answer.status, 405);
}

#[tokio::test]
async fn settings_and_reset_through_the_control_endpoints() {
    let sandbox = sandbox().await;
    let base = sandbox.url();
    let changed = post_json(
        &format!("{base}/_sandbox/settings"),
        r#"{"delay_ms": 5, "insufficient_funds_above": 50}"#,
    )
    .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["delay_ms"], 5);
    let client = client(&sandbox);
    let (_, report) = run_to_end(&client, client.mobile_money_payout(&momo(51, None)).expect("request")).await;
    assert_eq!(report.status, PayoutStatus::Failed);
    assert_eq!(get_json(&format!("{base}/_sandbox/ledger")).await["count"], 1);
    assert_eq!(
        post_json(&format!("{base}/_sandbox/settings"), r#"{"delay":1}"#)
            .await
            .status,
        400
    );
    let health = get_json(&format!("{base}/_sandbox/health")).await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["url"], base);
    assert!(health.get("secret_key").is_none());
    assert_eq!(post_json(&format!("{base}/_sandbox/reset"), "").await.status, 200);
    assert_eq!(get_json(&format!("{base}/_sandbox/ledger")).await["count"], 0);
}

#[tokio::test]
async fn malformed_http_does_not_hurt_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sandbox = sandbox().await;
    let garbage: [&[u8]; 5] = [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"POST /v1/payment/payouts/process HTTP/1.1\r\nHost: x\r\nContent-Length: 999\r\n\r\n{\"amount\"",
        b"GET /v1/payment/%ff%00/check HTTP/1.1\r\nHost: x\r\npublic-key: pk_test_sandbox\r\nsecret-key: sk_test_sandbox\r\n\r\n",
        b"GET /v1/payment/x/check HTTP/1.1\r\nHost: x\r\nsecret-key: \xff\xfe\r\npublic-key: \x80\r\n\r\n",
        b"\x00\x01\x02\x03",
    ];
    for bytes in garbage {
        let mut stream = tokio::net::TcpStream::connect(sandbox.addr()).await.expect("connect");
        let _ = stream.write_all(bytes).await;
        let _ = stream.shutdown().await;
        let mut sink = Vec::new();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), stream.read_to_end(&mut sink)).await;
    }
    let health = get_json(&format!("{}/_sandbox/health", sandbox.url())).await;
    assert_eq!(health["status"], "ok");
    let client = client(&sandbox);
    let answer = send(&client.mobile_money_payout(&momo(10, None)).expect("request"))
        .await
        .expect("answers");
    assert_eq!(answer.status, 200);
}
