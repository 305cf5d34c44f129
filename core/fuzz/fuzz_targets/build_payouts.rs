//! Payout and status-check building from arbitrary field values: a request is
//! either fully valid JSON with the normalised values, or a typed error.
#![no_main]
use alexpay_core::{BankPayout, Client, ClientConfig, MobileMoneyPayout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u64, String, Option<String>, Option<String>, Option<String>, String, String)| {
    let (amount, country_id, phone_number, narration, webhook_url, bank_id, account_number) = input;
    let Ok(client) = Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: "sk".into(),
        base_url: webhook_url.clone().unwrap_or_else(|| "https://api.alexpay.test".into()),
        user_agent: narration.clone(),
        max_body_bytes: None,
    }) else {
        return;
    };
    let mm = MobileMoneyPayout { amount, country_id: country_id.clone(), phone_number, narration: narration.clone(), webhook_url: webhook_url.clone() };
    let bank = BankPayout { amount, country_id, bank_id: bank_id.clone(), account_number, narration, webhook_url };
    for request in [client.mobile_money_payout(&mm), client.bank_payout(&bank)].into_iter().flatten() {
        let body = request.body.expect("payouts have a body");
        let parsed: serde_json::Value = serde_json::from_slice(&body).expect("valid JSON");
        assert_eq!(parsed["amount"].as_u64(), Some(amount));
        // Only the scheme's `//`: base paths never produce an empty segment.
        let after_scheme = request.url.split_once("://").map_or("", |(_, rest)| rest);
        assert!(!after_scheme.contains("//"), "{}", request.url);
    }
    if let Ok(request) = client.status_check(&bank_id) {
        assert!(request.url.ends_with(&format!("/v1/payment/{bank_id}/check")));
    }
});
