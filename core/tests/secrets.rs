//! The secret key never appears in Debug/Display output or any error message.

use alexpay_core::*;

const SECRET: &str = "sk_live_TOPSECRET_0123456789abcdef";

fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk_live_visible".into(),
        secret_key: SECRET.into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
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
