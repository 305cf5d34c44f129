//! What the core benches share: the workloads' bytes (copied verbatim into
//! bench/python and bench/js) and the floors, the least code that does the
//! same job with the same crates (issue 13's goals are ratios to these).
#![allow(dead_code)]

use alexpay_core::*;
use serde::{Deserialize, Serialize};

pub const STATUS_BODY: &[u8] = br#"{"status":"success","code":200,"message":"Payout details retrieved","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"charge":2,"currency":"ZMW","environment":"live","type":"payout","method":"mobilemoney","operator":"MTN","status":"successful","narration":"Salary","is_disbursed":"true","created_at":"2024-05-14T10:21:33.000000Z","updated_at":"2024-05-14T10:22:05.000000Z"}}"#;
pub const WEBHOOK_BODY: &[u8] = br#"{"status":"success","code":200,"message":"Payout status changed","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"status":"successful"}}"#;
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

pub fn client() -> Client {
    Client::new(ClientConfig {
        public_key: "pk_live_bench".into(),
        secret_key: "sk_live_bench".into(),
        base_url: "https://api.alexpay.test".into(),
        user_agent: None,
        max_body_bytes: None,
    })
    .expect("valid client")
}

pub fn payout() -> MobileMoneyPayout {
    MobileMoneyPayout {
        amount: 2500,
        country_id: "GH".into(),
        phone_number: Some("+233 24 123 4567".into()),
        narration: Some("Salary for June".into()),
        webhook_url: Some("https://merchant.example/hooks/alexpay".into()),
    }
}

pub fn signed_headers() -> Vec<(String, String)> {
    let signature = sign_webhook(SECRET, "msg_1", 1_700_000_000, WEBHOOK_BODY).expect("valid secret");
    vec![
        ("webhook-id".to_string(), "msg_1".to_string()),
        ("webhook-timestamp".to_string(), "1700000000".to_string()),
        ("webhook-signature".to_string(), signature),
    ]
}

// ------------------------------------------------------------ floors

/// The status body as a typed, borrowed serde struct: no tolerance at all.
#[derive(Deserialize)]
pub struct FloorEnvelope<'a> {
    pub status: &'a str,
    pub code: u16,
    pub message: &'a str,
    #[serde(borrow)]
    pub data: FloorReport<'a>,
}

#[derive(Deserialize)]
pub struct FloorReport<'a> {
    pub id: &'a str,
    pub reference: &'a str,
    pub amount: f64,
    pub charge: f64,
    pub currency: &'a str,
    pub environment: &'a str,
    #[serde(rename = "type")]
    pub payout_type: &'a str,
    pub method: &'a str,
    pub operator: &'a str,
    pub status: &'a str,
    pub narration: &'a str,
    pub is_disbursed: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// The webhook body as a typed, borrowed serde struct.
#[derive(Deserialize)]
pub struct FloorWebhook<'a> {
    pub status: &'a str,
    pub code: u16,
    pub message: &'a str,
    #[serde(borrow)]
    pub data: FloorEvent<'a>,
}

#[derive(Deserialize)]
pub struct FloorEvent<'a> {
    pub id: &'a str,
    pub reference: &'a str,
    pub amount: f64,
    pub status: &'a str,
}

pub fn floor_status(body: &[u8]) -> Option<FloorEnvelope<'_>> {
    serde_json::from_slice(body).ok()
}

/// Parse + the confirmation's comparisons, no status normalisation.
pub fn floor_webhook(body: &[u8], report_id: &str, report_amount: f64) -> Option<bool> {
    let w: FloorWebhook<'_> = serde_json::from_slice(body).ok()?;
    Some(w.data.id == report_id && w.data.amount == report_amount)
}

#[derive(Serialize)]
struct FloorBody<'a> {
    amount: u64,
    #[serde(rename = "countryId")]
    country_id: &'a str,
    transfer_to: &'a str,
    momo_phone_number: &'a str,
    narration: &'a str,
    webhook_url: &'a str,
}

/// A payout request with serde `Serialize`, the URL and the five headers,
/// no validation (the phone already normalised).
pub fn floor_build(base_url: &str, public_key: &str, secret_key: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
    let body = serde_json::to_vec(&FloorBody {
        amount: 2500,
        country_id: "GH",
        transfer_to: "mobile_number",
        momo_phone_number: "233241234567",
        narration: "Salary for June",
        webhook_url: "https://merchant.example/hooks/alexpay",
    })
    .expect("serialises");
    let headers = vec![
        ("secret-key".to_string(), secret_key.to_string()),
        ("public-key".to_string(), public_key.to_string()),
        ("content-type".to_string(), "application/json".to_string()),
        ("accept".to_string(), "application/json".to_string()),
        ("user-agent".to_string(), DEFAULT_USER_AGENT.to_string()),
    ];
    (format!("{base_url}/v1/payment/payouts/process"), headers, body)
}

/// A minimal Standard Webhooks verify: decode the key, HMAC-SHA256 over
/// `id.timestamp.body`, base64-decode the one `v1,` signature, compare in
/// constant time (no header search, no timestamp window).
pub fn floor_verify(secret: &str, id: &str, timestamp: &str, signature: &str, body: &[u8]) -> bool {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let Ok(key) = STANDARD.decode(secret.trim_start_matches("whsec_")) else {
        return false;
    };
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) else {
        return false;
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let Ok(expected) = STANDARD.decode(signature.trim_start_matches("v1,")) else {
        return false;
    };
    mac.verify_slice(&expected).is_ok()
}
