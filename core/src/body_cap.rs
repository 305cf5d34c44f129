//! The body cap: the largest response or webhook body the SDK reads. A body
//! over it is refused before any parsing (a hostile or broken peer cannot make
//! a host hold, copy or parse an arbitrarily large body; in WebAssembly,
//! whose memory never shrinks, that would be for good). Alexpay documents no
//! size; its answers are a few hundred bytes, so 1 MiB leaves ample room.

use crate::disposition::{disposition, Answer};
use crate::error::{ApiFailure, Error, ErrorCode, Result};
use crate::field::Field;
use crate::response::Operation;

/// The cap when the client sets none: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
/// The largest cap a client may set: 1 GiB.
pub const MAX_BODY_BYTES_LIMIT: usize = 1 << 30;

fn refused() -> Error {
    Error::invalid_argument(
        Field::MaxBodyBytes,
        "must be a whole number from 1 to 1073741824 (1 GiB)",
    )
}

/// The configured cap, checked: a whole number from 1 to 1 GiB.
pub(crate) fn setting(value: Option<u64>) -> Result<usize> {
    match value {
        None => Ok(DEFAULT_MAX_BODY_BYTES),
        Some(v) if (1..=MAX_BODY_BYTES_LIMIT as u64).contains(&v) => Ok(v as usize),
        Some(_) => Err(refused()),
    }
}

/// A Python int for `max_body_bytes`: out of range (negative, beyond 64
/// bits) is refused with the cap's own rule, not the generic 64-bit one.
pub fn max_body_bytes_from_i128(value: i128) -> Result<u64> {
    crate::whole_from_i128::<u64>(value, Field::MaxBodyBytes).map_err(|_| refused())
}

/// The same for a JavaScript number (a fraction, NaN or an infinity too).
pub fn max_body_bytes_from_f64(value: f64) -> Result<u64> {
    crate::whole_from_f64::<u64>(value, Field::MaxBodyBytes).map_err(|_| refused())
}

/// `Err` when an answer's body is over `max`; what that means for resending
/// is the one rule's (an unread answer to a payout is never resent).
pub(crate) fn check_response(op: Operation, http_status: u16, body: &[u8], max: usize) -> Result<()> {
    if body.len() <= max {
        return Ok(());
    }
    let answer = Answer::Unread { http_status };
    let failure = ApiFailure {
        http_status,
        api_code: None,
        api_message: None,
        payout_id: None,
        disposition: disposition(op, answer),
    };
    let what = match op {
        Operation::Payout => {
            "the answer to the payout is larger than max_body_bytes, so it was not read; \
             the payout may or may not have been created, so do NOT resend it: reconcile first"
        }
        Operation::StatusCheck => "the answer to the status check is larger than max_body_bytes, so it was not read",
    };
    Err(Error::api(
        ErrorCode::ResponseTooLarge,
        failure,
        format!("{what} (HTTP {http_status}, cap {max} bytes)"),
    ))
}

/// `Err` when a webhook body is over `max`.
pub(crate) fn check_webhook(body: &[u8], max: usize) -> Result<()> {
    if body.len() <= max {
        return Ok(());
    }
    Err(Error::field(
        ErrorCode::WebhookTooLarge,
        Field::Body,
        format!("is larger than max_body_bytes ({max} bytes), so it was not read"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disposition::Disposition;

    #[test]
    fn the_setting_is_one_byte_to_one_gib() {
        assert_eq!(setting(None), Ok(DEFAULT_MAX_BODY_BYTES));
        assert_eq!(setting(Some(1)), Ok(1));
        assert_eq!(setting(Some(1 << 30)), Ok(1 << 30));
        for bad in [0, (1 << 30) + 1, u64::MAX] {
            assert_eq!(setting(Some(bad)).unwrap_err().field_ref(), Some(Field::MaxBodyBytes));
        }
    }

    #[test]
    fn every_refusal_states_the_caps_own_range() {
        let rule = "max_body_bytes: must be a whole number from 1 to 1073741824 (1 GiB)";
        for e in [
            max_body_bytes_from_i128(-1).unwrap_err(),
            max_body_bytes_from_i128(1 << 64).unwrap_err(),
            max_body_bytes_from_f64(-1.0).unwrap_err(),
            max_body_bytes_from_f64(1.5).unwrap_err(),
            max_body_bytes_from_f64(f64::NAN).unwrap_err(),
            setting(Some(0)).unwrap_err(),
        ] {
            assert_eq!(e.message(crate::NameStyle::Snake), rule);
        }
        assert_eq!(max_body_bytes_from_f64(4096.0), Ok(4096));
        assert_eq!(max_body_bytes_from_i128(4096), Ok(4096));
    }

    #[test]
    fn an_unread_answer_to_a_payout_is_never_resent() {
        let body = vec![b' '; 11];
        assert!(check_response(Operation::Payout, 200, &body, 11).is_ok());
        // Even a 429 or a 400: the unread body may name a payout that exists.
        for status in [200, 400, 401, 429, 500, 503] {
            let e = check_response(Operation::Payout, status, &body, 10).unwrap_err();
            assert_eq!(e.code(), ErrorCode::ResponseTooLarge);
            assert_eq!(e.disposition().unwrap(), Disposition::Unknown, "HTTP {status}");
        }
        let check = |status| check_response(Operation::StatusCheck, status, &body, 10).unwrap_err();
        assert_eq!(check(200).disposition().unwrap(), Disposition::Retry);
        assert_eq!(check(404).disposition().unwrap(), Disposition::Rejected);
    }
}
