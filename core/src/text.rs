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

/// Unicode format characters (general category Cf: soft hyphen, bidi
/// controls, zero-width characters, BOM, tag characters...), private-use
/// characters and noncharacters: invisible or meaningless to a bank, so never
/// part of text we send.
const INVISIBLE: [(u32, u32); 30] = [
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xE000, 0xF8FF),
    (0xFDD0, 0xFDEF),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
    (0xF0000, 0x10FFFF),
    (0x1FFFE, 0x1FFFF),
    (0x2FFFE, 0x2FFFF),
    (0x3FFFE, 0x3FFFF),
    (0xDFFFE, 0xDFFFF),
    (0xEFFFE, 0xEFFFF),
];

/// A format, line/paragraph separator, private-use or noncharacter.
pub(crate) fn invisible(c: char) -> bool {
    let n = c as u32;
    INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&n))
}

/// A character free text may hold: no control or invisible character.
fn printable(c: char) -> bool {
    if c.is_ascii() {
        // No invisible range starts below U+00AD.
        return !c.is_ascii_control();
    }
    !c.is_control() && !invisible(c)
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

/// Checks `value` exactly as given (never trimmed): non-empty, every
/// character allowed by `ok`, at most `max` characters.
fn checked<'a>(
    value: &'a str,
    field: Field,
    empty: ErrorCode,
    invalid: ErrorCode,
    max: usize,
    ok: fn(char) -> bool,
    rule: &str,
) -> Result<&'a str> {
    if value.trim().is_empty() {
        return Err(Error::field(empty, field, "is required and must not be empty"));
    }
    if !value.chars().all(ok) {
        return Err(Error::field(invalid, field, rule));
    }
    // Never more characters than bytes: most values need no count.
    if value.len() > max && value.chars().count() > max {
        return Err(Error::field(
            invalid,
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value)
}

/// Country ids: ASCII letters and digits (`GH`, `233`).
pub(crate) fn country_id(value: &str) -> Result<&str> {
    checked(
        value,
        Field::CountryId,
        ErrorCode::InvalidCountryId,
        ErrorCode::InvalidCountryId,
        MAX_ID_CHARS,
        |c| c.is_ascii_alphanumeric(),
        "must be ASCII letters and digits only (no spaces, symbols or other scripts)",
    )
}

/// Bank ids: ASCII letters, digits, `-`, `_` and `.`; account numbers: ASCII
/// letters and digits (an IBAN in its electronic form), no separators.
pub(crate) fn bank_detail(value: &str, field: Field) -> Result<&str> {
    let (ok, rule): (fn(char) -> bool, &str) = if field == Field::BankId {
        (
            |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
            "must be ASCII letters, digits, '-', '_' or '.' only",
        )
    } else {
        (
            |c| c.is_ascii_alphanumeric(),
            "must be ASCII letters and digits only (no spaces, dashes or other scripts)",
        )
    };
    checked(
        value,
        field,
        ErrorCode::MissingBankDetails,
        ErrorCode::InvalidBankDetails,
        MAX_ID_CHARS,
        ok,
        rule,
    )
}

/// Narration: free text in any script, without invisible characters, and
/// not starting or ending with whitespace (refused, never trimmed).
pub(crate) fn narration(value: &str) -> Result<&str> {
    let err = |why: &str| Error::field(ErrorCode::InvalidNarration, Field::Narration, why.to_string());
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(err("is empty; leave it out instead of sending an empty narration"));
    }
    if trimmed.len() != value.len() {
        return Err(err("must not start or end with whitespace"));
    }
    checked(
        value,
        Field::Narration,
        ErrorCode::InvalidNarration,
        ErrorCode::InvalidNarration,
        MAX_NARRATION_CHARS,
        printable,
        "must not contain control, format (bidi, zero-width, soft hyphen, tag) or private-use characters",
    )
}

/// A normalised phone number (9 to 15 ASCII digits), kept on the stack.
pub(crate) struct PhoneDigits {
    digits: [u8; 15],
    len: usize,
}

impl PhoneDigits {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.digits[..self.len]
    }
}

/// Drops spaces, dashes, dots, parentheses and one leading `+`; the result
/// must be 9 to 15 ASCII digits, and after a `+` the country code cannot
/// start with 0 (ITU E.164). The empty string is an error, never "credit
/// the merchant's own wallet" (that is `None`).
pub(crate) fn phone_number(value: &str) -> Result<PhoneDigits> {
    let err = |why: &str| Error::field(ErrorCode::InvalidPhoneNumber, Field::PhoneNumber, why.to_string());
    let trimmed = value.trim_matches(' ');
    if trimmed.is_empty() {
        return Err(err(
            "is empty; leave it out (None/undefined) to credit the merchant's own wallet",
        ));
    }
    let international = trimmed.starts_with('+');
    let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let mut digits = PhoneDigits {
        digits: [0; 15],
        len: 0,
    };
    for c in rest.chars() {
        match c {
            '0'..='9' if digits.len < 15 => {
                digits.digits[digits.len] = c as u8;
                digits.len += 1;
            }
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
    if !(9..=15).contains(&digits.len) {
        return Err(err("must have 9 to 15 digits"));
    }
    if international && digits.digits[0] == b'0' {
        return Err(err("has a country code starting with 0, which cannot exist (E.164)"));
    }
    Ok(digits)
}

pub(crate) fn webhook_url(value: &str) -> Result<std::borrow::Cow<'_, str>> {
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
    // RFC 3986 unreserved characters only: no client percent-encodes them,
    // so the bytes sent are `request.url`'s, and no server reads them as
    // syntax (`;` is a path parameter to Tomcat-style servers: `..;`).
    let unreserved = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
    if !value.chars().all(unreserved) {
        return Err(err("must hold only ASCII letters, digits, '-', '.', '_' and '~'"));
    }
    Ok(value)
}

/// Text from UTF-16 code units (how Python and JavaScript hold strings); a
/// lone surrogate is refused naming the field (see [`Error::not_unicode`]).
pub fn text_from_utf16(units: &[u16], field: Field) -> Result<String> {
    String::from_utf16(units).map_err(|_| Error::not_unicode(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_normalisation() {
        assert_eq!(phone_number("+233 (24) 123-45.67").unwrap().as_bytes(), b"233241234567");
        assert!(phone_number("++233241234567").is_err());
        assert!(phone_number("23324123456７").is_err());
        assert!(phone_number("12345678").is_err());
        assert!(phone_number("1234567890123456").is_err());
    }

    #[test]
    fn printable_ascii_shortcut_keeps_the_rule() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(printable(c), !c.is_control() && !invisible(c), "{:X}", c as u32);
        }
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
