//! Property tests: built bodies parse back to their inputs, valid phones and
//! amounts round-trip, the tracker never leaves a terminal state, and the
//! parsers never panic.

use alexpay_core::*;
use proptest::prelude::*;
use serde_json::Value;

fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk".into(),
        secret_key: "sk".into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client")
}

/// A phone number: 9-15 digits with separators sprinkled in, maybe a `+`
/// (then the country code does not start with 0, as E.164 requires).
fn phone() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(
            (0u8..10, prop::sample::select(vec!["", " ", "-", ".", "(", ")"])),
            9..=15,
        ),
        any::<bool>(),
    )
        .prop_map(|(mut parts, plus)| {
            if plus && parts[0].0 == 0 {
                parts[0].0 = 1;
            }
            let digits: String = parts.iter().map(|(d, _)| char::from(b'0' + d)).collect();
            let written: String = parts
                .iter()
                .map(|(d, sep)| format!("{}{sep}", char::from(b'0' + d)))
                .collect();
            (if plus { format!("+{written}") } else { written }, digits)
        })
}

/// Printable narration text, including non-ASCII and JSON-special characters.
fn narration() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 éü✓₵\"\\\\/{}:,]{0,254}[a-zA-Z0-9é\"\\\\]"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

proptest! {
    #[test]
    fn mobile_money_bodies_parse_back(amount in 1..=MAX_AMOUNT, country in "[A-Z]{2}", phone in proptest::option::of(phone()),
                                      narration in proptest::option::of(narration())) {
        let payout = MobileMoneyPayout {
            amount,
            country_id: country.clone(),
            phone_number: phone.as_ref().map(|(written, _)| written.clone()),
            narration: narration.clone(),
            webhook_url: None,
        };
        let request = client().mobile_money_payout(&payout).expect("valid payout");
        let body: Value = serde_json::from_slice(request.body.as_deref().expect("body")).expect("JSON body");
        prop_assert_eq!(body["amount"].as_u64(), Some(amount));
        prop_assert_eq!(body["countryId"].as_str(), Some(country.as_str()));
        prop_assert_eq!(body["transfer_to"].as_str(), Some("mobile_number"));
        prop_assert_eq!(body.get("momo_phone_number").and_then(Value::as_str), phone.as_ref().map(|(_, d)| d.as_str()));
        prop_assert_eq!(body.get("narration").and_then(Value::as_str), narration.as_deref());
    }

    #[test]
    fn bank_bodies_parse_back(amount in 1..=MAX_AMOUNT, bank in "[A-Z0-9]{1,10}", account in "[0-9]{6,20}") {
        let payout = BankPayout { amount, country_id: "GH".into(), bank_id: bank.clone(), account_number: account.clone(), ..Default::default() };
        let request = client().bank_payout(&payout).expect("valid payout");
        let body: Value = serde_json::from_slice(request.body.as_deref().expect("body")).expect("JSON body");
        prop_assert_eq!(body["bank_id"].as_str(), Some(bank.as_str()));
        prop_assert_eq!(body["account_number"].as_str(), Some(account.as_str()));
        prop_assert_eq!(body["transfer_to"].as_str(), Some("bank"));
        prop_assert!(body.get("momo_phone_number").is_none());
    }

    #[test]
    fn amounts_round_trip_through_every_number_type(amount in 1..=MAX_AMOUNT) {
        prop_assert_eq!(amount_from_i128(amount as i128).expect("valid"), amount);
        prop_assert_eq!(amount_from_f64(amount as f64).expect("valid"), amount);
    }

    #[test]
    fn tracker_never_leaves_a_terminal_state(steps in prop::collection::vec(
        prop::sample::select(vec!["processing", "pending", "queued", "success", "successful", "failed", "declined", "on_hold", ""]), 0..40)) {
        let mut tracker = PayoutTracker::new("PO_1").expect("valid id");
        let mut terminal: Option<PayoutStatus> = None;
        for raw in steps {
            let outcome = tracker.observe(raw, &[]);
            if let Some(t) = &terminal {
                prop_assert_eq!(tracker.status(), t, "left a terminal state");
                prop_assert!(outcome != Ok(Observed::Changed));
            } else if tracker.is_terminal() {
                terminal = Some(tracker.status().clone());
            }
        }
    }

    #[test]
    fn parsers_never_panic(body in prop::collection::vec(any::<u8>(), 0..512), status in 0u16..1000) {
        let _ = parse_payout_response(status, &body);
        let _ = parse_status_response(status, &body);
        let _ = parse_webhook(&body);
    }

    #[test]
    fn payout_ids_that_build_never_change_the_path(id in "\\PC{1,40}") {
        if let Ok(request) = client().status_check(&id) {
            let path = request.url.strip_prefix("https://api.alexpay.test/v1/payment/").expect("prefix");
            prop_assert_eq!(path, format!("{id}/check"));
            prop_assert!(!id.contains(['/', '?', '#', '%', '\\']));
        }
    }
}
