//! Payout request inputs and their wire body.

use std::io::Write;

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

/// The wire body, fields in the one fixed order every language shares.
struct Body {
    amount: u64,
    country_id: String,
    transfer_to: &'static str,
    momo_phone_number: Option<String>,
    bank_id: Option<String>,
    account_number: Option<String>,
    narration: Option<String>,
    webhook_url: Option<String>,
}

/// Appends `s` as a JSON string (serde_json's escaping) without a temporary
/// String. Writing to a Vec cannot fail, and neither can serialising a &str.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(&mut *out, s);
}

impl Body {
    /// The body bytes, written into one buffer (no per-field allocations).
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(192);
        let _ = write!(out, "{{\"amount\":{},\"countryId\":", self.amount);
        push_json_str(&mut out, &self.country_id);
        out.extend_from_slice(b",\"transfer_to\":");
        push_json_str(&mut out, self.transfer_to);
        let optional = [
            ("momo_phone_number", &self.momo_phone_number),
            ("bank_id", &self.bank_id),
            ("account_number", &self.account_number),
            ("narration", &self.narration),
            ("webhook_url", &self.webhook_url),
        ];
        for (name, value) in optional {
            if let Some(v) = value {
                let _ = write!(out, ",\"{name}\":");
                push_json_str(&mut out, v);
            }
        }
        out.push(b'}');
        out
    }
}

fn optional(value: &Option<String>, check: impl Fn(&str) -> Result<String>) -> Result<Option<String>> {
    value.as_deref().map(check).transpose()
}

impl MobileMoneyPayout {
    pub(crate) fn to_body(&self) -> Result<Vec<u8>> {
        Ok(Body {
            amount: text::amount(self.amount)?,
            country_id: text::country_id(&self.country_id)?,
            transfer_to: "mobile_number",
            momo_phone_number: optional(&self.phone_number, text::phone_number)?,
            bank_id: None,
            account_number: None,
            narration: optional(&self.narration, text::narration)?,
            webhook_url: optional(&self.webhook_url, text::webhook_url)?,
        }
        .encode())
    }
}

impl BankPayout {
    pub(crate) fn to_body(&self) -> Result<Vec<u8>> {
        Ok(Body {
            amount: text::amount(self.amount)?,
            country_id: text::country_id(&self.country_id)?,
            transfer_to: "bank",
            momo_phone_number: None,
            bank_id: Some(text::bank_detail(&self.bank_id, Field::BankId)?),
            account_number: Some(text::bank_detail(&self.account_number, Field::AccountNumber)?),
            narration: optional(&self.narration, text::narration)?,
            webhook_url: optional(&self.webhook_url, text::webhook_url)?,
        }
        .encode())
    }
}
