//! Field validators shared by request building. Each returns the cleaned
//! value or a typed error naming the field; none echoes a secret.

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;

/// Largest amount every language can carry exactly (JavaScript's
/// `Number.MAX_SAFE_INTEGER`).
pub const MAX_AMOUNT: u64 = (1 << 53) - 1;
/// Longest narration we send; Alexpay documents no limit, so we keep a safe one.
pub const MAX_NARRATION_CHARS: usize = 255;
/// Longest country id, bank id and account number we send.
pub const MAX_ID_CHARS: usize = 64;
/// Longest payout id we put into a status-check path.
pub const MAX_PAYOUT_ID_CHARS: usize = 128;

/// A visible character: no control, line/paragraph separator or BOM.
fn printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

pub(crate) fn amount(value: u64) -> Result<u64> {
    if value == 0 {
        return Err(Error::field(
            ErrorCode::InvalidAmount,
            Field::Amount,
            "must be a positive whole number of the currency's units",
        ));
    }
    if value > MAX_AMOUNT {
        return Err(Error::field(
            ErrorCode::InvalidAmount,
            Field::Amount,
            "must not exceed 9007199254740991 (2^53 - 1)",
        ));
    }
    Ok(value)
}

/// For bindings whose numbers are signed or wider than u64 (Python ints).
pub fn amount_from_i128(value: i128) -> Result<u64> {
    match u64::try_from(value) {
        Ok(v) => amount(v),
        Err(_) if value < 0 => Err(Error::field(
            ErrorCode::InvalidAmount,
            Field::Amount,
            "must be a positive whole number, not negative",
        )),
        Err(_) => amount(u64::MAX),
    }
}

/// For bindings whose numbers are doubles (JavaScript).
pub fn amount_from_f64(value: f64) -> Result<u64> {
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(Error::field(
            ErrorCode::InvalidAmount,
            Field::Amount,
            "must be a whole number (no fractions, NaN or Infinity)",
        ));
    }
    if value < 0.0 {
        return amount_from_i128(-1);
    }
    if value > MAX_AMOUNT as f64 {
        return amount(u64::MAX);
    }
    amount(value as u64)
}

/// Trimmed, non-empty, printable, at most `max` characters.
pub(crate) fn short_text(
    value: &str,
    field: Field,
    empty: ErrorCode,
    invalid: ErrorCode,
    max: usize,
) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::field(empty, field, "is required and must not be empty"));
    }
    if !trimmed.chars().all(printable) {
        return Err(Error::field(invalid, field, "must not contain control characters"));
    }
    if trimmed.chars().count() > max {
        return Err(Error::field(
            invalid,
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(trimmed.to_string())
}

pub(crate) fn country_id(value: &str) -> Result<String> {
    short_text(
        value,
        Field::CountryId,
        ErrorCode::InvalidCountryId,
        ErrorCode::InvalidCountryId,
        MAX_ID_CHARS,
    )
}

pub(crate) fn bank_detail(value: &str, field: Field) -> Result<String> {
    short_text(
        value,
        field,
        ErrorCode::MissingBankDetails,
        ErrorCode::InvalidBankDetails,
        MAX_ID_CHARS,
    )
}

pub(crate) fn narration(value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Err(Error::field(
            ErrorCode::InvalidNarration,
            Field::Narration,
            "is empty; leave it out instead of sending an empty narration",
        ));
    }
    short_text(
        value,
        Field::Narration,
        ErrorCode::InvalidNarration,
        ErrorCode::InvalidNarration,
        MAX_NARRATION_CHARS,
    )
}

/// Drops spaces, dashes, dots, parentheses and one leading `+`; the result
/// must be 9 to 15 ASCII digits. The empty string is an error, never "credit
/// the merchant's own wallet" (that is `None`).
pub(crate) fn phone_number(value: &str) -> Result<String> {
    let err = |why: &str| Error::field(ErrorCode::InvalidPhoneNumber, Field::PhoneNumber, why.to_string());
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(err(
            "is empty; leave it out (None/undefined) to credit the merchant's own wallet",
        ));
    }
    let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' if digits.len() < 15 => digits.push(c),
            '0'..='9' => return Err(err("must have 9 to 15 digits")),
            ' ' | '-' | '.' | '(' | ')' => {}
            '+' => return Err(err("may hold a single leading '+' only")),
            _ => {
                return Err(err(
                    "must contain only digits, spaces, dashes, dots, parentheses and one leading '+'",
                ))
            }
        }
    }
    if !(9..=15).contains(&digits.len()) {
        return Err(err("must have 9 to 15 digits"));
    }
    Ok(digits)
}

pub(crate) fn webhook_url(value: &str) -> Result<String> {
    crate::url::check_http_url(value, true)
        .map_err(|why| Error::field(ErrorCode::InvalidWebhookUrl, Field::WebhookUrl, why))
}

/// A payout id goes into a URL path, so it may never change that path.
pub(crate) fn payout_id(value: &str) -> Result<&str> {
    let err = |why: &str| Error::field(ErrorCode::InvalidPayoutId, Field::PayoutId, why.to_string());
    if value.is_empty() {
        return Err(err("is required and must not be empty"));
    }
    if value == "." || value == ".." {
        return Err(err("must not be '.' or '..'"));
    }
    if value.chars().count() > MAX_PAYOUT_ID_CHARS {
        return Err(err("is too long (at most 128 characters)"));
    }
    let bad = |c: char| !c.is_ascii_graphic() || matches!(c, '/' | '\\' | '?' | '#' | '%');
    if value.chars().any(bad) {
        return Err(err(
            "must be printable ASCII without '/', '\\', '?', '#', '%' or whitespace",
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_normalisation() {
        assert_eq!(phone_number("+233 (24) 123-45.67").unwrap(), "233241234567");
        assert!(phone_number("++233241234567").is_err());
        assert!(phone_number("23324123456７").is_err());
        assert!(phone_number("12345678").is_err());
        assert!(phone_number("1234567890123456").is_err());
    }

    #[test]
    fn amounts_from_other_number_types() {
        assert_eq!(amount_from_f64(5.0).unwrap(), 5);
        assert!(amount_from_f64(1.5).is_err());
        assert!(amount_from_f64(f64::NAN).is_err());
        assert!(amount_from_f64(-0.0).is_err());
        assert!(amount_from_i128(-3).is_err());
        assert!(amount_from_i128(i128::MAX).is_err());
        assert_eq!(amount_from_i128(MAX_AMOUNT as i128).unwrap(), MAX_AMOUNT);
    }
}
