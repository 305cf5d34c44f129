//! Payout request inputs and their wire body.

use crate::error::Result;
use crate::field::Field;
use crate::text;

pub(crate) const PROCESS_PATH: &str = "/v1/payment/payouts/process";

/// A payout to a mobile-money wallet. `phone_number: None` credits the
/// merchant's own wallet (as Alexpay documents); an empty string is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MobileMoneyPayout {
    pub amount: u64,
    pub country_id: String,
    pub phone_number: Option<String>,
    pub narration: Option<String>,
    pub webhook_url: Option<String>,
}

/// A payout to a bank account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankPayout {
    pub amount: u64,
    pub country_id: String,
    pub bank_id: String,
    pub account_number: String,
    pub narration: Option<String>,
    pub webhook_url: Option<String>,
}

/// The wire body, fields in the one fixed order every language shares:
/// validated text borrowed from the input, written once into the buffer.
struct Body<'a> {
    amount: u64,
    country_id: &'a str,
    transfer_to: &'static str,
    momo_phone_number: Option<&'a [u8]>,
    bank_id: Option<&'a str>,
    account_number: Option<&'a str>,
    narration: Option<&'a str>,
    webhook_url: Option<&'a str>,
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it
/// (`\"`, `\\`, the short forms of `\b \t \n \f \r`, `\u00xx` for other
/// control bytes; nothing else), copying the runs between escapes whole.
fn push_json_str(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    let mut run = 0;
    for (i, &b) in s.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0c => b'f',
            b'\r' => b'r',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        out.extend_from_slice(&s[run..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&s[run..]);
    out.push(b'"');
}

/// Appends `n` in decimal (what `{}` writes, without the formatting machinery).
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

impl Body<'_> {
    /// The body bytes, written into one buffer sized for the usual case.
    fn encode(&self) -> Vec<u8> {
        let optional = [
            (&b",\"momo_phone_number\":"[..], self.momo_phone_number),
            (b",\"bank_id\":", self.bank_id.map(str::as_bytes)),
            (b",\"account_number\":", self.account_number.map(str::as_bytes)),
            (b",\"narration\":", self.narration.map(str::as_bytes)),
            (b",\"webhook_url\":", self.webhook_url.map(str::as_bytes)),
        ];
        let texts: usize = optional
            .iter()
            .filter_map(|(name, value)| value.map(|v| name.len() + v.len() + 2))
            .sum();
        let mut out = Vec::with_capacity(72 + self.country_id.len() + texts);
        out.extend_from_slice(b"{\"amount\":");
        push_u64(&mut out, self.amount);
        out.extend_from_slice(b",\"countryId\":");
        push_json_str(&mut out, self.country_id.as_bytes());
        out.extend_from_slice(b",\"transfer_to\":");
        push_json_str(&mut out, self.transfer_to.as_bytes());
        for (name, value) in optional {
            if let Some(v) = value {
                out.extend_from_slice(name);
                push_json_str(&mut out, v);
            }
        }
        out.push(b'}');
        out
    }
}

impl MobileMoneyPayout {
    pub(crate) fn to_body(&self) -> Result<Vec<u8>> {
        // Checked in the body's field order, so the first bad field is named.
        let amount = text::amount(self.amount)?;
        let country_id = text::country_id(&self.country_id)?;
        let phone = self.phone_number.as_deref().map(text::phone_number).transpose()?;
        let narration = self.narration.as_deref().map(text::narration).transpose()?;
        let webhook_url = self.webhook_url.as_deref().map(text::webhook_url).transpose()?;
        Ok(Body {
            amount,
            country_id,
            transfer_to: "mobile_number",
            momo_phone_number: phone.as_ref().map(text::PhoneDigits::as_bytes),
            bank_id: None,
            account_number: None,
            narration,
            webhook_url: webhook_url.as_deref(),
        }
        .encode())
    }
}

impl BankPayout {
    pub(crate) fn to_body(&self) -> Result<Vec<u8>> {
        let amount = text::amount(self.amount)?;
        let country_id = text::country_id(&self.country_id)?;
        let bank_id = text::bank_detail(&self.bank_id, Field::BankId)?;
        let account_number = text::bank_detail(&self.account_number, Field::AccountNumber)?;
        let narration = self.narration.as_deref().map(text::narration).transpose()?;
        let webhook_url = self.webhook_url.as_deref().map(text::webhook_url).transpose()?;
        Ok(Body {
            amount,
            country_id,
            transfer_to: "bank",
            momo_phone_number: None,
            bank_id: Some(bank_id),
            account_number: Some(account_number),
            narration,
            webhook_url: webhook_url.as_deref(),
        }
        .encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn json_strings_are_escaped_as_serde_json_escapes_them(s in "\\PC*|[\\x00-\\x7f]{0,40}|[\"\\\\\\x00-\\x1f a]{0,20}") {
            let mut ours = Vec::new();
            push_json_str(&mut ours, s.as_bytes());
            prop_assert_eq!(ours, serde_json::to_vec(&s).unwrap());
        }

        #[test]
        fn amounts_are_written_as_display_writes_them(n in any::<u64>()) {
            let mut ours = Vec::new();
            push_u64(&mut ours, n);
            prop_assert_eq!(ours, n.to_string().into_bytes());
        }
    }

    #[test]
    fn every_control_byte_is_escaped_as_serde_json_does() {
        let all: String = (0u8..=0x7f).map(char::from).collect();
        let mut ours = Vec::new();
        push_json_str(&mut ours, all.as_bytes());
        assert_eq!(ours, serde_json::to_vec(&all).unwrap());
        let mut zero = Vec::new();
        push_u64(&mut zero, 0);
        assert_eq!(zero, b"0");
    }
}
