//! Payout records, their documented JSON shapes, ids and timestamps.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

pub const PROCESSING: &str = "processing";
pub const SUCCESSFUL: &str = "successful";
pub const FAILED: &str = "failed";

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// ISO-8601 in UTC with milliseconds: `2026-11-23T20:36:00.123Z`.
pub fn iso8601(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

/// Ids that differ across runs and resets without a randomness crate.
pub struct IdSource {
    seed: u64,
    counter: AtomicU64,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl IdSource {
    pub fn new() -> IdSource {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        IdSource {
            seed: splitmix(nanos ^ u64::from(std::process::id()).rotate_left(32)),
            counter: AtomicU64::new(1),
        }
    }

    fn next(&self) -> u64 {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        splitmix(self.seed ^ splitmix(n))
    }

    /// A UUID-shaped payout id.
    pub fn payout_id(&self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    /// `PY_` and 16 upper-case letters and digits, as Alexpay's references.
    pub fn reference(&self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let mut x = self.next();
        let mut out = String::from("PY_");
        for i in 0..16 {
            if i == 8 {
                x = self.next();
            }
            out.push(ALPHABET[(x % 36) as usize] as char);
            x /= 36;
        }
        out
    }

    /// A webhook message id, the same across a delivery's retries.
    pub fn message_id(&self) -> String {
        format!("msg_{:016x}{:08x}", self.next(), self.next() >> 32)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferTo {
    MobileNumber,
    Bank,
}

impl TransferTo {
    pub fn as_str(self) -> &'static str {
        match self {
            TransferTo::MobileNumber => "mobile_number",
            TransferTo::Bank => "bank",
        }
    }

    pub fn method(self) -> &'static str {
        match self {
            TransferTo::MobileNumber => "mobilemoney",
            TransferTo::Bank => "bank",
        }
    }
}

/// What the payout will end as, decided from the magic inputs at creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Succeed,
    Fail(&'static str),
    /// Never leaves `processing` (for testing give-up paths).
    Stay,
}

impl Outcome {
    pub fn planned_status(&self) -> &'static str {
        match self {
            Outcome::Succeed => SUCCESSFUL,
            Outcome::Fail(_) => FAILED,
            Outcome::Stay => PROCESSING,
        }
    }
}

/// A validated payout request.
#[derive(Debug, Clone)]
pub struct NewPayout {
    pub amount: u64,
    pub country_id: String,
    pub transfer_to: TransferTo,
    pub momo_phone_number: Option<String>,
    pub bank_id: Option<String>,
    pub account_number: Option<String>,
    pub narration: Option<String>,
    pub webhook_url: Option<String>,
}

/// One payout on the ledger.
#[derive(Debug, Clone)]
pub struct PayoutRecord {
    pub id: String,
    pub reference: String,
    pub request: NewPayout,
    pub currency: &'static str,
    pub operator: String,
    pub status: &'static str,
    pub outcome: Outcome,
    pub failure_reason: Option<&'static str>,
    pub created_at_ms: u64,
    pub updated_at_ms: u64,
    /// What the client was answered: "pending" until the answer is known,
    /// then "ok", "dropped" or "http_NNN".
    pub answer: String,
    pub history: Vec<(&'static str, u64)>,
}

/// Currency by country id (ISO alpha-2, alpha-3 or name); GHS otherwise.
pub fn currency_for(country_id: &str) -> &'static str {
    match country_id.trim().to_ascii_uppercase().as_str() {
        "ZM" | "ZMB" | "ZAMBIA" => "ZMW",
        "NG" | "NGA" | "NIGERIA" => "NGN",
        "KE" | "KEN" | "KENYA" => "KES",
        "UG" | "UGA" | "UGANDA" => "UGX",
        "TZ" | "TZA" | "TANZANIA" => "TZS",
        "RW" | "RWA" | "RWANDA" => "RWF",
        "CI" | "CIV" | "SN" | "SEN" | "BJ" | "BEN" | "TG" | "TGO" | "BF" | "BFA" | "ML" | "MLI" => "XOF",
        "CM" | "CMR" => "XAF",
        _ => "GHS",
    }
}

impl PayoutRecord {
    /// 1% of the amount, to the cent.
    pub fn charge(&self) -> f64 {
        self.request.amount as f64 / 100.0
    }

    pub fn is_disbursed(&self) -> &'static str {
        if self.status == SUCCESSFUL {
            "true"
        } else {
            "false"
        }
    }

    /// The envelope message for this payout's current status.
    pub fn message(&self) -> String {
        match (self.status, self.failure_reason) {
            (FAILED, Some(reason)) => format!("Payout failed: {reason}"),
            (FAILED, None) => "Payout failed".to_string(),
            (SUCCESSFUL, _) => "Payout successful".to_string(),
            _ => "Payout is processing".to_string(),
        }
    }

    /// The documented `data` of a status check.
    pub fn status_data(&self) -> Value {
        json!({
            "id": self.id,
            "reference": self.reference,
            "amount": self.request.amount,
            "charge": self.charge(),
            "currency": self.currency,
            "environment": "sandbox",
            "type": "payout",
            "method": self.request.transfer_to.method(),
            "operator": self.operator,
            "status": self.status,
            "narration": self.request.narration,
            "is_disbursed": self.is_disbursed(),
            "failure_reason": self.failure_reason,
            "created_at": iso8601(self.created_at_ms),
            "updated_at": iso8601(self.updated_at_ms),
        })
    }

    /// A webhook body: the status-check envelope, with `payout_id` too.
    pub fn webhook_body(&self) -> Vec<u8> {
        let mut data = self.status_data();
        if let Some(map) = data.as_object_mut() {
            map.insert("payout_id".into(), Value::String(self.id.clone()));
        }
        let body = json!({
            "status": "success",
            "code": 200,
            "message": self.message(),
            "data": data,
        });
        body.to_string().into_bytes()
    }

    /// Everything the sandbox knows, for `GET /_sandbox/ledger`.
    pub fn ledger_json(&self) -> Value {
        let r = &self.request;
        json!({
            "id": self.id,
            "reference": self.reference,
            "amount": r.amount,
            "charge": self.charge(),
            "currency": self.currency,
            "countryId": r.country_id,
            "transfer_to": r.transfer_to.as_str(),
            "method": r.transfer_to.method(),
            "operator": self.operator,
            "momo_phone_number": r.momo_phone_number,
            "bank_id": r.bank_id,
            "account_number": r.account_number,
            "narration": r.narration,
            "webhook_url": r.webhook_url,
            "status": self.status,
            "planned_status": self.outcome.planned_status(),
            "failure_reason": self.failure_reason,
            "answer": self.answer,
            "created_at": iso8601(self.created_at_ms),
            "updated_at": iso8601(self.updated_at_ms),
            "history": self.history.iter().map(|(s, at)| json!({"status": s, "at": iso8601(*at)})).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_formats_known_instants() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso8601(1_795_466_161_007), "2026-11-23T20:36:01.007Z");
    }

    #[test]
    fn ids_look_right_and_differ() {
        let ids = IdSource::new();
        let a = ids.payout_id();
        let b = ids.payout_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
        let r = ids.reference();
        assert!(r.starts_with("PY_") && r.len() == 19, "{r}");
        assert!(ids.message_id().starts_with("msg_"));
    }
}
