//! Response parsing from arbitrary status + bytes: typed errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    if let Ok(p) = alexpay_core::parse_payout_response(status, body) {
        assert!(!p.payout_id.trim().is_empty());
    }
    if let Ok(r) = alexpay_core::parse_status_response(status, body) {
        assert!(!r.id.trim().is_empty());
    }
    if let Err(e) = alexpay_core::parse_status_response(status, body) {
        // Excerpts stay short whatever the body.
        assert!(e.to_string().len() < 600);
    }
});
