//! The secret key never appears in Debug/Display output or any error message.

use alexpay_core::*;

const SECRET: &str = "sk_live_TOPSECRET_0123456789abcdef";

fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk_live_visible".into(),
        secret_key: SECRET.into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client")
}

#[test]
fn debug_output_redacts_the_secret() {
    let c = client();
    let request = c
        .mobile_money_payout(&MobileMoneyPayout {
            amount: 5,
            country_id: "GH".into(),
            ..Default::default()
        })
        .expect("valid payout");
    assert_eq!(
        request.header("secret-key"),
        Some(SECRET),
        "the header itself carries the key"
    );
    let config = ClientConfig {
        secret_key: SECRET.into(),
        ..Default::default()
    };
    for shown in [
        format!("{c:?}"),
        format!("{request:?}"),
        format!("{config:?}"),
        format!("{:#?}", c.status_check("PO_1")),
    ] {
        assert!(!shown.contains(SECRET), "leaked in {shown}");
        assert!(!shown.contains("TOPSECRET"), "partly leaked in {shown}");
    }
    assert!(format!("{request:?}").contains("[REDACTED]"));
}

#[test]
fn invalid_secret_keys_are_not_echoed() {
    for bad in [
        "sk live with spaces TOPSECRET",
        "sk_TOPSECRET\r\nX-Evil: 1",
        "sk_TOPSECRET\u{0}",
    ] {
        let err = Client::new(ClientConfig {
            public_key: "pk".into(),
            secret_key: bad.into(),
            base_url: "https://api.alexpay.test".into(),
            user_agent: None,
            max_body_bytes: None,
        })
        .expect_err("refused");
        assert_eq!(err.code(), ErrorCode::InvalidCredentials);
        for shown in [err.to_string(), format!("{err:?}"), err.message(NameStyle::Camel)] {
            assert!(!shown.contains("TOPSECRET"), "leaked in {shown}");
        }
    }
}

#[test]
fn unexpected_bodies_are_quoted_short_and_without_tokens() {
    let body = format!(
        "<html>proxy error; upstream said secret-key: {SECRET} and more text {}</html>",
        "x ".repeat(500)
    );
    for op in [
        parse_payout_response(200, body.as_bytes()).map(|_| ()),
        parse_status_response(502, body.as_bytes()).map(|_| ()),
    ] {
        let err = op.expect_err("refused");
        let shown = err.to_string();
        assert!(!shown.contains("TOPSECRET"), "leaked in {shown}");
        assert!(shown.len() < 400, "excerpt too long: {}", shown.len());
    }
}

/// Runs a payout flow (following for a while) against scripted answers and
/// returns everything it produced, as text.
fn flow_output(secret: &str, answers: &[(u16, String)]) -> String {
    let client = Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: secret.into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client");
    let payout = MobileMoneyPayout {
        amount: 5,
        country_id: "GH".into(),
        ..Default::default()
    };
    let options = FlowOptions {
        wait_ms: 60_000,
        ..Default::default()
    };
    let mut flow = PayoutFlow::mobile_money(&client, &payout, options).expect("valid payout");
    let mut answers = answers.iter();
    let mut now = 0;
    loop {
        match flow.next(now) {
            Action::Done(outcome) => return format!("{outcome:?} {:?}", outcome.error.as_ref().map(|e| e.to_string())),
            Action::Wait { until_ms } => now = until_ms,
            Action::Send(out) => match answers.next() {
                Some((status, body)) => flow
                    .on_response(out.id, now, *status, &[], body.as_bytes())
                    .expect("valid"),
                None => flow.cancel(now),
            },
        }
    }
}

#[test]
fn flows_mask_the_configured_key_by_value_whatever_its_length() {
    for secret in ["sk_test_sandbox", "k9", "sk/with\"quote"] {
        let quoted = serde_json::to_string(secret).unwrap();
        let inner = &quoted[1..quoted.len() - 1];
        let echo = format!(r#"{{"headers":{{"Secret-Key":{quoted}}}}}"#);
        let refused = format!(r#"{{"status":"error","code":400,"message":"bad key {inner}"}}"#);
        let accepted = format!(
            r#"{{"status":"success","code":0,"data":{{"payout_id":"PO_1","status":"processing","message":{quoted}}}}}"#
        );
        let report = format!(
            r#"{{"status":"success","code":200,"data":{{"id":"PO_1","status":"failed","narration":{quoted},"message":"echo {inner}"}}}}"#
        );
        let mut masked = 0;
        for answers in [
            vec![(500, echo.clone())],
            vec![(400, refused.clone())],
            vec![(200, accepted.clone()), (200, report.clone())],
            vec![(200, accepted.clone()), (502, echo.clone())],
        ] {
            let shown = flow_output(secret, &answers);
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
            masked += shown.matches("[REDACTED]").count();
        }
        // The echoes did reach the output, masked (the test can fail).
        assert!(masked >= 3, "{secret}: only {masked} masked");
    }
}

#[test]
fn api_messages_are_bounded_and_masked() {
    let huge = format!(
        r#"{{"status":"error","code":400,"message":"{}"}}"#,
        "word ".repeat(200_000)
    );
    // Under the default body cap (1 MiB), so the message is read and bounded.
    assert!(huge.len() < DEFAULT_MAX_BODY_BYTES);
    let err = parse_payout_response(400, huge.as_bytes()).expect_err("refused");
    let message = err.api_message().expect("api message");
    assert!(message.chars().count() <= 203, "{} characters", message.len());
    let err = parse_status_response(
        503,
        format!(r#"{{"code":503,"message":"token={SECRET} upstream"}}"#).as_bytes(),
    )
    .expect_err("refused");
    assert_eq!(err.api_message(), Some("token=[redacted] upstream"));
}

#[test]
fn now_in_milliseconds_is_named() {
    let headers = vec![
        ("webhook-id".to_string(), "msg_1".to_string()),
        ("webhook-timestamp".to_string(), "1794363067".to_string()),
        ("webhook-signature".to_string(), "v1,AAAA".to_string()),
    ];
    let err = verify_webhook_signature("whsec_AAAA", &headers, b"{}", 1_794_363_067_101, 300).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::WebhookTimestampOutOfRange);
    assert!(err.to_string().contains("looks like milliseconds"), "{err}");
    let err = verify_webhook_signature("whsec_AAAA", &headers, b"{}", 1_794_373_067, 300).expect_err("refused");
    assert!(!err.to_string().contains("milliseconds"), "{err}");
}
