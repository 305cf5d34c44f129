//! Opt-in webhook signatures in the Standard Webhooks scheme, for deployments
//! that sign (Alexpay documents no signature). HMAC-SHA256 over
//! `{id}.{timestamp}.{body}`, keys `whsec_<base64>`, constant-time compare.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{KeyInit, Mac};
use subtle::ConstantTimeEq;

use crate::error::{Error, ErrorCode, Result};
use crate::field::Field;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Default tolerance between the signed timestamp and `now`, both ways.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

fn invalid(field: Field, reason: &str) -> Error {
    Error::field(ErrorCode::WebhookSignatureInvalid, field, reason.to_string())
}

/// Decodes `whsec_<base64>` (the prefix is optional, as in other verifiers).
fn key_bytes(secret: &str) -> Result<Vec<u8>> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
    let key = STANDARD.decode(b64.trim()).ok().filter(|k| !k.is_empty());
    key.ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidWebhookSecret,
            Field::Secret,
            "must be 'whsec_' followed by a base64 key".to_string(),
        )
    })
}

fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail; stay panic-free anyway.
    let Ok(mut mac) = HmacSha256::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// A `webhook-*` header, or its `svix-*` alias (the same scheme under the
/// name Svix senders use).
fn header<'a>(headers: &'a [(String, String)], name: &str, field: Field) -> Result<&'a str> {
    let alias = name.replacen("webhook-", "svix-", 1);
    [name, alias.as_str()]
        .iter()
        .find_map(|n| crate::headers::header(headers, n))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| invalid(field, "header is missing"))
}

/// Signs a webhook: the `webhook-signature` value (`v1,<base64>`). For
/// senders (the sandbox) and tests.
pub fn sign_webhook(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String> {
    let key = key_bytes(secret)?;
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac(&key, id, &timestamp.to_string(), body))
    ))
}

/// Verifies a signed webhook. `headers` are matched case-insensitively; any
/// one of several space-separated `v1,<sig>` entries may match (key rotation).
/// `now` is Unix seconds from the caller's clock.
pub fn verify_webhook_signature(
    secret: &str,
    headers: &[(String, String)],
    body: &[u8],
    now: i64,
    tolerance_secs: u64,
) -> Result<()> {
    let key = key_bytes(secret)?;
    let id = header(headers, "webhook-id", Field::WebhookIdHeader)?;
    let timestamp = header(headers, "webhook-timestamp", Field::WebhookTimestampHeader)?;
    let signatures = header(headers, "webhook-signature", Field::WebhookSignatureHeader)?;
    let sent: i64 = timestamp.parse().map_err(|_| {
        invalid(
            Field::WebhookTimestampHeader,
            "header is not a whole number of Unix seconds",
        )
    })?;
    let skew = now.abs_diff(sent);
    if skew > tolerance_secs {
        let when = if sent < now { "too old" } else { "too far in the future" };
        return Err(Error::field(
            ErrorCode::WebhookTimestampOutOfRange,
            Field::WebhookTimestampHeader,
            format!("is {when} ({skew} s from now; tolerance {tolerance_secs} s)"),
        ));
    }
    let expected = mac(&key, id, timestamp, body);
    let mut matched = subtle::Choice::from(0u8);
    for entry in signatures.split(' ').filter(|e| !e.is_empty()) {
        let Some(("v1", sig)) = entry.split_once(',') else {
            continue;
        };
        if let Ok(given) = STANDARD.decode(sig) {
            matched |= given.ct_eq(&expected);
        }
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(invalid(
            Field::WebhookSignatureHeader,
            "no signature matches the body; it was altered or signed with another secret",
        ))
    }
}
