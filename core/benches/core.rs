//! The three workloads of BENCHMARKS.md, on the core alone, next to
//! `serde_json::from_slice::<Value>` on the same bytes as the floor.

use alexpay_core::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const STATUS_BODY: &[u8] = br#"{"status":"success","code":200,"message":"Payout details retrieved","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"charge":2,"currency":"ZMW","environment":"live","type":"payout","method":"mobilemoney","operator":"MTN","status":"successful","narration":"Salary","is_disbursed":"true","created_at":"2024-05-14T10:21:33.000000Z","updated_at":"2024-05-14T10:22:05.000000Z"}}"#;
const WEBHOOK_BODY: &[u8] = br#"{"status":"success","code":200,"message":"Payout status changed","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"status":"successful"}}"#;
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn benches(c: &mut Criterion) {
    let client = Client::new(ClientConfig {
        public_key: "pk_live_bench".into(),
        secret_key: "sk_live_bench".into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
    })
    .expect("valid client");
    let payout = MobileMoneyPayout {
        amount: 2500,
        country_id: "GH".into(),
        phone_number: Some("+233 24 123 4567".into()),
        narration: Some("Salary for June".into()),
        webhook_url: Some("https://merchant.example/hooks/alexpay".into()),
    };
    c.bench_function("build_mobile_money_payout", |b| {
        b.iter(|| client.mobile_money_payout(black_box(&payout)))
    });
    c.bench_function("floor_serde_value_status_body", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(STATUS_BODY)))
    });
    c.bench_function("parse_status_response", |b| {
        b.iter(|| parse_status_response(200, black_box(STATUS_BODY)))
    });
    let report = parse_status_response(200, STATUS_BODY).expect("valid report");
    c.bench_function("parse_and_confirm_webhook", |b| {
        b.iter(|| confirm_webhook(&parse_webhook(black_box(WEBHOOK_BODY)).expect("valid"), &report))
    });
    let signature = sign_webhook(SECRET, "msg_1", 1_700_000_000, WEBHOOK_BODY).expect("valid secret");
    let headers = vec![
        ("webhook-id".to_string(), "msg_1".to_string()),
        ("webhook-timestamp".to_string(), "1700000000".to_string()),
        ("webhook-signature".to_string(), signature),
    ];
    c.bench_function("verify_signed_webhook", |b| {
        b.iter(|| verify_webhook_signature(SECRET, &headers, black_box(WEBHOOK_BODY), 1_700_000_000, 300))
    });
}

criterion_group!(core_benches, benches);
criterion_main!(core_benches);
