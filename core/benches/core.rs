//! The workloads of BENCHMARKS.md on the core alone (criterion), each next
//! to its floor (`shared`): `serde_json::Value` and a typed borrowed serde
//! parse of the same bytes, a serde `Serialize` + URL + headers build, a
//! minimal `hmac` + `sha2` verify. `instructions.rs` counts the same
//! workloads' instructions under callgrind.

mod shared;

use alexpay_core::*;
use criterion::{criterion_group, criterion_main, Criterion};
use shared::*;
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let client = client();
    let payout = payout();
    c.bench_function("build_mobile_money_payout", |b| {
        b.iter(|| client.mobile_money_payout(black_box(&payout)))
    });
    c.bench_function("floor_build_serialize", |b| {
        b.iter(|| floor_build(black_box("https://api.alexpay.test"), "pk_live_bench", "sk_live_bench"))
    });
    c.bench_function("floor_serde_value_status_body", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(STATUS_BODY)))
    });
    c.bench_function("floor_typed_status_body", |b| {
        b.iter(|| floor_status(black_box(STATUS_BODY)).is_some())
    });
    c.bench_function("parse_status_response", |b| {
        b.iter(|| parse_status_response(200, black_box(STATUS_BODY)))
    });
    let report = parse_status_response(200, STATUS_BODY).expect("valid report");
    c.bench_function("parse_and_confirm_webhook", |b| {
        b.iter(|| confirm_webhook(&parse_webhook(black_box(WEBHOOK_BODY)).expect("valid"), &report))
    });
    c.bench_function("floor_typed_webhook", |b| {
        b.iter(|| floor_webhook(black_box(WEBHOOK_BODY), &report.id, 100.0))
    });
    let headers = signed_headers();
    c.bench_function("verify_signed_webhook", |b| {
        b.iter(|| verify_webhook_signature(SECRET, &headers, black_box(WEBHOOK_BODY), 1_700_000_000, 300))
    });
    c.bench_function("floor_hmac_verify", |b| {
        b.iter(|| floor_verify(SECRET, "msg_1", "1700000000", &headers[2].1, black_box(WEBHOOK_BODY)))
    });
}

criterion_group!(core_benches, benches);
criterion_main!(core_benches);
