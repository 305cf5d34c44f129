//! Hostile input never panics: every outcome is a value or a typed error.

use alexpay_core::*;

fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: "sk".into(),
        base_url: "http://127.0.0.1:9".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client")
}

/// A deterministic spread of awkward strings and byte strings.
fn nasty_strings() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        " ",
        "\0",
        "\u{202e}",
        "\u{2028}",
        "+",
        "++",
        "()",
        "٠١٢٣٤٥٦٧٨٩",
        "１２３４５６７８９",
        "https://",
        "http://[",
        "http://[::1",
        "https://a:",
        "https://:80",
        "https://a@b",
        "//",
        "..",
        "%00",
        "\u{feff}x",
        "\"",
        "\\",
        "{",
        "[]",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.push("9".repeat(10 * 1024 * 1024));
    out.push("é".repeat(100_000));
    out
}

#[test]
fn request_building_returns_typed_errors() {
    let c = client();
    for s in nasty_strings() {
        let mm = MobileMoneyPayout {
            amount: 1,
            country_id: s.clone(),
            phone_number: Some(s.clone()),
            narration: Some(s.clone()),
            webhook_url: Some(s.clone()),
        };
        if let Err(e) = c.mobile_money_payout(&mm) {
            assert_eq!(e.family(), ErrorFamily::Validation);
            assert!(e.field_ref().is_some(), "validation errors name their field");
        }
        let bank = BankPayout {
            amount: 1,
            country_id: "GH".into(),
            bank_id: s.clone(),
            account_number: s.clone(),
            ..Default::default()
        };
        let _ = c.bank_payout(&bank);
        let _ = c.status_check(&s);
        let _ = Client::new(ClientConfig {
            public_key: s.clone(),
            secret_key: s.clone(),
            base_url: s.clone(),
            user_agent: Some(s.clone()),
            max_body_bytes: None,
        });
    }
}

#[test]
fn parsers_survive_arbitrary_bytes() {
    let mut bodies: Vec<Vec<u8>> = nasty_strings().into_iter().map(String::into_bytes).collect();
    bodies.push(vec![0xff; 1000]);
    bodies.push("[".repeat(100_000).into_bytes());
    bodies.push(format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)).into_bytes());
    bodies.push(br#"{"status":"success","code":0,"data":{"payout_id":{"x":1},"amount":1e400}}"#.to_vec());
    for body in &bodies {
        for status in [0u16, 200, 204, 302, 404, 500, 999] {
            let _ = parse_payout_response(status, body);
            let _ = parse_status_response(status, body);
        }
        let _ = parse_webhook(body);
        let headers = vec![
            ("webhook-id".to_string(), "x".to_string()),
            ("webhook-timestamp".to_string(), "1".to_string()),
        ];
        let _ = verify_webhook_signature("whsec_AAAA", &headers, body, i64::MIN, u64::MAX);
        let _ = verify_webhook_signature("whsec_AAAA", &headers, body, i64::MAX, 0);
    }
}

#[test]
fn tracker_and_retry_edges() {
    let mut t = PayoutTracker::new("PO_1").expect("valid id");
    assert_eq!(t.next_poll_delay_ms(u32::MAX, 1.0).expect("valid"), Some(POLL_CAP_MS));
    assert!(t.next_poll_delay_ms(0, f64::NAN).is_err());
    assert_eq!(t.observe("successful", &[]).expect("first terminal"), Observed::Changed);
    let d = retry_decision(&RetryInput {
        operation: Operation::StatusCheck,
        attempt: u32::MAX,
        http_status: Some(503),
        body: None,
        transport_error: None,
        retry_after_secs: Some(u64::MAX),
    })
    .expect("valid");
    assert_eq!(d.action, RetryAction::Stop);
    let d = retry_decision(&RetryInput {
        operation: Operation::StatusCheck,
        attempt: 1,
        http_status: Some(429),
        body: None,
        transport_error: None,
        retry_after_secs: Some(u64::MAX),
    })
    .expect("valid");
    assert_eq!(d.delay_ms, MAX_RETRY_AFTER_SECS * 1000);
}

#[test]
fn every_error_code_is_distinct_snake_case() {
    let mut seen = std::collections::HashSet::new();
    for code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
        assert!(seen.insert(s), "duplicate code {s}");
    }
}

/// The free parse functions apply the default cap: 1 MiB is read, one byte
/// more is refused unread, for responses and webhooks alike.
#[test]
fn bodies_over_the_default_cap_are_refused_unread() {
    let fill = |n: usize| {
        let mut body =
            br#"{"status":"success","code":0,"data":{"payout_id":"PO_1","status":"processing"},"note":""#.to_vec();
        body.resize(n - 2, b'x');
        body.extend_from_slice(b"\"}");
        body
    };
    let at_cap = fill(DEFAULT_MAX_BODY_BYTES);
    assert_eq!(at_cap.len(), DEFAULT_MAX_BODY_BYTES);
    assert!(parse_payout_response(200, &at_cap).is_ok());
    assert!(parse_webhook(&at_cap).is_ok());
    let over = fill(DEFAULT_MAX_BODY_BYTES + 1);
    let e = parse_payout_response(200, &over).unwrap_err();
    assert_eq!(
        (e.code(), e.http_status(), e.payout_id()),
        (ErrorCode::ResponseTooLarge, Some(200), None)
    );
    assert_eq!(e.disposition(), Some(Disposition::Unknown));
    let e = parse_status_response(200, &over).unwrap_err();
    assert_eq!((e.code(), e.retryable()), (ErrorCode::ResponseTooLarge, true));
    let e = parse_webhook(&over).unwrap_err();
    assert_eq!(
        (e.code(), e.field_ref()),
        (ErrorCode::WebhookTooLarge, Some(Field::Body))
    );
    let e = parse_webhook_without_raw(&over).unwrap_err();
    assert_eq!(e.code(), ErrorCode::WebhookTooLarge);
}
