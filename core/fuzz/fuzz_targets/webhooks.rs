//! Webhook parsing, confirmation and signature verification from arbitrary
//! bytes and headers; a body we signed ourselves always verifies.
#![no_main]
use alexpay_core::{confirm_webhook, parse_status_response, parse_webhook, sign_webhook, verify_webhook_signature};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fuzz_target!(|input: (&[u8], &[u8], String, String, i64)| {
    let (body, report_body, id, signature, timestamp) = input;
    if let (Ok(event), Ok(report)) = (parse_webhook(body), parse_status_response(200, report_body)) {
        let _ = confirm_webhook(&event, &report);
    }
    let headers = vec![
        ("webhook-id".to_string(), id.clone()),
        ("webhook-timestamp".to_string(), timestamp.to_string()),
        ("webhook-signature".to_string(), signature),
    ];
    let _ = verify_webhook_signature(SECRET, &headers, body, timestamp, 300);
    if !id.trim().is_empty() && id.trim() == id {
        let good = sign_webhook(SECRET, &id, timestamp, body).expect("valid secret");
        let headers = vec![
            ("webhook-id".to_string(), id),
            ("webhook-timestamp".to_string(), timestamp.to_string()),
            ("webhook-signature".to_string(), good),
        ];
        assert!(verify_webhook_signature(SECRET, &headers, body, timestamp, 0).is_ok());
    }
});
