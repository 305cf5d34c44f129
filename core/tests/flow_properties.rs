//! Property tests of the flows, for any sequence of answers and times; the
//! invariants themselves live in `support/flow_check.rs`, shared with the
//! flow fuzz target:
//! - the payout request is never emitted again after an attempt that may have
//!   arrived (only connect failures and 429s naming no payout allow it);
//! - every flow ends within a bounded number of steps;
//! - the outcome never contradicts the last status report.

#[path = "support/flow_check.rs"]
mod flow_check;

use alexpay_core::TransportError;
use flow_check::*;
use proptest::prelude::*;

fn body() -> impl Strategy<Value = String> {
    prop::sample::select(BODIES.to_vec()).prop_map(String::from)
}

fn reply() -> impl Strategy<Value = Reply> {
    let status = prop::sample::select(STATUSES.to_vec());
    prop_oneof![
        prop::sample::select(vec![
            TransportError::Connect,
            TransportError::Timeout,
            TransportError::ConnectionLost
        ])
        .prop_map(Reply::Transport),
        (status.clone(), prop::sample::select(header_sets()), body()).prop_map(|(s, h, b)| Reply::Http(s, h, b)),
        Just(Reply::Silence),
        (status, body()).prop_map(|(s, b)| Reply::Stale(s, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn payout_is_never_resent_after_it_may_have_arrived(
        replies in prop::collection::vec(reply(), 1..40),
        gaps in prop::collection::vec(0u64..5_000, 40),
        wait_ms in prop::sample::select(vec![0u64, 1_000, 60_000]),
        seed in any::<u64>(),
    ) {
        if let Err(e) = check_payout(wait_ms, seed, &replies, &gaps) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn follow_and_webhook_flows_end(
        replies in prop::collection::vec(reply(), 1..40),
        gaps in prop::collection::vec(0u64..5_000, 40),
        seed in any::<u64>(),
    ) {
        if let Err(e) = check_follow(120_000, seed, &replies, &gaps) {
            prop_assert!(false, "follow: {}", e);
        }
        if let Err(e) = check_webhook(WEBHOOK_BODY, seed, &replies, &gaps) {
            prop_assert!(false, "webhook: {}", e);
        }
    }
}
