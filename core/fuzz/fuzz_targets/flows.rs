//! The payout, follow and webhook flows under random sequences of answers,
//! transport failures and times, checked against the invariants shared with
//! the property tests (`core/tests/support/flow_check.rs`): no payout resend
//! after an attempt that may have arrived, every flow ends, the outcome never
//! contradicts the last status report. Bodies come from the shared list or
//! straight from the fuzzer.
#![no_main]
use alexpay_core::TransportError;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/flow_check.rs"]
mod flow_check;
use flow_check::*;

/// One answer, decoded from four fuzzer bytes and the fuzzer's own bodies.
fn reply(op: (u8, u8, u8, u8), own_bodies: &[String]) -> Reply {
    let (kind, status, body, headers) = op;
    let body = match (body as usize).checked_sub(BODIES.len()) {
        None => BODIES[body as usize].to_string(),
        Some(i) if !own_bodies.is_empty() => own_bodies[i % own_bodies.len()].clone(),
        Some(_) => String::new(),
    };
    // Any status the flows accept, or one from the list of interesting ones.
    let status = if status & 0x80 == 0 {
        STATUSES[status as usize % STATUSES.len()]
    } else {
        100 + u16::from(status & 0x7f) * 499 / 127
    };
    let headers = header_sets().swap_remove(headers as usize % 3);
    match kind % 8 {
        0 => Reply::Transport(TransportError::Connect),
        1 => Reply::Transport(TransportError::Timeout),
        2 => Reply::Transport(TransportError::ConnectionLost),
        3 => Reply::Silence,
        4 => Reply::Stale(status, body),
        _ => Reply::Http(status, headers, body),
    }
}

fuzz_target!(
    |input: (Vec<(u8, u8, u8, u8)>, Vec<String>, Vec<u32>, u8, u64, Vec<u8>)| {
        let (ops, own_bodies, gaps, wait, seed, webhook_body) = input;
        if ops.is_empty() || ops.len() > 64 || own_bodies.len() > 8 {
            return;
        }
        let replies: Vec<Reply> = ops.into_iter().map(|op| reply(op, &own_bodies)).collect();
        let gaps: Vec<u64> = if gaps.is_empty() {
            vec![0]
        } else {
            gaps.into_iter().map(u64::from).collect()
        };
        let wait_ms = [0, 1_000, 60_000, 3_600_000][wait as usize % 4];
        let body = if wait & 0x80 == 0 {
            WEBHOOK_BODY
        } else {
            &webhook_body[..]
        };
        let checks = [
            ("payout", check_payout(wait_ms, seed, &replies, &gaps)),
            ("follow", check_follow(wait_ms, seed, &replies, &gaps)),
            ("webhook", check_webhook(body, seed, &replies, &gaps)),
        ];
        for (flow, check) in checks {
            if let Err(e) = check {
                panic!("{flow} flow: {e}\nreplies: {replies:?}\ngaps: {gaps:?}\nwait_ms: {wait_ms} seed: {seed}");
            }
        }
    }
);
