//! The core's workloads and their floors (`shared`), one per run, for
//! callgrind: `instructions <workload> <iterations>`. scripts/bench.sh runs
//! each at two iteration counts under `valgrind --tool=callgrind` and prints
//! the difference per iteration, so start-up cancels out and the figure is
//! an instruction count that machine load does not move.

mod shared;

use alexpay_core::*;
use shared::*;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(workload), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok())) else {
        eprintln!("usage: instructions <workload> <iterations>");
        std::process::exit(2);
    };
    let client = client();
    let payout = payout();
    let report = parse_status_response(200, STATUS_BODY).expect("valid report");
    let headers = signed_headers();
    // Every workload must do its job once before it is counted.
    assert!(floor_verify(SECRET, "msg_1", "1700000000", &headers[2].1, WEBHOOK_BODY));
    assert_eq!(floor_webhook(WEBHOOK_BODY, &report.id, 100.0), Some(true));
    assert!(floor_status(STATUS_BODY).is_some());
    let built = client.mobile_money_payout(&payout).expect("valid payout");
    let floor = floor_build("https://api.alexpay.test", "pk_live_bench", "sk_live_bench");
    assert_eq!(
        (built.url.as_str(), built.body.as_deref()),
        (floor.0.as_str(), Some(&floor.2[..]))
    );
    let run: Box<dyn Fn() -> bool> = match workload.as_str() {
        "build_mobile_money_payout" => Box::new(|| client.mobile_money_payout(black_box(&payout)).is_ok()),
        "floor_build_serialize" => Box::new(|| {
            !floor_build(black_box("https://api.alexpay.test"), "pk_live_bench", "sk_live_bench")
                .2
                .is_empty()
        }),
        "parse_status_response" => Box::new(|| parse_status_response(200, black_box(STATUS_BODY)).is_ok()),
        "floor_serde_value_status_body" => {
            Box::new(|| serde_json::from_slice::<serde_json::Value>(black_box(STATUS_BODY)).is_ok())
        }
        "floor_typed_status_body" => Box::new(|| floor_status(black_box(STATUS_BODY)).is_some()),
        "parse_and_confirm_webhook" => Box::new(|| {
            parse_webhook(black_box(WEBHOOK_BODY))
                .and_then(|e| confirm_webhook(&e, &report))
                .is_ok()
        }),
        "floor_typed_webhook" => Box::new(|| floor_webhook(black_box(WEBHOOK_BODY), &report.id, 100.0) == Some(true)),
        "verify_signed_webhook" => {
            Box::new(|| verify_webhook_signature(SECRET, &headers, black_box(WEBHOOK_BODY), 1_700_000_000, 300).is_ok())
        }
        "floor_hmac_verify" => {
            Box::new(|| floor_verify(SECRET, "msg_1", "1700000000", &headers[2].1, black_box(WEBHOOK_BODY)))
        }
        other => {
            eprintln!("unknown workload {other}");
            std::process::exit(2);
        }
    };
    for _ in 0..n {
        assert!(run());
    }
}
